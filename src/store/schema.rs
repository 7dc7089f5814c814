//! The store's schema: an append-only list of migrations, its length kept in `PRAGMA user_version`.
//!
//! As cargo keeps its SQLite caches: a store at version N has run the first
//! N migrations, and opening it runs the rest in one exclusive transaction.
//! Never edit or remove a migration once released; stores in the wild have
//! run it. Append a new one instead.

use std::path::Path;

use anyhow::{Result, bail};
use rusqlite::{Connection, TransactionBehavior};

/// Marks the file as a migranews store ("MNWS"), so that another program's
/// SQLite file is refused rather than migrated.
const APPLICATION_ID: i32 = 0x4D4E_5753;

/// Every migration, in order. Append only.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: sources and their items.
    "CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        -- 'feed': url is the feed's address; 'file': url is the imported file's name.
        kind TEXT NOT NULL CHECK (kind IN ('feed', 'file')),
        url TEXT NOT NULL UNIQUE,
        -- Given by the user (--title); shown instead of the feed's own.
        user_title TEXT,
        -- The feed's own title, as last fetched.
        feed_title TEXT NOT NULL DEFAULT '',
        -- 0 after the feed was removed without purging: its items stay readable.
        subscribed INTEGER NOT NULL DEFAULT 1,
        -- Unix seconds of the last fetch or import.
        last_fetch INTEGER,
        last_result TEXT,
        last_ok INTEGER NOT NULL DEFAULT 0,
        etag TEXT,
        last_modified TEXT
    ) STRICT;

    -- Columns in the order a headline-only load reads them, the long ones
    -- last, so that such a scan never reads a body's overflow pages.
    -- AUTOINCREMENT: an id is never reused, so state kept against one
    -- (read, starred) can never move to another item.
    CREATE TABLE items (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source INTEGER NOT NULL REFERENCES sources (id),
        -- Unix seconds, UTC; the time the item was first seen when its feed
        -- gave none, midnight UTC for items imported from archive files.
        published INTEGER NOT NULL,
        headline TEXT NOT NULL,
        -- '' when the item has none.
        link TEXT NOT NULL,
        -- What identifies the item within its source: 'g:' and its guid,
        -- else 'l:' and its link, else 'h:', its date, ':' and its headline.
        key TEXT NOT NULL,
        -- Canonical paragraphs: '\\n\\n' between them, '\\n' inside.
        body TEXT NOT NULL
    ) STRICT;

    -- Also serves every per-source question (counts, purges).
    CREATE UNIQUE INDEX items_by_key ON items (source, key);",
    // 2: read and starred, for every item migranews shows.
    "-- Keyed by the item's key: its row id in items (positive) for an item of
    -- the store, else a hash of its date and headline (negative) for items of
    -- files, piped text and the built-in archive. Only items whose state is
    -- not the default (unread, not starred) have a row.
    CREATE TABLE item_state (
        key INTEGER PRIMARY KEY,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0
    ) STRICT;",
    // 3: where a feed was before its last permanent redirect. The store
    // renames a feed when its fetch commits, the feed list a moment later;
    // a list still naming the old address (migranews was killed in between)
    // then finds the feed instead of subscribing to it a second time.
    "ALTER TABLE sources ADD COLUMN moved_from TEXT;",
];

/// The schema version this migranews writes.
pub(super) const VERSION: i64 = MIGRATIONS.len() as i64;

/// What the file says it is, read without writing anything.
struct Found {
    version: i64,
    application_id: i32,
    has_tables: bool,
}

/// Refuses a file migranews must not touch: another program's database, or
/// a store written by a newer migranews. Reads only.
pub(super) fn check(conn: &Connection, path: &Path) -> Result<()> {
    found(conn)?.check(path).map(drop)
}

/// Runs the migrations this store has not run yet, in one exclusive
/// transaction. An up-to-date store (the usual case) is only read, so
/// opening one never waits for another process's write.
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    if found(conn)?.check(path)? == VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Another process may have migrated between the look and the lock.
    let version = found(&tx)?.check(path)?;
    for migration in &MIGRATIONS[version as usize..] {
        tx.execute_batch(migration)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", VERSION)?;
    tx.commit()?;
    Ok(())
}

/// One statement, so one snapshot: read apart, the three could straddle
/// another process's migration and describe a store that never was.
fn found(conn: &Connection) -> rusqlite::Result<Found> {
    conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version),
            (SELECT application_id FROM pragma_application_id),
            EXISTS (SELECT 1 FROM sqlite_schema)",
        [],
        |row| {
            Ok(Found {
                version: row.get(0)?,
                application_id: row.get(1)?,
                has_tables: row.get(2)?,
            })
        },
    )
}

impl Found {
    /// The store's version, if migranews may use the file.
    fn check(&self, path: &Path) -> Result<i64> {
        let path = path.display();
        let ours = match self.application_id {
            APPLICATION_ID => true,
            // Not yet marked: only an empty file can become a store.
            0 => self.version == 0 && !self.has_tables,
            _ => false,
        };
        if !ours {
            bail!(
                "{path}: not a migranews store (an SQLite database of another program: \
                 application id {:#x}, user version {})",
                self.application_id,
                self.version
            );
        }
        if self.version > VERSION || self.version < 0 {
            bail!(
                "{path}: written by a newer migranews (store schema version {}; this \
                 migranews knows up to version {VERSION}); the file was left untouched",
                self.version
            );
        }
        Ok(self.version)
    }
}
