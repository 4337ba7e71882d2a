//! HTML → typed blocks, for JSON Feed `content_html`. Nothing is ever inserted as HTML: a small
//! tolerant tokenizer ([`tokenizer`]) reads the markup and a walker ([`walker`]) keeps only what
//! maps to the article format:
//! `p`, `h1`–`h6`, `ul`/`ol`, `blockquote` (a `pullquote` class gives a pull quote, otherwise a
//! quote with its `<cite>`), `figure` with `img` and `figcaption` (a trailing
//! "Photograph:/Picture:/Photo: …" becomes the credit), a lone `img`, `pre`, `a` with an allowed
//! scheme, `strong`/`b`, `em`/`i` and `br`. Scripts, styles, frames, forms, embedded objects and
//! the document head are dropped with their content; event attributes are never read; any other
//! element contributes its text. What was dropped is reported for a notice.
//!
//! Why not the browser's `DOMParser`: this runs natively too (so the mapping is tested with
//! `cargo test`), needs no browser round trip per item, and costs a few kilobytes of Wasm.

pub mod tokenizer;
pub mod walker;

pub use tokenizer::decode_entities;
pub use walker::{split_credit, to_blocks, Converted};
