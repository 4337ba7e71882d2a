//! Fetching a file as bytes, with a time limit for the whole answer and errors a reader can act
//! on (network, time-out, HTTP status, an HTML page where data was expected). The answer is read
//! as a stream, a piece per task as it arrives, and then copied into the WebAssembly a slice
//! per task: a large file never holds the page in one long task.

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
    let Some(body) = response.body() else {
        // No body stream (an empty answer, or a browser without streams).
        let buffer = JsFuture::from(response.array_buffer().map_err(network)?)
            .await
            .map_err(network)?;
        return Ok(copy_in_slices(&js_sys::Uint8Array::new(&buffer)).await);
    };
    let pieces = read_stream(&body).await.map_err(network)?;
    Ok(copy_pieces_in_slices(&pieces).await)
}

/// The pieces of a body stream as they arrived, kept outside the WebAssembly's memory until
/// the whole is known (so its memory grows once, by the file's size). Reading the answer whole
/// (`Response.arrayBuffer`) would join tens of megabytes in one task of the browser's own.
async fn read_stream(body: &web_sys::ReadableStream) -> Result<Vec<js_sys::Uint8Array>, JsValue> {
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().dyn_into()?;
    let mut pieces = Vec::new();
    loop {
        let result = JsFuture::from(reader.read()).await?;
        if js_sys::Reflect::get(&result, &JsValue::from_str("done"))?.is_truthy() {
            return Ok(pieces);
        }
        let value = js_sys::Reflect::get(&result, &JsValue::from_str("value"))?;
        pieces.push(value.dyn_into::<js_sys::Uint8Array>()?);
    }
}

/// Bytes copied into the WebAssembly's memory per task.
const COPY_BYTES_PER_TASK: u32 = 4_000_000;

/// The bytes of a fetched file, copied a slice per task: tens of megabytes in one copy would
/// hold the page for tens of milliseconds.
pub(super) async fn copy_in_slices(array: &js_sys::Uint8Array) -> Vec<u8> {
    copy_pieces_in_slices(std::slice::from_ref(array)).await
}

/// The bytes of `pieces` joined, copied into the WebAssembly a slice per task. The buffer grows
/// a slice at a time (its room reserved once): zeroing tens of megabytes up front is itself a
/// long task.
async fn copy_pieces_in_slices(pieces: &[js_sys::Uint8Array]) -> Vec<u8> {
    if let [only] = pieces {
        if only.length() <= COPY_BYTES_PER_TASK {
            return only.to_vec();
        }
    }
    let total: usize = pieces.iter().map(|piece| piece.length() as usize).sum();
    let mut bytes = Vec::with_capacity(total);
    let mut since_yield = 0_u32;
    for piece in pieces {
        let length = piece.length();
        let mut start = 0_u32;
        while start < length {
            if since_yield >= COPY_BYTES_PER_TASK {
                super::next_task().await;
                since_yield = 0;
            }
            let end = start
                .saturating_add(COPY_BYTES_PER_TASK - since_yield)
                .min(length);
            let at = bytes.len();
            bytes.resize(at + (end - start) as usize, 0);
            piece.subarray(start, end).copy_to(&mut bytes[at..]);
            since_yield += end - start;
            start = end;
        }
    }
    bytes
}
