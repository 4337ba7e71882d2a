#!/usr/bin/env node
// Transfer figures for a published sharded archive: what a reader's browser fetches before the
// viewer's list is painted, and how much more one region filter and one date range cost. Sizes
// are brotli (quality 11) computed from the files on disk; times are loopback figures.
//
//   node bench/archive.mjs [SITE_DIR]   (default target/e2e-site/archive, which scripts/test.sh
//                                        publishes; for 100,000 articles publish one with
//                                        target/release/publish INPUT --form archive --out DIR --app dist)
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { startServer } = await import("../e2e/static-server.mjs");
const { launch } = await import("../e2e/browser.mjs");

const brotli = (bytes) =>
  zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// Remembers the WebAssembly linear memory of the page (the Rust viewer has one) so its size can be
// read later; wraps instantiate/instantiateStreaming without changing what they do.
export function wasmMemoryHook() {
  const keep = (result) => {
    try {
      const instance = result.instance ?? result;
      const memory = Object.values(instance.exports ?? {}).find((v) => v instanceof WebAssembly.Memory);
      if (memory) window.__wasmMemory = memory;
    } catch { /* not an instance */ }
    return result;
  };
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    if (typeof original !== "function") continue;
    WebAssembly[name] = function (...args) { return original.apply(this, args).then(keep); };
  }
}

/** Opens `site` in Chromium and measures; resolves to the figures (or { ok: false, error }). */
export async function archiveFigures(site) {
  if (!existsSync(join(site, "archive"))) return { ok: false, error: `${site} is not a published archive` };
  const server = await startServer({ mounts: { "/site/": site } });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(wasmMemoryHook);
    let fetched = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/site/")) fetched.push(decodeURIComponent(path.slice(6)) || "index.html");
    });
    const size = (files) => {
      let raw = 0, compressed = 0;
      const kinds = {};
      for (const file of new Set(files)) {
        const path = join(site, file.endsWith("/") || file === "" ? join(file, "index.html") : file);
        if (!existsSync(path) || !statSync(path).isFile()) continue;
        const bytes = readFileSync(path);
        const kind = file.startsWith("app/") ? "app shell" : file.startsWith("archive/") ? file.split("/")[1] : file;
        raw += bytes.length;
        const b = brotli(bytes);
        compressed += b;
        kinds[kind] = (kinds[kind] ?? 0) + b;
      }
      return { files: new Set(files).size, raw, brotli: compressed, byKind: kinds };
    };
    const count = () => page.textContent("#article-viewer .av-collection__count");
    // Opens the archive's list searching for `q` and waits until its count and cards are shown.
    const openSearch = async (q) => {
      const url = new URL(`${server.url}/site/`);
      url.searchParams.set("q", q);
      await page.goto(url.href);
      await page.waitForFunction(
        () => !document.getElementById("article-viewer").hidden && / of /.test(document.querySelector("#article-viewer .av-collection__count")?.textContent ?? "")
          && !document.querySelector("#article-viewer .av-card--pending"),
        null, { timeout: 60_000 },
      );
    };
    // What was fetched beyond the page, the manifest, the viewer and its catalogues.
    const beyondThePage = () => size(fetched.filter((f) => !f.startsWith("app/") && f !== "index.html" && f !== "articles.json" && !f.startsWith("i18n/")));
    const started = Date.now();
    await page.goto(`${server.url}/site/`);
    await page.waitForFunction(
      () => !document.getElementById("article-viewer-prerendered") && !document.getElementById("article-viewer").hidden
        && document.querySelectorAll("#article-viewer .av-card__title").length > 0,
      null, { timeout: 120_000 },
    );
    const paintMs = Date.now() - started;
    const first = size(fetched);
    const total = await count();
    const newestTitle = await page.textContent("#article-viewer .av-card__title");
    // One region (the first in the tree), then a date range on top: the extra files each costs.
    fetched = [];
    const region = page.locator("#article-viewer input[type=checkbox]").first();
    await region.check();
    await page.waitForFunction((before) => document.querySelector("#article-viewer .av-collection__count")?.textContent !== before, total);
    await page.waitForFunction(() => !document.querySelector("#article-viewer .av-card--pending"));
    const regionChange = size(fetched);
    fetched = [];
    const url = new URL(page.url());
    url.searchParams.set("from", "2024-02-11");
    url.searchParams.set("to", "2024-09-23");
    await page.goto(url.href);
    await page.waitForFunction(
      () => !document.getElementById("article-viewer").hidden && !document.querySelector("#article-viewer .av-card--pending"),
      null, { timeout: 60_000 },
    );
    const rangeChange = size(fetched.filter((f) => !f.startsWith("app/") && f !== "index.html" && f !== "articles.json"));
    // A two-word query (two words of the newest article's title) on the whole archive: the
    // files it fetches beyond the page, the manifest and the viewer, and the time to its list.
    const words = newestTitle.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 4).slice(0, 2);
    let query = null;
    if (words.length === 2) {
      fetched = [];
      const queryStarted = Date.now();
      await openSearch(`${words.join(" ")} `);
      const ms = Date.now() - queryStarted;
      // The shown cards' bodies (for their excerpts) are fetched once the search has stayed the
      // same 250 ms: counted too.
      await page.waitForFunction(() => document.querySelectorAll("#article-viewer .av-card__excerpt").length > 0, null, { timeout: 10_000 }).catch(() => {});
      await page.waitForTimeout(500);
      const files = beyondThePage();
      // Once its parts have arrived: one of its words alone, typed, at 4x CPU throttling (a
      // mid-range phone), until the new count is painted. Median of 5.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      const typed = [];
      for (let i = 0; i < 5; i += 1) {
        for (const text of [`${words[0]} `, `${words.join(" ")} `]) {
          const before = await count();
          const t = await page.evaluate(async ({ text, before }) => {
            const input = document.querySelector("#av-search-input");
            const start = performance.now();
            input.value = text;
            input.dispatchEvent(new InputEvent("input", { bubbles: true }));
            await new Promise((resolve) => {
              const check = () => {
                if (document.querySelector("#article-viewer .av-collection__count")?.textContent !== before) {
                  requestAnimationFrame(() => resolve());
                } else requestAnimationFrame(check);
              };
              check();
            });
            return performance.now() - start;
          }, { text, before });
          typed.push(t);
        }
      }
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
      typed.sort((a, b) => a - b);
      query = { words, ms, files, shown: await count(), throttledMedianMs: typed[typed.length >> 1], throttledMaxMs: typed[typed.length - 1] };
    }
    // A quoted phrase (the newest article's first two title words): the files it fetches
    // beyond the page, the manifest and the viewer (the pairs' directory and chunk, besides
    // its words' parts), and what it finds against its words alone.
    const titleWords = newestTitle.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean).slice(0, 2);
    let phrase = null;
    if (titleWords.length === 2) {
      fetched = [];
      await openSearch(`"${titleWords.join(" ")}" `);
      await page.waitForTimeout(800);
      const files = beyondThePage();
      phrase = { text: titleWords.join(" "), files, shown: await count() };
    }
    // Filter changes on the whole archive at 4x CPU (a mid-range phone), once the parts they
    // need have arrived: the first region checked and unchecked, until the new count is
    // painted. A warm-up round fetches its rank set first.
    await page.goto(`${server.url}/site/`);
    await page.waitForFunction(
      () => !document.getElementById("article-viewer").hidden && document.querySelectorAll("#article-viewer .av-card__title").length > 0,
      null, { timeout: 60_000 },
    );
    const toggle = () => page.evaluate(async () => {
      const count = () => document.querySelector("#article-viewer .av-collection__count")?.textContent;
      const before = count();
      const box = document.querySelector("#article-viewer .av-tree .av-check input");
      const start = performance.now();
      box.click();
      await new Promise((resolve) => {
        const check = () => (count() !== before ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(check));
        check();
      });
      return performance.now() - start;
    });
    await toggle();
    await page.waitForFunction(() => !document.querySelector("#article-viewer .av-card--pending"), null, { timeout: 30_000 });
    await toggle();
    const throttle = await page.context().newCDPSession(page);
    await throttle.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const changes = [];
    for (let i = 0; i < 10; i += 1) {
      changes.push(await toggle());
      await page.waitForTimeout(150);
    }
    await throttle.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    changes.sort((a, b) => a - b);
    const filterChange = { medianMs: changes[changes.length >> 1], p95Ms: changes[Math.min(changes.length - 1, Math.ceil(changes.length * 0.95) - 1)] };
    // The viewer's linear memory once all of the above is done (it never shrinks, so this is
    // its peak).
    const wasmMemoryBytes = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? null);
    return { ok: true, site, total, paintMs, first, regionChange, rangeChange, query, phrase, filterChange, wasmMemoryBytes };
  } finally {
    await browser.close();
    await server.close();
  }
}

export function printArchiveFigures(figures) {
  if (!figures.ok) {
    console.log(`archive: ${figures.error}`);
    return;
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const kinds = (s) => Object.entries(s.byKind).map(([k, v]) => `${k} ${kb(v)}`).join(", ");
  console.log(`\nSharded archive ${figures.site} (${figures.total}), brotli sizes from the files:`);
  console.log(`  before the viewer's list paint: ${figures.first.files} files, ${kb(figures.first.brotli)} brotli (${kb(figures.first.raw)} raw), in ${figures.paintMs} ms on loopback`);
  console.log(`    ${kinds(figures.first)}`);
  console.log(`  + one region:       ${figures.regionChange.files} files, ${kb(figures.regionChange.brotli)} brotli (${kinds(figures.regionChange)})`);
  console.log(`  + a date range:     ${figures.rangeChange.files} files, ${kb(figures.rangeChange.brotli)} brotli (${kinds(figures.rangeChange)})`);
  const change = figures.filterChange;
  if (change) {
    console.log(`  a region checked or unchecked, its parts arrived, to its painted count at 4x CPU: median ${change.medianMs.toFixed(0)} ms, p95 ${change.p95Ms.toFixed(0)} ms (10 changes)`);
  }
  if (figures.wasmMemoryBytes) {
    console.log(`  Wasm memory after all of the above: ${(figures.wasmMemoryBytes / 1e6).toFixed(1)} MB`);
  }
  const query = figures.query;
  if (query) {
    console.log(`  a two-word search ("${query.words.join(" ")}", ${query.shown}): ${query.files.files} files, ${kb(query.files.brotli)} brotli beyond the page, manifest and viewer (${kinds(query.files)}), list in ${query.ms} ms on loopback (page load included; the bodies come after)`);
    console.log(`    then, its parts arrived, a query typed to its painted count at 4x CPU: median ${query.throttledMedianMs.toFixed(0)} ms, max ${query.throttledMaxMs.toFixed(0)} ms`);
  }
  const phrase = figures.phrase;
  if (phrase) {
    console.log(`  a quoted phrase ("${phrase.text}", ${phrase.shown}): ${phrase.files.files} files, ${kb(phrase.files.brotli)} brotli beyond the page, manifest and viewer (${kinds(phrase.files)})`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.chdir(ROOT);
  const figures = await archiveFigures(process.argv[2] ?? "target/e2e-site/archive");
  printArchiveFigures(figures);
  process.exit(figures.ok ? 0 : 1);
}
