//! Saving items: deduplication, updates in place, counts, cleaning.

use proptest::prelude::*;
use std::collections::HashMap;

use super::{FEED, TempStore, by_guid, june};
use crate::archive::item::iso_date;
use crate::store::{Contents, NewItem, SaveCounts};

const NEW: SaveCounts = SaveCounts { new: 1, updated: 0 };
const UPDATED: SaveCounts = SaveCounts { new: 0, updated: 1 };
const SAME: SaveCounts = SaveCounts { new: 0, updated: 0 };

#[test]
fn items_are_known_by_guid_and_updated_in_place() {
    let mut temp = TempStore::new();
    assert_eq!(temp.fetch(FEED, &[by_guid("g1", "First", june(1, 9))]), NEW);
    let id = temp.id_of("g:g1");
    // The same item again: neither new nor updated.
    assert_eq!(
        temp.fetch(FEED, &[by_guid("g1", "First", june(1, 9))]),
        SAME
    );
    // Each of headline, body, link and date changed: updated, same row.
    let changes = [
        by_guid("g1", "First, corrected", june(1, 9)),
        NewItem {
            body: "A new body.",
            ..by_guid("g1", "First, corrected", june(1, 9))
        },
        NewItem {
            link: Some("https://news.example.org/1"),
            body: "A new body.",
            ..by_guid("g1", "First, corrected", june(1, 9))
        },
        NewItem {
            link: Some("https://news.example.org/1"),
            body: "A new body.",
            ..by_guid("g1", "First, corrected", june(2, 9))
        },
    ];
    for change in changes {
        assert_eq!(temp.fetch(FEED, &[change]), UPDATED, "{change:?}");
        assert_eq!(temp.id_of("g:g1"), id);
    }
    let archive = temp.load_archive(Contents::Full).unwrap();
    assert_eq!(archive.len(), 1);
    let item = archive.get(0);
    assert_eq!(item.headline, "First, corrected");
    assert_eq!(item.body, "A new body.");
    assert_eq!(item.link, "https://news.example.org/1");
    assert_eq!(item.date, june(2, 9).date_naive());
}

#[test]
fn without_a_guid_items_are_known_by_link() {
    let mut temp = TempStore::new();
    let item = NewItem {
        link: Some("https://news.example.org/2"),
        headline: "Second",
        published: Some(june(3, 10)),
        ..NewItem::default()
    };
    assert_eq!(temp.fetch(FEED, &[item]), NEW);
    let id = temp.id_of("l:https://news.example.org/2");
    let renamed = NewItem {
        headline: "Second, renamed",
        ..item
    };
    assert_eq!(temp.fetch(FEED, &[renamed]), UPDATED);
    assert_eq!(temp.id_of("l:https://news.example.org/2"), id);
    // An empty guid is no guid.
    let empty_guid = NewItem {
        guid: Some(" "),
        ..renamed
    };
    assert_eq!(temp.fetch(FEED, &[empty_guid]), SAME);
}

#[test]
fn without_guid_or_link_items_are_known_by_headline_and_date() {
    let mut temp = TempStore::new();
    let item = NewItem {
        headline: "Third",
        body: "Body.",
        published: Some(june(4, 8)),
        ..NewItem::default()
    };
    assert_eq!(temp.fetch(FEED, &[item]), NEW);
    let id = temp.id_of("h:2024-06-04:Third");
    // Same day, later time, new body: the same item, updated.
    let later = NewItem {
        body: "Body, longer.",
        published: Some(june(4, 20)),
        ..item
    };
    assert_eq!(temp.fetch(FEED, &[later]), UPDATED);
    assert_eq!(temp.id_of("h:2024-06-04:Third"), id);
    // Another day, or another headline: another item.
    let next_day = NewItem {
        published: Some(june(5, 8)),
        ..item
    };
    let other = NewItem {
        headline: "Fourth",
        ..item
    };
    let counts = temp.fetch(FEED, &[next_day, other]);
    assert_eq!(counts, SaveCounts { new: 2, updated: 0 });
    assert_eq!(temp.item_count().unwrap(), 3);
}

#[test]
fn the_same_guid_twice_in_one_fetch_keeps_the_first() {
    let mut temp = TempStore::new();
    let items = [
        by_guid("dup", "Newest copy", june(6, 12)),
        by_guid("dup", "Older copy", june(6, 11)),
        by_guid("other", "Other", june(6, 10)),
    ];
    assert_eq!(temp.fetch(FEED, &items), SaveCounts { new: 2, updated: 0 });
    // Again: nothing changed, whatever the order within the feed.
    assert_eq!(temp.fetch(FEED, &items), SAME);
    let archive = temp.load_archive(Contents::Headlines).unwrap();
    let headlines: Vec<_> = archive.iter().map(|item| item.headline).collect();
    assert_eq!(headlines, ["Newest copy", "Other"]);
}

#[test]
fn an_undated_item_keeps_the_time_it_was_first_seen() {
    let mut temp = TempStore::new();
    let item = NewItem {
        guid: Some("undated"),
        headline: "No date",
        ..NewItem::default()
    };
    let before = chrono::Utc::now().timestamp();
    assert_eq!(temp.fetch(FEED, &[item]), NEW);
    let seen: i64 = temp.published_of("g:undated");
    assert!((before..=chrono::Utc::now().timestamp()).contains(&seen));
    // Pretend it was first seen long ago: fetching it again keeps that.
    temp.store
        .conn
        .execute("UPDATE items SET published = 1000000000", [])
        .unwrap();
    assert_eq!(temp.fetch(FEED, &[item]), SAME);
    assert_eq!(temp.published_of("g:undated"), 1_000_000_000);
    let archive = temp.load_archive(Contents::Full).unwrap();
    assert_eq!(iso_date(archive.get(0).date).as_str(), "2001-09-09");
}

impl TempStore {
    fn published_of(&self, key: &str) -> i64 {
        self.store
            .conn
            .query_row("SELECT published FROM items WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .unwrap()
    }
}

#[test]
fn escape_sequences_are_removed_before_saving() {
    let mut temp = TempStore::new();
    let item = NewItem {
        guid: Some("evil"),
        link: Some("https://news.example.org/\x1b]8;;x\x07evil"),
        headline: "Red \x1b[31malert\x1b[0m\r\nsecond line\u{202E}",
        body: "one\x1b]0;title\x07 two\r\n\x1b[2J\r\n\r\nthree\x07",
        published: Some(june(7, 7)),
    };
    temp.fetch(FEED, &[item]);
    let archive = temp.load_archive(Contents::Full).unwrap();
    let saved = archive.get(0);
    assert_eq!(saved.headline, "Red alert second line");
    assert_eq!(saved.body, "one two\n\nthree");
    assert_eq!(saved.link, "https://news.example.org/evil");
    // The same dirty item again is the same item, unchanged.
    assert_eq!(temp.fetch(FEED, &[item]), SAME);
}

/// One generated feed item: small ranges, so that keys collide often.
#[derive(Debug, Clone)]
struct Spec {
    guid: Option<u8>,
    link: Option<u8>,
    headline: u8,
    day: Option<u8>,
    body: u8,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        proptest::option::of(0..4u8),
        proptest::option::of(0..3u8),
        0..3u8,
        proptest::option::of(1..4u8),
        0..2u8,
    )
        .prop_map(|(guid, link, headline, day, body)| Spec {
            guid,
            link,
            headline,
            day,
            body,
        })
}

/// The item's text, and the dedup key the store should find it by.
struct Texts {
    guid: Option<String>,
    link: Option<String>,
    headline: String,
    body: String,
    key: String,
}

fn texts(spec: &Spec) -> Texts {
    let guid = spec.guid.map(|g| format!("guid-{g}"));
    let link = spec.link.map(|l| format!("https://e.org/{l}"));
    let headline = format!("Headline {}", spec.headline);
    let key = match (&guid, &link) {
        (Some(guid), _) => format!("g:{guid}"),
        (None, Some(link)) => format!("l:{link}"),
        (None, None) => format!("h:{:?}:{headline}", spec.day),
    };
    Texts {
        guid,
        link,
        headline,
        body: format!("Body {}.", spec.body),
        key,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn one_item_per_distinct_key_with_its_latest_text(
        fetches in proptest::collection::vec(proptest::collection::vec(spec(), 0..6), 1..5)
    ) {
        let mut temp = TempStore::new();
        // Key -> (headline, link, body) as the store should have it.
        let mut expected: HashMap<String, (String, String, String)> = HashMap::new();
        for fetch in &fetches {
            let texts: Vec<Texts> = fetch.iter().map(texts).collect();
            let items: Vec<NewItem<'_>> = fetch
                .iter()
                .zip(&texts)
                .map(|(spec, text)| NewItem {
                    guid: text.guid.as_deref(),
                    link: text.link.as_deref(),
                    headline: &text.headline,
                    body: &text.body,
                    published: spec.day.map(|day| june(u32::from(day), 12)),
                })
                .collect();
            temp.fetch(FEED, &items);
            let mut seen_now = std::collections::HashSet::new();
            for text in &texts {
                // Within one fetch the first of a key wins.
                if seen_now.insert(text.key.clone()) {
                    let link = text.link.clone().unwrap_or_default();
                    expected.insert(text.key.clone(), (text.headline.clone(), link, text.body.clone()));
                }
            }
        }
        let archive = temp.load_archive(Contents::Full).unwrap();
        prop_assert_eq!(archive.len(), expected.len());
        prop_assert_eq!(temp.item_count().unwrap(), expected.len() as u64);
        let mut loaded: Vec<_> = archive
            .iter()
            .map(|item| (item.headline.to_string(), item.link.to_string(), item.body.to_string()))
            .collect();
        let mut wanted: Vec<_> = expected.into_values().collect();
        loaded.sort();
        wanted.sort();
        prop_assert_eq!(loaded, wanted);
    }
}
