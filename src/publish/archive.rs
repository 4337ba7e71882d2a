//! Writing a collection as a sharded archive (the layout `crate::archive` reads): the manifest,
//! a rank set per region, a day table and shards of cards per month. Every file but the
//! manifest is named by a digest of its content, so a host may cache it forever; a month's
//! files change only when its articles do.
//!
//! Files go to a sink one at a time (a month's cards are the most held at once), so a million
//! articles never need all their files in memory.

use super::files::{write_if_changed, FileError, Written};
use super::search_index::{write_search_index, Phrases};
use super::PublishError;
use crate::archive::{id_bucket, id_bucket_file};
use crate::filter::{Index, YearMonth};
use crate::format::write::{body_file, collection_file};
use crate::model::{Article, Block, Collection};
use crate::search::{body_text, SearchBuilder, SearchIndex};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// What the manifest says besides its tables.
#[derive(Clone, Debug)]
pub struct ArchiveMeta {
    pub title: Option<String>,
    pub language: Option<String>,
    /// Cards per shard file.
    pub shard_size: usize,
    pub id_buckets: usize,
}

/// An archive's search indexes: the words', and the pairs' for quoted phrases (without them
/// a phrase matches as its words), built over the same articles in rank order.
#[derive(Clone, Copy)]
pub struct SearchIndexes<'s> {
    pub words: &'s SearchIndex,
    pub phrases: Option<&'s Phrases>,
}

/// Receives each file of an archive: its path relative to the manifest, and its bytes.
pub type Sink<'s, E> = dyn FnMut(&str, &[u8]) -> Result<(), E> + 's;

/// The first eight hex digits of a digest of `bytes`, for content-named files.
#[must_use]
pub fn short_digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(4)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Ascending ranks as the readers take them: the first rank, then the gap to each next one.
#[must_use]
pub fn rank_gaps(ranks: impl IntoIterator<Item = u32>) -> Vec<u32> {
    ranks
        .into_iter()
        .scan(None, |last: &mut Option<u32>, rank| {
            let gap = last.map_or(rank, |l| rank - l);
            *last = Some(rank);
            Some(gap)
        })
        .collect()
}

/// A rank set as the reader takes it (`{"gaps":[…]}`, see [`rank_gaps`]).
#[must_use]
pub fn set_json(ranks: &[u32]) -> Vec<u8> {
    json!({ "gaps": rank_gaps(ranks.iter().copied()) })
        .to_string()
        .into_bytes()
}

fn month_text(month: YearMonth) -> String {
    format!("{:04}-{:02}", month.year, month.month)
}

/// How many of the (ascending) `ranks` lie in `lo..hi`.
fn count_in(ranks: &[u32], lo: u32, hi: u32) -> u32 {
    let below = |bound: u32| ranks.partition_point(|&r| r < bound);
    u32::try_from(below(hi) - below(lo)).unwrap_or(u32::MAX)
}

/// Nodes with a count in `lo..hi`, as `[[node, count], …]`, and the count of no region.
fn counts_in(members: &[Vec<u32>], none: &[u32], (lo, hi): (u32, u32)) -> (Value, u32) {
    let pairs: Vec<Value> = members
        .iter()
        .enumerate()
        .filter_map(|(n, ranks)| {
            let count = count_in(ranks, lo, hi);
            (count > 0).then(|| json!([n, count]))
        })
        .collect();
    (Value::Array(pairs), count_in(none, lo, hi))
}

/// Writes an archive of the articles `index` holds (by rank): `sink(path, bytes)` receives every file
/// (paths relative to the manifest), the manifest last; `cards(articles)` writes one shard.
/// With `search`, the search indexes and each month's places are written too. Only for collections whose articles all have a date (the
/// archive's months hold them all).
///
/// # Errors
/// A collection with undated articles, or the sink's first error.
pub fn write_archive<E: From<String>>(
    index: &Index,
    meta: &ArchiveMeta,
    cards: &dyn Fn(&[Rc<Article>]) -> Vec<u8>,
    search: Option<SearchIndexes<'_>>,
    sink: &mut Sink<'_, E>,
) -> Result<(), E> {
    let days = index.days();
    if days.len() != index.len() {
        return Err(E::from(format!(
            "{} of {} articles have no date; an archive holds dated articles only",
            index.len() - days.len(),
            index.len()
        )));
    }
    let members: Vec<Vec<u32>> = (0..index.nodes.len())
        .map(|n| index.members_of(Some(n)))
        .collect();
    let none = index.members_of(None);
    let mut regions = Vec::with_capacity(members.len());
    for (n, (node, ranks)) in index.nodes.iter().zip(&members).enumerate() {
        let bytes = set_json(ranks);
        let file = format!("archive/sets/{n}-{}.json", short_digest(&bytes));
        sink(&file, &bytes)?;
        regions.push(json!({
            "path": node.path.to_string(), "parent": node.parent, "total": node.total, "set": file,
        }));
    }
    let bytes = set_json(&none);
    let none_file = format!("archive/sets/none-{}.json", short_digest(&bytes));
    sink(&none_file, &bytes)?;
    let buckets = u32::try_from(meta.id_buckets.max(1)).unwrap_or(u32::MAX);
    let mut places: Vec<Vec<Value>> = vec![Vec::new(); buckets as usize];
    let mut months = Vec::with_capacity(index.months.len());
    for (&month, &(lo, hi)) in index.months.iter().zip(index.month_spans()).rev() {
        let name = month_text(month);
        let mut day_rows = Vec::new();
        let mut at = lo;
        while at < hi {
            let day = days[at as usize];
            let end = at
                + u32::try_from(days[at as usize..hi as usize].partition_point(|&d| d == day))
                    .unwrap_or(0);
            let (counts, unspecified) = counts_in(&members, &none, (at, end));
            day_rows.push(json!([day, counts, unspecified]));
            at = end.max(at + 1);
        }
        let bytes = json!({ "month": name, "days": day_rows })
            .to_string()
            .into_bytes();
        let days_file = format!("archive/days/{name}-{}.json", short_digest(&bytes));
        sink(&days_file, &bytes)?;
        let in_month: Vec<Rc<Article>> = (lo..hi).map(|r| Rc::clone(index.article(r))).collect();
        let places_file = match search {
            Some(_) => Some(write_places(index, &name, &in_month, sink)?),
            None => None,
        };
        for (offset, article) in in_month.iter().enumerate() {
            let bucket = id_bucket(&article.id, buckets) as usize;
            places[bucket].push(json!([article.id, name, offset]));
        }
        let shards: Vec<Vec<u8>> = in_month.chunks(meta.shard_size.max(1)).map(cards).collect();
        let cards_name = format!("archive/cards/{name}-{}", short_digest(&shards.concat()));
        for (k, shard) in shards.iter().enumerate() {
            sink(&format!("{cards_name}-{k}.json"), shard)?;
        }
        let (counts, unspecified) = counts_in(&members, &none, (lo, hi));
        months.push(json!({
            "month": name, "count": hi - lo, "regions": counts, "unspecified": unspecified,
            "cards": cards_name, "days": days_file, "places": places_file,
        }));
    }
    for (bucket, ids) in places.into_iter().enumerate() {
        let bytes = json!({ "ids": ids }).to_string().into_bytes();
        sink(&id_bucket_file(u32::try_from(bucket).unwrap_or(0)), &bytes)?;
    }
    let mut day_runs: Vec<Value> = Vec::new();
    let mut at = 0;
    while at < days.len() {
        let run = days[at..].partition_point(|&d| d == days[at]).max(1);
        day_runs.push(json!([days[at], run]));
        at += run;
    }
    let search_file = match search {
        Some(search) => Some(write_search_index(search.words, sink)?),
        None => None,
    };
    let phrases_file = match search.and_then(|s| s.phrases) {
        Some(phrases) => Some(phrases.write(sink)?),
        None => None,
    };
    let manifest = json!({
        "title": meta.title, "language": meta.language, "count": index.len(),
        "shard_size": meta.shard_size, "id_buckets": meta.id_buckets, "days": day_runs,
        "regions": regions, "unspecified": { "total": index.unspecified_total, "set": none_file },
        "months": months, "search": search_file, "phrases": phrases_file,
    });
    // The format first, so a reader can tell a manifest from a collection by its first bytes.
    let rest = manifest.to_string();
    let manifest = format!(
        "{{\"format\":\"{}\",\"version\":1,{}",
        crate::archive::ARCHIVE_FORMAT,
        rest.strip_prefix('{').unwrap_or(&rest)
    );
    sink("articles.json", manifest.as_bytes())
}

/// Writes a month's places (each article's region nodes, in rank order); the file's path.
fn write_places<E>(
    index: &Index,
    month: &str,
    articles: &[Rc<Article>],
    sink: &mut Sink<'_, E>,
) -> Result<String, E> {
    let nodes: Vec<Vec<usize>> = articles
        .iter()
        .map(|a| a.regions.iter().filter_map(|p| index.node_of(p)).collect())
        .collect();
    let bytes = json!({ "month": month, "nodes": nodes })
        .to_string()
        .into_bytes();
    let file = format!("archive/places/{month}-{}.json", short_digest(&bytes));
    sink(&file, &bytes)?;
    Ok(file)
}

/// Above this many articles, `--form auto` publishes an archive rather than one file.
pub const AUTO_ARCHIVE_FROM: usize = 10_000;

/// Cards per shard: a first list page (20 cards) needs one shard, or two across a month's end.
pub const SHARD_SIZE: usize = 100;

/// A published site's archive being written: the bodies as the article pages are made, then
/// the rest; files of an earlier run that this one did not write are removed at the end.
#[derive(Default)]
pub struct SiteArchive {
    /// Articles whose body has its own file (`archive/bodies/<id>.json`).
    bodies: HashSet<String>,
    written: HashSet<PathBuf>,
    /// The search indexes, an article at a time in rank order ([`SiteArchive::index_text`]).
    search: SearchBuilder,
    phrases: Phrases,
}

impl std::fmt::Debug for SiteArchive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SiteArchive({} bodies)", self.bodies.len())
    }
}

impl SiteArchive {
    /// Writes an article's body file (its URLs already relative to a page two folders down,
    /// as `archive/bodies/` is).
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn body(&mut self, out: &Path, id: &str, blocks: &[Block]) -> Result<Written, FileError> {
        let path = PathBuf::from(format!("archive/bodies/{id}.json"));
        let written = write_if_changed(&out.join(&path), &body_file(blocks))?;
        self.bodies.insert(id.to_owned());
        self.written.insert(path);
        Ok(written)
    }

    /// Indexes the next article (by rank) for search: its title, standfirst, byline, tags and
    /// body (`blocks`, when read from its own file).
    pub fn index_text(&mut self, article: &Article, blocks: Option<&[Block]>) {
        let mut text = body_text(article);
        if let Some(blocks) = blocks {
            crate::search::add_blocks_text(blocks, &mut text);
        }
        // One pass over the words: their terms for the words' index, their pairs for phrases.
        let pairs = self.phrases.next_article();
        self.search.add_text_reading(&article.title, &text, pairs);
    }

    /// Writes the manifest (`articles.json`), rank sets, day tables, card shards and id buckets
    /// of `index` (URLs relative to a page two folders down), and removes stale archive files;
    /// `count` hears of every file written.
    ///
    /// # Errors
    /// Undated articles, or a file that cannot be written or removed.
    pub fn finish(
        mut self,
        out: &Path,
        index: &Index,
        collection: &Collection,
        count: &mut dyn FnMut(Written),
    ) -> Result<(), PublishError> {
        let meta = ArchiveMeta {
            title: collection.title.clone(),
            language: collection.language.as_ref().map(|l| l.as_str().to_owned()),
            shard_size: SHARD_SIZE,
            id_buckets: (index.len() / 2_000).max(1),
        };
        let bodies = &self.bodies;
        let cards = |articles: &[Rc<Article>]| {
            let pairs: Vec<(&Article, Option<String>)> = articles
                .iter()
                .map(|a| {
                    let own_file = bodies.contains(&a.id);
                    (
                        a.as_ref(),
                        own_file.then(|| format!("../bodies/{}.json", a.id)),
                    )
                })
                .collect();
            collection_file(None, None, &pairs)
        };
        let written = &mut self.written;
        let mut sink = |path: &str, bytes: &[u8]| -> Result<(), PublishError> {
            count(write_if_changed(&out.join(path), bytes)?);
            written.insert(PathBuf::from(path));
            Ok(())
        };
        // Every article was indexed in rank order, or the index is left out (a problem the
        // caller has reported): a search would otherwise name the wrong articles.
        let search = std::mem::take(&mut self.search);
        let complete = search.indexed() == index.len() && self.phrases.indexed() == index.len();
        let words = complete.then(|| search.finish());
        let search = words.as_ref().map(|words| SearchIndexes {
            words,
            phrases: Some(&self.phrases),
        });
        write_archive(index, &meta, &cards, search, &mut sink)?;
        remove_unwritten(out, Path::new("archive"), &self.written)?;
        Ok(())
    }
}

/// Removes an earlier run's archive (a site published as one file again).
///
/// # Errors
/// A file that cannot be removed.
pub fn remove_archive(out: &Path) -> Result<(), FileError> {
    remove_unwritten(out, Path::new("archive"), &HashSet::new())?;
    let _ = std::fs::remove_dir(out.join("archive"));
    Ok(())
}

/// Removes the files under `out/dir` that are not in `kept` (paths relative to `out`), and
/// the folders that leaves empty.
fn remove_unwritten(out: &Path, dir: &Path, kept: &HashSet<PathBuf>) -> Result<(), FileError> {
    let error = |path: &Path| {
        let path = path.to_owned();
        move |source| FileError { path, source }
    };
    let full = out.join(dir);
    let Ok(entries) = std::fs::read_dir(&full) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry.map_err(error(&full))?;
        let relative = dir.join(entry.file_name());
        if entry.path().is_dir() {
            remove_unwritten(out, &relative, kept)?;
            // A folder left empty goes too (a failure here only leaves an empty folder).
            let _ = std::fs::remove_dir(entry.path());
        } else if !kept.contains(&relative) {
            std::fs::remove_file(entry.path()).map_err(error(&entry.path()))?;
        }
    }
    Ok(())
}
