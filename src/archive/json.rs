//! The JSON form of an archive: `--export json` writes it, and a file holding it reads back.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::archive::item::{GivenPlaces, Item, Location, ParsedItem};
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
    /// ISO codes, sorted; left out when the writer has none to give.
    #[serde(skip_serializing_if = "Option::is_none")]
    places: Option<&'a [&'a str]>,
}

/// An item to export with its state and, when known, its places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export<'a> {
    pub item: Item<'a>,
    pub state: ItemState,
    /// The item's places as ISO codes, sorted; `None` writes no `places`.
    pub places: Option<Vec<&'a str>>,
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
    /// The item's places as exported: kept instead of tagging the text
    /// again. Absent in files written before places existed.
    #[serde(borrow, default)]
    places: Option<Vec<Cow<'a, str>>>,
}

/// Whether `text` looks like a JSON array rather than archive text, which
/// starts with a date line (or, at worst, a stray line the parser skips).
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('[')
}

/// Writes `items` as a JSON array, one object a line, streaming.
pub fn write_items<'a>(
    items: impl IntoIterator<Item = Export<'a>>,
    out: &mut impl Write,
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (index, export) in items.into_iter().enumerate() {
        out.write_all(if index == 0 { b"\n" } else { b",\n" })?;
        write_export(&export, out)?;
    }
    out.write_all(b"\n]\n")
}

/// Writes one item and its state as a JSON object on one line (no newline
/// after it), without places.
pub fn write_item(item: Item<'_>, state: ItemState, out: &mut impl Write) -> io::Result<()> {
    let export = Export {
        item,
        state,
        places: None,
    };
    write_export(&export, out)
}

/// Writes one item as a JSON object on one line (no newline after it).
pub fn write_export(export: &Export<'_>, out: &mut impl Write) -> io::Result<()> {
    let Export {
        item,
        state,
        ref places,
    } = *export;
    let exported = ExportedItem {
        date: item.date,
        headline: item.headline,
        body: item.body,
        link: item.link,
        source: item.source,
        read: state.read,
        starred: state.starred,
        places: places.as_deref(),
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
        if let Some(places) = &item.places {
            parsed.places.push(GivenPlaces {
                item: parsed.items.len() as u32,
                codes: places
                    .iter()
                    .map(|code| clean(code).trim().to_string())
                    .filter(|code| !code.is_empty())
                    .collect(),
            });
        }
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
        let given: Vec<Option<Vec<&str>>> = (0..archive.len())
            .map(|index| {
                let given = archive.given_places(index)?;
                Some(given.iter().map(|code| &**code).collect())
            })
            .collect();
        let exports = (0..archive.len()).map(|index| Export {
            item: archive.get(index),
            state: archive.initial_state(index),
            places: given[index].clone(),
        });
        write_items(exports, &mut out).unwrap();
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
    fn given_places_read_back_and_follow_their_items_when_sorted() {
        let text = r#"[{"date":"2022-01-01","headline":"Old","places":["MX","GT"]},
                       {"date":"2022-06-01","headline":"New","places":[]},
                       {"date":"2022-03-01","headline":"Middle"},
                       {"date":"2022-02-01","headline":"Also old","places":["MX","GT"," ","\u0007HN"]}]"#;
        let mut archive = archive_from_json(text);
        archive.sort();
        let headlines: Vec<_> = archive.iter().map(|item| item.headline).collect();
        assert_eq!(headlines, ["New", "Middle", "Also old", "Old"]);
        let given = |index| archive.given_places(index).map(<[Box<str>]>::to_vec);
        assert_eq!(
            given(0),
            Some(vec![]),
            "an empty list is places given: none"
        );
        assert_eq!(given(1), None, "no field: tagged from the text");
        assert_eq!(given(2), Some(vec!["MX".into(), "GT".into(), "HN".into()]));
        assert_eq!(given(3), Some(vec!["MX".into(), "GT".into()]));
        assert_eq!(given(9), None);
        let exported = export(&archive);
        assert!(
            exported.contains(r#""starred":false,"places":[]}"#),
            "{exported}"
        );
        assert!(exported.contains(r#""headline":"Middle","body":"","link":"","source":"old.json","read":false,"starred":false}"#), "{exported}");
        assert!(exported.contains(r#""places":["MX","GT"]}"#), "{exported}");
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
            Archive::new().iter().map(|item| Export {
                item,
                state: ItemState::UNREAD,
                places: None,
            }),
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
