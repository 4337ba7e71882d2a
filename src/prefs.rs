//! Reading preferences: text size, theme, column width and typeface. Stored in local storage as
//! a short string (`size=3;theme=dark;width=wide;font=sans`) and applied as `data-*` attributes
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

/// One choice of a setting: its stored value and what the reader sees.
pub trait Choice: Copy + PartialEq + Default + 'static {
    const ALL: &'static [Self];
    fn value(self) -> &'static str;
    fn label(self) -> &'static str;
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
    fn label(self) -> &'static str {
        match self {
            Self::System => "Follow system",
            Self::Light => "Light",
            Self::Dark => "Dark",
            Self::Sepia => "Sepia",
            Self::HighContrast => "High contrast",
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
    fn label(self) -> &'static str {
        match self {
            Self::Narrow => "Narrow",
            Self::Standard => "Standard",
            Self::Wide => "Wide",
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
    fn label(self) -> &'static str {
        match self {
            Self::Serif => "Serif",
            Self::Sans => "Sans serif",
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
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            text_size: DEFAULT_TEXT_SIZE,
            theme: Theme::default(),
            width: Width::default(),
            font: Font::default(),
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
                _ => {}
            }
        }
        prefs
    }

    /// The string to store.
    #[must_use]
    pub fn to_storage(self) -> String {
        format!(
            "size={};theme={};width={};font={}",
            self.text_size,
            self.theme.value(),
            self.width.value(),
            self.font.value()
        )
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
        };
        assert_eq!(Preferences::parse(&prefs.to_storage()), prefs);
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
