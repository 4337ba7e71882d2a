// Browser test of JSON Feed, RSS and Atom: ?src= a sample feed lists its items, filters work, an
// item opens with its figures and captions, undated items come last, and hostile markup runs
// nothing. Feeds (RSS, Atom and JSON Feed) are read in the feed reader's worker, fetched only
// for feeds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SCREENSHOTS, openPage, sharedSession } from "./browser.mjs";

const session = sharedSession();

test("a JSON Feed lists, filters and opens like an article file", async () => {
  const { page, errors } = await openPage(session.browser, 1280);
  const dialogs = [];
  page.on("dialog", (d) => dialogs.push(d.message()) && d.dismiss());
  await page.goto(`${session.server.url}/?src=feeds/newsroom-1.0.json`);
  await page.waitForSelector(".av-collection");
  assert.equal(await page.textContent(".av-collection__count"), "8 articles");
  assert.match(await page.textContent(".av-collection__title"), /Port Halden Newsroom/);
  const titles = await page.$$eval(".av-card__title", (n) => n.map((t) => t.textContent));
  assert.equal(titles.length, 8);
  const metas = await page.$$eval(".av-card__meta", (n) => n.map((m) => m.textContent));
  assert.match(metas.at(-1), /Undated/, "undated items come last");

  await page.click('button[aria-label="Regions in Europe"]');
  await page.locator(".av-tree .av-check").filter({ has: page.getByText("Ukraine", { exact: true }) }).locator("input").check();
  await page.waitForFunction(() => document.querySelector(".av-collection__count").textContent === "3 of 8 articles");
  await page.fill('input[type="date"] >> nth=0', "2025-04-01");
  await page.waitForFunction(() => document.querySelector(".av-collection__count").textContent.endsWith("of 8 articles") && document.querySelectorAll(".av-card").length === 2);

  await page.goto(`${session.server.url}/?src=feeds/newsroom-1.0.json&article=harbour-reopens`);
  await page.waitForSelector("article h1");
  assert.equal(await page.textContent("article h1"), "Harbour reopens to fishing boats after storm repairs");
  const captions = await page.$$eval("article figcaption", (n) => n.map((c) => c.textContent));
  assert.ok(captions.some((c) => /Photograph|Jane Doe/.test(c)), captions.join(" | "));
  assert.ok(await page.$$eval("article .av-caption__credit", (n) => n.length) >= 1);
  await page.screenshot({ path: `${SCREENSHOTS}/feed-item-1280.png`, fullPage: true });

  for (const id of ["https-example-org-news-2025-03-rail-utm-source-feed-utm-medium-json-section-2"]) {
    await page.goto(`${session.server.url}/?src=feeds/newsroom-1.0.json&article=${id}`);
    await page.waitForSelector("article h1");
    assert.match(await page.textContent("article"), /This sentence must survive without its onclick handler\./);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors.filter((e) => !e.includes("404")), []);
});

test("the 1.1 sample with a right-to-left item and the large feed load", async () => {
  const { page } = await openPage(session.browser, 375);
  await page.goto(`${session.server.url}/?src=feeds/newsroom-1.1.json`);
  await page.waitForSelector(".av-collection");
  assert.equal(await page.textContent(".av-collection__count"), "10 articles");
  assert.equal(await page.getAttribute('.av-card[lang="ar"]', "dir"), "rtl");
  await page.goto(`${session.server.url}/?src=feeds/large-feed.json`);
  await page.waitForSelector(".av-collection");
  assert.equal(await page.textContent(".av-collection__count"), "360 articles");
  await page.screenshot({ path: `${SCREENSHOTS}/feed-large-375.png` });
});

test("a JSON Feed whose version comes after its items is handed to the feed reader too", async () => {
  const { page, errors } = await openPage(session.browser, 1280);
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  const feed = {
    title: "Version last",
    items: [
      { id: "late-1", title: "Harbour lights", content_text: "The harbour lights were mended.", date_published: "2025-03-02T09:00:00Z" },
      { id: "late-2", title: "Ferry news", content_text: "The ferry runs again.", date_published: "2025-03-01T09:00:00Z" },
    ],
    version: "https://jsonfeed.org/version/1.1",
  };
  await page.route("**/late-version.json", (route) =>
    route.fulfill({ contentType: "application/json", body: JSON.stringify(feed) }));
  await page.goto(`${session.server.url}/?src=late-version.json`);
  await page.waitForSelector(".av-collection");
  assert.equal(await page.textContent(".av-collection__count"), "2 articles");
  assert.deepEqual(await page.$$eval(".av-card__title", (n) => n.map((t) => t.textContent)), ["Harbour lights", "Ferry news"]);
  assert.ok(requested.some((p) => p.endsWith("/xml-reader_bg.wasm")), "read by the feed reader");
  assert.deepEqual(errors, []);
});

test("an RSS feed (ISO-8859-1) lists, filters by date and opens, read in the XML worker", async () => {
  const { page, errors } = await openPage(session.browser, 375);
  const dialogs = [];
  page.on("dialog", (d) => dialogs.push(d.message()) && d.dismiss());
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));

  // An article file never fetches the feed reader (only the glue's 2 KB starter script, a
  // snippet); a JSON Feed is read by it, as RSS and Atom are, so the viewer's own WebAssembly
  // carries no feed mapping.
  await page.goto(`${session.server.url}/`);
  await page.waitForSelector(".av-collection");
  assert.deepEqual(requested.filter((p) => p.startsWith("/xml-reader")), []);
  await page.goto(`${session.server.url}/?src=feeds/newsroom-1.0.json`);
  await page.waitForSelector(".av-collection");
  assert.ok(requested.some((p) => p.endsWith("/xml-reader_bg.wasm")), "the feed reader reads a JSON Feed");
  requested.length = 0;

  // A feed's address starts the worker while the feed downloads (here held back 500 ms).
  const times = {};
  page.on("request", (r) => r.url().endsWith("/xml-reader_bg.wasm") && (times.worker ??= Date.now()));
  await page.route("**/gazette.rss.xml", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    times.feed = Date.now();
    await route.continue();
  });
  await page.goto(`${session.server.url}/?src=feeds/gazette.rss.xml`);
  await page.waitForSelector(".av-collection");
  assert.ok(requested.some((p) => p.endsWith("/xml-reader_bg.wasm")), "the worker's module is fetched for XML");
  assert.ok(times.worker < times.feed, `the worker started before the feed arrived: ${JSON.stringify(times)}`);
  assert.equal(await page.textContent(".av-collection__count"), "6 articles");
  assert.match(await page.textContent(".av-collection__title"), /Kestrel Bay Gazette — fictional/);
  const titles = await page.$$eval(".av-card__title", (n) => n.map((t) => t.textContent));
  assert.deepEqual(titles.slice(0, 2), [
    "Ferry timetable changes for the summer season",
    "Harbour café wins award & a «best chowder» title",
  ]);
  // The bad date is a located notice; its item is kept, undated, last.
  assert.match(await page.textContent(".av-panel--problems"), /pubDate.*line \d+/s);
  assert.match((await page.$$eval(".av-card__meta", (n) => n.map((m) => m.textContent))).at(-1), /Undated/);
  await page.screenshot({ path: `${SCREENSHOTS}/rss-list-375.png`, fullPage: true });

  await page.getByRole("button", { name: "Filters" }).click();
  await page.fill('input[type="date"] >> nth=0', "2025-04-01");
  await page.waitForFunction(() => document.querySelector(".av-collection__count").textContent === "3 of 6 articles");
  assert.match(page.url(), /from=2025-04-01/);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector(".av-collection__count").textContent === "6 articles");

  await page.click(".av-card__title >> nth=0");
  await page.waitForSelector("article h1");
  assert.equal(await page.textContent("article h1"), "Ferry timetable changes for the summer season");
  assert.match(await page.textContent("article"), /Ines Café-Laurent/);
  assert.match(await page.textContent("article figcaption"), /The ferry at the Kestrel Bay quay\..*Gazette staff/s);
  assert.match(await page.textContent("article"), /This sentence must survive without its onclick handler\./);
  assert.equal(await page.$$eval("article a[href^='javascript']", (n) => n.length), 0);
  await page.screenshot({ path: `${SCREENSHOTS}/rss-article-375.png`, fullPage: true });
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors.filter((e) => !e.includes("404")), []);
});

test("an Atom feed lists, filters by region and date, and opens with xml:base links", async () => {
  const { page, errors } = await openPage(session.browser, 1280);
  await page.goto(`${session.server.url}/?src=feeds/tarnwick.atom.xml`);
  await page.waitForSelector(".av-collection");
  assert.equal(await page.textContent(".av-collection__count"), "4 articles");
  assert.equal(await page.getAttribute('.av-card[lang="ar"]', "dir"), "rtl");
  await page.click('button[aria-label="Regions in Europe"]');
  await page.locator(".av-tree .av-check").filter({ has: page.getByText("Germany", { exact: true }) }).locator("input").check();
  await page.waitForFunction(() => document.querySelector(".av-collection__count").textContent === "2 of 4 articles");
  await page.fill('input[type="date"] >> nth=0', "2025-06-01");
  await page.waitForFunction(() => document.querySelector(".av-collection__count").textContent === "1 of 4 articles");
  await page.screenshot({ path: `${SCREENSHOTS}/atom-list-1280.png`, fullPage: true });

  await page.click(".av-card__title >> nth=0");
  await page.waitForSelector("article h1");
  assert.equal(await page.textContent("article h1"), "Reservoir levels back to normal after a dry spring");
  assert.equal(await page.getAttribute("article a:text('level readings')", "href"), "https://example.net/tarnwick/data/levels");
  assert.match(await page.textContent("article"), /We will not need a hosepipe ban this summer\./);
  await page.screenshot({ path: `${SCREENSHOTS}/atom-article-1280.png`, fullPage: true });
  assert.deepEqual(errors.filter((e) => !e.includes("404")), []);
});
