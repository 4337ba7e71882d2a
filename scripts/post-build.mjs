// Trunk post-build hook: adds Subresource Integrity to the viewer's own scripts and module.
// - boot.js gets the sha384 of article-viewer_bg.wasm (it passes it to fetch()).
// - index.html gets integrity on <script src="./boot.js"> and <script src="./prefs.js">, and a
//   modulepreload with integrity for article-viewer.js and stopped.js (the module map then holds the verified
//   glue that boot.js imports).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? "dist";
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
const path = (name) => join(dir, name);

const wasmHash = sri(readFileSync(path("article-viewer_bg.wasm")));
const bootJs = readFileSync(path("boot.js"), "utf8").replace("__WASM_INTEGRITY__", wasmHash);
writeFileSync(path("boot.js"), bootJs);
writeFileSync(path("embed.js"), readFileSync(path("embed.js"), "utf8").replace("__WASM_INTEGRITY__", wasmHash));

// embed.css: the viewer's stylesheets for a shadow root. :host resets everything the host page
// could pass in by inheritance, and rem becomes px, since rem follows the host's <html> font
// size (a host rule like * { font-size: 30px } would otherwise scale the whole viewer).
const remToPx = (css) => css.replace(/(-?\d*\.?\d+)rem\b/g, (_, n) => `${+(n * 16).toFixed(3)}px`);
const embedCss = [
  "/* Built by scripts/post-build.mjs from base.css, reader.css and collection.css. */",
  ":host { all: initial !important; display: block !important; }",
  ...["base.css", "reader.css", "collection.css"].map((name) => remToPx(readFileSync(path(name), "utf8"))),
  ".av-root { position: relative; min-height: 0; font-size: 16px; }",
].join("\n");
writeFileSync(path("embed.css"), embedCss);
// site.css: the four stylesheets of the stand-alone page in one file, for the pages the publish
// step writes (one render-blocking request instead of four).
writeFileSync(path("site.css"), ["page.css", "base.css", "reader.css", "collection.css"]
  .map((name) => readFileSync(path(name), "utf8")).join("\n"));
const bootHash = sri(Buffer.from(bootJs));
const glueHash = sri(readFileSync(path("article-viewer.js")));
const stoppedHash = sri(readFileSync(path("stopped.js")));

let html = readFileSync(path("index.html"), "utf8");
// Finds <script src="…"></script> as written in index.html or as Trunk's minifier rewrites it
// (quotes dropped, attributes reordered).
const scriptTag = (src) => {
  for (const match of html.matchAll(/<script\b([^>]*)>\s*<\/script>/g)) {
    const attrs = Object.fromEntries(
      [...match[1].matchAll(/([a-z-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)].map((m) => [m[1], m[2] ?? m[3] ?? m[4] ?? ""]),
    );
    if (attrs.src === src) return { tag: match[0], attrs };
  }
  throw new Error(`index.html lacks <script src="${src}">`);
};
const boot = scriptTag("./boot.js");
if (boot.attrs.type !== "module") throw new Error(`boot.js must load as a module: ${boot.tag}`);
html = html.replace(
  boot.tag,
  `<link rel="modulepreload" href="./article-viewer.js" integrity="${glueHash}" />\n    ` +
    `<link rel="modulepreload" href="./stopped.js" integrity="${stoppedHash}" />\n    ` +
    `<link rel="preload" href="./article-viewer_bg.wasm" as="fetch" type="application/wasm" crossorigin integrity="${wasmHash}" />\n    ` +
    `<script type="module" src="./boot.js" integrity="${bootHash}"></script>`,
);
html = html.replace(scriptTag("./prefs.js").tag, `<script src="./prefs.js" integrity="${sri(readFileSync(path("prefs.js")))}"></script>`);
// With inject_scripts = false Trunk leaves its own rust link in place; it means nothing to a browser.
html = html.replace(/\s*<link\b[^>]*\bdata-trunk\b[^>]*>/g, "");
writeFileSync(path("index.html"), html);
console.log(`post-build: integrity added (wasm ${wasmHash.slice(0, 19)}…)`);
