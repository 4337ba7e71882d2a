//! Native tests of article format version 1: every block type, every validation rule (one test
//! per rule, with the exact error path), both date forms, and the bundled sample collection.

mod common;

use article_viewer::date::Timestamp;
use article_viewer::format::{parse_body_file, parse_collection, FormatError, Parsed, Problem};
use article_viewer::model::{Block, Body, HeadingLevel, Inline, LanguageTag, RegionPath, Span};
use serde_json::{json, Value};

fn valid_article() -> Value {
    json!({
        "id": "kursk-1",
        "title": "A title",
        "published": "2025-04-08",
        "body": [{"type": "paragraph", "text": "Hello."}]
    })
}

fn collection_of(articles: Vec<Value>) -> String {
    json!({"version": 1, "articles": articles}).to_string()
}

fn parse(text: &str) -> Parsed {
    match parse_collection(text) {
        Ok(parsed) => parsed,
        Err(error) => panic!("expected the file to parse, got: {error}"),
    }
}

/// Parses a collection holding `valid_article()` changed by `edit` at index 1 (after one valid
/// article), and returns the single skip reason.
fn skip_reason(edit: impl FnOnce(&mut Value)) -> Problem {
    let mut other = valid_article();
    other["id"] = json!("first");
    let mut article = valid_article();
    edit(&mut article);
    let parsed = parse(&collection_of(vec![other, article]));
    assert_eq!(
        parsed.collection.articles.len(),
        1,
        "the valid article still loads"
    );
    assert_eq!(
        parsed.skipped.len(),
        1,
        "exactly one article is skipped: {:?}",
        parsed.skipped
    );
    parsed.skipped[0].clone()
}

fn assert_skip(edit: impl FnOnce(&mut Value), path: &str, message_part: &str) {
    let problem = skip_reason(edit);
    assert_eq!(problem.path, path, "{problem}");
    assert!(
        problem.message.contains(message_part),
        "message {:?} lacks {message_part:?}",
        problem.message
    );
}

fn file_error(text: &str) -> FormatError {
    match parse_collection(text) {
        Ok(parsed) => panic!("expected an error, got {parsed:?}"),
        Err(error) => error,
    }
}

fn blocks_of(body: Value) -> (Vec<Block>, Vec<Problem>) {
    let mut article = valid_article();
    article["body"] = body;
    let parsed = parse(&collection_of(vec![article]));
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    match &parsed.collection.articles[0].body {
        Body::Blocks(blocks) => (blocks.clone(), parsed.notices),
        Body::Remote(_) => panic!("expected inline blocks"),
    }
}

// ---- file level -------------------------------------------------------------------------

#[test]
fn a_collection_with_title_and_language() {
    let text =
        json!({"version": 1, "title": "News", "language": "en-GB", "articles": [valid_article()]})
            .to_string();
    let parsed = parse(&text);
    assert_eq!(parsed.collection.title.as_deref(), Some("News"));
    assert_eq!(
        parsed.collection.language.as_ref().map(|l| l.as_str()),
        Some("en-GB")
    );
    assert_eq!(parsed.collection.articles[0].id, "kursk-1");
}

#[test]
fn a_single_article_file() {
    let mut article = valid_article();
    article["version"] = json!(1);
    let parsed = parse(&article.to_string());
    assert_eq!(parsed.collection.articles.len(), 1);
    assert_eq!(parsed.collection.articles[0].title, "A title");
}

#[test]
fn a_single_article_with_an_error_names_the_article() {
    let mut article = valid_article();
    article["version"] = json!(1);
    article["url"] = json!("javascript:alert(1)");
    let FormatError::Invalid(problem) = file_error(&article.to_string()) else {
        panic!("wrong error kind")
    };
    assert_eq!(problem.path, "article (id \"kursk-1\").url");
    assert!(problem.message.contains("javascript: URLs are not allowed"));
}

#[test]
fn version_is_required() {
    let error = file_error(&json!({"articles": []}).to_string());
    assert!(
        matches!(&error, FormatError::Invalid(p) if p.path == "version" && p.message.contains("missing")),
        "{error}"
    );
}

#[test]
fn version_2_is_refused() {
    let error = file_error(&json!({"version": 2, "articles": []}).to_string());
    assert_eq!(
        error.to_string(),
        "version: version 2 is not supported: this viewer reads version 1"
    );
}

#[test]
fn version_as_a_string_is_refused() {
    let error = file_error(&json!({"version": "1", "articles": []}).to_string());
    assert_eq!(
        error.to_string(),
        "version: must be the number 1, not the string \"1\""
    );
}

#[test]
fn a_top_level_array_is_refused() {
    let error = file_error("[]");
    assert!(
        error.to_string().contains("must be a JSON object"),
        "{error}"
    );
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(file_error("  \n"), FormatError::Empty);
}

#[test]
fn not_json_reports_line_and_column() {
    let error = file_error("{\n  \"version\": 1,\n  \"articles\": [,]\n}");
    match error {
        FormatError::NotJson { line, column, .. } => assert_eq!((line, column), (3, 16)),
        other => panic!("wrong error: {other}"),
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", collection_of(vec![valid_article()]));
    assert_eq!(parse(&text).collection.articles.len(), 1);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(matches!(file_error(&text), FormatError::NotJson { .. }));
}

#[test]
fn articles_must_be_an_array() {
    let error = file_error(&json!({"version": 1, "articles": {}}).to_string());
    assert_eq!(
        error.to_string(),
        "articles: must be an array, not an object"
    );
}

#[test]
fn an_article_that_is_not_an_object_is_skipped() {
    let parsed = parse(&json!({"version": 1, "articles": [valid_article(), 5]}).to_string());
    assert_eq!(parsed.skipped[0].path, "articles[1]");
}

#[test]
fn unknown_fields_are_ignored() {
    let mut article = valid_article();
    article["mood"] = json!("cheerful");
    article["body"][0]["colour"] = json!("red");
    assert!(parse(&collection_of(vec![article])).skipped.is_empty());
}

// ---- one test per article rule -----------------------------------------------------------

#[test]
fn id_is_required() {
    assert_skip(
        |a| {
            a.as_object_mut().map(|o| o.remove("id"));
        },
        "articles[1].id",
        "is required",
    );
}

#[test]
fn id_must_be_a_string() {
    assert_skip(
        |a| a["id"] = json!(7),
        "articles[1].id",
        "must be a string, not the number 7",
    );
}

#[test]
fn id_must_be_link_safe() {
    assert_skip(
        |a| a["id"] = json!("kursk 1"),
        "articles[1] (id \"kursk 1\").id",
        "contains ' '",
    );
}

#[test]
fn id_has_a_length_limit() {
    assert_skip(
        |a| a["id"] = json!("x".repeat(129)),
        &format!("articles[1] (id \"{}\").id", "x".repeat(40)),
        "limit is 128",
    );
}

#[test]
fn ids_are_unique() {
    let parsed = parse(&collection_of(vec![valid_article(), valid_article()]));
    assert_eq!(parsed.collection.articles.len(), 1);
    assert_eq!(parsed.skipped[0].path, "articles[1] (id \"kursk-1\").id");
    assert!(parsed.skipped[0]
        .message
        .contains("articles[0] already uses it"));
}

#[test]
fn title_is_required() {
    assert_skip(
        |a| a["title"] = Value::Null,
        "articles[1] (id \"kursk-1\").title",
        "is required",
    );
}

#[test]
fn title_must_not_be_blank() {
    assert_skip(
        |a| a["title"] = json!("  "),
        "articles[1] (id \"kursk-1\").title",
        "must not be empty",
    );
}

#[test]
fn standfirst_must_be_a_string() {
    assert_skip(
        |a| a["standfirst"] = json!(["x"]),
        "articles[1] (id \"kursk-1\").standfirst",
        "must be a string, not an array",
    );
}

#[test]
fn published_is_required() {
    assert_skip(
        |a| {
            a.as_object_mut().map(|o| o.remove("published"));
        },
        "articles[1] (id \"kursk-1\").published",
        "is required",
    );
}

#[test]
fn published_must_be_a_real_date() {
    assert_skip(
        |a| a["published"] = json!("2025-02-30"),
        "articles[1] (id \"kursk-1\").published",
        "February 2025 has 28 days",
    );
    assert_skip(
        |a| a["published"] = json!("2025-13-01"),
        "articles[1] (id \"kursk-1\").published",
        "no month 13",
    );
    assert_skip(
        |a| a["published"] = json!("yesterday"),
        "articles[1] (id \"kursk-1\").published",
        "use YYYY-MM-DD",
    );
}

#[test]
fn published_date_time_needs_an_offset() {
    assert_skip(
        |a| a["published"] = json!("2025-04-08T10:00:00"),
        "articles[1] (id \"kursk-1\").published",
        "no UTC offset",
    );
}

#[test]
fn updated_must_not_precede_published() {
    assert_skip(
        |a| a["updated"] = json!("2025-04-07"),
        "articles[1] (id \"kursk-1\").updated",
        "before the publication date",
    );
}

#[test]
fn byline_entries_must_be_strings() {
    assert_skip(
        |a| a["byline"] = json!(["Ella", 3]),
        "articles[1] (id \"kursk-1\").byline[1]",
        "must be a string",
    );
}

#[test]
fn tags_must_be_an_array() {
    assert_skip(
        |a| a["tags"] = json!("news"),
        "articles[1] (id \"kursk-1\").tags",
        "must be an array",
    );
}

#[test]
fn language_must_be_bcp47() {
    assert_skip(
        |a| a["language"] = json!("English"),
        "articles[1] (id \"kursk-1\").language",
        "not a BCP 47",
    );
}

#[test]
fn url_scheme_is_checked() {
    assert_skip(
        |a| a["url"] = json!(" JavaScript:alert(1)"),
        "articles[1] (id \"kursk-1\").url",
        "javascript: URLs are not allowed",
    );
}

#[test]
fn source_needs_a_name() {
    assert_skip(
        |a| a["source"] = json!({"url": "https://lbc.co.uk"}),
        "articles[1] (id \"kursk-1\").source.name",
        "is required",
    );
}

#[test]
fn source_url_is_checked() {
    assert_skip(
        |a| a["source"] = json!({"name": "X", "url": "data:text/html,hi"}),
        "articles[1] (id \"kursk-1\").source.url",
        "data: URLs are not allowed",
    );
}

#[test]
fn regions_have_no_empty_segments() {
    assert_skip(
        |a| a["regions"] = json!(["Europe/Russia", "Europe//Kursk"]),
        "articles[1] (id \"kursk-1\").regions[1]",
        "empty name at position 2",
    );
}

#[test]
fn image_needs_alt() {
    assert_skip(
        |a| a["image"] = json!({"src": "a.svg"}),
        "articles[1] (id \"kursk-1\").image.alt",
        "is required",
    );
}

#[test]
fn image_src_is_checked() {
    assert_skip(
        |a| a["image"] = json!({"src": "vbscript:x", "alt": ""}),
        "articles[1] (id \"kursk-1\").image.src",
        "vbscript: URLs are not allowed",
    );
}

#[test]
fn image_src_may_not_be_mailto() {
    assert_skip(
        |a| a["image"] = json!({"src": "mailto:a@b.c", "alt": ""}),
        "articles[1] (id \"kursk-1\").image.src",
        "only allowed for links",
    );
}

#[test]
fn image_dimensions_are_positive_integers() {
    assert_skip(
        |a| a["image"] = json!({"src": "a.svg", "alt": "", "width": -3}),
        "articles[1] (id \"kursk-1\").image.width",
        "whole number of pixels",
    );
    assert_skip(
        |a| a["image"] = json!({"src": "a.svg", "alt": "", "height": 1.5}),
        "articles[1] (id \"kursk-1\").image.height",
        "whole number of pixels",
    );
}

#[test]
fn body_is_required_without_body_url() {
    assert_skip(
        |a| {
            a.as_object_mut().map(|o| o.remove("body"));
        },
        "articles[1] (id \"kursk-1\").body",
        "is required",
    );
}

#[test]
fn body_url_is_checked() {
    assert_skip(
        |a| {
            a.as_object_mut().map(|o| o.remove("body"));
            a["body_url"] = json!("javascript:x");
        },
        "articles[1] (id \"kursk-1\").body_url",
        "javascript: URLs are not allowed",
    );
}

#[test]
fn body_url_instead_of_body() {
    let mut article = valid_article();
    article.as_object_mut().map(|o| o.remove("body"));
    article["body_url"] = json!("bodies/kursk-1.json");
    let parsed = parse(&collection_of(vec![article]));
    assert!(
        matches!(&parsed.collection.articles[0].body, Body::Remote(url) if url.as_str() == "bodies/kursk-1.json")
    );
}

#[test]
fn a_stated_reading_time_stands_in_for_a_body_loaded_later_and_is_checked() {
    let mut remote = valid_article();
    remote.as_object_mut().map(|o| o.remove("body"));
    remote["body_url"] = json!("bodies/kursk-1.json");
    remote["reading_minutes"] = json!(7);
    let mut inline = valid_article();
    inline["id"] = json!("inline");
    inline["reading_minutes"] = json!(70);
    let parsed = parse(&collection_of(vec![remote, inline]));
    let minutes: Vec<_> = parsed
        .collection
        .articles
        .iter()
        .map(|a| (a.id.as_str().to_owned(), a.reading_minutes()))
        .collect();
    assert_eq!(minutes[0], ("kursk-1".to_owned(), Some(7)));
    assert_ne!(
        minutes[1].1,
        Some(70),
        "a body given is counted, not the stated time"
    );
    assert_skip(
        |a| a["reading_minutes"] = json!(0),
        "articles[1] (id \"kursk-1\").reading_minutes",
        "whole number of minutes from 1 to 10000",
    );
}

#[test]
fn a_block_needs_a_type() {
    assert_skip(
        |a| a["body"] = json!([{"text": "x"}]),
        "articles[1] (id \"kursk-1\").body[0].type",
        "is required",
    );
}

#[test]
fn span_href_is_checked() {
    assert_skip(
        |a| a["body"] = json!([{"type": "paragraph", "text": "ok"}, {"type": "paragraph", "text": ["a", {"text": "b", "href": "javascript:alert(1)"}]}]),
        "articles[1] (id \"kursk-1\").body[1].text[1].href",
        "javascript: URLs are not allowed",
    );
}

#[test]
fn heading_level_is_2_or_3() {
    assert_skip(
        |a| a["body"] = json!([{"type": "heading", "text": "x", "level": 1}]),
        "articles[1] (id \"kursk-1\").body[0].level",
        "must be 2 or 3",
    );
}

#[test]
fn list_items_must_not_be_empty() {
    assert_skip(
        |a| a["body"] = json!([{"type": "list", "items": []}]),
        "articles[1] (id \"kursk-1\").body[0].items",
        "at least one item",
    );
}

#[test]
fn link_block_url_is_checked() {
    assert_skip(
        |a| a["body"] = json!([{"type": "link", "text": "x", "url": "file:///etc/passwd"}]),
        "articles[1] (id \"kursk-1\").body[0].url",
        "file: URLs are not allowed",
    );
}

#[test]
fn paragraph_text_must_not_be_empty() {
    assert_skip(
        |a| a["body"] = json!([{"type": "paragraph", "text": ""}]),
        "articles[1] (id \"kursk-1\").body[0].text",
        "must not be empty",
    );
}

// ---- blocks ------------------------------------------------------------------------------

#[test]
fn every_block_type() {
    let (blocks, notices) = blocks_of(json!([
        {"type": "paragraph", "text": ["Plain ", {"text": "bold", "strong": true}, {"text": "it", "em": true}, {"text": "link", "href": "mailto:a@b.c"}]},
        {"type": "heading", "text": "Section"},
        {"type": "heading", "text": "Sub", "level": 3},
        {"type": "image", "src": "images/a.svg", "alt": "A", "caption": "Cap", "credit": "Getty", "width": 1200, "height": 675},
        {"type": "pullquote", "text": "Quote", "attribution": "Someone"},
        {"type": "quote", "text": "Said", "cite": "Source"},
        {"type": "list", "ordered": true, "items": ["one", ["two"]]},
        {"type": "link", "text": "More", "url": "https://example.com", "label": "Read more"}
    ]));
    assert!(notices.is_empty());
    assert_eq!(blocks.len(), 8);
    assert_eq!(
        blocks[0],
        Block::Paragraph(Inline(vec![
            Span {
                text: "Plain ".into(),
                ..Span::default()
            },
            Span {
                text: "bold".into(),
                strong: true,
                ..Span::default()
            },
            Span {
                text: "it".into(),
                em: true,
                ..Span::default()
            },
            Span {
                text: "link".into(),
                href: article_viewer::model::SafeUrl::parse(
                    "mailto:a@b.c",
                    article_viewer::model::UrlUse::Link
                )
                .ok(),
                ..Span::default()
            },
        ]))
    );
    assert_eq!(
        blocks[1],
        Block::Heading {
            text: "Section".into(),
            level: HeadingLevel::Two
        }
    );
    assert_eq!(
        blocks[2],
        Block::Heading {
            text: "Sub".into(),
            level: HeadingLevel::Three
        }
    );
    assert!(
        matches!(&blocks[3], Block::Image(i) if i.credit.as_deref() == Some("Getty") && i.width == Some(1200))
    );
    assert!(matches!(&blocks[4], Block::PullQuote { attribution: Some(a), .. } if a == "Someone"));
    assert!(matches!(&blocks[5], Block::Quote { cite: Some(c), .. } if c == "Source"));
    assert!(matches!(&blocks[6], Block::List { ordered: true, items } if items.len() == 2));
    assert!(matches!(&blocks[7], Block::Link { label: Some(l), .. } if l == "Read more"));
}

#[test]
fn unknown_block_types_are_skipped_with_a_notice() {
    let (blocks, notices) =
        blocks_of(json!([{"type": "video", "src": "x"}, {"type": "paragraph", "text": "kept"}]));
    assert_eq!(blocks.len(), 1);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].path, "articles[0] (id \"kursk-1\").body[0].type");
    assert!(notices[0].message.contains("unknown block type \"video\""));
}

#[test]
fn thousands_of_unknown_blocks_are_named_twenty_times_and_counted_once() {
    let mut body: Vec<serde_json::Value> = (0..5_000)
        .map(|i| json!({"type": format!("widget-{}", i % 7)}))
        .collect();
    body.push(json!({"type": "paragraph", "text": "kept"}));
    let (blocks, notices) = blocks_of(serde_json::Value::Array(body));
    assert_eq!(blocks.len(), 1);
    let max = article_viewer::format::blocks::MAX_UNKNOWN_BLOCK_NOTICES;
    assert_eq!(notices.len(), max + 1);
    assert_eq!(
        notices[max - 1].path.to_string(),
        format!("articles[0] (id \"kursk-1\").body[{}].type", max - 1)
    );
    assert_eq!(notices[max].path, "articles[0] (id \"kursk-1\").body");
    assert_eq!(
        notices[max].message,
        format!(
            "{} more blocks of unknown types were skipped, not listed",
            5_000 - max
        )
    );
}

#[test]
fn body_file() {
    let (blocks, notices) =
        match parse_body_file(r#"{"version": 1, "body": [{"type": "paragraph", "text": "x"}]}"#) {
            Ok(ok) => ok,
            Err(e) => panic!("{e}"),
        };
    assert_eq!((blocks.len(), notices.len()), (1, 0));
    let error = parse_body_file(
        r#"{"version": 1, "body": [{"type": "link", "text": "x", "url": "javascript:1"}]}"#,
    );
    assert!(matches!(error, Err(FormatError::Invalid(p)) if p.path == "body[0].url"));
}

// ---- dates -------------------------------------------------------------------------------

#[test]
fn both_date_forms() {
    let day = Timestamp::parse("2025-04-08").ok();
    assert_eq!(
        day.map(|d| (d.to_machine(), d.to_human())),
        Some(("2025-04-08".into(), "8 April 2025".into()))
    );
    let moment = Timestamp::parse("2025-04-08T23:30:00.250-05:00").ok();
    assert_eq!(
        moment.map(|d| d.to_machine()),
        Some("2025-04-08T23:30:00-05:00".into())
    );
    assert_eq!(
        moment.map(|d| d.date.to_string()),
        Some("2025-04-08".into()),
        "the calendar date is in the article's own offset"
    );
    assert_eq!(
        moment.map(|d| d.to_human()),
        Some("8 April 2025, 23:30 (UTC-05:00)".into())
    );
    assert_eq!(
        Timestamp::parse("2025-04-08T10:00:00Z").map(|d| d.epoch_seconds()),
        Ok(1_744_106_400)
    );
}

#[test]
fn updated_on_the_same_day_as_a_timed_publication_is_fine() {
    let mut article = valid_article();
    article["published"] = json!("2025-04-08T10:00:00+01:00");
    article["updated"] = json!("2025-04-08");
    assert!(parse(&collection_of(vec![article])).skipped.is_empty());
}

// ---- the sample collection ---------------------------------------------------------------

#[test]
fn the_sample_collection_is_valid_and_holds_the_seed_article() {
    let text = common::read_text("samples/articles.json");
    let parsed = parse(&text);
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    assert!(parsed.notices.is_empty(), "{:?}", parsed.notices);
    let Some(seed) = parsed
        .collection
        .find("zelenskyy-second-russian-border-region")
    else {
        panic!("seed article missing")
    };
    assert!(seed
        .title
        .starts_with("'War must return where it came from'"));
    assert_eq!(
        seed.published.map(|p| p.to_machine()).as_deref(),
        Some("2025-04-08")
    );
    assert_eq!(seed.byline, ["Ella Bennett"]);
    assert_eq!(seed.source.as_ref().map(|s| s.name.as_str()), Some("LBC"));
    let regions: Vec<String> = seed.regions.iter().map(RegionPath::to_string).collect();
    for region in [
        "Europe/Russia/Kursk Oblast",
        "Europe/Russia/Belgorod Oblast",
        "Europe/Ukraine/Sumy Oblast",
        "Europe/Ukraine/Kharkiv Oblast",
        "Europe/United Kingdom",
    ] {
        assert!(regions.iter().any(|r| r == region), "{region} missing");
    }
    let Body::Blocks(blocks) = &seed.body else {
        panic!("seed body must be inline")
    };
    let images: Vec<_> = std::iter::once(seed.image.clone())
        .flatten()
        .chain(blocks.iter().filter_map(|b| {
            if let Block::Image(i) = b {
                Some(i.clone())
            } else {
                None
            }
        }))
        .collect();
    assert_eq!(images.len(), 3, "three photos");
    for image in &images {
        assert_eq!(image.credit.as_deref(), Some("Getty"));
        let caption = image.caption.as_deref().unwrap_or_default();
        assert!(
            !caption.is_empty() && !caption.contains("Picture:"),
            "credit kept apart from {caption:?}"
        );
    }
    let paragraphs = blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(_)))
        .count();
    assert_eq!(paragraphs, 15, "all the seed's paragraphs");
    assert!(
        blocks
            .iter()
            .filter(|b| matches!(b, Block::PullQuote { .. }))
            .count()
            >= 2
    );
    assert!(blocks
        .iter()
        .any(|b| matches!(b, Block::Link { text, .. } if text.starts_with("James O'Brien"))));
}

#[test]
fn the_complete_example_in_the_docs_is_valid() {
    let docs = common::read_text("docs/format.md");
    let example = docs
        .split("## A complete example")
        .nth(1)
        .and_then(|rest| rest.split("```json").nth(1))
        .and_then(|rest| rest.split("```").next())
        .unwrap_or_default();
    let parsed = parse(example);
    assert_eq!(parsed.collection.articles.len(), 2);
    assert!(
        parsed.skipped.is_empty() && parsed.notices.is_empty(),
        "{:?} {:?}",
        parsed.skipped,
        parsed.notices
    );
}

#[test]
fn relative_urls_are_resolved_against_their_file() {
    let mut article = valid_article();
    article["image"] = json!({"src": "images/a.svg", "alt": ""});
    article["url"] = json!("https://example.com/a");
    let parsed = parse(&collection_of(vec![article]));
    let collection = parsed.collection.resolved_against("archive/2025.json");
    let article = &collection.articles[0];
    assert_eq!(
        article.image.as_ref().map(|i| i.src.as_str()),
        Some("archive/images/a.svg")
    );
    assert_eq!(
        article.url.as_ref().map(|u| u.as_str()),
        Some("https://example.com/a")
    );
}

#[test]
fn resolving_against_a_relative_file_is_undone_exactly() {
    // The sample collection and its split form: every URL of every article (images, links,
    // bodies) resolved against a published page's root and back again is the URL as read.
    for file in [
        "samples/articles.json",
        "tests/fixtures/split/collection.json",
    ] {
        let as_read = parse(&common::read_text(file)).collection;
        for base in ["../../articles.json", "./articles.json", "data/2025.json"] {
            let resolved = as_read.clone().resolved_against(base);
            assert_ne!(resolved, as_read, "{file} against {base}: some URL moved");
            assert_eq!(
                resolved.unresolved_from(base),
                as_read,
                "{file} against {base}"
            );
        }
    }
    // URL by URL, kept ones too: absolute, a root path, a query, a fragment, and one that
    // already climbs out of its folder.
    let url = |text: &str| {
        article_viewer::model::SafeUrl::parse(text, article_viewer::model::UrlUse::Link)
            .unwrap_or_else(|e| panic!("{text}: {e:?}"))
    };
    for text in [
        "images/a.svg",
        "../up.svg",
        "./here.svg",
        "https://example.com/a",
        "/root.svg",
        "?q=1",
        "#top",
    ] {
        let resolved = url(text).relative_to("../../");
        assert_eq!(resolved.unresolved_from("../../").as_str(), text);
    }
    assert_eq!(
        url("../../x.svg").unresolved_from("../../").as_str(),
        "x.svg"
    );
}

#[test]
fn the_sample_collection_covers_places_times_and_languages() {
    let text = common::read_text("samples/articles.json");
    let articles = parse(&text).collection.articles;
    assert!(articles.len() >= 24);
    for article in articles
        .iter()
        .filter(|a| a.id != "zelenskyy-second-russian-border-region")
    {
        assert_eq!(
            article.source.as_ref().map(|s| s.name.as_str()),
            Some("Sample"),
            "{} is labelled fictional",
            article.id
        );
    }
    let months: std::collections::BTreeSet<_> = articles
        .iter()
        .filter_map(|a| a.published.map(|p| (p.date.year, p.date.month)))
        .collect();
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        panic!("no dates")
    };
    assert!(
        (last.0 - first.0) * 12 + i32::from(last.1) - i32::from(first.1) >= 12,
        "spans at least 12 months"
    );
    let regions: std::collections::BTreeSet<String> = articles
        .iter()
        .flat_map(|a| a.regions.iter().map(ToString::to_string))
        .collect();
    assert!(regions.len() >= 10);
    let continents: std::collections::BTreeSet<&str> = articles
        .iter()
        .flat_map(|a| a.regions.iter().map(|r| r.segments()[0].as_str()))
        .collect();
    assert!(continents.len() >= 4);
    assert!(
        articles
            .iter()
            .any(|a| a.regions.iter().any(|r| r.segments().len() >= 3)),
        "nested paths"
    );
    assert!(
        articles.iter().any(|a| a.regions.len() >= 2),
        "some in several regions"
    );
    assert!(
        articles.iter().any(|a| a.regions.is_empty()),
        "some in none"
    );
    assert!(
        articles.iter().any(|a| a
            .language
            .as_ref()
            .is_some_and(LanguageTag::is_right_to_left)),
        "one right to left"
    );
}

#[test]
fn generated_collections_are_valid_and_deterministic() {
    let first = article_viewer::generate::collection(300, 5).to_string();
    assert_eq!(
        first,
        article_viewer::generate::collection(300, 5).to_string()
    );
    assert_ne!(
        first,
        article_viewer::generate::collection(300, 6).to_string()
    );
    let parsed = parse(&first);
    assert_eq!(parsed.collection.articles.len(), 300);
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
}

// ---- stated limits (docs/format.md, "Limits") ---------------------------------------------

#[test]
fn texts_beyond_the_limit_are_refused_with_their_length() {
    let at_limit = "a".repeat(article_viewer::format::MAX_TEXT_CHARS);
    let mut article = valid_article();
    article["title"] = json!(at_limit);
    article["standfirst"] = json!("é".repeat(article_viewer::format::MAX_TEXT_CHARS));
    assert!(
        parse(&collection_of(vec![article])).skipped.is_empty(),
        "at the limit is fine"
    );
    assert_skip(
        |a| a["title"] = json!("b".repeat(30_000)),
        "articles[1] (id \"kursk-1\").title",
        "30,000 characters; the limit is 10,000",
    );
    assert_skip(
        |a| a["body"] = json!([{"type": "heading", "text": "h".repeat(10_001)}]),
        "articles[1] (id \"kursk-1\").body[0].text",
        "10,001 characters; the limit is 10,000",
    );
}

#[test]
fn region_paths_and_region_lists_have_limits() {
    let deep = vec!["Place"; 33].join("/");
    assert_skip(
        |a| a["regions"] = json!([deep]),
        "articles[1] (id \"kursk-1\").regions[0]",
        "this region path has 33 names; the limit is 32",
    );
    let mut article = valid_article();
    article["regions"] = json!([vec!["Place"; 32].join("/")]);
    assert!(
        parse(&collection_of(vec![article])).skipped.is_empty(),
        "32 names are fine"
    );
    assert_skip(
        |a| a["regions"] = json!([format!("Europe/{}", "x".repeat(201))]),
        "articles[1] (id \"kursk-1\").regions[0]",
        "a name of 201 characters; the limit is 200",
    );
    let many: Vec<String> = (0..101).map(|i| format!("Region {i}")).collect();
    assert_skip(
        |a| a["regions"] = json!(many),
        "articles[1] (id \"kursk-1\").regions",
        "has 101 regions; the limit is 100",
    );
}

#[test]
fn ids_of_only_dots_are_refused_since_they_name_page_folders() {
    for (id, path) in [
        (".", "articles[1] (id \".\").id"),
        ("..", "articles[1] (id \"..\").id"),
    ] {
        assert_skip(|a| a["id"] = json!(id), path, "only dots");
    }
    let parsed = parse(&collection_of(vec![json!({
        "id": "v1.2", "title": "A title", "published": "2025-04-08", "body": []
    })]));
    assert_eq!(
        parsed.collection.articles[0].id, "v1.2",
        "dots among other characters are fine"
    );
}
