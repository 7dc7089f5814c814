//! Every style the reader uses, in one place: a dark and a light set, and a
//! monochrome one for `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

use crate::config::settings::ThemeChoice;
use crate::reader::background::Background;

/// The styles of the reader. Both sets mark the selection and matches with
/// attributes (reverse, bold, underline), so nothing depends on colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub prompt: Style,
    pub query: Style,
    /// A term still being typed, left out of the search.
    pub pending: Style,
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
    /// A pane's title, and the focused pane's.
    pub title: Style,
    pub focused_title: Style,
    pub status: Style,
    pub status_key: Style,
    pub warning: Style,
    pub notice: Style,
    pub message: Style,
}

impl Theme {
    /// For dark backgrounds. Secondary text (dates, counts, the status line)
    /// is the terminal's own foreground, dimmed: a fixed grey vanishes on
    /// some backgrounds, the user's foreground never does.
    pub const DARK: Theme = Theme {
        prompt: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        query: Style::new(),
        pending: Style::new()
            .add_modifier(Modifier::DIM)
            .add_modifier(Modifier::ITALIC),
        count: Style::new().add_modifier(Modifier::DIM),
        error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        date: Style::new().add_modifier(Modifier::DIM),
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
        border: Style::new().add_modifier(Modifier::DIM),
        focused_border: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        title: Style::new().add_modifier(Modifier::DIM),
        focused_title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        status: Style::new(),
        status_key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        notice: Style::new().fg(Color::Green),
        message: Style::new()
            .add_modifier(Modifier::DIM)
            .add_modifier(Modifier::ITALIC),
    };

    /// For light backgrounds: the accents yellow and cyan, unreadable on
    /// white, become magenta and blue.
    pub const LIGHT: Theme = Theme {
        prompt: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        unread_mark: Style::new().fg(Color::Blue),
        starred_mark: Style::new().fg(Color::Magenta),
        highlight: Style::new()
            .fg(Color::Magenta)
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::UNDERLINED),
        article_date: Style::new().fg(Color::Blue).add_modifier(Modifier::ITALIC),
        focused_border: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        focused_title: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        status_key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        warning: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        notice: Style::new().fg(Color::Blue),
        ..Theme::DARK
    };

    pub const MONOCHROME: Theme = Theme {
        prompt: Style::new().add_modifier(Modifier::BOLD),
        query: Style::new(),
        pending: Style::new()
            .add_modifier(Modifier::DIM)
            .add_modifier(Modifier::ITALIC),
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
        title: Style::new(),
        focused_title: Style::new().add_modifier(Modifier::BOLD),
        status: Style::new(),
        status_key: Style::new().add_modifier(Modifier::BOLD),
        warning: Style::new().add_modifier(Modifier::BOLD),
        notice: Style::new(),
        message: Style::new().add_modifier(Modifier::ITALIC),
    };

    /// The theme for the setting `choice`: monochrome when `NO_COLOR` is set
    /// to anything but the empty string; for `auto`, the light one when
    /// `background` says the terminal is light, else the dark one.
    pub fn choose(choice: ThemeChoice, background: impl FnOnce() -> Option<Background>) -> Theme {
        if std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()) {
            return Theme::MONOCHROME;
        }
        match choice {
            ThemeChoice::Dark => Theme::DARK,
            ThemeChoice::Light => Theme::LIGHT,
            ThemeChoice::Auto => match background() {
                Some(Background::Light) => Theme::LIGHT,
                Some(Background::Dark) | None => Theme::DARK,
            },
        }
    }
}
