//! The detail pane and reading mode: the selected item's headline, date, source and body, a screen of it.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};
use unicode_segmentation::UnicodeSegmentation;

use super::Theme;
use super::text::{printable, push_fitted, row_prefix};
use crate::archive::item::iso_date;
use crate::reader::app::App;
use crate::reader::article::{LineKind, ScreenLine};
use crate::reader::layout::{DetailPlacement, ScreenLayout};

/// The scrollbar's resolution: the position is a fraction of the text.
const SCROLLBAR_STEPS: usize = 1000;

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
    render_header(app, theme, layout.header, buf);
    let text_area = layout.detail_text;
    if text_area.is_empty() {
        return;
    }
    let Some(article) = app.article() else {
        let message = Line::styled("Nothing to show", theme.message);
        buf.set_line(text_area.x, text_area.y, &message, text_area.width);
        return;
    };
    let width = app.text_width();
    let height = usize::from(text_area.height);
    let lines = article.lines(app.top, width, height, &app.marks());
    for (row, line) in lines.iter().enumerate() {
        let y = text_area.y + row as u16;
        buf.set_line(text_area.x, y, &styled_line(line, theme), width as u16);
    }
    let after = lines
        .last()
        .and_then(|last| article.next_line(last.start, width));
    let whole = app.top == Default::default() && after.is_none();
    if !whole {
        // Position and thumb as fractions of the text: the number of lines
        // of a long article is never counted.
        let top = article.fraction(app.top);
        let bottom = after.map_or(1.0, |place| article.fraction(place));
        let steps = |fraction: f64| (fraction * SCROLLBAR_STEPS as f64) as usize;
        let mut state = ScrollbarState::new(SCROLLBAR_STEPS.saturating_sub(steps(bottom - top)))
            .position(steps(top))
            .viewport_content_length(steps(bottom - top).max(1));
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

/// Reading mode's fixed first line: date, headline, which item of how many.
fn render_header(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(item) = app.selected_item().filter(|_| !area.is_empty()) else {
        return;
    };
    let count = format!(" · item {}/{}", app.selected + 1, app.results().len());
    let date = format!("{} · ", iso_date(item.date));
    let headline = printable(row_prefix(item.headline));
    let mut spans = Vec::new();
    let mut budget = usize::from(area.width).saturating_sub(count.len());
    push_fitted(
        &mut spans,
        &date,
        &[],
        theme.article_date,
        theme.article_date,
        &mut budget,
    );
    push_fitted(
        &mut spans,
        &headline,
        &[],
        theme.article_headline,
        theme.article_headline,
        &mut budget,
    );
    let mut count_budget = count.len();
    push_fitted(
        &mut spans,
        &count,
        &[],
        theme.status,
        theme.status,
        &mut count_budget,
    );
    buf.set_style(area, theme.header);
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

fn styled_line<'a>(line: &'a ScreenLine<'_>, theme: &Theme) -> Line<'a> {
    let base = match line.kind {
        LineKind::Headline => theme.article_headline,
        LineKind::Date => theme.article_date,
        LineKind::Meta => theme.article_meta,
        LineKind::Body | LineKind::Blank => theme.body,
    };
    let text = printable(line.text);
    // Items are sanitized when loaded, so only a tab changes here, one byte
    // for one; should anything else change, marks would not line up.
    let marks: &[Range<usize>] = if text.len() == line.text.len() {
        &line.marks
    } else {
        &[]
    };
    if marks.is_empty() {
        return Line::styled(text, base);
    }
    let text: &str = match text {
        std::borrow::Cow::Borrowed(text) => text,
        std::borrow::Cow::Owned(owned) => return marked(owned, marks, base, theme),
    };
    marked_borrowed(text, marks, base, theme)
}

/// Styles go on whole graphemes, so that an accent typed as a combining
/// mark stays with its letter.
fn snapped(text: &str, marks: &[Range<usize>]) -> Vec<Range<usize>> {
    let boundaries: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(byte, _)| byte)
        .chain([text.len()])
        .collect();
    let snap_down = |byte: usize| boundaries[boundaries.partition_point(|&b| b <= byte) - 1];
    let snap_up = |byte: usize| {
        boundaries[boundaries
            .partition_point(|&b| b < byte)
            .min(boundaries.len() - 1)]
    };
    let mut snapped: Vec<Range<usize>> = Vec::new();
    for range in marks {
        let start = snap_down(range.start.min(text.len()));
        let end = snap_up(range.end.min(text.len()));
        match snapped.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ if start < end => snapped.push(start..end),
            _ => {}
        }
    }
    snapped
}

fn marked_borrowed<'a>(
    text: &'a str,
    marks: &[Range<usize>],
    base: ratatui::style::Style,
    theme: &Theme,
) -> Line<'a> {
    let mut spans = Vec::new();
    let mut at = 0;
    for range in snapped(text, marks) {
        if range.start > at {
            spans.push(Span::styled(&text[at..range.start], base));
        }
        spans.push(Span::styled(
            &text[range.clone()],
            base.patch(theme.highlight),
        ));
        at = range.end;
    }
    if at < text.len() {
        spans.push(Span::styled(&text[at..], base));
    }
    Line::from(spans)
}

fn marked<'a>(
    text: String,
    marks: &[Range<usize>],
    base: ratatui::style::Style,
    theme: &Theme,
) -> Line<'a> {
    let line = marked_borrowed(&text, marks, base, theme);
    Line::from(
        line.spans
            .into_iter()
            .map(|span| Span::styled(span.content.into_owned(), span.style))
            .collect::<Vec<_>>(),
    )
}
