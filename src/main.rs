//! WebAssembly entry point. On the stand-alone page, `main` mounts the viewer on
//! `#article-viewer`; on a host page, `embed.js` calls [`mount`] for each `<article-viewer>` and
//! `[data-article-viewer]` element (the module is loaded once for all of them).
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

/// An embedded viewer, mounted; `unmount()` removes it with its listeners and memory.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub struct MountedViewer {
    app: Option<yew::AppHandle<article_viewer::app::shell::App>>,
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
impl MountedViewer {
    /// Removes the viewer (a second call does nothing).
    pub fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Mounts one embedded viewer into `container` (inside `host`'s shadow root), configured by
/// `host`'s attributes (`data-*`, or the same names without the prefix on `<article-viewer>`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount(container: web_sys::Element, host: web_sys::Element) -> MountedViewer {
    MountedViewer {
        app: Some(article_viewer::app::shell::mount_embedded(container, host)),
    }
}

/// The view `host`'s attributes ask for, as a query string (for `navigate` when one changes).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = attributeQuery)]
pub fn attribute_query(host: web_sys::Element) -> String {
    article_viewer::embed::attribute_query(&article_viewer::app::shell::host_attributes(&host))
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "article-viewer runs in the browser: build it with `trunk build --release` (see README.md)"
    );
}
