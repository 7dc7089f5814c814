//! Fuzzing on stable Rust: every parser and the search, fed generated hostile input, must never panic.
//!
//! The tests are ignored, so CI and `cargo test` skip them. Run them with
//!
//! ```text
//! MIGRANEWS_FUZZ_CASES=1000000 cargo test --release --test fuzz -- --ignored fuzz
//! ```
//!
//! (`cargo test --release -- --ignored fuzz` runs them too, with every other
//! test binary built in release.) Each test runs `MIGRANEWS_FUZZ_CASES`
//! inputs (10,000 when unset) and prints how many it ran. Inputs are built
//! from the pieces each format is made of (date lines, JSON tokens, feed
//! elements, query operators) mixed with controls, escape sequences, odd
//! Unicode and random bytes, so that they reach past the first check.

use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use chrono::NaiveDate;
use migranews::archive::item::{Archive, Item};
use migranews::archive::sample;
use migranews::archive::state::{ItemState, ItemStates};
use migranews::archive::{json, parse, source};
use migranews::feeds::parse_feed;
use migranews::reader::article::marks::Marks;
use migranews::reader::ui::text::{printable, push_fitted_around};
use migranews::search::engine::{Corpus, Scope, Scratch, Searcher, SortOrder, highlights};
use migranews::search::query::Query;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

/// How many inputs each test runs: `MIGRANEWS_FUZZ_CASES`, or 10,000.
fn cases() -> u32 {
    std::env::var("MIGRANEWS_FUZZ_CASES")
        .ok()
        .and_then(|value| value.replace('_', "").parse().ok())
        .unwrap_or(10_000)
}

/// Runs `test` on `cases()` inputs from `strategy`; a panic fails the test
/// with the (shrunk) input that caused it.
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let cases = cases();
    let config = Config {
        cases,
        // Inputs that fail are printed; nothing is written next to the tests.
        failure_persistence: None,
        max_shrink_iters: 10_000,
        ..Config::default()
    };
    let start = Instant::now();
    let mut runner = TestRunner::new(config);
    if let Err(failure) = runner.run(&strategy, test) {
        panic!("{name}: {failure}");
    }
    eprintln!(
        "{name}: {cases} inputs, no panic, in {:.1} s",
        start.elapsed().as_secs_f64()
    );
}

// ---- Pieces of text -------------------------------------------------------

const MONTHS: &[&str] = &[
    "January",
    "june",
    "SEPT",
    "Sep",
    "mayo",
    "de septiembre de",
    "setiembre",
    "Dec",
    "Juni",
    "",
];

/// Characters that have broken terminals and parsers: controls, C1,
/// escape introducers, bidi, zero-width and format characters, combining
/// marks, halfwidth kana, surrogate-adjacent and private-use code points.
const ODD: &str = "[\\x00-\\x1f\\x7f\u{80}-\u{9f}\u{ad}\u{300}-\u{36f}\u{200b}-\u{200f}\u{2028}\u{2029}\u{202a}-\u{202e}\u{2060}-\u{2064}\u{2066}-\u{2069}\u{feff}\u{fff9}-\u{fffd}\u{ff61}-\u{ff9f}\u{d7ff}\u{e000}\u{10ffff}\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}\u{fe0f}👨👩👧😀移民한ガ\\\\\"'<>&;\\[\\]{}]{1,6}";

/// Text of any kind: printable, odd characters, escape sequences.
fn text_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "\\PC{0,24}",
        2 => "[a-zA-Z ]{1,16}",
        3 => ODD,
        1 => prop::sample::select(vec![
            "\x1b]0;title\x07", "\x1b]52;c;ZXZpbA==\x1b\\", "\x1b[2J", "\x1b[", "\u{9b}31m",
            "\x1bP", "\x1b", "e\u{301}", "👨\u{200d}👩\u{200d}👧", "🇬🇹", "ｶﾞ", "\r\n", "\r",
            "\t", " ", "  ", "\u{feff}", "\u{0}",
        ]).prop_map(str::to_string),
    ]
}

/// A line that is, or nearly is, a date line.
fn date_line() -> impl Strategy<Value = String> {
    let month = prop::sample::select(MONTHS);
    prop_oneof![
        (0u32..40, month.clone(), -10i32..100_000).prop_map(|(d, m, y)| format!("{d} {m} {y}")),
        (month.clone(), 0u32..40, 0i32..10_000).prop_map(|(m, d, y)| format!("{m} {d}, {y}")),
        (0u32..10_000, 0u32..20, 0u32..40).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (text_piece(), 1u32..29, month).prop_map(|(t, d, m)| format!("{t}{d} {m}, 2022")),
    ]
}

/// Archive text: date lines, headlines, bodies, blank lines, mixed with
/// anything.
fn archive_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => date_line(),
        4 => text_piece(),
        3 => prop::sample::select(vec!["\n", "\n\n", "\r\n\r\n", "\n\n\n"]).prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// Bytes of an archive: as UTF-8, UTF-16 with a BOM, with a BOM, or noise.
fn archive_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => archive_text().prop_map(String::into_bytes),
        1 => archive_text().prop_map(|text| {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }),
        1 => archive_text().prop_map(|text| {
            let mut bytes = vec![0xFE, 0xFF];
            bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            bytes
        }),
        1 => archive_text().prop_map(|text| [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()),
        2 => (archive_text(), prop::collection::vec(any::<u8>(), 0..64), any::<prop::sample::Index>())
            .prop_map(|(text, noise, at)| {
                let mut bytes = text.into_bytes();
                let at = at.index(bytes.len() + 1);
                bytes.splice(at..at, noise);
                bytes
            }),
    ]
}

// ---- JSON -------------------------------------------------------------------

fn json_string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => text_piece().prop_map(|text| serde_json::to_string(&text).unwrap()),
        1 => prop::sample::select(vec![
            "\"\\ud800\"", "\"\\u0000\"", "\"\\udfff\\ud800\"", "\"\\x\"", "\"unterminated",
            "\"2022-02-30\"", "\"+12345-01-01\"", "\"2022-01-01T00:00:00Z\"", "\"\"",
        ]).prop_map(str::to_string),
    ]
}

fn json_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => json_string(),
        1 => "-?[0-9]{1,25}(\\.[0-9]{0,5})?([eE][+-]?[0-9]{1,4})?",
        1 => prop::sample::select(vec!["null", "true", "false", "[]", "{}", "[[[[", "]]]"])
            .prop_map(str::to_string),
    ]
}

/// An item object, its fields well named and their values anything.
fn json_item() -> impl Strategy<Value = String> {
    let key = || {
        prop::sample::select(vec![
            "date", "headline", "body", "link", "source", "read", "starred", "other", "",
        ])
    };
    let date = || {
        (1990i32..2030, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| format!("\"{y:04}-{m:02}-{d:02}\""))
    };
    let field = || {
        (key(), prop_oneof![2 => date(), 3 => json_value()])
            .prop_map(|(key, value)| format!("\"{key}\":{value}"))
    };
    let text = || text_piece().prop_map(|text| serde_json::to_string(&text).unwrap());
    let string_field = |key: &'static str| {
        prop::option::of(text()).prop_map(move |value| {
            value.map_or(String::new(), |value| format!(",\"{key}\":{value}"))
        })
    };
    let flag_field = |key: &'static str| {
        prop::option::of(any::<bool>()).prop_map(move |value| {
            value.map_or(String::new(), |value| format!(",\"{key}\":{value}"))
        })
    };
    let well_typed = (
        date(),
        text(),
        (
            string_field("body"),
            string_field("link"),
            string_field("source"),
        ),
        (flag_field("read"), flag_field("starred")),
    )
        .prop_map(|(date, headline, (body, link, source), (read, starred))| {
            format!(
                "{{\"date\":{date},\"headline\":{headline}{body}{link}{source}{read}{starred}}}"
            )
        });
    prop_oneof![
        // The fields an export has, each there or not, their text anything.
        6 => well_typed,
        // A date and a headline, then anything.
        1 => (date(), json_string(), prop::collection::vec(field(), 0..4)).prop_map(
            |(date, headline, fields)| {
                let rest: String = fields.iter().map(|field| format!(",{field}")).collect();
                format!("{{\"date\":{date},\"headline\":{headline}{rest}}}")
            }
        ),
        1 => prop::collection::vec(field(), 0..8)
            .prop_map(|fields| format!("{{{}}}", fields.join(","))),
    ]
}

/// An array of items.
fn json_array() -> impl Strategy<Value = String> {
    prop::collection::vec(json_item(), 0..6).prop_map(|items| format!("[{}]", items.join(",")))
}

fn json_token() -> impl Strategy<Value = String> {
    prop_oneof![
        json_value(),
        prop::sample::select(vec!["[", "]", "{", "}", ",", ":", " ", "\n"])
            .prop_map(str::to_string),
    ]
}

/// A JSON archive, whole, cut short, or with a token out of place.
fn json_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => json_array(),
        2 => (json_array(), any::<prop::sample::Index>()).prop_map(|(text, at)| {
            let at = at.index(text.len() + 1);
            text[..floor(&text, at)].to_string()
        }),
        2 => (json_array(), json_token(), any::<prop::sample::Index>()).prop_map(|(text, token, at)| {
            let at = floor(&text, at.index(text.len() + 1));
            format!("{}{token}{}", &text[..at], &text[at..])
        }),
        1 => prop::collection::vec(json_token(), 0..40).prop_map(|tokens| tokens.concat()),
    ]
}

/// The last character boundary of `text` at or before `at`.
fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

// ---- Feeds ------------------------------------------------------------------

/// Pieces of RSS, Atom and RDF documents, HTML inside them, entities, CDATA.
fn feed_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
            "<?xml version=\"1.0\" encoding=\"bogus\"?>",
            "<rss version=\"2.0\">", "</rss>", "<channel>", "</channel>", "<item>", "</item>",
            "<title>", "</title>", "<link>", "</link>", "<description>", "</description>",
            "<pubDate>", "</pubDate>", "<guid>", "</guid>", "<content:encoded>",
            "</content:encoded>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "</feed>", "<entry>", "</entry>",
            "<updated>", "</updated>", "<published>", "</published>", "<id>", "</id>",
            "<content type=\"html\">", "<content type=\"xhtml\">", "</content>",
            "<summary>", "</summary>", "<link href=\"https://example.org/a\"/>",
            "<link rel=\"alternate\" href=\"javascript:alert(1)\"/>",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">",
            "</rdf:RDF>", "<![CDATA[", "]]>", "&amp;", "&lt;p&gt;", "&#x1F600;", "&#0;",
            "&#xD800;", "&bogus;", "&", "<", ">", "<p>", "</p>", "<br/>", "<script>", "</script>",
            "<table><tr><td>", "</td></tr></table>", "<a href=\"x\">", "</a>", "<ul><li>",
            "<pre>", "</pre>", "<!--", "-->", "<!DOCTYPE rss [<!ENTITY e \"x\">]>",
            "Mon, 02 Jan 2006 15:04:05 -0700", "2006-01-02T15:04:05Z", "31 Feb 2022",
            "https://example.org/item?id=1&x=2",
        ]).prop_map(str::to_string),
        3 => text_piece(),
    ]
}

/// A JSON Feed, more or less.
fn json_feed() -> impl Strategy<Value = String> {
    let item = prop::collection::vec(
        (
            prop::sample::select(vec![
                "id",
                "url",
                "title",
                "content_html",
                "content_text",
                "summary",
                "date_published",
                "date_modified",
                "external_url",
                "authors",
            ]),
            json_value(),
        ),
        0..6,
    )
    .prop_map(|fields| {
        let fields: Vec<String> = fields
            .into_iter()
            .map(|(key, value)| format!("\"{key}\":{value}"))
            .collect();
        format!("{{{}}}", fields.join(","))
    });
    (json_value(), prop::collection::vec(item, 0..4)).prop_map(|(title, items)| {
        format!(
            "{{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":{title},\"items\":[{}]}}",
            items.join(",")
        )
    })
}

/// Content of an element: text, now and then markup, entities, CDATA.
fn feed_content() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => "[a-zA-Z0-9 ,.:/-]{0,16}",
        1 => text_piece(),
        1 => feed_piece(),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|pieces| pieces.concat())
}

/// An RSS or Atom document of the right shape, its contents anything.
fn shaped_feed() -> impl Strategy<Value = String> {
    let rss_item = (feed_content(), feed_content(), feed_content(), feed_content()).prop_map(
        |(title, link, date, description)| {
            format!(
                "<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate><description>{description}</description></item>"
            )
        },
    );
    let atom_entry = (feed_content(), feed_content(), feed_content(), feed_content()).prop_map(
        |(title, link, date, content)| {
            format!(
                "<entry><title>{title}</title><link href=\"{link}\"/><updated>{date}</updated><content type=\"html\">{content}</content></entry>"
            )
        },
    );
    prop_oneof![
        (feed_content(), prop::collection::vec(rss_item, 0..4)).prop_map(|(title, items)| format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>{}</channel></rss>",
            items.concat()
        )),
        (feed_content(), prop::collection::vec(atom_entry, 0..4)).prop_map(|(title, entries)| format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{title}</title>{}</feed>",
            entries.concat()
        )),
    ]
}

fn feed_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => shaped_feed().prop_map(String::into_bytes),
        2 => (shaped_feed(), any::<prop::sample::Index>()).prop_map(|(text, at)| {
            text.as_bytes()[..floor(&text, at.index(text.len() + 1))].to_vec()
        }),
        3 => prop::collection::vec(feed_piece(), 0..60).prop_map(|p| p.concat().into_bytes()),
        2 => json_feed().prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..200),
        1 => prop::collection::vec(feed_piece(), 0..40).prop_map(|pieces| {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(pieces.concat().encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }),
    ]
}

// ---- Queries ----------------------------------------------------------------

/// Queries made of every operator of the language, words and odd text.
fn query_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z]{1,6}",
        2 => prop::sample::select(vec![
            "!", "^", "'", "$", "|", " | ", "\\", "\\ ", " ", "  ", "!^", "\\$", "\\!", "^$",
            ">2022", "<2023-06", "@2022-03-15", ">9999-12-31", "<0000", "@2022-13", ">",
            "is:", "is:unread", "!is:read", "IS:STARRED", "is:bogus", "src:", "src:'gen",
            "!src:iom", "SRC:^x$", "México", "méxico", "MEXICO", "Me\u{301}xico", "移民",
            "😀", "🇬🇹", "ｶﾞ", "ß", "İ", "ﬁ", "Ω",
        ]).prop_map(str::to_string),
        1 => ODD,
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// Headlines of the seed archive's kind and of every odd kind, and bodies.
fn fuzz_archive() -> &'static Archive {
    static ARCHIVE: OnceLock<Archive> = OnceLock::new();
    ARCHIVE.get_or_init(|| {
        let mut text = sample::archive_text(100, 7);
        text.push_str(
            "1 May 2022\n\nMéxico Me\u{301}xico 移民 😀 🇬🇹 👨\u{200d}👩\u{200d}👧 ｶﾞ ß İ\n\nBody 移民 e\u{301}.\n\n\
             2 May 2022\n\n   spaced   headline   \n\n\n\n\
             3 May 2022\n\nIOM\n\nIOM\n",
        );
        let mut archive = Archive::new();
        source::add_bytes(&mut archive, "fuzz", text.into_bytes()).unwrap();
        archive.sort();
        archive
    })
}

// ---- The tests ----------------------------------------------------------------

#[test]
#[ignore = "fuzzing: run with --ignored fuzz"]
fn fuzz_text_archive_parser() {
    let with_items = AtomicUsize::new(0);
    fuzz("text archive parser", archive_bytes(), |bytes| {
        let text = String::from_utf8_lossy(&bytes);
        let whole = parse::parse(&text);
        let parallel = parse::parse_parallel(&text);
        prop_assert_eq!(whole.items.len(), parallel.items.len());
        let mut archive = Archive::new();
        if source::add_bytes(&mut archive, "fuzz", bytes).is_ok() {
            with_items.fetch_add(1, Relaxed);
            archive.sort();
            for index in 0..archive.len() {
                let item = archive.get(index);
                let mut out = String::new();
                parse::write_item(&item, &mut out);
            }
        }
        Ok(())
    });
    eprintln!("  of which {} loaded items", with_items.into_inner());
}

#[test]
#[ignore = "fuzzing: run with --ignored fuzz"]
fn fuzz_json_reader() {
    let with_items = AtomicUsize::new(0);
    fuzz("JSON reader", json_text(), |text| {
        let _ = json::import(&text);
        let mut archive = Archive::new();
        if source::add_bytes(&mut archive, "fuzz.json", text.into_bytes()).is_ok() {
            with_items.fetch_add(usize::from(!archive.is_empty()), Relaxed);
            archive.sort();
            let states = ItemStates::unread(archive.len());
            let mut out = Vec::new();
            let items = (0..archive.len()).map(|i| json::Export {
                item: archive.get(i),
                state: states.get(i),
                places: None,
            });
            json::write_items(items, &mut out).unwrap();
        }
        Ok(())
    });
    eprintln!("  of which {} loaded items", with_items.into_inner());
}

#[test]
#[ignore = "fuzzing: run with --ignored fuzz"]
fn fuzz_feed_parser() {
    // parse_feed turns a panic inside feed-rs or html5ever into an error
    // for that feed; a hook counts them, so that they fail the test too.
    thread_local!(static PANICS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.with(|count| count.set(count.get() + 1));
        previous(info);
    }));
    let content_type = prop::option::of(prop::sample::select(vec![
        "application/rss+xml; charset=iso-8859-1",
        "text/xml; charset=utf-16",
        "application/json",
        "text/html; charset=bogus",
    ]));
    let with_items = AtomicUsize::new(0);
    fuzz(
        "feed parser",
        (feed_bytes(), content_type),
        |(bytes, content_type)| {
            let before = PANICS.with(std::cell::Cell::get);
            if let Ok(feed) = parse_feed(&bytes, content_type) {
                with_items.fetch_add(usize::from(!feed.items.is_empty()), Relaxed);
            }
            prop_assert_eq!(
                PANICS.with(std::cell::Cell::get),
                before,
                "a panic inside parse_feed"
            );
            Ok(())
        },
    );
    eprintln!("  of which {} parsed to items", with_items.into_inner());
}

#[test]
#[ignore = "fuzzing: run with --ignored fuzz"]
fn fuzz_query_parser_and_matcher() {
    let archive = fuzz_archive();
    // One searcher for all inputs, as the reader keeps one: each query also
    // narrows or widens the previous one.
    let searcher = RefCell::new(Searcher::new(archive));
    let states = (0..archive.len()).fold(ItemStates::unread(archive.len()), |mut states, i| {
        let state = ItemState {
            read: i % 3 == 0,
            starred: i % 7 == 0,
        };
        states.set(i, state);
        states
    });
    let strategy = (
        prop::collection::vec(query_text(), 1..4),
        any::<bool>(),
        any::<bool>(),
    );
    let matched = AtomicUsize::new(0);
    fuzz(
        "query parser and matcher",
        strategy,
        |(queries, full_text, by_date)| {
            let scope = if full_text {
                Scope::FullText
            } else {
                Scope::Headlines
            };
            let order = if by_date {
                SortOrder::Date
            } else {
                SortOrder::Score
            };
            let mut searcher = searcher.borrow_mut();
            for (number, query) in queries.iter().enumerate() {
                let _ = Query::parse(query);
                // The first typed a character at a time, as in the filter
                // bar; the others pasted whole.
                let ends: Vec<usize> = match number {
                    0 => query.char_indices().skip(1).map(|(at, _)| at).collect(),
                    _ => Vec::new(),
                };
                for end in ends.into_iter().chain([query.len()]) {
                    let typed = &query[..end];
                    let corpus = Corpus::new(archive, &states);
                    if let Ok(Some(found)) = searcher.search(corpus, typed, scope, order, &|| false)
                    {
                        prop_assert!(found.iter().all(|m| (m.index as usize) < archive.len()));
                        matched.fetch_add(usize::from(!found.is_empty()), Relaxed);
                    }
                }
            }
            Ok(())
        },
    );
    eprintln!("  {} searches matched items", matched.into_inner());
}

#[test]
#[ignore = "fuzzing: run with --ignored fuzz"]
fn fuzz_highlight_mapper() {
    let date = NaiveDate::from_ymd_opt(2022, 5, 1).unwrap();
    let strategy = (
        (query_text(), any::<Option<prop::sample::Index>>()),
        archive_text(),
        archive_text(),
        0usize..120,
        any::<bool>(),
    );
    let highlighted = AtomicUsize::new(0);
    fuzz(
        "highlight mapper",
        strategy,
        |((query, from_headline), headline, body, width, full_text)| {
            // Some queries are a piece of the headline, so that they match.
            let query = match from_headline {
                Some(at) => {
                    let words: Vec<&str> = headline.split_word_bounds().collect();
                    let start = at.index(words.len() + 1);
                    words[start.min(words.len())..]
                        .iter()
                        .take(3)
                        .copied()
                        .collect()
                }
                None => query,
            };
            let Ok(query) = Query::parse(&query) else {
                return Ok(());
            };
            let item = Item {
                date,
                headline: &headline,
                body: &body,
                link: "",
                source: "fuzz",
            };
            let scope = if full_text {
                Scope::FullText
            } else {
                Scope::Headlines
            };
            let found = highlights(&query, item, scope, &mut Scratch::new());
            highlighted.fetch_add(usize::from(!found.headline.is_empty()), Relaxed);
            for (positions, text) in [(&found.headline, &headline), (&found.body, &body)] {
                let chars = text.chars().count();
                prop_assert!(positions.is_sorted() && positions.windows(2).all(|w| w[0] < w[1]));
                prop_assert!(positions.iter().all(|&p| (p as usize) < chars));
            }
            // The row drawn from them fits its width.
            let shown = printable(&headline);
            let mut spans = Vec::new();
            let mut budget = width;
            push_fitted_around(
                &mut spans,
                &shown,
                &found.headline,
                Style::new(),
                Style::new(),
                &mut budget,
            );
            let used: usize = spans
                .iter()
                .flat_map(|span| span.content.graphemes(true))
                .map(migranews::reader::width::grapheme_width)
                .sum();
            prop_assert!(used <= width, "{used} cells drawn in {width}");
            prop_assert_eq!(used + budget, width);
            // The article's marks are byte ranges on character boundaries.
            for range in Marks::from_query(&query).find(&body) {
                prop_assert!(range.start < range.end && range.end <= body.len());
                prop_assert!(
                    body.is_char_boundary(range.start) && body.is_char_boundary(range.end)
                );
            }
            Ok(())
        },
    );
    eprintln!(
        "  of which {} highlighted the headline",
        highlighted.into_inner()
    );
}
