//! An Atom 1.0 entry → an [`Article`]: text constructs of each `type`, `published`/`updated`,
//! authors, categories, `link rel="alternate"`, `content` before `summary`; the mapping is in
//! `docs/rss-atom.md`.

use super::items::{
    apply_base, fallback_title, lead_image, left_out, plain_blocks, plain_of_html, regions, tags,
    Notes,
};
use super::tree::Element;
use crate::date::Timestamp;
use crate::format::path::Cursor;
use crate::format::Problem;
use crate::model::{Article, Block, Body, ReadingTime, Source, UrlUse};
use crate::text::{link_safe_id, TakenIds};

/// The plain text of a text construct (`title`, `summary`): `text`, `html` or `xhtml`.
#[must_use]
pub fn text_construct(element: &Element) -> String {
    match element.attribute("type") {
        Some("html") => plain_of_html(&element.text()),
        _ => element
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Blocks of a `content` or `summary` element, by its `type`.
fn construct_blocks(element: &Element, field: &'static str, notes: &mut Notes<'_>) -> Vec<Block> {
    match element.attribute("type").unwrap_or("text") {
        "html" | "text/html" => notes.html(field, element.line, &element.text()),
        "xhtml" | "application/xhtml+xml" => notes.html(field, element.line, &element.inner_html()),
        "text" | "text/plain" => plain_blocks(&element.text()),
        other => {
            notes.note(
                field,
                element.line,
                format!("content of type {other} is not shown"),
            );
            Vec::new()
        }
    }
}

/// The authors' names of an entry or a feed.
#[must_use]
pub fn authors(element: &Element) -> Vec<String> {
    element
        .all("author")
        .filter_map(|a| a.child_text("name"))
        .collect()
}

/// The `href` of the first `link` with `rel="alternate"` (or no `rel`).
#[must_use]
pub fn alternate_link(element: &Element) -> Option<&Element> {
    element.all("link").find(|l| {
        l.attribute("rel").is_none_or(|rel| rel == "alternate") && l.attribute("href").is_some()
    })
}

/// Reads entry number `index`, or says why it is left out.
///
/// # Errors
/// When the entry has no title, content or summary.
pub fn article(
    entry: &Element,
    index: usize,
    taken: &mut TakenIds,
    notices: &mut Vec<Problem>,
) -> Result<Article, Problem> {
    let at = Cursor::ROOT.field("entry").index(index);
    let title = entry
        .first("title")
        .map(text_construct)
        .filter(|t| !t.is_empty());
    let link = alternate_link(entry);
    let raw_id = entry
        .child_text("id")
        .or_else(|| link.and_then(|l| l.attribute("href")).map(str::to_owned))
        .or_else(|| title.clone())
        .unwrap_or_default();
    let mut notes = Notes {
        at,
        raw_id: raw_id.clone(),
        notices,
    };
    let content = entry.first("content");
    let summary = entry
        .first("summary")
        .filter(|s| !s.text().trim().is_empty());
    let mut body = Vec::new();
    if let Some(content) = content {
        if let Some(src) = content.attribute("src") {
            notes.note(
                "content",
                content.line,
                format!("content kept elsewhere ({src}) is not fetched; the summary is shown"),
            );
        } else {
            body = construct_blocks(content, "content", &mut notes);
        }
    }
    let mut standfirst = None;
    if let Some(summary) = summary {
        if body.is_empty() {
            body = construct_blocks(summary, "summary", &mut notes);
        } else {
            standfirst = Some(text_construct(summary)).filter(|s| !s.is_empty());
        }
    }
    if title.is_none() && body.is_empty() {
        return Err(left_out(
            at,
            raw_id,
            "an entry needs a title, a content or a summary",
            entry.line,
        ));
    }
    let title = title.unwrap_or_else(|| fallback_title(&body, standfirst.as_deref()));
    let mut date = |field: &'static str| {
        let element = entry.first(field)?;
        match Timestamp::parse(element.text().trim()) {
            Ok(date) => Some(date),
            Err(message) => {
                notes.note(field, element.line, format!("{message}; ignored"));
                None
            }
        }
    };
    let published_field = date("published");
    let modified = date("updated");
    let published = published_field.or(modified);
    let updated = modified.filter(|m| published_field.is_some_and(|p| p.is_before(m)));
    let url = link.and_then(|l| {
        let href = l.attribute("href")?;
        notes.url("link", l.line, href, UrlUse::Link)
    });
    let language = entry
        .attribute("xml:lang")
        .and_then(|lang| notes.language("xml:lang", entry.line, lang));
    let source = entry.first("source").and_then(|s| {
        let name = s
            .first("title")
            .map(text_construct)
            .filter(|n| !n.is_empty())?;
        let url = alternate_link(s)
            .and_then(|l| l.attribute("href"))
            .and_then(|href| notes.url("source", s.line, href, UrlUse::Link));
        Some(Source { name, url })
    });
    let image = lead_image(entry, &mut notes);
    let regions = regions(entry, "scheme", &mut notes);
    let mut article = Article {
        id: link_safe_id(&raw_id, taken, index),
        title,
        standfirst,
        published,
        updated,
        byline: authors(entry),
        tags: tags(entry, "scheme"),
        language,
        url,
        source,
        regions,
        image,
        body: Body::Blocks(body),
        reading_time: ReadingTime::default(),
    };
    apply_base(&mut article, entry.base.as_deref());
    Ok(article)
}
