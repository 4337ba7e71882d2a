//! The files of an archive a viewer fetches: [`Want`] (a file a view needs, and its name),
//! [`Piece`] (a file that arrived, read) and [`read_piece`], which checks a fetched file against
//! the manifest and reads it, with a located message when it disagrees.

use super::search::{read_term_chunk, read_term_directory, Shelf, TermChunk, TermDirectory};
use super::{
    id_bucket_file, read_day_table, read_id_bucket, read_places, read_set, Archive, DayTable, Need,
    Parts, Places, SetKey, Shard,
};
use crate::filter::ranks::RankSet;
use crate::format::parse_collection_bytes;
use crate::model::{directory_of, Article};
use std::rc::Rc;

/// A file of the archive the viewer needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Want {
    Set(SetKey),
    Days(usize),
    Cards(Shard),
    /// The id bucket that says where an article is.
    Ids(u32),
    /// A search index's term directory (the words', or the pairs').
    Directory(Shelf),
    /// A chunk of a search index's terms: its place in the directory, its file, and the
    /// terms it may hold (from its first, up to the next chunk's).
    Terms {
        shelf: Shelf,
        chunk: usize,
        file: String,
        first: String,
        next: Option<String>,
    },
    /// A month's places.
    Places(usize),
}

impl Want {
    /// The file for a part an answer needs (a chunk of terms is named by the directory).
    #[must_use]
    pub fn of(need: Need, parts: &Parts) -> Option<Self> {
        Some(match need {
            Need::Set(key) => Self::Set(key),
            Need::Days(month) => Self::Days(month),
            Need::Directory(shelf) => Self::Directory(shelf),
            Need::Places(month) => Self::Places(month),
            Need::Terms(shelf, chunk) => {
                let chunks = &parts.shelf(shelf).directory.as_ref()?.chunks;
                let (first, file) = chunks.get(chunk)?.clone();
                let next = chunks.get(chunk + 1).map(|(first, _)| first.clone());
                Self::Terms {
                    shelf,
                    chunk,
                    file,
                    first,
                    next,
                }
            }
        })
    }

    /// Its file, relative to the manifest.
    #[must_use]
    pub fn file(&self, archive: &Archive) -> String {
        match self {
            Self::Set(key) => archive.set_file(*key).unwrap_or_default().to_owned(),
            Self::Days(month) => archive
                .manifest
                .months
                .get(*month)
                .map(|m| m.days.clone())
                .unwrap_or_default(),
            Self::Cards(shard) => shard.file.clone(),
            Self::Ids(bucket) => id_bucket_file(*bucket),
            Self::Directory(Shelf::Words) => archive.manifest.search.clone().unwrap_or_default(),
            Self::Directory(Shelf::Pairs) => archive.manifest.phrases.clone().unwrap_or_default(),
            Self::Terms { file, .. } => file.clone(),
            Self::Places(month) => archive
                .manifest
                .months
                .get(*month)
                .and_then(|m| m.places.clone())
                .unwrap_or_default(),
        }
    }
}

/// A file that arrived, read.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Set(SetKey, Rc<RankSet>),
    Days(usize, Rc<DayTable>),
    /// A shard's first rank and its articles.
    Cards(u32, Vec<Rc<Article>>),
    /// A bucket, and where each of its ids is: its rank.
    Ids(u32, Vec<(String, u32)>),
    Directory(Shelf, Rc<TermDirectory>),
    Terms(Shelf, usize, Rc<TermChunk>),
    Places(usize, Rc<Places>),
}

/// Reads a fetched file for `want`: `url` is where it was fetched from (the cards' URLs are
/// resolved against it). Every file is checked against the manifest.
///
/// # Errors
/// A located message: the file, and what is wrong where.
pub fn read_piece(
    archive: &Archive,
    want: &Want,
    url: &str,
    bytes: &[u8],
) -> Result<Piece, String> {
    let file = want.file(archive);
    let text = std::str::from_utf8(bytes).map_err(|_| format!("{file}: is not UTF-8"))?;
    let bound = archive.index.len();
    match want {
        Want::Set(key) => {
            let entry = match key {
                SetKey::Node(n) => archive.manifest.regions.get(*n).map(|r| &r.set),
                SetKey::Unspecified => Some(&archive.manifest.unspecified),
            }
            .ok_or_else(|| format!("{file}: names no region of the manifest"))?;
            let set = read_set(&file, text, entry, bound).map_err(|e| e.to_string())?;
            Ok(Piece::Set(*key, Rc::new(set)))
        }
        Want::Days(month) | Want::Places(month) => {
            let entry = archive
                .manifest
                .months
                .get(*month)
                .ok_or_else(|| format!("{file}: no such month"))?;
            let nodes = archive.manifest.regions.len();
            let error = |e: super::ArchiveError| e.to_string();
            if matches!(want, Want::Days(_)) {
                let table = read_day_table(&file, text, entry, nodes).map_err(error)?;
                Ok(Piece::Days(*month, Rc::new(table)))
            } else {
                let places = read_places(&file, text, entry, nodes).map_err(error)?;
                Ok(Piece::Places(*month, Rc::new(places)))
            }
        }
        Want::Cards(shard) => {
            let parsed = parse_collection_bytes(bytes).map_err(|e| format!("{file}: {e}"))?;
            if let Some(problem) = parsed.skipped.first() {
                return Err(format!("{file}: {problem}"));
            }
            let mut collection = parsed.collection;
            let got = collection.articles.len();
            if got != shard.len as usize {
                return Err(format!(
                    "{file}: holds {got} articles where the manifest says {}: the file is from another publish run",
                    shard.len
                ));
            }
            collection.resolve_urls_of(directory_of(url), 0..got);
            Ok(Piece::Cards(shard.first, collection.articles))
        }
        Want::Directory(shelf) => {
            let directory = read_term_directory(&file, text).map_err(|e| e.to_string())?;
            Ok(Piece::Directory(*shelf, Rc::new(directory)))
        }
        Want::Terms {
            shelf,
            chunk,
            first,
            next,
            ..
        } => {
            let range = (first.as_str(), next.as_deref());
            let terms =
                read_term_chunk(&file, text, range, bound, *shelf).map_err(|e| e.to_string())?;
            Ok(Piece::Terms(*shelf, *chunk, Rc::new(terms)))
        }
        Want::Ids(bucket) => {
            let entries = read_id_bucket(&file, text).map_err(|e| e.to_string())?;
            let places = entries
                .into_iter()
                .filter_map(|(id, month, offset)| {
                    Some((id, archive.rank_in_month(&month, offset)?))
                })
                .collect();
            Ok(Piece::Ids(*bucket, places))
        }
    }
}
