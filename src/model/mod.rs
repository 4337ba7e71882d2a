//! Validated domain types: what a collection of articles is once its JSON has been checked.
//! Values of these types can only come out of [`crate::format`], so the renderer can trust them:
//! every URL has an allowed scheme, every id is link-safe, every date is real.
//!
//! This file holds the collection, article, body and inline types; `names.rs` the region path
//! and language tag; `reading.rs` how much text there is and the reading time; `url.rs` the
//! checked URL and the URL rewriting used to resolve relative links.

mod names;
mod reading;
mod url;

pub use names::{LanguageTag, RegionPath, MAX_REGION_DEPTH, MAX_REGION_NAME_CHARS};
pub use reading::{ReadingTime, TextAmount, CJK_CHARACTERS_PER_MINUTE, WORDS_PER_MINUTE};
pub use url::{directory_of, resolve_against, MapUrls, SafeUrl, UrlUse};

use crate::date::Timestamp;
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
        self.resolve_urls_of(directory_of(file_url), 0..self.articles.len());
        self
    }

    /// Resolves the relative URLs of some articles (by position) against the folder `base`
    /// (as [`directory_of`] gives it), so a large collection can be resolved a slice at a time.
    pub fn resolve_urls_of(&mut self, base: &str, articles: std::ops::Range<usize>) {
        if base.is_empty() {
            return;
        }
        let end = articles.end.min(self.articles.len());
        for article in &mut self.articles[articles.start.min(end)..end] {
            Rc::make_mut(article).map_urls(&|url| url.relative_to(base));
        }
    }

    /// The inverse of [`Collection::resolved_against`] with the same `file_url` (a relative
    /// one): every article's URLs as they were. In place where no one else holds an article.
    #[must_use]
    pub fn unresolved_from(mut self, file_url: &str) -> Self {
        let base = directory_of(file_url);
        if !base.is_empty() {
            for article in &mut self.articles {
                Rc::make_mut(article).map_urls(&|url| url.unresolved_from(base));
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
    /// The body's reading time, worked out the first time it is asked for.
    pub reading_time: ReadingTime,
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
        self.reading_time
            .get_or_init(|| self.text_amount().reading_minutes())
    }

    /// The language the article is written in: its own, or else the collection's.
    #[must_use]
    pub fn language_or<'a>(&'a self, fallback: Option<&'a LanguageTag>) -> Option<&'a LanguageTag> {
        self.language.as_ref().or(fallback)
    }
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

    /// The length of the text in bytes of UTF-8.
    #[must_use]
    pub fn byte_len(&self) -> usize {
        self.0.iter().map(|span| span.text.len()).sum()
    }

    /// The text in pieces of at most `bytes` bytes of UTF-8, each cut after a space where one
    /// is in the second half of the piece (otherwise between two characters), each span keeping
    /// its emphasis and link. Joined again, the pieces are the text.
    #[must_use]
    pub fn slices(&self, bytes: usize) -> Vec<Inline> {
        let bytes = bytes.max(4);
        let mut slices = Vec::new();
        let mut current: Vec<Span> = Vec::new();
        let mut room = bytes;
        for span in &self.0 {
            let piece = |text: &str| Span {
                text: text.to_owned(),
                strong: span.strong,
                em: span.em,
                href: span.href.clone(),
            };
            let mut rest = span.text.as_str();
            while rest.len() > room {
                let mut at = room;
                while !rest.is_char_boundary(at) {
                    at -= 1;
                }
                let cut = rest[..at]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map(|(w, c)| w + c.len_utf8())
                    .filter(|&cut| cut > at / 2)
                    .unwrap_or(at);
                if cut > 0 {
                    current.push(piece(&rest[..cut]));
                }
                slices.push(Inline(std::mem::take(&mut current)));
                room = bytes;
                rest = &rest[cut..];
            }
            room -= rest.len();
            if !rest.is_empty() {
                current.push(piece(rest));
            }
        }
        if !current.is_empty() {
            slices.push(Inline(current));
        }
        slices
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub em: bool,
    pub href: Option<SafeUrl>,
}

#[cfg(test)]
mod tests {
    use super::reading::is_cjk;
    use super::*;

    #[test]
    fn slices_of_a_long_text_join_back_into_it_and_keep_their_formatting() {
        let link = SafeUrl::parse("https://example.org/", UrlUse::Link).ok();
        let text = Inline(vec![
            Span {
                text: "Plain words here and there. ".repeat(40),
                ..Span::default()
            },
            Span {
                text: "Ünïcödé ".repeat(30),
                strong: true,
                ..Span::default()
            },
            Span {
                text: "x".repeat(250),
                href: link.clone(),
                ..Span::default()
            },
            Span {
                text: "字".repeat(120),
                em: true,
                ..Span::default()
            },
        ]);
        let total = text.plain_text().len();
        for size in [4, 7, 100, 333, total, total + 1] {
            let slices = text.slices(size);
            let joined: String = slices.iter().map(Inline::plain_text).collect();
            assert_eq!(joined, text.plain_text(), "size {size}");
            assert!(
                slices.iter().all(|s| {
                    let n = s.plain_text().chars().count();
                    n >= 1 && n <= size
                }),
                "size {size}"
            );
            if size >= 100 && size < total {
                // Cut at spaces where the text has them: no word is split in the plain part.
                let first = slices[0].plain_text();
                assert!(first.ends_with(' '), "size {size}: {first:?}");
                assert!(first.len() > size / 2);
            }
            let pieces: Vec<&Span> = slices.iter().flat_map(|s| &s.0).collect();
            assert!(pieces.iter().all(|p| !p.text.is_empty()));
            assert!(pieces
                .iter()
                .filter(|p| p.text.starts_with('x'))
                .all(|p| p.href == link));
            assert!(pieces
                .iter()
                .filter(|p| p.text.starts_with('字'))
                .all(|p| p.em && !p.strong));
        }
        assert_eq!(text.slices(total).len(), 1);
        assert!(Inline::default().slices(10).is_empty());
    }

    #[test]
    fn text_amounts_count_as_splitting_on_spaces_and_cjk_does() {
        for text in [
            "",
            " ",
            "one",
            " two  words ",
            "a-b c",
            "-- , ;",
            "漢字かなabc def",
            "x漢y",
            "١٢٣ كلمة",
            "tab\tand\nline",
            "字 ",
            " .字. ",
        ] {
            let words = text
                .split(|c: char| c.is_whitespace() || is_cjk(c))
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            let cjk_characters = text.chars().filter(|&c| is_cjk(c)).count();
            assert_eq!(
                TextAmount::of(text),
                TextAmount {
                    words,
                    cjk_characters
                },
                "{text:?}"
            );
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
}
