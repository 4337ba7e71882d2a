// Browser tests of a published site (scripts/test.sh publishes the samples into
// target/e2e-site/news/ first), served under a sub-path by a plain static server: the pages read
// without JavaScript; with it, the viewer takes over without a second copy, a layout shift or an
// error; ?article= links reach the article's page; Back and Forward move between article pages
// without reloading. Screenshots go to e2e/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { SCREENSHOTS, launch, recordShifts } from "./browser.mjs";
import { startServer } from "./static-server.mjs";

const SITE = "target/e2e-site";
const SEED = "zelenskyy-second-russian-border-region";
const session = {};

before(async () => {
  assert.ok(existsSync(`${SITE}/news/index.html`), `${SITE}/news is published by scripts/test.sh`);
  session.server = await startServer({ mounts: { "/": SITE } });
  session.browser = await launch();
});
after(async () => {
  await session.browser?.close();
  await session.server?.close();
});

/** A page that records errors and layout shifts from its very start. */
async function open(path, { width = 1280, javaScript = true } = {}) {
  const context = await session.browser.newContext({
    viewport: { width, height: 800 },
    javaScriptEnabled: javaScript,
  });
  await recordShifts(context);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  await page.goto(`${session.server.url}/news/${path}`);
  return { page, errors };
}

/** Waits until the viewer has replaced the prerendered copy. */
async function takenOver(page) {
  await page.waitForFunction(
    () => !document.getElementById("article-viewer-prerendered") && !document.getElementById("article-viewer").hidden,
    null,
    { timeout: 15000 },
  );
}

test("without JavaScript an article page shows the whole article, and no dead controls", async () => {
  const { page, errors } = await open(`articles/${SEED}/`, { width: 375, javaScript: false });
  assert.match(await page.textContent("h1"), /^'War must return where it came from'/);
  assert.equal(await page.getAttribute("article time", "datetime"), "2025-04-08");
  const captions = await page.$$eval("figure figcaption .av-caption__credit", (nodes) => nodes.map((n) => n.textContent));
  assert.deepEqual(captions, ["Image source, Getty", "Image source, Getty", "Image source, Getty"]);
  assert.equal(await page.locator("aside.av-pullquote").count(), 2);
  const paragraphs = await page.locator(".av-paragraph").count();
  assert.ok(paragraphs > 10, `${paragraphs} paragraphs`);
  const lead = await page.$eval("figure img", (img) => img.complete && img.naturalWidth > 0);
  assert.ok(lead, "the lead image loads from the published site");
  assert.equal(await page.locator("button:visible").count(), 0, "no button that needs the viewer");
  assert.equal(await page.getAttribute(".av-nav__back", "href"), "../../");
  await page.screenshot({ path: `${SCREENSHOTS}/published-article-no-js-375.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test("without JavaScript the collection page lists the newest articles as links", async () => {
  const { page } = await open("", { javaScript: false });
  assert.equal(await page.locator(".av-card").count(), 20);
  const href = await page.getAttribute(".av-card__link >> nth=0", "href");
  assert.match(href, /^\.\/articles\/[a-z0-9-]+\/$/);
  await page.screenshot({ path: `${SCREENSHOTS}/published-collection-no-js-1280.png` });
});

for (const width of [375, 1280]) {
  test(`at ${width} px the viewer takes over an article page without a second copy, a shift or an error`, async () => {
    const { page, errors } = await open(`articles/${SEED}/`, { width });
    await takenOver(page);
    assert.equal(await page.locator("h1").count(), 1);
    assert.equal(await page.locator("article.av-article").count(), 1);
    await page.getByRole("button", { name: "Reading options" }).click();
    assert.equal(await page.locator("#av-controls-panel").isVisible(), true, "the viewer's controls work");
    await page.keyboard.press("Escape");
    const shifts = await page.evaluate(() => window.__shifts);
    assert.deepEqual(shifts, [], "no layout shift");
    assert.equal(await page.title(), await page.textContent("h1"));
    await page.screenshot({ path: `${SCREENSHOTS}/published-article-${width}.png` });
    assert.deepEqual(errors, []);
  });
}

test("the collection page is the viewer: its filters work and it takes over without a shift", async () => {
  const { page, errors } = await open("?region=Europe");
  // Until then the prerendered (unfiltered) list is kept out of sight.
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute("data-av-query")), true);
  await takenOver(page);
  assert.match(await page.textContent(".av-count, .av-collection__count, h1 + p"), /9 articles|of 25/);
  assert.deepEqual(await page.evaluate(() => window.__shifts), []);
  assert.deepEqual(errors, []);
});

test("?article=ID on the collection page opens the article's own page, filters kept", async () => {
  const { page, errors } = await open("?article=sample-paris-seine&region=Europe");
  await page.waitForSelector("article.av-article h1");
  const url = new URL(page.url());
  assert.equal(url.pathname, "/news/articles/sample-paris-seine/");
  assert.equal(url.searchParams.get("region"), "Europe");
  assert.match(await page.textContent("h1"), /Seine/);
  assert.deepEqual(errors, []);
});

test("a saved theme is applied before the first paint by the page's inline prefs script, under its CSP", async () => {
  const context = await session.browser.newContext({ viewport: { width: 375, height: 800 } });
  await context.addInitScript(() => {
    localStorage.setItem("article-viewer:prefs", "theme=dark");
    window.__seen = {};
    document.addEventListener("DOMContentLoaded", () => {
      window.__seen.themeAtParse = document.documentElement.getAttribute("data-av-theme");
    });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name === "first-contentful-paint") {
          window.__seen.prerenderedAtPaint = document.getElementById("article-viewer-prerendered") !== null;
        }
      }
    }).observe({ type: "paint", buffered: true });
  });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${session.server.url}/news/articles/${SEED}/`);
  await takenOver(page);
  const seen = await page.evaluate(() => window.__seen);
  assert.equal(seen.themeAtParse, "dark", "prefs.js ran inline, before the viewer, under the page's CSP");
  assert.equal(seen.prerenderedAtPaint, true, "the first paint is the prerendered page");
  const requested = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  assert.equal(requested.filter((name) => name.endsWith("/prefs.js")).length, 0, "no request for prefs.js");
  assert.deepEqual(errors, []);
  await context.close();
});

test("prerendered dates read as the viewer's Intl writes them, so taking over changes no date", async () => {
  // An en-GB article with a date, an Arabic one, one with a time and an offset, and the list.
  for (const path of [`articles/${SEED}/`, "articles/sample-cairo-metro-ar/", "articles/sample-tokyo-heat/", ""]) {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        window.__prerenderedDates = [...document.querySelectorAll("#article-viewer-prerendered time")].map((t) => t.textContent);
      });
    });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/news/${path}`);
    await takenOver(page);
    const before = await page.evaluate(() => window.__prerenderedDates);
    const after = await page.$$eval("#article-viewer time", (times) => times.map((t) => t.textContent));
    assert.ok(before.length > 0, `${path}: dates on the page`);
    assert.deepEqual(after, before, `${path}: the same dates before and after the viewer takes over`);
    await context.close();
  }
});

test("previous, next, Back and Forward move between article pages without reloading", async () => {
  const { page, errors } = await open(`articles/${SEED}/`);
  await takenOver(page);
  await page.evaluate(() => (window.__sameDocument = true));
  const nextTitle = (await page.textContent(".av-pager__next")).replace(/^Next/, "");
  await page.click(".av-pager__next");
  await page.waitForFunction((title) => document.querySelector("h1")?.textContent === title, nextTitle);
  const nextPath = new URL(page.url()).pathname;
  assert.match(nextPath, /^\/news\/articles\/[a-z0-9-]+\/$/);
  assert.notEqual(nextPath, `/news/articles/${SEED}/`);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector("h1")?.textContent.startsWith("'War must return"));
  assert.equal(new URL(page.url()).pathname, `/news/articles/${SEED}/`);
  await page.goForward();
  await page.waitForFunction((title) => document.querySelector("h1")?.textContent === title, nextTitle);
  await page.click(".av-nav__back");
  await page.waitForSelector(".av-card");
  assert.equal(new URL(page.url()).pathname, "/news/");
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "no page load on the way");
  // A reload of an article's address is that article's own page.
  await page.goBack();
  await page.reload();
  await page.waitForSelector("article.av-article h1");
  assert.equal(await page.textContent("h1"), nextTitle);
  assert.deepEqual(errors, []);
});
