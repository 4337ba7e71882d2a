#!/usr/bin/env node
// Benchmark harness: the Rust/Yew viewer (dist/) against the plain JavaScript reference
// (bench/reference/). Prints a table and writes target/bench/results.json.
//
//   node bench/run.mjs [--quick] [--no-native] [--no-publish] [--no-lighthouse] [--shapes-only]
//                      [--feeds-only]
//
// Figures are reported, never judged: the exit status is 0 unless something is actually broken
// (a page that does not load, a dataset that cannot be generated, a filter that never repaints).
// See bench/README.md for what each figure means.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, readdirSync, renameSync, rmSync,
  statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import zlib from "node:zlib";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(ROOT);
const { startServer } = await import("../e2e/static-server.mjs");
const { SITE_DIR, publishFigures, publishedPaint } = await import("./publish.mjs");
const { printArchiveFigures, wasmMemoryHook } = await import("./archive.mjs");
const { writeFeed } = await import("./feeds.mjs");

const ARGS = new Set(process.argv.slice(2));
const QUICK = ARGS.has("--quick");
// Only the sizes and the RSS feed figures (the first full dataset as a feed, both viewers).
const FEEDS_ONLY = ARGS.has("--feeds-only");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SEED = "zelenskyy-second-russian-border-region";
const DATA_DIR = "target/bench-data";
const OUT_DIR = "target/bench";
const VIEWPORT = { width: 1280, height: 800 };
const LOAD_TIMEOUT = 240_000;

const CONFIG = QUICK
  ? { datasets: [{ n: 1_000, form: "full" }, { n: 5_000, form: "split" }], seedRuns: 3, listRuns: 1, changes: 8 }
  : { datasets: [{ n: 10_000, form: "full" }, { n: 100_000, form: "split" }], seedRuns: 5, listRuns: 3, changes: 20 };

const problems = []; // { fatal, message }
const problem = (message, fatal = false) => {
  problems.push({ fatal, message });
  console.error(`${fatal ? "ERROR" : "warning"}: ${message}`);
};
const log = (message) => console.error(`· ${message}`);

// ---------- small helpers ----------
const median = (xs) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => { // nearest rank
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};
const round = (x, digits = 1) => (x == null || Number.isNaN(x) ? null : Number(x.toFixed(digits)));
const ratio = (rust, ref) => (rust == null || ref == null || ref === 0 ? null : rust / ref);
const mb = (bytes) => (bytes == null ? null : bytes / 1e6);

/** Runs a command; resolves to { code, signal, stdout, stderr, ms } (never rejects). */
function run(command, args, { stdoutFile, env, timeoutMs } = {}) {
  return new Promise((done) => {
    const started = Date.now();
    const fd = stdoutFile ? openSync(stdoutFile, "w") : null;
    let child;
    try {
      child = spawn(command, args, {
        cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", fd ?? "pipe", "pipe"],
      });
    } catch (error) {
      if (fd !== null) closeSync(fd);
      done({ code: -1, stdout: "", stderr: String(error), ms: 0 });
      return;
    }
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk) => { stdout += chunk; });
    child.stderr.on("data", (chunk) => { stderr += chunk; });
    let timedOut = false;
    const timer = timeoutMs ? setTimeout(() => { timedOut = true; child.kill("SIGTERM"); }, timeoutMs) : null;
    child.on("error", (error) => { stderr += String(error); });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      if (fd !== null) closeSync(fd);
      done({ code: timedOut ? -2 : code ?? -1, signal, stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
}
const tail = (text, lines = 6) => text.trim().split("\n").slice(-lines).join("\n");

function gitInfo() {
  try {
    const head = readFileSync(".git/HEAD", "utf8").trim();
    const ref = head.startsWith("ref: ") ? head.slice(5) : null;
    const commit = ref && existsSync(join(".git", ref)) ? readFileSync(join(".git", ref), "utf8").trim() : head;
    return { ref, commit };
  } catch {
    return null;
  }
}

// ---------- 0. datasets ----------
function datasetPaths({ n, form }) {
  return form === "full"
    ? { file: `${DATA_DIR}/generated-${n}.json`, rel: `generated-${n}.json` }
    : { file: `${DATA_DIR}/split-${n}/index.json`, rel: `split-${n}/index.json`, dir: `${DATA_DIR}/split-${n}` };
}

async function ensureDatasets() {
  mkdirSync(DATA_DIR, { recursive: true });
  const images = join(DATA_DIR, "images");
  for (const name of readdirSync("samples/images")) {
    if (!existsSync(join(images, name))) cpSync("samples/images", images, { recursive: true });
  }
  const info = {};
  for (const set of CONFIG.datasets) {
    if (FEEDS_ONLY && set.form !== "full") continue;
    const paths = datasetPaths(set);
    if (!existsSync(paths.file)) {
      log(`generating ${paths.file} (cargo run --release --example generate; may compile first)`);
      let result;
      if (set.form === "full") {
        const partial = `${paths.file}.partial`;
        result = await run("cargo", ["run", "--release", "--quiet", "--example", "generate", "--", String(set.n), "7"],
          { stdoutFile: partial });
        if (result.code === 0 && statSync(partial).size > 0) renameSync(partial, paths.file);
        else rmSync(partial, { force: true });
      } else {
        result = await run("cargo", ["run", "--release", "--quiet", "--example", "generate", "--", String(set.n), "7",
          "--split", paths.dir]);
      }
      if (result.code !== 0 || !existsSync(paths.file)) {
        problem(`could not generate ${paths.file}: exit ${result.code}\n${tail(result.stderr)}`, true);
        continue;
      }
      log(`generated ${paths.file} in ${(result.ms / 1000).toFixed(1)} s`);
    }
    info[set.n] = { form: set.form, file: paths.file, bytes: statSync(paths.file).size };
  }
  return info;
}

// ---------- 1. sizes ----------
const RUST_FILES = [
  ["dist/article-viewer_bg.wasm", "wasm"], ["dist/article-viewer.js", "js"], ["dist/boot.js", "js"],
  ["dist/prefs.js", "js"], ["dist/base.css", "css"], ["dist/reader.css", "css"], ["dist/collection.css", "css"],
  ["dist/page.css", "css"], ["dist/index.html", "html"],
];
// Fetched only when a file is RSS or Atom (the XML reader's worker), so not in the shell's total.
const XML_READER_FILES = [
  ["dist/xml-reader_bg.wasm", "wasm"], ["dist/xml-reader.js", "js"], ["dist/xml-reader_loader.js", "js"],
];
const REFERENCE_FILES = [
  ["bench/reference/reference.js", "js"], ["bench/reference/reference.css", "css"],
  ["bench/reference/index.html", "html"],
];
const KINDS = ["wasm", "js", "css", "html"];

function sizesOf(list) {
  const files = [];
  for (const [file, kind] of list) {
    if (!existsSync(file)) {
      problem(`${file} is missing`, true);
      continue;
    }
    const body = readFileSync(file);
    files.push({
      file, kind, raw: body.length,
      gzip: zlib.gzipSync(body, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(body, { params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length,
    });
  }
  const kinds = {};
  for (const kind of KINDS) {
    const mine = files.filter((f) => f.kind === kind);
    kinds[kind] = mine.length ? { raw: 0, gzip: 0, brotli: 0 } : null;
    for (const f of mine) for (const k of ["raw", "gzip", "brotli"]) kinds[kind][k] += f[k];
  }
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of ["raw", "gzip", "brotli"]) total[k] += f[k];
  return { files, kinds, total };
}

// ---------- 2. native ----------
async function nativeFigures() {
  const args = ["run", "--release", "--quiet", "--example", "bench", "--", "--json", ...(QUICK ? ["--quick"] : ["--million"])];
  const command = `cargo ${args.join(" ")}`;
  if (ARGS.has("--no-native")) return { available: false, command, reason: "skipped (--no-native)" };
  log(`native: ${command} (may compile first)`);
  const result = await run("cargo", args);
  const lines = result.stdout.trim().split("\n").filter((l) => l.trim());
  const last = lines.at(-1) ?? "";
  if (result.code !== 0) {
    return { available: false, command, reason: `exit ${result.code}: ${tail(result.stderr, 4) || tail(result.stdout, 4)}` };
  }
  try {
    const figures = JSON.parse(last);
    if (!figures || typeof figures !== "object" || Array.isArray(figures)) throw new Error("not an object");
    return { available: true, command, figures, seconds: round(result.ms / 1000) };
  } catch (error) {
    return { available: false, command, reason: `the last line of output is not a JSON object (${error.message}); is --json implemented yet?`,
      lastLine: last.slice(0, 200) };
  }
}

// ---------- 3. browser ----------
// Installed before any page script: notes performance.now() one animation frame after `selector`
// first matches (the frame that shows it), or the moment an error panel appears.
function paintProbe(selector) {
  window.__painted = null;
  window.__failed = null;
  // The longest main-thread task (over 50 ms, as the browser reports them) until the paint.
  window.__longestTask = 0;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longestTask = Math.max(window.__longestTask, entry.duration);
    }).observe({ type: "longtask", buffered: true });
  } catch { /* no long task timing */ }
  let seen = false;
  const check = () => {
    if (seen) return;
    if (document.querySelector(selector)) {
      seen = true;
      observer.disconnect();
      requestAnimationFrame(() => { window.__painted = performance.now(); });
    } else if (document.querySelector('[role="alert"]')) {
      window.__failed = document.querySelector('[role="alert"]').textContent.trim().slice(0, 300);
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}

async function openPage(browser, { selector, hookWasm = false }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  await page.addInitScript(paintProbe, selector);
  if (hookWasm) await page.addInitScript(wasmMemoryHook);
  return { context, page, errors };
}

/** Navigates and waits for the probe; resolves to { ms, ... } or throws with the reason. */
async function loadAndWait(page, url) {
  await page.goto(url, { waitUntil: "commit", timeout: LOAD_TIMEOUT });
  const handle = await page.waitForFunction(() => window.__painted !== null || window.__failed !== null, null,
    { timeout: LOAD_TIMEOUT, polling: 50 });
  await handle.dispose();
  const state = await page.evaluate(() => ({
    painted: window.__painted,
    failed: window.__failed,
    longestTask: window.__longestTask,
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    count: document.querySelector(".av-collection__count")?.textContent.trim() ?? null,
    title: document.querySelector("article h1")?.textContent.trim() ?? null,
    marks: Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)])),
  }));
  if (state.painted === null) throw new Error(`error panel instead of content: ${state.failed}`);
  return state;
}

const countNumbers = (text) => (text ?? "").replace(/[,\u00a0\u202f]/g, "").match(/\d+/g)?.map(Number) ?? [];

/** `runs` fresh navigations to `url`; median time to the paint of `selector`. */
async function timeLoads(browser, label, url, selector, runs, expect) {
  const samples = [];
  const details = [];
  for (let i = 0; i < runs; i += 1) {
    const { context, page, errors } = await openPage(browser, { selector });
    try {
      const state = await loadAndWait(page, url);
      samples.push(state.painted);
      details.push({ ms: round(state.painted), fcp_ms: round(state.fcp), longest_task_ms: round(state.longestTask),
        count: state.count, title: state.title,
        marks: state.marks });
      if (i === 0) {
        const check = expect?.(state);
        if (check) problem(`${label}: ${check}`);
        if (errors.length) problem(`${label}: ${errors.length} console/page error(s): ${errors.slice(0, 3).join(" | ")}`);
      }
    } catch (error) {
      problem(`${label}: page did not load (${url}): ${error.message.split("\n")[0]}${errors.length ? ` — ${errors[0]}` : ""}`, true);
      await context.close();
      return { url, error: error.message.split("\n")[0], errors };
    }
    await context.close();
  }
  return { url, runs, median_ms: round(median(samples)), min_ms: round(Math.min(...samples)),
    max_ms: round(Math.max(...samples)), longest_task_ms: round(Math.max(0, ...details.map((d) => d.longest_task_ms ?? 0))),
    samples: details };
}

// In the page: the region checkboxes to toggle, as paths. Same rule in both viewers: the children
// of Europe interleaved with the top-level regions, each list sorted by name.
function regionTargets() {
  const name = (li) => li.querySelector(":scope > .av-tree__row .av-check > span:not(.av-count)")?.textContent.trim();
  const tops = [...document.querySelectorAll(".av-tree > li.av-tree__item")];
  const europe = tops.find((li) => name(li) === "Europe");
  const children = europe
    ? [...europe.querySelectorAll(":scope > .av-tree__children > li.av-tree__item")].map(name).filter(Boolean).sort()
      .map((n) => `Europe/${n}`)
    : [];
  const top = tops.map(name).filter((n) => n && n !== "Unspecified region").sort();
  const out = [];
  for (let i = 0; i < Math.max(children.length, top.length); i += 1) {
    if (i < children.length) out.push(children[i]);
    if (i < top.length) out.push(top[i]);
  }
  return out;
}

// In the page: one filter change (toggles the checkbox of `path`), timed to the second animation
// frame after the click, i.e. until the frame that shows the change has been produced.
async function timedToggle(path) {
  const name = (li) => li.querySelector(":scope > .av-tree__row .av-check > span:not(.av-count)")?.textContent.trim();
  const [top, child] = path.split("/");
  const topLi = [...document.querySelectorAll(".av-tree > li.av-tree__item")].find((li) => name(li) === top);
  const li = child
    ? [...(topLi?.querySelectorAll(":scope > .av-tree__children > li.av-tree__item") ?? [])].find((c) => name(c) === child)
    : topLi;
  const input = li?.querySelector(":scope > .av-tree__row .av-check input");
  if (!input) return { ms: null, changed: false, missing: true };
  const counter = () => document.querySelector(".av-collection__count")?.textContent.trim();
  const before = counter();
  const start = performance.now();
  input.click();
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const ms = performance.now() - start;
  const after = counter();
  // The whole list drawn: a changed list draws its first cards with the count and the rest a
  // frame later (`aria-busy` on the list meanwhile; the reference draws all at once).
  const busy = () => document.querySelector(".av-cards[aria-busy]");
  if (busy()) {
    await new Promise((done) => {
      const check = () => requestAnimationFrame(busy() ? check : done);
      check();
    });
  }
  return { ms, full: performance.now() - start, changed: after !== before, before, after, checked: input.checked };
}

async function runChanges(page, targets, count) {
  const times = [];
  const fulls = [];
  let failures = 0;
  let missing = 0;
  const trace = [];
  for (let i = 0; i < count; i += 1) {
    // Pairs: check a region, then uncheck it, so every change alters the count.
    const path = targets[Math.floor(i / 2) % targets.length];
    const r = await page.evaluate(timedToggle, path);
    if (r.missing) missing += 1;
    else if (!r.changed) failures += 1;
    else {
      times.push(r.ms);
      fulls.push(r.full);
    }
    trace.push({ path, ms: round(r.ms), after: r.after ?? null });
  }
  return { changes: count, ok: times.length, failures, missing, p50_ms: round(percentile(times, 0.5)),
    p95_ms: round(percentile(times, 0.95)), max_ms: round(times.length ? Math.max(...times) : null),
    whole_list_p50_ms: round(percentile(fulls, 0.5)), whole_list_p95_ms: round(percentile(fulls, 0.95)), trace };
}

async function memory(page, cdp) {
  try { await cdp.send("HeapProfiler.collectGarbage"); } catch (error) { log(`collectGarbage: ${error.message}`); }
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  await cdp.send("Performance.disable");
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const inPage = await page.evaluate(() => ({
    usedJSHeapSize: performance.memory?.usedJSHeapSize ?? null,
    wasmMemory: window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : null,
    nodes: document.querySelectorAll("*").length,
  }));
  return { jsHeapUsed_bytes: m.JSHeapUsedSize ?? null, jsHeapTotal_bytes: m.JSHeapTotalSize ?? null,
    performanceMemoryUsed_bytes: inPage.usedJSHeapSize, wasmMemory_bytes: inPage.wasmMemory, domNodes: inPage.nodes };
}

/** One page per viewer and dataset: DOM size, heap, and filter changes with and without throttling. */
async function filterSession(browser, label, url, viewer, expectedTargets) {
  const { context, page, errors } = await openPage(browser, { selector: "li.av-card", hookWasm: true });
  const out = { url };
  try {
    await loadAndWait(page, url);
    await page.waitForTimeout(300);
    const cdp = await context.newCDPSession(page);
    out.afterLoad = await memory(page, cdp);
    out.domNodes = out.afterLoad.domNodes;
    if (viewer === "rust") {
      await page.click('button[aria-label="Regions in Europe"]', { timeout: 10_000 });
      await page.waitForSelector(".av-tree__children .av-check input", { timeout: 10_000 });
    }
    const targets = await page.evaluate(regionTargets);
    out.targets = targets;
    if (!targets.length) throw new Error("no region checkboxes found");
    if (expectedTargets && expectedTargets.join("|") !== targets.join("|")) {
      problem(`${label}: the two viewers list different regions (${targets.length} vs ${expectedTargets.length})`);
    }
    out.normal = await runChanges(page, targets, CONFIG.changes);
    out.afterChanges = await memory(page, cdp);
    out.domNodesAfterChanges = out.afterChanges.domNodes;
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    out.throttled4x = await runChanges(page, targets, CONFIG.changes);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    for (const [key, series] of [["unthrottled", out.normal], ["4x throttled", out.throttled4x]]) {
      if (series.missing) problem(`${label} (${key}): ${series.missing} checkbox(es) not found`);
      if (series.failures) problem(`${label} (${key}): ${series.failures} of ${series.changes} changes did not change the count within two frames`);
      if (!series.ok) problem(`${label} (${key}): no filter change repainted the count`, true);
    }
    if (errors.length) problem(`${label}: ${errors.length} console/page error(s): ${errors.slice(0, 3).join(" | ")}`);
  } catch (error) {
    problem(`${label}: ${error.message.split("\n")[0]}${errors.length ? ` — ${errors[0]}` : ""}`, true);
    out.error = error.message.split("\n")[0];
  }
  out.errors = errors;
  await context.close();
  return out;
}

async function browserFigures(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS });
  const pages = {
    rust: (q) => `${url}/${q}`,
    reference: (q) => `${url}/bench/reference/index.html${q}`,
  };
  const out = { chromium: browser.version(), seedArticle: {}, list: {}, filter: {} };
  try {
    for (const viewer of ["rust", "reference"]) {
      const q = viewer === "rust" ? `?article=${SEED}` : `?src=/articles.json&article=${SEED}`;
      log(`${viewer}: seed article ×${CONFIG.seedRuns}`);
      out.seedArticle[viewer] = await timeLoads(browser, `${viewer} seed article`, pages[viewer](q), "article h1",
        CONFIG.seedRuns, (s) => (s.title ? null : "no article title"));
    }
    if (existsSync(`${SITE_DIR}/news/index.html`)) {
      log(`published page, viewer page and reference: seed article paint ×${CONFIG.seedRuns}`);
      out.publishedPaint = await publishedPaint(browser, {
        published: `${url}/site/news/articles/${SEED}/`,
        viewer: pages.rust(`?article=${SEED}`),
        reference: pages.reference(`?src=/articles.json&article=${SEED}`),
      }, CONFIG.seedRuns, VIEWPORT, problem);
    }
    for (const set of CONFIG.datasets) {
      const { rel } = datasetPaths(set);
      out.list[set.n] = {};
      out.filter[set.n] = {};
      for (const viewer of ["rust", "reference"]) {
        const q = viewer === "rust" ? `?src=data/${rel}` : `?src=/data/${rel}`;
        log(`${viewer}: list of ${set.n} ×${CONFIG.listRuns}`);
        out.list[set.n][viewer] = await timeLoads(browser, `${viewer} list ${set.n}`, pages[viewer](q), "li.av-card",
          CONFIG.listRuns, (s) => (countNumbers(s.count).includes(set.n) ? null : `count reads "${s.count}", expected ${set.n}`));
      }
      for (const viewer of ["rust", "reference"]) {
        const q = viewer === "rust" ? `?src=data/${rel}` : `?src=/data/${rel}`;
        log(`${viewer}: ${CONFIG.changes} filter changes on ${set.n}, then ${CONFIG.changes} at 4× CPU throttling`);
        out.filter[set.n][viewer] = await filterSession(browser, `${viewer} filter ${set.n}`, pages[viewer](q), viewer,
          out.filter[set.n].rust?.targets);
      }
    }
    out.feed = await feedFigures(browser, pages);
  } finally {
    await browser.close();
  }
  return out;
}

async function feedsOnly(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS });
  try {
    return { chromium: browser.version(), feed: await feedFigures(browser, {
      rust: (q) => `${url}/${q}`, reference: (q) => `${url}/bench/reference/index.html${q}` }) };
  } finally {
    await browser.close();
  }
}

// ---------- 3b. an RSS feed (issue 19) ----------
// The first full-form dataset written as RSS (bench/feeds.mjs), loaded until the list paints:
// the Rust viewer reads it in its XML reader worker, the reference with DOMParser.
async function feedFigures(browser, pages) {
  const full = CONFIG.datasets.find((set) => set.form === "full");
  if (!full) return null;
  const rel = `feed-${full.n}.rss.xml`;
  const n = writeFeed(datasetPaths(full).file, `${DATA_DIR}/${rel}`);
  const out = { n, bytes: statSync(`${DATA_DIR}/${rel}`).size };
  for (const viewer of ["rust", "reference"]) {
    const q = viewer === "rust" ? `?src=data/${rel}` : `?src=/data/${rel}`;
    log(`${viewer}: RSS feed of ${n} items ×${CONFIG.listRuns}`);
    out[viewer] = await timeLoads(browser, `${viewer} RSS ${n}`, pages[viewer](q), "li.av-card",
      CONFIG.listRuns, (s) => (countNumbers(s.count).includes(n) ? null : `count reads "${s.count}", expected ${n}`));
  }
  return out;
}

// ---------- 3a. search in the browser (issue 16) ----------
// The first dataset's list, then searches typed into the box: the first one builds the search
// index (in slices), so it times the build and records the longest task meanwhile; the later
// ones time a query on a built index, until its new count is in the DOM and until painted. Rust only (the reference
// has no search).
const SEARCHES = ["river", "harbour talks", "council budget", "energy", "schools water", "farmers"];

async function searchFigures(url) {
  const set = CONFIG.datasets[0];
  const { rel } = datasetPaths(set);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS });
  try {
    const { context, page, errors } = await openPage(browser, { selector: "li.av-card" });
    await loadAndWait(page, `${url}/?src=data/${rel}`);
    const count = () => document.querySelector(".av-collection__count")?.textContent ?? "";
    const timed = async (words) => {
      const before = await page.evaluate(count);
      await page.evaluate(() => { window.__longestTask = 0; });
      // Typed in the page: done when the count is the search's ("N of M articles"), not the
      // list's nor "Preparing…". Two clocks: until that count is in the DOM (the results, drawn
      // by the viewer: search, counts and the new cards committed), and until the frame after
      // it (painted).
      const timing = await page.evaluate(({ words, before }) => new Promise((resolve) => {
        const input = document.querySelector("#av-search-input");
        let start = 0;
        const observer = new MutationObserver(() => {
          const text = document.querySelector(".av-collection__count")?.textContent ?? "";
          if (text === before || !/ of /.test(text)) return;
          const dom = performance.now() - start;
          observer.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => {
            const paint = performance.now() - start;
            // And the whole list drawn (its cards past the first few come a frame later).
            const check = () => (document.querySelector(".av-cards[aria-busy]")
              ? requestAnimationFrame(check)
              : resolve({ dom, paint, whole: performance.now() - start }));
            check();
          }));
        });
        observer.observe(document.querySelector(".av-collection") ?? document.body, { subtree: true, childList: true, characterData: true });
        start = performance.now();
        input.value = words;
        input.dispatchEvent(new InputEvent("input", { bubbles: true }));
      }), { words, before });
      const result = { ms: timing.paint, dom: timing.dom, whole: timing.whole, longest: await page.evaluate(() => window.__longestTask), shows: await page.evaluate(count) };
      // Back to the whole list (not timed), so the next search changes the count whatever it finds.
      await page.fill("#av-search-input", "");
      await page.waitForFunction(() => !/ of /.test(document.querySelector(".av-collection__count")?.textContent ?? ""),
        null, { timeout: 60_000, polling: "raf" });
      return result;
    };
    const first = await timed(SEARCHES[0]);
    const later = [];
    for (const words of SEARCHES.slice(1)) later.push(await timed(words));
    await context.close();
    return {
      available: true, articles: set.n, first_search_ms: first.ms, longest_task_while_indexing_ms: round(first.longest),
      query_to_paint_median_ms: median(later.map((l) => l.ms)), query_to_paint_max_ms: Math.max(...later.map((l) => l.ms)),
      query_to_results_median_ms: median(later.map((l) => l.dom)), query_to_results_max_ms: Math.max(...later.map((l) => l.dom)),
      query_to_whole_list_median_ms: median(later.map((l) => l.whole)),
      longest_task_in_queries_ms: round(Math.max(...later.map((l) => l.longest))), last_shows: later.at(-1)?.shows.trim(),
      errors: errors.slice(0, 2),
    };
  } catch (error) {
    return { available: false, reason: error.message.split("\n")[0] };
  } finally {
    await browser.close();
  }
}

// ---------- 3b. odd shapes (issue 20) ----------
// Each oversized or oddly shaped file from `cargo run --example shapes`, opened in the viewer:
// time until something usable shows (the list, an article, or a located error), DOM nodes, the
// longest main-thread task, and whether the Wasm trapped. Full runs only.
const SHAPE_TIMEOUT = 30_000;

async function shapeFigures(url) {
  if (QUICK) return { available: false, reason: "skipped in quick mode" };
  const dir = `${DATA_DIR}/shapes`;
  const made = await run("cargo", ["run", "--release", "--quiet", "--example", "shapes", "--", dir]);
  if (made.code !== 0) return { available: false, reason: `shapes not generated: ${tail(made.stderr, 2)}` };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS });
  const out = {};
  try {
    for (const line of made.stdout.split("\n").map((l) => l.trim()).filter(Boolean)) {
      const [name, id] = line.split("\t");
      const file = `data/shapes/${name}.json`;
      // The test server compresses a file the first time it is asked for (about 0.75 s for
      // 12 MB); a host serves it compressed already, so that is done before the clock starts.
      await fetch(`${url}/${file}`, { headers: { "accept-encoding": "br" } }).then((r) => r.arrayBuffer()).catch(() => null);
      const views = [[name, `?src=${file}`], [`${name}: article ${id}`, `?src=${file}&article=${encodeURIComponent(id)}`]];
      for (const [label, search] of views) {
        const { context, page, errors } = await openPage(browser, { selector: ".av-collection, .av-panel, article h1" });
        const started = Date.now();
        try {
          await page.goto(`${url}/${search}`, { waitUntil: "commit", timeout: SHAPE_TIMEOUT });
          await page.waitForFunction(() => window.__painted !== null || window.__failed !== null || document.querySelector(".av-stopped"),
            null, { timeout: SHAPE_TIMEOUT, polling: 100 });
          const usable = Date.now() - started;
          // Whatever comes after the first paint (slices of a long paragraph) counts too.
          await page.waitForTimeout(1_000);
          const state = await page.evaluate(() => ({
            longest: window.__longestTask,
            nodes: document.querySelectorAll("*").length, stopped: !!document.querySelector(".av-stopped"),
            shows: document.querySelector(".av-collection__count")?.textContent ?? document.querySelector("article h1")?.textContent
              ?? document.querySelector(".av-panel h1, .av-panel__title")?.textContent ?? "",
          }));
          const traps = errors.filter((e) => /RuntimeError/.test(e)).length;
          out[label] = { usable_ms: round(usable), nodes: state.nodes, longest_task_ms: round(state.longest),
            trapped: traps > 0 || state.stopped, shows: state.shows.trim().slice(0, 40) };
        } catch (error) {
          out[label] = { usable_ms: null, error: `not usable within ${SHAPE_TIMEOUT / 1000} s`, errors: errors.slice(0, 2) };
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return { available: true, cases: out };
}

// ---------- 4. Lighthouse ----------
async function lighthouse(url) {
  if (ARGS.has("--no-lighthouse")) return { available: false, reason: "skipped (--no-lighthouse)" };
  let version = await run("npx", ["--no-install", "lighthouse", "--version"], { timeoutMs: 60_000 });
  if (version.code !== 0 && !process.env.BENCH_NO_INSTALL) {
    log("Lighthouse is not installed: npm install --save-dev --no-audit --no-fund lighthouse@12.8.2");
    const install = await run("npm", ["install", "--save-dev", "--save-exact", "--no-audit", "--no-fund", "lighthouse@12.8.2"],
      { timeoutMs: 600_000 });
    if (install.code !== 0) {
      return { available: false, reason: `lighthouse is not installed and npm install failed: ${tail(install.stderr, 3)}` };
    }
    version = await run("npx", ["--no-install", "lighthouse", "--version"], { timeoutMs: 60_000 });
  }
  if (version.code !== 0) {
    return { available: false, reason: `npx --no-install lighthouse failed: ${tail(version.stderr, 3)}` };
  }
  const out = { available: true, version: version.stdout.trim(), formFactor: "mobile (default emulation, simulated throttling)" };
  const targets = {
    rust: `${url}/?article=${SEED}`,
    ...(existsSync(`${SITE_DIR}/news/index.html`) ? { published: `${url}/site/news/articles/${SEED}/` } : {}),
    reference: `${url}/bench/reference/index.html?src=/articles.json&article=${SEED}`,
  };
  for (const [viewer, target] of Object.entries(targets)) {
    const report = `${OUT_DIR}/lighthouse-${viewer}.json`;
    rmSync(report, { force: true });
    log(`lighthouse: ${viewer}`);
    const result = await run("npx", ["--no-install", "lighthouse", target,
      `--chrome-flags=--headless ${CHROME_FLAGS.join(" ")}`,
      "--only-categories=performance,accessibility,best-practices,seo", "--output=json", `--output-path=${report}`, "--quiet"],
    { env: { CHROME_PATH: CHROMIUM }, timeoutMs: 300_000 });
    if (result.code !== 0 || !existsSync(report)) {
      const reason = result.timedOut ? "timed out after 300 s" : `exit ${result.code}: ${tail(result.stderr, 4)}`;
      out[viewer] = { url: target, error: reason };
      problem(`lighthouse ${viewer}: ${reason}`);
      continue;
    }
    const lhr = JSON.parse(readFileSync(report, "utf8"));
    const score = (id) => (lhr.categories?.[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100));
    const audit = (id) => lhr.audits?.[id]?.numericValue ?? null;
    out[viewer] = {
      url: target, report, seconds: round(result.ms / 1000),
      performance: score("performance"), accessibility: score("accessibility"), bestPractices: score("best-practices"),
      seo: score("seo"),
      fcp_ms: round(audit("first-contentful-paint"), 0), lcp_ms: round(audit("largest-contentful-paint"), 0),
      tbt_ms: round(audit("total-blocking-time"), 0), cls: round(audit("cumulative-layout-shift"), 3),
      runtimeError: lhr.runtimeError?.message ?? null, warnings: lhr.runWarnings ?? [],
    };
    if (lhr.runtimeError) problem(`lighthouse ${viewer}: ${lhr.runtimeError.message}`);
  }
  return out;
}

// ---------- output ----------
function printTable(title, header, rows) {
  const all = [header, ...rows].map((r) => r.map((c) => (c == null ? "—" : String(c))));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("   ");
  console.log(`\n${title}`);
  console.log(line(all[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("   "));
  for (const r of all.slice(1)) console.log(line(r));
}
const fmt = (x, digits = 1) => (x == null ? null : x.toFixed(digits));
const fmtRatio = (r) => (r == null ? null : `${r.toFixed(2)}×`);
const kb = (bytes) => (bytes == null ? null : (bytes / 1024).toFixed(1));

function report(results) {
  const { sizes, native, browser, lighthouse: lh } = results;
  printTable("SIZES — per file (KiB; gzip -9, brotli q11)", ["file", "raw", "gzip", "brotli"],
    [...sizes.rust.files, ...sizes.reference.files, ...(sizes.xmlReader?.files ?? [])]
      .map((f) => [f.file, kb(f.raw), kb(f.gzip), kb(f.brotli)]));
  if (sizes.xmlReader) {
    console.log(`XML reader (fetched only for RSS and Atom files): ${kb(sizes.xmlReader.total.brotli)} KiB brotli in all`);
  }
  const kindRows = [];
  for (const kind of [...KINDS, "total"]) {
    for (const k of ["raw", "gzip", "brotli"]) {
      const rust = kind === "total" ? sizes.rust.total[k] : sizes.rust.kinds[kind]?.[k];
      const ref = kind === "total" ? sizes.reference.total[k] : sizes.reference.kinds[kind]?.[k];
      kindRows.push([`${kind} ${k}`, kb(rust), kb(ref), fmtRatio(ratio(rust, ref))]);
    }
  }
  printTable("SIZES — by kind (KiB)", ["kind", "Rust", "Reference", "Rust/Ref"], kindRows);

  const nativeRows = native.available
    ? Object.entries(native.figures).map(([k, v]) => [k, typeof v === "number" ? String(round(v, 3)) : JSON.stringify(v)])
    : [["not available", native.reason]];
  printTable(`NATIVE — ${native.command} (Rust only)`, ["figure", "value"], nativeRows);

  const rows = [];
  const add = (label, rust, ref, digits = 1) => rows.push([label, fmt(rust, digits), fmt(ref, digits), fmtRatio(ratio(rust, ref))]);
  const b = browser;
  if (b.error) rows.push(["browser run failed", b.error, null, null]);
  else if (FEEDS_ONLY) rows.push(["(--feeds-only: the feed figures only)", null, null, null]);
  else {
    add(`seed article painted, ms (median of ${CONFIG.seedRuns})`, b.seedArticle.rust?.median_ms, b.seedArticle.reference?.median_ms);
    for (const set of CONFIG.datasets) {
      const n = set.n;
      const L = b.list[n] ?? {};
      const F = b.filter[n] ?? {};
      const tag = `${n.toLocaleString("en")} ${set.form}`;
      add(`${tag}: first list paint, ms (median of ${CONFIG.listRuns})`, L.rust?.median_ms, L.reference?.median_ms);
      add(`${tag}: longest main-thread task until then, ms (0: none over 50)`, L.rust?.longest_task_ms, L.reference?.longest_task_ms);
      add(`${tag}: filter change p50, ms`, F.rust?.normal?.p50_ms, F.reference?.normal?.p50_ms);
      add(`${tag}: filter change p95, ms`, F.rust?.normal?.p95_ms, F.reference?.normal?.p95_ms);
      add(`${tag}: filter change p50, ms, 4× CPU`, F.rust?.throttled4x?.p50_ms, F.reference?.throttled4x?.p50_ms);
      add(`${tag}: filter change p95, ms, 4× CPU`, F.rust?.throttled4x?.p95_ms, F.reference?.throttled4x?.p95_ms);
      const whole = (t) => (t ? `${fmt(t.whole_list_p50_ms, 1)} / ${fmt(t.whole_list_p95_ms, 1)}` : null);
      rows.push([`${tag}: filter change to the whole list drawn p50 / p95, ms, 4× CPU`,
        whole(F.rust?.throttled4x), whole(F.reference?.throttled4x), null]);
      rows.push([`${tag}: changes repainted (of ${CONFIG.changes}×2)`,
        F.rust?.normal ? `${F.rust.normal.ok + (F.rust.throttled4x?.ok ?? 0)}` : null,
        F.reference?.normal ? `${F.reference.normal.ok + (F.reference.throttled4x?.ok ?? 0)}` : null, null]);
      add(`${tag}: DOM nodes after load`, F.rust?.domNodes, F.reference?.domNodes, 0);
      add(`${tag}: DOM nodes after changes`, F.rust?.domNodesAfterChanges, F.reference?.domNodesAfterChanges, 0);
      add(`${tag}: JS heap after load, MB`, mb(F.rust?.afterLoad?.jsHeapUsed_bytes), mb(F.reference?.afterLoad?.jsHeapUsed_bytes));
      add(`${tag}: JS heap after ${CONFIG.changes} changes, MB`, mb(F.rust?.afterChanges?.jsHeapUsed_bytes),
        mb(F.reference?.afterChanges?.jsHeapUsed_bytes));
      add(`${tag}: performance.memory used after load, MB`, mb(F.rust?.afterLoad?.performanceMemoryUsed_bytes),
        mb(F.reference?.afterLoad?.performanceMemoryUsed_bytes));
      const wasmLoad = F.rust?.afterLoad?.wasmMemory_bytes;
      const wasmAfter = F.rust?.afterChanges?.wasmMemory_bytes;
      rows.push([`${tag}: Wasm linear memory after load / changes, MB`,
        wasmLoad == null ? null : `${fmt(mb(wasmLoad))} / ${fmt(mb(wasmAfter))}`, "n/a", null]);
      add(`${tag}: JS heap + Wasm memory after changes, MB`,
        F.rust?.afterChanges ? mb((F.rust.afterChanges.jsHeapUsed_bytes ?? 0) + (wasmAfter ?? 0)) : null,
        mb(F.reference?.afterChanges?.jsHeapUsed_bytes));
    }
  }
  if (b.feed) {
    const tag = `RSS feed of ${b.feed.n.toLocaleString("en")} items (${fmt(mb(b.feed.bytes))} MB)`;
    add(`${tag}: first list paint, ms (median of ${CONFIG.listRuns})`, b.feed.rust?.median_ms, b.feed.reference?.median_ms);
    add(`${tag}: longest main-thread task until then, ms (0: none over 50)`, b.feed.rust?.longest_task_ms,
      b.feed.reference?.longest_task_ms);
  }
  printTable(`BROWSER — Chromium ${b.chromium ?? "?"} headless, ${VIEWPORT.width}×${VIEWPORT.height} (lower is better)`,
    ["measure", "Rust", "Reference", "Rust/Ref"], rows);

  const se = results.search ?? { available: false, reason: "not run" };
  if (!se.available) printTable("SEARCH IN THE BROWSER", ["status", "reason"], [["not available", se.reason]]);
  else {
    printTable(`SEARCH IN THE BROWSER — ${se.articles} articles, typed into the box (targets: index ≤ 1 s, a query ≤ 10 ms to results, no task over 50 ms)`,
      ["measure", "value"], [
        ["first search, building the index, to paint, ms", fmt(se.first_search_ms, 0)],
        ["longest task while indexing, ms (0: none over 50)", fmt(se.longest_task_while_indexing_ms, 0)],
        ["a later query to its results in the DOM, ms (median; max)", `${fmt(se.query_to_results_median_ms, 1)}; ${fmt(se.query_to_results_max_ms, 1)}`],
        ["a later query to paint, ms (median; max)", `${fmt(se.query_to_paint_median_ms, 0)}; ${fmt(se.query_to_paint_max_ms, 0)}`],
        ["a later query to its whole list drawn, ms (median)", fmt(se.query_to_whole_list_median_ms, 0)],
        ["longest task in later queries, ms", fmt(se.longest_task_in_queries_ms, 0)],
        ["last count shown", se.last_shows ?? ""],
      ]);
  }
  const sh = results.shapes ?? { available: false, reason: "not run" };
  if (!sh.available) printTable("ODD SHAPES", ["status", "reason"], [["not available", sh.reason]]);
  else {
    printTable("ODD SHAPES — each file opened with ?src=, then one article of it (targets: usable ≤ 3 s, ≤ 3,000 DOM nodes, no task over 200 ms, no trap)",
      ["file", "usable, ms", "DOM nodes", "longest task, ms", "trapped", "shows"],
      Object.entries(sh.cases).map(([name, c]) => [name, c.error ?? fmt(c.usable_ms, 0), fmt(c.nodes, 0), fmt(c.longest_task_ms, 0),
        c.error ? "?" : (c.trapped ? "YES" : "no"), c.shows ?? ""]));
  }
  const pub = results.publish ?? { available: false, reason: "not run" };
  if (!pub.available) printTable("PUBLISH", ["status", "reason"], [["not available", pub.reason]]);
  else {
    printTable("PUBLISH — scripts/publish.sh's step (target/release/publish), fresh output folder unless 'again'",
      ["input", "seconds", "pages", "files written", "peak memory, MB"],
      Object.entries(pub.runs).map(([label, f]) => [label, f.ok ? fmt(f.seconds, 2) : `failed: ${f.error}`, f.pages, f.written, f.peak_mb]));
    if (pub.archive) printArchiveFigures(pub.archive);
  }
  const pp = results.browser?.publishedPaint;
  if (pp) {
    const ref = pp.reference ?? {};
    printTable(`SEED ARTICLE PAINT — median of ${CONFIG.seedRuns} fresh loads (lower is better; CLS: worst run)`,
      ["page", "FCP, ms", "LCP, ms", "CLS", "FCP/Ref", "LCP/Ref"],
      Object.entries(pp).map(([name, f]) => [name, fmt(f.fcp_ms, 0), fmt(f.lcp_ms, 0), fmt(f.cls_max, 3),
        fmtRatio(ratio(f.fcp_ms, ref.fcp_ms)), fmtRatio(ratio(f.lcp_ms, ref.lcp_ms))]));
  }
  if (!lh.available) printTable("LIGHTHOUSE", ["status", "reason"], [["not available", lh.reason]]);
  else {
    const r = lh.rust ?? {};
    const p = lh.published ?? {};
    const f = lh.reference ?? {};
    const lrows = [];
    const addL = (label, key, digits = 0) => lrows.push([label, fmt(r[key], digits), fmt(p[key], digits), fmt(f[key], digits),
      fmtRatio(ratio(r[key], f[key])), fmtRatio(ratio(p[key], f[key]))]);
    if (r.error || p.error || f.error) lrows.push(["error", r.error ?? "", p.error ?? "", f.error ?? "", null, null]);
    addL("performance score", "performance");
    addL("accessibility score", "accessibility");
    addL("best-practices score", "bestPractices");
    addL("SEO score", "seo");
    addL("FCP, ms", "fcp_ms");
    addL("LCP, ms", "lcp_ms");
    addL("TBT, ms", "tbt_ms");
    addL("CLS", "cls", 3);
    printTable(`LIGHTHOUSE ${lh.version} — seed article, mobile emulation (scores: higher is better; the server sends brotli)`,
      ["figure", "Rust viewer", "Rust published", "Reference", "viewer/Ref", "published/Ref"], lrows);
  }
  if (problems.length) {
    console.log("\nPROBLEMS");
    for (const p of problems) console.log(`${p.fatal ? "ERROR  " : "warning"} ${p.message}`);
  }
  console.log(`\nWrote ${OUT_DIR}/results.json`);
}

// ---------- main ----------
const started = Date.now();
mkdirSync(OUT_DIR, { recursive: true });
const results = {
  meta: {
    date: new Date().toISOString(), quick: QUICK, node: process.version, platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
    git: gitInfo(), config: CONFIG, viewport: VIEWPORT,
  },
};

log(`article viewer benchmark${QUICK ? " (quick)" : ""}`);
results.sizes = { rust: sizesOf(RUST_FILES), reference: sizesOf(REFERENCE_FILES), xmlReader: sizesOf(XML_READER_FILES) };
results.meta.datasets = await ensureDatasets();
const SHAPES_ONLY = ARGS.has("--shapes-only");
const ONLY = SHAPES_ONLY || FEEDS_ONLY;
results.native = ONLY ? { available: false, reason: "skipped (--shapes-only or --feeds-only)" } : await nativeFigures();
results.publish = ONLY || ARGS.has("--no-publish") ? { available: false, reason: "skipped" }
  : await publishFigures({ run, log, problem, quick: QUICK, dataDir: DATA_DIR });
if (!results.native.available) log(`native figures not available: ${results.native.reason}`);

const server = await startServer({ mounts: { "/": "dist", "/bench/": "bench", "/data/": DATA_DIR, "/site/": SITE_DIR }, port: 0 });
log(`serving at ${server.url}`);
results.meta.loadAverageBeforeBrowser = os.loadavg().map((x) => round(x, 2));
try {
  results.browser = SHAPES_ONLY ? { error: "skipped (--shapes-only)" }
    : FEEDS_ONLY ? await feedsOnly(server.url) : await browserFigures(server.url);
} catch (error) {
  problem(`browser run failed: ${error.message.split("\n")[0]}`, true);
  results.browser = { error: error.message.split("\n")[0] };
}
results.search = ONLY ? { available: false, reason: "skipped (--shapes-only or --feeds-only)" } : await searchFigures(server.url);
results.shapes = FEEDS_ONLY ? { available: false, reason: "skipped (--feeds-only)" } : await shapeFigures(server.url);
results.lighthouse = ONLY ? { available: false, reason: "skipped (--shapes-only or --feeds-only)" } : await lighthouse(server.url);
await server.close();

results.problems = problems;
results.meta.seconds = round((Date.now() - started) / 1000);
writeFileSync(`${OUT_DIR}/results.json`, `${JSON.stringify(results, null, 2)}\n`);
report(results);
if ((results.meta.loadAverageAtStart[0] ?? 0) > os.cpus().length * 0.5) {
  console.log(`note: load average was ${results.meta.loadAverageAtStart[0]} at the start (${os.cpus().length} CPUs): timings may be noisy`);
}
console.log(`(${results.meta.seconds} s)`);
process.exitCode = problems.some((p) => p.fatal) ? 1 : 0;
