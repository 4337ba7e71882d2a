//! Reading files into the validated [`crate::model`] types, with located errors.
//!
//! This module holds the outcome types ([`Parsed`], [`Problem`], [`FormatError`]) and the entry
//! points; it recognises what a file is and hands it to the reader for its format:
//! - [`json`]: the borrowed JSON reader every format goes through;
//! - [`path`]: where a problem is ([`ErrorPath`], shown as `articles[3] (id "x").body[5].href`);
//! - [`fields`]: typed getters on a JSON object that name the field when they fail;
//! - [`v1`]: the rules of article format version 1 (`docs/format.md`);
//! - [`chunked`]: the collection reader, a slice at a time ([`parse_collection`] runs it to the end);
//! - [`feed`]: JSON Feed 1.0 and 1.1 (`docs/json-feed.md`);
//! - [`xml`]: RSS and Atom feeds (`docs/rss-atom.md`), recognised by a leading `<` (native, and
//!   in the XML reader's worker: the viewer's WebAssembly hands feeds to that worker and reads
//!   its answer with [`handover`]);
//! - [`write`]: the model written back as format v1 (native and the worker only);
//! - [`html`]: feed HTML → typed blocks (nothing is ever inserted as HTML).
//!
//! Reading by hand rather than through derived `Deserialize` impls gives every error its exact
//! place, lets one invalid article be left out while the rest load, tolerates unknown fields,
//! and keeps the WebAssembly small.

pub mod blocks;
pub mod chunked;
pub mod feed;
pub mod fields;
pub mod handover;
pub mod html;
pub mod json;
pub mod path;
pub mod v1;
#[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
pub mod write;
#[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
pub mod xml;

pub use chunked::{ChunkedReader, Progress, Step};
pub use fields::{MAX_IMAGE_SIDE, MAX_TEXT_CHARS};
pub use path::{ErrorPath, Segment};
pub use v1::{check_id, FORMAT_VERSION, MAX_ID_LENGTH, MAX_REGIONS_PER_ARTICLE};

use crate::model::Block;
use fields::{describe, Fields};
use json::{Json, JsonError};
use path::Cursor;
use std::fmt;

/// Something wrong at one place in a file: where (`path`) and what (`message`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: ErrorPath,
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
    #[error("the file is not a readable XML feed: {message} (line {line}, column {column})")]
    NotXml {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{0}")]
    Invalid(Problem),
    /// A JSON Feed, met by the viewer's own reader, which leaves feeds to the feed reader's
    /// worker (the caller hands the file over; users never see this).
    #[error("the file is a JSON Feed, which the viewer's feed reader (xml-reader.js) reads")]
    FeedElsewhere,
    /// The RSS and Atom reader (a worker, apart from the viewer's WebAssembly) did not answer.
    #[error("the RSS or Atom feed could not be read: the viewer's XML reader (xml-reader.js) failed: {0}")]
    XmlReader(String),
}

/// A file that was read: the valid articles, plus what was left out and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub collection: crate::model::Collection,
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
    #[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
    if looks_like_xml(bytes) {
        return xml::read_feed_bytes(bytes);
    }
    parse_collection(utf8(bytes)?)
}

/// The same, calling `on_progress` after each slice a JSON file is read in (an XML feed is
/// read in one go), for progress on long runs (the publish step).
///
/// # Errors
/// As [`parse_collection_bytes`].
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_collection_bytes_reporting(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(chunked::Progress),
) -> Result<Parsed, FormatError> {
    if looks_like_xml(bytes) {
        return xml::read_feed_bytes(bytes);
    }
    ChunkedReader::new(utf8(bytes)?).finish_reporting(on_progress)
}

/// Whether a JSON file starts as a JSON Feed does: its first key `version`, naming JSON Feed
/// (as the specification asks feeds to be written). Only a guess to save time: a feed whose
/// `version` comes later is found by the reader ([`FormatError::FeedElsewhere`]).
#[must_use]
pub fn looks_like_json_feed(bytes: &[u8]) -> bool {
    let text = bytes.get(..bytes.len().min(200)).unwrap_or_default();
    let text = String::from_utf8_lossy(text);
    let mut rest = without_bom(&text).trim_start();
    for token in ["{", "\"version\"", ":"] {
        let Some(after) = rest.strip_prefix(token) else {
            return false;
        };
        rest = after.trim_start();
    }
    let rest = rest.replace("\\/", "/");
    rest.starts_with("\"https://jsonfeed.org/version/1")
}

/// Whether a file's address looks like a feed's (`….xml`, `.rss`, `.atom`, `.rdf`, or a last
/// segment `feed`, `rss` or `atom`): the viewer then starts its XML reader while the file
/// downloads. Only a guess to save time: what the file is comes from its bytes.
#[must_use]
pub fn looks_like_feed_address(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let path = path.trim_end_matches('/').to_ascii_lowercase();
    let last = path.rsplit('/').next().unwrap_or_default();
    [".xml", ".rss", ".atom", ".rdf"]
        .iter()
        .any(|end| last.ends_with(end))
        || ["feed", "rss", "atom"].contains(&last)
}

/// Whether a file is XML (its first character after a byte-order mark and spaces is `<`), not
/// JSON.
#[must_use]
pub fn looks_like_xml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    bytes.trim_ascii_start().first() == Some(&b'<')
}

/// Reads a body file from raw bytes, which must be UTF-8.
///
/// # Errors
/// As [`parse_body_file`], and [`FormatError::NotUtf8`].
pub fn parse_body_bytes(bytes: &[u8]) -> Result<(Vec<Block>, Vec<Problem>), FormatError> {
    parse_body_file(utf8(bytes)?)
}

/// Checks that `bytes` are UTF-8, naming the line and column of the first bad byte.
///
/// # Errors
/// [`FormatError::NotUtf8`].
pub fn utf8(bytes: &[u8]) -> Result<&str, FormatError> {
    std::str::from_utf8(bytes).map_err(|error| {
        let good = &bytes[..error.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        FormatError::NotUtf8 { line, column }
    })
}

/// Reads a collection file (format v1), a single-article file, a JSON Feed, or an RSS or Atom
/// feed.
///
/// # Errors
/// When the file is empty, is not JSON, or its top level is not a version 1 collection or
/// article. Invalid articles inside a collection are not errors: see [`Parsed::skipped`].
pub fn parse_collection(text: &str) -> Result<Parsed, FormatError> {
    ChunkedReader::new(text).finish()
}

/// A syntax error as users see it, located in `text`.
fn not_json(text: &str, error: &JsonError) -> FormatError {
    let (line, column) = error.line_column(text);
    let message = if error.at_end {
        format!(
            "the file ends too early, so it may have been cut off ({})",
            error.message
        )
    } else {
        error.message.to_owned()
    };
    FormatError::NotJson {
        line,
        column,
        message,
    }
}

/// The text without a leading byte-order mark.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads a whole text as one JSON value, after the byte-order mark and emptiness checks.
fn read_json(text: &str) -> Result<Json<'_>, FormatError> {
    let text = without_bom(text);
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    json::parse(text).map_err(|error| not_json(text, &error))
}

/// Reads a file whole and recognises it: an RSS or Atom feed, a JSON Feed, a v1 collection, or a
/// single v1 article.
/// [`ChunkedReader`] gives the same result a slice at a time (and falls back on this for shapes
/// it does not slice); the tests hold it to this reader.
///
/// # Errors
/// As [`parse_collection`].
pub fn read_whole(text: &str) -> Result<Parsed, FormatError> {
    if looks_like_xml(text.as_bytes()) {
        #[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
        return xml::read_feed(text);
        #[cfg(not(any(not(target_arch = "wasm32"), feature = "xml-reader")))]
        return Err(FormatError::XmlReader(
            "feeds go to the XML reader before this point".to_owned(),
        ));
    }
    let root = read_json(text)?;
    let Json::Object(map) = &root else {
        return Err(FormatError::Invalid(Cursor::ROOT.problem(format!(
            "the file must be a JSON object (a collection with \"articles\", or one article), not {}",
            describe(&root)
        ))));
    };
    if map.get("version").is_some_and(feed::is_feed_version) {
        #[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
        return Ok(feed::parse_feed(map));
        #[cfg(not(any(not(target_arch = "wasm32"), feature = "xml-reader")))]
        return Err(FormatError::FeedElsewhere);
    }
    v1::check_version(map)?;
    if !map.contains_key("articles") {
        return v1::single_article(map);
    }
    let (title, language) = v1::collection_header(map)?;
    let items = Fields::new(map, Cursor::ROOT)
        .opt_array("articles")
        .map_err(FormatError::Invalid)?
        .unwrap_or_default();
    let mut builder = v1::CollectionBuilder::default();
    for (index, item) in items.iter().enumerate() {
        builder.add(index, item);
    }
    Ok(builder.finish(title, language))
}

/// Reads a body file (`{"version": 1, "body": [Block]}`) fetched from an article's `body_url`.
///
/// # Errors
/// When the file is not JSON, has the wrong version, or any block is invalid.
pub fn parse_body_file(text: &str) -> Result<(Vec<Block>, Vec<Problem>), FormatError> {
    let root = read_json(text)?;
    let Json::Object(map) = &root else {
        return Err(FormatError::Invalid(Cursor::ROOT.problem(format!(
            "a body file must be a JSON object with \"version\" and \"body\", not {}",
            describe(&root)
        ))));
    };
    v1::check_version(map)?;
    let fields = Fields::new(map, Cursor::ROOT);
    let mut notices = Vec::new();
    let blocks = match fields.get("body") {
        Some(Json::Array(items)) => {
            blocks::read_blocks(fields.at.field("body"), items, &mut notices)
        }
        Some(other) => Err(fields.problem(
            "body",
            format!("must be an array of blocks, not {}", describe(other)),
        )),
        None => Err(fields.problem("body", "is required")),
    }
    .map_err(FormatError::Invalid)?;
    Ok((blocks, notices))
}
