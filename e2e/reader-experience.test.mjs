// Browser tests of the reading experience: reading options (computed styles, saved across
// reload, applied before the first paint), the lightbox's focus handling, previous/next, copy
// link, the skip link, right-to-left layout, print, axe-core at WCAG 2.2 AA in light and dark,
// and screenshots of every theme.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { SCREENSHOTS, openPage, sharedSession } from "./browser.mjs";

const SEED = "zelenskyy-second-russian-border-region";
const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");
const session = sharedSession();

async function openArticle({ width = 1280, id = SEED, context } = {}) {
  const opened = context ? { page: await context.newPage(), context } : await openPage(session.browser, width);
  await opened.page.goto(`${session.server.url}/?article=${id}`);
  await opened.page.waitForSelector("article.av-article h1");
  return opened;
}

const style = (page, selector, property) =>
  page.$eval(selector, (element, p) => getComputedStyle(element)[p], property);

test("each reading option changes the computed style and persists across reload", async () => {
  const { page } = await openArticle();
  const before = {
    size: await style(page, ".av-paragraph", "fontSize"),
    width: await style(page, ".av-article", "maxWidth"),
    font: await style(page, ".av-paragraph", "fontFamily"),
    background: await style(page, ".av-root", "backgroundColor"),
  };
  await page.click(".av-controls__toggle");
  assert.equal(await page.getAttribute(".av-controls__toggle", "aria-expanded"), "true");
  await page.click(".av-controls__larger");
  await page.click(".av-controls__larger");
  await page.check('input[name="av-width"][value="narrow"]');
  await page.check('input[name="av-font"][value="sans"]');
  await page.check('input[name="av-theme"][value="dark"]');
  await page.setViewportSize({ width: 1000, height: 800 }); // one column, so max-width shows the measure
  const after = {
    size: await style(page, ".av-paragraph", "fontSize"),
    width: await style(page, ".av-article", "maxWidth"),
    font: await style(page, ".av-paragraph", "fontFamily"),
    background: await style(page, ".av-root", "backgroundColor"),
  };
  assert.equal(before.size, "18px");
  assert.equal(after.size, "22px");
  assert.equal(after.width, "480px");
  assert.notEqual(after.font, before.font);
  assert.match(after.font, /system-ui|Sans/);
  assert.equal(after.background, "rgb(22, 24, 28)");
  await page.reload();
  await page.waitForSelector("article h1");
  assert.equal(await style(page, ".av-paragraph", "fontSize"), "22px");
  assert.equal(await style(page, ".av-article", "maxWidth"), "480px");
  assert.equal(await style(page, ".av-root", "backgroundColor"), "rgb(22, 24, 28)");
  await page.click(".av-controls__toggle");
  await page.click("text=Reset reading options");
  assert.equal(await style(page, ".av-paragraph", "fontSize"), "18px");
  assert.equal(await style(page, ".av-root", "backgroundColor"), "rgb(251, 250, 247)");
});

test("the saved theme applies before the viewer starts (no flash)", async () => {
  const { page, context } = await openArticle();
  await page.click(".av-controls__toggle");
  await page.check('input[name="av-theme"][value="sepia"]');
  // Hold back the WebAssembly: what paints now is the page before the viewer runs.
  const held = await context.newPage();
  await held.route("**/article-viewer_bg.wasm", () => {});
  await held.goto(`${session.server.url}/?article=${SEED}`, { waitUntil: "domcontentloaded" });
  assert.equal(await held.$$eval(".av-root", (n) => n.length), 0, "the viewer has not started");
  assert.equal(await held.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), "rgb(244, 236, 216)");
});

test("the reading options are a keyboard disclosure that Escape closes", async () => {
  const { page } = await openArticle();
  await page.focus(".av-controls__toggle");
  await page.keyboard.press("Enter");
  assert.equal(await page.isVisible("#av-controls-panel"), true);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "A− Smaller");
  await page.keyboard.press("Escape");
  assert.equal(await page.isVisible("#av-controls-panel"), false);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("av-controls__toggle")), true);
});

test("every reading option fits inside the open panel, at 375 and 1280 px, left to right and right to left", async () => {
  for (const [width, id] of [[375, SEED], [1280, SEED], [375, "sample-cairo-metro-ar"], [1280, "sample-cairo-metro-ar"]]) {
    const { page, context } = await openArticle({ width, id });
    await page.click(".av-controls__toggle");
    const outside = await page.$eval("#av-controls-panel", (panel) => {
      const box = panel.getBoundingClientRect();
      return [...panel.querySelectorAll("button, select, input, output, legend, .av-controls__label")]
        .map((element) => [element, element.getBoundingClientRect()])
        .filter(([, r]) => r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.width === 0)
        .map(([element, r]) => `${element.tagName}.${element.className} ${Math.round(r.left)}–${Math.round(r.right)} (panel ${Math.round(box.left)}–${Math.round(box.right)})`);
    });
    assert.deepEqual(outside, [], `${id} at ${width} px`);
    const panel = await page.$eval("#av-controls-panel", (p) => p.getBoundingClientRect().toJSON());
    assert.ok(panel.left >= 0 && panel.right <= width, `the panel is on screen at ${width} px: ${JSON.stringify(panel)}`);
    await context.close();
  }
});

test("an image opens large in a dialog that holds focus, closes on Escape and outside, and returns focus", async () => {
  const { page } = await openArticle();
  const opener = page.locator(".av-figure__open").first();
  await opener.focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector("dialog.av-lightbox[open]");
  assert.match(await page.textContent("dialog.av-lightbox figcaption"), /File photo of a Ukrainian soldier.*Getty/s);
  assert.equal(await page.evaluate(() => document.activeElement.closest("dialog") !== null), true, "focus is in the dialog");
  // A modal dialog makes the page behind it inert: Tab moves between the dialog's controls and
  // the browser's own interface (reported as document.body), never to the page behind.
  const visited = [];
  for (let i = 0; i < 4; i += 1) {
    await page.keyboard.press("Tab");
    visited.push(await page.evaluate(() => {
      const active = document.activeElement;
      if (active === document.body || active === null) return "browser";
      if (active.closest("dialog.av-lightbox[open]")) return `dialog: ${active.getAttribute("aria-label") || active.textContent}`;
      return `page behind: ${active.outerHTML.slice(0, 80)}`;
    }));
  }
  assert.deepEqual(visited.filter((v) => v.startsWith("page behind")), [], `Tab never reaches the page behind: ${visited}`);
  assert.ok(visited.filter((v) => v.startsWith("dialog")).length >= 2, `Tab comes back into the dialog: ${visited}`);
  await page.keyboard.press("Escape");
  await page.waitForSelector("dialog.av-lightbox:not([open])", { state: "attached" });
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("av-figure__open")), true, "focus returns to the image");
  await opener.click();
  await page.waitForSelector("dialog.av-lightbox[open]");
  await page.mouse.click(5, 5);
  await page.waitForSelector("dialog.av-lightbox:not([open])", { state: "attached" });
  await page.screenshot({ path: `${SCREENSHOTS}/after-lightbox-1280.png` });
});

test("previous and next follow the filtered list; copy link copies the address", async () => {
  const { page, context } = await openPage(session.browser, 1280);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: session.server.url });
  await page.goto(`${session.server.url}/?region=Europe/Ukraine&article=sample-sumy-grain`);
  await page.waitForSelector("article h1");
  assert.match(await page.textContent(".av-pager__previous"), /War must return/);
  assert.match(await page.textContent(".av-pager__next"), /Kharkiv reopens/);
  await page.click(".av-pager__next");
  await page.waitForFunction(() => location.search.endsWith("article=sample-kharkiv-schools"));
  assert.equal(await page.$$eval(".av-pager__next", (n) => n.length), 0, "the last of the list has no next");
  await page.click("text=Copy link");
  await page.waitForFunction(() => document.querySelector(".av-status-message").textContent !== "");
  assert.equal(await page.textContent(".av-status-message"), "Link copied");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${session.server.url}/?region=Europe/Ukraine&article=sample-kharkiv-schools`);
});

test("the skip link moves focus to the article text; headings form an outline", async () => {
  const { page } = await openArticle();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to article text");
  assert.ok((await page.$eval(".av-skip", (e) => e.getBoundingClientRect().top)) >= 0, "visible when focused");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "av-article-body");
  const levels = await page.$$eval("h1, h2, h3, h4", (hs) => hs.map((h) => Number(h.tagName[1])));
  assert.equal(levels.filter((l) => l === 1).length, 1);
  for (let i = 1; i < levels.length; i += 1) assert.ok(levels[i] <= levels[i - 1] + 1, `heading jump ${levels}`);
});

test("dates are relative with the exact date shown, in the article's language", async () => {
  const { page } = await openArticle();
  assert.equal(await page.textContent(".av-dates__published time"), "8 April 2025");
  assert.match(await page.textContent(".av-dates__published .av-relative"), /\((last year|\d+ years ago)\)/);
  const arabic = await openArticle({ id: "sample-cairo-metro-ar" });
  const text = await arabic.page.textContent(".av-dates__published time");
  assert.match(text, /[\u0660-\u0669]|يوليو/, `Arabic date: ${text}`);
});

test("a right-to-left article mirrors its layout, pull quotes and captions included", async () => {
  const { page } = await openArticle({ id: "sample-cairo-metro-ar" });
  assert.equal(await page.getAttribute("article", "dir"), "rtl");
  assert.equal(await style(page, ".av-paragraph", "direction"), "rtl");
  const [quote, paragraph] = await Promise.all([
    page.$eval(".av-pullquote", (n) => n.getBoundingClientRect().toJSON()),
    page.$eval(".av-paragraph", (n) => n.getBoundingClientRect().toJSON()),
  ]);
  assert.ok(quote.right <= paragraph.left, "the pull quote sits to the left of the text in RTL");
  assert.equal(await style(page, ".av-pullquote", "textAlign"), "start");
  await page.screenshot({ path: `${SCREENSHOTS}/rtl-article-1280.png` });
});

test("print shows the article only, with link addresses and no pull quote split", async () => {
  const { page } = await openArticle();
  await page.emulateMedia({ media: "print" });
  assert.equal(await style(page, ".av-toolbar", "display"), "none");
  assert.equal(await style(page, ".av-pager", "display"), "none");
  assert.equal(await style(page, ".av-pullquote", "breakInside"), "avoid");
  assert.equal(await style(page, ".av-figure__image", "maxWidth"), "70%");
  const after = await page.$eval(".av-source a", (a) => getComputedStyle(a, "::after").content);
  assert.match(after, /https:\/\/www\.lbc\.co\.uk\//);
  await page.pdf({ path: `${SCREENSHOTS}/seed-article-print.pdf` });
});

/** Runs axe-core on the page (injected past the CSP) and returns its violations. */
async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  });
}

test("axe-core finds no WCAG 2.2 AA violation in any view, in light and dark", async () => {
  for (const scheme of ["light", "dark"]) {
    const context = await session.browser.newContext({ bypassCSP: true, colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const views = {
      list: async () => {
        await page.goto(`${session.server.url}/?region=Europe`);
        await page.waitForSelector(".av-collection");
      },
      article: async () => {
        await page.goto(`${session.server.url}/?article=${SEED}`);
        await page.waitForSelector("article h1");
      },
      lightbox: async () => {
        await page.click(".av-figure__open >> nth=0");
        await page.waitForSelector("dialog[open]");
      },
      "reading options": async () => {
        await page.goto(`${session.server.url}/?article=sample-cairo-metro-ar`);
        await page.waitForSelector("article h1");
        await page.click(".av-controls__toggle");
      },
      "error panel": async () => {
        await page.goto(`${session.server.url}/?src=fixtures/invalid-single-article.json`);
        await page.waitForSelector(".av-panel--error");
      },
      "problems list": async () => {
        await page.goto(`${session.server.url}/?src=fixtures/hostile/mixed-valid-invalid.json`);
        await page.waitForSelector(".av-panel--problems");
      },
    };
    for (const [name, open] of Object.entries(views)) {
      await open();
      assert.deepEqual(await axe(page), [], `${name} in ${scheme}`);
    }
    await context.close();
  }
});

test("contrast holds in the sepia and high-contrast themes", async () => {
  for (const theme of ["sepia", "contrast"]) {
    const context = await session.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
    await context.addInitScript((t) => localStorage.setItem("article-viewer:prefs", `theme=${t}`), theme);
    const page = await context.newPage();
    await page.goto(`${session.server.url}/?article=${SEED}`);
    await page.waitForSelector("article h1");
    assert.deepEqual(await axe(page), [], theme);
    await page.goto(`${session.server.url}/?region=Europe`);
    await page.waitForSelector(".av-collection");
    assert.deepEqual(await axe(page), [], `${theme} list`);
    await context.close();
  }
});

test("screenshots of every theme at 375 px and 1280 px", async () => {
  for (const theme of ["light", "dark", "sepia", "contrast"]) {
    for (const width of [375, 1280]) {
      const context = await session.browser.newContext({ viewport: { width, height: 900 } });
      await context.addInitScript((t) => localStorage.setItem("article-viewer:prefs", `theme=${t}`), theme);
      const page = await context.newPage();
      await page.goto(`${session.server.url}/?article=${SEED}`);
      await page.waitForSelector("article h1");
      await page.screenshot({ path: `${SCREENSHOTS}/theme-${theme}-${width}.png` });
      await context.close();
    }
  }
});

test("no text overlaps at any width from 320 to 1920 px", async () => {
  const { page } = await openArticle({ width: 320 });
  for (const width of [320, 480, 768, 1024, 1152, 1280, 1600, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    const problems = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll(".av-paragraph, .av-pullquote, .av-figure, .av-article__header, .av-promo")]
        .map((e) => ({ e, r: e.getBoundingClientRect() }));
      const out = [];
      for (let i = 0; i < boxes.length; i += 1)
        for (let j = i + 1; j < boxes.length; j += 1) {
          const a = boxes[i].r;
          const b = boxes[j].r;
          const overlap = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          if (overlap) out.push(`${boxes[i].e.className} / ${boxes[j].e.className}`);
        }
      if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push("horizontal scroll");
      return out;
    });
    assert.deepEqual(problems, [], `at ${width} px`);
  }
});
