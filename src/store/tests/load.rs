//! Loading the store as an archive: order, links, sources, headlines only, large text.

use chrono::{Days, TimeZone, Utc};

use super::{FEED, TempStore, by_guid, june};
use crate::archive::item::{Archive, Item};
use crate::archive::sample;
use crate::store::{Contents, FetchRecord, NewItem};

const OTHER: &str = "https://other.example.org/rss";

fn fields(archive: &Archive) -> Vec<Item<'_>> {
    archive.iter().collect()
}

/// Two feeds and a file, fetched in an order unlike the items' dates.
fn mixed_store() -> TempStore {
    let mut temp = TempStore::new();
    temp.subscribe(OTHER, Some("Other, as named")).unwrap();
    let titled = FetchRecord::Updated {
        title: Some("Migration News"),
        items: &[
            NewItem {
                link: Some("https://news.example.org/noon"),
                ..by_guid("noon", "June 2, noon", june(2, 12))
            },
            by_guid("morning", "June 2, morning", june(2, 8)),
        ],
        etag: None,
        last_modified: None,
        permanent_url: None,
    };
    temp.record_fetch(FEED, titled).unwrap();
    temp.fetch(
        OTHER,
        &[
            by_guid("late", "June 3", june(3, 23)),
            // The same time as "June 2, noon", saved later: after it.
            by_guid("tie", "June 2, noon too", june(2, 12)),
        ],
    );
    let file = crate::archive::test_support::archive_from("2 June, 2024\n\nJune 2, from a file\n");
    temp.import_file("old.txt", file.iter()).unwrap();
    temp
}

#[test]
fn items_come_newest_first_with_links_and_sources() {
    let temp = mixed_store();
    let archive = temp.load_archive(Contents::Full).unwrap();
    let seen: Vec<_> = fields(&archive)
        .iter()
        .map(|item| (item.date.to_string(), item.headline, item.link, item.source))
        .collect();
    let d2 = "2024-06-02".to_string();
    assert_eq!(
        seen,
        [
            ("2024-06-03".into(), "June 3", "", "Other, as named"),
            (
                d2.clone(),
                "June 2, noon",
                "https://news.example.org/noon",
                "Migration News"
            ),
            (d2.clone(), "June 2, noon too", "", "Other, as named"),
            (d2.clone(), "June 2, morning", "", "Migration News"),
            (d2, "June 2, from a file", "", "old.txt"),
        ]
    );
    assert!(archive.warnings().is_empty());
    assert_eq!(archive.get(1).body, "A paragraph.\n\nAnother one.");
}

#[test]
fn a_source_without_a_title_is_shown_by_its_address() {
    let mut temp = TempStore::new();
    temp.fetch(FEED, &[by_guid("a", "A", june(1, 1))]);
    let archive = temp.load_archive(Contents::Full).unwrap();
    assert_eq!(archive.get(0).source, FEED);
}

#[test]
fn headlines_leave_bodies_empty_and_the_rest_as_full() {
    let temp = mixed_store();
    let full = temp.load_archive(Contents::Full).unwrap();
    let headlines = temp.load_archive(Contents::Headlines).unwrap();
    let without_bodies: Vec<Item<'_>> = full.iter().map(|item| Item { body: "", ..item }).collect();
    assert_eq!(fields(&headlines), without_bodies);
    assert!(full.iter().any(|item| !item.body.is_empty()));
}

#[test]
fn an_empty_store_loads_as_an_empty_archive() {
    let temp = TempStore::new();
    assert!(temp.load_archive(Contents::Full).unwrap().is_empty());
    assert!(temp.load_archive(Contents::Headlines).unwrap().is_empty());
}

#[test]
fn an_imported_file_loads_as_the_file_does() {
    let mut temp = TempStore::new();
    let from_file = sample::archive(300, 11);
    temp.import_file("generated", from_file.iter()).unwrap();
    let from_store = temp.load_archive(Contents::Full).unwrap();
    assert_eq!(fields(&from_store), fields(&from_file));
}

#[test]
fn text_beyond_one_buffer_is_split_across_buffers_in_order() {
    let mut temp = TempStore::new();
    let bodies: Vec<String> = (0..40)
        .map(|i| format!("Body {i} ").repeat(i % 7))
        .collect();
    let headlines: Vec<String> = (0..40).map(|i| format!("Headline {i}")).collect();
    let guids: Vec<String> = (0..40).map(|i| format!("g{i}")).collect();
    let base = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let items: Vec<NewItem<'_>> = (0..40)
        .map(|i| NewItem {
            guid: Some(&guids[i]),
            headline: &headlines[i],
            body: bodies[i].trim(),
            // Several items a day, some at the same time.
            published: Some(base + Days::new(i as u64 / 4) + chrono::Duration::hours(i as i64 % 3)),
            ..NewItem::default()
        })
        .collect();
    temp.fetch(FEED, &items);
    let whole = temp.load_archive(Contents::Full).unwrap();
    for max_buffer in [1, 60, 200, 1000] {
        let split = temp.load_split(Contents::Full, max_buffer).unwrap();
        assert_eq!(
            fields(&split),
            fields(&whole),
            "buffers of {max_buffer} bytes"
        );
    }
}
