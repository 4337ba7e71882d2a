//! The hostile and broken corpus in `tests/fixtures/hostile/`: each file's expected outcome is in
//! `expected.json` (articles kept, the path of each article left out, or the file's error), and
//! text that looks like HTML renders as text. Also 100,000 articles, generated here.

mod common;

use article_viewer::format::{parse_collection, parse_collection_bytes};
use serde_json::Value;

const DIR: &str = "tests/fixtures/hostile";

fn expected() -> serde_json::Map<String, Value> {
    let text = common::read_text(&format!("{DIR}/expected.json"));
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => map,
        _ => panic!("expected.json is missing or not an object"),
    }
}

#[test]
fn every_file_in_the_corpus_has_an_expected_outcome() {
    let expected = expected();
    let mut files: Vec<String> = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile"
    ))
    .map(|dir| {
        dir.filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect()
    })
    .unwrap_or_default();
    files.retain(|f| f != "expected.json");
    files.sort();
    assert!(files.len() >= 16, "{files:?}");
    for file in &files {
        assert!(
            expected.contains_key(file),
            "{file} has no expected outcome"
        );
    }
}

#[test]
fn each_file_gives_its_expected_outcome() {
    for (file, want) in expected() {
        let bytes = common::read_bytes(&format!("{DIR}/{file}"));
        let result = parse_collection_bytes(&bytes);
        match (want.get("error").and_then(Value::as_str), result) {
            (Some(error), Err(got)) => assert!(
                got.to_string().contains(error),
                "{file}: {got} lacks {error:?}"
            ),
            (Some(error), Ok(_)) => panic!("{file}: expected the error {error:?}"),
            (None, Err(got)) => panic!("{file}: unexpected error {got}"),
            (None, Ok(parsed)) => {
                let articles = want.get("articles").and_then(Value::as_u64).unwrap_or(0);
                assert_eq!(parsed.collection.articles.len() as u64, articles, "{file}");
                let paths: Vec<String> =
                    parsed.skipped.iter().map(|p| p.path.to_string()).collect();
                let want_paths: Vec<&str> = want
                    .get("skipped")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                assert_eq!(paths, want_paths, "{file}: {:?}", parsed.skipped);
                let notices = want.get("notices").and_then(Value::as_u64).unwrap_or(0);
                assert_eq!(parsed.notices.len() as u64, notices, "{file}");
            }
        }
    }
}

#[test]
fn every_disguised_url_is_refused_with_its_scheme_named() {
    let bytes = common::read_bytes(&format!("{DIR}/hostile-urls.json"));
    let Ok(parsed) = parse_collection_bytes(&bytes) else {
        panic!("hostile-urls.json must parse")
    };
    // Each article hides one URL; the scheme its message must name, however it is disguised.
    let expected = [
        ("url-javascript", "javascript:"),
        ("source-data", "data:"),
        ("image-vbscript", "vbscript:"),
        ("body-url-mixed-case", "javascript:"),
        ("href-leading-space", "javascript:"),
        ("link-tab-inside", "javascript:"),
        ("block-image-data-svg", "data:"),
        ("href-control-char", "javascript:"),
        ("href-newline", "javascript:"),
        ("image-mailto", "mailto:"),
        ("href-vbscript-upper", "vbscript:"),
    ];
    let kept: Vec<&str> = parsed
        .collection
        .articles
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(kept, ["fine"], "only the article without a bad URL is kept");
    assert_eq!(parsed.skipped.len(), expected.len(), "{:?}", parsed.skipped);
    for (id, scheme) in expected {
        let named = format!("(id \"{id}\")");
        let problem = parsed
            .skipped
            .iter()
            .find(|p| p.path.to_string().contains(&named))
            .unwrap_or_else(|| panic!("{id} was not left out"));
        assert!(problem.message.starts_with(scheme), "{id}: {problem}");
    }
}

#[tokio::test]
async fn html_in_every_text_field_renders_as_text() {
    let text = common::read_text(&format!("{DIR}/script-in-text.json"));
    let Ok(parsed) = parse_collection(&text) else {
        panic!("script-in-text.json must parse")
    };
    let article = parsed.collection.articles[0].clone();
    let html = common::render_article(article).await;
    // Every real tag in the output: none is a script, none carries an event attribute.
    for tag in html
        .split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or_default())
    {
        // Attribute names and tag name only: quoted values are dropped.
        let tag: String = tag.split('"').step_by(2).collect();
        assert!(
            !tag.starts_with("script"),
            "a script element was rendered: <{tag}>"
        );
        assert!(
            !tag.contains("onerror") && !tag.contains("onload"),
            "an event attribute was rendered: <{tag}>"
        );
        assert!(
            !tag.starts_with("img src=x"),
            "an injected image was rendered: <{tag}>"
        );
    }
    let escaped = html
        .matches("&lt;script&gt;window.__pwned=1&lt;/script&gt;")
        .count();
    assert!(
        escaped >= 16,
        "each text field shows the markup as text ({escaped} found)"
    );
}

#[test]
fn invalid_utf8_is_located() {
    let bytes = common::read_bytes(&format!("{DIR}/invalid-utf8.json"));
    let error = parse_collection_bytes(&bytes).err().map(|e| e.to_string());
    assert_eq!(
        error.as_deref(),
        Some("the file is not valid UTF-8 (line 1, column 54): save it as UTF-8")
    );
}

#[test]
fn a_hundred_thousand_articles_parse() {
    let articles: Vec<String> = (0..100_000)
        .map(|i| format!(r#"{{"id":"a{i}","title":"Article {i}","published":"2025-01-01","regions":["Europe/Region {}"],"body":[{{"type":"paragraph","text":"Text."}}]}}"#, i % 50))
        .collect();
    let text = format!(r#"{{"version":1,"articles":[{}]}}"#, articles.join(","));
    let parsed = parse_collection(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.collection.articles.len(), 100_000);
}
