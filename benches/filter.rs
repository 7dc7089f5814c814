//! Typing `border worker` one character at a time over 100k and 1M generated headlines,
//! and state and source terms before text at 1M.
//!
//! Each benchmark is one keystroke: the searcher already holds the results of
//! the query one character shorter, as it does in the reader. Goals: 100k,
//! every keystroke within 16 ms; 1M, the first within 100 ms and the rest
//! within 50 ms at the median.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use migranews::archive::sample;
use migranews::archive::state::{ItemState, ItemStates};
use migranews::search::engine::{Corpus, Scope, Searcher, SortOrder};
use migranews::search::query::Query;
use std::hint::black_box;

const TYPED: &str = "border worker";

/// Filters typed before text: `is:` reads a byte per item, `src:` the
/// item's source next to its date. (`is:` and `is:u` are errors, which
/// the reader does not search.)
const TYPED_WITH_FILTERS: [&str; 2] = ["is:unread border", "src:gen border"];

fn searcher_after(corpus: Corpus<'_>, query: &str, scope: Scope) -> Searcher {
    let mut searcher = Searcher::new(corpus.archive);
    searcher
        .search(corpus, query, scope, SortOrder::Score, &|| false)
        .unwrap();
    searcher
}

/// One keystroke, `before` -> `now`, on a searcher that ran `before`.
fn bench_keystroke(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: String,
    corpus: Corpus<'_>,
    (before, now): (&str, &str),
) {
    group.bench_function(name, |b| {
        b.iter_batched(
            || searcher_after(corpus, before, Scope::Headlines),
            |mut searcher| {
                let found = searcher
                    .search(corpus, now, Scope::Headlines, SortOrder::Score, &|| false)
                    .unwrap();
                // Returned, not dropped: in the reader the searcher
                // lives on, and criterion drops outputs untimed.
                (searcher, black_box(found))
            },
            BatchSize::PerIteration,
        )
    });
}

fn typing(c: &mut Criterion) {
    for (label, items) in [("100k", 100_000), ("1M", 1_000_000)] {
        let archive = sample::archive(items, 42);
        let index_bytes = Searcher::new(&archive).index_bytes();
        eprintln!(
            "{label}: folded headline index {} MB, {:.1} bytes an item",
            index_bytes / 1_000_000,
            index_bytes as f64 / items as f64
        );
        let mut group = c.benchmark_group(format!("keystroke/{label}"));
        group.sample_size(10);
        for end in 1..=TYPED.len() {
            let (before, now) = (&TYPED[..end - 1], &TYPED[..end]);
            let name = format!("{end:02} {now:?}");
            bench_keystroke(&mut group, name, Corpus::unread(&archive), (before, now));
        }
        group.finish();
    }
    // Full-text scope folds bodies on the fly: one query, no reuse.
    let archive = sample::archive(100_000, 42);
    c.bench_function("full-text/100k \"border worker\"", |b| {
        b.iter(|| {
            Searcher::new(&archive)
                .search(
                    Corpus::unread(&archive),
                    TYPED,
                    Scope::FullText,
                    SortOrder::Score,
                    &|| false,
                )
                .unwrap()
                .map(|m| m.len())
        })
    });
}

fn typing_filters(c: &mut Criterion) {
    let archive = sample::archive(1_000_000, 42);
    // A third read, as after some reading.
    let mut states = ItemStates::unread(archive.len());
    for index in (0..archive.len()).step_by(3) {
        let read = ItemState {
            read: true,
            starred: false,
        };
        states.set(index, read);
    }
    let corpus = Corpus::new(&archive, &states);
    let mut group = c.benchmark_group("keystroke-filters/1M");
    group.sample_size(10);
    for typed in TYPED_WITH_FILTERS {
        let mut before = "";
        for end in 1..=typed.len() {
            let now = &typed[..end];
            if Query::parse(now).is_err() {
                continue;
            }
            bench_keystroke(&mut group, format!("{now:?}"), corpus, (before, now));
            before = now;
        }
    }
    group.finish();
    // One filter alone, nothing to reuse: the cost of each kind per item.
    // `>1988-07` keeps about two thirds of the items, as `is:unread` does.
    let mut group = c.benchmark_group("one-filter/1M");
    group.sample_size(10);
    for query in [">1988-07", "is:unread", "src:gen"] {
        group.bench_function(format!("{query:?}"), |b| {
            b.iter_batched(
                || Searcher::new(&archive),
                |mut searcher| {
                    let found = searcher
                        .search(corpus, query, Scope::Headlines, SortOrder::Score, &|| false)
                        .unwrap();
                    (searcher, black_box(found))
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, typing, typing_filters);
criterion_main!(benches);
