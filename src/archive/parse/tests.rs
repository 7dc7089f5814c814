use super::*;
use crate::archive::item::Archive;
use crate::archive::source::EMBEDDED_ARCHIVE;

/// Parses `text` and returns (date, headline, body) per item in input order.
fn parse_items(text: &str) -> (Vec<(String, String, String)>, Vec<ParseWarning>) {
    let parsed = parse(text);
    let warnings = parsed.warnings.clone();
    let mut archive = Archive::new();
    archive.add_source("test.txt", text.into(), parsed);
    archive.sort();
    let items = archive
        .iter()
        .map(|item| {
            (
                item.date.to_string(),
                item.headline.to_string(),
                item.body.to_string(),
            )
        })
        .collect();
    (items, warnings)
}

fn item(date: &str, headline: &str, body: &str) -> (String, String, String) {
    (date.into(), headline.into(), body.into())
}

fn warning(line: usize, message: &str) -> ParseWarning {
    ParseWarning {
        line: Some(line),
        message: message.into(),
    }
}

#[test]
fn the_seed_archive_has_ten_items_newest_first() {
    let (items, warnings) = parse_items(EMBEDDED_ARCHIVE);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(items.len(), 10);
    assert_eq!(items[0].0, "2022-06-01");
    assert!(
        items[0]
            .1
            .starts_with("IOM and the RCM aim to make to make the economic")
    );
    assert_eq!(items[9].0, "2022-01-18");
    assert_eq!(
        items[9].1,
        "Discover the best practices of the Information Hubs on Migration located in Guatemala"
    );
    // The seed ends some paragraphs with non-breaking spaces: trimmed away.
    assert!(items[2].2.ends_with("migrant business owners."));
    assert!(items.iter().all(|(_, h, b)| h == h.trim() && b == b.trim()));
}

#[test]
fn body_paragraphs_stay_paragraphs() {
    let text = "1 June, 2022\n\nHeadline\n\nFirst para.\n\nSecond para\nstill second.\n\n2 June, 2022\n\nOther\n";
    let (items, warnings) = parse_items(text);
    assert!(warnings.is_empty());
    assert_eq!(
        items,
        [
            item("2022-06-02", "Other", ""),
            item(
                "2022-06-01",
                "Headline",
                "First para.\n\nSecond para\nstill second."
            ),
        ]
    );
}

#[test]
fn line_endings_bom_free_blank_runs_and_whitespace_are_accepted() {
    let expected = [item("2022-06-01", "Headline", "Para one.\n\nPara two.")];
    for text in [
        "1 June, 2022\r\n\r\nHeadline\r\n\r\nPara one.\r\n\r\nPara two.\r\n",
        "1 June, 2022\r\rHeadline\r\rPara one.\r\rPara two.",
        "\n\n\n1 June, 2022\n\n\n\nHeadline\n\n\n\nPara one.\n\n\n\n\nPara two.\n\n\n",
        "  1 June, 2022\u{a0}\n\u{a0}\n\t Headline \u{a0}\n \nPara one.\u{a0}\u{a0}\n  \n  Para two.  ",
        "1 June, 2022\nHeadline\nPara one.\n\nPara two.",
    ] {
        let (items, warnings) = parse_items(text);
        assert!(warnings.is_empty(), "{text:?}: {warnings:?}");
        assert_eq!(items, expected, "{text:?}");
    }
}

#[test]
fn canonical_bodies_are_not_copied_and_others_are() {
    let parsed = parse("1 June, 2022\n\nH\n\nA\n\nB\n");
    assert!(parsed.normalized.is_empty());
    let parsed = parse("1 June, 2022\n\nH\n\nA \n\nB\n");
    assert_eq!(parsed.normalized, "A\n\nB");
    let parsed = parse("1 June, 2022\n\nH\n\nA\n\n\nB\n");
    assert_eq!(parsed.normalized, "A\n\nB");
}

#[test]
fn every_date_form_starts_an_item() {
    let text = "1 June 2022\n\nA\n\nJune 2, 2022\n\nB\n\n2022-06-03\n\nC\n\n4 junio, 2022\n\nD\n\n5 de JUNIO de 2022\n\nE\n\n6 Jun, 2022\n\nF\n";
    let (items, warnings) = parse_items(text);
    assert!(warnings.is_empty());
    let dates: Vec<_> = items.iter().map(|i| i.0.as_str()).collect();
    assert_eq!(
        dates,
        [
            "2022-06-06",
            "2022-06-05",
            "2022-06-04",
            "2022-06-03",
            "2022-06-02",
            "2022-06-01"
        ]
    );
}

#[test]
fn text_before_the_first_date_is_reported_once_and_skipped() {
    let text = "Archive of news\nmore intro\n\n1 June, 2022\n\nHeadline\n";
    let (items, warnings) = parse_items(text);
    assert_eq!(items, [item("2022-06-01", "Headline", "")]);
    assert_eq!(
        warnings,
        [warning(1, "text before the first date line, skipped")]
    );
}

#[test]
fn an_impossible_date_skips_its_item_only() {
    let text = "1 June, 2022\n\nKept one\n\n31 June, 2022\n\nLost headline\n\nLost body\n\n2 June, 2022\n\nKept two\n";
    let (items, warnings) = parse_items(text);
    assert_eq!(
        items,
        [
            item("2022-06-02", "Kept two", ""),
            item("2022-06-01", "Kept one", "")
        ]
    );
    assert_eq!(
        warnings,
        [warning(5, "impossible date '31 June, 2022', item skipped")]
    );
}

#[test]
fn a_date_line_without_headline_is_reported_and_skipped() {
    let text = "1 June, 2022\n\n2 June, 2022\n\nHeadline\n\n3 June, 2022\n\n";
    let (items, warnings) = parse_items(text);
    assert_eq!(items, [item("2022-06-02", "Headline", "")]);
    assert_eq!(
        warnings,
        [
            warning(1, "date line with no headline after it, skipped"),
            warning(7, "date line with no headline after it, skipped"),
        ]
    );
}

#[test]
fn a_byte_order_mark_at_a_line_start_does_not_hide_a_date_line() {
    // What `cat a.txt b.txt` gives when both files start with a BOM.
    let text = "1 June, 2022\n\nFrom a\n\n\u{FEFF}2 June, 2022\n\nFrom b\n";
    let (items, warnings) = parse_items(text);
    assert_eq!(
        items,
        [
            item("2022-06-02", "From b", ""),
            item("2022-06-01", "From a", "")
        ]
    );
    assert!(warnings.is_empty());
}

#[test]
fn a_date_line_written_wrong_is_reported_not_merged_silently() {
    for (line, _) in [
        ("1 Jnue, 2022", ()),
        ("1 June, 20222", ()),
        ("20222-06-01", ()),
    ] {
        let text = format!("1 June, 2022\n\nFirst\n\n{line}\n\nSecond\n");
        let (items, warnings) = parse_items(&text);
        assert_eq!(items.len(), 1, "{line}: the text stays in the first item");
        assert_eq!(
            warnings,
            [warning(
                5,
                &format!(
                    "'{line}' looks like a date line but is not one; read as text of the item above"
                )
            )],
            "{line}"
        );
    }
    // Ordinary short paragraphs are not suspects.
    for line in [
        "Geneva, 2022",
        "See page 12",
        "IOM 2022 report",
        "3 de cada 10",
    ] {
        let text = format!("1 June, 2022\n\nFirst\n\n{line}\n");
        assert!(parse_items(&text).1.is_empty(), "{line}");
    }
}

#[test]
fn line_numbers_count_crlf_and_cr_as_one_line() {
    let text = "intro\r\n\r\n1 June, 2022\r\rH\r\n\r\n31 June, 2022\n";
    let (_, warnings) = parse_items(text);
    assert_eq!(
        warnings,
        [
            warning(1, "text before the first date line, skipped"),
            warning(7, "impossible date '31 June, 2022', item skipped"),
        ]
    );
}

#[test]
fn empty_and_blank_input_yield_nothing() {
    for text in ["", "\n\n", "\u{a0}\r\n  "] {
        let parsed = parse(text);
        assert!(
            parsed.items.is_empty() && parsed.warnings.is_empty(),
            "{text:?}"
        );
    }
}

#[test]
fn write_item_round_trips_the_seed() {
    let (items, _) = parse_items(EMBEDDED_ARCHIVE);
    let parsed = parse(EMBEDDED_ARCHIVE);
    let mut archive = Archive::new();
    archive.add_source("test.txt", EMBEDDED_ARCHIVE.into(), parsed);
    let mut text = String::new();
    for item in archive.iter() {
        write_item(&item, &mut text);
    }
    let (again, warnings) = parse_items(&text);
    assert!(warnings.is_empty());
    assert_eq!(again, items);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn line_text() -> impl Strategy<Value = String> {
        // Words with accents, CJK and punctuation; never blank, never a date.
        proptest::collection::vec("[a-zA-Záéíóúñ移民😀,.'-]{1,12}", 1..8)
            .prop_map(|words| format!("x{}", words.join(" ")))
    }

    fn paragraph() -> impl Strategy<Value = String> {
        proptest::collection::vec(line_text(), 1..3).prop_map(|lines| lines.join("\n"))
    }

    fn archive_items() -> impl Strategy<Value = Vec<(NaiveDate, String, String)>> {
        let date = (1990i32..2040, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let body = proptest::collection::vec(paragraph(), 0..4).prop_map(|p| p.join("\n\n"));
        proptest::collection::vec((date, line_text(), body), 1..20)
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let text = String::from_utf8_lossy(&bytes);
            let parsed = parse(&text);
            let mut archive = Archive::new();
            archive.add_source("test.txt", text.as_ref().into(), parsed);
            for item in archive.iter() {
                prop_assert!(!item.headline.is_empty());
            }
        }

        #[test]
        fn arbitrary_lines_with_dates_never_panic(
            lines in proptest::collection::vec(
                prop_oneof!["", " ", "\u{a0}", "1 June, 2022", "31 June, 2022", "2022-02-30", "[a-z ]{0,20}", "[^\r\n]{0,30}"],
                0..40),
            ending in prop_oneof!["\n", "\r\n", "\r"],
        ) {
            let text = lines.join(&ending);
            let parsed = parse(&text);
            for warning in &parsed.warnings {
                prop_assert!(warning.line.unwrap() >= 1 && warning.line.unwrap() <= lines.len());
            }
        }

        #[test]
        fn parsing_in_two_halves_gives_the_same_result(
            lines in proptest::collection::vec(
                prop_oneof!["", " ", "1 June, 2022", "31 June, 2022", "2022-02-03", "[a-z ]{1,20}", "\u{a0}x "],
                0..60),
            ending in prop_oneof!["\n", "\r\n"],
        ) {
            let text = lines.join(&ending);
            prop_assert_eq!(parse_in_two(&text, 0), parse(&text));
        }

        #[test]
        fn well_formed_archives_round_trip(items in archive_items(), crlf in any::<bool>()) {
            let mut text = String::new();
            for (date, headline, body) in &items {
                write_item(&Item { date: *date, headline, body, ..Item::default() }, &mut text);
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            let parsed = parse(&text);
            prop_assert!(parsed.warnings.is_empty());
            let mut archive = Archive::new();
            archive.add_source("test.txt", text.as_str().into(), parsed);
            archive.sort();
            let mut expected = items.clone();
            expected.sort_by_key(|item| std::cmp::Reverse(item.0));
            let got: Vec<_> = archive
                .iter()
                .map(|i| (i.date, i.headline.to_string(), i.body.to_string()))
                .collect();
            prop_assert_eq!(got, expected);
        }
    }
}
