//! CLDR plural categories. The rules themselves are CLDR's, never written here: natively (the
//! publish step, the tests) from the `intl_pluralrules` crate, in the browser from
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
    use intl_pluralrules::{PluralRuleType, PluralRules};
    let Ok(id) = language.parse::<unic_langid::LanguageIdentifier>() else {
        return PluralCategory::Other;
    };
    let Ok(rules) = PluralRules::create(id, PluralRuleType::CARDINAL) else {
        return PluralCategory::Other;
    };
    match rules.select(count) {
        Ok(intl_pluralrules::PluralCategory::ZERO) => PluralCategory::Zero,
        Ok(intl_pluralrules::PluralCategory::ONE) => PluralCategory::One,
        Ok(intl_pluralrules::PluralCategory::TWO) => PluralCategory::Two,
        Ok(intl_pluralrules::PluralCategory::FEW) => PluralCategory::Few,
        Ok(intl_pluralrules::PluralCategory::MANY) => PluralCategory::Many,
        _ => PluralCategory::Other,
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
