//! Frames on ratatui's TestBackend at 10k and 1M items: the cost of a frame
//! must not grow with the archive, since only visible rows are built.

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use migranews::archive::sample;
use migranews::reader::action::Action;
use migranews::reader::app::App;
use migranews::reader::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn frames(c: &mut Criterion) {
    for (label, items) in [("10k", 10_000), ("1M", 1_000_000)] {
        let mut app = App::new(Arc::new(sample::archive(items, 7)));
        app.update(Action::Resize {
            width: 100,
            height: 30,
        });
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let theme = Theme::DARK;
        let mut group = c.benchmark_group(format!("frame/{label}"));
        group.bench_function("draw", |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| ui::render(&app, &theme, frame))
                    .unwrap()
                    .area
            })
        });
        // A keystroke and the frame after it, alternating so that each
        // iteration really changes the screen.
        let keystrokes = [
            (
                "move selection + draw",
                [Action::SelectPageDown, Action::SelectFirst],
            ),
            (
                "scroll detail + draw",
                [Action::ScrollDetailDown, Action::ScrollDetailUp],
            ),
        ];
        for (name, actions) in keystrokes {
            group.bench_function(name, |b| {
                let mut turn = 0;
                b.iter(|| {
                    app.update(actions[turn % 2].clone());
                    turn += 1;
                    terminal
                        .draw(|frame| ui::render(&app, &theme, frame))
                        .unwrap()
                        .area
                })
            });
        }
        group.finish();
    }
}

/// An archive of one item with `headline` and `body`, as JSON reads it.
fn one_item(headline: &str, body: &str) -> migranews::archive::item::Archive {
    let json = serde_json::json!([{"date": "2026-11-01", "headline": headline, "body": body}]);
    let mut archive = migranews::archive::item::Archive::new();
    migranews::archive::source::add_bytes(&mut archive, "huge.json", json.to_string().into_bytes())
        .unwrap();
    archive
}

/// Frames over huge items: a 10 MB body on one line, read and scrolled; a
/// 1 MB and a 50 MB headline in the list and the detail pane; a 2 MB body in
/// full-text scope with a one-letter query. Goal: every frame under 16 ms.
fn huge_items(c: &mut Criterion) {
    let words = "migración frontera border worker caravana ";
    let ten_mb = words.repeat(10_000_000 / words.len());
    let one_mb = words.repeat(1_000_000 / words.len());
    let two_mb = words.repeat(2_000_000 / words.len());
    let fifty_mb = words.repeat(50_000_000 / words.len());
    let theme = Theme::DARK;
    let mut group = c.benchmark_group("huge items");
    let cases = [
        (
            "10 MB body, reading, scroll + draw",
            one_item("Huge", &ten_mb),
            "",
            true,
        ),
        (
            "1 MB headline, list + detail, draw",
            one_item(&one_mb, "Body."),
            "",
            false,
        ),
        (
            "50 MB headline, list + detail, draw",
            one_item(&fifty_mb, "Body."),
            "",
            false,
        ),
        (
            "2 MB body, full text 'e', scroll + draw",
            one_item("Huge", &two_mb),
            "e",
            false,
        ),
    ];
    for (name, archive, query, reading) in cases {
        let mut app = App::new(Arc::new(archive));
        app.update(Action::Resize {
            width: 120,
            height: 40,
        });
        for c in query.chars() {
            app.update(Action::InsertChar(c));
        }
        if !query.is_empty() {
            app.update(Action::ToggleScope);
        }
        if reading {
            app.update(Action::OpenReading);
        }
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        group.bench_function(name, |b| {
            let mut turn = 0;
            b.iter(|| {
                let action = match turn % 2 {
                    0 => Action::ScrollDetailPageDown,
                    _ => Action::ScrollDetailDown,
                };
                app.update(action);
                turn += 1;
                terminal
                    .draw(|frame| ui::render(&app, &theme, frame))
                    .unwrap()
                    .area
            })
        });
    }
    group.finish();
}

criterion_group!(benches, frames, huge_items);
criterion_main!(benches);
