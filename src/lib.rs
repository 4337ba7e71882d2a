//! Article viewer: a Yew single-page app that reads article JSON and renders a reader.
//!
//! The core (everything but [`app`] and `web`) is pure Rust with no browser APIs, so `cargo test`
//! checks it natively:
//! - [`date`]: publication dates, their calendar day, display.
//! - [`model`]: validated domain types (collection, article, blocks, URLs, regions, languages).
//! - [`format`]: article format version 1, JSON → model, with located errors.
//! - [`embed`]: a host element's attributes → an embedded viewer's first view and options.
//! - [`feed`]: JSON Feed 1.0 and 1.1, read directly as a collection.
//! - [`html`]: feed HTML → typed blocks (nothing is ever inserted as HTML).
//! - [`filter`]: the date and region filters, the precomputed index, facet counts.
//! - [`generate`]: deterministic synthetic collections for tests and benchmarks.
//! - [`prefs`]: reading preferences (text size, theme, width, typeface) and their storage form.
//! - [`query`]: the view's state as URL query parameters, both ways.
//! - [`state`]: the app's reducer (actions → state), pure and tested natively.
//! - [`app`]: Yew components, rendered in the browser or to strings by the `ssr` tests.
//! - `web` (browser only): fetch, location and history.
#![forbid(unsafe_code)]

pub mod app;
pub mod date;
pub mod embed;
pub mod feed;
pub mod filter;
pub mod format;
pub mod generate;
pub mod html;
pub mod model;
pub mod prefs;
pub mod query;
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod web;
