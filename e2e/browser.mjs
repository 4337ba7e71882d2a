// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core (no browser
// download), and the static server over dist/ and the test fixtures.
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { startServer } from "./static-server.mjs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS = "e2e/screenshots";

/** Launches headless Chromium with the flags this sandbox needs. */
export async function launch() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Serves dist/ at `base` (default "/"), tests/fixtures at /fixtures/ and generated data at /generated/. */
export function serve(base = "/") {
  return startServer({
    mounts: { [base]: "dist", "/fixtures/": "tests/fixtures", "/generated/": "target/e2e-data" },
  });
}

/** A new page at `width`×800 that records console errors and page errors. */
export async function openPage(browser, width = 1280, height = 800) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return { page, context, errors };
}

/** For a test file: one server and one browser for all its tests, closed at the end. */
export function sharedSession(base = "/") {
  const session = {};
  before(async () => {
    session.server = await serve(base);
    session.browser = await launch();
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/** From its first script on, every page of `context` records its layout shifts in `window.__shifts`. */
export function recordShifts(context) {
  return context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** Waits until a list that has just changed has drawn all its cards: a changed list draws its
 * first few in the frame in which it changes and the rest a frame later, `aria-busy` on the list
 * meanwhile (`AppState::first_frame`). `scope` narrows it to one viewer on the page. */
export function listDrawn(page, scope = "") {
  return page.waitForFunction((scope) => !document.querySelector(`${scope} .av-cards[aria-busy]`), scope);
}
