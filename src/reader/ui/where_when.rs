//! The places view (F4) and the timeline strip: where and when the results are.
//!
//! Both draw counts made off the draw path ([`App::facets`]); a frame only
//! buckets the days, a few thousand at most, whatever the archive's size.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Sparkline, Widget};

use super::Theme;
use super::text::display_width;
use crate::places::gazetteer;
use crate::reader::app::App;
use crate::reader::layout::overlay_window;

/// The results' places, best first, with their counts; the row under the
/// cursor is reversed and places already in the query are ticked.
pub fn render_places(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let window = overlay_window(area);
    Clear.render(window, buf);
    let facets = app.facets();
    let visible = usize::from(window.height.saturating_sub(2));
    let count_width = facets
        .places
        .first()
        .map_or(1, |(_, count)| count.to_string().len());
    let mut lines = Vec::new();
    if facets.places.is_empty() {
        let message = match app.facets_ready() {
            true => " No place is named in these results.",
            false => " Finding the places…",
        };
        lines.push(Line::styled(message, theme.message));
    }
    for (row, (id, count)) in facets
        .places
        .iter()
        .enumerate()
        .skip(app.overlay_scroll)
        .take(visible)
    {
        let country = gazetteer().country(*id);
        let chosen = app.has_place_term(country.code);
        let mark = if chosen { "✓" } else { " " };
        let name = match country.name_es == country.name_en {
            true => country.name_en.to_string(),
            false => format!("{} / {}", country.name_en, country.name_es),
        };
        let mut line = Line::from(vec![
            Span::styled(format!(" {mark} "), theme.status_key),
            Span::styled(format!("{count:>count_width$}  "), theme.count),
            Span::styled(format!("{}  ", country.code), theme.status_key),
            Span::raw(name),
        ]);
        if row == app.places_cursor() {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(" Places (F4) · Enter: add or remove in:CODE ")
                .border_style(theme.focused_border),
        )
        .render(window, buf);
}

/// The results per period: bars as wide as the strip allows, then the
/// first period, the largest count and the last period under them.
pub fn render_timeline(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width < 8 {
        return;
    }
    let timeline = app.timeline();
    let buckets = timeline.buckets.len();
    let (Some(first), Some(last)) = (timeline.label(0), timeline.label(buckets.saturating_sub(1)))
    else {
        return;
    };
    let bar_width = bar_width(usize::from(area.width), buckets);
    let counts: Vec<u64> = timeline
        .buckets
        .iter()
        .flat_map(|(_, count)| std::iter::repeat_n(u64::from(*count), bar_width))
        .collect();
    let drawn = counts.len();
    Sparkline::default()
        .data(&counts)
        .max(u64::from(timeline.max().max(1)))
        .style(theme.unread_mark)
        .render(Rect { height: 1, ..area }, buf);
    // Labels under the bars: the first period, the largest count, the last.
    let y = area.y + 1;
    let first_width = display_width(&first);
    buf.set_line(area.x, y, &Line::styled(first, theme.date), area.width);
    let last_width = display_width(&last);
    let last_x = drawn.max(first_width + 2 + last_width) - last_width;
    if last_x >= first_width + 2 && last_x + last_width <= usize::from(area.width) {
        let x = area.x + last_x as u16;
        buf.set_line(x, y, &Line::styled(last, theme.date), last_width as u16);
    }
    let max = format!("max {}", timeline.max());
    let max_width = display_width(&max);
    let middle = last_x.saturating_sub(max_width) / 2 + first_width / 2;
    if middle > first_width + 1 && middle + max_width + 1 < last_x {
        let x = area.x + middle as u16;
        buf.set_line(x, y, &Line::styled(max, theme.count), max_width as u16);
    }
}

/// How many columns each period's bar takes: the strip's width shared out.
pub fn bar_width(width: usize, buckets: usize) -> usize {
    (width / buckets.max(1)).max(1)
}
