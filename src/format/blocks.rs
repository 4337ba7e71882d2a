//! Article bodies in format version 1: the `body` array → typed [`Block`]s, images, and inline text
//! (a string, or spans with `strong`, `em` and checked `href`). Unknown block types become
//! notices rather than errors, so a newer file still shows what this viewer understands.

use super::fields::{describe, Fields, Read};
use super::json::Json;
use super::path::Cursor;
use super::Problem;
use crate::model::{Block, HeadingLevel, Image, Inline, Span, UrlUse};

/// Reads an image object (a block, or an article's lead image).
pub(super) fn read_image(fields: &Fields<'_, '_>) -> Read<Image> {
    let src = fields
        .opt_url("src", UrlUse::Resource)?
        .ok_or_else(|| fields.problem("src", "is required"))?;
    let alt = fields
        .opt_string("alt")?
        .ok_or_else(|| {
            fields.problem(
                "alt",
                "is required (use \"\" for a purely decorative image)",
            )
        })?
        .trim()
        .to_owned();
    Ok(Image {
        src,
        alt,
        caption: fields.opt_text("caption")?,
        credit: fields.opt_text("credit")?,
        width: fields.opt_dimension("width")?,
        height: fields.opt_dimension("height")?,
    })
}

/// Unknown blocks named one notice each in one body; the rest are counted in one more notice.
pub const MAX_UNKNOWN_BLOCK_NOTICES: usize = 20;

/// Reads the blocks of the array found at `list`; unknown types become notices (at most
/// [`MAX_UNKNOWN_BLOCK_NOTICES`] and one that counts the rest, so a body of a hundred thousand
/// unknown blocks costs one short list, not a hundred thousand located messages).
///
/// # Errors
/// At the first invalid block.
pub fn read_blocks(
    list: Cursor,
    items: &[Json<'_>],
    notices: &mut Vec<Problem>,
) -> Read<Vec<Block>> {
    let mut blocks = Vec::with_capacity(items.len());
    let mut unknown_blocks = 0_usize;
    for (index, item) in items.iter().enumerate() {
        let at = list.index(index);
        let Json::Object(map) = item else {
            return Err(at.problem(format!(
                "a block must be an object with a \"type\", not {}",
                describe(item)
            )));
        };
        let fields = Fields::new(map, at);
        let kind = fields
            .opt_string("type")?
            .ok_or_else(|| fields.problem("type", "is required"))?;
        let block = match kind {
            "paragraph" => Block::Paragraph(read_inline(&fields, "text")?),
            "heading" => Block::Heading {
                text: fields.req_text("text")?,
                level: match fields.get("level") {
                    None => HeadingLevel::Two,
                    Some(level) if level.as_u64() == Some(2) => HeadingLevel::Two,
                    Some(level) if level.as_u64() == Some(3) => HeadingLevel::Three,
                    Some(other) => {
                        return Err(fields
                            .problem("level", format!("must be 2 or 3, not {}", describe(other))))
                    }
                },
            },
            "image" => Block::Image(read_image(&fields)?),
            "pullquote" => Block::PullQuote {
                text: fields.req_text("text")?,
                attribution: fields.opt_text("attribution")?,
            },
            "quote" => Block::Quote {
                text: read_inline(&fields, "text")?,
                cite: fields.opt_text("cite")?,
            },
            "list" => {
                let items = fields
                    .opt_array("items")?
                    .ok_or_else(|| fields.problem("items", "is required"))?;
                if items.is_empty() {
                    return Err(fields.problem("items", "must have at least one item"));
                }
                let list = fields.at.field("items");
                Block::List {
                    ordered: fields.opt_bool("ordered")?,
                    items: items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| read_inline_value(item, list.index(i)))
                        .collect::<Read<_>>()?,
                }
            }
            "link" => Block::Link {
                text: fields.req_text("text")?,
                url: fields
                    .opt_url("url", UrlUse::Link)?
                    .ok_or_else(|| fields.problem("url", "is required"))?,
                label: fields.opt_text("label")?,
            },
            "preformatted" => Block::Preformatted {
                text: fields
                    .opt_string("text")?
                    .filter(|t| !t.trim().is_empty())
                    .ok_or_else(|| fields.problem("text", "is required and must not be empty"))?
                    .to_owned(),
            },
            unknown => {
                unknown_blocks += 1;
                if unknown_blocks <= MAX_UNKNOWN_BLOCK_NOTICES {
                    notices.push(fields.problem(
                        "type",
                        format!("unknown block type {unknown:?} was skipped (known types: paragraph, heading, image, pullquote, quote, list, link, preformatted)"),
                    ));
                }
                continue;
            }
        };
        blocks.push(block);
    }
    if let Some(more) = unknown_blocks
        .checked_sub(MAX_UNKNOWN_BLOCK_NOTICES)
        .filter(|&m| m > 0)
    {
        notices.push(list.problem(format!(
            "{more} more blocks of unknown types were skipped, not listed"
        )));
    }
    Ok(blocks)
}

fn read_inline(fields: &Fields<'_, '_>, field: &'static str) -> Read<Inline> {
    match fields.get(field) {
        None => Err(fields.problem(field, "is required")),
        Some(value) => read_inline_value(value, fields.at.field(field)),
    }
}

/// Inline text: a string, or an array of spans (strings or `{text, strong?, em?, href?}`).
fn read_inline_value(value: &Json<'_>, at: Cursor) -> Read<Inline> {
    let inline = match value {
        Json::String(s) => Inline::plain(s),
        Json::Array(spans) => Inline(
            spans
                .iter()
                .enumerate()
                .map(|(i, span)| read_span(span, at.index(i)))
                .collect::<Read<_>>()?,
        ),
        other => {
            return Err(at.problem(format!(
                "must be a string or an array of spans, not {}",
                describe(other)
            )))
        }
    };
    if inline.plain_text().trim().is_empty() {
        return Err(at.problem("must not be empty"));
    }
    Ok(inline)
}

fn read_span(span: &Json<'_>, at: Cursor) -> Read<Span> {
    match span {
        Json::String(s) => Ok(Span {
            text: s.to_string(),
            ..Span::default()
        }),
        Json::Object(map) => {
            let fields = Fields::new(map, at);
            Ok(Span {
                text: fields
                    .opt_string("text")?
                    .ok_or_else(|| fields.problem("text", "is required"))?
                    .to_owned(),
                strong: fields.opt_bool("strong")?,
                em: fields.opt_bool("em")?,
                href: fields.opt_url("href", UrlUse::Link)?,
            })
        }
        other => Err(at.problem(format!(
            "a span must be a string or an object with \"text\", not {}",
            describe(other)
        ))),
    }
}
