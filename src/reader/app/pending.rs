//! A term still being typed: `>2` on the way to `>2022-03`, `is:un` to
//! `is:unread`. While the cursor is at its end it is pending: shown dimmed
//! and left out of the search, with no error flashing at each key; the error
//! shows once the user stops typing with the term still wrong.

use std::time::Duration;

use super::{App, Command};
use crate::search::query::{Query, terms};

/// How long a wrong term may wait, untouched, before it is called wrong.
pub const PENDING_FOR: Duration = Duration::from_millis(900);

/// A term left out of the search while it is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pending {
    /// Where the term starts in the query text.
    pub start: usize,
    /// What is wrong with the query with it, shown when typing stops.
    pub error: String,
    /// Which arming of the timer this is.
    pub token: u64,
}

/// Where the last term of `text` starts, when the cursor is at its end.
pub fn last_term_start(text: &str, cursor: usize) -> Option<usize> {
    if cursor != text.len() || text.ends_with(' ') {
        return None;
    }
    let last = terms(text).last()?;
    // `terms` gives slices of `text`: the offset is the slice's.
    Some(last.as_ptr() as usize - text.as_ptr() as usize)
}

impl App {
    /// The query text the search is for: without the pending term.
    pub(super) fn searched_text(&self) -> &str {
        let text = self.query.text();
        match &self.pending {
            Some(pending) => &text[..pending.start],
            None => text,
        }
    }

    /// Where the pending term starts, for the filter bar to dim it.
    pub fn pending_start(&self) -> Option<usize> {
        self.pending.as_ref().map(|pending| pending.start)
    }

    /// After an edit that made the query wrong: if the wrong term is the
    /// one being typed and the rest is right, it becomes pending. Returns
    /// the rest, parsed, when it did.
    pub(super) fn try_pending(&mut self, error: String) -> Option<Query> {
        let text = self.query.text();
        let start = last_term_start(text, self.query.cursor())?;
        let rest = Query::parse(&text[..start]).ok()?;
        let token = self.pending.as_ref().map_or(0, |pending| pending.token) + 1;
        self.pending = Some(Pending {
            start,
            error,
            token,
        });
        self.commands.push(Command::ArmPendingTimer(token));
        Some(rest)
    }

    /// The user stopped typing: a term still pending is wrong.
    pub(super) fn pending_timer_fired(&mut self, token: u64) {
        if let Some(pending) = &self.pending
            && pending.token == token
        {
            self.query_error = Some(pending.error.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_term_is_found_only_with_the_cursor_at_its_end() {
        assert_eq!(last_term_start("border >2", 9), Some(7));
        assert_eq!(last_term_start(">2", 2), Some(0));
        assert_eq!(last_term_start("border >2", 3), None);
        assert_eq!(last_term_start("border >2 ", 10), None);
        assert_eq!(last_term_start("a\\ b >20", 8), Some(5));
        assert_eq!(last_term_start("", 0), None);
    }
}
