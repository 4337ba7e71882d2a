//! Searching a sharded archive: the publish step writes every term of the archive, sorted, in
//! chunks (`archive/search/<n>-<hash>.json`, read by [`read_term_chunk`]) and a directory of
//! them (`archive/search/terms-<hash>.json`, read by [`read_term_directory`]: each chunk's first
//! term and file), so a query fetches only the chunks that can hold its words
//! ([`TermDirectory::chunks_for`]) and answers from them ([`search_chunks`]).
//!
//! A posting is an article's rank and its BM25 score for the term as [`crate::search::SearchIndex`]
//! computes it, in hundredths (an impact), so a query adds impacts instead of needing every
//! article's length. The words found are the one-file index's; the order is its order up to
//! that rounding. A last word being typed that begins terms in more than [`PREFIX_CHUNKS`]
//! chunks matches as a whole word.
//!
//! Quoted phrases are matched with a second index of the same layout ([`Shelf::Pairs`], named
//! by the manifest's `phrases`): every pair of adjacent words (folded, as the one-file search
//! reads phrases) and the articles it occurs in, ranks only ([`keep_phrases`]). A two-word
//! phrase finds exactly what the one-file search finds; a longer one finds the articles holding
//! each of its adjacent pairs, which can include one where they are not in one run.

use super::{ArchiveError, Doc};
use crate::search::SearchQuery;
use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

/// Impacts are scores times this, rounded.
pub const IMPACT_SCALE: f32 = 100.0;
/// The most chunks a prefix is looked up in.
pub const PREFIX_CHUNKS: usize = 6;

/// Which of an archive's term indexes a directory or chunk belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shelf {
    /// Words (stemmed), each posting with its impact (`archive/search/`).
    Words,
    /// Pairs of adjacent words (folded, not stemmed), ranks only (`archive/phrases/`).
    Pairs,
}

/// One shelf's directory and the chunks loaded from it.
#[derive(Clone, Debug, Default)]
pub struct Shelved {
    pub directory: Option<Rc<TermDirectory>>,
    pub chunks: HashMap<usize, Rc<TermChunk>>,
}

/// The term a pair of adjacent words is filed under.
#[must_use]
pub fn pair_term(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

/// The pairs of adjacent words in a query's phrases, sorted, each once.
#[must_use]
pub fn phrase_pairs(query: &SearchQuery) -> Vec<String> {
    let mut pairs: Vec<String> = Vec::new();
    for phrase in &query.phrases {
        let words: Vec<&str> = phrase.split(' ').collect();
        pairs.extend(words.windows(2).map(|w| pair_term(w[0], w[1])));
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The chunks of the pairs' index that `wanted` needs and that are not loaded (all of them
/// once its directory is).
#[must_use]
pub fn missing_pair_chunks(pairs: &Shelved, wanted: &[String]) -> Vec<usize> {
    let Some(directory) = &pairs.directory else {
        return Vec::new();
    };
    let mut missing: Vec<usize> = wanted
        .iter()
        .filter_map(|p| directory.chunk_of(p))
        .filter(|k| !pairs.chunks.contains_key(k))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

/// The articles of `found` that hold every pair of `wanted`, from the pair chunks loaded (see
/// [`missing_pair_chunks`]; a pair in no loaded chunk is in no article).
#[must_use]
pub fn keep_phrases(found: &Found, pairs: &Shelved, wanted: &[String]) -> Found {
    let Some(directory) = &pairs.directory else {
        return Found::default();
    };
    let lists: Vec<&[u32]> = wanted
        .iter()
        .map(|pair| {
            directory
                .chunk_of(pair)
                .and_then(|k| pairs.chunks.get(&k)?.postings(pair))
                .map_or(&[][..], |(ranks, _)| ranks)
        })
        .collect();
    let holds = |rank: &u32| lists.iter().all(|ranks| ranks.binary_search(rank).is_ok());
    Found {
        best_first: found.best_first.iter().copied().filter(holds).collect(),
        ascending: found.ascending.iter().copied().filter(holds).collect(),
    }
}

/// The chunks of an archive's terms: each one's first term and file (relative to the
/// manifest), in term order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermDirectory {
    pub chunks: Vec<(String, String)>,
}

/// One chunk: its terms in order, each with its ranks (ascending) and impacts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermChunk {
    pub terms: Vec<(String, Vec<u32>, Vec<u16>)>,
}

impl TermChunk {
    fn postings(&self, term: &str) -> Option<(&[u32], &[u16])> {
        self.terms
            .binary_search_by(|(t, _, _)| t.as_str().cmp(term))
            .ok()
            .map(|at| (self.terms[at].1.as_slice(), self.terms[at].2.as_slice()))
    }
}

impl TermDirectory {
    /// The chunk whose terms would include `term`.
    fn chunk_of(&self, term: &str) -> Option<usize> {
        self.chunks
            .partition_point(|(first, _)| first.as_str() <= term)
            .checked_sub(1)
    }

    /// The chunks that can hold terms starting with `prefix`, or `None` when there are more
    /// than [`PREFIX_CHUNKS`] of them (the prefix then matches as a whole word).
    #[must_use]
    pub fn prefix_chunks(&self, prefix: &str) -> Option<Vec<usize>> {
        if self.chunks.is_empty() {
            return Some(Vec::new());
        }
        let start = self.chunk_of(prefix).unwrap_or(0);
        let more = self.chunks[start + 1..]
            .iter()
            .take_while(|(first, _)| first.starts_with(prefix))
            .count();
        (more < PREFIX_CHUNKS).then(|| (start..=start + more).collect())
    }

    /// The chunks a query needs: one per term, and those of its prefix.
    #[must_use]
    pub fn chunks_for(&self, query: &SearchQuery) -> Vec<usize> {
        let mut chunks: Vec<usize> = query
            .terms
            .iter()
            .filter_map(|term| self.chunk_of(term))
            .collect();
        if let Some(prefix) = &query.prefix {
            match self.prefix_chunks(prefix) {
                Some(more) => chunks.extend(more),
                None => chunks.extend(self.chunk_of(prefix)),
            }
        }
        chunks.sort_unstable();
        chunks.dedup();
        chunks
    }
}

/// What a search found: ranks best first (ties newest first), and the same ranks ascending.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub best_first: Vec<u32>,
    pub ascending: Vec<u32>,
}

impl Found {
    /// From ranks in ascending order with their scores: best first by a counting sort on the
    /// scores (whole impacts, so few distinct values), which keeps ascending ranks within a
    /// score.
    fn from_ascending(scored: Vec<(u32, u32)>) -> Self {
        let top = scored.iter().map(|&(_, score)| score).max().unwrap_or(0) as usize;
        let mut starts = vec![0_usize; top + 2];
        for &(_, score) in &scored {
            starts[top - score as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut best_first = vec![0_u32; scored.len()];
        for &(rank, score) in &scored {
            let slot = &mut starts[top - score as usize];
            best_first[*slot] = rank;
            *slot += 1;
        }
        Self {
            best_first,
            ascending: scored.into_iter().map(|(rank, _)| rank).collect(),
        }
    }
}

/// The articles matching every word of `query`, from the chunks loaded so far (`bound`: the
/// archive's count). Lists are intersected by merging (they are in rank order), starting from
/// the shortest, with scores kept as whole impacts.
///
/// # Errors
/// The chunks it still needs, when any is missing.
pub fn search_chunks(
    directory: &TermDirectory,
    loaded: &HashMap<usize, Rc<TermChunk>>,
    query: &SearchQuery,
    bound: usize,
) -> Result<Found, Vec<usize>> {
    let needed = directory.chunks_for(query);
    let missing: Vec<usize> = needed
        .iter()
        .copied()
        .filter(|k| !loaded.contains_key(k))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    if query.is_empty() {
        return Ok(Found::default());
    }
    let whole = |term: &str| -> Postings<'_> {
        let found = directory
            .chunk_of(term)
            .and_then(|k| loaded.get(&k)?.postings(term));
        let (ranks, impacts) = found.unwrap_or((&[], &[]));
        (Cow::Borrowed(ranks), Cow::Borrowed(impacts))
    };
    let mut lists: Vec<Postings<'_>> = query.terms.iter().map(|t| whole(t)).collect();
    if let Some(prefix) = &query.prefix {
        lists.push(match directory.prefix_chunks(prefix) {
            Some(chunks) => prefix_postings(&chunks, loaded, prefix, bound),
            None => whole(prefix),
        });
    }
    // Start from the shortest list (found without sorting: a sort adds code for its type).
    if let Some(shortest) = (0..lists.len()).min_by_key(|&i| lists[i].0.len()) {
        lists.swap(0, shortest);
    }
    let (ranks, impacts) = &lists[0];
    let mut scored: Vec<(u32, u32)> = ranks
        .iter()
        .zip(impacts.iter())
        .map(|(&rank, &impact)| (rank, u32::from(impact)))
        .collect();
    for (ranks, impacts) in &lists[1..] {
        let mut at = 0;
        scored.retain_mut(|(rank, score)| {
            while ranks.get(at).is_some_and(|r| r < rank) {
                at += 1;
            }
            match ranks.get(at) {
                Some(r) if r == rank => {
                    *score += u32::from(impacts[at]);
                    true
                }
                _ => false,
            }
        });
    }
    Ok(Found::from_ascending(scored))
}

/// A term's postings: ranks (ascending) and their impacts, borrowed from a chunk or merged.
type Postings<'c> = (Cow<'c, [u32]>, Cow<'c, [u16]>);

/// Postings of every term starting with `prefix` in `chunks`, one per article: its best
/// impact among them.
fn prefix_postings<'c>(
    chunks: &[usize],
    loaded: &'c HashMap<usize, Rc<TermChunk>>,
    prefix: &str,
    bound: usize,
) -> Postings<'c> {
    let mut lists: Vec<(&'c [u32], &'c [u16])> = Vec::new();
    for chunk in chunks.iter().filter_map(|k| loaded.get(k)) {
        let start = chunk.terms.partition_point(|(t, _, _)| t.as_str() < prefix);
        lists.extend(
            chunk.terms[start..]
                .iter()
                .take_while(|(t, _, _)| t.starts_with(prefix))
                .map(|(_, ranks, impacts)| (ranks.as_slice(), impacts.as_slice())),
        );
    }
    if let [(ranks, impacts)] = lists[..] {
        return (Cow::Borrowed(ranks), Cow::Borrowed(impacts));
    }
    // Per rank of the archive, one more than its best impact (0: none), then in rank order.
    let mut best = vec![0_u32; bound];
    for (ranks, impacts) in &lists {
        for (&rank, &impact) in ranks.iter().zip(impacts.iter()) {
            if let Some(slot) = best.get_mut(rank as usize) {
                *slot = (*slot).max(u32::from(impact) + 1);
            }
        }
    }
    let (ranks, impacts): (Vec<u32>, Vec<u16>) = (0_u32..)
        .zip(best)
        .filter(|&(_, best)| best > 0)
        .map(|(rank, best)| (rank, u16::try_from(best - 1).unwrap_or(u16::MAX)))
        .unzip();
    (Cow::Owned(ranks), Cow::Owned(impacts))
}

/// Reads a term directory: `{"chunks":[[first term, file], …]}`, first terms ascending.
///
/// # Errors
/// A malformed file, a file name that is not a plain relative path, or terms out of order.
pub fn read_term_directory(file: &str, text: &str) -> Result<TermDirectory, ArchiveError> {
    let doc = Doc { file };
    let root = doc.parse(text)?;
    let mut chunks: Vec<(String, String)> = Vec::new();
    for (i, entry) in doc
        .array(doc.field(&root, "", "chunks")?, "chunks")?
        .iter()
        .enumerate()
    {
        let place = || format!("chunks[{i}]");
        let [first, name] = doc.array(entry, &place())? else {
            return Err(doc.error(&place(), "must be [first term, file]"));
        };
        let first = doc.string(first, &place())?;
        if chunks
            .last()
            .is_some_and(|(last, _)| last.as_str() >= first)
        {
            return Err(doc.error(&place(), "first terms must be in ascending order"));
        }
        chunks.push((first.to_owned(), doc.file_name(name, &place())?));
    }
    Ok(TermDirectory { chunks })
}

/// Reads a chunk of terms: `{"terms":[[term, [first rank, gap, …], [impact, …]], …]}` (a chunk
/// of pairs, [`Shelf::Pairs`], has no impacts: `[term, [first rank, gap, …]]`). `range` is the
/// terms it may hold (from its first term, up to the next chunk's), `bound` the archive's
/// count.
///
/// # Errors
/// A malformed file, terms outside `range` or out of order, ranks past the archive's last
/// article, or impacts that do not pair with the ranks.
pub fn read_term_chunk(
    file: &str,
    text: &str,
    range: (&str, Option<&str>),
    bound: usize,
    shelf: Shelf,
) -> Result<TermChunk, ArchiveError> {
    let doc = Doc { file };
    let root = doc.parse(text)?;
    let mut terms: Vec<(String, Vec<u32>, Vec<u16>)> = Vec::new();
    for (i, entry) in doc
        .array(doc.field(&root, "", "terms")?, "terms")?
        .iter()
        .enumerate()
    {
        let place = || format!("terms[{i}]");
        let (term, gaps, impacts) = match (shelf, doc.array(entry, &place())?) {
            (Shelf::Words, [term, gaps, impacts]) => (term, gaps, Some(impacts)),
            (Shelf::Pairs, [term, gaps]) => (term, gaps, None),
            (Shelf::Words, _) => {
                return Err(doc.error(&place(), "must be [term, [rank gaps], [impacts]]"))
            }
            (Shelf::Pairs, _) => return Err(doc.error(&place(), "must be [pair, [rank gaps]]")),
        };
        let term = doc.string(term, &place())?;
        let ordered = terms
            .last()
            .map_or(term >= range.0, |(last, _, _)| last.as_str() < term);
        if !ordered || range.1.is_some_and(|next| term >= next) {
            return Err(doc.error(
                &place(),
                format!("{term:?} is out of order, or belongs to another chunk"),
            ));
        }
        let gaps = doc.array(gaps, &place())?;
        let impacts = match impacts {
            Some(impacts) => doc.array(impacts, &place())?,
            None => &[],
        };
        if gaps.is_empty() || (shelf == Shelf::Words && gaps.len() != impacts.len()) {
            return Err(doc.error(&place(), "must have as many impacts as ranks, at least one"));
        }
        let ranks = doc.ranks_from_gaps(gaps, |j| format!("terms[{i}][1][{j}]"), bound)?;
        let impacts = impacts
            .iter()
            .map(|impact| {
                u16::try_from(doc.count(impact, &place())?)
                    .map_err(|_| doc.error(&place(), "an impact must be below 65536"))
            })
            .collect::<Result<Vec<u16>, ArchiveError>>()?;
        terms.push((term.to_owned(), ranks, impacts));
    }
    Ok(TermChunk { terms })
}
