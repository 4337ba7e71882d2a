// Embeds the article viewer in any page. A host page adds this one script (its URL does not
// change between builds) and one or more elements:
//
//   <script type="module" src="/viewer/embed.js"></script>
//   <div data-article-viewer data-src="/news/articles.json" data-region="Europe/Ukraine"></div>
//
// Each element becomes its own viewer, rendered in a shadow root so the host's CSS and the
// viewer's CSS cannot touch each other. The WebAssembly module loads once for all of them.
// Elements added later are picked up only when the host opts in (mountViewer, or data-observe
// on this script's tag). docs/embedding.md lists every attribute, the events and the small
// JavaScript API (element.articleViewer).
import init, { mount } from "./article-viewer.js";
import { watch } from "./stopped.js";

const here = new URL(".", import.meta.url);
// Filled in at build time by scripts/post-build.mjs (Subresource Integrity of the module).
const WASM_INTEGRITY = "__WASM_INTEGRITY__";
const ready = init({
  module_or_path: fetch(
    new URL("article-viewer_bg.wasm", here),
    WASM_INTEGRITY.startsWith("sha384-") ? { integrity: WASM_INTEGRITY } : {},
  ),
});

function upgrade(host) {
  if (host.articleViewer) return;
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  const styles = document.createElement("link");
  styles.rel = "stylesheet";
  styles.href = new URL("embed.css", here).href;
  const container = document.createElement("div");
  shadow.append(styles, container);
  watch(container);
  const navigate = (search) =>
    host.dispatchEvent(new CustomEvent("article-viewer:navigate", { detail: String(search) }));
  host.articleViewer = {
    /** Shows a view given as a query string: "?region=Asia&from=2025-01-01". */
    navigate,
    /** Sets the filters: { regions: ["Europe/Ukraine"], from: "2025-04-01", to, sort }. */
    setFilters({ regions = [], from, to, sort } = {}) {
      const params = new URLSearchParams();
      for (const region of regions) params.append("region", region);
      if (from) params.set("from", from);
      if (to) params.set("to", to);
      if (sort) params.set("sort", sort);
      navigate(`?${params}`);
    },
    /** Opens an article by id. */
    open(id) {
      navigate(`?article=${encodeURIComponent(id)}`);
    },
  };
  ready.then(() => mount(container, host));
}

/** Turns `element` (with its data-* attributes) into a viewer: for elements a host adds after
 * the page has loaded, e.g. `import { mountViewer } from "/viewer/embed.js"`. */
export function mountViewer(element) {
  upgrade(element);
}

const selector = "[data-article-viewer]";
document.querySelectorAll(selector).forEach(upgrade);

// Elements added later become viewers only when the host opts in: by calling mountViewer(), or
// with data-observe on this script's own tag. Otherwise markup that arrives later, such as a user
// comment whose data-* attributes a sanitiser kept, stays inert.
const observe = [...document.querySelectorAll("script[data-observe][src]")]
  .some((script) => new URL(script.getAttribute("src"), document.baseURI).href === import.meta.url);
if (observe) {
  new MutationObserver((changes) => {
    for (const change of changes)
      for (const node of change.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (node.matches(selector)) upgrade(node);
        node.querySelectorAll(selector).forEach(upgrade);
      }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
