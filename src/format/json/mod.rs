//! A small borrowed JSON reader for the viewer's formats (RFC 8259, as strict as `serde_json`).
//!
//! [`Json`] is a value tree whose strings borrow from the text unless they hold escapes and whose
//! numbers keep their source text (so messages show a number as it was written). [`Reader`]
//! reads one value at a time from any byte offset, which is how the chunked reader resumes a
//! large file slice by slice with the same code as the one-go reader. Errors carry the byte
//! offset; [`JsonError::line_column`] turns it into the line and column users see.
//!
//! Why our own rather than `serde_json::Value`: one pass with borrowed strings (no tree of owned
//! `String`s), offsets that resume across slices, and no float formatting or serde machinery in
//! the Wasm. `fuzz/fuzz_targets/json.rs` checks it against `serde_json` on arbitrary input.
//!
//! This file holds the value types and the structural reader; `scalars.rs` reads numbers and
//! strings (escapes, surrogate pairs, the range check).

mod scalars;

use std::borrow::Cow;

/// How deep arrays and objects may nest (the same limit as `serde_json`).
pub const MAX_DEPTH: usize = 128;

/// One JSON value, borrowing from the text it was read from.
#[derive(Clone, Debug, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    /// A number, as written (already checked against the JSON grammar and the range of `f64`).
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
}

/// An object's members in file order. A key given twice means its last value, as in `serde_json`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object<'a>(pub Vec<(Cow<'a, str>, Json<'a>)>);

impl<'a> Object<'a> {
    /// The value of `key` (its last one, when repeated).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    #[must_use]
    pub fn contains_key(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }
}

impl<'a> Json<'a> {
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }

    /// A member of an object value.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object().and_then(|object| object.get(key))
    }

    /// A number that is a whole non-negative integer written without a fraction or exponent.
    #[must_use]
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(raw) if raw.bytes().all(|b| b.is_ascii_digit()) => raw.parse().ok(),
            _ => None,
        }
    }

    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }
}

/// A syntax error: what is wrong, and the byte offset where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub offset: usize,
    pub message: &'static str,
    /// Whether the text ended in the middle of a value.
    pub at_end: bool,
}

impl JsonError {
    /// The 1-based line and column (in characters) of the error in `text`.
    #[must_use]
    pub fn line_column(&self, text: &str) -> (usize, usize) {
        let before = text.get(..self.offset.min(text.len())).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |p| p + 1);
        (line, before[line_start..].chars().count() + 1)
    }
}

/// Reads a whole text as one JSON value, with nothing but whitespace around it.
///
/// # Errors
/// The first syntax error, with its offset.
pub fn parse(text: &str) -> Result<Json<'_>, JsonError> {
    let mut reader = Reader::new(text, 0);
    let value = reader.value()?;
    reader.end()?;
    Ok(value)
}

/// A position in a JSON text, from which values and punctuation are read.
pub struct Reader<'a> {
    text: &'a str,
    pub pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    #[must_use]
    pub fn new(text: &'a str, pos: usize) -> Self {
        Self {
            text,
            pos,
            depth: 0,
        }
    }

    /// A reader inside `depth` levels of arrays and objects (for resuming in the middle of a file).
    #[must_use]
    pub fn resume(text: &'a str, pos: usize, depth: usize) -> Self {
        Self { text, pos, depth }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn fail(&self, message: &'static str) -> JsonError {
        JsonError {
            offset: self.pos,
            message,
            at_end: false,
        }
    }

    fn eof(&self, what: &'static str) -> JsonError {
        JsonError {
            offset: self.text.len(),
            message: what,
            at_end: true,
        }
    }

    /// Skips whitespace and returns the next byte, if any.
    pub fn peek(&mut self) -> Option<u8> {
        let bytes = self.bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// Checks that only whitespace is left.
    ///
    /// # Errors
    /// "trailing characters" at the first other byte.
    pub fn end(&mut self) -> Result<(), JsonError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.fail("trailing characters")),
        }
    }

    /// Consumes `byte` (after whitespace) or fails with `message`; `eof` names what was cut off.
    ///
    /// # Errors
    /// When the next byte is another one, or the text ends.
    pub fn expect(
        &mut self,
        byte: u8,
        message: &'static str,
        eof: &'static str,
    ) -> Result<(), JsonError> {
        match self.peek() {
            Some(b) if b == byte => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => Err(self.fail(message)),
            None => Err(self.eof(eof)),
        }
    }

    /// After a member or element: `true` for a comma, `false` for the closing `close`.
    ///
    /// # Errors
    /// When anything else follows.
    pub fn comma_or(&mut self, close: u8) -> Result<bool, JsonError> {
        let (message, eof) = if close == b']' {
            ("expected `,` or `]`", "EOF while parsing a list")
        } else {
            ("expected `,` or `}`", "EOF while parsing an object")
        };
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            Some(_) => Err(self.fail(message)),
            None => Err(self.eof(eof)),
        }
    }

    /// Reads an object key and its colon.
    ///
    /// # Errors
    /// When the next thing is not a string followed by `:`.
    pub fn key(&mut self) -> Result<Cow<'a, str>, JsonError> {
        match self.peek() {
            Some(b'"') => {}
            Some(_) => return Err(self.fail("key must be a string")),
            None => return Err(self.eof("EOF while parsing an object")),
        }
        let key = self.string()?;
        self.expect(b':', "expected `:`", "EOF while parsing an object")?;
        Ok(key)
    }

    /// Reads one value.
    ///
    /// # Errors
    /// The first syntax error inside it.
    pub fn value(&mut self) -> Result<Json<'a>, JsonError> {
        match self.peek() {
            None => Err(self.eof("EOF while parsing a value")),
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b'{') => self.nested(|reader| {
                let mut members = Vec::new();
                if reader.peek() == Some(b'}') {
                    reader.pos += 1;
                    return Ok(Json::Object(Object(members)));
                }
                loop {
                    let key = reader.key()?;
                    members.push((key, reader.value()?));
                    if !reader.comma_or(b'}')? {
                        return Ok(Json::Object(Object(members)));
                    }
                }
            }),
            Some(b'[') => self.nested(|reader| {
                let mut items = Vec::new();
                if reader.peek() == Some(b']') {
                    reader.pos += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(reader.value()?);
                    if !reader.comma_or(b']')? {
                        return Ok(Json::Array(items));
                    }
                }
            }),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("expected value")),
        }
    }

    /// Reads an array or object (its opening bracket next) one level deeper.
    fn nested(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<Json<'a>, JsonError>,
    ) -> Result<Json<'a>, JsonError> {
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(self.fail("recursion limit exceeded"));
        }
        self.pos += 1;
        let value = read(self)?;
        self.depth -= 1;
        Ok(value)
    }

    fn word(&mut self, word: &'static str, value: Json<'a>) -> Result<Json<'a>, JsonError> {
        let rest = &self.bytes()[self.pos..];
        for (i, &expected) in word.as_bytes().iter().enumerate() {
            match rest.get(i) {
                Some(&b) if b == expected => {}
                Some(_) => {
                    self.pos += i;
                    return Err(self.fail("expected ident"));
                }
                None => return Err(self.eof("EOF while parsing a value")),
            }
        }
        self.pos += word.len();
        Ok(value)
    }
}
