//! Everything a user can do in the reader, and which key or mouse event does it.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::reader::refresh::RefreshEvent;
use crate::search::worker::SearchResponse;

/// One thing the reader can be asked to do. [`crate::reader::app::App::update`] is
/// the only place that acts on these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    // Editing the query.
    InsertChar(char),
    /// Bracketed paste: text for the query, never keys.
    Paste(String),
    DeleteBackward,
    DeleteForward,
    DeleteWordBackward,
    ClearQuery,
    CursorLeft,
    CursorRight,
    CursorStart,
    CursorEnd,
    // Moving the selection in the list.
    SelectPrevious,
    SelectNext,
    SelectPageUp,
    SelectPageDown,
    SelectFirst,
    SelectLast,
    /// Home/End: first/last item when the query is empty, else cursor moves.
    HomeKey,
    EndKey,
    // Scrolling the detail pane (also in reading mode).
    ScrollDetailUp,
    ScrollDetailDown,
    ScrollDetailPageUp,
    ScrollDetailPageDown,
    ScrollDetailHalfUp,
    ScrollDetailHalfDown,
    ScrollDetailTop,
    ScrollDetailBottom,
    /// `n`/`N`: the next or previous match; with none, the next or previous item.
    NextBodyMatch,
    PreviousBodyMatch,
    /// J / K: the next or previous item, still reading.
    NextItem,
    PreviousItem,
    // `/` search inside the article.
    StartArticleSearch,
    ArticleSearchChar(char),
    ArticleSearchBackspace,
    RunArticleSearch,
    CancelArticleSearch,
    /// `h` in reading mode.
    ReadingHelp,
    // Modes and options.
    OpenReading,
    CloseReading,
    ToggleSort,
    ToggleScope,
    ToggleFocus,
    /// F3: hide or show the detail pane.
    ToggleDetail,
    /// Alt-← / Alt-→: a smaller or larger share for the list.
    ResizeList {
        wider: bool,
    },
    ToggleHelp,
    /// F4: the results' places.
    TogglePlaces,
    /// Alt-t: show or hide the timeline strip.
    ToggleTimeline,
    /// In the places view: the cursor up or down.
    MovePlaceCursor(isize),
    /// In the places view: add the place's `in:` term, or remove it.
    TogglePlaceTerm,
    /// The results of a search counted by place and day.
    FacetsReady(u64, crate::reader::facets::Facets),
    /// The user stopped typing a term that is still wrong.
    PendingTimerFired(u64),
    /// Alt-p, Alt-n: an older or a newer query from the history.
    HistoryPrevious,
    HistoryNext,
    /// `?`: the help when the query is empty, else a character of it.
    QuestionKey,
    ToggleWarnings,
    CloseOverlay,
    /// Esc: clears a query, or quits when it is empty.
    Escape,
    Quit,
    Suspend,
    // Mouse.
    ScrollAt {
        column: u16,
        row: u16,
        down: bool,
    },
    ClickAt {
        column: u16,
        row: u16,
    },
    // The terminal.
    Resize {
        width: u16,
        height: u16,
    },
    /// A background search finished.
    SearchFinished(SearchResponse),
    /// Ctrl-R: fetch the feeds and reload the store in the background.
    Refresh,
    /// News from the background refresh.
    Refreshed(RefreshEvent),
    // Read, starred, links.
    ToggleRead,
    ToggleStar,
    OpenLink,
    CopyLink,
    /// Mark every result read, after a confirmation.
    AskMarkAllRead,
    /// Yes to the question on screen.
    ConfirmOverlay,
    /// The read timer armed with this token ran out.
    ReadTimerFired(u64),
    /// The writer thread saved (or could not save) states.
    StatesSaved(Result<(), String>),
    /// What became of an open or copy, for the status line.
    LinkHandled(String),
}

impl Action {
    /// Whether this uses the query typed, so that it goes in the history:
    /// reading or opening what it found, clearing it, leaving with it.
    pub fn puts_query_to_use(&self, reading: bool) -> bool {
        match self {
            Action::OpenReading | Action::OpenLink | Action::CopyLink => !reading,
            Action::ClearQuery | Action::Escape | Action::Quit => !reading,
            _ => false,
        }
    }

    /// Whether a person did this (a key, the mouse), rather than a thread
    /// reporting back or the terminal changing size.
    pub fn is_from_user(&self) -> bool {
        !matches!(
            self,
            Action::Resize { .. }
                | Action::SearchFinished(_)
                | Action::Refreshed(_)
                | Action::ReadTimerFired(_)
                | Action::PendingTimerFired(_)
                | Action::FacetsReady(..)
                | Action::StatesSaved(_)
                | Action::LinkHandled(_)
        )
    }
}

/// Every key and what it does, as the help overlay (F1) lists it.
pub const KEY_HELP: &[(&str, &str)] = &[
    (
        "typing",
        "filter the headlines (fzf syntax: 'exact ^prefix suffix$ !not a | b)",
    ),
    (
        ">2023-06 <2022 @2022-03",
        "date terms: from, before, within a period",
    ),
    (
        "is:unread is:read is:starred",
        "state terms; src:TEXT matches the source's name",
    ),
    ("Backspace Del ← →", "edit the query"),
    ("^A ^E", "cursor to start / end of the query"),
    ("^W ^U", "delete a word / the whole query"),
    ("Alt-p Alt-n", "an older / a newer query from the history"),
    ("↑ ↓  ^P ^N  ^K ^J", "move the selection"),
    ("PgUp PgDn", "move the selection by a page"),
    (
        "^Home ^End",
        "first / last item (Home / End with an empty query)",
    ),
    ("Shift-↑↓ Shift-PgUp/PgDn", "scroll the article"),
    ("Tab", "focus the list or the article"),
    ("Enter", "read the article full screen"),
    (
        "j k ↑ ↓  Space b  g G",
        "in reading: scroll, page, top, bottom",
    ),
    ("n N", "in reading: next / previous match in the body"),
    ("Esc q Enter", "in reading: back to the list"),
    (
        "s m",
        "in reading: star / mark read or unread (Alt-s Alt-m in the list)",
    ),
    (
        "o y",
        "in reading: open / copy the link (Alt-o or ^O, Alt-y in the list)",
    ),
    ("Alt-A", "mark every result read (asks first)"),
    (
        "F3  Alt-← Alt-→",
        "hide or show the article / a smaller or larger list",
    ),
    ("F4", "the results' places; Enter adds or removes in:CODE"),
    (
        "Alt-t",
        "hide or show the timeline; a click on a bar adds its dates",
    ),
    (
        "in:gt in:haití",
        "place terms: items naming Guatemala, Haiti...",
    ),
    ("^R", "fetch the feeds and show what is new"),
    ("^S", "sort by best match / newest first"),
    ("^F", "match headlines / full text"),
    ("Esc", "clear the query; quit when it is empty"),
    ("^C ^Q", "quit"),
    ("^Z", "suspend (fg to resume)"),
    ("F2", "warnings from loading the archive"),
    ("mouse", "wheel scrolls the pane under it; click selects"),
    (
        "F1 ?",
        "this help (? when the query is empty); Tab: query examples",
    ),
];

/// What the keys mean depends on what is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    /// The list with the filter bar: typing edits the query.
    Browsing { detail_focused: bool },
    /// The article full screen: letters are commands, as in less.
    Reading,
    /// The help or warnings overlay.
    Overlay,
    /// The places view: a list to choose from.
    Places,
    /// A yes-or-no question.
    Confirm,
    /// Typing the pattern of a `/` search in reading mode.
    ArticleSearch,
}

/// The action for a key press in `context`, if any.
pub fn action_for_key(key: KeyEvent, context: KeyContext) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    // Keys that mean the same everywhere.
    match key.code {
        KeyCode::Char('c' | 'q') if ctrl => return Some(Action::Quit),
        KeyCode::Char('z') if ctrl => return Some(Action::Suspend),
        KeyCode::Char('r') if ctrl => return Some(Action::Refresh),
        KeyCode::F(1) => return Some(Action::ToggleHelp),
        KeyCode::F(2) => return Some(Action::ToggleWarnings),
        KeyCode::F(3) => return Some(Action::ToggleDetail),
        KeyCode::F(4) => return Some(Action::TogglePlaces),
        _ => {}
    }
    match context {
        KeyContext::ArticleSearch => article_search_key(key, ctrl),
        KeyContext::Confirm => confirm_key(key),
        KeyContext::Overlay => overlay_key(key),
        KeyContext::Places => places_key(key),
        KeyContext::Reading => reading_key(key),
        KeyContext::Browsing { detail_focused } => browsing_key(key, ctrl, shift, detail_focused),
    }
}

fn overlay_key(key: KeyEvent) -> Option<Action> {
    Some(match key.code {
        KeyCode::Esc | KeyCode::Char('q' | '?') | KeyCode::Enter => Action::CloseOverlay,
        KeyCode::Tab | KeyCode::BackTab => Action::ToggleFocus,
        KeyCode::Up | KeyCode::Char('k') => Action::ScrollDetailUp,
        KeyCode::Down | KeyCode::Char('j') => Action::ScrollDetailDown,
        KeyCode::PageUp => Action::ScrollDetailPageUp,
        KeyCode::PageDown | KeyCode::Char(' ') => Action::ScrollDetailPageDown,
        _ => return None,
    })
}

fn places_key(key: KeyEvent) -> Option<Action> {
    Some(match key.code {
        KeyCode::Esc | KeyCode::Char('q') => Action::CloseOverlay,
        KeyCode::Up | KeyCode::Char('k') => Action::MovePlaceCursor(-1),
        KeyCode::Down | KeyCode::Char('j') => Action::MovePlaceCursor(1),
        KeyCode::PageUp => Action::MovePlaceCursor(-10),
        KeyCode::PageDown => Action::MovePlaceCursor(10),
        KeyCode::Home | KeyCode::Char('g') => Action::MovePlaceCursor(isize::MIN / 2),
        KeyCode::End | KeyCode::Char('G') => Action::MovePlaceCursor(isize::MAX / 2),
        KeyCode::Enter | KeyCode::Char(' ' | 'x') | KeyCode::Delete => Action::TogglePlaceTerm,
        _ => return None,
    })
}

fn confirm_key(key: KeyEvent) -> Option<Action> {
    Some(match key.code {
        KeyCode::Char('y' | 'Y') | KeyCode::Enter => Action::ConfirmOverlay,
        KeyCode::Char('n' | 'N' | 'q') | KeyCode::Esc => Action::CloseOverlay,
        _ => return None,
    })
}

fn article_search_key(key: KeyEvent, ctrl: bool) -> Option<Action> {
    Some(match key.code {
        KeyCode::Enter => Action::RunArticleSearch,
        KeyCode::Esc => Action::CancelArticleSearch,
        KeyCode::Backspace => Action::ArticleSearchBackspace,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Action::ArticleSearchChar(c),
        _ => return None,
    })
}

/// Reading mode speaks less: the keys a less user reaches for do what less
/// does, and item commands take the letters less leaves free.
fn reading_key(key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('e' | 'n' | 'j') if ctrl => Action::ScrollDetailDown,
        KeyCode::Char('y' | 'k' | 'p') if ctrl => Action::ScrollDetailUp,
        KeyCode::Char('f' | 'v') if ctrl => Action::ScrollDetailPageDown,
        KeyCode::Char('b') if ctrl => Action::ScrollDetailPageUp,
        KeyCode::Char('d') if ctrl => Action::ScrollDetailHalfDown,
        KeyCode::Char('u') if ctrl => Action::ScrollDetailHalfUp,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Esc | KeyCode::Char('q' | 'Q') => Action::CloseReading,
        KeyCode::Char('s') => Action::ToggleStar,
        KeyCode::Char('m') => Action::ToggleRead,
        KeyCode::Char('o') => Action::OpenLink,
        KeyCode::Char('y') => Action::CopyLink,
        KeyCode::Up | KeyCode::Char('k') => Action::ScrollDetailUp,
        KeyCode::Down | KeyCode::Enter | KeyCode::Char('j' | 'e') => Action::ScrollDetailDown,
        KeyCode::PageUp | KeyCode::Char('b') => Action::ScrollDetailPageUp,
        KeyCode::PageDown | KeyCode::Char(' ' | 'f') => Action::ScrollDetailPageDown,
        KeyCode::Char('d') => Action::ScrollDetailHalfDown,
        KeyCode::Char('u') => Action::ScrollDetailHalfUp,
        KeyCode::Home | KeyCode::Char('g' | '<') => Action::ScrollDetailTop,
        KeyCode::End | KeyCode::Char('G' | '>') => Action::ScrollDetailBottom,
        KeyCode::Char('/') => Action::StartArticleSearch,
        KeyCode::Char('n') => Action::NextBodyMatch,
        KeyCode::Char('N' | 'p') => Action::PreviousBodyMatch,
        KeyCode::Char('J') => Action::NextItem,
        KeyCode::Char('K') => Action::PreviousItem,
        KeyCode::Char('h' | '?') => Action::ReadingHelp,
        _ => return None,
    })
}

fn browsing_key(key: KeyEvent, ctrl: bool, shift: bool, detail_focused: bool) -> Option<Action> {
    // Letters type into the query, so item commands take Alt: the same
    // letters as in reading mode.
    if key.modifiers.contains(KeyModifiers::ALT) {
        return match key.code {
            KeyCode::Char('p') | KeyCode::Up => Some(Action::HistoryPrevious),
            KeyCode::Char('n') | KeyCode::Down => Some(Action::HistoryNext),
            KeyCode::Char('t') => Some(Action::ToggleTimeline),
            KeyCode::Left => Some(Action::ResizeList { wider: false }),
            KeyCode::Right => Some(Action::ResizeList { wider: true }),
            KeyCode::Char('s') => Some(Action::ToggleStar),
            KeyCode::Char('m') => Some(Action::ToggleRead),
            KeyCode::Char('o') => Some(Action::OpenLink),
            KeyCode::Char('y') => Some(Action::CopyLink),
            KeyCode::Char('A' | 'a') if shift || key.code == KeyCode::Char('A') => {
                Some(Action::AskMarkAllRead)
            }
            _ => None,
        };
    }
    let action = match key.code {
        KeyCode::Char('o') if ctrl => Action::OpenLink,
        KeyCode::Char('a') if ctrl => Action::CursorStart,
        KeyCode::Char('e') if ctrl => Action::CursorEnd,
        KeyCode::Char('w') if ctrl => Action::DeleteWordBackward,
        KeyCode::Char('u') if ctrl => Action::ClearQuery,
        KeyCode::Char('h') if ctrl => Action::DeleteBackward,
        KeyCode::Char('p' | 'k') if ctrl => Action::SelectPrevious,
        KeyCode::Char('n' | 'j') if ctrl => Action::SelectNext,
        KeyCode::Char('s') if ctrl => Action::ToggleSort,
        KeyCode::Char('f') if ctrl => Action::ToggleScope,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char('?') => Action::QuestionKey,
        KeyCode::Char(c) => Action::InsertChar(c),
        KeyCode::Backspace => Action::DeleteBackward,
        KeyCode::Delete => Action::DeleteForward,
        KeyCode::Left => Action::CursorLeft,
        KeyCode::Right => Action::CursorRight,
        KeyCode::Home if ctrl => Action::SelectFirst,
        KeyCode::End if ctrl => Action::SelectLast,
        KeyCode::Home => Action::HomeKey,
        KeyCode::End => Action::EndKey,
        KeyCode::Up if shift || detail_focused => Action::ScrollDetailUp,
        KeyCode::Down if shift || detail_focused => Action::ScrollDetailDown,
        KeyCode::PageUp if shift || detail_focused => Action::ScrollDetailPageUp,
        KeyCode::PageDown if shift || detail_focused => Action::ScrollDetailPageDown,
        KeyCode::Up => Action::SelectPrevious,
        KeyCode::Down => Action::SelectNext,
        KeyCode::PageUp => Action::SelectPageUp,
        KeyCode::PageDown => Action::SelectPageDown,
        KeyCode::Enter => Action::OpenReading,
        KeyCode::Tab | KeyCode::BackTab => Action::ToggleFocus,
        KeyCode::Esc => Action::Escape,
        _ => return None,
    };
    Some(action)
}

/// The action for a mouse event: the wheel scrolls, a left click selects.
pub fn action_for_mouse(mouse: MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollUp => Some(Action::ScrollAt {
            column,
            row,
            down: false,
        }),
        MouseEventKind::ScrollDown => Some(Action::ScrollAt {
            column,
            row,
            down: true,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::ClickAt { column, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    const BROWSING: KeyContext = KeyContext::Browsing {
        detail_focused: false,
    };

    #[test]
    fn typing_edits_the_query_while_browsing_but_commands_while_reading() {
        let n = key(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(action_for_key(n, BROWSING), Some(Action::InsertChar('n')));
        assert_eq!(
            action_for_key(n, KeyContext::Reading),
            Some(Action::NextBodyMatch)
        );
        let shifted = key(KeyCode::Char('É'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for_key(shifted, BROWSING),
            Some(Action::InsertChar('É'))
        );
    }

    #[test]
    fn fzf_and_emacs_keys() {
        let ctrl = |c| key(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(
            action_for_key(ctrl('p'), BROWSING),
            Some(Action::SelectPrevious)
        );
        assert_eq!(
            action_for_key(ctrl('j'), BROWSING),
            Some(Action::SelectNext)
        );
        assert_eq!(
            action_for_key(ctrl('w'), BROWSING),
            Some(Action::DeleteWordBackward)
        );
        assert_eq!(
            action_for_key(ctrl('u'), BROWSING),
            Some(Action::ClearQuery)
        );
        assert_eq!(
            action_for_key(ctrl('c'), KeyContext::Reading),
            Some(Action::Quit)
        );
        assert_eq!(action_for_key(ctrl('x'), BROWSING), None);
    }

    #[test]
    fn shift_or_focus_sends_arrows_to_the_detail_pane() {
        let up = key(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(action_for_key(up, BROWSING), Some(Action::SelectPrevious));
        let shift_up = key(KeyCode::Up, KeyModifiers::SHIFT);
        assert_eq!(
            action_for_key(shift_up, BROWSING),
            Some(Action::ScrollDetailUp)
        );
        let focused = KeyContext::Browsing {
            detail_focused: true,
        };
        assert_eq!(action_for_key(up, focused), Some(Action::ScrollDetailUp));
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut release = key(KeyCode::Char('a'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for_key(release, BROWSING), None);
    }
}
