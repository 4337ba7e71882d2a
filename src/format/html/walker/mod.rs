//! The walker: HTML tokens → typed blocks. It keeps only what maps to the article format and
//! records what it dropped; see the [module docs](super) for the mapping. This file holds the
//! walker's state, text handling and block flushing; `elements.rs` what each start and end tag
//! does.

mod elements;

use super::tokenizer::{collapse, tokenize, Token, DROPPED, VOID};
use crate::model::{Block, HeadingLevel, Image, Inline, SafeUrl, Span, UrlUse};
use std::collections::BTreeSet;

/// What came out of some HTML: the blocks, and what had to be dropped (element names and
/// refused link schemes), for a notice.
#[derive(Debug, Default, PartialEq)]
pub struct Converted {
    pub blocks: Vec<Block>,
    pub dropped: BTreeSet<String>,
}

/// Where the inline text being collected will go.
#[derive(Debug, PartialEq)]
enum Context {
    Heading(HeadingLevel),
    ListItem,
    Quote,
    Caption,
    Preformatted,
}

/// A `<ul>` or `<ol>` being read.
struct OpenList {
    ordered: bool,
    items: Vec<Inline>,
}

/// A `<blockquote>` being read.
struct OpenQuote {
    /// Whether it has the `pullquote` class.
    pull: bool,
    spans: Vec<Span>,
    /// The text of its `<cite>`.
    cite: String,
}

/// A `<figure>` being read: its image (once found) and caption text.
struct OpenFigure {
    image: Option<Image>,
    caption: String,
}

struct Walker {
    out: Converted,
    /// Inline spans being collected.
    spans: Vec<Span>,
    strong: usize,
    em: usize,
    href: Vec<Option<SafeUrl>>,
    context: Vec<Context>,
    /// The lists being read, innermost last.
    list: Vec<OpenList>,
    quote: Option<OpenQuote>,
    in_cite: bool,
    figure: Option<OpenFigure>,
    pre: Option<String>,
}

/// Converts `content_html` into blocks. URLs are kept as written and checked; relative ones are
/// resolved later against their file, like any article's.
#[must_use]
pub fn to_blocks(html: &str) -> Converted {
    let mut walker = Walker {
        out: Converted::default(),
        spans: Vec::new(),
        strong: 0,
        em: 0,
        href: Vec::new(),
        context: Vec::new(),
        list: Vec::new(),
        quote: None,
        in_cite: false,
        figure: None,
        pre: None,
    };
    let tokens = tokenize(html);
    let mut skip_until: Option<(String, usize)> = None;
    for token in tokens {
        if let Some((name, depth)) = &mut skip_until {
            match &token {
                Token::Start {
                    name: n,
                    self_closing: false,
                    ..
                } if n == name && !VOID.contains(&n.as_str()) => *depth += 1,
                Token::End(n) if n == name => {
                    *depth -= 1;
                    if *depth == 0 {
                        skip_until = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match token {
            Token::Text(text) => walker.text(&text),
            Token::Start {
                name,
                attributes,
                self_closing,
            } => {
                if DROPPED.contains(&name.as_str()) {
                    walker.out.dropped.insert(name.clone());
                    if !self_closing && !VOID.contains(&name.as_str()) {
                        skip_until = Some((name, 1));
                    }
                    continue;
                }
                if attributes.iter().any(|(k, _)| k.starts_with("on")) {
                    walker.out.dropped.insert("event attributes".to_owned());
                    // An image carrying a handler is an attack, not a picture.
                    if name == "img" {
                        continue;
                    }
                }
                walker.start(&name, &attributes);
                if self_closing && !VOID.contains(&name.as_str()) {
                    walker.end(&name);
                }
            }
            Token::End(name) => walker.end(&name),
        }
    }
    walker.flush();
    if let Some(pre) = walker.pre.take() {
        walker.push_pre(pre);
    }
    walker.close_list_all();
    walker.out
}

fn attribute<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Splits a trailing "Photograph: X" / "Picture: X" / "Photo: X" credit off a caption.
#[must_use]
pub fn split_credit(caption: &str) -> (Option<String>, Option<String>) {
    let caption = caption.trim();
    for marker in ["Photograph:", "Picture:", "Photo:"] {
        if let Some(at) = caption.rfind(marker) {
            let credit = caption[at + marker.len()..]
                .trim()
                .trim_end_matches('.')
                .trim();
            let before = caption[..at]
                .trim()
                .trim_end_matches(['.', ',', ';', '|', '-', '–', '—'])
                .trim();
            if !credit.is_empty() {
                let text = if before.is_empty() {
                    None
                } else {
                    Some(before.to_owned())
                };
                return (text, Some(credit.to_owned()));
            }
        }
    }
    ((!caption.is_empty()).then(|| caption.to_owned()), None)
}

impl Walker {
    fn text(&mut self, text: &str) {
        if let Some(pre) = &mut self.pre {
            pre.push_str(text);
            return;
        }
        if self.in_cite {
            if let Some(OpenQuote { cite, .. }) = &mut self.quote {
                cite.push_str(&collapse(text));
            }
            return;
        }
        if let (Some(OpenFigure { caption, .. }), Some(Context::Caption)) =
            (&mut self.figure, self.context.last())
        {
            caption.push_str(&collapse(text));
            return;
        }
        let text = collapse(text);
        if text.is_empty() || (text == " " && self.spans.is_empty()) {
            return;
        }
        let href = self.href.last().cloned().flatten();
        let (strong, em) = (self.strong > 0, self.em > 0);
        match self.spans.last_mut() {
            Some(last) if last.strong == strong && last.em == em && last.href == href => {
                last.text.push_str(&text)
            }
            _ => self.spans.push(Span {
                text,
                strong,
                em,
                href,
            }),
        }
    }

    fn push_pre(&mut self, text: String) {
        let text = text.trim_matches('\n').to_owned();
        if !text.trim().is_empty() {
            self.out.blocks.push(Block::Preformatted { text });
        }
    }

    /// Ends the paragraph being collected (or adds to the open quote or list item).
    fn flush(&mut self) {
        if self.spans.is_empty() {
            return;
        }
        if self.quote.is_some() {
            return;
        }
        if !self.list.is_empty() {
            self.flush_list_item();
            return;
        }
        let inline = trimmed(Inline(std::mem::take(&mut self.spans)));
        if !inline.plain_text().trim().is_empty() {
            self.out.blocks.push(Block::Paragraph(inline));
        }
    }

    fn flush_list_item(&mut self) {
        if self.context.last() == Some(&Context::ListItem) {
            self.context.pop();
        }
        let inline = trimmed(Inline(std::mem::take(&mut self.spans)));
        if inline.plain_text().trim().is_empty() {
            return;
        }
        match self.list.last_mut() {
            Some(list) => list.items.push(inline),
            None => self.out.blocks.push(Block::Paragraph(inline)),
        }
    }

    fn close_list(&mut self) {
        if let Some(OpenList { ordered, items }) = self.list.pop() {
            if items.is_empty() {
                return;
            }
            // A nested list becomes more items of the list around it.
            match self.list.last_mut() {
                Some(outer) => outer.items.extend(items),
                None => self.out.blocks.push(Block::List { ordered, items }),
            }
        }
    }

    fn close_list_all(&mut self) {
        while !self.list.is_empty() {
            self.close_list();
        }
    }
}

/// Removes leading and trailing spaces (and line breaks) from a run of spans.
fn trimmed(mut inline: Inline) -> Inline {
    while inline.0.first().is_some_and(|s| s.text.trim().is_empty()) {
        inline.0.remove(0);
    }
    while inline.0.last().is_some_and(|s| s.text.trim().is_empty()) {
        inline.0.pop();
    }
    if let Some(first) = inline.0.first_mut() {
        first.text = first.text.trim_start().to_owned();
    }
    if let Some(last) = inline.0.last_mut() {
        last.text = last.text.trim_end().to_owned();
    }
    inline
}

#[cfg(test)]
mod tests {
    use super::super::decode_entities;
    use super::*;

    #[test]
    fn an_unclosed_raw_text_element_at_the_end_is_not_a_panic() {
        // Found by cargo fuzz: "<script>" near the end, shorter than its closing tag.
        assert!(to_blocks("<p>a</p><style>x").blocks.len() == 1);
        assert!(to_blocks("<script>").blocks.is_empty());
        assert!(to_blocks("<title>ab").blocks.is_empty());
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &lt;i&gt; &#233;&#x20AC; &bogus; &"),
            "a & b <i> é€ &bogus; &"
        );
    }

    #[test]
    fn credits() {
        assert_eq!(
            split_credit("A harbour. Photograph: Jane Doe"),
            (Some("A harbour".into()), Some("Jane Doe".into()))
        );
        assert_eq!(
            split_credit("Crowds. Picture: Getty."),
            (Some("Crowds".into()), Some("Getty".into()))
        );
        assert_eq!(
            split_credit("Photo: Sample Agency"),
            (None, Some("Sample Agency".into()))
        );
        assert_eq!(
            split_credit("Just a caption"),
            (Some("Just a caption".into()), None)
        );
    }
}
