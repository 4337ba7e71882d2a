// Browser tests of the interface languages (issue 17): an Arabic article from an English
// collection speaks Arabic, its whole chrome mirrored; a French collection speaks French, with
// counts through Intl plural rules; the reader's choice in Reading options wins and survives a
// reload; a host sets the language with data-ui-language / ui-language; a catalogue is fetched
// only for the language in use; axe finds nothing in the right-to-left interface, light or
// dark. Screenshots at 375 and 1280 px.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { SCREENSHOTS, openPage, sharedSession } from "./browser.mjs";

const session = sharedSession();
const ARABIC_ARTICLE = "sample-cairo-metro-ar";
const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");

/** The messages of i18n/<code>.txt: key → text, and key[category] → text. */
function catalogue(code) {
  const messages = {};
  for (const raw of readFileSync(`i18n/${code}.txt`, "utf8").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith("@")) continue;
    const at = line.indexOf("=");
    let value = line.slice(at + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    messages[line.slice(0, at).trim()] = value;
  }
  return messages;
}

/** Which catalogue files a page fetched. */
function recordCatalogues(page) {
  const fetched = [];
  page.on("request", (request) => {
    const match = /\/i18n\/([a-z-]+)\.txt$/.exec(new URL(request.url()).pathname);
    if (match) fetched.push(match[1]);
  });
  return fetched;
}

const rootAttributes = (page) =>
  page.$eval(".av-root", (root) => ({ lang: root.getAttribute("lang"), dir: root.getAttribute("dir") }));

test("an Arabic article in an English collection has Arabic chrome, mirrored", async () => {
  const ar = catalogue("ar");
  for (const width of [375, 1280]) {
    const { page, errors } = await openPage(session.browser, width);
    const fetched = recordCatalogues(page);
    await page.goto(`${session.server.url}/?article=${ARABIC_ARTICLE}`);
    await page.waitForFunction(() => document.querySelector(".av-root")?.getAttribute("lang") === "ar");
    assert.deepEqual(await rootAttributes(page), { lang: "ar", dir: "rtl" });
    assert.equal((await page.textContent(".av-nav__back")).trim(), `→ ${ar["all-articles"]}`);
    assert.equal((await page.textContent(".av-controls__toggle")).replace("Aa", "").trim(), ar["reading-options"]);
    assert.equal(await page.textContent(".av-skip"), ar["skip-to-text"]);
    // Mirrored: the back link starts at the right, the reading options at the left.
    const back = await page.$eval(".av-nav__back", (n) => n.getBoundingClientRect().toJSON());
    const options = await page.$eval(".av-controls__toggle", (n) => n.getBoundingClientRect().toJSON());
    assert.ok(back.left > options.left, `the back link (${back.left}) is right of the options (${options.left})`);
    assert.ok(back.right > width / 2, "the back link sits on the right half");
    assert.deepEqual(fetched, ["ar"], "only the Arabic catalogue is fetched");
    await page.screenshot({ path: `${SCREENSHOTS}/ui-arabic-article-${width}.png` });
    // Back on the English list, the interface is English again (the collection is en-GB).
    await page.click(".av-nav__back");
    await page.waitForSelector(".av-collection");
    assert.deepEqual(await rootAttributes(page), { lang: "en", dir: "ltr" });
    assert.equal(await page.textContent(".av-collection__count"), "25 articles");
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});

test("a French collection has French chrome, with counts in French plural forms", async () => {
  const fr = catalogue("fr");
  const { page, errors } = await openPage(session.browser, 1280);
  await page.goto(`${session.server.url}/?src=fixtures/french-collection.json`);
  await page.waitForFunction(() => document.querySelector(".av-root")?.getAttribute("lang") === "fr");
  assert.equal(await page.textContent(".av-collection__count"), fr["articles[other]"].replace("{count}", "3"));
  assert.equal(await page.textContent(".av-search__label"), fr["search-articles"]);
  assert.equal(await page.getAttribute(".av-filters", "aria-label"), fr["filters"]);
  await page.getByRole("checkbox", { name: /^Culture/ }).check();
  await page.waitForFunction(() => /1/.test(document.querySelector(".av-collection__count")?.textContent ?? ""));
  const count = await page.textContent(".av-collection__count");
  assert.equal(count, fr["shown-of-articles[other]"].replace("{shown}", "1").replace("{count}", "3"));
  assert.deepEqual(await page.$$eval(".av-card__title", (titles) => titles.map((t) => t.textContent.trim())),
    ["Le festival de Nantes attire un public record"]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}/ui-french-list-1280.png` });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("the reader's choice of language wins over the content's and survives a reload", async () => {
  const de = catalogue("de");
  const { page, context, errors } = await openPage(session.browser, 1280);
  await page.goto(`${session.server.url}/?article=${ARABIC_ARTICLE}`);
  await page.waitForFunction(() => document.querySelector(".av-root")?.getAttribute("lang") === "ar");
  await page.click(".av-controls__toggle");
  await page.selectOption(".av-controls__language select", "de");
  await page.waitForFunction(() => document.querySelector(".av-root")?.getAttribute("lang") === "de");
  assert.deepEqual(await rootAttributes(page), { lang: "de", dir: "ltr" });
  assert.equal(await page.getAttribute("article", "dir"), "rtl", "the article keeps its own direction");
  await page.reload();
  await page.waitForFunction(() => document.querySelector(".av-root")?.getAttribute("lang") === "de");
  assert.equal((await page.textContent(".av-nav__back")).trim(), `← ${de["all-articles"]}`);
  await page.click(".av-controls__toggle");
  assert.equal(await page.$eval(".av-controls__language select", (s) => s.value), "de");
  await page.selectOption(".av-controls__language select", "");
  await page.waitForFunction(() => document.querySelector(".av-root")?.getAttribute("lang") === "ar");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a host page sets the interface language: data-ui-language and ui-language", async () => {
  const es = catalogue("es");
  const ja = catalogue("ja");
  const { page, context, errors } = await openPage(session.browser, 1280);
  await page.route("**/languages-host.html", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><head><title>Host</title>
        <script type="module" src="/embed.js"></script></head><body><main>
        <div id="first" data-article-viewer data-src="/articles.json" data-ui-language="es-MX"></div>
        <article-viewer id="second" src="/articles.json" ui-language="ja"></article-viewer>
        </main></body></html>`,
    }),
  );
  await page.goto(`${session.server.url}/languages-host.html`);
  // English shows until the host's language's catalogue has arrived; then the count reads in it.
  const countIn = (id, expected) =>
    page.waitForFunction(
      ([host, text]) => document.getElementById(host)?.shadowRoot?.querySelector(".av-collection__count")?.textContent === text,
      [id, expected],
    );
  await countIn("first", es["articles[other]"].replace("{count}", "25"));
  await countIn("second", ja["articles[other]"].replace("{count}", "25"));
  const lang = (id) => page.evaluate((host) => document.getElementById(host).shadowRoot.querySelector(".av-root").getAttribute("lang"), id);
  assert.equal(await lang("first"), "es");
  assert.equal(await lang("second"), "ja");
  await page.evaluate(() => document.getElementById("second").setAttribute("ui-language", "ru"));
  await page.waitForFunction(() => document.getElementById("second").shadowRoot?.querySelector(".av-root")?.getAttribute("lang") === "ru");
  assert.deepEqual(errors, []);
  await context.close();
});

test("axe finds no WCAG 2.2 AA violation in the right-to-left interface, light and dark; screenshots", async () => {
  for (const [scheme, width] of [["light", 375], ["dark", 1280]]) {
    const context = await session.browser.newContext({ bypassCSP: true, colorScheme: scheme, viewport: { width, height: 800 } });
    const page = await context.newPage();
    for (const [name, address] of [["article", `/?article=${ARABIC_ARTICLE}`], ["list", "/?src=fixtures/french-collection.json"]]) {
      await page.goto(`${session.server.url}${address}`);
      await page.waitForSelector(".av-root[lang]:not([lang='en'])");
      if (name === "article") {
        await page.click(".av-controls__toggle");
        await page.screenshot({ path: `${SCREENSHOTS}/ui-arabic-options-${scheme}-${width}.png` });
      }
      await page.evaluate(AXE);
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      });
      assert.deepEqual(violations, [], `${name} in ${scheme}: ${violations.join("\n")}`);
    }
    await context.close();
  }
});
