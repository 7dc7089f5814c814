//! Where and when the results are: their places (the places view, F4) and
//! their days (the timeline strip), counted off the draw path, and the
//! `in:` and date terms that choosing a place or a period adds.

use std::sync::Arc;

use super::{App, Command, Effect, Overlay};
use crate::places::{Timeline, gazetteer};
use crate::reader::facets::{Facets, FacetsRequest};
use crate::search::query::terms;

/// Archives up to this size are tagged at once, off the draw path (a
/// third of a second of a core); bigger ones when the places view or an
/// `in:` term first needs them, so that a million items start as fast.
const EAGER_PLACES_LIMIT: usize = 100_000;

/// Where-and-when state of the reader.
#[derive(Debug, Default)]
pub struct WhereWhen {
    /// The counts for the results of `generation`.
    facets: Facets,
    /// Which search's results `facets` count; 0 before the first.
    generation: u64,
    /// The row under the cursor in the places view.
    pub cursor: usize,
    /// Whether the user hid the timeline (Alt-t).
    pub timeline_hidden: bool,
}

impl App {
    /// The latest counts of the results' places and days.
    pub fn facets(&self) -> &Facets {
        &self.where_when.facets
    }

    /// Whether the places counted are those of the results on screen.
    pub fn facets_ready(&self) -> bool {
        self.where_when.generation == self.answered && self.where_when.facets.places_counted
    }

    /// The row under the cursor in the places view.
    pub fn places_cursor(&self) -> usize {
        self.where_when.cursor
    }

    pub fn timeline_hidden(&self) -> bool {
        self.where_when.timeline_hidden
    }

    /// The places of the archive, if already built (never waits).
    pub fn places_if_ready(&self) -> Option<&crate::places::Places> {
        self.places.ready()
    }

    /// Asks for the counts of the results just shown.
    pub(super) fn count_facets(&mut self) {
        self.commands.push(Command::CountFacets(FacetsRequest {
            generation: self.answered,
            archive: Arc::clone(&self.archive),
            places: Arc::clone(&self.places),
            indices: self.results.iter().map(|found| found.index).collect(),
            want_places: self.overlay == Some(Overlay::Places)
                || self.archive.len() <= EAGER_PLACES_LIMIT,
        }));
    }

    pub(super) fn facets_ready_for(&mut self, generation: u64, facets: Facets) {
        if generation != self.answered {
            return;
        }
        // The cursor stays on its place as the counts reorder the list.
        let under_cursor = self.where_when.facets.places.get(self.where_when.cursor);
        let under_cursor = under_cursor.map(|(id, _)| *id);
        self.where_when.facets = facets;
        self.where_when.generation = generation;
        let places = &self.where_when.facets.places;
        let last = places.len().saturating_sub(1);
        self.where_when.cursor = under_cursor
            .and_then(|id| places.iter().position(|(place, _)| *place == id))
            .unwrap_or(self.where_when.cursor)
            .min(last);
        if self.overlay == Some(Overlay::Places) {
            self.move_place_cursor(0);
        }
    }

    /// The selected item's places, `Guatemala, Mexico`, once the archive's
    /// places are built; `None` before, or when it names none.
    pub fn selected_places(&self) -> Option<String> {
        let places = self.places.ready()?.of(self.selected_index()?);
        let names: Vec<&str> = places
            .iter()
            .map(|id| gazetteer().country(*id).name_en)
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    }

    /// Whether the query has the `in:` term of the place with `code`.
    pub fn has_place_term(&self, code: &str) -> bool {
        let wanted = format!("in:{code}");
        terms(self.query.text()).any(|term| term.eq_ignore_ascii_case(&wanted))
    }

    /// Enter in the places view: adds the place's `in:` term, or removes it
    /// when the query has it.
    pub(super) fn toggle_place_term(&mut self) -> Effect {
        let Some((id, _)) = self.where_when.facets.places.get(self.where_when.cursor) else {
            return Effect::None;
        };
        let code = gazetteer().country(*id).code.to_ascii_lowercase();
        let term = format!("in:{code}");
        let text = self.query.text();
        let edited = match self.has_place_term(&code) {
            true => terms(text)
                .filter(|typed| !typed.eq_ignore_ascii_case(&term))
                .collect::<Vec<_>>()
                .join(" "),
            false if text.trim().is_empty() => term,
            false => format!("{} {term}", text.trim_end()),
        };
        self.edit_query(|query| query.set(&edited))
    }

    pub(super) fn move_place_cursor(&mut self, step: isize) {
        let last = self.where_when.facets.places.len().saturating_sub(1);
        let cursor = self.where_when.cursor.saturating_add_signed(step).min(last);
        self.where_when.cursor = cursor;
        // Keep the cursor in the window.
        let height = self.overlay_height();
        if cursor < self.overlay_scroll {
            self.overlay_scroll = cursor;
        } else if cursor >= self.overlay_scroll + height {
            self.overlay_scroll = cursor + 1 - height;
        }
    }

    pub(super) fn toggle_places_view(&mut self) {
        self.where_when.cursor = 0;
        self.toggle_overlay(Overlay::Places);
        if self.overlay == Some(Overlay::Places) && !self.where_when.facets.places_counted {
            self.count_facets();
        }
    }

    pub(super) fn toggle_timeline(&mut self) {
        self.where_when.timeline_hidden = !self.where_when.timeline_hidden;
        self.select(self.selected);
    }

    /// The timeline for the strip's width now.
    pub fn timeline(&self) -> Timeline {
        let width = self.layout().timeline.width;
        Timeline::new(&self.where_when.facets.days, usize::from(width))
    }

    /// A click on the timeline's bar in `column`: the period's date terms
    /// join the query.
    pub(super) fn click_timeline(&mut self, column: usize) -> Effect {
        let timeline = self.timeline();
        let width = usize::from(self.layout().timeline.width);
        let bar = crate::reader::ui::bar_width(width, timeline.buckets.len());
        let Some(term) = timeline.term(column / bar) else {
            return Effect::None;
        };
        let text = self.query.text().trim_end().to_string();
        let edited = match text.is_empty() {
            true => term,
            false => format!("{text} {term}"),
        };
        self.edit_query(|query| query.set(&edited))
    }
}
