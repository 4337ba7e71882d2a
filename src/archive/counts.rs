//! [`Archive`]: a manifest made ready to answer filters, and [`Archive::evaluate`], which
//! answers one from the manifest's tables and the [`Parts`] loaded so far, exactly as
//! [`Index::evaluate`] answers it from every article, or names the parts it still [`Need`]s.

use super::search::{Found, Shelf, Shelved};
use super::{DayTable, Manifest, Places};
use crate::filter::ranks::{Bitmap, RankSet};
use crate::filter::{Filter, Index, Outcome, RegionChoice, SortOrder};
use crate::search::SearchQuery;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A rank set of the archive: a region node's, or that of the articles with no region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SetKey {
    Node(usize),
    Unspecified,
}

/// A part an answer needs that is not loaded yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Need {
    Set(SetKey),
    /// The day table of a month (its place in [`Manifest::months`]).
    Days(usize),
    /// A search index's term directory: the words', or the pairs' for quoted phrases.
    Directory(Shelf),
    /// A chunk of a search index's terms (its place in the directory).
    Terms(Shelf, usize),
    /// The places of a month (its place in [`Manifest::months`]).
    Places(usize),
}

/// The parts loaded so far.
#[derive(Clone, Debug, Default)]
pub struct Parts {
    pub sets: HashMap<SetKey, Rc<RankSet>>,
    pub days: HashMap<usize, Rc<DayTable>>,
    /// The search index's words, and the pairs of words quoted phrases are matched with.
    pub words: Shelved,
    pub pairs: Shelved,
    pub places: HashMap<usize, Rc<Places>>,
}

impl Parts {
    /// The directory and chunks of one of the search indexes.
    #[must_use]
    pub fn shelf(&self, shelf: Shelf) -> &Shelved {
        match shelf {
            Shelf::Words => &self.words,
            Shelf::Pairs => &self.pairs,
        }
    }

    pub fn shelf_mut(&mut self, shelf: Shelf) -> &mut Shelved {
        match shelf {
            Shelf::Words => &mut self.words,
            Shelf::Pairs => &mut self.pairs,
        }
    }
}

/// A shard of cards: its file (relative to the manifest), its first rank and how many it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shard {
    pub file: String,
    pub first: u32,
    pub len: u32,
}

/// An archive as the filters see it.
#[derive(Debug)]
pub struct Archive {
    pub manifest: Manifest,
    /// The region tree, the days and the months, without articles ([`Index::skeleton`]).
    pub index: Rc<Index>,
    /// Per month of [`Index::months`] (oldest first): each node's count, and no region's.
    month_regions: Vec<Vec<u32>>,
    month_unspecified: Vec<u32>,
    /// The first rank of each month of the manifest (newest first).
    pub(super) month_starts: Vec<u32>,
    /// The last search answered, and what it found (see `found.rs`).
    pub(super) last_search: RefCell<Option<(SearchQuery, Rc<Found>)>>,
}

impl Archive {
    #[must_use]
    pub fn new(manifest: Manifest) -> Self {
        let days: Vec<i64> = manifest
            .days
            .iter()
            .flat_map(|&(day, n)| std::iter::repeat_n(day, n as usize))
            .collect();
        let mut month_starts = Vec::with_capacity(manifest.months.len());
        let mut start = 0_u32;
        for month in &manifest.months {
            month_starts.push(start);
            start = start.saturating_add(month.count);
        }
        let spans: Vec<(u32, u32)> = manifest
            .months
            .iter()
            .zip(&month_starts)
            .map(|(month, &start)| (start, start.saturating_add(month.count)))
            .rev()
            .collect();
        let months = manifest.months.iter().map(|m| m.month).rev().collect();
        let regions = manifest
            .regions
            .iter()
            .map(|r| (r.path.clone(), r.parent, r.set.total))
            .collect();
        let nodes = manifest.regions.len();
        let month_regions = manifest
            .months
            .iter()
            .rev()
            .map(|month| {
                let mut counts = vec![0; nodes];
                for &(node, count) in &month.regions {
                    counts[node] = count;
                }
                counts
            })
            .collect();
        let month_unspecified = manifest
            .months
            .iter()
            .rev()
            .map(|m| m.unspecified)
            .collect();
        let index = Rc::new(Index::skeleton(
            manifest.count as usize,
            days,
            regions,
            manifest.unspecified.total,
            (months, spans),
        ));
        Self {
            manifest,
            index,
            month_regions,
            month_unspecified,
            month_starts,
            last_search: RefCell::new(None),
        }
    }

    /// The file of a rank set, relative to the manifest.
    #[must_use]
    pub fn set_file(&self, key: SetKey) -> Option<&str> {
        match key {
            SetKey::Node(n) => self.manifest.regions.get(n).map(|r| r.set.file.as_str()),
            SetKey::Unspecified => Some(&self.manifest.unspecified.file),
        }
    }

    /// The shard of cards that holds a rank.
    #[must_use]
    pub fn shard_of(&self, rank: u32) -> Option<Shard> {
        let (month, offset) = self.place_of(rank)?;
        let entry = &self.manifest.months[month];
        let size = self.manifest.shard_size;
        let k = offset / size;
        Some(Shard {
            file: format!("{}-{k}.json", entry.cards),
            first: self.month_starts[month] + k * size,
            len: size.min(entry.count - k * size),
        })
    }

    /// The month of a rank (its place in [`Manifest::months`]) and the rank's offset in it.
    #[must_use]
    pub fn place_of(&self, rank: u32) -> Option<(usize, u32)> {
        let month = self
            .month_starts
            .partition_point(|&start| start <= rank)
            .checked_sub(1)?;
        let offset = rank - self.month_starts[month];
        (offset < self.manifest.months.get(month)?.count).then_some((month, offset))
    }

    /// The rank of the article at `offset` in `month` (`YYYY-MM`), as an id bucket gives it.
    #[must_use]
    pub fn rank_in_month(&self, month: &str, offset: u32) -> Option<u32> {
        let at = self
            .manifest
            .months
            .iter()
            .position(|m| format!("{:04}-{:02}", m.month.year, m.month.month) == month)?;
        (offset < self.manifest.months[at].count).then(|| self.month_starts[at] + offset)
    }

    /// The articles in any of the filter's regions, from their loaded rank sets; `None` when it
    /// names none (any region).
    pub(super) fn selection(&self, parts: &Parts, filter: &Filter) -> Option<Bitmap> {
        (!filter.regions.is_empty()).then(|| {
            let keys = self.selected_sets(filter);
            let sets = keys.iter().filter_map(|key| parts.sets.get(key));
            Bitmap::union_of(sets.map(|set| &**set), self.index.len())
        })
    }

    /// The rank sets a filter's regions select.
    fn selected_sets(&self, filter: &Filter) -> Vec<SetKey> {
        let mut keys: Vec<SetKey> = filter
            .regions
            .iter()
            .filter_map(|choice| match choice {
                RegionChoice::Path(path) => self.index.node_of(path).map(SetKey::Node),
                RegionChoice::Unspecified => Some(SetKey::Unspecified),
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The months (their place in the manifest) a filter's date range cuts into.
    fn cut_months(&self, filter: &Filter) -> Vec<usize> {
        if !filter.has_dates() {
            return Vec::new();
        }
        let (lo, hi) = self.index.date_span(filter);
        let last = self.index.month_spans().len();
        self.index
            .month_spans()
            .iter()
            .enumerate()
            .filter(|&(_, &(mlo, mhi))| {
                let (mlo, mhi) = (mlo as usize, mhi as usize);
                mlo < hi && lo < mhi && !(lo <= mlo && mhi <= hi)
            })
            .map(|(i, _)| last - 1 - i)
            .collect()
    }

    /// The parts a filter needs that are not in `parts`.
    #[must_use]
    pub fn needs(&self, parts: &Parts, filter: &Filter) -> Vec<Need> {
        let sets = self.selected_sets(filter).into_iter();
        let sets = sets
            .filter(|key| !parts.sets.contains_key(key))
            .map(Need::Set);
        let days = self.cut_months(filter).into_iter();
        let days = days
            .filter(|month| !parts.days.contains_key(month))
            .map(Need::Days);
        sets.chain(days).collect()
    }

    /// Answers a filter from the tables and `parts`: the same answer as [`Index::evaluate`] on
    /// the archive's articles.
    ///
    /// # Errors
    /// The parts still needed ([`Archive::needs`]), when any is missing.
    pub fn evaluate(
        &self,
        parts: &Parts,
        filter: &Filter,
        order: SortOrder,
    ) -> Result<Outcome, Vec<Need>> {
        let missing = self.needs(parts, filter);
        if !missing.is_empty() {
            return Err(missing);
        }
        let span = self.index.date_span(filter);
        let selection = self.selection(parts, filter).map(Rc::new);
        let counts = self.region_counts(parts, filter, span);
        Ok(self.index.outcome(selection, span, order, counts))
    }

    /// Each node's count, and no region's, within a filter's dates: the months the range covers
    /// from the manifest, the days of those it cuts from their day tables.
    fn region_counts(
        &self,
        parts: &Parts,
        filter: &Filter,
        (lo, hi): (usize, usize),
    ) -> (Vec<u32>, u32) {
        if !filter.has_dates() {
            let totals = self.manifest.regions.iter().map(|r| r.set.total).collect();
            return (totals, self.manifest.unspecified.total);
        }
        let mut regions = vec![0_u32; self.manifest.regions.len()];
        let mut unspecified = 0;
        let last = self.month_regions.len();
        for (i, &(mlo, mhi)) in self.index.month_spans().iter().enumerate() {
            let (mlo, mhi) = (mlo as usize, mhi as usize);
            if mhi <= lo || hi <= mlo {
                continue;
            }
            if lo <= mlo && mhi <= hi {
                for (total, count) in regions.iter_mut().zip(&self.month_regions[i]) {
                    *total += count;
                }
                unspecified += self.month_unspecified[i];
            } else if let Some(table) = parts.days.get(&(last - 1 - i)) {
                table.add_between(filter.day_range(), &mut regions, &mut unspecified);
            }
        }
        (regions, unspecified)
    }
}
