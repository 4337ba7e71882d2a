//! [`WordSequences`]: each indexed article's words in order (folded, not stemmed, as
//! [`super::tokens::for_each_word`] reads them: the title's, then the text's), numbered and
//! stored as LEB128 bytes, so a quoted phrase is matched without reading every candidate's
//! text again (which took 0.4–0.5 s over 10,000 articles). Also the LEB128 writer the publish
//! step's pairs index uses.

use std::collections::HashMap;

/// Appends `value` as LEB128 (seven bits a byte, low first).
pub(crate) fn push_leb128(bytes: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        bytes.push(u8::try_from(value & 0x7f).unwrap_or(0) | 0x80);
        value >>= 7;
    }
    bytes.push(u8::try_from(value).unwrap_or(0));
}

/// Each article's words as numbers, article after article (by rank).
pub(super) struct WordSequences {
    ids: HashMap<String, u32>,
    bytes: Vec<u8>,
    /// Where each article's words start in `bytes`, and where the last one ends.
    bounds: Vec<u32>,
}

impl Default for WordSequences {
    /// No article yet: the first one's words start at byte 0.
    fn default() -> Self {
        Self {
            ids: HashMap::new(),
            bytes: Vec::new(),
            bounds: vec![0],
        }
    }
}

/// A query's phrases as their words' numbers in LEB128; `None` for a phrase that cannot match
/// (a word no article has, or no word at all).
pub(super) struct PhraseIds(Vec<Option<Vec<u8>>>);

impl WordSequences {
    /// The next word (its number) of the article being read.
    pub(super) fn push(&mut self, number: u32) {
        push_leb128(&mut self.bytes, number);
    }

    /// The words' numbers, once every article is read (the builder numbers them as it meets
    /// them).
    pub(super) fn with_numbers(self, ids: HashMap<String, u32>) -> Self {
        Self { ids, ..self }
    }

    /// The article being read is done (the next word is the next article's).
    pub(super) fn end_article(&mut self) {
        self.bounds
            .push(u32::try_from(self.bytes.len()).unwrap_or(u32::MAX));
    }

    /// Articles whose words are kept (ranks `0..`, each in turn).
    pub(super) fn articles(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    /// Bytes held for the words (for the benchmark's memory figure).
    pub(super) fn size(&self) -> usize {
        self.bytes.len() + 4 * self.bounds.len()
    }

    /// `phrases` (each a list of folded words) as numbers.
    pub(super) fn phrase_ids(&self, phrases: &[Vec<&str>]) -> PhraseIds {
        PhraseIds(
            phrases
                .iter()
                .map(|phrase| {
                    let mut bytes = Vec::new();
                    for word in phrase {
                        push_leb128(&mut bytes, *self.ids.get(*word)?);
                    }
                    (!bytes.is_empty()).then_some(bytes)
                })
                .collect(),
        )
    }

    /// Whether article `rank` holds every phrase, each as a run of words in order; `None` when
    /// its words are not kept. The phrase's bytes are looked for in the article's without
    /// decoding them: a match that starts where a number starts (at the first byte, or after a
    /// number's last byte, whose top bit is clear) is a run of whole numbers.
    pub(super) fn holds(&self, rank: usize, phrases: &PhraseIds) -> Option<bool> {
        let start = *self.bounds.get(rank)? as usize;
        let end = *self.bounds.get(rank + 1)? as usize;
        let words = self.bytes.get(start..end)?;
        Some(
            phrases
                .0
                .iter()
                .all(|phrase| phrase.as_ref().is_some_and(|run| contains_run(words, run))),
        )
    }
}

/// Whether `run` (whole LEB128 numbers) occurs in `words` starting where a number starts. The
/// first byte is looked for alone (a tight loop), the rest compared only where it is found.
fn contains_run(words: &[u8], run: &[u8]) -> bool {
    let Some((&first, _)) = run.split_first() else {
        return false;
    };
    let mut from = 0;
    while let Some(found) = words
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| b == first))
    {
        let at = from + found;
        if words[at..].starts_with(run) && (at == 0 || words[at - 1] < 0x80) {
            return true;
        }
        from = at + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::push_leb128;

    #[test]
    fn a_run_is_found_only_where_a_number_starts() {
        use super::contains_run;
        let leb = |values: &[u32]| {
            let mut bytes = Vec::new();
            for &value in values {
                push_leb128(&mut bytes, value);
            }
            bytes
        };
        // 133 is [0x85, 0x01]: its last byte is 1's only byte, but not a word 1.
        let words = leb(&[7, 133, 9]);
        assert!(!contains_run(&words, &leb(&[1])));
        assert!(!contains_run(&words, &leb(&[1, 9])));
        assert!(contains_run(&words, &leb(&[133, 9])));
        assert!(contains_run(&words, &leb(&[7, 133])));
        assert!(contains_run(&words, &leb(&[7])));
        assert!(!contains_run(&words, &leb(&[9, 7])));
        assert!(!contains_run(&words, &[]));
        assert!(!contains_run(&[], &leb(&[7])));
    }
}
