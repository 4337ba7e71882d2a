//! The HTML tokenizer: markup → start tags with attributes, end tags and text, with character
//! references decoded. Tolerant of broken markup; comments, doctypes and processing instructions
//! are skipped.

/// One piece of markup.
#[derive(Debug, PartialEq)]
pub enum Token {
    Start {
        name: String,
        attributes: Vec<(String, String)>,
        self_closing: bool,
    },
    End(String),
    Text(String),
}

/// Elements whose content is dropped with them.
pub const DROPPED: &[&str] = &[
    "script", "style", "iframe", "form", "object", "embed", "noscript", "head", "title",
    "template", "svg", "math", "canvas", "video", "audio", "select", "textarea", "button", "input",
    "frameset", "frame", "applet", "link", "meta", "base",
];
/// Elements with no content and no end tag.
pub const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];
/// Elements whose text is raw (no tags inside).
pub const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// Splits markup into tokens. Comments, doctypes and processing instructions are skipped;
/// the content of raw-text elements is kept as text (and dropped later if the element is).
pub fn tokenize(html: &str) -> Vec<Token> {
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
pub fn collapse(text: &str) -> String {
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
