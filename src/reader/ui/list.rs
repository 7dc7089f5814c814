//! The list pane: a row per matching item, built only for the rows on screen.
//!
//! A row: the selection mark, the state column (unread, starred), the
//! date, then the headline, shown around its match when the match falls
//! past the cut, with `in text` on the right when the query matched only
//! the body. A scrollbar on the right says where the rows are in the list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::Theme;
use super::text::{display_width, printable, push_fitted, push_fitted_around, row_prefix};
use crate::archive::item::iso_date;
use crate::reader::app::App;
use crate::reader::app::rows::ListRow;
use crate::search::engine::{Match, Scope, Scratch};

const SELECTED_MARKER: &str = "> ";
const MARKER_BLANK: &str = "  ";
/// The state column: unread, then starred; characters, so that they show
/// without colour too.
const UNREAD_MARK: &str = "●";
const STARRED_MARK: &str = "★";
/// On the right of a row the query matched only in the body.
const IN_TEXT_TAG: &str = " in text";
/// Narrower lists show dates without the century.
const FULL_DATE_MIN_WIDTH: u16 = 60;

pub fn render_list(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let results = app.results();
    if results.is_empty() {
        render_no_match(app, theme, area, buf);
        return;
    }
    let height = usize::from(area.height);
    let scrolled = results.len() > height && area.width > 10;
    let rows = Rect {
        width: area.width - u16::from(scrolled),
        ..area
    };
    let mut scratch = Scratch::new();
    for (row, list_row) in app.list_rows(height).enumerate() {
        let y = rows.y + row as u16;
        let position = match list_row {
            ListRow::Result(position) => position,
            ListRow::Divider => {
                render_divider(app, theme, Rect::new(rows.x, y, rows.width, 1), buf);
                continue;
            }
        };
        let found = &results[position];
        let selected = position == app.selected;
        let line = row_line(app, theme, found, selected, rows.width, &mut scratch);
        // The whole row, beyond the text, shows the selection.
        if selected {
            buf.set_style(Rect::new(rows.x, y, rows.width, 1), theme.selected);
        }
        buf.set_line(rows.x, y, &line, rows.width);
    }
    if scrolled {
        let mut state = ScrollbarState::new(results.len().saturating_sub(height))
            .position(app.list_offset)
            .viewport_content_length(height);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .render(area, buf, &mut state);
    }
}

/// The line where the matches by words end: below it, the query's letters
/// are scattered through the headline.
fn render_divider(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let fuzzy = app.results().len() - app.by_words();
    let label = format!(" {fuzzy} fuzzy: letters apart ");
    let width = usize::from(area.width);
    let lead = 4.min(width);
    let rest = width.saturating_sub(lead + display_width(&label));
    let text = match rest {
        0 => "─".repeat(width),
        _ => format!("{}{label}{}", "─".repeat(lead), "─".repeat(rest)),
    };
    buf.set_line(
        area.x,
        area.y,
        &Line::styled(text, theme.border),
        area.width,
    );
}

/// One row, `width` cells wide.
fn row_line<'a>(
    app: &'a App,
    theme: &Theme,
    found: &Match,
    selected: bool,
    width: u16,
    scratch: &mut Scratch,
) -> Line<'a> {
    let index = found.index as usize;
    let item = app.archive().get(index);
    let state = app.state_of(index);
    let date = match width >= FULL_DATE_MIN_WIDTH {
        true => format!("{} ", iso_date(item.date)),
        false => format!("{} ", &iso_date(item.date).as_str()[2..]),
    };
    let tag = (app.scope == Scope::FullText && !found.in_headline()).then_some(IN_TEXT_TAG);
    let mut budget = usize::from(width).saturating_sub(tag.map_or(0, display_width));
    let mut spans = Vec::with_capacity(10);
    let mut push = |text: &str, style: Style, budget: &mut usize| {
        let mut parts = Vec::new();
        push_fitted(&mut parts, text, &[], style, style, budget);
        spans.extend(
            parts
                .into_iter()
                .map(|span| Span::styled(span.content.into_owned(), span.style)),
        );
    };
    let marker = if selected {
        SELECTED_MARKER
    } else {
        MARKER_BLANK
    };
    push(marker, theme.prompt, &mut budget);
    push(
        if state.read { " " } else { UNREAD_MARK },
        theme.unread_mark,
        &mut budget,
    );
    push(
        if state.starred { STARRED_MARK } else { " " },
        theme.starred_mark,
        &mut budget,
    );
    push(" ", theme.date, &mut budget);
    push(&date, theme.date, &mut budget);
    let (mut headline, mut highlight) = (theme.headline, theme.highlight);
    if !state.read {
        headline = headline.patch(theme.unread);
        highlight = highlight.patch(theme.unread);
    }
    let highlights = app.headline_highlights(item, scratch);
    let text = printable(row_prefix(item.headline));
    let mut parts = Vec::new();
    push_fitted_around(
        &mut parts,
        &text,
        &highlights,
        headline,
        highlight,
        &mut budget,
    );
    spans.extend(
        parts
            .into_iter()
            .map(|span| Span::styled(span.content.into_owned(), span.style)),
    );
    if let Some(tag) = tag {
        spans.push(Span::raw(" ".repeat(budget)));
        spans.push(Span::styled(tag, theme.article_meta));
    }
    Line::from(spans)
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
    let hints = app.empty_result_hints();
    let lines = std::iter::once((message, theme.message))
        .chain(hints.into_iter().map(|hint| (hint, theme.status_key)));
    for (y, (text, style)) in (area.y..area.bottom()).zip(lines) {
        let mut budget = usize::from(area.width.saturating_sub(2));
        let mut spans = vec![Span::raw("  ")];
        push_fitted(&mut spans, &text, &[], style, style, &mut budget);
        buf.set_line(area.x, y, &Line::from(spans), area.width);
    }
}
