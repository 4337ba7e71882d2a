//! The interface language in the browser: the browser's preferred languages, fetching a
//! catalogue from the viewer's `i18n/` folder, and plural rules and numbers through `Intl`
//! (`web/languages.js`).

use crate::i18n::{Catalogue, PluralCategory, Rules};
use std::rc::Rc;
use wasm_bindgen::prelude::wasm_bindgen;

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
