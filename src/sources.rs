//! Which files a viewer may load. By default only its own site's: anyone can link to a site's
//! viewer with `?src=https://elsewhere.example/fake.json`, and without this check the viewer
//! would show that file's "news" under the site's own address. Other origins are allowed only
//! when the site lists them: `<meta name="article-viewer-sources" content="https://a.example">`
//! on the page, or a `data-sources` attribute on an embedded viewer's element. Pure: the browser
//! shell passes the page's origin and the lists in.

/// The origins a page allows besides its own (`https://a.example`, `http://127.0.0.1:8080`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllowedSources(Vec<String>);

/// The origin of an absolute `http(s)` URL, lower-cased, without a default port:
/// `https://A.example:443/x` → `https://a.example`. `None` for anything else.
#[must_use]
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // Credentials in the address (user@host) are not part of the origin.
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    if host_port.is_empty() {
        return None;
    }
    let host_port = host_port.to_ascii_lowercase();
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let host_port = host_port.strip_suffix(default_port).unwrap_or(&host_port);
    Some(format!("{scheme}://{host_port}"))
}

impl AllowedSources {
    /// A space-separated list of origins, as in the meta tag or the attribute; entries that are
    /// not `http(s)` origins are returned apart, to be reported.
    #[must_use]
    pub fn parse(list: &str) -> (Self, Vec<String>) {
        let mut allowed = Vec::new();
        let mut ignored = Vec::new();
        for entry in list.split_whitespace() {
            let path_free = entry
                .split_once("://")
                .is_some_and(|(_, rest)| !rest.trim_end_matches('/').contains(['/', '?', '#']));
            match origin_of(entry) {
                Some(origin) if path_free => allowed.push(origin),
                _ => ignored.push(entry.to_owned()),
            }
        }
        (Self(allowed), ignored)
    }

    /// Both lists together (the page's and an element's).
    #[must_use]
    pub fn with(mut self, other: &Self) -> Self {
        self.0.extend(other.0.iter().cloned());
        self
    }

    /// Whether a file may be loaded by a page at `page_origin`: relative addresses and the
    /// page's own origin always; other `http(s)` origins when listed. The error is the refused
    /// origin.
    ///
    /// # Errors
    /// The file is on another origin that is not listed.
    pub fn check(&self, src: &str, page_origin: &str) -> Result<(), String> {
        let src = src.trim();
        let absolute = if let Some(rest) = src.strip_prefix("//") {
            // Scheme-relative: the page's scheme.
            let scheme = page_origin.split("://").next().unwrap_or("https");
            format!("{scheme}://{rest}")
        } else {
            src.to_owned()
        };
        let Some(origin) = origin_of(&absolute) else {
            // Relative to the page (or not http(s) at all, which the reader refuses anyway).
            return if absolute.contains("://") {
                Err(absolute.split('/').take(3).collect::<Vec<_>>().join("/"))
            } else {
                Ok(())
            };
        };
        let own = origin_of(page_origin).unwrap_or_default();
        if origin == own || self.0.contains(&origin) {
            Ok(())
        } else {
            Err(origin)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://news.example";

    #[test]
    fn own_site_and_relative_files_load() {
        let none = AllowedSources::default();
        for src in [
            "articles.json",
            "/data/a.json",
            "../a.json",
            "https://news.example/a.json",
            "HTTPS://NEWS.example:443/a.json",
            "//news.example/a.json",
        ] {
            assert_eq!(none.check(src, PAGE), Ok(()), "{src}");
        }
    }

    #[test]
    fn other_origins_only_when_listed() {
        let none = AllowedSources::default();
        assert_eq!(
            none.check("https://attacker.example/fake.json", PAGE),
            Err("https://attacker.example".to_owned())
        );
        assert_eq!(
            none.check("https://news.example@attacker.example/x.json", PAGE),
            Err("https://attacker.example".to_owned()),
            "credentials do not make an origin"
        );
        assert_eq!(
            none.check("https://news.example.attacker.example/x.json", PAGE),
            Err("https://news.example.attacker.example".to_owned())
        );
        assert_eq!(
            none.check("http://news.example/a.json", PAGE),
            Err("http://news.example".to_owned()),
            "another scheme is another origin"
        );
        let (listed, ignored) = AllowedSources::parse(
            " https://Files.example/  http://127.0.0.1:8080 javascript:alert(1) https://x.example/path",
        );
        assert_eq!(
            ignored,
            vec!["javascript:alert(1)", "https://x.example/path"]
        );
        assert_eq!(listed.check("https://files.example/a.json", PAGE), Ok(()));
        assert_eq!(listed.check("http://127.0.0.1:8080/a.json", PAGE), Ok(()));
        assert!(listed.check("http://127.0.0.1:9090/a.json", PAGE).is_err());
        assert!(listed.check("ftp://files.example/a.json", PAGE).is_err());
    }
}
