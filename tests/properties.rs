//! Property tests: over generated JSON values and over mutated valid collections, parsing never
//! panics, and every error or skipped article points at a field path that exists in the input
//! (or, for a missing field, at a place whose parent exists).

mod common;

use article_viewer::format::{
    parse_collection, read_whole, ErrorPath, FormatError, Problem, Segment,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// One step of a field path.
#[derive(Debug, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A problem's path as steps into the JSON, leaving out the `article` label and `(id …)` names.
fn steps(path: &ErrorPath) -> Vec<Step> {
    path.segments()
        .iter()
        .filter_map(|segment| match segment {
            Segment::Field(name) => Some(Step::Key((*name).to_owned())),
            Segment::Named(name) => Some(Step::Key(name.clone())),
            Segment::Index(index) => Some(Step::Index(*index)),
            Segment::Article | Segment::Id(_) => None,
        })
        .collect()
}

/// Whether `problem` points into `root`: the path exists, or only its last field is missing
/// and the message says so.
fn points_into(root: &Value, problem: &Problem) -> bool {
    let steps = steps(&problem.path);
    let mut node = root;
    for (i, step) in steps.iter().enumerate() {
        let next = match (step, node) {
            (Step::Key(k), Value::Object(map)) => map.get(k),
            (Step::Index(n), Value::Array(items)) => items.get(*n),
            _ => None,
        };
        match next {
            Some(value) => node = value,
            None => {
                let last = i + 1 == steps.len();
                return last
                    && matches!(node, Value::Object(_))
                    && (problem.message.contains("required")
                        || problem.message.contains("missing"));
            }
        }
    }
    true
}

fn check(value: &Value) -> Result<(), TestCaseError> {
    match parse_collection(&value.to_string()) {
        Ok(parsed) => {
            for problem in parsed.skipped.iter().chain(&parsed.notices) {
                prop_assert!(
                    points_into(value, problem),
                    "{problem} does not point into {value}"
                );
            }
        }
        Err(FormatError::Invalid(problem)) => prop_assert!(
            points_into(value, &problem),
            "{problem} does not point into {value}"
        ),
        Err(_) => {}
    }
    Ok(())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6_f64..1e6).prop_map(Value::from),
        prop_oneof![
            "[a-z]{0,8}".boxed(),
            Just("javascript:alert(1)".to_owned()).boxed(),
            Just("2025-02-30".to_owned()).boxed(),
            Just("Europe//Russia".to_owned()).boxed(),
            Just("paragraph".to_owned()).boxed(),
            ".{0,12}".boxed(),
        ]
        .prop_map(Value::String),
    ];
    let keys = prop_oneof![
        Just("version"),
        Just("articles"),
        Just("id"),
        Just("title"),
        Just("published"),
        Just("updated"),
        Just("body"),
        Just("type"),
        Just("text"),
        Just("href"),
        Just("image"),
        Just("src"),
        Just("alt"),
        Just("regions"),
        Just("source"),
        Just("url"),
        Just("items"),
        Just("level"),
        Just("body_url"),
        Just("other"),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|pairs| Value::Object(
                pairs
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect::<Map<_, _>>()
            )),
        ]
    })
}

/// Every path to a node in `value`, as steps.
fn all_paths(value: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(
        prefix
            .iter()
            .map(|s| match s {
                Step::Key(k) => Step::Key(k.clone()),
                Step::Index(i) => Step::Index(*i),
            })
            .collect(),
    );
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                prefix.push(Step::Key(k.clone()));
                all_paths(v, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                prefix.push(Step::Index(i));
                all_paths(v, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter()
        .try_fold(value, |node, step| match (step, node) {
            (Step::Key(k), Value::Object(map)) => map.get_mut(k),
            (Step::Index(i), Value::Array(items)) => items.get_mut(*i),
            _ => None,
        })
}

fn sample() -> Value {
    let text = common::read_text("samples/articles.json");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics_and_errors_point_into_the_input(value in json_value()) {
        check(&value)?;
        // The same value as a collection's only article, and as a collection body.
        check(&serde_json::json!({"version": 1, "articles": [value.clone()]}))?;
        let mut article = serde_json::json!({"version": 1, "id": "a", "title": "t", "published": "2025-01-01"});
        article["body"] = value;
        check(&article)?;
    }

    #[test]
    fn mutated_sample_collections_never_panic_and_errors_point_into_the_input(
        picks in prop::collection::vec((any::<prop::sample::Index>(), json_value(), any::<bool>()), 1..6)
    ) {
        let mut value = sample();
        for (pick, replacement, delete) in picks {
            let mut paths = Vec::new();
            all_paths(&value, &mut Vec::new(), &mut paths);
            let path = &paths[pick.index(paths.len())];
            if delete && !path.is_empty() {
                let (last, parent) = path.split_last().map_or((None, &path[..0]), |(l, p)| (Some(l), p));
                match (node_mut(&mut value, parent), last) {
                    (Some(Value::Object(map)), Some(Step::Key(k))) => { map.remove(k); }
                    (Some(Value::Array(items)), Some(Step::Index(i))) if *i < items.len() => { items.remove(*i); }
                    _ => {}
                }
            } else if let Some(node) = node_mut(&mut value, path) {
                *node = replacement;
            }
        }
        check(&value)?;
    }
}

#[test]
fn paths_read_as_they_always_have() {
    let path = ErrorPath(vec![
        Segment::Field("articles"),
        Segment::Index(3),
        Segment::Id("kursk.1".into()),
        Segment::Field("body"),
        Segment::Index(5),
        Segment::Field("text"),
        Segment::Index(0),
        Segment::Field("href"),
    ]);
    assert_eq!(
        path.to_string(),
        "articles[3] (id \"kursk.1\").body[5].text[0].href"
    );
    assert_eq!(steps(&path).len(), 7, "the id is not a step into the JSON");
    let single = ErrorPath(vec![
        Segment::Article,
        Segment::Id("a\"b".into()),
        Segment::Field("title"),
    ]);
    assert_eq!(single.to_string(), "article (id \"a\\\"b\").title");
    assert_eq!(steps(&single), [Step::Key("title".into())]);
}

/// Runs the chunked reader to the end, counting its steps.
fn read_in_chunks(text: &str) -> (Result<article_viewer::format::Parsed, FormatError>, usize) {
    use article_viewer::format::{ChunkedReader, Step};
    let mut reader = ChunkedReader::new(text.to_owned());
    let mut steps = 0;
    loop {
        steps += 1;
        match reader.step() {
            Step::Working(progress) => assert!(progress.percent <= 100),
            Step::Done(result) => return (result, steps),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_chunked_reader_agrees_with_the_one_go_reader(value in json_value()) {
        let fine_item = serde_json::json!({"id": "a", "title": "t", "date_published": "2025-01-01T00:00:00Z"});
        for text in [
            value.to_string(),
            serde_json::json!({"version": 1, "title": "T", "articles": [value.clone(), {"id": "a", "title": "t", "published": "2025-01-01", "body": []}]}).to_string(),
            // A feed whose own fields come after its items.
            serde_json::json!({"items": [value.clone(), fine_item], "version": "https://jsonfeed.org/version/1.1", "title": value.clone()}).to_string(),
        ] {
            prop_assert_eq!(read_in_chunks(&text).0, read_whole(&text), "{}", text);
        }
    }
}

#[test]
fn the_chunked_reader_agrees_on_samples_corpus_and_generated_files() {
    let mut texts: Vec<String> = Vec::new();
    for dir in [
        "samples",
        "tests/fixtures",
        "tests/fixtures/hostile",
        "samples/feeds",
    ] {
        let path = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(&path).into_iter().flatten().flatten() {
            if entry.path().extension().is_some_and(|e| e == "json") {
                if let Ok(bytes) = std::fs::read(entry.path()) {
                    texts.push(String::from_utf8_lossy(&bytes).into_owned());
                }
            }
        }
    }
    assert!(texts.len() >= 20);
    texts.push(format!(
        "  {}  ",
        article_viewer::generate::collection(5000, 3)
    ));
    texts.push(
        r#"{"articles": [{"id": "a"}], "version": 1, "title": "keys after the articles"}"#
            .to_owned(),
    );
    texts.push(r#"{"version": 1, "articles": []}"#.to_owned());
    texts.push(r#"{"version": 1, "articles": [1, 2,]}"#.to_owned());
    // A large feed, its own fields after its items, many items sharing an id.
    let items: Vec<serde_json::Value> = (0..20_000)
        .map(|i| serde_json::json!({"id": format!("same {}", i % 3), "content_text": format!("Item {i}."), "date_published": "2025-04-08T10:00:00Z"}))
        .collect();
    let feed = serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "items": items, "title": "After", "authors": [{"name": "A. Writer"}], "language": "en"});
    texts.push(feed.to_string());
    for text in &texts {
        assert_eq!(read_in_chunks(text).0, read_whole(text));
        assert_eq!(read_in_chunks(text).0, parse_collection(text));
    }
    let (feed, steps) = read_in_chunks(&texts[texts.len() - 1]);
    let feed = feed.unwrap_or_else(|e| panic!("{e}"));
    assert!(steps >= 20, "a large feed takes several steps ({steps})");
    assert_eq!(feed.collection.articles.len(), 20_000);
    assert_eq!(feed.collection.articles[0].byline, ["A. Writer"]);
    assert_eq!(feed.collection.title.as_deref(), Some("After"));
    let (result, steps) = read_in_chunks(&texts[texts.len() - 5]);
    assert!(
        result.is_ok() && steps >= 5,
        "a large file takes several steps ({steps})"
    );
}
