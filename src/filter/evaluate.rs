//! [`Index::evaluate`]: a filter's answer, the matches and every facet count. Regions, tags,
//! authors and sources each select a set of ranks (the union of the chosen values' sets); the
//! match set is their intersection within the date span. A count is what choosing that value
//! would give with everything else as it is: the intersection of the *other* facets' sets,
//! counted within the value's own set and the date span.

use super::facets::{count_within, intersection, Facet};
use super::matches::Matches;
use super::ranks::Bitmap;
use super::{to_u32, Filter, Index, Outcome, RegionChoice, SortOrder};
use std::rc::Rc;

/// Each facet's selection (`None`: nothing chosen in it), tags, authors and sources in order.
type FacetSelections = [Option<Bitmap>; 3];

/// What [`Index::counts`] gives: the facets' selection, the region counts (per node, and for
/// no region) and each facet's value counts.
type Counts = (Option<Bitmap>, (Vec<u32>, u32), [Vec<u32>; 3]);

impl Index {
    /// The articles in any of the filter's regions; `None` when it names none (any region).
    fn selection(&self, filter: &Filter) -> Option<Bitmap> {
        if filter.regions.is_empty() {
            return None;
        }
        let sets = filter.regions.iter().filter_map(|choice| match choice {
            RegionChoice::Path(path) => self.node_of(path).map(|node| &self.members[node]),
            RegionChoice::Unspecified => Some(&self.unspecified),
        });
        Some(Bitmap::union_of(sets, self.count))
    }

    fn facet_selections(&self, filter: &Filter) -> FacetSelections {
        Facet::ALL
            .map(|facet| self.facets[facet.slot()].selection(filter.facets.of(facet), self.count))
    }

    /// Answers a filter: matching articles in `order`, and every facet count.
    #[must_use]
    pub fn evaluate(&self, filter: &Filter, order: SortOrder) -> Outcome {
        self.evaluate_within(filter, order, None)
    }

    /// Answers a filter among the articles a search found (`found`: ranks, best first), or
    /// among all with `None`: the matches in `order` ([`SortOrder::BestMatch`] is `found`'s),
    /// and every facet count within the search.
    #[must_use]
    pub fn evaluate_within(
        &self,
        filter: &Filter,
        order: SortOrder,
        found: Option<&[u32]>,
    ) -> Outcome {
        let Some(found) = found else {
            return self.evaluate_all(filter, order);
        };
        let (lo, hi) = self.date_span(filter);
        let regions = self.selection(filter);
        let facets = self.facet_selections(filter);
        let passes = |set: &Option<Bitmap>, rank: u32| {
            set.as_ref().is_none_or(|b| b.contains(rank as usize))
        };
        let mut selected: Vec<u32> = found
            .iter()
            .copied()
            .filter(|&rank| passes(&regions, rank) && facets.iter().all(|f| passes(f, rank)))
            .collect();
        selected.sort_unstable();
        let matches = self.found_matches(found, &selected, (lo, hi), order);
        // The counts as for the whole collection (see `evaluate_all`), each set also within the
        // articles found: rank sets and popcounts, never a walk through the found articles'
        // regions and values (a search may find most of a collection).
        let found = {
            let mut ascending = found.to_vec();
            ascending.sort_unstable();
            ascending.dedup();
            Bitmap::from_sorted(&ascending, self.count)
        };
        let (_, region_counts, facet_counts) =
            self.counts(Some(&found), regions.as_ref(), &facets, (lo, hi));
        self.answer(matches, region_counts, facet_counts, found.count_in(lo, hi))
    }

    /// The `selected` articles (ascending ranks, among those found) within a date span, in
    /// `order` ([`SortOrder::BestMatch`] is `found`'s: ranks best first).
    fn found_matches(
        &self,
        found: &[u32],
        selected: &[u32],
        (lo, hi): (usize, usize),
        order: SortOrder,
    ) -> Matches {
        let selection = Rc::new(Bitmap::from_sorted(selected, self.count));
        let matches = Matches::new(
            Some(selection),
            (lo, hi),
            order == SortOrder::OldestFirst,
            self.days.len(),
        );
        if order == SortOrder::BestMatch {
            matches.in_order(found.iter().copied())
        } else {
            matches
        }
    }

    /// The answer among the articles a search found (ranks best first, and ascending) that
    /// are in `regions` (`None`: any), within a date span, given the region counts within the
    /// search (an archive's: it counts them from its places; the facet counts are 0).
    pub(crate) fn outcome_found(
        &self,
        (best_first, ascending): (&[u32], &[u32]),
        regions: Option<&Bitmap>,
        (lo, hi): (usize, usize),
        order: SortOrder,
        counts: (Vec<u32>, u32),
    ) -> Outcome {
        let selected: Vec<u32> = match regions {
            Some(b) => ascending
                .iter()
                .copied()
                .filter(|&rank| b.contains(rank as usize))
                .collect(),
            None => ascending.to_vec(),
        };
        let matches = self.found_matches(best_first, &selected, (lo, hi), order);
        let below = |bound: usize| ascending.partition_point(|&r| (r as usize) < bound);
        let in_span = below(hi) - below(lo);
        let no_facet_counts = Facet::ALL.map(|f| vec![0; self.facets[f.slot()].len()]);
        self.answer(matches, counts, no_facet_counts, to_u32(in_span))
    }

    fn evaluate_all(&self, filter: &Filter, order: SortOrder) -> Outcome {
        let (lo, hi) = self.date_span(filter);
        let regions = self.selection(filter);
        let facets = self.facet_selections(filter);
        let (all_facets, region_counts, facet_counts) =
            self.counts(None, regions.as_ref(), &facets, (lo, hi));
        let selection = intersection(regions.iter().chain(all_facets.iter())).map(Rc::new);
        let mut outcome = self.outcome(selection, (lo, hi), order, region_counts);
        outcome.facet_counts = facet_counts;
        outcome
    }

    /// Every count within a date span, each set also within `found` (a search's articles;
    /// `None`: all): the regions (per node, and for no region) within the facets' selection,
    /// each facet's values within the regions' and the other facets'. Also the facets'
    /// selection (with `found`), which the matches are drawn from.
    fn counts(
        &self,
        found: Option<&Bitmap>,
        regions: Option<&Bitmap>,
        facets: &FacetSelections,
        (lo, hi): (usize, usize),
    ) -> Counts {
        let all_facets = intersection(found.into_iter().chain(facets.iter().flatten()));
        let region_counts = self
            .members
            .iter()
            .map(|set| count_within(set, all_facets.as_ref(), lo, hi))
            .collect();
        let unspecified_count = count_within(&self.unspecified, all_facets.as_ref(), lo, hi);
        let facet_counts = Facet::ALL.map(|facet| {
            let others = found.into_iter().chain(regions).chain(
                Facet::ALL
                    .iter()
                    .filter(|other| **other != facet)
                    .filter_map(|other| facets[other.slot()].as_ref()),
            );
            let within = intersection(others);
            self.facets[facet.slot()]
                .members()
                .iter()
                .map(|set| count_within(set, within.as_ref(), lo, hi))
                .collect()
        });
        (all_facets, (region_counts, unspecified_count), facet_counts)
    }

    /// An answer with no match and every count 0 (shown while a real one is on its way).
    #[must_use]
    pub fn nothing(&self) -> Outcome {
        let none = Rc::new(Bitmap::from_sorted(&[], self.count));
        let counts = (vec![0; self.nodes.len()], 0);
        self.outcome(Some(none), (0, 0), SortOrder::NewestFirst, counts)
    }

    /// The answer for a selection (`None`: every article) within a date span, given the region
    /// counts (per node, and for no region) for that span; the tag, author and source counts
    /// are 0 (an archive's index has none; [`Index::evaluate`] fills them in).
    pub(crate) fn outcome(
        &self,
        selection: Option<Rc<Bitmap>>,
        (lo, hi): (usize, usize),
        order: SortOrder,
        (region_counts, unspecified_count): (Vec<u32>, u32),
    ) -> Outcome {
        let matches = Matches::new(
            selection,
            (lo, hi),
            order == SortOrder::OldestFirst,
            self.days.len(),
        );
        let no_facet_counts = Facet::ALL.map(|f| vec![0; self.facets[f.slot()].len()]);
        let counts = (region_counts, unspecified_count);
        self.answer(matches, counts, no_facet_counts, to_u32(hi - lo))
    }

    /// The outcome for `matches` with the counts given; each month's count, and the count
    /// without dates, come from the matches.
    fn answer(
        &self,
        matches: Matches,
        (region_counts, unspecified_count): (Vec<u32>, u32),
        facet_counts: [Vec<u32>; 3],
        dates_only: u32,
    ) -> Outcome {
        Outcome {
            month_counts: self
                .month_spans
                .iter()
                .map(|&(lo, hi)| matches.count_selected(lo as usize, hi as usize))
                .collect(),
            region_only: matches.count_selected(0, self.count),
            region_counts,
            unspecified_count,
            facet_counts,
            dates_only,
            matches,
        }
    }
}
