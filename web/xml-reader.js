// Starts the XML reader's worker for one RSS or Atom file (imported by the viewer's WebAssembly
// glue; src/web/xml_worker.rs). The worker (xml-reader_loader.js, xml-reader.js and
// xml-reader_bg.wasm, next to the viewer's own files) carries the feed reader, so the viewer's
// own module does not; it is fetched only for a file that is XML, or whose address looks like a
// feed (then it starts while the file downloads). This file sits at snippets/<crate>/web/ in
// the build, so the viewer's folder is three levels up.
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

// A worker on its way: `ready` settles when it says "ready", or fails to start.
function startWorker() {
  const worker = new Worker(loaderUrl());
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`it did not start within ${START_SECONDS} seconds (${loader})`)),
      START_SECONDS * 1000,
    );
    worker.onmessage = (event) => {
      if (event.data !== "ready") return;
      clearTimeout(timer);
      resolve();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      clearTimeout(timer);
      reject(new Error(event.message || `it could not be loaded from ${loader}`));
    };
  });
  // A worker started ahead of need may never be asked for anything.
  ready.catch(() => {});
  return { worker, ready };
}

let prepared = null;

/** Starts the worker ahead of need, so that its download overlaps the file's. */
export function prepareXmlWorker() {
  prepared ??= startWorker();
}

/** Stops the worker started ahead of need, when the file was not XML after all. */
export function releaseXmlWorker() {
  prepared?.worker.terminate();
  prepared = null;
}

/** Reads one file (a Uint8Array, handed over) in a worker; resolves to its answer. */
export async function readInXmlWorker(bytes) {
  const { worker, ready } = prepared ?? startWorker();
  prepared = null;
  try {
    await ready;
    return await new Promise((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || "it stopped while reading the file"));
      };
      worker.postMessage(bytes, [bytes.buffer]);
    });
  } finally {
    worker.terminate();
  }
}
