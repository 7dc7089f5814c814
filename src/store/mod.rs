//! The SQLite store: what migranews fetched or imported, kept offline in one file between runs.
//!
//! This layer owns the SQLite file, its schema and migrations (`schema.rs`),
//! and [`Store`], the one type that holds the connection and offers a method
//! per question: feeds and their fetches (`sources.rs`), imported files
//! (`imports.rs`), saving items (`items.rs`), loading them as an
//! [`Archive`](crate::archive::item::Archive) (`load.rs`). SQL never leaves
//! this module. It sits above `archive` and knows nothing of feeds over
//! HTTP, search, the reader or the command line.
//!
//! Several migranews processes may share a store (a fetch from cron while the
//! reader is open, two fetches at once). The journal is a write-ahead log, so
//! readers never wait for a writer; every write transaction takes the write
//! lock when it begins (`BEGIN IMMEDIATE`), and a writer waits up to
//! [`BUSY_TIMEOUT`] for another's to finish instead of failing with
//! "database is locked". A killed process loses nothing it committed:
//! `synchronous=NORMAL` gives up only durability across a power cut, never
//! the file's integrity.

mod imports;
mod items;
mod load;
mod schema;
mod sources;
mod state;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use imports::ImportCounts;
pub use items::{NewItem, SaveCounts};
pub use load::Contents;
pub use sources::{FetchRecord, SourceInfo, SourceKind};

/// A row id in the `sources` table.
pub type SourceId = i64;

/// How long a write waits for another process's write to finish. Long
/// enough for a fetch of a large feed, short enough to report a hung one.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The store file, open, migrated and ready: one connection, one method per question.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the store at `path`, creating the file and its folder if
    /// needed, and migrates it to this migranews's schema.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("{}: cannot create the folder", parent.display()))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        Self::open_with(path, flags)
    }

    /// Opens the store only if the file exists, so that reading commands
    /// never create one; migrates it if it is older.
    pub fn open_existing(path: &Path) -> Result<Option<Store>> {
        // Without SQLITE_OPEN_CREATE, a file removed between a check and the
        // open is not recreated.
        match Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE) {
            Ok(store) => Ok(Some(store)),
            Err(_) if !path.try_exists().unwrap_or(true) => Ok(None),
            Err(error) => Err(error),
        }
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store> {
        // No SQLITE_OPEN_URI: a path is a path, even one starting with "file:".
        let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| named(path, e.into()))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure().map_err(|e| named(path, e))?;
        Ok(store)
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Checked before anything that could write: a foreign or newer file
        // is refused untouched.
        schema::check(&self.conn, &self.path)?;
        use_wal(&self.conn)?;
        self.conn.pragma_update(None, "synchronous", "normal")?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        // A large fetch leaves a large log behind; keep what stays on disk small.
        self.conn
            .pragma_update(None, "journal_size_limit", 64 << 20)?;
        schema::migrate(&mut self.conn, &self.path)?;
        Ok(())
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` in a write transaction and commits it. The transaction
    /// holds the write lock from its start (`BEGIN IMMEDIATE`), so two
    /// writers queue on the busy timeout; a deferred one upgrading from a
    /// read would instead fail at once when another had written meanwhile.
    fn write<T>(&mut self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = work(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        result.map_err(|e| named(&self.path, e))
    }

    /// Runs `work`, which only reads, with this store's path on its errors.
    fn read<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        work(&self.conn).map_err(|e| self.named(e))
    }

    /// `error` with this store's path in front, as every error leaving the store has.
    fn named(&self, error: anyhow::Error) -> anyhow::Error {
        named(&self.path, error)
    }
}

/// Switches the store to a write-ahead log, once for all (the mode is kept
/// in the file). The switch needs the file to itself and SQLite does not
/// wait for that on its own, so two processes creating a store at once retry.
fn use_wal(conn: &Connection) -> Result<()> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        let mode = conn
            .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get::<_, String>(0));
        match mode {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(mode) => bail!("cannot keep a write-ahead log (the journal stays in {mode} mode)"),
            Err(error)
                if error.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(error) => return Err(error.into()),
        }
    }
}

/// Names the store in an SQLite error; says what a foreign or damaged file
/// is. Errors that are not SQLite's already say what they are about.
fn named(path: &Path, error: anyhow::Error) -> anyhow::Error {
    let error = match error.downcast::<rusqlite::Error>() {
        Ok(sql) => sql,
        Err(other) => return other,
    };
    let path = path.display();
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            anyhow!("{path}: not a migranews store (file is not a database)")
        }
        Some(ErrorCode::DatabaseCorrupt) => anyhow!("{path}: the store is damaged ({error})"),
        Some(ErrorCode::DatabaseBusy) => anyhow!(
            "{path}: {error} (another migranews held it for over {} s)",
            BUSY_TIMEOUT.as_secs()
        ),
        _ => anyhow::Error::new(error).context(path.to_string()),
    }
}
