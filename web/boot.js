// Starts the viewer: loads the wasm-bindgen glue and the WebAssembly module next to this file.
// scripts/post-build.mjs fills in the Subresource Integrity hash of the .wasm at build time,
// so a modified module is refused. No inline script is needed, so the page's Content Security
// Policy can forbid inline scripts.
import init from "./article-viewer.js";
import { watch } from "./stopped.js";

const WASM_INTEGRITY = "__WASM_INTEGRITY__";
const wasm = new URL("./article-viewer_bg.wasm", import.meta.url);
const options = WASM_INTEGRITY.startsWith("sha384-") ? { integrity: WASM_INTEGRITY } : {};
// Inside an <iframe>, tell the host page how tall the viewer is (web/frame-host.js applies it),
// and only the host page: its frame-host.js introduces itself with an "article-viewer:host"
// message, and heights go to that message's origin, never to "*". Listening starts before the
// module loads, so an early introduction is not missed.
if (window.parent !== window) {
  let hostOrigin = null;
  const report = () => {
    if (hostOrigin === null) return;
    window.parent.postMessage({ type: "article-viewer:height", height: document.documentElement.scrollHeight }, hostOrigin);
  };
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || event.data?.type !== "article-viewer:host") return;
    hostOrigin = event.origin;
    report();
  });
  new ResizeObserver(report).observe(document.body);
}

const root = document.getElementById("article-viewer");
if (root) watch(root);
// A published page (the publish step's prerendered copy is on screen) is complete without the
// viewer: its own text and images load first, and the viewer (WebAssembly, then the data) only
// once the page has loaded and has been painted (or after one second where no paint is
// reported: a background tab), so compiling the WebAssembly, which keeps both cores of a small
// phone busy, never competes with the page's first paint.
const prerendered = document.getElementById("article-viewer-prerendered") !== null;
if (prerendered) {
  if (document.readyState !== "complete") {
    await new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
  }
  await new Promise((resolve) => {
    if (performance.getEntriesByName("first-contentful-paint").length > 0) return resolve();
    setTimeout(resolve, 1000);
    try {
      new PerformanceObserver(() => resolve()).observe({ type: "paint", buffered: true });
    } catch {
      resolve();
    }
  });
}
// On every page, Intl's first use, which loads its data (135 ms at 4× CPU), gets a task of its
// own during the WebAssembly's download instead of lengthening the viewer's first render: the
// interface's numbers and plurals (dates come later, and cost less once the data is loaded).
const language = document.querySelector("#article-viewer-prerendered [lang]")?.lang || navigator.language || "en";
setTimeout(() => {
  try {
    new Intl.NumberFormat(language, { useGrouping: false }).format(1);
    new Intl.PluralRules(language).select(1);
  } catch {
    // An unknown language tag: the viewer falls back as it would anyway.
  }
});
await init({ module_or_path: fetch(wasm, options) });

