//! What a published page says about itself in its `<head>`: title, description, canonical
//! link, Open Graph and Twitter card tags, and schema.org `NewsArticle` JSON-LD, with the
//! escaping that keeps any article text inside its tag ([`crate::text::escape_html`] for text and attribute
//! values, [`json_for_script`] for JSON inside `<script>`).

use crate::model::{Article, Collection};
use crate::text::escape_html;
use serde_json::{json, Value};

/// JSON that can sit inside `<script type="application/ld+json">`: `<`, `>` and `&` become
/// `\u` escapes (so neither `</script>` nor `<!--` can appear), and so do the line and paragraph
/// separators that older parsers took for line ends. The value read back is unchanged.
#[must_use]
pub fn json_for_script(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            other => out.push(other),
        }
    }
    out
}

/// Longest description written, in characters (search results and previews cut near 160).
pub const DESCRIPTION_CHARS: usize = 160;

/// The facts a page's head is written from.
#[derive(Clone, Debug, Default)]
pub struct Head {
    pub title: String,
    pub description: String,
    /// Absolute, and only with `--base-url` (a relative canonical link is not one).
    pub canonical: Option<String>,
    /// `(attribute, key, content)`: `("property", "og:title", …)` or `("name", "twitter:card", …)`.
    pub meta: Vec<(&'static str, String, String)>,
    pub json_ld: Option<Value>,
}

impl Head {
    /// The tags, escaped, one per line.
    #[must_use]
    pub fn to_html(&self) -> String {
        let mut out = format!(
            "<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n",
            escape_html(&self.title),
            escape_html(&self.description)
        );
        if let Some(canonical) = &self.canonical {
            out.push_str(&format!(
                "<link rel=\"canonical\" href=\"{}\">\n",
                escape_html(canonical)
            ));
        }
        for (attribute, key, content) in &self.meta {
            out.push_str(&format!(
                "<meta {attribute}=\"{}\" content=\"{}\">\n",
                escape_html(key),
                escape_html(content)
            ));
        }
        if let Some(json_ld) = &self.json_ld {
            out.push_str(&format!(
                "<script type=\"application/ld+json\">{}</script>\n",
                json_for_script(json_ld)
            ));
        }
        out
    }
}

/// Text cut to at most `limit` characters at a word boundary, with `…` when cut.
#[must_use]
pub fn cut_text(text: &str, limit: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= limit {
        return text;
    }
    let cut: String = text.chars().take(limit.saturating_sub(1)).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&at| at > limit / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end())
}

/// An article's description: its standfirst, else the start of its first paragraph.
#[must_use]
pub fn describe(article: &Article) -> String {
    let text = article.standfirst.clone().or_else(|| match &article.body {
        crate::model::Body::Blocks(blocks) => blocks.iter().find_map(|block| match block {
            crate::model::Block::Paragraph(inline) => Some(inline.plain_text()),
            _ => None,
        }),
        crate::model::Body::Remote(_) => None,
    });
    cut_text(
        &text.unwrap_or_else(|| article.title.clone()),
        DESCRIPTION_CHARS,
    )
}

/// A URL made absolute against the site's base URL, when it can be: absolute URLs are kept,
/// site-relative ones (`images/a.jpg`, from the site's root) are joined to `base_url`.
#[must_use]
pub fn absolute(url: &str, base_url: Option<&str>) -> Option<String> {
    if url.starts_with("https://") || url.starts_with("http://") {
        return Some(url.to_owned());
    }
    let base = base_url?;
    let relative = url.trim_start_matches("./");
    (!relative.starts_with('/') && !relative.contains(':')).then(|| format!("{base}{relative}"))
}

/// The head of an article's page. `page_url` is its absolute address (with `--base-url`);
/// the article's URLs are relative to the site's root.
#[must_use]
pub fn article_head(
    article: &Article,
    collection: &Collection,
    page_url: Option<&str>,
    base_url: Option<&str>,
) -> Head {
    let description = describe(article);
    let site_name = collection.title.clone();
    // As the viewer titles the page once it takes over (the site's name is in og:site_name).
    let title = article.title.clone();
    let image = article
        .image
        .as_ref()
        .and_then(|image| Some((image, absolute(image.src.as_str(), base_url)?)));
    let language = article.language_or(collection.language.as_ref());
    let mut meta: Vec<(&'static str, String, String)> = vec![
        ("property", "og:type".into(), "article".into()),
        ("property", "og:title".into(), article.title.clone()),
        ("property", "og:description".into(), description.clone()),
    ];
    let mut add = |attribute, key: &str, value: String| meta.push((attribute, key.into(), value));
    if let Some(url) = page_url {
        add("property", "og:url", url.to_owned());
    }
    if let Some(site) = &site_name {
        add("property", "og:site_name", site.clone());
    }
    if let Some(language) = language {
        add("property", "og:locale", language.as_str().replace('-', "_"));
    }
    if let Some((image, url)) = &image {
        add("property", "og:image", url.clone());
        if !image.alt.is_empty() {
            add("property", "og:image:alt", image.alt.clone());
        }
        if let (Some(width), Some(height)) = (image.width, image.height) {
            add("property", "og:image:width", width.to_string());
            add("property", "og:image:height", height.to_string());
        }
    }
    if let Some(published) = &article.published {
        add("property", "article:published_time", published.to_machine());
    }
    if let Some(updated) = &article.updated {
        add("property", "article:modified_time", updated.to_machine());
    }
    for name in &article.byline {
        add("property", "article:author", name.clone());
    }
    for tag in &article.tags {
        add("property", "article:tag", tag.clone());
    }
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    add("name", "twitter:card", card.to_owned());
    add("name", "twitter:title", article.title.clone());
    add("name", "twitter:description", description.clone());
    if let Some((image, url)) = &image {
        add("name", "twitter:image", url.clone());
        if !image.alt.is_empty() {
            add("name", "twitter:image:alt", image.alt.clone());
        }
    }
    let json_ld = news_article(article, &description, language, page_url, image);
    Head {
        title,
        description,
        canonical: page_url.map(str::to_owned),
        meta,
        json_ld: Some(json_ld),
    }
}

fn news_article(
    article: &Article,
    description: &str,
    language: Option<&crate::model::LanguageTag>,
    page_url: Option<&str>,
    image: Option<(&crate::model::Image, String)>,
) -> Value {
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": description,
    });
    let mut set = |key: &str, field: Value| {
        if let Value::Object(map) = &mut value {
            map.insert(key.to_owned(), field);
        }
    };
    if let Some(published) = &article.published {
        set("datePublished", published.to_machine().into());
    }
    if let Some(updated) = article.updated.as_ref().or(article.published.as_ref()) {
        set("dateModified", updated.to_machine().into());
    }
    if !article.byline.is_empty() {
        let authors: Vec<Value> = article
            .byline
            .iter()
            .map(|name| json!({ "@type": "Person", "name": name }))
            .collect();
        set("author", authors.into());
    }
    if let Some((image, url)) = image {
        let mut object = json!({ "@type": "ImageObject", "url": url });
        if let Value::Object(map) = &mut object {
            if let Some(caption) = &image.caption {
                map.insert("caption".into(), caption.clone().into());
            }
            if let Some(credit) = &image.credit {
                map.insert("creditText".into(), credit.clone().into());
            }
            if let (Some(width), Some(height)) = (image.width, image.height) {
                map.insert("width".into(), width.into());
                map.insert("height".into(), height.into());
            }
        }
        set("image", Value::Array(vec![object]));
    }
    if !article.regions.is_empty() {
        let places: Vec<Value> = article
            .regions
            .iter()
            .map(|region| json!({ "@type": "Place", "name": region.leaf() }))
            .collect();
        set("spatialCoverage", places.into());
    }
    if let Some(language) = language {
        set("inLanguage", language.as_str().into());
    }
    if !article.tags.is_empty() {
        set("keywords", article.tags.clone().into());
    }
    if let Some(url) = page_url {
        set("mainEntityOfPage", url.into());
        set("url", url.into());
    }
    value
}

/// The head of the collection page.
#[must_use]
pub fn collection_head(collection: &Collection, base_url: Option<&str>, count: usize) -> Head {
    let title = collection
        .title
        .clone()
        .unwrap_or_else(|| "Articles".to_owned());
    let description = cut_text(
        &format!("{count} articles from {title}, newest first, to filter by date and region."),
        DESCRIPTION_CHARS,
    );
    let mut meta = vec![
        ("property", "og:type".into(), "website".into()),
        ("property", "og:title".into(), title.clone()),
        ("property", "og:description".into(), description.clone()),
        ("name", "twitter:card".into(), "summary".into()),
    ];
    if let Some(base) = base_url {
        meta.push(("property", "og:url".into(), base.to_owned()));
    }
    Head {
        title,
        description,
        canonical: base_url.map(str::to_owned),
        meta,
        json_ld: None,
    }
}
