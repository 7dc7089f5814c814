use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use unicode_segmentation::UnicodeSegmentation;

use super::*;

mod styled;
use crate::archive::source::load_embedded;
use crate::reader::action::Action;
use crate::reader::test_support::{act, app_on, archive_from, stop_typing, type_text};
use styled::styled;

fn draw(app: &App, theme: &Theme, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(app, theme, frame)).unwrap();
    terminal
}

fn seed_app(width: u16, height: u16) -> App {
    app_on(load_embedded(), width, height)
}

fn row_text(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// The row whose text contains `needle`.
fn find_row(buffer: &Buffer, needle: &str) -> u16 {
    (0..buffer.area.height)
        .find(|&y| row_text(buffer, y).contains(needle))
        .unwrap_or_else(|| panic!("no row contains {needle:?}"))
}

#[test]
fn start_screen() {
    let terminal = draw(&seed_app(100, 30), &Theme::DARK, 100, 30);
    assert_snapshot!(styled(terminal.backend().buffer()));
}

#[test]
fn the_selected_row_is_marked_without_colour() {
    let terminal = draw(&seed_app(100, 30), &Theme::MONOCHROME, 100, 30);
    let buffer = terminal.backend().buffer();
    let row = find_row(buffer, "> ●  2022-06-01");
    for x in 0..40 {
        let cell = &buffer[(x, row)];
        assert!(
            cell.modifier.contains(Modifier::REVERSED),
            "cell {x} of the selected row"
        );
        assert_eq!(
            cell.fg,
            ratatui::style::Color::Reset,
            "no colour with NO_COLOR"
        );
    }
    let other = find_row(buffer, "  ●  2022-05-17");
    assert!(!buffer[(5, other)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn filtered_list_highlights_the_matched_letters() {
    let mut app = seed_app(100, 30);
    type_text(&mut app, "'caricom");
    let terminal = draw(&app, &Theme::DARK, 100, 30);
    assert_snapshot!(styled(terminal.backend().buffer()));
    let buffer = terminal.backend().buffer();
    let row = find_row(buffer, "CARICOM government");
    let text = row_text(buffer, row);
    // A cell a character: the column is the count of characters before.
    let start = text[..text.find("CARICOM").unwrap()].chars().count() as u16;
    for x in start..start + 7 {
        let cell = &buffer[(x, row)];
        assert!(
            cell.modifier
                .contains(Modifier::UNDERLINED | Modifier::BOLD),
            "matched cell {x}"
        );
        assert_eq!(cell.fg, Theme::DARK.highlight.fg.unwrap());
    }
    let after = &buffer[(start + 8, row)];
    assert!(
        !after.modifier.contains(Modifier::UNDERLINED),
        "the space after is not matched"
    );
    // The filter bar shows the query and the count.
    let bar = row_text(buffer, 0);
    assert!(bar.starts_with("> 'caricom"), "{bar}");
    assert!(bar.trim_end().ends_with("1/10"), "{bar}");
}

#[test]
fn stacked_layout_at_60x24() {
    let mut app = seed_app(60, 24);
    act(&mut app, Action::SelectNext);
    assert_snapshot!(draw(&app, &Theme::DARK, 60, 24).backend());
}

#[test]
fn reading_mode() {
    let mut app = seed_app(80, 20);
    act(&mut app, Action::OpenReading);
    assert_snapshot!(styled(draw(&app, &Theme::DARK, 80, 20).backend().buffer()));
}

#[test]
fn help_overlay() {
    let mut app = seed_app(100, 30);
    act(&mut app, Action::ToggleHelp);
    assert_snapshot!(draw(&app, &Theme::DARK, 100, 30).backend());
}

#[test]
fn help_wraps_under_its_keys_at_40x12() {
    let mut app = seed_app(40, 12);
    act(&mut app, Action::QuestionKey);
    let terminal = draw(&app, &Theme::DARK, 40, 12);
    assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    assert!(
        row_text(buffer, 10).contains("↓ more"),
        "more below is shown"
    );
}

#[test]
fn help_query_examples_at_80x24() {
    let mut app = seed_app(80, 24);
    act(&mut app, Action::ToggleHelp);
    act(&mut app, Action::ToggleFocus);
    let terminal = draw(&app, &Theme::DARK, 80, 24);
    assert_snapshot!(terminal.backend());
    find_row(terminal.backend().buffer(), "'visitor\\ card");
}

#[test]
fn empty_result_says_so() {
    let mut app = seed_app(100, 30);
    type_text(&mut app, "zzqx");
    let terminal = draw(&app, &Theme::DARK, 100, 30);
    assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    find_row(buffer, "No headline matches \u{201c}zzqx\u{201d}");
}

#[test]
fn an_empty_result_says_where_to_look() {
    let mut app = seed_app(80, 24);
    type_text(&mut app, "'salvadoran");
    let terminal = draw(&app, &Theme::DARK, 80, 24);
    let buffer = terminal.backend().buffer();
    let said = find_row(buffer, "No headline matches \u{201c}'salvadoran\u{201d}");
    assert!(row_text(buffer, said + 1).contains("1 match in the full text: ^F"));
    act(&mut app, Action::ClearQuery);
    type_text(&mut app, "marzo 2022");
    let terminal = draw(&app, &Theme::DARK, 80, 24);
    assert_snapshot!(terminal.backend());
    find_row(terminal.backend().buffer(), "Dates are terms: try @2022-03");
}

#[test]
fn query_errors_show_in_the_filter_bar() {
    let mut app = seed_app(100, 30);
    type_text(&mut app, "guat >2023-13");
    stop_typing(&mut app);
    let buffer = draw(&app, &Theme::DARK, 100, 30).backend().buffer().clone();
    let bar = row_text(&buffer, 0);
    assert!(bar.contains("bad date term '>2023-13'"), "{bar}");
    let x = bar.find("bad date").unwrap() as u16;
    assert_eq!(buffer[(x, 0)].fg, Theme::DARK.error.fg.unwrap());
}

#[test]
fn warnings_view_lists_file_and_line() {
    let archive =
        archive_from("Intro text\n\n1 June, 2022\n\nGood item\n\n31 June, 2022\n\nBad item\n");
    let mut app = app_on(archive, 100, 30);
    let status = row_text(draw(&app, &Theme::DARK, 100, 30).backend().buffer(), 29);
    assert!(status.contains("⚠ 2 warnings (F2)"), "{status}");
    act(&mut app, Action::ToggleWarnings);
    let terminal = draw(&app, &Theme::DARK, 100, 30);
    assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    find_row(
        buffer,
        "test.txt:1: text before the first date line, skipped",
    );
    find_row(
        buffer,
        "test.txt:7: impossible date '31 June, 2022', item skipped",
    );
}

#[test]
fn a_long_warning_wraps_inside_the_window() {
    let long = "x".repeat(120);
    let archive = archive_from(&format!("{long}\n\n1 June, 2022\n\nGood item\n"));
    let mut app = app_on(archive, 60, 20);
    act(&mut app, Action::ToggleWarnings);
    let terminal = draw(&app, &Theme::DARK, 60, 20);
    let buffer = terminal.backend().buffer();
    let first = find_row(buffer, "test.txt:1: text before the first date line");
    assert!(
        row_text(buffer, first + 1).contains("skipped"),
        "the rest on the next row"
    );
}

#[test]
fn multilingual_archive_with_wide_characters() {
    let text = "3 March 2023\n\n移民と難民の支援に関する国際会議が東京で開催される予定です\n\n本文。\n\n\
                2 March 2023\n\nCampaña en México y Panamá 🌎 para trabajadores fronterizos\n\nCuerpo.\n\n\
                1 March 2023\n\nMe\u{301}xico (decomposed) hosts the summit\n\nBody.\n";
    let mut app = app_on(archive_from(text), 100, 30);
    type_text(&mut app, "mexico");
    let terminal = draw(&app, &Theme::DARK, 100, 30);
    assert_snapshot!(terminal.backend());
    let mut app = app_on(archive_from(text), 60, 24);
    act(&mut app, Action::SelectFirst);
    let terminal = draw(&app, &Theme::DARK, 60, 24);
    assert_snapshot!("multilingual_60x24", terminal.backend());
    // The CJK headline is cut between characters, never through one.
    let buffer = terminal.backend().buffer();
    let row = find_row(buffer, "2023-03-03");
    let line = row_text(buffer, row);
    assert!(line.trim_end().ends_with('…'), "{line}");
}

#[test]
fn tiny_and_empty_terminals_draw_what_fits() {
    for (width, height) in [(1, 1), (2, 1), (0, 0), (5, 3), (20, 2)] {
        let mut app = seed_app(width, height);
        for action in [
            Action::OpenReading,
            Action::CloseReading,
            Action::ToggleHelp,
        ] {
            act(&mut app, action);
            draw(&app, &Theme::DARK, width.max(1), height.max(1));
        }
    }
    let app = seed_app(1, 1);
    assert_snapshot!(draw(&app, &Theme::DARK, 1, 1).backend());
}

#[test]
fn the_detail_pane_scrolls_with_a_scrollbar() {
    let mut app = seed_app(60, 24);
    act(&mut app, Action::ScrollDetailDown);
    act(&mut app, Action::ScrollDetailDown);
    let buffer = draw(&app, &Theme::DARK, 60, 24).backend().buffer().clone();
    let detail = app.layout().detail_text;
    let bar: String = (detail.y..detail.bottom())
        .map(|y| buffer[(detail.right(), y)].symbol().to_string())
        .collect();
    assert!(bar.contains('█'), "a scrollbar thumb: {bar:?}");
    // Scrolled by two: the first article row is the headline's third line.
    let first = row_text(&buffer, detail.y);
    assert!(!first.contains("IOM and the RCM"), "{first}");
}

#[test]
fn a_frame_smaller_than_the_last_known_size_draws_without_panicking() {
    let app = seed_app(100, 30);
    for (width, height) in [(50, 10), (1, 1), (100, 5)] {
        draw(&app, &Theme::DARK, width, height);
    }
}

#[test]
fn highlights_keep_combining_accents_with_their_letters() {
    let archive = archive_from("1 May 2022\n\nMe\u{301}xico hosts\n\nIn Me\u{301}xico.\n");
    let mut app = app_on(archive, 100, 30);
    type_text(&mut app, "'me");
    act(&mut app, Action::ToggleScope);
    let terminal = draw(&app, &Theme::DARK, 100, 30);
    let buffer = terminal.backend().buffer();
    let detail = app.layout().detail_text;
    let headline_row = row_text(buffer, detail.y);
    assert!(headline_row.contains("Me\u{301}xico"), "{headline_row:?}");
    let x = detail.x + 1;
    assert_eq!(buffer[(x, detail.y)].symbol(), "e\u{301}");
    assert!(
        buffer[(x, detail.y)]
            .modifier
            .contains(Modifier::UNDERLINED)
    );
    let body_row = find_row(buffer, "In Me\u{301}xico.");
    assert!(row_text(buffer, body_row).contains("In Me\u{301}xico."));
}

#[test]
fn a_feed_item_shows_its_source_and_link_while_fetching() {
    let text = r#"[{"date":"2026-11-25","headline":"Nuevo corredor humanitario en el Darién","body":"Panamá y Colombia abren un corredor.","link":"https://www.iom.int/es/news/corredor","source":"OIM Noticias"}]"#;
    let mut app = app_on(archive_from(text), 100, 12);
    act(&mut app, Action::Refresh);
    act(
        &mut app,
        Action::Refreshed(crate::reader::refresh::RefreshEvent::Started { feeds: 12 }),
    );
    let terminal = draw(&app, &Theme::DARK, 100, 12);
    let buffer = terminal.backend().buffer();
    let link = find_row(buffer, "https://www.iom.int/es/news/corredor");
    assert_eq!(link, find_row(buffer, "OIM Noticias") + 1);
    assert!(row_text(buffer, 11).contains("fetching 0/12 · 1 unread · sort: newest"));
    assert_snapshot!(terminal.backend());
}

#[test]
fn the_status_line_gives_up_parts_in_order_as_it_narrows() {
    let mut app =
        seed_app(200, 30).with_origin(crate::archive::source::Origin::Embedded, Vec::new());
    let status = |app: &mut App, width: u16| {
        app.update(Action::Resize { width, height: 30 });
        let terminal = draw(app, &Theme::DARK, width, 30);
        row_text(terminal.backend().buffer(), 29)
            .trim_end()
            .to_string()
    };
    let wide = status(&mut app, 200);
    assert!(
        wide.starts_with("F1 help  ↑↓ move") && wide.contains("^F scope"),
        "{wide}"
    );
    assert!(
        wide.ends_with(
            "no feeds yet: migranews feed add URL · 10 unread · sort: newest · headlines"
        ),
        "{wide}"
    );
    let medium = status(&mut app, 100);
    assert!(
        medium.starts_with("F1 help  ↑↓ move  Enter read  Esc clear/quit"),
        "{medium}"
    );
    assert!(
        medium.ends_with("no feeds yet: migranews feed add URL · 10 unread"),
        "the hint outlasts the sort label: {medium}"
    );
    let narrow = status(&mut app, 40);
    assert!(
        narrow.starts_with("F1 help"),
        "F1 comes first at every width: {narrow}"
    );
}

#[test]
fn the_focus_moves_the_title_and_the_hints() {
    let mut app = seed_app(120, 35);
    act(&mut app, Action::ToggleFocus);
    let terminal = draw(&app, &Theme::LIGHT, 120, 35);
    let buffer = terminal.backend().buffer();
    assert_snapshot!(styled(buffer));
    let title = find_row(buffer, " Article");
    let x = row_text(buffer, title).find(" Article").unwrap() as u16 + 1;
    assert_eq!(
        buffer[(x, title)].fg,
        Theme::LIGHT.focused_title.fg.unwrap()
    );
    assert!(
        !buffer[(1, title)].modifier.contains(Modifier::BOLD),
        "the list's title is not"
    );
    let status = row_text(buffer, 34);
    assert!(
        status.starts_with("F1 help  ↑↓ scroll  Enter read  Tab list"),
        "{status}"
    );
}

#[test]
fn secondary_text_uses_the_terminals_own_colour() {
    // Grey vanishes on light and Solarized backgrounds; dim never does.
    for theme in [Theme::DARK, Theme::LIGHT] {
        for style in [
            theme.date,
            theme.count,
            theme.status,
            theme.border,
            theme.title,
        ] {
            assert_eq!(style.fg, None, "{style:?}");
        }
    }
    assert_eq!(
        Theme::LIGHT.highlight.fg,
        Some(ratatui::style::Color::Magenta)
    );
}

/// The main screens at the three sizes the issue names: a wide terminal,
/// the classic 80x24, and a narrow 40x12 where rows must still read.
#[test]
fn main_screens_at_three_sizes() {
    for (width, height) in [(120, 35), (80, 24), (40, 12)] {
        let size = format!("{width}x{height}");
        let mut app = seed_app(width, height);
        assert_snapshot!(
            format!("start_{size}"),
            styled(draw(&app, &Theme::DARK, width, height).backend().buffer())
        );
        // A match past the cut of a long headline: the row shows it.
        type_text(&mut app, "'guatemala");
        act(&mut app, Action::SelectNext);
        let terminal = draw(&app, &Theme::DARK, width, height);
        assert_snapshot!(
            format!("filtered_{size}"),
            styled(terminal.backend().buffer())
        );
        let buffer = terminal.backend().buffer();
        let highlighted = (0..buffer.area.height).all(|y| {
            let row = row_text(buffer, y);
            !(row.starts_with("  ●") || row.starts_with("> ●"))
                || (0..buffer.area.width)
                    .any(|x| buffer[(x, y)].fg == Theme::DARK.highlight.fg.unwrap())
        });
        assert!(highlighted, "every row shows its match at {size}");
        act(&mut app, Action::OpenReading);
        assert_snapshot!(
            format!("reading_{size}"),
            draw(&app, &Theme::DARK, width, height).backend()
        );
        // Words first, then the divider, then the fuzzy matches.
        act(&mut app, Action::CloseReading);
        act(&mut app, Action::ClearQuery);
        type_text(&mut app, "iom");
        let terminal = draw(&app, &Theme::DARK, width, height);
        assert_snapshot!(format!("divided_{size}"), terminal.backend());
        find_row(terminal.backend().buffer(), "fuzzy");
    }
}

#[test]
fn matches_by_words_come_first_above_a_divider() {
    let mut app = seed_app(100, 30);
    type_text(&mut app, "iom");
    let terminal = draw(&app, &Theme::DARK, 100, 30);
    assert_snapshot!(styled(terminal.backend().buffer()));
    let buffer = terminal.backend().buffer();
    let bar = row_text(buffer, 0);
    let (words, fuzzy) = (app.by_words(), app.results().len() - app.by_words());
    assert!(words > 0 && fuzzy > 0, "{bar}");
    assert!(
        bar.trim_end()
            .ends_with(&format!("{words} + {fuzzy} fuzzy / 10")),
        "{bar}"
    );
    let divider = find_row(buffer, "fuzzy: letters apart");
    // Every row above the divider has IOM as a word; none below.
    for y in 2..divider {
        assert!(
            row_text(buffer, y).contains("IOM"),
            "{}",
            row_text(buffer, y)
        );
    }
    assert!(!row_text(buffer, divider + 1).contains("IOM"));
}

#[test]
fn the_places_view_and_the_timeline_at_two_sizes_hidden_when_small() {
    for (width, height) in [(120, 35), (80, 24)] {
        let mut app = seed_app(width, height);
        act(&mut app, Action::TogglePlaces);
        act(&mut app, Action::MovePlaceCursor(1));
        let terminal = draw(&app, &Theme::DARK, width, height);
        assert_snapshot!(
            format!("places_{width}x{height}"),
            styled(terminal.backend().buffer())
        );
        let buffer = terminal.backend().buffer();
        let guatemala = find_row(buffer, "GT  Guatemala");
        assert!(row_text(buffer, guatemala).contains(" 4  GT"), "the count");
        // The timeline sits above the status line, labelled (its middle
        // under the window).
        let labels = row_text(buffer, height - 2);
        assert!(
            labels.starts_with("2022-")
                && labels.trim_end().ends_with(|c: char| c.is_ascii_digit()),
            "{labels}"
        );
    }
    let small = seed_app(40, 12);
    assert_eq!(small.layout().timeline, ratatui::layout::Rect::default());
    let buffer = draw(&small, &Theme::DARK, 40, 12)
        .backend()
        .buffer()
        .clone();
    assert!(!row_text(&buffer, 10).contains("max "));
}

/// Headlines with a flag, a ZWJ family, zero-width characters, combining
/// accents and halfwidth sound marks, each long enough to be cut.
const TRICKY_GRAPHEMES: &str = "6 March 2023\n\nGuatemala 🇬🇹 flag raised at the border crossing as families wait\n\nBandera 🇬🇹 en el cruce.\n\n\
    5 March 2023\n\nFamily 👨\u{200D}👩\u{200D}👧 reunited after months apart in the north of Mexico\n\nA family 👨\u{200D}👩\u{200D}👧 story.\n\n\
    4 March 2023\n\nZero\u{200B}width\u{FEFF} spaces a\u{200D}b and word\u{2060}joiners inside the words\n\nIn\u{200B}visible\u{00AD} marks.\n\n\
    3 March 2023\n\nCafe\u{301} combining accents e\u{301}e\u{301}e\u{301} in a headline about migration\n\nCafe\u{301} body.\n\n\
    2 March 2023\n\nｶﾞｷﾞ halfwidth sound marks ｸﾞｹﾞｺﾞ in a headline ｶﾞｷﾞｸﾞｹﾞｺﾞｶﾞｷﾞｸﾞｹﾞｺﾞ\n\nｶﾞ body.\n\n\
    1 March 2023\n\nPlain ASCII headline that runs long enough to be cut at the pane's edge\n\nPlain body.\n";

/// Cells from `x` on in row `y` up to `end`, skipping the cells a wide
/// grapheme hides, as the terminal shows them.
fn shown(buffer: &Buffer, y: u16, x: u16, end: u16) -> String {
    let mut text = String::new();
    let mut x = x;
    while x < end {
        let symbol = buffer[(x, y)].symbol();
        text.push_str(symbol);
        x += (ratatui::buffer::CellWidth::cell_width(symbol)).max(1);
    }
    text
}

#[test]
fn flags_zwj_zero_width_and_combining_characters_keep_the_columns() {
    let mut app = app_on(archive_from(TRICKY_GRAPHEMES), 100, 20);
    let terminal = draw(&app, &Theme::DARK, 100, 20);
    assert_snapshot!(terminal.backend());
    let buffer = terminal.backend().buffer();
    let list = app.layout().list;
    let border = app.layout().detail.x;
    for (row, date) in (list.y..).zip(["06", "05", "04", "03", "02", "01"]) {
        let line = row_text(buffer, row);
        let date_at = line
            .find(&format!("2023-03-{date}"))
            .unwrap_or_else(|| panic!("{line}"));
        assert_eq!(line[..date_at].chars().count(), 5, "date column: {line}");
        // The headline fills the pane to its last cell, which shows the cut.
        let headline = shown(buffer, row, list.x + 16, border);
        assert!(headline.ends_with('…'), "row {row}: {headline:?}");
        let width: u16 = headline
            .graphemes(true)
            .map(ratatui::buffer::CellWidth::cell_width)
            .sum();
        assert_eq!(width, border - list.x - 16, "row {row}: {headline:?}");
        assert_eq!(buffer[(border, row)].symbol(), "│", "row {row}");
    }
    // Zero-width characters are gone; the joiner inside the family stays.
    let text: String = (0..20).map(|y| row_text(buffer, y)).collect();
    for invisible in ['\u{200B}', '\u{FEFF}', '\u{2060}', '\u{00AD}'] {
        assert!(!text.contains(invisible), "{invisible:?} shown");
    }
    assert!(text.contains("👨\u{200D}👩\u{200D}👧"), "{text}");
    // Every headline reads whole in the detail pane, wrapped in its width.
    for (index, expected) in [
        "Guatemala 🇬🇹 flag raised at the border crossing as families wait",
        "Family 👨\u{200D}👩\u{200D}👧 reunited after months apart in the north of Mexico",
        "Zerowidth spaces ab and wordjoiners inside the words",
        "Cafe\u{301} combining accents e\u{301}e\u{301}e\u{301} in a headline about migration",
        // Halfwidth katakana are made fullwidth when loaded.
        "ガギ halfwidth sound marks グゲゴ in a headline ガギグゲゴガギグゲゴ",
    ]
    .into_iter()
    .enumerate()
    {
        if index > 0 {
            act(&mut app, Action::SelectNext);
        }
        let terminal = draw(&app, &Theme::DARK, 100, 20);
        let buffer = terminal.backend().buffer();
        let text_area = app.layout().detail_text;
        let rows: Vec<String> = (text_area.y..text_area.bottom())
            .map(|y| shown(buffer, y, text_area.x, text_area.right()))
            .collect();
        let joined: String = rows
            .iter()
            .map(|row| row.trim_end())
            // The headline's lines, up to the date line.
            .take_while(|row| !row.ends_with("March 2023"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, expected, "{rows:#?}");
        for y in text_area.y..text_area.bottom() {
            assert_eq!(buffer[(border, y)].symbol(), "│", "detail row {y}");
        }
    }
}
