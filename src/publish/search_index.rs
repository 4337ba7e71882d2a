//! Writing an archive's search indexes (the layout [`crate::archive::search`] reads):
//! - the words: every term of a [`SearchIndex`], in order, with its postings as rank gaps and
//!   impacts (BM25 scores in hundredths), in `archive/search/`;
//! - the pairs ([`Phrases`]): every pair of adjacent words and the articles it occurs in, for
//!   quoted phrases, in `archive/phrases/`.
//!
//! Each is cut into chunks of about [`CHUNK_BYTES`], each named by its content, with a
//! directory of the chunks' first terms. A query fetches a directory and one chunk per word.

use super::archive::{rank_gaps, short_digest, Sink};
use crate::archive::search::{pair_term, IMPACT_SCALE};
use crate::search::sequences::push_leb128;
use crate::search::{body_text, tokens, SearchIndex};
use std::collections::HashMap;

/// A chunk is closed once it holds this many bytes (a term with more postings is a chunk of
/// its own): small enough that a word costs little more than its own postings.
pub const CHUNK_BYTES: usize = 24_000;

/// One term as a chunk holds it: `["term",[first rank, gap, …],[impact, …]]`.
fn term_entry(term: &str, postings: &[(u32, f32)]) -> String {
    let gaps = rank_gaps(postings.iter().map(|&(rank, _)| rank));
    let impacts: Vec<u16> = postings
        .iter()
        .map(|&(_, score)| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let impact = (score * IMPACT_SCALE)
                .round()
                .clamp(0.0, f32::from(u16::MAX)) as u16;
            impact
        })
        .collect();
    serde_json::json!([term, gaps, impacts]).to_string()
}

/// Writes the chunks of `search` to `sink` and then their directory; the directory's path
/// (relative to the manifest), for the manifest's `search` field.
///
/// # Errors
/// The sink's first error.
pub fn write_search_index<E>(search: &SearchIndex, sink: &mut Sink<'_, E>) -> Result<String, E> {
    let entries = search
        .scored_terms()
        .filter(|(_, postings)| !postings.is_empty())
        .map(|(term, postings)| (term.to_owned(), term_entry(term, &postings)));
    write_chunks(entries, "archive/search", "terms", sink)
}

/// Writes `entries` (terms in order, each with its entry's JSON) in chunks into `folder`, then
/// their directory (`<folder>/<name>-<hash>.json`); the directory's path.
fn write_chunks<E>(
    entries: impl Iterator<Item = (String, String)>,
    folder: &str,
    name: &str,
    sink: &mut Sink<'_, E>,
) -> Result<String, E> {
    let mut directory: Vec<(String, String)> = Vec::new();
    let mut chunk = String::new();
    let mut first: Option<String> = None;
    let mut flush = |first: &mut Option<String>, chunk: &mut String| -> Result<(), E> {
        let Some(term) = first.take() else {
            return Ok(());
        };
        let bytes = format!("{{\"terms\":[{chunk}]}}").into_bytes();
        let file = format!("{folder}/{}-{}.json", directory.len(), short_digest(&bytes));
        sink(&file, &bytes)?;
        directory.push((term, file));
        chunk.clear();
        Ok(())
    };
    for (term, entry) in entries {
        if !chunk.is_empty() && chunk.len() + entry.len() > CHUNK_BYTES {
            flush(&mut first, &mut chunk)?;
        }
        if first.is_none() {
            first = Some(term);
        } else {
            chunk.push(',');
        }
        chunk.push_str(&entry);
    }
    flush(&mut first, &mut chunk)?;
    let bytes = serde_json::json!({ "chunks": directory })
        .to_string()
        .into_bytes();
    let file = format!("{folder}/{name}-{}.json", short_digest(&bytes));
    sink(&file, &bytes)?;
    Ok(file)
}

/// The pairs of adjacent words of every article (its title, then its text, as one run of
/// words, folded as the one-file search matches phrases) and the articles each occurs in.
/// Articles are added in rank order. Words are numbered as first seen, so a pair is looked up
/// by two numbers, not a new string; a pair's ranks are kept as their gaps in LEB128 bytes
/// (about one byte a posting, a quarter of a `u32`), so a million articles' pairs fit.
#[derive(Default)]
pub struct Phrases {
    word_ids: HashMap<String, u32>,
    words: Vec<String>,
    /// Each pair (its words' numbers, first in the high half): the last rank added plus one,
    /// and the gap bytes.
    pairs: HashMap<u64, (u32, Vec<u8>)>,
    indexed: u32,
}

impl Phrases {
    /// Every article of `index`, in rank order, with the text the one-file search reads.
    #[must_use]
    pub fn over(index: &crate::filter::Index) -> Self {
        let mut phrases = Self::default();
        for rank in 0..u32::try_from(index.len()).unwrap_or(u32::MAX) {
            let article = index.article(rank);
            phrases.add_text(&article.title, &body_text(article));
        }
        phrases
    }

    /// Adds the next article (by rank): its title and text.
    pub fn add_text(&mut self, title: &str, text: &str) {
        let mut read = self.next_article();
        tokens::for_each_word(title, &mut read);
        tokens::for_each_word(text, &mut read);
    }

    /// Starts the next article (by rank): the reader of its words, in order (its title's,
    /// then its text's), as `SearchBuilder::add_text_reading` hands them over.
    pub fn next_article(&mut self) -> impl FnMut(&str) + '_ {
        let rank = self.indexed;
        self.indexed += 1;
        let Self {
            word_ids,
            words,
            pairs,
            ..
        } = self;
        let mut previous: Option<u32> = None;
        move |word: &str| {
            let id = match word_ids.get(word) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(words.len()).unwrap_or(u32::MAX);
                    word_ids.insert(word.to_owned(), id);
                    words.push(word.to_owned());
                    id
                }
            };
            if let Some(first) = previous {
                let entry = pairs
                    .entry(u64::from(first) << 32 | u64::from(id))
                    .or_default();
                if entry.0 != rank + 1 {
                    let gap = if entry.0 == 0 {
                        rank
                    } else {
                        rank + 1 - entry.0
                    };
                    push_leb128(&mut entry.1, gap);
                    entry.0 = rank + 1;
                }
            }
            previous = Some(id);
        }
    }

    /// Articles added so far.
    #[must_use]
    pub fn indexed(&self) -> usize {
        self.indexed as usize
    }

    /// Writes the pairs in chunks and their directory (`archive/phrases/`); the directory's
    /// path, for the manifest's `phrases` field.
    ///
    /// # Errors
    /// The sink's first error.
    pub fn write<E>(&self, sink: &mut Sink<'_, E>) -> Result<String, E> {
        let word = |id: u64| {
            let id = usize::try_from(id & u64::from(u32::MAX)).unwrap_or(usize::MAX);
            self.words.get(id).map_or("", String::as_str)
        };
        let mut pairs: Vec<(String, &Vec<u8>)> = self
            .pairs
            .iter()
            .map(|(&key, (_, gaps))| (pair_term(word(key >> 32), word(key)), gaps))
            .collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let entries = pairs.into_iter().map(|(pair, bytes)| {
            let entry = serde_json::json!([pair, read_leb128(bytes)]).to_string();
            (pair, entry)
        });
        write_chunks(entries, "archive/phrases", "pairs", sink)
    }
}

/// Appends `value` as LEB128: seven bits a byte, low first, the high bit set on all but the
/// last. (Ten lines of our own rather than a crate for the one use.)
/// The LEB128 numbers of `bytes` (as [`push_leb128`] writes them).
fn read_leb128(bytes: &[u8]) -> Vec<u32> {
    let (mut values, mut value, mut shift) = (Vec::new(), 0_u32, 0);
    for &byte in bytes {
        value |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
        shift += 7;
        if byte < 0x80 {
            values.push(value);
            (value, shift) = (0, 0);
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::{push_leb128, read_leb128};

    #[test]
    fn leb128_round_trips_every_width() {
        let values = [
            0,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            2_097_151,
            2_097_152,
            u32::MAX,
        ];
        let mut bytes = Vec::new();
        for value in values {
            push_leb128(&mut bytes, value);
        }
        assert_eq!(read_leb128(&bytes), values);
        assert_eq!(bytes.len(), 1 + 1 + 1 + 2 + 2 + 2 + 3 + 3 + 4 + 5);
    }
}
