//! Filtering a collection by date, region, tag, author and source, with facet counts.
//!
//! An [`Index`] is built once when a file loads ([`IndexBuilder`], a slice at a time). It keeps
//! the articles in newest-first order, so that a date range, and each month, is one contiguous
//! span of ranks, and gives every region node the set of ranks in it or below it
//! ([`ranks::RankSet`]). [`Index::evaluate`] then answers a [`Filter`] without walking the
//! articles: the match set is the union of the selected regions' sets within the date span
//! ([`Matches`], read lazily in list order), and every facet count, in the manner of Pagefind
//! (a region's count is what selecting it would give with the current dates; a month's count
//! respects the current regions), is a difference of running counts.
//!
//! Tags, authors and sources ([`Facet`]) work the same way: each value has its rank set
//! ([`FacetValues`]); chosen values of one facet combine with OR, facets with AND.
//!
//! This file holds the filter and its parts; `build.rs` the builder, `index.rs` the index,
//! `evaluate.rs` its answers, `facets.rs` the tag, author and source facets, `matches.rs` the
//! match list, `nodes.rs` the lookup of a region's node, `ranks.rs` the rank sets, `sort.rs`
//! siblings in name order.

mod build;
mod evaluate;
pub mod facets;
mod index;
mod matches;
mod nodes;
pub mod ranks;
mod sort;

pub use build::IndexBuilder;
pub use facets::{Choices, Facet, FacetValues};
pub use index::Index;
pub use matches::Matches;

use crate::date::CivilDate;
use crate::model::RegionPath;

/// A region choice: a node of the tree, or the articles with no region at all.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegionChoice {
    Path(RegionPath),
    Unspecified,
}

/// The URL value that stands for [`RegionChoice::Unspecified`].
pub const UNSPECIFIED_REGION: &str = "~unspecified";

impl RegionChoice {
    /// Reads a `region` URL value.
    ///
    /// # Errors
    /// When the value is not a valid region path.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text == UNSPECIFIED_REGION {
            Ok(Self::Unspecified)
        } else {
            RegionPath::parse(text).map(Self::Path)
        }
    }

    /// The `region` URL value.
    #[must_use]
    pub fn to_param(&self) -> String {
        match self {
            Self::Path(path) => path.to_string(),
            Self::Unspecified => UNSPECIFIED_REGION.to_owned(),
        }
    }
}

/// Which articles to show: regions combine with OR, so do the values of each of the tag,
/// author and source facets; regions, each facet and dates combine with AND. Dates are
/// inclusive calendar days in each article's own offset.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Filter {
    pub regions: Vec<RegionChoice>,
    pub from: Option<CivilDate>,
    pub to: Option<CivilDate>,
    pub facets: Choices,
}

impl Filter {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.facets.is_empty()
    }

    #[must_use]
    pub fn has_dates(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    pub(crate) fn day_range(&self) -> (i64, i64) {
        (
            self.from.map_or(i64::MIN, CivilDate::days_since_epoch),
            self.to.map_or(i64::MAX, CivilDate::days_since_epoch),
        )
    }
}

/// List order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    NewestFirst,
    OldestFirst,
    /// Best search match first (newest first when there is no search).
    BestMatch,
}

/// A year and month, for the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u8,
}

impl YearMonth {
    #[must_use]
    pub fn of(date: CivilDate) -> Self {
        Self {
            year: date.year,
            month: date.month,
        }
    }

    #[must_use]
    pub fn first_day(self) -> CivilDate {
        CivilDate {
            year: self.year,
            month: self.month,
            day: 1,
        }
    }

    #[must_use]
    pub fn last_day(self) -> CivilDate {
        CivilDate {
            year: self.year,
            month: self.month,
            day: crate::date::days_in_month(self.year, self.month),
        }
    }
}

/// One node of the region tree.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionNode {
    pub path: RegionPath,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// How many articles are in this region or below it (whatever the filter).
    pub total: u32,
}

/// Region counts over articles taken one at a time: an article counts once for each node it is
/// in or below, however many of its regions share an ancestor (the one-file search's counts,
/// and an archive's within a search).
pub(crate) struct CountUp<'n> {
    nodes: &'n [RegionNode],
    pub counts: Vec<u32>,
    /// Per node, the last rank counted there.
    last_counted: Vec<u32>,
}

impl<'n> CountUp<'n> {
    pub(crate) fn new(nodes: &'n [RegionNode]) -> Self {
        Self {
            nodes,
            counts: vec![0; nodes.len()],
            last_counted: vec![u32::MAX; nodes.len()],
        }
    }

    /// Counts the article `rank` for `node` and its ancestors, each once per article.
    pub(crate) fn add(&mut self, rank: u32, node: usize) {
        let mut node = Some(node);
        while let Some(n) = node.filter(|&n| n < self.nodes.len()) {
            if self.last_counted[n] == rank {
                break;
            }
            self.last_counted[n] = rank;
            self.counts[n] += 1;
            node = self.nodes[n].parent;
        }
    }
}

impl RegionNode {
    #[must_use]
    pub fn name(&self) -> &str {
        self.path.leaf()
    }

    #[must_use]
    pub fn depth(&self) -> usize {
        self.path.segments().len() - 1
    }
}

/// The answer to a filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Matching articles (their ranks, see [`Index::article`]), in the requested order.
    pub matches: Matches,
    /// Per region node: matches if that node were selected, with the current dates.
    pub region_counts: Vec<u32>,
    /// Articles with no region that match the current dates.
    pub unspecified_count: u32,
    /// Per facet (tags, authors, sources) and per value of [`FacetValues::names`]: matches if
    /// that value were chosen, with everything else as it is.
    pub facet_counts: [Vec<u32>; 3],
    /// Per month of [`Index::months`]: articles that month matching the current regions.
    pub month_counts: Vec<u32>,
    /// Articles matching the regions alone, and the dates alone (to explain an empty result).
    pub region_only: u32,
    pub dates_only: u32,
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
