//! The filter bar (top line) and the status line (bottom line).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use super::Theme;
use super::text::{display_width, push_fitted};
use crate::archive::source::Origin;
use crate::reader::action::KeyContext;
use crate::reader::app::{App, RefreshStatus};
use crate::search::engine::{Scope, SortOrder};

const PROMPT: &str = "> ";
/// Key hints kept before the sort label goes: help, move, read, quit.
const ESSENTIAL_HINTS: usize = 4;

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
            let (found, total) = (app.results().len(), app.archive().len());
            // Matches by words, and how many more only by scattered letters.
            let count = match (found - app.by_words(), app.by_words()) {
                (0, _) => format!("{searching}{found}/{total}"),
                (fuzzy, 0) => format!("{searching}{fuzzy} fuzzy / {total}"),
                (fuzzy, words) => format!("{searching}{words} + {fuzzy} fuzzy / {total}"),
            };
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
    // Scroll the query horizontally so that the cursor stays visible: the
    // graphemes before it that fit, walking back from it, so that the cost
    // is what is on screen, however long the query.
    let mut start = cursor;
    let mut used = 0;
    for (at, grapheme) in text[..cursor].grapheme_indices(true).rev() {
        used += display_width(grapheme);
        if used >= query_width.max(1) {
            break;
        }
        start = at;
    }
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
    // A term still being typed is dimmed: it is not searched for yet.
    let pending = app.pending_start().unwrap_or(text.len()).max(start);
    let (typed, pending) = (&text[start..pending], &text[pending..]);
    push_fitted(
        &mut spans,
        typed,
        &[],
        theme.query,
        theme.query,
        &mut query_budget,
    );
    push_fitted(
        &mut spans,
        pending,
        &[],
        theme.pending,
        theme.pending,
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
    let cursor_x = PROMPT.len() + display_width(&text[start..cursor]);
    (cursor_x < width).then(|| Position::new(area.x + cursor_x as u16, area.y))
}

/// Draws the keys that matter now on the left; on the right what a refresh
/// is doing, the sort order and scope, and the warnings count.
///
/// When not everything fits, parts go in this order: key hints from the
/// last down to the essential ones, the sort and scope, the other hints but
/// F1 (which comes first), then the hint to add a feed. Whole hints only: a
/// key without its meaning helps nobody.
pub fn render_status(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> Option<Position> {
    if area.is_empty() {
        return None;
    }
    if let Some(input) = &app.article_search.input {
        return render_search_prompt(input.text(), input.cursor(), theme, area, buf);
    }
    let keys: &[(&str, &str)] = match app.key_context() {
        KeyContext::Overlay => &[("Esc", "close"), ("↑↓", "scroll")],
        KeyContext::Places => &[
            ("Esc", "close"),
            ("↑↓", "move"),
            ("Enter", "add/remove in:"),
        ],
        KeyContext::Confirm => &[("y", "yes"), ("n", "no")],
        KeyContext::ArticleSearch => &[("Enter", "search"), ("Esc", "cancel")],
        KeyContext::Reading => &[
            ("F1", "help"),
            ("q", "back"),
            ("j/k", "scroll"),
            ("Space/b", "page"),
            ("s", "star"),
            ("m", "read"),
            ("o", "open"),
            ("y", "copy"),
            ("n/N", "match"),
        ],
        KeyContext::Browsing {
            detail_focused: true,
        } => &[
            ("F1", "help"),
            ("↑↓", "scroll"),
            ("Enter", "read"),
            ("Tab", "list"),
            ("PgUp/PgDn", "page"),
            ("Alt-s", "star"),
            ("Alt-m", "read"),
            ("Alt-o", "open"),
            ("F3", "hide"),
        ],
        KeyContext::Browsing {
            detail_focused: false,
        } => &[
            ("F1", "help"),
            ("↑↓", "move"),
            ("Enter", "read"),
            ("Esc", "clear/quit"),
            ("Alt-s", "star"),
            ("Alt-m", "read"),
            ("Alt-o", "open"),
            ("^R", "fetch"),
            ("^S", "sort"),
            ("^F", "scope"),
        ],
    };
    let hints: Vec<(Span<'_>, Span<'_>)> = keys
        .iter()
        .map(|(key, what)| {
            (
                Span::styled(*key, theme.status_key),
                Span::styled(format!(" {what}  "), theme.status),
            )
        })
        .collect();
    // An empty query keeps the archive's order, newest first, whatever
    // the sort says it will do once there is something to rank.
    let order = match app.order {
        SortOrder::Score if !app.query.is_empty() => "best match",
        SortOrder::Score | SortOrder::Date => "newest",
    };
    let scope = match app.scope {
        Scope::Headlines => "headlines",
        Scope::FullText => "full text",
    };
    let (notice, optional) = match (&app.refresh, &app.notice, app.origin) {
        (RefreshStatus::Running { feeds: 0, .. }, _, _) => (Some("refreshing…".into()), false),
        (RefreshStatus::Running { done, feeds }, _, _) => {
            (Some(format!("fetching {done}/{feeds}")), false)
        }
        (RefreshStatus::Idle, Some(notice), _) => (Some(notice.clone()), false),
        // A hint for browsing; reading has its place to show instead.
        (RefreshStatus::Idle, None, Origin::Embedded)
            if matches!(app.key_context(), KeyContext::Browsing { .. }) =>
        {
            (
                Some("no feeds yet: migranews feed add URL".to_string()),
                true,
            )
        }
        (RefreshStatus::Idle, None, _) => (None, false),
    };
    let notice = notice.map(|notice| Span::styled(format!("{notice} · "), theme.notice));
    let unread = Span::styled(
        format!("{} unread · ", app.unread_in_results()),
        theme.status,
    );
    let sort = match app.key_context() {
        // Reading: where in the article, as less says it.
        KeyContext::Reading | KeyContext::ArticleSearch => {
            let matched = app
                .match_position()
                .map(|(current, total)| format!("match {current}/{total} · "))
                .unwrap_or_default();
            let position = app.reading_position().unwrap_or_default();
            Span::styled(format!("{matched}{position}"), theme.status)
        }
        _ => Span::styled(format!("sort: {order} · {scope}"), theme.status),
    };
    let warnings = match app.warning_count() {
        0 => None,
        1 => Some(Span::styled(" · ⚠ 1 warning (F2)", theme.warning)),
        n => Some(Span::styled(
            format!(" · ⚠ {n} warnings (F2)"),
            theme.warning,
        )),
    };

    let width = usize::from(area.width);
    let hint_width = |(key, what): &(Span<'_>, Span<'_>)| key.width() + what.width();
    let mut shown_hints = hints.len();
    let mut show_sort = true;
    let mut show_notice = notice.is_some();
    let right_width = |sort_shown: bool, notice_shown: bool| {
        unread.width()
            + usize::from(sort_shown) * sort.width()
            + if notice_shown {
                notice.as_ref().map_or(0, Span::width)
            } else {
                0
            }
            + warnings.as_ref().map_or(0, Span::width)
    };
    let left_width = |count: usize| {
        hints[..count]
            .iter()
            .map(hint_width)
            .sum::<usize>()
            .saturating_sub(2)
    };
    let fits = |count, sort_shown, notice_shown| {
        left_width(count) + 2 + right_width(sort_shown, notice_shown) <= width
    };
    // The first keys (help, move, read, quit) before the sort and scope
    // label, the label before the other keys.
    while !fits(shown_hints, show_sort, show_notice) && shown_hints > ESSENTIAL_HINTS {
        shown_hints -= 1;
    }
    if !fits(shown_hints, show_sort, show_notice) {
        show_sort = false;
    }
    while !fits(shown_hints, show_sort, show_notice) && shown_hints > 1 {
        shown_hints -= 1;
    }
    if !fits(shown_hints, show_sort, show_notice) && optional {
        show_notice = false;
    }
    let mut right = Vec::new();
    if show_notice && let Some(notice) = notice {
        right.push(notice);
    }
    right.push(unread);
    if show_sort {
        right.push(sort);
    } else if let Some(last) = right.last_mut() {
        // " · " ends a part only when something follows it.
        let trimmed = last.content.trim_end_matches(" · ").to_string();
        last.content = trimmed.into();
    }
    if let Some(warnings) = warnings {
        right.push(warnings);
    }
    let right = Line::from(right);
    let right_width = right.width().min(width);
    let mut left = Vec::new();
    for (key, what) in hints.into_iter().take(shown_hints) {
        left.push(key);
        left.push(what);
    }
    let left_width = width.saturating_sub(right_width + 2);
    buf.set_line(area.x, area.y, &Line::from(left), left_width as u16);
    let x = area.right() - right_width as u16;
    buf.set_line(x, area.y, &right, right_width as u16);
    None
}

/// Reading mode's `/` prompt, as less shows it: the whole line is the
/// pattern being typed, its end kept in view.
fn render_search_prompt(
    text: &str,
    cursor: usize,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let width = usize::from(area.width);
    let mut start = cursor;
    let mut used = 1;
    for (at, grapheme) in text[..cursor].grapheme_indices(true).rev() {
        used += display_width(grapheme);
        if used >= width {
            break;
        }
        start = at;
    }
    let mut spans = vec![Span::styled("/", theme.status_key)];
    let mut budget = width.saturating_sub(1);
    push_fitted(
        &mut spans,
        &text[start..],
        &[],
        theme.query,
        theme.query,
        &mut budget,
    );
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    let x = 1 + display_width(&text[start..cursor]);
    (x < width).then(|| Position::new(area.x + x as u16, area.y))
}
