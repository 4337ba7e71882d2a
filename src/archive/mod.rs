//! Sharded archives (issue 15): a collection of any size published as a small manifest and
//! files fetched only when a view needs them, with the same filters and exact counts as the
//! one-file form.
//!
//! An archive is a folder next to its manifest (`articles.json` on a published site):
//! - the **manifest** ([`Manifest`], read by [`read_manifest`]): the count, the calendar days
//!   (as runs of equal days, newest first), the region tree with each node's total and the file
//!   of its rank set, and per month its count, its region counts and the files of its cards and
//!   of its day table. Ranks are the one-file form's: newest first.
//! - **rank sets** (`archive/sets/…`, [`read_set`]): a region's ranks as gaps, fetched when the
//!   region is selected (a month's count under a region selection needs them);
//! - **day tables** (`archive/days/…`, [`read_day_table`]): per day of one month, the region
//!   counts, fetched when a date range cuts that month (a region's count under a date range is
//!   the sum of the months the range covers plus the days of the months it cuts);
//! - **card shards** (`archive/cards/…`): the month's articles as a format v1 collection in
//!   rank order, `shard_size` per file, and **bodies** (`archive/bodies/<id>.json`);
//! - **places** (`archive/places/…`, [`read_places`]): per month, each article's region nodes,
//!   fetched when a search's matches fall in that month (a region's count within a search);
//! - a **search index** (`archive/search/…`, [`search`]): the terms in chunks and their
//!   directory, fetched for the words searched; and the **pairs** of adjacent words
//!   (`archive/phrases/…`), the same way, fetched for a quoted phrase;
//! - **id buckets** (`archive/ids/<n>.json`, [`id_bucket`]): `{"ids":[[id, month, offset], …]}`,
//!   where an article is, for a link to it.
//!
//! [`Archive::evaluate`] answers a filter from the manifest and the loaded parts ([`Parts`]), or
//! says which parts it still needs ([`Need`]); its answer equals [`crate::filter::Index`]'s on
//! the same articles (tests/archive.rs holds it to that for every filter of generated sets).
//!
//! This file holds the error type and the field readers the others share; `manifest.rs` the
//! manifest, `parts.rs` rank sets, day tables, places and id buckets, `counts.rs` the archive and
//! its answers (with a search: `found.rs`), `search.rs` the search index's files and queries
//! over them, `session.rs` what a viewer has fetched of an archive and what it needs next,
//! `pieces.rs` each file it fetches, checked and read.

mod counts;
mod found;
mod manifest;
mod parts;
mod pieces;
pub mod search;
mod session;

pub use counts::{Archive, Need, Parts, SetKey, Shard};
pub use manifest::{read_manifest, Manifest, MonthEntry, RegionEntry, SetEntry};
pub use parts::{
    find_in_id_bucket, read_day_table, read_id_bucket, read_places, read_set, DayRow, DayTable,
    Places,
};
pub use pieces::{read_piece, Piece, Want};
pub use session::{Arrived, FileLoad, Lookup, View};

use crate::format::json::{self, Json};
use std::fmt;

/// What the manifest's `format` field says.
pub const ARCHIVE_FORMAT: &str = "article-viewer-archive";

/// The `archive/ids/<bucket>.json` file that says where an article is: FNV-1a (a few lines,
/// the same in the publish step and the Wasm) of its id, modulo the manifest's `id_buckets`.
#[must_use]
pub fn id_bucket(id: &str, buckets: u32) -> u32 {
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    u32::try_from(hash % u64::from(buckets.max(1))).unwrap_or(0)
}

/// The file of an id bucket, relative to the manifest.
#[must_use]
pub fn id_bucket_file(bucket: u32) -> String {
    format!("archive/ids/{bucket}.json")
}

/// Whether a fetched file is an archive's manifest rather than a collection: its first bytes
/// name the format (the manifest writes `format` first).
#[must_use]
pub fn is_manifest(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(200)];
    let needle = ARCHIVE_FORMAT.as_bytes();
    head.windows(needle.len()).any(|w| w == needle)
}

/// Reads a manifest fetched from `url` and makes the archive ready to answer filters.
///
/// # Errors
/// The manifest's first problem, located.
pub fn open_manifest(url: &str, bytes: &[u8]) -> Result<Archive, String> {
    let name = url.rsplit('/').next().unwrap_or(url);
    let text = std::str::from_utf8(bytes).map_err(|_| format!("{name}: is not UTF-8"))?;
    read_manifest(name, text)
        .map(Archive::new)
        .map_err(|e| e.to_string())
}

/// Something wrong in one file of an archive: which file, where in it, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveError {
    pub file: String,
    /// The field (`months[3].count`), empty for the file as a whole.
    pub place: String,
    pub message: String,
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.place, self.message)
        }
    }
}

impl std::error::Error for ArchiveError {}

/// Reads one file of an archive as JSON, and its fields with located errors.
pub(crate) struct Doc<'f> {
    pub file: &'f str,
}

impl Doc<'_> {
    pub fn error(&self, place: &str, message: impl Into<String>) -> ArchiveError {
        ArchiveError {
            file: self.file.to_owned(),
            place: place.to_owned(),
            message: message.into(),
        }
    }

    /// The file's text as one JSON value (a syntax error with its line and column).
    pub fn parse<'t>(&self, text: &'t str) -> Result<Json<'t>, ArchiveError> {
        json::parse(text).map_err(|error| {
            let (line, column) = error.line_column(text);
            self.error(
                "",
                format!(
                    "is not valid JSON: {} (line {line}, column {column})",
                    error.message
                ),
            )
        })
    }

    pub fn field<'j, 'a>(
        &self,
        value: &'j Json<'a>,
        place: &str,
        name: &str,
    ) -> Result<&'j Json<'a>, ArchiveError> {
        value
            .get(name)
            .ok_or_else(|| self.error(&join(place, name), "is missing"))
    }

    pub fn array<'j, 'a>(
        &self,
        value: &'j Json<'a>,
        place: &str,
    ) -> Result<&'j [Json<'a>], ArchiveError> {
        value
            .as_array()
            .ok_or_else(|| self.error(place, "must be an array"))
    }

    pub fn string<'j>(&self, value: &'j Json<'_>, place: &str) -> Result<&'j str, ArchiveError> {
        value
            .as_str()
            .ok_or_else(|| self.error(place, "must be a string"))
    }

    pub fn whole(&self, value: &Json<'_>, place: &str) -> Result<i64, ArchiveError> {
        match value {
            Json::Number(text) => text.parse::<i64>().ok(),
            _ => None,
        }
        .ok_or_else(|| self.error(place, "must be a whole number"))
    }

    pub fn count(&self, value: &Json<'_>, place: &str) -> Result<u32, ArchiveError> {
        u32::try_from(self.whole(value, place)?)
            .map_err(|_| self.error(place, "must be a whole number from 0 to 4294967295"))
    }

    /// Ranks written as the first, then the gap to each next one (at least 1), each below
    /// `bound`; `place(i)` names the `i`-th gap in messages.
    pub fn ranks_from_gaps(
        &self,
        gaps: &[Json<'_>],
        place: impl Fn(usize) -> String,
        bound: usize,
    ) -> Result<Vec<u32>, ArchiveError> {
        let mut ranks: Vec<u32> = Vec::with_capacity(gaps.len());
        let mut next = 0_u64;
        for (i, gap) in gaps.iter().enumerate() {
            let gap = u64::from(self.count(gap, &place(i))?);
            if i > 0 && gap == 0 {
                return Err(self.error(&place(i), "a gap must be at least 1"));
            }
            next += gap;
            if next >= bound as u64 {
                return Err(self.error(&place(i), "reaches past the archive's last article"));
            }
            ranks.push(u32::try_from(next).unwrap_or(u32::MAX));
        }
        Ok(ranks)
    }

    /// A file named relative to the manifest: plain path segments, no `..`, no scheme.
    pub fn file_name(&self, value: &Json<'_>, place: &str) -> Result<String, ArchiveError> {
        let name = self.string(value, place)?;
        let safe = !name.is_empty()
            && name.split('/').all(|segment| {
                !segment.is_empty()
                    && segment != "."
                    && segment != ".."
                    && segment
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            });
        if safe {
            Ok(name.to_owned())
        } else {
            Err(self.error(
                place,
                format!("{name:?} must be a relative path of letters, digits, - _ . and /"),
            ))
        }
    }
}

/// `place.name`, or `name` at the top.
pub(crate) fn join(place: &str, name: &str) -> String {
    if place.is_empty() {
        name.to_owned()
    } else {
        format!("{place}.{name}")
    }
}
