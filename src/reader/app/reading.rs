//! The article on screen: where reading is, moving it as less does, `/` search, the next item.
//!
//! The reading place is a [`Place`] in the item's text, not a line number,
//! so a resize keeps the top line where it was, and each item remembers its
//! place for the session.

use super::{App, Overlay, SelectionCache};
use crate::archive::state::ItemKey;
use crate::reader::article::marks::Marks;
use crate::reader::article::{Article, MarkSet, Place, Shape};
use crate::reader::query_input::QueryInput;
use crate::search::engine::{self, Scope, Scratch};

/// The widest the article's text gets, for lines a person can read.
pub const DEFAULT_TEXT_WIDTH: u16 = 88;

/// Headlines up to this many bytes are marked letter by letter, as the list
/// marks them; longer ones by word, like bodies, so a frame stays cheap.
pub(super) const FUZZY_HEADLINE_BYTES: usize = 4096;

/// Matches counted for `match 1/3`, at most.
const MATCH_COUNT_LIMIT: usize = 10_000;

/// A search inside the article, started with `/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleSearch {
    /// The pattern being typed, while it is.
    pub input: Option<QueryInput>,
    /// The pattern searched for, once entered.
    pub pattern: Option<String>,
    /// The match `n` and `N` last went to: the item's archive index and the
    /// start of the match's line. It counts while it is on screen.
    pub current: Option<(usize, Place)>,
}

impl App {
    /// The selected item laid out, if any.
    pub fn article(&self) -> Option<Article<'_>> {
        let index = self.selected_index()?;
        let item = self.archive.get(index);
        Some(match self.fresh_selection(index) {
            Some(cache) => Article::with_shape(item, &cache.shape),
            None => Article::new(item),
        })
    }

    /// The selected item's key, from the cache when it is fresh.
    pub(super) fn selected_key(&self) -> Option<ItemKey> {
        let index = self.selected_index()?;
        Some(match self.fresh_selection(index) {
            Some(cache) => cache.key,
            None => self.archive.key(index),
        })
    }

    fn fresh_selection(&self, index: usize) -> Option<&SelectionCache> {
        self.selection
            .as_ref()
            .filter(|cache| cache.archive == self.archive_id() && cache.index == index)
    }

    /// Tells archives apart for the shape's cache: a reload is another.
    fn archive_id(&self) -> usize {
        std::sync::Arc::as_ptr(&self.archive) as usize
    }

    /// After every update: the selected item's segments are found once,
    /// when it is selected, not for every frame.
    pub(super) fn keep_shape(&mut self) {
        let Some(index) = self.selected_index() else {
            self.selection = None;
            return;
        };
        if self.fresh_selection(index).is_none() {
            self.selection = Some(SelectionCache {
                archive: self.archive_id(),
                index,
                key: self.archive.key(index),
                shape: Shape::of(self.archive.get(index)),
            });
        }
    }

    /// Cells a line of the article takes: the pane's, up to the setting.
    pub fn text_width(&self) -> usize {
        let pane = self.layout().detail_text.width;
        usize::from(pane.min(self.text_width_limit).max(1))
    }

    fn text_height(&self) -> usize {
        usize::from(self.layout().detail_text.height.max(1))
    }

    /// What to highlight: the `/` pattern when there is one, else the
    /// query's words (in the body only when the query looks there).
    pub fn marks(&self) -> MarkSet {
        if let Some(pattern) = &self.article_search.pattern {
            let marks = Marks::pattern(pattern);
            return MarkSet {
                headline_ranges: None,
                headline: marks.clone(),
                body: marks,
            };
        }
        let Some(query) = self.parsed_query.as_ref().filter(|query| !query.is_empty()) else {
            return MarkSet::default();
        };
        let marks = Marks::from_query(query);
        // A short headline is marked letter by letter, as the list marks it.
        let headline_ranges = self
            .selected_item()
            .filter(|item| item.headline.len() <= FUZZY_HEADLINE_BYTES)
            .map(|item| {
                let positions =
                    engine::highlights(query, item, Scope::Headlines, &mut Scratch::new());
                char_ranges_to_bytes(item.headline, &positions.headline)
            });
        MarkSet {
            headline_ranges,
            headline: marks.clone(),
            body: match self.scope {
                Scope::FullText => marks,
                Scope::Headlines => Marks::default(),
            },
        }
    }

    /// The marks `n` and `N` move between: the `/` pattern's, else the
    /// query's in the body.
    fn jump_marks(&self) -> Marks {
        self.marks().body
    }

    /// `match 2/5` for the status line, when there are matches to move between.
    pub fn match_position(&self) -> Option<(usize, usize)> {
        let marks = self.jump_marks();
        if marks.is_empty() {
            return None;
        }
        let article = self.article()?;
        let from = self.current_match().unwrap_or(self.top);
        let (current, total) = article.match_position(from, &marks, MATCH_COUNT_LIMIT);
        (total > 0).then_some((current, total))
    }

    /// The match last gone to, if it is of this item and on screen.
    fn current_match(&self) -> Option<Place> {
        let (index, place) = self.article_search.current?;
        if Some(index) != self.selected_index() {
            return None;
        }
        let article = self.article()?;
        let (width, height) = (self.text_width(), self.text_height());
        let top = article.line_start(self.top, width);
        let below = article.moved(top, width, height as isize);
        let on_screen = place >= top && (place < below || article.shows_end(top, width, height));
        on_screen.then_some(place)
    }

    /// Goes to the match at `place`: it becomes the current one, and the
    /// top line if the article can scroll that far.
    fn go_to_match(&mut self, place: Place) {
        let (width, height) = (self.text_width(), self.text_height());
        self.article_search.current = self.selected_index().map(|index| (index, place));
        if let Some(article) = self.article() {
            self.top = article.bounded(place, width, height);
        }
    }

    /// How far into the article the top line is, as less shows it: `42%`,
    /// or `END` when the last line is on screen.
    pub fn reading_position(&self) -> Option<String> {
        let article = self.article()?;
        let (width, height) = (self.text_width(), self.text_height());
        Some(match article.shows_end(self.top, width, height) {
            true => "END".into(),
            false => format!("{}%", (article.fraction(self.top) * 100.0) as u32),
        })
    }

    /// Moves the reading place by `lines` screen lines.
    pub(super) fn scroll_article(&mut self, lines: isize) {
        let (width, height) = (self.text_width(), self.text_height());
        if let Some(article) = self.article() {
            let moved = article.moved(self.top, width, lines);
            self.top = article.bounded(moved, width, height);
        }
    }

    /// After a resize: the top line is the one holding the same text.
    pub(super) fn keep_top_line(&mut self) {
        let width = self.text_width();
        if let Some(article) = self.article() {
            self.top = article.line_start(self.top, width);
        }
    }

    /// A new query or scope may match the body of the item on screen: if
    /// it is still at its top, show the first match.
    pub(super) fn show_first_match_if_unread_at_top(&mut self) {
        if self.top == Place::default()
            && let Some(place) = self.first_body_match()
        {
            self.top = place;
        }
    }

    pub(super) fn scroll_article_to_end(&mut self, end: bool) {
        let (width, height) = (self.text_width(), self.text_height());
        if let Some(article) = self.article() {
            self.top = match end {
                true => article.last_top(width, height),
                false => Place::default(),
            };
        }
    }

    pub(super) fn half_page(&self) -> isize {
        (self.text_height() / 2).max(1) as isize
    }

    pub(super) fn full_page(&self) -> isize {
        self.text_height().saturating_sub(1).max(1) as isize
    }

    /// `n` / `N`: the next or previous match. With none to move between,
    /// `n` and `p` (here: `forward`) go to the next or previous item.
    pub(super) fn next_match(&mut self, forward: bool) {
        let marks = self.jump_marks();
        if marks.is_empty() {
            self.next_item(forward);
            return;
        }
        let width = self.text_width();
        let from = self.current_match().unwrap_or(self.top);
        let Some(article) = self.article() else {
            return;
        };
        let found = match forward {
            true => article.find_next(from, width, &marks, true),
            false => article.find_previous(from, width, &marks),
        };
        match found {
            Some(place) => self.go_to_match(place),
            None => self.notice = Some("Pattern not found".into()),
        }
    }

    /// J / K: the next or previous item of the results, still reading.
    pub(super) fn next_item(&mut self, forward: bool) {
        let position = match forward {
            true => self.selected.saturating_add(1),
            false => self.selected.saturating_sub(1),
        };
        self.select(position);
    }

    /// `/`: starts typing a pattern.
    pub(super) fn start_article_search(&mut self) {
        self.article_search.input = Some(QueryInput::default());
    }

    pub(super) fn edit_article_search(&mut self, edit: impl FnOnce(&mut QueryInput)) {
        if let Some(input) = self.article_search.input.as_mut() {
            edit(input);
        }
    }

    /// Enter after `/`: searches forward from the top line.
    pub(super) fn run_article_search(&mut self) {
        let Some(input) = self.article_search.input.take() else {
            return;
        };
        if input.is_empty() {
            // As less: an empty pattern repeats the last one.
            if self.article_search.pattern.is_some() {
                self.next_match(true);
            }
            return;
        }
        self.article_search.pattern = Some(input.text().to_string());
        let width = self.text_width();
        let marks = self.jump_marks();
        let Some(article) = self.article() else {
            return;
        };
        match article.find_next(self.top, width, &marks, false) {
            Some(place) => self.go_to_match(place),
            None => self.notice = Some("Pattern not found".into()),
        }
    }

    pub(super) fn cancel_article_search(&mut self) {
        if self.article_search.input.take().is_none() {
            self.article_search.pattern = None;
        }
    }

    /// After every update: when another item is selected, the last one's
    /// place is remembered and the new one's restored, or, for an item the
    /// query matched in its body, set at the first match.
    pub(super) fn follow_selection(&mut self) {
        let selected = self.selected_key();
        if selected == self.top_of {
            return;
        }
        // Only a place the reader moved to is worth keeping: an item merely
        // passed over (while typing a query, say) opens as new.
        if let Some(previous) = self.top_of {
            match self.top {
                top if top == Place::default() => self.positions.remove(&previous),
                top => self.positions.insert(previous, top),
            };
        }
        self.top_of = selected;
        self.article_search.pattern = None;
        self.top = match selected.and_then(|key| self.positions.get(&key)) {
            Some(&place) => place,
            None => self.first_body_match().unwrap_or_default(),
        };
    }

    /// Where the query first matched the body, in full-text scope.
    fn first_body_match(&self) -> Option<Place> {
        let marks = self.marks().body;
        if marks.is_empty() {
            return None;
        }
        let (width, height) = (self.text_width(), self.text_height());
        let article = self.article()?;
        let found = article.find_next(article.body_start(), width, &marks, false)?;
        Some(article.bounded(found, width, height))
    }

    /// Whether typing goes to the `/` pattern.
    pub fn typing_article_search(&self) -> bool {
        self.reading && self.overlay.is_none() && self.article_search.input.is_some()
    }

    /// Help from reading mode (`h`).
    pub(super) fn reading_help(&mut self) {
        self.overlay = Some(Overlay::Help);
        self.overlay_scroll = 0;
    }
}

/// Character positions in `text` as byte ranges, joined where adjacent.
fn char_ranges_to_bytes(text: &str, positions: &[u32]) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut wanted = positions.iter().peekable();
    for (index, (byte, c)) in text.char_indices().enumerate() {
        while wanted.next_if(|&&p| (p as usize) < index).is_some() {}
        if wanted.next_if(|&&p| p as usize == index).is_some() {
            let end = byte + c.len_utf8();
            match ranges.last_mut() {
                Some(last) if last.end == byte => last.end = end,
                _ => ranges.push(byte..end),
            }
        }
        if wanted.peek().is_none() {
            break;
        }
    }
    ranges
}
