//! The publish step's files: writing only what changed (so a re-publish leaves unchanged
//! pages' dates, and a host's caches, alone), the viewer's own files copied into a folder named
//! by their content (`app/<hash>/`, cacheable forever), and Subresource Integrity for them.

use base64ct::Encoding;
use sha2::{Digest, Sha256, Sha384};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The viewer's files a published page loads, from Trunk's release build (`dist/`); with them,
/// everything under `dist/snippets/` (the JavaScript the glue imports; see [`copy_app`]) and
/// `dist/i18n/` (the interface catalogues, fetched for the language in use).
pub const APP_FILES: [&str; 11] = [
    "boot.js",
    "article-viewer.js",
    "article-viewer_bg.wasm",
    "stopped.js",
    "prefs.js",
    // page.css, base.css, reader.css and collection.css in one file (scripts/post-build.mjs).
    "site.css",
    "noscript.css",
    "favicon.svg",
    // The XML reader's worker, fetched only when the viewer opens an RSS or Atom file.
    "xml-reader_loader.js",
    "xml-reader.js",
    "xml-reader_bg.wasm",
];

/// The files under `dist/<top>/` (snippets: the glue imports them by relative path; i18n: the
/// snippets fetch them), as paths relative to `dist/`, sorted so the folder's hash does not
/// depend on the order the disk lists them in.
fn files_under(dist: &Path, top: &str) -> Result<Vec<String>, FileError> {
    let mut found = Vec::new();
    let mut folders = vec![PathBuf::from(top)];
    while let Some(folder) = folders.pop() {
        let path = dist.join(&folder);
        if !path.is_dir() {
            continue;
        }
        let error = |source| FileError {
            path: path.clone(),
            source,
        };
        for entry in std::fs::read_dir(&path).map_err(error)? {
            let entry = entry.map_err(error)?;
            let relative = folder.join(entry.file_name());
            if entry.path().is_dir() {
                folders.push(relative);
            } else {
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// A failed file operation, with the file it concerned.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct FileError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Reads a file, naming it in the error.
///
/// # Errors
/// The file cannot be read.
pub fn read(path: &Path) -> Result<Vec<u8>, FileError> {
    std::fs::read(path).map_err(|source| FileError {
        path: path.to_owned(),
        source,
    })
}

/// Whether a write changed anything on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    New,
    Changed,
    Unchanged,
}

/// Writes `bytes` to `path` (creating its folders) unless the file already holds exactly them.
///
/// # Errors
/// A folder or the file cannot be written.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<Written, FileError> {
    let error = |source| FileError {
        path: path.to_owned(),
        source,
    };
    let outcome = match std::fs::read(path) {
        Ok(existing) if existing == bytes => return Ok(Written::Unchanged),
        Ok(_) => Written::Changed,
        Err(_) => Written::New,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(error)?;
    }
    std::fs::write(path, bytes).map_err(error)?;
    Ok(outcome)
}

/// `sha384-…`, as `integrity` attributes take it.
#[must_use]
pub fn integrity(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!("sha384-{}", base64ct::Base64::encode_string(&digest))
}

/// The viewer's files as published: the folder they live in (from the site's root), each
/// one's integrity, and `prefs.js` ready to be inlined.
#[derive(Clone, Debug)]
pub struct AppFiles {
    /// `app/<hash>/`.
    pub dir: String,
    pub integrity: Vec<(&'static str, String)>,
    /// `prefs.js` without its comment lines, for an inline `<script>` in every page's head:
    /// it must run before the first paint, and inline it costs no render-blocking request.
    pub inline_prefs: InlineScript,
}

/// A script for an inline `<script>` element, with its hash for the page's
/// Content Security Policy (`script-src 'sha256-…'`), so no other inline script may run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlineScript {
    pub text: String,
    /// `sha256-…` of `text`.
    pub hash: String,
}

impl InlineScript {
    /// `source` without the lines that are only a `//` comment (ours hold no multi-line
    /// strings), refused when it could close its element or open an HTML comment.
    ///
    /// # Errors
    /// The script contains `</script` or `<!--`, in any case.
    pub fn from_source(source: &str) -> Result<Self, String> {
        let text: String = source
            .lines()
            .filter(|line| !line.trim_start().starts_with("//") && !line.trim().is_empty())
            .map(|line| format!("{line}\n"))
            .collect();
        let lower = text.to_ascii_lowercase();
        if lower.contains("</script") || lower.contains("<!--") {
            return Err("contains `</script` or `<!--`, so it cannot be inlined".to_owned());
        }
        let hash = format!(
            "sha256-{}",
            base64ct::Base64::encode_string(&Sha256::digest(text.as_bytes()))
        );
        Ok(Self { text, hash })
    }
}

impl AppFiles {
    /// The integrity of one of [`APP_FILES`].
    #[must_use]
    pub fn integrity_of(&self, name: &str) -> &str {
        self.integrity
            .iter()
            .find(|(file, _)| *file == name)
            .map_or("", |(_, hash)| hash.as_str())
    }
}

/// Copies [`APP_FILES`] from `dist` into `out/app/<hash>/`, where the hash covers all of them,
/// and removes older `app/` folders.
///
/// # Errors
/// A file of the build is missing (the message says how to build it), or a write fails.
pub fn copy_app(dist: &Path, out: &Path) -> Result<AppFiles, FileError> {
    let mut contents: Vec<(String, Vec<u8>)> = Vec::new();
    let mut hasher = Sha256::new();
    let names = APP_FILES
        .iter()
        .map(|name| (*name).to_owned())
        .chain(files_under(dist, "snippets")?)
        .chain(files_under(dist, "i18n")?);
    for name in names {
        let bytes = read(&dist.join(&name))?;
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
        contents.push((name, bytes));
    }
    let hash: String = hasher
        .finalize()
        .iter()
        .take(6)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let dir = format!("app/{hash}/");
    let mut integrity = Vec::new();
    for (index, (name, bytes)) in contents.iter().enumerate() {
        write_if_changed(&out.join(&dir).join(name), bytes)?;
        // Pages name the viewer's own files with their integrity; snippets come through the glue.
        if let Some(app_file) = APP_FILES.get(index) {
            integrity.push((*app_file, self::integrity(bytes)));
        }
    }
    remove_other_folders(&out.join("app"), &hash)?;
    let prefs_path = dist.join("prefs.js");
    let prefs = contents
        .iter()
        .find(|(name, _)| name == "prefs.js")
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .unwrap_or_default();
    let inline_prefs = InlineScript::from_source(&prefs).map_err(|reason| FileError {
        path: prefs_path,
        source: std::io::Error::other(reason),
    })?;
    Ok(AppFiles {
        dir,
        integrity,
        inline_prefs,
    })
}

/// Removes the folders in `parent` other than `keep` (earlier builds of the viewer).
fn remove_other_folders(parent: &Path, keep: &str) -> Result<(), FileError> {
    let error = |source| FileError {
        path: parent.to_owned(),
        source,
    };
    for entry in std::fs::read_dir(parent).map_err(error)? {
        let entry = entry.map_err(error)?;
        if entry.file_name() != keep && entry.path().is_dir() {
            std::fs::remove_dir_all(entry.path()).map_err(error)?;
        }
    }
    Ok(())
}

/// Removes article pages of an earlier run whose article is gone (only the pages this step
/// writes: `articles/<id>/index.html`, and the folder when nothing else is in it).
pub fn remove_stale_pages(dir: &Path, kept: &HashSet<String>) -> Result<usize, FileError> {
    let error = |source| FileError {
        path: dir.to_owned(),
        source,
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry.map_err(error)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let page = entry.path().join("index.html");
        if !kept.contains(&name) && page.is_file() {
            std::fs::remove_file(&page).map_err(error)?;
            // Only empty: anything else in the folder is not ours to remove.
            let _ = std::fs::remove_dir(entry.path());
            removed += 1;
        }
    }
    Ok(removed)
}
