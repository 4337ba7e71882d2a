//! Filter semantics checked against a brute-force oracle over generated collections, and the
//! URL query round trip with invalid parameters.

mod common;

use article_viewer::date::CivilDate;
use article_viewer::filter::{Choices, Facet, Filter, Index, RegionChoice, SortOrder, YearMonth};
use article_viewer::format::parse_collection;
use article_viewer::generate;
use article_viewer::model::{Article, RegionPath};
use article_viewer::query::Query;
use std::rc::Rc;

fn generated(count: usize, seed: u64) -> Vec<Rc<Article>> {
    match parse_collection(&generate::collection(count, seed).to_string()) {
        Ok(parsed) => {
            assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
            parsed.collection.articles
        }
        Err(error) => panic!("{error}"),
    }
}

/// Generated articles given tags (0 to 3 of 5), bylines (0 to 2 of 6 names) and a source (one
/// of 3, or none), picked from each id, so the facets have common, rare and missing values.
fn with_facets(articles: Vec<Rc<Article>>) -> Vec<Rc<Article>> {
    const TAGS: [&str; 5] = ["Politics", "Sport", "Weather", "Health", "Arts"];
    const NAMES: [&str; 6] = [
        "Ana Ruiz", "Bo Chen", "Cai Lin", "Dee Obi", "Eva Nagy", "Fay Roy",
    ];
    const SOURCES: [&str; 3] = ["Wire", "Desk", "Bureau"];
    articles
        .into_iter()
        .map(|article| {
            let mut article = (*article).clone();
            let mut hash = article
                .id
                .bytes()
                .fold(7_u64, |h, b| h.wrapping_mul(31) ^ u64::from(b));
            let mut pick = |n: u64| {
                hash = hash.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                usize::try_from((hash >> 33) % n).unwrap_or(0)
            };
            article.tags = (0..pick(4))
                .map(|_| TAGS[pick(5).min(pick(5))].to_owned())
                .collect();
            article.byline = (0..pick(3)).map(|_| NAMES[pick(6)].to_owned()).collect();
            article.source = (pick(4) < 3).then(|| article_viewer::model::Source {
                name: SOURCES[pick(3)].to_owned(),
                url: None,
            });
            Rc::new(article)
        })
        .collect()
}

/// Whether an article passes the tag, author and source choices (all but `except`'s).
fn in_facets(article: &Article, filter: &Filter, except: Option<Facet>) -> bool {
    Facet::ALL
        .iter()
        .filter(|f| Some(**f) != except)
        .all(|&facet| {
            let chosen = filter.facets.of(facet);
            chosen.is_empty()
                || facet
                    .values_of(article)
                    .iter()
                    .any(|value| chosen.iter().any(|c| c == value))
        })
}

fn path(text: &str) -> RegionPath {
    RegionPath::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

fn date(text: &str) -> CivilDate {
    CivilDate::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

fn in_dates(article: &Article, filter: &Filter) -> bool {
    match article.published {
        // Undated articles are left out only while a date filter is set.
        None => !filter.has_dates(),
        Some(published) => {
            let day = published.date;
            filter.from.is_none_or(|from| from <= day) && filter.to.is_none_or(|to| day <= to)
        }
    }
}

fn in_regions(article: &Article, filter: &Filter) -> bool {
    filter.regions.is_empty()
        || filter.regions.iter().any(|choice| match choice {
            RegionChoice::Path(p) => article.regions.iter().any(|r| r.is_within(p)),
            RegionChoice::Unspecified => article.regions.is_empty(),
        })
}

/// Compares every part of an evaluation with brute force.
fn check_against_oracle(articles: &[Rc<Article>], index: &Index, filter: &Filter) {
    let outcome = index.evaluate(filter, SortOrder::NewestFirst);
    let mut expected: Vec<&Rc<Article>> = articles
        .iter()
        .filter(|a| in_dates(a, filter) && in_regions(a, filter) && in_facets(a, filter, None))
        .collect();
    // Newest first (calendar day, then instant), undated last, ties by id.
    let key = |a: &Article| a.published.map(|p| (p.date, p.epoch_seconds()));
    expected.sort_by(|a, b| {
        let order = match (key(a), key(b)) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        order.then_with(|| a.id.cmp(&b.id))
    });
    let got: Vec<&str> = outcome
        .matches
        .iter()
        .map(|i| index.article(i).id.as_str())
        .collect();
    let want: Vec<&str> = expected.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(got, want, "matches for {filter:?}");

    for (n, node) in index.nodes.iter().enumerate() {
        let count = articles
            .iter()
            .filter(|a| {
                in_dates(a, filter)
                    && in_facets(a, filter, None)
                    && a.regions.iter().any(|r| r.is_within(&node.path))
            })
            .count();
        assert_eq!(
            outcome.region_counts[n] as usize, count,
            "count of {} for {filter:?}",
            node.path
        );
        let alone = Filter {
            regions: vec![RegionChoice::Path(node.path.clone())],
            ..filter.clone()
        };
        assert_eq!(
            count,
            index.evaluate(&alone, SortOrder::NewestFirst).matches.len(),
            "count = matches if selected"
        );
    }
    let unspecified = articles
        .iter()
        .filter(|a| in_dates(a, filter) && in_facets(a, filter, None) && a.regions.is_empty())
        .count();
    assert_eq!(outcome.unspecified_count as usize, unspecified);
    // A tag's, author's or source's count: the matches with it chosen alone in its facet.
    for facet in Facet::ALL {
        let values = &index.facets[facet.slot()];
        for (v, name) in values.names.iter().enumerate() {
            let count = articles
                .iter()
                .filter(|a| {
                    in_dates(a, filter)
                        && in_regions(a, filter)
                        && in_facets(a, filter, Some(facet))
                        && facet.values_of(a).contains(&name.as_str())
                })
                .count();
            assert_eq!(
                outcome.facet_counts[facet.slot()][v] as usize,
                count,
                "{facet:?} {name} for {filter:?}"
            );
            let mut alone = filter.clone();
            alone.facets.0[facet.slot()] = vec![name.clone()];
            assert_eq!(
                count,
                index.evaluate(&alone, SortOrder::NewestFirst).matches.len(),
                "{facet:?} count = matches if chosen"
            );
        }
        let totals: Vec<u32> = values.totals.clone();
        let mut sorted = totals.clone();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(totals, sorted, "{facet:?} values most frequent first");
    }
    for (m, month) in index.months.iter().enumerate() {
        let count = articles
            .iter()
            .filter(|a| {
                in_regions(a, filter)
                    && in_facets(a, filter, None)
                    && a.published.map(|p| YearMonth::of(p.date)) == Some(*month)
            })
            .count();
        assert_eq!(
            outcome.month_counts[m] as usize, count,
            "{month:?} for {filter:?}"
        );
    }
    let oldest = index.evaluate(filter, SortOrder::OldestFirst);
    let dated: Vec<u32> = outcome
        .matches
        .iter()
        .filter(|&i| index.article(i).published.is_some())
        .collect();
    let undated: Vec<u32> = outcome
        .matches
        .iter()
        .filter(|&i| index.article(i).published.is_none())
        .collect();
    let expected_oldest: Vec<u32> = dated.iter().rev().chain(&undated).copied().collect();
    assert_eq!(
        oldest.matches.to_vec(),
        expected_oldest,
        "oldest first, undated still last"
    );
    check_random_access(index, &outcome.matches);
    check_random_access(index, &oldest.matches);
    // Presets: a window of days within the current regions.
    for (from, to) in [
        ("2024-01-01", "2024-12-31"),
        ("2025-03-10", "2025-04-20"),
        ("2025-06-01", "2025-06-01"),
    ] {
        let (from, to) = (date(from), date(to));
        let want = articles
            .iter()
            .filter(|a| {
                in_regions(a, filter)
                    && in_facets(a, filter, None)
                    && a.published.is_some_and(|p| from <= p.date && p.date <= to)
            })
            .count();
        assert_eq!(
            index.count_between(&outcome, from, to) as usize,
            want,
            "{from}..{to} for {filter:?}"
        );
    }
}

/// The k-th match and an article's place in the list agree with the list itself.
fn check_random_access(index: &Index, matches: &article_viewer::filter::Matches) {
    let list = matches.to_vec();
    assert_eq!(matches.len(), list.len());
    for (at, &rank) in list.iter().enumerate() {
        assert_eq!(matches.get(at), Some(rank), "get({at})");
        assert_eq!(matches.position(rank), Some(at), "position of rank {rank}");
    }
    assert_eq!(matches.get(list.len()), None);
    let listed: std::collections::HashSet<u32> = list.iter().copied().collect();
    for rank in 0..u32::try_from(index.len()).unwrap_or(0) {
        if !listed.contains(&rank) {
            assert_eq!(matches.position(rank), None, "rank {rank} does not match");
        }
    }
}

#[test]
fn filters_and_counts_match_brute_force_on_generated_collections() {
    // Sizes on both sides of a region's switch from a sorted list to a bitmap, and across
    // several 64-bit words.
    for (seed, size) in [(1, 400), (2, 400), (3, 1_300), (4, 3_000)] {
        let articles = generated(size, seed);
        let index = Index::new(&articles);
        let node_paths: Vec<RegionPath> = index.nodes.iter().map(|n| n.path.clone()).collect();
        let months = index.months.clone();
        let mut next = common::random_below(seed);
        for _ in 0..25 {
            let mut filter = Filter::default();
            for _ in 0..next(4) {
                let choice = if next(8) == 0 {
                    RegionChoice::Unspecified
                } else {
                    RegionChoice::Path(node_paths[next(node_paths.len())].clone())
                };
                filter.regions.push(choice);
            }
            if next(2) == 0 {
                filter.from = Some(months[next(months.len())].first_day());
            }
            if next(2) == 0 {
                filter.to = Some(months[next(months.len())].last_day());
            }
            check_against_oracle(&articles, &index, &filter);
        }
        check_against_oracle(&articles, &index, &Filter::default());
    }
}

#[test]
fn tag_author_and_source_facets_match_brute_force() {
    for (seed, size) in [(5, 300), (6, 1_300)] {
        let articles = with_facets(generated(size, seed));
        let index = Index::new(&articles);
        let node_paths: Vec<RegionPath> = index.nodes.iter().map(|n| n.path.clone()).collect();
        let months = index.months.clone();
        let mut next = common::random_below(seed);
        for _ in 0..30 {
            let mut filter = Filter::default();
            if next(2) == 0 {
                filter.regions.push(RegionChoice::Path(
                    node_paths[next(node_paths.len())].clone(),
                ));
            }
            if next(3) == 0 {
                filter.from = Some(months[next(months.len())].first_day());
            }
            let mut choices = Choices::default();
            for facet in Facet::ALL {
                let names = &index.facets[facet.slot()].names;
                for _ in 0..next(3) {
                    choices.add(facet, &names[next(names.len())]);
                }
            }
            if next(6) == 0 {
                choices.add(Facet::Tag, "A tag no article has");
            }
            filter.facets = choices;
            check_against_oracle(&articles, &index, &filter);
            // Within a search's results (here: every third article), the same counts by walking.
            let found: Vec<u32> = (0..u32::try_from(articles.len()).unwrap_or(0))
                .step_by(3)
                .collect();
            let within = index.evaluate_within(&filter, SortOrder::NewestFirst, Some(&found));
            let mut want: Vec<u32> = found
                .iter()
                .copied()
                .filter(|&r| {
                    let a = index.article(r);
                    in_dates(a, &filter) && in_regions(a, &filter) && in_facets(a, &filter, None)
                })
                .collect();
            want.sort_unstable();
            let mut got = within.matches.to_vec();
            got.sort_unstable();
            assert_eq!(got, want, "matches within a search for {filter:?}");
            for facet in Facet::ALL {
                for (v, name) in index.facets[facet.slot()].names.iter().enumerate() {
                    let count = found
                        .iter()
                        .map(|&r| index.article(r))
                        .filter(|a| {
                            in_dates(a, &filter)
                                && in_regions(a, &filter)
                                && in_facets(a, &filter, Some(facet))
                                && facet.values_of(a).contains(&name.as_str())
                        })
                        .count();
                    assert_eq!(
                        within.facet_counts[facet.slot()][v] as usize,
                        count,
                        "within: {facet:?} {name}"
                    );
                }
            }
        }
    }
}

fn tiny() -> Vec<Rc<Article>> {
    let text = r#"{"version": 1, "articles": [
      {"id": "kursk", "title": "K", "published": "2025-04-08T23:30:00-05:00", "regions": ["Europe/Russia/Kursk Oblast"], "body": []},
      {"id": "russia", "title": "R", "published": "2025-04-09", "regions": ["Europe/Russia"], "body": []},
      {"id": "ukraine", "title": "U", "published": "2025-04-30T00:00:00+03:00", "regions": ["Europe/Ukraine/Sumy Oblast", "Europe/Russia/Belgorod Oblast"], "body": []},
      {"id": "nowhere", "title": "N", "published": "2025-05-01", "body": []},
      {"id": "tokyo", "title": "T", "published": "2024-12-31T23:59:59+09:00", "regions": ["Asia/Japan/Tokyo"], "body": []}
    ]}"#;
    parse_collection(text)
        .map(|p| p.collection.articles)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn ids(index: &Index, filter: &Filter) -> Vec<String> {
    index
        .evaluate(filter, SortOrder::OldestFirst)
        .matches
        .iter()
        .map(|i| index.article(i).id.clone())
        .collect()
}

#[test]
fn a_parent_region_includes_its_descendants() {
    let index = Index::new(&tiny());
    let filter = Filter {
        regions: vec![RegionChoice::Path(path("Europe/Russia"))],
        ..Filter::default()
    };
    assert_eq!(ids(&index, &filter), ["kursk", "russia", "ukraine"]);
}

#[test]
fn regions_combine_with_or_and_dates_with_and() {
    let index = Index::new(&tiny());
    let filter = Filter {
        regions: vec![
            RegionChoice::Path(path("Asia")),
            RegionChoice::Path(path("Europe/Ukraine")),
        ],
        from: Some(date("2025-01-01")),
        to: None,
        ..Filter::default()
    };
    assert_eq!(ids(&index, &filter), ["ukraine"]);
}

#[test]
fn date_bounds_are_inclusive_in_each_articles_own_offset() {
    let index = Index::new(&tiny());
    // 2025-04-08T23:30-05:00 is 9 April in UTC, but 8 April where it was published.
    let filter = Filter {
        from: Some(date("2025-04-08")),
        to: Some(date("2025-04-08")),
        ..Filter::default()
    };
    assert_eq!(ids(&index, &filter), ["kursk"]);
    let filter = Filter {
        from: Some(date("2025-04-30")),
        to: Some(date("2025-05-01")),
        ..Filter::default()
    };
    assert_eq!(ids(&index, &filter), ["ukraine", "nowhere"]);
    let filter = Filter {
        to: Some(date("2024-12-31")),
        ..Filter::default()
    };
    assert_eq!(ids(&index, &filter), ["tokyo"]);
}

#[test]
fn articles_without_regions_are_reachable_as_unspecified() {
    let index = Index::new(&tiny());
    let filter = Filter {
        regions: vec![RegionChoice::Unspecified],
        ..Filter::default()
    };
    assert_eq!(ids(&index, &filter), ["nowhere"]);
    assert_eq!(
        index
            .evaluate(&Filter::default(), SortOrder::NewestFirst)
            .unspecified_count,
        1
    );
}

#[test]
fn the_region_tree_is_built_from_paths() {
    let index = Index::new(&tiny());
    let roots: Vec<&str> = index.roots.iter().map(|&r| index.nodes[r].name()).collect();
    assert_eq!(roots, ["Asia", "Europe"]);
    let europe = index.node_of(&path("Europe")).unwrap_or(usize::MAX);
    let children: Vec<&str> = index.nodes[europe]
        .children
        .iter()
        .map(|&c| index.nodes[c].name())
        .collect();
    assert_eq!(children, ["Russia", "Ukraine"]);
    assert_eq!(
        index.nodes[europe].total, 3,
        "an article in two European regions counts once"
    );
}

#[test]
fn region_search_ignores_case_and_accents() {
    let text = r#"{"version": 1, "articles": [
      {"id": "a", "title": "A", "published": "2025-01-01", "regions": ["Europe/Poland/Kraków", "Europe/France/Île-de-France"], "body": []}]}"#;
    let articles = parse_collection(text)
        .map(|p| p.collection.articles)
        .unwrap_or_default();
    let index = Index::new(&articles);
    let visible = index.search_regions("KRAKOW").unwrap_or_default();
    let names: Vec<&str> = index
        .nodes
        .iter()
        .zip(&visible)
        .filter(|(_, v)| **v)
        .map(|(n, _)| n.name())
        .collect();
    assert_eq!(names, ["Europe", "Poland", "Kraków"]);
    assert_eq!(
        index
            .search_regions("ile")
            .map(|v| v.iter().filter(|x| **x).count()),
        Some(3)
    );
    assert_eq!(index.search_regions("  "), None);
}

#[test]
fn query_round_trip() {
    let search = "?src=data/a.json&region=Europe/Russia&region=Europe/Ukraine&region=~unspecified&from=2025-04-01&to=2025-04-30&sort=oldest&article=kursk-1";
    let query = Query::parse(search);
    assert!(query.ignored.is_empty(), "{:?}", query.ignored);
    assert_eq!(query.regions.len(), 3);
    assert_eq!(query.regions[2], RegionChoice::Unspecified);
    assert_eq!(query.sort, SortOrder::OldestFirst);
    assert_eq!(query.to_search(), search);
    assert_eq!(Query::parse(&query.to_search()), query);
    let spaced = Query::parse("?region=Europe%2FRussia%2FKursk%20Oblast");
    assert_eq!(
        spaced.regions,
        [RegionChoice::Path(path("Europe/Russia/Kursk Oblast"))]
    );
    assert_eq!(spaced.to_search(), "?region=Europe/Russia/Kursk%20Oblast");

    let faceted = "?region=Asia&tag=Sport&tag=Arts%20%26%20Culture&author=Bo%20Chen&source=Wire";
    let query = Query::parse(faceted);
    assert_eq!(query.facets.of(Facet::Tag), ["Sport", "Arts & Culture"]);
    assert_eq!(query.facets.of(Facet::Author), ["Bo Chen"]);
    assert_eq!(query.facets.of(Facet::Source), ["Wire"]);
    assert_eq!(query.filter().facets, query.facets);
    assert_eq!(query.to_search(), faceted);
    let repeated = Query::parse("?tag=Sport&tag=Sport&tag=%20Sport%20");
    assert_eq!(repeated.facets.of(Facet::Tag), ["Sport"]);
}

#[test]
fn invalid_parameters_are_ignored_with_a_reason() {
    let query =
        Query::parse("?from=2025-02-30&to=soon&sort=sideways&region=Europe//Russia&region=Asia");
    assert_eq!((query.from, query.to), (None, None));
    assert_eq!(query.sort, SortOrder::NewestFirst);
    assert_eq!(query.regions, [RegionChoice::Path(path("Asia"))]);
    assert_eq!(query.ignored.len(), 4, "{:?}", query.ignored);
    assert!(query.ignored[0].starts_with("from=2025-02-30 was ignored"));
    assert!(query
        .ignored
        .iter()
        .any(|n| n.starts_with("sort=sideways was ignored")));
    let swapped = Query::parse("?from=2025-05-01&to=2025-04-01");
    assert_eq!(
        (swapped.from, swapped.to),
        (Some(date("2025-04-01")), Some(date("2025-05-01")))
    );
    assert_eq!(swapped.ignored.len(), 1);
}

#[test]
fn an_index_built_in_slices_equals_one_built_in_one_go() {
    let articles = generated(1_000, 9);
    let whole = Index::new(&articles);
    let mut builder = article_viewer::filter::IndexBuilder::new(&articles);
    // Adding articles: each step does about 97 units of work, one per article and one per
    // region, and takes the first half of the progress.
    let mut adding = 0;
    while builder.progress() < 50 {
        assert!(!builder.step(97), "done while adding");
        adding += 1;
    }
    let work: usize = articles.iter().map(|a| 1 + a.regions.len()).sum();
    assert!(
        adding >= work / 97 - 1 && adding <= work / 97 + 1,
        "{adding} steps for {work} units"
    );
    let mut rest = 0;
    let mut last = builder.progress();
    while !builder.step(97) {
        assert!(builder.progress() >= last, "progress went back");
        last = builder.progress();
        rest += 1;
    }
    assert!(rest > 3, "the rest of the work was done in {rest} steps");
    assert_eq!(builder.progress(), 100);
    let sliced = builder.finish();
    let paths: Vec<RegionPath> = whole.nodes.iter().map(|n| n.path.clone()).collect();
    assert_eq!(
        paths,
        sliced
            .nodes
            .iter()
            .map(|n| n.path.clone())
            .collect::<Vec<_>>()
    );
    for filter in [
        Filter::default(),
        Filter {
            regions: vec![RegionChoice::Path(paths[3].clone())],
            from: Some(date("2024-01-01")),
            to: None,
            ..Filter::default()
        },
    ] {
        assert_eq!(
            whole.evaluate(&filter, SortOrder::NewestFirst),
            sliced.evaluate(&filter, SortOrder::NewestFirst)
        );
    }
}

#[test]
fn a_link_with_ten_thousand_regions_keeps_fifty_and_says_so() {
    let search: String = (0..10_000)
        .map(|i| format!("region=R{i}"))
        .collect::<Vec<_>>()
        .join("&");
    let query = Query::parse(&format!("?{search}"));
    assert_eq!(query.regions.len(), article_viewer::query::MAX_URL_REGIONS);
    assert_eq!(query.regions[0], RegionChoice::Path(path("R0")));
    assert!(
        query
            .ignored
            .iter()
            .any(|n| n.contains("9950 more region values were ignored")
                || n.contains("more parameters were ignored")),
        "{:?}",
        query.ignored
    );
    assert!(
        query.ignored.len() <= 2,
        "one notice per kind: {:?}",
        query.ignored
    );
    // Parameters past the first 200 are not read at all.
    let late = format!("?{}&sort=oldest", vec!["x=1"; 250].join("&"));
    let query = Query::parse(&late);
    assert_eq!(query.sort, SortOrder::NewestFirst);
    assert_eq!(
        query.ignored,
        ["51 more parameters were ignored: a link is read up to its first 200"]
    );
    // A huge value is refused with a short notice.
    let query = Query::parse(&format!("?region={}", "a".repeat(20_000)));
    assert!(query.regions.is_empty());
    assert!(query.ignored[0].len() < 200, "{}", query.ignored[0]);
}

#[test]
fn many_sibling_regions_are_in_name_order() {
    // Enough roots to take the prefix-keyed sort, with names that share long prefixes, differ
    // only in length, or only past the eighth byte, and non-ASCII ones.
    let mut names: Vec<String> = (0..120).map(|i| format!("Region {}", 119 - i)).collect();
    names.extend(
        [
            "Regional",
            "Region",
            "Régions",
            "Zz",
            "A",
            "Regio",
            "Region 1a",
            "Région",
        ]
        .map(String::from),
    );
    let text = serde_json::json!({"version": 1, "articles": names.iter().enumerate().map(|(i, n)| {
        serde_json::json!({"id": format!("a{i}"), "title": "T", "published": "2025-01-01", "regions": [n], "body": []})
    }).collect::<Vec<_>>()})
    .to_string();
    let articles = parse_collection(&text)
        .map(|p| p.collection.articles)
        .unwrap_or_else(|e| panic!("{e}"));
    let index = Index::new(&articles);
    let roots: Vec<&str> = index.roots.iter().map(|&r| index.nodes[r].name()).collect();
    let mut sorted = roots.clone();
    sorted.sort_unstable();
    assert_eq!(roots.len(), names.len());
    assert_eq!(roots, sorted);
}

#[test]
fn a_tree_of_twenty_thousand_siblings_built_in_small_steps_equals_one_built_in_one_go() {
    // More roots, and more children of one node, than one step sorts: they are sorted in runs
    // and merged over many steps.
    let text = serde_json::json!({"version": 1, "articles": (0..2_000).map(|i| {
        let regions: Vec<String> = (0..10).map(|k| {
            let n = (i * 7_919 + k * 104_729) % 20_000;
            if k % 2 == 0 { format!("Root {n}") } else { format!("Hub/Place {n}") }
        }).collect();
        serde_json::json!({"id": format!("a{i}"), "title": "T", "published": "2025-01-01", "regions": regions, "body": []})
    }).collect::<Vec<_>>()})
    .to_string();
    let articles = parse_collection(&text)
        .map(|p| p.collection.articles)
        .unwrap_or_else(|e| panic!("{e}"));
    let whole = Index::new(&articles);
    let mut builder = article_viewer::filter::IndexBuilder::new(&articles);
    let mut steps = 0;
    while !builder.step(500) {
        steps += 1;
    }
    assert!(steps > 100, "{steps} steps");
    let sliced = builder.finish();
    let names = |index: &Index, list: &[usize]| -> Vec<String> {
        list.iter()
            .map(|&n| index.nodes[n].path.to_string())
            .collect()
    };
    let roots = names(&sliced, &sliced.roots);
    let mut sorted = roots.clone();
    sorted.sort_unstable_by(|a, b| a.rsplit('/').next().cmp(&b.rsplit('/').next()));
    assert!(roots.len() > 8_192, "{} roots", roots.len());
    assert_eq!(roots, sorted);
    assert_eq!(roots, names(&whole, &whole.roots));
    let hub = sliced
        .node_of(&path("Hub"))
        .unwrap_or_else(|| panic!("no Hub"));
    let places = names(&sliced, &sliced.nodes[hub].children);
    assert!(places.len() > 8_192, "{} places", places.len());
    assert!(
        places.windows(2).all(|w| w[0] < w[1]),
        "places out of order"
    );
    for (node, region) in sliced.nodes.iter().enumerate() {
        assert_eq!(sliced.node_of(&region.path), Some(node), "{}", region.path);
    }
    let some = RegionChoice::Path(path("Hub/Place 4321"));
    let filter = Filter {
        regions: vec![some],
        from: None,
        to: None,
        ..Filter::default()
    };
    assert_eq!(
        whole.evaluate(&filter, SortOrder::NewestFirst),
        sliced.evaluate(&filter, SortOrder::NewestFirst)
    );
}

#[test]
fn twenty_thousand_articles_sorted_in_small_steps_are_newest_first() {
    // More articles than one step sorts: they are sorted in runs and merged over many steps.
    let text = serde_json::json!({"version": 1, "articles": (0..20_000).map(|i| {
        let day = 1 + (i * 7_919) % 28;
        let hour = (i * 104_729) % 24;
        serde_json::json!({"id": format!("a{:05}", (i * 7_907) % 20_000), "title": "T",
            "published": format!("2025-03-{day:02}T{hour:02}:00:00Z"), "body": []})
    }).collect::<Vec<_>>()})
    .to_string();
    let articles = parse_collection(&text)
        .map(|p| p.collection.articles)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut builder = article_viewer::filter::IndexBuilder::new(&articles);
    while !builder.step(300) {}
    let index = builder.finish();
    let mut expected: Vec<&Rc<Article>> = articles.iter().collect();
    expected.sort_by(|a, b| {
        let key = |x: &Article| x.published.map(|p| (p.date, p.epoch_seconds()));
        key(b).cmp(&key(a)).then_with(|| a.id.cmp(&b.id))
    });
    let order: Vec<&str> = (0..20_000_u32)
        .map(|rank| index.article(rank).id.as_str())
        .collect();
    assert_eq!(
        order,
        expected.iter().map(|a| a.id.as_str()).collect::<Vec<_>>()
    );
}

/// Filters within a search's results (a set of ranks, best first) against brute force: the
/// matches, their best-first and date orders, and every facet count within the search.
#[test]
fn filters_within_search_results_match_brute_force() {
    for (seed, size) in [(5, 400), (6, 1_300)] {
        let articles = generated(size, seed);
        let index = Index::new(&articles);
        let node_paths: Vec<RegionPath> = index.nodes.iter().map(|n| n.path.clone()).collect();
        let months = index.months.clone();
        let mut next = common::random_below(seed);
        for _ in 0..20 {
            // Some articles "found", in a scrambled best-first order.
            let mut found: Vec<u32> = (0..u32::try_from(size).unwrap_or(0))
                .filter(|_| next(3) == 0)
                .collect();
            for i in (1..found.len()).rev() {
                found.swap(i, next(i + 1));
            }
            let mut filter = Filter::default();
            if next(2) == 0 {
                filter.regions.push(RegionChoice::Path(
                    node_paths[next(node_paths.len())].clone(),
                ));
            }
            if next(2) == 0 {
                filter.from = Some(months[next(months.len())].first_day());
            }
            let found_set: std::collections::HashSet<u32> = found.iter().copied().collect();
            let is_found = |a: &Article| {
                index
                    .rank_of(a)
                    .is_some_and(|rank| found_set.contains(&rank))
            };
            let best = index.evaluate_within(&filter, SortOrder::BestMatch, Some(&found));
            let want: Vec<u32> = found
                .iter()
                .copied()
                .filter(|&rank| {
                    let a = index.article(rank);
                    in_dates(a, &filter) && in_regions(a, &filter)
                })
                .collect();
            assert_eq!(best.matches.to_vec(), want, "best first, {filter:?}");
            check_random_access(&index, &best.matches);
            let newest = index.evaluate_within(&filter, SortOrder::NewestFirst, Some(&found));
            let mut by_date = want.clone();
            by_date.sort_unstable();
            assert_eq!(
                newest.matches.to_vec(),
                by_date,
                "newest first within the search"
            );
            for (n, node) in index.nodes.iter().enumerate() {
                let count = articles
                    .iter()
                    .filter(|a| {
                        is_found(a)
                            && in_dates(a, &filter)
                            && a.regions.iter().any(|r| r.is_within(&node.path))
                    })
                    .count();
                assert_eq!(
                    best.region_counts[n] as usize, count,
                    "{} within the search",
                    node.path
                );
            }
            for (m, month) in index.months.iter().enumerate() {
                let count = articles
                    .iter()
                    .filter(|a| {
                        is_found(a)
                            && in_regions(a, &filter)
                            && a.published.map(|p| YearMonth::of(p.date)) == Some(*month)
                    })
                    .count();
                assert_eq!(
                    best.month_counts[m] as usize, count,
                    "{month:?} within the search"
                );
            }
        }
    }
}
