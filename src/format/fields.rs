//! [`Fields`]: a JSON object being read, with the [`Cursor`] that leads to it, and typed getters
//! whose errors name the field (`must be a string, not the number 2`). Shared by the v1 rules.

use super::json::{Json, Object};
use super::path::Cursor;
use super::Problem;
use crate::model::{SafeUrl, UrlUse};

/// Largest accepted image width or height, in pixels.
pub const MAX_IMAGE_SIDE: u64 = 100_000;
/// Longest accepted short text (a title, standfirst, caption, credit, heading, pull quote or
/// link text), in characters: thirty times the longest headline or caption in the samples and
/// the public feeds the samples were modelled on (a few hundred characters), so no real one
/// comes near it, and short enough that no single text node can stall layout.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// `30000000` → `30,000,000`, for messages.
#[must_use]
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A reading step: the value, or the problem that stops it.
pub type Read<T> = Result<T, Problem>;

/// Names a JSON value's type for messages: `the number 2`, `the string "1"`.
#[must_use]
pub fn describe(value: &Json<'_>) -> String {
    match value {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => format!("the boolean {b}"),
        Json::Number(n) => format!("the number {n}"),
        Json::String(s) => {
            let shown: String = s.chars().take(30).collect();
            format!("the string {shown:?}")
        }
        Json::Array(_) => "an array".to_owned(),
        Json::Object(_) => "an object".to_owned(),
    }
}

/// A JSON object being read, with the path that leads to it.
pub struct Fields<'j, 'a> {
    pub map: &'j Object<'a>,
    pub at: Cursor,
}

impl<'j, 'a> Fields<'j, 'a> {
    #[must_use]
    pub fn new(map: &'j Object<'a>, at: Cursor) -> Self {
        Self { map, at }
    }

    #[must_use]
    pub fn problem(&self, field: &'static str, message: impl Into<String>) -> Problem {
        self.at.field(field).problem(message)
    }

    /// The value of a field; `null` counts as absent.
    #[must_use]
    pub fn get(&self, field: &str) -> Option<&'j Json<'a>> {
        self.map.get(field).filter(|v| !v.is_null())
    }

    /// # Errors
    /// When the field is there but not a string.
    pub fn opt_string(&self, field: &'static str) -> Read<Option<&'j str>> {
        match self.get(field) {
            None => Ok(None),
            Some(Json::String(s)) => Ok(Some(s)),
            Some(other) => {
                Err(self.problem(field, format!("must be a string, not {}", describe(other))))
            }
        }
    }

    /// An optional string that, when present, has visible text.
    ///
    /// # Errors
    /// When it is not a string, or is blank.
    pub fn opt_text(&self, field: &'static str) -> Read<Option<String>> {
        match self.opt_string(field)? {
            Some(s) if s.trim().is_empty() => Err(self.problem(field, "must not be empty")),
            // Bytes are at least characters, so only a long text is counted.
            Some(s) if s.len() > MAX_TEXT_CHARS && s.chars().count() > MAX_TEXT_CHARS => Err(self
                .problem(
                    field,
                    format!(
                        "{} characters; the limit is {}",
                        grouped(s.chars().count()),
                        grouped(MAX_TEXT_CHARS)
                    ),
                )),
            other => Ok(other.map(|s| s.trim().to_owned())),
        }
    }

    /// # Errors
    /// As [`Self::opt_text`], and when the field is missing.
    pub fn req_text(&self, field: &'static str) -> Read<String> {
        self.opt_text(field)?
            .ok_or_else(|| self.problem(field, "is required"))
    }

    /// # Errors
    /// When the field is not a string, or `parse` refuses it.
    pub fn opt_parsed<T>(
        &self,
        field: &'static str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Read<Option<T>> {
        self.opt_string(field)?
            .map(|s| parse(s).map_err(|message| self.problem(field, message)))
            .transpose()
    }

    /// # Errors
    /// When the field is not a string or not an allowed URL for `usage`.
    pub fn opt_url(&self, field: &'static str, usage: UrlUse) -> Read<Option<SafeUrl>> {
        self.opt_parsed(field, |s| SafeUrl::parse(s, usage))
    }

    /// # Errors
    /// When the field is not a boolean.
    pub fn opt_bool(&self, field: &'static str) -> Read<bool> {
        match self.get(field) {
            None => Ok(false),
            Some(Json::Bool(b)) => Ok(*b),
            Some(other) => Err(self.problem(
                field,
                format!("must be true or false, not {}", describe(other)),
            )),
        }
    }

    /// # Errors
    /// When the field is not an array.
    pub fn opt_array(&self, field: &'static str) -> Read<Option<&'j [Json<'a>]>> {
        match self.get(field) {
            None => Ok(None),
            Some(Json::Array(items)) => Ok(Some(items)),
            Some(other) => {
                Err(self.problem(field, format!("must be an array, not {}", describe(other))))
            }
        }
    }

    /// # Errors
    /// When the field is not an object.
    pub fn opt_object(&self, field: &'static str) -> Read<Option<Fields<'j, 'a>>> {
        match self.get(field) {
            None => Ok(None),
            Some(Json::Object(map)) => Ok(Some(Fields::new(map, self.at.field(field)))),
            Some(other) => {
                Err(self.problem(field, format!("must be an object, not {}", describe(other))))
            }
        }
    }

    /// An optional array of non-empty strings, each passed through `parse`.
    ///
    /// # Errors
    /// At the first element that is not a non-empty string or that `parse` refuses.
    pub fn opt_list<T>(
        &self,
        field: &'static str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Read<Vec<T>> {
        let Some(items) = self.opt_array(field)? else {
            return Ok(Vec::new());
        };
        let list = self.at.field(field);
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let at = list.index(i);
                match item {
                    Json::String(s) if s.trim().is_empty() => Err(at.problem("must not be empty")),
                    Json::String(s) => parse(s.trim()).map_err(|message| at.problem(message)),
                    other => Err(at.problem(format!("must be a string, not {}", describe(other)))),
                }
            })
            .collect()
    }

    /// # Errors
    /// When the field is not a whole number of pixels in range.
    pub fn opt_dimension(&self, field: &'static str) -> Read<Option<u32>> {
        self.opt_whole(field, MAX_IMAGE_SIDE, "pixels")
    }

    /// A whole number of `unit` from 1 to `max`.
    ///
    /// # Errors
    /// When the field is not a whole number in range.
    pub fn opt_whole(&self, field: &'static str, max: u64, unit: &str) -> Read<Option<u32>> {
        match self.get(field) {
            None => Ok(None),
            Some(value @ Json::Number(n)) => match value.as_u64() {
                Some(v) if (1..=max).contains(&v) => Ok(u32::try_from(v).ok()),
                _ => Err(self.problem(
                    field,
                    format!("must be a whole number of {unit} from 1 to {max}, not {n}"),
                )),
            },
            Some(other) => Err(self.problem(
                field,
                format!("must be a whole number of {unit}, not {}", describe(other)),
            )),
        }
    }
}
