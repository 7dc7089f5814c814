//! Feed bytes to UTF-8 text: byte order marks, declared charsets, and the undeclared Windows-1252 of old feeds.
//!
//! Decoding here rather than in feed-rs lets one rule cover XML and JSON,
//! and lets a feed that lies about its charset still be read. The order:
//! a byte order mark; UTF-16 recognisable by its zero bytes; valid UTF-8,
//! whatever the label says (Latin-1 text with accents is practically never
//! valid UTF-8, while UTF-8 feeds labelled Latin-1 are common); the charset
//! declared in the XML declaration or else in `Content-Type`; and for bytes
//! that are neither, Windows-1252 (a superset of Latin-1).

use std::borrow::Cow;

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::parse::note;

/// The text of a feed, and in `repairs` what had to be guessed.
pub(super) fn decode(
    bytes: &[u8],
    content_type: Option<&str>,
    repairs: &mut Vec<String>,
) -> String {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        return with(encoding, &bytes[bom_length..], repairs);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return with(encoding, bytes, repairs);
    }
    let in_xml = xml_declared_label(bytes).and_then(ascii_compatible);
    let declared = in_xml.or_else(|| content_type.and_then(charset).and_then(ascii_compatible));
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            if in_xml.is_some_and(|encoding| encoding != UTF_8) && !text.is_ascii() {
                let name = in_xml.map_or("", Encoding::name);
                note(repairs, &format!("declared {name} but decoded as UTF-8"));
            }
            text.to_string()
        }
        Err(_) => match declared {
            Some(encoding) if encoding != UTF_8 => with(encoding, bytes, repairs),
            Some(_) => {
                note(repairs, "invalid UTF-8 decoded as Windows-1252");
                utf8_or_windows_1252(bytes)
            }
            None => {
                note(repairs, "undeclared Windows-1252 decoded");
                utf8_or_windows_1252(bytes)
            }
        },
    }
}

/// `bytes` decoded with `encoding`; invalid sequences become U+FFFD.
fn with(encoding: &'static Encoding, bytes: &[u8], repairs: &mut Vec<String>) -> String {
    if encoding == UTF_8 && std::str::from_utf8(bytes).is_err() {
        note(repairs, "invalid UTF-8 decoded as Windows-1252");
        return utf8_or_windows_1252(bytes);
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        note(repairs, &format!("invalid {} replaced", encoding.name()));
    }
    text.into_owned()
}

/// Valid UTF-8 as is, every byte that is not as Windows-1252: right for
/// Latin-1 feeds, and for UTF-8 feeds with a few pasted Latin-1 bytes.
fn utf8_or_windows_1252(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        let (invalid, _) = WINDOWS_1252.decode_without_bom_handling(chunk.invalid());
        text.push_str(&invalid);
    }
    text
}

/// UTF-16 without a byte order mark, told by the zero byte next to the
/// first `<` or `{`.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [b'<' | b'{', 0, ..] => Some(UTF_16LE),
        [0, b'<' | b'{', ..] => Some(UTF_16BE),
        _ => None,
    }
}

/// Encodings that read the ASCII of an XML declaration as ASCII. A UTF-16
/// label on a document we could read as ASCII is wrong, and the
/// "replacement" encoding would turn the feed into U+FFFD.
fn ascii_compatible(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
        .filter(|encoding| *encoding != REPLACEMENT && encoding.is_ascii_compatible())
}

/// The `encoding` of `<?xml version="1.0" encoding="..."?>`.
fn xml_declared_label(bytes: &[u8]) -> Option<&str> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &bytes[start..bytes.len().min(start + 512)];
    let declaration = head.strip_prefix(b"<?xml")?;
    let end = memchr::memmem::find(declaration, b"?>")?;
    let declaration = std::str::from_utf8(&declaration[..end]).ok()?;
    let after = &declaration[declaration.find("encoding")? + "encoding".len()..];
    let value = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let value = &value[1..];
    Some(&value[..value.find(quote)?])
}

/// The `charset` parameter of a `Content-Type` header.
fn charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
    })
}

/// The XML with its declaration saying UTF-8, which the text now is (feed-rs
/// would otherwise decode it a second time), and without what may precede
/// the declaration.
pub(super) fn declare_utf8(xml: &str) -> Cow<'_, str> {
    let xml = xml.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let Some(rest) = xml.strip_prefix("<?xml") else {
        return Cow::Borrowed(xml);
    };
    match rest.find("?>") {
        Some(end) if rest[..end].contains("encoding") => Cow::Owned(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>{}",
            &rest[end + 2..]
        )),
        _ => Cow::Borrowed(xml),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], content_type: Option<&str>) -> (String, Vec<String>) {
        let mut repairs = Vec::new();
        let text = decode(bytes, content_type, &mut repairs);
        (text, repairs)
    }

    #[test]
    fn utf8_passes_through() {
        assert_eq!(
            decoded("Migración".as_bytes(), None),
            ("Migración".into(), vec![])
        );
        assert_eq!(decoded(b"\xEF\xBB\xBFhola", None).0, "hola");
    }

    #[test]
    fn declared_latin1_is_decoded() {
        let xml = b"<?xml version='1.0' encoding='ISO-8859-1'?><t>Migraci\xf3n \x80</t>";
        let (text, repairs) = decoded(xml, None);
        assert!(text.ends_with("<t>Migración €</t>"), "{text}");
        assert!(repairs.is_empty());
        let (text, _) = decoded(b"<t>ni\xf1os</t>", Some("text/xml; charset=\"iso-8859-1\""));
        assert_eq!(text, "<t>niños</t>");
    }

    #[test]
    fn undeclared_windows_1252_is_decoded_and_reported() {
        let (text, repairs) = decoded(b"<t>\x93Refugiados\x94 en Espa\xf1a</t>", None);
        assert_eq!(text, "<t>“Refugiados” en España</t>");
        assert_eq!(repairs, ["undeclared Windows-1252 decoded"]);
        let (text, repairs) = decoded(
            b"<?xml version=\"1.0\" encoding=\"utf-8\"?><t>\xc3\xb1 </t>\xe9",
            None,
        );
        assert!(text.ends_with("ñ </t>é"), "{text}");
        assert_eq!(repairs, ["invalid UTF-8 decoded as Windows-1252"]);
    }

    #[test]
    fn utf8_labelled_latin1_is_read_as_utf8() {
        let xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>Migración</t>";
        let (text, repairs) = decoded(xml.as_bytes(), None);
        assert_eq!(text, xml);
        assert_eq!(repairs, ["declared windows-1252 but decoded as UTF-8"]);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let utf16le: Vec<u8> = "<t>añ</t>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let utf16be: Vec<u8> = "<t>añ</t>"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decoded(&[&[0xFF, 0xFE], &utf16le[..]].concat(), None).0,
            "<t>añ</t>"
        );
        assert_eq!(
            decoded(&[&[0xFE, 0xFF], &utf16be[..]].concat(), None).0,
            "<t>añ</t>"
        );
        assert_eq!(decoded(&utf16le, None).0, "<t>añ</t>");
        assert_eq!(decoded(&utf16be, None).0, "<t>añ</t>");
    }

    #[test]
    fn declarations_are_read_and_rewritten() {
        assert_eq!(
            xml_declared_label(b"  <?xml version=\"1.0\" encoding = 'windows-1252' ?><a/>"),
            Some("windows-1252")
        );
        assert_eq!(xml_declared_label(b"<?xml version=\"1.0\"?><a/>"), None);
        assert_eq!(xml_declared_label(b"<rss/>"), None);
        assert_eq!(
            declare_utf8("\n <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss/>"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss/>"
        );
        assert_eq!(
            declare_utf8("<?xml version=\"1.0\"?><rss/>"),
            "<?xml version=\"1.0\"?><rss/>"
        );
    }

    #[test]
    fn charset_parameters() {
        assert_eq!(charset("text/xml; Charset=UTF-8"), Some("UTF-8"));
        assert_eq!(charset("application/rss+xml"), None);
        assert_eq!(ascii_compatible("utf-16"), None);
        assert_eq!(ascii_compatible("iso-2022-kr"), None);
        assert_eq!(ascii_compatible("latin1"), Some(WINDOWS_1252));
    }
}
