//! Validated domain types: what a collection of articles is once its JSON has been checked.
//! Values of these types can only come out of [`crate::format`], so the renderer can trust them:
//! every URL has an allowed scheme, every id is link-safe, every date is real.

use crate::date::Timestamp;
use std::fmt;
use std::rc::Rc;

/// A whole file once validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Collection {
    pub title: Option<String>,
    pub language: Option<LanguageTag>,
    /// Shared so components can hold one article cheaply.
    pub articles: Vec<Rc<Article>>,
}

impl Collection {
    /// The same collection with relative URLs resolved against the folder of the file it came
    /// from, so `images/a.svg` in `archive/2025.json` means `archive/images/a.svg`.
    #[must_use]
    pub fn resolved_against(mut self, file_url: &str) -> Self {
        let base = directory_of(file_url);
        if !base.is_empty() {
            for article in &mut self.articles {
                Rc::make_mut(article).map_urls(&|url| url.relative_to(base));
            }
        }
        self
    }

    #[must_use]
    pub fn find(&self, id: &str) -> Option<&Rc<Article>> {
        self.articles.iter().find(|article| article.id == id)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub standfirst: Option<String>,
    /// `None` only for undated items of a JSON Feed; article files always have a date.
    pub published: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    pub byline: Vec<String>,
    pub tags: Vec<String>,
    pub language: Option<LanguageTag>,
    pub url: Option<SafeUrl>,
    pub source: Option<Source>,
    pub regions: Vec<RegionPath>,
    pub image: Option<Image>,
    pub body: Body,
}

impl Article {
    /// What there is to read in the body (0 while a `body_url` body has not been loaded).
    #[must_use]
    pub fn text_amount(&self) -> TextAmount {
        match &self.body {
            Body::Blocks(blocks) => blocks.iter().map(Block::text_amount).sum(),
            Body::Remote(_) => TextAmount::default(),
        }
    }

    /// Minutes to read the body, at least one; `None` when there is no text yet.
    #[must_use]
    pub fn reading_minutes(&self) -> Option<usize> {
        self.text_amount().reading_minutes()
    }

    /// The language the article is written in: its own, or else the collection's.
    #[must_use]
    pub fn language_or<'a>(&'a self, fallback: Option<&'a LanguageTag>) -> Option<&'a LanguageTag> {
        self.language.as_ref().or(fallback)
    }
}

/// Average adult silent reading speed for prose in space-separated languages.
pub const WORDS_PER_MINUTE: usize = 230;
/// Reading speed for Chinese, Japanese and Korean, counted in characters.
pub const CJK_CHARACTERS_PER_MINUTE: usize = 500;

/// How much text there is: words in space-separated scripts, and characters in Chinese,
/// Japanese and Korean (which do not separate words with spaces).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct TextAmount {
    pub words: usize,
    pub cjk_characters: usize,
}

impl TextAmount {
    #[must_use]
    pub fn of(text: &str) -> Self {
        let cjk_characters = text.chars().filter(|&c| is_cjk(c)).count();
        let words = text
            .split(|c: char| c.is_whitespace() || is_cjk(c))
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        Self {
            words,
            cjk_characters,
        }
    }

    /// Minutes to read, rounded up, at least one; `None` for no text.
    #[must_use]
    pub fn reading_minutes(self) -> Option<usize> {
        if self.words == 0 && self.cjk_characters == 0 {
            return None;
        }
        let seconds = self.words * 60 / WORDS_PER_MINUTE
            + self.cjk_characters * 60 / CJK_CHARACTERS_PER_MINUTE;
        Some(seconds.div_ceil(60).max(1))
    }
}

impl std::iter::Sum for TextAmount {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::default(), |a, b| Self {
            words: a.words + b.words,
            cjk_characters: a.cjk_characters + b.cjk_characters,
        })
    }
}

/// Han, Hiragana, Katakana and Hangul characters.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x20000..=0x2FA1F)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub name: String,
    pub url: Option<SafeUrl>,
}

/// The article text: given inline, or loaded from `body_url` when the article is opened.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Blocks(Vec<Block>),
    Remote(SafeUrl),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub src: SafeUrl,
    /// Empty means decorative.
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadingLevel {
    Two,
    Three,
}

/// One typed piece of article body. The renderer matches on this exhaustively.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph(Inline),
    Heading {
        text: String,
        level: HeadingLevel,
    },
    Image(Image),
    PullQuote {
        text: String,
        attribution: Option<String>,
    },
    Quote {
        text: Inline,
        cite: Option<String>,
    },
    List {
        ordered: bool,
        items: Vec<Inline>,
    },
    Link {
        text: String,
        url: SafeUrl,
        label: Option<String>,
    },
    /// Text whose spaces and line breaks matter (code, tables of figures, verse).
    Preformatted {
        text: String,
    },
}

impl Block {
    /// Text a reader reads in this block. Pull quotes repeat the body, so they do not count.
    #[must_use]
    pub fn text_amount(&self) -> TextAmount {
        match self {
            Block::Paragraph(inline) | Block::Quote { text: inline, .. } => {
                TextAmount::of(&inline.plain_text())
            }
            Block::Heading { text, .. }
            | Block::Link { text, .. }
            | Block::Preformatted { text } => TextAmount::of(text),
            Block::Image(image) => image
                .caption
                .as_deref()
                .map(TextAmount::of)
                .unwrap_or_default(),
            Block::PullQuote { .. } => TextAmount::default(),
            Block::List { items, .. } => {
                items.iter().map(|i| TextAmount::of(&i.plain_text())).sum()
            }
        }
    }
}

/// Running text: a sequence of spans with optional emphasis and link.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Inline(pub Vec<Span>);

impl Inline {
    #[must_use]
    pub fn plain(text: &str) -> Self {
        Self(vec![Span {
            text: text.to_owned(),
            ..Span::default()
        }])
    }

    /// The text without formatting.
    #[must_use]
    pub fn plain_text(&self) -> String {
        self.0.iter().map(|span| span.text.as_str()).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub em: bool,
    pub href: Option<SafeUrl>,
}

/// A region as a path of names, broadest first: `Europe/Russia/Kursk Oblast`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionPath(Vec<String>);

impl RegionPath {
    /// Splits on `/` and trims each name.
    ///
    /// # Errors
    /// When the path is empty or any segment is empty (`Europe//Russia`, `/Europe`, `Europe/`).
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.trim().is_empty() {
            return Err("a region path cannot be empty".to_owned());
        }
        let segments: Vec<String> = text.split('/').map(|s| s.trim().to_owned()).collect();
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

/// Where a URL may be used: links may also be `mailto:`; images and data files may not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    Link,
    Resource,
}

/// A URL whose scheme is allowed (`http`, `https`, `mailto` for links) or that is relative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeUrl(String);

impl SafeUrl {
    /// Checks a URL the way a browser would read it: surrounding whitespace and control
    /// characters are stripped and tabs and newlines inside are ignored before the scheme is
    /// read, so `" jav\tascript:"` is caught as `javascript:`.
    ///
    /// # Errors
    /// Names the refused scheme, or says why the URL is unusable.
    pub fn parse(text: &str, usage: UrlUse) -> Result<Self, String> {
        let cleaned: String = text
            .trim_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        if cleaned.is_empty() {
            return Err("a URL cannot be empty".to_owned());
        }
        if cleaned.chars().any(|c| c.is_control()) {
            return Err("a URL cannot contain control characters".to_owned());
        }
        match scheme_of(&cleaned) {
            None => Ok(Self(cleaned)),
            Some(scheme) => match (scheme.as_str(), usage) {
                ("http" | "https", _) | ("mailto", UrlUse::Link) => Ok(Self(cleaned)),
                ("mailto", UrlUse::Resource) => {
                    Err("mailto: URLs are only allowed for links".to_owned())
                }
                _ => Err(format!(
                    "{scheme}: URLs are not allowed (use http, https{} or a relative URL)",
                    if usage == UrlUse::Link {
                        ", mailto"
                    } else {
                        ""
                    }
                )),
            },
        }
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Resolves a relative path against the folder `base_dir` (which ends in `/`, or is empty
    /// for the page's own folder). Absolute URLs, root paths, `?query` and `#fragment` links
    /// stay as they are.
    #[must_use]
    pub fn relative_to(&self, base_dir: &str) -> Self {
        let keep = base_dir.is_empty()
            || scheme_of(&self.0).is_some()
            || self.0.starts_with(['/', '?', '#']);
        if keep {
            self.clone()
        } else {
            Self(format!("{base_dir}{}", self.0))
        }
    }
}

/// The folder part of a file's URL, `/` included: `data/2025.json` → `data/`,
/// `https://x.org/a/b.json?v=2` → `https://x.org/a/`, `articles.json` → ``.
#[must_use]
pub fn directory_of(file_url: &str) -> &str {
    let path_end = file_url.find(['?', '#']).unwrap_or(file_url.len());
    let path = &file_url[..path_end];
    path.rfind('/').map_or("", |slash| &path[..=slash])
}

/// Rewrites every URL inside a value (used to resolve relative URLs against their file).
pub trait MapUrls {
    fn map_urls(&mut self, f: &dyn Fn(&SafeUrl) -> SafeUrl);
}

fn map_option(url: &mut Option<SafeUrl>, f: &dyn Fn(&SafeUrl) -> SafeUrl) {
    if let Some(url) = url {
        *url = f(url);
    }
}

impl MapUrls for Image {
    fn map_urls(&mut self, f: &dyn Fn(&SafeUrl) -> SafeUrl) {
        self.src = f(&self.src);
    }
}

impl MapUrls for Inline {
    fn map_urls(&mut self, f: &dyn Fn(&SafeUrl) -> SafeUrl) {
        for span in &mut self.0 {
            map_option(&mut span.href, f);
        }
    }
}

impl MapUrls for Block {
    fn map_urls(&mut self, f: &dyn Fn(&SafeUrl) -> SafeUrl) {
        match self {
            Block::Paragraph(inline) | Block::Quote { text: inline, .. } => inline.map_urls(f),
            Block::Image(image) => image.map_urls(f),
            Block::List { items, .. } => items.iter_mut().for_each(|item| item.map_urls(f)),
            Block::Link { url, .. } => *url = f(url),
            Block::Heading { .. } | Block::PullQuote { .. } | Block::Preformatted { .. } => {}
        }
    }
}

impl MapUrls for Vec<Block> {
    fn map_urls(&mut self, f: &dyn Fn(&SafeUrl) -> SafeUrl) {
        self.iter_mut().for_each(|block| block.map_urls(f));
    }
}

impl MapUrls for Article {
    fn map_urls(&mut self, f: &dyn Fn(&SafeUrl) -> SafeUrl) {
        map_option(&mut self.url, f);
        if let Some(source) = &mut self.source {
            map_option(&mut source.url, f);
        }
        if let Some(image) = &mut self.image {
            image.map_urls(f);
        }
        match &mut self.body {
            Body::Blocks(blocks) => blocks.map_urls(f),
            Body::Remote(url) => *url = f(url),
        }
    }
}

/// The scheme of an absolute URL, lower-cased; `None` for a relative one.
fn scheme_of(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    // A colon after a path, query or fragment character does not start a scheme.
    let mut chars = candidate.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then(|| candidate.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disguised_schemes_are_caught() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "  javascript:alert(1)",
            "jav\tascript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:msgbox",
        ] {
            assert!(
                SafeUrl::parse(bad, UrlUse::Link).is_err(),
                "{bad:?} was accepted"
            );
        }
    }

    #[test]
    fn allowed_urls() {
        for good in [
            "https://example.com/a?b=c:d",
            "http://x",
            "images/a.svg",
            "/a/b",
            "./a:b",
            "?article=x",
            "#top",
            "//cdn.example/x.png",
        ] {
            assert!(
                SafeUrl::parse(good, UrlUse::Resource).is_ok(),
                "{good:?} was refused"
            );
        }
        assert!(SafeUrl::parse("mailto:a@b.c", UrlUse::Link).is_ok());
        assert!(SafeUrl::parse("mailto:a@b.c", UrlUse::Resource).is_err());
    }

    #[test]
    fn relative_urls_follow_their_file() {
        assert_eq!(directory_of("articles.json"), "");
        assert_eq!(directory_of("data/2025.json"), "data/");
        assert_eq!(
            directory_of("https://x.org/a/b.json?v=1/2"),
            "https://x.org/a/"
        );
        let url = |s| SafeUrl::parse(s, UrlUse::Link).map(|u| u.relative_to("data/").0);
        assert_eq!(url("images/a.svg").as_deref(), Ok("data/images/a.svg"));
        for kept in [
            "/images/a.svg",
            "https://x.org/a",
            "mailto:a@b.c",
            "#top",
            "?article=x",
            "//cdn.x/a",
        ] {
            assert_eq!(url(kept).as_deref(), Ok(kept));
        }
    }

    #[test]
    fn reading_time_counts_words_and_cjk_characters() {
        let english = "word ".repeat(460);
        assert_eq!(TextAmount::of(&english).reading_minutes(), Some(2));
        let japanese = "日本語の文章です。".repeat(111); // 999 characters, 888 of them CJK
        let amount = TextAmount::of(&japanese);
        assert_eq!(amount.cjk_characters, 888);
        assert_eq!(amount.reading_minutes(), Some(2));
        assert_eq!(TextAmount::of("한국어 문장").cjk_characters, 5);
        assert_eq!(TextAmount::of("   ").reading_minutes(), None);
        assert_eq!(TextAmount::of("Hi").reading_minutes(), Some(1));
    }

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
