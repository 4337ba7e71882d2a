//! Excerpts for search results: the part of a text around the first matched word (or the first
//! place a quoted phrase is, [`phrase_excerpt`]), cut at word boundaries, with each matched
//! word marked, as plain pieces the components render (a marked
//! piece becomes `<mark>`; nothing is ever parsed as HTML).

use super::tokens::{is_unspaced, stem};
use crate::text::fold;

/// A piece of an excerpt: text, marked when it is a matched word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub marked: bool,
}

/// Characters of text shown before the first match.
const LEAD_CHARS: usize = 40;

/// Whether a word of the text (folded) matches one of the query's words (folded): the same
/// stem, or it starts with the word (the prefix typed last), or for unspaced scripts contains it.
fn matches(word: &str, query_words: &[String]) -> bool {
    let unspaced = word.chars().next().is_some_and(is_unspaced);
    query_words.iter().any(|q| {
        if unspaced {
            word.contains(q.as_str())
        } else {
            word.starts_with(q.as_str()) || stem(word) == stem(q)
        }
    })
}

/// `text` split into runs: `(start, end, is_word)` in characters.
fn runs(chars: &[char]) -> Vec<(usize, usize, bool)> {
    let kind = |c: char| {
        if is_unspaced(c) {
            2
        } else if c.is_alphanumeric() {
            1
        } else {
            0
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=chars.len() {
        if i == chars.len() || kind(chars[i]) != kind(chars[start]) {
            out.push((start, i, kind(chars[start]) != 0));
            start = i;
        }
    }
    out
}

/// Up to `max_chars` of `text` around its first word matching `query_words`, matched words
/// marked; `None` when no word matches.
#[must_use]
pub fn excerpt(text: &str, query_words: &[String], max_chars: usize) -> Option<Vec<Piece>> {
    pieces(text, query_words, Some(max_chars), &[])
}

/// The same around the first place one of `phrases` (folded words, spaced) is written in
/// `text` as a run of words; `None` when none is.
#[must_use]
pub fn phrase_excerpt(
    text: &str,
    query_words: &[String],
    phrases: &[String],
    max_chars: usize,
) -> Option<Vec<Piece>> {
    if phrases.is_empty() {
        return None;
    }
    pieces(text, query_words, Some(max_chars), phrases)
}

/// All of `text` (a title), matched words marked; `None` when no word matches.
#[must_use]
pub fn marked(text: &str, query_words: &[String]) -> Option<Vec<Piece>> {
    pieces(text, query_words, None, &[])
}

/// The first word run (an index into `runs`) where one of `phrases` starts.
fn phrase_start(
    runs: &[(usize, usize, bool)],
    word_at: &dyn Fn((usize, usize)) -> String,
    phrases: &[String],
) -> Option<usize> {
    let words: Vec<(usize, String)> = (0..runs.len())
        .filter(|&i| runs[i].2)
        .map(|i| (i, fold(&word_at((runs[i].0, runs[i].1)))))
        .collect();
    (0..words.len()).find_map(|at| {
        let starts_here = phrases.iter().any(|phrase| {
            (phrase.split(' ').enumerate())
                .all(|(k, word)| words.get(at + k).is_some_and(|(_, w)| w == word))
        });
        starts_here.then_some(words[at].0)
    })
}

fn pieces(
    text: &str,
    query_words: &[String],
    window: Option<usize>,
    phrases: &[String],
) -> Option<Vec<Piece>> {
    let max_chars = window.unwrap_or(usize::MAX);
    let chars: Vec<char> = text.chars().collect();
    let runs = runs(&chars);
    let word_at = |(start, end): (usize, usize)| chars[start..end].iter().collect::<String>();
    let is_match = |&(start, end, is_word): &(usize, usize, bool)| {
        is_word && matches(&fold(&word_at((start, end))), query_words)
    };
    let first = if phrases.is_empty() {
        runs.iter().position(is_match)?
    } else {
        phrase_start(&runs, &word_at, phrases)?
    };
    // Start a few words before the first match, at a word's start.
    let mut from = if window.is_some() { first } else { 0 };
    while from > 0 && runs[first].0 - runs[from - 1].0 <= LEAD_CHARS {
        from -= 1;
    }
    while window.is_some() && from < first && !runs[from].2 {
        from += 1;
    }
    let start = runs[from].0;
    let mut pieces = Vec::new();
    if start > 0 {
        pieces.push(Piece {
            text: "…".to_owned(),
            marked: false,
        });
    }
    let mut end = start;
    for run in &runs[from..] {
        if run.1 - start > max_chars && run.0 > runs[first].1 {
            break;
        }
        let marked = is_match(run);
        let text = word_at((run.0, run.1));
        match pieces.last_mut() {
            Some(last) if !last.marked && !marked => last.text.push_str(&text),
            _ => pieces.push(Piece { text, marked }),
        }
        end = run.1;
    }
    if end < chars.len() {
        let text = pieces.last().map_or("", |p| p.text.as_str());
        let trimmed = text.trim_end().len();
        if let Some(last) = pieces.last_mut().filter(|p| !p.marked) {
            last.text.truncate(trimmed);
        }
        pieces.push(Piece {
            text: "…".to_owned(),
            marked: false,
        });
    }
    Some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| {
                if p.marked {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn the_match_is_marked_in_its_context() {
        let words = vec!["flood".to_owned()];
        let text = "Engineers say the tidal gate held back a surge. The Floods of 2013 were worse, and flooding is rarer now.";
        let pieces = excerpt(text, &words, 80).expect("a match");
        assert_eq!(
            shown(&pieces),
            "…the tidal gate held back a surge. The [Floods] of 2013 were worse, and [flooding] is…"
        );
        assert!(excerpt("Nothing here.", &words, 80).is_none());
    }

    #[test]
    fn a_phrase_excerpt_starts_where_the_phrase_is_not_where_its_first_word_is() {
        let words = vec!["river".to_owned(), "bank".to_owned()];
        let phrases = vec!["river bank".to_owned()];
        let text = "The river rose all week, and by Friday the water stood a metre deep along the west River Bank, where the market was.";
        let pieces = phrase_excerpt(text, &words, &phrases, 60).expect("the phrase is there");
        assert_eq!(
            shown(&pieces),
            "…water stood a metre deep along the west [River] [Bank], where…"
        );
        assert!(phrase_excerpt("The bank by the river.", &words, &phrases, 60).is_none());
        assert!(phrase_excerpt(text, &words, &[], 60).is_none());
    }

    #[test]
    fn accents_and_scripts_without_spaces() {
        let pieces = excerpt("Le marché de Kraków", &["krakow".to_owned()], 80).expect("a match");
        assert_eq!(shown(&pieces), "Le marché de [Kraków]");
        let pieces = excerpt("東京都の天気", &["東京".to_owned()], 80).expect("a match");
        assert_eq!(shown(&pieces), "[東京都の天気]");
        let title = "Volunteers clear ten kilometres of the Nairobi River, a week's work";
        let pieces = marked(title, &["river".to_owned()]).expect("a match");
        assert_eq!(
            shown(&pieces),
            "Volunteers clear ten kilometres of the Nairobi [River], a week's work"
        );
    }
}
