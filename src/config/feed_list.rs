//! The feed list, `feeds.toml`: the feeds migranews follows, in a file a person can edit by hand.
//!
//! ```toml
//! [[feed]]
//! url = "https://www.iom.int/rss.xml"
//! title = "IOM"               # optional: shown instead of the feed's own title
//! tags = ["un", "agencies"]   # optional
//! ```
//!
//! Loading checks every address as `feed add` does and keeps it in normal
//! form, so a hand-written `HTTPS://Example.org` is the feed
//! `https://example.org/` and a list naming a feed twice, or an address
//! migranews cannot fetch, is an error naming the place.
//!
//! Commands change it only through [`FeedList::edit`]: under a lock on
//! `feeds.toml.lock`, the file is read afresh, the one change applied and
//! the file written back, so two migranews processes (a `fetch` moving a
//! feed, a `feed add`) never undo each other's changes nor a hand edit
//! saved before. `toml_edit` keeps a person's comments, order and layout.
//! Writes go to a temporary file renamed over the old one, so a crash never
//! leaves half a list.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::archive::sanitize::{CarriageReturns, escape_controls, is_clean, sanitize};
use crate::feeds::fetch::{FeedAddress, check_feed_address};

/// One feed as the list gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeedEntry {
    pub url: String,
    /// The user's name for the feed, shown instead of the feed's own.
    pub title: Option<String>,
    pub tags: Vec<String>,
}

/// The feed list as read from its file.
#[derive(Debug)]
pub struct FeedList {
    path: PathBuf,
    document: DocumentMut,
    entries: Vec<FeedEntry>,
    /// Whether an edit changed the document since it was read.
    changed: bool,
}

const HEADER: &str = "\
# The feeds migranews follows: one [[feed]] table each, with a url and, if
# you like, a title (shown instead of the feed's own) and tags. Edit freely;
# `migranews feed add URL` appends here and `migranews fetch` reads it.
";

impl FeedList {
    /// Reads the list at `path`; a missing file is an empty list.
    pub fn load(path: &Path) -> Result<Self> {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => String::new(),
            Err(error) => return Err(error).with_context(|| path.display().to_string()),
        };
        Self::parse(path, &text)
    }

    /// Changes the list on disk: under an advisory lock on
    /// `feeds.toml.lock` beside it, reads the file afresh, lets `change`
    /// edit it (add, remove, rename) and writes it back if it changed. The
    /// lock is held only for this, so waiting for it is short.
    pub fn edit<T>(path: &Path, change: impl FnOnce(&mut FeedList) -> Result<T>) -> Result<T> {
        let _lock = lock(path)?;
        let mut list = Self::load(path)?;
        let value = change(&mut list)?;
        if list.changed {
            list.write()?;
        }
        Ok(value)
    }

    fn parse(path: &Path, text: &str) -> Result<Self> {
        let name = path.display().to_string();
        let document: DocumentMut = text
            .parse()
            .map_err(|error| anyhow::anyhow!(super::toml_error(&name, text, &error)))?;
        let entries = read_entries(&document).with_context(|| name.clone())?;
        Ok(Self {
            path: path.to_path_buf(),
            document,
            entries,
            changed: false,
        })
    }

    pub fn entries(&self) -> &[FeedEntry] {
        &self.entries
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The entry for `url`, if the list has it.
    pub fn get(&self, url: &str) -> Option<&FeedEntry> {
        self.entries.iter().find(|entry| entry.url == url)
    }

    /// Appends `entry`; false when the list already has its URL.
    pub fn add(&mut self, entry: FeedEntry) -> bool {
        if self.get(&entry.url).is_some() {
            return false;
        }
        let mut table = Table::new();
        table.insert("url", toml_edit::value(entry.url.as_str()));
        if let Some(title) = &entry.title {
            table.insert("title", toml_edit::value(title.as_str()));
        }
        if !entry.tags.is_empty() {
            let tags: Array = entry.tags.iter().map(String::as_str).collect();
            table.insert("tags", toml_edit::value(tags));
        }
        if self.document.is_empty() && self.document.decor().prefix().is_none() {
            self.document.decor_mut().set_prefix(HEADER);
        }
        match self.feeds_mut() {
            Some(feeds) => feeds.push(table),
            None => {
                let mut feeds = ArrayOfTables::new();
                feeds.push(table);
                self.document.insert("feed", Item::ArrayOfTables(feeds));
            }
        }
        self.entries.push(entry);
        self.changed = true;
        true
    }

    /// Removes the entry for `url`; false when there was none.
    pub fn remove(&mut self, url: &str) -> bool {
        let Some(position) = self.entries.iter().position(|entry| entry.url == url) else {
            return false;
        };
        self.entries.remove(position);
        if let Some(feeds) = self.feeds_mut() {
            feeds.remove(position);
        }
        self.changed = true;
        true
    }

    /// Changes a feed's URL (after a permanent redirect); false when the list
    /// has no `old` or already has `new`.
    pub fn rename(&mut self, old: &str, new: &str) -> bool {
        if self.get(new).is_some() {
            return false;
        }
        let Some(position) = self.entries.iter().position(|entry| entry.url == old) else {
            return false;
        };
        self.entries[position].url = new.to_string();
        if let Some(table) = self.feeds_mut().and_then(|feeds| feeds.get_mut(position)) {
            // Keeps the comment and spacing around the value.
            let decor = table
                .get("url")
                .and_then(Item::as_value)
                .map(|v| v.decor().clone());
            let mut value = Value::from(new);
            if let Some(decor) = decor {
                *value.decor_mut() = decor;
            }
            table.insert("url", Item::Value(value));
        }
        self.changed = true;
        true
    }

    /// Writes the list back, atomically; only [`FeedList::edit`] does, under the lock.
    fn write(&self) -> Result<()> {
        let name = self.path.display();
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
        let mut temporary = tempfile_in(dir).with_context(|| name.to_string())?;
        temporary
            .1
            .write_all(self.document.to_string().as_bytes())
            .and_then(|()| temporary.1.sync_all())
            .with_context(|| name.to_string())?;
        fs::rename(&temporary.0, &self.path).with_context(|| name.to_string())?;
        Ok(())
    }

    fn feeds_mut(&mut self) -> Option<&mut ArrayOfTables> {
        self.document
            .get_mut("feed")
            .and_then(Item::as_array_of_tables_mut)
    }
}

/// Takes the lock that every change to the list at `path` holds: an
/// advisory lock on a file beside it (the list itself is replaced on every
/// write, so it cannot carry the lock). Released when the file is dropped.
fn lock(path: &Path) -> Result<fs::File> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    let lock_path = path.with_file_name(name);
    let shown = lock_path.display().to_string();
    if let Some(dir) = lock_path.parent() {
        fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    }
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| shown.clone())?;
    file.lock()
        .with_context(|| format!("{shown}: cannot lock"))?;
    Ok(file)
}

/// A new file beside the list, for an atomic rename.
fn tempfile_in(dir: &Path) -> io::Result<(PathBuf, fs::File)> {
    let mut attempt = 0u32;
    loop {
        let path = dir.join(format!(".feeds.toml.{}.{attempt}", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

fn read_entries(document: &DocumentMut) -> Result<Vec<FeedEntry>> {
    for (key, _) in document.iter() {
        if key != "feed" {
            bail!("unknown key '{key}' (expected [[feed]] tables)");
        }
    }
    let Some(feeds) = document.get("feed") else {
        return Ok(Vec::new());
    };
    let Some(feeds) = feeds.as_array_of_tables() else {
        bail!("'feed' must be a list of [[feed]] tables");
    };
    let mut entries: Vec<FeedEntry> = Vec::with_capacity(feeds.len());
    for (index, table) in feeds.iter().enumerate() {
        let entry = read_entry(table).with_context(|| format!("feed {}", index + 1))?;
        if entries.iter().any(|known| known.url == entry.url) {
            bail!("feed {}: {} is listed twice", index + 1, entry.url);
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// The form the list keeps a feed address in, checked as `fetch` would:
/// an http(s) URL normalised (`HTTP://Example.ORG` is `http://example.org/`),
/// a `file://` URL or a path as given, trimmed. An address with control
/// characters is refused, shown escaped.
pub fn normalize_address(address: &str) -> Result<String> {
    let address = address.trim();
    if !is_clean(address, CarriageReturns::Keep) || address.contains(['\n', '\r', '\t']) {
        bail!(
            "{}: control characters in a feed address",
            escape_controls(address)
        );
    }
    Ok(match check_feed_address(address)? {
        FeedAddress::Http(url) => url,
        FeedAddress::File(_) => address.to_string(),
    })
}

/// Outside text (a title, a tag) as one clean line: escape sequences and
/// control characters dropped, runs of whitespace made one space.
pub fn one_line(text: &str) -> String {
    sanitize(text, CarriageReturns::ToNewlines)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn read_entry(table: &Table) -> Result<FeedEntry> {
    let mut entry = FeedEntry::default();
    for (key, item) in table.iter() {
        match key {
            "url" => entry.url = string(item, key)?,
            // Titles and tags reach the terminal: kept clean, on one line.
            "title" => entry.title = Some(one_line(&string(item, key)?)),
            "tags" => {
                let Some(array) = item.as_array() else {
                    bail!("'tags' must be a list of strings");
                };
                for tag in array {
                    let Some(tag) = tag.as_str() else {
                        bail!("'tags' must be a list of strings");
                    };
                    let tag = one_line(tag);
                    if !tag.is_empty() {
                        entry.tags.push(tag);
                    }
                }
            }
            other => bail!("unknown key '{other}' (expected url, title, tags)"),
        }
    }
    if entry.url.trim().is_empty() {
        bail!("no url");
    }
    entry.url = normalize_address(&entry.url)?;
    // An empty title is no title: the feed's own is shown.
    entry.title = entry.title.filter(|title| !title.is_empty());
    Ok(entry)
}

fn string(item: &Item, key: &str) -> Result<String> {
    match item.as_str() {
        Some(text) => Ok(text.to_string()),
        None => bail!("'{key}' must be a string"),
    }
}

#[cfg(test)]
mod tests;
