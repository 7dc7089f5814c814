//! Imported files: items of archive and JSON files, each filed under a source named after its file.

use std::collections::HashMap;

use anyhow::{Result, bail};
use chrono::Utc;
use rusqlite::{Connection, params};

use crate::archive::item::Item;
use crate::archive::state::{ItemKey, ItemState};

use super::items::{Incoming, SaveCounts, Saved, Saver};
use super::sources::{check_name, kind_of, note_fetch};
use super::state::save_state;
use super::{SourceId, SourceKind, Store};

/// What an import did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImportCounts {
    pub saved: SaveCounts,
    /// Items dropped because an earlier item of the same import had the
    /// same key in the same source: the same link, else (items without
    /// one) the same headline and date.
    pub duplicates: usize,
}

impl Store {
    /// Imports items, each filed under the imported-file source named
    /// beside it (created if new), all in one transaction: a name that is
    /// unusable, or already a feed's address, imports nothing.
    ///
    /// Items are known by their link, else by their headline and date, so
    /// importing the same file again adds nothing, and an edited body is
    /// updated in place.
    ///
    /// An item's state (read, starred: what a JSON export says, or what
    /// was kept for the file's items) becomes the stored item's state.
    pub fn import<'a, N: AsRef<str>>(
        &mut self,
        items: impl IntoIterator<Item = (N, Item<'a>, ItemState)>,
    ) -> Result<ImportCounts> {
        let now = Utc::now().timestamp();
        self.write(|tx| {
            let mut saver = Saver::new(tx, now)?;
            let mut sources: HashMap<String, SourceId> = HashMap::new();
            let mut per_source: HashMap<SourceId, SaveCounts> = HashMap::new();
            let mut counts = ImportCounts::default();
            for (name, item, state) in items {
                let name = name.as_ref();
                let id = match sources.get(name) {
                    Some(&id) => id,
                    None => {
                        let id = file_source(tx, name)?;
                        sources.insert(name.to_string(), id);
                        id
                    }
                };
                let (saved, row) = saver.save(id, Incoming::from_archive(item))?;
                if state != ItemState::UNREAD && saved != Saved::Repeat {
                    save_state(tx, ItemKey::stored(row), state)?;
                }
                counts.saved.count(saved);
                per_source.entry(id).or_default().count(saved);
                if saved == Saved::Repeat {
                    counts.duplicates += 1;
                }
            }
            for (id, source_counts) in per_source {
                note_fetch(tx, id, now, &source_counts.to_string(), true)?;
            }
            Ok(counts)
        })
    }

    /// Imports the items of one archive file, all under `name`; see
    /// [`Store::import`].
    pub fn import_file<'a>(
        &mut self,
        name: &str,
        items: impl IntoIterator<Item = Item<'a>>,
    ) -> Result<SaveCounts> {
        check_name(name, "a file name")?;
        Ok(self
            .import(
                items
                    .into_iter()
                    .map(|item| (name, item, ItemState::UNREAD)),
            )?
            .saved)
    }
}

/// The id of the imported file called `name`, added if new.
fn file_source(conn: &Connection, name: &str) -> Result<SourceId> {
    check_name(name, "a file name")?;
    Ok(match kind_of(conn, name)? {
        Some((id, SourceKind::File)) => id,
        Some((_, SourceKind::Feed)) => bail!("{name}: already the address of a feed"),
        None => {
            conn.execute(
                "INSERT INTO sources (kind, url) VALUES (?1, ?2)",
                params![SourceKind::File.as_sql(), name],
            )?;
            conn.last_insert_rowid()
        }
    })
}
