//! The files an input names relative to itself (images, body files): which of them may be
//! copied into the site (inside the input's folder, never over the site's own names), and
//! copying them once each.

use super::files::{read, write_if_changed, FileError};
use super::Report;
use crate::model::{MapUrls, SafeUrl};
use crate::site::{ARTICLES_DIR, SITE_DATA_FILE};
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// Names the site's own files take; the input may not name files there.
const RESERVED: [&str; 7] = [
    "index.html",
    SITE_DATA_FILE,
    "sitemap.xml",
    "feed.json",
    "app",
    "archive",
    ARTICLES_DIR,
];

/// A URL from the input as a path inside its folder: relative, no `..`, not one of the site's
/// own names. `None` for anything else (absolute URLs stay as they are).
pub(super) fn local_file(url: &str) -> Option<PathBuf> {
    if url.contains(':') || url.starts_with(['/', '?', '#']) || url.is_empty() {
        return None;
    }
    let path_end = url.find(['?', '#']).unwrap_or(url.len());
    let path = Path::new(&url[..path_end]);
    let plain = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let first = path
        .components()
        .find(|c| matches!(c, Component::Normal(_)));
    let reserved = first.is_some_and(|c| RESERVED.iter().any(|r| c.as_os_str() == *r));
    (plain && !reserved).then(|| path.to_owned())
}

/// Every URL a value names (an article's images, links and body file; a body's images and links).
pub(super) fn urls_in<T: MapUrls + Clone>(value: &T) -> Vec<String> {
    let found = std::cell::RefCell::new(Vec::new());
    let mut copy = value.clone();
    copy.map_urls(&|url: &SafeUrl| {
        found.borrow_mut().push(url.as_str().to_owned());
        url.clone()
    });
    found.into_inner()
}

/// Copies the files an article names relative to the input into the same place under `out`.
pub(super) fn copy_named_files(
    urls: &[String],
    from_dir: &Path,
    out: &Path,
    copied: &mut HashSet<PathBuf>,
    report: &mut Report,
    article: &str,
) -> Result<(), FileError> {
    for url in urls {
        let Some(relative) = local_file(url) else {
            continue;
        };
        let source = from_dir.join(&relative);
        if !copied.insert(source.clone()) {
            continue;
        }
        if !source.is_file() {
            // Links to pages of the input's own site are not files to copy.
            if Path::new(&relative)
                .extension()
                .is_some_and(|e| e != "html")
            {
                report.problems.push(format!(
                    "articles[id={article}]: {url} is not a file next to the input, so the site has no copy of it"
                ));
            }
            continue;
        }
        report.copied += 1;
        report.count(write_if_changed(&out.join(&relative), &read(&source)?)?);
    }
    Ok(())
}
