//! The JSON form of an archive: `--export json` writes it, and a file holding it reads back.

use std::borrow::Cow;
use std::io::{self, Write};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::archive::item::{Item, Location, ParsedItem};
use crate::archive::parse::{ParseWarning, Parsed, normalize_body};

#[derive(Serialize)]
struct ExportedItem<'a> {
    date: NaiveDate,
    headline: &'a str,
    body: &'a str,
}

#[derive(Deserialize)]
struct ImportedItem<'a> {
    date: NaiveDate,
    #[serde(borrow)]
    headline: Cow<'a, str>,
    #[serde(borrow, default)]
    body: Cow<'a, str>,
}

/// Whether `text` looks like a JSON array rather than archive text, which
/// starts with a date line (or, at worst, a stray line the parser skips).
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start().starts_with('[')
}

/// Writes `items` as a JSON array, one object a line, streaming.
pub fn write_items<'a>(
    items: impl IntoIterator<Item = Item<'a>>,
    out: &mut impl Write,
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (index, item) in items.into_iter().enumerate() {
        out.write_all(if index == 0 { b"\n" } else { b",\n" })?;
        let exported = ExportedItem {
            date: item.date,
            headline: item.headline,
            body: item.body,
        };
        serde_json::to_writer(&mut *out, &exported)?;
    }
    out.write_all(b"\n]\n")
}

/// Reads a JSON array written by [`write_items`]. Text is normalised the way
/// the archive parser would leave it, so a round trip gives the same items.
pub fn import(text: &str) -> serde_json::Result<Parsed> {
    let imported: Vec<ImportedItem<'_>> = serde_json::from_str(text)?;
    let mut parsed = Parsed::default();
    for (index, item) in imported.iter().enumerate() {
        let headline = item.headline.trim();
        if headline.is_empty() || headline.contains(['\n', '\r']) {
            parsed.warnings.push(ParseWarning {
                line: None,
                message: format!("item {} has no one-line headline, skipped", index + 1),
            });
            continue;
        }
        let normalized = &mut parsed.normalized;
        let headline_start = normalized.len();
        normalized.push_str(headline);
        let headline_end = normalized.len();
        let (body_start, body_end) = normalize_body(&item.body, normalized);
        parsed.items.push(ParsedItem {
            date: item.date,
            headline: Location::Normalized {
                start: headline_start,
                end: headline_end,
            },
            body: Location::Normalized {
                start: body_start,
                end: body_end,
            },
        });
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::item::Archive;

    fn archive_from_json(text: &str) -> Archive {
        let parsed = import(text).unwrap();
        let mut archive = Archive::new();
        archive.add_source("".into(), parsed.normalized, &parsed.items);
        archive
    }

    #[test]
    fn export_then_import_gives_the_same_items() {
        let text = r#"[{"date":"2022-06-01","headline":"Año nuevo \"México\"","body":"Uno.\n\nDos\tdos."}]"#;
        let archive = archive_from_json(text);
        let mut out = Vec::new();
        write_items(archive.iter(), &mut out).unwrap();
        let exported = String::from_utf8(out).unwrap();
        assert_eq!(
            exported,
            "[\n{\"date\":\"2022-06-01\",\"headline\":\"Año nuevo \\\"México\\\"\",\"body\":\"Uno.\\n\\nDos\\tdos.\"}\n]\n"
        );
        let again = archive_from_json(&exported);
        assert_eq!(
            again.iter().collect::<Vec<_>>(),
            archive.iter().collect::<Vec<_>>()
        );
    }

    #[test]
    fn empty_export_is_an_empty_array() {
        let mut out = Vec::new();
        write_items(Archive::new().iter(), &mut out).unwrap();
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
        archive.add_source("".into(), parsed.normalized, &parsed.items);
        assert_eq!(archive.get(0).headline, "Kept");
        assert_eq!(archive.get(0).body, "a\n\nb");
    }

    #[test]
    fn bad_json_and_bad_dates_are_errors() {
        assert!(import("[{").is_err());
        assert!(import(r#"[{"date":"2022-06-31","headline":"x"}]"#).is_err());
        assert!(import(r#"[{"headline":"x"}]"#).is_err());
    }
}
