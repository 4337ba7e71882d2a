//! How much there is to read: words (and Chinese, Japanese and Korean characters) in a text,
//! the minutes they take, and an article's reading time worked out once.

/// A reading time computed once per article (a list shows the same cards again and again, and
/// counting the words of a long body each time is the costliest part of drawing a card). It
/// holds nothing that is not derived from the body, so it never makes two articles unequal.
#[derive(Clone, Debug, Default)]
pub struct ReadingTime(std::cell::OnceCell<Option<usize>>);

impl ReadingTime {
    /// The minutes, worked out by `compute` the first time they are asked for.
    pub(crate) fn get_or_init(&self, compute: impl FnOnce() -> Option<usize>) -> Option<usize> {
        *self.0.get_or_init(compute)
    }

    /// A reading time given by the file, for a body that is loaded later (`reading_minutes` in
    /// format v1, written by the publish step for its archive cards).
    #[must_use]
    pub fn known(minutes: Option<u32>) -> Self {
        let cell = std::cell::OnceCell::new();
        if let Some(minutes) = minutes {
            let _ = cell.set(usize::try_from(minutes).ok());
        }
        Self(cell)
    }
}

impl PartialEq for ReadingTime {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Average adult silent reading speed for prose in space-separated languages.
pub const WORDS_PER_MINUTE: usize = 230;
/// Reading speed for Chinese, Japanese and Korean, counted in characters.
pub const CJK_CHARACTERS_PER_MINUTE: usize = 500;

/// How much text there is: words in space-separated scripts, and characters in Chinese,
/// Japanese and Korean (which do not separate words with spaces).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct TextAmount {
    pub words: usize,
    pub cjk_characters: usize,
}

impl TextAmount {
    #[must_use]
    pub fn of(text: &str) -> Self {
        // One pass: a word is a run between spaces and CJK characters with a letter or digit.
        // ASCII bytes are read as they are; only other characters are decoded.
        let (mut words, mut cjk_characters, mut in_word) = (0, 0, false);
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            let c = if byte.is_ascii() {
                at += 1;
                char::from(byte)
            } else {
                let c = text[at..].chars().next().unwrap_or(' ');
                at += c.len_utf8();
                c
            };
            if c.is_whitespace() || is_cjk(c) {
                cjk_characters += usize::from(!c.is_whitespace());
                words += usize::from(in_word);
                in_word = false;
            } else if !in_word && c.is_alphanumeric() {
                in_word = true;
            }
        }
        Self {
            words: words + usize::from(in_word),
            cjk_characters,
        }
    }

    /// Minutes to read, rounded up, at least one; `None` for no text.
    #[must_use]
    pub fn reading_minutes(self) -> Option<usize> {
        if self.words == 0 && self.cjk_characters == 0 {
            return None;
        }
        let seconds = self.words * 60 / WORDS_PER_MINUTE
            + self.cjk_characters * 60 / CJK_CHARACTERS_PER_MINUTE;
        Some(seconds.div_ceil(60).max(1))
    }
}

impl std::iter::Sum for TextAmount {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::default(), |a, b| Self {
            words: a.words + b.words,
            cjk_characters: a.cjk_characters + b.cjk_characters,
        })
    }
}

/// Han, Hiragana, Katakana and Hangul characters.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x20000..=0x2FA1F)
}
