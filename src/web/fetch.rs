//! Fetching a file as bytes, with a time limit for the whole answer and errors a reader can act
//! on (network, time-out, HTTP status, an HTML page where data was expected); a large answer is
//! copied into the WebAssembly a slice per task.

use crate::state::LoadError;
use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long a file may take to arrive completely.
pub const FETCH_TIMEOUT_SECONDS: u32 = 20;

fn describe_js_error(value: &JsValue) -> String {
    super::js_error_text(value, "unknown error")
}

/// Fetches `url` as bytes, with a time limit of [`FETCH_TIMEOUT_SECONDS`] for the whole answer.
///
/// # Errors
/// A network failure, a time-out, an HTTP status other than 2xx, or an HTML page instead of data.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let window = web_sys::window().ok_or_else(|| LoadError::Network("no window".to_owned()))?;
    let controller = web_sys::AbortController::new().ok();
    let init = web_sys::RequestInit::new();
    if let Some(controller) = &controller {
        init.set_signal(Some(&controller.signal()));
    }
    // Dropping the timeout (when the answer is complete) cancels it.
    let _timeout = controller
        .map(|controller| Timeout::new(FETCH_TIMEOUT_SECONDS * 1000, move || controller.abort()));
    let result = fetch_with(&window, url, &init).await;
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
    Ok(copy_in_slices(&js_sys::Uint8Array::new(&buffer)).await)
}

/// Bytes copied into the WebAssembly's memory per task.
const COPY_BYTES_PER_TASK: u32 = 4_000_000;

/// The bytes of a fetched file, copied a slice per task: tens of megabytes in one copy would
/// hold the page for tens of milliseconds.
pub(super) async fn copy_in_slices(array: &js_sys::Uint8Array) -> Vec<u8> {
    let length = array.length();
    if length <= COPY_BYTES_PER_TASK {
        return array.to_vec();
    }
    let mut bytes = vec![0_u8; length as usize];
    let mut start = 0_u32;
    while start < length {
        let end = start.saturating_add(COPY_BYTES_PER_TASK).min(length);
        array
            .subarray(start, end)
            .copy_to(&mut bytes[start as usize..end as usize]);
        start = end;
        if start < length {
            super::next_task().await;
        }
    }
    bytes
}
