//! The detail pane: the selected item's headline, date and body, wrapped and scrollable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use super::Theme;
use crate::app::{App, Focus};
use crate::article::{ArticleLine, LineKind};
use crate::layout::ScreenLayout;

pub fn render_detail(app: &App, theme: &Theme, layout: &ScreenLayout, buf: &mut Buffer) {
    let area = layout.detail;
    if area.is_empty() {
        return;
    }
    let border_style = if app.focus == Focus::Detail && !app.reading {
        theme.focused_border
    } else {
        theme.border
    };
    let borders = if app.reading {
        Borders::NONE
    } else if layout.detail_text.y > area.y {
        Borders::TOP
    } else {
        Borders::LEFT
    };
    Block::new()
        .borders(borders)
        .border_style(border_style)
        .render(area, buf);
    let text_area = layout.detail_text;
    if text_area.is_empty() {
        return;
    }
    let lines = app.article();
    if lines.is_empty() {
        let message = Line::styled("Nothing to show", theme.message);
        buf.set_line(text_area.x, text_area.y, &message, text_area.width);
        return;
    }
    let height = usize::from(text_area.height);
    for (row, line) in lines
        .iter()
        .skip(app.detail_scroll)
        .take(height)
        .enumerate()
    {
        let y = text_area.y + row as u16;
        buf.set_line(text_area.x, y, &styled_line(line, theme), text_area.width);
    }
    if lines.len() > height {
        let mut state =
            ScrollbarState::new(lines.len().saturating_sub(height)).position(app.detail_scroll);
        let bar_area = Rect {
            x: text_area.right(),
            width: 1,
            ..text_area
        };
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .render(bar_area, buf, &mut state);
    }
}

fn styled_line<'a>(line: &'a ArticleLine<'_>, theme: &Theme) -> Line<'a> {
    let base = match line.kind {
        LineKind::Headline => theme.article_headline,
        LineKind::Date => theme.article_date,
        LineKind::Body | LineKind::Blank => theme.body,
    };
    if line.highlights.is_empty() {
        return Line::styled(line.text.as_ref(), base);
    }
    // Highlight ranges are in characters: convert to byte offsets once.
    let offsets: Vec<usize> = line
        .text
        .char_indices()
        .map(|(byte, _)| byte)
        .chain(std::iter::once(line.text.len()))
        .collect();
    let mut spans = Vec::new();
    let mut at = 0;
    for range in &line.highlights {
        let (start, end) = (
            offsets[range.start],
            offsets[range.end.min(offsets.len() - 1)],
        );
        if start > at {
            spans.push(Span::styled(&line.text[at..start], base));
        }
        spans.push(Span::styled(
            &line.text[start..end],
            base.patch(theme.highlight),
        ));
        at = end;
    }
    if at < line.text.len() {
        spans.push(Span::styled(&line.text[at..], base));
    }
    Line::from(spans)
}
