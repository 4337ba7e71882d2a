//! The only code that touches browser APIs: reading and writing the URL, listening for Back and
//! Forward, fetching files, and small document updates.

use crate::query::Query;
use crate::state::LoadError;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long a file may take to arrive completely.
pub const FETCH_TIMEOUT_SECONDS: u32 = 20;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The query in the address bar.
#[must_use]
pub fn current_query() -> Query {
    window()
        .and_then(|w| w.location().search().ok())
        .map(|search| Query::parse(&search))
        .unwrap_or_default()
}

/// Adds a history entry for `query` without reloading the page.
pub fn push_query(query: &Query) {
    let Some(window) = window() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}{}", query.to_search());
    if let Ok(history) = window.history() {
        // Failing to record history only costs the Back button an entry.
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Calls `on_change` with the new query whenever Back or Forward changes the URL. Dropping the
/// returned guard stops listening.
#[must_use]
pub fn listen_for_history(on_change: impl Fn(Query) + 'static) -> Option<EventListener> {
    let target: web_sys::EventTarget = window()?.into();
    Some(listen(&target, "popstate", move |_| {
        on_change(current_query())
    }))
}

/// A listener on an event target; dropping it stops listening.
pub struct EventListener {
    target: web_sys::EventTarget,
    name: &'static str,
    closure: Closure<dyn Fn(web_sys::Event)>,
}

impl Drop for EventListener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.name, self.closure.as_ref().unchecked_ref());
    }
}

fn describe_js_error(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Fetches `url` as bytes, with a time limit of [`FETCH_TIMEOUT_SECONDS`] for the whole answer.
///
/// # Errors
/// A network failure, a time-out, an HTTP status other than 2xx, or an HTML page instead of data.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let window = window().ok_or_else(|| LoadError::Network("no window".to_owned()))?;
    let controller = web_sys::AbortController::new().ok();
    let init = web_sys::RequestInit::new();
    if let Some(controller) = &controller {
        init.set_signal(Some(&controller.signal()));
    }
    let abort = controller.map(|controller| Closure::once(move || controller.abort()));
    let timer = abort.as_ref().and_then(|abort| {
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                abort.as_ref().unchecked_ref(),
                i32::try_from(FETCH_TIMEOUT_SECONDS * 1000).unwrap_or(i32::MAX),
            )
            .ok()
    });
    let result = fetch_with(&window, url, &init).await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    result.map_err(|error| match error {
        LoadError::Network(message) if message.contains("abort") => {
            LoadError::Timeout(FETCH_TIMEOUT_SECONDS)
        }
        other => other,
    })
}

async fn fetch_with(
    window: &web_sys::Window,
    url: &str,
    init: &web_sys::RequestInit,
) -> Result<Vec<u8>, LoadError> {
    let network = |e: JsValue| LoadError::Network(describe_js_error(&e));
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .map_err(network)?
        .dyn_into()
        .map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Http {
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let content_type = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    if content_type.to_ascii_lowercase().contains("text/html") {
        return Err(LoadError::NotJsonContent(content_type));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(network)?)
        .await
        .map_err(network)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Sets the document title.
pub fn set_title(title: &str) {
    if let Some(document) = window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Today's date in the reader's time zone.
#[must_use]
pub fn today() -> crate::date::CivilDate {
    let now = js_sys::Date::new_0();
    let year = i32::try_from(now.get_full_year()).unwrap_or(1970);
    let month = u8::try_from(now.get_month() + 1).unwrap_or(1);
    let day = u8::try_from(now.get_date()).unwrap_or(1);
    crate::date::CivilDate::new(year, month, day).unwrap_or(crate::date::CivilDate {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// The page's vertical scroll position.
#[must_use]
pub fn scroll_y() -> f64 {
    window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0)
}

/// Scrolls to `y`.
pub fn scroll_to(y: f64) {
    if let Some(window) = window() {
        window.scroll_to_with_x_and_y(0.0, y);
    }
}

/// The viewer restores scroll positions itself (the list's, when coming back to it).
pub fn take_over_scroll_restoration() {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
}

/// Brings the top of a newly opened article into view: the page's top when stand-alone, the
/// viewer's top when embedded (only if it is above the window).
pub fn scroll_to_top_of(root: &web_sys::Element, standalone: bool) {
    if standalone {
        scroll_to(0.0);
    } else if root.get_bounding_client_rect().top() < 0.0 {
        root.scroll_into_view();
    }
}

/// Resolves `url` against the page's address.
#[must_use]
pub fn absolute_url(url: &str) -> String {
    web_sys::Url::new_with_base(url, &current_url()).map_or_else(|_| url.to_owned(), |u| u.href())
}

/// Calls `on_request` with the query a host page asks for, through
/// `host.dispatchEvent(new CustomEvent("article-viewer:navigate", {detail: "?region=…"}))`.
#[must_use]
pub fn listen_for_navigate_requests(
    host: &web_sys::Element,
    on_request: impl Fn(Query) + 'static,
) -> EventListener {
    listen(host, NAVIGATE_EVENT, move |event| {
        if let Some(search) = event
            .dyn_ref::<web_sys::CustomEvent>()
            .and_then(|e| e.detail().as_string())
        {
            on_request(Query::parse(&search));
        }
    })
}

/// Calls `handler` for every `name` event on `target`, until the returned guard is dropped.
fn listen(
    target: &web_sys::EventTarget,
    name: &'static str,
    handler: impl Fn(web_sys::Event) + 'static,
) -> EventListener {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
    EventListener {
        target: target.clone(),
        name,
        closure,
    }
}

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

/// Calls `Intl.<constructor>(locale, options)` and then its `format` with `value`, catching any
/// exception (an unknown locale or time zone) as `None`.
fn intl_format(
    constructor: &str,
    locale: Option<&str>,
    options: &[(&str, JsValue)],
    method_args: &[JsValue],
) -> Option<String> {
    use js_sys::{Array, Function, Object, Reflect};
    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    let constructor: Function = Reflect::get(&intl, &JsValue::from_str(constructor))
        .ok()?
        .dyn_into()
        .ok()?;
    let options_object = Object::new();
    for (key, value) in options {
        Reflect::set(&options_object, &JsValue::from_str(key), value).ok()?;
    }
    let locale = locale.map_or(JsValue::UNDEFINED, JsValue::from_str);
    let formatter = Reflect::construct(&constructor, &Array::of2(&locale, &options_object)).ok()?;
    let format: Function = Reflect::get(&formatter, &JsValue::from_str("format"))
        .ok()?
        .dyn_into()
        .ok()?;
    let args = Array::new();
    for arg in method_args {
        args.push(arg);
    }
    format.apply(&formatter, &args).ok()?.as_string()
}

/// Dates in the reader's locale (or `language`), through `Intl`: the exact date, with the time
/// in the article's own offset, and "3 hours ago". Falls back to English when `Intl` refuses.
#[must_use]
pub fn intl_date_text(
    timestamp: &crate::date::Timestamp,
    language: Option<&str>,
) -> crate::date::DateText {
    let now_ms = js_sys::Date::now();
    #[allow(clippy::cast_possible_truncation)]
    let now = (now_ms / 1000.0) as i64;
    let exact = {
        #[allow(clippy::cast_precision_loss)]
        let millis = timestamp.epoch_seconds() as f64 * 1000.0;
        let date = js_sys::Date::new(&JsValue::from_f64(millis));
        let zone = timestamp.time_zone().unwrap_or_else(|| "UTC".to_owned());
        let mut options = vec![
            ("dateStyle", JsValue::from_str("long")),
            ("timeZone", JsValue::from_str(&zone)),
        ];
        if timestamp.time.is_some() {
            options.push(("timeStyle", JsValue::from_str("short")));
        }
        intl_format("DateTimeFormat", language, &options, &[date.into()])
    };
    let (amount, unit) = crate::date::relative_unit(timestamp.seconds_from(now, today()));
    #[allow(clippy::cast_precision_loss)]
    let relative = intl_format(
        "RelativeTimeFormat",
        language,
        &[("numeric", JsValue::from_str("auto"))],
        &[JsValue::from_f64(amount as f64), JsValue::from_str(unit)],
    );
    crate::date::DateText {
        exact: exact.unwrap_or_else(|| timestamp.to_human()),
        relative,
    }
}

/// Shares `url` with the Web Share API where the browser has it, or else copies it to the
/// clipboard. Returns what happened, for a status message.
pub async fn share_or_copy(url: &str, title: &str) -> &'static str {
    use js_sys::{Function, Object, Promise, Reflect};
    let Some(window) = window() else {
        return "Could not copy the link";
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
                return "Link shared";
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
        "Link copied"
    } else {
        "Could not copy the link: copy it from the address bar"
    }
}

/// The address of the current page.
#[must_use]
pub fn current_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Reads the stored reading preferences (the defaults when storage is unavailable).
#[must_use]
pub fn load_preferences() -> crate::prefs::Preferences {
    let stored = window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(crate::prefs::STORAGE_KEY).ok().flatten())
        .unwrap_or_default();
    crate::prefs::Preferences::parse(&stored)
}

/// Stores the reading preferences and, on the stand-alone page, mirrors the theme on
/// `<html data-av-theme>` for the page's own background (as `web/prefs.js` does before the
/// first paint). An embedded viewer leaves the host's `<html>` alone.
pub fn save_preferences(prefs: crate::prefs::Preferences, standalone: bool) {
    let Some(window) = window() else { return };
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

/// Resolves on the browser's next task (after it has had a chance to paint and handle input).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}
