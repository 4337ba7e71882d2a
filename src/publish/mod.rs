//! The publish step (native only): turns any file the viewer reads into a static site that
//! paints before the WebAssembly arrives, reads without JavaScript and previews when shared.
//!
//! `out/` receives `index.html` (the collection, prerendered), `articles/<id>/index.html` (one
//! prerendered page per article), `articles.json` (the input, which the viewer loads), the
//! files the input names relative to itself (images, bodies), `app/<hash>/` (the viewer),
//! `sitemap.xml` and `feed.json`. Files are rewritten only when their content changes. In the
//! archive form ([`Form`]), `articles.json` is the archive's manifest and `archive/` its parts.
//! - [`archive`]: the sharded archive's files (written as format v1 by [`crate::format::write`]).
//! - [`search_index`]: an archive's search index, in chunks of terms named by their content.
//! - [`head`]: head tags, JSON-LD and escaping.
//! - [`page`]: prerendering with the viewer's components, and the page around it.
//! - [`dates`]: prerendered dates in the words the browser's `Intl` gives the viewer (CLDR).
//! - [`listings`]: the sitemap and the JSON Feed.
//! - [`files`]: writing what changed, the viewer's content-named folder, integrity, stale pages.
//! - `named`: the files the input names beside itself (images, bodies), copied into the site.
//! - `loading`: the input as the viewer's state for a page's root (held once), and body files.

pub mod archive;
pub mod dates;
pub mod files;
pub mod head;
pub mod listings;
mod loading;
mod named;
pub mod page;
pub mod search_index;

use crate::date::CivilDate;
use crate::filter::Index;
use crate::format::{parse_collection_bytes_reporting, FormatError};
use crate::model::{directory_of, Article, Body, Collection, MapUrls, SafeUrl};
use crate::query::Query;
use crate::site::{article_path, is_page_id, SiteRoot, ARTICLES_DIR, SITE_DATA_FILE};
use crate::state::{Action, AppState};
use archive::SiteArchive;
use files::{copy_app, read, remove_stale_pages, write_if_changed, FileError, Written};
use loading::{loaded_state, read_remote_body, take_back};
use named::{copy_named_files, urls_in};
use page::{document, prerender, PageKind};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// What to publish, where.
#[derive(Clone, Debug)]
pub struct Options {
    pub input: PathBuf,
    pub out: PathBuf,
    /// Trunk's release build of the viewer (`dist/`).
    pub app: PathBuf,
    /// The site's address (`https://example.org/news/`), for canonical links, previews and
    /// the sitemap; without it they are left out or relative.
    pub base_url: Option<String>,
    /// The day the date presets count from in the prerendered list.
    pub today: CivilDate,
    pub form: Form,
}

/// How far a run has got, for progress on long runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Articles read from the input so far.
    Reading(usize),
    /// All read (this many articles): copying the files they name and building the filter
    /// index, before the first page.
    Indexing(usize),
    /// Article pages written, of all.
    Pages(usize, usize),
    /// The archive's own files (manifest, rank sets, shards, search indexes) being written.
    Archive,
}

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub copied: usize,
    /// Located messages: articles the input's reader skipped, files it names that are missing.
    pub problems: Vec<String>,
}

impl Report {
    pub(crate) fn count(&mut self, written: Written) {
        match written {
            Written::Unchanged => self.unchanged += 1,
            Written::New | Written::Changed => self.written += 1,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{file}: {error}")]
    Format { file: PathBuf, error: FormatError },
    #[error("--base-url {0:?} must be an absolute http:// or https:// address without ? or #, such as https://example.org/news/")]
    BaseUrl(String),
    #[error("{0}")]
    Archive(String),
}

impl From<String> for PublishError {
    fn from(message: String) -> Self {
        Self::Archive(message)
    }
}

/// How the site holds the collection: the input as one file, or a sharded archive (see
/// [`archive`]); `Auto` chooses the archive above [`archive::AUTO_ARCHIVE_FROM`] articles when
/// every article has a date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Form {
    #[default]
    Auto,
    File,
    Archive,
}

/// A base URL as the pages use it: `http(s)://host/path/`, a slash added at the end.
///
/// # Errors
/// Anything else.
pub fn check_base_url(url: &str) -> Result<String, PublishError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host = rest.and_then(|rest| rest.split('/').next());
    let fine = host.is_some_and(|host| !host.is_empty())
        && !url.contains(['?', '#', ' ', '"', '<', '>', '\\']);
    if !fine {
        return Err(PublishError::BaseUrl(url.to_owned()));
    }
    Ok(if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    })
}

/// Publishes `options.input` into `options.out`, calling `on_progress` now and then while it
/// reads the input and writes article pages, and once before an archive's own files.
///
/// # Errors
/// The input cannot be read or is not a file the viewer reads (a located message), the
/// viewer's build is missing, or a file cannot be written.
pub fn publish(
    options: &Options,
    on_progress: &mut dyn FnMut(Stage),
) -> Result<Report, PublishError> {
    let mut report = Report::default();
    let base_url = options
        .base_url
        .as_deref()
        .map(check_base_url)
        .transpose()?;
    let bytes = read(&options.input)?;
    let reading = &mut |progress: crate::format::chunked::Progress| {
        on_progress(Stage::Reading(progress.read));
    };
    let parsed = parse_collection_bytes_reporting(&bytes, reading).map_err(|error| {
        PublishError::Format {
            file: options.input.clone(),
            error,
        }
    })?;
    let name = options.input.display();
    report.problems.extend(
        parsed
            .skipped
            .iter()
            .map(|p| format!("{name}: skipped: {p}")),
    );
    report
        .problems
        .extend(parsed.notices.iter().map(|p| format!("{name}: {p}")));
    let out = &options.out;
    let app = copy_app(&options.app, out)?;
    let articles = &parsed.collection.articles;
    let dated = articles.iter().all(|a| a.published.is_some());
    let mut archive = match options.form {
        Form::File => None,
        Form::Auto => (dated && articles.len() > archive::AUTO_ARCHIVE_FROM).then(SiteArchive::default),
        Form::Archive if dated => Some(SiteArchive::default()),
        Form::Archive => {
            return Err(PublishError::Archive(format!(
                "{name}: --form archive needs a date on every article (a JSON Feed item without date_published, or an RSS or Atom item without a readable date, has none); use --form file"
            )))
        }
    };
    if archive.is_none() {
        report.count(write_if_changed(&out.join(SITE_DATA_FILE), &bytes)?);
    }
    // The file as read is not needed past here (a large input's bytes are a tenth of the run's
    // memory).
    drop(bytes);
    on_progress(Stage::Indexing(parsed.collection.articles.len()));
    let input_dir = options.input.parent().unwrap_or_else(|| Path::new("."));
    let mut copied = HashSet::new();
    for article in &parsed.collection.articles {
        let mut urls = urls_in(article.as_ref());
        // An archive writes each body as its own file (`archive/bodies/`): the input's copy is
        // needed only when it cannot be read (the viewer then shows its located error).
        if let (Some(_), Body::Remote(body)) = (&archive, &article.body) {
            urls.retain(|url| url != body.as_str());
        }
        copy_named_files(&urls, input_dir, out, &mut copied, &mut report, &article.id)?;
    }

    let article_root = SiteRoot::relative(2);
    // The input's articles, their URLs made relative to an article page in place, are what the
    // pages render; where the page's head or the input's own files need a URL as read, it is
    // recovered from that (`as_read`).
    let article_base = article_root.resolve(SITE_DATA_FILE);
    let article_dir = directory_of(&article_base).to_owned();
    let as_read = |url: &SafeUrl| url.unresolved_from(&article_dir);
    let article_state = loaded_state(parsed, &article_root, options.today);
    let crate::state::Load::Ready(loaded) = &article_state.load else {
        return Ok(report);
    };
    let index: Rc<Index> = Rc::clone(&loaded.index);
    let collection: &Collection = &loaded.parsed.collection;
    let total = index.len();
    on_progress(Stage::Pages(0, total));
    let mut kept = HashSet::new();
    for (done, rank) in (0..total).filter_map(|r| u32::try_from(r).ok()).enumerate() {
        let article = index.article(rank);
        if !is_page_id(&article.id) {
            if let Some(archive) = &mut archive {
                archive.index_text(article, None);
            }
            report.problems.push(format!(
                "articles[id={}]: this id cannot name a page folder; the article has no page",
                article.id
            ));
            continue;
        }
        let mut state = AppState {
            query: Query::default().with_article(Some(&article.id)),
            ..article_state.clone()
        };
        // Every article is indexed for search once, in rank order (its body from its own file
        // when it has one).
        let mut indexed = false;
        if let Body::Remote(page_url) = &article.body {
            let url = as_read(page_url);
            let mut result = read_remote_body(&url, input_dir);
            if let Ok((blocks, _)) = &mut result {
                // In one pass: the body's own files (relative to the body file, so relative to
                // the input once joined to its folder), and its URLs made relative to the page.
                let body_dir = directory_of(url.as_str());
                let named = std::cell::RefCell::new(Vec::new());
                blocks.map_urls(&|u| {
                    named
                        .borrow_mut()
                        .push(crate::model::resolve_against(u.as_str(), body_dir));
                    u.relative_to(directory_of(page_url.as_str()))
                });
                copy_named_files(
                    &named.into_inner(),
                    input_dir,
                    out,
                    &mut copied,
                    &mut report,
                    &article.id,
                )?;
            }
            if let Some(archive) = &mut archive {
                let blocks = result.as_ref().ok().map(|(blocks, _)| blocks.as_slice());
                // Searchable with the body read from its own file.
                archive.index_text(article, blocks);
                indexed = true;
                if let Some(blocks) = blocks {
                    report.count(archive.body(out, &article.id, blocks)?);
                }
            }
            if let Err(error) = &result {
                report
                    .problems
                    .push(format!("articles[id={}].body_url: {error}", article.id));
                if archive.is_some() {
                    let body = [url.as_str().to_owned()];
                    copy_named_files(&body, input_dir, out, &mut copied, &mut report, &article.id)?;
                }
            }
            let id = article.id.clone();
            state = state
                .apply(Action::BodyStarted { id: id.clone() })
                .apply(Action::BodyLoaded { id, result });
        }
        if let (Some(archive), Body::Blocks(blocks)) = (&mut archive, &article.body) {
            report.count(archive.body(out, &article.id, blocks)?);
        }
        if let Some(archive) = archive.as_mut().filter(|_| !indexed) {
            archive.index_text(article, None);
        }
        let page_url = base_url
            .as_deref()
            .map(|base| format!("{base}{}", article_path(&article.id)));
        // The head names the article's image from the site's root: its URLs as read.
        let mut read = Article::clone(article);
        read.map_urls(&as_read);
        let head = head::article_head(&read, collection, page_url.as_deref(), base_url.as_deref());
        let markup = prerender(Rc::new(state), &article_root);
        let html = document(&head, &app, &article_root, PageKind::Article, &markup);
        let path = out.join(article_path(&article.id)).join("index.html");
        report.count(write_if_changed(&path, html.as_bytes())?);
        report.pages += 1;
        kept.insert(article.id.clone());
        if (done + 1) % 1000 == 0 {
            on_progress(Stage::Pages(done + 1, total));
        }
    }
    on_progress(Stage::Pages(total, total));
    report.removed += remove_stale_pages(&out.join(ARTICLES_DIR), &kept)?;
    if let Some(archive) = archive {
        on_progress(Stage::Archive);
        archive.finish(out, &index, collection, &mut |w| report.count(w))?;
    } else {
        archive::remove_archive(out)?;
    }
    drop(index);

    // The collection page, from the same articles with their URLs relative to the site's root.
    let Some(parsed) = take_back(article_state, &article_root) else {
        return Ok(report);
    };
    let site_root = SiteRoot::relative(0);
    let list_state = loaded_state(parsed, &site_root, options.today);
    let crate::state::Load::Ready(loaded) = &list_state.load else {
        return Ok(report);
    };
    let collection = &loaded.parsed.collection;
    let head = head::collection_head(collection, base_url.as_deref(), total);
    let markup = prerender(Rc::new(list_state.clone()), &site_root);
    let html = document(&head, &app, &site_root, PageKind::Collection, &markup);
    report.count(write_if_changed(&out.join("index.html"), html.as_bytes())?);
    report.pages += 1;
    // The sitemap and the feed: the articles with a page, newest first (their URLs from the
    // site's root, as the listings name them).
    let pages: Vec<&Article> = (0..loaded.index.len())
        .filter_map(|rank| u32::try_from(rank).ok())
        .map(|rank| loaded.index.article(rank).as_ref())
        .filter(|article| kept.contains(&article.id))
        .collect();
    let sitemap = listings::sitemap(&pages, base_url.as_deref());
    report.count(write_if_changed(
        &out.join("sitemap.xml"),
        sitemap.as_bytes(),
    )?);
    let feed = listings::json_feed(collection, &pages, base_url.as_deref());
    report.count(write_if_changed(&out.join("feed.json"), feed.as_bytes())?);
    Ok(report)
}

/// Today's date in UTC, from the system clock.
#[must_use]
pub fn today() -> CivilDate {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    CivilDate::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
}
