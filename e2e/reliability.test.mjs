// Browser tests of hostile input, network failures and the locked-down page: every hostile file
// shows its expected outcome and runs nothing; each network failure shows an error panel with a
// working Retry; the strict Content-Security-Policy holds with no violation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openPage, sharedSession } from "./browser.mjs";

const session = sharedSession();

/** A page that records dialogs, CSP violations and requests to disallowed schemes. */
async function guardedPage(width = 1280) {
  const opened = await openPage(session.browser, width);
  const { page } = opened;
  opened.dialogs = [];
  opened.badRequests = [];
  page.on("dialog", (dialog) => {
    opened.dialogs.push(dialog.message());
    dialog.dismiss();
  });
  page.on("request", (request) => {
    if (!/^https?:/.test(request.url())) opened.badRequests.push(request.url());
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return opened;
}

const expected = JSON.parse(readFileSync("tests/fixtures/hostile/expected.json", "utf8"));

test("every hostile or broken file shows its expected outcome and runs nothing", async () => {
  for (const [file, want] of Object.entries(expected)) {
    const { page, dialogs, badRequests } = await guardedPage();
    await page.goto(`${session.server.url}/?src=fixtures/hostile/${file}`);
    await page.waitForSelector(".av-collection, .av-panel--error", { timeout: 20000 });
    if (want.error) {
      const panel = await page.textContent(".av-panel--error");
      assert.ok(panel.includes(`fixtures/hostile/${file}`), `${file}: the panel names the file`);
    } else {
      const count = await page.textContent(".av-collection__count");
      assert.equal(count, want.articles === 1 ? "1 article" : `${want.articles} articles`, file);
      const problems = await page.$$eval(".av-panel--problems li", (items) => items.map((i) => i.textContent));
      assert.equal(problems.length, want.skipped.length + (want.notices ?? 0), `${file}: ${problems}`);
      for (const path of want.skipped) assert.ok(problems.some((p) => p.startsWith(`${path}:`)), `${file}: ${path}`);
      // Open every article too, so every text field and URL is rendered.
      for (const link of await page.$$eval(".av-card__link", (links) => links.map((l) => l.getAttribute("href")))) {
        await page.goto(`${session.server.url}/${link}`);
        await page.waitForSelector("article.av-article");
      }
    }
    assert.equal(await page.evaluate(() => window.__pwned), undefined, `${file}: a script ran`);
    assert.deepEqual(dialogs, [], file);
    assert.deepEqual(badRequests, [], file);
  }
});

test("html in text fields shows as literal text", async () => {
  const { page } = await guardedPage();
  await page.goto(`${session.server.url}/?src=fixtures/hostile/script-in-text.json&article=hostile-text`);
  await page.waitForSelector("article h1");
  assert.equal(await page.textContent("article h1"), 'Title <script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">');
  assert.equal(await page.$$eval("article script, article img[src='x']", (n) => n.length), 0);
});

async function failingLoad(t, fulfil, expectText) {
  const { page } = await guardedPage();
  let broken = true;
  await page.route("**/fixtures/network.json", (route) =>
    broken ? fulfil(route) : route.fulfill({ contentType: "application/json", body: '{"version": 1, "articles": []}' }),
  );
  await page.goto(`${session.server.url}/?src=fixtures/network.json`);
  await page.waitForSelector(".av-panel--error", { timeout: 40000 });
  const text = await page.textContent(".av-panel--error");
  assert.match(text, /fixtures\/network\.json/, "the panel names the URL");
  assert.match(text, expectText);
  broken = false;
  await page.click("text=Try again");
  await page.waitForSelector(".av-collection");
  assert.equal(await page.textContent(".av-collection__count"), "0 articles", "Retry works once the cause is fixed");
}

test("a 500 answer shows an error panel with a working Retry", (t) =>
  failingLoad(t, (route) => route.fulfill({ status: 500, body: "oops" }), /500/));

test("an HTML page instead of JSON is named", (t) =>
  failingLoad(t, (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><p>Not found" }), /text\/html, not JSON/));

test("a truncated file says it was cut off", (t) =>
  failingLoad(t, (route) => route.fulfill({ contentType: "application/json", body: '{"version": 1, "articles": [{"id": "a", "ti' }), /ends too early/));

test("the network gone shows the failed request", (t) =>
  failingLoad(t, (route) => route.abort("internetdisconnected"), /request failed/));

test("an answer that never finishes times out after 20 seconds", (t) =>
  failingLoad(t, () => {}, /no complete answer within 20 seconds/i));

test("the strict Content-Security-Policy holds and nothing violates it", async () => {
  const { page, errors } = await guardedPage();
  await page.goto(`${session.server.url}/?article=zelenskyy-second-russian-border-region`);
  await page.waitForSelector("article h1");
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(await page.$$eval("script:not([src])", (s) => s.length), 0, "no inline scripts");
  await page.goto(`${session.server.url}/`);
  await page.waitForSelector(".av-collection");
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
});

test("the built script and module carry Subresource Integrity, and a tampered module is refused", async () => {
  const html = readFileSync("dist/index.html", "utf8");
  assert.match(html, /<script type="module" src="\.\/boot\.js" integrity="sha384-/);
  assert.match(html, /<link rel="modulepreload" href="\.\/article-viewer\.js" integrity="sha384-/);
  assert.match(readFileSync("dist/boot.js", "utf8"), /const WASM_INTEGRITY = "sha384-/);
  const { page } = await guardedPage();
  await page.route("**/article-viewer_bg.wasm", async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length - 1] ^= 0xff;
    // The body is already decoded: send it as it is, without the original content-encoding.
    const headers = { ...response.headers() };
    delete headers["content-encoding"];
    await route.fulfill({ response, body, headers });
  });
  const failures = [];
  page.on("console", (m) => failures.push(m.text()));
  await page.goto(`${session.server.url}/`);
  await page.waitForTimeout(1500);
  assert.equal(await page.$$eval(".av-collection", (n) => n.length), 0, "the tampered module did not run");
  assert.ok(failures.some((f) => /integrity/i.test(f)), failures.join("\n"));
});

/** Keeps the WebAssembly instance's exports where a test can reach them. */
function keepWasmExports() {
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((result) => {
        window.__wasmExports = (result.instance ?? result).exports;
        return result;
      });
    };
  }
}

/** A real trap: an allocation request no allocator can meet (alignment 3) makes wasm-bindgen's
 * allocator abort inside the Wasm; thrown in a task of its own, like a trap in an event handler. */
const forceTrap = () => setTimeout(() => window.__wasmExports.__wbindgen_malloc(16, 3));

test("a trap in the WebAssembly shows a panel with Reload, stand-alone and embedded", async () => {
  const { page } = await guardedPage();
  await page.addInitScript(keepWasmExports);
  await page.goto(`${session.server.url}/`);
  await page.waitForSelector(".av-collection");
  await page.evaluate(forceTrap);
  await page.waitForSelector(".av-stopped[role=alert]");
  assert.equal(await page.textContent(".av-stopped h1"), "The viewer stopped");
  assert.equal(await page.locator(".av-collection").count(), 0, "the frozen view is gone");
  await page.click(".av-stopped button");
  await page.waitForSelector(".av-collection");

  const host = await guardedPage();
  await host.page.addInitScript(keepWasmExports);
  await host.page.goto(`${session.server.url}/examples/embed/two-viewers.html`);
  await host.page.waitForFunction(() => document.querySelectorAll("[data-article-viewer]").length === 2);
  await host.page.locator(".av-collection").first().waitFor();
  await host.page.evaluate(forceTrap);
  // Locators reach into open shadow roots: each viewer says it stopped, inside its own box.
  await host.page.locator(".av-stopped").nth(1).waitFor();
  assert.equal(await host.page.locator(".av-stopped").count(), 2);
  assert.equal(await host.page.locator("h1", { hasText: "The viewer stopped" }).count(), 2);
});

test("a link with 10,000 regions shows the list and a notice within seconds, with no trap", async () => {
  const { page } = await guardedPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${session.server.url}/`);
  await page.waitForSelector(".av-collection");
  // A 129 KB address is more than the test server accepts in a request line, so it arrives the
  // way Back and Forward bring one: the address changes and popstate fires.
  const started = Date.now();
  await page.evaluate(() => {
    const regions = Array.from({ length: 10_000 }, (_, i) => `region=Place${i}`).join("&");
    history.pushState(null, "", `?${regions}`);
    dispatchEvent(new PopStateEvent("popstate"));
  });
  await page.waitForSelector(".av-notices", { timeout: 10_000 });
  assert.ok(Date.now() - started < 10_000);
  assert.match(await page.textContent(".av-notices"), /more (region values|parameters) were ignored/);
  assert.ok((await page.locator(".av-active button").count()) <= 51, "at most 50 region chips and Clear all");
  assert.deepEqual(errors, []);
});

test("the static server sends the security headers docs/security.md asks for", async () => {
  for (const path of ["/", "/article-viewer_bg.wasm", "/articles.json"]) {
    const response = await fetch(`${session.server.url}${path}`, { headers: { "accept-encoding": "br" } });
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get("content-security-policy"), "frame-ancestors 'self'", path);
    assert.equal(response.headers.get("referrer-policy"), "strict-origin-when-cross-origin", path);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
  }
});

test("Trusted Types are enforced: the page refuses HTML strings, and the viewer never writes one", async () => {
  const { page } = await guardedPage();
  await page.goto(`${session.server.url}/?article=zelenskyy-second-russian-border-region`);
  await page.waitForSelector("article h1");
  await page.goto(`${session.server.url}/`);
  await page.waitForSelector(".av-collection");
  await page.locator(".av-check", { hasText: "Asia" }).first().locator("input").check();
  await page.waitForFunction(() => location.search.includes("region=Asia"));
  assert.deepEqual(await page.evaluate(() => window.__violations), [], "nothing the viewer did was refused");
  const refused = await page.evaluate(() => {
    try {
      document.body.insertAdjacentHTML("beforeend", "<b id=injected>x</b>");
      return "written";
    } catch (error) {
      return error.name;
    }
  });
  assert.equal(refused, "TypeError", "an HTML string is refused");
  assert.equal(await page.locator("#injected").count(), 0);
});

test("root paths in a file from another site resolve against that site, and no cookies go with them", async () => {
  const { page } = await guardedPage();
  const other = "https://files.example";
  const seen = [];
  const file = {
    version: 1,
    articles: [{
      id: "remote", title: "A remote article", published: "2025-04-08", body_url: "/bodies/remote.json",
      image: { src: "/images/remote.svg", alt: "A remote picture", width: 1200, height: 675 },
    }],
  };
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="12" height="7"><rect width="12" height="7" fill="#888"/></svg>';
  await page.route(`${other}/**`, (route) => {
    const request = route.request();
    seen.push({ url: request.url(), cookie: request.headers().cookie ?? null });
    const cors = { "access-control-allow-origin": "*" };
    if (request.url().endsWith("/news/archive.json")) return route.fulfill({ contentType: "application/json", headers: cors, body: JSON.stringify(file) });
    if (request.url().endsWith("/bodies/remote.json")) return route.fulfill({ contentType: "application/json", headers: cors, body: JSON.stringify({ version: 1, body: [{ type: "paragraph", text: "Fetched from the file's own site." }] }) });
    if (request.url().endsWith("/images/remote.svg")) return route.fulfill({ contentType: "image/svg+xml", headers: cors, body: svg });
    return route.fulfill({ status: 404, headers: cors, body: "" });
  });
  const ownSite = [];
  page.on("request", (request) => {
    if (request.url().startsWith(session.server.url) && /\/(images\/remote|bodies\/remote)/.test(request.url())) ownSite.push(request.url());
  });
  // This page allows files from the other site (docs/security.md, "Which files a viewer loads").
  await page.route(`${session.server.url}/?src=*`, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace("<meta charset=utf-8>",
      `<meta charset=utf-8><meta name="article-viewer-sources" content="${other}">`);
    await route.fulfill({ response, body });
  });
  await page.goto(`${session.server.url}/`);
  await page.evaluate(() => { document.cookie = "session=secret; path=/"; });
  await page.goto(`${session.server.url}/?src=${encodeURIComponent(`${other}/news/archive.json`)}`);
  await page.waitForSelector("li.av-card img");
  assert.equal(await page.getAttribute("li.av-card img", "src"), `${other}/images/remote.svg`);
  await page.hover("li.av-card");
  await page.click(".av-card__link");
  await page.waitForSelector("text=Fetched from the file's own site.");
  assert.deepEqual(ownSite, [], "nothing was asked of the viewer's own site on the file's behalf");
  assert.ok(seen.some((r) => r.url === `${other}/bodies/remote.json`), JSON.stringify(seen));
  assert.ok(seen.every((r) => r.cookie === null), "no cookies go to the other site");
});

test("a file from another site is refused unless the page allows that site, and nothing is fetched from it", async () => {
  const { page } = await guardedPage();
  const asked = [];
  await page.route("https://attacker.example/**", (route) => {
    asked.push(route.request().url());
    return route.fulfill({ contentType: "application/json", headers: { "access-control-allow-origin": "*" },
      body: JSON.stringify({ version: 1, articles: [] }) });
  });
  await page.goto(`${session.server.url}/?src=${encodeURIComponent("https://attacker.example/fake.json")}`);
  const panel = page.locator(".av-panel--error");
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /loads files from its own site only, and from https:\/\/attacker\.example only if the page allows it/);
  assert.match(text, /article-viewer-sources/);
  assert.deepEqual(asked, [], "nothing was fetched from the refused site");
});
