//! WebAssembly entry point: mounts the viewer on `#article-viewer` (or the body).
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("article-viewer"));
    match root {
        Some(root) => yew::Renderer::<article_viewer::app::shell::App>::with_root(root).render(),
        None => yew::Renderer::<article_viewer::app::shell::App>::new().render(),
    };
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "article-viewer runs in the browser: build it with `trunk build --release` (see README.md)"
    );
}
