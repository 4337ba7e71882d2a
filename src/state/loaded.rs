//! What a load gives: [`Loaded`] (a file, parsed and indexed, or an archive's manifest, made
//! ready to answer filters), the [`Load`] stage the state is in, and [`LoadError`] in words for
//! the error panel.

use crate::archive::Archive;
use crate::filter::Index;
use crate::format::{FormatError, Parsed};
use crate::model::{directory_of, Collection, LanguageTag};
use std::rc::Rc;

/// Why a file could not be loaded, in words for the error panel.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("the server answered {status} {status_text}")]
    Http { status: u16, status_text: String },
    #[error("the request failed ({0}); check the address and your connection")]
    Network(String),
    #[error("no complete answer within {0} seconds")]
    Timeout(u32),
    #[error("the server sent {0}, not JSON or an RSS or Atom feed; check the address (some hosts answer a missing file with a web page)")]
    NotJsonContent(String),
    #[error(transparent)]
    Format(#[from] FormatError),
    /// A file of a sharded archive is malformed or disagrees with its manifest.
    #[error("{0}")]
    Archive(String),
    /// The file is on another site that this page does not allow (see [`crate::sources`]).
    #[error("this viewer loads files from its own site only, and from {origin} only if the page allows it: add <meta name=\"article-viewer-sources\" content=\"{origin}\"> to the page (or data-sources=\"{origin}\" to an embedded viewer's element). Nothing was fetched from it")]
    Refused { origin: String },
}

/// A file that loaded, with its filter index (built once, here).
#[derive(Debug)]
pub struct Loaded {
    pub parsed: Parsed,
    pub index: Rc<Index>,
    /// A sharded archive's manifest, whose articles arrive a shard at a time (see
    /// [`AppState::arrived`]); `None` for a file that holds its articles. `parsed` then holds
    /// the collection's title and language only, and `index` is the archive's.
    pub archive: Option<Rc<Archive>>,
    /// The folder of the file's URL, which an archive's files are relative to.
    pub base: String,
}

impl Loaded {
    /// A sharded archive, opened from its manifest at `url`.
    #[must_use]
    pub fn archive(archive: Archive, url: &str) -> Self {
        let language = archive.manifest.language.as_deref();
        let collection = Collection {
            title: archive.manifest.title.clone(),
            language: language.and_then(|l| LanguageTag::parse(l).ok()),
            articles: Vec::new(),
        };
        Self {
            parsed: Parsed {
                collection,
                skipped: Vec::new(),
                notices: Vec::new(),
            },
            index: Rc::clone(&archive.index),
            archive: Some(Rc::new(archive)),
            base: directory_of(url).to_owned(),
        }
    }
}

/// A parsed file with its filter index built in one go, as [`Action::Loaded`] carries it (the
/// browser shell builds the same index a slice at a time).
#[must_use]
pub fn with_index(parsed: Parsed) -> Rc<Loaded> {
    let index = Rc::new(Index::new(&parsed.collection.articles));
    Rc::new(Loaded::file(parsed, index))
}

impl Loaded {
    /// A file that holds its articles, with its index.
    #[must_use]
    pub fn file(parsed: Parsed, index: Rc<Index>) -> Self {
        Self {
            parsed,
            index,
            archive: None,
            base: String::new(),
        }
    }
}

/// Identity, not contents: a loaded file only ever equals itself. This keeps comparing props
/// and states cheap however many articles a file has.
impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Load {
    /// A request for `AppState::query.source()` is (or should be) under way.
    Loading,
    Ready(Rc<Loaded>),
    Failed(LoadError),
}
