//! Rendering: pure functions of the app's state, one file per part of the screen.

mod bars;
mod detail;
mod list;
mod overlay;
pub mod text;
pub mod theme;
mod titles;
mod where_when;

use ratatui::Frame;

use crate::reader::app::{App, Overlay};
pub use theme::Theme;
pub use where_when::bar_width;

/// Draws the whole screen for `app`.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame<'_>) {
    let layout = app.layout().clipped(frame.area());
    let buf = frame.buffer_mut();
    list::render_list(app, theme, layout.list, buf);
    detail::render_detail(app, theme, &layout, buf);
    titles::render_titles(app, theme, &layout, buf);
    where_when::render_timeline(app, theme, layout.timeline, buf);
    let search_cursor = bars::render_status(app, theme, layout.status, buf);
    let cursor = bars::render_filter_bar(app, theme, layout.filter_bar, buf).or(search_cursor);
    match app.overlay {
        Some(Overlay::Help) => overlay::render_help(app, theme, frame.area(), frame.buffer_mut()),
        Some(Overlay::Places) => {
            where_when::render_places(app, theme, frame.area(), frame.buffer_mut())
        }
        Some(Overlay::Warnings) => {
            overlay::render_warnings(app, theme, frame.area(), frame.buffer_mut())
        }
        Some(Overlay::ConfirmMarkAllRead { count }) => overlay::render_question(
            &mark_all_question(count),
            theme,
            frame.area(),
            frame.buffer_mut(),
        ),
        None => {
            if let Some(position) = cursor {
                frame.set_cursor_position(position);
            }
        }
    }
}

fn mark_all_question(count: usize) -> String {
    match count {
        1 => "Mark 1 item read? y/n".to_string(),
        n => format!("Mark {n} items read? y/n"),
    }
}

#[cfg(test)]
mod tests;
