//! The XML reader's worker (built by Trunk with the `xml-reader` feature, apart from the
//! viewer's WebAssembly): it says `"ready"`, then reads each RSS or Atom file posted to it as
//! bytes and answers with `["collection", v1 bytes, problems text]` or `["error", failure text]`
//! (the texts of `article_viewer::format::handover`).
#![forbid(unsafe_code)]

#[cfg(target_arch = "wasm32")]
fn main() {
    use article_viewer::format::{parse_collection_bytes, write};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        return;
    };
    let reply = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
            let (answer, transfer) = match parse_collection_bytes(&bytes) {
                Ok(parsed) => {
                    let collection = &parsed.collection;
                    let articles: Vec<_> =
                        collection.articles.iter().map(|a| (&**a, None)).collect();
                    let v1 = write::collection_file(
                        collection.title.as_deref(),
                        collection.language.as_ref().map(|l| l.as_str()),
                        &articles,
                    );
                    // Bytes, handed over (not copied) to the page, which copies them into its
                    // own WebAssembly a slice per task: a string of tens of megabytes would be
                    // decoded in one long task there.
                    let v1 = js_sys::Uint8Array::from(v1.as_slice());
                    let answer = js_sys::Array::of3(
                        &JsValue::from_str("collection"),
                        &v1,
                        &JsValue::from_str(&write::problems_file(&parsed.skipped, &parsed.notices)),
                    );
                    (answer, js_sys::Array::of1(&v1.buffer()))
                }
                Err(error) => (
                    js_sys::Array::of2(
                        &JsValue::from_str("error"),
                        &JsValue::from_str(&write::failure_file(&error)),
                    ),
                    js_sys::Array::new(),
                ),
            };
            // Posting back can only fail for values that cannot be cloned; these can.
            let _ = reply.post_message_with_transfer(&answer, &transfer);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "xml-reader is the viewer's web worker for RSS and Atom: Trunk builds it (see README.md)"
    );
}
