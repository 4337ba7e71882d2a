//! Filtering a collection by date and region, with facet counts.
//!
//! [`Index`] is built once when a file loads: each article's calendar day, the newest-first
//! order, the region tree, and for each article the tree nodes it belongs to (its regions and
//! all their ancestors). [`Index::evaluate`] then answers a [`Filter`] in a few linear passes:
//! the matching articles in order, and facet counts in the manner of Pagefind: a region's count
//! is how many articles would match if it were selected together with the current dates, and a
//! month's count respects the current regions.

use crate::date::CivilDate;
use crate::model::{Article, RegionPath};
use std::collections::HashMap;
use std::rc::Rc;

/// `month_of` for an article without a date.
const UNDATED: u32 = u32::MAX;

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

    /// How the choice reads in a sentence.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Self::Path(path) => path.segments().join(" › "),
            Self::Unspecified => "Unspecified region".to_owned(),
        }
    }
}

/// Which articles to show: regions combine with OR, and regions and dates with AND.
/// Dates are inclusive calendar days in each article's own offset.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Filter {
    pub regions: Vec<RegionChoice>,
    pub from: Option<CivilDate>,
    pub to: Option<CivilDate>,
}

impl Filter {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty() && self.from.is_none() && self.to.is_none()
    }

    #[must_use]
    pub fn has_dates(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    fn day_range(&self) -> (i64, i64) {
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

    /// `April 2025`.
    #[must_use]
    pub fn label(self) -> String {
        format!("{} {}", crate::date::month_name(self.month), self.year)
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

/// What a collection looks like to the filters, computed once per file.
#[derive(Debug)]
pub struct Index {
    articles: Vec<Rc<Article>>,
    /// Calendar day (days since 1970-01-01) of each article, in its own offset; `None` for an
    /// undated article (possible in JSON Feeds).
    days: Vec<Option<i64>>,
    /// Article positions, newest first (by calendar day, then instant, then id), then the
    /// undated ones.
    newest_first: Vec<u32>,
    /// How many articles have a date (the first `dated` of `newest_first`).
    dated: usize,
    /// The region tree; children sorted by name.
    pub nodes: Vec<RegionNode>,
    pub roots: Vec<usize>,
    /// Node of each region path, by its text (`Europe/Russia`).
    node_by_path: HashMap<String, usize>,
    /// For article `i`, its nodes are `article_nodes[node_start[i]..node_start[i + 1]]`.
    node_start: Vec<u32>,
    article_nodes: Vec<u32>,
    /// Months that have articles, oldest first; `month_of[i]` indexes into it
    /// ([`UNDATED`] for an undated article).
    pub months: Vec<YearMonth>,
    month_of: Vec<u32>,
    pub unspecified_total: u32,
}

/// Identity, not contents (an index is only ever equal to itself), so comparing props that hold
/// one stays cheap for any number of articles.
impl PartialEq for Index {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The answer to a filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Matching article positions, in the requested order.
    pub matches: Vec<u32>,
    /// Per region node: matches if that node were selected, with the current dates.
    pub region_counts: Vec<u32>,
    /// Articles with no region that match the current dates.
    pub unspecified_count: u32,
    /// Per month of [`Index::months`]: articles that month matching the current regions.
    pub month_counts: Vec<u32>,
    /// Articles matching the regions alone, and the dates alone (to explain an empty result).
    pub region_only: u32,
    pub dates_only: u32,
}

/// Builds an [`Index`] a slice of articles at a time, so a large collection can be indexed
/// between frames ([`Index::new`] does it in one go).
pub struct IndexBuilder {
    articles: Vec<Rc<Article>>,
    next: usize,
    nodes: Vec<RegionNode>,
    node_by_path: HashMap<String, usize>,
    node_start: Vec<u32>,
    article_nodes: Vec<u32>,
    unspecified_total: u32,
}

impl IndexBuilder {
    #[must_use]
    pub fn new(articles: &[Rc<Article>]) -> Self {
        Self {
            articles: articles.to_vec(),
            next: 0,
            nodes: Vec::new(),
            node_by_path: HashMap::new(),
            node_start: Vec::with_capacity(articles.len() + 1),
            article_nodes: Vec::new(),
            unspecified_total: 0,
        }
    }

    /// Adds up to `count` more articles to the region tree; `true` once all are in.
    pub fn step(&mut self, count: usize) -> bool {
        let end = self.next.saturating_add(count).min(self.articles.len());
        for position in self.next..end {
            let article = Rc::clone(&self.articles[position]);
            self.node_start.push(to_u32(self.article_nodes.len()));
            let first = self.article_nodes.len();
            if article.regions.is_empty() {
                self.unspecified_total += 1;
            }
            for region in &article.regions {
                // Each prefix of "Europe/Russia/Kursk Oblast" is a node; look them up by their
                // text, and build a RegionPath only for a node seen for the first time.
                let full = region.to_string();
                let ends = full
                    .match_indices('/')
                    .map(|(at, _)| at)
                    .chain(std::iter::once(full.len()));
                let mut parent = None;
                for end in ends {
                    let prefix = &full[..end];
                    let node = if let Some(&node) = self.node_by_path.get(prefix) {
                        node
                    } else {
                        let node = self.nodes.len();
                        let path = RegionPath::parse(prefix).unwrap_or_else(|_| region.clone());
                        self.nodes.push(RegionNode {
                            path,
                            parent,
                            children: Vec::new(),
                            total: 0,
                        });
                        if let Some(parent) = parent {
                            self.nodes[parent].children.push(node);
                        }
                        self.node_by_path.insert(prefix.to_owned(), node);
                        node
                    };
                    let node_u32 = to_u32(node);
                    if !self.article_nodes[first..].contains(&node_u32) {
                        self.article_nodes.push(node_u32);
                        self.nodes[node].total += 1;
                    }
                    parent = Some(node);
                }
            }
        }
        self.next = end;
        end == self.articles.len()
    }

    /// Articles added so far, out of how many.
    #[must_use]
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.articles.len())
    }

    /// Sorts, and finishes the index (any articles not yet added are added now).
    #[must_use]
    pub fn finish(mut self) -> Index {
        while !self.step(usize::MAX) {}
        let articles = &self.articles;
        let (mut nodes, node_by_path, mut node_start, article_nodes, unspecified_total) = (
            std::mem::take(&mut self.nodes),
            std::mem::take(&mut self.node_by_path),
            std::mem::take(&mut self.node_start),
            std::mem::take(&mut self.article_nodes),
            self.unspecified_total,
        );
        let days: Vec<Option<i64>> = articles
            .iter()
            .map(|a| a.published.map(|p| p.date.days_since_epoch()))
            .collect();
        // Dated articles newest first, then the undated ones (by id).
        let keys: Vec<Option<(CivilDate, i64)>> = articles
            .iter()
            .map(|a| a.published.map(|p| p.chronology()))
            .collect();
        let mut newest_first: Vec<u32> = (0..to_u32(articles.len())).collect();
        newest_first.sort_unstable_by(|&ia, &ib| {
            let (a, b) = (&articles[ia as usize], &articles[ib as usize]);
            match (keys[ia as usize], keys[ib as usize]) {
                (Some(ka), Some(kb)) => kb.cmp(&ka),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| a.id.cmp(&b.id))
        });
        let dated = days.iter().filter(|d| d.is_some()).count();

        node_start.push(to_u32(article_nodes.len()));
        let by_name = |nodes: &[RegionNode], list: &mut Vec<usize>| {
            list.sort_by(|&a, &b| nodes[a].name().cmp(nodes[b].name()));
        };
        for node in 0..nodes.len() {
            let mut children = std::mem::take(&mut nodes[node].children);
            by_name(&nodes, &mut children);
            nodes[node].children = children;
        }
        let mut roots: Vec<usize> = (0..nodes.len())
            .filter(|&n| nodes[n].parent.is_none())
            .collect();
        by_name(&nodes, &mut roots);

        let mut months: Vec<YearMonth> = articles
            .iter()
            .filter_map(|a| a.published.map(|p| YearMonth::of(p.date)))
            .collect();
        months.sort_unstable();
        months.dedup();
        let month_of = articles
            .iter()
            .map(|a| {
                a.published.map_or(UNDATED, |p| {
                    to_u32(months.binary_search(&YearMonth::of(p.date)).unwrap_or(0))
                })
            })
            .collect();

        Index {
            articles: self.articles,
            days,
            newest_first,
            dated,
            nodes,
            roots,
            node_by_path,
            node_start,
            article_nodes,
            months,
            month_of,
            unspecified_total,
        }
    }
}

impl Index {
    /// Indexes a collection in one go.
    #[must_use]
    pub fn new(articles: &[Rc<Article>]) -> Self {
        IndexBuilder::new(articles).finish()
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    #[must_use]
    pub fn article(&self, position: u32) -> &Rc<Article> {
        &self.articles[position as usize]
    }

    #[must_use]
    pub fn node_of(&self, path: &RegionPath) -> Option<usize> {
        self.node_by_path.get(&path.to_string()).copied()
    }

    /// Whether a region choice names something in this collection.
    #[must_use]
    pub fn knows(&self, choice: &RegionChoice) -> bool {
        match choice {
            RegionChoice::Path(path) => self.node_of(path).is_some(),
            RegionChoice::Unspecified => true,
        }
    }

    fn nodes_of(&self, article: usize) -> &[u32] {
        let start = self.node_start[article] as usize;
        let end = self.node_start[article + 1] as usize;
        &self.article_nodes[start..end]
    }

    /// Answers a filter: matching articles in `order`, and every facet count.
    #[must_use]
    pub fn evaluate(&self, filter: &Filter, order: SortOrder) -> Outcome {
        let (from, to) = filter.day_range();
        let has_dates = filter.has_dates();
        let in_regions_of = self.region_matcher(filter);
        let mut region_counts = vec![0_u32; self.nodes.len()];
        let mut month_counts = vec![0_u32; self.months.len()];
        let mut unspecified_count = 0;
        let mut region_only = 0;
        let mut dates_only = 0;
        let mut matching = vec![false; self.articles.len()];
        for (i, &day) in self.days.iter().enumerate() {
            // Undated articles are left out only while a date filter is set.
            let in_dates = day.map_or(!has_dates, |day| from <= day && day <= to);
            let nodes = self.nodes_of(i);
            let in_regions = in_regions_of(i);
            if in_dates {
                dates_only += 1;
                if nodes.is_empty() {
                    unspecified_count += 1;
                }
                for &node in nodes {
                    region_counts[node as usize] += 1;
                }
            }
            if in_regions {
                region_only += 1;
                if let Some(count) = month_counts.get_mut(self.month_of[i] as usize) {
                    *count += 1;
                }
            }
            matching[i] = in_dates && in_regions;
        }
        let (dated, undated) = self.newest_first.split_at(self.dated);
        let ordered: Box<dyn Iterator<Item = &u32>> = match order {
            SortOrder::NewestFirst => Box::new(dated.iter().chain(undated)),
            SortOrder::OldestFirst => Box::new(dated.iter().rev().chain(undated)),
        };
        let matches: Vec<u32> = ordered.copied().filter(|&i| matching[i as usize]).collect();
        Outcome {
            matches,
            region_counts,
            unspecified_count,
            month_counts,
            region_only,
            dates_only,
        }
    }

    /// How many articles published between `from` and `to` (inclusive) match the regions of
    /// `filter` (for the date presets). One pass, no allocation beyond the selection mask.
    #[must_use]
    pub fn count_between(&self, filter: &Filter, from: CivilDate, to: CivilDate) -> u32 {
        let (from, to) = (from.days_since_epoch(), to.days_since_epoch());
        let in_regions = self.region_matcher(filter);
        let count = (0..self.days.len())
            .filter(|&i| self.days[i].is_some_and(|d| from <= d && d <= to) && in_regions(i))
            .count();
        to_u32(count)
    }

    /// Whether article `i` matches the regions of `filter` (any region when none is chosen).
    fn region_matcher(&self, filter: &Filter) -> impl Fn(usize) -> bool + '_ {
        let mut selected = vec![false; self.nodes.len()];
        let mut want_unspecified = false;
        for choice in &filter.regions {
            match choice {
                RegionChoice::Path(path) => {
                    if let Some(node) = self.node_of(path) {
                        selected[node] = true;
                    }
                }
                RegionChoice::Unspecified => want_unspecified = true,
            }
        }
        let any_region = filter.regions.is_empty();
        move |i| {
            let nodes = self.nodes_of(i);
            any_region
                || (nodes.is_empty() && want_unspecified)
                || nodes.iter().any(|&n| selected[n as usize])
        }
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
                    visible[c] = true;
                    current = self.nodes[c].parent;
                }
            }
        }
        Some(visible)
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}
