//! [`IndexBuilder`]: the index a slice of work at a time. Articles are added to the region
//! tree; then come their sort keys and one sort into newest-first order, each region's members
//! (laid out in one array, node by node), their rank sets, each branch's children sorted by
//! name, the tag, author and source facets gathered in rank order, and the articles laid out
//! newest first. Every stage
//! is cut into steps of bounded work, so a file with a million regions is indexed between
//! frames like any other.

use super::index::Index;
use super::nodes::NodeTable;
use super::ranks::{RankSet, WORD_BITS};
use super::sort::{
    newer_first, newest_first_keys, sort_by_name, ArticleKey, NameSort, SlicedSort, RUN,
};
use super::{to_u32, RegionNode};
use crate::model::Article;
use std::rc::Rc;

/// Where the builder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Adding articles to the region tree, from this one (in file order).
    Adding(usize),
    /// Making the articles' sort keys, from this one (in file order).
    Keys(usize),
    /// Sorting the articles newest first (in runs, then merges, over several steps).
    Ordering,
    /// Recording each article's rank in its regions, from this rank.
    Members(usize),
    /// Making each region's rank set, from this node.
    Sets(usize),
    /// Sorting each node's children by name, from this node; then the roots.
    Children(usize),
    /// Gathering the tag, author and source facets, from this rank.
    Facets(usize),
    /// Laying the articles out newest first, with their days, from this rank.
    Arranging(usize),
    Done,
}

/// Builds an [`Index`] a slice of work at a time, so a large collection can be indexed
/// between frames ([`Index::new`] does it in one go).
pub struct IndexBuilder {
    articles: Vec<Rc<Article>>,
    stage: Stage,
    nodes: Vec<RegionNode>,
    table: NodeTable,
    /// For article `i` (in file order), its nodes are `article_nodes[node_start[i]..node_start[i + 1]]`.
    node_start: Vec<u32>,
    article_nodes: Vec<u32>,
    /// The last article (plus one) counted in each node, so an article in two regions under
    /// the same parent counts there once, in constant time.
    last_counted: Vec<u32>,
    /// Article positions, newest first.
    order: Vec<u32>,
    /// Every node's member ranks, node after node: node `n`'s are
    /// `member_ranks[member_start[n]..member_start[n + 1]]`, ascending.
    member_ranks: Vec<u32>,
    member_start: Vec<u32>,
    /// Members recorded so far per node (while filling `member_ranks`).
    filled: Vec<u32>,
    unspecified: Vec<u32>,
    sets: Vec<RankSet>,
    roots: Vec<usize>,
    /// A long list of siblings being sorted: a node's children, or (for `None`) the roots.
    sorting: Option<(Option<usize>, NameSort)>,
    /// The articles' sort keys, while they are made.
    keys: Vec<ArticleKey>,
    /// The articles being sorted newest first.
    article_sort: Option<SlicedSort<ArticleKey>>,
    /// The articles newest first, and the calendar day of each dated one (they come first).
    arranged: Vec<Rc<Article>>,
    days: Vec<i64>,
    /// The tag, author and source facets being gathered.
    facets: [super::facets::FacetGatherer; 3],
}

impl IndexBuilder {
    #[must_use]
    pub fn new(articles: &[Rc<Article>]) -> Self {
        Self {
            articles: articles.to_vec(),
            stage: Stage::Adding(0),
            nodes: Vec::new(),
            table: NodeTable::default(),
            node_start: Vec::with_capacity(articles.len() + 1),
            article_nodes: Vec::new(),
            last_counted: Vec::new(),
            order: Vec::new(),
            member_ranks: Vec::new(),
            member_start: Vec::new(),
            filled: Vec::new(),
            unspecified: Vec::new(),
            sets: Vec::new(),
            roots: Vec::new(),
            sorting: None,
            keys: Vec::new(),
            article_sort: None,
            arranged: Vec::new(),
            days: Vec::new(),
            facets: Default::default(),
        }
    }

    /// Does up to about `budget` units of work; `true` once the index is complete. A unit is
    /// an article, a region of an article, a member of a region, a node, or an item
    /// sorted or merged (so a file with many regions is indexed in as many more, equally short,
    /// steps).
    pub fn step(&mut self, budget: usize) -> bool {
        let budget = budget.max(1);
        self.stage = match self.stage {
            Stage::Adding(from) => self.add(from, budget),
            Stage::Keys(from) => self.make_keys(from, budget),
            Stage::Ordering => self.sort_articles(budget),
            Stage::Members(from) => self.record_members(from, budget),
            Stage::Sets(from) => self.make_sets(from, budget),
            Stage::Children(from) => self.sort_children(from, budget),
            Stage::Facets(from) => self.gather_facets(from, budget),
            Stage::Arranging(from) => self.arrange(from, budget),
            Stage::Done => Stage::Done,
        };
        self.stage == Stage::Done
    }

    fn add(&mut self, from: usize, budget: usize) -> Stage {
        let mut spent = 0_usize;
        let mut end = from;
        while end < self.articles.len() && spent < budget {
            spent = spent.saturating_add(1 + self.articles[end].regions.len());
            end += 1;
        }
        for position in from..end {
            let article = Rc::clone(&self.articles[position]);
            self.node_start.push(to_u32(self.article_nodes.len()));
            let marker = to_u32(position + 1);
            for region in &article.regions {
                // Each prefix of "Europe/Russia/Kursk Oblast" is a node, found by its parent and
                // its name; a node seen for the first time gets its path.
                let mut parent = None;
                for (depth, name) in region.segments().iter().enumerate() {
                    let node = match self.table.get(&self.nodes, parent, name) {
                        Some(node) => node,
                        None => self.new_node(region.truncated(depth + 1), parent),
                    };
                    if self.last_counted[node] != marker {
                        self.last_counted[node] = marker;
                        self.article_nodes.push(to_u32(node));
                        self.nodes[node].total += 1;
                    }
                    parent = Some(node);
                }
            }
        }
        if end < self.articles.len() {
            Stage::Adding(end)
        } else {
            self.node_start.push(to_u32(self.article_nodes.len()));
            self.last_counted = Vec::new();
            self.keys.reserve_exact(self.articles.len());
            Stage::Keys(0)
        }
    }

    fn make_keys(&mut self, from: usize, budget: usize) -> Stage {
        let end = from.saturating_add(budget).min(self.articles.len());
        let articles = &self.articles[from..end];
        self.keys.extend(
            newest_first_keys(articles)
                .map(|(day, instant, position)| (day, instant, position + to_u32(from))),
        );
        if end < self.articles.len() {
            return Stage::Keys(end);
        }
        self.article_sort = Some(SlicedSort::new(std::mem::take(&mut self.keys)));
        Stage::Ordering
    }

    fn new_node(&mut self, path: crate::model::RegionPath, parent: Option<usize>) -> usize {
        let node = self.nodes.len();
        self.nodes.push(RegionNode {
            path,
            parent,
            children: Vec::new(),
            total: 0,
        });
        self.last_counted.push(0);
        if let Some(parent) = parent {
            self.nodes[parent].children.push(node);
        }
        self.table.insert(&self.nodes, node);
        node
    }

    fn sort_articles(&mut self, budget: usize) -> Stage {
        let articles = &self.articles;
        let Some(sort) = self.article_sort.as_mut() else {
            return Stage::Keys(0);
        };
        if !sort.step(budget, |a, b| newer_first(articles, a, b)) {
            return Stage::Ordering;
        }
        if let Some(sort) = self.article_sort.take() {
            let keys = sort.finish(|a, b| newer_first(articles, a, b));
            self.order = keys.into_iter().map(|(_, _, position)| position).collect();
        }
        let mut start = Vec::with_capacity(self.nodes.len() + 1);
        let mut total = 0_u32;
        for node in &self.nodes {
            start.push(total);
            total = total.saturating_add(node.total);
        }
        start.push(total);
        self.member_start = start;
        self.member_ranks = vec![0; total as usize];
        self.filled = vec![0; self.nodes.len()];
        self.roots = (0..self.nodes.len())
            .filter(|&n| self.nodes[n].parent.is_none())
            .collect();
        Stage::Members(0)
    }

    fn record_members(&mut self, from: usize, budget: usize) -> Stage {
        let mut spent = 0_usize;
        let mut rank = from;
        while rank < self.order.len() && spent < budget {
            let position = self.order[rank] as usize;
            let (start, end) = (
                self.node_start[position] as usize,
                self.node_start[position + 1] as usize,
            );
            if start == end {
                self.unspecified.push(to_u32(rank));
            }
            for &node in &self.article_nodes[start..end] {
                let node = node as usize;
                let slot = (self.member_start[node] + self.filled[node]) as usize;
                self.member_ranks[slot] = to_u32(rank);
                self.filled[node] += 1;
            }
            spent += 1 + end - start;
            rank += 1;
        }
        if rank < self.order.len() {
            return Stage::Members(rank);
        }
        self.filled = Vec::new();
        self.article_nodes = Vec::new();
        self.node_start = Vec::new();
        self.sets.reserve_exact(self.nodes.len());
        Stage::Sets(0)
    }

    fn make_sets(&mut self, from: usize, budget: usize) -> Stage {
        let bound = self.order.len();
        let mut spent = 0_usize;
        let mut node = from;
        while node < self.nodes.len() && spent < budget {
            let ranks = &self.member_ranks
                [self.member_start[node] as usize..self.member_start[node + 1] as usize];
            let set = RankSet::new(ranks.to_vec(), bound);
            spent += 1 + ranks.len() + if set.is_dense() { bound / WORD_BITS } else { 0 };
            self.sets.push(set);
            node += 1;
        }
        if node < self.nodes.len() {
            return Stage::Sets(node);
        }
        self.member_ranks = Vec::new();
        self.member_start = Vec::new();
        Stage::Children(0)
    }

    fn sort_children(&mut self, from: usize, budget: usize) -> Stage {
        // A long list is sorted over several steps; it goes on first.
        if let Some((owner, mut sort)) = self.sorting.take() {
            if !sort.step(&self.nodes, budget) {
                self.sorting = Some((owner, sort));
                return Stage::Children(from);
            }
            let sorted = sort.finish(&self.nodes);
            let Some(owner) = owner else {
                self.roots = sorted;
                return Stage::Facets(0);
            };
            self.nodes[owner].children = sorted;
            return Stage::Children(from);
        }
        let mut spent = 0_usize;
        let mut node = from;
        while node < self.nodes.len() && spent < budget {
            let mut children = std::mem::take(&mut self.nodes[node].children);
            if children.len() > RUN {
                self.sorting = Some((Some(node), NameSort::new(&self.nodes, &children)));
                self.nodes[node].children = children;
                return Stage::Children(node + 1);
            }
            spent += 1 + children.len();
            sort_by_name(&self.nodes, &mut children);
            self.nodes[node].children = children;
            node += 1;
        }
        if node < self.nodes.len() {
            return Stage::Children(node);
        }
        if self.roots.len() > RUN {
            self.sorting = Some((None, NameSort::new(&self.nodes, &self.roots)));
            return Stage::Children(node);
        }
        let mut roots = std::mem::take(&mut self.roots);
        sort_by_name(&self.nodes, &mut roots);
        self.roots = roots;
        Stage::Facets(0)
    }

    /// Adds articles (by rank, from `from`) to the three facets, about `budget` values' worth.
    fn gather_facets(&mut self, from: usize, budget: usize) -> Stage {
        let mut spent = 0_usize;
        let mut rank = from;
        while rank < self.order.len() && spent < budget {
            let article = &self.articles[self.order[rank] as usize];
            for (facet, gatherer) in super::Facet::ALL.iter().zip(&mut self.facets) {
                spent += gatherer.add(*facet, rank, article);
            }
            spent += 1;
            rank += 1;
        }
        if rank < self.order.len() {
            Stage::Facets(rank)
        } else {
            self.arranged.reserve_exact(self.order.len());
            Stage::Arranging(0)
        }
    }

    /// Lays out the articles of ranks `from..` newest first (and notes the days of the dated).
    fn arrange(&mut self, from: usize, budget: usize) -> Stage {
        let end = from.saturating_add(budget).min(self.order.len());
        for &position in &self.order[from..end] {
            let article = &self.articles[position as usize];
            // The dated come first: the days stop at the first undated article.
            if self.days.len() == self.arranged.len() {
                if let Some(published) = article.published {
                    self.days.push(published.date.days_since_epoch());
                }
            }
            self.arranged.push(Rc::clone(article));
        }
        if end < self.order.len() {
            Stage::Arranging(end)
        } else {
            Stage::Done
        }
    }

    /// How far the index is, 0 to 100 (adding articles is the first half).
    #[must_use]
    pub fn progress(&self) -> u8 {
        let part = |done: usize, of: usize| done * 100 / of.max(1);
        let percent = match self.stage {
            Stage::Adding(from) => part(from, self.articles.len()) / 2,
            Stage::Ordering => 50,
            Stage::Members(rank) => 55 + part(rank, self.order.len()) / 10,
            Stage::Sets(node) => 65 + part(node, self.nodes.len()) / 5,
            Stage::Children(node) => 85 + part(node, self.nodes.len()) / 10,
            Stage::Keys(_) => 50,
            Stage::Facets(rank) => 95 + part(rank, self.order.len()) / 40,
            Stage::Arranging(rank) => 97 + part(rank, self.order.len()) / 40,
            Stage::Done => 100,
        };
        u8::try_from(percent.min(100)).unwrap_or(100)
    }

    /// The index (any work not yet done is done now).
    #[must_use]
    pub fn finish(mut self) -> Index {
        while !self.step(usize::MAX) {}
        let (articles, days) = (self.arranged, self.days);
        let (months, month_spans) = month_spans(&articles[..days.len()]);
        let bound = articles.len();
        Index {
            count: articles.len(),
            days,
            nodes: self.nodes,
            roots: self.roots,
            table: self.table,
            members: self.sets,
            unspecified_total: to_u32(self.unspecified.len()),
            unspecified: RankSet::new(self.unspecified, bound),
            months,
            month_spans,
            facets: self.facets.map(|gatherer| gatherer.finish(bound)),
            articles,
            by_id: std::cell::OnceCell::new(),
        }
    }
}

/// The months that have articles, oldest first, and each one's span of ranks in `dated`
/// (dated articles, newest first, so each month is one contiguous span).
fn month_spans(dated: &[Rc<Article>]) -> (Vec<super::YearMonth>, Vec<(u32, u32)>) {
    let mut months: Vec<super::YearMonth> = Vec::new();
    let mut spans: Vec<(u32, u32)> = Vec::new();
    for (rank, article) in dated.iter().enumerate() {
        let Some(published) = article.published else {
            break;
        };
        let month = super::YearMonth::of(published.date);
        match (months.last(), spans.last_mut()) {
            (Some(&last), Some(span)) if last == month => span.1 = to_u32(rank + 1),
            _ => {
                months.push(month);
                spans.push((to_u32(rank), to_u32(rank + 1)));
            }
        }
    }
    months.reverse();
    spans.reverse();
    (months, spans)
}
