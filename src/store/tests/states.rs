//! Read and starred: kept per item key, for store items and for items of files alike.

use super::{FEED, TempStore, by_guid, june};
use crate::archive::source::load_embedded;
use crate::archive::state::{ItemKey, ItemState};
use crate::store::{Contents, Store};

const READ: ItemState = ItemState {
    read: true,
    starred: false,
};
const STARRED: ItemState = ItemState {
    read: false,
    starred: true,
};

#[test]
fn states_of_store_items_come_back_with_the_archive() {
    let mut temp = TempStore::new();
    temp.fetch(
        FEED,
        &[
            by_guid("a", "Caravana llega a Tapachula", june(2, 9)),
            by_guid("b", "Darién crossings rise", june(1, 9)),
        ],
    );
    let archive = temp.load_archive(Contents::Headlines).unwrap();
    assert!(archive.from_store());
    let newest = archive.key(0);
    assert_eq!(newest, ItemKey::stored(temp.id_of("g:a")));
    temp.save_states(&[(newest, READ), (archive.key(1), STARRED)])
        .unwrap();
    // Another process, the next run: a fresh connection sees them.
    let reopened = Store::open(&temp.path).unwrap();
    let states = reopened.load_states(&archive).unwrap();
    assert_eq!((states.get(0), states.get(1)), (READ, STARRED));
    // Back to unread and unstarred: the row goes, the state is the default.
    temp.save_states(&[(newest, ItemState::UNREAD)]).unwrap();
    let states = reopened.load_states(&archive).unwrap();
    assert_eq!(states.get(0), ItemState::UNREAD);
    let rows: i64 = temp
        .store
        .conn
        .query_row("SELECT count(*) FROM item_state", [], |row| row.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}

#[test]
fn items_of_files_are_kept_under_their_text() {
    let mut temp = TempStore::new();
    let archive = load_embedded();
    let key = archive.key(3);
    assert!(key.store_id().is_none());
    temp.save_states(&[(key, READ)]).unwrap();
    // The same archive loaded again, in another order even: found by text.
    let again = crate::archive::source::load_embedded();
    let states = temp.load_states(&again).unwrap();
    assert_eq!(states.get(3), READ);
    assert_eq!(states.unread_among(0..again.len()), again.len() - 1);
}

#[test]
fn purging_a_feed_forgets_its_items_states() {
    let mut temp = TempStore::new();
    temp.fetch(FEED, &[by_guid("a", "Caravana", june(2, 9))]);
    let id = temp.id_of("g:a");
    temp.save_states(&[(ItemKey::stored(id), STARRED)]).unwrap();
    temp.unsubscribe(FEED, true).unwrap();
    let rows: i64 = temp
        .store
        .conn
        .query_row("SELECT count(*) FROM item_state", [], |row| row.get(0))
        .unwrap();
    assert_eq!(rows, 0);
}

#[test]
fn a_store_of_the_first_schema_gains_states_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    {
        // What the first release wrote: migration 1 only.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(crate::store::schema::MIGRATIONS[0])
            .unwrap();
        conn.pragma_update(None, "application_id", 0x4D4E_5753)
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let archive = load_embedded();
    store.save_states(&[(archive.key(0), READ)]).unwrap();
    assert_eq!(store.load_states(&archive).unwrap().get(0), READ);
}
