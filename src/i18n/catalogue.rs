//! One language's interface messages, read from its file in `i18n/` (the format is in
//! docs/translating.md): `key = text` (in quotes to keep spaces at its ends), plural forms as
//! `key[one] = …`, `@name` and `@direction` headers, `#` comments. Written by hand rather than with Fluent: a 60-line
//! reader costs a few hundred bytes of Wasm and gives located errors (file and line).

use super::plural::PluralCategory;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A message: one text, or one text per plural category.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    Text(Rc<str>),
    Plural(Vec<(PluralCategory, Rc<str>)>),
}

/// A language's messages by key.
#[derive(Clone, Debug, PartialEq)]
pub struct Catalogue {
    /// The language code (the file's name): `en`, `ar`, `zh`.
    pub code: String,
    /// Whether the interface in this language reads right to left (`@direction = rtl`).
    pub right_to_left: bool,
    messages: BTreeMap<String, Message>,
}

/// A line the reader could not take, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("i18n/{code}.txt line {line}: {message}")]
pub struct CatalogueError {
    pub code: String,
    pub line: usize,
    pub message: String,
}

impl Catalogue {
    /// A catalogue with no messages (every key then reads as the key itself).
    #[must_use]
    pub fn empty(code: &str) -> Self {
        Self {
            code: code.to_owned(),
            right_to_left: false,
            messages: BTreeMap::new(),
        }
    }

    /// Reads the catalogue of language `code` from its file's text.
    ///
    /// # Errors
    /// A line that is not a comment, a header or `key = text`; an unknown plural category; a
    /// key given twice; a key that is both plain and plural.
    pub fn parse(code: &str, text: &str) -> Result<Self, CatalogueError> {
        let mut catalogue = Self::empty(code);
        for (at, line) in text.lines().enumerate() {
            let fail = |message: String| CatalogueError {
                code: code.to_owned(),
                line: at + 1,
                message,
            };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(fail(format!("expected `key = text`, found {line:?}")));
            };
            // A value in quotes keeps its spaces (a list separator such as `", "`).
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            let (key, value) = (key.trim(), Rc::<str>::from(value));
            if let Some(header) = key.strip_prefix('@') {
                if header == "direction" {
                    catalogue.right_to_left = match &*value {
                        "rtl" => true,
                        "ltr" => false,
                        other => {
                            return Err(fail(format!("direction {other:?} is not ltr or rtl")))
                        }
                    };
                }
                continue;
            }
            let (name, category) = match key.strip_suffix(']').and_then(|k| k.split_once('[')) {
                Some((name, category)) => match PluralCategory::parse(category) {
                    Some(category) => (name, Some(category)),
                    None => return Err(fail(format!("{category:?} is not a plural category"))),
                },
                None => (key, None),
            };
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                return Err(fail(format!(
                    "{name:?} is not a key (letters, digits and -)"
                )));
            }
            let existing = catalogue.messages.get_mut(name);
            match (existing, category) {
                (None, None) => {
                    catalogue
                        .messages
                        .insert(name.to_owned(), Message::Text(value));
                }
                (None, Some(category)) => {
                    let forms = vec![(category, value)];
                    catalogue
                        .messages
                        .insert(name.to_owned(), Message::Plural(forms));
                }
                (Some(Message::Plural(forms)), Some(category))
                    if forms.iter().all(|(c, _)| *c != category) =>
                {
                    forms.push((category, value));
                }
                _ => return Err(fail(format!("{key:?} is given twice"))),
            }
        }
        Ok(catalogue)
    }

    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Message> {
        self.messages.get(key)
    }

    /// Every key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.messages.keys().map(String::as_str)
    }
}

impl Message {
    /// The text for `category`: the plain text, that category's form, else the `other` form.
    #[must_use]
    pub fn text(&self, category: PluralCategory) -> Option<&Rc<str>> {
        match self {
            Self::Text(text) => Some(text),
            Self::Plural(forms) => forms
                .iter()
                .find(|(c, _)| *c == category)
                .or_else(|| forms.iter().find(|(c, _)| *c == PluralCategory::Other))
                .map(|(_, text)| text),
        }
    }

    /// The plural categories it has forms for (none for a plain text).
    #[must_use]
    pub fn categories(&self) -> Vec<PluralCategory> {
        match self {
            Self::Text(_) => Vec::new(),
            Self::Plural(forms) => forms.iter().map(|(c, _)| *c).collect(),
        }
    }
}

/// Replaces each `{name}` in `text` with its value in `args`; unknown names stay as written.
#[must_use]
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders in `text`, in order.
#[must_use]
pub fn placeholders(text: &str) -> Vec<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}
