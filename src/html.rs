//! HTML → typed blocks, for JSON Feed `content_html`. Nothing is ever inserted as HTML: a small
//! tolerant tokenizer reads the markup and a walker keeps only what maps to the article format:
//! `p`, `h1`–`h6`, `ul`/`ol`, `blockquote` (a `pullquote` class gives a pull quote, otherwise a
//! quote with its `<cite>`), `figure` with `img` and `figcaption` (a trailing
//! "Photograph:/Picture:/Photo: …" becomes the credit), a lone `img`, `pre`, `a` with an allowed
//! scheme, `strong`/`b`, `em`/`i` and `br`. Scripts, styles, frames, forms, embedded objects and
//! the document head are dropped with their content; event attributes are never read; any other
//! element contributes its text. What was dropped is reported for a notice.
//!
//! Why not the browser's `DOMParser`: this runs natively too (so the mapping is tested with
//! `cargo test`), needs no browser round trip per item, and costs a few kilobytes of Wasm.

use crate::model::{Block, HeadingLevel, Image, Inline, SafeUrl, Span, UrlUse};
use std::collections::BTreeSet;

/// One piece of markup.
#[derive(Debug, PartialEq)]
enum Token {
    Start {
        name: String,
        attributes: Vec<(String, String)>,
        self_closing: bool,
    },
    End(String),
    Text(String),
}

/// Elements whose content is dropped with them.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "form", "object", "embed", "noscript", "head", "title",
    "template", "svg", "math", "canvas", "video", "audio", "select", "textarea", "button", "input",
    "frameset", "frame", "applet", "link", "meta", "base",
];
/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
/// Elements whose text is raw (no tags inside).
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// Splits markup into tokens. Comments, doctypes and processing instructions are skipped;
/// the content of raw-text elements is kept as text (and dropped later if the element is).
fn tokenize(html: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            tokens.push(Token::Text(decode_entities(rest)));
            break;
        };
        if lt > 0 {
            tokens.push(Token::Text(decode_entities(&rest[..lt])));
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
            continue;
        }
        let is_end = rest.starts_with("</");
        let name_start = if is_end { 2 } else { 1 };
        let name_len = rest[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(rest.len() - name_start);
        if name_len == 0 || !rest[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            // A lone "<" is text.
            tokens.push(Token::Text("<".to_owned()));
            rest = &rest[1..];
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let (attributes, self_closing, consumed) = read_attributes(&rest[name_start + name_len..]);
        rest = &rest[name_start + name_len + consumed..];
        if is_end {
            tokens.push(Token::End(name));
            continue;
        }
        let raw = RAW_TEXT.contains(&name.as_str()) && !self_closing;
        tokens.push(Token::Start {
            name: name.clone(),
            attributes,
            self_closing,
        });
        if raw {
            let closing = format!("</{name}");
            let end = find_ascii_case_insensitive(rest, &closing).unwrap_or(rest.len());
            tokens.push(Token::Text(rest[..end].to_owned()));
            rest = &rest[end..];
        }
    }
    tokens
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Reads attributes up to the closing `>`: returns them, whether the tag ended in `/>`, and
/// how many bytes were read.
fn read_attributes(text: &str) -> (Vec<(String, String)>, bool, usize) {
    let bytes = text.as_bytes();
    let mut attributes = Vec::new();
    let mut i = 0;
    let mut self_closing = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return (attributes, self_closing, i + 1),
            b'/' => {
                self_closing = true;
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                self_closing = false;
                let start = i;
                while i < bytes.len()
                    && !matches!(bytes[i], b'=' | b'>' | b'/')
                    && !bytes[i].is_ascii_whitespace()
                {
                    i += 1;
                }
                let name = text[start..i].to_ascii_lowercase();
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                let mut value = String::new();
                if bytes.get(i) == Some(&b'=') {
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    match bytes.get(i) {
                        Some(&quote @ (b'"' | b'\'')) => {
                            let end = text[i + 1..]
                                .find(char::from(quote))
                                .map_or(text.len(), |e| i + 1 + e);
                            value = decode_entities(&text[i + 1..end]);
                            i = (end + 1).min(text.len());
                        }
                        _ => {
                            let start = i;
                            while i < bytes.len()
                                && bytes[i] != b'>'
                                && !bytes[i].is_ascii_whitespace()
                            {
                                i += 1;
                            }
                            value = decode_entities(&text[start..i]);
                        }
                    }
                }
                if !name.is_empty() {
                    attributes.push((name, value));
                }
            }
        }
    }
    (attributes, self_closing, text.len())
}

/// Decodes character references: numeric ones and the named ones feeds commonly use.
#[must_use]
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c == '&' || c.is_whitespace())
            .map(|e| e + 1);
        let decoded = end
            .filter(|&e| rest.as_bytes().get(e) == Some(&b';'))
            .and_then(|e| {
                let entity = &rest[1..e];
                let c = if let Some(number) = entity.strip_prefix('#') {
                    let value = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => number.parse().ok(),
                    };
                    value.and_then(char::from_u32).map(|c| c.to_string())
                } else {
                    named_entity(entity).map(str::to_owned)
                };
                c.map(|c| (c, e + 1))
            });
        match decoded {
            Some((c, length)) => {
                out.push_str(&c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "euro" => "€",
        "pound" => "£",
        "middot" => "·",
        "bull" => "•",
        "times" => "×",
        _ => return None,
    })
}

/// Collapses runs of whitespace to one space (HTML's rendering of source text).
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            space = true;
        } else {
            // Spaces at either end are kept (as one): they separate this text from its
            // neighbours; `trimmed` removes them at the edges of a block.
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

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

struct Walker {
    out: Converted,
    /// Inline spans being collected.
    spans: Vec<Span>,
    strong: usize,
    em: usize,
    href: Vec<Option<SafeUrl>>,
    context: Vec<Context>,
    /// Items of the list being read, and whether it is ordered.
    list: Vec<(bool, Vec<Inline>)>,
    /// An open blockquote: pull quote?, the spans read so far, the `<cite>` text.
    quote: Option<(bool, Vec<Span>, String)>,
    in_cite: bool,
    /// An open figure: its image and caption.
    figure: Option<(Option<Image>, String)>,
    pre: Option<String>,
}

/// Converts `content_html` into blocks. `base` resolves nothing: URLs are kept as written and
/// checked; relative ones are resolved later against their file, like any article's.
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
            if let Some((_, _, cite)) = &mut self.quote {
                cite.push_str(&collapse(text));
            }
            return;
        }
        if let (Some((_, caption)), Some(Context::Caption)) =
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

    fn start(&mut self, name: &str, attributes: &[(String, String)]) {
        match name {
            "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside"
            | "table" | "tr" | "dl" | "dt" | "dd" | "nav" | "address" | "details" | "summary"
            | "hr"
                if self.context.last() != Some(&Context::ListItem) && self.quote.is_none() =>
            {
                self.flush();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = if matches!(name, "h1" | "h2") {
                    HeadingLevel::Two
                } else {
                    HeadingLevel::Three
                };
                self.context.push(Context::Heading(level));
            }
            "ul" | "ol" => {
                self.flush();
                self.list.push((name == "ol", Vec::new()));
            }
            "li" => {
                self.flush_list_item();
                self.context.push(Context::ListItem);
            }
            "blockquote" => {
                self.flush();
                let pull = attribute(attributes, "class").is_some_and(|c| {
                    c.split_whitespace()
                        .any(|c| c.eq_ignore_ascii_case("pullquote"))
                });
                self.quote = Some((pull, Vec::new(), String::new()));
                self.context.push(Context::Quote);
            }
            "cite" if self.quote.is_some() => self.in_cite = true,
            "figure" => {
                self.flush();
                self.figure = Some((None, String::new()));
            }
            "figcaption" => self.context.push(Context::Caption),
            "img" => {
                let Some(src) = attribute(attributes, "src") else {
                    return;
                };
                let Ok(src) = SafeUrl::parse(src, UrlUse::Resource) else {
                    self.out
                        .dropped
                        .insert("images with a refused URL".to_owned());
                    return;
                };
                let dimension = |n: &str| {
                    attribute(attributes, n)
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .filter(|v| (1..=100_000).contains(v))
                };
                let image = Image {
                    src,
                    alt: attribute(attributes, "alt")
                        .unwrap_or_default()
                        .trim()
                        .to_owned(),
                    caption: None,
                    credit: None,
                    width: dimension("width"),
                    height: dimension("height"),
                };
                match &mut self.figure {
                    Some((slot @ None, _)) => *slot = Some(image),
                    _ => {
                        self.flush();
                        self.out.blocks.push(Block::Image(image));
                    }
                }
            }
            "pre" => {
                self.flush();
                self.pre = Some(String::new());
                self.context.push(Context::Preformatted);
            }
            "a" => {
                let href = attribute(attributes, "href").and_then(|h| {
                    match SafeUrl::parse(h, UrlUse::Link) {
                        Ok(url) => Some(url),
                        Err(_) => {
                            self.out
                                .dropped
                                .insert("links with a refused scheme".to_owned());
                            None
                        }
                    }
                });
                self.href.push(href);
            }
            "strong" | "b" => self.strong += 1,
            "em" | "i" => self.em += 1,
            "br" => {
                if let Some(pre) = &mut self.pre {
                    pre.push('\n');
                } else if !self.spans.is_empty() {
                    let (strong, em) = (self.strong > 0, self.em > 0);
                    self.spans.push(Span {
                        text: "\n".to_owned(),
                        strong,
                        em,
                        href: None,
                    });
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "aside"
            | "table" | "tr" | "dl" | "dt" | "dd" | "nav" | "address" | "details" | "summary"
            | "td" | "th" => {
                if self.context.last() != Some(&Context::ListItem) && self.quote.is_none() {
                    self.flush();
                } else if self.spans.last().is_some_and(|s| !s.text.ends_with(' ')) {
                    // Paragraphs inside a quote or list item run on with a space between them.
                    self.text(" ");
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if let Some(Context::Heading(level)) = self.context.last() {
                    let level = *level;
                    self.context.pop();
                    let text = Inline(std::mem::take(&mut self.spans))
                        .plain_text()
                        .trim()
                        .to_owned();
                    if !text.is_empty() {
                        self.out.blocks.push(Block::Heading { text, level });
                    }
                }
            }
            "li" => self.flush_list_item(),
            "ul" | "ol" => {
                self.flush_list_item();
                self.close_list();
            }
            "cite" => self.in_cite = false,
            "blockquote" => {
                if self.context.last() == Some(&Context::Quote) {
                    self.context.pop();
                }
                let spans = std::mem::take(&mut self.spans);
                if let Some((pull, mut collected, cite)) = self.quote.take() {
                    collected.extend(spans);
                    let inline = trimmed(Inline(collected));
                    let cite = cite
                        .trim()
                        .trim_start_matches(['—', '–', '-'])
                        .trim()
                        .to_owned();
                    let cite = (!cite.is_empty()).then_some(cite);
                    if !inline.plain_text().trim().is_empty() {
                        self.out.blocks.push(if pull {
                            Block::PullQuote {
                                text: inline.plain_text().trim().to_owned(),
                                attribution: cite,
                            }
                        } else {
                            Block::Quote { text: inline, cite }
                        });
                    }
                }
            }
            "figcaption" if self.context.last() == Some(&Context::Caption) => {
                self.context.pop();
            }
            "figure" => {
                self.flush();
                if let Some((image, caption)) = self.figure.take() {
                    if let Some(mut image) = image {
                        let (caption, credit) = split_credit(&caption);
                        image.caption = caption;
                        image.credit = credit;
                        self.out.blocks.push(Block::Image(image));
                    } else if !caption.trim().is_empty() {
                        self.out
                            .blocks
                            .push(Block::Paragraph(Inline::plain(caption.trim())));
                    }
                }
            }
            "pre" => {
                if let Some(pre) = self.pre.take() {
                    if self.context.last() == Some(&Context::Preformatted) {
                        self.context.pop();
                    }
                    self.push_pre(pre);
                }
            }
            "a" => {
                self.href.pop();
            }
            "strong" | "b" => self.strong = self.strong.saturating_sub(1),
            "em" | "i" => self.em = self.em.saturating_sub(1),
            _ => {}
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
            Some((_, items)) => items.push(inline),
            None => self.out.blocks.push(Block::Paragraph(inline)),
        }
    }

    fn close_list(&mut self) {
        if let Some((ordered, items)) = self.list.pop() {
            if items.is_empty() {
                return;
            }
            // A nested list becomes more items of the list around it.
            match self.list.last_mut() {
                Some((_, outer)) => outer.extend(items),
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
