//! [`use_outcome`]: the answer a list (or an article's previous and next) shows, worked out
//! once per change of what it depends on, from a file's index or an archive's loaded parts.

use crate::archive::Arrived;
use crate::filter::{Filter, Outcome, SortOrder};
use crate::search::SearchQuery;
use crate::state::Loaded;
use std::rc::Rc;
use yew::prelude::*;

/// The articles matching `filter` in `sort` order, with every facet count, among those a search
/// found (`found` for a file; an archive searches its own index for `q`), worked out again
/// only when the file, the filter, the order, the search or (for an archive) its loaded parts
/// change. An archive's answer waits for the parts it needs; meanwhile the last answer stands
/// (`None` before the first).
#[hook]
pub fn use_outcome(
    loaded: &Rc<Loaded>,
    arrived: &Rc<Arrived>,
    view: (Filter, SortOrder),
    found: Option<Rc<Vec<u32>>>,
    q: Option<String>,
) -> Option<Rc<Outcome>> {
    let (filter, sort) = view;
    let loaded = Rc::clone(loaded);
    let arrived_now = Rc::clone(arrived);
    // Keyed by the file's identity (a new file gives a new index), and for an archive by how
    // many of its parts have arrived and by the search.
    let tables = loaded.archive.as_ref().map(|_| arrived.tables);
    let q = loaded.archive.as_ref().and(q);
    let key = (Rc::as_ptr(&loaded) as usize, tables, filter, sort, found, q);
    let answer = use_memo(key, move |(_, _, filter, sort, found, q)| {
        match &loaded.archive {
            Some(archive) => {
                let search = q.as_deref().map(SearchQuery::parse);
                arrived_now
                    .outcome(archive, filter, *sort, search.as_ref())
                    .map(Rc::new)
            }
            None => Some(Rc::new(loaded.index.evaluate_within(
                filter,
                *sort,
                found.as_deref().map(Vec::as_slice),
            ))),
        }
    });
    let last = use_mut_ref(|| None::<Rc<Outcome>>);
    if let Some(outcome) = answer.as_ref() {
        *last.borrow_mut() = Some(Rc::clone(outcome));
    }
    let last = last.borrow().clone();
    last
}
