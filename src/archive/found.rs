//! An archive's answer to a filter with a search ([`Archive::evaluate_searching`]): the
//! articles its search index finds ([`super::search`]), within the filter's regions and dates,
//! with every region count within the search, counted from the places of the months the
//! matches fall in. Equal to [`crate::filter::Index::evaluate_within`] over the one-file
//! search's matches (tests/archive.rs).

use super::search::search_chunks;
use super::{Archive, Need, Parts};
use crate::filter::ranks::Bitmap;
use crate::filter::{Filter, Outcome, SortOrder};
use crate::search::{Hit, SearchQuery};

impl Archive {
    /// What the search finds with the parts loaded so far: `Ok(None)` without an index (the
    /// archive was published without one, so nothing is found), or the parts it still needs.
    fn hits(&self, parts: &Parts, query: &SearchQuery) -> Result<Option<Vec<Hit>>, Vec<Need>> {
        if self.manifest.search.is_none() {
            return Ok(None);
        }
        let Some(directory) = &parts.directory else {
            return Err(vec![Need::Directory]);
        };
        search_chunks(directory, &parts.chunks, query)
            .map(Some)
            .map_err(|chunks| chunks.into_iter().map(Need::Terms).collect())
    }

    /// The parts a filter with an optional search needs that are not in `parts`: the filter's,
    /// then the search index's directory and the chunks of its words, then the places of the
    /// months its matches fall in within the filter's dates.
    #[must_use]
    pub fn needs_searching(
        &self,
        parts: &Parts,
        filter: &Filter,
        search: Option<&SearchQuery>,
    ) -> Vec<Need> {
        let mut needs = self.needs(parts, filter);
        let Some(query) = search else {
            return needs;
        };
        match self.hits(parts, query) {
            Err(more) => needs.extend(more),
            Ok(None) => {}
            Ok(Some(hits)) => {
                let (lo, hi) = self.index.date_span(filter);
                let mut months: Vec<usize> = hits
                    .iter()
                    .filter(|hit| (lo..hi).contains(&(hit.rank as usize)))
                    .filter_map(|hit| Some(self.place_of(hit.rank)?.0))
                    .filter(|month| !parts.places.contains_key(month))
                    .collect();
                months.sort_unstable();
                months.dedup();
                needs.extend(months.into_iter().map(Need::Places));
            }
        }
        needs
    }

    /// Answers a filter, among the articles a search finds when there is one, from the tables
    /// and `parts` (see [`Archive::evaluate`]).
    ///
    /// # Errors
    /// The parts still needed ([`Archive::needs_searching`]), when any is missing.
    pub fn evaluate_searching(
        &self,
        parts: &Parts,
        filter: &Filter,
        order: SortOrder,
        search: Option<&SearchQuery>,
    ) -> Result<Outcome, Vec<Need>> {
        let Some(query) = search else {
            return self.evaluate(parts, filter, order);
        };
        let missing = self.needs_searching(parts, filter, search);
        if !missing.is_empty() {
            return Err(missing);
        }
        let found: Vec<u32> = self
            .hits(parts, query)
            .ok()
            .flatten()
            .unwrap_or_default()
            .iter()
            .map(|hit| hit.rank)
            .collect();
        let span = self.index.date_span(filter);
        let selection = (!filter.regions.is_empty()).then(|| {
            let keys = self.selected_sets(filter);
            let sets = keys.iter().filter_map(|key| parts.sets.get(key));
            Bitmap::union_of(sets.map(|set| &**set), self.index.len())
        });
        let counts = self.counts_within(parts, &found, span);
        Ok(self
            .index
            .outcome_found(&found, selection.as_ref(), span, order, counts))
    }

    /// Each region node's count among `found` within a date span, and no region's: an article
    /// counts once for each node it is in or below.
    fn counts_within(
        &self,
        parts: &Parts,
        found: &[u32],
        (lo, hi): (usize, usize),
    ) -> (Vec<u32>, u32) {
        let nodes = &self.index.nodes;
        let mut counts = vec![0_u32; nodes.len()];
        let mut last_counted = vec![u32::MAX; nodes.len()];
        let mut unspecified = 0;
        for &rank in found.iter().filter(|&&r| (lo..hi).contains(&(r as usize))) {
            let Some((month, offset)) = self.place_of(rank) else {
                continue;
            };
            let own = parts
                .places
                .get(&month)
                .map_or(&[][..], |places| places.of(offset as usize));
            if own.is_empty() {
                unspecified += 1;
            }
            for &node in own {
                let mut node = Some(node as usize);
                while let Some(n) = node.filter(|&n| n < nodes.len()) {
                    if last_counted[n] == rank {
                        break;
                    }
                    last_counted[n] = rank;
                    counts[n] += 1;
                    node = nodes[n].parent;
                }
            }
        }
        (counts, unspecified)
    }
}
