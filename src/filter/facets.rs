//! The tag, author and source facets: each value's articles as a rank set, values most frequent
//! first. In a filter, the values chosen in one facet combine with OR, and the facets with each
//! other, the regions and the dates with AND; a value's count is what choosing it would give
//! with everything else as it is (see [`super::Index::evaluate`]).

use super::ranks::{Bitmap, RankSet};
use crate::model::Article;
use std::collections::HashMap;

/// A facet beside regions and dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Facet {
    Tag,
    Author,
    Source,
}

impl Facet {
    pub const ALL: [Facet; 3] = [Facet::Tag, Facet::Author, Facet::Source];

    /// Its place in per-facet arrays.
    #[must_use]
    pub fn slot(self) -> usize {
        match self {
            Self::Tag => 0,
            Self::Author => 1,
            Self::Source => 2,
        }
    }

    /// Its URL parameter (repeatable, like `region`).
    #[must_use]
    pub fn param(self) -> &'static str {
        match self {
            Self::Tag => "tag",
            Self::Author => "author",
            Self::Source => "source",
        }
    }

    /// The key of its heading in the interface catalogue.
    #[must_use]
    pub fn message(self) -> &'static str {
        match self {
            Self::Tag => "facet-tag",
            Self::Author => "facet-author",
            Self::Source => "facet-source",
        }
    }

    /// This facet's values on an article (trimmed, blank ones left out, each once).
    #[must_use]
    pub fn values_of(self, article: &Article) -> Vec<&str> {
        let all: Vec<&str> = match self {
            Self::Tag => article.tags.iter().map(String::as_str).collect(),
            Self::Author => article.byline.iter().map(String::as_str).collect(),
            Self::Source => article.source.iter().map(|s| s.name.as_str()).collect(),
        };
        let mut values: Vec<&str> = Vec::with_capacity(all.len());
        for value in all.into_iter().map(str::trim).filter(|v| !v.is_empty()) {
            if !values.contains(&value) {
                values.push(value);
            }
        }
        values
    }
}

/// The values chosen in each facet, in the order chosen, without repeats.
#[derive(Clone, Debug, PartialEq, Eq, Default, Hash)]
pub struct Choices(pub [Vec<String>; 3]);

impl Choices {
    #[must_use]
    pub fn of(&self, facet: Facet) -> &[String] {
        &self.0[facet.slot()]
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Vec::is_empty)
    }

    /// Chooses `value` in `facet` (once).
    pub fn add(&mut self, facet: Facet, value: &str) {
        let chosen = &mut self.0[facet.slot()];
        if !chosen.iter().any(|v| v == value) {
            chosen.push(value.to_owned());
        }
    }

    /// The same choices with `value` in `facet` chosen, or no longer chosen if it was.
    #[must_use]
    pub fn toggled(&self, facet: Facet, value: &str) -> Self {
        let mut next = self.clone();
        let chosen = &mut next.0[facet.slot()];
        match chosen.iter().position(|v| v == value) {
            Some(at) => {
                chosen.remove(at);
            }
            None => chosen.push(value.to_owned()),
        }
        next
    }
}

/// One facet of a collection: its values, most frequent first (then by name), with their
/// totals and the ranks of their articles.
#[derive(Debug, Default)]
pub struct FacetValues {
    pub names: Vec<String>,
    pub totals: Vec<u32>,
    members: Vec<RankSet>,
    lookup: HashMap<String, usize>,
}

/// A facet's values being gathered, an article at a time in rank order (the index builder
/// does it a slice per step).
#[derive(Default)]
pub struct FacetGatherer {
    lookup: HashMap<String, usize>,
    ranks: Vec<Vec<u32>>,
}

impl FacetGatherer {
    /// Adds the article of `rank` (ranks come in ascending order); returns how many values it
    /// has (the work done).
    pub fn add(&mut self, facet: Facet, rank: usize, article: &Article) -> usize {
        let values = facet.values_of(article);
        for value in &values {
            // Looked up by reference: a name is copied only the first time it is seen.
            let at = match self.lookup.get(*value) {
                Some(&at) => at,
                None => {
                    self.lookup.insert((*value).to_owned(), self.ranks.len());
                    self.ranks.push(Vec::new());
                    self.ranks.len() - 1
                }
            };
            self.ranks[at].push(super::to_u32(rank));
        }
        values.len()
    }

    /// The values, most frequent first (then by name), over `bound` ranks.
    #[must_use]
    pub fn finish(self, bound: usize) -> FacetValues {
        let Self { lookup, mut ranks } = self;
        let mut names: Vec<(String, usize)> = lookup.into_iter().collect();
        names.sort_unstable_by(|(a, i), (b, j)| {
            ranks[*j].len().cmp(&ranks[*i].len()).then_with(|| a.cmp(b))
        });
        let mut values = FacetValues::default();
        for (name, at) in names {
            let members = std::mem::take(&mut ranks[at]);
            values.lookup.insert(name.clone(), values.names.len());
            values.names.push(name);
            values.totals.push(super::to_u32(members.len()));
            values.members.push(RankSet::new(members, bound));
        }
        values
    }
}

impl FacetValues {
    #[must_use]
    pub fn len(&self) -> usize {
        self.names.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The place of a value in [`FacetValues::names`].
    #[must_use]
    pub fn find(&self, name: &str) -> Option<usize> {
        self.lookup.get(name).copied()
    }

    pub(super) fn members(&self) -> &[RankSet] {
        &self.members
    }

    /// The articles with any of `chosen` (a value this collection lacks matches nothing);
    /// `None` when nothing is chosen.
    #[must_use]
    pub fn selection(&self, chosen: &[String], bound: usize) -> Option<Bitmap> {
        if chosen.is_empty() {
            return None;
        }
        let sets = chosen
            .iter()
            .filter_map(|name| self.find(name))
            .map(|at| &self.members[at]);
        Some(Bitmap::union_of(sets, bound))
    }
}

/// The ranks in every one of `sets`; `None` when there are none (no constraint).
#[must_use]
pub fn intersection<'a>(mut sets: impl Iterator<Item = &'a Bitmap>) -> Option<Bitmap> {
    let first = sets.next()?.clone();
    Some(sets.fold(first, |all, set| all.and(set)))
}

/// How many of `set`'s members in `lo..hi` are also in `within` (all of them with `None`).
#[must_use]
pub fn count_within(set: &RankSet, within: Option<&Bitmap>, lo: usize, hi: usize) -> u32 {
    match within {
        None => set.count_in(lo, hi),
        Some(within) => set.count_in_and(within, lo, hi),
    }
}
