use super::*;
use crate::archive::source::load_embedded;
use crate::archive::test_support::archive_from;
use crate::reader::action::action_for_key;
use crate::reader::app::rows::ListRow;
use crate::reader::article::LineKind;
use crate::reader::history::QueryHistory;
use crate::reader::refresh::RefreshEvent;
use crate::reader::test_support::{act, app_on, stop_typing, type_text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// An app on the seed archive in a 100x30 terminal.
fn app() -> App {
    app_on(load_embedded(), 100, 30)
}

fn selected_headline(app: &App) -> &str {
    app.selected_item().map_or("", |item| item.headline)
}

#[test]
fn starts_on_the_newest_item_with_everything_listed() {
    let app = app();
    assert_eq!(app.results().len(), 10);
    assert!(selected_headline(&app).starts_with("IOM and the RCM"));
    assert!(!app.searching());
}

#[test]
fn selection_moves_and_stays_in_range() {
    let mut app = app();
    act(&mut app, Action::SelectPrevious);
    assert_eq!(app.selected, 0);
    act(&mut app, Action::SelectNext);
    act(&mut app, Action::SelectNext);
    assert_eq!(app.selected, 2);
    act(&mut app, Action::SelectPageDown);
    assert_eq!(
        app.selected, 9,
        "a page (28 rows) from 2 clamps to the last"
    );
    act(&mut app, Action::SelectNext);
    assert_eq!(app.selected, 9);
    act(&mut app, Action::SelectFirst);
    assert_eq!(app.selected, 0);
    act(&mut app, Action::SelectLast);
    assert_eq!(app.selected, 9);
    act(&mut app, Action::SelectPageUp);
    assert_eq!(app.selected, 0);
}

#[test]
fn home_and_end_move_the_selection_only_with_an_empty_query() {
    let mut app = app();
    act(&mut app, Action::EndKey);
    assert_eq!(app.selected, 9);
    act(&mut app, Action::HomeKey);
    assert_eq!(app.selected, 0);
    type_text(&mut app, "iom");
    act(&mut app, Action::SelectNext);
    act(&mut app, Action::HomeKey);
    assert_eq!((app.selected, app.query.cursor()), (1, 0));
    act(&mut app, Action::EndKey);
    assert_eq!((app.selected, app.query.cursor()), (1, 3));
}

#[test]
fn typing_searches_and_the_list_narrows_to_the_best_match() {
    let mut app = app();
    let effect = app.update(Action::InsertChar('g'));
    let Effect::Search(request) = effect else {
        panic!("typing must search")
    };
    assert_eq!((request.generation, request.query.as_str()), (1, "g"));
    assert!(
        app.searching(),
        "results are stale until the search answers"
    );
    let mut app = self::app();
    type_text(&mut app, "guatemala");
    assert!(!app.searching());
    assert!(app.results().len() < 10);
    assert_eq!(app.selected, 0);
    assert!(selected_headline(&app).contains("Guatemala"));
}

#[test]
fn a_late_answer_to_an_old_query_is_ignored() {
    let mut app = app();
    let Effect::Search(old) = app.update(Action::InsertChar('x')) else {
        panic!()
    };
    let Effect::Search(_) = app.update(Action::InsertChar('y')) else {
        panic!()
    };
    app.update(Action::SearchFinished(SearchResponse {
        request: old,
        outcome: Ok(Vec::new()),
        other_scope: None,
        by_words: 0,
    }));
    assert_eq!(
        app.results().len(),
        10,
        "the stale empty result was dropped"
    );
}

#[test]
fn selection_stays_valid_when_the_filter_narrows() {
    let mut app = app();
    act(&mut app, Action::SelectLast);
    type_text(&mut app, "'caricom");
    assert_eq!(app.results().len(), 1);
    assert_eq!(app.selected, 0);
    assert!(selected_headline(&app).starts_with("CARICOM"));
    type_text(&mut app, "zzz");
    assert!(app.results().is_empty());
    assert_eq!(app.selected_item(), None);
    act(&mut app, Action::SelectNext);
    act(&mut app, Action::OpenReading);
    assert!(!app.reading, "nothing to read");
}

#[test]
fn toggling_sort_keeps_the_selected_item() {
    let mut app = app();
    type_text(&mut app, "migration");
    act(&mut app, Action::SelectNext);
    act(&mut app, Action::SelectNext);
    let before = selected_headline(&app).to_string();
    act(&mut app, Action::ToggleSort);
    assert_eq!(app.order, SortOrder::Date);
    assert_eq!(selected_headline(&app), before);
    act(&mut app, Action::ToggleSort);
    assert_eq!(selected_headline(&app), before);
}

#[test]
fn full_text_scope_finds_bodies() {
    let mut app = app();
    type_text(&mut app, "'salvadoran");
    assert!(app.results().is_empty());
    act(&mut app, Action::ToggleScope);
    assert_eq!(app.scope, Scope::FullText);
    assert_eq!(app.results().len(), 1);
}

#[test]
fn query_editing_with_multibyte_text() {
    let mut app = app();
    type_text(&mut app, "méxico 移民");
    act(&mut app, Action::DeleteBackward);
    assert_eq!(app.query.text(), "méxico 移");
    act(&mut app, Action::CursorStart);
    act(&mut app, Action::CursorRight);
    act(&mut app, Action::DeleteForward);
    assert_eq!(app.query.text(), "mxico 移");
    act(&mut app, Action::DeleteWordBackward);
    assert_eq!(
        app.query.text(),
        "xico 移",
        "Ctrl-W deletes the word before the cursor"
    );
    act(&mut app, Action::CursorEnd);
    act(&mut app, Action::ClearQuery);
    assert_eq!(app.query.text(), "");
    assert_eq!(app.results().len(), 10);
}

#[test]
fn a_bad_date_term_is_reported_and_not_searched() {
    let mut app = app();
    type_text(&mut app, "guat >2023-13");
    stop_typing(&mut app);
    assert_eq!(
        app.query_error.as_deref(),
        Some("bad date term '>2023-13': expected YYYY, YYYY-MM or YYYY-MM-DD after > < or @")
    );
    // Typing on makes the term pending again: the rest is searched, not it.
    let Effect::Search(request) = app.update(Action::InsertChar('4')) else {
        panic!("the rest of the query is searched");
    };
    assert_eq!(request.query, "guat ");
    assert_eq!(app.query_error, None);
    for _ in 0..4 {
        act(&mut app, Action::DeleteBackward);
    }
    assert_eq!(app.query.text(), "guat >2023");
    assert_eq!(app.query_error, None);
    assert!(!app.searching());
}

#[test]
fn escape_clears_then_quits_and_ctrl_c_quits_at_once() {
    let mut app = app();
    type_text(&mut app, "iom");
    assert_eq!(
        act(&mut app, Action::Escape),
        Effect::Search(SearchRequest {
            generation: app.generation,
            archive: Arc::clone(&app.archive),
            states: Arc::clone(&app.states),
            query: String::new(),
            scope: Scope::Headlines,
            order: SortOrder::Score,
            places: Arc::default(),
        })
    );
    assert!(app.query.is_empty());
    assert_eq!(act(&mut app, Action::Escape), Effect::Quit);
    let mut app = self::app();
    type_text(&mut app, "iom");
    assert_eq!(app.update(Action::Quit), Effect::Quit);
    assert_eq!(app.update(Action::Suspend), Effect::Suspend);
}

/// The text of the top line of the selected item's article.
fn top_line(app: &App) -> String {
    let article = app.article().unwrap();
    let lines = article.lines(app.top, app.text_width(), 1, &Default::default());
    lines[0].text.trim_end().to_string()
}

#[test]
fn detail_scrolling_is_bounded_and_each_item_keeps_its_place() {
    let mut app = app();
    app.update(Action::Resize {
        width: 60,
        height: 24,
    });
    act(&mut app, Action::ScrollDetailUp);
    assert_eq!(app.top, Place::default());
    act(&mut app, Action::ScrollDetailDown);
    assert_ne!(app.top, Place::default());
    act(&mut app, Action::ScrollDetailBottom);
    let bottom = app.top;
    act(&mut app, Action::ScrollDetailPageDown);
    assert_eq!(app.top, bottom, "no blank screen below the end");
    act(&mut app, Action::ScrollDetailTop);
    assert_eq!(app.top, Place::default());
    act(&mut app, Action::ScrollDetailPageDown);
    let reading = app.top;
    act(&mut app, Action::SelectNext);
    assert_eq!(app.top, Place::default(), "a new item starts at its top");
    act(&mut app, Action::SelectPrevious);
    assert_eq!(app.top, reading, "and the last one is where it was left");
}

#[test]
fn a_resize_keeps_the_top_line_in_its_text() {
    let mut app = app();
    app.update(Action::Resize {
        width: 60,
        height: 24,
    });
    for _ in 0..6 {
        act(&mut app, Action::ScrollDetailDown);
    }
    let before = top_line(&app);
    for (width, height) in [(120, 40), (45, 20), (200, 60)] {
        app.update(Action::Resize { width, height });
        let after = top_line(&app);
        let first_word = before.split(' ').next().unwrap();
        assert!(
            after.contains(first_word) || before.contains(after.split(' ').next().unwrap()),
            "{width}x{height}: {before:?} became {after:?}"
        );
    }
}

#[test]
fn reading_speaks_less() {
    let mut app = app_on(crate::archive::sample::archive(30, 3), 40, 12);
    act(&mut app, Action::OpenReading);
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let press = |app: &mut App, c: char| {
        let action = action_for_key(key(c), app.key_context()).unwrap();
        act(app, action);
    };
    press(&mut app, 'j');
    let one = app.top;
    press(&mut app, 'k');
    assert_eq!(app.top, Place::default());
    press(&mut app, 'd');
    assert!(app.top > one, "half a page is more than a line");
    press(&mut app, 'G');
    assert!(
        app.article()
            .unwrap()
            .shows_end(app.top, app.text_width(), 10)
    );
    press(&mut app, '<');
    assert_eq!(app.top, Place::default());
    let first = app.selected;
    press(&mut app, 'J');
    assert_eq!(
        (app.selected, app.reading),
        (first + 1, true),
        "J: next item, still reading"
    );
    press(&mut app, 'K');
    assert_eq!(app.selected, first);
    press(&mut app, 'n');
    assert_eq!(app.selected, first + 1, "n with no search: next item");
    press(&mut app, 'p');
    assert_eq!(app.selected, first);
    press(&mut app, 'q');
    assert!(!app.reading);
}

#[test]
fn slash_searches_the_article_and_n_moves_between_matches() {
    let text = "1 June 2022\n\nHeadline\n\nalpha\n\nbeta\n\nmatch one\n\ngamma\n\ndelta\n\nmatch two\n\nepsilon\n\nzeta\n\neta\n";
    let mut app = app_on(archive_from(text), 60, 8);
    act(&mut app, Action::OpenReading);
    act(&mut app, Action::StartArticleSearch);
    assert_eq!(app.key_context(), KeyContext::ArticleSearch);
    for c in "match".chars() {
        act(&mut app, Action::ArticleSearchChar(c));
    }
    act(&mut app, Action::RunArticleSearch);
    assert_eq!(top_line(&app), "match one");
    assert_eq!(app.match_position(), Some((1, 2)));
    act(&mut app, Action::NextBodyMatch);
    assert_eq!(top_line(&app), "match two");
    assert_eq!(app.match_position(), Some((2, 2)));
    act(&mut app, Action::NextBodyMatch);
    assert_eq!(app.notice.as_deref(), Some("Pattern not found"));
    act(&mut app, Action::PreviousBodyMatch);
    assert_eq!(top_line(&app), "match one");
    act(&mut app, Action::StartArticleSearch);
    for c in "nowhere".chars() {
        act(&mut app, Action::ArticleSearchChar(c));
    }
    act(&mut app, Action::RunArticleSearch);
    assert_eq!(app.notice.as_deref(), Some("Pattern not found"));
    act(&mut app, Action::CancelArticleSearch);
    assert!(app.marks().body.is_empty(), "Esc ends the search");
}

#[test]
fn a_full_text_match_opens_the_article_at_its_first_body_match() {
    let mut app = app();
    app.update(Action::Resize {
        width: 60,
        height: 24,
    });
    type_text(&mut app, "'smuggled");
    act(&mut app, Action::ToggleScope);
    assert!(!app.results().is_empty());
    assert_ne!(app.top, Place::default(), "scrolled to the match");
    let height = usize::from(app.layout().detail_text.height);
    let article = app.article().unwrap();
    let shown = article.lines(app.top, app.text_width(), height, &app.marks());
    assert!(
        shown
            .iter()
            .any(|line| !line.marks.is_empty() && line.kind == LineKind::Body),
        "the match is on screen"
    );
    assert_eq!(app.match_position(), Some((1, 1)));
}

#[test]
fn reading_mode_opens_and_returns_to_the_same_selection() {
    let mut app = app();
    act(&mut app, Action::SelectNext);
    act(&mut app, Action::OpenReading);
    assert!(app.reading);
    assert_eq!(app.key_context(), KeyContext::Reading);
    act(&mut app, Action::CloseReading);
    assert!(!app.reading);
    assert_eq!(app.selected, 1);
}

#[test]
fn the_list_scrolls_to_keep_the_selection_visible() {
    let archive = crate::archive::sample::archive(200, 5);
    let mut app = app_on(archive, 100, 30);
    let height = usize::from(app.layout().list.height);
    act(&mut app, Action::SelectPageDown);
    assert_eq!(app.selected, height);
    assert_eq!(app.list_offset, 1);
    act(&mut app, Action::SelectLast);
    assert_eq!(app.list_offset, 200 - height);
    act(&mut app, Action::SelectFirst);
    assert_eq!(app.list_offset, 0);
    // Shrinking the terminal keeps the selection on screen.
    act(&mut app, Action::SelectPageDown);
    app.update(Action::Resize {
        width: 100,
        height: 10,
    });
    let height = usize::from(app.layout().list.height);
    assert!(app.selected < app.list_offset + height);
}

#[test]
fn mouse_clicks_select_rows_and_focus_the_detail_pane() {
    let mut app = app();
    let list = app.layout().list;
    act(
        &mut app,
        Action::ClickAt {
            column: list.x + 3,
            row: list.y + 4,
        },
    );
    assert_eq!(app.selected, 4);
    act(
        &mut app,
        Action::ClickAt {
            column: list.x + 3,
            row: list.y + 20,
        },
    );
    assert_eq!(
        app.selected, 4,
        "a click below the last row selects nothing"
    );
    let detail = app.layout().detail;
    act(
        &mut app,
        Action::ClickAt {
            column: detail.x + 5,
            row: detail.y + 2,
        },
    );
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(
        app.key_context(),
        KeyContext::Browsing {
            detail_focused: true
        }
    );
    act(&mut app, Action::ToggleFocus);
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = app();
    app.update(Action::Resize {
        width: 100,
        height: 12,
    });
    let list = app.layout().list;
    act(
        &mut app,
        Action::ScrollAt {
            column: list.x,
            row: list.y,
            down: true,
        },
    );
    assert_eq!(app.selected, 3);
    act(
        &mut app,
        Action::ScrollAt {
            column: list.x,
            row: list.y,
            down: false,
        },
    );
    assert_eq!(app.selected, 0);
    let detail = app.layout().detail;
    act(
        &mut app,
        Action::ScrollAt {
            column: detail.x + 4,
            row: detail.y,
            down: true,
        },
    );
    let article = app.article().unwrap();
    assert_eq!(
        app.top,
        article.moved(Place::default(), app.text_width(), 3)
    );
    assert_eq!(app.selected, 0);
}

#[test]
fn overlays_toggle_and_take_the_keys() {
    let mut app = app();
    act(&mut app, Action::ToggleHelp);
    assert_eq!(app.overlay, Some(Overlay::Help));
    assert_eq!(app.key_context(), KeyContext::Overlay);
    act(&mut app, Action::ToggleWarnings);
    assert_eq!(app.overlay, Some(Overlay::Warnings));
    act(&mut app, Action::CloseOverlay);
    assert_eq!(app.overlay, None);
}

#[test]
fn tiny_terminals_do_not_break_the_state() {
    let mut app = app();
    for (width, height) in [(1, 1), (0, 0), (3, 2)] {
        app.update(Action::Resize { width, height });
        for action in [
            Action::SelectNext,
            Action::SelectPageDown,
            Action::ScrollDetailPageDown,
            Action::ScrollDetailBottom,
            Action::OpenReading,
            Action::NextBodyMatch,
            Action::CloseReading,
        ] {
            act(&mut app, action);
        }
    }
    assert!(app.selected < app.results().len());
}

#[test]
fn a_taller_window_leaves_no_blank_rows_below_the_last_item() {
    let mut app = app();
    app.update(Action::Resize {
        width: 100,
        height: 6,
    });
    act(&mut app, Action::SelectLast);
    assert!(app.list_offset > 0);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    assert_eq!(app.list_offset, 0, "all ten items fit again");
}

#[test]
fn the_hidden_detail_pane_cannot_take_the_arrow_keys() {
    let mut app = app();
    app.update(Action::Resize {
        width: 60,
        height: 8,
    });
    act(&mut app, Action::ToggleFocus);
    assert_eq!(
        app.key_context(),
        KeyContext::Browsing {
            detail_focused: false
        }
    );
}

#[test]
fn a_search_answer_while_reading_keeps_the_article_open() {
    let mut app = app();
    let Effect::Search(request) = app.update(Action::InsertChar('i')) else {
        panic!()
    };
    act(&mut app, Action::SelectLast);
    let reading = selected_headline(&app).to_string();
    act(&mut app, Action::OpenReading);
    let archive = std::sync::Arc::clone(&app.archive);
    let outcome = crate::search::engine::Searcher::new(&archive)
        .search(
            crate::search::engine::Corpus::unread(&archive),
            "i",
            Scope::Headlines,
            SortOrder::Score,
            &|| false,
        )
        .map(Option::unwrap);
    app.update(Action::SearchFinished(SearchResponse {
        request,
        outcome,
        other_scope: None,
        by_words: 0,
    }));
    assert!(app.reading);
    assert_eq!(selected_headline(&app), reading);
}

#[test]
fn overlay_scrolling_stops_at_the_end() {
    let mut app = app();
    app.update(Action::Resize {
        width: 100,
        height: 12,
    });
    act(&mut app, Action::ToggleHelp);
    for _ in 0..100 {
        act(&mut app, Action::ScrollDetailPageDown);
    }
    let at_end = app.overlay_scroll;
    let lines = crate::reader::help::help_lines(usize::from(overlay_window(app.area()).width - 2));
    assert_eq!(
        at_end,
        lines.len() - app.overlay_height(),
        "the last line at the bottom"
    );
    act(&mut app, Action::ScrollDetailUp);
    assert_eq!(app.overlay_scroll, at_end - 1, "one step up moves at once");
}

#[test]
fn question_mark_opens_the_help_only_when_the_query_is_empty() {
    let mut app = app();
    act(&mut app, Action::QuestionKey);
    assert_eq!(app.overlay, Some(Overlay::Help));
    act(&mut app, Action::ToggleFocus);
    let lines = crate::reader::help::help_lines(usize::from(overlay_window(app.area()).width - 2));
    let examples = crate::reader::help::examples_start(&lines);
    let last_page = lines.len() - app.overlay_height();
    assert!(examples > 0 && last_page > 0);
    assert_eq!(
        app.overlay_scroll,
        examples.min(last_page),
        "Tab goes to the query examples"
    );
    act(&mut app, Action::ToggleFocus);
    assert_eq!(app.overlay_scroll, 0, "and back");
    act(&mut app, Action::CloseOverlay);
    type_text(&mut app, "why");
    act(&mut app, Action::QuestionKey);
    assert_eq!(app.overlay, None);
    assert_eq!(app.query.text(), "why?");
}

/// The archive of `sample::archive(count, 5)` text plus, when `extra`, one
/// newer item on top.
fn grown_archive(count: usize, extra: bool) -> Archive {
    let mut text = String::new();
    if extra {
        text.push_str("1 January 2030\n\nA newer item\n\n");
    }
    text.push_str(&crate::archive::sample::archive_text(count, 5));
    crate::archive::test_support::archive_from(&text)
}

#[test]
fn a_reloaded_archive_keeps_the_query_the_item_and_its_screen_row() {
    let mut app = app_on(grown_archive(300, false), 100, 30);
    type_text(&mut app, "a");
    for _ in 0..40 {
        act(&mut app, Action::SelectNext);
    }
    let item = selected_headline(&app).to_string();
    let row = app.selected - app.list_offset;
    assert!(app.list_offset > 0, "scrolled");
    let bigger = Arc::new(grown_archive(300, true));
    act(
        &mut app,
        Action::Refreshed(RefreshEvent::Loaded(
            Arc::clone(&bigger),
            ItemStates::unread(301),
        )),
    );
    assert!(
        std::ptr::eq(app.archive(), &*bigger),
        "the new archive is shown once searched"
    );
    assert_eq!(app.query.text(), "a");
    assert_eq!(selected_headline(&app), item);
    assert_eq!(app.selected - app.list_offset, row);
    assert_eq!(app.archive().len(), 301);
}

#[test]
fn the_old_archive_stays_until_the_new_one_is_searched() {
    let mut app = app();
    let bigger = Arc::new(grown_archive(20, true));
    let effect = app.update(Action::Refreshed(RefreshEvent::Loaded(
        Arc::clone(&bigger),
        ItemStates::unread(21),
    )));
    let Effect::Search(request) = effect else {
        panic!("a reload searches the new archive: {effect:?}")
    };
    assert!(Arc::ptr_eq(&request.archive, &bigger));
    assert_eq!(
        app.archive().len(),
        10,
        "no results of one archive over another"
    );
    assert_eq!(app.origin, Origin::Store);
}

#[test]
fn refresh_progress_failures_and_summary() {
    let mut app = app();
    assert_eq!(app.update(Action::Refresh), Effect::Refresh);
    assert_eq!(app.update(Action::Refresh), Effect::None, "one at a time");
    app.update(Action::Refreshed(RefreshEvent::Started { feeds: 2 }));
    let failed = crate::update::FeedReport {
        url: "https://gone.example/rss".into(),
        name: "Gone".into(),
        outcome: crate::update::FeedOutcome::Failed("HTTP 404 Not Found".into()),
    };
    app.update(Action::Refreshed(RefreshEvent::Feed {
        report: failed,
        done: 1,
    }));
    assert_eq!(app.refresh, RefreshStatus::Running { done: 1, feeds: 2 });
    assert_eq!(
        app.warning_line(0).as_deref(),
        Some("https://gone.example/rss: HTTP 404 Not Found")
    );
    app.update(Action::Refreshed(RefreshEvent::Finished {
        summary: "3 new, 0 updated, 1 failed".into(),
    }));
    assert_eq!(app.refresh, RefreshStatus::Idle);
    assert_eq!(app.notice.as_deref(), Some("3 new, 0 updated, 1 failed"));
    assert_eq!(app.update(Action::Refresh), Effect::Refresh, "and again");
}

/// The commands of an app, as the loop would take them.
fn commands(app: &mut App) -> Vec<Command> {
    app.take_commands()
}

#[test]
fn star_and_read_toggle_and_are_saved_at_once() {
    let mut app = app();
    commands(&mut app);
    let key = app.archive().key(0);
    act(&mut app, Action::ToggleStar);
    assert!(app.state_of(0).starred);
    let starred = ItemState {
        read: false,
        starred: true,
    };
    assert_eq!(
        commands(&mut app),
        [Command::SaveStates(vec![(key, starred)])]
    );
    act(&mut app, Action::ToggleRead);
    assert_eq!(app.unread_in_results(), 9);
    act(&mut app, Action::ToggleRead);
    assert_eq!(app.unread_in_results(), 10);
    assert_eq!(commands(&mut app).len(), 2, "every change saved on its own");
}

#[test]
fn an_item_shown_for_a_while_becomes_read_but_not_one_scrolled_past() {
    let mut app = app();
    // The first item is in the detail pane from the start.
    let Some(Command::ArmReadTimer(first)) = commands(&mut app).pop() else {
        panic!("a timer for the item on screen")
    };
    act(&mut app, Action::SelectNext);
    let Some(Command::ArmReadTimer(second)) = commands(&mut app).pop() else {
        panic!("a new timer for the next item")
    };
    act(&mut app, Action::ReadTimerFired(first));
    assert!(
        !app.state_of(0).read,
        "scrolled past: the old timer is void"
    );
    act(&mut app, Action::ReadTimerFired(second));
    assert!(app.state_of(1).read);
    // A read item arms no timer when it comes back into view.
    act(&mut app, Action::SelectPrevious);
    commands(&mut app);
    act(&mut app, Action::SelectNext);
    assert!(
        !commands(&mut app)
            .iter()
            .any(|c| matches!(c, Command::ArmReadTimer(_)))
    );
}

#[test]
fn without_a_detail_pane_only_opening_an_item_reads_it() {
    let mut app = app_on(load_embedded(), 60, 8);
    assert!(app.layout().detail_text.is_empty());
    assert!(commands(&mut app).is_empty(), "no timer: nothing is shown");
    act(&mut app, Action::OpenReading);
    assert!(app.state_of(0).read, "Enter reads at once");
}

#[test]
fn mark_all_read_asks_first_and_marks_only_the_results() {
    let mut app = app();
    type_text(&mut app, "'IOM");
    let results: Vec<usize> = app.results().iter().map(|m| m.index as usize).collect();
    assert_eq!(results.len(), 4);
    act(&mut app, Action::AskMarkAllRead);
    assert_eq!(app.overlay, Some(Overlay::ConfirmMarkAllRead { count: 4 }));
    assert_eq!(app.key_context(), KeyContext::Confirm);
    act(&mut app, Action::CloseOverlay);
    assert!(
        results.iter().all(|&index| !app.state_of(index).read),
        "no means no"
    );
    commands(&mut app);
    act(&mut app, Action::AskMarkAllRead);
    act(&mut app, Action::ConfirmOverlay);
    assert!(results.iter().all(|&index| app.state_of(index).read));
    assert_eq!(app.unread_in_results(), 0);
    let saved: Vec<Command> = commands(&mut app);
    assert!(
        matches!(&saved[..], [Command::SaveStates(changes)] if changes.len() == 4),
        "one transaction: {saved:?}"
    );
    act(&mut app, Action::ClearQuery);
    assert_eq!(app.unread_in_results(), 6, "the other items stay unread");
}

#[test]
fn only_web_links_are_opened_or_copied() {
    let text = r#"[{"date":"2026-11-02","headline":"Safe","link":"https://iom.int/a"},
                   {"date":"2026-11-01","headline":"Script","link":"javascript:alert(1)"},
                   {"date":"2026-10-31","headline":"None"}]"#;
    let mut app = app_on(crate::archive::test_support::archive_from(text), 100, 30);
    commands(&mut app);
    act(&mut app, Action::OpenLink);
    act(&mut app, Action::CopyLink);
    assert_eq!(
        commands(&mut app),
        [
            Command::OpenLink("https://iom.int/a".into()),
            Command::CopyLink("https://iom.int/a".into())
        ]
    );
    act(&mut app, Action::SelectNext);
    commands(&mut app);
    act(&mut app, Action::OpenLink);
    assert!(commands(&mut app).is_empty());
    assert_eq!(
        app.notice.as_deref(),
        Some("not an http(s) link, not opened")
    );
    act(&mut app, Action::SelectNext);
    act(&mut app, Action::CopyLink);
    assert_eq!(app.notice.as_deref(), Some("this item has no link"));
}

#[test]
fn pick_mode_picks_with_enter_and_cancels_with_escape() {
    let mut app = app();
    app.picking = true;
    act(&mut app, Action::SelectNext);
    assert_eq!(act(&mut app, Action::OpenReading), Effect::Pick(1));
    assert!(!app.reading);
    type_text(&mut app, "iom");
    assert_eq!(act(&mut app, Action::Escape), Effect::Cancel);
    assert_eq!(act(&mut app, Action::Quit), Effect::Cancel);
}

#[test]
fn changes_made_during_a_refresh_survive_the_reload() {
    let mut app = app();
    act(&mut app, Action::Refresh);
    act(&mut app, Action::ToggleStar);
    let key = app.archive().key(0);
    // The reload read the store before the star was saved.
    let reloaded = Arc::new(load_embedded());
    let states = ItemStates::from_archive(&reloaded);
    act(
        &mut app,
        Action::Refreshed(RefreshEvent::Loaded(Arc::clone(&reloaded), states)),
    );
    assert!(std::ptr::eq(app.archive(), &*reloaded));
    let index = (0..reloaded.len())
        .find(|&i| reloaded.key(i) == key)
        .unwrap();
    assert!(app.state_of(index).starred);
}

#[test]
fn each_refresh_replaces_the_failures_of_the_last_and_notices_end_at_a_key() {
    let mut app = app();
    let failed = |url: &str| crate::update::FeedReport {
        url: url.into(),
        name: url.into(),
        outcome: crate::update::FeedOutcome::Failed("HTTP 500".into()),
    };
    for _ in 0..2 {
        act(&mut app, Action::Refresh);
        act(
            &mut app,
            Action::Refreshed(RefreshEvent::Started { feeds: 1 }),
        );
        act(
            &mut app,
            Action::Refreshed(RefreshEvent::Feed {
                report: failed("https://a.org"),
                done: 1,
            }),
        );
        act(
            &mut app,
            Action::Refreshed(RefreshEvent::Finished {
                summary: "0 new, 0 updated, 1 failed".into(),
            }),
        );
    }
    assert_eq!(app.warning_count(), 1, "listed once, not once a refresh");
    assert_eq!(
        app.warning_line(0).as_deref(),
        Some("https://a.org: HTTP 500")
    );
    assert!(app.notice.is_some());
    act(&mut app, Action::SelectNext);
    assert_eq!(app.notice, None, "gone at the next key");
}

#[test]
fn clearing_the_query_goes_back_to_the_item_selected_before_it() {
    let mut app = app_on(load_embedded(), 100, 8);
    for _ in 0..6 {
        act(&mut app, Action::SelectNext);
    }
    let before = selected_headline(&app).to_string();
    let row = app.selected - app.list_offset;
    type_text(&mut app, "iom");
    act(&mut app, Action::SelectNext);
    assert_ne!(selected_headline(&app), before);
    act(&mut app, Action::ClearQuery);
    assert_eq!(selected_headline(&app), before);
    assert_eq!(app.selected - app.list_offset, row, "on the same row");
    // Escape clears the same way.
    type_text(&mut app, "mexico");
    act(&mut app, Action::Escape);
    assert_eq!(selected_headline(&app), before);
}

#[test]
fn used_queries_are_recalled_newest_first_and_saved() {
    let mut app = app().with_history(QueryHistory::from_text("haiti\n", 10));
    type_text(&mut app, "'caricom");
    act(&mut app, Action::OpenReading);
    assert_eq!(
        app.take_commands()
            .into_iter()
            .filter(|command| matches!(command, Command::SaveHistory(_)))
            .collect::<Vec<_>>(),
        [Command::SaveHistory("haiti\n'caricom\n".into())]
    );
    act(&mut app, Action::CloseReading);
    act(&mut app, Action::ClearQuery);
    type_text(&mut app, "dra");
    act(&mut app, Action::HistoryPrevious);
    assert_eq!(app.query.text(), "'caricom");
    assert_eq!(app.results().len(), 1, "the recalled query is searched");
    act(&mut app, Action::HistoryPrevious);
    assert_eq!(app.query.text(), "haiti");
    act(&mut app, Action::HistoryNext);
    act(&mut app, Action::HistoryNext);
    assert_eq!(app.query.text(), "dra", "what was typed comes back");
    let keys = [KeyCode::Char('p'), KeyCode::Up];
    for code in keys {
        let key = KeyEvent::new(code, KeyModifiers::ALT);
        let context = app.key_context();
        assert_eq!(action_for_key(key, context), Some(Action::HistoryPrevious));
    }
}

#[test]
fn a_date_term_being_typed_is_pending_not_an_error() {
    let mut app = app();
    type_text(&mut app, "'iom >2");
    assert_eq!(app.query_error, None, "no error while typing");
    assert_eq!(app.pending_start(), Some(5));
    let iom = app.results().len();
    assert!(iom > 0 && iom < 10, "the rest is searched: {iom}");
    type_text(&mut app, "022-");
    assert_eq!(app.query_error, None);
    assert_eq!(app.results().len(), iom);
    // The user stops: the term is wrong after all.
    let token = app
        .take_commands()
        .into_iter()
        .filter_map(|command| match command {
            Command::ArmPendingTimer(token) => Some(token),
            _ => None,
        })
        .next_back()
        .unwrap();
    act(&mut app, Action::PendingTimerFired(token - 1));
    assert_eq!(app.query_error, None, "an older arming is ignored");
    act(&mut app, Action::PendingTimerFired(token));
    assert!(app.query_error.as_deref().unwrap().contains(">2022-"));
    // Completing it searches with it.
    type_text(&mut app, "05");
    assert_eq!(app.query_error, None);
    assert_eq!(app.pending_start(), None);
    assert!(app.results().len() <= iom);
    // A wrong term elsewhere than at the cursor is an error at once.
    act(&mut app, Action::CursorStart);
    type_text(&mut app, "is:nope ");
    assert!(app.query_error.is_some());
}

#[test]
fn the_divider_takes_a_row_and_is_never_selected() {
    // 6 rows for the list: the divider must push the selection's row down.
    let mut app = app_on(load_embedded(), 100, 9);
    type_text(&mut app, "iom");
    let words = app.by_words();
    assert_eq!(app.fuzzy_start(), Some(words));
    let height = usize::from(app.layout().list.height);
    for _ in 0..app.results().len() {
        act(&mut app, Action::SelectNext);
        let rows: Vec<ListRow> = app.list_rows(height).collect();
        assert!(
            rows.contains(&ListRow::Result(app.selected)),
            "selection {} off screen: {rows:?}",
            app.selected
        );
    }
    // Back to the top: the divider shows below the word matches.
    act(&mut app, Action::SelectFirst);
    let rows: Vec<ListRow> = app.list_rows(height).collect();
    assert_eq!(rows[words], ListRow::Divider);
    assert_eq!(rows[words + 1], ListRow::Result(words));
    // A click on the divider selects nothing; one below it selects the row.
    let list = app.layout().list;
    let divider_y = list.y + words as u16;
    app.update(Action::ClickAt {
        column: list.x + 3,
        row: divider_y,
    });
    assert_eq!(app.selected, 0);
    app.update(Action::ClickAt {
        column: list.x + 3,
        row: divider_y + 1,
    });
    assert_eq!(app.selected, words);
    // Newest first has no divider.
    act(&mut app, Action::ToggleSort);
    assert_eq!(app.fuzzy_start(), None);
}

#[test]
fn the_places_of_the_results_are_counted_and_the_item_named() {
    let mut app = app();
    // A small archive is tagged at once.
    assert_eq!(app.selected_places().as_deref(), Some("El Salvador"));
    let places = &app.facets().places;
    let code = |index: usize| crate::places::gazetteer().country(places[index].0).code;
    assert_eq!(
        (code(0), places[0].1),
        ("GT", 4),
        "most named first: {places:?}"
    );
    assert!(app.facets_ready());
    // Choosing a place adds its term; choosing it again takes it away.
    act(&mut app, Action::TogglePlaces);
    assert_eq!(app.key_context(), KeyContext::Places);
    act(&mut app, Action::TogglePlaceTerm);
    assert_eq!(app.query.text(), "in:gt");
    assert_eq!(app.results().len(), 4);
    assert!(app.has_place_term("GT"));
    act(&mut app, Action::TogglePlaceTerm);
    assert_eq!(app.query.text(), "");
    assert_eq!(app.results().len(), 10);
    // Typed with other terms, in a place's Spanish name.
    type_text(&mut app, "in:méxico");
    assert_eq!(app.results().len(), 3);
    type_text(&mut app, " mexico");
    assert_eq!(app.results().len(), 1, "Campaign launched in Mexico...");
}

#[test]
fn a_click_on_a_bar_of_the_timeline_adds_its_dates() {
    let mut app = app_on(load_embedded(), 120, 35);
    let strip = app.layout().timeline;
    assert!(!strip.is_empty());
    let first = app.timeline().term(0).unwrap();
    act(
        &mut app,
        Action::ClickAt {
            column: strip.x,
            row: strip.y,
        },
    );
    assert_eq!(app.query.text(), first);
    assert!(first.starts_with(">2022-01-"), "the first week: {first}");
    assert_eq!(app.results().len(), 2, "the two items of that week");
    // Alt-t hides it; the list gets the rows back.
    let list = app.layout().list.height;
    act(&mut app, Action::ToggleTimeline);
    assert!(app.layout().timeline.is_empty());
    assert_eq!(app.layout().list.height, list + 2);
}

#[test]
fn a_big_archive_is_tagged_only_when_its_places_are_wanted() {
    let mut app = app_on(crate::archive::sample::archive(100_001, 3), 100, 30);
    assert!(app.facets().places.is_empty() && !app.facets_ready());
    assert_eq!(app.selected_places(), None);
    assert!(
        !app.facets().days.is_empty(),
        "the timeline is counted at once"
    );
    act(&mut app, Action::TogglePlaces);
    assert!(app.facets_ready() && !app.facets().places.is_empty());
}
