//! Focus helpers for components and the shell, on both targets (natively they compile for the
//! render tests and are never called): focus moves without scrolling, and lookups stay inside
//! the viewer's own root, which may sit in a host page's shadow root.

use wasm_bindgen::JsCast;

/// Moves keyboard focus to `element` without scrolling to it.
pub fn focus(element: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}

/// Moves keyboard focus to the element matching `selector` inside `root`, without scrolling.
pub fn focus_within(root: &web_sys::Element, selector: &str) {
    if let Some(element) = root
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        focus(&element);
    }
}

/// The viewer's root element (`.av-root`) around `element`.
#[must_use]
pub fn viewer_root_of(element: &web_sys::Element) -> Option<web_sys::Element> {
    element.closest(".av-root").ok().flatten()
}
