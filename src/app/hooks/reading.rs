//! Reading a fetched file for the collection loader: fetching (starting the XML reader early
//! for a feed's address), handing feeds (RSS, Atom and JSON Feed) to the feed reader's worker,
//! reading a large file a slice at a time with progress, resolving relative URLs and building
//! the filter index in slices, yielding to the browser between them.

use crate::filter::{Index, IndexBuilder};
use crate::format::{parse_collection_bytes, ChunkedReader, Parsed, Step};
use crate::model::directory_of;
use crate::state::LoadError;
use crate::web;
use std::rc::Rc;

/// Fetches a file; for a feed's address, the XML reader starts while the file downloads (and
/// is let go if the file is not XML after all).
pub(super) async fn fetch_file(source: &str) -> Result<Vec<u8>, LoadError> {
    #[cfg(not(feature = "xml-reader"))]
    if crate::format::looks_like_feed_address(source) {
        web::prepare_xml_worker();
        let fetched = web::fetch_bytes(source).await;
        if !fetched
            .as_ref()
            .is_ok_and(|bytes| crate::format::looks_like_xml(bytes))
        {
            web::release_xml_worker();
        }
        return fetched;
    }
    web::fetch_bytes(source).await
}

/// Files larger than this are read a slice at a time, with progress shown between slices.
const CHUNKED_READ_BYTES: usize = 1_000_000;

/// Reads a fetched file; a large one in slices, yielding to the browser between them so the
/// page keeps responding, and reporting progress. Feeds are read by the feed reader's worker,
/// so the viewer's own WebAssembly carries no feed mapping: RSS and Atom, and a JSON Feed
/// (seen from its first bytes, or else once the reader meets its `version`).
pub(super) async fn read_file(
    bytes: Vec<u8>,
    on_progress: impl Fn(u8),
) -> Result<Parsed, crate::format::FormatError> {
    #[cfg(not(feature = "xml-reader"))]
    if crate::format::looks_like_xml(&bytes) || crate::format::looks_like_json_feed(&bytes) {
        return read_feed_in_worker(bytes, on_progress).await;
    }
    match read_json_file(bytes, false, &on_progress).await {
        #[cfg(not(feature = "xml-reader"))]
        JsonRead::Feed(bytes) => read_feed_in_worker(bytes, on_progress).await,
        // (Never met where the reader reads feeds itself.)
        #[cfg(feature = "xml-reader")]
        JsonRead::Feed(bytes) => parse_collection_bytes(&bytes),
        JsonRead::Read(result) => result,
    }
}

/// A JSON file read, or a JSON Feed's bytes given back for the feed reader.
enum JsonRead {
    Read(Result<Parsed, crate::format::FormatError>),
    Feed(Vec<u8>),
}

/// Reads an RSS or Atom file in the XML reader's worker (see [`crate::format::handover`]): the
/// worker's answer, a v1 collection, is read like any JSON file, and its problems come first.
#[cfg(not(feature = "xml-reader"))]
async fn read_feed_in_worker(
    bytes: Vec<u8>,
    on_progress: impl Fn(u8),
) -> Result<Parsed, crate::format::FormatError> {
    use crate::format::{handover, FormatError};
    on_progress(10);
    match web::read_in_xml_worker(bytes).await {
        Err(message) => Err(FormatError::XmlReader(message)),
        Ok(web::XmlAnswer::Failure(text)) => Err(handover::read_failure(&text)),
        Ok(web::XmlAnswer::Read {
            collection,
            problems,
        }) => {
            let (mut skipped, mut notices) = handover::read_problems(&problems)?;
            let mut parsed = match read_json_file(collection, true, &on_progress).await {
                JsonRead::Read(result) => result?,
                JsonRead::Feed(_) => return Err(FormatError::FeedElsewhere),
            };
            skipped.append(&mut parsed.skipped);
            notices.append(&mut parsed.notices);
            parsed.skipped = skipped;
            parsed.notices = notices;
            Ok(parsed)
        }
    }
}

/// Reads a JSON file, a large one a slice at a time; `handed_over` for the XML reader's answer
/// (see [`ChunkedReader::handed_over`]).
async fn read_json_file(bytes: Vec<u8>, handed_over: bool, on_progress: &impl Fn(u8)) -> JsonRead {
    use crate::format::FormatError;
    if bytes.len() < CHUNKED_READ_BYTES && !handed_over {
        return match parse_collection_bytes(&bytes) {
            Err(FormatError::FeedElsewhere) => JsonRead::Feed(bytes),
            result => JsonRead::Read(result),
        };
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => return JsonRead::Read(parse_collection_bytes(error.as_bytes())),
    };
    // Checking tens of megabytes of UTF-8 is a task of its own.
    web::next_task().await;
    let mut reader = if handed_over {
        ChunkedReader::handed_over(text)
    } else {
        ChunkedReader::new(text)
    };
    let (mut outcome, percent) = (None, std::cell::Cell::new(0));
    in_slices(
        || match reader.step() {
            Step::Working(progress) => {
                percent.set(progress.percent);
                false
            }
            Step::Done(result) => {
                outcome = Some(result);
                true
            }
        },
        || on_progress(percent.get()),
    )
    .await;
    match outcome {
        Some(Err(FormatError::FeedElsewhere)) => JsonRead::Feed(reader.into_text().into_bytes()),
        Some(result) => JsonRead::Read(result),
        // (`in_slices` returns once the reader is done; a reader stepped past its end says so.)
        None => JsonRead::Read(Err(FormatError::Empty)),
    }
}

/// Articles whose URLs are resolved per step.
const RESOLVE_STEP: usize = 500;

/// Resolves the articles' relative URLs against the file's folder, a slice at a time (a
/// hundred thousand articles take tens of milliseconds).
pub(super) async fn resolve_in_slices(collection: &mut crate::model::Collection, source: &str) {
    let base = directory_of(source).to_owned();
    let mut next = 0;
    in_slices(
        || {
            let end = (next + RESOLVE_STEP).min(collection.articles.len());
            collection.resolve_urls_of(&base, next..end);
            next = end;
            next == collection.articles.len()
        },
        || (),
    )
    .await;
}

/// Work per step of indexing (see [`IndexBuilder::step`]): about 1,000 articles of a typical file.
const INDEX_STEP: usize = 3_000;

/// Builds the filter index, a slice at a time between frames for a large file, reporting
/// progress as 90–100 %.
pub(super) async fn build_index(parsed: &Parsed, on_progress: impl Fn(u8)) -> Rc<Index> {
    let mut builder = IndexBuilder::new(&parsed.collection.articles);
    let progress = std::cell::Cell::new(90);
    in_slices(
        || {
            let done = builder.step(INDEX_STEP);
            progress.set(90 + builder.progress() / 10);
            done
        },
        || on_progress(progress.get()),
    )
    .await;
    let index = Rc::new(builder.finish());
    // The first render of the list gets a task of its own, apart from the final sort.
    web::next_task().await;
    index
}

/// Longest run of steps between two yields to the browser, in milliseconds.
const SLICE_MS: f64 = 12.0;

/// Calls `step` (a bounded piece of work that says whether all is done) until all is done,
/// giving the browser a task to paint and handle input every [`SLICE_MS`], after calling
/// `between`. Timing the slices, rather than counting steps, keeps them short on a slow phone
/// and few on a fast machine (each yield costs the browser's minimum timer delay).
pub(super) async fn in_slices(mut step: impl FnMut() -> bool, mut between: impl FnMut()) {
    loop {
        let started = web::now_ms();
        while web::now_ms() - started < SLICE_MS {
            if step() {
                return;
            }
        }
        between();
        web::next_task().await;
    }
}
