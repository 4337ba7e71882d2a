//! The site's listings for machines: `sitemap.xml` (every page) and `feed.json` (a JSON Feed
//! 1.1 of the latest articles, linking to their pages).

use crate::model::{Article, Collection};
use crate::publish::head::{absolute, describe};
use crate::site::article_path;
use crate::text::escape_html;
use serde_json::{json, Value};

/// Articles in `feed.json`.
pub const FEED_ITEMS: usize = 50;

/// A page's address: absolute with a base URL, else relative to the site's root.
fn page_url(path: &str, base_url: Option<&str>) -> String {
    match base_url {
        Some(base) => format!("{base}{path}"),
        None if path.is_empty() => "./".to_owned(),
        None => path.to_owned(),
    }
}

/// `sitemap.xml`: the root page and every article's page, with its last change.
#[must_use]
pub fn sitemap(articles: &[&Article], base_url: Option<&str>) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    out.push_str(&format!(
        "<url><loc>{}</loc></url>\n",
        escape_html(&page_url("", base_url))
    ));
    for article in articles {
        let loc = escape_html(&page_url(&article_path(&article.id), base_url));
        match article.updated.as_ref().or(article.published.as_ref()) {
            Some(changed) => out.push_str(&format!(
                "<url><loc>{loc}</loc><lastmod>{}</lastmod></url>\n",
                changed.to_machine()
            )),
            None => out.push_str(&format!("<url><loc>{loc}</loc></url>\n")),
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// A date for JSON Feed, which wants a full RFC 3339 date-time: a date alone is its midnight UTC.
fn rfc3339(timestamp: &crate::date::Timestamp) -> String {
    let machine = timestamp.to_machine();
    if timestamp.time.is_some() {
        machine
    } else {
        format!("{machine}T00:00:00Z")
    }
}

/// `feed.json`: the [`FEED_ITEMS`] newest articles (`articles` is newest first).
#[must_use]
pub fn json_feed(collection: &Collection, articles: &[&Article], base_url: Option<&str>) -> String {
    let items: Vec<Value> = articles
        .iter()
        .take(FEED_ITEMS)
        .map(|article| {
            let url = page_url(&article_path(&article.id), base_url);
            let mut item = json!({
                "id": url,
                "url": url,
                "title": article.title,
                "content_text": describe(article),
            });
            if let Value::Object(map) = &mut item {
                if let Some(standfirst) = &article.standfirst {
                    map.insert("summary".into(), standfirst.clone().into());
                }
                if let Some(published) = &article.published {
                    map.insert("date_published".into(), rfc3339(published).into());
                }
                if let Some(updated) = &article.updated {
                    map.insert("date_modified".into(), rfc3339(updated).into());
                }
                if !article.byline.is_empty() {
                    let authors: Vec<Value> = article
                        .byline
                        .iter()
                        .map(|name| json!({ "name": name }))
                        .collect();
                    map.insert("authors".into(), authors.into());
                }
                if !article.tags.is_empty() {
                    map.insert("tags".into(), article.tags.clone().into());
                }
                if let Some(language) = article.language_or(collection.language.as_ref()) {
                    map.insert("language".into(), language.as_str().into());
                }
                if let Some(image) = article
                    .image
                    .as_ref()
                    .and_then(|image| absolute(image.src.as_str(), base_url))
                {
                    map.insert("image".into(), image.into());
                }
            }
            item
        })
        .collect();
    let mut feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": collection.title.clone().unwrap_or_else(|| "Articles".to_owned()),
        "items": items,
    });
    if let (Some(base), Value::Object(map)) = (base_url, &mut feed) {
        map.insert("home_page_url".into(), base.into());
        map.insert("feed_url".into(), format!("{base}feed.json").into());
    }
    if let (Some(language), Value::Object(map)) = (&collection.language, &mut feed) {
        map.insert("language".into(), language.as_str().into());
    }
    let mut text = serde_json::to_string_pretty(&feed).unwrap_or_default();
    text.push('\n');
    text
}
