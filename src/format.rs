//! Article format version 1: reading JSON text into the validated [`crate::model`] types.
//!
//! The wire layer is the JSON value tree (`serde_json::Value`), read through [`Fields`], a cursor
//! that knows its own field path. Reading by hand rather than through derived `Deserialize`
//! impls gives every error its exact location (`articles[3] (id "kursk-1").body[5].href`), lets
//! one invalid article be left out while the rest load, tolerates unknown fields, and keeps the
//! WebAssembly small. See `docs/format.md` for the format itself.

use crate::date::Timestamp;
use crate::model::{
    Article, Block, Body, Collection, HeadingLevel, Image, Inline, LanguageTag, RegionPath,
    SafeUrl, Source, Span, UrlUse,
};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

/// The only format version this viewer reads.
pub const FORMAT_VERSION: u64 = 1;
/// Longest allowed article id.
pub const MAX_ID_LENGTH: usize = 128;
/// Largest accepted image width or height, in pixels.
pub const MAX_IMAGE_SIDE: u64 = 100_000;

/// Something wrong at one place in a file: where (`path`) and what (`message`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a whole file could not be read. Problems with single articles are not errors: those
/// articles are left out and listed in [`Parsed::skipped`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not valid UTF-8 (line {line}, column {column}): save it as UTF-8")]
    NotUtf8 { line: usize, column: usize },
    #[error("the file is not valid JSON: {message} (line {line}, column {column})")]
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{0}")]
    Invalid(Problem),
}

impl FormatError {
    fn at(path: &str, message: impl Into<String>) -> Self {
        Self::Invalid(Problem {
            path: path.to_owned(),
            message: message.into(),
        })
    }
}

/// A file that was read: the valid articles, plus what was left out and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub collection: Collection,
    /// Articles left out, one problem each (the first one found in that article).
    pub skipped: Vec<Problem>,
    /// Non-fatal notes, such as block types this viewer does not know and skipped.
    pub notices: Vec<Problem>,
}

/// Reads a collection file or a single-article file from raw bytes, which must be UTF-8.
///
/// # Errors
/// As [`parse_collection`], and [`FormatError::NotUtf8`] with the place of the first bad byte.
pub fn parse_collection_bytes(bytes: &[u8]) -> Result<Parsed, FormatError> {
    parse_collection(utf8(bytes)?)
}

/// Reads a body file from raw bytes, which must be UTF-8.
///
/// # Errors
/// As [`parse_body_file`], and [`FormatError::NotUtf8`].
pub fn parse_body_bytes(bytes: &[u8]) -> Result<(Vec<Block>, Vec<Problem>), FormatError> {
    parse_body_file(utf8(bytes)?)
}

fn utf8(bytes: &[u8]) -> Result<&str, FormatError> {
    std::str::from_utf8(bytes).map_err(|error| {
        let good = &bytes[..error.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        FormatError::NotUtf8 { line, column }
    })
}

/// Reads a collection file or a single-article file.
///
/// # Errors
/// When the file is empty, is not JSON, or its top level is not a version 1 collection or
/// article. Invalid articles inside a collection are not errors: see [`Parsed::skipped`].
pub fn parse_collection(text: &str) -> Result<Parsed, FormatError> {
    let root = parse_json(text)?;
    let Value::Object(map) = &root else {
        return Err(FormatError::at(
            "",
            format!(
                "the file must be a JSON object (a collection with \"articles\", or one article), not {}",
                describe(&root)
            ),
        ));
    };
    if map.get("version").is_some_and(crate::feed::is_feed_version) {
        return Ok(crate::feed::parse_feed(map));
    }
    check_version(map, "")?;
    let mut notices = Vec::new();
    let skipped = Vec::new();

    if !map.contains_key("articles") {
        // A single article with "version" at its top level.
        let fields = Fields::new(map, "article".to_owned());
        let article = read_article(&fields, &mut notices)
            .map_err(|problem| FormatError::Invalid(name_article(problem, map, "article")))?;
        let collection = Collection {
            title: None,
            language: None,
            articles: vec![Rc::new(article)],
        };
        return Ok(Parsed {
            collection,
            skipped,
            notices,
        });
    }

    let (title, language) = collection_header(map)?;
    let items = Fields::new(map, String::new())
        .opt_array("articles")
        .map_err(FormatError::Invalid)?
        .map_or(&[][..], Vec::as_slice);

    let mut builder = CollectionBuilder::default();
    for (index, item) in items.iter().enumerate() {
        builder.add(index, item);
    }
    Ok(builder.finish(title, language))
}

/// A collection's `title` and `language` (its version already checked).
fn collection_header(
    map: &Map<String, Value>,
) -> Result<(Option<String>, Option<LanguageTag>), FormatError> {
    let top = Fields::new(map, String::new());
    let title = top.opt_text("title").map_err(FormatError::Invalid)?;
    let language = top
        .opt_parsed("language", LanguageTag::parse)
        .map_err(FormatError::Invalid)?;
    Ok((title, language))
}

/// Collects a collection's articles one by one: validates each, keeps the first of each id, and
/// records what was left out and why. Shared by the one-go and the chunked readers.
#[derive(Default)]
struct CollectionBuilder {
    articles: Vec<Rc<Article>>,
    skipped: Vec<Problem>,
    notices: Vec<Problem>,
    first_index_of_id: HashMap<String, usize>,
}

impl CollectionBuilder {
    fn add(&mut self, index: usize, item: &Value) {
        let base = format!("articles[{index}]");
        let Value::Object(article_map) = item else {
            self.skipped.push(Problem {
                path: base,
                message: format!("an article must be an object, not {}", describe(item)),
            });
            return;
        };
        let fields = Fields::new(article_map, base.clone());
        let mut article_notices = Vec::new();
        match read_article(&fields, &mut article_notices) {
            Ok(article) => {
                if let Some(first) = self.first_index_of_id.get(&article.id) {
                    self.skipped.push(name_article(
                        Problem {
                            path: format!("{base}.id"),
                            message: format!(
                                "duplicate id \"{}\": articles[{first}] already uses it, so this one was left out",
                                article.id
                            ),
                        },
                        article_map,
                        &base,
                    ));
                    return;
                }
                self.first_index_of_id.insert(article.id.clone(), index);
                self.notices.extend(
                    article_notices
                        .into_iter()
                        .map(|notice| name_article(notice, article_map, &base)),
                );
                self.articles.push(Rc::new(article));
            }
            Err(problem) => self.skipped.push(name_article(problem, article_map, &base)),
        }
    }

    fn finish(self, title: Option<String>, language: Option<LanguageTag>) -> Parsed {
        Parsed {
            collection: Collection {
                title,
                language,
                articles: self.articles,
            },
            skipped: self.skipped,
            notices: self.notices,
        }
    }
}

/// Reads a body file (`{"version": 1, "body": [Block]}`) fetched from an article's `body_url`.
///
/// # Errors
/// When the file is not JSON, has the wrong version, or any block is invalid.
pub fn parse_body_file(text: &str) -> Result<(Vec<Block>, Vec<Problem>), FormatError> {
    let root = parse_json(text)?;
    let Value::Object(map) = &root else {
        return Err(FormatError::at(
            "",
            format!(
                "a body file must be a JSON object with \"version\" and \"body\", not {}",
                describe(&root)
            ),
        ));
    };
    check_version(map, "")?;
    let fields = Fields::new(map, String::new());
    let mut notices = Vec::new();
    let blocks = match fields.get("body") {
        Some(Value::Array(items)) => read_blocks(&fields.child("body"), items, &mut notices),
        Some(other) => Err(fields.problem(
            "body",
            format!("must be an array of blocks, not {}", describe(other)),
        )),
        None => Err(fields.problem("body", "is required")),
    }
    .map_err(FormatError::Invalid)?;
    Ok((blocks, notices))
}

fn parse_json(text: &str) -> Result<Value, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    serde_json::from_str(text).map_err(|error| {
        let full = error.to_string();
        // serde_json appends " at line L column C"; the location is reported separately.
        let message = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(head, _)| head)
            .to_owned();
        let message = if message.starts_with("EOF while parsing") {
            format!("the file ends too early, so it may have been cut off ({message})")
        } else {
            message
        };
        FormatError::NotJson {
            line: error.line(),
            column: error.column(),
            message,
        }
    })
}

fn check_version(map: &Map<String, Value>, path: &str) -> Result<(), FormatError> {
    let at = join(path, "version");
    match map.get("version") {
        None => Err(FormatError::at(
            &at,
            "is missing: add \"version\": 1 at the top of the file",
        )),
        Some(Value::Number(n)) if n.as_u64() == Some(FORMAT_VERSION) => Ok(()),
        Some(Value::Number(n)) => Err(FormatError::at(
            &at,
            format!("version {n} is not supported: this viewer reads version {FORMAT_VERSION}"),
        )),
        Some(other) => Err(FormatError::at(
            &at,
            format!(
                "must be the number {FORMAT_VERSION}, not {}",
                describe(other)
            ),
        )),
    }
}

/// Adds `(id "…")` after the article's index in a problem's path, when the id is readable.
fn name_article(mut problem: Problem, article: &Map<String, Value>, base: &str) -> Problem {
    if let Some(Value::String(id)) = article.get("id") {
        let shown: String = id.chars().take(40).collect();
        let named = format!("{base} (id {shown:?})");
        if let Some(rest) = problem.path.strip_prefix(base) {
            problem.path = format!("{named}{rest}");
        }
    }
    problem
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// Names a JSON value's type for messages: `a number (2)`, `the string "1"`.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let shown: String = s.chars().take(30).collect();
            format!("the string {shown:?}")
        }
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// A JSON object being read, with the path that leads to it.
struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

type Read<T> = Result<T, Problem>;

impl<'a> Fields<'a> {
    fn new(map: &'a Map<String, Value>, path: String) -> Self {
        Self { map, path }
    }

    fn child(&self, field: &str) -> String {
        join(&self.path, field)
    }

    fn problem(&self, field: &str, message: impl Into<String>) -> Problem {
        Problem {
            path: self.child(field),
            message: message.into(),
        }
    }

    /// The value of a field; `null` counts as absent.
    fn get(&self, field: &str) -> Option<&'a Value> {
        self.map.get(field).filter(|v| !v.is_null())
    }

    fn opt_string(&self, field: &str) -> Read<Option<&'a str>> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => {
                Err(self.problem(field, format!("must be a string, not {}", describe(other))))
            }
        }
    }

    /// An optional string that, when present, has visible text.
    fn opt_text(&self, field: &str) -> Read<Option<String>> {
        match self.opt_string(field)? {
            Some(s) if s.trim().is_empty() => Err(self.problem(field, "must not be empty")),
            other => Ok(other.map(|s| s.trim().to_owned())),
        }
    }

    fn req_text(&self, field: &str) -> Read<String> {
        self.opt_text(field)?
            .ok_or_else(|| self.problem(field, "is required"))
    }

    fn opt_parsed<T>(
        &self,
        field: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Read<Option<T>> {
        self.opt_string(field)?
            .map(|s| parse(s).map_err(|message| self.problem(field, message)))
            .transpose()
    }

    fn opt_url(&self, field: &str, usage: UrlUse) -> Read<Option<SafeUrl>> {
        self.opt_parsed(field, |s| SafeUrl::parse(s, usage))
    }

    fn opt_bool(&self, field: &str) -> Read<bool> {
        match self.get(field) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(self.problem(
                field,
                format!("must be true or false, not {}", describe(other)),
            )),
        }
    }

    fn opt_array(&self, field: &str) -> Read<Option<&'a Vec<Value>>> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(other) => {
                Err(self.problem(field, format!("must be an array, not {}", describe(other))))
            }
        }
    }

    fn opt_object(&self, field: &str) -> Read<Option<Fields<'a>>> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(Fields::new(map, self.child(field)))),
            Some(other) => {
                Err(self.problem(field, format!("must be an object, not {}", describe(other))))
            }
        }
    }

    /// An optional array of non-empty strings, each passed through `parse`.
    fn opt_list<T>(&self, field: &str, parse: impl Fn(&str) -> Result<T, String>) -> Read<Vec<T>> {
        let Some(items) = self.opt_array(field)? else {
            return Ok(Vec::new());
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let at = format!("{}[{i}]", self.child(field));
                match item {
                    Value::String(s) if s.trim().is_empty() => Err(Problem {
                        path: at,
                        message: "must not be empty".to_owned(),
                    }),
                    Value::String(s) => {
                        parse(s.trim()).map_err(|message| Problem { path: at, message })
                    }
                    other => Err(Problem {
                        path: at,
                        message: format!("must be a string, not {}", describe(other)),
                    }),
                }
            })
            .collect()
    }

    fn opt_dimension(&self, field: &str) -> Read<Option<u32>> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::Number(n)) => match n.as_u64() {
                Some(v @ 1..=MAX_IMAGE_SIDE) => Ok(u32::try_from(v).ok()),
                _ => Err(self.problem(
                    field,
                    format!("must be a whole number of pixels from 1 to {MAX_IMAGE_SIDE}, not {n}"),
                )),
            },
            Some(other) => Err(self.problem(
                field,
                format!("must be a whole number of pixels, not {}", describe(other)),
            )),
        }
    }
}

fn check_id(id: &str) -> Result<String, String> {
    let length = id.chars().count();
    if length > MAX_ID_LENGTH {
        return Err(format!(
            "is {length} characters long; the limit is {MAX_ID_LENGTH}"
        ));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '~' | '-')))
    {
        return Err(format!(
            "{id:?} contains {bad:?}: ids may use only letters A-Z and a-z, digits, and . _ ~ - (they are used in links)"
        ));
    }
    Ok(id.to_owned())
}

fn read_article(fields: &Fields<'_>, notices: &mut Vec<Problem>) -> Read<Article> {
    let id = match fields.get("id") {
        Some(Value::String(s)) if s.is_empty() => Err(fields.problem("id", "must not be empty")),
        Some(Value::String(s)) => check_id(s).map_err(|message| fields.problem("id", message)),
        Some(other) => {
            Err(fields.problem("id", format!("must be a string, not {}", describe(other))))
        }
        None => Err(fields.problem("id", "is required")),
    }?;
    let title = fields.req_text("title")?;
    let standfirst = fields.opt_text("standfirst")?;
    let published = fields
        .opt_parsed("published", Timestamp::parse)?
        .ok_or_else(|| fields.problem("published", "is required"))?;
    let updated = fields.opt_parsed("updated", Timestamp::parse)?;
    if let Some(updated) = &updated {
        if updated.is_before(&published) {
            return Err(fields.problem(
                "updated",
                format!(
                    "{} is before the publication date {}",
                    updated.to_machine(),
                    published.to_machine()
                ),
            ));
        }
    }
    let byline = fields.opt_list("byline", |s| Ok(s.to_owned()))?;
    let tags = fields.opt_list("tags", |s| Ok(s.to_owned()))?;
    let language = fields.opt_parsed("language", LanguageTag::parse)?;
    let url = fields.opt_url("url", UrlUse::Link)?;
    let source = fields
        .opt_object("source")?
        .map(|source| -> Read<Source> {
            Ok(Source {
                name: source.req_text("name")?,
                url: source.opt_url("url", UrlUse::Link)?,
            })
        })
        .transpose()?;
    let regions = fields.opt_list("regions", RegionPath::parse)?;
    let image = fields
        .opt_object("image")?
        .map(|image| read_image(&image))
        .transpose()?;
    let body = match (
        fields.opt_array("body")?,
        fields.opt_url("body_url", UrlUse::Resource)?,
    ) {
        (Some(items), _) => Body::Blocks(read_blocks(&fields.child("body"), items, notices)?),
        (None, Some(url)) => Body::Remote(url),
        (None, None) => {
            return Err(fields.problem(
                "body",
                "is required (or give body_url to load it when the article is opened)",
            ))
        }
    };
    Ok(Article {
        id,
        title,
        standfirst,
        published: Some(published),
        updated,
        byline,
        tags,
        language,
        url,
        source,
        regions,
        image,
        body,
    })
}

fn read_image(fields: &Fields<'_>) -> Read<Image> {
    let src = fields
        .opt_url("src", UrlUse::Resource)?
        .ok_or_else(|| fields.problem("src", "is required"))?;
    let alt = fields
        .opt_string("alt")?
        .ok_or_else(|| {
            fields.problem(
                "alt",
                "is required (use \"\" for a purely decorative image)",
            )
        })?
        .trim()
        .to_owned();
    Ok(Image {
        src,
        alt,
        caption: fields.opt_text("caption")?,
        credit: fields.opt_text("credit")?,
        width: fields.opt_dimension("width")?,
        height: fields.opt_dimension("height")?,
    })
}

/// Reads the blocks of the array found at `list_path`; unknown types become notices.
fn read_blocks(list_path: &str, items: &[Value], notices: &mut Vec<Problem>) -> Read<Vec<Block>> {
    let mut blocks = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let at = format!("{list_path}[{index}]");
        let Value::Object(map) = item else {
            return Err(Problem {
                path: at,
                message: format!(
                    "a block must be an object with a \"type\", not {}",
                    describe(item)
                ),
            });
        };
        let fields = Fields::new(map, at);
        let kind = fields
            .opt_string("type")?
            .ok_or_else(|| fields.problem("type", "is required"))?;
        let block = match kind {
            "paragraph" => Block::Paragraph(read_inline(&fields, "text")?),
            "heading" => Block::Heading {
                text: fields.req_text("text")?,
                level: match fields.get("level") {
                    None => HeadingLevel::Two,
                    Some(Value::Number(n)) if n.as_u64() == Some(2) => HeadingLevel::Two,
                    Some(Value::Number(n)) if n.as_u64() == Some(3) => HeadingLevel::Three,
                    Some(other) => {
                        return Err(fields
                            .problem("level", format!("must be 2 or 3, not {}", describe(other))))
                    }
                },
            },
            "image" => Block::Image(read_image(&fields)?),
            "pullquote" => Block::PullQuote {
                text: fields.req_text("text")?,
                attribution: fields.opt_text("attribution")?,
            },
            "quote" => Block::Quote {
                text: read_inline(&fields, "text")?,
                cite: fields.opt_text("cite")?,
            },
            "list" => {
                let items = fields
                    .opt_array("items")?
                    .ok_or_else(|| fields.problem("items", "is required"))?;
                if items.is_empty() {
                    return Err(fields.problem("items", "must have at least one item"));
                }
                Block::List {
                    ordered: fields.opt_bool("ordered")?,
                    items: items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            read_inline_value(item, &format!("{}[{i}]", fields.child("items")))
                        })
                        .collect::<Read<_>>()?,
                }
            }
            "link" => Block::Link {
                text: fields.req_text("text")?,
                url: fields
                    .opt_url("url", UrlUse::Link)?
                    .ok_or_else(|| fields.problem("url", "is required"))?,
                label: fields.opt_text("label")?,
            },
            "preformatted" => Block::Preformatted {
                text: fields
                    .opt_string("text")?
                    .filter(|t| !t.trim().is_empty())
                    .ok_or_else(|| fields.problem("text", "is required and must not be empty"))?
                    .to_owned(),
            },
            unknown => {
                notices.push(fields.problem(
                    "type",
                    format!("unknown block type {unknown:?} was skipped (known types: paragraph, heading, image, pullquote, quote, list, link, preformatted)"),
                ));
                continue;
            }
        };
        blocks.push(block);
    }
    Ok(blocks)
}

fn read_inline(fields: &Fields<'_>, field: &str) -> Read<Inline> {
    match fields.get(field) {
        None => Err(fields.problem(field, "is required")),
        Some(value) => read_inline_value(value, &fields.child(field)),
    }
}

/// Inline text: a string, or an array of spans (strings or `{text, strong?, em?, href?}`).
fn read_inline_value(value: &Value, path: &str) -> Read<Inline> {
    let problem = |path: String, message: String| Problem { path, message };
    let inline = match value {
        Value::String(s) => Inline::plain(s),
        Value::Array(spans) => Inline(
            spans
                .iter()
                .enumerate()
                .map(|(i, span)| {
                    let at = format!("{path}[{i}]");
                    match span {
                        Value::String(s) => Ok(Span {
                            text: s.clone(),
                            ..Span::default()
                        }),
                        Value::Object(map) => {
                            let fields = Fields::new(map, at);
                            Ok(Span {
                                text: fields
                                    .opt_string("text")?
                                    .ok_or_else(|| fields.problem("text", "is required"))?
                                    .to_owned(),
                                strong: fields.opt_bool("strong")?,
                                em: fields.opt_bool("em")?,
                                href: fields.opt_url("href", UrlUse::Link)?,
                            })
                        }
                        other => Err(problem(
                            at,
                            format!(
                                "a span must be a string or an object with \"text\", not {}",
                                describe(other)
                            ),
                        )),
                    }
                })
                .collect::<Read<_>>()?,
        ),
        other => {
            return Err(problem(
                path.to_owned(),
                format!(
                    "must be a string or an array of spans, not {}",
                    describe(other)
                ),
            ))
        }
    };
    if inline.plain_text().trim().is_empty() {
        return Err(problem(path.to_owned(), "must not be empty".to_owned()));
    }
    Ok(inline)
}

/// How far a [`ChunkedReader`] has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Articles read so far, and found so far (all of them once the file has been scanned).
    pub read: usize,
    pub found: usize,
    /// Overall progress, 0 to 100.
    pub percent: u8,
}

/// The outcome of one [`ChunkedReader::step`].
#[derive(Debug)]
pub enum Step {
    Working(Progress),
    Done(Result<Parsed, FormatError>),
}

enum Stage {
    /// Reading the top-level keys, at a byte offset.
    Keys(usize),
    /// Finding the articles' boundaries, at a byte offset inside the `articles` array.
    Scanning(usize),
    /// Validating the articles found, from this index.
    Reading(usize),
}

/// Reads a large collection a slice at a time, so that a page never stops responding for long:
/// each [`step`](ChunkedReader::step) scans or validates a bounded amount and reports progress.
/// The result is exactly what [`parse_collection`] gives (anything unusual, such as a single
/// article, a JSON Feed or a syntax error, is handed to it whole).
pub struct ChunkedReader {
    text: String,
    stage: Stage,
    /// Top-level keys other than `articles`, with the byte range of their values.
    keys: Vec<(String, usize, usize)>,
    /// Byte ranges of the articles.
    items: Vec<(usize, usize)>,
    saw_articles: bool,
    title: Option<String>,
    language: Option<LanguageTag>,
    builder: CollectionBuilder,
}

/// Bytes scanned, or articles read, per step.
pub const SCAN_BYTES_PER_STEP: usize = 2_000_000;
pub const ARTICLES_PER_STEP: usize = 1_500;

impl ChunkedReader {
    #[must_use]
    pub fn new(text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        Self {
            text,
            stage: Stage::Keys(0),
            keys: Vec::new(),
            items: Vec::new(),
            saw_articles: false,
            title: None,
            language: None,
            builder: CollectionBuilder::default(),
        }
    }

    /// Does a bounded amount of work.
    pub fn step(&mut self) -> Step {
        match self.stage {
            Stage::Keys(at) => match self.read_keys(at) {
                Ok(Some(next)) => {
                    self.stage = next;
                    Step::Working(self.progress())
                }
                Ok(None) => self.start_reading(),
                Err(()) => Step::Done(parse_collection(&self.text)),
            },
            Stage::Scanning(at) => match self.scan_items(at) {
                Ok(next) => {
                    self.stage = next;
                    Step::Working(self.progress())
                }
                Err(()) => Step::Done(parse_collection(&self.text)),
            },
            Stage::Reading(from) => {
                let to = (from + ARTICLES_PER_STEP).min(self.items.len());
                for index in from..to {
                    let (start, end) = self.items[index];
                    match serde_json::from_str::<Value>(&self.text[start..end]) {
                        Ok(item) => self.builder.add(index, &item),
                        // Nested too deep, for instance: the one-go reader says where.
                        Err(_) => return Step::Done(parse_collection(&self.text)),
                    }
                }
                if to == self.items.len() {
                    let builder = std::mem::take(&mut self.builder);
                    Step::Done(Ok(builder.finish(self.title.take(), self.language.take())))
                } else {
                    self.stage = Stage::Reading(to);
                    Step::Working(self.progress())
                }
            }
        }
    }

    #[must_use]
    pub fn progress(&self) -> Progress {
        let bytes = self.text.len().max(1);
        let (read, percent) = match self.stage {
            Stage::Keys(at) | Stage::Scanning(at) => (0, at * 30 / bytes),
            // Reading takes 30–90 %; building the filter index afterwards, the rest.
            Stage::Reading(from) => (from, 30 + from * 60 / self.items.len().max(1)),
        };
        Progress {
            read,
            found: self.items.len(),
            percent: u8::try_from(percent.min(100)).unwrap_or(100),
        }
    }

    /// Reads top-level keys from `at`; returns the next stage, or `None` at the end of the file.
    fn read_keys(&mut self, at: usize) -> Result<Option<Stage>, ()> {
        let bytes = self.text.as_bytes();
        let mut i = skip_space(bytes, at);
        if at == 0 {
            if bytes.get(i) != Some(&b'{') {
                return Err(());
            }
            i = skip_space(bytes, i + 1);
            if bytes.get(i) == Some(&b'}') {
                return Err(());
            }
        } else {
            // After a value: a comma and another key, or the end of the object.
            match bytes.get(i) {
                Some(b',') => i = skip_space(bytes, i + 1),
                Some(b'}') => {
                    return if skip_space(bytes, i + 1) == bytes.len() {
                        Ok(None)
                    } else {
                        Err(())
                    };
                }
                _ => return Err(()),
            }
        }
        loop {
            let key_end = scan_string(bytes, i)?;
            let key: String = serde_json::from_str(&self.text[i..key_end]).map_err(|_| ())?;
            i = skip_space(bytes, key_end);
            if bytes.get(i) != Some(&b':') {
                return Err(());
            }
            i = skip_space(bytes, i + 1);
            if key == "articles" && bytes.get(i) == Some(&b'[') && !self.saw_articles {
                self.saw_articles = true;
                return Ok(Some(Stage::Scanning(i + 1)));
            }
            let end = scan_value(bytes, i)?;
            self.keys.push((key, i, end));
            i = skip_space(bytes, end);
            match bytes.get(i) {
                Some(b',') => i = skip_space(bytes, i + 1),
                Some(b'}') if skip_space(bytes, i + 1) == bytes.len() => return Ok(None),
                _ => return Err(()),
            }
        }
    }

    /// Finds the boundaries of articles from `at` (inside the array), up to a byte budget.
    fn scan_items(&mut self, at: usize) -> Result<Stage, ()> {
        let bytes = self.text.as_bytes();
        let budget_end = at + SCAN_BYTES_PER_STEP;
        let mut i = skip_space(bytes, at);
        if self.items.is_empty() && bytes.get(i) == Some(&b']') {
            return Ok(Stage::Keys(i + 1));
        }
        loop {
            let end = scan_value(bytes, i)?;
            self.items.push((i, end));
            i = skip_space(bytes, end);
            match bytes.get(i) {
                Some(b',') => i = skip_space(bytes, i + 1),
                Some(b']') => return Ok(Stage::Keys(i + 1)),
                _ => return Err(()),
            }
            if i >= budget_end {
                return Ok(Stage::Scanning(i));
            }
        }
    }

    /// The keys are all read: check the version and read the title and language.
    fn start_reading(&mut self) -> Step {
        let mut map = Map::new();
        for (key, start, end) in &self.keys {
            match serde_json::from_str::<Value>(&self.text[*start..*end]) {
                Ok(value) => {
                    map.insert(key.clone(), value);
                }
                Err(_) => return Step::Done(parse_collection(&self.text)),
            }
        }
        let is_plain_collection =
            self.saw_articles && !map.get("version").is_some_and(crate::feed::is_feed_version);
        if !is_plain_collection {
            return Step::Done(parse_collection(&self.text));
        }
        if let Err(error) = check_version(&map, "") {
            return Step::Done(Err(error));
        }
        match collection_header(&map) {
            Ok((title, language)) => {
                self.title = title;
                self.language = language;
            }
            Err(error) => return Step::Done(Err(error)),
        }
        // With no articles, the first reading step finishes at once.
        self.stage = Stage::Reading(0);
        Step::Working(self.progress())
    }
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while bytes
        .get(i)
        .is_some_and(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
    {
        i += 1;
    }
    i
}

/// The end (exclusive) of the string starting at `i`.
fn scan_string(bytes: &[u8], i: usize) -> Result<usize, ()> {
    if bytes.get(i) != Some(&b'"') {
        return Err(());
    }
    let mut j = i + 1;
    while let Some(&b) = bytes.get(j) {
        match b {
            b'\\' => j += 2,
            b'"' => return Ok(j + 1),
            _ => j += 1,
        }
    }
    Err(())
}

/// The end (exclusive) of the JSON value starting at `i`. Only the structure is checked here;
/// each value is parsed properly afterwards.
fn scan_value(bytes: &[u8], i: usize) -> Result<usize, ()> {
    match bytes.get(i) {
        Some(b'"') => scan_string(bytes, i),
        Some(b'{' | b'[') => {
            let mut depth = 0_usize;
            let mut j = i;
            while let Some(&b) = bytes.get(j) {
                match b {
                    b'"' => {
                        j = scan_string(bytes, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Ok(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            Err(())
        }
        Some(_) => {
            let mut j = i;
            while bytes
                .get(j)
                .is_some_and(|b| !matches!(b, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t'))
            {
                j += 1;
            }
            if j == i {
                Err(())
            } else {
                Ok(j)
            }
        }
        None => Err(()),
    }
}
