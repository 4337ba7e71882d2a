//! CLDR plural categories. The rules themselves are CLDR's, never written here: natively (the
//! publish step, the tests) from ICU4X's `icu_plurals` and its CLDR data, in the browser from
//! `Intl.PluralRules` (the shell passes it in [`super::Rules`]), so the Wasm carries no table.

/// A CLDR plural category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    pub const ALL: [Self; 6] = [
        Self::Zero,
        Self::One,
        Self::Two,
        Self::Few,
        Self::Many,
        Self::Other,
    ];

    /// `zero`, `one`, `two`, `few`, `many` or `other` (as CLDR and `Intl.PluralRules` name them).
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Zero => "zero",
            Self::One => "one",
            Self::Two => "two",
            Self::Few => "few",
            Self::Many => "many",
            Self::Other => "other",
        }
    }
}

/// The category of `count` in `language` by CLDR's cardinal rules (`other` for a language CLDR
/// does not know).
#[cfg(not(target_arch = "wasm32"))]
#[must_use]
pub fn cldr_category(language: &str, count: u64) -> PluralCategory {
    use icu_plurals::{PluralCategory as Cldr, PluralRules};
    use std::cell::RefCell;
    // Making rules reads CLDR data; a page asks for the same language's hundreds of times.
    thread_local! {
        static RULES: RefCell<Vec<(String, Option<PluralRules>)>> = const { RefCell::new(Vec::new()) };
    }
    let make = || {
        let id = language
            .parse::<icu_locale_core::LanguageIdentifier>()
            .ok()?;
        PluralRules::try_new_cardinal(id.into()).ok()
    };
    let category = RULES.with_borrow_mut(|all| {
        let at = match all.iter().position(|(code, _)| code == language) {
            Some(at) => at,
            None => {
                all.push((language.to_owned(), make()));
                all.len() - 1
            }
        };
        all[at].1.as_ref().map(|rules| rules.category_for(count))
    });
    match category {
        Some(Cldr::Zero) => PluralCategory::Zero,
        Some(Cldr::One) => PluralCategory::One,
        Some(Cldr::Two) => PluralCategory::Two,
        Some(Cldr::Few) => PluralCategory::Few,
        Some(Cldr::Many) => PluralCategory::Many,
        Some(Cldr::Other) | None => PluralCategory::Other,
    }
}

/// Used in the browser only until the shell provides `Intl.PluralRules`: English's rule.
#[cfg(target_arch = "wasm32")]
#[must_use]
pub fn cldr_category(_language: &str, count: u64) -> PluralCategory {
    if count == 1 {
        PluralCategory::One
    } else {
        PluralCategory::Other
    }
}
