//! Talking to the page around the viewer: the custom events an embedded viewer sends and
//! receives, sharing or copying a link, and the reading preferences in `localStorage`.

use crate::query::Query;
use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Events an embedded viewer sends to its host element.
pub const CHANGE_EVENT: &str = "article-viewer:change";
pub const OPEN_EVENT: &str = "article-viewer:open";
/// The event a host sends to show a view.
pub const NAVIGATE_EVENT: &str = "article-viewer:navigate";

/// Tells the host what is shown: `article-viewer:change` with `{search, article}` after every
/// change, and `article-viewer:open` with `{id, title}` when an article opens. Both bubble and
/// cross the shadow boundary.
pub fn dispatch_view_events(
    host: &web_sys::Element,
    query: &Query,
    opened: Option<&(String, String)>,
) {
    use js_sys::{Object, Reflect};
    let send = |name: &str, detail: &Object| {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = host.dispatch_event(&event);
        }
    };
    let detail = Object::new();
    let _ = Reflect::set(&detail, &"search".into(), &query.to_search().into());
    let article = query
        .article
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from_str);
    let _ = Reflect::set(&detail, &"article".into(), &article);
    send(CHANGE_EVENT, &detail);
    if let Some((id, title)) = opened {
        let detail = Object::new();
        let _ = Reflect::set(&detail, &"id".into(), &id.as_str().into());
        let _ = Reflect::set(&detail, &"title".into(), &title.as_str().into());
        send(OPEN_EVENT, &detail);
    }
}

/// The event a host page's `<article-viewer>` sends when its `theme` attribute changes
/// (`detail`: the new value).
pub const THEME_EVENT: &str = "article-viewer:theme";

/// Calls `on_theme` with each theme the host page asks for through [`THEME_EVENT`].
pub fn listen_for_theme_requests(
    host: &web_sys::Element,
    on_theme: impl Fn(crate::prefs::Theme) + 'static,
) -> EventListener {
    EventListener::new(host, THEME_EVENT, move |event| {
        let theme = event
            .dyn_ref::<web_sys::CustomEvent>()
            .and_then(|e| e.detail().as_string())
            .and_then(|value| crate::embed::parse_theme(&value));
        if let Some(theme) = theme {
            on_theme(theme);
        }
    })
}

/// Calls `on_request` with the query a host page asks for, through
/// `host.dispatchEvent(new CustomEvent("article-viewer:navigate", {detail: "?region=…"}))`.
pub fn listen_for_navigate_requests(
    host: &web_sys::Element,
    on_request: impl Fn(Query) + 'static,
) -> EventListener {
    EventListener::new(host, NAVIGATE_EVENT, move |event| {
        if let Some(search) = event
            .dyn_ref::<web_sys::CustomEvent>()
            .and_then(|e| e.detail().as_string())
        {
            on_request(Query::parse(&search));
        }
    })
}

/// Shares `url` with the Web Share API where the browser has it, or else copies it to the
/// clipboard. Returns the catalogue key of what happened, for a status message.
pub async fn share_or_copy(url: &str, title: &str) -> &'static str {
    use js_sys::{Function, Object, Promise, Reflect};
    let Some(window) = web_sys::window() else {
        return "copy-failed";
    };
    let navigator: JsValue = window.navigator().into();
    let call = |object: &JsValue, method: &str, arg: &JsValue| -> Option<Promise> {
        let function: Function = Reflect::get(object, &JsValue::from_str(method))
            .ok()?
            .dyn_into()
            .ok()?;
        function.call1(object, arg).ok()?.dyn_into().ok()
    };
    let coarse_pointer = window
        .match_media("(pointer: coarse)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    if coarse_pointer {
        let data = Object::new();
        let _ = Reflect::set(&data, &JsValue::from_str("url"), &JsValue::from_str(url));
        let _ = Reflect::set(
            &data,
            &JsValue::from_str("title"),
            &JsValue::from_str(title),
        );
        if let Some(promise) = call(&navigator, "share", &data) {
            if JsFuture::from(promise).await.is_ok() {
                return "link-shared";
            }
        }
    }
    let clipboard =
        Reflect::get(&navigator, &JsValue::from_str("clipboard")).unwrap_or(JsValue::UNDEFINED);
    let copied = match call(&clipboard, "writeText", &JsValue::from_str(url)) {
        Some(promise) => JsFuture::from(promise).await.is_ok(),
        None => false,
    };
    if copied {
        "link-copied"
    } else {
        "copy-failed"
    }
}

/// Reads the stored reading preferences (the defaults when storage is unavailable).
#[must_use]
pub fn load_preferences() -> crate::prefs::Preferences {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(crate::prefs::STORAGE_KEY).ok().flatten())
        .unwrap_or_default();
    crate::prefs::Preferences::parse(&stored)
}

/// Stores the reading preferences and, on the stand-alone page, mirrors the theme on
/// `<html data-av-theme>` for the page's own background (as `web/prefs.js` does before the
/// first paint). An embedded viewer leaves the host's `<html>` alone.
pub fn save_preferences(prefs: crate::prefs::Preferences, standalone: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(storage) = window.local_storage().ok().flatten() {
        let _ = storage.set_item(crate::prefs::STORAGE_KEY, &prefs.to_storage());
    }
    if !standalone {
        return;
    }
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        use crate::prefs::Choice;
        let _ = root.set_attribute("data-av-theme", prefs.theme.value());
    }
}
