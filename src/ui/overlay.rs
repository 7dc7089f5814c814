//! Windows over the screen: the key help (F1) and the loading warnings (F2).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::Theme;
use crate::app::App;

/// Every key, as the help overlay lists it.
pub const KEYS: &[(&str, &str)] = &[
    (
        "typing",
        "filter the headlines (fzf syntax: 'exact ^prefix suffix$ !not a | b)",
    ),
    (
        ">2023-06 <2022 @2022-03",
        "date terms: from, before, within a period",
    ),
    ("Backspace Del ← →", "edit the query"),
    ("^A ^E", "cursor to start / end of the query"),
    ("^W ^U", "delete a word / the whole query"),
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
    ("^S", "sort by best match / newest first"),
    ("^F", "match headlines / full text"),
    ("Esc", "clear the query; quit when it is empty"),
    ("^C ^Q", "quit"),
    ("^Z", "suspend (fg to resume)"),
    ("F2", "warnings from loading the archive"),
    ("mouse", "wheel scrolls the pane under it; click selects"),
    ("F1", "close this help"),
];

pub fn render_help(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let key_width = KEYS
        .iter()
        .map(|(key, _)| key.chars().count())
        .max()
        .unwrap_or(0);
    let lines: Vec<Line<'_>> = KEYS
        .iter()
        .map(|(key, what)| {
            Line::from(vec![
                Span::styled(format!(" {key:<key_width$}  "), theme.status_key),
                Span::raw(*what),
            ])
        })
        .collect();
    render_window(" Keys (F1) ", lines, app.overlay_scroll, theme, area, buf);
}

pub fn render_warnings(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let warnings = app.archive().warnings();
    let lines: Vec<Line<'_>> = if warnings.is_empty() {
        vec![Line::styled(
            " The archive loaded without warnings.",
            theme.message,
        )]
    } else {
        warnings
            .iter()
            .map(|warning| Line::styled(format!(" {warning}"), theme.warning))
            .collect()
    };
    render_window(
        " Warnings (F2) ",
        lines,
        app.overlay_scroll,
        theme,
        area,
        buf,
    );
}

/// A bordered window centred in `area`, leaving a margin when there is room.
fn render_window(
    title: &str,
    lines: Vec<Line<'_>>,
    scroll: usize,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let window = if area.width >= 20 && area.height >= 8 {
        Rect {
            x: area.x + area.width / 12,
            y: area.y + 1,
            width: area.width - area.width / 6,
            height: area.height - 2,
        }
    } else {
        area
    };
    let inner_height = usize::from(window.height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(inner_height));
    Clear.render(window, buf);
    Paragraph::new(lines)
        .scroll((scroll as u16, 0))
        .block(
            Block::bordered()
                .title(title)
                .border_style(theme.focused_border),
        )
        .render(window, buf);
}
