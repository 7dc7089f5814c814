//! Opening: creating and migrating a store, refusing files migranews must not touch.

use std::path::Path;

use rusqlite::Connection;

use super::TempStore;
use crate::store::Store;
use crate::store::schema::{MIGRATIONS, VERSION};

fn pragma(conn: &Connection, name: &str) -> String {
    conn.query_row(&format!("PRAGMA {name}"), [], |row| {
        Ok(match row.get_ref(0)? {
            rusqlite::types::ValueRef::Text(text) => String::from_utf8_lossy(text).into_owned(),
            value => value.as_i64()?.to_string(),
        })
    })
    .unwrap()
}

/// The file's bytes and modification time, to show it was left untouched.
fn snapshot(path: &Path) -> (Vec<u8>, std::time::SystemTime) {
    let bytes = std::fs::read(path).unwrap();
    (bytes, std::fs::metadata(path).unwrap().modified().unwrap())
}

#[test]
fn a_new_store_is_created_with_its_folder_and_migrated() {
    let temp = TempStore::new();
    let conn = &temp.store.conn;
    assert_eq!(pragma(conn, "user_version"), VERSION.to_string());
    assert_eq!(pragma(conn, "journal_mode"), "wal");
    assert_eq!(pragma(conn, "foreign_keys"), "1");
    assert_eq!(pragma(conn, "synchronous"), "1", "NORMAL");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        tables,
        ["item_state", "items", "sources", "sqlite_sequence"]
    );
    assert_eq!(temp.store.path(), temp.path);
}

#[test]
fn reopening_keeps_what_was_saved_and_migrates_nothing() {
    let mut temp = TempStore::new();
    temp.fetch(
        super::FEED,
        &[super::by_guid("a", "Headline", super::june(1, 9))],
    );
    let path = temp.path.clone();
    let reopened = Store::open_existing(&path).unwrap().unwrap();
    assert_eq!(reopened.item_count().unwrap(), 1);
    assert_eq!(pragma(&reopened.conn, "user_version"), VERSION.to_string());
}

#[test]
fn a_store_of_an_older_migranews_is_migrated_keeping_its_items() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    {
        // A store as migranews wrote it before migration 3.
        let conn = Connection::open(&path).unwrap();
        for migration in &MIGRATIONS[..2] {
            conn.execute_batch(migration).unwrap();
        }
        conn.execute_batch(
            "PRAGMA application_id = 0x4D4E5753; PRAGMA user_version = 2;
             INSERT INTO sources (kind, url) VALUES ('feed', 'https://a.org/rss');
             INSERT INTO items (source, published, headline, link, key, body)
                VALUES (1, 0, 'Kept', '', 'g:1', '');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(pragma(&store.conn, "user_version"), VERSION.to_string());
    let feed = store.source("https://a.org/rss").unwrap().unwrap();
    assert_eq!(feed.item_count, 1);
}

#[test]
fn an_empty_file_becomes_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open_existing(&path).unwrap().unwrap();
    assert_eq!(store.item_count().unwrap(), 0);
}

#[test]
fn open_existing_never_creates_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("store.sqlite");
    assert!(Store::open_existing(&path).unwrap().is_none());
    assert!(!path.exists());
    assert!(!path.parent().unwrap().exists());
}

#[test]
fn a_store_of_a_newer_migranews_is_refused_untouched() {
    let temp = TempStore::new();
    let path = temp.path.clone();
    drop(temp.store);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", VERSION + 1)
        .unwrap();
    drop(conn);
    let before = snapshot(&path);
    for result in [Store::open(&path).map(Some), Store::open_existing(&path)] {
        let error = format!("{:#}", result.unwrap_err());
        assert_eq!(
            error,
            format!(
                "{}: written by a newer migranews (store schema version {}; this migranews \
                 knows up to version {VERSION}); the file was left untouched",
                path.display(),
                VERSION + 1
            )
        );
    }
    assert!(snapshot(&path) == before, "the file changed");
}

#[test]
fn a_file_that_is_not_a_database_is_named_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.txt");
    std::fs::write(
        &path,
        "1 June, 2022\n\nA headline, not a database\n".repeat(100),
    )
    .unwrap();
    let before = snapshot(&path);
    let error = Store::open(&path).unwrap_err();
    assert_eq!(
        format!("{error:#}"),
        format!(
            "{}: not a migranews store (file is not a database)",
            path.display()
        )
    );
    assert!(Store::open_existing(&path).is_err());
    assert!(snapshot(&path) == before, "the file changed");
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    drop(conn);
    let before = snapshot(&path);
    let error = format!("{:#}", Store::open(&path).unwrap_err());
    assert!(
        error.starts_with(&format!("{}: not a migranews store", path.display())),
        "{error}"
    );
    assert!(snapshot(&path) == before, "the file changed");
}

#[test]
fn a_folder_in_place_of_the_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let error = format!("{:#}", Store::open(dir.path()).unwrap_err());
    assert!(
        error.starts_with(&dir.path().display().to_string()),
        "{error}"
    );
}

#[test]
fn a_damaged_store_is_an_error_naming_it_never_a_panic() {
    let mut temp = TempStore::new();
    let items: Vec<String> = (0..400).map(|i| format!("Headline {i}")).collect();
    let new_items: Vec<_> = items
        .iter()
        .map(|headline| super::by_guid(headline, headline, super::june(1, 1)))
        .collect();
    temp.fetch(super::FEED, &new_items);
    let path = temp.path.clone();
    drop(temp.store);
    // Everything after the first page (the header and the schema) is garbage.
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 3 * 4096);
    bytes[4096..].fill(0xA5);
    std::fs::write(&path, bytes).unwrap();
    let error = match Store::open(&path) {
        Err(error) => error,
        Ok(store) => store
            .load_archive(crate::store::Contents::Full)
            .unwrap_err(),
    };
    let error = format!("{error:#}");
    assert!(
        error.starts_with(&format!("{}: the store is damaged", path.display())),
        "{error}"
    );
}
