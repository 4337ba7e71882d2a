// Browser tests of hosting and embedding: the build under a sub-path; viewers mounted into host
// elements (independent, isolated styles both ways, host URL untouched, events and the JS API,
// one WebAssembly download); host article URLs; URL sync on request; the iframe alternative.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SCREENSHOTS, openPage, serve, sharedSession } from "./browser.mjs";

const session = sharedSession();

const EXAMPLE = "/examples/embed/";

async function openHost(path = EXAMPLE, { width = 1280, setup } = {}) {
  const opened = await openPage(session.browser, width);
  if (setup) await setup(opened.page);
  await opened.page.goto(`${session.server.url}${path}`);
  return opened;
}

test("the build works under a sub-path: list, filter, article, reload and Back", async () => {
  const sub = await serve("/news/archive/");
  try {
    const { page, errors } = await openPage(session.browser, 1280);
    const failed = [];
    page.on("response", (r) => r.status() >= 400 && failed.push(r.url()));
    await page.goto(`${sub.url}/news/archive/`);
    await page.waitForSelector(".av-collection");
    assert.equal(await page.textContent(".av-collection__count"), "25 articles");
    await page.locator(".av-tree .av-check").filter({ has: page.getByText("Asia", { exact: true }) }).locator("input").check();
    await page.waitForFunction(() => location.search === "?region=Asia");
    await page.click(".av-card__link >> nth=0");
    await page.waitForSelector("article.av-article");
    assert.match(page.url(), /^http:\/\/127\.0\.0\.1:\d+\/news\/archive\/\?region=Asia&article=/);
    await page.reload();
    await page.waitForSelector("article.av-article");
    await page.goBack();
    await page.waitForSelector(".av-collection");
    assert.equal(await page.textContent(".av-collection__count"), "4 of 25 articles");
    await page.goto(`${sub.url}/news/archive/?article=zelenskyy-second-russian-border-region`);
    await page.waitForSelector("article h1");
    const images = await page.$$eval("article img", (imgs) => imgs.map((i) => i.src));
    assert.ok(images.every((src) => src.includes("/news/archive/images/")), images.join());
    assert.deepEqual(failed, [], "nothing failed to load");
    assert.deepEqual(errors, []);
  } finally {
    await sub.close();
  }
});

test("each element becomes its own viewer; two viewers filter independently; the module loads once", async () => {
  const wasm = [];
  const { page } = await openHost(`${EXAMPLE}two-viewers.html`, {
    setup: (p) => p.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(r.url())),
  });
  const europe = page.locator("#europe .av-collection__count");
  const asia = page.locator("#asia .av-collection__count");
  await europe.waitFor();
  await asia.waitFor();
  assert.equal(await europe.textContent(), "9 of 25 articles");
  assert.equal(await asia.textContent(), "8 of 25 articles");
  await page.locator("#europe .av-check").filter({ has: page.getByText("Unspecified region", { exact: true }) }).locator("input").check();
  await page.waitForFunction(() => document.querySelector("#europe").shadowRoot.querySelector(".av-collection__count").textContent === "11 of 25 articles");
  assert.equal(await asia.textContent(), "8 of 25 articles", "the other viewer is untouched");
  assert.equal(await page.locator("#asia .av-card__title").first().textContent(), "Lagos market traders club together for rooftop solar");
  assert.equal(wasm.length, 1, `one WebAssembly download: ${wasm}`);
  assert.equal(await page.evaluate(() => !!document.querySelector("#europe").shadowRoot), true);
});

const HOST_ELEMENTS = ["html", "body", ".site-header", ".site-name", ".site-nav a", ".site-title", ".site-intro", ".site-banner", ".site-footer p"];
const PROPERTIES = [
  "fontSize", "fontFamily", "color", "backgroundColor", "marginTop", "marginBottom", "marginLeft", "paddingTop", "paddingLeft",
  "letterSpacing", "textTransform", "lineHeight", "display", "borderTopWidth", "fontWeight", "textAlign",
];

const computed = (page, selectors, root) =>
  page.evaluate(
    ({ selectors, properties, root }) =>
      Object.fromEntries(
        selectors.map((selector) => {
          const scope = root ? document.querySelector(root).shadowRoot : document;
          const element = scope.querySelector(selector);
          if (!element) return [selector, null];
          const style = getComputedStyle(element);
          return [selector, Object.fromEntries(properties.map((p) => [p, style[p]]))];
        }),
      ),
    { selectors, properties: PROPERTIES, root },
  );

test("the viewer's CSS does not change the host page", async () => {
  const without = await openHost(EXAMPLE, { setup: (p) => p.route("**/embed.js", (r) => r.fulfill({ contentType: "text/javascript", body: "" })) });
  await without.page.waitForSelector(".site-footer");
  const before = await computed(without.page, HOST_ELEMENTS);
  const { page } = await openHost(EXAMPLE);
  await page.locator("#archive .av-collection").waitFor();
  const after = await computed(page, HOST_ELEMENTS);
  for (const selector of HOST_ELEMENTS) assert.ok(before[selector], `${selector} exists`);
  assert.deepEqual(after, before);
  assert.equal(before[".site-intro"].color, "rgb(255, 0, 0)", "the hostile rules are really in force");
});

const VIEWER_ELEMENTS = [".av-root", ".av-collection__title", ".av-collection__count", ".av-card__title", ".av-card__link", ".av-card__standfirst",
  ".av-card__meta", ".av-card__image", ".av-button", ".av-check", ".av-filter__title", ".av-preset", ".av-input"];

test("the host's CSS, even hostile global rules, does not change the viewer", async () => {
  // The filter panel's sections come a frame after the list.
  const calm = await openHost(EXAMPLE, { setup: (p) => p.route("**/hostile.css", (r) => r.fulfill({ contentType: "text/css", body: "" })) });
  await calm.page.locator("#archive .av-check").first().waitFor({ state: "attached" });
  const plain = await computed(calm.page, VIEWER_ELEMENTS, "#archive");
  const { page } = await openHost(EXAMPLE);
  await page.locator("#archive .av-check").first().waitFor({ state: "attached" });
  const hostile = await computed(page, VIEWER_ELEMENTS, "#archive");
  for (const selector of VIEWER_ELEMENTS) assert.ok(plain[selector], `${selector} exists`);
  assert.deepEqual(hostile, plain);
  assert.equal(hostile[".av-collection__count"].fontSize, "16px");
  const imageWidth = await page.evaluate(() => document.querySelector("#archive").shadowRoot.querySelector(".av-card__image").getBoundingClientRect().width);
  assert.ok(imageWidth < 200, `img { width: 100% } does not reach the thumbnail (${imageWidth}px)`);
  await page.screenshot({ path: `${SCREENSHOTS}/embedded-hostile-host-1280.png`, fullPage: true });
});

test("navigating inside an embedded viewer leaves the host URL alone and tells the host", async () => {
  const { page } = await openHost(EXAMPLE);
  const start = page.url();
  const events = [];
  await page.exposeFunction("recordEvent", (e) => events.push(e));
  await page.evaluate(() => {
    const host = document.querySelector("#archive");
    for (const name of ["article-viewer:open", "article-viewer:change"])
      host.addEventListener(name, (e) => window.recordEvent({ name, detail: e.detail }));
  });
  await page.locator("#archive .av-card__link").first().click();
  await page.locator("#archive article.av-article").waitFor();
  assert.equal(page.url(), start, "the host URL is unchanged");
  await page.waitForFunction(() => document.querySelector("#last-opened").textContent !== "nothing yet");
  assert.equal(await page.textContent("#last-opened"), "Chilean observatory records its clearest night of the year");
  const opened = events.find((e) => e.name === "article-viewer:open");
  assert.deepEqual(opened.detail, { id: "sample-andes-observatory", title: "Chilean observatory records its clearest night of the year" });
  assert.ok(events.some((e) => e.name === "article-viewer:change" && e.detail.article === "sample-andes-observatory"));
  await page.locator("#archive .av-nav__back").click();
  await page.locator("#archive .av-collection").waitFor();
  assert.equal(page.url(), start);
});

test("the host sets filters through element.articleViewer", async () => {
  const { page } = await openHost(EXAMPLE);
  await page.locator("#archive .av-collection").waitFor();
  await page.click("#show-ukraine");
  await page.waitForFunction(() => document.querySelector("#archive").shadowRoot.querySelector(".av-collection__count").textContent === "1 of 25 articles");
  assert.match(await page.locator("#archive .av-card__title").textContent(), /War must return/);
  await page.evaluate(() => document.querySelector("#archive").articleViewer.open("sample-tokyo-heat"));
  await page.locator("#archive article h1").waitFor();
  assert.match(await page.locator("#archive article h1").textContent(), /Tokyo/);
});

const patternPage = (attributes) => `<!doctype html><html lang="en"><head><title>Host</title>
  <script type="module" src="/embed.js"></script></head><body><main><h1>Host</h1>
  <div id="v" data-article-viewer data-src="/articles.json" ${attributes}></div></main></body></html>`;

test("data-article-url points article links at the host's own pages; data-sync-url opts in to URL sync; data-theme applies", async () => {
  const { page } = await openHost("/host-pattern.html", {
    setup: (p) => p.route("**/host-pattern.html", (r) => r.fulfill({ contentType: "text/html", body: patternPage('data-article-url="/stories/{id}.html" data-theme="dark"') })),
  });
  await page.locator("#v .av-card__link").first().waitFor();
  assert.equal(await page.locator("#v .av-card__link").first().getAttribute("href"), "/stories/sample-andes-observatory.html");
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("#v").shadowRoot.querySelector(".av-root")).backgroundColor), "rgb(22, 24, 28)");

  const synced = await openHost("/host-sync.html", {
    setup: (p) => p.route("**/host-sync.html*", (r) => r.fulfill({ contentType: "text/html", body: patternPage("data-sync-url") })),
  });
  await synced.page.locator("#v .av-card__link").first().click();
  await synced.page.waitForFunction(() => location.search.includes("article=sample-andes-observatory"));
  await synced.page.goBack();
  await synced.page.locator("#v .av-collection").waitFor();
});

test("in an iframe the viewer's frame grows to fit its content", async () => {
  const { page } = await openHost(`${EXAMPLE}iframe.html`);
  const frame = page.frameLocator("iframe");
  await frame.locator(".av-collection").waitFor();
  await page.waitForFunction(() => parseInt(document.querySelector("iframe").style.height, 10) > 400);
  const [frameHeight, contentHeight] = await Promise.all([
    page.$eval("iframe", (f) => f.getBoundingClientRect().height),
    frame.locator("html").evaluate((h) => h.scrollHeight),
  ]);
  assert.ok(Math.abs(frameHeight - contentHeight) <= 4, `frame ${frameHeight}px, content ${contentHeight}px`);
});

test("screenshots of the embedded examples at 375 px and 1280 px", async () => {
  for (const width of [375, 1280]) {
    const { page } = await openHost(`${EXAMPLE}two-viewers.html`, { width });
    await page.locator("#asia .av-collection").waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/embed-two-viewers-${width}.png` });
  }
});

test("a sanitised comment with a javascript: data-article-url gives no script link, and data-sync-url cannot change the file", async () => {
  const { page } = await openHost("/host-comment.html", {
    setup: (p) => p.route("**/host-comment.html*", (r) => r.fulfill({ contentType: "text/html",
      body: patternPage(`data-article-url="javascript:window.__pwned=1//{id}" data-sync-url`) })),
  });
  await page.locator("#v .av-card__link").first().waitFor();
  const hrefs = await page.locator("#v .av-card__link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.length > 0 && hrefs.every((h) => h.startsWith("?")), `links stay inside the viewer: ${hrefs.slice(0, 3)}`);
  await page.locator("#v .av-card__link").first().click();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  // The host page's address asks for another file: the element's own file is still shown.
  const other = await openHost("/host-comment.html?src=/fixtures/hostile/version-2.json&region=Asia", {
    setup: (p) => p.route((url) => url.pathname === "/host-comment.html", (r) => r.fulfill({ contentType: "text/html", body: patternPage("data-sync-url") })),
  });
  await other.page.locator("#v .av-collection").waitFor();
  assert.equal(await other.page.locator("#v .av-collection__count").textContent(), "4 of 25 articles");
  assert.match(await other.page.locator("#v .av-notices").textContent(), /src=\/fixtures\/hostile\/version-2\.json was ignored/);
});

const lateHost = (scriptAttributes, later) => `<!doctype html><html lang="en"><head><title>Host</title>
  <script type="module" src="/embed.js" ${scriptAttributes}></script></head><body><main><h1>Host</h1>
  <div id="first" data-article-viewer data-src="/articles.json"></div><div id="comments"></div>
  <script type="module">${later}</script></main></body></html>`;
const addLater = `setTimeout(() => { document.querySelector("#comments").innerHTML =
  '<div id="late" data-article-viewer data-src="/articles.json"></div>'; }, 300);`;

test("elements added after load become viewers only when the host opts in", async () => {
  const open = async (name, attributes, later) => {
    const opened = await openHost(`/${name}.html`, {
      setup: (p) => p.route(`**/${name}.html`, (r) => r.fulfill({ contentType: "text/html", body: lateHost(attributes, later) })),
    });
    await opened.page.locator("#first .av-collection").waitFor();
    await opened.page.waitForSelector("#late", { state: "attached" });
    return opened.page;
  };
  const inert = await open("late-inert", "", addLater);
  await inert.waitForTimeout(700);
  assert.equal(await inert.evaluate(() => document.querySelector("#late").shadowRoot), null, "a late element stays inert");
  const observed = await open("late-observed", "data-observe", addLater);
  await observed.locator("#late .av-collection").waitFor();
  const mounted = await open("late-mounted", "",
    `${addLater} import { mountViewer } from "/embed.js"; setTimeout(() => mountViewer(document.querySelector("#late")), 500);`);
  await mounted.locator("#late .av-collection").waitFor();
});
