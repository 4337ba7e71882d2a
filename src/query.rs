//! The view's state as URL query parameters, parsed and printed without browser APIs so the
//! round trip is tested natively:
//! `?src=…&region=Europe/Russia&region=Europe/Ukraine&from=2025-04-01&to=2025-04-30&sort=oldest&article=ID`.

use crate::date::CivilDate;
use crate::filter::{Choices, Facet, Filter, RegionChoice, SortOrder};

/// The file loaded when no `src` parameter is given.
pub const DEFAULT_SOURCE: &str = "articles.json";
/// Most `region` values a link may choose; the rest are ignored with one notice. A reader picks
/// a handful; a crafted link with 10,000 once froze the tab.
pub const MAX_URL_REGIONS: usize = 50;
/// Most parameters read from one query string; the rest are ignored with one notice.
pub const MAX_URL_PARAMETERS: usize = 200;
/// Longest parameter value read, in characters (a region path at its limits is under 6,500).
pub const MAX_URL_VALUE_CHARS: usize = 8_000;
/// Longest search read, in characters; the rest is cut with a notice.
pub const MAX_SEARCH_CHARS: usize = 200;

/// A value as it appears in a notice: cut to 60 characters.
fn shown(value: &str) -> String {
    if value.chars().count() <= 60 {
        value.to_owned()
    } else {
        format!("{}…", value.chars().take(60).collect::<String>())
    }
}

/// What the URL says to show.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Query {
    /// The file to load; `None` means [`DEFAULT_SOURCE`].
    pub src: Option<String>,
    /// The article to open; `None` shows the list.
    pub article: Option<String>,
    /// Selected regions, in the order given, without repeats.
    pub regions: Vec<RegionChoice>,
    /// Inclusive date range.
    pub from: Option<CivilDate>,
    pub to: Option<CivilDate>,
    pub sort: SortOrder,
    /// Words to search for (`q`); `None` shows every article.
    pub q: Option<String>,
    /// Chosen tags, authors and sources (`tag`, `author`, `source`), in the order given.
    pub facets: Choices,
    /// Parameters that were ignored or changed, each explained (shown as a notice).
    pub ignored: Vec<String>,
}

impl Query {
    /// Reads a query string, with or without its leading `?`. Unknown parameters are ignored;
    /// empty values count as absent.
    #[must_use]
    pub fn parse(search: &str) -> Self {
        let mut query = Self::default();
        let mut sort = None;
        let (mut extra_parameters, mut extra_regions, mut extra_facet_values) = (0, 0, 0_usize);
        for (position, (key, value)) in pairs(search).enumerate() {
            if value.is_empty() {
                continue;
            }
            if position >= MAX_URL_PARAMETERS {
                extra_parameters += 1;
                continue;
            }
            if value.chars().count() > MAX_URL_VALUE_CHARS {
                query.ignored.push(format!(
                    "{key}={} was ignored: a value can be at most {MAX_URL_VALUE_CHARS} characters",
                    shown(&value)
                ));
                continue;
            }
            let facet = Facet::ALL.into_iter().find(|f| f.param() == key);
            let chosen = match facet {
                Some(facet) => query.facets.of(facet).len(),
                None if key == "region" => query.regions.len(),
                None => 0,
            };
            if chosen >= MAX_URL_REGIONS {
                match facet {
                    Some(_) => extra_facet_values += 1,
                    None => extra_regions += 1,
                }
                continue;
            }
            if let Some(facet) = facet {
                query.facets.add(facet, value.trim());
                continue;
            }
            match key.as_str() {
                "src" => query.src = Some(value),
                "article" => query.article = Some(value),
                "region" => match RegionChoice::parse(&value) {
                    Ok(choice) if !query.regions.contains(&choice) => query.regions.push(choice),
                    Ok(_) => {}
                    Err(reason) => query
                        .ignored
                        .push(format!("region={} was ignored: {reason}", shown(&value))),
                },
                "from" | "to" => match CivilDate::parse(&value) {
                    Ok(date) if key == "from" => query.from = Some(date),
                    Ok(date) => query.to = Some(date),
                    Err(reason) => query
                        .ignored
                        .push(format!("{key}={} was ignored: {reason}", shown(&value))),
                },
                "sort" => match value.as_str() {
                    "newest" => sort = Some(SortOrder::NewestFirst),
                    "oldest" => sort = Some(SortOrder::OldestFirst),
                    "best" => sort = Some(SortOrder::BestMatch),
                    _ => query.ignored.push(format!(
                        "sort={} was ignored: use sort=newest, sort=oldest or sort=best",
                        shown(&value)
                    )),
                },
                "q" if !value.trim().is_empty() => {
                    if value.chars().count() > MAX_SEARCH_CHARS {
                        query.ignored.push(format!(
                            "q was cut to its first {MAX_SEARCH_CHARS} characters"
                        ));
                    }
                    query.q = Some(value.chars().take(MAX_SEARCH_CHARS).collect());
                }
                _ => {}
            }
        }
        // A search lists the best matches first unless an order is asked for.
        query.sort = sort.unwrap_or(if query.q.is_some() {
            SortOrder::BestMatch
        } else {
            SortOrder::NewestFirst
        });
        if extra_regions > 0 {
            query.ignored.push(format!(
                "{extra_regions} more region values were ignored: a link can choose at most {MAX_URL_REGIONS} regions"
            ));
        }
        if extra_facet_values > 0 {
            query.ignored.push(format!(
                "{extra_facet_values} more tag, author or source values were ignored: a link can choose at most {MAX_URL_REGIONS} of each"
            ));
        }
        if extra_parameters > 0 {
            query.ignored.push(format!(
                "{extra_parameters} more parameters were ignored: a link is read up to its first {MAX_URL_PARAMETERS}"
            ));
        }
        if let (Some(from), Some(to)) = (query.from, query.to) {
            if from > to {
                query.from = Some(to);
                query.to = Some(from);
                query.ignored.push(format!(
                    "from={from} was after to={to}, so the two dates were swapped"
                ));
            }
        }
        query
    }

    /// The filter this query asks for.
    #[must_use]
    pub fn filter(&self) -> Filter {
        Filter {
            regions: self.regions.clone(),
            from: self.from,
            to: self.to,
            facets: self.facets.clone(),
        }
    }

    /// The same view with another filter (and the list shown, notices cleared).
    #[must_use]
    pub fn with_filter(&self, filter: Filter) -> Self {
        Self {
            regions: filter.regions,
            from: filter.from,
            to: filter.to,
            facets: filter.facets,
            article: None,
            ignored: Vec::new(),
            ..self.clone()
        }
    }

    /// The same view searching for `q` (blank: no search), best matches first, the list shown.
    #[must_use]
    pub fn with_search(&self, q: &str) -> Self {
        let q = q.trim_start();
        let q = (!q.trim().is_empty()).then(|| q.chars().take(MAX_SEARCH_CHARS).collect());
        Self {
            sort: if q.is_some() {
                SortOrder::BestMatch
            } else {
                SortOrder::NewestFirst
            },
            q,
            article: None,
            ignored: Vec::new(),
            ..self.clone()
        }
    }

    /// The search asked for, read ([`SearchQuery::parse`]); `None` without one.
    #[must_use]
    pub fn search_query(&self) -> Option<crate::search::SearchQuery> {
        self.q.as_deref().map(crate::search::SearchQuery::parse)
    }

    /// The same view in another order.
    #[must_use]
    pub fn with_sort(&self, sort: SortOrder) -> Self {
        Self {
            sort,
            article: None,
            ignored: Vec::new(),
            ..self.clone()
        }
    }

    /// The file to load.
    #[must_use]
    pub fn source(&self) -> &str {
        self.src.as_deref().unwrap_or(DEFAULT_SOURCE)
    }

    /// The query string for this state, `?` included, or `""` when there is nothing to say.
    #[must_use]
    pub fn to_search(&self) -> String {
        let mut parts = Vec::new();
        if let Some(src) = &self.src {
            parts.push(format!("src={}", encode(src)));
        }
        for region in &self.regions {
            parts.push(format!("region={}", encode(&region.to_param())));
        }
        for facet in Facet::ALL {
            for value in self.facets.of(facet) {
                parts.push(format!("{}={}", facet.param(), encode(value)));
            }
        }
        if let Some(from) = self.from {
            parts.push(format!("from={from}"));
        }
        if let Some(to) = self.to {
            parts.push(format!("to={to}"));
        }
        if let Some(q) = &self.q {
            parts.push(format!("q={}", encode(q)));
        }
        match (self.sort, self.q.is_some()) {
            (SortOrder::OldestFirst, _) => parts.push("sort=oldest".to_owned()),
            (SortOrder::NewestFirst, true) => parts.push("sort=newest".to_owned()),
            (SortOrder::BestMatch, false) => parts.push("sort=best".to_owned()),
            _ => {}
        }
        if let Some(article) = &self.article {
            parts.push(format!("article={}", encode(article)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The same state showing another article (or the list, with `None`).
    #[must_use]
    pub fn with_article(&self, article: Option<&str>) -> Self {
        Self {
            article: article.map(str::to_owned),
            ignored: Vec::new(),
            ..self.clone()
        }
    }
}

/// Splits a query string into decoded key/value pairs.
fn pairs(search: &str) -> impl Iterator<Item = (String, String)> + '_ {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            (decode(key), decode(value))
        })
}

/// Percent-decodes a query component (`+` is a space); invalid escapes are kept as written.
#[must_use]
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    out.push(byte);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query component, keeping `/` and `:` readable.
#[must_use]
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/' | b':') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let query = Query {
            src: Some("data/news feed.json?x=1&y=2".to_owned()),
            article: Some("kursk-1".to_owned()),
            ..Query::default()
        };
        assert_eq!(Query::parse(&query.to_search()), query);
        assert_eq!(Query::default().to_search(), "");
        let searching = Query::parse("?q=flood%20barrier");
        assert_eq!(searching.q.as_deref(), Some("flood barrier"));
        assert_eq!(
            searching.sort,
            SortOrder::BestMatch,
            "a search lists best matches first"
        );
        assert_eq!(Query::parse(&searching.to_search()), searching);
        let by_date = Query::parse("?q=flood&sort=newest");
        assert_eq!(by_date.sort, SortOrder::NewestFirst);
        assert_eq!(Query::parse(&by_date.to_search()), by_date);
        assert_eq!(Query::default().with_search("  ").q, None);
        let long = Query::parse(&format!("?q={}", "a".repeat(500)));
        assert_eq!(long.q.map(|q| q.len()), Some(MAX_SEARCH_CHARS));
        assert_eq!(long.ignored.len(), 1);
    }

    #[test]
    fn decoding() {
        assert_eq!(decode("a+b%2Fc%zz%C3%A9"), "a b/c%zzé");
        let query = Query::parse("?src=&article=x&unknown=1");
        assert_eq!(query.src, None);
        assert_eq!(query.article.as_deref(), Some("x"));
        assert_eq!(query.source(), DEFAULT_SOURCE);
    }
}
