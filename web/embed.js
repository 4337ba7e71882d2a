// Embeds the article viewer in any page. A host page adds this one script (its URL does not
// change between builds) and one or more elements, in either form:
//
//   <script type="module" src="/viewer/embed.js"></script>
//   <article-viewer src="/news/articles.json" region="Europe/Ukraine">
//     <a href="/news/">Latest news</a>  <!-- shown until the viewer mounts, and without JS -->
//   </article-viewer>
//   <div data-article-viewer data-src="/news/articles.json" data-region="Europe/Ukraine"></div>
//
// Each element becomes its own viewer, rendered in a shadow root so the host's CSS and the
// viewer's CSS cannot touch each other; the host themes it through --av-* custom properties and
// ::part() names. The WebAssembly module loads once for all of them. <article-viewer> follows
// its attributes after mounting and cleans up when removed; data-article-viewer elements added
// later are picked up only when the host opts in (mountViewer, or data-observe on this script's
// tag). docs/embedding.md lists every attribute, the events, the theming API and the small
// JavaScript API (the element's navigate, setFilters and open).
import init, { attributeQuery, mount } from "./article-viewer.js";
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

// Attributes of <article-viewer> that change what it shows (a navigation), and those that
// change how it works (the viewer is mounted again); `theme` goes to the running viewer.
const VIEW_ATTRIBUTES = ["region", "tag", "author", "source", "from", "to", "sort", "article", "view", "query", "q"];
const MOUNT_ATTRIBUTES = ["src", "sync-url", "article-url", "sources", "ui-language"];
const viewers = new WeakMap(); // host element → { container, fallback, mounted, stopWatching }

function api(host) {
  const navigate = (search) =>
    host.dispatchEvent(new CustomEvent("article-viewer:navigate", { detail: String(search) }));
  return {
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
}

function upgrade(host) {
  if (viewers.has(host)) return;
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  const styles = document.createElement("link");
  styles.rel = "stylesheet";
  styles.href = new URL("embed.css", here).href;
  const container = document.createElement("div");
  // The host's own children (a fallback it wrote) show through this slot until the viewer mounts.
  const fallback = document.createElement("slot");
  shadow.append(styles, container, fallback);
  watch(container);
  viewers.set(host, { container, fallback, mounted: null, stopWatching: null });
  host.articleViewer = api(host);
  ready.then(() => start(host));
}

function start(host) {
  const viewer = viewers.get(host);
  if (!viewer || viewer.mounted || !host.isConnected) return;
  viewer.mounted = mount(viewer.container, host);
  viewer.fallback.remove();
  viewer.stopWatching = followHostScheme(host, viewer.container);
}

// Unmounts: the viewer's listeners, timers and memory go with its Yew app.
function stop(host) {
  const viewer = viewers.get(host);
  if (!viewer?.mounted) return;
  viewer.stopWatching?.();
  viewer.mounted.unmount();
  viewer.mounted = null;
}

// ---------- theme "auto": the host page's color-scheme, live ----------
// The viewer's system theme uses --av-host-scheme as its color-scheme when set (styles/base.css):
// the scheme the host page declares for the element's surroundings, or none (then the OS's).
function followHostScheme(host, container) {
  const dark = matchMedia("(prefers-color-scheme: dark)");
  const update = () => {
    const around = host.parentElement ?? document.documentElement;
    const scheme = getComputedStyle(around).colorScheme;
    if (!scheme || scheme === "normal") container.style.removeProperty("--av-host-scheme");
    else container.style.setProperty("--av-host-scheme", scheme);
    requestAnimationFrame(() => checkContrast(host, container));
  };
  const observer = new MutationObserver(update);
  for (const element of new Set([document.documentElement, document.body, host.parentElement]))
    if (element) observer.observe(element, { attributes: true, attributeFilter: ["class", "style", "data-theme"] });
  dark.addEventListener("change", update);
  update();
  return () => {
    observer.disconnect();
    dark.removeEventListener("change", update);
  };
}

// ---------- contrast: a host accent that fails AA is named in the console, once ----------
const warned = new WeakSet();
const rgb = (color) => color.match(/^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)/)?.slice(1, 4).map(Number) ?? null;
const luminance = ([r, g, b]) => {
  const linear = (c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
};
const contrast = (a, b) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};

function checkContrast(host, container) {
  const root = container.querySelector(".av-root");
  if (warned.has(host) || !root || !getComputedStyle(host).getPropertyValue("--av-accent").trim()) return;
  // The used colours, whatever syntax the host wrote them in: a probe inside the viewer.
  const probe = document.createElement("span");
  probe.style.color = "var(--av-x-accent)";
  probe.style.backgroundColor = "var(--av-bg)";
  root.append(probe);
  const { color, backgroundColor } = getComputedStyle(probe);
  probe.remove();
  const [accent, background] = [rgb(color), rgb(backgroundColor)];
  if (!accent || !background) return;
  const ratio = contrast(accent, background);
  if (ratio >= 4.5) return;
  warned.add(host);
  console.warn(`article-viewer: --av-accent (${color}) has a contrast of ${ratio.toFixed(2)}:1 ` +
    `against the background (${backgroundColor}); links and labels need at least 4.5:1 (WCAG AA). ` +
    "Choose a darker or lighter accent, or give light-dark() values for both themes.");
}

// ---------- <article-viewer> ----------
class ArticleViewerElement extends HTMLElement {
  static observedAttributes = [...VIEW_ATTRIBUTES, ...MOUNT_ATTRIBUTES, "theme"];

  connectedCallback() {
    upgrade(this);
    ready.then(() => start(this));
  }

  disconnectedCallback() {
    stop(this);
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !viewers.get(this)?.mounted) return;
    if (VIEW_ATTRIBUTES.includes(name)) {
      this.navigate(attributeQuery(this));
    } else if (name === "theme") {
      this.dispatchEvent(new CustomEvent("article-viewer:theme", { detail: after ?? "system" }));
    } else {
      stop(this);
      start(this);
    }
  }

  navigate(search) { this.articleViewer.navigate(search); }
  setFilters(filters) { this.articleViewer.setFilters(filters); }
  open(id) { this.articleViewer.open(id); }
}
if (!customElements.get("article-viewer")) customElements.define("article-viewer", ArticleViewerElement);

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
