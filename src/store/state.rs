//! Read and starred, kept per item key: loaded beside an archive, written one change at a time.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{Connection, params};

use crate::archive::item::Archive;
use crate::archive::state::{ItemKey, ItemState, ItemStates};

use super::Store;

impl Store {
    /// The states of `archive`'s items: what was saved for each, over what
    /// the items came with (an exported file's `read` and `starred`).
    pub fn load_states(&self, archive: &Archive) -> Result<ItemStates> {
        let mut states = ItemStates::from_archive(archive);
        let saved = self.read(|conn| {
            let mut statement = conn.prepare("SELECT key, read, starred FROM item_state")?;
            let rows = statement.query_map([], |row| {
                let state = ItemState {
                    read: row.get(1)?,
                    starred: row.get(2)?,
                };
                Ok((ItemKey(row.get(0)?), state))
            })?;
            Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
        })?;
        // A store item's key is its row id; any other's, a hash of its text,
        // which costs a pass over the headlines: skipped when no key of the
        // archive's kind was saved.
        let from_store = archive.from_store();
        if !saved
            .keys()
            .any(|key| key.store_id().is_some() == from_store)
        {
            return Ok(states);
        }
        for index in 0..archive.len() {
            if let Some(&state) = saved.get(&archive.key(index)) {
                states.set(index, state);
            }
        }
        Ok(states)
    }

    /// Saves the states of some items, all in one transaction.
    pub fn save_states(&mut self, changes: &[(ItemKey, ItemState)]) -> Result<()> {
        self.write(|tx| {
            for &(key, state) in changes {
                save_state(tx, key, state)?;
            }
            Ok(())
        })
    }
}

/// Saves one item's state; the default state is kept as no row at all.
pub(super) fn save_state(
    conn: &Connection,
    key: ItemKey,
    state: ItemState,
) -> rusqlite::Result<()> {
    if state == ItemState::UNREAD {
        conn.prepare_cached("DELETE FROM item_state WHERE key = ?1")?
            .execute([key.0])?;
    } else {
        conn.prepare_cached(
            "INSERT INTO item_state (key, read, starred) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET read = ?2, starred = ?3",
        )?
        .execute(params![key.0, state.read, state.starred])?;
    }
    Ok(())
}
