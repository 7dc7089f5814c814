//! The JSON form of an archive: `--export json` writes it, and a file holding it reads back.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::archive::item::{Item, Location, ParsedItem};
use crate::archive::parse::{ParseWarning, Parsed, normalize_body};
use crate::archive::sanitize::{CarriageReturns, sanitize};
use crate::archive::state::ItemState;

#[derive(Serialize)]
struct ExportedItem<'a> {
    date: NaiveDate,
    headline: &'a str,
    body: &'a str,
    link: &'a str,
    source: &'a str,
    read: bool,
    starred: bool,
}

#[derive(Deserialize)]
struct ImportedItem<'a> {
    date: NaiveDate,
    #[serde(borrow)]
    headline: Cow<'a, str>,
    #[serde(borrow, default)]
    body: Cow<'a, str>,
    #[serde(borrow, default)]
    link: Cow<'a, str>,
    /// Absent in files written before sources existed: the file's own name.
    #[serde(borrow, default)]
    source: Option<Cow<'a, str>>,
    /// Read and starred as exported: data, shown and searched as they are
    /// while the file is read, and the store's state once it is imported.
    #[serde(default)]
    read: bool,
    #[serde(default)]
    starred: bool,
}

/// Whether `text` looks like a JSON array rather than archive text, which
/// starts with a date line (or, at worst, a stray line the parser skips).
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('[')
}

/// Writes `items` with their states as a JSON array, one object a line, streaming.
pub fn write_items<'a>(
    items: impl IntoIterator<Item = (Item<'a>, ItemState)>,
    out: &mut impl Write,
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (index, (item, state)) in items.into_iter().enumerate() {
        out.write_all(if index == 0 { b"\n" } else { b",\n" })?;
        write_item(item, state, out)?;
    }
    out.write_all(b"\n]\n")
}

/// Writes one item as a JSON object on one line (no newline after it).
pub fn write_item(item: Item<'_>, state: ItemState, out: &mut impl Write) -> io::Result<()> {
    let exported = ExportedItem {
        date: item.date,
        headline: item.headline,
        body: item.body,
        link: item.link,
        source: item.source,
        read: state.read,
        starred: state.starred,
    };
    serde_json::to_writer(out, &exported).map_err(io::Error::from)
}

/// Reads a JSON array written by [`write_items`]. Text is sanitized and
/// normalised the way the archive parser would leave it, so a round trip
/// gives the same items.
pub fn import(text: &str) -> serde_json::Result<Parsed> {
    let imported: Vec<ImportedItem<'_>> = serde_json::from_str(text)?;
    let mut parsed = Parsed::default();
    for (index, item) in imported.iter().enumerate() {
        // Every date is printed as YYYY-MM-DD: one that cannot be is refused
        // rather than shown as another.
        if !(0..=9999).contains(&item.date.year()) {
            parsed.push_warning(ParseWarning {
                line: None,
                message: format!(
                    "item {}: date {} is out of range (years 0000 to 9999), skipped",
                    index + 1,
                    item.date
                ),
            });
            continue;
        }
        // JSON escapes (`\u001b`) decode to controls: sanitize after decoding.
        let headline = clean(&item.headline);
        let headline = headline.trim();
        if headline.is_empty() || headline.contains('\n') {
            parsed.push_warning(ParseWarning {
                line: None,
                message: format!("item {} has no one-line headline, skipped", index + 1),
            });
            continue;
        }
        let normalized = &mut parsed.normalized;
        let headline = push(normalized, headline);
        let (body_start, body_end) = normalize_body(&clean(&item.body), normalized);
        let link = push(normalized, clean(&item.link).trim());
        let source = match &item.source {
            Some(name) => Some(source_index(&mut parsed.sources, clean(name).trim())),
            None => None,
        };
        parsed.items.push(ParsedItem {
            date: item.date,
            headline,
            body: Location::Normalized {
                start: body_start,
                end: body_end,
            },
            link,
            source,
            state: ItemState {
                read: item.read,
                starred: item.starred,
            },
            store_id: None,
        });
    }
    Ok(parsed)
}

fn clean(text: &str) -> Cow<'_, str> {
    sanitize(text, CarriageReturns::ToNewlines)
}

/// Appends `text` to `normalized` and says where it went.
fn push(normalized: &mut String, text: &str) -> Location {
    let start = normalized.len();
    normalized.push_str(text);
    Location::Normalized {
        start,
        end: normalized.len(),
    }
}

/// The index of `name` in `sources`, added if new; an export holds a few
/// sources repeated over many items.
fn source_index(sources: &mut Vec<String>, name: &str) -> u32 {
    match sources.iter().position(|known| known == name) {
        Some(index) => index as u32,
        None => {
            sources.push(name.to_string());
            (sources.len() - 1) as u32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::item::Archive;

    fn archive_from_json(text: &str) -> Archive {
        let parsed = import(text).unwrap();
        let mut archive = Archive::new();
        archive.add_source("old.json", "".into(), parsed);
        archive
    }

    fn export(archive: &Archive) -> String {
        let mut out = Vec::new();
        let states = (0..archive.len()).map(|index| archive.initial_state(index));
        write_items(archive.iter().zip(states), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn export_then_import_gives_the_same_items_and_states() {
        let text = r#"[{"date":"2022-06-01","headline":"Año nuevo \"México\"","body":"Uno.\n\nDos\tdos.","link":"https://example.org/a","source":"OIM","read":true,"starred":true},
                       {"date":"2022-05-01","headline":"Old export"}]"#;
        let archive = archive_from_json(text);
        let exported = export(&archive);
        assert_eq!(
            exported,
            "[\n{\"date\":\"2022-06-01\",\"headline\":\"Año nuevo \\\"México\\\"\",\"body\":\"Uno.\\n\\nDos\\tdos.\",\"link\":\"https://example.org/a\",\"source\":\"OIM\",\"read\":true,\"starred\":true},\n\
             {\"date\":\"2022-05-01\",\"headline\":\"Old export\",\"body\":\"\",\"link\":\"\",\"source\":\"old.json\",\"read\":false,\"starred\":false}\n]\n"
        );
        let again = archive_from_json(&exported);
        assert_eq!(
            again.iter().collect::<Vec<_>>(),
            archive.iter().collect::<Vec<_>>()
        );
        assert_eq!(export(&again), exported, "states read back as data");
    }

    #[test]
    fn escapes_in_json_strings_are_sanitized_after_decoding() {
        let archive = archive_from_json(
            r#"[{"date":"2022-06-01","headline":"a\u001b]0;title\u0007b","body":"x\u001b[2Jy","link":"\u009b31mhttps://e.org","source":"s\u202e"}]"#,
        );
        let item = archive.get(0);
        assert_eq!(
            (item.headline, item.body, item.link, item.source),
            ("ab", "xy", "https://e.org", "s")
        );
    }

    #[test]
    fn empty_export_is_an_empty_array() {
        let mut out = Vec::new();
        write_items(
            Archive::new().iter().map(|item| (item, ItemState::UNREAD)),
            &mut out,
        )
        .unwrap();
        assert_eq!(out, b"[\n]\n");
        assert!(looks_like_json("\n  [\n]"));
        assert!(!looks_like_json("1 June, 2022"));
    }

    #[test]
    fn import_normalises_body_and_skips_empty_headlines() {
        let parsed = import(
            r#"[{"date":"2022-01-02","headline":"  Kept  ","body":" a \r\n\r\n\r\n b "},
                {"date":"2022-01-03","headline":"   "}]"#,
        )
        .unwrap();
        assert_eq!(parsed.items.len(), 1);
        assert_eq!(
            parsed.warnings[0].message,
            "item 2 has no one-line headline, skipped"
        );
        let mut archive = Archive::new();
        archive.add_source("t.json", "".into(), parsed);
        assert_eq!(archive.get(0).headline, "Kept");
        assert_eq!(archive.get(0).body, "a\n\nb");
    }

    #[test]
    fn dates_that_cannot_be_written_yyyy_mm_dd_are_skipped() {
        let parsed = import(
            r#"[{"date":"+12345-01-01","headline":"Far"},{"date":"2022-01-01","headline":"Near"}]"#,
        )
        .unwrap();
        assert_eq!(parsed.items.len(), 1);
        assert_eq!(
            parsed.warnings[0].message,
            "item 1: date +12345-01-01 is out of range (years 0000 to 9999), skipped"
        );
    }

    #[test]
    fn bad_json_and_bad_dates_are_errors() {
        assert!(import("[{").is_err());
        assert!(import(r#"[{"date":"2022-06-31","headline":"x"}]"#).is_err());
        assert!(import(r#"[{"headline":"x"}]"#).is_err());
    }
}
