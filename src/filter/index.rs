//! [`Index`]: a collection as the filters see it (its answers to a [`Filter`] are in
//! `evaluate.rs`).

use super::nodes::NodeTable;
use super::ranks::RankSet;
use super::sort::sort_by_name;
use super::{
    to_u32, FacetValues, Filter, IndexBuilder, Outcome, RegionChoice, RegionNode, YearMonth,
};
use crate::date::CivilDate;
use crate::model::{Article, RegionPath};
use std::rc::Rc;

/// What a collection looks like to the filters, computed once per file. Articles are kept in
/// newest-first order (their *rank*): dated ones by calendar day, instant and id, then the
/// undated ones by id.
#[derive(Debug)]
pub struct Index {
    /// The articles by rank; empty in an archive's index ([`Index::skeleton`]), whose
    /// articles arrive as card shards.
    pub(super) articles: Vec<Rc<Article>>,
    /// How many articles the collection has (an archive's, whether loaded or not).
    pub(super) count: usize,
    /// The calendar day (days since 1970-01-01, in the article's own offset) of each dated
    /// article, by rank: never increasing. Its length is the number of dated articles.
    pub(super) days: Vec<i64>,
    /// The region tree; children sorted by name.
    pub nodes: Vec<RegionNode>,
    pub roots: Vec<usize>,
    /// Node of each region, by parent and name.
    pub(super) table: NodeTable,
    /// Per node: the ranks of the articles in it or below it.
    pub(super) members: Vec<RankSet>,
    /// The ranks of the articles with no region.
    pub(super) unspecified: RankSet,
    /// Months that have articles, oldest first, and the span of ranks of each.
    pub months: Vec<YearMonth>,
    pub(super) month_spans: Vec<(u32, u32)>,
    pub unspecified_total: u32,
    /// The tag, author and source facets ([`super::Facet::slot`] order); empty in an archive's.
    pub facets: [FacetValues; 3],
    /// Every rank, in the order of its article's id: finding an article by id is a binary
    /// search. Sorted the first time an id is looked up.
    pub(super) by_id: std::cell::OnceCell<Vec<u32>>,
}

/// Identity, not contents (an index is only ever equal to itself), so comparing props that hold
/// one stays cheap for any number of articles.
impl PartialEq for Index {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Index {
    /// Indexes a collection in one go.
    #[must_use]
    pub fn new(articles: &[Rc<Article>]) -> Self {
        IndexBuilder::new(articles).finish()
    }

    /// An archive's index: the region tree (`regions` in pre-order, each with its parent and
    /// total), the calendar day of each dated rank and the months, from its manifest; no
    /// articles and no rank sets (an archive's counts come from its tables, and the rank sets
    /// of the regions a filter selects are loaded when selected).
    #[must_use]
    pub(crate) fn skeleton(
        count: usize,
        days: Vec<i64>,
        regions: Vec<(RegionPath, Option<usize>, u32)>,
        unspecified_total: u32,
        (months, month_spans): (Vec<YearMonth>, Vec<(u32, u32)>),
    ) -> Self {
        let mut nodes: Vec<RegionNode> = Vec::with_capacity(regions.len());
        let mut roots = Vec::new();
        let mut table = NodeTable::default();
        for (path, parent, total) in regions {
            let at = nodes.len();
            match parent.and_then(|p| nodes.get_mut(p)) {
                Some(parent) => parent.children.push(at),
                None => roots.push(at),
            }
            nodes.push(RegionNode {
                path,
                parent,
                children: Vec::new(),
                total,
            });
            table.insert(&nodes, at);
        }
        for n in 0..nodes.len() {
            let mut children = std::mem::take(&mut nodes[n].children);
            sort_by_name(&nodes, &mut children);
            nodes[n].children = children;
        }
        sort_by_name(&nodes, &mut roots);
        Self {
            articles: Vec::new(),
            count,
            days,
            nodes,
            roots,
            table,
            members: Vec::new(),
            unspecified: RankSet::Sparse(Vec::new()),
            months,
            month_spans,
            unspecified_total,
            facets: Default::default(),
            by_id: std::cell::OnceCell::new(),
        }
    }

    /// The calendar day of each dated rank (never increasing).
    #[must_use]
    pub fn days(&self) -> &[i64] {
        &self.days
    }

    /// The span of ranks of each month of [`Index::months`].
    #[must_use]
    pub fn month_spans(&self) -> &[(u32, u32)] {
        &self.month_spans
    }

    /// The ranks in a region node or below it, ascending (`None`: the articles with no region).
    #[must_use]
    pub fn members_of(&self, node: Option<usize>) -> Vec<u32> {
        let set = match node {
            Some(n) => self.members.get(n),
            None => Some(&self.unspecified),
        };
        set.map(|set| set.ranks()).unwrap_or_default()
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.count
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The article of a rank (as found in [`Outcome::matches`]).
    #[must_use]
    pub fn article(&self, rank: u32) -> &Rc<Article> {
        &self.articles[rank as usize]
    }

    /// The rank of an article of this collection.
    #[must_use]
    pub fn rank_of(&self, article: &Article) -> Option<u32> {
        self.rank_of_id(&article.id)
    }

    /// The rank of the article with this id.
    #[must_use]
    pub fn rank_of_id(&self, id: &str) -> Option<u32> {
        if self.articles.len() != self.count {
            return None;
        }
        let by_id = self.by_id.get_or_init(|| {
            let mut ranks: Vec<u32> = (0..self.count).map(to_u32).collect();
            ranks.sort_unstable_by(|&a, &b| self.article(a).id.cmp(&self.article(b).id));
            ranks
        });
        let at = by_id
            .binary_search_by(|&rank| self.article(rank).id.as_str().cmp(id))
            .ok()?;
        by_id.get(at).copied()
    }

    /// The article with this id.
    #[must_use]
    pub fn find(&self, id: &str) -> Option<&Rc<Article>> {
        self.rank_of_id(id).map(|rank| self.article(rank))
    }

    #[must_use]
    pub fn node_of(&self, path: &RegionPath) -> Option<usize> {
        self.table.find(&self.nodes, path)
    }

    /// Whether a region choice names something in this collection.
    #[must_use]
    pub fn knows(&self, choice: &RegionChoice) -> bool {
        match choice {
            RegionChoice::Path(path) => self.node_of(path).is_some(),
            RegionChoice::Unspecified => true,
        }
    }

    /// The ranks of the articles published from `from` to `to` (inclusive, calendar days).
    fn span_between(&self, from: i64, to: i64) -> (usize, usize) {
        let lo = self.days.partition_point(|&day| day > to);
        let hi = self.days.partition_point(|&day| day >= from);
        (lo, hi.max(lo))
    }

    /// The ranks a filter's dates allow: all articles without a date filter, else the dated
    /// ones in range (undated articles are left out only while a date filter is set).
    pub(crate) fn date_span(&self, filter: &Filter) -> (usize, usize) {
        if filter.has_dates() {
            let (from, to) = filter.day_range();
            self.span_between(from, to)
        } else {
            (0, self.count)
        }
    }

    /// How many articles published between `from` and `to` (inclusive) are in the regions the
    /// `outcome` was evaluated for (for the date presets): a few lookups, whatever the size.
    #[must_use]
    pub fn count_between(&self, outcome: &Outcome, from: CivilDate, to: CivilDate) -> u32 {
        let (lo, hi) = self.span_between(from.days_since_epoch(), to.days_since_epoch());
        outcome.matches.count_selected(lo, hi)
    }

    /// Nodes whose name contains `needle` (case- and accent-insensitive), with their ancestors,
    /// as a visibility mask over [`Index::nodes`]; `None` when the needle is blank.
    #[must_use]
    pub fn search_regions(&self, needle: &str) -> Option<Vec<bool>> {
        let needle = crate::text::fold(needle.trim());
        if needle.is_empty() {
            return None;
        }
        let mut visible = vec![false; self.nodes.len()];
        for (n, node) in self.nodes.iter().enumerate() {
            if crate::text::fold(node.name()).contains(&needle) {
                let mut current = Some(n);
                while let Some(c) = current {
                    if visible[c] {
                        break;
                    }
                    visible[c] = true;
                    current = self.nodes[c].parent;
                }
            }
        }
        Some(visible)
    }
}
