// Starts the XML reader's worker for one RSS or Atom file (imported by the viewer's WebAssembly
// glue; src/web/xml_worker.rs). The worker (xml-reader_loader.js, xml-reader.js and
// xml-reader_bg.wasm, next to the viewer's own files) carries the feed reader, so the viewer's
// own module does not; it is fetched only when a file is XML. This file sits at
// snippets/<crate>/web/ in the build, so the viewer's folder is three levels up.
const loader = new URL("../../../xml-reader_loader.js", import.meta.url).href;
// How long the worker may take to start (its WebAssembly arriving), not to read.
const START_SECONDS = 20;

let policy = null;
// The page's Content Security Policy requires Trusted Types for scripts: a worker's address
// must come from a policy, and this one lets exactly the reader's loader through.
function loaderUrl() {
  if (!globalThis.trustedTypes?.createPolicy) return loader;
  policy ??= trustedTypes.createPolicy("article-viewer-xml-reader", {
    createScriptURL: (url) => {
      if (url !== loader) throw new TypeError(`not the XML reader: ${url}`);
      return url;
    },
  });
  return policy.createScriptURL(loader);
}

export function readInXmlWorker(bytes) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(loaderUrl());
    const stop = (error) => {
      clearTimeout(timer);
      worker.terminate();
      if (error) reject(error);
    };
    const timer = setTimeout(
      () => stop(new Error(`it did not start within ${START_SECONDS} seconds (${loader})`)),
      START_SECONDS * 1000,
    );
    worker.onmessage = (event) => {
      if (event.data === "ready") {
        clearTimeout(timer);
        worker.postMessage(bytes, [bytes.buffer]);
        return;
      }
      stop(null);
      resolve(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      stop(new Error(event.message || `it could not be loaded from ${loader}`));
    };
  });
}
