// Browser test of the tag, author and source facets (issue 17): choosing values filters the
// list with counts, the URL follows and Back and Forward restore it; an article's tag and byline
// links open the filtered list; "Show all" and the find box reach every value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SCREENSHOTS, openPage, sharedSession } from "./browser.mjs";

const session = sharedSession();
const SEED = "zelenskyy-second-russian-border-region";
const count = (page) => page.textContent(".av-collection__count");
const waitForCount = (page, text) =>
  page.waitForFunction((t) => document.querySelector(".av-collection__count")?.textContent === t, text);
const facet = (page, title) => page.locator("section.av-filter").filter({ has: page.locator("h2", { hasText: title }) });
const check = (page, title, name) =>
  facet(page, title).locator("label.av-check").filter({ has: page.getByText(name, { exact: true }) }).locator("input");

test("tags, authors and sources filter the list with counts; the URL, Back and Forward follow", async () => {
  const { page, errors } = await openPage(session.browser, 1280);
  await page.goto(`${session.server.url}/?tag=Weather`);
  await page.waitForSelector(".av-collection");
  assert.equal(await count(page), "2 of 25 articles");
  assert.equal(await check(page, "Tag", "Weather").isChecked(), true);

  await check(page, "Tag", "Energy").check();
  await waitForCount(page, "4 of 25 articles");
  assert.match(page.url(), /\?tag=Weather&tag=Energy$/);
  await check(page, "Author", "Sample Desk").check();
  await page.waitForFunction(() => location.search.includes("author=Sample%20Desk"));
  const withAuthor = await count(page);
  assert.match(withAuthor, /^\d+ of 25 articles$/);
  assert.equal(await page.locator('button[aria-label="Remove filter: Author: Sample Desk"]').count(), 1);
  await page.screenshot({ path: `${SCREENSHOTS}/facets-1280.png`, fullPage: true });

  await page.goBack();
  await waitForCount(page, "4 of 25 articles");
  assert.equal(await check(page, "Author", "Sample Desk").isChecked(), false);
  await page.goForward();
  await waitForCount(page, withAuthor);
  await page.click('button[aria-label="Remove filter: Tag: Energy"]');
  await page.waitForFunction(() => !location.search.includes("Energy"));

  // "Show all" lists every tag; the find box narrows them.
  const tags = facet(page, "Tag");
  const shown = await tags.locator("label.av-check").count();
  await tags.getByRole("button", { name: /^Show all/ }).click();
  assert.ok((await tags.locator("label.av-check").count()) > shown);
  await tags.getByLabel("Find tag").fill("scien");
  await page.waitForFunction(() => [...document.querySelectorAll("section.av-filter")]
    .find((s) => s.querySelector("h2")?.textContent === "Tag")?.querySelectorAll("label.av-check").length === 2);
  assert.deepEqual(errors, []);
});

test("an article's tag and byline links open the list filtered by them", async () => {
  const { page, errors } = await openPage(session.browser, 375);
  await page.goto(`${session.server.url}/?article=${SEED}`);
  await page.waitForSelector("article h1");
  const tag = page.locator("a.av-chip--link").first();
  const name = (await tag.textContent()).trim();
  await tag.click();
  await page.waitForSelector(".av-collection");
  assert.equal(new URL(page.url()).searchParams.get("tag"), name);
  assert.match(await count(page), /of 25 articles$/);
  await page.getByRole("button", { name: /^Filters/ }).click();
  await page.screenshot({ path: `${SCREENSHOTS}/facets-375.png`, fullPage: true });
  await page.goBack();
  await page.waitForSelector("article h1");
  await page.locator(".av-byline__names a").first().click();
  await page.waitForSelector(".av-collection");
  assert.ok(new URL(page.url()).searchParams.get("author"));
  assert.deepEqual(errors, []);
});
