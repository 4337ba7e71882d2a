//! Checked names: a region path (`Europe/Russia/Kursk Oblast`) and a BCP 47 language tag,
//! which also knows its writing direction.

use std::fmt;

/// Most names in a region path. Real paths have three to six (continent, country, region,
/// district, city); 32 leaves room for any gazetteer and keeps every path cheap to index.
pub const MAX_REGION_DEPTH: usize = 32;
/// Longest name in a region path, in characters (the longest place names in use, such as
/// Bangkok's ceremonial name, have about 170).
pub const MAX_REGION_NAME_CHARS: usize = 200;

/// A region as a path of names, broadest first: `Europe/Russia/Kursk Oblast`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionPath(Vec<String>);

impl RegionPath {
    /// Splits on `/` and trims each name.
    ///
    /// # Errors
    /// When the path is empty or any segment is empty (`Europe//Russia`, `/Europe`, `Europe/`),
    /// or it is beyond [`MAX_REGION_DEPTH`] names or a name beyond [`MAX_REGION_NAME_CHARS`].
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.trim().is_empty() {
            return Err("a region path cannot be empty".to_owned());
        }
        let count = text.split('/').count();
        if count > MAX_REGION_DEPTH {
            return Err(format!(
                "this region path has {count} names; the limit is {MAX_REGION_DEPTH} (a region path goes from the broadest place to the most specific, like Europe/Russia/Kursk Oblast)"
            ));
        }
        let segments: Vec<String> = text.split('/').map(|s| s.trim().to_owned()).collect();
        if let Some(long) = segments
            .iter()
            .find(|s| s.chars().count() > MAX_REGION_NAME_CHARS)
        {
            return Err(format!(
                "this region path has a name of {} characters; the limit is {MAX_REGION_NAME_CHARS}",
                long.chars().count()
            ));
        }
        if let Some(position) = segments.iter().position(String::is_empty) {
            return Err(format!(
                "\"{text}\" has an empty name at position {}: write names separated by single slashes, like Europe/Russia/Kursk Oblast",
                position + 1
            ));
        }
        Ok(Self(segments))
    }

    #[must_use]
    pub fn segments(&self) -> &[String] {
        &self.0
    }

    /// The path of its first `depth` names (all of them when `depth` is larger).
    #[must_use]
    pub fn truncated(&self, depth: usize) -> Self {
        Self(self.0[..depth.min(self.0.len())].to_vec())
    }

    /// The last, most specific name.
    #[must_use]
    pub fn leaf(&self) -> &str {
        self.0.last().map_or("", String::as_str)
    }

    /// Whether `self` is `ancestor` or lies under it.
    #[must_use]
    pub fn is_within(&self, ancestor: &RegionPath) -> bool {
        self.0.starts_with(&ancestor.0)
    }
}

impl fmt::Display for RegionPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("/"))
    }
}

/// A BCP 47 language tag, checked for shape (`en`, `en-GB`, `zh-Hant-TW`, `ar`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanguageTag(String);

/// Languages written right to left, by primary subtag.
const RTL_LANGUAGES: [&str; 12] = [
    "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ur", "yi",
];
/// Scripts written right to left, by script subtag.
const RTL_SCRIPTS: [&str; 7] = ["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"];

impl LanguageTag {
    /// # Errors
    /// When the text is not shaped like a BCP 47 tag.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut subtags = text.split('-');
        let primary = subtags.next().unwrap_or_default();
        let primary_ok =
            (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
        let rest_ok = subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
        if primary_ok && rest_ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(format!(
                "\"{text}\" is not a BCP 47 language tag: use a code such as en, en-GB, uk or ar"
            ))
        }
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether text in this language runs right to left.
    #[must_use]
    pub fn is_right_to_left(&self) -> bool {
        let mut subtags = self.0.split('-');
        let primary = subtags.next().unwrap_or_default().to_ascii_lowercase();
        if RTL_LANGUAGES.contains(&primary.as_str()) {
            return true;
        }
        subtags.any(|s| s.len() == 4 && RTL_SCRIPTS.contains(&s.to_ascii_lowercase().as_str()))
    }

    /// `"rtl"` or `"ltr"`, for the `dir` attribute.
    #[must_use]
    pub fn direction(&self) -> &'static str {
        if self.is_right_to_left() {
            "rtl"
        } else {
            "ltr"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_languages() {
        for (tag, rtl) in [
            ("ar", true),
            ("fa-IR", true),
            ("he", true),
            ("ur", true),
            ("en-GB", false),
            ("uk", false),
            ("pa-Arab", true),
        ] {
            assert_eq!(
                LanguageTag::parse(tag).map(|t| t.is_right_to_left()),
                Ok(rtl),
                "{tag}"
            );
        }
    }
}
