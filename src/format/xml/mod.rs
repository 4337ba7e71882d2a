//! RSS 2.0 (and 0.91/0.92, and RSS 1.0 in RDF) and Atom 1.0, read directly: a feed becomes a
//! collection and each item or entry an article, like a JSON Feed. The mapping is in
//! `docs/rss-atom.md`.
//! - [`tree`]: the file as a stream of small element trees (quick-xml; nothing is expanded or
//!   fetched), of [`element`]'s types;
//! - [`encoding`]: the file's bytes as text (UTF-8, UTF-16, ISO-8859-1, windows-1252);
//! - [`dates`]: RFC 822 dates as feeds write them;
//! - [`items`]: what items and entries share (notices, HTML, images, regions, tags);
//! - [`rss`] and [`atom`]: one item or entry → an article.
//!
//! A syntax error before the first item refuses the file with its line and column; after one,
//! the items read are kept and the cut is reported. An item that cannot be read is left out
//! with its reason; the others stay.

pub mod atom;
pub mod dates;
pub mod element;
pub mod encoding;
pub mod items;
pub mod rss;
pub mod tree;

use super::path::Cursor;
use super::{without_bom, FormatError, Parsed, Problem};
use crate::model::{Article, Collection, LanguageTag, SafeUrl, Source, UrlUse};
use crate::text::TakenIds;
use std::rc::Rc;
use tree::{Element, Sink};

/// Reads an RSS or Atom feed from its bytes, in the encoding it declares.
///
/// # Errors
/// As [`read_feed`], and as [`encoding::decode`].
pub fn read_feed_bytes(bytes: &[u8]) -> Result<Parsed, FormatError> {
    read_feed(&encoding::decode(bytes)?)
}

/// Reads an RSS or Atom feed.
///
/// # Errors
/// [`FormatError::NotXml`] when the file is not well-formed XML before its first item, declares
/// entities, or is not a feed.
pub fn read_feed(text: &str) -> Result<Parsed, FormatError> {
    let mut feed = Feed::default();
    tree::read_document(without_bom(text), &mut feed)?;
    Ok(feed.finish())
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Kind {
    #[default]
    Rss,
    Atom,
}

/// A feed being read: its own fields, and its articles so far.
#[derive(Default)]
struct Feed {
    kind: Kind,
    title: Option<String>,
    language: Option<LanguageTag>,
    home: Option<SafeUrl>,
    authors: Vec<String>,
    taken: TakenIds,
    items: usize,
    articles: Vec<Article>,
    skipped: Vec<Problem>,
    notices: Vec<Problem>,
}

impl Feed {
    fn note(&mut self, field: &'static str, line: usize, message: String) {
        self.notices.push(
            Cursor::ROOT
                .field(field)
                .problem(format!("{message} (line {line})")),
        );
    }

    fn set_language(&mut self, field: &'static str, line: usize, text: &str) {
        match LanguageTag::parse(text.trim()) {
            Ok(tag) => self.language = Some(tag),
            Err(message) => self.note(field, line, format!("{message}; ignored")),
        }
    }

    fn set_home(&mut self, line: usize, text: &str) {
        match SafeUrl::parse(text.trim(), UrlUse::Link) {
            Ok(url) => self.home = Some(url),
            Err(message) => self.note("link", line, format!("{message}; ignored")),
        }
    }

    fn item(&mut self, element: &Element) {
        let index = self.items;
        self.items += 1;
        let read = match self.kind {
            Kind::Rss => rss::article(element, index, &mut self.taken, &mut self.notices),
            Kind::Atom => atom::article(element, index, &mut self.taken, &mut self.notices),
        };
        match read {
            Ok(article) => self.articles.push(article),
            Err(problem) => self.skipped.push(problem),
        }
    }

    /// The collection: the feed's title and link as every article's source (unless the item
    /// names its own), the feed's authors for entries without any.
    fn finish(self) -> Parsed {
        let source = self.title.as_ref().map(|name| Source {
            name: name.clone(),
            url: self.home.clone(),
        });
        let articles = self
            .articles
            .into_iter()
            .map(|mut article| {
                if article.source.is_none() {
                    article.source.clone_from(&source);
                }
                if article.byline.is_empty() {
                    article.byline.clone_from(&self.authors);
                }
                Rc::new(article)
            })
            .collect();
        Parsed {
            collection: Collection {
                title: self.title,
                language: self.language,
                articles,
            },
            skipped: self.skipped,
            notices: self.notices,
        }
    }
}

impl Sink for Feed {
    fn root(&mut self, root: &Element) -> Result<(), String> {
        self.kind = match root.name.as_str() {
            "rss" | "rdf:RDF" => Kind::Rss,
            "feed" => Kind::Atom,
            other => {
                return Err(format!(
                    "this XML file is not a feed: its root element is <{other}>, and the viewer reads RSS (<rss> or <rdf:RDF>) and Atom (<feed>)"
                ))
            }
        };
        if let Some(lang) = root.attribute("xml:lang") {
            self.set_language("xml:lang", root.line, lang);
        }
        Ok(())
    }

    fn is_container(&self, name: &str) -> bool {
        self.kind == Kind::Rss && name == "channel"
    }

    fn child(&mut self, child: Element) {
        match (self.kind, child.name.as_str()) {
            (Kind::Rss, "item") | (Kind::Atom, "entry") => self.item(&child),
            (Kind::Rss, "title") if self.title.is_none() => {
                self.title = Some(child.text().trim().to_owned()).filter(|t| !t.is_empty());
            }
            (Kind::Atom, "title") if self.title.is_none() => {
                self.title = Some(atom::text_construct(&child)).filter(|t| !t.is_empty());
            }
            (Kind::Rss, "language" | "dc:language") if self.language.is_none() => {
                self.set_language("language", child.line, &child.text());
            }
            (Kind::Rss, "link") if self.home.is_none() => self.set_home(child.line, &child.text()),
            (Kind::Atom, "link") if self.home.is_none() => {
                let rel = child.attribute("rel");
                if let (None | Some("alternate"), Some(href)) = (rel, child.attribute("href")) {
                    self.set_home(child.line, href);
                }
            }
            (Kind::Atom, "author") => self.authors.extend(child.child_text("name")),
            _ => {}
        }
    }

    fn has_items(&self) -> bool {
        self.items > 0
    }

    fn cut_off(&mut self, line: usize, column: usize, message: String) {
        self.skipped.push(Cursor::ROOT.problem(format!(
            "the feed cannot be read after line {line}, column {column} ({message}): the {} items before it are shown, anything after it is lost",
            self.items
        )));
    }
}
