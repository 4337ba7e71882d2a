// Browser tests of the release build: the seed article as a reader page, the error panel, and
// layout at phone and desktop widths. Screenshots go to e2e/screenshots/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SCREENSHOTS, openPage, sharedSession } from "./browser.mjs";

const SEED = "zelenskyy-second-russian-border-region";
const session = sharedSession();

async function openArticle(width) {
  const opened = await openPage(session.browser, width);
  await opened.page.goto(`${session.server.url}/?article=${SEED}`);
  await opened.page.waitForSelector("article.av-article h1");
  return opened;
}

test("the seed article shows with captions, credits and pull quotes", async () => {
  const { page, errors } = await openArticle(1280);
  const title = await page.textContent("article h1");
  assert.match(title, /^'War must return where it came from'/);
  assert.equal(await page.getAttribute("article time", "datetime"), "2025-04-08");
  assert.equal(await page.textContent("article time"), "8 April 2025");
  const captions = await page.$$eval("figure figcaption", (nodes) =>
    nodes.map((n) => ({
      caption: n.querySelector(".av-caption__text")?.textContent,
      credit: n.querySelector(".av-caption__credit")?.textContent,
    })),
  );
  assert.equal(captions.length, 3);
  for (const { caption, credit } of captions) {
    assert.ok(caption && !caption.includes("Picture"), caption);
    assert.equal(credit, "Image source, Getty");
  }
  const quotes = await page.$$eval("aside.av-pullquote", (nodes) => nodes.map((n) => n.textContent));
  assert.equal(quotes.length, 2);
  assert.match(quotes[1], /Putin, we see you/);
  assert.equal(await page.title(), title);
  assert.deepEqual(errors, []);
});

test("on wide screens pull quotes sit beside the text", async () => {
  const { page } = await openArticle(1280);
  const [quote, paragraph] = await Promise.all([
    page.$eval("aside.av-pullquote", (n) => n.getBoundingClientRect().toJSON()),
    page.$eval(".av-paragraph", (n) => n.getBoundingClientRect().toJSON()),
  ]);
  assert.ok(quote.left >= paragraph.right, `quote at ${quote.left}, text ends at ${paragraph.right}`);
});

test("at 375 px nothing scrolls sideways and pull quotes sit in the flow", async () => {
  const { page } = await openArticle(375);
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(widths.scroll <= widths.client, JSON.stringify(widths));
  const [quote, paragraph] = await Promise.all([
    page.$eval("aside.av-pullquote", (n) => n.getBoundingClientRect().toJSON()),
    page.$eval(".av-paragraph", (n) => n.getBoundingClientRect().toJSON()),
  ]);
  assert.ok(Math.abs(quote.left - paragraph.left) < 1 && quote.width > 300, JSON.stringify(quote));
});

test("lines stay under about 75 characters at 1920 px", async () => {
  const { page } = await openArticle(1920);
  const charsPerLine = await page.$eval(".av-paragraph", (p) => {
    const style = getComputedStyle(p);
    const canvas = document.createElement("canvas").getContext("2d");
    canvas.font = `${style.fontSize} ${style.fontFamily}`;
    const average = canvas.measureText(p.textContent).width / p.textContent.length;
    return p.clientWidth / average;
  });
  assert.ok(charsPerLine <= 78, `about ${charsPerLine.toFixed(1)} characters per line`);
});

test("images reserve their space before they load", async () => {
  const { page } = await openArticle(375);
  const ratios = await page.$$eval("img.av-figure__image", (imgs) =>
    imgs.map((img) => img.getBoundingClientRect().height / img.getBoundingClientRect().width),
  );
  assert.equal(ratios.length, 3);
  for (const ratio of ratios) assert.ok(ratio > 0.5 && ratio < 0.7, `ratio ${ratio}`);
});

test("a broken image degrades to a box with its alt text and keeps its caption", async () => {
  const { page } = await openPage(session.browser, 1280);
  await page.goto(`${session.server.url}/?src=fixtures/broken-image.json&article=broken-image`);
  await page.waitForSelector(".av-figure__missing");
  assert.equal(await page.getAttribute(".av-figure__missing", "aria-label"), "Image unavailable: A bridge at dusk");
  assert.equal(await page.textContent(".av-caption__text"), "The bridge before it closed");
});

test("an invalid file shows the error panel with the field path", async () => {
  const { page } = await openPage(session.browser, 1280);
  await page.goto(`${session.server.url}/?src=fixtures/invalid-single-article.json`);
  await page.waitForSelector(".av-panel--error");
  const text = await page.textContent(".av-panel--error");
  assert.match(text, /fixtures\/invalid-single-article\.json/);
  assert.match(text, /article \(id "kursk-1"\)\.body\[1\]\.text\[0\]\.href/);
  assert.match(text, /javascript: URLs are not allowed/);
});

test("a file that is not JSON shows line and column, and Retry loads again", async () => {
  const { page } = await openPage(session.browser, 1280);
  let requests = 0;
  await page.route("**/fixtures/flaky.json", (route) => {
    requests += 1;
    return route.fulfill({
      contentType: "application/json",
      body: requests === 1 ? '{"version": 1,\n "articles": [,]}' : '{"version": 1, "articles": []}',
    });
  });
  await page.goto(`${session.server.url}/?src=fixtures/flaky.json`);
  await page.waitForSelector(".av-panel--error");
  assert.match(await page.textContent(".av-panel--error"), /line 2, column 15/);
  await page.click("text=Try again");
  await page.waitForSelector(".av-collection");
  assert.equal(await page.textContent(".av-collection__count"), "0 articles");
});

test("a missing file shows the HTTP status", async () => {
  const { page } = await openPage(session.browser, 1280);
  await page.goto(`${session.server.url}/?src=fixtures/does-not-exist.json`);
  await page.waitForSelector(".av-panel--error");
  assert.match(await page.textContent(".av-panel--error"), /404/);
});

test("skipped articles are listed with their reasons while valid ones show", async () => {
  const { page } = await openPage(session.browser, 1280);
  await page.goto(`${session.server.url}/?src=fixtures/mixed-valid-invalid.json`);
  await page.waitForSelector(".av-collection");
  assert.equal(await page.$$eval(".av-card", (n) => n.length), 2);
  const problems = await page.textContent(".av-panel--problems");
  assert.match(problems, /articles\[1\] \(id "bad-date"\)\.published/);
  assert.match(problems, /articles\[3\]\.id: is required/);
});

test("the list links to the article, Back returns to the list", async () => {
  const { page, errors } = await openPage(session.browser, 1280);
  await page.goto(`${session.server.url}/`);
  const seedLink = `.av-card__link[href$="article=${SEED}"]`;
  await page.waitForSelector(seedLink);
  await page.click(seedLink);
  await page.waitForSelector("article.av-article");
  assert.match(page.url(), new RegExp(`\\?article=${SEED}$`));
  assert.equal(await page.evaluate(() => document.activeElement?.id), "av-article-title");
  await page.goBack();
  await page.waitForSelector(".av-collection");
  assert.deepEqual(errors, []);
});

test("screenshots at 375 px and 1280 px", async () => {
  for (const width of [375, 1280]) {
    const { page } = await openArticle(width);
    await page.screenshot({ path: `${SCREENSHOTS}/seed-article-${width}.png` });
    await page.screenshot({ path: `${SCREENSHOTS}/seed-article-${width}-full.png`, fullPage: true });
    const list = await openPage(session.browser, width);
    await list.page.goto(`${session.server.url}/`);
    await list.page.waitForSelector(".av-collection");
    await list.page.screenshot({ path: `${SCREENSHOTS}/list-${width}.png` });
  }
});

test("bodies load from body_url, relative to their files; a failing one affects only its article", async () => {
  const { page, errors } = await openPage(session.browser, 1280);
  await page.goto(`${session.server.url}/?src=fixtures/split/collection.json&article=loads`);
  await page.waitForSelector("text=The body arrived from its own file.");
  const sources = await page.$$eval("img", (imgs) => imgs.map((i) => [i.getAttribute("src"), i.complete && i.naturalWidth > 0]));
  assert.deepEqual(sources.map(([src]) => src), ["fixtures/split/images/putin.svg", "fixtures/split/bodies/../images/putin.svg"]);
  await page.click(".av-nav__back");
  await page.click("text=This body is missing");
  await page.waitForSelector(".av-article .av-panel--error");
  assert.match(await page.textContent(".av-article .av-panel--error"), /fixtures\/split\/bodies\/missing\.json[\s\S]*404/);
  assert.equal(await page.textContent("article h1"), "This body is missing");
  await page.goBack();
  await page.waitForSelector(".av-collection");
  await page.goBack();
  await page.waitForSelector("text=The body arrived from its own file.");
  assert.deepEqual(errors.filter((e) => !e.includes("404")), []);
});

test("hovering a card prefetches its body; opening it then needs no request", async () => {
  const { page } = await openPage(session.browser, 1280);
  const bodies = [];
  page.on("request", (r) => r.url().includes("/bodies/") && bodies.push(r.url()));
  await page.goto(`${session.server.url}/?src=fixtures/split/collection.json`);
  await page.waitForSelector(".av-card__link");
  await page.hover(".av-card:has-text('This body loads')");
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("bodies/loads.json")));
  assert.deepEqual(bodies.map((u) => u.split("/").pop()), ["loads.json"]);
  await page.click("text=This body loads");
  await page.waitForSelector("text=The body arrived from its own file.");
  assert.equal(bodies.length, 1, "the cached body was used");
});
