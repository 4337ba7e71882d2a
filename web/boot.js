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
// once the page has loaded, so on a slow connection they never compete with what the reader
// sees first.
if (document.getElementById("article-viewer-prerendered") && document.readyState !== "complete") {
  await new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
}
// Loading a language's date data is the costliest part of the viewer's first render of dates;
// done here, it falls in the wait for the WebAssembly rather than in the render's task.
const languages = new Set([...document.querySelectorAll("#article-viewer-prerendered [lang]")].map((e) => e.lang));
setTimeout(() => {
  for (const language of languages) {
    try {
      new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(0);
      new Intl.RelativeTimeFormat(language, { numeric: "auto" }).format(-1, "day");
    } catch {
      // An unknown language tag: the viewer falls back as it would anyway.
    }
  }
});
await init({ module_or_path: fetch(wasm, options) });

