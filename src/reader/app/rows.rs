//! The list's rows: a result each, and, when the best matches come first,
//! a divider where the matches by words end and the fuzzy-only ones begin.

use super::App;
use crate::search::engine::SortOrder;

/// One row of the list pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListRow {
    /// The result at this position.
    Result(usize),
    /// The line above the first fuzzy-only match.
    Divider,
}

impl App {
    /// The position of the first fuzzy-only match, when a divider marks it:
    /// best matches first, some by words and some not.
    pub fn fuzzy_start(&self) -> Option<usize> {
        let ranked = self.order == SortOrder::Score && !self.results_query.trim().is_empty();
        (ranked && self.by_words > 0 && self.by_words < self.results.len()).then_some(self.by_words)
    }

    /// How many results matched by words.
    pub fn by_words(&self) -> usize {
        self.by_words
    }

    /// The rows from the list's offset down, `height` of them at most.
    pub fn list_rows(&self, height: usize) -> impl Iterator<Item = ListRow> + '_ {
        let divider = self.fuzzy_start().filter(|&start| start > self.list_offset);
        let mut position = self.list_offset;
        let mut divided = false;
        std::iter::from_fn(move || {
            if position >= self.results.len() {
                return None;
            }
            if divider == Some(position) && !divided {
                divided = true;
                return Some(ListRow::Divider);
            }
            position += 1;
            Some(ListRow::Result(position - 1))
        })
        .take(height)
    }

    /// The list offset that shows `selected` in `height` rows, moving the
    /// current one as little as possible.
    pub(super) fn offset_showing(&self, selected: usize, height: usize) -> usize {
        let offset = self.list_offset;
        if selected < offset {
            return selected;
        }
        // The divider takes a row when it is between the top and the selection.
        let divider_between = |offset: usize| {
            usize::from(
                self.fuzzy_start()
                    .is_some_and(|start| offset < start && start <= selected),
            )
        };
        if selected - offset + divider_between(offset) < height {
            return offset;
        }
        let mut offset = (selected + 1).saturating_sub(height);
        if divider_between(offset) == 1 {
            offset += 1;
        }
        offset
    }
}
