//! Text helpers shared by the readers, the filters, search and the publish step: accent- and
//! case-folding for matching, link-safe slugs for ids, short lists in words
//! ([`list_in_short`]), and HTML escaping ([`escape_html_into`]).

use std::collections::{HashMap, HashSet};

/// Escapes text for an HTML text node or a quoted attribute value, appending to `out`.
pub fn escape_html_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
}

/// Escapes text for an HTML text node or a quoted attribute value.
#[must_use]
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html_into(text, &mut out);
    out
}

/// The longest slug [`link_safe_id`] makes.
pub const MAX_SLUG_LENGTH: usize = 100;

/// Lower-cases and strips Latin diacritics (`Kraków` → `krakow`, `ÎLE` → `ile`) so region
/// search ignores case and accents.
#[must_use]
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .collect()
}

/// One lower-case character without its Latin diacritic (`ó` → `o`).
#[must_use]
pub fn fold_char(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// The ids given out so far, and for each slug the next suffix to try, so that making the n-th
/// copy of one id costs the same as the first (30,000 items sharing an id were quadratic).
#[derive(Debug, Default)]
pub struct TakenIds {
    taken: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

/// Turns an item id (a sentence, a URI, a number) into a link-safe id: lower case, runs of other
/// characters as one `-`, at most 100 characters; `-2`, `-3`… keep ids unique.
#[must_use]
pub fn link_safe_id(raw: &str, taken: &mut TakenIds, position: usize) -> String {
    let mut slug = String::new();
    for c in fold(raw).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let mut slug: String = slug
        .trim_end_matches('-')
        .chars()
        .take(MAX_SLUG_LENGTH)
        .collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug = format!("item-{}", position + 1);
    }
    if taken.taken.insert(slug.clone()) {
        return slug;
    }
    let next = taken.next_suffix.entry(slug.clone()).or_insert(2);
    loop {
        let candidate = format!("{slug}-{next}");
        *next += 1;
        if taken.taken.insert(candidate.clone()) {
            return candidate;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("Kraków"), "krakow");
        assert_eq!(fold("ÎLE-DE-FRANCE"), "ile-de-france");
        assert_eq!(fold("São Paulo"), "sao paulo");
        assert_eq!(fold("Zürich"), "zurich");
    }

    #[test]
    fn ids_become_link_safe_and_unique() {
        let mut taken = TakenIds::default();
        assert_eq!(
            link_safe_id("Harbour reopens!", &mut taken, 0),
            "harbour-reopens"
        );
        assert_eq!(
            link_safe_id("harbour reopens?", &mut taken, 1),
            "harbour-reopens-2"
        );
        assert_eq!(
            link_safe_id(
                "https://example.org/news/2025/04/harbour?ref=rss#top",
                &mut taken,
                2
            ),
            "https-example-org-news-2025-04-harbour-ref-rss-top"
        );
        assert_eq!(link_safe_id("???", &mut taken, 3), "item-4");
        assert_eq!(
            link_safe_id("Île-de-France", &mut taken, 4),
            "ile-de-france"
        );
        let long = "word ".repeat(60);
        assert!(link_safe_id(&long, &mut taken, 5).len() <= 100);
    }

    #[test]
    fn thousands_of_copies_of_one_id_each_get_the_next_suffix() {
        let mut taken = TakenIds::default();
        let ids: Vec<String> = (0..30_000)
            .map(|i| link_safe_id("Same story", &mut taken, i))
            .collect();
        assert_eq!(ids[0], "same-story");
        assert_eq!(ids[1], "same-story-2");
        assert_eq!(ids[29_999], "same-story-30000");
        // A later item whose own slug is one of the suffixed ids still gets a free one.
        assert_eq!(
            link_safe_id("same story 2", &mut taken, 30_000),
            "same-story-2-2"
        );
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
    }
}
