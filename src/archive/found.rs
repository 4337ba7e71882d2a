//! An archive's answer to a filter with a search ([`Archive::evaluate_searching`]): the
//! articles its search index finds ([`super::search`]), within the filter's regions and dates,
//! with every region count within the search, counted from the places of the months the
//! matches fall in. Equal to [`crate::filter::Index::evaluate_within`] over the one-file
//! search's matches (tests/archive.rs).

use super::search::{keep_phrases, missing_pair_chunks, phrase_pairs, search_chunks, Found, Shelf};
use super::{Archive, Need, Parts};
use crate::filter::{CountUp, Filter, Outcome, SortOrder};
use crate::search::SearchQuery;
use std::rc::Rc;

impl Archive {
    /// What the search finds with the parts loaded so far: `Ok(None)` without an index (the
    /// archive was published without one, so nothing is found), or the parts it still needs.
    /// Kept for the last query answered: once its chunks have arrived the answer cannot change
    /// (chunks never change once read), and a view asks for it several times per change.
    fn found(&self, parts: &Parts, query: &SearchQuery) -> Result<Option<Rc<Found>>, Vec<Need>> {
        if self.manifest.search.is_none() {
            return Ok(None);
        }
        if let Some((last, found)) = &*self.last_search.borrow() {
            if last == query {
                return Ok(Some(Rc::clone(found)));
            }
        }
        // Quoted phrases need the pairs' index too (when the archive has one); both
        // directories are asked for at once, then the chunks of both.
        let pairs = match self.manifest.phrases {
            Some(_) => phrase_pairs(query),
            None => Vec::new(),
        };
        let pairs_ready = pairs.is_empty() || parts.pairs.directory.is_some();
        let Some(directory) = parts.words.directory.as_ref().filter(|_| pairs_ready) else {
            let words = parts.words.directory.is_none().then_some(Shelf::Words);
            let pairs = (!pairs_ready).then_some(Shelf::Pairs);
            return Err(words
                .into_iter()
                .chain(pairs)
                .map(Need::Directory)
                .collect());
        };
        let words = search_chunks(directory, &parts.words.chunks, query, self.index.len());
        let pair_chunks = missing_pair_chunks(&parts.pairs, &pairs);
        let found = match words {
            Ok(found) if pair_chunks.is_empty() && pairs.is_empty() => found,
            Ok(found) if pair_chunks.is_empty() => keep_phrases(&found, &parts.pairs, &pairs),
            words => {
                let word_chunks = words.err().unwrap_or_default();
                let words = word_chunks
                    .into_iter()
                    .map(|k| Need::Terms(Shelf::Words, k));
                let pairs = pair_chunks
                    .into_iter()
                    .map(|k| Need::Terms(Shelf::Pairs, k));
                return Err(words.chain(pairs).collect());
            }
        };
        let found = Rc::new(found);
        *self.last_search.borrow_mut() = Some((query.clone(), Rc::clone(&found)));
        Ok(Some(found))
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
        match self.found(parts, query) {
            Err(more) => needs.extend(more),
            Ok(None) => {}
            Ok(Some(found)) => {
                let span = self.index.date_span(filter);
                let months = (0..self.manifest.months.len())
                    .filter(|month| !parts.places.contains_key(month))
                    .filter(|&month| self.has_match_in(&found.ascending, month, span));
                needs.extend(months.map(Need::Places));
            }
        }
        needs
    }

    /// Whether any of the (ascending) ranks lies in `month` and in the span `lo..hi`.
    fn has_match_in(&self, ascending: &[u32], month: usize, (lo, hi): (usize, usize)) -> bool {
        let start = self.month_starts[month] as usize;
        let end = start + self.manifest.months[month].count as usize;
        let (lo, hi) = (lo.max(start), hi.min(end));
        let at = ascending.partition_point(|&r| (r as usize) < lo);
        lo < hi && ascending.get(at).is_some_and(|&r| (r as usize) < hi)
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
        let found = self.found(parts, query).ok().flatten().unwrap_or_default();
        let span = self.index.date_span(filter);
        let selection = self.selection(parts, filter);
        let counts = self.counts_within(parts, &found.ascending, span);
        Ok(self.index.outcome_found(
            (&found.best_first, &found.ascending),
            selection.as_ref(),
            span,
            order,
            counts,
        ))
    }

    /// Each region node's count among the (ascending) ranks within a date span, and no
    /// region's: an article counts once for each node it is in or below. A month's places are
    /// looked up once, as the ranks go through it. An article in one node (most are) adds to
    /// that node alone, carried up to its ancestors at the end; one in several walks up from
    /// each, counting a shared ancestor once.
    fn counts_within(
        &self,
        parts: &Parts,
        ascending: &[u32],
        (lo, hi): (usize, usize),
    ) -> (Vec<u32>, u32) {
        let nodes = &self.index.nodes;
        let mut alone = vec![0_u32; nodes.len()];
        let mut several = CountUp::new(nodes);
        let mut unspecified = 0;
        let from = ascending.partition_point(|&r| (r as usize) < lo);
        let to = ascending.partition_point(|&r| (r as usize) < hi);
        let (mut start, mut end, mut places) = (0, 0, None);
        for &rank in &ascending[from..to] {
            if rank >= end || places.is_none() {
                let Some((month, _)) = self.place_of(rank) else {
                    continue;
                };
                start = self.month_starts[month];
                end = start + self.manifest.months[month].count;
                places = parts.places.get(&month);
            }
            match places.map_or(&[][..], |p| p.of((rank - start) as usize)) {
                [] => unspecified += 1,
                &[node] => {
                    if let Some(slot) = alone.get_mut(node as usize) {
                        *slot += 1;
                    }
                }
                own => {
                    for &node in own {
                        several.add(rank, node as usize);
                    }
                }
            }
        }
        let mut counts = several.counts;
        // A parent is an earlier entry than its children: carry totals up from the last.
        for n in (0..nodes.len()).rev() {
            if let Some(parent) = nodes[n].parent.filter(|&p| p < n) {
                alone[parent] += alone[n];
            }
            counts[n] += alone[n];
        }
        (counts, unspecified)
    }
}
