//! Numbers and strings for [`Reader`]: digits, exponents and the `f64` range check that
//! `serde_json` applies, and strings with their escapes and UTF-16 surrogate pairs.

use super::{Json, JsonError, Reader};
use std::borrow::Cow;

impl<'a> Reader<'a> {
    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.bytes().get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        self.pos - start
    }

    pub(super) fn number(&mut self) -> Result<Json<'a>, JsonError> {
        let start = self.pos;
        if self.bytes()[self.pos] == b'-' {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.bytes().get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(_) => return Err(self.fail("invalid number")),
            None => return Err(self.eof("EOF while parsing a value")),
        }
        let int_end = self.pos;
        if self.bytes().get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(match self.bytes().get(self.pos) {
                    Some(_) => self.fail("invalid number"),
                    None => self.eof("EOF while parsing a value"),
                });
            }
        }
        let fraction_end = self.pos;
        let mut exponent: i64 = 0;
        if matches!(self.bytes().get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            let negative = self.bytes().get(self.pos) == Some(&b'-');
            if matches!(self.bytes().get(self.pos), Some(b'-' | b'+')) {
                self.pos += 1;
            }
            let exp_start = self.pos;
            if self.digits() == 0 {
                return Err(match self.bytes().get(self.pos) {
                    Some(_) => self.fail("invalid number"),
                    None => self.eof("EOF while parsing a value"),
                });
            }
            exponent = self.text[exp_start..self.pos]
                .bytes()
                .fold(0_i64, |acc, b| {
                    (acc * 10 + i64::from(b - b'0')).min(1_000_000)
                });
            if negative {
                exponent = -exponent;
            }
        }
        // Only a number with hundreds of digits or a large exponent can be out of range.
        let integer_digits = int_end - int_start;
        let rough = i64::try_from(integer_digits)
            .unwrap_or(i64::MAX)
            .saturating_add(exponent);
        if rough >= 300 {
            let digits: String = self.text[int_start..fraction_end]
                .bytes()
                .filter(u8::is_ascii_digit)
                .map(char::from)
                .collect();
            if out_of_range(&digits, integer_digits, exponent) {
                self.pos = start;
                return Err(self.fail("number out of range"));
            }
        }
        Ok(Json::Number(&self.text[start..self.pos]))
    }

    /// Reads a string (its opening quote next): borrowed unless it holds escapes.
    pub(super) fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.pos += 1;
        let start = self.pos;
        let bytes = self.bytes();
        loop {
            self.pos = plain_run_end(bytes, self.pos);
            match bytes.get(self.pos) {
                None => return Err(self.eof("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Borrowed(&self.text[start..self.pos - 1]));
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => {
                    return Err(self
                        .fail("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                Some(_) => self.pos += 1,
            }
        }
        let mut owned = String::from(&self.text[start..self.pos]);
        loop {
            match bytes.get(self.pos) {
                None => return Err(self.eof("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(owned));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let simple = match bytes.get(self.pos) {
                        None => return Err(self.eof("EOF while parsing a string")),
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let decoded = self.unicode_escape()?;
                            owned.push(decoded);
                            continue;
                        }
                        Some(_) => return Err(self.fail("invalid escape")),
                    };
                    owned.push(simple);
                    self.pos += 1;
                }
                Some(0..=0x1f) => {
                    return Err(self
                        .fail("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                Some(_) => {
                    let run_start = self.pos;
                    self.pos = plain_run_end(bytes, self.pos);
                    owned.push_str(&self.text[run_start..self.pos]);
                }
            }
        }
    }

    /// Four hex digits (after `\u`), and a low surrogate after a high one.
    fn hex4(&mut self) -> Result<u16, JsonError> {
        let mut value = 0_u16;
        for _ in 0..4 {
            let digit = match self.bytes().get(self.pos) {
                None => return Err(self.eof("EOF while parsing a string")),
                Some(&b) => char::from(b)
                    .to_digit(16)
                    .ok_or_else(|| self.fail("invalid escape"))?,
            };
            value = value * 16 + u16::try_from(digit).unwrap_or(0);
            self.pos += 1;
        }
        Ok(value)
    }

    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = match first {
            0xDC00..=0xDFFF => return Err(self.fail("lone trailing surrogate in hex escape")),
            0xD800..=0xDBFF => {
                if self.bytes().get(self.pos) != Some(&b'\\') {
                    return Err(match self.bytes().get(self.pos) {
                        None => self.eof("EOF while parsing a string"),
                        Some(_) => self.fail("unexpected end of hex escape"),
                    });
                }
                self.pos += 1;
                if self.bytes().get(self.pos) != Some(&b'u') {
                    return Err(match self.bytes().get(self.pos) {
                        None => self.eof("EOF while parsing a string"),
                        Some(_) => self.fail("unexpected end of hex escape"),
                    });
                }
                self.pos += 1;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.fail("lone leading surrogate in hex escape"));
                }
                0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00)
            }
            other => u32::from(other),
        };
        char::from_u32(code).ok_or_else(|| self.fail("invalid unicode code point"))
    }
}

/// Whether a decimal number (its significant digits, how many of them precede the point, and its
/// exponent) is too large for an `f64`, which `serde_json` refuses.
fn out_of_range(digits: &str, integer_digits: usize, exponent: i64) -> bool {
    let significant = digits.trim_start_matches('0');
    if significant.is_empty() {
        return false;
    }
    let leading_zeros = i64::try_from(digits.len() - significant.len()).unwrap_or(0);
    let integer_digits = i64::try_from(integer_digits).unwrap_or(i64::MAX);
    // The value is 0.significant × 10^magnitude.
    let magnitude = integer_digits - leading_zeros + exponent;
    match magnitude.cmp(&309) {
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Greater => true,
        // Halfway between f64::MAX and the next power of two rounds up to infinity.
        std::cmp::Ordering::Equal => significant >= "17976931348623158079",
    }
}

/// Where the run of string bytes that need no attention (no quote, backslash or control
/// character) starting at `from` ends: eight bytes at a time while none of them does, so a
/// string of millions of characters is read in a fraction of the time a byte loop takes.
fn plain_run_end(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Exact tests for "some byte of the word is zero" and "some byte is below 0x20".
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    let has_below_space = |v: u64| v.wrapping_sub(ONES * 0x20) & !v & HIGHS != 0;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0_u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        if has_zero(word ^ (ONES * u64::from(b'"')))
            || has_zero(word ^ (ONES * u64::from(b'\\')))
            || has_below_space(word)
        {
            break;
        }
        at += 8;
    }
    while bytes
        .get(at)
        .is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20)
    {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::plain_run_end;

    #[test]
    fn a_plain_run_ends_at_the_first_quote_backslash_or_control_character_wherever_it_is() {
        for special in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
            for at in 0..40 {
                let mut bytes: Vec<u8> = "aé字\u{7f} ~!".bytes().cycle().take(40).collect();
                let want = if at < bytes.len() { at } else { bytes.len() };
                if at < bytes.len() {
                    bytes[at] = special;
                }
                for from in 0..=want.min(5) {
                    assert_eq!(
                        plain_run_end(&bytes, from),
                        want,
                        "{special} at {at} from {from}"
                    );
                }
            }
        }
        // Bytes 0x20 and above, and UTF-8 continuation bytes, never end a run.
        let all: Vec<u8> = (0x20..=0xff_u8)
            .filter(|&b| b != b'"' && b != b'\\')
            .collect();
        assert_eq!(plain_run_end(&all, 0), all.len());
    }
}
