//! Never losing one's place in the query: the history of queries (Alt-p,
//! Alt-n) and the item to go back to when the query is cleared.

use super::{App, Command, Effect};
use crate::reader::history::QueryHistory;

/// Where the selection was before a query was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct BeforeQuery {
    /// The archive index of the selected item.
    pub index: usize,
    /// Its row on screen.
    pub row: usize,
}

impl App {
    /// The queries to recall, loaded from the history file.
    pub fn with_history(mut self, history: QueryHistory) -> Self {
        self.history = history;
        self
    }

    pub fn history(&self) -> &QueryHistory {
        &self.history
    }

    /// Alt-p (`older`) or Alt-n: puts the recalled query in the filter bar.
    pub(super) fn recall(&mut self, older: bool) -> Effect {
        let recalled = match older {
            true => self.history.older(self.query.text()),
            false => self.history.newer(),
        };
        let Some(recalled) = recalled.map(ToString::to_string) else {
            return Effect::None;
        };
        self.change_query(|query| query.set(&recalled))
    }

    /// The query on show has been put to use: it goes in the history, and
    /// the history to its file.
    pub(super) fn record_query(&mut self) {
        if self.query_error.is_none() && self.history.record(self.query.text()) {
            self.commands
                .push(Command::SaveHistory(self.history.to_text()));
        }
    }

    /// Called before a query edit: remembers the selection when the query
    /// was empty, so that clearing it comes back here.
    pub(super) fn note_before_query(&mut self) {
        if self.query.is_empty() {
            self.before_query = self.selected_index().map(|index| BeforeQuery {
                index,
                row: self.selected.saturating_sub(self.list_offset),
            });
        }
    }
}
