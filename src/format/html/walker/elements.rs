//! What each HTML start and end tag does to the [`Walker`]'s state: open and close paragraphs,
//! headings, lists, quotes, figures and links, and drop what has no place in the format.

use super::*;

impl Walker {
    pub(super) fn start(&mut self, name: &str, attributes: &[(String, String)]) {
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
                self.list.push(OpenList {
                    ordered: name == "ol",
                    items: Vec::new(),
                });
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
                self.quote = Some(OpenQuote {
                    pull,
                    spans: Vec::new(),
                    cite: String::new(),
                });
                self.context.push(Context::Quote);
            }
            "cite" if self.quote.is_some() => self.in_cite = true,
            "figure" => {
                self.flush();
                self.figure = Some(OpenFigure {
                    image: None,
                    caption: String::new(),
                });
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
                    Some(OpenFigure {
                        image: slot @ None, ..
                    }) => *slot = Some(image),
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

    pub(super) fn end(&mut self, name: &str) {
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
                if let Some(OpenQuote {
                    pull,
                    spans: mut collected,
                    cite,
                }) = self.quote.take()
                {
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
                if let Some(OpenFigure { image, caption }) = self.figure.take() {
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
}
