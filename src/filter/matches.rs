//! [`Matches`]: the articles a filter lets through, in list order, without listing them.
//!
//! A match set is the region selection (a [`Bitmap`], or every article) within the date span,
//! read in one or two runs of ranks: newest first is one ascending run; oldest first is the
//! dated span read backwards, then the undated articles. Its length, its k-th entry and an
//! article's place in it are each a few lookups, so a filter change over a million articles
//! allocates nothing in proportion to them.

use super::ranks::Bitmap;
use std::rc::Rc;

/// A run of ranks `lo..hi`, read forwards or backwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
struct Run {
    lo: usize,
    hi: usize,
    backwards: bool,
}

/// The matching articles' ranks, in list order.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Matches {
    /// `None`: every article in the runs matches (no region is selected).
    selection: Option<Rc<Bitmap>>,
    runs: [Run; 2],
    len: usize,
    /// An order of its own (best search match first) instead of the runs': the matches' ranks
    /// in list order.
    ranked: Option<Rc<Vec<u32>>>,
}

impl Matches {
    /// The members of `selection` in `lo..hi`, newest first, or for `oldest_first` the part
    /// below `dated` backwards followed by the rest forwards (undated articles stay last).
    pub(crate) fn new(
        selection: Option<Rc<Bitmap>>,
        (lo, hi): (usize, usize),
        oldest_first: bool,
        dated: usize,
    ) -> Self {
        let runs = if oldest_first {
            let split = dated.clamp(lo, hi.max(lo));
            [
                Run {
                    lo,
                    hi: split,
                    backwards: true,
                },
                Run {
                    lo: split,
                    hi,
                    backwards: false,
                },
            ]
        } else {
            [
                Run {
                    lo,
                    hi,
                    backwards: false,
                },
                Run::default(),
            ]
        };
        let mut matches = Self {
            selection,
            runs,
            len: 0,
            ranked: None,
        };
        matches.len = runs.iter().map(|run| matches.count(*run)).sum();
        matches
    }

    /// The same matches in the order of `ranked` (ranks best first; those outside the matches
    /// are left out).
    #[must_use]
    pub(super) fn in_order(self, ranked: impl Iterator<Item = u32>) -> Self {
        let in_runs = |rank: u32| {
            let rank = rank as usize;
            self.runs.iter().any(|run| (run.lo..run.hi).contains(&rank))
                && self.selection.as_ref().is_none_or(|b| b.contains(rank))
        };
        let list: Vec<u32> = ranked.filter(|&rank| in_runs(rank)).collect();
        Self {
            len: list.len(),
            ranked: Some(Rc::new(list)),
            ..self
        }
    }

    fn count(&self, run: Run) -> usize {
        self.count_selected(run.lo, run.hi) as usize
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The rank of the `at`-th match.
    #[must_use]
    pub fn get(&self, mut at: usize) -> Option<u32> {
        if let Some(ranked) = &self.ranked {
            return ranked.get(at).copied();
        }
        for run in self.runs {
            let count = self.count(run);
            if at < count {
                let from_start = if run.backwards { count - 1 - at } else { at };
                let rank = match &self.selection {
                    None => run.lo + from_start,
                    Some(bitmap) => {
                        let skip = bitmap.count_below(run.lo) as usize + from_start;
                        bitmap.select(u32::try_from(skip).ok()?)?
                    }
                };
                return u32::try_from(rank).ok();
            }
            at -= count;
        }
        None
    }

    /// Where the article of `rank` is in the list, if it matches.
    #[must_use]
    pub fn position(&self, rank: u32) -> Option<usize> {
        if let Some(ranked) = &self.ranked {
            return ranked.iter().position(|&r| r == rank);
        }
        let rank = rank as usize;
        let mut offset = 0;
        for run in self.runs {
            if (run.lo..run.hi).contains(&rank) {
                if self.selection.as_ref().is_some_and(|b| !b.contains(rank)) {
                    return None;
                }
                let before = if run.backwards {
                    self.count(Run {
                        lo: rank + 1,
                        ..run
                    })
                } else {
                    self.count(Run { hi: rank, ..run })
                };
                return Some(offset + before);
            }
            offset += self.count(run);
        }
        None
    }

    /// How many articles in `lo..hi` are in the region selection (whatever the dates).
    #[must_use]
    pub fn count_selected(&self, lo: usize, hi: usize) -> u32 {
        match &self.selection {
            None => u32::try_from(hi.saturating_sub(lo)).unwrap_or(u32::MAX),
            Some(bitmap) => bitmap.count_in(lo, hi),
        }
    }

    /// The matches' ranks in list order.
    pub fn iter(&self) -> Box<dyn Iterator<Item = u32> + '_> {
        match &self.ranked {
            Some(ranked) => Box::new(ranked.iter().copied()),
            None => Box::new(self.runs.iter().flat_map(move |&run| RunIter {
                selection: self.selection.as_deref(),
                run,
            })),
        }
    }

    /// All the matches' ranks (for tests and small collections).
    #[must_use]
    pub fn to_vec(&self) -> Vec<u32> {
        self.iter().collect()
    }
}

/// Walks one run, narrowing it as it goes.
struct RunIter<'a> {
    selection: Option<&'a Bitmap>,
    run: Run,
}

impl Iterator for RunIter<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let Run { lo, hi, backwards } = self.run;
        if lo >= hi {
            return None;
        }
        let rank = match (self.selection, backwards) {
            (None, false) => lo,
            (None, true) => hi - 1,
            (Some(bitmap), false) => bitmap.next_from(lo, hi)?,
            (Some(bitmap), true) => bitmap.prev_before(hi, lo)?,
        };
        if backwards {
            self.run.hi = rank;
        } else {
            self.run.lo = rank + 1;
        }
        u32::try_from(rank).ok()
    }
}
