//! Importing files: keys, their own sources, duplicates reported.

use chrono::NaiveDate;

use super::{FEED, TempStore};
use crate::archive::item::Item;
use crate::archive::state::ItemState;
use crate::store::{Contents, ImportCounts, SaveCounts, SourceKind};

fn item<'a>(day: u32, headline: &'a str, link: &'a str) -> Item<'a> {
    Item {
        date: NaiveDate::from_ymd_opt(2024, 6, day).unwrap(),
        headline,
        body: "A paragraph.",
        link,
        source: "",
    }
}

const UNREAD: ItemState = ItemState::UNREAD;

fn counts(new: usize, updated: usize, duplicates: usize) -> ImportCounts {
    ImportCounts {
        saved: SaveCounts { new, updated },
        duplicates,
    }
}

#[test]
fn two_stories_with_one_headline_and_day_are_two_items() {
    let mut temp = TempStore::new();
    let items = [
        item(1, "Weekly briefing", "https://a.org/1"),
        item(1, "Weekly briefing", "https://a.org/2"),
        item(1, "Weekly briefing", "https://a.org/2"),
        item(2, "No link", ""),
        item(2, "No link", ""),
    ];
    let imported = temp
        .import(items.map(|item| ("s.json", item, UNREAD)))
        .unwrap();
    assert_eq!(imported, counts(3, 0, 2));
    assert_eq!(temp.item_count().unwrap(), 3);
    // Again: nothing new; the repeats within the file are repeats again.
    let again = temp
        .import(items.map(|item| ("s.json", item, UNREAD)))
        .unwrap();
    assert_eq!(again, counts(0, 0, 2));
}

#[test]
fn items_are_filed_under_the_source_named_beside_them() {
    let mut temp = TempStore::new();
    let items = [
        ("IOM", item(1, "One", "https://a.org/1"), UNREAD),
        ("s.json", item(1, "Two", ""), UNREAD),
        ("IOM", item(2, "Three", "https://a.org/3"), UNREAD),
    ];
    assert_eq!(temp.import(items).unwrap(), counts(3, 0, 0));
    let iom = temp.source("IOM").unwrap().unwrap();
    assert_eq!((iom.kind, iom.item_count), (SourceKind::File, 2));
    assert_eq!(iom.last_result.as_deref(), Some("2 new, 0 updated"));
    assert_eq!(temp.source("s.json").unwrap().unwrap().item_count, 1);
    let archive = temp.load_archive(Contents::Headlines).unwrap();
    let mut filed: Vec<(&str, &str)> = archive
        .iter()
        .map(|item| (item.source, item.headline))
        .collect();
    filed.sort();
    assert_eq!(filed, [("IOM", "One"), ("IOM", "Three"), ("s.json", "Two")]);
    // A name that is a feed's address imports nothing at all.
    let error = temp
        .import([
            ("s.json", item(3, "Four", ""), UNREAD),
            (FEED, item(3, "Five", ""), UNREAD),
        ])
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("{FEED}: already the address of a feed")
    );
    assert_eq!(temp.item_count().unwrap(), 3);
}

#[test]
fn an_item_imported_before_links_were_keys_is_updated_not_doubled() {
    let mut temp = TempStore::new();
    // Imported from a text archive, or by a migranews that keyed on the headline.
    temp.import([("s.json", item(1, "Story", ""), UNREAD)])
        .unwrap();
    let id = temp.id_of("h:2024-06-01:Story");
    let linked = item(1, "Story", "https://a.org/story");
    assert_eq!(
        temp.import([("s.json", linked, UNREAD)]).unwrap(),
        counts(0, 1, 0)
    );
    assert_eq!(
        temp.id_of("l:https://a.org/story"),
        id,
        "the same row, keyed anew"
    );
    assert_eq!(temp.item_count().unwrap(), 1);
    assert_eq!(
        temp.import([("s.json", linked, UNREAD)]).unwrap(),
        counts(0, 0, 0)
    );
}

#[test]
fn read_and_starred_given_with_an_item_become_its_state() {
    let mut temp = TempStore::new();
    let starred = ItemState {
        read: true,
        starred: true,
    };
    temp.import([
        ("s.json", item(1, "Kept", "https://a.org/1"), starred),
        ("s.json", item(2, "Fresh", "https://a.org/2"), UNREAD),
    ])
    .unwrap();
    let archive = temp.load_archive(Contents::Headlines).unwrap();
    let states = temp.load_states(&archive).unwrap();
    let state_of = |headline: &str| {
        let index = (0..archive.len())
            .find(|&i| archive.headline(i) == headline)
            .unwrap();
        states.get(index)
    };
    assert_eq!(state_of("Kept"), starred);
    assert_eq!(state_of("Fresh"), UNREAD);
}
