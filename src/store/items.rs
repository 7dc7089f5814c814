//! Saving items: their text cleaned again, deduplicated within their source, what changed counted.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use anyhow::Result;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::{CachedStatement, Connection, OptionalExtension, params};

use crate::archive::item::Item;
use crate::archive::parse::normalize_body;
use crate::archive::sanitize::{CarriageReturns, sanitize};

use super::{SourceId, Store};

/// An item to save, already sanitized by its producer. The store sanitizes
/// it again, cheaply (clean text is only scanned): defence in depth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NewItem<'a> {
    pub guid: Option<&'a str>,
    pub link: Option<&'a str>,
    /// One line.
    pub headline: &'a str,
    /// Canonical paragraphs: `"\n\n"` between them, `"\n"` inside.
    pub body: &'a str,
    /// `None`: the time the item was first seen.
    pub published: Option<DateTime<Utc>>,
}

/// How many items a save added, and how many it changed in place.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SaveCounts {
    pub new: usize,
    pub updated: usize,
}

impl fmt::Display for SaveCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} new, {} updated", self.new, self.updated)
    }
}

impl Store {
    /// How many items the store holds, from every source.
    pub fn item_count(&self) -> Result<u64> {
        self.read(|conn| {
            let count: i64 = conn.query_row("SELECT count(*) FROM items", [], |row| row.get(0))?;
            Ok(count.unsigned_abs())
        })
    }
}

/// What identifies an item within its source.
#[derive(Debug, Clone, Copy)]
enum Key<'a> {
    Guid(&'a str),
    /// The item's (cleaned) link.
    Link,
    /// The headline and the date, if the item has one of its own.
    Headline(Option<NaiveDate>),
}

/// An item cleaned and keyed, ready to be written.
#[derive(Debug)]
pub(super) struct Incoming<'a> {
    key: Key<'a>,
    /// The key an older migranews gave the item, looked up when its own
    /// is not found: an archive item with a link was known by its headline
    /// and date before.
    headline_key: Option<NaiveDate>,
    /// Unix seconds; `None` keeps the time the item was first seen.
    published: Option<i64>,
    headline: Cow<'a, str>,
    link: Cow<'a, str>,
    body: Cow<'a, str>,
}

impl<'a> Incoming<'a> {
    /// A feed's item: known by its guid, else its link, else its headline and date.
    pub(super) fn from_feed(item: &NewItem<'a>) -> Self {
        let link = clean_line(item.link.unwrap_or(""));
        let key = match item.guid.map(str::trim).filter(|guid| !guid.is_empty()) {
            Some(guid) => Key::Guid(guid),
            None if !link.is_empty() => Key::Link,
            None => Key::Headline(item.published.map(|time| time.date_naive())),
        };
        Self {
            key,
            headline_key: None,
            published: item.published.map(|time| time.timestamp()),
            headline: clean_line(item.headline),
            link,
            body: clean_body(item.body),
        }
    }

    /// An item of an archive file, stored at midnight UTC: known by its
    /// link when it has one (two stories can share a headline and a day),
    /// else by its headline and date, which is all a text archive says.
    pub(super) fn from_archive(item: Item<'a>) -> Self {
        let link = clean_line(item.link);
        let (key, headline_key) = match link.is_empty() {
            true => (Key::Headline(Some(item.date)), None),
            false => (Key::Link, Some(item.date)),
        };
        Self {
            key,
            headline_key,
            published: Some(item.date.and_time(NaiveTime::MIN).and_utc().timestamp()),
            headline: clean_line(item.headline),
            link,
            body: clean_body(item.body),
        }
    }

    /// The `key` column's text, written into a buffer reused across items.
    fn write_key(&self, out: &mut String) {
        out.clear();
        match self.key {
            Key::Guid(guid) => {
                out.push_str("g:");
                out.push_str(guid);
            }
            Key::Link => {
                out.push_str("l:");
                out.push_str(&self.link);
            }
            Key::Headline(date) => self.write_headline_key(date, out),
        }
    }

    fn write_headline_key(&self, date: Option<NaiveDate>, out: &mut String) {
        out.clear();
        out.push_str("h:");
        if let Some(date) = date {
            out.push_str(crate::archive::item::iso_date(date).as_str());
        }
        out.push(':');
        out.push_str(&self.headline);
    }
}

/// What saving one item did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Saved {
    New,
    Updated,
    Unchanged,
    /// An earlier item of the same saver had its key: this one was dropped.
    Repeat,
}

impl SaveCounts {
    pub(super) fn count(&mut self, saved: Saved) {
        match saved {
            Saved::New => self.new += 1,
            Saved::Updated => self.updated += 1,
            Saved::Unchanged | Saved::Repeat => {}
        }
    }
}

/// Writes items: new ones inserted, changed ones updated in place (keeping
/// their row id), the same ones left alone. Of items sharing a key within
/// one saver, the first is saved (feeds list the newest first) and the rest
/// reported as repeats. The caller owns the transaction.
pub(super) struct Saver<'c> {
    find: CachedStatement<'c>,
    insert: CachedStatement<'c>,
    update: CachedStatement<'c>,
    /// Rows written by this saver, to tell a repeat from a stored item.
    written: HashSet<i64>,
    key: String,
    now: i64,
}

impl<'c> Saver<'c> {
    pub(super) fn new(conn: &'c Connection, now: i64) -> rusqlite::Result<Self> {
        Ok(Self {
            find: conn.prepare_cached(
                "SELECT id, published, headline, link, body FROM items \
                 WHERE source = ?1 AND key = ?2",
            )?,
            insert: conn.prepare_cached(
                "INSERT INTO items (source, published, headline, link, key, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            update: conn.prepare_cached(
                "UPDATE items SET published = coalesce(?2, published), headline = ?3,
                    link = ?4, body = ?5, key = ?6
                 WHERE id = ?1",
            )?,
            written: HashSet::new(),
            key: String::new(),
            now,
        })
    }

    /// Saves `item` into `source`.
    /// Saves `item` into `source`; says what happened and the item's row id.
    pub(super) fn save(
        &mut self,
        source: SourceId,
        item: Incoming<'_>,
    ) -> rusqlite::Result<(Saved, i64)> {
        // The buffer is taken while `find` borrows the saver, then put back.
        let mut key = std::mem::take(&mut self.key);
        item.write_key(&mut key);
        let mut found = self.find(source, &key, &item)?;
        if found.is_none()
            && let Some(date) = item.headline_key
        {
            let mut old_key = String::new();
            item.write_headline_key(Some(date), &mut old_key);
            // Found under its old key: updated, the key included.
            found = self
                .find(source, &old_key, &item)?
                .map(|(id, _)| (id, false));
        }
        let saved = match found {
            None => {
                let published = item.published.unwrap_or(self.now);
                let id = self.insert.insert(params![
                    source,
                    published,
                    item.headline,
                    item.link,
                    key,
                    item.body
                ])?;
                self.written.insert(id);
                (Saved::New, id)
            }
            // A repeat within this saver, of an item written a moment ago.
            Some((id, _)) if !self.written.insert(id) => (Saved::Repeat, id),
            Some((id, true)) => (Saved::Unchanged, id),
            Some((id, false)) => {
                self.update.execute(params![
                    id,
                    item.published,
                    item.headline,
                    item.link,
                    item.body,
                    key
                ])?;
                (Saved::Updated, id)
            }
        };
        self.key = key;
        Ok(saved)
    }

    /// The row of `source` with `key`, and whether it already holds `item`.
    fn find(
        &mut self,
        source: SourceId,
        key: &str,
        item: &Incoming<'_>,
    ) -> rusqlite::Result<Option<(i64, bool)>> {
        self.find
            .query_row(params![source, key], |row| {
                let published: i64 = row.get(1)?;
                let same = item.published.unwrap_or(published) == published
                    && row.get_ref(2)?.as_bytes()? == item.headline.as_bytes()
                    && row.get_ref(3)?.as_bytes()? == item.link.as_bytes()
                    && row.get_ref(4)?.as_bytes()? == item.body.as_bytes();
                Ok((row.get::<_, i64>(0)?, same))
            })
            .optional()
    }
}

/// Writes `items` into `source` with one [`Saver`] and counts what changed.
pub(super) fn save<'a>(
    conn: &Connection,
    source: SourceId,
    items: impl IntoIterator<Item = Incoming<'a>>,
    now: i64,
) -> rusqlite::Result<SaveCounts> {
    let mut saver = Saver::new(conn, now)?;
    let mut counts = SaveCounts::default();
    for item in items {
        counts.count(saver.save(source, item)?.0);
    }
    Ok(counts)
}

/// Text safe for the terminal, carriage returns as newlines.
pub(super) fn clean_text(text: &str) -> Cow<'_, str> {
    sanitize(text, CarriageReturns::ToNewlines)
}

/// Safe text on one line (a headline, a title, a link): runs of whitespace
/// that include a line break or tab become one space; the ends are trimmed.
pub(super) fn clean_line(text: &str) -> Cow<'_, str> {
    let clean = clean_text(text);
    let tidy = !clean.contains(['\n', '\t']) && clean.trim().len() == clean.len();
    if tidy {
        clean
    } else {
        Cow::Owned(clean.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// A safe body. Producers give canonical paragraphs; only a body that
/// sanitizing changed (a line that held only an escape sequence, say) needs
/// putting back in canonical form.
fn clean_body(body: &str) -> Cow<'_, str> {
    match clean_text(body) {
        Cow::Borrowed(clean) => Cow::Borrowed(clean),
        Cow::Owned(changed) => {
            let mut canonical = String::with_capacity(changed.len());
            normalize_body(&changed, &mut canonical);
            Cow::Owned(canonical)
        }
    }
}
