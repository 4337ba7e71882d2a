//! Native tests of full-text search: queries on the samples (folding, prefixes, phrases, Arabic),
//! ranking on a fixed set (title above body, rarer words weigh more, ties newest first), and a
//! brute-force oracle on generated collections: every article containing all the query's terms
//! is found, and nothing else.

mod common;

use article_viewer::filter::Index;
use article_viewer::format::parse_collection;
use article_viewer::search::tokens::tokens;
use article_viewer::search::{body_text, SearchBuilder, SearchIndex, SearchQuery};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn build(index: &Index) -> SearchIndex {
    let mut builder = SearchBuilder::over(index);
    // In small slices, as the browser does.
    while !builder.step(500) {}
    builder.finish()
}

fn ids(index: &Index, search: &SearchIndex, text: &str) -> Vec<String> {
    search
        .search(&SearchQuery::parse(text))
        .iter()
        .map(|hit| index.article(hit.rank).id.clone())
        .collect()
}

fn samples() -> (Index, SearchIndex) {
    let parsed = common::sample();
    let index = Index::new(&parsed.collection.articles);
    let search = build(&index);
    (index, search)
}

#[test]
fn words_find_articles_case_and_accent_insensitively() {
    let (index, search) = samples();
    assert_eq!(ids(&index, &search, "seine "), vec!["sample-paris-seine"]);
    assert_eq!(
        ids(&index, &search, "KRAKOW "),
        vec!["sample-krakow-market"]
    );
    assert_eq!(
        ids(&index, &search, "québec maple "),
        vec!["sample-quebec-maple"]
    );
    assert!(ids(&index, &search, "no-such-word-anywhere ").is_empty());
    assert!(
        ids(&index, &search, "   ").is_empty(),
        "an empty query matches nothing"
    );
}

#[test]
fn the_last_word_is_a_prefix_while_typing() {
    let (index, search) = samples();
    let typing = ids(&index, &search, "zelen");
    assert_eq!(
        typing.first().map(String::as_str),
        Some("zelenskyy-second-russian-border-region")
    );
    assert!(
        ids(&index, &search, "zelen ").is_empty(),
        "a finished word must match whole"
    );
}

#[test]
fn quoted_phrases_match_in_order_only() {
    let (index, search) = samples();
    assert_eq!(
        ids(&index, &search, "\"second russian border region\""),
        vec!["zelenskyy-second-russian-border-region"]
    );
    assert!(ids(&index, &search, "\"border russian second\"").is_empty());
}

#[test]
fn arabic_text_is_searchable() {
    let (index, search) = samples();
    assert_eq!(ids(&index, &search, "مترو "), vec!["sample-cairo-metro-ar"]);
}

fn fixed_set() -> (Index, SearchIndex) {
    let article = |id: &str, date: &str, title: &str, text: &str| {
        serde_json::json!({"id": id, "title": title, "published": date,
            "body": [{"type": "paragraph", "text": text}]})
    };
    let file = serde_json::json!({"version": 1, "articles": [
        article("body-newest", "2025-05-03", "Road news", "The river flooded the harbour road."),
        article("river-heavy", "2025-02-02", "Weekend", "river river river harbour"),
        article("harbour-heavy", "2025-02-01", "Weekend", "river harbour harbour harbour"),
        article("title-older", "2025-05-01", "River floods the old town", "Water reached the square."),
        article("tie-new", "2025-04-02", "Bridge", "A quiet day by the bridge."),
        article("tie-old", "2025-04-01", "Bridge", "A quiet day by the bridge."),
        article("common-only", "2025-03-01", "Market day", "The river and the market, the market and the river."),
    ]});
    let parsed = parse_collection(&file.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let index = Index::new(&parsed.collection.articles);
    let search = build(&index);
    (index, search)
}

#[test]
fn titles_weigh_more_than_text_and_ties_go_newest_first() {
    let (index, search) = fixed_set();
    let river = ids(&index, &search, "river flood ");
    assert_eq!(
        river,
        vec!["title-older", "body-newest"],
        "title matches first"
    );
    assert_eq!(ids(&index, &search, "bridge "), vec!["tie-new", "tie-old"]);
}

#[test]
fn rarer_words_weigh_more() {
    let (index, search) = fixed_set();
    // "river" is in five articles, "harbour" in three: saying "harbour" three times outranks
    // saying "river" three times, in texts of the same length (and the older one wins, so the
    // order is not the date's).
    let hits = ids(&index, &search, "river harbour ");
    assert_eq!(hits[..2], ["harbour-heavy", "river-heavy"]);
    assert_eq!(hits.len(), 3);
}

/// Every term of every article, by rank: the oracle's view of the collection.
fn terms_by_rank(index: &Index) -> Vec<BTreeSet<String>> {
    (0..index.len())
        .map(|rank| {
            let article = index.article(u32::try_from(rank).unwrap_or(u32::MAX));
            let text = format!("{}\n{}", article.title, body_text(article));
            tokens(&text).into_iter().map(|t| t.term).collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn search_finds_exactly_the_articles_with_every_term(seed in 0u64..1000, picks in proptest::collection::vec(0usize..10_000, 1..3)) {
        let parsed = parse_collection(&article_viewer::generate::collection(120, seed).to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        let index = Index::new(&parsed.collection.articles);
        let search = build(&index);
        let all = terms_by_rank(&index);
        let vocabulary: Vec<&String> = all.iter().flatten().collect::<BTreeSet<_>>().into_iter().collect();
        let words: Vec<String> = picks.iter().map(|p| vocabulary[p % vocabulary.len()].clone()).collect();
        let query = SearchQuery {
            terms: words.clone(),
            ..SearchQuery::default()
        };
        let found: BTreeSet<u32> = search.search(&query).iter().map(|hit| hit.rank).collect();
        let expected: BTreeSet<u32> = all
            .iter()
            .enumerate()
            .filter(|(_, terms)| words.iter().all(|w| terms.contains(w)))
            .map(|(rank, _)| u32::try_from(rank).unwrap_or(u32::MAX))
            .collect();
        prop_assert_eq!(found, expected);

        // The last word as a prefix: every article with a term starting with it.
        let prefix: String = words[0].chars().take(3).collect();
        let typed = SearchQuery { prefix: Some(prefix.clone()), ..SearchQuery::default() };
        let found: BTreeSet<u32> = search.search(&typed).iter().map(|hit| hit.rank).collect();
        let expected: BTreeSet<u32> = all
            .iter()
            .enumerate()
            .filter(|(_, terms)| terms.iter().any(|t| t.starts_with(&prefix)))
            .map(|(rank, _)| u32::try_from(rank).unwrap_or(u32::MAX))
            .collect();
        prop_assert_eq!(found, expected);
    }
}

/// Every word of every article in order (folded, not stemmed): the phrase oracle's view.
fn words_by_rank(index: &Index) -> Vec<Vec<String>> {
    (0..index.len())
        .map(|rank| {
            let article = index.article(u32::try_from(rank).unwrap_or(u32::MAX));
            let mut words = Vec::new();
            for text in [article.title.clone(), body_text(article)] {
                article_viewer::search::tokens::for_each_word(&text, |w| words.push(w.to_owned()));
            }
            words
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn quoted_phrases_find_exactly_the_articles_with_those_words_in_a_row(seed in 0u64..1000, pick in 0usize..100_000, len in 2usize..4) {
        let parsed = parse_collection(&article_viewer::generate::collection(120, seed).to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        let index = Index::new(&parsed.collection.articles);
        let search = build(&index);
        let all = words_by_rank(&index);
        // A run of words from one article, and the same words backwards.
        let source = &all[pick % all.len()];
        prop_assume!(source.len() >= len);
        let start = (pick / all.len()) % (source.len() - len + 1);
        let run: Vec<String> = source[start..start + len].to_vec();
        let mut backwards = run.clone();
        backwards.reverse();
        for phrase in [run, backwards] {
            let query = SearchQuery::parse(&format!("\"{}\"", phrase.join(" ")));
            let found: BTreeSet<u32> = search.search(&query).iter().map(|hit| hit.rank).collect();
            let expected: BTreeSet<u32> = all
                .iter()
                .enumerate()
                .filter(|(_, words)| words.windows(phrase.len()).any(|w| w == phrase.as_slice()))
                .map(|(rank, _)| u32::try_from(rank).unwrap_or(u32::MAX))
                .collect();
            prop_assert_eq!(&found, &expected, "{:?}", phrase);
        }
    }
}
