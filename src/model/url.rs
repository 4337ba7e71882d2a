//! Checked URLs: which schemes are allowed where, how a relative URL follows its file, and
//! [`MapUrls`], which rewrites every URL inside a value.

use super::{Article, Block, Body, Image, Inline};

/// Where a URL may be used: links may also be `mailto:`; images and data files may not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    Link,
    Resource,
}

/// A URL whose scheme is allowed (`http`, `https`, `mailto` for links) or that is relative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeUrl(String);

impl SafeUrl {
    /// Checks a URL the way a browser would read it: surrounding whitespace and control
    /// characters are stripped and tabs and newlines inside are ignored before the scheme is
    /// read, so `" jav\tascript:"` is caught as `javascript:`.
    ///
    /// # Errors
    /// Names the refused scheme, or says why the URL is unusable.
    pub fn parse(text: &str, usage: UrlUse) -> Result<Self, String> {
        let cleaned: String = text
            .trim_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        if cleaned.is_empty() {
            return Err("a URL cannot be empty".to_owned());
        }
        if cleaned.chars().any(|c| c.is_control()) {
            return Err("a URL cannot contain control characters".to_owned());
        }
        match scheme_of(&cleaned) {
            None => Ok(Self(cleaned)),
            Some(scheme) => match (scheme.as_str(), usage) {
                ("http" | "https", _) | ("mailto", UrlUse::Link) => Ok(Self(cleaned)),
                ("mailto", UrlUse::Resource) => {
                    Err("mailto: URLs are only allowed for links".to_owned())
                }
                _ => Err(format!(
                    "{scheme}: URLs are not allowed (use http, https{} or a relative URL)",
                    if usage == UrlUse::Link {
                        ", mailto"
                    } else {
                        ""
                    }
                )),
            },
        }
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Resolves a relative path against the folder `base_dir` (which ends in `/`, or is empty
    /// for the page's own folder). A root path (`/images/a.svg`) in a file from another site
    /// (`base_dir` is absolute) means that site's root, never the viewer's own, so no request
    /// goes to the viewer's site on a file's behalf. Absolute URLs, `//host` URLs, `?query` and
    /// `#fragment` links, and root paths in the page's own files stay as they are.
    #[must_use]
    pub fn relative_to(&self, base_dir: &str) -> Self {
        Self(resolve_against(&self.0, base_dir))
    }

    /// The inverse of [`SafeUrl::relative_to`] for a relative `base_dir` (`../../`): the URL
    /// as it was before. Exact: a URL that rule prefixed lost nothing, and one it kept
    /// (absolute, a root path, `?query`, `#fragment`) never starts with a relative folder.
    #[must_use]
    pub fn unresolved_from(&self, base_dir: &str) -> Self {
        let prefixed = !base_dir.is_empty() && origin_of(base_dir).is_none();
        match self.0.strip_prefix(base_dir).filter(|_| prefixed) {
            Some(rest) if resolve_against(rest, base_dir) == self.0 => Self(rest.to_owned()),
            _ => self.clone(),
        }
    }
}

/// The rule of [`SafeUrl::relative_to`] for any URL text (a checked URL, or a `src` resolved
/// against a published site's root).
#[must_use]
pub fn resolve_against(url: &str, base_dir: &str) -> String {
    let root_path = url.starts_with('/') && !url.starts_with("//");
    if let (true, Some(origin)) = (root_path, origin_of(base_dir)) {
        return joined(origin, url);
    }
    let keep = base_dir.is_empty() || scheme_of(url).is_some() || url.starts_with(['/', '?', '#']);
    if keep {
        url.to_owned()
    } else {
        joined(base_dir, url)
    }
}

/// `head` then `tail`, in one allocation (a collection's every URL is resolved as it loads;
/// `format!`'s machinery was half of that in a profile of loading 100,000 articles).
fn joined(head: &str, tail: &str) -> String {
    let mut out = String::with_capacity(head.len() + tail.len());
    out.push_str(head);
    out.push_str(tail);
    out
}

/// `https://x.org` for `https://x.org/a/`; `None` for a relative folder.
fn origin_of(url: &str) -> Option<&str> {
    scheme_of(url)?;
    let after_scheme = url.find("://")? + 3;
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |slash| after_scheme + slash);
    Some(&url[..end])
}

/// The folder part of a file's URL, `/` included: `data/2025.json` → `data/`,
/// `https://x.org/a/b.json?v=2` → `https://x.org/a/`, `articles.json` → ``.
#[must_use]
pub fn directory_of(file_url: &str) -> &str {
    let path_end = file_url.find(['?', '#']).unwrap_or(file_url.len());
    let path = &file_url[..path_end];
    path.rfind('/').map_or("", |slash| &path[..=slash])
}

/// Rewrites every URL inside a value (used to resolve relative URLs against their file).
pub trait MapUrls {
    fn map_urls(&mut self, f: &dyn Fn(&SafeUrl) -> SafeUrl);
}

fn map_option(url: &mut Option<SafeUrl>, f: &dyn Fn(&SafeUrl) -> SafeUrl) {
    if let Some(url) = url {
        *url = f(url);
    }
}

impl MapUrls for Image {
    fn map_urls(&mut self, f: &dyn Fn(&SafeUrl) -> SafeUrl) {
        self.src = f(&self.src);
    }
}

impl MapUrls for Inline {
    fn map_urls(&mut self, f: &dyn Fn(&SafeUrl) -> SafeUrl) {
        for span in &mut self.0 {
            map_option(&mut span.href, f);
        }
    }
}

impl MapUrls for Block {
    fn map_urls(&mut self, f: &dyn Fn(&SafeUrl) -> SafeUrl) {
        match self {
            Block::Paragraph(inline) | Block::Quote { text: inline, .. } => inline.map_urls(f),
            Block::Image(image) => image.map_urls(f),
            Block::List { items, .. } => items.iter_mut().for_each(|item| item.map_urls(f)),
            Block::Link { url, .. } => *url = f(url),
            Block::Heading { .. } | Block::PullQuote { .. } | Block::Preformatted { .. } => {}
        }
    }
}

impl MapUrls for Vec<Block> {
    fn map_urls(&mut self, f: &dyn Fn(&SafeUrl) -> SafeUrl) {
        self.iter_mut().for_each(|block| block.map_urls(f));
    }
}

impl MapUrls for Article {
    fn map_urls(&mut self, f: &dyn Fn(&SafeUrl) -> SafeUrl) {
        map_option(&mut self.url, f);
        if let Some(source) = &mut self.source {
            map_option(&mut source.url, f);
        }
        if let Some(image) = &mut self.image {
            image.map_urls(f);
        }
        match &mut self.body {
            Body::Blocks(blocks) => blocks.map_urls(f),
            Body::Remote(url) => *url = f(url),
        }
    }
}

/// The scheme of an absolute URL, lower-cased; `None` for a relative one.
fn scheme_of(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    // A colon after a path, query or fragment character does not start a scheme.
    let mut chars = candidate.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then(|| candidate.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disguised_schemes_are_caught() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "  javascript:alert(1)",
            "jav\tascript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:msgbox",
        ] {
            assert!(
                SafeUrl::parse(bad, UrlUse::Link).is_err(),
                "{bad:?} was accepted"
            );
        }
    }

    #[test]
    fn allowed_urls() {
        for good in [
            "https://example.com/a?b=c:d",
            "http://x",
            "images/a.svg",
            "/a/b",
            "./a:b",
            "?article=x",
            "#top",
            "//cdn.example/x.png",
        ] {
            assert!(
                SafeUrl::parse(good, UrlUse::Resource).is_ok(),
                "{good:?} was refused"
            );
        }
        assert!(SafeUrl::parse("mailto:a@b.c", UrlUse::Link).is_ok());
        assert!(SafeUrl::parse("mailto:a@b.c", UrlUse::Resource).is_err());
    }

    #[test]
    fn relative_urls_follow_their_file() {
        assert_eq!(directory_of("articles.json"), "");
        assert_eq!(directory_of("data/2025.json"), "data/");
        assert_eq!(
            directory_of("https://x.org/a/b.json?v=1/2"),
            "https://x.org/a/"
        );
        let url = |s| SafeUrl::parse(s, UrlUse::Link).map(|u| u.relative_to("data/").0);
        assert_eq!(url("images/a.svg").as_deref(), Ok("data/images/a.svg"));
        let from_another_site = |s| {
            SafeUrl::parse(s, UrlUse::Link)
                .map(|u| u.relative_to("https://news.example/archive/").0)
        };
        assert_eq!(
            from_another_site("/images/a.svg").as_deref(),
            Ok("https://news.example/images/a.svg"),
            "a root path means the file's site"
        );
        assert_eq!(
            from_another_site("images/a.svg").as_deref(),
            Ok("https://news.example/archive/images/a.svg")
        );
        for kept in ["//cdn.x/a", "?article=x", "#top", "https://other.example/a"] {
            assert_eq!(from_another_site(kept).as_deref(), Ok(kept));
        }
        for kept in [
            "/images/a.svg",
            "https://x.org/a",
            "mailto:a@b.c",
            "#top",
            "?article=x",
            "//cdn.x/a",
        ] {
            assert_eq!(url(kept).as_deref(), Ok(kept));
        }
    }
}
