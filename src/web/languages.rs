//! The interface language in the browser: the browser's preferred languages, fetching a
//! catalogue from the viewer's `i18n/` folder, and plural rules and numbers through `Intl`
//! (`web/languages.js`). The XML reader's worker (built with the `xml-reader` feature, as a
//! classic script that cannot import a module) links the library without the shell, so it gets
//! the same functions without the JavaScript: no browser languages, no fetching, CLDR-free
//! English rules. Nothing in the worker calls them.

use crate::i18n::{Catalogue, PluralCategory, Rules};
use std::rc::Rc;
#[cfg(not(feature = "xml-reader"))]
use wasm_bindgen::prelude::wasm_bindgen;

#[cfg(feature = "xml-reader")]
fn catalogue_url(code: &str) -> String {
    format!("i18n/{code}.txt")
}
#[cfg(feature = "xml-reader")]
fn browser_languages() -> String {
    String::new()
}
#[cfg(feature = "xml-reader")]
fn plural_category(_lang: &str, count: f64) -> String {
    (if count == 1.0 { "one" } else { "other" }).to_owned()
}
#[cfg(feature = "xml-reader")]
fn format_number(_lang: &str, count: f64) -> String {
    count.to_string()
}
#[cfg(feature = "xml-reader")]
fn warn(_message: &str) {}

#[cfg(not(feature = "xml-reader"))]
#[wasm_bindgen(module = "/web/languages.js")]
extern "C" {
    fn catalogue_url(code: &str) -> String;
    fn browser_languages() -> String;
    fn plural_category(lang: &str, count: f64) -> String;
    fn format_number(lang: &str, count: f64) -> String;
    fn warn(message: &str);
}

/// The browser's languages, most wanted first (`navigator.languages`).
#[must_use]
pub fn preferred_languages() -> Vec<String> {
    browser_languages()
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// Fetches and reads the catalogue for `code`, or says why it could not (also in the console:
/// the interface stays in English).
///
/// # Errors
/// The file could not be fetched, or is not a catalogue (the message names its line).
pub async fn fetch_catalogue(code: &str) -> Result<Rc<Catalogue>, String> {
    let result = fetch_and_read(code).await;
    if let Err(why) = &result {
        warn(&format!(
            "article viewer: the interface stays in English: {why}"
        ));
    }
    result
}

async fn fetch_and_read(code: &str) -> Result<Rc<Catalogue>, String> {
    let url = catalogue_url(code);
    let bytes = super::fetch_bytes(&url)
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{url}: not UTF-8"))?;
    Catalogue::parse(code, &text)
        .map(Rc::new)
        .map_err(|e| e.to_string())
}

/// Plurals from `Intl.PluralRules`, numbers from `Intl.NumberFormat`.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn intl_rules() -> Rules {
    Rules {
        name: "intl",
        plural: |lang, count| {
            PluralCategory::parse(&plural_category(lang, count as f64))
                .unwrap_or(PluralCategory::Other)
        },
        number: |lang, count| format_number(lang, count as f64),
    }
}
