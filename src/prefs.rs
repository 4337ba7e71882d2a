//! Reading preferences: text size, theme, column width, typeface and interface language. Stored
//! in local storage as a short string (`size=3;theme=dark;width=wide;font=sans;lang=fr`) and applied as `data-*` attributes
//! that the stylesheets read. `web/prefs.js` applies the same string before the first paint.

/// Text sizes, as `--av-text-size` values in rem (index 2 is the default).
pub const TEXT_SIZES: [f32; 7] = [0.875, 1.0, 1.125, 1.25, 1.375, 1.5, 1.75];
/// The step used when nothing is stored.
pub const DEFAULT_TEXT_SIZE: usize = 2;
/// The local storage key (shared with `web/prefs.js`).
pub const STORAGE_KEY: &str = "article-viewer:prefs";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
    Sepia,
    HighContrast,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Width {
    Narrow,
    #[default]
    Standard,
    Wide,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Font {
    #[default]
    Serif,
    Sans,
}

/// One choice of a setting: its stored value and the key of its name in the interface catalogue.
pub trait Choice: Copy + PartialEq + Default + 'static {
    const ALL: &'static [Self];
    fn value(self) -> &'static str;
    fn message(self) -> &'static str;
    fn parse(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.value() == value)
    }
}

impl Choice for Theme {
    const ALL: &'static [Self] = &[
        Self::System,
        Self::Light,
        Self::Dark,
        Self::Sepia,
        Self::HighContrast,
    ];
    fn value(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
            Self::Sepia => "sepia",
            Self::HighContrast => "contrast",
        }
    }
    fn message(self) -> &'static str {
        match self {
            Self::System => "theme-system",
            Self::Light => "theme-light",
            Self::Dark => "theme-dark",
            Self::Sepia => "theme-sepia",
            Self::HighContrast => "theme-contrast",
        }
    }
}

impl Choice for Width {
    const ALL: &'static [Self] = &[Self::Narrow, Self::Standard, Self::Wide];
    fn value(self) -> &'static str {
        match self {
            Self::Narrow => "narrow",
            Self::Standard => "standard",
            Self::Wide => "wide",
        }
    }
    fn message(self) -> &'static str {
        match self {
            Self::Narrow => "width-narrow",
            Self::Standard => "width-standard",
            Self::Wide => "width-wide",
        }
    }
}

impl Choice for Font {
    const ALL: &'static [Self] = &[Self::Serif, Self::Sans];
    fn value(self) -> &'static str {
        match self {
            Self::Serif => "serif",
            Self::Sans => "sans",
        }
    }
    fn message(self) -> &'static str {
        match self {
            Self::Serif => "font-serif",
            Self::Sans => "font-sans",
        }
    }
}

/// The reader's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preferences {
    /// Index into [`TEXT_SIZES`].
    pub text_size: usize,
    pub theme: Theme,
    pub width: Width,
    pub font: Font,
    /// The interface language the reader chose (a code from [`crate::i18n::LANGUAGES`]), or
    /// `None` for automatic.
    pub ui_language: Option<&'static str>,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            text_size: DEFAULT_TEXT_SIZE,
            theme: Theme::default(),
            width: Width::default(),
            font: Font::default(),
            ui_language: None,
        }
    }
}

impl Preferences {
    /// Reads a stored string; unknown or broken parts keep their defaults.
    #[must_use]
    pub fn parse(stored: &str) -> Self {
        let mut prefs = Self::default();
        for (key, value) in stored.split(';').filter_map(|part| part.split_once('=')) {
            match key.trim() {
                "size" => {
                    if let Some(size) = value.trim().parse().ok().filter(|s| *s < TEXT_SIZES.len())
                    {
                        prefs.text_size = size;
                    }
                }
                "theme" => prefs.theme = Theme::parse(value.trim()).unwrap_or(prefs.theme),
                "width" => prefs.width = Width::parse(value.trim()).unwrap_or(prefs.width),
                "font" => prefs.font = Font::parse(value.trim()).unwrap_or(prefs.font),
                "lang" => {
                    prefs.ui_language = crate::i18n::language(value.trim()).map(|l| l.code);
                }
                _ => {}
            }
        }
        prefs
    }

    /// The string to store.
    #[must_use]
    pub fn to_storage(self) -> String {
        let mut stored = format!(
            "size={};theme={};width={};font={}",
            self.text_size,
            self.theme.value(),
            self.width.value(),
            self.font.value()
        );
        if let Some(code) = self.ui_language {
            stored.push_str(";lang=");
            stored.push_str(code);
        }
        stored
    }

    /// One step larger or smaller, within the range.
    #[must_use]
    pub fn resized(self, larger: bool) -> Self {
        let text_size = if larger {
            (self.text_size + 1).min(TEXT_SIZES.len() - 1)
        } else {
            self.text_size.saturating_sub(1)
        };
        Self { text_size, ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bounds() {
        let prefs = Preferences {
            text_size: 5,
            theme: Theme::Sepia,
            width: Width::Wide,
            font: Font::Sans,
            ui_language: Some("ar"),
        };
        assert_eq!(Preferences::parse(&prefs.to_storage()), prefs);
        assert_eq!(
            Preferences::parse("lang=xx").ui_language,
            None,
            "no catalogue"
        );
        assert_eq!(
            Preferences::parse("size=99;theme=neon;bogus"),
            Preferences::default()
        );
        assert_eq!(
            Preferences::default()
                .resized(false)
                .resized(false)
                .resized(false)
                .text_size,
            0
        );
        let largest = (0..10).fold(Preferences::default(), |p, _| p.resized(true));
        assert_eq!(largest.text_size, TEXT_SIZES.len() - 1);
    }
}
