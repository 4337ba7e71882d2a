// Feed figures for bench/run.mjs (issue 19): the first full-form dataset written as an RSS 2.0
// feed (the same articles: title, link, guid, pubDate, regions as place categories, standfirst
// as description, body paragraphs as content:encoded), then loaded until the list paints, in the
// Rust viewer (its XML reader worker) and in the plain-JS reference (DOMParser).
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const escapeXml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const textOf = (inline) => (typeof inline === "string" ? inline
  : Array.isArray(inline) ? inline.map((s) => (typeof s === "string" ? s : s?.text ?? "")).join("") : "");

/** Writes `rssFile` from the v1 collection in `jsonFile` (once); returns the number of items. */
export function writeFeed(jsonFile, rssFile) {
  const collection = JSON.parse(readFileSync(jsonFile, "utf8"));
  const articles = collection.articles ?? [];
  if (existsSync(rssFile)) return articles.length;
  const items = articles.map((a) => {
    const body = (a.body ?? []).filter((b) => b.type === "paragraph").map((b) => `<p>${escapeXml(textOf(b.text))}</p>`).join("");
    const regions = (a.regions ?? []).map((r) => `<category domain="https://example.org/regions">${escapeXml(r)}</category>`).join("");
    const date = a.published ? `<pubDate>${new Date(a.published).toUTCString()}</pubDate>` : "";
    return `<item><title>${escapeXml(a.title)}</title><link>https://example.org/news/${escapeXml(a.id)}</link>`
      + `<guid isPermaLink="false">${escapeXml(a.id)}</guid>${date}${regions}`
      + `<description>${escapeXml(a.standfirst ?? "")}</description>`
      + `<content:encoded>${escapeXml(body)}</content:encoded></item>`;
  });
  writeFileSync(rssFile, `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" `
    + `xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Generated feed</title>`
    + `<link>https://example.org/news/</link>\n${items.join("\n")}\n</channel></rss>\n`);
  return articles.length;
}
