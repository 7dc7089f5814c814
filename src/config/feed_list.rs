//! The feed list, `feeds.toml`: the feeds migranews follows, in a file a person can edit by hand.
//!
//! ```toml
//! [[feed]]
//! url = "https://www.iom.int/rss.xml"
//! title = "IOM"               # optional: shown instead of the feed's own title
//! tags = ["un", "agencies"]   # optional
//! ```
//!
//! Commands edit it through `toml_edit`, which keeps a person's comments,
//! order and layout. Writes go to a temporary file renamed over the old one,
//! so a crash never leaves half a list.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

/// One feed as the list gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeedEntry {
    pub url: String,
    /// The user's name for the feed, shown instead of the feed's own.
    pub title: Option<String>,
    pub tags: Vec<String>,
}

/// The feed list as read from its file, ready to be edited and saved.
#[derive(Debug)]
pub struct FeedList {
    path: PathBuf,
    document: DocumentMut,
    entries: Vec<FeedEntry>,
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

    fn parse(path: &Path, text: &str) -> Result<Self> {
        let name = path.display();
        let document: DocumentMut = text.parse().map_err(|error: toml_edit::TomlError| {
            let line = error
                .span()
                .map_or(1, |span| 1 + text[..span.start].matches('\n').count());
            anyhow::anyhow!("{name}:{line}: {}", error.message().trim_end())
        })?;
        let entries = read_entries(&document).with_context(|| name.to_string())?;
        Ok(Self {
            path: path.to_path_buf(),
            document,
            entries,
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
        true
    }

    /// Writes the list back, atomically.
    pub fn save(&self) -> Result<()> {
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

fn read_entry(table: &Table) -> Result<FeedEntry> {
    let mut entry = FeedEntry::default();
    for (key, item) in table.iter() {
        match key {
            "url" => entry.url = string(item, key)?,
            "title" => entry.title = Some(string(item, key)?),
            "tags" => {
                let Some(array) = item.as_array() else {
                    bail!("'tags' must be a list of strings");
                };
                for tag in array {
                    let Some(tag) = tag.as_str() else {
                        bail!("'tags' must be a list of strings");
                    };
                    entry.tags.push(tag.to_string());
                }
            }
            other => bail!("unknown key '{other}' (expected url, title, tags)"),
        }
    }
    if entry.url.trim().is_empty() {
        bail!("no url");
    }
    Ok(entry)
}

fn string(item: &Item, key: &str) -> Result<String> {
    match item.as_str() {
        Some(text) => Ok(text.to_string()),
        None => bail!("'{key}' must be a string"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &str) -> Result<FeedList> {
        FeedList::parse(Path::new("feeds.toml"), text)
    }

    #[test]
    fn hand_written_lists_are_read() {
        let list = list(
            "# mine\n[[feed]]\nurl = \"https://a.org/rss\"\ntitle = \"A\"\ntags = [\"un\"]\n\n\
             [[feed]]\nurl = \"/home/ana/local.xml\"\n",
        )
        .unwrap();
        assert_eq!(
            list.entries(),
            [
                FeedEntry {
                    url: "https://a.org/rss".into(),
                    title: Some("A".into()),
                    tags: vec!["un".into()],
                },
                FeedEntry {
                    url: "/home/ana/local.xml".into(),
                    ..FeedEntry::default()
                },
            ]
        );
    }

    #[test]
    fn mistakes_are_named_with_their_place() {
        let error = |text| format!("{:#}", list(text).unwrap_err());
        assert_eq!(
            error("[[feed]]\nurl = \"a\"\ntittle = \"x\"\n"),
            "feeds.toml: feed 1: unknown key 'tittle' (expected url, title, tags)"
        );
        assert_eq!(
            error("[[feed]]\ntitle = \"x\"\n"),
            "feeds.toml: feed 1: no url"
        );
        assert_eq!(
            error("[[feed]]\nurl = 3\n"),
            "feeds.toml: feed 1: 'url' must be a string"
        );
        assert!(error("[[feed]]\nurl = \"a\n").starts_with("feeds.toml:2: "));
        assert_eq!(
            error("[[feed]]\nurl = \"a\"\n[[feed]]\nurl = \"a\"\n"),
            "feeds.toml: feed 2: a is listed twice"
        );
    }

    #[test]
    fn edits_keep_comments_and_layout() {
        let mut list = list("# my feeds\n\n[[feed]]\nurl = \"https://a.org\" # first\n").unwrap();
        assert!(list.add(FeedEntry {
            url: "https://b.org".into(),
            title: Some("B".into()),
            tags: vec!["x".into()],
        }));
        assert!(!list.add(FeedEntry {
            url: "https://b.org".into(),
            ..FeedEntry::default()
        }));
        assert!(list.rename("https://a.org", "https://a.org/new"));
        assert_eq!(
            list.document.to_string(),
            "# my feeds\n\n[[feed]]\nurl = \"https://a.org/new\" # first\n\n\
             [[feed]]\nurl = \"https://b.org\"\ntitle = \"B\"\ntags = [\"x\"]\n"
        );
        assert!(list.remove("https://a.org/new"));
        assert!(!list.remove("https://a.org/new"));
        assert_eq!(list.entries().len(), 1);
    }

    #[test]
    fn a_new_list_gets_a_header_and_saves_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("feeds.toml");
        let mut list = FeedList::load(&path).unwrap();
        assert!(list.entries().is_empty());
        list.add(FeedEntry {
            url: "https://a.org".into(),
            ..FeedEntry::default()
        });
        list.save().unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# The feeds migranews follows"), "{text}");
        assert_eq!(FeedList::load(&path).unwrap().entries(), list.entries());
        let leftovers = fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
