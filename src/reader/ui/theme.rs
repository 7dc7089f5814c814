//! Every style the reader uses, in one place; `NO_COLOR` picks the monochrome set.

use ratatui::style::{Color, Modifier, Style};

/// The styles of the reader. Both sets mark the selection and matches with
/// attributes (reverse, bold, underline), so nothing depends on colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub prompt: Style,
    pub query: Style,
    pub count: Style,
    pub error: Style,
    pub date: Style,
    pub headline: Style,
    /// Added to an unread item's headline.
    pub unread: Style,
    pub unread_mark: Style,
    pub starred_mark: Style,
    pub selected: Style,
    pub highlight: Style,
    pub article_headline: Style,
    pub article_date: Style,
    pub article_meta: Style,
    /// Reading mode's first line.
    pub header: Style,
    pub body: Style,
    pub border: Style,
    pub focused_border: Style,
    pub status: Style,
    pub status_key: Style,
    pub warning: Style,
    pub notice: Style,
    pub message: Style,
}

impl Theme {
    pub const COLOR: Theme = Theme {
        prompt: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        query: Style::new(),
        count: Style::new().fg(Color::DarkGray),
        error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        date: Style::new().fg(Color::DarkGray),
        headline: Style::new(),
        unread: Style::new().add_modifier(Modifier::BOLD),
        unread_mark: Style::new().fg(Color::Cyan),
        starred_mark: Style::new().fg(Color::Yellow),
        selected: Style::new()
            .add_modifier(Modifier::REVERSED)
            .add_modifier(Modifier::BOLD),
        highlight: Style::new()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::UNDERLINED),
        article_headline: Style::new().add_modifier(Modifier::BOLD),
        article_date: Style::new().fg(Color::Cyan).add_modifier(Modifier::ITALIC),
        article_meta: Style::new().add_modifier(Modifier::DIM),
        header: Style::new().add_modifier(Modifier::REVERSED),
        body: Style::new(),
        border: Style::new().fg(Color::DarkGray),
        focused_border: Style::new().fg(Color::Cyan),
        status: Style::new().fg(Color::Gray),
        status_key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        notice: Style::new().fg(Color::Green),
        message: Style::new()
            .fg(Color::DarkGray)
            .add_modifier(Modifier::ITALIC),
    };

    pub const MONOCHROME: Theme = Theme {
        prompt: Style::new().add_modifier(Modifier::BOLD),
        query: Style::new(),
        count: Style::new(),
        error: Style::new().add_modifier(Modifier::BOLD),
        date: Style::new(),
        headline: Style::new(),
        unread: Style::new().add_modifier(Modifier::BOLD),
        unread_mark: Style::new(),
        starred_mark: Style::new(),
        selected: Style::new()
            .add_modifier(Modifier::REVERSED)
            .add_modifier(Modifier::BOLD),
        highlight: Style::new()
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::UNDERLINED),
        article_headline: Style::new().add_modifier(Modifier::BOLD),
        article_date: Style::new().add_modifier(Modifier::ITALIC),
        article_meta: Style::new().add_modifier(Modifier::DIM),
        header: Style::new().add_modifier(Modifier::REVERSED),
        body: Style::new(),
        border: Style::new(),
        focused_border: Style::new().add_modifier(Modifier::BOLD),
        status: Style::new(),
        status_key: Style::new().add_modifier(Modifier::BOLD),
        warning: Style::new().add_modifier(Modifier::BOLD),
        notice: Style::new(),
        message: Style::new().add_modifier(Modifier::ITALIC),
    };

    /// Colour unless `NO_COLOR` is set to anything but the empty string.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::MONOCHROME,
            _ => Theme::COLOR,
        }
    }
}
