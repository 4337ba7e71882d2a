//! Splitting text into search terms, the same way for articles and for queries: folded (case and
//! Latin accents, [`crate::text::fold`]), words split at anything that is not a letter or digit,
//! light English suffix stripping ([`stem`]), and for scripts written without spaces (Chinese,
//! Japanese, Korean, Thai, Lao, Khmer, Myanmar) overlapping character pairs, so a query of two or
//! more such characters finds them in order wherever they stand.

/// Whether `c` belongs to a script written without spaces between words.
#[must_use]
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F // Han
        | 0xAC00..=0xD7AF | 0x1100..=0x11FF) // Hangul
}

/// Light English stemming: plural and verb endings that change no meaning a reader would
/// notice (`floods` → `flood`, `cities` → `city`, `voted`/`voting` → `vot`). Words of four
/// letters or fewer are kept, so short words are never mangled. Hand-written (30 lines) rather
/// than a Snowball crate: those ship every language's stemmer, and only English is wanted here.
#[must_use]
pub fn stem(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if word.len() <= 4 || !word.is_ascii() {
        return Cow::Borrowed(word);
    }
    if let Some(base) = word.strip_suffix("ies") {
        return Cow::Owned(format!("{base}y"));
    }
    for suffix in ["ing", "ed"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.len() >= 3 {
                return Cow::Borrowed(base);
            }
        }
    }
    if let Some(base) = word.strip_suffix("es") {
        if base.ends_with(['s', 'x', 'z']) || base.ends_with("ch") || base.ends_with("sh") {
            return Cow::Borrowed(base);
        }
    }
    match word.strip_suffix('s') {
        Some(base) if !base.ends_with(['s', 'u', 'i']) => Cow::Borrowed(base),
        _ => Cow::Borrowed(word),
    }
}

/// One term of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    /// The word as written (folded, not stemmed), for prefix matching and highlighting.
    pub word: String,
}

/// Calls `each(term, word)` for every term of `text`, in order, reusing its buffers (indexing
/// reads millions of words: one allocation each made it 5 s for 10,000 articles).
pub fn for_each_term(text: &str, each: impl FnMut(&str, &str)) {
    scan(text, true, each);
}

/// Calls `each(word)` for every word of `text` (folded, not stemmed), in order: the words a
/// quoted phrase is matched against.
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    scan(text, false, |_, word| each(word));
}

fn scan(text: &str, stemmed: bool, mut each: impl FnMut(&str, &str)) {
    let mut word = String::new();
    let mut unspaced: Vec<char> = Vec::new();
    let mut pair = String::new();
    let flush_word = |word: &mut String, each: &mut dyn FnMut(&str, &str)| {
        if !word.is_empty() {
            if stemmed {
                each(&stem(word), word);
            } else {
                each(word, word);
            }
            word.clear();
        }
    };
    let flush_unspaced =
        |run: &mut Vec<char>, pair: &mut String, each: &mut dyn FnMut(&str, &str)| {
            if run.len() == 1 {
                pair.clear();
                pair.push(run[0]);
                each(pair, pair);
            } else {
                for two in run.windows(2) {
                    pair.clear();
                    pair.extend(two);
                    each(pair, pair);
                }
            }
            run.clear();
        };
    for raw in text.chars() {
        // ASCII (most of most texts) needs no Unicode case tables or accent folding.
        if raw.is_ascii() {
            if raw.is_ascii_alphanumeric() {
                if !unspaced.is_empty() {
                    flush_unspaced(&mut unspaced, &mut pair, &mut each);
                }
                word.push(raw.to_ascii_lowercase());
            } else {
                flush_word(&mut word, &mut each);
                if !unspaced.is_empty() {
                    flush_unspaced(&mut unspaced, &mut pair, &mut each);
                }
            }
            continue;
        }
        for c in raw.to_lowercase().map(crate::text::fold_char) {
            if is_unspaced(c) {
                flush_word(&mut word, &mut each);
                unspaced.push(c);
            } else if c.is_alphanumeric() {
                flush_unspaced(&mut unspaced, &mut pair, &mut each);
                word.push(c);
            } else {
                flush_word(&mut word, &mut each);
                flush_unspaced(&mut unspaced, &mut pair, &mut each);
            }
        }
    }
    flush_word(&mut word, &mut each);
    flush_unspaced(&mut unspaced, &mut pair, &mut each);
}

/// The terms of a text, in order.
#[must_use]
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_term(text, |term, word| {
        out.push(Token {
            term: term.to_owned(),
            word: word.to_owned(),
        });
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn words_are_folded_split_and_stemmed() {
        assert_eq!(
            terms("Kraków's FLOODS, cities—voting!"),
            ["krakow", "s", "flood", "city", "vot"]
        );
        assert_eq!(
            terms("bus gas news glass boxes"),
            ["bus", "gas", "news", "glass", "box"]
        );
        assert_eq!(stem("analysis"), "analysis");
        assert_eq!(stem("the"), "the");
    }

    #[test]
    fn unspaced_scripts_become_character_pairs() {
        assert_eq!(terms("東京都"), ["東京", "京都"]);
        assert_eq!(terms("雨"), ["雨"]);
        assert_eq!(terms("大阪 robots"), ["大阪", "robot"]);
        assert_eq!(terms("กรุงเทพ").len(), 6, "Thai pairs");
    }

    #[test]
    fn right_to_left_words_split_on_spaces() {
        assert_eq!(terms("مترو القاهرة"), ["مترو", "القاهرة"]);
        assert_eq!(terms("שלום עולם"), ["שלום", "עולם"]);
    }
}
