//! Full-text search over a loaded collection: an inverted index built when the file loads (a
//! slice at a time, [`SearchBuilder::step`]), queried with words, `"quoted phrases"` and a
//! prefix on the last word while typing, ranked by BM25 with title matches weighing more, ties
//! newest first. Articles are named by their rank (newest-first place, as in
//! [`crate::filter::Index`]), so results combine with the filters as rank sets.
//! `tokens.rs` splits text into terms; `query.rs` reads what the reader typed and matches quoted
//! phrases; `sequences.rs` keeps each article's words in order for those phrases; `text.rs`
//! gathers an article's searchable text; `excerpt.rs` cuts result excerpts with the matches
//! marked.

pub mod excerpt;
mod query;
pub(crate) mod sequences;
mod text;
pub mod tokens;

use crate::model::Article;
use query::has_phrases;
pub use query::SearchQuery;
use sequences::WordSequences;
use std::collections::HashMap;
use std::rc::Rc;
pub use text::{add_blocks_text, body_text};

/// A term's occurrences in one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Posting {
    rank: u32,
    title: u16,
    body: u16,
}

/// How much a title occurrence weighs against one in the text.
const TITLE_WEIGHT: f32 = 3.0;
/// BM25's usual parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Builds a [`SearchIndex`] over articles in rank order, a slice at a time.
#[derive(Default)]
pub struct SearchBuilder {
    articles: Vec<Rc<Article>>,
    next: usize,
    /// Every term seen so far, numbered in the order first seen.
    term_ids: HashMap<String, u32>,
    /// Each term's postings, by its number.
    postings: Vec<Vec<Posting>>,
    lengths: Vec<u32>,
    /// The article being read: (title, text) occurrences by term number, and the numbers seen.
    counts: Vec<(u16, u16)>,
    seen: Vec<u32>,
    /// Terms counted in the article being read (its length, for BM25).
    length: usize,
    /// Every word met so far (folded, not stemmed): its number and the terms it counts for,
    /// so a word met again is hashed once and never stemmed again.
    word_ids: HashMap<String, WordEntry>,
    /// The words of the articles read by [`SearchBuilder::step`], for quoted phrases.
    words: WordSequences,
}

/// A word met before: its number (for phrases) and the terms it counts for (its stem, and for
/// a pair of characters of an unspaced script each character too).
#[derive(Clone, Copy)]
struct WordEntry {
    number: u32,
    terms: [u32; 3],
    count: u8,
}

impl SearchBuilder {
    /// `articles` in rank order (newest first, as [`crate::filter::Index::article`] gives them).
    #[must_use]
    pub fn new(articles: Vec<Rc<Article>>) -> Self {
        Self {
            lengths: Vec::with_capacity(articles.len()),
            articles,
            next: 0,
            term_ids: HashMap::new(),
            postings: Vec::new(),
            counts: Vec::new(),
            seen: Vec::new(),
            length: 0,
            word_ids: HashMap::new(),
            words: WordSequences::default(),
        }
    }

    /// A builder over a filter index's articles, in its rank order.
    #[must_use]
    pub fn over(index: &crate::filter::Index) -> Self {
        let articles = (0..index.len())
            .filter_map(|rank| u32::try_from(rank).ok())
            .map(|rank| Rc::clone(index.article(rank)))
            .collect();
        Self::new(articles)
    }

    /// The number of `term`, given one the first time it is met. A term is stored once for
    /// the whole index, not once per article.
    fn term_id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.term_ids.get(term) {
            return id;
        }
        let id = u32::try_from(self.postings.len()).unwrap_or(u32::MAX);
        self.term_ids.insert(term.to_owned(), id);
        self.postings.push(Vec::new());
        self.counts.push((0, 0));
        id
    }

    /// Counts one occurrence of term `id` in the article being read.
    fn count(&mut self, id: u32, in_title: bool) {
        self.length += 1;
        let entry = &mut self.counts[id as usize];
        if *entry == (0, 0) {
            self.seen.push(id);
        }
        if in_title {
            entry.0 = entry.0.saturating_add(1);
        } else {
            entry.1 = entry.1.saturating_add(1);
        }
    }

    /// Counts one word of the article being read (see [`tokens::for_each_word`]) for its terms:
    /// its stem, and for a pair of characters of an unspaced script each character too, so a
    /// one-character query finds them inside longer runs (which are indexed as pairs). Its
    /// number, for phrases.
    fn read_word(&mut self, word: &str, in_title: bool) -> u32 {
        let entry = match self.word_ids.get(word) {
            Some(&entry) => entry,
            None => {
                let term = tokens::stem(word);
                let mut entry = WordEntry {
                    number: u32::try_from(self.word_ids.len()).unwrap_or(u32::MAX),
                    terms: [self.term_id(&term), 0, 0],
                    count: 1,
                };
                let mut chars = term.chars();
                if let (Some(first), Some(second), None) =
                    (chars.next(), chars.next(), chars.next())
                {
                    if tokens::is_unspaced(first) && tokens::is_unspaced(second) {
                        let mut buffer = [0_u8; 4];
                        entry.terms[1] = self.term_id(first.encode_utf8(&mut buffer));
                        entry.terms[2] = self.term_id(second.encode_utf8(&mut buffer));
                        entry.count = 3;
                    }
                }
                self.word_ids.insert(word.to_owned(), entry);
                entry
            }
        };
        for &id in &entry.terms[..usize::from(entry.count)] {
            self.count(id, in_title);
        }
        entry.number
    }

    /// Indexes articles until about `budget` terms have been read; `true` when all are done.
    pub fn step(&mut self, budget: usize) -> bool {
        let mut spent = 0;
        while spent < budget {
            let Some(article) = self.articles.get(self.next).map(Rc::clone) else {
                return true;
            };
            // The words are kept in rank order from the first article, so only while every
            // article before this one was read here too.
            let keep = self.words.articles() == self.lengths.len();
            spent += 1 + self.read_article(&article.title, &body_text(&article), keep, |_| {});
            self.next += 1;
        }
        self.next >= self.articles.len()
    }

    /// Indexes the next article (the next rank) from its title and its other text; the terms
    /// it counted. The publish step gives each archive article's text this way, with its body
    /// read from its own file.
    pub fn add_text(&mut self, title: &str, text: &str) -> usize {
        self.add_text_reading(title, text, |_| {})
    }

    /// [`SearchBuilder::add_text`], handing each word (folded, not stemmed) of the title and
    /// then of the text to `on_word` as it is read: the publish step reads the pairs of words
    /// for phrases in the same pass.
    pub fn add_text_reading(
        &mut self,
        title: &str,
        text: &str,
        on_word: impl FnMut(&str),
    ) -> usize {
        self.read_article(title, text, false, on_word)
    }

    /// Indexes the next article; its words kept in order for phrases with `keep_words`.
    fn read_article(
        &mut self,
        title: &str,
        text: &str,
        keep_words: bool,
        mut on_word: impl FnMut(&str),
    ) -> usize {
        let rank = u32::try_from(self.lengths.len()).unwrap_or(u32::MAX);
        self.length = 0;
        for (part, in_title) in [(title, true), (text, false)] {
            tokens::for_each_word(part, |word| {
                let number = self.read_word(word, in_title);
                if keep_words {
                    self.words.push(number);
                }
                on_word(word);
            });
        }
        if keep_words {
            self.words.end_article();
        }
        let length = self.length;
        self.lengths.push(u32::try_from(length).unwrap_or(u32::MAX));
        for id in self.seen.drain(..) {
            let (title, body) = std::mem::take(&mut self.counts[id as usize]);
            self.postings[id as usize].push(Posting { rank, title, body });
        }
        length
    }

    /// Articles indexed so far (by [`SearchBuilder::step`] or [`SearchBuilder::add_text`]).
    #[must_use]
    pub fn indexed(&self) -> usize {
        self.lengths.len()
    }

    /// Articles indexed so far, and in all.
    #[must_use]
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.articles.len())
    }

    /// The index (indexing whatever is left first).
    #[must_use]
    pub fn finish(mut self) -> SearchIndex {
        while !self.step(usize::MAX) {}
        let mut postings = self.postings;
        let mut terms: Vec<(String, Vec<Posting>)> = self
            .term_ids
            .into_iter()
            .map(|(term, id)| (term, std::mem::take(&mut postings[id as usize])))
            .collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let total: u64 = self.lengths.iter().map(|&l| u64::from(l)).sum();
        #[allow(clippy::cast_precision_loss)]
        let average_length = total as f32 / self.lengths.len().max(1) as f32;
        SearchIndex {
            terms,
            lengths: self.lengths,
            average_length,
            articles: self.articles,
            words: self.words.with_numbers(
                self.word_ids
                    .into_iter()
                    .map(|(word, entry)| (word, entry.number))
                    .collect(),
            ),
        }
    }
}

/// The inverted index: each term's postings, sorted by term, each list in rank order.
pub struct SearchIndex {
    terms: Vec<(String, Vec<Posting>)>,
    lengths: Vec<u32>,
    average_length: f32,
    articles: Vec<Rc<Article>>,
    /// Each article's words in order, where [`SearchBuilder::step`] read them.
    words: WordSequences,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SearchIndex({} terms)", self.terms.len())
    }
}

/// Identity, not contents, as for the filter index.
impl PartialEq for SearchIndex {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// One result: an article's rank and its score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub rank: u32,
    pub score: f32,
}

impl SearchIndex {
    /// The whole-term postings of `term`.
    fn postings(&self, term: &str) -> &[Posting] {
        self.terms
            .binary_search_by(|(t, _)| t.as_str().cmp(term))
            .map_or(&[], |at| self.terms[at].1.as_slice())
    }

    /// Postings of every term starting with `prefix`, merged per article.
    fn prefix_postings(&self, prefix: &str) -> Vec<Posting> {
        let start = self.terms.partition_point(|(t, _)| t.as_str() < prefix);
        let mut merged: HashMap<u32, Posting> = HashMap::new();
        for (_, list) in self.terms[start..]
            .iter()
            .take_while(|(t, _)| t.starts_with(prefix))
        {
            for p in list {
                let entry = merged.entry(p.rank).or_insert(Posting {
                    rank: p.rank,
                    title: 0,
                    body: 0,
                });
                entry.title = entry.title.saturating_add(p.title);
                entry.body = entry.body.saturating_add(p.body);
            }
        }
        let mut list: Vec<Posting> = merged.into_values().collect();
        list.sort_unstable_by_key(|p| p.rank);
        list
    }

    /// BM25 of one term's postings, added into `scores` for the ranks in `keep`.
    fn score_into(&self, list: &[Posting], scores: &mut HashMap<u32, f32>) {
        let idf = self.idf(list.len());
        for p in list {
            if let Some(score) = scores.get_mut(&p.rank) {
                *score += self.bm25(idf, p);
            }
        }
    }

    /// The inverse document frequency of a term found in `df` articles.
    fn idf(&self, df: usize) -> f32 {
        #[allow(clippy::cast_precision_loss)]
        let (n, df) = (self.lengths.len() as f32, df as f32);
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// One posting's BM25 score, given its term's `idf`.
    fn bm25(&self, idf: f32, p: &Posting) -> f32 {
        let tf = TITLE_WEIGHT * f32::from(p.title) + f32::from(p.body);
        #[allow(clippy::cast_precision_loss)]
        let length = self.lengths[p.rank as usize] as f32;
        let norm = K1 * (1.0 - B + B * length / self.average_length.max(1.0));
        idf * tf * (K1 + 1.0) / (tf + norm)
    }

    /// Every term in order, with its postings' ranks and their scores as a whole-word query
    /// scores them (what the publish step writes for an archive).
    pub fn scored_terms(&self) -> impl Iterator<Item = (&str, Vec<(u32, f32)>)> + '_ {
        self.terms.iter().map(|(term, list)| {
            let idf = self.idf(list.len());
            let scored = list.iter().map(|p| (p.rank, self.bm25(idf, p))).collect();
            (term.as_str(), scored)
        })
    }

    /// The articles matching every term of `query` (and its phrases), best first, ties newest
    /// first. An empty query matches nothing.
    #[must_use]
    pub fn search(&self, query: &SearchQuery) -> Vec<Hit> {
        if query.is_empty() {
            return Vec::new();
        }
        let prefix_list = query.prefix.as_deref().map(|p| self.prefix_postings(p));
        let mut lists: Vec<&[Posting]> = query.terms.iter().map(|t| self.postings(t)).collect();
        if let Some(list) = &prefix_list {
            lists.push(list);
        }
        lists.sort_by_key(|list| list.len());
        // Intersect, starting from the rarest term.
        let mut candidates: Vec<u32> = lists[0].iter().map(|p| p.rank).collect();
        for list in &lists[1..] {
            candidates.retain(|rank| list.binary_search_by_key(rank, |p| p.rank).is_ok());
        }
        if !query.phrases.is_empty() {
            let phrases: Vec<Vec<&str>> = query
                .phrases
                .iter()
                .map(|phrase| phrase.split(' ').collect())
                .collect();
            // From the articles' words kept in order; from their text where none are kept.
            let ids = self.words.phrase_ids(&phrases);
            candidates.retain(|&rank| {
                self.words
                    .holds(rank as usize, &ids)
                    .unwrap_or_else(|| has_phrases(&self.articles[rank as usize], &phrases))
            });
        }
        let mut scores: HashMap<u32, f32> = candidates.iter().map(|&r| (r, 0.0)).collect();
        for list in &lists {
            self.score_into(list, &mut scores);
        }
        let mut hits: Vec<Hit> = scores
            .into_iter()
            .map(|(rank, score)| Hit { rank, score })
            .collect();
        hits.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.rank.cmp(&b.rank)));
        hits
    }

    /// Bytes held for quoted phrases: every article's words in order, as numbers.
    #[must_use]
    pub fn phrase_words_size(&self) -> usize {
        self.words.size()
    }

    /// How many distinct terms the index holds.
    #[must_use]
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }
}
