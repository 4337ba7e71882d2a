//! Sharded archives: written by the publish step's writer, read back by `archive`, and held to
//! the one-file form: every answer (matches in every order, every facet count) equals
//! `Index::evaluate`'s on the same articles, the parts loaded are only those a filter needs, and
//! files that disagree with their manifest are refused with a located message.

mod common;

use article_viewer::app::arriving::{list_entries, ListEntry};
use article_viewer::archive::read_places;
use article_viewer::archive::search::{read_term_chunk, read_term_directory, Shelf};
use article_viewer::archive::{
    find_in_id_bucket, id_bucket, id_bucket_file, read_day_table, read_manifest, read_set, Archive,
    Need, Parts, SetKey,
};
use article_viewer::archive::{read_piece, Arrived, FileLoad, Lookup, Want};
use article_viewer::date::CivilDate;
use article_viewer::filter::{Filter, Index, Outcome, RegionChoice, SortOrder};
use article_viewer::format::parse_collection;
use article_viewer::format::write::collection_file;
use article_viewer::generate;
use article_viewer::model::Article;
use article_viewer::model::Body;
use article_viewer::publish::archive::{write_archive, ArchiveMeta, SearchIndexes};
use article_viewer::publish::search_index::Phrases;
use article_viewer::query::Query;
use article_viewer::search::{tokens, SearchBuilder, SearchIndex, SearchQuery};
use article_viewer::state::{Action, AppState, Load, Loaded};
use std::collections::BTreeMap;
use std::rc::Rc;

type Files = BTreeMap<String, Vec<u8>>;

fn articles_of(text: &str) -> Vec<Rc<Article>> {
    match parse_collection(text) {
        Ok(parsed) => {
            assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
            parsed.collection.articles
        }
        Err(error) => panic!("{error}"),
    }
}

/// The archive of `index`: every file by path; a shard of cards is its articles' ids.
fn publish(index: &Index, shard_size: usize) -> Files {
    publish_with(index, shard_size, None)
}

/// The same, with a search index (built over the same articles in rank order), the pairs of
/// words for phrases, and places.
fn publish_with(index: &Index, shard_size: usize, search: Option<&SearchIndex>) -> Files {
    let meta = ArchiveMeta {
        title: Some("Generated".into()),
        language: None,
        shard_size,
        id_buckets: 3,
    };
    let cards = |articles: &[Rc<Article>]| {
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        serde_json::to_vec(&ids).unwrap_or_else(|e| panic!("ids are JSON: {e}"))
    };
    written(index, &meta, &cards, search)
}

/// Every file `write_archive` writes, by path (each once); `cards` writes a shard. With
/// `search`, the pairs of words for phrases are written too, built over `index`.
fn written(
    index: &Index,
    meta: &ArchiveMeta,
    cards: &dyn Fn(&[Rc<Article>]) -> Vec<u8>,
    search: Option<&SearchIndex>,
) -> Files {
    let mut files = Files::new();
    let mut sink = |path: &str, bytes: &[u8]| -> Result<(), String> {
        assert!(
            files.insert(path.to_owned(), bytes.to_vec()).is_none(),
            "{path} twice"
        );
        Ok(())
    };
    let phrases = search.map(|_| Phrases::over(index));
    let search = search.map(|words| SearchIndexes {
        words,
        phrases: phrases.as_ref(),
    });
    write_archive(index, meta, cards, search, &mut sink)
        .unwrap_or_else(|e| panic!("the archive is written: {e}"));
    files
}

/// A generated collection of `size` articles (`seed`): its index, its search index, and its
/// archive with both search indexes (shards of 50), every file and opened.
fn searchable_archive(size: usize, seed: u64) -> (Index, SearchIndex, Files, Archive) {
    let articles = articles_of(&generate::collection(size, seed).to_string());
    let index = Index::new(&articles);
    let search = SearchBuilder::over(&index).finish();
    let files = publish_with(&index, 50, Some(&search));
    let archive = open(&files);
    (index, search, files, archive)
}

fn text<'f>(files: &'f Files, path: &str) -> &'f str {
    std::str::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was written")),
    )
    .unwrap_or_else(|e| panic!("archive files are UTF-8: {e}"))
}

fn open(files: &Files) -> Archive {
    Archive::new(
        read_manifest("articles.json", text(files, "articles.json"))
            .unwrap_or_else(|e| panic!("manifest: {e}")),
    )
}

/// Loads what `needs` names into `parts`.
fn load(archive: &Archive, files: &Files, needs: &[Need], parts: &mut Parts) {
    for need in needs {
        match *need {
            Need::Set(key) => {
                let entry = match key {
                    SetKey::Node(n) => &archive.manifest.regions[n].set,
                    SetKey::Unspecified => &archive.manifest.unspecified,
                };
                let set = read_set(
                    &entry.file,
                    text(files, &entry.file),
                    entry,
                    archive.index.len(),
                )
                .unwrap_or_else(|e| panic!("set file: {e}"));
                parts.sets.insert(key, Rc::new(set));
            }
            Need::Days(m) => {
                let month = &archive.manifest.months[m];
                let table = read_day_table(
                    &month.days,
                    text(files, &month.days),
                    month,
                    archive.manifest.regions.len(),
                )
                .unwrap_or_else(|e| panic!("day table: {e}"));
                parts.days.insert(m, Rc::new(table));
            }
            Need::Directory(_) | Need::Terms(..) | Need::Places(_) => {
                let want = Want::of(*need, parts).unwrap_or_else(|| panic!("{need:?} has a file"));
                let file = want.file(archive);
                let piece = read_piece(
                    archive,
                    &want,
                    "articles.json",
                    text(files, &file).as_bytes(),
                )
                .unwrap_or_else(|e| panic!("{file}: {e}"));
                let mut arrived = Arrived::default();
                arrived.parts = std::mem::take(parts);
                let arrived = arrived.with(&file, Ok(piece));
                *parts = arrived.parts;
            }
        }
    }
}

/// The archive's answer to `filter`, loading what it needs, equals the index's in every order.
fn check(index: &Index, archive: &Archive, files: &Files, filter: &Filter) {
    let mut parts = Parts::default();
    let needs = archive.needs(&parts, filter);
    let cut = needs.iter().filter(|n| matches!(n, Need::Days(_))).count();
    assert!(cut <= 2, "a date range cuts at most two months: {needs:?}");
    let mut selected: Vec<Need> = filter
        .regions
        .iter()
        .filter_map(|choice| match choice {
            RegionChoice::Path(path) => index.node_of(path).map(|n| Need::Set(SetKey::Node(n))),
            RegionChoice::Unspecified => Some(Need::Set(SetKey::Unspecified)),
        })
        .collect();
    selected.sort_unstable();
    selected.dedup();
    let sets: Vec<Need> = needs
        .iter()
        .copied()
        .filter(|n| matches!(n, Need::Set(_)))
        .collect();
    assert_eq!(sets, selected, "one set per selected region: {filter:?}");
    assert_eq!(
        archive
            .evaluate(&parts, filter, SortOrder::NewestFirst)
            .err(),
        (!needs.is_empty()).then(|| needs.clone()),
        "an answer waits for its parts"
    );
    load(archive, files, &needs, &mut parts);
    assert!(archive.needs(&parts, filter).is_empty());
    for order in [
        SortOrder::NewestFirst,
        SortOrder::OldestFirst,
        SortOrder::BestMatch,
    ] {
        let expected = index.evaluate(filter, order);
        let actual = archive
            .evaluate(&parts, filter, order)
            .unwrap_or_else(|e| panic!("every part is loaded: {e:?}"));
        assert_eq!(
            actual.matches.to_vec(),
            expected.matches.to_vec(),
            "{filter:?} {order:?}"
        );
        assert_eq!(actual, without_facets(expected), "{filter:?} {order:?}");
    }
}

/// The one-file answer as an archive gives it: archives carry no tag, author or source facets
/// yet, so those counts are empty.
fn without_facets(mut outcome: Outcome) -> Outcome {
    outcome.facet_counts = Default::default();
    outcome
}

#[test]
fn an_archive_answers_every_filter_as_the_one_file_form_does() {
    for (seed, size, shard) in [(1, 400, 7), (3, 1_300, 100), (4, 3_000, 64)] {
        let articles = articles_of(&generate::collection(size, seed).to_string());
        let index = Index::new(&articles);
        let files = publish(&index, shard);
        let archive = open(&files);
        assert_eq!(archive.index.nodes, index.nodes, "the same region tree");
        assert_eq!(archive.index.roots, index.roots);
        assert_eq!(archive.index.months, index.months);
        let days = index.days();
        let mut next = common::random_below(seed);
        check(&index, &archive, &files, &Filter::default());
        for round in 0..60 {
            let mut filter = Filter::default();
            for _ in 0..next(4) {
                filter.regions.push(if next(8) == 0 {
                    RegionChoice::Unspecified
                } else {
                    RegionChoice::Path(index.nodes[next(index.nodes.len())].path.clone())
                });
            }
            // Any day, so ranges cut months; sometimes one bound only, sometimes empty ones.
            let day = |n: usize| CivilDate::from_days_since_epoch(days[n] + (n % 3) as i64 - 1);
            if round % 3 != 0 {
                filter.from = Some(day(next(days.len())));
            }
            if round % 4 != 1 {
                filter.to = Some(day(next(days.len())));
            }
            check(&index, &archive, &files, &filter);
        }
    }
}

#[test]
fn every_rank_is_found_in_its_shard_of_cards() {
    let articles = articles_of(&generate::collection(900, 8).to_string());
    let index = Index::new(&articles);
    let files = publish(&index, 16);
    let archive = open(&files);
    for rank in 0..u32::try_from(index.len()).expect("small") {
        let shard = archive.shard_of(rank).expect("every rank has a shard");
        let ids: Vec<String> = serde_json::from_str(text(&files, &shard.file)).expect("ids");
        assert_eq!(ids.len(), shard.len as usize, "{}", shard.file);
        assert_eq!(ids[(rank - shard.first) as usize], index.article(rank).id);
    }
    assert_eq!(
        archive.shard_of(u32::try_from(index.len()).expect("small")),
        None
    );
    for rank in 0..u32::try_from(index.len()).expect("small") {
        let id = &index.article(rank).id;
        let file = id_bucket_file(id_bucket(id, archive.manifest.id_buckets));
        let (month, offset) = find_in_id_bucket(&file, text(&files, &file), id)
            .expect("a bucket file")
            .expect("every id is in its bucket");
        assert_eq!(archive.rank_in_month(&month, offset), Some(rank), "{id}");
    }
    let file = id_bucket_file(0);
    assert_eq!(
        find_in_id_bucket(&file, text(&files, &file), "no-such-id"),
        Ok(None)
    );
}

fn article(id: &str, day: &str, regions: &[&str]) -> String {
    format!(
        r#"{{"id":"{id}","title":"Title {id}","published":"{day}T09:00:00Z","regions":{},"body":[]}}"#,
        serde_json::Value::from(regions.to_vec())
    )
}

fn collection(items: &[String]) -> String {
    format!(r#"{{"version":1,"articles":[{}]}}"#, items.join(","))
}

#[test]
fn sets_that_are_empty_full_or_single_give_the_same_answers() {
    let every: Vec<String> = (0..150)
        .map(|i| {
            article(
                &format!("a{i}"),
                &format!("2025-0{}-1{}", 1 + i % 3, i % 9),
                &["Europe/France"],
            )
        })
        .collect();
    let one = vec![article("only", "2024-02-29", &["Asia/Japan/Tokyo"])];
    let mut mixed = every.clone();
    mixed.push(article("none", "2025-02-14", &[]));
    for items in [vec![], one, every, mixed] {
        let index = Index::new(&articles_of(&collection(&items)));
        let files = publish(&index, 10);
        let archive = open(&files);
        assert_eq!(archive.index.len(), items.len());
        let mut filters = vec![
            Filter::default(),
            Filter {
                regions: vec![RegionChoice::Unspecified],
                ..Filter::default()
            },
        ];
        for node in &index.nodes {
            for from in ["2025-01-13", "2024-02-29", "2025-03-01"] {
                filters.push(Filter {
                    regions: vec![RegionChoice::Path(node.path.clone())],
                    from: CivilDate::parse(from).ok(),
                    to: CivilDate::parse("2025-02-15").ok(),
                    ..Filter::default()
                });
            }
        }
        for filter in &filters {
            check(&index, &archive, &files, filter);
        }
    }
}

#[test]
fn files_that_disagree_with_the_manifest_are_refused_with_their_place() {
    let index = Index::new(&articles_of(&generate::collection(300, 5).to_string()));
    let files = publish(&index, 50);
    let manifest = text(&files, "articles.json");
    let refused = |text: &str| {
        read_manifest("articles.json", text)
            .expect_err("refused")
            .to_string()
    };

    let value: serde_json::Value = serde_json::from_str(manifest).expect("manifest JSON");
    let mut wrong_count = value.clone();
    wrong_count["months"][0]["count"] = serde_json::json!(1);
    assert_eq!(
        refused(&wrong_count.to_string()),
        "articles.json: months[0].count: does not match the days of that month"
    );
    let mut wrong_total = value.clone();
    wrong_total["regions"][2]["total"] = serde_json::json!(100_000);
    assert!(refused(&wrong_total.to_string()).starts_with("articles.json: regions[2].total:"));
    let mut escaping = value.clone();
    escaping["months"][1]["cards"] = serde_json::json!("../../secret");
    assert!(refused(&escaping.to_string())
        .starts_with("articles.json: months[1].cards: \"../../secret\" must be a relative path"));
    let mut wrong_format = value.clone();
    wrong_format["format"] = serde_json::json!("something-else");
    assert!(refused(&wrong_format.to_string()).starts_with("articles.json: format: must be"));
    let syntax = refused("{\n  \"format\": \"article-viewer-archive\",\n  \"version\": 1,,\n}");
    assert!(
        syntax.starts_with("articles.json: is not valid JSON: "),
        "{syntax}"
    );
    assert!(syntax.ends_with(" (line 3, column 16)"), "{syntax}");
    let archive = open(&files);
    let europe = archive
        .manifest
        .regions
        .iter()
        .position(|r| r.path.to_string() == "Europe")
        .expect("generated articles include Europe");
    let set = &archive.manifest.regions[europe].set;
    let other = &archive.manifest.regions[(europe + 1) % archive.manifest.regions.len()].set;
    let error = read_set(&other.file, text(&files, &other.file), set, index.len())
        .expect_err("another region's set is refused");
    assert!(
        error.to_string().contains("from another publish run"),
        "{error}"
    );
    assert!(read_set("s.json", "{\"gaps\":[3,0]}", set, index.len())
        .expect_err("a zero gap")
        .to_string()
        .starts_with("s.json: gaps[1]: a gap must be at least 1"));
    assert!(read_set("s.json", "{\"gaps\":[300]}", set, 300)
        .expect_err("past the end")
        .to_string()
        .starts_with("s.json: gaps[0]: reaches past"));

    let (first, second) = (&archive.manifest.months[0], &archive.manifest.months[1]);
    let error = read_day_table(
        &second.days,
        text(&files, &second.days),
        first,
        archive.manifest.regions.len(),
    )
    .expect_err("another month's days are refused");
    assert!(error.to_string().contains(": month: is "), "{error}");
}

#[test]
fn articles_written_as_format_v1_read_back_equal() {
    use article_viewer::format::write::body_file;
    let mut sources = vec![generate::collection(300, 11).to_string()];
    for file in [
        "samples/articles.json",
        "tests/fixtures/broken-image.json",
        "tests/fixtures/mixed-valid-invalid.json",
    ] {
        sources.push(std::fs::read_to_string(file).expect("a sample file"));
    }
    for source in &sources {
        let parsed = parse_collection(source).expect("a readable collection");
        let articles = &parsed.collection.articles;
        let pairs: Vec<_> = articles.iter().map(|a| (a.as_ref(), None)).collect();
        let title = parsed.collection.title.as_deref();
        let language = parsed.collection.language.as_ref().map(|l| l.as_str());
        let written = collection_file(title, language, &pairs);
        let again =
            parse_collection(std::str::from_utf8(&written).expect("UTF-8")).expect("reads back");
        assert_eq!(again.collection, parsed.collection);
        for article in articles {
            if let article_viewer::model::Body::Blocks(blocks) = &article.body {
                let bytes = body_file(blocks);
                let (read, problems) =
                    article_viewer::format::parse_body_bytes(&bytes).expect("a body file");
                assert!(problems.is_empty(), "{problems:?}");
                assert_eq!(&read, blocks);
            }
        }
    }
}

/// Fetches every file a view wants, as the browser shell does, until it wants nothing more;
/// `broken` files answer with garbage.
fn settle(
    archive: &Archive,
    files: &Files,
    arrived: Arrived,
    view: (&Filter, SortOrder, usize, Option<&str>),
    broken: &[String],
) -> Arrived {
    settle_searching(archive, files, arrived, view, broken, None)
}

/// [`settle`], with a search.
fn settle_searching(
    archive: &Archive,
    files: &Files,
    mut arrived: Arrived,
    view: (&Filter, SortOrder, usize, Option<&str>),
    broken: &[String],
    search: Option<&SearchQuery>,
) -> Arrived {
    let (filter, order, limit, open) = view;
    for _ in 0..20 {
        let wants = arrived.wants(archive, (filter, order, search), limit, open);
        if wants.is_empty() {
            assert!(
                !arrived.waits(archive, (filter, order, search), limit, open),
                "nothing wanted and nothing on its way: the view is complete"
            );
            return arrived;
        }
        for (file, want) in wants {
            arrived = arrived.started(&file);
            // On its way, a file is no longer wanted but the view still waits for it.
            assert!(!arrived
                .wants(archive, (filter, order, search), limit, open)
                .iter()
                .any(|(f, _)| *f == file));
            assert!(arrived.waits(archive, (filter, order, search), limit, open));
            let bytes: &[u8] = if broken.contains(&file) {
                b"{\"oops\""
            } else {
                &files[&file]
            };
            // Fetched from the manifest's own folder, as the cards' URLs were written.
            let result = read_piece(archive, &want, "shard.json", bytes);
            arrived = arrived.with(&file, result);
        }
    }
    panic!("a view kept wanting files: {filter:?} {open:?}");
}

#[test]
fn a_viewer_fetches_only_what_its_view_needs_and_a_broken_shard_costs_only_its_cards() {
    let articles = articles_of(&generate::collection(2_000, 21).to_string());
    let index = Index::new(&articles);
    let meta = ArchiveMeta {
        title: None,
        language: None,
        shard_size: 25,
        id_buckets: 4,
    };
    let cards = |articles: &[Rc<Article>]| {
        let pairs: Vec<_> = articles.iter().map(|a| (a.as_ref(), None)).collect();
        collection_file(None, None, &pairs)
    };
    let files = written(&index, &meta, &cards, None);
    let archive = open(&files);
    let europe = RegionChoice::Path(index.nodes[index.roots[1]].path.clone());
    let filter = Filter {
        regions: vec![europe],
        from: CivilDate::parse("2024-03-17").ok(),
        to: CivilDate::parse("2025-06-02").ok(),
        ..Filter::default()
    };
    let arrived = settle(
        &archive,
        &files,
        Arrived::default(),
        (&filter, SortOrder::NewestFirst, 20, None),
        &[],
    );
    let expected = index.evaluate(&filter, SortOrder::NewestFirst);
    let outcome = arrived
        .outcome(&archive, &filter, SortOrder::NewestFirst, None)
        .expect("answered");
    assert_eq!(outcome, without_facets(expected.clone()));
    for rank in expected.matches.iter().take(20) {
        let card = arrived.article(rank).expect("every card on screen arrived");
        assert_eq!(
            card.as_ref(),
            index.article(rank).as_ref(),
            "a card reads back as its article"
        );
    }
    // Only the first page's shards, one rank set and at most two day tables: a small part.
    let shards = arrived.cards.len() / 25;
    assert!(shards <= 20 && arrived.parts.sets.len() == 1 && arrived.parts.days.len() <= 2);
    assert!(
        shards * 25 < index.len() / 4,
        "{shards} shards of {}",
        index.len()
    );

    // An article opened by link: its bucket, its shard, its neighbours' shards.
    let far = index.article(
        expected
            .matches
            .get(expected.matches.len() - 2)
            .expect("matches"),
    );
    let open = settle(
        &archive,
        &files,
        Arrived::default(),
        (&filter, SortOrder::NewestFirst, 20, Some(&far.id)),
        &[],
    );
    assert_eq!(open.find(&archive, &far.id), Lookup::Found(Rc::clone(far)));
    assert_eq!(open.find(&archive, "no-such-article"), Lookup::Pending);
    let asked = settle(
        &archive,
        &files,
        open,
        (&filter, SortOrder::NewestFirst, 20, Some("no-such-article")),
        &[],
    );
    assert_eq!(asked.find(&archive, "no-such-article"), Lookup::Missing);

    // A broken shard: its cards fail with a located message; the others arrive; Retry mends it.
    let second = archive
        .shard_of(expected.matches.get(0).expect("a match"))
        .expect("a shard");
    let broken = vec![second.file.clone()];
    let view = (&filter, SortOrder::NewestFirst, 20, None);
    let hurt = settle(&archive, &files, Arrived::default(), view, &broken);
    match hurt.file(&second.file) {
        Some(FileLoad::Failed(why)) => {
            assert!(why.starts_with(&format!("{}: ", second.file)), "{why}")
        }
        other => panic!("the broken shard failed: {other:?}"),
    }
    assert!(hurt.article(second.first).is_none());
    let others = expected
        .matches
        .iter()
        .take(20)
        .filter(|r| hurt.article(*r).is_some())
        .count();
    let in_broken = expected
        .matches
        .iter()
        .take(20)
        .filter(|r| (second.first..second.first + second.len).contains(r))
        .count();
    assert_eq!(others, 20 - in_broken, "every other card arrived");
    // On screen: the broken shard's cards are one entry (one message, one Retry), the rest cards.
    let entries = list_entries(expected.matches.iter().take(20), &archive, &hurt);
    let failed: Vec<_> = entries
        .iter()
        .filter_map(|e| match e {
            ListEntry::Failed { count, file, .. } => Some((*count, file.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(failed, vec![(in_broken, second.file.clone())]);
    assert_eq!(entries.len(), 20 - in_broken + 1);
    assert!(entries
        .iter()
        .all(|e| matches!(e, ListEntry::Card(_) | ListEntry::Failed { .. })));
    let mended = settle(&archive, &files, hurt.retried(&second.file), view, &[]);
    assert!(mended.article(second.first).is_some());

    // A broken rank set: the filter has no answer; the list names the file, and Retry mends it.
    assert_eq!(mended.failed_part(&archive, &filter, None), None);
    let set = Arrived::default()
        .wants(&archive, (&filter, SortOrder::NewestFirst, None), 20, None)
        .into_iter()
        .find(|(_, want)| matches!(want, Want::Set(_)))
        .expect("the region's rank set is wanted")
        .0;
    let no_set = settle(
        &archive,
        &files,
        Arrived::default(),
        view,
        std::slice::from_ref(&set),
    );
    assert!(no_set
        .outcome(&archive, &filter, SortOrder::NewestFirst, None)
        .is_none());
    let (file, why) = no_set
        .failed_part(&archive, &filter, None)
        .expect("the failed set is named");
    assert_eq!(file, set);
    assert!(why.starts_with(&format!("{set}: ")), "{why}");
    let again = settle(&archive, &files, no_set.retried(&set), view, &[]);
    assert_eq!(again.failed_part(&archive, &filter, None), None);
    assert!(again
        .outcome(&archive, &filter, SortOrder::NewestFirst, None)
        .is_some());

    // A shard from another run (another count) is refused, never mixed in.
    let want = Want::Cards(second.clone());
    let other = archive
        .shard_of(second.first + second.len)
        .expect("a next shard");
    let mut wrong = files[&other.file].clone();
    if other.len == second.len {
        let parsed = parse_collection(std::str::from_utf8(&wrong).expect("UTF-8")).expect("cards");
        let fewer: Vec<_> = parsed
            .collection
            .articles
            .iter()
            .skip(1)
            .map(|a| (a.as_ref(), None))
            .collect();
        wrong = collection_file(None, None, &fewer);
    }
    let error = read_piece(&archive, &want, "site/x", &wrong).expect_err("refused");
    assert!(error.contains("where the manifest says"), "{error}");
}

/// Words of the articles' titles, folded, for queries.
fn title_words(index: &Index) -> Vec<String> {
    let mut words: Vec<String> = (0..index.len())
        .flat_map(|rank| {
            let title = &index.article(u32::try_from(rank).unwrap_or(u32::MAX)).title;
            tokens::tokens(title)
                .into_iter()
                .map(|t| t.word)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.chars().count() >= 4)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Loads what an archive's search needs until it needs nothing; the parts asked for.
fn load_search(
    archive: &Archive,
    files: &Files,
    filter: &Filter,
    query: &SearchQuery,
) -> (Parts, Vec<Need>) {
    let mut parts = Parts::default();
    let mut asked = Vec::new();
    for _ in 0..4 {
        let needs = archive.needs_searching(&parts, filter, Some(query));
        if needs.is_empty() {
            return (parts, asked);
        }
        load(archive, files, &needs, &mut parts);
        asked.extend(needs);
    }
    panic!("a search settles in four rounds: {query:?}");
}

#[test]
fn an_archive_search_finds_and_counts_what_the_one_file_search_does() {
    for (seed, size) in [(5, 700), (6, 2_500)] {
        let (index, search, files, archive) = searchable_archive(size, seed);
        let words = title_words(&index);
        let directory_file = archive.manifest.search.clone().expect("a search index");
        let directory = read_term_directory(&directory_file, text(&files, &directory_file))
            .unwrap_or_else(|e| panic!("{e}"));
        let days = index.days();
        let mut next = common::random_below(seed);
        // How many searches found something, and fetched places: the test must see both.
        let (mut found_some, mut with_places, mut expanded) = (0, 0, 0);
        for round in 0..40 {
            let word = |next: &mut dyn FnMut(usize) -> usize| words[next(words.len())].clone();
            let typed = match round % 4 {
                0 => format!("{} ", word(&mut next)),
                1 => format!("{} {} ", word(&mut next), word(&mut next)),
                // The last word still being typed: a prefix.
                2 => {
                    let start: String = word(&mut next).chars().take(4).collect();
                    format!("{} {start}", word(&mut next))
                }
                _ => format!("{} zzqxv ", word(&mut next)),
            };
            let query = SearchQuery::parse(&typed);
            let mut filter = Filter::default();
            if round % 3 == 1 {
                filter.regions.push(RegionChoice::Path(
                    index.nodes[next(index.nodes.len())].path.clone(),
                ));
            }
            if round % 5 >= 3 {
                let day = CivilDate::from_days_since_epoch(days[next(days.len())]);
                filter.from = Some(day);
            }
            // A prefix whose terms span more chunks than an archive fetches matches as a whole
            // word there (documented), so the one-file search is asked the same.
            let spans_too_many = query
                .prefix
                .as_deref()
                .is_some_and(|p| directory.prefix_chunks(p).is_none());
            let asked_of_file = if spans_too_many {
                SearchQuery::parse(&format!("{typed} "))
            } else {
                query.clone()
            };
            let hits = search.search(&asked_of_file);
            expanded += usize::from(query.prefix.is_some() && !spans_too_many);
            let found: Vec<u32> = hits.iter().map(|h| h.rank).collect();
            let (parts, asked) = load_search(&archive, &files, &filter, &query);
            found_some += usize::from(!found.is_empty());
            with_places += usize::from(asked.iter().any(|n| matches!(n, Need::Places(_))));
            let chunks = asked
                .iter()
                .filter(|n| matches!(n, Need::Terms(Shelf::Words, _)))
                .count();
            let words_asked = query.terms.len() + usize::from(query.prefix.is_some());
            assert!(
                chunks <= words_asked + 5,
                "only the chunks of the words searched: {chunks} for {typed:?}"
            );
            assert!(
                asked.contains(&Need::Directory(Shelf::Words)),
                "the directory first: {asked:?}"
            );
            for order in [SortOrder::NewestFirst, SortOrder::OldestFirst] {
                let expected = index.evaluate_within(&filter, order, Some(found.as_slice()));
                let actual = archive
                    .evaluate_searching(&parts, &filter, order, Some(&query))
                    .unwrap_or_else(|e| panic!("every part is loaded: {e:?}"));
                assert_eq!(
                    actual,
                    without_facets(expected),
                    "{typed:?} {filter:?} {order:?}"
                );
            }
            // Best first: the same articles, in the one-file order up to the impacts' rounding.
            let best = matched(&archive, &parts, &filter, SortOrder::BestMatch, &query);
            let expected = index
                .evaluate_within(&filter, SortOrder::BestMatch, Some(found.as_slice()))
                .matches
                .to_vec();
            let sorted = |mut v: Vec<u32>| {
                v.sort_unstable();
                v
            };
            assert_eq!(sorted(best.clone()), sorted(expected), "{typed:?}");
            let score: std::collections::HashMap<u32, f32> =
                hits.iter().map(|h| (h.rank, h.score)).collect();
            // Scores equal up to 0.005 per word; a prefix's best term stands for the terms it
            // begins (the one-file index adds their occurrences), so only the set is compared.
            let slack = 0.006 * (words_asked as f32 + 1.0);
            if query.prefix.is_some() {
                continue;
            }
            for pair in best.windows(2) {
                assert!(
                    score[&pair[0]] + slack >= score[&pair[1]],
                    "{typed:?}: {pair:?} out of order ({} < {})",
                    score[&pair[0]],
                    score[&pair[1]]
                );
            }
        }
        assert!(
            found_some >= 20,
            "most searches find articles: {found_some} of 40"
        );
        assert!(
            with_places >= 20,
            "their places were fetched: {with_places}"
        );
        assert!(expanded >= 5, "prefixes were expanded: {expanded}");
    }
}

/// The ranks an archive's search matches, in `order`, every part it needs loaded.
fn matched(
    archive: &Archive,
    parts: &Parts,
    filter: &Filter,
    order: SortOrder,
    query: &SearchQuery,
) -> Vec<u32> {
    archive
        .evaluate_searching(parts, filter, order, Some(query))
        .unwrap_or_else(|e| panic!("every part is loaded: {e:?}"))
        .matches
        .to_vec()
}

/// A quoted phrase of `len` adjacent words from a title of `index`, chosen by `next`.
fn title_phrase(index: &Index, len: usize, next: &mut dyn FnMut(usize) -> usize) -> Option<String> {
    let rank = u32::try_from(next(index.len())).unwrap_or(0);
    let mut words = Vec::new();
    tokens::for_each_word(&index.article(rank).title, |w| words.push(w.to_owned()));
    let start = next((words.len() + 1).checked_sub(len)?.max(1));
    Some(words.get(start..start + len)?.join(" "))
}

#[test]
fn an_archive_matches_quoted_phrases_with_its_pairs_of_words() {
    let (index, search, files, archive) = searchable_archive(1_500, 12);
    let mut next = common::random_below(12);
    // How many phrases found fewer articles than their words alone, and how many were longer
    // than two words: the test must see both.
    let (mut narrower, mut longer) = (0, 0);
    for round in 0..40 {
        let len = if round % 4 == 3 { 3 } else { 2 };
        let Some(phrase) = title_phrase(&index, len, &mut next) else {
            continue;
        };
        let query = SearchQuery::parse(&format!("\"{phrase}\" "));
        let ranks = |q: &SearchQuery| -> Vec<u32> {
            let mut ranks: Vec<u32> = search.search(q).iter().map(|h| h.rank).collect();
            ranks.sort_unstable();
            ranks
        };
        let expected = ranks(&query);
        let as_words = ranks(&SearchQuery::parse(&format!("{phrase} ")));
        let filter = Filter::default();
        let (parts, asked) = load_search(&archive, &files, &filter, &query);
        assert!(
            asked.contains(&Need::Directory(Shelf::Pairs)),
            "a phrase asks for the pairs: {asked:?}"
        );
        let pair_chunks = asked
            .iter()
            .filter(|n| matches!(n, Need::Terms(Shelf::Pairs, _)));
        assert!(
            pair_chunks.count() < len,
            "one chunk per pair at most: {asked:?}"
        );
        let actual = matched(&archive, &parts, &filter, SortOrder::NewestFirst, &query);
        assert!(
            !expected.is_empty(),
            "a title's own words are found: {phrase:?}"
        );
        if len == 2 {
            // Two words are one pair: exactly the one-file search's matches.
            assert_eq!(actual, expected, "{phrase:?}");
        } else {
            // Longer: every article holding each adjacent pair, so at least the one-file
            // search's matches and at most the words'.
            longer += 1;
            assert!(expected.iter().all(|r| actual.contains(r)), "{phrase:?}");
            assert!(actual.iter().all(|r| as_words.contains(r)), "{phrase:?}");
        }
        narrower += usize::from(actual.len() < as_words.len());
    }
    assert!(
        narrower >= 10,
        "phrases narrowed their words' matches: {narrower}"
    );
    assert!(longer >= 5, "three-word phrases were tried: {longer}");
}

#[test]
fn a_search_chunk_from_another_place_is_refused_with_its_place() {
    let (index, _, files, archive) = searchable_archive(300, 9);
    let directory_file = archive
        .manifest
        .search
        .clone()
        .expect("a search index is listed");
    let directory = read_term_directory(&directory_file, text(&files, &directory_file))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        directory.chunks.len() > 1,
        "several chunks: {}",
        directory.chunks.len()
    );
    let (first, file) = &directory.chunks[1];
    let chunk = text(&files, file);
    read_term_chunk(file, chunk, (first, None), index.len(), Shelf::Words)
        .unwrap_or_else(|e| panic!("{e}"));
    // Read as if it were the first chunk, whose terms end where the second's begin.
    let error = read_term_chunk(file, chunk, ("", Some(first)), index.len(), Shelf::Words)
        .expect_err("terms past the chunk's range");
    assert_eq!(error.file, *file);
    assert_eq!(error.place, "terms[0]");
    // An archive with fewer articles than the ranks the chunk names.
    let error = read_term_chunk(file, chunk, (first, None), 1, Shelf::Words)
        .expect_err("ranks past the count");
    assert!(error.place.starts_with("terms["), "{error}");
    let places = archive.manifest.months[0]
        .places
        .clone()
        .expect("places are listed");
    let mut other = archive.manifest.months[0].clone();
    other.count += 1;
    let error = read_places(
        &places,
        text(&files, &places),
        &other,
        archive.manifest.regions.len(),
    )
    .expect_err("a count from another run");
    assert_eq!(error.place, "nodes");
    // A manifest with a search index but a month without its places is refused.
    let manifest = text(&files, "articles.json");
    let month = archive.manifest.months[2]
        .places
        .as_deref()
        .expect("listed");
    let without = manifest.replacen(&format!(",\"places\":\"{month}\""), "", 1);
    assert_ne!(without, manifest, "the field was found");
    let error = read_manifest("articles.json", &without).expect_err("places missing");
    assert_eq!(error.place, "months[2].places");
}

#[tokio::test]
async fn an_archive_search_loads_the_bodies_of_its_cards_and_marks_the_words_in_them() {
    let articles = articles_of(&generate::collection(600, 31).to_string());
    let index = Index::new(&articles);
    let search = SearchBuilder::over(&index).finish();
    let meta = ArchiveMeta {
        title: None,
        language: Some("en".into()),
        shard_size: 25,
        id_buckets: 2,
    };
    // Cards without their text, each naming its body's own file, as the publish step writes.
    let cards = |articles: &[Rc<Article>]| {
        let pairs: Vec<_> = articles
            .iter()
            .map(|a| (a.as_ref(), Some(format!("../bodies/{}.json", a.id))))
            .collect();
        collection_file(None, None, &pairs)
    };
    let files = written(&index, &meta, &cards, Some(&search));
    let archive = open(&files);
    // A word of a body only (in no title, standfirst or byline of the generated set).
    let word = "railway";
    let query = SearchQuery::parse(&format!("{word} "));
    let arrived = settle_searching(
        &archive,
        &files,
        Arrived::default(),
        (&Filter::default(), SortOrder::BestMatch, 20, None),
        &[],
        Some(&query),
    );
    let state = AppState {
        arrived: Rc::new(arrived),
        ..archive_state(&files, &format!("?q={word}%20"))
    };
    let shown: Vec<String> = {
        let Load::Ready(loaded) = &state.load else {
            panic!("loaded")
        };
        let archive = loaded.archive.as_ref().expect("an archive");
        let filter = Filter::default();
        let outcome = state
            .arrived
            .outcome(archive, &filter, SortOrder::BestMatch, Some(&query))
            .expect("answered");
        let ranks: Vec<u32> = outcome.matches.iter().take(20).collect();
        ranks
            .iter()
            .map(|&r| {
                state
                    .arrived
                    .article(r)
                    .expect("its card arrived")
                    .id
                    .clone()
            })
            .collect()
    };
    assert_eq!(shown.len(), 20, "a full page of matches");
    let pending = state.excerpt_bodies();
    let ids: Vec<&str> = pending.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, shown, "the shown cards' bodies, in list order");
    for (id, url) in &pending {
        // Resolved against where its shard was fetched from (`settle` reads them as if from
        // the manifest's folder).
        assert!(
            url.as_str().ends_with(&format!("/bodies/{id}.json")),
            "{url:?}"
        );
    }
    // Started bodies are not asked for again; arrived ones give their excerpt.
    // The shell starts them all in one change.
    let mut state = state.apply(Action::BodiesStarted { ids: shown.clone() });
    assert!(state.excerpt_bodies().is_empty());
    let by_id: std::collections::HashMap<&str, &Rc<Article>> =
        articles.iter().map(|a| (a.id.as_str(), a)).collect();
    for id in &shown {
        let Body::Blocks(blocks) = &by_id[id.as_str()].body else {
            panic!("generated articles carry their body")
        };
        state = state.apply(Action::BodyLoaded {
            id: id.clone(),
            result: Ok((blocks.clone(), Vec::new())),
        });
    }
    let html = common::render_view(Rc::new(state)).await;
    let page = common::Page::parse(&html);
    assert_eq!(page.count(".av-card"), 20);
    let excerpts = page.texts(".av-card__excerpt mark");
    assert!(
        excerpts.len() >= 20 && excerpts.iter().all(|m| m.to_lowercase() == word),
        "every card marks the word in its excerpt: {excerpts:?}"
    );
}

/// The viewer's state with an archive's manifest loaded (nothing else arrived yet).
fn archive_state(files: &Files, address: &str) -> AppState {
    let state = AppState::new(Query::parse(address), common::TODAY);
    let request = state.request;
    let loaded = Loaded::archive(open(files), "https://example.org/news/articles.json");
    state.apply(Action::Loaded {
        request,
        result: Ok(Rc::new(loaded)),
    })
}

#[tokio::test]
async fn the_search_box_shows_on_an_archive_only_when_it_has_a_search_index() {
    let articles = articles_of(&generate::collection(120, 41).to_string());
    let index = Index::new(&articles);
    let search = SearchBuilder::over(&index).finish();
    for (files, boxes) in [
        (publish(&index, 20), 0),
        (publish_with(&index, 20, Some(&search)), 1),
    ] {
        let html = common::render_view(Rc::new(archive_state(&files, ""))).await;
        let page = common::Page::parse(&html);
        assert_eq!(
            page.count("input#av-search-input"),
            boxes,
            "{boxes} search box"
        );
        assert_eq!(page.count("label[for=av-search-input]"), boxes);
    }
}
