//! [`ChunkedReader`]: the one reader of collection files. It reads a file a slice at a time (each
//! [`ChunkedReader::step`] reads a bounded number of top-level keys or articles and reports
//! progress), validating each article as soon as it has been read, so no tree of the whole file
//! is ever built. The articles are validated as format version 1 before the `version` key may
//! have been seen (serde-style writers put `version` after `articles`); the rules for an article
//! do not depend on the header, so once the whole object is known the result is used if the
//! file is a v1 collection and dropped otherwise. [`super::parse_collection`] is this reader run to
//! the end. Shapes other than a v1 collection (a single article, a JSON Feed, a top level that is
//! not an object) are read whole and handed to `read_whole` in the module root.

#[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
use super::feed::FeedBuilder;
use super::json::{Json, JsonError, Object, Reader};
use super::v1::{check_version, collection_header, CollectionBuilder};
use super::{not_json, without_bom, FormatError, Parsed};
use std::borrow::Cow;

/// Articles read and validated per step, at most (a few milliseconds on a phone: the viewer
/// runs steps until its time slice is up).
pub const ARTICLES_PER_STEP: usize = 250;
/// Bytes of articles read per step, at most (full-form articles of several kilobytes each
/// would otherwise make a step of many megabytes).
pub const ARTICLE_BYTES_PER_STEP: usize = 200_000;
/// Bytes of other top-level values read per step, at least one value each.
pub const KEY_BYTES_PER_STEP: usize = 2_000_000;

/// How far a [`ChunkedReader`] has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Articles read so far.
    pub read: usize,
    /// Overall progress, 0 to 100 (reading takes 0–90 %; building the filter index, the rest).
    pub percent: u8,
}

/// The outcome of one [`ChunkedReader::step`].
#[derive(Debug)]
pub enum Step {
    Working(Progress),
    Done(Result<Parsed, FormatError>),
}

/// What a step leads to: another stage, or the outcome.
enum Next {
    Go(Stage),
    Done(Result<Parsed, FormatError>),
}

#[derive(Clone, Copy)]
enum Stage {
    /// Before the first top-level key.
    Start,
    /// At a top-level key (after `{` or a comma).
    Key(usize),
    /// Inside the `articles` array, at an element, which is article number `index`.
    Articles {
        at: usize,
        index: usize,
    },
    /// Inside an `items` array (read through here to find its end; a JSON Feed's items are
    /// read once the feed's own fields, which may follow them, are known).
    Items {
        at: usize,
    },
    /// Inside the `items` array of a file now known to be a JSON Feed, at item number `index`
    /// (not in the viewer's own WebAssembly, which leaves feeds to the feed reader).
    #[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
    FeedItems {
        at: usize,
        index: usize,
    },
    /// After the top-level value.
    End(usize),
    Finished,
}

/// Reads a collection file a slice at a time; the result is exactly [`super::parse_collection`]'s.
pub struct ChunkedReader<T = String> {
    text: T,
    stage: Stage,
    /// Top-level keys other than `articles`, with the byte range of their values (last wins).
    keys: Vec<(String, usize, usize)>,
    saw_articles: bool,
    /// The articles read so far, validated as format version 1.
    builder: CollectionBuilder,
    /// Where the last top-level `items` array starts (just inside its `[`).
    items_at: Option<usize>,
    /// The items read so far, once the file is known to be a JSON Feed.
    #[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
    feed: Option<FeedBuilder>,
}

impl<T: AsRef<str>> ChunkedReader<T> {
    #[must_use]
    pub fn new(text: T) -> Self {
        Self {
            text,
            stage: Stage::Start,
            keys: Vec::new(),
            saw_articles: false,
            builder: CollectionBuilder::default(),
            items_at: None,
            #[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
            feed: None,
        }
    }

    /// A reader for the XML reader's handover ([`super::handover`]): a v1 collection in which
    /// articles may be undated, as feed items may.
    #[must_use]
    pub fn handed_over(text: T) -> Self {
        Self {
            builder: CollectionBuilder::handed_over(),
            ..Self::new(text)
        }
    }

    /// The text it was given (a JSON Feed's, to hand to the feed reader).
    pub fn into_text(self) -> T {
        self.text
    }

    /// The text without its byte-order mark.
    fn body(&self) -> &str {
        without_bom(self.text.as_ref())
    }

    /// Runs every remaining step.
    ///
    /// # Errors
    /// As [`super::parse_collection`].
    pub fn finish(self) -> Result<Parsed, FormatError> {
        self.finish_reporting(&mut |_| {})
    }

    /// Runs every remaining step, calling `on_progress` after each (the publish step's
    /// progress on long inputs).
    ///
    /// # Errors
    /// As [`super::parse_collection`].
    pub fn finish_reporting(
        mut self,
        on_progress: &mut dyn FnMut(Progress),
    ) -> Result<Parsed, FormatError> {
        loop {
            match self.step() {
                Step::Working(progress) => on_progress(progress),
                Step::Done(result) => return result,
            }
        }
    }

    /// Does a bounded amount of work.
    pub fn step(&mut self) -> Step {
        let stage = self.stage;
        let next = match stage {
            Stage::Start => self.start(),
            Stage::Key(at) => self.keys_from(at),
            Stage::Articles { at, index } => self.articles_from(at, index),
            Stage::Items { at } => self.items_from(at),
            #[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
            Stage::FeedItems { at, index } => self.feed_items_from(at, index),
            // Its errors are located already: they end the reading as an outcome.
            Stage::End(at) => Ok(self.end(at).unwrap_or_else(|error| Next::Done(Err(error)))),
            Stage::Finished => return Step::Done(Err(FormatError::Empty)),
        };
        match next {
            Ok(Next::Go(stage)) => {
                self.stage = stage;
                Step::Working(self.progress())
            }
            Ok(Next::Done(done)) => {
                self.stage = Stage::Finished;
                Step::Done(done)
            }
            Err(error) => {
                self.stage = Stage::Finished;
                Step::Done(Err(not_json(self.body(), &error)))
            }
        }
    }

    #[must_use]
    pub fn progress(&self) -> Progress {
        let (at, read) = match self.stage {
            Stage::Start => (0, 0),
            Stage::Key(at) | Stage::End(at) | Stage::Items { at } => (at, self.builder.len()),
            Stage::Articles { at, index } => (at, index),
            // A feed's items are read a second time: the second half of the progress.
            #[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
            Stage::FeedItems { at, index } => {
                let from = self.items_at.unwrap_or(0);
                let done =
                    at.saturating_sub(from) * 45 / self.body().len().saturating_sub(from).max(1);
                let percent = 45 + done;
                return Progress {
                    read: index,
                    percent: u8::try_from(percent.min(90)).unwrap_or(90),
                };
            }
            Stage::Finished => (self.body().len(), self.builder.len()),
        };
        let percent = at * 90 / self.body().len().max(1);
        Progress {
            read,
            percent: u8::try_from(percent.min(100)).unwrap_or(100),
        }
    }

    /// A stage to go on with, or the final outcome, or a syntax error.
    fn start(&mut self) -> Result<Next, JsonError> {
        let body = self.body();
        let mut reader = Reader::new(body, 0);
        if reader.peek() != Some(b'{') {
            return Ok(Next::Done(super::read_whole(body)));
        }
        reader.pos += 1;
        if reader.peek() == Some(b'}') {
            return Ok(Next::Done(super::read_whole(body)));
        }
        Ok(Next::Go(Stage::Key(reader.pos)))
    }

    fn keys_from(&mut self, at: usize) -> Result<Next, JsonError> {
        let body = without_bom(self.text.as_ref());
        let mut reader = Reader::resume(body, at, 1);
        loop {
            let key = reader.key()?;
            if key == "articles" && reader.peek() == Some(b'[') {
                // A repeated `articles` key replaces the first, as in any JSON reader.
                self.saw_articles = true;
                self.builder = self.builder.fresh();
                reader.pos += 1;
                return Ok(Next::Go(Stage::Articles {
                    at: reader.pos,
                    index: 0,
                }));
            }
            if key == "items" && reader.peek() == Some(b'[') {
                reader.pos += 1;
                self.items_at = Some(reader.pos);
                return Ok(Next::Go(Stage::Items { at: reader.pos }));
            }
            reader.peek();
            let start = reader.pos;
            reader.value()?;
            self.keys.push((key.into_owned(), start, reader.pos));
            if !reader.comma_or(b'}')? {
                return Ok(Next::Go(Stage::End(reader.pos)));
            }
            if reader.pos - at >= KEY_BYTES_PER_STEP {
                return Ok(Next::Go(Stage::Key(reader.pos)));
            }
        }
    }

    fn articles_from(&mut self, at: usize, index: usize) -> Result<Next, JsonError> {
        let body = without_bom(self.text.as_ref());
        let builder = &mut self.builder;
        let (mut reader, rest) = elements(body, (at, index == 0), index, |i, item| {
            builder.add(i, item)
        })?;
        match rest {
            Some((next, read)) => {
                if index == 0 {
                    // After the first step, room for as many more articles as the rest of the
                    // file holds at the same size each (at most one per 64 bytes).
                    let (done, left) = (next - at, body.len() - next);
                    let expected = left / (done / read).max(64);
                    builder.reserve(expected);
                }
                Ok(Next::Go(Stage::Articles {
                    at: next,
                    index: read,
                }))
            }
            None => Self::after_articles(&mut reader),
        }
    }

    fn items_from(&mut self, at: usize) -> Result<Next, JsonError> {
        let body = without_bom(self.text.as_ref());
        let at_start = self.items_at == Some(at);
        let (mut reader, rest) = elements(body, (at, at_start), 0, |_, _| ())?;
        match rest {
            Some((at, _)) => Ok(Next::Go(Stage::Items { at })),
            None => Self::after_articles(&mut reader),
        }
    }

    #[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
    fn feed_items_from(&mut self, at: usize, index: usize) -> Result<Next, JsonError> {
        let body = without_bom(self.text.as_ref());
        let Some(feed) = self.feed.as_mut() else {
            return Ok(Next::Done(Err(FormatError::Empty)));
        };
        let (_, rest) = elements(body, (at, index == 0), index, |i, item| feed.add(i, item))?;
        Ok(match rest {
            Some((at, index)) => Next::Go(Stage::FeedItems { at, index }),
            None => Next::Done(Ok(std::mem::take(feed).finish())),
        })
    }

    fn after_articles(reader: &mut Reader<'_>) -> Result<Next, JsonError> {
        Ok(Next::Go(if reader.comma_or(b'}')? {
            Stage::Key(reader.pos)
        } else {
            Stage::End(reader.pos)
        }))
    }

    /// The whole object has been read: check what follows it, then decide what the file is
    /// (a JSON Feed's items are then read, a slice at a time).
    fn end(&mut self, at: usize) -> Result<Next, FormatError> {
        self.stage = Stage::Finished;
        let builder = std::mem::take(&mut self.builder);
        let body = self.body();
        Reader::new(body, at)
            .end()
            .map_err(|error| not_json(body, &error))?;
        let value_of = |start: usize, end: usize| super::json::parse(&body[start..end]);
        let mut header = Object::default();
        for (key, start, end) in &self.keys {
            let value = value_of(*start, *end).map_err(|error| not_json(body, &error))?;
            header.0.push((Cow::Borrowed(key.as_str()), value));
        }
        let is_feed = header
            .get("version")
            .is_some_and(super::feed::is_feed_version);
        // The viewer's own WebAssembly leaves feeds to the feed reader's (so it carries no
        // feed mapping or HTML reader).
        #[cfg(not(any(not(target_arch = "wasm32"), feature = "xml-reader")))]
        if is_feed {
            return Ok(Next::Done(Err(FormatError::FeedElsewhere)));
        }
        #[cfg(any(not(target_arch = "wasm32"), feature = "xml-reader"))]
        if let (true, Some(at), false) = (is_feed, self.items_at, header.contains_key("items")) {
            self.feed = Some(FeedBuilder::new(&header));
            return Ok(Next::Go(Stage::FeedItems { at, index: 0 }));
        }
        if !self.saw_articles || is_feed || header.contains_key("articles") {
            return Ok(Next::Done(super::read_whole(body)));
        }
        check_version(&header)?;
        let (title, language) = collection_header(&header)?;
        Ok(Next::Done(Ok(builder.finish(title, language))))
    }
}

/// One step through the elements of an array, from `at` (just inside its `[`, or after a
/// comma: an empty array is only allowed at its start, as in any JSON reader), element number
/// `index` there, each handed to `add`: where the next step goes on (a position and an element
/// number), or `None` with the reader just after the closing `]`.
fn elements<'t>(
    body: &'t str,
    (at, at_start): (usize, bool),
    mut index: usize,
    mut add: impl FnMut(usize, &Json<'t>),
) -> Result<(Reader<'t>, Option<(usize, usize)>), JsonError> {
    let mut reader = Reader::resume(body, at, 2);
    if at_start && reader.peek() == Some(b']') {
        reader.pos += 1;
        return Ok((reader, None));
    }
    let stop = index + ARTICLES_PER_STEP;
    loop {
        let item = reader.value()?;
        add(index, &item);
        index += 1;
        if !reader.comma_or(b']')? {
            return Ok((reader, None));
        }
        if index == stop || reader.pos - at >= ARTICLE_BYTES_PER_STEP {
            let next = reader.pos;
            return Ok((reader, Some((next, index))));
        }
    }
}
