//! The filter bar (top line) and the status line (bottom line).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::Theme;
use super::text::{display_width, push_fitted};
use crate::reader::action::KeyContext;
use crate::archive::source::Origin;
use crate::reader::app::{App, RefreshStatus};
use crate::search::engine::{Scope, SortOrder};

const PROMPT: &str = "> ";

/// Draws the prompt, the query and the match count or query error; returns
/// where the cursor goes.
pub fn render_filter_bar(
    app: &App,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    if area.is_empty() {
        return None;
    }
    let (right, right_style) = match &app.query_error {
        Some(error) => (error.clone(), theme.error),
        None => {
            let searching = if app.searching() { "… " } else { "" };
            let count = format!("{searching}{}/{}", app.results().len(), app.archive().len());
            (count, theme.count)
        }
    };
    let width = usize::from(area.width);
    // The count or error takes what it needs on the right, leaving the
    // prompt and a few cells for the query.
    let right_width = display_width(&right).min(width.saturating_sub(PROMPT.len() + 8));
    let query_width = width.saturating_sub(PROMPT.len() + right_width + 1);

    let text = app.query.text();
    let cursor = app.query.cursor();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |index: usize| chars.get(index).map_or(text.len(), |&(b, _)| b);
    // Scroll the query horizontally so that the cursor stays visible.
    let mut start = 0;
    while start < cursor && display_width(&text[byte(start)..byte(cursor)]) >= query_width.max(1) {
        start += 1;
    }
    let visible = &text[byte(start)..];
    let mut spans = Vec::new();
    let mut budget = width;
    push_fitted(
        &mut spans,
        PROMPT,
        &[],
        theme.prompt,
        theme.prompt,
        &mut budget,
    );
    let mut query_budget = query_width.min(budget);
    push_fitted(
        &mut spans,
        visible,
        &[],
        theme.query,
        theme.query,
        &mut query_budget,
    );
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);

    if right_width > 0 {
        let mut right_spans = Vec::new();
        let mut right_budget = right_width;
        push_fitted(
            &mut right_spans,
            &right,
            &[],
            right_style,
            right_style,
            &mut right_budget,
        );
        let x = area.right() - right_width as u16;
        buf.set_line(x, area.y, &Line::from(right_spans), right_width as u16);
    }
    let cursor_x = PROMPT.len() + display_width(&text[byte(start)..byte(cursor)]);
    (cursor_x < width).then(|| Position::new(area.x + cursor_x as u16, area.y))
}

/// Draws the keys that matter now on the left, the sort order, scope and
/// warnings on the right.
pub fn render_status(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let keys: &[(&str, &str)] = match app.key_context() {
        KeyContext::Overlay => &[("Esc", "close"), ("↑↓", "scroll")],
        KeyContext::Reading => &[
            ("j/k", "scroll"),
            ("Space/b", "page"),
            ("n/N", "match"),
            ("q", "back"),
            ("F1", "help"),
        ],
        KeyContext::Browsing { .. } => &[
            ("↑↓", "move"),
            ("Enter", "read"),
            ("Esc", "clear/quit"),
            ("^S", "sort"),
            ("^F", "scope"),
            ("F1", "help"),
        ],
    };
    let order = match app.order {
        SortOrder::Score => "best match",
        SortOrder::Date => "newest",
    };
    let scope = match app.scope {
        Scope::Headlines => "headlines",
        Scope::FullText => "full text",
    };
    let mut right = Vec::new();
    let notice = match (&app.refresh, &app.notice, app.origin) {
        (RefreshStatus::Running { feeds: 0, .. }, _, _) => Some("refreshing…".to_string()),
        (RefreshStatus::Running { done, feeds }, _, _) => Some(format!("fetching {done}/{feeds}")),
        (RefreshStatus::Idle, Some(notice), _) => Some(notice.clone()),
        (RefreshStatus::Idle, None, Origin::Embedded) => {
            Some("built-in archive: migranews feed add URL to follow feeds".to_string())
        }
        (RefreshStatus::Idle, None, _) => None,
    };
    if let Some(notice) = notice {
        right.push(Span::styled(format!("{notice} · "), theme.notice));
    }
    right.push(Span::styled(
        format!("sort: {order} · {scope}"),
        theme.status,
    ));
    let warnings = app.warning_count();
    if warnings > 0 {
        let plural = if warnings == 1 { "" } else { "s" };
        right.push(Span::styled(
            format!(" · ⚠ {warnings} warning{plural} (F2)"),
            theme.warning,
        ));
    }
    let right = Line::from(right);
    let right_width = right.width().min(usize::from(area.width));

    // Whole hints only: a key without its meaning helps nobody.
    let left_width = usize::from(area.width).saturating_sub(right_width + 1);
    let mut left = Vec::new();
    let mut used = 0;
    for (key, what) in keys {
        let hint = format!(" {what}  ");
        let width = display_width(key) + display_width(&hint);
        if used + width > left_width + 2 {
            break;
        }
        used += width;
        left.push(Span::styled(*key, theme.status_key));
        left.push(Span::styled(hint, theme.status));
    }
    buf.set_line(area.x, area.y, &Line::from(left), left_width as u16);
    let x = area.right() - right_width as u16;
    buf.set_line(x, area.y, &right, right_width as u16);
}
