//! Yew components. They only render what they are given; parsing lives in [`crate::format`],
//! state changes in [`crate::state`], and browser APIs in `crate::web`.
//! - [`link`]: in-viewer links that keep working as plain links.
//! - [`reader`]: one article: header, body, footer, lightbox.
//! - [`blocks`]: the body's blocks and running text (long paragraphs in slices).
//! - [`figure`]: images with captions and credits.
//! - [`collection`]: the collection page: count, active filters, the list.
//! - [`card`]: one card of the list.
//! - [`arriving`]: an archive's cards still on their way, or in a shard that failed.
//! - [`controls`]: reading options (text size, theme, width, typeface).
//! - [`dates`]: dates in words, with the formatter in context.
//! - [`filters`]: the filter panel: dates, timeline, region tree.
//! - [`focus`]: moving keyboard focus inside the viewer's own root.
//! - [`latest`]: the latest rendered value, for callbacks made once.
//! - `hooks` (browser only): the shell's effects, one named hook each.
//! - [`outcome`]: the answer a list shows, from a file's index or an archive's parts.
//! - [`panels`]: loading and error panels, and the list of skipped articles and notices.
//! - [`search`]: the search box, and excerpts with the matched words marked.
//! - [`view`]: picks the panel or page for an [`AppState`](crate::state::AppState).
//! - `shell` (browser only): the app component: the reducer, the hooks, the contexts.
//!
//! [`Prerendered`] marks a page the publish step renders with these components.

use yew::hook;

/// Provided around a page the publish step prerenders: what only works once the viewer runs
/// (the image lightbox's buttons) is drawn as plain content, so a page read without
/// JavaScript has no button that does nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prerendered;

/// The interface's words, from the [`crate::i18n::Ui`] the frame provides (English without one).
#[hook]
pub fn use_ui() -> crate::i18n::Ui {
    yew::use_context::<crate::i18n::Ui>().unwrap_or_default()
}

pub mod arriving;
pub mod blocks;
pub mod card;
pub mod collection;
pub mod controls;
pub mod dates;
pub mod figure;
pub mod filters;
pub mod focus;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
pub mod latest;
pub mod link;
pub mod outcome;
pub mod panels;
pub mod reader;
pub mod search;
#[cfg(target_arch = "wasm32")]
pub mod shell;
pub mod view;
