//! Where items come from: feeds (subscribed, fetched, moved, removed) and imported files.
//!
//! A source is found by its address (a feed's URL, a file's name) or, for
//! a feed, by the address it had before its last permanent redirect.

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::archive::sanitize::{CarriageReturns, is_clean};

use super::items::{self, Incoming, NewItem, SaveCounts, clean_line};
use super::{SourceId, Store};

/// What a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A feed, known by its URL.
    Feed,
    /// An archive file imported into the store, known by its name.
    File,
}

impl SourceKind {
    pub(super) fn as_sql(self) -> &'static str {
        match self {
            SourceKind::Feed => "feed",
            SourceKind::File => "file",
        }
    }
}

/// A source as `feed list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    pub id: SourceId,
    pub kind: SourceKind,
    /// The feed's URL, or the imported file's name.
    pub url: String,
    /// The title given when subscribing, else the feed's title as last
    /// fetched; `""` if none.
    pub title: String,
    /// The feed's own title as last fetched; `""` if none (and for files).
    pub feed_title: String,
    /// False after `feed remove` without `--purge`: the items stay readable.
    pub subscribed: bool,
    pub item_count: u64,
    /// The last fetch of a feed, or the last import of a file.
    pub last_fetch: Option<DateTime<Utc>>,
    /// `"3 new, 1 updated"`, `"not modified"`, `"error: HTTP 404 Not Found"`.
    pub last_result: Option<String>,
    pub last_ok: bool,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The outcome of fetching one feed, saved in one transaction.
#[derive(Debug, Clone, Copy)]
pub enum FetchRecord<'a> {
    Updated {
        /// The feed's own title; `None` keeps the last one.
        title: Option<&'a str>,
        items: &'a [NewItem<'a>],
        /// The response's validators, for the next conditional request;
        /// `None` forgets the previous one.
        etag: Option<&'a str>,
        last_modified: Option<&'a str>,
        /// Where a permanent redirect pointed: the feed's new URL.
        permanent_url: Option<&'a str>,
    },
    NotModified,
    /// Nothing stored but the bookkeeping.
    Failed {
        error: &'a str,
    },
}

/// Every column of [`SourceInfo`], in its order.
const SOURCE_INFO: &str = "SELECT id, kind, url, coalesce(user_title, feed_title), subscribed,
        (SELECT count(*) FROM items WHERE items.source = sources.id),
        last_fetch, last_result, last_ok, etag, last_modified, feed_title
    FROM sources";

/// The id of the source called `?1`: the one with that address, else the
/// feed that had it before its last permanent redirect.
const FIND: &str = "SELECT id FROM sources
    WHERE url = ?1 OR (kind = 'feed' AND moved_from = ?1)
    ORDER BY url = ?1 DESC, id LIMIT 1";

impl Store {
    /// Subscribes to the feed at `url` (again, if it was removed) and returns its id.
    /// A feed that moved from `url` is that feed: it is not subscribed twice.
    ///
    /// A title given here is the feed's title from then on, over the one the
    /// feed gives itself (as newsboat's renamed feeds are); `None` keeps the
    /// title given before, if any, and `Some("")` goes back to the feed's own.
    pub fn subscribe(&mut self, url: &str, title: Option<&str>) -> Result<SourceId> {
        check_name(url, "a feed address")?;
        let title = title.map(clean_line);
        self.write(|tx| match kind_of(tx, url)? {
            Some((id, SourceKind::Feed)) => {
                tx.execute(
                    "UPDATE sources SET subscribed = 1,
                        user_title = CASE WHEN ?2 IS NULL THEN user_title ELSE nullif(?2, '') END
                     WHERE id = ?1",
                    params![id, title],
                )?;
                Ok(id)
            }
            Some((_, SourceKind::File)) => bail!("{url}: already the name of an imported file"),
            None => {
                tx.execute(
                    "INSERT INTO sources (kind, url, user_title) VALUES (?1, ?2, nullif(?3, ''))",
                    params![SourceKind::Feed.as_sql(), url, title],
                )?;
                Ok(tx.last_insert_rowid())
            }
        })
    }

    /// Stops following the feed at `url` (or moved from it); false if there is no such feed.
    /// Its items stay readable, unless `purge`, which deletes the feed and
    /// its items.
    pub fn unsubscribe(&mut self, url: &str, purge: bool) -> Result<bool> {
        self.write(|tx| match kind_of(tx, url)? {
            None => Ok(false),
            Some((_, SourceKind::File)) => bail!("{url}: an imported file, not a feed"),
            Some((id, SourceKind::Feed)) if purge => delete_source(tx, id),
            Some((id, SourceKind::Feed)) => {
                tx.execute("UPDATE sources SET subscribed = 0 WHERE id = ?1", [id])?;
                Ok(true)
            }
        })
    }

    /// Deletes the imported file called `name` and its items; false if
    /// there is no such file.
    pub fn forget_file(&mut self, name: &str) -> Result<bool> {
        self.write(|tx| match kind_of(tx, name)? {
            None => Ok(false),
            Some((_, SourceKind::Feed)) => bail!("{name}: a feed, not an imported file"),
            Some((id, SourceKind::File)) => delete_source(tx, id),
        })
    }

    /// Every source: subscribed feeds, then removed ones, then imported
    /// files; each group in the order it was added.
    pub fn sources(&self) -> Result<Vec<SourceInfo>> {
        self.read(|conn| {
            let sql = format!("{SOURCE_INFO} ORDER BY kind = 'file', subscribed DESC, id");
            let mut statement = conn.prepare(&sql)?;
            let rows = statement.query_map([], source_info)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// The feed whose URL, or the imported file whose name, is `url`; else
    /// the feed that moved from `url` (its `url` then says where to).
    pub fn source(&self, url: &str) -> Result<Option<SourceInfo>> {
        self.read(|conn| {
            let sql = format!("{SOURCE_INFO} WHERE id = ({FIND})");
            Ok(conn.query_row(&sql, [url], source_info).optional()?)
        })
    }

    /// Saves what fetching the feed at `url` gave, with the fetch's
    /// bookkeeping, in one transaction: after a crash, either both are
    /// there or neither.
    ///
    /// `url` must be a feed of this store (or its address before it moved),
    /// subscribed or removed without purging. A permanent redirect renames
    /// the feed, remembering where it was, unless its new URL is already
    /// another source; then the feed keeps its URL and `last_result` says why.
    pub fn record_fetch(&mut self, url: &str, record: FetchRecord<'_>) -> Result<SaveCounts> {
        let now = Utc::now().timestamp();
        self.write(|tx| {
            let Some((id, SourceKind::Feed)) = kind_of(tx, url)? else {
                bail!("{url}: not a feed of this store (subscribe to it first)");
            };
            match record {
                FetchRecord::Updated {
                    title,
                    items,
                    etag,
                    last_modified,
                    permanent_url,
                } => {
                    let items = items.iter().map(Incoming::from_feed);
                    let counts = items::save(tx, id, items, now)?;
                    tx.execute(
                        "UPDATE sources SET feed_title = coalesce(?2, feed_title),
                            etag = ?3, last_modified = ?4
                         WHERE id = ?1",
                        params![id, title.map(clean_line), etag, last_modified],
                    )?;
                    let mut result = counts.to_string();
                    if let Some(new_url) = permanent_url {
                        result.push_str(&move_feed(tx, id, new_url)?);
                    }
                    note_fetch(tx, id, now, &result, true)?;
                    Ok(counts)
                }
                FetchRecord::NotModified => {
                    note_fetch(tx, id, now, "not modified", true)?;
                    Ok(SaveCounts::default())
                }
                FetchRecord::Failed { error } => {
                    let result = format!("error: {}", clean_line(error));
                    note_fetch(tx, id, now, &result, false)?;
                    Ok(SaveCounts::default())
                }
            }
        })
    }
}

/// Addresses and names are how sources are found again, so they are
/// refused, not cleaned, when they would be unsafe to show.
pub(super) fn check_name(name: &str, what: &str) -> Result<()> {
    if name.trim().is_empty() || !is_clean(name, CarriageReturns::ToNewlines) || name.contains('\n')
    {
        bail!("{name:?}: not usable as {what} (empty, or with control characters)");
    }
    Ok(())
}

/// The id and kind of the source called `url` (see [`FIND`]).
pub(super) fn kind_of(
    conn: &Connection,
    url: &str,
) -> rusqlite::Result<Option<(SourceId, SourceKind)>> {
    conn.query_row(
        &format!("SELECT id, kind FROM sources WHERE id = ({FIND})"),
        [url],
        |row| Ok((row.get(0)?, kind(row, 1)?)),
    )
    .optional()
}

fn delete_source(conn: &Connection, id: SourceId) -> Result<bool> {
    conn.execute(
        "DELETE FROM item_state WHERE key IN (SELECT id FROM items WHERE source = ?1)",
        [id],
    )?;
    conn.execute("DELETE FROM items WHERE source = ?1", [id])?;
    conn.execute("DELETE FROM sources WHERE id = ?1", [id])?;
    Ok(true)
}

/// Renames the feed after a permanent redirect, if it can, remembering its
/// old address; says what happened.
fn move_feed(conn: &Connection, id: SourceId, new_url: &str) -> Result<String> {
    let url: String = conn.query_row("SELECT url FROM sources WHERE id = ?1", [id], |row| {
        row.get(0)
    })?;
    if url == new_url {
        return Ok(String::new());
    }
    if check_name(new_url, "a feed address").is_err() {
        let shown = clean_line(new_url);
        return Ok(format!(
            "; moved permanently to unusable address {shown:?}, kept {url}"
        ));
    }
    // The feed's own old address is free to move back to.
    if kind_of(conn, new_url)?.is_some_and(|(other, _)| other != id) {
        return Ok(format!(
            "; moved permanently to {new_url}, already another source: kept {url}"
        ));
    }
    conn.execute(
        "UPDATE sources SET url = ?2, moved_from = url WHERE id = ?1",
        params![id, new_url],
    )?;
    Ok(format!("; moved permanently from {url}"))
}

pub(super) fn note_fetch(
    conn: &Connection,
    id: SourceId,
    now: i64,
    result: &str,
    ok: bool,
) -> Result<()> {
    conn.execute(
        "UPDATE sources SET last_fetch = ?2, last_result = ?3, last_ok = ?4 WHERE id = ?1",
        params![id, now, result, ok],
    )?;
    Ok(())
}

fn source_info(row: &Row<'_>) -> rusqlite::Result<SourceInfo> {
    let count: i64 = row.get(5)?;
    Ok(SourceInfo {
        id: row.get(0)?,
        kind: kind(row, 1)?,
        url: row.get(2)?,
        title: row.get(3)?,
        subscribed: row.get(4)?,
        item_count: count.unsigned_abs(),
        last_fetch: row
            .get::<_, Option<i64>>(6)?
            .and_then(|secs| DateTime::from_timestamp(secs, 0)),
        last_result: row.get(7)?,
        last_ok: row.get(8)?,
        etag: row.get(9)?,
        last_modified: row.get(10)?,
        feed_title: row.get(11)?,
    })
}

/// The kind in column `index`; the table's CHECK allows only the two.
fn kind(row: &Row<'_>, index: usize) -> rusqlite::Result<SourceKind> {
    Ok(match row.get_ref(index)?.as_str()? {
        "file" => SourceKind::File,
        _ => SourceKind::Feed,
    })
}
