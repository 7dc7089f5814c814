//! Places and time in the reader, in a real terminal (tmux): `in:` typed in
//! the filter bar, the places view (F4) and the timeline strip.

mod support;

use support::tmux::{BIN, NEWEST_HEADLINE, Tmux, filter_bar_settled};

#[test]
fn places_are_typed_chosen_and_shown_with_the_timeline() {
    let tmux = Tmux::start(120, 35, BIN);
    let screen = tmux.wait_for_text(NEWEST_HEADLINE);
    // The timeline above the status line, from the first week to the last.
    let timeline = tmux.wait_for("the timeline", |s| {
        s.lines()
            .rev()
            .nth(1)
            .is_some_and(|labels| labels.contains("max "))
    });
    assert!(
        timeline.lines().rev().nth(1).unwrap().starts_with("2022-"),
        "{screen}"
    );
    // The article's title names its places.
    tmux.wait_for_text("Article · El Salvador");
    tmux.type_text("in:gt");
    tmux.wait_for("the Guatemalan items", |s| {
        filter_bar_settled(s, "in:gt", "4/10")
    });
    tmux.send(&["C-u"]);
    tmux.wait_for("every item", |s| filter_bar_settled(s, "", "10/10"));
    tmux.send(&["F4"]);
    tmux.wait_for("the places view", |s| {
        s.contains("Places (F4)") && s.contains("4  GT  Guatemala")
    });
    tmux.send(&["Down", "Enter"]);
    tmux.wait_for("Mexico chosen", |s| filter_bar_settled(s, "in:mx", "3/10"));
    tmux.send(&["Enter"]);
    tmux.wait_for("Mexico removed", |s| filter_bar_settled(s, "", "10/10"));
    tmux.send(&["Escape"]);
    tmux.wait_for("the view closed", |s| !s.contains("Places (F4)"));
    tmux.send(&["C-c"]);
    assert_eq!(tmux.exit_code(), 0);
}
