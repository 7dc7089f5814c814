//! Typing `border worker` one character at a time over 100k and 1M generated headlines.
//!
//! Each benchmark is one keystroke: the searcher already holds the results of
//! the query one character shorter, as it does in the reader. Goals: 100k,
//! every keystroke within 16 ms; 1M, the first within 100 ms and the rest
//! within 50 ms at the median.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use migranews::archive::item::Archive;
use migranews::archive::sample;
use migranews::search::engine::{Corpus, Scope, Searcher, SortOrder};
use std::hint::black_box;

const TYPED: &str = "border worker";

fn searcher_after(archive: &Archive, query: &str, scope: Scope) -> Searcher {
    let mut searcher = Searcher::new(archive);
    searcher
        .search(
            Corpus::unread(archive),
            query,
            scope,
            SortOrder::Score,
            &|| false,
        )
        .unwrap();
    searcher
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
            group.bench_function(format!("{end:02} {now:?}"), |b| {
                b.iter_batched(
                    || searcher_after(&archive, before, Scope::Headlines),
                    |mut searcher| {
                        let found = searcher
                            .search(
                                Corpus::unread(&archive),
                                now,
                                Scope::Headlines,
                                SortOrder::Score,
                                &|| false,
                            )
                            .unwrap();
                        // Returned, not dropped: in the reader the searcher
                        // lives on, and criterion drops outputs untimed.
                        (searcher, black_box(found))
                    },
                    BatchSize::PerIteration,
                )
            });
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

criterion_group!(benches, typing);
criterion_main!(benches);
