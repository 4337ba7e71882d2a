//! JSON Feed 1.0 and 1.1, read directly: a feed (recognised by its `version` URL) becomes a
//! collection, each item an article, with no conversion step. The mapping is in
//! `docs/json-feed.md`; what cannot be mapped becomes a non-fatal notice, and an item that
//! cannot be read at all is left out with its reason, like an invalid article.

use super::html;
use super::json::{Json, Object};
use super::path::Cursor;
use super::{Parsed, Problem};
use crate::date::Timestamp;
use crate::model::{
    Article, Block, Body, Collection, Image, Inline, LanguageTag, RegionPath, SafeUrl, Source,
    UrlUse,
};
use crate::text::{link_safe_id, TakenIds};
use std::rc::Rc;

/// The `version` URLs of JSON Feed 1.0 and 1.1.
pub const VERSIONS: [&str; 2] = [
    "https://jsonfeed.org/version/1",
    "https://jsonfeed.org/version/1.1",
];
/// The extension object the viewer reads on items.
pub const EXTENSION: &str = "_article_viewer";
/// Words taken from the text for an item without a title.
const TITLE_WORDS: usize = 12;

/// Whether a top-level `version` value names JSON Feed.
#[must_use]
pub fn is_feed_version(version: &Json<'_>) -> bool {
    version
        .as_str()
        .is_some_and(|v| VERSIONS.contains(&v.trim_end_matches('/')))
}

fn string<'j>(map: &'j Object<'_>, key: &str) -> Option<&'j str> {
    map.get(key)
        .and_then(Json::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The first words of a text, as a title for an item that has none.
pub(super) fn title_from(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let mut title = words
        .iter()
        .take(TITLE_WORDS)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > TITLE_WORDS {
        title.push('…');
    }
    Some(title)
}

/// `content_text`: paragraphs separated by blank lines; single line breaks are kept.
pub(super) fn text_blocks(text: &str) -> Vec<Block> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Block::Paragraph(Inline::plain(p)))
        .collect()
}

/// Feed HTML → blocks, and what was dropped from it (for a notice), if anything was.
pub(super) fn convert_html(content: &str) -> (Vec<Block>, Option<String>) {
    let converted = html::to_blocks(content);
    let dropped = (!converted.dropped.is_empty()).then(|| {
        converted
            .dropped
            .iter()
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    });
    (converted.blocks, dropped)
}

/// Reads a JSON Feed into a collection, in one go.
#[must_use]
pub fn parse_feed(feed: &Object<'_>) -> Parsed {
    let mut builder = FeedBuilder::new(feed);
    let items = feed
        .get("items")
        .and_then(Json::as_array)
        .unwrap_or_default();
    for (index, item) in items.iter().enumerate() {
        builder.add(index, item);
    }
    builder.finish()
}

/// A feed's items read one at a time (the chunked reader hands them over a slice at a time),
/// with what the feed's own fields give every item.
#[derive(Debug, Default)]
pub struct FeedBuilder {
    title: Option<String>,
    language: Option<LanguageTag>,
    source: Option<Source>,
    authors: Vec<String>,
    taken: TakenIds,
    articles: Vec<Rc<Article>>,
    skipped: Vec<Problem>,
    notices: Vec<Problem>,
}

impl FeedBuilder {
    /// Reads the feed's own fields (`items` is not looked at).
    #[must_use]
    pub fn new(feed: &Object<'_>) -> Self {
        let mut notices = Vec::new();
        let language = string(feed, "language").and_then(|l| match LanguageTag::parse(l) {
            Ok(tag) => Some(tag),
            Err(message) => {
                notices.push(
                    Cursor::ROOT
                        .field("language")
                        .problem(format!("{message}; ignored")),
                );
                None
            }
        });
        let source = string(feed, "title").map(|name| Source {
            name: name.to_owned(),
            url: string(feed, "home_page_url").and_then(|u| SafeUrl::parse(u, UrlUse::Link).ok()),
        });
        Self {
            title: string(feed, "title").map(str::to_owned),
            language,
            source,
            authors: authors(feed),
            notices,
            ..Self::default()
        }
    }

    /// Reads item number `index`: an article, or a reason it is left out.
    pub fn add(&mut self, index: usize, item: &Json<'_>) {
        let at = Cursor::ROOT.field("items").index(index);
        let Json::Object(item) = item else {
            self.skipped.push(at.problem("an item must be an object"));
            return;
        };
        let raw_id = match item.get("id") {
            Some(Json::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            Some(Json::Number(n)) => (*n).to_owned(),
            _ => {
                self.skipped
                    .push(at.field("id").problem("is required (a string)"));
                return;
            }
        };
        // A notice about one of this item's fields, named by the item's id (shown whole).
        let mut note = |field: Cursor, message: String| {
            let mut path = field.to_path();
            path.insert_id(at.len(), raw_id.clone());
            self.notices.push(Problem { path, message });
        };

        let mut body = Vec::new();
        if let Some(content) = string(item, "content_html") {
            let (blocks, dropped) = convert_html(content);
            if let Some(dropped) = dropped {
                note(at.field("content_html"), format!("left out: {dropped}"));
            }
            body = blocks;
        }
        if body.is_empty() {
            if let Some(text) = string(item, "content_text") {
                body = text_blocks(text);
            }
        }
        let plain: String = body
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(inline) => Some(inline.plain_text()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        let title = string(item, "title")
            .map(str::to_owned)
            .or_else(|| title_from(&plain))
            .or_else(|| string(item, "summary").and_then(title_from))
            .unwrap_or_else(|| "Untitled".to_owned());

        let mut date = |field: &'static str| {
            string(item, field).and_then(|d| match Timestamp::parse(d) {
                Ok(t) => Some(t),
                Err(message) => {
                    note(at.field(field), format!("{message}; ignored"));
                    None
                }
            })
        };
        let published_field = date("date_published");
        let modified = date("date_modified");
        let published = published_field.or(modified);
        let updated =
            modified.filter(|m| published_field.is_some_and(|p| !m.is_before(&p) && *m != p));

        let language = string(item, "language").and_then(|l| match LanguageTag::parse(l) {
            Ok(tag) => Some(tag),
            Err(message) => {
                note(at.field("language"), format!("{message}; ignored"));
                None
            }
        });
        let url = string(item, "url").and_then(|u| match SafeUrl::parse(u, UrlUse::Link) {
            Ok(url) => Some(url),
            Err(message) => {
                note(at.field("url"), format!("{message}; ignored"));
                None
            }
        });
        let image = ["image", "banner_image"].into_iter().find_map(|field| {
            string(item, field).and_then(|src| match SafeUrl::parse(src, UrlUse::Resource) {
                Ok(src) => Some(Image {
                    src,
                    alt: String::new(),
                    caption: None,
                    credit: None,
                    width: None,
                    height: None,
                }),
                Err(message) => {
                    note(at.field(field), format!("{message}; ignored"));
                    None
                }
            })
        });
        let regions = item
            .get(EXTENSION)
            .and_then(|e| e.get("regions"))
            .and_then(Json::as_array)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r.as_str().map(RegionPath::parse) {
                Some(Ok(region)) => Some(region),
                Some(Err(message)) => {
                    note(
                        at.field(EXTENSION).field("regions").index(i),
                        format!("{message}; ignored"),
                    );
                    None
                }
                None => {
                    note(
                        at.field(EXTENSION).field("regions").index(i),
                        "must be a string; ignored".into(),
                    );
                    None
                }
            })
            .collect();
        if item.get("attachments").is_some() {
            note(at.field("attachments"), "attachments are not shown".into());
        }
        let mut byline = authors(item);
        if byline.is_empty() {
            byline.clone_from(&self.authors);
        }
        let tags = item
            .get("tags")
            .and_then(Json::as_array)
            .map(|tags| {
                tags.iter()
                    .filter_map(Json::as_str)
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        self.articles.push(Rc::new(Article {
            id: link_safe_id(&raw_id, &mut self.taken, index),
            title,
            standfirst: string(item, "summary").map(str::to_owned),
            published,
            updated,
            byline,
            tags,
            language,
            url,
            source: self.source.clone(),
            regions,
            image,
            body: Body::Blocks(body),
            reading_time: crate::model::ReadingTime::default(),
        }));
    }

    #[must_use]
    pub fn finish(self) -> Parsed {
        Parsed {
            collection: Collection {
                title: self.title,
                language: self.language,
                articles: self.articles,
            },
            skipped: self.skipped,
            notices: self.notices,
        }
    }
}

/// Author names: 1.1's `authors` array, or 1.0's `author` object.
fn authors(map: &Object<'_>) -> Vec<String> {
    let name = |a: &Json<'_>| {
        a.get("name")
            .and_then(Json::as_str)
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
    };
    match (
        map.get("authors").and_then(Json::as_array),
        map.get("author"),
    ) {
        (Some(list), _) => list.iter().filter_map(name).collect(),
        (None, Some(author)) => name(author).into_iter().collect(),
        (None, None) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_text() {
        assert_eq!(title_from("one two"), Some("one two".into()));
        assert_eq!(
            title_from(&"w ".repeat(20)).map(|t| t.ends_with('…')),
            Some(true)
        );
        assert_eq!(title_from("  "), None);
    }
}
