// Publish-step figures for bench/run.mjs (issue 14):
// - publishing time and peak memory for the samples, 10,000 articles (full form) and, in full
//   runs, 100,000 (split form: a body file each), plus a re-publish with nothing changed;
// - paint of the seed article as a published page, beside the viewer's own page (?article=) and
//   the plain-JS reference page: FCP, LCP and layout shift (the takeover must not shift), from
//   fresh navigations in one browser.
import { existsSync, rmSync } from "node:fs";

export const SITE_DIR = "target/bench-site";
const PUBLISH = "target/release/publish";
const { archiveFigures } = await import("./archive.mjs");

/** Runs the publish binary on `input` into `out`; resolves to its figures. */
async function publishOnce(run, input, out, { fresh = true, form = "file" } = {}) {
  if (fresh) rmSync(out, { recursive: true, force: true });
  const result = await run(PUBLISH, [input, "--out", out, "--app", "dist", "--form", form], { timeoutMs: 1_200_000 });
  const summary = result.stdout.trim().split("\n").pop() ?? "";
  const peak = /peak memory (\d+) MB/.exec(summary);
  const pages = /publish: (\d+) pages/.exec(summary);
  const written = /(\d+) files written/.exec(summary);
  return {
    ok: result.code === 0,
    error: result.code === 0 ? null : result.stderr.trim().split("\n").slice(-3).join(" | "),
    seconds: Number((result.ms / 1000).toFixed(2)),
    pages: pages ? Number(pages[1]) : null,
    written: written ? Number(written[1]) : null,
    peak_mb: peak ? Number(peak[1]) : null,
  };
}

/** Builds the binary, publishes the samples (kept for the browser figures and Lighthouse) and
 *  the generated datasets (removed afterwards: 100,000 pages take over 2 GB). */
export async function publishFigures({ run, log, problem, quick, dataDir }) {
  log("building the publish step (cargo build --release --bin publish)");
  const build = await run("cargo", ["build", "--release", "--quiet", "--bin", "publish"], { timeoutMs: 900_000 });
  if (build.code !== 0) return { available: false, reason: `cargo build failed: ${build.stderr.slice(-300)}` };
  const out = { available: true, runs: {} };
  out.runs.samples = await publishOnce(run, "samples/articles.json", `${SITE_DIR}/news`);
  const sets = [["10000 (full form)", `${dataDir}/generated-10000.json`]];
  if (!quick) sets.push(["100000 (split form, a body file each)", `${dataDir}/split-100000/index.json`]);
  for (const [label, input] of sets) {
    if (!existsSync(input)) {
      out.runs[label] = { ok: false, error: `${input} is missing` };
      continue;
    }
    const dir = `${SITE_DIR}/published-${label.split(" ")[0]}`;
    log(`publishing ${label}`);
    out.runs[label] = await publishOnce(run, input, dir);
    log(`re-publishing ${label} unchanged`);
    out.runs[`${label}, again unchanged`] = await publishOnce(run, input, dir, { fresh: false });
    rmSync(dir, { recursive: true, force: true });
  }
  // The same 100,000 articles as a sharded archive, and what a browser fetches from it.
  const split = `${dataDir}/split-100000/index.json`;
  if (!quick && existsSync(split)) {
    const dir = `${SITE_DIR}/published-archive`;
    log("publishing 100000 as a sharded archive");
    out.runs["100000 (sharded archive)"] = await publishOnce(run, split, dir, { form: "archive" });
    log("measuring the archive in Chromium (bench/archive.mjs)");
    out.archive = await archiveFigures(dir);
    if (!out.archive.ok) problem(`archive figures: ${out.archive.error}`);
    rmSync(dir, { recursive: true, force: true });
  }
  for (const [label, figures] of Object.entries(out.runs)) {
    if (!figures.ok) problem(`publish ${label}: ${figures.error}`);
  }
  return out;
}

/** Installed before any page script: FCP, the last LCP candidate and the layout shifts. */
function paintRecorder() {
  window.__lcp = null;
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
}

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

/** `runs` fresh loads of each page until its article is drawn by the viewer (and, for the
 *  published page, taken over); medians of FCP, LCP and CLS. */
export async function publishedPaint(browser, pages, runs, viewport, problem) {
  const out = {};
  for (const [name, url] of Object.entries(pages)) {
    const samples = [];
    for (let i = 0; i < runs; i += 1) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.addInitScript(paintRecorder);
      try {
        await page.goto(url, { waitUntil: "load", timeout: 60_000 });
        await page.waitForFunction(
          () => document.querySelector("article h1") && !document.getElementById("article-viewer-prerendered")
            && !document.getElementById("article-viewer")?.hidden,
          null, { timeout: 60_000 });
        // The viewer's own render has had a frame to paint (LCP may move to it).
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
        samples.push(await page.evaluate(() => ({
          fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
          lcp: window.__lcp,
          cls: window.__cls,
        })));
        if (errors.length) problem(`published paint ${name}: ${errors.slice(0, 2).join(" | ")}`);
      } catch (error) {
        problem(`published paint ${name}: ${error.message.split("\n")[0]}`);
      } finally {
        await context.close();
      }
    }
    out[name] = {
      url,
      runs: samples.length,
      fcp_ms: median(samples.map((s) => s.fcp)),
      lcp_ms: median(samples.map((s) => s.lcp)),
      cls_max: samples.length ? Math.max(...samples.map((s) => s.cls)) : null,
    };
  }
  return out;
}
