//! Windows over the screen: the help (F1, ?) and the loading warnings (F2).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::Theme;
use crate::reader::action::KEY_HELP;
use crate::reader::app::App;
use crate::reader::help::{HelpLine, QUERY_EXAMPLES, examples_start, help_lines};
use crate::reader::layout::overlay_window;
use crate::reader::width::text_width;

pub fn render_help(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let window = overlay_window(area);
    let lines = help_lines(usize::from(window.width.saturating_sub(2)));
    let key_width = |entries: &[(&str, &str)]| {
        entries
            .iter()
            .map(|(key, _)| text_width(key))
            .max()
            .unwrap_or(0)
    };
    let examples = examples_start(&lines);
    let visible = usize::from(window.height.saturating_sub(2));
    let shown: Vec<Line<'_>> = lines
        .iter()
        .enumerate()
        .skip(app.overlay_scroll)
        .take(visible)
        .map(|(at, line)| match line {
            HelpLine::Heading(name) => Line::styled(format!(" {name}"), theme.focused_title),
            HelpLine::Entry { key, text } => {
                let width = match at < examples {
                    true => key_width(KEY_HELP),
                    false => key_width(QUERY_EXAMPLES),
                };
                Line::from(vec![
                    Span::styled(format!(" {key:<width$}  "), theme.status_key),
                    Span::raw(text.as_str()),
                ])
            }
            HelpLine::More { indent, text } => Line::raw(format!("{}{text}", " ".repeat(*indent))),
            HelpLine::Blank => Line::default(),
        })
        .collect();
    let more_below = app.overlay_scroll + visible < lines.len();
    let sign = match (app.overlay_scroll > 0, more_below) {
        (_, true) => " ↓ more (Space) ",
        (true, false) => " ↑ ",
        (false, false) => "",
    };
    let title = match window.width >= 48 {
        true => " Help (F1 or ?) · Tab: query examples ",
        false => " Help · Tab: examples ",
    };
    Clear.render(window, buf);
    Paragraph::new(shown)
        .block(
            Block::bordered()
                .title(title)
                .title_bottom(Line::from(sign).right_aligned())
                .border_style(theme.focused_border),
        )
        .render(window, buf);
}

pub fn render_warnings(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let visible = usize::from(overlay_window(area).height);
    let lines: Vec<Line<'_>> = if app.warning_count() == 0 {
        vec![Line::styled(
            " The archive loaded without warnings.",
            theme.message,
        )]
    } else {
        // Only the rows on screen: an odd file can have a warning a line.
        (app.overlay_scroll..app.warning_count().min(app.overlay_scroll + visible))
            .filter_map(|index| app.warning_line(index))
            .map(|warning| Line::styled(format!(" {warning}"), theme.warning))
            .collect()
    };
    // Long lines (a feed's error, a file's path) wrap rather than vanish
    // past the border.
    let wrap = Some(Wrap { trim: false });
    render_window(" Warnings (F2) ", lines, wrap, theme, area, buf);
}

/// A bordered window over `area`, showing `lines` from the top (the app
/// keeps the scroll position in range).
fn render_window(
    title: &str,
    lines: Vec<Line<'_>>,
    wrap: Option<Wrap>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let window = overlay_window(area);
    Clear.render(window, buf);
    let paragraph = Paragraph::new(lines);
    let paragraph = match wrap {
        Some(wrap) => paragraph.wrap(wrap),
        None => paragraph,
    };
    paragraph
        .block(
            Block::bordered()
                .title(title)
                .border_style(theme.focused_border),
        )
        .render(window, buf);
}

/// A one-line question in a small box in the middle of the screen.
pub fn render_question(question: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = (question.chars().count() as u16 + 4).min(area.width);
    let height = 3.min(area.height);
    let window = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    Clear.render(window, buf);
    Paragraph::new(Line::styled(format!(" {question}"), theme.status_key))
        .block(Block::bordered().border_style(theme.focused_border))
        .render(window, buf);
}
