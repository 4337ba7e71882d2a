// The JSON Schema in docs/ accepts every bundled sample and refuses what the viewer refuses.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const schema = JSON.parse(readFileSync("docs/article-format.schema.json", "utf8"));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const read = (path) => JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));

const samples = readdirSync("samples").filter((f) => f.endsWith(".json")).map((f) => `samples/${f}`);

test("the schema accepts every bundled sample", () => {
  assert.ok(samples.length >= 1);
  for (const path of samples) {
    assert.ok(validate(read(path)), `${path}: ${JSON.stringify(validate.errors, null, 1)}`);
  }
});

const article = { id: "a-1", title: "T", published: "2025-04-08", body: [{ type: "paragraph", text: "x" }] };
const collection = (extra) => ({ version: 1, articles: [{ ...article, ...extra }] });

test("the schema refuses what the viewer refuses", () => {
  const refused = [
    { version: 2, articles: [] },
    { version: "1", articles: [] },
    collection({ id: "has space" }),
    collection({ url: "javascript:alert(1)" }),
    collection({ url: " JavaScript:alert(1)" }),
    collection({ image: { src: "data:image/png;base64,AA", alt: "" } }),
    collection({ image: { src: "mailto:a@b.c", alt: "" } }),
    collection({ image: { src: "a.png" } }),
    collection({ regions: ["Europe//Russia"] }),
    collection({ published: "yesterday" }),
    collection({ published: "2025-04-08T10:00:00" }),
    collection({ body: [{ type: "heading", text: "x", level: 1 }] }),
    collection({ body: [{ type: "paragraph", text: [{ text: "x", href: "vbscript:x" }] }] }),
    collection({ body: undefined }),
  ];
  for (const file of refused) {
    assert.equal(validate(JSON.parse(JSON.stringify(file))), false, JSON.stringify(file));
  }
  assert.ok(validate(collection({ url: "mailto:desk@example.com", body: [{ type: "video" }] })), "unknown blocks are allowed");
  assert.ok(validate({ version: 1, ...article }), "a single article with version");
});
