//! The panes' title lines: what each pane shows (the article's title names
//! its places), where the list is, and which pane has the focus.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Theme;
use super::text::{display_width, push_fitted};
use crate::reader::app::App;
use crate::reader::layout::ScreenLayout;
use crate::search::engine::Scope;

/// Draws both titles; the focused pane's stands out.
pub fn render_titles(app: &App, theme: &Theme, layout: &ScreenLayout, buf: &mut Buffer) {
    let detail_focused = app.detail_focused();
    let list_name = match app.scope {
        Scope::Headlines => "Headlines",
        Scope::FullText => "Headlines and text",
    };
    let results = app.results().len();
    let position = match results {
        0 => String::new(),
        _ => format!("{}/{results}", app.selected + 1),
    };
    render_title(
        layout.list_title,
        list_name,
        &position,
        !detail_focused,
        theme,
        buf,
    );
    let article = match app.selected_places() {
        Some(places) => format!("Article · {places}"),
        None => "Article".to_string(),
    };
    render_title(
        layout.detail_title,
        &article,
        "",
        detail_focused,
        theme,
        buf,
    );
}

/// `name` on the left, `right` on the right when both fit, in the focused
/// style or not.
fn render_title(
    area: Rect,
    name: &str,
    right: &str,
    focused: bool,
    theme: &Theme,
    buf: &mut Buffer,
) {
    if area.is_empty() {
        return;
    }
    let style = if focused {
        theme.focused_title
    } else {
        theme.title
    };
    let width = usize::from(area.width);
    let mut spans = Vec::new();
    let mut budget = width;
    let name = format!(" {name} ");
    push_fitted(&mut spans, &name, &[], style, style, &mut budget);
    // Nothing past the name when there is nothing on the right: below the
    // list, the title sits in the pane's border, which goes on after it.
    let right_width = display_width(right) + 1;
    if !right.is_empty() && right_width < budget {
        spans.push(Span::raw(" ".repeat(budget - right_width)));
        spans.push(Span::styled(format!("{right} "), theme.title));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}
