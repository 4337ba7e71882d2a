//! What the reader typed, read as a [`SearchQuery`] (terms, `"quoted phrases"`, a prefix while
//! typing), and the phrase match run over a candidate's words ([`has_phrases`]).

use super::body_text;
use super::tokens::{self, tokens};
use crate::model::Article;

/// What a query asks for.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SearchQuery {
    /// Terms every match must have (stemmed, as indexed).
    pub terms: Vec<String>,
    /// The last word typed, matched as the start of any word (while typing); `None` once it
    /// is followed by a space or closed in quotes.
    pub prefix: Option<String>,
    /// Phrases (folded text) a match must contain as written.
    pub phrases: Vec<String>,
    /// The words as typed (folded), for highlighting.
    pub words: Vec<String>,
}

impl SearchQuery {
    /// Reads what the reader typed: words, `"quoted phrases"`, and a last word still being
    /// typed (no space after it) matched as a prefix.
    #[must_use]
    pub fn parse(text: &str) -> Self {
        let mut query = Self::default();
        let typing = !text.ends_with(char::is_whitespace) && !text.trim_end().ends_with('"');
        for (i, part) in text.split('"').enumerate() {
            let inside_quotes = i % 2 == 1;
            let part_tokens = tokens(part);
            if inside_quotes && part_tokens.len() > 1 {
                query.phrases.push(
                    part_tokens
                        .iter()
                        .map(|t| t.word.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            for token in part_tokens {
                query.words.push(token.word.clone());
                query.terms.push(token.term);
            }
        }
        let last_is_word = text
            .trim_end()
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() && !tokens::is_unspaced(c));
        if typing && last_is_word {
            // Its stem, so a word typed in full ("floods") still finds the term ("flood").
            if let (Some(_), Some(word)) = (query.terms.pop(), query.words.last()) {
                query.prefix = Some(tokens::stem(word).into_owned());
            }
        }
        query.terms.sort_unstable();
        query.terms.dedup();
        query
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.prefix.is_none()
    }
}

/// Whether the article's title and text (as one run of folded words) hold every phrase, each
/// a run of words in order. Read word by word, keeping for each phrase how far each partial
/// match has got, so nothing is built but the article's text.
pub(super) fn has_phrases(article: &Article, phrases: &[Vec<&str>]) -> bool {
    let mut found = vec![false; phrases.len()];
    let mut partial: Vec<Vec<usize>> = vec![Vec::new(); phrases.len()];
    let mut missing = phrases.len();
    let mut read = |word: &str| {
        for (i, phrase) in phrases.iter().enumerate() {
            if found[i] || phrase.is_empty() {
                continue;
            }
            let matched = &mut partial[i];
            matched.retain_mut(|got| {
                let goes_on = phrase[*got] == word;
                *got += 1;
                goes_on
            });
            if phrase[0] == word {
                matched.push(1);
            }
            if matched.contains(&phrase.len()) {
                found[i] = true;
                missing -= 1;
            }
            matched.retain(|&got| got < phrase.len());
        }
    };
    tokens::for_each_word(&article.title, &mut read);
    tokens::for_each_word(&body_text(article), &mut read);
    missing == 0 || phrases.iter().all(Vec::is_empty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Body};

    /// The way phrases were matched before: the folded words as one spaced string.
    fn by_string(article: &Article, phrases: &[&str]) -> bool {
        let mut words = String::from(" ");
        let text = format!("{}\n{}", article.title, body_text(article));
        tokens::for_each_term(&text, |_, word| {
            words.push_str(word);
            words.push(' ');
        });
        phrases.iter().all(|p| words.contains(&format!(" {p} ")))
    }

    #[test]
    fn phrases_read_word_by_word_match_as_the_spaced_string_did() {
        let article = Article {
            id: "a".into(),
            title: "Floods in the Old Town".into(),
            body: Body::Blocks(vec![Block::Paragraph(crate::model::Inline::plain(
                "Town hall said the the river rose. 東京都の川 Ünïon river river rose again.",
            ))]),
            standfirst: None,
            published: None,
            updated: None,
            byline: Vec::new(),
            tags: Vec::new(),
            language: None,
            url: None,
            source: None,
            regions: Vec::new(),
            image: None,
            reading_time: crate::model::ReadingTime::default(),
        };
        for phrases in [
            vec!["old town"],
            vec!["town town"],
            vec!["town hall said"],
            vec!["the the river"],
            vec!["the river rose"],
            vec!["river river rose", "old town"],
            vec!["river rose again", "hall said"],
            vec!["said the river"],
            vec!["東京 京都"],
            vec!["京都 都の"],
            vec!["union river"],
            vec!["rose again town"],
        ] {
            let split: Vec<Vec<&str>> = phrases.iter().map(|p| p.split(' ').collect()).collect();
            assert_eq!(
                has_phrases(&article, &split),
                by_string(&article, &phrases),
                "{phrases:?}"
            );
        }
    }
}
