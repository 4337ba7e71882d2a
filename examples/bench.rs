//! Native benchmark of parsing and filtering, printing figures (not a pass/fail test):
//! `cargo run --release --example bench [-- --quick] [--json]`. With `--json`, the last line of
//! output is one JSON object with every figure (for `bench/run.mjs`).
//!
//! Parses generated collections of 10,000 and 100,000 articles, builds the filter index, and
//! times filter changes (each a full evaluation: matches in order plus every facet count) over
//! 100,000 articles, reporting the median and 95th percentile; with `--million`, also over
//! 1,000,000 articles. Searches 10,000 articles, and a sharded archive of the largest set
//! (written in memory with its search index) once a query's parts have arrived.

use article_viewer::filter::{Filter, Index, RegionChoice, SortOrder};
use article_viewer::format::parse_collection;
use article_viewer::generate;
use article_viewer::model::{Article, Body};
use std::rc::Rc;
use std::time::{Duration, Instant};

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let at = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[at]
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let json = std::env::args().any(|a| a == "--json");
    let mut figures = serde_json::Map::new();
    let sizes: &[usize] = if quick {
        &[1_000, 10_000]
    } else {
        &[10_000, 100_000]
    };
    println!("{:<44} {:>12}", "measure", "ms");
    let mut last_index = None;
    for &count in sizes {
        let text = generate::collection(count, 7).to_string();
        let start = Instant::now();
        let parsed = parse_collection(&text).unwrap_or_else(|e| panic!("{e}"));
        let parse = start.elapsed();
        let start = Instant::now();
        let index = Index::new(&parsed.collection.articles);
        let build = start.elapsed();
        #[allow(clippy::cast_precision_loss)]
        let megabytes = text.len() as f64 / 1e6;
        println!(
            "{:<44} {:>12.1}",
            format!("parse {count} articles ({megabytes:.1} MB)"),
            millis(parse)
        );
        println!(
            "{:<44} {:>12.1}",
            format!("build the index over {count}"),
            millis(build)
        );
        if count == 10_000 {
            time_search(&index, &mut figures);
        }
        figures.insert(format!("parse_{count}_ms"), millis(parse).into());
        figures.insert(format!("index_{count}_ms"), millis(build).into());
        figures.insert(format!("file_{count}_mb"), megabytes.into());
        last_index = Some((count, index));
    }
    let Some((count, index)) = last_index else {
        return;
    };

    time_filters(&index, count, &mut figures);
    time_archive_search(&index, count, &mut figures);
    if std::env::args().any(|a| a == "--million") {
        // A million articles: the 100,000 ten times over under new ids (bodies left empty, since
        // filtering never reads them), so the figure needs no 300 MB file.
        let many: Vec<Rc<Article>> = (0..10)
            .flat_map(|copy| {
                index_articles(&index).into_iter().map(move |a| {
                    Rc::new(Article {
                        id: format!("{}-{copy}", a.id),
                        body: Body::Blocks(Vec::new()),
                        ..(*a).clone()
                    })
                })
            })
            .collect();
        let start = Instant::now();
        let million = Index::new(&many);
        let build = start.elapsed();
        println!(
            "{:<44} {:>12.1}",
            format!("build the index over {}", many.len()),
            millis(build)
        );
        figures.insert(format!("index_{}_ms", many.len()), millis(build).into());
        time_filters(&million, many.len(), &mut figures);
    }

    // JSON Feed HTML → blocks, over every content_html in the sample feeds.
    let htmls: Vec<String> = ["large-feed.json", "newsroom-1.0.json", "newsroom-1.1.json"]
        .iter()
        .filter_map(|f| {
            std::fs::read_to_string(format!("{}/samples/feeds/{f}", env!("CARGO_MANIFEST_DIR")))
                .ok()
        })
        .filter_map(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .flat_map(|feed| feed["items"].as_array().cloned().unwrap_or_default())
        .filter_map(|item| item["content_html"].as_str().map(str::to_owned))
        .collect();
    let mut runs: Vec<Duration> = (0..7)
        .map(|_| {
            let start = Instant::now();
            for html in &htmls {
                std::hint::black_box(article_viewer::format::html::to_blocks(html));
            }
            start.elapsed()
        })
        .collect();
    runs.sort();
    let bytes: usize = htmls.iter().map(String::len).sum();
    println!(
        "{:<44} {:>12.2}",
        format!(
            "feed HTML → blocks, {} items ({} KB)",
            htmls.len(),
            bytes / 1000
        ),
        millis(runs[3])
    );
    figures.insert("feed_html_items".into(), htmls.len().into());
    figures.insert("feed_html_ms".into(), millis(runs[3]).into());
    if json {
        println!("{}", serde_json::Value::Object(figures));
    }
}

/// Search over 10,000 articles: building the index, and queries (one word, two words, a prefix
/// while typing, a phrase) from the median of 21 runs each.
fn time_search(index: &Index, figures: &mut serde_json::Map<String, serde_json::Value>) {
    use article_viewer::search::{SearchBuilder, SearchQuery};
    let start = Instant::now();
    let search = SearchBuilder::over(index).finish();
    let build = start.elapsed();
    println!(
        "{:<44} {:>12.1}",
        format!(
            "build the search index over 10000 ({} terms)",
            search.term_count()
        ),
        millis(build)
    );
    figures.insert("search_index_10000_ms".into(), millis(build).into());
    println!(
        "{:<44} {:>12.1}",
        "  of which its words in order, for phrases (MB)",
        search.phrase_words_size() as f64 / 1e6
    );
    figures.insert(
        "search_phrase_words_10000_mb".into(),
        (search.phrase_words_size() as f64 / 1e6).into(),
    );
    let title_words: Vec<String> = index
        .article(0)
        .title
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let word = title_words
        .iter()
        .max_by_key(|w| w.len())
        .cloned()
        .unwrap_or_default();
    let second = title_words.first().cloned().unwrap_or_default();
    let prefix: String = word.chars().take(3).collect();
    for (label, text) in [
        ("one word", format!("{word} ")),
        ("two words", format!("{word} {second} ")),
        ("a prefix while typing", prefix),
        (
            "a phrase",
            format!(
                "\"{}\"",
                title_words
                    .iter()
                    .take(2)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        ),
    ] {
        let query = SearchQuery::parse(&text);
        let mut runs: Vec<Duration> = (0..21)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(search.search(&query));
                start.elapsed()
            })
            .collect();
        runs.sort();
        let hits = search.search(&query).len();
        println!(
            "{:<44} {:>12.2}",
            format!("search 10000, {label} ({hits} hits)"),
            millis(runs[10])
        );
        figures.insert(
            format!("search_10000_{}_ms", label.replace(' ', "_")),
            millis(runs[10]).into(),
        );
        // What the list shows for it: the matches, best first, and every region, month, tag,
        // author and source count within them.
        let found: Vec<u32> = search.search(&query).iter().map(|hit| hit.rank).collect();
        let mut runs: Vec<Duration> = (0..21)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(index.evaluate_within(
                    &Filter::default(),
                    SortOrder::BestMatch,
                    Some(&found),
                ));
                start.elapsed()
            })
            .collect();
        runs.sort();
        println!(
            "{:<44} {:>12.2}",
            format!("  its matches and every count ({hits} hits)"),
            millis(runs[10])
        );
        figures.insert(
            format!("search_10000_{}_counts_ms", label.replace(' ', "_")),
            millis(runs[10]).into(),
        );
    }
}

/// Every article of an index, newest first.
fn index_articles(index: &Index) -> Vec<Rc<Article>> {
    (0..u32::try_from(index.len()).unwrap_or(0))
        .map(|rank| Rc::clone(index.article(rank)))
        .collect()
}

/// Times a realistic sequence of filter changes (regions at every depth, alone and combined,
/// with and without date ranges), each a full evaluation with every facet count and the first
/// page of matches read out, as the list does.
fn time_filters(
    index: &Index,
    count: usize,
    figures: &mut serde_json::Map<String, serde_json::Value>,
) {
    let paths: Vec<_> = index.nodes.iter().map(|n| n.path.clone()).collect();
    let months = index.months.clone();
    let mut filters = Vec::new();
    for i in 0..200 {
        let mut filter = Filter::default();
        for j in 0..(i % 4) {
            filter.regions.push(RegionChoice::Path(
                paths[(i * 7 + j * 13) % paths.len()].clone(),
            ));
        }
        if i % 3 == 0 {
            filter.from = Some(months[(i * 5) % months.len()].first_day());
            filter.to = months.last().map(|m| m.last_day());
        }
        if i % 10 == 9 {
            filter.regions.push(RegionChoice::Unspecified);
        }
        filters.push(filter);
    }
    let mut times: Vec<Duration> = filters
        .iter()
        .map(|filter| {
            let start = Instant::now();
            let outcome = index.evaluate(filter, SortOrder::NewestFirst);
            let first_page: Vec<u32> = outcome.matches.iter().take(20).collect();
            std::hint::black_box((&outcome, first_page));
            start.elapsed()
        })
        .collect();
    times.sort();
    let (median, p95) = (
        millis(percentile(&times, 0.5)),
        millis(percentile(&times, 0.95)),
    );
    println!(
        "{:<44} {:>12.3}",
        format!("filter + all facet counts, {count}: median"),
        median
    );
    println!(
        "{:<44} {:>12.3}",
        format!("filter + all facet counts, {count}: p95"),
        p95
    );
    println!(
        "({} filter changes, {} region nodes, {} months)",
        filters.len(),
        index.nodes.len(),
        index.months.len()
    );
    figures.insert(format!("filter_{count}_median_ms"), median.into());
    figures.insert(format!("filter_{count}_p95_ms"), p95.into());
}

/// Search over a sharded archive of the same articles (written in memory): once a query's
/// parts have arrived, what each typed query costs the viewer: its chunks searched, its
/// matches in order and every region count within them (`Arrived::outcome` on a fresh answer),
/// from the median of 21 runs alternating one word and two.
fn time_archive_search(
    index: &Index,
    count: usize,
    figures: &mut serde_json::Map<String, serde_json::Value>,
) {
    use article_viewer::archive::{read_manifest, read_piece, Archive, Arrived};
    use article_viewer::publish::archive::{write_archive, ArchiveMeta, SearchIndexes};
    use article_viewer::search::{SearchBuilder, SearchQuery};
    use std::collections::HashMap;
    let start = Instant::now();
    let search = SearchBuilder::over(index).finish();
    let mut files: HashMap<String, Vec<u8>> = HashMap::new();
    let meta = ArchiveMeta {
        title: None,
        language: None,
        shard_size: 100,
        id_buckets: 1,
    };
    // Cards are not read here: each shard is written empty.
    let cards = |_: &[Rc<Article>]| Vec::new();
    write_archive(
        index,
        &meta,
        &cards,
        Some(SearchIndexes {
            words: &search,
            phrases: None,
        }),
        &mut |path: &str, bytes: &[u8]| {
            files.insert(path.to_owned(), bytes.to_vec());
            Ok::<(), String>(())
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let written = start.elapsed();
    let text = std::str::from_utf8(&files["articles.json"]).unwrap_or_default();
    let archive =
        Archive::new(read_manifest("articles.json", text).unwrap_or_else(|e| panic!("{e}")));
    let filter = Filter::default();
    let order = SortOrder::BestMatch;
    let words = ["harbour ", "harbour budget "].map(SearchQuery::parse);
    let mut arrived = Arrived::default();
    for query in &words {
        for _ in 0..4 {
            let wants = arrived.wants(&archive, (&filter, order, Some(query)), 20, None);
            for (file, want) in wants
                .into_iter()
                .filter(|(f, _)| !f.starts_with("archive/cards/"))
            {
                let piece = read_piece(&archive, &want, "articles.json", &files[&file]);
                arrived = arrived.with(&file, piece);
            }
        }
    }
    let mut runs: Vec<Duration> = (0..21)
        .map(|i| {
            // A new Arrived forgets the last answer; the archive keeps the last query's hits,
            // so alternating queries search afresh each time.
            let fresh = arrived.with("none", Err(String::new()));
            let start = Instant::now();
            std::hint::black_box(fresh.outcome(&archive, &filter, order, Some(&words[i % 2])));
            start.elapsed()
        })
        .collect();
    runs.sort();
    let bytes: usize = files
        .iter()
        .filter(|(path, _)| path.starts_with("archive/search/"))
        .map(|(_, b)| b.len())
        .sum();
    println!(
        "{:<44} {:>12.1}",
        format!(
            "archive of {count}: write with search ({} MB index)",
            bytes / 1_000_000
        ),
        millis(written)
    );
    println!(
        "{:<44} {:>12.2}",
        format!("archive of {count}: a typed query's answer"),
        millis(runs[10])
    );
    figures.insert(format!("archive_write_{count}_ms"), millis(written).into());
    figures.insert(format!("archive_query_{count}_ms"), millis(runs[10]).into());
}
