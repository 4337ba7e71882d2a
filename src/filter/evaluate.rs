//! [`Index::evaluate`]: a filter's answer, the matches and every facet count. Regions, tags,
//! authors and sources each select a set of ranks (the union of the chosen values' sets); the
//! match set is their intersection within the date span. A count is what choosing that value
//! would give with everything else as it is: the intersection of the *other* facets' sets,
//! counted within the value's own set and the date span.

use super::facets::{count_within, intersection, Facet};
use super::matches::Matches;
use super::ranks::Bitmap;
use super::{to_u32, CountUp, Filter, Index, Outcome, RegionChoice, SortOrder};
use std::rc::Rc;

/// Each facet's selection (`None`: nothing chosen in it), tags, authors and sources in order.
type FacetSelections = [Option<Bitmap>; 3];

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
        // Facet counts walk the found articles (a search finds few): each one in the date span
        // counts for a region node it is in or below when it passes the other facets, and for
        // a value of a facet when it passes the regions and the other facets.
        let mut region_counts = CountUp::new(&self.nodes);
        let mut facet_counts = Facet::ALL.map(|f| vec![0_u32; self.facets[f.slot()].len()]);
        let mut unspecified_count = 0;
        let mut dates_only = 0;
        for &rank in found.iter().filter(|&&r| (lo..hi).contains(&(r as usize))) {
            dates_only += 1;
            let article = self.article(rank);
            let facet_ok = facets.each_ref().map(|f| passes(f, rank));
            for facet in Facet::ALL {
                let others_ok = Facet::ALL
                    .iter()
                    .all(|other| *other == facet || facet_ok[other.slot()]);
                if !(others_ok && passes(&regions, rank)) {
                    continue;
                }
                let values = &self.facets[facet.slot()];
                for value in facet.values_of(article) {
                    if let Some(at) = values.find(value) {
                        facet_counts[facet.slot()][at] += 1;
                    }
                }
            }
            if !facet_ok.iter().all(|&ok| ok) {
                continue;
            }
            if article.regions.is_empty() {
                unspecified_count += 1;
            }
            for node in article.regions.iter().filter_map(|path| self.node_of(path)) {
                region_counts.add(rank, node);
            }
        }
        self.answer(
            matches,
            (region_counts.counts, unspecified_count),
            facet_counts,
            dates_only,
        )
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
        // Regions are counted within the facets' selection; each facet within the regions'
        // and the other facets'.
        let all_facets = intersection(facets.iter().flatten());
        let region_counts = self
            .members
            .iter()
            .map(|set| count_within(set, all_facets.as_ref(), lo, hi))
            .collect();
        let unspecified_count = count_within(&self.unspecified, all_facets.as_ref(), lo, hi);
        let facet_counts = Facet::ALL.map(|facet| {
            let others = regions.iter().chain(
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
        let selection = intersection(regions.iter().chain(all_facets.iter())).map(Rc::new);
        let mut outcome = self.outcome(
            selection,
            (lo, hi),
            order,
            (region_counts, unspecified_count),
        );
        outcome.facet_counts = facet_counts;
        outcome
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
