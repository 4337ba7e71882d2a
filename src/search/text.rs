//! An article's searchable text besides its title ([`body_text`]), and a body's
//! ([`add_blocks_text`]): what the index, phrases and excerpts read.

use crate::model::{Article, Block, Body};

/// The searchable text of an article besides its title: standfirst, byline, tags, and its body
/// (when it is in the file: headings, paragraphs, quotes, lists, captions, links).
#[must_use]
pub fn body_text(article: &Article) -> String {
    let mut text = String::new();
    let mut add = |part: &str| {
        text.push_str(part);
        text.push('\n');
    };
    if let Some(standfirst) = &article.standfirst {
        add(standfirst);
    }
    for part in article.byline.iter().chain(&article.tags) {
        add(part);
    }
    if let Body::Blocks(blocks) = &article.body {
        add_blocks_text(blocks, &mut text);
    }
    text
}

/// Adds the text of body blocks (headings, paragraphs, quotes, lists, captions, links) to
/// `text`, a line each.
pub fn add_blocks_text(blocks: &[Block], text: &mut String) {
    let mut add = |part: &str| {
        text.push_str(part);
        text.push('\n');
    };
    for block in blocks {
        match block {
            Block::Paragraph(inline) | Block::Quote { text: inline, .. } => {
                add(&inline.plain_text());
            }
            Block::Heading { text, .. }
            | Block::Link { text, .. }
            | Block::Preformatted { text }
            | Block::PullQuote { text, .. } => add(text),
            Block::Image(image) => add(image.caption.as_deref().unwrap_or_default()),
            Block::List { items, .. } => {
                for item in items {
                    add(&item.plain_text());
                }
            }
        }
    }
}
