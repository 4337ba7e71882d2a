//! Embedding: how a host element's attributes set an embedded viewer's first view and
//! behaviour: `data-*` on a `data-article-viewer` element, the same names without the prefix on
//! `<article-viewer>` ([`attribute_name`]). Pure (the browser side hands in an attribute getter),
//! so it is tested natively. See `docs/embedding.md` for the attributes.

use crate::model::{SafeUrl, UrlUse};
use crate::prefs::{Choice, Theme};
use crate::query::{encode, Query};
use crate::sources::AllowedSources;

/// How an embedded viewer behaves, beyond what it first shows.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct EmbedOptions {
    /// Keep the host page's URL in step with the viewer (`data-sync-url`). Off by default: an
    /// embedded viewer leaves the host's address alone.
    pub sync_url: bool,
    /// Where article links point (`data-article-url`, with `{id}` for the article's id). Without
    /// it, articles open inside the viewer.
    pub article_url: Option<String>,
    /// The theme to start with (`data-theme`); otherwise the reader's saved choice.
    pub theme: Option<Theme>,
    /// Other origins this element may load files from (`data-sources`, space-separated),
    /// besides the page's own and those its `article-viewer-sources` meta tag lists.
    pub sources: AllowedSources,
    /// The interface language the host asks for (`data-ui-language`, a language tag); the
    /// reader's own choice in Reading options still wins.
    pub ui_language: Option<String>,
}

/// The tag of the custom element form.
pub const CUSTOM_ELEMENT: &str = "article-viewer";

/// The attribute that holds `data_name` (`data-src`) on a host element: the same on a
/// `data-article-viewer` element, without the prefix (`src`) on `<article-viewer>`.
#[must_use]
pub fn attribute_name(data_name: &str, custom_element: bool) -> &str {
    match data_name.strip_prefix("data-") {
        Some(name) if custom_element => name,
        _ => data_name,
    }
}

/// The query an element's attributes ask for, as a query string (what `<article-viewer>` asks
/// its viewer to show when one of them changes).
#[must_use]
pub fn attribute_query(get: &dyn Fn(&str) -> Option<String>) -> String {
    read_attributes(get).0.to_search()
}

/// Reads a host element's attributes (through `get`, which returns an attribute's value) into
/// the first view and the options. `data-query` gives a whole query string; `data-src`,
/// `data-region`, `data-tag`, `data-author` and `data-source` (several separated by `|`), `data-from`, `data-to`, `data-sort`, `data-article`
/// `data-view` (`list` or `article`) and `data-q` (search words) set single parts and win over
/// `data-query`. Invalid
/// values are ignored with a notice, as in a URL.
#[must_use]
pub fn read_attributes(get: &dyn Fn(&str) -> Option<String>) -> (Query, EmbedOptions) {
    let mut parts: Vec<String> = Vec::new();
    let mut push = |key: &str, value: &str| parts.push(format!("{key}={}", encode(value.trim())));
    if let Some(src) = get("data-src") {
        push("src", &src);
    }
    for (attribute, key) in [
        ("data-region", "region"),
        ("data-tag", "tag"),
        ("data-author", "author"),
        ("data-source", "source"),
    ] {
        if let Some(values) = get(attribute) {
            for value in values.split('|').filter(|v| !v.trim().is_empty()) {
                push(key, value);
            }
        }
    }
    for (attribute, key) in [
        ("data-from", "from"),
        ("data-to", "to"),
        ("data-sort", "sort"),
    ] {
        if let Some(value) = get(attribute) {
            push(key, &value);
        }
    }
    let view_is_list = get("data-view").is_some_and(|v| v.trim() == "list");
    if let (Some(article), false) = (get("data-article"), view_is_list) {
        push("article", &article);
    }
    if let Some(words) = get("data-q") {
        push("q", &words);
    }
    let base = get("data-query").unwrap_or_default();
    let search = [base.trim_start_matches('?').to_owned(), parts.join("&")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("&");
    let mut query = Query::parse(&search);
    if view_is_list {
        query.article = None;
    }
    let flag = |name: &str| get(name).is_some_and(|v| !matches!(v.trim(), "false" | "no" | "0"));
    let theme = get("data-theme").and_then(|t| parse_theme(&t));
    let options = EmbedOptions {
        sync_url: flag("data-sync-url"),
        article_url: get("data-article-url").filter(|p| article_link(p, "id").is_some()),
        theme,
        sources: AllowedSources::parse(&get("data-sources").unwrap_or_default()).0,
        ui_language: get("data-ui-language")
            .map(|tag| tag.trim().to_owned())
            .filter(|tag| !tag.is_empty()),
    };
    (query, options)
}

/// A `theme` attribute's value: `auto` (the custom element's word) is the system theme, that
/// is the host page's colour scheme, else the operating system's.
#[must_use]
pub fn parse_theme(value: &str) -> Option<Theme> {
    match value.trim() {
        "auto" => Some(Theme::System),
        other => Theme::parse(other),
    }
}

/// The link to an article's page on the host site: `pattern` with `{id}` replaced by the
/// (encoded) id, if the result is a URL a link may have (`http:`, `https:`, `mailto:` or
/// relative). A `javascript:` template, say in a sanitised comment, makes no link at all.
#[must_use]
pub fn article_link(pattern: &str, id: &str) -> Option<SafeUrl> {
    if !pattern.contains("{id}") {
        return None;
    }
    SafeUrl::parse(&pattern.replace("{id}", &encode(id)), UrlUse::Link).ok()
}

/// An embedded viewer shows only the file its element names: a query from the host page's
/// address (`data-sync-url`) or from `navigate()` keeps the element's `src`, with a notice when
/// it asked for another.
#[must_use]
pub fn within_element(mut query: Query, element_src: Option<&str>) -> Query {
    if query.src.as_deref() != element_src {
        if let Some(asked) = &query.src {
            query.ignored.push(format!(
                "src={asked} was ignored: this viewer shows only the file its page chose"
            ));
        }
        query.src = element_src.map(str::to_owned);
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::RegionChoice;

    fn attributes(pairs: &[(&str, &str)]) -> (Query, EmbedOptions) {
        let owned: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        read_attributes(&move |name| {
            owned
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn data_sources_allow_other_origins_for_this_element_only() {
        let (_, options) = attributes(&[("data-sources", "https://feeds.example")]);
        let page = "https://news.example";
        assert_eq!(
            options.sources.check("https://feeds.example/a.json", page),
            Ok(())
        );
        assert!(options
            .sources
            .check("https://other.example/a.json", page)
            .is_err());
        let (_, plain) = attributes(&[]);
        assert!(plain
            .sources
            .check("https://feeds.example/a.json", page)
            .is_err());
    }

    #[test]
    fn attributes_set_the_first_view() {
        let (query, options) = attributes(&[
            ("data-src", "/news/articles.json"),
            ("data-region", "Europe/Ukraine | Asia"),
            ("data-from", "2025-04-01"),
            ("data-view", "list"),
            ("data-article", "ignored-because-list"),
            ("data-theme", "sepia"),
        ]);
        assert_eq!(query.src.as_deref(), Some("/news/articles.json"));
        assert_eq!(query.regions.len(), 2);
        assert!(matches!(&query.regions[1], RegionChoice::Path(p) if p.to_string() == "Asia"));
        assert_eq!(
            query.from.map(|d| d.to_string()).as_deref(),
            Some("2025-04-01")
        );
        assert_eq!(query.article, None);
        assert_eq!(
            options,
            EmbedOptions {
                sync_url: false,
                article_url: None,
                theme: Some(Theme::Sepia),
                sources: AllowedSources::default(),
                ui_language: None,
            }
        );
    }

    #[test]
    fn options_and_invalid_values() {
        let (query, options) = attributes(&[
            ("data-query", "?sort=oldest&region=Africa"),
            ("data-from", "2025-02-30"),
            ("data-article", "kursk-1"),
            ("data-sync-url", ""),
            ("data-article-url", "/news/story.html?id={id}"),
        ]);
        assert_eq!(query.article.as_deref(), Some("kursk-1"));
        assert_eq!(query.regions.len(), 1);
        assert_eq!(query.ignored.len(), 1, "{:?}", query.ignored);
        assert!(options.sync_url);
        assert_eq!(
            options.article_url.as_deref(),
            Some("/news/story.html?id={id}")
        );
        assert!(!attributes(&[("data-sync-url", "false")]).1.sync_url);
        assert_eq!(
            attributes(&[("data-article-url", "/no-placeholder")])
                .1
                .article_url,
            None
        );
    }

    #[test]
    fn the_custom_element_reads_the_same_attributes_without_the_prefix() {
        assert_eq!(attribute_name("data-src", true), "src");
        assert_eq!(attribute_name("data-sync-url", true), "sync-url");
        assert_eq!(attribute_name("data-src", false), "data-src");
        let element = [
            ("src", "a.json"),
            ("region", "Asia|Europe"),
            ("q", "river"),
            ("theme", "auto"),
        ];
        let get = |name: &str| {
            element
                .iter()
                .find(|(k, _)| *k == attribute_name(name, true))
                .map(|(_, v)| (*v).to_owned())
        };
        let (query, options) = read_attributes(&get);
        assert_eq!(query.src.as_deref(), Some("a.json"));
        assert_eq!(query.regions.len(), 2);
        assert_eq!(query.q.as_deref(), Some("river"));
        assert_eq!(options.theme, Some(Theme::System));
        assert_eq!(
            attribute_query(&get),
            "?src=a.json&region=Asia&region=Europe&q=river"
        );
        let tagged = [("tag", "Energy|Weather"), ("author", "Bo Chen")];
        let get = |name: &str| {
            tagged
                .iter()
                .find(|(k, _)| *k == attribute_name(name, true))
                .map(|(_, v)| (*v).to_owned())
        };
        assert_eq!(
            attribute_query(&get),
            "?tag=Energy&tag=Weather&author=Bo%20Chen"
        );
    }

    #[test]
    fn article_link_templates_are_checked_after_expansion() {
        assert_eq!(
            article_link("/news/{id}.html", "a b").map(|u| u.as_str().to_owned()),
            Some("/news/a%20b.html".to_owned())
        );
        assert!(article_link("javascript:alert('{id}')", "x").is_none());
        assert!(article_link(" JaVa\tScript:{id}", "x").is_none());
        assert!(article_link("/no-placeholder", "x").is_none());
        let get = |name: &str| {
            (name == "data-article-url").then(|| "javascript:steal('{id}')".to_owned())
        };
        assert_eq!(
            read_attributes(&get).1.article_url,
            None,
            "a script template is dropped"
        );
    }

    #[test]
    fn an_embedded_viewer_keeps_its_own_file() {
        let from_address = Query::parse("?src=http://evil.example/x.json&region=Asia");
        let kept = within_element(from_address, Some("news/articles.json"));
        assert_eq!(kept.src.as_deref(), Some("news/articles.json"));
        assert_eq!(kept.regions.len(), 1, "the filters still apply");
        assert!(kept.ignored[0].starts_with("src=http://evil.example/x.json was ignored"));
        let same = within_element(Query::parse("?src=a.json"), Some("a.json"));
        assert!(same.ignored.is_empty());
    }
}
