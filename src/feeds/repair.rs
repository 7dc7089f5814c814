//! Repairs for the references real feeds get wrong: bare ampersands, HTML entities, invalid character references.
//!
//! Run before feed-rs, on every XML feed: a bare `&` ("Chad & Sudan") and
//! an invalid character reference (`&#0;`) make quick-xml reject the whole
//! feed, and HTML entities (`&nbsp;`, `&eacute;`) that XML does not know
//! would otherwise reach the reader as literal text. CDATA sections,
//! comments, processing instructions and the DOCTYPE are left untouched,
//! but for an XML declaration anywhere but at the start (two feeds pasted
//! together, say), which is removed: quick-xml 0.42 panics on one that names
//! another encoding.
//!
//! Character references to control characters XML forbids but quick-xml
//! accepts (`&#27;`) are kept on purpose: decoded, they reach the sanitizer
//! next to the rest of their escape sequence, which then goes as a whole,
//! where dropping just the reference would leave `]0;title` behind.

use std::borrow::Cow;

use html5ever::data::NAMED_ENTITIES;
use memchr::{memchr2, memmem};

use super::document::after_doctype;
use super::parse::note;

/// XML with bare `&` escaped, HTML entities replaced by their characters and
/// invalid character references dropped; each kind of repair made is noted
/// in `repairs`.
pub(super) fn repair_references<'a>(xml: &'a str, repairs: &mut Vec<String>) -> Cow<'a, str> {
    let bytes = xml.as_bytes();
    let mut repaired: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    // The end of the tag being read: a `<` before it stands in an attribute
    // value (`href="<!--"`), where it opens no markup.
    let mut tag_end = 0;
    while let Some(offset) = memchr2(b'&', b'<', &bytes[at..]) {
        let start = at + offset;
        if bytes[start] == b'<' && start < tag_end {
            at = start + 1;
            continue;
        }
        if bytes[start] == b'<' && !matches!(bytes.get(start + 1), Some(b'!' | b'?')) {
            tag_end = end_of_tag(bytes, start);
            at = start + 1;
            continue;
        }
        if bytes[start] == b'<' {
            let end = skip_markup(xml, start);
            if start > 0 && is_xml_declaration(&xml[start..]) {
                note(repairs, "misplaced XML declaration removed");
                let out = repaired.get_or_insert_with(|| String::with_capacity(xml.len()));
                out.push_str(&xml[copied..start]);
                copied = end;
            }
            at = end;
            continue;
        }
        let (end, fix) = reference(xml, start);
        at = end;
        let replacement = match fix {
            Fix::Keep => continue,
            Fix::Escape => {
                note(repairs, "bare & escaped");
                "&amp;".into()
            }
            Fix::Unknown => {
                note(repairs, "unknown entities kept as text");
                "&amp;".into()
            }
            Fix::Drop => {
                note(repairs, "invalid character references dropped");
                String::new()
            }
            Fix::Replace(text) => {
                note(repairs, "HTML entities replaced");
                text
            }
        };
        let out = repaired.get_or_insert_with(|| String::with_capacity(xml.len() + 64));
        out.push_str(&xml[copied..start]);
        out.push_str(&replacement);
        // For an escaped `&`, `end` is just past it: what followed is text.
        copied = end;
    }
    match repaired {
        Some(mut out) => {
            out.push_str(&xml[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(xml),
    }
}

enum Fix {
    Keep,
    /// A bare `&`: it becomes `&amp;`.
    Escape,
    /// `&name;` that neither XML nor HTML knows: kept as text.
    Unknown,
    /// A character reference to no valid character.
    Drop,
    Replace(String),
}

/// What to do with the `&` at `start`, and where its reference ends.
fn reference(xml: &str, start: usize) -> (usize, Fix) {
    let rest = &xml[start + 1..];
    let bare = (start + 1, Fix::Escape);
    if let Some(number) = rest.strip_prefix('#') {
        let (digits, radix) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (number, 10),
        };
        let length = digits
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if length == 0 || digits.as_bytes().get(length) != Some(&b';') {
            return bare;
        }
        let end = start + 1 + (rest.len() - digits.len()) + length + 1;
        let code = u32::from_str_radix(&digits[..length], radix).ok();
        return match code.and_then(char::from_u32) {
            None | Some('\0') => (end, Fix::Drop),
            // XML only knows the lowercase `x`.
            Some(c) if number.starts_with('X') => (end, Fix::Replace(escaped(c))),
            Some(_) => (end, Fix::Keep),
        };
    }
    let length = rest
        .bytes()
        .take(40)
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
        .count();
    if length == 0 || rest.as_bytes().get(length) != Some(&b';') {
        return bare;
    }
    let end = start + 1 + length + 1;
    let name = &rest[..=length];
    if matches!(name, "amp;" | "lt;" | "gt;" | "quot;" | "apos;") {
        return (end, Fix::Keep);
    }
    match NAMED_ENTITIES.get(name) {
        Some(&(first, second)) => {
            let text: String = [first, second]
                .into_iter()
                .filter(|&code| code != 0)
                .filter_map(char::from_u32)
                .map(escaped)
                .collect();
            (end, Fix::Replace(text))
        }
        None => (start + 1, Fix::Unknown),
    }
}

/// A character as XML text: markup characters as their predefined entities.
fn escaped(c: char) -> String {
    match c {
        '&' => "&amp;".into(),
        '<' => "&lt;".into(),
        '>' => "&gt;".into(),
        '"' => "&quot;".into(),
        '\'' => "&apos;".into(),
        c => c.into(),
    }
}

/// Just past the `>` that closes the tag opened at `start`, skipping quoted
/// attribute values; the end of `bytes` when it is never closed.
fn end_of_tag(bytes: &[u8], start: usize) -> usize {
    let mut quote = None;
    for (at, &byte) in bytes.iter().enumerate().skip(start + 1) {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(open), _) if byte == open => quote = None,
            (None, b'>') => return at + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// Whether `markup` opens an XML declaration (`<?xml version=...?>`), not
/// another processing instruction (`<?xml-stylesheet ...?>`).
fn is_xml_declaration(markup: &str) -> bool {
    markup.strip_prefix("<?xml").is_some_and(|rest| {
        rest.starts_with(|c: char| c.is_ascii_whitespace()) || rest.starts_with("?>")
    })
}

/// Where scanning resumes after the `<` at `start`: past a CDATA section,
/// comment, processing instruction or DOCTYPE, whose `&` are not references.
fn skip_markup(xml: &str, start: usize) -> usize {
    let rest = &xml[start..];
    let past = |terminator: &str, from: usize| {
        memmem::find(&rest.as_bytes()[from..], terminator.as_bytes())
            .map_or(xml.len(), |offset| start + from + offset + terminator.len())
    };
    if rest.starts_with("<![CDATA[") {
        past("]]>", 9)
    } else if rest.starts_with("<!--") {
        past("-->", 4)
    } else if rest.starts_with("<?") {
        past("?>", 2)
    } else if rest.starts_with("<!") {
        after_doctype(rest).map_or(xml.len(), |after| xml.len() - after.len())
    } else {
        start + 1
    }
}

#[cfg(test)]
mod tests;
