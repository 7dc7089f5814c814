//! The detail pane: the selected item's headline, date and body, wrapped and scrollable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

use unicode_segmentation::UnicodeSegmentation;

use super::Theme;
use crate::reader::app::App;
use crate::reader::article::{ArticleLine, LineKind};
use crate::reader::layout::{DetailPlacement, ScreenLayout};

pub fn render_detail(app: &App, theme: &Theme, layout: &ScreenLayout, buf: &mut Buffer) {
    let area = layout.detail;
    if area.is_empty() {
        return;
    }
    let border_style = if app.detail_focused() && !app.reading {
        theme.focused_border
    } else {
        theme.border
    };
    let borders = match layout.placement {
        DetailPlacement::Beside => Borders::LEFT,
        DetailPlacement::Below => Borders::TOP,
        DetailPlacement::FullScreen | DetailPlacement::Hidden => Borders::NONE,
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
        LineKind::Meta => theme.article_meta,
        LineKind::Body | LineKind::Blank => theme.body,
    };
    if line.highlights.is_empty() {
        return Line::styled(line.text.as_ref(), base);
    }
    // Highlight ranges are in characters; styles go on whole graphemes, so
    // that an accent typed as a combining mark stays with its letter.
    let text = line.text.as_ref();
    let char_bytes: Vec<usize> = text
        .char_indices()
        .map(|(byte, _)| byte)
        .chain([text.len()])
        .collect();
    let boundaries: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(byte, _)| byte)
        .chain([text.len()])
        .collect();
    let snap_down = |byte: usize| boundaries[boundaries.partition_point(|&b| b <= byte) - 1];
    let snap_up = |byte: usize| boundaries[boundaries.partition_point(|&b| b < byte)];
    let mut spans = Vec::new();
    let mut at = 0;
    for range in &line.highlights {
        let last = char_bytes.len() - 1;
        let start = snap_down(char_bytes[range.start.min(last)]).max(at);
        let end = snap_up(char_bytes[range.end.min(last)]);
        if start >= end {
            continue;
        }
        if start > at {
            spans.push(Span::styled(&text[at..start], base));
        }
        spans.push(Span::styled(&text[start..end], base.patch(theme.highlight)));
        at = end;
    }
    if at < line.text.len() {
        spans.push(Span::styled(&line.text[at..], base));
    }
    Line::from(spans)
}
