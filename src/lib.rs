//! Article viewer: a Yew single-page app that reads article JSON and renders a reader.
//!
//! The core (everything but [`app`] and `web`) is pure Rust with no browser APIs, so `cargo test`
//! checks it natively:
//! - [`date`]: publication dates, their calendar day, display.
//! - [`model`]: validated domain types (collection, article, blocks, URLs, regions, languages).
//! - [`format`]: reading files (format v1, JSON Feed, feed HTML) into the model, with located
//!   errors, through its own borrowed JSON reader.
//! - [`text`]: accent folding and link-safe slugs.
//! - [`embed`]: a host element's attributes → an embedded viewer's first view and options.
//! - [`archive`]: sharded archives: the manifest, rank sets, day tables, exact counts from them.
//! - [`filter`]: the date and region filters, the index (rank sets per region), facet counts.
//! - `publish` (native only): the publish step: prerendered pages, head tags, sitemap, feed.
//! - `generate` (native only): deterministic synthetic collections for tests and benchmarks.
//! - `shapes` (native only): the oversized and oddly shaped files of issue 20, at any scale.
//! - [`i18n`]: the interface in the reader's language: catalogues (`i18n/*.txt`), CLDR plural
//!   rules, which language to use.
//! - [`prefs`]: reading preferences (text size, theme, width, typeface) and their storage form.
//! - [`query`]: the view's state as URL query parameters, both ways.
//! - [`search`]: full-text search: terms, the inverted index, queries, BM25 ranking.
//! - [`site`]: published sites: each view's address (article pages at `articles/<id>/`).
//! - [`sources`]: which files a viewer may load (its own site's, and the origins a page lists).
//! - [`state`]: the app's reducer (actions → state), pure and tested natively.
//! - [`app`]: Yew components, rendered in the browser or to strings by the `ssr` tests.
//! - `web` (browser only): the one module tree that calls browser APIs: fetch, location and history,
//!   storage, `Intl`, clipboard and share, events for a host page. It depends only on the core.
#![forbid(unsafe_code)]

pub mod app;
pub mod archive;
pub mod date;
pub mod embed;
pub mod filter;
pub mod format;
#[cfg(not(target_arch = "wasm32"))]
pub mod generate;
pub mod i18n;
pub mod model;
pub mod prefs;
#[cfg(not(target_arch = "wasm32"))]
pub mod publish;
pub mod query;
pub mod search;
#[cfg(not(target_arch = "wasm32"))]
pub mod shapes;
pub mod site;
pub mod sources;
pub mod state;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod web;
