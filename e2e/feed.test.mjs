// Browser test of JSON Feed: ?src= a sample feed lists its items, filters work, an item opens
// with its figures and captions, undated items come last, and hostile markup runs nothing.
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
  await page.locator(".av-check").filter({ has: page.getByText("Ukraine", { exact: true }) }).locator("input").check();
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
