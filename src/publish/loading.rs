//! The publish step's input as the viewer's state: [`loaded_state`] loads it for a page's root
//! (its URLs resolved in place, so a large input's articles are held once) and [`take_back`]
//! returns it as read; [`read_remote_body`] reads an article's body from its own file.

use super::files::read;
use super::named::local_file;
use crate::date::CivilDate;
use crate::format::{parse_body_bytes, Parsed};
use crate::model::SafeUrl;
use crate::query::Query;
use crate::site::{SiteRoot, SITE_DATA_FILE};
use crate::state::{with_index, Action, AppState, Load, LoadError, Loaded};
use std::path::Path;
use std::rc::Rc;

/// The state pages are rendered from: the file loaded, URLs relative to the page's root. The
/// file is taken, and its URLs resolved in place: a large input's articles are never copied
/// (see [`take_back`]).
pub(super) fn loaded_state(mut parsed: Parsed, root: &SiteRoot, today: CivilDate) -> AppState {
    parsed.collection = parsed
        .collection
        .resolved_against(&root.resolve(SITE_DATA_FILE));
    let state = AppState::new(Query::default(), today);
    let request = state.request;
    // A page is drawn whole (the viewer splits its first render only in the browser).
    state
        .apply(Action::Loaded {
            request,
            result: Ok(with_index(parsed)),
        })
        .apply(Action::DrawRest)
}

/// The file a [`loaded_state`] for `root` was made from, its URLs as read again; in place when
/// the state was the last holder of its articles (pages are rendered and dropped by then).
pub(super) fn take_back(state: AppState, root: &SiteRoot) -> Option<Parsed> {
    let Load::Ready(loaded) = state.load else {
        return None;
    };
    let loaded = Rc::try_unwrap(loaded).unwrap_or_else(|shared| Loaded {
        parsed: shared.parsed.clone(),
        index: Rc::clone(&shared.index),
        archive: None,
        base: String::new(),
    });
    let mut parsed = loaded.parsed;
    drop(loaded.index);
    parsed.collection = parsed
        .collection
        .unresolved_from(&root.resolve(SITE_DATA_FILE));
    Some(parsed)
}

/// An article's body from its own file (`body_url`, relative to the input), as read.
pub(super) fn read_remote_body(url: &SafeUrl, input_dir: &Path) -> Result<BodyFile, LoadError> {
    let relative = local_file(url.as_str()).ok_or_else(|| {
        LoadError::Network(format!("{} is not a file next to the input", url.as_str()))
    })?;
    let bytes = read(&input_dir.join(&relative)).map_err(|e| LoadError::Network(e.to_string()))?;
    Ok(parse_body_bytes(&bytes)?)
}

type BodyFile = (Vec<crate::model::Block>, Vec<crate::format::Problem>);
