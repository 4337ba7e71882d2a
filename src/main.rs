//! WebAssembly entry point. On the stand-alone page, `main` mounts the viewer on
//! `#article-viewer`; on a host page, `embed.js` calls [`mount`] for each `[data-article-viewer]`
//! element (the module is loaded once for all of them).
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("article-viewer"));
    if let Some(root) = root {
        yew::Renderer::<article_viewer::app::shell::App>::with_root(root).render();
    }
}

/// Mounts one embedded viewer into `container` (inside `host`'s shadow root), configured by
/// `host`'s `data-*` attributes.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount(container: web_sys::Element, host: web_sys::Element) {
    article_viewer::app::shell::mount_embedded(container, host);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "article-viewer runs in the browser: build it with `trunk build --release` (see README.md)"
    );
}
