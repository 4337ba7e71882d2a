// Browser tests of <article-viewer> (issue 18): it mounts from its attributes, follows changes to
// them, cleans up when removed and mounts again when put back; its own children are the
// fallback; the host themes it with --av-* custom properties and ::part() rules, which change
// what they name and nothing else; theme="auto" follows the host's colour scheme live; a host
// accent that fails contrast is named once in the console; axe finds nothing in the themed
// example, light or dark.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { SCREENSHOTS, openPage, sharedSession } from "./browser.mjs";

const session = sharedSession();
const PAGE = "/examples/embed/element.html";
const SEED = "zelenskyy-second-russian-border-region";
const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");

const count = (page) => page.locator("#themed .av-collection__count");
const waitForCount = (page, text) =>
  page.waitForFunction(
    (expected) => document.querySelector("#themed")?.shadowRoot?.querySelector(".av-collection__count")?.textContent === expected,
    text,
  );
const setAttribute = (page, name, value) =>
  page.evaluate(([n, v]) => (v === null ? themed.removeAttribute(n) : themed.setAttribute(n, v)), [name, value]);

test("the element mounts from its attributes, follows their changes, and cleans up when removed", async () => {
  const { page, errors } = await openPage(session.browser, 1280);
  const events = [];
  await page.exposeFunction("recordEvent", (type, detail) => events.push({ type, detail }));
  await page.addInitScript(() => {
    for (const type of ["article-viewer:change", "article-viewer:open"])
      document.addEventListener(type, (e) => window.recordEvent(type, e.detail), true);
  });
  await page.goto(`${session.server.url}${PAGE}`);
  await count(page).waitFor();
  assert.equal(await count(page).textContent(), "9 of 25 articles");
  assert.equal(await page.locator(".site-fallback").isVisible(), false, "the fallback goes when the viewer mounts");

  await setAttribute(page, "region", "Asia");
  await waitForCount(page, "4 of 25 articles");
  await setAttribute(page, "article", SEED);
  await page.locator("#themed article h1").waitFor();
  await setAttribute(page, "article", null);
  await waitForCount(page, "4 of 25 articles");
  // The element's own methods, and events that reach the document.
  await page.evaluate(() => themed.setFilters({ regions: ["Europe"], sort: "oldest" }));
  await waitForCount(page, "9 of 25 articles");
  await page.evaluate((id) => themed.open(id), SEED);
  await page.locator("#themed article h1").waitFor();
  assert.ok(events.some((e) => e.type === "article-viewer:open" && JSON.stringify(e.detail).includes(SEED)), JSON.stringify(events));
  await page.evaluate(() => themed.navigate("?region=Asia"));
  await waitForCount(page, "4 of 25 articles");

  // Facet attributes too: a tag alone.
  await page.evaluate(() => {
    themed.removeAttribute("region");
    themed.setAttribute("tag", "Weather");
  });
  await waitForCount(page, "2 of 25 articles");
  await setAttribute(page, "tag", null);

  // A theme change reaches the running viewer: the same root, now dark, then back to auto.
  await page.evaluate(() => (themed.shadowRoot.querySelector(".av-root").dataset.kept = "yes"));
  await setAttribute(page, "theme", "dark");
  await page.waitForFunction(() => themed.shadowRoot.querySelector(".av-root").dataset.theme === "dark");
  assert.equal(await page.evaluate(() => themed.shadowRoot.querySelector(".av-root").dataset.kept), "yes", "not mounted again");
  await setAttribute(page, "theme", "auto");
  await page.waitForFunction(() => themed.shadowRoot.querySelector(".av-root").dataset.theme === "system");

  // A new file: the viewer mounts again on it.
  await page.evaluate(() => {
    themed.removeAttribute("region");
    themed.setAttribute("src", "../../feeds/newsroom-1.0.json");
  });
  await waitForCount(page, "8 articles");

  // Removed: the viewer and its listeners go; put back, it mounts again.
  await page.evaluate(() => {
    window.kept = themed;
    themed.remove();
  });
  assert.equal(await page.evaluate(() => kept.shadowRoot.querySelector(".av-root")), null);
  await page.evaluate(() => kept.dispatchEvent(new CustomEvent("article-viewer:navigate", { detail: "?region=Europe" })));
  assert.equal(await page.evaluate(() => kept.shadowRoot.querySelector(".av-root")), null, "a removed viewer does not answer");
  await page.evaluate(() => document.querySelector("main").append(kept));
  await waitForCount(page, "8 articles");
  // The JSON Feed sample names images that are not in the build (its own test allows the same).
  assert.deepEqual(errors.filter((e) => !e.includes("404")), []);
});

test("without JavaScript the element shows the host's own fallback", async () => {
  // 1280 px: the example's hostile.css gives every p a 5em margin, too wide for a phone.
  const context = await session.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${session.server.url}${PAGE}`);
  assert.equal(await page.locator(".site-fallback").isVisible(), true);
  assert.equal(await page.locator(".site-fallback a").getAttribute("href"), "../../articles.json");
  await page.screenshot({ path: `${SCREENSHOTS}/element-no-js-1280.png` });
  await context.close();
});

test("custom properties and ::part rules theme what they name, and nothing else", async () => {
  const { page } = await openPage(session.browser, 1280);
  await page.goto(`${session.server.url}${PAGE}`);
  await count(page).waitFor();
  const style = (selector, properties) =>
    page.evaluate(([s, ps]) => {
      const element = themed.shadowRoot.querySelector(s);
      const computed = getComputedStyle(element);
      return Object.fromEntries(ps.map((p) => [p, computed.getPropertyValue(p)]));
    }, [selector, properties]);
  assert.deepEqual(await style(".av-root", ["background-color", "color"]), {
    "background-color": "rgb(246, 251, 250)",
    color: "rgb(18, 32, 30)",
  });
  assert.equal((await style(".av-card__title a", ["color"])).color, "rgb(0, 89, 79)", "links take the accent");
  assert.match((await style(".av-card__title", ["font-family"]))["font-family"], /^"DejaVu Serif"/);
  assert.match((await style(".av-card__standfirst", ["font-family"]))["font-family"], /DejaVu Sans|system-ui/);
  assert.equal((await style(".av-filters__toggle", ["border-top-left-radius"]))["border-top-left-radius"], "0px");
  // ::part(count) and ::part(card) change their parts only.
  assert.equal((await style(".av-collection__count", ["text-transform"]))["text-transform"], "uppercase");
  assert.equal((await style(".av-collection__title", ["text-transform"]))["text-transform"], "none");
  assert.equal((await style(".av-card", ["border-inline-start-width"]))["border-inline-start-width"], "4px");
  assert.equal((await style(".av-card__meta", ["border-inline-start-width"]))["border-inline-start-width"], "0px");

  // Unset, the look is today's: the same viewer without the theme's rules.
  await page.evaluate(() => document.querySelector('link[href="theme.css"]').remove());
  await page.waitForFunction(() =>
    getComputedStyle(themed.shadowRoot.querySelector(".av-card__title a")).color === "rgb(11, 79, 138)");
  assert.equal((await style(".av-root", ["background-color"]))["background-color"], "rgb(251, 250, 247)");
  assert.equal((await style(".av-filters__toggle", ["border-top-left-radius"]))["border-top-left-radius"], "6px");
});

test("theme=auto follows the host page's colour scheme live, and the operating system's", async () => {
  const { page } = await openPage(session.browser, 1280);
  await page.goto(`${session.server.url}${PAGE}`);
  await count(page).waitFor();
  const background = () => page.evaluate(() => getComputedStyle(themed.shadowRoot.querySelector(".av-root")).backgroundColor);
  assert.equal(await background(), "rgb(246, 251, 250)");
  await page.evaluate(() => document.documentElement.style.setProperty("color-scheme", "dark"));
  await page.waitForFunction(() => getComputedStyle(themed.shadowRoot.querySelector(".av-root")).backgroundColor === "rgb(14, 26, 25)");
  await page.screenshot({ path: `${SCREENSHOTS}/element-dark-1280.png` });
  await page.evaluate(() => document.documentElement.style.setProperty("color-scheme", "light"));
  await page.waitForFunction(() => getComputedStyle(themed.shadowRoot.querySelector(".av-root")).backgroundColor === "rgb(246, 251, 250)");
  // The page declares no scheme: the operating system's, as it changes.
  await page.evaluate(() => document.documentElement.style.removeProperty("color-scheme"));
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForFunction(() => getComputedStyle(themed.shadowRoot.querySelector(".av-root")).backgroundColor === "rgb(14, 26, 25)");
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForFunction(() => getComputedStyle(themed.shadowRoot.querySelector(".av-root")).backgroundColor === "rgb(246, 251, 250)");
});

test("a host accent that fails AA contrast is named in the console, once", async () => {
  const { page } = await openPage(session.browser, 375);
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await page.goto(`${session.server.url}${PAGE}`);
  await count(page).waitFor();
  await page.waitForTimeout(100);
  assert.deepEqual(warnings.filter((w) => w.includes("contrast")), [], "the example theme passes");
  await page.evaluate(() => {
    themed.style.setProperty("--av-accent", "#9fd8d0");
    document.documentElement.style.setProperty("color-scheme", "light");
  });
  await page.waitForFunction(() => true);
  await page.waitForTimeout(200);
  await page.evaluate(() => document.documentElement.style.setProperty("color-scheme", "normal"));
  await page.waitForTimeout(200);
  const named = warnings.filter((w) => w.includes("contrast"));
  assert.equal(named.length, 1, named.join("\n"));
  assert.match(named[0], /--av-accent \(rgb\(159, 216, 208\)\) has a contrast of 1\.\d\d:1/);
});

test("axe finds no WCAG 2.2 AA violation in the themed example, light and dark; screenshots", async () => {
  for (const [scheme, width] of [["light", 375], ["dark", 1280]]) {
    const context = await session.browser.newContext({ bypassCSP: true, colorScheme: scheme, viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${session.server.url}${PAGE}`);
    await count(page).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/element-${scheme}-${width}.png`, fullPage: true });
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(themed, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    assert.deepEqual(violations, [], `${scheme}: ${violations.join("\n")}`);
    await context.close();
  }
});
