// Browser tests of search in the list: typing finds articles with the words marked and counts
// to match, the search combines with a region, lives in the address (Back returns to the view
// before it, reload keeps it), works by keyboard alone, and an empty result offers a way out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { SCREENSHOTS, listDrawn, openPage, sharedSession } from "./browser.mjs";

const session = sharedSession();
const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");

async function list(width = 1280) {
  const opened = await openPage(session.browser, width);
  await opened.page.goto(`${session.server.url}/`);
  await opened.page.waitForSelector("li.av-card");
  return opened;
}

test("typing a search lists the matches with the words marked, and Back returns to the list", async () => {
  const { page, errors } = await list();
  const search = page.getByLabel("Search articles");
  await search.fill("river");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "river");
  await page.waitForSelector("li.av-card mark.av-mark");
  await listDrawn(page);
  const cards = await page.locator("li.av-card").count();
  assert.ok(cards >= 2 && cards < 25, `${cards} cards`);
  assert.equal(await page.textContent(".av-collection__count"), `${cards} of 25 articles`);
  const marks = await page.locator("mark.av-mark").allTextContents();
  assert.ok(marks.every((m) => /^river/i.test(m)), marks.join("|"));
  await page.screenshot({ path: `${SCREENSHOTS}/search-1280.png` });
  await page.goBack();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has("q"));
  await page.waitForFunction(() => document.querySelectorAll("li.av-card").length === 20);
  assert.equal(await page.inputValue("#av-search-input"), "");
  assert.deepEqual(errors, []);
});

test("a search combines with a region and its counts, and survives a reload", async () => {
  const { page, errors } = await openPage(session.browser, 375);
  await page.goto(`${session.server.url}/?q=river&region=Africa`);
  await page.waitForSelector("li.av-card mark.av-mark");
  const titles = await page.locator("li.av-card .av-card__title").allTextContents();
  assert.ok(titles.length >= 1, titles.join("|"));
  assert.match(await page.textContent(".av-collection__count"), /^\d+ of 25 articles$/);
  await page.reload();
  await page.waitForSelector("li.av-card mark.av-mark");
  assert.equal(await page.inputValue("#av-search-input"), "river");
  await page.screenshot({ path: `${SCREENSHOTS}/search-375.png` });
  assert.deepEqual(errors, []);
});

test("a search that finds nothing says so, and the search can be cleared by keyboard", async () => {
  const { page, errors } = await list();
  await page.keyboard.press("Tab");
  await page.focus("#av-search-input");
  await page.keyboard.type("zzzqqq ");
  await page.waitForSelector(".av-empty");
  assert.match(await page.textContent(".av-empty"), /No article matches "zzzqqq "/);
  await page.getByRole("button", { name: "Clear the search" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll("li.av-card").length === 20);
  assert.deepEqual(errors, []);
});

test("the list with a search passes axe-core (WCAG 2.2 AA) in light and dark", async () => {
  for (const scheme of ["light", "dark"]) {
    const context = await session.browser.newContext({ bypassCSP: true, colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/?q=river`);
    await page.waitForSelector("mark.av-mark");
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    assert.deepEqual(violations, [], scheme);
    if (scheme === "dark") await page.screenshot({ path: `${SCREENSHOTS}/search-dark-1280.png` });
    await context.close();
  }
});

test("an article opened from a search has its words marked and its first match in view", async () => {
  const { page, errors } = await openPage(session.browser, 375, 700);
  await page.goto(`${session.server.url}/?q=lifeguards`);
  await page.waitForSelector("li.av-card mark.av-mark");
  await page.click("li.av-card .av-card__link");
  await page.waitForSelector("article.av-article .av-article__body mark.av-mark");
  const inView = await page.$eval(".av-article__body mark.av-mark", (mark) => {
    const box = mark.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
  assert.ok(inView, "the first match is scrolled into view");
  await page.screenshot({ path: `${SCREENSHOTS}/search-article-375.png` });
  assert.deepEqual(errors, []);
});
