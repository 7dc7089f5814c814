//! Tests of the store, on real SQLite files in temporary folders.

mod concurrency;
mod imports;
mod items;
mod load;
mod open;
mod sources;
mod states;

use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;

use super::{FetchRecord, NewItem, SaveCounts, Store};

const FEED: &str = "https://news.example.org/feed.xml";

/// A store in its own temporary folder, removed when dropped.
struct TempStore {
    store: Store,
    path: PathBuf,
    _dir: TempDir,
}

impl TempStore {
    /// A new store with [`FEED`] subscribed.
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("migranews").join("store.sqlite");
        let mut store = Store::open(&path).unwrap();
        store.subscribe(FEED, None).unwrap();
        Self {
            store,
            path,
            _dir: dir,
        }
    }

    /// Records a successful fetch of `items` from `url`.
    fn fetch(&mut self, url: &str, items: &[NewItem<'_>]) -> SaveCounts {
        let record = FetchRecord::Updated {
            title: None,
            items,
            etag: None,
            last_modified: None,
            permanent_url: None,
        };
        self.store.record_fetch(url, record).unwrap()
    }

    /// The row id of the item with dedup key `key` in any source.
    fn id_of(&self, key: &str) -> i64 {
        self.store
            .conn
            .query_row("SELECT id FROM items WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .unwrap()
    }
}

impl std::ops::Deref for TempStore {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl std::ops::DerefMut for TempStore {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}

/// 2024-06-`day` at `hour`:00 UTC.
fn june(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, day, hour, 0, 0).unwrap()
}

/// An item known by its guid.
fn by_guid<'a>(guid: &'a str, headline: &'a str, published: DateTime<Utc>) -> NewItem<'a> {
    NewItem {
        guid: Some(guid),
        headline,
        body: "A paragraph.\n\nAnother one.",
        published: Some(published),
        ..NewItem::default()
    }
}
