//! Writing the model back as format v1 JSON (the archive's card shards and body files, and what
//! the XML reader's worker hands the viewer): what `format::v1` reads, field for field, so a
//! written article reads back equal to itself. Native, and in the XML reader's WebAssembly only
//! (serde_json never reaches the viewer's own).

use crate::model::{Article, Block, HeadingLevel, Image, Inline, Span};
use serde_json::{json, Map, Value};

/// Inserts `value` under `key` unless it is `None`/empty.
fn put(map: &mut Map<String, Value>, key: &str, value: Value) {
    let empty = match &value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        _ => false,
    };
    if !empty {
        map.insert(key.to_owned(), value);
    }
}

fn image_value(image: &Image) -> Value {
    let mut map = Map::new();
    map.insert("src".into(), json!(image.src.as_str()));
    map.insert("alt".into(), json!(image.alt));
    put(&mut map, "caption", json!(image.caption));
    put(&mut map, "credit", json!(image.credit));
    put(&mut map, "width", json!(image.width));
    put(&mut map, "height", json!(image.height));
    Value::Object(map)
}

fn span_value(span: &Span) -> Value {
    if !span.strong && !span.em && span.href.is_none() {
        return json!(span.text);
    }
    let mut map = Map::new();
    map.insert("text".into(), json!(span.text));
    if span.strong {
        map.insert("strong".into(), json!(true));
    }
    if span.em {
        map.insert("em".into(), json!(true));
    }
    put(
        &mut map,
        "href",
        json!(span.href.as_ref().map(|u| u.as_str())),
    );
    Value::Object(map)
}

fn inline_value(inline: &Inline) -> Value {
    match inline.0.as_slice() {
        [span] if !span.strong && !span.em && span.href.is_none() => json!(span.text),
        spans => Value::Array(spans.iter().map(span_value).collect()),
    }
}

/// One body block.
#[must_use]
pub fn block_value(block: &Block) -> Value {
    match block {
        Block::Paragraph(text) => json!({ "type": "paragraph", "text": inline_value(text) }),
        Block::Heading { text, level } => json!({
            "type": "heading", "text": text,
            "level": match level { HeadingLevel::Two => 2, HeadingLevel::Three => 3 },
        }),
        Block::Image(image) => {
            let mut value = image_value(image);
            if let Value::Object(map) = &mut value {
                map.insert("type".into(), json!("image"));
            }
            value
        }
        Block::PullQuote { text, attribution } => {
            let mut map = Map::new();
            map.insert("type".into(), json!("pullquote"));
            map.insert("text".into(), json!(text));
            put(&mut map, "attribution", json!(attribution));
            Value::Object(map)
        }
        Block::Quote { text, cite } => {
            let mut map = Map::new();
            map.insert("type".into(), json!("quote"));
            map.insert("text".into(), inline_value(text));
            put(&mut map, "cite", json!(cite));
            Value::Object(map)
        }
        Block::List { ordered, items } => json!({
            "type": "list", "ordered": ordered,
            "items": items.iter().map(inline_value).collect::<Vec<_>>(),
        }),
        Block::Link { text, url, label } => {
            let mut map = Map::new();
            map.insert("type".into(), json!("link"));
            map.insert("text".into(), json!(text));
            map.insert("url".into(), json!(url.as_str()));
            put(&mut map, "label", json!(label));
            Value::Object(map)
        }
        Block::Preformatted { text } => json!({ "type": "preformatted", "text": text }),
    }
}

/// A body file: `{"version":1,"body":[…]}`.
#[must_use]
pub fn body_file(blocks: &[Block]) -> Vec<u8> {
    let body: Vec<Value> = blocks.iter().map(block_value).collect();
    json!({ "version": 1, "body": body })
        .to_string()
        .into_bytes()
}

/// An article; its body is `body_url` when given, else its own blocks (a remote body stays
/// remote).
#[must_use]
pub fn article_value(article: &Article, body_url: Option<&str>) -> Value {
    let mut map = Map::new();
    map.insert("id".into(), json!(article.id));
    map.insert("title".into(), json!(article.title));
    put(&mut map, "standfirst", json!(article.standfirst));
    put(
        &mut map,
        "published",
        json!(article.published.map(|t| t.to_machine())),
    );
    put(
        &mut map,
        "updated",
        json!(article.updated.map(|t| t.to_machine())),
    );
    put(&mut map, "byline", json!(article.byline));
    put(&mut map, "tags", json!(article.tags));
    put(
        &mut map,
        "language",
        json!(article.language.as_ref().map(|l| l.as_str())),
    );
    put(
        &mut map,
        "url",
        json!(article.url.as_ref().map(|u| u.as_str())),
    );
    if let Some(source) = &article.source {
        let mut value = Map::new();
        value.insert("name".into(), json!(source.name));
        put(
            &mut value,
            "url",
            json!(source.url.as_ref().map(|u| u.as_str())),
        );
        map.insert("source".into(), Value::Object(value));
    }
    let regions: Vec<String> = article.regions.iter().map(ToString::to_string).collect();
    put(&mut map, "regions", json!(regions));
    if let Some(image) = &article.image {
        map.insert("image".into(), image_value(image));
    }
    if body_url.is_some() || matches!(article.body, crate::model::Body::Remote(_)) {
        put(
            &mut map,
            "reading_minutes",
            json!(article.reading_minutes()),
        );
    }
    match (body_url, &article.body) {
        (Some(url), _) => map.insert("body_url".into(), json!(url)),
        (None, crate::model::Body::Remote(url)) => {
            map.insert("body_url".into(), json!(url.as_str()))
        }
        (None, crate::model::Body::Blocks(blocks)) => map.insert(
            "body".into(),
            Value::Array(blocks.iter().map(block_value).collect()),
        ),
    };
    Value::Object(map)
}

/// A collection of articles (`body_url` gives each one's body file, or `None` to keep it).
#[must_use]
pub fn collection_file(
    title: Option<&str>,
    language: Option<&str>,
    articles: &[(&Article, Option<String>)],
) -> Vec<u8> {
    let mut map = Map::new();
    map.insert("version".into(), json!(1));
    put(&mut map, "title", json!(title));
    put(&mut map, "language", json!(language));
    let items: Vec<Value> = articles
        .iter()
        .map(|(article, body)| article_value(article, body.as_deref()))
        .collect();
    map.insert("articles".into(), Value::Array(items));
    Value::Object(map).to_string().into_bytes()
}

/// A problem as the XML reader's worker hands it over: its path segment by segment (field names
/// as strings, indexes as numbers, `{"id": …}`, `{"article": true}`) and its message.
fn problem_value(problem: &super::Problem) -> Value {
    use super::Segment;
    let path: Vec<Value> = problem
        .path
        .segments()
        .iter()
        .map(|segment| match segment {
            Segment::Field(name) => json!(name),
            Segment::Named(name) => json!(name),
            Segment::Index(index) => json!(index),
            Segment::Article => json!({ "article": true }),
            Segment::Id(id) => json!({ "id": id }),
        })
        .collect();
    json!({ "path": path, "message": problem.message })
}

/// What was left out and noted while reading a file, as `{"skipped": […], "notices": […]}`
/// (read back by [`super::handover::read_problems`]).
#[must_use]
pub fn problems_file(skipped: &[super::Problem], notices: &[super::Problem]) -> String {
    let list = |problems: &[super::Problem]| -> Vec<Value> {
        problems.iter().map(problem_value).collect()
    };
    json!({ "skipped": list(skipped), "notices": list(notices) }).to_string()
}

/// Why a whole file could not be read, as `{"error": kind, …}` (read back by
/// [`super::handover::read_failure`]).
#[must_use]
pub fn failure_file(error: &super::FormatError) -> String {
    use super::FormatError;
    match error {
        FormatError::Empty => json!({ "error": "empty" }),
        FormatError::NotUtf8 { line, column } => {
            json!({ "error": "not-utf8", "line": line, "column": column })
        }
        FormatError::NotJson {
            line,
            column,
            message,
        } => json!({ "error": "not-json", "line": line, "column": column, "message": message }),
        FormatError::NotXml {
            line,
            column,
            message,
        } => json!({ "error": "not-xml", "line": line, "column": column, "message": message }),
        FormatError::Invalid(problem) => {
            json!({ "error": "invalid", "problem": problem_value(problem) })
        }
        FormatError::XmlReader(message) => json!({ "error": "xml-reader", "message": message }),
        // Never from the worker, which reads feeds itself.
        FormatError::FeedElsewhere => {
            json!({ "error": "xml-reader", "message": error.to_string() })
        }
    }
    .to_string()
}
