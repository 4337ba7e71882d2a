//! What RSS items and Atom entries share on their way to an [`Article`]: located notices
//! ([`Notes`]), HTML and plain text → blocks through the JSON Feed converter, the lead image
//! from Media RSS, enclosures and thumbnails, regions from GeoRSS and place categories, and
//! the finished article with its `xml:base` applied.

use super::tree::Element;
use crate::format::feed::{convert_html, text_blocks, title_from};
use crate::format::path::Cursor;
use crate::format::Problem;
use crate::model::{
    directory_of, Article, Block, Image, LanguageTag, MapUrls, RegionPath, SafeUrl, UrlUse,
};

/// Notices about one item, each naming the item (its number and id), the field and the line.
pub struct Notes<'n> {
    pub at: Cursor,
    pub raw_id: String,
    pub notices: &'n mut Vec<Problem>,
}

impl Notes<'_> {
    /// A notice about `field`, found on `line`.
    pub fn note(&mut self, field: &'static str, line: usize, message: impl Into<String>) {
        let mut path = self.at.field(field).to_path();
        path.insert_id(self.at.len(), self.raw_id.clone());
        self.notices.push(Problem {
            path,
            message: format!("{} (line {line})", message.into()),
        });
    }

    /// HTML → blocks; what the converter dropped becomes a notice on `field`.
    pub fn html(&mut self, field: &'static str, line: usize, html: &str) -> Vec<Block> {
        let (blocks, dropped) = convert_html(html);
        if let Some(dropped) = dropped {
            self.note(field, line, format!("left out: {dropped}"));
        }
        blocks
    }

    /// A checked URL, or a notice and nothing.
    pub fn url(
        &mut self,
        field: &'static str,
        line: usize,
        text: &str,
        usage: UrlUse,
    ) -> Option<SafeUrl> {
        match SafeUrl::parse(text.trim(), usage) {
            Ok(url) => Some(url),
            Err(message) => {
                self.note(field, line, format!("{message}; ignored"));
                None
            }
        }
    }

    /// A language tag, or a notice and nothing.
    pub fn language(
        &mut self,
        field: &'static str,
        line: usize,
        text: &str,
    ) -> Option<LanguageTag> {
        match LanguageTag::parse(text.trim()) {
            Ok(tag) => Some(tag),
            Err(message) => {
                self.note(field, line, format!("{message}; ignored"));
                None
            }
        }
    }
}

/// Why item `at` (with `raw_id`, when it has one) is left out, found on `line`.
#[must_use]
pub fn left_out(at: Cursor, raw_id: String, message: &str, line: usize) -> Problem {
    let mut problem = at.problem(format!("{message} (line {line})"));
    if !raw_id.is_empty() {
        problem.path.insert_id(at.len(), raw_id);
    }
    problem
}

/// Plain text of some HTML (an HTML title or summary): its paragraphs' text, joined.
#[must_use]
pub fn plain_of_html(html: &str) -> String {
    convert_html(html)
        .0
        .iter()
        .map(block_text)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn block_text(block: &Block) -> String {
    match block {
        Block::Paragraph(inline) | Block::Quote { text: inline, .. } => inline.plain_text(),
        Block::Heading { text, .. } | Block::PullQuote { text, .. } => text.clone(),
        Block::List { items, .. } => items
            .iter()
            .map(crate::model::Inline::plain_text)
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

/// A title for an item without one: the first words of its text, else of its summary.
#[must_use]
pub fn fallback_title(body: &[Block], summary: Option<&str>) -> String {
    let plain = body.iter().map(block_text).collect::<Vec<_>>().join(" ");
    title_from(&plain)
        .or_else(|| summary.and_then(title_from))
        .unwrap_or_else(|| "Untitled".to_owned())
}

/// Plain text → paragraphs (blank lines between them).
#[must_use]
pub fn plain_blocks(text: &str) -> Vec<Block> {
    text_blocks(text)
}

/// Whether a media element or enclosure is an image (by `medium`, `type`, or its file name).
fn is_image(element: &Element) -> bool {
    if let Some(medium) = element.attribute("medium") {
        return medium.eq_ignore_ascii_case("image");
    }
    if let Some(kind) = element.attribute("type") {
        return kind.to_ascii_lowercase().starts_with("image/");
    }
    let url = element
        .attribute("url")
        .or_else(|| element.attribute("href"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let path = url.split(['?', '#']).next().unwrap_or_default();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// The lead image: `media:content` (also inside `media:group`), then an image `enclosure` or
/// Atom `link rel="enclosure"`, then `media:thumbnail`; caption from `media:description`, credit
/// from `media:credit`, alt text from `media:title` (each from the media element, its group, or
/// the item).
pub fn lead_image(item: &Element, notes: &mut Notes<'_>) -> Option<Image> {
    let groups: Vec<&Element> = item.all("media:group").collect();
    let mut candidates: Vec<(&Element, &'static str, Option<&Element>)> = Vec::new();
    for content in item.all("media:content").filter(|c| is_image(c)) {
        candidates.push((content, "media:content", None));
    }
    for group in &groups {
        for content in group.all("media:content").filter(|c| is_image(c)) {
            candidates.push((content, "media:content", Some(group)));
        }
    }
    for enclosure in item.all("enclosure").filter(|e| is_image(e)) {
        candidates.push((enclosure, "enclosure", None));
    }
    for link in item
        .all("link")
        .filter(|l| l.attribute("rel") == Some("enclosure") && is_image(l))
    {
        candidates.push((link, "link", None));
    }
    for thumbnail in item.all("media:thumbnail") {
        candidates.push((thumbnail, "media:thumbnail", None));
    }
    for group in &groups {
        for thumbnail in group.all("media:thumbnail") {
            candidates.push((thumbnail, "media:thumbnail", Some(group)));
        }
    }
    for (element, field, group) in candidates {
        let Some(src) = element
            .attribute("url")
            .or_else(|| element.attribute("href"))
        else {
            continue;
        };
        let Some(src) = notes.url(field, element.line, src, UrlUse::Resource) else {
            continue;
        };
        let described = |name: &str| {
            element
                .child_text(name)
                .or_else(|| group.and_then(|g| g.child_text(name)))
                .or_else(|| item.child_text(name))
        };
        let dimension = |name: &str| {
            element
                .attribute(name)
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|v| *v > 0 && u64::from(*v) <= crate::format::MAX_IMAGE_SIDE)
        };
        return Some(Image {
            src,
            alt: described("media:title").unwrap_or_default(),
            caption: described("media:description"),
            credit: described("media:credit"),
            width: dimension("width"),
            height: dimension("height"),
        });
    }
    None
}

/// Whether a category scheme (RSS `domain`, Atom `scheme`) names places: its last word is
/// `region`, `place`, `geo`, `location` or `country` (or a plural).
#[must_use]
pub fn names_places(scheme: &str) -> bool {
    let last = scheme
        .trim_end_matches(['/', '#'])
        .rsplit(['/', '#', ':', '.', '?', '='])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let last = last.strip_suffix('s').unwrap_or(&last);
    let last = if last == "countrie" { "country" } else { last };
    ["region", "place", "geo", "location", "country"].contains(&last)
}

/// A region from a GeoRSS feature name: `Paris, France` (most specific first, as people write
/// places) becomes `France/Paris`; a name with slashes is already a path.
///
/// # Errors
/// When the name is not a valid region path.
pub fn feature_region(name: &str) -> Result<RegionPath, String> {
    if name.contains('/') {
        return RegionPath::parse(name);
    }
    let parts: Vec<&str> = name.split(',').map(str::trim).rev().collect();
    RegionPath::parse(&parts.join("/"))
}

/// Regions of an item: `georss:featurename`, and categories whose scheme names places.
pub fn regions(item: &Element, scheme_attribute: &str, notes: &mut Notes<'_>) -> Vec<RegionPath> {
    let mut regions = Vec::new();
    let mut add =
        |result: Result<RegionPath, String>, field, line, notes: &mut Notes<'_>| match result {
            Ok(region) if !regions.contains(&region) => regions.push(region),
            Ok(_) => {}
            Err(message) => notes.note(field, line, format!("{message}; ignored")),
        };
    for feature in item.all("georss:featurename") {
        let name = feature.text();
        if !name.trim().is_empty() {
            add(
                feature_region(name.trim()),
                "georss:featurename",
                feature.line,
                notes,
            );
        }
    }
    for category in item.all("category") {
        if category
            .attribute(scheme_attribute)
            .is_some_and(names_places)
        {
            let term = category
                .attribute("term")
                .map(str::to_owned)
                .unwrap_or_else(|| category.text().trim().to_owned());
            add(RegionPath::parse(&term), "category", category.line, notes);
        }
    }
    regions
}

/// Tags: categories that do not name places (`term` for Atom, the text for RSS).
#[must_use]
pub fn tags(item: &Element, scheme_attribute: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for category in item.all("category") {
        if category
            .attribute(scheme_attribute)
            .is_some_and(names_places)
        {
            continue;
        }
        let term = category
            .attribute("label")
            .or_else(|| category.attribute("term"))
            .map(str::to_owned)
            .unwrap_or_else(|| category.text().trim().to_owned());
        if !term.is_empty() && !tags.contains(&term) {
            tags.push(term);
        }
    }
    tags
}

/// The article's relative links read against the item's `xml:base`, where it has one (those
/// left relative are read against the feed's own URL when the viewer loads it).
pub fn apply_base(article: &mut Article, base: Option<&str>) {
    if let Some(base) = base {
        let folder = directory_of(base).to_owned();
        article.map_urls(&|url| url.relative_to(&folder));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_schemes_and_feature_names() {
        assert!(names_places("http://example.org/regions"));
        assert!(names_places("urn:news:Country"));
        assert!(names_places("https://example.org/schemes/places/"));
        assert!(!names_places("http://example.org/topics"));
        assert_eq!(
            feature_region("Kursk, Russia")
                .expect("a place")
                .to_string(),
            "Russia/Kursk"
        );
        assert_eq!(
            feature_region("Europe/France").expect("a path").to_string(),
            "Europe/France"
        );
    }
}
