// A plain static file server, like any static host: no rewrites, correct content types, and
// brotli for text and WebAssembly when the browser accepts it (as common hosts do).
// CLI:    node e2e/static-server.mjs <dir> [port] [base]
// Module: startServer({ mounts: { "/": "dist", "/fixtures/": "tests/fixtures" }, port })
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { brotliCompressSync, constants } from "node:zlib";
import { createHash } from "node:crypto";
import { extname, join, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
};

/** Starts a server; resolves to { url, close, requests } once it listens. */
export function startServer({ mounts, port = 0, host = "127.0.0.1" }) {
  const bases = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix, resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const requests = [];
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    requests.push(path);
    const mount = bases.find(([prefix]) => path.startsWith(prefix));
    if (!mount) return send(response, 404, "text/plain", "Not found");
    const [prefix, dir] = mount;
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) return send(response, 403, "text/plain", "Forbidden");
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      const compressible = /^(text\/|application\/(json|wasm)|image\/svg)/.test(type) && body.length > 1024;
      if (compressible && /\bbr\b/.test(request.headers["accept-encoding"] ?? "")) {
        const compressed = brotli(file, body);
        response.writeHead(200, { "content-type": type, "content-encoding": "br", "cache-control": "no-cache", vary: "accept-encoding",
          ...SECURITY_HEADERS });
        return response.end(compressed);
      }
      send(response, 200, type, body);
    } catch {
      send(response, 404, "text/plain", "Not found");
    }
  });
  return new Promise((resolvePromise) => {
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolvePromise({
        url: `http://${host}:${actual}`,
        requests,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

const compressedCache = new Map();
/** Brotli at a quick quality setting, cached per file and content (a file rewritten with the
 *  same length, as a re-published page whose asset folder changed, is compressed again). */
function brotli(file, body) {
  const key = `${file}:${createHash("sha1").update(body).digest("hex")}`;
  if (!compressedCache.has(key)) {
    compressedCache.set(key, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
  }
  return compressedCache.get(key);
}

/** The headers docs/security.md asks a host to send with every file: no framing by other
 * sites, no full addresses to other origins, no type sniffing. */
export const SECURITY_HEADERS = {
  "content-security-policy": "frame-ancestors 'self'",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-content-type-options": "nosniff",
};

function send(response, status, type, body) {
  response.writeHead(status, { "content-type": type, "cache-control": "no-cache", ...SECURITY_HEADERS });
  response.end(body);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = "dist", port = "8080", base = "/"] = process.argv.slice(2);
  const { url } = await startServer({ mounts: { [base]: dir }, port: Number(port) });
  console.log(`serving ${dir} at ${url}${base}`);
}
