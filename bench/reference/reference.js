// BENCHMARK REFERENCE — not the product.
// A plain JavaScript viewer (no framework, no build step, no dependencies) that does the same job
// as the Rust/Yew article viewer on the same data, with the same markup classes, so benchmarks can
// compare the Rust viewer against "the platform itself". Validation is deliberately light.
// Every piece of data reaches the page through textContent / attributes, never innerHTML.
"use strict";

const LIST_LIMIT = 20;
const WORDS_PER_MINUTE = 230;
const UNSPECIFIED = "~unspecified";
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const root = document.getElementById("av-reference");
let data = null; // { title, articles, days, instants, order, nodes, roots, artNodes, months, monthOf, unspecifiedTotal }
let ui = null; // persistent filter-panel elements, built once per file

// ---------- small helpers ----------
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}
function dayNumber(text) { // days since 1970-01-01, or null
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / 86400000;
}
const articlesCount = (n) => (n === 1 ? "1 article" : `${n} articles`);
const longDate = (day) => `${+day.slice(8, 10)} ${MONTHS[+day.slice(5, 7) - 1]} ${day.slice(0, 4)}`;
const spanText = (text) => (typeof text === "string" ? text
  : Array.isArray(text) ? text.map((s) => (s && typeof s.text === "string" ? s.text : "")).join("") : "");
const words = (s) => { const t = s.trim(); return t ? t.split(/\s+/).length : 0; };
function textOf(a) { // paragraphs and reading minutes (0: no text), worked out when first shown, as Rust does
  if (!a.text) {
    const paragraphs = a.body.filter((b) => b && b.type === "paragraph").map((b) => spanText(b.text));
    a.text = { paragraphs, minutes: Math.ceil(paragraphs.reduce((n, p) => n + words(p), 0) / WORDS_PER_MINUTE) };
  }
  return a.text;
}
function safeUrl(src, base) { // http(s) only, resolved against the collection file
  try { const u = new URL(src, base); return u.protocol === "http:" || u.protocol === "https:" ? u.href : null; }
  catch { return null; }
}

// ---------- URL state ----------
function readQuery() {
  const p = new URLSearchParams(location.search);
  const okDay = (v) => (v && dayNumber(v) !== null ? v : null);
  return {
    src: p.get("src"),
    regions: [...new Set(p.getAll("region").map((r) => (r === UNSPECIFIED ? r : r.split("/").map((s) => s.trim()).join("/"))))],
    from: okDay(p.get("from")),
    to: okDay(p.get("to")),
    sort: p.get("sort") === "oldest" ? "oldest" : "newest",
    article: p.get("article"),
  };
}
function toSearch(q) {
  const p = new URLSearchParams();
  if (q.src) p.append("src", q.src);
  for (const r of q.regions) p.append("region", r);
  if (q.from) p.append("from", q.from);
  if (q.to) p.append("to", q.to);
  if (q.sort === "oldest") p.append("sort", "oldest");
  if (q.article) p.append("article", q.article);
  const s = p.toString();
  return s ? `?${s}` : location.pathname;
}
function navigate(change) {
  const q = Object.assign(readQuery(), { article: null }, change);
  const next = toSearch(q);
  if (next !== (location.search || location.pathname)) history.pushState(null, "", next);
  render();
}

// ---------- index, built once per file ----------
function buildIndex(json, base) {
  const articles = [];
  const seen = new Set();
  for (const a of Array.isArray(json && json.articles) ? json.articles : []) {
    if (!a || typeof a.id !== "string" || !a.id || seen.has(a.id) || typeof a.title !== "string"
      || typeof a.published !== "string" || dayNumber(a.published.slice(0, 10)) === null) continue;
    seen.add(a.id);
    const regions = (Array.isArray(a.regions) ? a.regions : []).filter((r) => typeof r === "string")
      .map((r) => r.split("/").map((s) => s.trim())).filter((segs) => segs.every((s) => s));
    const img = a.image && typeof a.image.src === "string" ? a.image : null;
    articles.push({
      id: a.id, title: a.title, published: a.published,
      standfirst: typeof a.standfirst === "string" ? a.standfirst : null,
      regions, body: Array.isArray(a.body) ? a.body : [], text: null, // text: see textOf, on first display
      image: img && safeUrl(img.src, base) ? { src: safeUrl(img.src, base), alt: typeof img.alt === "string" ? img.alt : "",
        width: Number.isInteger(img.width) ? img.width : null, height: Number.isInteger(img.height) ? img.height : null } : null,
    });
  }
  const n = articles.length;
  const days = new Int32Array(n);
  const instants = new Float64Array(n);
  articles.forEach((a, i) => {
    days[i] = dayNumber(a.published.slice(0, 10));
    const t = a.published.length > 10 ? Date.parse(a.published) : NaN;
    instants[i] = Number.isNaN(t) ? days[i] * 86400000 : t;
  });
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => days[b] - days[a]
    || instants[b] - instants[a] || (articles[a].id < articles[b].id ? -1 : articles[a].id > articles[b].id ? 1 : 0));

  const nodes = []; const byPath = new Map(); const artNodes = []; let unspecifiedTotal = 0;
  for (const a of articles) {
    const mine = new Set();
    if (!a.regions.length) unspecifiedTotal++;
    for (const segs of a.regions) {
      let parent = -1;
      for (let depth = 1; depth <= segs.length; depth++) {
        const path = segs.slice(0, depth).join("/");
        let node = byPath.get(path);
        if (node === undefined) {
          node = nodes.length;
          nodes.push({ path, name: segs[depth - 1], parent, children: [] });
          if (parent >= 0) nodes[parent].children.push(node);
          byPath.set(path, node);
        }
        mine.add(node);
        parent = node;
      }
    }
    artNodes.push(Int32Array.from(mine));
  }
  const byName = (x, y) => (nodes[x].name < nodes[y].name ? -1 : nodes[x].name > nodes[y].name ? 1 : 0);
  for (const node of nodes) node.children.sort(byName);
  const roots = nodes.map((_, i) => i).filter((i) => nodes[i].parent < 0).sort(byName);
  const months = [...new Set(articles.map((a) => a.published.slice(0, 7)))].sort();
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const monthOf = Int32Array.from(articles, (a) => monthIndex.get(a.published.slice(0, 7)));
  return { title: typeof json.title === "string" ? json.title : "Articles", articles, days, order,
    nodes, roots, byPath, artNodes, months, monthOf, unspecifiedTotal };
}

// ---------- filtering and facet counts ----------
function evaluate(q) {
  const { articles, days, artNodes, nodes, byPath, months, monthOf } = data;
  const from = q.from ? dayNumber(q.from) : -Infinity;
  const to = q.to ? dayNumber(q.to) : Infinity;
  const selected = new Uint8Array(nodes.length);
  let wantUnspecified = false;
  for (const r of q.regions) {
    if (r === UNSPECIFIED) wantUnspecified = true;
    else if (byPath.has(r)) selected[byPath.get(r)] = 1;
  }
  const anyRegion = q.regions.length > 0;
  const regionCounts = new Uint32Array(nodes.length);
  const monthCounts = new Uint32Array(months.length);
  const matching = new Uint8Array(articles.length);
  let unspecifiedCount = 0;
  for (let i = 0; i < articles.length; i++) {
    const mine = artNodes[i];
    const inDates = from <= days[i] && days[i] <= to;
    let inRegions = !anyRegion || (wantUnspecified && mine.length === 0);
    for (let k = 0; k < mine.length; k++) {
      if (inDates) regionCounts[mine[k]]++;
      if (selected[mine[k]]) inRegions = true;
    }
    if (inDates && mine.length === 0) unspecifiedCount++;
    if (inRegions) monthCounts[monthOf[i]]++;
    matching[i] = inDates && inRegions ? 1 : 0;
  }
  const ordered = q.sort === "oldest" ? data.order.slice().reverse() : data.order;
  return { matches: ordered.filter((i) => matching[i]), regionCounts, monthCounts, unspecifiedCount };
}

// ---------- rendering ----------
function checkbox(value, name) {
  const input = el("input", { type: "checkbox", value, onchange: (e) => {
    const q = readQuery();
    const regions = q.regions.filter((r) => r !== value);
    if (e.target.checked) regions.push(value);
    navigate({ regions });
  } });
  const count = el("span", { class: "av-count" });
  return { input, count, label: el("label", { class: "av-check" }, input, el("span", { text: name }), count) };
}
function buildPanel() { // once per file: all ~60 region nodes are always visible
  const checks = new Map();
  const tree = (list, cls) => el("ul", { class: cls }, ...list.map((n) => {
    const node = data.nodes[n]; const c = checkbox(node.path, node.name); checks.set(node.path, c);
    return el("li", { class: "av-tree__item" }, el("div", { class: "av-tree__row" }, c.label),
      node.children.length ? tree(node.children, "av-tree__children") : null);
  }));
  const regionTree = tree(data.roots, "av-tree");
  if (data.unspecifiedTotal > 0) {
    const c = checkbox(UNSPECIFIED, "Unspecified region"); checks.set(UNSPECIFIED, c);
    regionTree.append(el("li", { class: "av-tree__item" }, el("div", { class: "av-tree__row" }, c.label)));
  }
  const dateInput = (key, label) => {
    const input = el("input", { class: "av-input", type: "date", onchange: (e) => navigate({ [key]: e.target.value || null }) });
    return { input, field: el("label", { class: "av-field" }, el("span", { text: label }), input) };
  };
  const from = dateInput("from", "From"); const to = dateInput("to", "To");
  const monthItems = data.months.map((m) => {
    const last = new Date(Date.UTC(+m.slice(0, 4), +m.slice(5, 7), 0)).getUTCDate();
    const count = el("span", { class: "av-count" }); const bar = el("span", { class: "av-bar" });
    const button = el("button", { type: "button", class: "av-month",
      onclick: () => navigate({ from: `${m}-01`, to: `${m}-${String(last).padStart(2, "0")}` }) },
    el("span", { text: `${MONTHS[+m.slice(5, 7) - 1]} ${m.slice(0, 4)}` }), bar, count);
    return { m, button, count, bar, li: el("li", {}, button) };
  });
  const sort = el("select", { class: "av-select", onchange: (e) => navigate({ sort: e.target.value }) },
    el("option", { value: "newest", text: "Newest first" }), el("option", { value: "oldest", text: "Oldest first" }));
  const title = el("h1", { id: "av-collection-title", class: "av-collection__title", tabindex: "-1", text: data.title });
  const count = el("p", { class: "av-collection__count", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const results = el("section", { class: "av-results", "aria-label": "Articles" },
    el("div", { class: "av-results__bar" }, el("label", { class: "av-sort" }, el("span", { text: "Order" }), sort)));
  const page = el("div", { class: "av-collection" },
    el("header", { class: "av-collection__header" }, title, count),
    el("div", { class: "av-collection__layout" },
      el("aside", { class: "av-filters", "aria-label": "Filters" },
        el("section", { class: "av-filter" }, el("h2", { class: "av-filter__title", text: "Region" }), regionTree),
        el("section", { class: "av-filter" }, el("h2", { class: "av-filter__title", text: "Date" }), from.field, to.field,
          el("ul", { class: "av-months" }, ...monthItems.map((x) => x.li)))),
      results));
  ui = { page, count, checks, from: from.input, to: to.input, monthItems, sort, results, list: null };
}
function card(a, q) {
  const meta = el("p", { class: "av-card__meta" }, el("time", { datetime: a.published, text: longDate(a.published) }));
  if (a.regions.length) meta.append(" ", el("span", { class: "av-card__regions", text: a.regions.map((s) => s[s.length - 1]).join(", ") }));
  const { minutes } = textOf(a);
  if (minutes) meta.append(" ", el("span", { text: `${minutes} min read` }));
  const li = el("li", { class: "av-card" }, el("div", { class: "av-card__text" },
    el("h2", { class: "av-card__title" }, el("a", { class: "av-card__link", href: toSearch({ ...q, article: a.id }), text: a.title })),
    a.standfirst ? el("p", { class: "av-card__standfirst", text: a.standfirst }) : null, meta));
  if (a.image) li.append(el("img", { class: "av-card__image", src: a.image.src, alt: a.image.alt,
    width: a.image.width, height: a.image.height, loading: "lazy", decoding: "async" }));
  return li;
}
function renderCollection(q) {
  if (!ui) buildPanel();
  const out = evaluate(q);
  const total = data.articles.length;
  const filtered = q.regions.length > 0 || q.from || q.to;
  ui.count.textContent = filtered ? `${out.matches.length} of ${articlesCount(total)}` : articlesCount(total);
  for (const [path, c] of ui.checks) {
    c.input.checked = q.regions.includes(path);
    c.count.textContent = String(path === UNSPECIFIED ? out.unspecifiedCount : out.regionCounts[data.byPath.get(path)]);
  }
  ui.from.value = q.from || ""; ui.to.value = q.to || ""; ui.sort.value = q.sort;
  const peak = Math.max(1, ...out.monthCounts);
  ui.monthItems.forEach((x, i) => {
    x.count.textContent = String(out.monthCounts[i]);
    x.bar.style.width = `${(100 * out.monthCounts[i]) / peak}%`;
    x.button.setAttribute("aria-pressed", String(q.from === `${x.m}-01` && !!q.to && q.to.startsWith(x.m)));
  });
  const list = out.matches.length
    ? el("ol", { class: "av-cards" }, ...out.matches.slice(0, LIST_LIMIT).map((i) => card(data.articles[i], q)))
    : el("p", { class: "av-empty", text: "No article matches these filters." });
  if (ui.list) ui.list.replaceWith(list); else ui.results.append(list);
  ui.list = list;
  if (root.firstChild !== ui.page) root.replaceChildren(ui.page);
  document.title = data.title;
}
function renderArticle(q) {
  const a = data.articles.find((x) => x.id === q.article);
  const back = el("a", { class: "av-back", href: toSearch({ ...q, article: null }), text: "← All articles",
    onclick: (e) => { if (!e.metaKey && !e.ctrlKey && !e.shiftKey && e.button === 0) { e.preventDefault(); navigate({}); } } });
  if (!a) { root.replaceChildren(el("main", { class: "av-article" }, back, el("h1", { text: "Article not found" }))); return; }
  const { paragraphs, minutes } = textOf(a);
  const meta = el("p", { class: "av-article__meta" }, el("time", { datetime: a.published, text: longDate(a.published) }),
    minutes ? ` · ${minutes} min read` : null);
  root.replaceChildren(el("article", { class: "av-article" }, back, el("h1", { class: "av-article__title", text: a.title }),
    a.standfirst ? el("p", { class: "av-article__standfirst", text: a.standfirst }) : null, meta,
    a.image ? el("img", { class: "av-article__image", src: a.image.src, alt: a.image.alt, width: a.image.width, height: a.image.height }) : null,
    ...paragraphs.map((p) => el("p", { text: p }))));
  document.title = a.title;
  window.scrollTo(0, 0);
}
function render() {
  const q = readQuery();
  if (q.article) renderArticle(q); else renderCollection(q);
}

// ---------- RSS (the platform's own XML parser; for the feed benchmark) ----------
function rssCollection(text) {
  const doc = new DOMParser().parseFromString(text, "application/xml");
  if (doc.querySelector("parsererror")) throw new Error("not well-formed XML");
  const child = (item, name) => item.getElementsByTagName(name)[0]?.textContent ?? null;
  const articles = [...doc.getElementsByTagName("item")].map((item) => {
    const date = new Date(child(item, "pubDate") ?? "");
    const body = child(item, "content:encoded");
    return {
      id: child(item, "guid") ?? child(item, "link"), title: child(item, "title"),
      published: Number.isNaN(date.getTime()) ? null : date.toISOString(),
      standfirst: child(item, "description"),
      regions: [...item.getElementsByTagName("category")].filter((c) => c.getAttribute("domain"))
        .map((c) => c.textContent),
      body: body ? [...new DOMParser().parseFromString(body, "text/html").body.querySelectorAll("p")]
        .map((p) => ({ type: "paragraph", text: p.textContent })) : [],
    };
  });
  return { title: child(doc, "title"), articles };
}

// ---------- start ----------
root.addEventListener("click", (e) => { // same-document navigation to an article, like the Rust NavLink
  const link = e.target.closest && e.target.closest("a.av-card__link");
  if (!link || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  history.pushState(null, "", link.getAttribute("href"));
  render();
});
window.addEventListener("popstate", render);
(async () => {
  const src = readQuery().src || "articles.json";
  const url = new URL(src, location.href);
  root.replaceChildren(el("p", { class: "av-status", role: "status", text: "Loading articles…" }));
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const json = url.pathname.endsWith(".xml") ? rssCollection(await response.text()) : await response.json();
    performance.mark("reference:parsed");
    if (!json || typeof json !== "object" || !Array.isArray(json.articles)) throw new Error("not an article collection");
    data = buildIndex(json, url.href);
    performance.mark("reference:indexed");
    render();
    performance.mark("reference:rendered");
    requestAnimationFrame(() => setTimeout(() => performance.mark("reference:painted"), 0));
  } catch (error) {
    root.replaceChildren(el("p", { class: "av-error", role: "alert", text: `Could not load ${src}: ${error.message}` }));
  }
})();
