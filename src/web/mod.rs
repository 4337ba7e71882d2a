//! The only code that touches browser APIs, one small module per API. This file: the address
//! bar and history (reading and writing the query, and on a published site the article page's
//! path; Back and Forward), the page's origin and the sources it allows, a published page's
//! takeover, the document title, scrolling and how many of a list's items fill the window,
//! today's date, and yielding to the browser.
//! `fetch.rs` fetches files; `intl.rs` formats dates through `Intl`; `languages.rs` fetches
//! interface catalogues and asks `Intl` for plurals and numbers; `xml_worker.rs` hands an
//! RSS or Atom file to the XML reader's worker; `host.rs` talks to the page around an embedded
//! viewer and to `localStorage`. Nothing here depends on the components above it.

mod fetch;
mod host;
mod intl;
mod languages;
#[cfg(not(feature = "xml-reader"))]
mod xml_worker;

pub use fetch::{fetch_bytes, FETCH_TIMEOUT_SECONDS};
pub use gloo_events::EventListener;
pub use host::{
    dispatch_view_events, listen_for_navigate_requests, listen_for_theme_requests,
    load_preferences, save_preferences, share_or_copy, CHANGE_EVENT, NAVIGATE_EVENT, OPEN_EVENT,
    THEME_EVENT,
};
pub use intl::intl_date_text;
pub use languages::{fetch_catalogue, intl_rules, preferred_languages};
#[cfg(not(feature = "xml-reader"))]
pub use xml_worker::{prepare_xml_worker, read_in_xml_worker, release_xml_worker, XmlAnswer};

use crate::query::Query;
use crate::site::SiteRoot;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A thrown JavaScript value in words: an `Error`'s message, a string, or `otherwise`.
fn js_error_text(value: &JsValue, otherwise: &str) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| otherwise.to_owned())
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The mount element of the stand-alone page.
pub const MOUNT_ID: &str = "article-viewer";
/// A published page's prerendered copy of the viewer, shown until the viewer takes over.
pub const PRERENDERED_ID: &str = "article-viewer-prerendered";

/// The published site this page belongs to, if it is one: the mount element's
/// `data-site-root` (relative to the page), as an absolute path.
#[must_use]
pub fn published_site() -> Option<SiteRoot> {
    let document = window()?.document()?;
    let root = document
        .get_element_by_id(MOUNT_ID)?
        .get_attribute("data-site-root")?;
    let url = web_sys::Url::new_with_base(&root, &current_url()).ok()?;
    SiteRoot::new(&url.pathname())
}

/// The page's origin (`https://news.example`).
#[must_use]
pub fn page_origin() -> String {
    window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The origins the page allows files from besides its own: its
/// `<meta name="article-viewer-sources" content="…">`.
#[must_use]
pub fn page_allowed_sources() -> crate::sources::AllowedSources {
    let content = window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name=\"article-viewer-sources\"]")
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default();
    crate::sources::AllowedSources::parse(&content).0
}

/// The view the address bar names: its query, and on a published site the article its path
/// names (an article page), else the query's `article`.
#[must_use]
pub fn current_query() -> Query {
    let Some(location) = window().map(|w| w.location()) else {
        return Query::default();
    };
    let mut query = Query::parse(&location.search().unwrap_or_default());
    let path = location.pathname().unwrap_or_default();
    if let Some(id) = published_site().and_then(|site| site.article_in_path(&path)) {
        query.article = Some(id);
    }
    query
}

/// Shows the viewer in place of the prerendered page (a published page, once the viewer has
/// rendered the same view). The prerendered page is shown until it has loaded and painted (so
/// its images are what the reader first sees, and the swap draws nothing new). Does nothing
/// elsewhere.
pub fn finish_takeover() {
    let Some(window) = window() else { return };
    let loaded = window
        .document()
        .is_none_or(|document| document.ready_state() == "complete");
    if loaded {
        after_next_paint(swap_in_viewer);
    } else {
        let target: web_sys::EventTarget = window.into();
        EventListener::once(&target, "load", |_| after_next_paint(swap_in_viewer)).forget();
    }
}

/// Calls `then` at the start of the frame after the browser's next paint, so what it changes
/// is painted one frame after what is pending now.
pub fn in_frame_after_next_paint(then: impl FnOnce() + 'static) {
    after_next_paint(move || on_next_frame(then));
}

/// Calls `then` in a task after the browser's next paint: what it renders is laid out by the
/// browser in the next frame, apart from the task that renders it.
pub fn after_next_paint(then: impl FnOnce() + 'static) {
    on_next_frame(move || {
        gloo_timers::callback::Timeout::new(0, then).forget();
    });
}

/// Calls `then` at the start of the next frame (at once where no frame can be asked for).
fn on_next_frame(then: impl FnOnce() + 'static) {
    let pending = std::rc::Rc::new(std::cell::Cell::new(Some(then)));
    let in_frame = std::rc::Rc::clone(&pending);
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(then) = in_frame.take() {
            then();
        }
    });
    let asked = window().is_some_and(|w| w.request_animation_frame(frame.unchecked_ref()).is_ok());
    if !asked {
        if let Some(then) = pending.take() {
            then();
        }
    }
}

fn swap_in_viewer() {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(prerendered) = document.get_element_by_id(PRERENDERED_ID) {
        prerendered.remove();
        // The icon's and the feed's links are relative to this page; once the address changes
        // to another page of the site they would point elsewhere (the browser fetches the icon
        // again). Stylesheets are left alone: setting their href would load them again.
        let page = current_url();
        let selector = "head link[rel~=\"icon\"][href], head link[rel=\"alternate\"][href]";
        if let Ok(links) = document.query_selector_all(selector) {
            for element in (0..links.length()).filter_map(|i| links.item(i)) {
                let Ok(link) = element.dyn_into::<web_sys::Element>() else {
                    continue;
                };
                let absolute = link
                    .get_attribute("href")
                    .and_then(|href| web_sys::Url::new_with_base(&href, &page).ok());
                if let Some(url) = absolute {
                    let _ = link.set_attribute("href", &url.href());
                }
            }
        }
        if let Some(mount) = document.get_element_by_id(MOUNT_ID) {
            let _ = mount.remove_attribute("hidden");
        }
    }
}

/// Adds a history entry for `query` without reloading the page: on a published site the
/// view's page (`articles/<id>/`), elsewhere this page with the query.
pub fn push_query(query: &Query) {
    record_query(query, false);
}

/// Puts `query` in the address in place of the current history entry.
pub fn replace_query(query: &Query) {
    record_query(query, true);
}

fn record_query(query: &Query, replace: bool) {
    let Some(window) = window() else { return };
    let url = match published_site() {
        Some(site) => site.href(query),
        None => {
            let path = window.location().pathname().unwrap_or_default();
            format!("{path}{}", query.to_search())
        }
    };
    if let Ok(history) = window.history() {
        // Failing to record history only costs the Back button an entry.
        let _ = if replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}

/// Calls `on_change` with the new query whenever Back or Forward changes the URL. Dropping the
/// returned guard stops listening.
#[must_use]
pub fn listen_for_history(on_change: impl Fn(Query) + 'static) -> Option<EventListener> {
    let target: web_sys::EventTarget = window()?.into();
    Some(EventListener::new(&target, "popstate", move |_| {
        on_change(current_query())
    }))
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

/// How many of the items `selector` finds in `root` (a list's, in order) it takes to fill the
/// window from the first item's top down, judged by the shortest of those on screen so that a
/// list of shorter items is still filled; `None` when there are none or nothing is laid out.
#[must_use]
pub fn items_to_fill_window(root: &web_sys::Element, selector: &str) -> Option<usize> {
    let bottom = window()?.inner_height().ok()?.as_f64()?;
    let items = root.query_selector_all(selector).ok()?;
    let rect = |i: u32| {
        items
            .get(i)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
            .map(|item| item.get_bounding_client_rect())
    };
    let top = rect(0)?.top();
    let mut shortest = f64::INFINITY;
    for i in 0..items.length() {
        let Some(item) = rect(i) else { break };
        if item.height() > 0.0 {
            shortest = shortest.min(item.height());
        }
        if item.bottom() >= bottom {
            break;
        }
    }
    if !shortest.is_finite() {
        return None;
    }
    // At least one; a list below the window's bottom needs none yet, but one costs little.
    let count = ((bottom - top).max(0.0) / shortest).ceil().max(1.0);
    // Whole and positive: the conversion is exact below 2^53, and the caller caps it.
    Some(count.min(f64::from(u16::MAX)) as usize)
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

/// The address of the current page.
#[must_use]
pub fn current_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Milliseconds since the epoch, as the page's clock has them.
#[must_use]
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Resolves on the browser's next task (after it has had a chance to paint and handle input).
/// A message to itself, not a timer: nested timers wait at least 4 ms each, which a file read
/// in a few hundred slices would pay in full.
pub async fn next_task() {
    let channel = web_sys::MessageChannel::new().ok();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(channel) = &channel {
            channel.port1().set_onmessage(Some(&resolve));
            if channel.port2().post_message(&JsValue::NULL).is_ok() {
                return;
            }
        }
        if let Some(window) = window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
    if let Some(channel) = channel {
        channel.port1().set_onmessage(None);
        channel.port1().close();
    }
}
