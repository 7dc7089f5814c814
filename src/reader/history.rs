//! Queries the user has used, newest last, recalled with Alt-p and Alt-n as
//! fzf's `--history` does; kept in a file in the data folder across sessions.
//!
//! A query is recorded when it was put to use: an article read or opened,
//! an item picked, the query cleared or the reader left with it typed.

use std::fs;
use std::io::Write;
use std::path::Path;

/// The history and where recalling it has got to.
#[derive(Debug, Clone, Default)]
pub struct QueryHistory {
    /// Oldest first.
    entries: Vec<String>,
    limit: usize,
    /// The entry on show while recalling; `None` when editing a new query.
    recalling: Option<usize>,
    /// What was typed before recalling began, given back past the newest.
    draft: String,
}

impl QueryHistory {
    /// A history of at most `limit` queries, from the text of its file
    /// (a query a line); blank and over-long lines are dropped.
    pub fn from_text(text: &str, limit: usize) -> Self {
        let mut history = Self {
            limit,
            ..Self::default()
        };
        for line in text.lines() {
            history.push(line);
        }
        history
    }

    /// The file's text: a query a line, oldest first.
    pub fn to_text(&self) -> String {
        self.entries
            .iter()
            .map(|entry| format!("{entry}\n"))
            .collect()
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Records `query` as the newest, once: an earlier copy moves up.
    /// Returns whether the history changed.
    pub fn record(&mut self, query: &str) -> bool {
        self.recalling = None;
        let query = query.trim();
        if self.entries.last().is_some_and(|last| last == query) {
            return false;
        }
        self.push(query)
    }

    fn push(&mut self, query: &str) -> bool {
        let query = query.trim();
        // A query is one line of text the user typed; anything else is not one.
        if query.is_empty() || query.len() > 4096 || query.chars().any(char::is_control) {
            return false;
        }
        self.entries.retain(|entry| entry != query);
        self.entries.push(query.to_string());
        let excess = self.entries.len().saturating_sub(self.limit);
        self.entries.drain(..excess);
        true
    }

    /// The query before the one on show (`current` is what is typed now).
    pub fn older(&mut self, current: &str) -> Option<&str> {
        let at = match self.recalling {
            None => {
                self.draft = current.to_string();
                self.entries.len().checked_sub(1)?
            }
            Some(at) => at.checked_sub(1)?,
        };
        self.recalling = Some(at);
        self.entries.get(at).map(String::as_str)
    }

    /// The query after the one on show; past the newest, what was typed
    /// before recalling began.
    pub fn newer(&mut self) -> Option<&str> {
        let at = self.recalling?;
        if at + 1 < self.entries.len() {
            self.recalling = Some(at + 1);
            return self.entries.get(at + 1).map(String::as_str);
        }
        self.recalling = None;
        Some(&self.draft)
    }

    /// Typing ends recalling: the query on show is the one being edited.
    pub fn stop_recalling(&mut self) {
        self.recalling = None;
    }
}

/// Reads the history file; a missing or unreadable one is an empty history.
pub fn load(path: &Path, limit: usize) -> QueryHistory {
    let text = fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    QueryHistory::from_text(&text, limit)
}

/// Replaces the history file with `text`, atomically: a crash leaves the
/// old file or the new one.
pub fn save(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let temporary = dir.join(format!(".history.{}.tmp", std::process::id()));
    let written = fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(text.as_bytes())?;
        file.sync_all()
    });
    match written.and_then(|()| fs::rename(&temporary, path)) {
        Ok(()) => Ok(()),
        Err(error) => {
            let _ = fs::remove_file(&temporary);
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recalls_newest_first_and_gives_the_draft_back() {
        let mut history = QueryHistory::from_text("haiti\nborder worker\n", 10);
        assert_eq!(history.older("mex"), Some("border worker"));
        assert_eq!(history.older("ignored"), Some("haiti"));
        assert_eq!(history.older("ignored"), None, "nothing older");
        assert_eq!(history.newer(), Some("border worker"));
        assert_eq!(history.newer(), Some("mex"), "the draft comes back");
        assert_eq!(history.newer(), None);
    }

    #[test]
    fn a_query_is_kept_once_at_its_latest_use_within_the_limit() {
        let mut history = QueryHistory::from_text("", 3);
        for query in ["a", "b", "a", "c", "d", " d ", ""] {
            history.record(query);
        }
        assert_eq!(history.entries(), ["b", "a", "c", "d"][1..].to_vec());
        assert_eq!(history.to_text(), "a\nc\nd\n");
    }

    #[test]
    fn control_characters_and_blank_lines_are_not_queries() {
        let history = QueryHistory::from_text("ok\n\n\u{1b}[31mred\nfine\r\n", 10);
        assert_eq!(history.entries(), ["ok", "fine"]);
    }

    #[test]
    fn the_file_round_trips_and_a_missing_one_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deeper").join("history");
        assert!(load(&path, 10).entries().is_empty());
        let mut history = QueryHistory::from_text("", 10);
        history.record("in:gt >2022");
        history.record("'visitor card");
        save(&path, &history.to_text()).unwrap();
        assert_eq!(load(&path, 10).entries(), ["in:gt >2022", "'visitor card"]);
        assert_eq!(
            load(&path, 1).entries(),
            ["'visitor card"],
            "the limit applies on load"
        );
    }
}
