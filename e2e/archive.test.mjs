// Browser tests of a published sharded archive (scripts/test.sh publishes 2,000 generated
// articles into target/e2e-site/archive/ with --form archive): the viewer takes over the
// prerendered list fetching only the manifest and the first card shard, its counts equal a
// brute-force count over the input in this file, filters, opening an article and Back work as
// with one file, a search finds and counts what the one-file form finds in the same input
// (fetching only its words' chunks of the search index), and a shard that fails costs only its
// own cards, with Retry. Byte figures are
// printed by bench/archive.mjs, not asserted here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { SCREENSHOTS, launch, listDrawn, recordShifts } from "./browser.mjs";
import { startServer } from "./static-server.mjs";

const SITE = "target/e2e-site";
const INPUT = "target/e2e-data/generated-2000.json";
const session = {};

before(async () => {
  assert.ok(existsSync(`${SITE}/archive/index.html`), `${SITE}/archive is published by scripts/test.sh`);
  session.articles = JSON.parse(readFileSync(INPUT, "utf8")).articles;
  session.server = await startServer({ mounts: { "/": SITE, "/data/": "target/e2e-data" } });
  session.browser = await launch();
});
after(async () => {
  await session.browser?.close();
  await session.server?.close();
});

/** The oracle: how many input articles a region (by path prefix) and a day range let through. */
function expectedCount({ region, from, to }) {
  return session.articles.filter((article) => {
    const day = article.published.slice(0, 10);
    const inRegion =
      !region || (article.regions ?? []).some((path) => path === region || path.startsWith(`${region}/`));
    return inRegion && (!from || day >= from) && (!to || day <= to);
  }).length;
}

/** A page at `width` that records errors and every archive file it asks for. */
async function open(path, { width = 1280, route } = {}) {
  const context = await session.browser.newContext({ viewport: { width, height: 900 } });
  if (route) await context.route("**/archive/archive/**", route);
  await recordShifts(context);
  const page = await context.newPage();
  const errors = [];
  const fetched = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/archive/") && !url.pathname.includes("/app/")) fetched.push(url.pathname.slice(9));
  });
  await page.goto(`${session.server.url}/archive/${path}`);
  return { page, errors, fetched, context };
}

async function takenOver(page) {
  await page.waitForFunction(
    () => !document.getElementById("article-viewer-prerendered") && !document.getElementById("article-viewer").hidden,
    null,
    { timeout: 15000 },
  );
}

const titles = async (page, scope) => {
  await listDrawn(page, scope);
  return page.$$eval(`${scope} .av-card__title`, (nodes) => nodes.map((n) => n.textContent));
};
const count = (page) => page.textContent("#article-viewer .av-collection__count");

test("the archive's list paints from the manifest and one card shard, in the prerendered order, without a shift", async () => {
  const { page, errors, fetched } = await open("");
  const prerendered = await titles(page, "#article-viewer-prerendered");
  assert.equal(prerendered.length, 20);
  await takenOver(page);
  assert.deepEqual(await titles(page, "#article-viewer"), prerendered, "the same newest-first cards as the one-file form");
  assert.equal(await count(page), `${session.articles.length} articles`);
  assert.deepEqual(await page.evaluate(() => window.__shifts), [], "the takeover moves nothing");
  const data = fetched.filter((path) => path.endsWith(".json"));
  assert.equal(data[0], "articles.json", "the manifest first");
  assert.equal(data.length, 2, `one card shard and nothing else: ${data.join(", ")}`);
  assert.match(data[1], /^archive\/cards\//);
  assert.deepEqual(errors, []);
});

test("a region and a date range give the brute-force counts, in the URL, and Back restores them", async () => {
  const { page, errors, fetched } = await open("");
  await takenOver(page);
  await page.getByRole("checkbox", { name: /^Africa/ }).check();
  await page.waitForFunction((n) => document.querySelector("#article-viewer .av-collection__count")?.textContent.startsWith(`${n} of`), expectedCount({ region: "Africa" }));
  assert.equal(new URL(page.url()).searchParams.get("region"), "Africa");
  assert.ok(fetched.some((path) => path.startsWith("archive/sets/")), "the region's rank set was fetched");
  const filter = { region: "Africa", from: "2023-02-10", to: "2024-07-19" };
  await page.goto(`${session.server.url}/archive/?region=Africa&from=${filter.from}&to=${filter.to}`);
  await takenOver(page);
  await page.waitForFunction((n) => document.querySelector("#article-viewer .av-collection__count")?.textContent.startsWith(`${n} of`), expectedCount(filter));
  const cards = await page.locator("#article-viewer .av-card").count();
  assert.equal(cards, Math.min(20, expectedCount(filter)));
  await page.screenshot({ path: `${SCREENSHOTS}/archive-filtered-1280.png` });
  // Open the first card, then Back: the list comes back with its filter and count.
  const first = (await titles(page, "#article-viewer"))[0];
  await page.click("#article-viewer .av-card__link >> nth=0");
  await page.waitForFunction((title) => document.querySelector("article.av-article h1")?.textContent === title, first);
  assert.ok(fetched.some((path) => path.startsWith("archive/bodies/")), "the article's body was fetched");
  await page.goBack();
  await page.waitForFunction((n) => document.querySelector(".av-collection__count")?.textContent.startsWith(`${n} of`), expectedCount(filter));
  assert.equal(new URL(page.url()).searchParams.get("from"), filter.from);
  assert.deepEqual(errors, []);
});

test("?article=ID on the archive's list opens that article from its id bucket", async () => {
  const wanted = session.articles[1234];
  const { page, errors, fetched } = await open(`?article=${wanted.id}`);
  await takenOver(page);
  assert.equal(new URL(page.url()).pathname, `/archive/articles/${wanted.id}/`, "the article's own page");
  assert.equal(await page.textContent("#article-viewer article.av-article h1"), wanted.title);
  for (const kind of ["ids", "cards", "bodies"]) {
    assert.ok(fetched.some((path) => path.startsWith(`archive/${kind}/`)), `archive/${kind}/ was fetched: ${fetched.join(", ")}`);
  }
  assert.deepEqual(errors, []);
});

test("at 375 px a slow shard shows placeholders, a failed one a located message whose Retry loads it", async () => {
  let failing = true;
  const held = [];
  const { page, errors } = await open("", {
    width: 375,
    route: (route) => {
      const path = new URL(route.request().url()).pathname;
      if (!path.includes("/cards/")) return route.continue();
      if (failing) return route.fulfill({ status: 503, body: "unavailable" });
      if (held.released) return route.continue();
      held.push(route);
    },
  });
  await takenOver(page).catch(() => {});
  // The newest shard failed: its cards say so, by file, with Retry.
  await page.waitForSelector("#article-viewer .av-card--failed");
  const message = await page.textContent("#article-viewer .av-card--failed");
  assert.match(message, /archive\/cards\/[^ ]+\.json/);
  assert.match(message, /503/);
  await page.screenshot({ path: `${SCREENSHOTS}/archive-failed-shard-375.png` });
  failing = false;
  await page.click("#article-viewer .av-card--failed button");
  await page.waitForSelector("#article-viewer .av-card--pending");
  assert.equal(await page.getAttribute("#article-viewer .av-card--pending", "aria-busy"), "true");
  await page.screenshot({ path: `${SCREENSHOTS}/archive-pending-375.png` });
  held.released = true;
  for (const route of held.splice(0)) await route.continue();
  await page.waitForFunction(() => document.querySelectorAll("#article-viewer .av-card__title").length === 20);
  assert.equal(await page.locator("#article-viewer .av-card--failed, #article-viewer .av-card--pending").count(), 0);
  await page.screenshot({ path: `${SCREENSHOTS}/archive-list-375.png` });
  assert.deepEqual(errors.filter((e) => !e.includes("503")), []);
});

test("a region whose rank set fails says which file, and Retry gives the region's list", async () => {
  let failing = true;
  const { page, errors } = await open("?region=Africa", {
    route: (route) => {
      const path = new URL(route.request().url()).pathname;
      if (failing && path.includes("/sets/")) return route.fulfill({ status: 503, body: "unavailable" });
      return route.continue();
    },
  });
  await page.waitForSelector("#article-viewer [role=alert]");
  assert.match(await page.textContent("#article-viewer [role=alert]"), /archive\/sets\/[^ ]+\.json.*503/);
  await page.screenshot({ path: `${SCREENSHOTS}/archive-failed-set-1280.png` });
  failing = false;
  await page.click("#article-viewer [role=alert] button");
  await page.waitForFunction((n) => document.querySelector("#article-viewer .av-collection__count")?.textContent.startsWith(`${n} of`), expectedCount({ region: "Africa" }));
  assert.deepEqual(errors.filter((e) => !e.includes("503")), []);
});

/** The region tree's label for a top-level region, count included ("Africa 123"). */
const regionLabel = (page, name) =>
  page
    .locator("#article-viewer .av-tree .av-check")
    .filter({ hasText: new RegExp(`^\\s*${name}`) })
    .first()
    .evaluate((input) => input.closest("label")?.textContent.replace(/\s+/g, " ").trim());

test("a search in the archive fetches its words' parts and finds and counts what the one-file form finds", async () => {
  // A word of one article's title (five letters or more), searched as a whole word.
  const word = session.articles[7].title
    .toLowerCase()
    .split(/[^a-z]+/)
    .find((w) => w.length >= 5);
  assert.ok(word, "the article's title has a word to search for");
  const view = `?q=${word}%20&sort=newest&from=2022-01-01`;
  const { page, errors, fetched } = await open(view);
  await takenOver(page);
  await page.waitForFunction(() => / of /.test(document.querySelector("#article-viewer .av-collection__count")?.textContent ?? ""));
  const archive = {
    count: await count(page),
    titles: await titles(page, "#article-viewer"),
    africa: await regionLabel(page, "Africa"),
  };
  assert.ok(await page.locator("#article-viewer .av-card mark").count() > 0, "the matched words are marked");
  const searchFiles = fetched.filter((path) => path.startsWith("archive/search/"));
  assert.ok(searchFiles.some((path) => /^archive\/search\/terms-/.test(path)), "the term directory");
  assert.ok(searchFiles.length <= 2, `the directory and the word's chunk only: ${searchFiles.join(", ")}`);
  assert.ok(fetched.some((path) => path.startsWith("archive/places/")), "the places of the matches' months");
  assert.equal(await page.inputValue("#av-search-input"), `${word} `);
  await page.setViewportSize({ width: 375, height: 900 });
  await page.screenshot({ path: `${SCREENSHOTS}/archive-search-375.png` });

  // The same input as one file, in the viewer of the published samples.
  await page.goto(`${session.server.url}/news/${view}&src=/data/generated-2000.json`);
  await page.waitForFunction(() => / of /.test(document.querySelector("#article-viewer .av-collection__count")?.textContent ?? ""));
  assert.equal(await count(page), archive.count);
  assert.deepEqual(await titles(page, "#article-viewer"), archive.titles);
  assert.equal(await regionLabel(page, "Africa"), archive.africa);

  // Typed into the box on the archive's list: as many matches as the link (best first); a word no article has
  // leaves none; Back returns to the list before the search (typing replaces its own entry).
  const again = await open("?from=2022-01-01");
  await takenOver(again.page);
  const before = `${expectedCount({ from: "2022-01-01" })} of ${session.articles.length} articles`;
  await again.page.waitForFunction((text) => document.querySelector("#article-viewer .av-collection__count")?.textContent === text, before);
  await again.page.fill("#av-search-input", `${word} `);
  await again.page.waitForFunction((text) => document.querySelector("#article-viewer .av-collection__count")?.textContent === text, archive.count);
  assert.equal(new URL(again.page.url()).searchParams.get("sort"), null, "typed: best match first");
  await again.page.fill("#av-search-input", `${word} zzqxv`);
  await again.page.waitForFunction(() => document.querySelector("#article-viewer .av-empty") !== null);
  await again.page.goBack();
  await again.page.waitForFunction((text) => document.querySelector("#article-viewer .av-collection__count")?.textContent === text, before);
  assert.equal(await again.page.inputValue("#av-search-input"), "");
  assert.deepEqual([...errors, ...again.errors], []);
});

test("a quoted phrase in the archive fetches its pair of words and finds what the one-file form finds", async () => {
  // Two adjacent words of one article's title, quoted.
  const words = session.articles[11].title.toLowerCase().split(/[^a-z]+/).filter(Boolean);
  const at = words.findIndex((w, i) => i + 1 < words.length && w.length >= 4);
  const phrase = words.slice(at, at + 2).join(" ");
  const counted = async (page) => {
    await page.waitForFunction(() => / of /.test(document.querySelector("#article-viewer .av-collection__count")?.textContent ?? ""));
    return count(page);
  };
  const { page, errors, fetched } = await open(`?q=${encodeURIComponent(`"${phrase}" `)}&sort=newest`);
  await takenOver(page);
  const quoted = await counted(page);
  const pairFiles = fetched.filter((path) => path.startsWith("archive/phrases/"));
  assert.ok(pairFiles.some((path) => /^archive\/phrases\/pairs-/.test(path)), `the pairs' directory: ${pairFiles.join(", ")}`);
  assert.ok(pairFiles.length <= 2, `the directory and the pair's chunk only: ${pairFiles.join(", ")}`);
  assert.ok(await page.locator("#article-viewer .av-card mark").count() > 0, "the matched words are marked");
  await page.screenshot({ path: `${SCREENSHOTS}/archive-phrase-1280.png` });
  // The same words unquoted find more (in generated text most words meet), and the one-file
  // form finds as many as the archive for the phrase.
  await page.goto(`${session.server.url}/archive/?q=${encodeURIComponent(`${phrase} `)}&sort=newest`);
  const unquoted = await counted(page);
  assert.ok(parseInt(quoted, 10) < parseInt(unquoted, 10), `${quoted} for "${phrase}" against ${unquoted} for its words`);
  await page.goto(`${session.server.url}/news/?q=${encodeURIComponent(`"${phrase}" `)}&sort=newest&src=/data/generated-2000.json`);
  assert.equal(await counted(page), quoted);
  assert.deepEqual(errors, []);
});
