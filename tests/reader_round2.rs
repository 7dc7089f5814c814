//! Reading like less, help, and keeping one's place, in a real terminal
//! (tmux): what the reader-round-2 issue asked for, seen as a user sees it.

mod support;

use support::tmux::{BIN, NEWEST_HEADLINE, Tmux, filter_bar_settled, selected_row};

/// The status line: the screen's last line.
fn status(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

#[test]
fn reading_speaks_less() {
    // Short enough that the first article takes more than a screen.
    let tmux = Tmux::start(80, 14, BIN);
    tmux.wait_for_text(NEWEST_HEADLINE);
    tmux.send(&["Enter"]);
    tmux.wait_for("reading the first item", |s| s.contains("item 1/10"));
    tmux.send(&["G"]);
    tmux.wait_for("the end", |s| status(s).ends_with("END"));
    tmux.send(&["g"]);
    tmux.wait_for("the top", |s| status(s).ends_with("0%"));
    // `/` searches the article; n goes to the next match.
    tmux.type_text("/diaspora");
    tmux.wait_for("the pattern typed", |s| status(s).contains("/diaspora"));
    tmux.send(&["Enter"]);
    tmux.wait_for("the first match", |s| status(s).contains("match 1/"));
    tmux.send(&["n"]);
    tmux.wait_for("the second match", |s| status(s).contains("match 2/"));
    tmux.type_text("/zzqx");
    tmux.send(&["Enter"]);
    tmux.wait_for_text("Pattern not found");
    // J and K move between items without leaving reading mode.
    tmux.send(&["J"]);
    let screen = tmux.wait_for("the next item", |s| s.contains("item 2/10"));
    assert!(screen.contains("CARICOM"), "{screen}");
    tmux.send(&["K"]);
    tmux.wait_for("back to the first", |s| s.contains("item 1/10"));
    tmux.send(&["h"]);
    tmux.wait_for_text("Help");
    tmux.send(&["Escape"]);
    // Waited for, or the q would arrive as Alt-q.
    tmux.wait_for("the help closed", |s| {
        s.contains("item 1/10") && !s.contains("Help")
    });
    tmux.send(&["q"]);
    tmux.wait_for("the list", |s| s.contains("Enter read"));
    tmux.send(&["C-c"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn the_top_line_stays_in_place_across_a_resize() {
    let tmux = Tmux::start(100, 10, BIN);
    tmux.wait_for_text(NEWEST_HEADLINE);
    tmux.send(&["Enter"]);
    tmux.wait_for("reading", |s| {
        s.contains("item 1/10") && status(s).ends_with("0%")
    });
    // To the top of the body's first paragraph.
    tmux.type_text("/fundamental");
    tmux.send(&["Enter"]);
    // The second line of the screen is the article's top line, under the header.
    let screen = tmux.wait_for("scrolled", |s| {
        s.contains("item 1/10") && status(s).contains("match 1/1 ·")
    });
    let top = screen.lines().nth(1).unwrap().trim().to_string();
    let first_words: String = top.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert!(!first_words.is_empty(), "{screen}");
    tmux.resize(60, 10);
    let resized = tmux.wait_for("the narrower article", |s| {
        s.contains("item 1/10") && s.lines().all(|line| line.trim_end().chars().count() <= 60)
    });
    let top = resized.lines().nth(1).unwrap().trim();
    assert!(
        top.starts_with(&first_words),
        "was {first_words:?}, now {top:?}:\n{resized}"
    );
    tmux.send(&["C-c"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn clearing_the_query_comes_back_to_the_item_selected_before() {
    let tmux = Tmux::start(100, 30, BIN);
    tmux.wait_for_text(NEWEST_HEADLINE);
    tmux.send(&["Down", "Down", "Down"]);
    let screen = tmux.wait_for("the fourth item", |s| {
        selected_row(s).starts_with("> 2022-04-05")
    });
    let row = screen
        .lines()
        .position(|line| line.starts_with("> "))
        .unwrap();
    tmux.type_text("iom");
    tmux.wait_for("the filter", |s| {
        selected_row(s).starts_with("> 2022-06-01")
    });
    tmux.send(&["Escape"]);
    let screen = tmux.wait_for("the selection back", |s| {
        filter_bar_settled(s, "", "10/10") && selected_row(s).starts_with("> 2022-04-05")
    });
    assert_eq!(
        screen.lines().position(|line| line.starts_with("> ")),
        Some(row),
        "{screen}"
    );
    tmux.send(&["Escape"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn question_mark_opens_the_help_only_on_an_empty_query() {
    let tmux = Tmux::start(100, 30, BIN);
    tmux.wait_for_text(NEWEST_HEADLINE);
    tmux.type_text("?");
    tmux.wait_for_text("Help (F1 or ?)");
    tmux.send(&["Tab"]);
    tmux.wait_for_text("'visitor\\ card");
    tmux.send(&["Escape"]);
    // Waited for, or the next letter would arrive as Alt-a.
    tmux.wait_for("the help closed", |s| !s.contains("Help ("));
    tmux.type_text("a?");
    tmux.wait_for("a question mark in the query", |s| {
        s.lines().next().unwrap_or("").starts_with("> a?") && !s.contains("Help (")
    });
    tmux.send(&["C-c"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn a_query_used_in_one_session_is_recalled_in_the_next() {
    // Two runs in one terminal, with one data folder.
    let tmux = Tmux::start(100, 30, &format!("{BIN}; {BIN}"));
    tmux.wait_for_text(NEWEST_HEADLINE);
    tmux.type_text("'caricom");
    tmux.wait_for("the filter", |s| filter_bar_settled(s, "'caricom", "1/10"));
    tmux.send(&["Enter"]);
    tmux.wait_for("reading", |s| s.contains("item 1/1"));
    tmux.send(&["q"]);
    tmux.wait_for_text("Enter read");
    tmux.send(&["C-c"]);
    // The second run.
    tmux.wait_for("a fresh reader", |s| filter_bar_settled(s, "", "10/10"));
    tmux.send(&["M-p"]);
    tmux.wait_for("the recalled query", |s| {
        filter_bar_settled(s, "'caricom", "1/10")
    });
    let history = std::fs::read_to_string(tmux.file("data/migranews/history")).unwrap();
    assert_eq!(history, "'caricom\n");
    tmux.send(&["C-c"]);
    assert_eq!(tmux.exit_code(), 0);
}
