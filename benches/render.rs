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
        let theme = Theme::COLOR;
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

criterion_group!(benches, frames);
criterion_main!(benches);
