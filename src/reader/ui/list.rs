//! The list pane: a row per matching item, built only for the rows on screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Theme;
use super::text::{printable, push_fitted, push_fitted_around, row_prefix};
use crate::archive::item::iso_date;
use crate::reader::app::App;
use crate::search::engine::{Scope, Scratch};

const SELECTED_MARKER: &str = "> ";
const MARKER_BLANK: &str = "  ";
/// The state column: unread, then starred; characters, so that they show
/// without colour too.
const UNREAD_MARK: &str = "●";
const STARRED_MARK: &str = "★";

pub fn render_list(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let results = app.results();
    if results.is_empty() {
        render_no_match(app, theme, area, buf);
        return;
    }
    let mut scratch = Scratch::new();
    let visible = results
        .iter()
        .enumerate()
        .skip(app.list_offset)
        .take(usize::from(area.height));
    for (row, (position, found)) in visible.enumerate() {
        let item = app.archive().get(found.index as usize);
        let highlights = app.headline_highlights(item, &mut scratch);
        let selected = position == app.selected;
        let date = format!("{} ", iso_date(item.date));
        let headline_text = printable(row_prefix(item.headline));
        let mut budget = usize::from(area.width);
        let mut spans = Vec::with_capacity(8);
        let marker = if selected {
            SELECTED_MARKER
        } else {
            MARKER_BLANK
        };
        push_fitted(
            &mut spans,
            marker,
            &[],
            theme.prompt,
            theme.prompt,
            &mut budget,
        );
        let state = app.state_of(found.index as usize);
        let unread = if state.read { " " } else { UNREAD_MARK };
        push_fitted(
            &mut spans,
            unread,
            &[],
            theme.unread_mark,
            theme.unread_mark,
            &mut budget,
        );
        let starred = if state.starred { STARRED_MARK } else { " " };
        push_fitted(
            &mut spans,
            starred,
            &[],
            theme.starred_mark,
            theme.starred_mark,
            &mut budget,
        );
        push_fitted(&mut spans, " ", &[], theme.date, theme.date, &mut budget);
        push_fitted(&mut spans, &date, &[], theme.date, theme.date, &mut budget);
        let (mut headline, mut highlight) = (theme.headline, theme.highlight);
        if !state.read {
            headline = headline.patch(theme.unread);
            highlight = highlight.patch(theme.unread);
        }
        push_fitted_around(
            &mut spans,
            &headline_text,
            &highlights,
            headline,
            highlight,
            &mut budget,
        );
        let line = Line::from(spans);
        let y = area.y + row as u16;
        // The whole row, beyond the text, shows the selection.
        if selected {
            buf.set_style(Rect::new(area.x, y, area.width, 1), theme.selected);
        }
        buf.set_line(area.x, y, &line, area.width);
    }
}

fn render_no_match(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let what = match app.scope {
        Scope::Headlines => "No headline matches",
        Scope::FullText => "No item matches",
    };
    let message = if app.archive().is_empty() {
        "The archive is empty".to_string()
    } else {
        format!("{what} \u{201c}{}\u{201d}", app.query.text())
    };
    let mut budget = usize::from(area.width.saturating_sub(2));
    let mut spans = vec![Span::raw("  ")];
    push_fitted(
        &mut spans,
        &message,
        &[],
        theme.message,
        theme.message,
        &mut budget,
    );
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}
