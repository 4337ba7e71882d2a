//! An RSS item (2.0, 0.91/0.92, and RSS 1.0's RDF items) → an [`Article`]; the mapping is in
//! `docs/rss-atom.md`.

use super::dates::parse_rss_date;
use super::items::{
    apply_base, fallback_title, lead_image, left_out, plain_of_html, regions, tags, Notes,
};
use super::tree::Element;
use crate::format::path::Cursor;
use crate::format::Problem;
use crate::model::{Article, Body, ReadingTime, Source, UrlUse};
use crate::text::{link_safe_id, TakenIds};

/// Reads item number `index`, or says why it is left out.
///
/// # Errors
/// When the item has neither a title nor a description.
pub fn article(
    item: &Element,
    index: usize,
    taken: &mut TakenIds,
    notices: &mut Vec<Problem>,
) -> Result<Article, Problem> {
    let at = Cursor::ROOT.field("item").index(index);
    let title = item.child_text("title");
    let link = item.child_text("link");
    let guid = item.first("guid");
    let guid_text = guid
        .map(|g| g.text().trim().to_owned())
        .filter(|g| !g.is_empty());
    let raw_id = guid_text
        .clone()
        .or_else(|| link.clone())
        .or_else(|| {
            title
                .as_ref()
                .map(|t| format!("{t} {}", item.child_text("pubDate").unwrap_or_default()))
        })
        .unwrap_or_default();
    let mut notes = Notes {
        at,
        raw_id: raw_id.clone(),
        notices,
    };

    // Each text is gathered once: for the emptiness test and for the converter.
    let with_text = |name| {
        item.first(name)
            .map(|element| (element.line, element.text()))
            .filter(|(_, text)| !text.trim().is_empty())
    };
    let description = with_text("description");
    let encoded = with_text("content:encoded");
    if title.is_none() && description.is_none() && encoded.is_none() {
        return Err(left_out(
            at,
            raw_id,
            "an item needs a title or a description",
            item.line,
        ));
    }
    let (body, standfirst) = match (encoded, description) {
        (Some((line, encoded)), description) => (
            notes.html("content:encoded", line, &encoded),
            description
                .map(|(_, text)| plain_of_html(&text))
                .filter(|s| !s.is_empty()),
        ),
        (None, Some((line, description))) => (notes.html("description", line, &description), None),
        (None, None) => (Vec::new(), None),
    };
    let title = title.unwrap_or_else(|| fallback_title(&body, standfirst.as_deref()));

    let url = match &link {
        Some(link) => notes.url(
            "link",
            item.first("link").map_or(item.line, |l| l.line),
            link,
            UrlUse::Link,
        ),
        None => guid
            .filter(|g| g.attribute("isPermaLink") != Some("false"))
            .zip(guid_text.as_deref())
            .filter(|(_, text)| text.contains("://"))
            .and_then(|(g, text)| notes.url("guid", g.line, text, UrlUse::Link)),
    };
    let published = ["pubDate", "dc:date"].into_iter().find_map(|field| {
        let element = item.first(field)?;
        let text = element.text();
        match parse_rss_date(&text) {
            Ok(date) => Some(date),
            Err(message) => {
                notes.note(field, element.line, format!("{message}; ignored"));
                None
            }
        }
    });
    let mut byline: Vec<String> = item
        .all("dc:creator")
        .map(|c| c.text().trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    if byline.is_empty() {
        byline.extend(item.child_text("author").map(|a| author_name(&a)));
    }
    let language = match (item.child_text("dc:language"), item.attribute("xml:lang")) {
        (Some(text), _) => notes.language("dc:language", item.line, &text),
        (None, Some(text)) => notes.language("xml:lang", item.line, text),
        (None, None) => None,
    };
    let source = item.first("source").and_then(|s| {
        let name = s.text().trim().to_owned();
        (!name.is_empty()).then(|| Source {
            url: s
                .attribute("url")
                .and_then(|u| notes.url("source", s.line, u, UrlUse::Link)),
            name,
        })
    });
    let image = lead_image(item, &mut notes);
    let regions = regions(item, "domain", &mut notes);
    let mut article = Article {
        id: link_safe_id(&raw_id, taken, index),
        title,
        standfirst,
        published,
        updated: None,
        byline,
        tags: tags(item, "domain"),
        language,
        url,
        source,
        regions,
        image,
        body: Body::Blocks(body),
        reading_time: ReadingTime::default(),
    };
    apply_base(&mut article, item.base.as_deref());
    Ok(article)
}

/// RSS's `author` is an e-mail address, often with the name in brackets: `jo@x.org (Jo Bloggs)`
/// gives `Jo Bloggs`; anything else is kept as written.
fn author_name(author: &str) -> String {
    match (author.find('('), author.rfind(')')) {
        (Some(open), Some(close)) if open < close && author[..open].contains('@') => {
            author[open + 1..close].trim().to_owned()
        }
        _ => author.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::author_name;

    #[test]
    fn author_names_come_out_of_addresses() {
        assert_eq!(author_name("jo@example.org (Jo Bloggs)"), "Jo Bloggs");
        assert_eq!(author_name("Jo Bloggs"), "Jo Bloggs");
        assert_eq!(author_name("jo@example.org"), "jo@example.org");
    }
}
