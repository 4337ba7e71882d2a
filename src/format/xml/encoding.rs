//! A feed's bytes as text: UTF-8 (the default, with or without a byte-order mark), UTF-16 with
//! its byte-order mark, and the ISO-8859-1, windows-1252 and US-ASCII that older feeds declare in
//! `<?xml … encoding="…"?>`, decoded with the windows-1252 table (the web reads all three labels
//! so). Any other declared encoding is refused with its name. Written here rather than taken
//! from encoding_rs: one 32-entry table against that crate's hundreds of kilobytes of tables.

use super::super::{utf8, FormatError};
use std::borrow::Cow;

/// windows-1252 for bytes 0x80–0x9F (the rest of the byte range is Latin-1, that is, Unicode).
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// The encoding named by the XML declaration at the start of `bytes`, lower-cased, if any.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(400))?;
    let head = String::from_utf8_lossy(head);
    let declaration = head.trim_start().strip_prefix("<?xml")?;
    let declaration = &declaration[..declaration.find("?>")?];
    let after = &declaration[declaration.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    Some(value[..value.find(quote)?].trim().to_ascii_lowercase())
}

fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&byte| match byte {
            0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(byte - 0x80)],
            _ => char::from(byte),
        })
        .collect()
}

fn utf16(bytes: &[u8], big_endian: bool) -> Result<String, FormatError> {
    let units = bytes.chunks(2).map(|pair| match (pair, big_endian) {
        ([high, low], true) => u16::from_be_bytes([*high, *low]),
        ([low, high], false) => u16::from_le_bytes([*low, *high]),
        _ => 0xFFFD,
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| FormatError::NotXml {
            line: 1,
            column: 1,
            message: "the feed is not valid UTF-16 (an unpaired surrogate): save it as UTF-8"
                .to_owned(),
        })
}

/// The text of a feed file.
///
/// # Errors
/// [`FormatError::NotUtf8`] at the first bad byte of a UTF-8 feed; [`FormatError::NotXml`] for
/// an encoding this reader does not know, named.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, FormatError> {
    match bytes {
        [0xFF, 0xFE, rest @ ..] => return utf16(rest, false).map(Cow::Owned),
        [0xFE, 0xFF, rest @ ..] => return utf16(rest, true).map(Cow::Owned),
        _ => {}
    }
    match declared_encoding(bytes).as_deref() {
        None | Some("utf-8" | "utf8") => utf8(bytes).map(Cow::Borrowed),
        Some(
            "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "latin1" | "l1" | "windows-1252"
            | "cp1252" | "x-cp1252" | "us-ascii" | "ascii",
        ) => Ok(Cow::Owned(windows_1252(bytes))),
        // A UTF-16 feed without its byte-order mark has NUL bytes between the letters, so its
        // declaration does not read; one with the mark is handled above.
        Some(other) => Err(FormatError::NotXml {
            line: 1,
            column: 1,
            message: format!(
                "the feed is encoded as {other:?}, which this viewer does not read: save it as UTF-8 (UTF-16, ISO-8859-1 and windows-1252 are read too)"
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_and_windows_1252_become_their_characters() {
        let mut bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><rss><title>Caf".to_vec();
        bytes.extend([0xE9, b' ', 0x93, b'q', 0x94, b' ', 0x80, b'5', 0x85]);
        bytes.extend(b"</title></rss>");
        let text = decode(&bytes).expect("Latin-1 is read");
        assert!(text.contains("Café “q” €5…"), "{text}");
    }

    #[test]
    fn utf8_is_borrowed_and_checked_with_its_place() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>é</rss>";
        assert!(matches!(decode(text.as_bytes()), Ok(Cow::Borrowed(t)) if t == text));
        let bad = b"<rss>\n  <title>\xE9</title></rss>";
        assert_eq!(
            decode(bad).expect_err("not UTF-8"),
            FormatError::NotUtf8 {
                line: 2,
                column: 10
            }
        );
    }

    #[test]
    fn utf16_with_its_mark_is_read_in_both_byte_orders() {
        let text = "<rss><title>Ünïcode ☃</title></rss>";
        let mut little = vec![0xFF, 0xFE];
        let mut big = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            little.extend(unit.to_le_bytes());
            big.extend(unit.to_be_bytes());
        }
        assert_eq!(decode(&little).expect("UTF-16LE"), text);
        assert_eq!(decode(&big).expect("UTF-16BE"), text);
    }

    #[test]
    fn an_unknown_encoding_is_refused_by_name() {
        let error = decode(b"<?xml version=\"1.0\" encoding=\"koi8-r\"?><rss/>")
            .expect_err("KOI8-R is not read");
        assert!(error.to_string().contains("\"koi8-r\""), "{error}");
    }
}
