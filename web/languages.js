// The interface language's browser side (imported by the viewer's WebAssembly glue;
// src/web/languages.rs): where a language's catalogue is, what the browser prefers, and CLDR
// plural categories and numbers through Intl. This file sits at snippets/<crate>/web/ in the
// build, so the viewer's folder (with its i18n/ catalogues) is three levels up.
const catalogues = new URL("../../../i18n/", import.meta.url);

export function catalogue_url(code) {
  return new URL(`${encodeURIComponent(code)}.txt`, catalogues).href;
}

// The browser's languages, most wanted first, separated by spaces.
export function browser_languages() {
  const all = navigator.languages?.length ? navigator.languages : [navigator.language];
  return all.filter(Boolean).join(" ");
}

// Intl formatters cost far more to make than to use: one per language.
const plurals = new Map();
const numbers = new Map();
function cached(map, make, lang) {
  if (!map.has(lang)) {
    try {
      map.set(lang, make(lang));
    } catch {
      map.set(lang, null);
    }
  }
  return map.get(lang);
}

// "one", "few", … for `count` in `lang`; "other" when Intl does not know the language.
export function plural_category(lang, count) {
  return cached(plurals, (l) => new Intl.PluralRules(l), lang)?.select(count) ?? "other";
}

// `count` written in `lang` (its digits, no grouping: "1234", "١٢٣٤").
export function format_number(lang, count) {
  return cached(numbers, (l) => new Intl.NumberFormat(l, { useGrouping: false }), lang)?.format(count)
    ?? String(count);
}

export function warn(message) {
  console.warn(message);
}
