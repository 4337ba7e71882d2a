//! What the XML reader's worker hands the viewer, read back: the viewer's own WebAssembly does not
//! carry the RSS and Atom reader (it costs about 22 KiB brotli), so an XML file goes to a worker
//! (`xml-reader`, built from `src/bin/xml-reader.rs`), which answers with three texts:
//! - the feed as a format v1 collection ([`super::write::collection_file`]), which the viewer
//!   reads a slice at a time with [`super::ChunkedReader::handed_over`] (as v1, except that an
//!   article may be undated, as feed items may);
//! - what was left out and noted ([`read_problems`], written by [`super::write::problems_file`]),
//!   with each problem's path segment by segment, so the panels show and match them as if the
//!   viewer had read the feed itself;
//! - or, instead of both, why the file could not be read ([`read_failure`]).

use super::json::{self, Json};
use super::path::{ErrorPath, Segment};
use super::{FormatError, Problem};

/// A handed-over text that is not what the worker writes (a bug, or a mismatched build).
fn garbled(what: &str) -> FormatError {
    FormatError::XmlReader(format!("its answer was garbled ({what})"))
}

fn problem(value: &Json<'_>) -> Result<Problem, FormatError> {
    let path = value
        .get("path")
        .and_then(Json::as_array)
        .ok_or_else(|| garbled("a problem without a path"))?;
    let segments = path
        .iter()
        .map(|segment| match segment {
            Json::String(name) => Ok(Segment::Named(name.to_string())),
            Json::Object(_) if segment.get("article").is_some() => Ok(Segment::Article),
            Json::Object(_) => segment
                .get("id")
                .and_then(Json::as_str)
                .map(|id| Segment::Id(id.to_owned()))
                .ok_or_else(|| garbled("a path segment")),
            other => other
                .as_u64()
                .and_then(|index| usize::try_from(index).ok())
                .map(Segment::Index)
                .ok_or_else(|| garbled("a path segment")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let message = value
        .get("message")
        .and_then(Json::as_str)
        .ok_or_else(|| garbled("a problem without a message"))?;
    Ok(Problem {
        path: ErrorPath(segments),
        message: message.to_owned(),
    })
}

fn problems(root: &Json<'_>, key: &str) -> Result<Vec<Problem>, FormatError> {
    root.get(key)
        .and_then(Json::as_array)
        .ok_or_else(|| garbled(key))?
        .iter()
        .map(problem)
        .collect()
}

/// The `(skipped, notices)` of a problems file.
///
/// # Errors
/// [`FormatError::XmlReader`] when the text is not a problems file.
pub fn read_problems(text: &str) -> Result<(Vec<Problem>, Vec<Problem>), FormatError> {
    let root = json::parse(text).map_err(|_| garbled("not JSON"))?;
    Ok((problems(&root, "skipped")?, problems(&root, "notices")?))
}

/// The error a failure file names (a garbled one is an [`FormatError::XmlReader`] too).
#[must_use]
pub fn read_failure(text: &str) -> FormatError {
    let Ok(root) = json::parse(text) else {
        return garbled("not JSON");
    };
    let number = |key: &str| {
        root.get(key)
            .and_then(Json::as_u64)
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0)
    };
    let message = root
        .get("message")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_owned();
    let (line, column) = (number("line"), number("column"));
    match root.get("error").and_then(Json::as_str) {
        Some("empty") => FormatError::Empty,
        Some("not-utf8") => FormatError::NotUtf8 { line, column },
        Some("not-json") => FormatError::NotJson {
            line,
            column,
            message,
        },
        Some("not-xml") => FormatError::NotXml {
            line,
            column,
            message,
        },
        Some("invalid") => match root.get("problem").map(problem) {
            Some(Ok(problem)) => FormatError::Invalid(problem),
            Some(Err(error)) => error,
            None => garbled("an invalid file without its problem"),
        },
        Some("xml-reader") => FormatError::XmlReader(message),
        _ => garbled("an unknown error"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::path::Cursor;
    use crate::format::write::{failure_file, problems_file};

    fn located(message: &str) -> Problem {
        let mut path = Cursor::ROOT
            .field("items")
            .index(3)
            .field("pubDate")
            .to_path();
        path.name_article(2, "a \"quoted\" id");
        Problem {
            path,
            message: message.to_owned(),
        }
    }

    #[test]
    fn problems_come_back_as_they_were_shown_and_matched() {
        let skipped = vec![located("left out: no title or link (line 40)")];
        let notices = vec![
            located("not a date; ignored (line 12)"),
            Problem {
                path: ErrorPath(vec![Segment::Article, Segment::Field("body")]),
                message: "a script was dropped".to_owned(),
            },
            Problem {
                path: ErrorPath::default(),
                message: "the feed was cut off".to_owned(),
            },
        ];
        let (back_skipped, back_notices) =
            read_problems(&problems_file(&skipped, &notices)).expect("a problems file");
        let shown = |list: &[Problem]| list.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(shown(&back_skipped), shown(&skipped));
        assert_eq!(shown(&back_notices), shown(&notices));
        assert!(back_skipped[0].path.is_in_article("a \"quoted\" id"));
        assert_eq!(
            back_skipped[0].path.to_string(),
            "items[3] (id \"a \\\"quoted\\\" id\").pubDate"
        );
    }

    #[test]
    fn every_failure_comes_back_as_the_same_error() {
        let errors = [
            FormatError::Empty,
            FormatError::NotUtf8 { line: 2, column: 7 },
            FormatError::NotJson {
                line: 1,
                column: 1,
                message: "expected a value".to_owned(),
            },
            FormatError::NotXml {
                line: 9,
                column: 14,
                message: "the feed declares entities".to_owned(),
            },
            FormatError::XmlReader("it did not start".to_owned()),
        ];
        for error in errors {
            assert_eq!(read_failure(&failure_file(&error)), error);
        }
        let invalid = FormatError::Invalid(located("is required"));
        assert_eq!(
            read_failure(&failure_file(&invalid)).to_string(),
            invalid.to_string()
        );
    }

    #[test]
    fn a_garbled_answer_is_named_as_such() {
        for text in ["", "[]", "{\"error\":\"novel\"}", "{\"skipped\":[1]}"] {
            assert!(read_failure(text).to_string().contains("garbled"), "{text}");
        }
        assert!(read_problems("{\"skipped\":[],\"notices\":[{\"path\":[true]}]}").is_err());
    }
}
