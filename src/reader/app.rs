//! The reader's state, and the one place it changes: [`App::update`].

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::layout::{Position, Rect};

use crate::archive::item::{Archive, Item};
use crate::archive::source::Origin;
use crate::archive::state::{ItemKey, ItemState, ItemStates};
use crate::config::settings::Settings;
use crate::places::PlacesCell;
use crate::reader::action::{Action, KeyContext};
use crate::reader::article::{Place, Shape};
use crate::reader::facets::FacetsRequest;
use crate::reader::help::{HelpLine, examples_start, help_lines};
use crate::reader::history::QueryHistory;
use crate::reader::layout::{Panes, ScreenLayout, overlay_window};
use crate::reader::query_input::QueryInput;
use crate::search::engine::{self, Highlights, Match, Scope, Scratch, SortOrder};
use crate::search::query::Query;
use crate::search::worker::{SearchRequest, SearchResponse};
pub use pending::PENDING_FOR;
use pending::Pending;
use places::WhereWhen;
use reading::ArticleSearch;
use recall::BeforeQuery;

/// The character positions of byte ranges of `text`.
fn char_positions(text: &str, ranges: &[std::ops::Range<usize>]) -> Vec<u32> {
    let mut positions = Vec::new();
    let mut ranges = ranges.iter().peekable();
    for (index, (byte, _)) in text.char_indices().enumerate() {
        while ranges.next_if(|range| range.end <= byte).is_some() {}
        match ranges.peek() {
            Some(range) if range.start <= byte => positions.push(index as u32),
            Some(_) => {}
            None => break,
        }
    }
    positions
}

/// What is worked out once for the selected item rather than every frame:
/// its key (a hash of a headline that may be long) and its segments.
struct SelectionCache {
    /// Which archive: a reload is another.
    archive: usize,
    index: usize,
    key: ItemKey,
    shape: Shape,
}

/// Rows the mouse wheel moves.
const WHEEL_STEP: usize = 3;

/// Which pane arrow keys and the wheel act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
}

/// A window over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Warnings,
    /// The results' places (F4).
    Places,
    /// "Mark N items read?", answered with y or n.
    ConfirmMarkAllRead {
        count: usize,
    },
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Start this search in the background.
    Search(SearchRequest),
    Quit,
    /// Give the terminal back (Ctrl-Z) and redraw on return.
    Suspend,
    /// Fetch the feeds and reload the store in the background.
    Refresh,
    /// Pick mode: print the item at this archive index and exit.
    Pick(usize),
    /// Pick mode: print nothing and exit 130.
    Cancel,
}

/// Work for the event loop beside the effect of an update: the reader's
/// outbox, drained after every batch of actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Write these items' states to the store, in one transaction.
    SaveStates(Vec<(ItemKey, ItemState)>),
    /// Wake the loop with `ReadTimerFired(token)` after [`READ_AFTER`].
    ArmReadTimer(u64),
    /// Open this (checked, http(s)) link in a browser.
    OpenLink(String),
    /// Put this (checked) link on the clipboard.
    CopyLink(String),
    /// Replace the history file with this text.
    SaveHistory(String),
    /// Wake the loop with `PendingTimerFired(token)` after [`PENDING_FOR`].
    ArmPendingTimer(u64),
    /// Count these results' places and days, off the draw path.
    CountFacets(FacetsRequest),
}

/// How long an item must stay in the detail pane to count as read.
pub const READ_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

/// The background refresh (Ctrl-R), as the status line tells it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RefreshStatus {
    #[default]
    Idle,
    /// Fetching `done` of `feeds` feeds (0 feeds: reloading the store).
    Running { done: usize, feeds: usize },
}

/// Everything the reader shows, derived from the archive and what the user did.
pub struct App {
    /// The archive on screen.
    archive: Arc<Archive>,
    /// Its items' states; shared with the search worker, copied on write.
    states: Arc<ItemStates>,
    /// A reloaded archive and its states, shown once the current query has
    /// been run on it, so that the list never shows results of one archive
    /// over another.
    incoming: Option<(Arc<Archive>, Arc<ItemStates>, Arc<PlacesCell>)>,
    /// The archive's places, built off the draw path at the first need.
    places: Arc<PlacesCell>,
    /// Where the archive came from.
    pub origin: Origin,
    pub refresh: RefreshStatus,
    /// A one-line message for the status line (what the last refresh did).
    pub notice: Option<String>,
    /// Problems found since start-up (a bad setting, a failed save),
    /// newest first, shown in F2 before the archive's own warnings.
    problems: Vec<String>,
    /// The feeds that failed in the last refresh, shown in F2 first; each
    /// refresh replaces them.
    refresh_failures: Vec<String>,
    /// Work for the event loop, drained by [`App::take_commands`].
    commands: Vec<Command>,
    /// The item in the detail pane (or read full screen), whose read timer runs.
    shown: Option<ItemKey>,
    /// The newest read timer armed; an older one firing is ignored.
    read_timer: u64,
    /// How many of the results are unread, kept as states change.
    unread_in_results: usize,
    /// State changes made while a refresh runs, applied again to the
    /// reloaded archive, which was read before some of them were saved.
    changes_during_refresh: Vec<(ItemKey, ItemState)>,
    /// In pick mode (`--pick`), Enter picks and Esc cancels.
    pub picking: bool,
    pub query: QueryInput,
    /// The query as last parsed, for highlights; `None` when it has an error.
    parsed_query: Option<Query>,
    pub query_error: Option<String>,
    /// The matches on screen, best first (or newest first).
    results: Vec<Match>,
    /// The query text `results` answer.
    results_query: String,
    /// The generation of the newest search asked for.
    generation: u64,
    /// The generation the results on screen answer.
    answered: u64,
    pub selected: usize,
    pub list_offset: usize,
    /// Where the selected item is being read, at the top of its pane.
    pub top: Place,
    /// The item `top` belongs to.
    top_of: Option<ItemKey>,
    /// Where each item read this session was left.
    positions: HashMap<ItemKey, Place>,
    pub article_search: ArticleSearch,
    /// The selected item's key and segments, found once per selection.
    selection: Option<SelectionCache>,
    /// The widest the article's lines get (setting `reader.text_width`).
    text_width_limit: u16,
    /// The list's share and whether the detail pane shows (F3, Alt-← →).
    pub panes: Panes,
    pub focus: Focus,
    pub reading: bool,
    pub overlay: Option<Overlay>,
    pub overlay_scroll: usize,
    pub scope: Scope,
    pub order: SortOrder,
    area: Rect,
    /// The queries used before, for Alt-p and Alt-n.
    history: QueryHistory,
    /// Where to go back to when the query is cleared.
    before_query: Option<BeforeQuery>,
    /// With no results: how many the other scope would find.
    other_scope: Option<usize>,
    /// The term being typed, left out of the search until it is complete.
    pending: Option<Pending>,
    /// How many results matched by words, not by scattered letters.
    by_words: usize,
    /// The results' places and days, the places view and the timeline.
    where_when: WhereWhen,
}

impl App {
    pub fn new(archive: Arc<Archive>) -> Self {
        let states = Arc::new(ItemStates::from_archive(&archive));
        Self::with_states(archive, states)
    }

    pub fn with_states(archive: Arc<Archive>, states: Arc<ItemStates>) -> Self {
        let results = (0..archive.len() as u32).map(Match::unranked).collect();
        let unread_in_results = states.unread_among(0..archive.len());
        let archive_len = archive.len();
        let mut app = Self {
            archive,
            states,
            incoming: None,
            places: Arc::default(),
            origin: Origin::default(),
            refresh: RefreshStatus::Idle,
            notice: None,
            problems: Vec::new(),
            refresh_failures: Vec::new(),
            commands: Vec::new(),
            shown: None,
            read_timer: 0,
            unread_in_results,
            changes_during_refresh: Vec::new(),
            picking: false,
            query: QueryInput::default(),
            parsed_query: Some(Query::default()),
            query_error: None,
            results,
            results_query: String::new(),
            generation: 0,
            answered: 0,
            selected: 0,
            list_offset: 0,
            top: Place::default(),
            top_of: None,
            positions: HashMap::new(),
            article_search: ArticleSearch::default(),
            selection: None,
            text_width_limit: reading::DEFAULT_TEXT_WIDTH,
            panes: Panes::default(),
            focus: Focus::List,
            reading: false,
            overlay: None,
            overlay_scroll: 0,
            scope: Scope::Headlines,
            order: SortOrder::Score,
            area: Rect::default(),
            history: QueryHistory::default(),
            before_query: None,
            other_scope: None,
            pending: None,
            by_words: archive_len,
            where_when: WhereWhen::default(),
        };
        // The whole archive's places and days, for the first screen.
        app.count_facets();
        app
    }

    /// The reader's settings: the article's width, the list's share.
    pub fn with_settings(mut self, settings: &Settings) -> Self {
        self.text_width_limit = settings.text_width;
        self.panes.list_share = settings.list_share;
        self
    }

    /// An app for an archive from `origin`, with `problems` to show in F2
    /// (a bad setting, say).
    pub fn with_origin(mut self, origin: Origin, problems: Vec<String>) -> Self {
        self.origin = origin;
        self.problems = problems;
        self
    }

    pub fn archive(&self) -> &Archive {
        &self.archive
    }

    /// How many lines the warnings view (F2) has.
    pub fn warning_count(&self) -> usize {
        let dropped = usize::from(self.archive.warnings_dropped() > 0);
        self.refresh_failures.len() + self.problems.len() + self.archive.warnings().len() + dropped
    }

    /// Line `index` of the warnings view: the last refresh's failures, other
    /// problems, then the archive's warnings.
    pub fn warning_line(&self, index: usize) -> Option<String> {
        let problems = index.checked_sub(self.refresh_failures.len());
        let warnings = problems.and_then(|i| i.checked_sub(self.problems.len()));
        match (problems, warnings) {
            (None, _) => self.refresh_failures.get(index).cloned(),
            (Some(i), None) => self.problems.get(i).cloned(),
            (Some(_), Some(i)) => match self.archive.warnings().get(i) {
                Some(warning) => Some(warning.to_string()),
                None if i == self.archive.warnings().len() => Some(format!(
                    "… and {} more warnings, not kept",
                    self.archive.warnings_dropped()
                )),
                None => None,
            },
        }
    }

    pub fn results(&self) -> &[Match] {
        &self.results
    }

    /// Whether the results on screen answer an older request than the last
    /// one: a new query, sort order, scope or archive is being searched.
    pub fn searching(&self) -> bool {
        self.answered != self.generation && self.query_error.is_none()
    }

    /// What to try when nothing matches: the other scope, if it finds
    /// something, and a date term, if the query looks like a date.
    pub fn empty_result_hints(&self) -> Vec<String> {
        let mut hints = Vec::new();
        if self.scope == Scope::Headlines && !self.searching() {
            match self.other_scope {
                Some(0) | None => {}
                Some(1) => hints.push("1 match in the full text: ^F".to_string()),
                Some(n) => hints.push(format!("{n} matches in the full text: ^F")),
            }
        }
        if let Some(term) = crate::reader::suggest::date_term(self.query.text()) {
            hints.push(format!("Dates are terms: try {term}"));
        }
        hints
    }

    /// The terminal's size as last reported.
    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn layout(&self) -> ScreenLayout {
        ScreenLayout::with_panes(self.area, self.reading, self.panes)
            .with_timeline(!self.timeline_hidden())
    }

    pub fn key_context(&self) -> KeyContext {
        if let Some(Overlay::ConfirmMarkAllRead { .. }) = self.overlay {
            KeyContext::Confirm
        } else if self.typing_article_search() {
            KeyContext::ArticleSearch
        } else if self.overlay == Some(Overlay::Places) {
            KeyContext::Places
        } else if self.overlay.is_some() {
            KeyContext::Overlay
        } else if self.reading {
            KeyContext::Reading
        } else {
            KeyContext::Browsing {
                detail_focused: self.detail_focused(),
            }
        }
    }

    /// Whether the detail pane has the focus; never when it is not shown.
    pub fn detail_focused(&self) -> bool {
        self.focus == Focus::Detail && !self.layout().detail.is_empty()
    }

    /// The selected item's archive index, if any item matches.
    pub fn selected_index(&self) -> Option<usize> {
        self.results.get(self.selected).map(|m| m.index as usize)
    }

    pub fn selected_item(&self) -> Option<Item<'_>> {
        self.selected_index().map(|index| self.archive.get(index))
    }

    /// Where the query matched an item, for the view to highlight.
    pub fn highlights(&self, item: Item<'_>, scratch: &mut Scratch) -> Highlights {
        match &self.parsed_query {
            Some(query) if !query.is_empty() => {
                engine::highlights(query, item, self.scope, scratch)
            }
            _ => Highlights::default(),
        }
    }

    /// Where the query matched an item's headline, for the list: letter by
    /// letter as the filter matched, or, for a headline too long to match
    /// that way in a frame, the query's words near its start.
    pub fn headline_highlights(&self, item: Item<'_>, scratch: &mut Scratch) -> Vec<u32> {
        match &self.parsed_query {
            Some(query) if !query.is_empty() => {
                if item.headline.len() <= reading::FUZZY_HEADLINE_BYTES {
                    return engine::highlights(query, item, Scope::Headlines, scratch).headline;
                }
                let mut end = reading::FUZZY_HEADLINE_BYTES * 4;
                while !item.headline.is_char_boundary(end) {
                    end -= 1;
                }
                let prefix = &item.headline[..end];
                let marks = crate::reader::article::marks::Marks::from_query(query);
                char_positions(prefix, &marks.find(prefix))
            }
            _ => Vec::new(),
        }
    }

    /// The only place the state changes.
    pub fn update(&mut self, action: Action) -> Effect {
        // A notice (what a refresh did, a copied link) lasts until the
        // next thing the user does.
        if action.is_from_user() && self.refresh == RefreshStatus::Idle {
            self.notice = None;
        }
        if action.puts_query_to_use(self.reading) {
            self.record_query();
        }
        let effect = self.act(action);
        self.keep_shape();
        self.follow_selection();
        self.note_shown_item();
        effect
    }

    /// The work for the event loop since the last call.
    pub fn take_commands(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.commands)
    }

    /// Puts back work a test took but did not do.
    #[cfg(test)]
    pub fn put_back_commands(&mut self, mut commands: Vec<Command>) {
        commands.append(&mut self.commands);
        self.commands = commands;
    }

    fn act(&mut self, action: Action) -> Effect {
        match action {
            Action::InsertChar(c) => return self.edit_query(|q| q.insert(c)),
            Action::Paste(text) if matches!(self.key_context(), KeyContext::Browsing { .. }) => {
                return self.edit_query(|q| q.insert_str(&text));
            }
            Action::Paste(_) => {}
            Action::DeleteBackward => return self.edit_query(QueryInput::delete_backward),
            Action::DeleteForward => return self.edit_query(QueryInput::delete_forward),
            Action::DeleteWordBackward => return self.edit_query(QueryInput::delete_word_backward),
            Action::ClearQuery => return self.edit_query(QueryInput::clear),
            Action::CursorLeft => self.query.move_left(),
            Action::CursorRight => self.query.move_right(),
            Action::CursorStart => self.query.move_start(),
            Action::CursorEnd => self.query.move_end(),
            Action::QuestionKey if self.query.is_empty() => self.toggle_overlay(Overlay::Help),
            Action::QuestionKey => return self.edit_query(|q| q.insert('?')),
            Action::HistoryPrevious => return self.recall(true),
            Action::HistoryNext => return self.recall(false),
            Action::HomeKey if self.query.is_empty() => self.select(0),
            Action::HomeKey => self.query.move_start(),
            Action::EndKey if self.query.is_empty() => self.select(usize::MAX),
            Action::EndKey => self.query.move_end(),
            Action::SelectPrevious => self.select(self.selected.saturating_sub(1)),
            Action::SelectNext => self.select(self.selected.saturating_add(1)),
            Action::SelectPageUp => self.select(self.selected.saturating_sub(self.list_page())),
            Action::SelectPageDown => self.select(self.selected.saturating_add(self.list_page())),
            Action::SelectFirst => self.select(0),
            Action::SelectLast => self.select(usize::MAX),
            Action::ScrollDetailUp => self.scroll(-1),
            Action::ScrollDetailDown => self.scroll(1),
            Action::ScrollDetailPageUp => self.scroll(-self.page_of_scrolled()),
            Action::ScrollDetailPageDown => self.scroll(self.page_of_scrolled()),
            Action::ScrollDetailHalfUp => self.scroll(-self.half_page()),
            Action::ScrollDetailHalfDown => self.scroll(self.half_page()),
            Action::ScrollDetailTop if self.overlay.is_some() => self.scroll(isize::MIN),
            Action::ScrollDetailBottom if self.overlay.is_some() => self.scroll(isize::MAX),
            Action::ScrollDetailTop => self.scroll_article_to_end(false),
            Action::ScrollDetailBottom => self.scroll_article_to_end(true),
            Action::NextBodyMatch => self.next_match(true),
            Action::PreviousBodyMatch => self.next_match(false),
            Action::NextItem => self.next_item(true),
            Action::PreviousItem => self.next_item(false),
            Action::StartArticleSearch => self.start_article_search(),
            Action::ArticleSearchChar(c) => self.edit_article_search(|input| input.insert(c)),
            Action::ArticleSearchBackspace => self.edit_article_search(QueryInput::delete_backward),
            Action::RunArticleSearch => self.run_article_search(),
            Action::CancelArticleSearch => self.cancel_article_search(),
            Action::ReadingHelp => self.reading_help(),
            Action::OpenReading if self.picking => {
                return match self.selected_index() {
                    Some(index) => Effect::Pick(index),
                    None => Effect::None,
                };
            }
            Action::OpenReading => {
                if let Some(index) = self.selected_index() {
                    self.reading = true;
                    self.mark_read(index);
                }
            }
            Action::CloseReading => self.reading = false,
            Action::ToggleSort => {
                self.order = match self.order {
                    SortOrder::Score => SortOrder::Date,
                    SortOrder::Date => SortOrder::Score,
                };
                return self.request_search();
            }
            Action::ToggleScope => {
                self.scope = match self.scope {
                    Scope::Headlines => Scope::FullText,
                    Scope::FullText => Scope::Headlines,
                };
                return self.request_search();
            }
            Action::ToggleFocus if self.overlay == Some(Overlay::Help) => {
                // Tab in the help: to the query examples and back.
                let lines = self.help_lines();
                let examples = examples_start(&lines);
                let max = lines.len().saturating_sub(self.overlay_height());
                self.overlay_scroll = match self.overlay_scroll >= examples.min(max) {
                    true => 0,
                    false => examples.min(max),
                };
            }
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::List => Focus::Detail,
                    Focus::Detail => Focus::List,
                }
            }
            Action::ToggleDetail => {
                self.panes.detail = !self.panes.detail;
                self.select(self.selected);
            }
            Action::ResizeList { wider } => {
                let share = match wider {
                    true => self.panes.list_share.saturating_add(5),
                    false => self.panes.list_share.saturating_sub(5),
                };
                self.panes.list_share = share.clamp(Panes::MIN_SHARE, Panes::MAX_SHARE);
                self.keep_top_line();
            }
            Action::ToggleHelp => self.toggle_overlay(Overlay::Help),
            Action::TogglePlaces => self.toggle_places_view(),
            Action::ToggleTimeline => self.toggle_timeline(),
            Action::MovePlaceCursor(step) => self.move_place_cursor(step),
            Action::TogglePlaceTerm => return self.toggle_place_term(),
            Action::FacetsReady(generation, facets) => self.facets_ready_for(generation, facets),
            Action::ToggleWarnings => self.toggle_overlay(Overlay::Warnings),
            Action::CloseOverlay => self.overlay = None,
            Action::Escape | Action::Quit if self.picking => return Effect::Cancel,
            Action::Escape if !self.query.is_empty() => return self.edit_query(QueryInput::clear),
            Action::Escape | Action::Quit => return Effect::Quit,
            Action::Suspend => return Effect::Suspend,
            Action::ScrollAt { column, row, down } => self.wheel(Position::new(column, row), down),
            Action::ClickAt { column, row } => return self.click(Position::new(column, row)),
            Action::Resize { width, height } => {
                self.area = Rect::new(0, 0, width, height);
                self.select(self.selected);
                // The top line keeps its text: only the lines around it rewrap.
                self.keep_top_line();
            }
            Action::SearchFinished(response) => self.apply_search(response),
            Action::Refresh if self.refresh == RefreshStatus::Idle => {
                self.refresh = RefreshStatus::Running { done: 0, feeds: 0 };
                self.notice = None;
                return Effect::Refresh;
            }
            Action::Refresh => {}
            Action::Refreshed(event) => return self.refreshed(event),
            Action::ToggleRead => self.toggle_selected(|state| state.read = !state.read),
            Action::ToggleStar => self.toggle_selected(|state| state.starred = !state.starred),
            Action::ReadTimerFired(token) => self.read_timer_fired(token),
            Action::PendingTimerFired(token) => self.pending_timer_fired(token),
            Action::AskMarkAllRead => self.ask_mark_all_read(),
            Action::ConfirmOverlay => self.confirm(),
            Action::OpenLink => self.open_link(false),
            Action::CopyLink => self.open_link(true),
            Action::StatesSaved(Err(error)) => {
                self.notice = Some(format!("not saved: {error}"));
                self.problems
                    .insert(0, format!("saving read and starred: {error}"));
            }
            Action::StatesSaved(Ok(())) => {}
            Action::LinkHandled(message) => self.notice = Some(message),
        }
        Effect::None
    }

    /// A query edit by the user: typing ends recalling the history.
    fn edit_query(&mut self, edit: impl FnOnce(&mut QueryInput)) -> Effect {
        self.history.stop_recalling();
        self.change_query(edit)
    }

    fn change_query(&mut self, edit: impl FnOnce(&mut QueryInput)) -> Effect {
        let before = self.query.text().to_string();
        self.note_before_query();
        edit(&mut self.query);
        if self.query.text() == before {
            return Effect::None;
        }
        self.pending = None;
        match Query::parse(self.query.text()) {
            Ok(query) => {
                self.parsed_query = Some(query);
                self.query_error = None;
                self.request_search()
            }
            Err(error) => match self.try_pending(error.to_string()) {
                Some(rest) => {
                    self.parsed_query = Some(rest);
                    self.query_error = None;
                    self.request_search()
                }
                None => {
                    self.parsed_query = None;
                    self.query_error = Some(error.to_string());
                    Effect::None
                }
            },
        }
    }

    fn request_search(&mut self) -> Effect {
        if self.query_error.is_some() {
            return Effect::None;
        }
        self.generation += 1;
        let (archive, states, places) = match &self.incoming {
            Some((archive, states, places)) => (archive, states, places),
            None => (&self.archive, &self.states, &self.places),
        };
        Effect::Search(SearchRequest {
            generation: self.generation,
            archive: Arc::clone(archive),
            states: Arc::clone(states),
            query: self.searched_text().to_string(),
            scope: self.scope,
            order: self.order,
            places: Arc::clone(places),
        })
    }

    fn apply_search(&mut self, response: SearchResponse) {
        if response.request.generation != self.generation {
            return;
        }
        self.answered = response.request.generation;
        let matches = match response.outcome {
            Ok(matches) => matches,
            Err(error) => {
                self.query_error = Some(error.to_string());
                return;
            }
        };
        // A new query starts at its best match; a new order or scope keeps
        // the item the reader was on, and so does an answer that arrives
        // while an article is open full screen or for a reloaded archive.
        let reloaded = !Arc::ptr_eq(&response.request.archive, &self.archive);
        let keep_item = response.request.query == self.results_query || self.reading || reloaded;
        let previous_index = self.selected_index();
        // Across a reload, indices change: the item is found by its key.
        let previous_key = previous_index
            .filter(|_| reloaded)
            .map(|index| self.archive.key(index));
        let row = self.selected.saturating_sub(self.list_offset);
        if reloaded {
            self.archive = response.request.archive;
            let mut states = response.request.states;
            self.with_changes_since_refresh(&mut states);
            self.states = states;
            self.places = response.request.places.clone();
            self.incoming = None;
        }
        self.results = matches;
        self.other_scope = response.other_scope;
        self.by_words = response.by_words;
        self.results_query = response.request.query;
        self.count_facets();
        self.unread_in_results = self
            .states
            .unread_among(self.results.iter().map(|m| m.index as usize));
        let archive = &self.archive;
        // A cleared query goes back to where the reader was before typing.
        let back_to = match self.results_query.is_empty() && !reloaded {
            true => self.before_query.take(),
            false => None,
        };
        if reloaded {
            self.before_query = None;
        }
        let (keep_item, previous_index, row) = match back_to {
            Some(before) => (true, Some(before.index), before.row),
            None => (keep_item, previous_index, row),
        };
        let kept = match (keep_item, previous_key, previous_index) {
            (false, _, _) => None,
            (true, Some(key), _) => self
                .results
                .iter()
                .position(|m| archive.key(m.index as usize) == key),
            (true, None, Some(index)) => {
                self.results.iter().position(|m| m.index as usize == index)
            }
            (true, None, None) => None,
        };
        match kept {
            Some(position) => {
                // The kept item stays on the same screen row.
                self.selected = position;
                self.list_offset = position.saturating_sub(row);
                self.show_first_match_if_unread_at_top();
            }
            None => {
                self.selected = 0;
                self.list_offset = 0;
                self.reading &= !self.results.is_empty();
            }
        }
        self.select(self.selected);
    }

    /// Selects the row at `position` (clamped) and scrolls it into view,
    /// with no blank rows below the last item.
    fn select(&mut self, position: usize) {
        let last = self.results.len().saturating_sub(1);
        self.selected = position.min(last);
        let height = usize::from(self.layout().list.height.max(1));
        self.list_offset = self.offset_showing(self.selected, height);
        let divider = usize::from(self.fuzzy_start().is_some());
        self.list_offset = self
            .list_offset
            .min((self.results.len() + divider).saturating_sub(height));
    }

    fn list_page(&self) -> usize {
        usize::from(self.layout().list.height.max(1))
    }

    /// Rows inside the overlay window's border.
    /// The help as laid out in its window now.
    fn help_lines(&self) -> Vec<HelpLine> {
        help_lines(usize::from(
            overlay_window(self.area).width.saturating_sub(2),
        ))
    }

    fn overlay_height(&self) -> usize {
        usize::from(overlay_window(self.area).height.saturating_sub(2).max(1))
    }

    fn page_of_scrolled(&self) -> isize {
        match self.overlay {
            Some(_) => self.overlay_height() as isize,
            None => self.full_page(),
        }
    }

    /// Scrolls the overlay, if one is open, or the detail pane, by `lines`.
    fn scroll(&mut self, lines: isize) {
        if let Some(overlay) = self.overlay {
            let total = match overlay {
                Overlay::Help => self.help_lines().len(),
                Overlay::Warnings => self.warning_count(),
                Overlay::ConfirmMarkAllRead { .. } => 0,
                Overlay::Places => self.facets().places.len(),
            };
            let max = total.saturating_sub(self.overlay_height());
            self.overlay_scroll = self.overlay_scroll.saturating_add_signed(lines).min(max);
            return;
        }
        if self.layout().detail_text.is_empty() {
            return;
        }
        self.scroll_article(lines);
    }

    fn toggle_overlay(&mut self, overlay: Overlay) {
        self.overlay = if self.overlay == Some(overlay) {
            None
        } else {
            Some(overlay)
        };
        self.overlay_scroll = 0;
    }

    fn wheel(&mut self, at: Position, down: bool) {
        let layout = self.layout();
        let step = if down {
            WHEEL_STEP as isize
        } else {
            -(WHEEL_STEP as isize)
        };
        if self.overlay.is_some() || layout.detail.contains(at) {
            self.scroll(step);
        } else if layout.list.contains(at) {
            self.select(self.selected.saturating_add_signed(step));
        }
    }

    fn click(&mut self, at: Position) -> Effect {
        let layout = self.layout();
        if self.overlay.is_some() {
            return Effect::None;
        }
        if layout.list.contains(at) {
            self.focus = Focus::List;
            let row = usize::from(at.y - layout.list.y);
            let clicked = self.list_rows(row + 1).nth(row);
            if let Some(rows::ListRow::Result(position)) = clicked {
                self.select(position);
            }
        } else if layout.detail.contains(at) {
            self.focus = Focus::Detail;
        } else if layout.timeline.contains(at) {
            return self.click_timeline(usize::from(at.x - layout.timeline.x));
        }
        Effect::None
    }
}

mod marks;
mod pending;
mod places;
pub mod reading;
mod recall;
mod refreshing;
pub mod rows;
#[cfg(test)]
mod tests;
