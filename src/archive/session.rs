//! [`Arrived`]: what of an archive a viewer has fetched so far (rank sets, day tables, places,
//! the search index's parts, cards, id buckets) and what it is fetching or failed to fetch,
//! file by file; [`Arrived::wants`]: the files a view needs next. Pure, so the viewer's state
//! holds it and tests drive it natively; the browser shell only fetches (and reads each file
//! with `pieces.rs`).

use super::pieces::{Piece, Want};
use super::{id_bucket, id_bucket_file, Archive, Parts};
use crate::filter::{Filter, Outcome, SortOrder};
use crate::model::Article;
use crate::search::SearchQuery;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// What a view shows: its filter, its order and its search (if any).
pub type View<'v> = (&'v Filter, SortOrder, Option<&'v SearchQuery>);

/// A file being fetched, or that failed (with a located message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileLoad {
    Loading,
    Failed(String),
}

/// What has arrived. Compared by identity: every change makes a new one.
#[derive(Clone, Debug, Default)]
pub struct Arrived {
    pub parts: Parts,
    /// Goes up whenever a part of an answer arrives (a rank set, a day table, a part of the
    /// search index or places): answers may change only then.
    pub tables: u32,
    pub cards: HashMap<u32, Rc<Article>>,
    pub ranks: HashMap<String, u32>,
    pub files: HashMap<String, FileLoad>,
    /// Ids looked up in their bucket: their rank, or `None` when the archive has no such id.
    pub located: HashMap<String, Option<u32>>,
    /// The buckets read.
    pub buckets: Vec<u32>,
    /// The last answer given ([`Arrived::outcome`]) and the view it answers: a view asks for
    /// it several times per change (its wants, whether it waits, its list), and it changes
    /// only when a part arrives, which makes a new `Arrived`.
    last_answer: RefCell<Option<(AnswerKey, Option<Outcome>)>>,
}

/// What an answer depends on besides the parts: the filter, the order and the search.
type AnswerKey = (Filter, SortOrder, Option<SearchQuery>);

impl PartialEq for Arrived {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Where an article stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    Found(Rc<Article>),
    /// Its card (or where it is) has not arrived yet.
    Pending,
    /// A file it needs failed: why.
    Failed(String, String),
    Missing,
}

impl Arrived {
    /// The answer to a filter (and a search), once the parts it needs have arrived.
    #[must_use]
    pub fn outcome(
        &self,
        archive: &Archive,
        filter: &Filter,
        order: SortOrder,
        search: Option<&SearchQuery>,
    ) -> Option<Outcome> {
        let key = (filter.clone(), order, search.cloned());
        if let Some((last, answer)) = &*self.last_answer.borrow() {
            if *last == key {
                return answer.clone();
            }
        }
        let answer = archive
            .evaluate_searching(&self.parts, filter, order, search)
            .ok();
        *self.last_answer.borrow_mut() = Some((key, answer.clone()));
        answer
    }

    /// The article of a rank, if its card has arrived.
    #[must_use]
    pub fn article(&self, rank: u32) -> Option<&Rc<Article>> {
        self.cards.get(&rank)
    }

    /// The state of a file: failed (why), loading, or neither.
    #[must_use]
    pub fn file(&self, file: &str) -> Option<&FileLoad> {
        self.files.get(file)
    }

    /// Where the article with this id stands.
    #[must_use]
    pub fn find(&self, archive: &Archive, id: &str) -> Lookup {
        if let Some(article) = self.ranks.get(id).and_then(|r| self.cards.get(r)) {
            return Lookup::Found(Rc::clone(article));
        }
        let bucket = id_bucket(id, archive.manifest.id_buckets);
        let file = match self.located.get(id) {
            Some(None) => return Lookup::Missing,
            Some(Some(rank)) => archive.shard_of(*rank).map(|s| s.file),
            None if self.buckets.contains(&bucket) => return Lookup::Missing,
            None => Some(id_bucket_file(bucket)),
        };
        match file
            .as_deref()
            .and_then(|f| self.files.get(f).map(|s| (f, s)))
        {
            Some((file, FileLoad::Failed(why))) => Lookup::Failed(file.to_owned(), why.clone()),
            _ if file.is_none() => Lookup::Missing,
            _ => Lookup::Pending,
        }
    }

    /// The files a view needs that have not arrived and are not being fetched (nor failed):
    /// the parts its filter needs, the shards of the first `limit` matches, and for an open
    /// article its bucket, its shard and its neighbours' in the list.
    #[must_use]
    pub fn wants(
        &self,
        archive: &Archive,
        view: View<'_>,
        limit: usize,
        open: Option<&str>,
    ) -> Vec<(String, Want)> {
        let mut wants = self.missing(archive, view, limit, open);
        wants.retain(|(file, _)| !self.files.contains_key(file));
        wants
    }

    /// Whether a file the view needs is still to come (wanted, or on its way): until then the
    /// view is not complete. A failed file counts as come: its cards say so.
    #[must_use]
    pub fn waits(
        &self,
        archive: &Archive,
        view: View<'_>,
        limit: usize,
        open: Option<&str>,
    ) -> bool {
        self.missing(archive, view, limit, open)
            .iter()
            .any(|(file, _)| !matches!(self.files.get(file), Some(FileLoad::Failed(_))))
    }

    /// A part `filter` (and `search`) needs whose file failed: the file and why. Until it is
    /// fetched again the filter has no answer, so the list says so, with Retry.
    #[must_use]
    pub fn failed_part(
        &self,
        archive: &Archive,
        filter: &Filter,
        search: Option<&SearchQuery>,
    ) -> Option<(String, String)> {
        archive
            .needs_searching(&self.parts, filter, search)
            .into_iter()
            .find_map(|need| {
                let file = Want::of(need, &self.parts)?.file(archive);
                match self.files.get(&file) {
                    Some(FileLoad::Failed(why)) => Some((file, why.clone())),
                    _ => None,
                }
            })
    }

    /// The files a view needs that have not arrived, each once with what it holds.
    fn missing(
        &self,
        archive: &Archive,
        (filter, order, search): View<'_>,
        limit: usize,
        open: Option<&str>,
    ) -> Vec<(String, Want)> {
        let mut wants: Vec<Want> = archive
            .needs_searching(&self.parts, filter, search)
            .into_iter()
            .filter_map(|need| Want::of(need, &self.parts))
            .collect();
        let mut ranks: Vec<u32> = Vec::new();
        if let Some(id) = open {
            match self
                .ranks
                .get(id)
                .or_else(|| self.located.get(id)?.as_ref())
            {
                Some(&rank) => ranks.push(rank),
                None => {
                    let bucket = id_bucket(id, archive.manifest.id_buckets);
                    if !self.buckets.contains(&bucket) {
                        wants.push(Want::Ids(bucket));
                    }
                }
            }
        }
        if wants.is_empty() {
            if let Some(outcome) = self.outcome(archive, filter, order, search) {
                let matches = &outcome.matches;
                match open.and_then(|_| ranks.first().and_then(|&r| matches.position(r))) {
                    Some(at) => ranks.extend(
                        [at.checked_sub(1), at.checked_add(1)]
                            .into_iter()
                            .flatten()
                            .filter_map(|at| matches.get(at)),
                    ),
                    None if open.is_none() => ranks.extend(matches.iter().take(limit)),
                    None => {}
                }
            }
        }
        for rank in ranks {
            if self.cards.contains_key(&rank) {
                continue;
            }
            if let Some(shard) = archive.shard_of(rank) {
                wants.push(Want::Cards(shard));
            }
        }
        let mut files: Vec<(String, Want)> = Vec::new();
        for want in wants {
            let file = want.file(archive);
            if files.iter().all(|(f, _)| *f != file) {
                files.push((file, want));
            }
        }
        files
    }

    /// With a file being fetched.
    #[must_use]
    pub fn started(&self, file: &str) -> Self {
        let mut next = self.clone();
        next.files.insert(file.to_owned(), FileLoad::Loading);
        next
    }

    /// With a failed file forgotten, so it is fetched again.
    #[must_use]
    pub fn retried(&self, file: &str) -> Self {
        let mut next = self.clone();
        next.files.remove(file);
        next
    }

    /// With a file that arrived (or failed).
    #[must_use]
    pub fn with(&self, file: &str, result: Result<Piece, String>) -> Self {
        let mut next = self.clone();
        // The parts change: an answer is worked out again.
        next.last_answer = RefCell::default();
        match result {
            Err(why) => {
                next.files.insert(file.to_owned(), FileLoad::Failed(why));
                return next;
            }
            Ok(Piece::Set(key, set)) => {
                next.parts.sets.insert(key, set);
                next.tables += 1;
            }
            Ok(Piece::Days(month, table)) => {
                next.parts.days.insert(month, table);
                next.tables += 1;
            }
            Ok(Piece::Cards(first, articles)) => {
                for (rank, article) in (first..).zip(articles) {
                    next.ranks.insert(article.id.clone(), rank);
                    next.cards.insert(rank, article);
                }
            }
            Ok(Piece::Ids(bucket, places)) => {
                next.buckets.push(bucket);
                next.located
                    .extend(places.into_iter().map(|(id, r)| (id, Some(r))));
            }
            Ok(Piece::Directory(shelf, directory)) => {
                next.parts.shelf_mut(shelf).directory = Some(directory);
                next.tables += 1;
            }
            Ok(Piece::Terms(shelf, chunk, terms)) => {
                next.parts.shelf_mut(shelf).chunks.insert(chunk, terms);
                next.tables += 1;
            }
            Ok(Piece::Places(month, places)) => {
                next.parts.places.insert(month, places);
                next.tables += 1;
            }
        }
        next.files.remove(file);
        next
    }
}
