//! Loading the store into memory: every item as one archive, newest first.
//!
//! Rows are read in id order, a sequential scan of the table, into one text
//! buffer, then sorted in memory. Walking an index by date instead reads the
//! table out of order: at a million items saved oldest first, as fetches over
//! time save them, it took 0.63 s against the scan's 0.40 s.

use std::cmp::Reverse;

use anyhow::{Result, bail};
use chrono::{DateTime, NaiveDate};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

use crate::archive::item::{Archive, Location, ParsedItem};
use crate::archive::parse::Parsed;
use crate::archive::state::ItemState;

use super::Store;

/// What to load into memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contents {
    /// Dates, headlines, links and sources; bodies left empty. For `--list`
    /// and headline searches: much less to read.
    Headlines,
    /// Everything, bodies too.
    Full,
}

/// The most text one archive buffer holds: items keep 32-bit offsets into
/// it, and files are capped at the same size when read.
const MAX_BUFFER_BYTES: usize = 1 << 31;

impl Store {
    /// Every item, newest first: by published time (so by date), then in
    /// the order the store first saw them; with its link and its source's
    /// title (else its URL or file name).
    pub fn load_archive(&self, contents: Contents) -> Result<Archive> {
        self.load_split(contents, MAX_BUFFER_BYTES)
    }

    /// [`Store::load_archive`] with text in buffers of at most `max_buffer`
    /// bytes (unless one item needs more).
    pub(super) fn load_split(&self, contents: Contents, max_buffer: usize) -> Result<Archive> {
        self.read(|conn| {
            let name = self.path.display().to_string();
            read_items(conn, contents)?.into_archive(&name, max_buffer)
        })
    }
}

/// An item as read: its text sits in the shared buffer from `start`,
/// headline, link and body end to end.
#[derive(Debug, Clone, Copy)]
struct Row {
    id: i64,
    published: i64,
    start: usize,
    // SQLite caps a value at 1e9 bytes, so lengths fit.
    headline: u32,
    link: u32,
    body: u32,
    /// Index into [`Loaded::sources`].
    source: u32,
}

/// Every item's text in one buffer, in id order.
#[derive(Debug, Default)]
struct Loaded {
    text: String,
    rows: Vec<Row>,
    /// Source names, as items show them.
    sources: Vec<String>,
}

fn read_items(conn: &Connection, contents: Contents) -> Result<Loaded> {
    // One snapshot for the sources and their items, whatever another
    // process commits meanwhile.
    let tx = conn.unchecked_transaction()?;
    let mut loaded = Loaded::default();
    let mut source_ids = Vec::new();
    let mut statement = tx.prepare(
        "SELECT id, coalesce(nullif(user_title, ''), nullif(feed_title, ''), url) FROM sources",
    )?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        source_ids.push(row.get::<_, i64>(0)?);
        loaded.sources.push(row.get(1)?);
    }
    drop(rows);
    let mut bytes = Vec::new();
    reserve(&tx, &mut bytes, &mut loaded.rows)?;
    let sql = match contents {
        Contents::Headlines => {
            "SELECT source, published, headline, link, id FROM items ORDER BY id"
        }
        Contents::Full => {
            "SELECT source, published, headline, link, id, body FROM items ORDER BY id"
        }
    };
    let mut statement = tx.prepare(sql)?;
    let mut rows = statement.query([])?;
    // Consecutive items mostly share a source.
    let mut last_source = (i64::MIN, 0);
    while let Some(row) = rows.next()? {
        let source_id: i64 = row.get(0)?;
        if source_id != last_source.0 {
            let Some(index) = source_ids.iter().position(|&id| id == source_id) else {
                bail!("an item of source {source_id}, which is missing");
            };
            last_source = (source_id, index as u32);
        }
        let start = bytes.len();
        let headline = push(&mut bytes, row.get_ref(2)?)?;
        let link = push(&mut bytes, row.get_ref(3)?)?;
        let body = match contents {
            Contents::Headlines => 0,
            Contents::Full => push(&mut bytes, row.get_ref(5)?)?,
        };
        loaded.rows.push(Row {
            id: row.get(4)?,
            published: row.get(1)?,
            start,
            headline,
            link,
            body,
            source: last_source.1,
        });
    }
    loaded.text = into_text(bytes, &loaded.rows)?;
    Ok(loaded)
}

/// Reserves room for the rows and text, so that neither is copied as it
/// grows. The file's size bounds the text; the largest id bounds the rows.
/// Memory reserved but never written costs nothing, and what is left over is
/// given back when the buffer is boxed.
fn reserve(conn: &Connection, text: &mut Vec<u8>, rows: &mut Vec<Row>) -> rusqlite::Result<()> {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |row| row.get(0))?;
    let page_size: i64 = conn.query_row("PRAGMA page_size", [], |row| row.get(0))?;
    let max_id: Option<i64> = conn.query_row("SELECT max(id) FROM items", [], |row| row.get(0))?;
    let bytes = usize::try_from(pages.saturating_mul(page_size)).unwrap_or(0);
    let row_count = usize::try_from(max_id.unwrap_or(0))
        .unwrap_or(0)
        .min(bytes / 16);
    // A failed reservation (a huge store, little memory) only means growing as we go.
    let _ = text.try_reserve_exact(bytes);
    let _ = rows.try_reserve_exact(row_count);
    Ok(())
}

/// Appends a text value's bytes and returns their length.
fn push(text: &mut Vec<u8>, value: ValueRef<'_>) -> Result<u32> {
    let bytes = value.as_bytes()?;
    text.extend_from_slice(bytes);
    Ok(bytes.len() as u32)
}

/// The buffer as text. Checked whole, at once, which is much faster than
/// value by value; then every value must start and end between characters,
/// or it could be half a character that its neighbour completes.
fn into_text(bytes: Vec<u8>, rows: &[Row]) -> Result<String> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        bail!("an item's text is not UTF-8");
    }
    // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    let split_character = rows.iter().any(|row| {
        let link = row.start + row.headline as usize;
        let body = link + row.link as usize;
        ![row.start, link, body]
            .iter()
            .all(|&at| text.is_char_boundary(at))
    });
    if split_character {
        bail!("an item's text is not UTF-8");
    }
    Ok(text)
}

impl Loaded {
    /// The archive of these items, newest first.
    fn into_archive(self, name: &str, max_buffer: usize) -> Result<Archive> {
        let Loaded {
            text,
            mut rows,
            sources,
        } = self;
        // Stable: items of one time keep id order, the order they were first seen.
        rows.sort_by_key(|row| Reverse(row.published));
        let mut archive = Archive::new();
        if text.len() <= max_buffer {
            let items = rows
                .iter()
                .map(|row| row.parsed(row.start))
                .collect::<Result<Vec<_>>>()?;
            drop(rows);
            let parsed = Parsed {
                items,
                normalized: text,
                sources,
                ..Parsed::default()
            };
            archive.add_source(name, Box::default(), parsed);
        } else {
            split(&mut archive, name, &text, &rows, &sources, max_buffer)?;
        }
        // Already in order; the archive asks for it after the last source.
        archive.sort();
        Ok(archive)
    }
}

/// Adds items whose text is too large for one buffer's 32-bit offsets as
/// several sources of the same name, each with its own copy of its items'
/// text. In archive order, so that the archive's stable sort by date keeps
/// the order within a day.
fn split(
    archive: &mut Archive,
    name: &str,
    text: &str,
    rows: &[Row],
    sources: &[String],
    max_buffer: usize,
) -> Result<()> {
    let mut chunk = Parsed::default();
    for row in rows {
        let len = row.len();
        if !chunk.items.is_empty() && chunk.normalized.len() + len > max_buffer {
            let full = std::mem::take(&mut chunk);
            add_chunk(archive, name, full, sources);
        }
        let start = chunk.normalized.len();
        chunk.normalized.push_str(&text[row.start..row.start + len]);
        chunk.items.push(row.parsed(start)?);
    }
    add_chunk(archive, name, chunk, sources);
    Ok(())
}

fn add_chunk(archive: &mut Archive, name: &str, mut chunk: Parsed, sources: &[String]) {
    chunk.sources = sources.to_vec();
    archive.add_source(name, Box::default(), chunk);
}

impl Row {
    fn len(&self) -> usize {
        self.headline as usize + self.link as usize + self.body as usize
    }

    /// The item, its text found from `start` in its buffer.
    fn parsed(&self, start: usize) -> Result<ParsedItem> {
        let span = |start: usize, len: u32| match len {
            0 => Location::EMPTY,
            len => Location::Normalized {
                start,
                end: start + len as usize,
            },
        };
        let link_start = start + self.headline as usize;
        let body_start = link_start + self.link as usize;
        Ok(ParsedItem {
            date: date_of(self.published)?,
            headline: span(start, self.headline),
            body: span(body_start, self.body),
            link: span(link_start, self.link),
            source: Some(self.source),
            state: ItemState::UNREAD,
            store_id: Some(self.id),
        })
    }
}

/// The UTC date of a time in Unix seconds.
fn date_of(seconds: i64) -> Result<NaiveDate> {
    match DateTime::from_timestamp(seconds, 0) {
        Some(time) => Ok(time.date_naive()),
        None => bail!("an item's time is out of range ({seconds} s)"),
    }
}
