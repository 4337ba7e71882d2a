//! The XML reader's worker, started by `web/xml-reader.js` (a worker's address must be a
//! Trusted Types script URL on the viewer's page, which that script makes): an RSS or Atom
//! file goes in, the texts of [`crate::format::handover`] come out.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/web/xml-reader.js")]
extern "C" {
    /// Resolves to `["collection", v1 bytes, problems text]` or `["error", failure text]`;
    /// rejects when the worker does not start or stops.
    #[wasm_bindgen(js_name = readInXmlWorker, catch)]
    fn read_in_worker(bytes: js_sys::Uint8Array) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_name = prepareXmlWorker, catch)]
    fn prepare() -> Result<(), JsValue>;

    #[wasm_bindgen(js_name = releaseXmlWorker)]
    fn release();
}

/// Starts the worker ahead of need (for a file whose address looks like a feed), so that it
/// downloads and compiles while the file does. A failure here shows later, when it is used.
pub fn prepare_xml_worker() {
    let _ = prepare();
}

/// Stops the worker started ahead of need, when the file was not XML after all.
pub fn release_xml_worker() {
    release();
}

/// What the worker answered.
pub enum XmlAnswer {
    /// The feed as a v1 collection (its bytes), and its problems.
    Read {
        collection: Vec<u8>,
        problems: String,
    },
    /// Why the feed could not be read.
    Failure(String),
}

fn describe(value: &JsValue) -> String {
    super::js_error_text(value, "it stopped without saying why")
}

/// Reads an RSS or Atom file in the worker.
///
/// # Errors
/// In words, when the worker could not be started or stopped before answering.
pub async fn read_in_xml_worker(bytes: Vec<u8>) -> Result<XmlAnswer, String> {
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    drop(bytes);
    let promise = read_in_worker(array).map_err(|e| describe(&e))?;
    let answer = JsFuture::from(promise).await.map_err(|e| describe(&e))?;
    let answer = js_sys::Array::from(&answer);
    let text = |index| answer.get(index).as_string();
    match (text(0).as_deref(), answer.get(1), text(2)) {
        (Some("collection"), collection, Some(problems)) => {
            let collection = collection
                .dyn_into::<js_sys::Uint8Array>()
                .map_err(|_| "its answer was garbled".to_owned())?;
            Ok(XmlAnswer::Read {
                collection: super::fetch::copy_in_slices(&collection).await,
                problems,
            })
        }
        (Some("error"), failure, _) => failure
            .as_string()
            .map(XmlAnswer::Failure)
            .ok_or_else(|| "its answer was garbled".to_owned()),
        _ => Err("its answer was garbled".to_owned()),
    }
}
