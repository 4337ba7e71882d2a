//! Published sites (the publish step's output): where each view lives. The collection is the
//! site's root page (`index.html`, filters in the query string) and each article has a page of
//! its own at `articles/<id>/`, so a shared link has its own HTML. [`SiteRoot`] turns a view
//! into its address and an address back into the article it names, for the page writer, the
//! viewer's links and its history alike. Pure: no browser APIs.

use crate::query::{encode, Query};

/// The folder of article pages, from the site's root.
pub const ARTICLES_DIR: &str = "articles";
/// The file the viewer loads on a published site, from the site's root.
pub const SITE_DATA_FILE: &str = "articles.json";

/// The site's root as a path prefix ending in `/`: relative to a prerendered page (`./`,
/// `../../`), or absolute once the browser knows where the site lives (`/news/`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteRoot(String);

impl SiteRoot {
    /// A root written as a path prefix; `None` unless it ends in `/` and is a plain path (no
    /// scheme, query or fragment).
    #[must_use]
    pub fn new(root: &str) -> Option<Self> {
        let plain = !root.contains([':', '?', '#', '\\']) && !root.starts_with("//");
        (plain && root.ends_with('/')).then(|| Self(root.to_owned()))
    }

    /// The root of a page `depth` folders below it: `./` for the root page, `../../` for an
    /// article page.
    #[must_use]
    pub fn relative(depth: usize) -> Self {
        if depth == 0 {
            Self("./".to_owned())
        } else {
            Self("../".repeat(depth))
        }
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The address of a view: an article's page with the list's filters kept in its query
    /// (for Back to the list, previous and next), or the root page with the filters.
    #[must_use]
    pub fn href(&self, query: &Query) -> String {
        let search = query.with_article(None).to_search();
        match &query.article {
            Some(id) => format!("{}{}{search}", self.0, article_path(id)),
            None => format!("{}{search}", self.0),
        }
    }

    /// A file the viewer loads, given relative to the site's root (the default data file, or a
    /// `src` parameter): resolved against the root rather than the page, so it means the same
    /// on every page of the site. Absolute URLs and root paths are kept (the rule of
    /// [`crate::model::SafeUrl::relative_to`]).
    #[must_use]
    pub fn resolve(&self, file: &str) -> String {
        crate::model::resolve_against(file, &self.0)
    }

    /// The article an absolute path names, when this root is absolute: `/news/articles/x/`
    /// (or `…/x/index.html`) under `/news/` names `x`.
    #[must_use]
    pub fn article_in_path(&self, path: &str) -> Option<String> {
        let rest = path.strip_prefix(self.0.as_str())?;
        let rest = rest.strip_prefix(ARTICLES_DIR)?.strip_prefix('/')?;
        let id = rest
            .strip_suffix("/index.html")
            .or_else(|| rest.strip_suffix('/'))
            .unwrap_or(rest);
        let id = crate::query::decode(id);
        is_page_id(&id).then_some(id)
    }
}

/// Where an article's page lives, from the site's root: `articles/<id>/`.
#[must_use]
pub fn article_path(id: &str) -> String {
    format!("{ARTICLES_DIR}/{}/", encode(id))
}

/// Whether an id can name a page folder: an id the format accepts (its characters, its length,
/// not `.` or `..`).
#[must_use]
pub fn is_page_id(id: &str) -> bool {
    !id.is_empty() && crate::format::check_id(id).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_and_addresses() {
        let root = SiteRoot::relative(2);
        let query = Query::parse("?region=Europe/Ukraine&article=kursk-1");
        assert_eq!(
            root.href(&query),
            "../../articles/kursk-1/?region=Europe/Ukraine"
        );
        assert_eq!(
            root.href(&query.with_article(None)),
            "../../?region=Europe/Ukraine"
        );
        assert_eq!(SiteRoot::relative(0).href(&Query::default()), "./");
        assert_eq!(root.resolve("articles.json"), "../../articles.json");
        assert_eq!(
            root.resolve("https://x.example/a.json"),
            "https://x.example/a.json"
        );
    }

    #[test]
    fn paths_name_articles() {
        let Some(root) = SiteRoot::new("/news/") else {
            panic!("a plain path is a root")
        };
        for path in [
            "/news/articles/kursk-1/",
            "/news/articles/kursk-1/index.html",
        ] {
            assert_eq!(root.article_in_path(path).as_deref(), Some("kursk-1"));
        }
        for path in [
            "/news/",
            "/news/articles/",
            "/news/articles/../",
            "/other/articles/x/",
        ] {
            assert_eq!(root.article_in_path(path), None, "{path}");
        }
        assert_eq!(SiteRoot::new("https://x.example/"), None);
        assert_eq!(SiteRoot::new("/news"), None);
    }
}
