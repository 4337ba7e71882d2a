// Browser tests of the collection view: filtering by region and date, the timeline, URL state
// with Back and reload, keyboard-only use, and speed and DOM size with 10,000 articles.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { SCREENSHOTS, openPage, sharedSession } from "./browser.mjs";

const session = sharedSession();

const count = (page) => page.textContent(".av-collection__count");
const cards = (page) => page.$$eval(".av-card", (n) => n.length);
const search = (page) => new URL(page.url()).search;
const regionBox = (page, name) =>
  page.locator(".av-tree .av-check").filter({ has: page.getByText(name, { exact: true }) }).locator("input");

async function openList(width = 1280, query = "") {
  const opened = await openPage(session.browser, width);
  await opened.page.goto(`${session.server.url}/${query}`);
  await opened.page.waitForSelector(".av-collection");
  // The filter panel's sections are drawn a frame after the list.
  await opened.page.waitForSelector(".av-filter", { state: "attached" });
  return opened;
}

test("select a region, set dates, click a month: list, counts and URL follow; Back and reload restore", async () => {
  const { page, errors } = await openList();
  assert.equal(await count(page), "25 articles");
  assert.equal(await cards(page), 20, "the first page of cards");

  await page.click('button[aria-label="Regions in Europe"]');
  await regionBox(page, "Ukraine").check();
  await page.waitForFunction(() => document.querySelector(".av-collection__count").textContent.startsWith("3 of"));
  assert.equal(search(page), "?region=Europe/Ukraine");
  const oceaniaBefore = await page.textContent(".av-check:has-text('Oceania') .av-count");

  await page.fill('input[type="date"] >> nth=0', "2025-02-01");
  await page.waitForFunction(() => document.querySelector(".av-collection__count").textContent.startsWith("2 of"));
  assert.equal(search(page), "?region=Europe/Ukraine&from=2025-02-01");
  const oceaniaAfter = await page.textContent(".av-check:has-text('Oceania') .av-count");
  assert.notEqual(oceaniaBefore, oceaniaAfter, "region counts follow the date filter");

  await page.click('button[aria-label="Months of 2025"]');
  await page.click(".av-months .av-month:has-text('January')");
  await page.waitForFunction(() => new URL(location.href).search.includes("to=2025-01-31"));
  assert.equal(search(page), "?region=Europe/Ukraine&from=2025-01-01&to=2025-01-31");
  assert.equal(await count(page), "1 of 25 articles");
  assert.match(await page.textContent(".av-card__title"), /Kharkiv/);

  await page.goBack();
  await page.waitForFunction(() => new URL(location.href).search === "?region=Europe/Ukraine&from=2025-02-01");
  assert.equal(await count(page), "2 of 25 articles");
  assert.equal(await page.inputValue('input[type="date"] >> nth=0'), "2025-02-01");

  await page.reload();
  await page.waitForSelector(".av-collection");
  assert.equal(await count(page), "2 of 25 articles");
  assert.ok(await regionBox(page, "Ukraine").isChecked(), "the tree opens to a selected region");
  assert.deepEqual(errors, []);
});

for (const width of [1280, 375]) {
  test(`a changed list paints its count with the cards that fill the screen, and the rest a frame later (${width} px)`, async () => {
    const { page, errors } = await openList(width);
    // At each frame after the order changes: how many cards, whether the list says it is busy,
    // the count, and whether the drawn cards reach the window's bottom (or are all there are).
    const frames = await page.evaluate(async () => {
      const select = document.querySelector(".av-sort .av-select");
      select.value = "oldest";
      select.dispatchEvent(new Event("change", { bubbles: true }));
      const seen = [];
      for (let i = 0; i < 5; i += 1) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const drawn = [...document.querySelectorAll("li.av-card")];
        seen.push([drawn.length, document.querySelector(".av-cards[aria-busy]") !== null,
          document.querySelector(".av-collection__count").textContent,
          drawn.at(-1).getBoundingClientRect().bottom >= innerHeight]);
      }
      return seen;
    });
    const [first, busy, text, filled] = frames[0];
    assert.ok(first < 20 && busy && text === "25 articles" && filled,
      `the first frame: the count and the cards that fill the screen, no more: ${JSON.stringify(frames)}`);
    assert.ok(first <= (width < 600 ? 4 : 8), `a ${width} px screen needs no more than that: ${JSON.stringify(frames)}`);
    assert.deepEqual(frames.at(-1).slice(0, 3), [20, false, "25 articles"], JSON.stringify(frames));
    assert.ok(frames.findIndex(([n]) => n === 20) <= 3, `the rest within three frames: ${JSON.stringify(frames)}`);
    assert.equal(search(page), "?sort=oldest");
    assert.deepEqual(errors, []);
  });
}

test("dragging across the timeline selects a period", async () => {
  const { page } = await openList();
  const bars = page.locator(".av-bar__hit");
  const n = await bars.count();
  assert.equal(n, 13, "October 2024 to October 2025");
  const first = await bars.nth(3).boundingBox();
  const last = await bars.nth(5).boundingBox();
  await page.mouse.move(first.x + first.width / 2, first.y + 10);
  await page.mouse.down();
  await page.mouse.move(last.x + last.width / 2, last.y + 10, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => new URL(location.href).search.includes("from="));
  assert.equal(search(page), "?from=2025-01-01&to=2025-03-31");
  assert.equal(await page.locator(".av-bar.is-selected").count(), 3);
});

test("an empty result says why and clears", async () => {
  const { page } = await openList(1280, "?region=Asia/Japan&from=2025-09-01&to=2025-09-30");
  const text = await page.textContent(".av-empty");
  assert.match(text, /2 articles in Asia › Japan, and 2 articles in the chosen dates, but none in both/);
  await page.click(".av-empty >> text=Clear all filters");
  await page.waitForFunction(() => document.querySelector(".av-collection__count").textContent === "25 articles");
  assert.equal(search(page), "");
});

test("invalid parameters are ignored with a visible notice", async () => {
  const { page } = await openList(1280, "?from=2025-02-30&sort=sideways&region=Atlantis");
  const notices = await page.textContent(".av-notices");
  assert.match(notices, /from=2025-02-30 was ignored/);
  assert.match(notices, /sort=sideways was ignored/);
  assert.match(notices, /No article in this file is in the region "Atlantis"/);
  assert.match(await page.textContent(".av-empty"), /No article is in Atlantis/);
});

test("oldest first, find a region by name without accents, unspecified region", async () => {
  const { page } = await openList();
  await page.selectOption(".av-sort select", "oldest");
  await page.waitForFunction(() => new URL(location.href).search === "?sort=oldest");
  assert.match(await page.textContent(".av-card__title"), /Sydney/);
  await page.fill('.av-filters input[type="search"]', "SAO PAU");
  assert.equal(await page.locator(".av-tree .av-check").count(), 3, "South America › Brazil › São Paulo");
  await page.fill('.av-filters input[type="search"]', "");
  await page.locator(".av-check", { hasText: "Unspecified region" }).locator("input").check();
  await page.waitForFunction(() => document.querySelector(".av-collection__count").textContent.startsWith("2 of"));
});

test("going back from an article returns to the same list and scroll position", async () => {
  const { page } = await openList(375, "?sort=oldest");
  await page.click("text=Show 5 more");
  assert.equal(await cards(page), 25);
  const link = page.locator(".av-card__link").nth(22);
  await link.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => scrollY);
  assert.ok(y > 1000, `scrolled to ${y}`);
  await link.click();
  await page.waitForSelector("article.av-article");
  assert.equal(await page.evaluate(() => scrollY), 0);
  await page.goBack();
  await page.waitForSelector(".av-collection");
  assert.equal(await cards(page), 25, "still showing the extra cards");
  assert.ok(Math.abs((await page.evaluate(() => scrollY)) - y) < 5, "scroll position restored");
  assert.equal(await page.evaluate(() => document.activeElement.className), "av-card__link");
});

test("the whole flow works by keyboard alone", async () => {
  const { page } = await openList();
  const focusOn = async (predicate, limit = 80) => {
    for (let i = 0; i < limit; i += 1) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(predicate)) return;
    }
    throw new Error("never reached the control by Tab");
  };
  await focusOn(() => document.activeElement?.getAttribute("aria-label") === "Regions in Europe");
  await page.keyboard.press("Enter");
  await focusOn(() => document.activeElement?.closest("label")?.textContent.startsWith("Russia"));
  await page.keyboard.press("Space");
  await page.waitForFunction(() => new URL(location.href).search === "?region=Europe/Russia");
  await focusOn(() => document.activeElement?.classList.contains("av-card__link"));
  const title = await page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press("Enter");
  await page.waitForSelector("article.av-article");
  assert.equal(await page.textContent("article h1"), title);
  assert.equal(await page.evaluate(() => document.activeElement.id), "av-article-title");
});

test("with 10,000 articles a filter change paints quickly and the DOM stays small", async (t) => {
  if (!existsSync("target/e2e-data/generated-10000.json")) {
    t.skip("run scripts/test.sh to generate target/e2e-data/generated-10000.json");
    return;
  }
  const { page } = await openList(1280, "?src=generated/generated-10000.json");
  assert.equal(await count(page), "10000 articles");
  const nodes = await page.evaluate(() => document.querySelectorAll("*").length);
  assert.ok(nodes < 800, `${nodes} DOM nodes`);
  await page.click('button[aria-label="Regions in Europe"]');
  const timings = [];
  const boxes = page.locator(".av-tree__children .av-check input");
  const total = await boxes.count();
  for (let i = 0; i < 10; i += 1) {
    const box = await boxes.nth(i % total).elementHandle();
    timings.push(
      await page.evaluate(async (input) => {
        const before = document.querySelector(".av-collection__count").textContent;
        const start = performance.now();
        input.click();
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const after = document.querySelector(".av-collection__count").textContent;
        return after === before ? -1 : performance.now() - start;
      }, box),
    );
  }
  assert.ok(!timings.includes(-1), "every change repainted the count");
  timings.sort((a, b) => a - b);
  const median = timings[Math.floor(timings.length / 2)];
  const worst = timings[timings.length - 1];
  console.log(`# 10,000 articles: filter change to next paint median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms; ${nodes} DOM nodes`);
  assert.ok(median < 100, `median ${median} ms`);
  const after = await page.evaluate(() => document.querySelectorAll("*").length);
  assert.ok(after < 800, `${after} DOM nodes after filtering`);
  await page.screenshot({ path: `${SCREENSHOTS}/generated-10000-1280.png` });
});

test("screenshots of the collection at 375 px and 1280 px", async () => {
  for (const width of [375, 1280]) {
    const { page } = await openList(width, "?region=Europe&from=2025-01-01");
    await page.screenshot({ path: `${SCREENSHOTS}/collection-filtered-${width}.png`, fullPage: width === 1280 });
  }
});
