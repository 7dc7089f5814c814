//! Tagging 1M generated items with their places, on one core and on all; then what
//! the reader pays per query: the places counted (facets) and the timeline
//! over 1M results, and an `in:` filter.
//!
//! `cargo bench --bench places -- tag` for tagging only, `-- per-query` for
//! facets and timeline.
//!
//! Goals: tagging 1M items within a few seconds on one core; counting and
//! bucketing 1M results within 20 ms together.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use migranews::archive::sample;
use migranews::places::{DayIndex, Places, Selection, Timeline, count_days, count_places};
use migranews::search::engine::{Corpus, Scope, Searcher, SortOrder};
use std::hint::black_box;

const ITEMS: usize = 1_000_000;

fn tagging(c: &mut Criterion) {
    let archive = sample::archive(ITEMS, 42);
    let text_bytes: usize = archive
        .iter()
        .map(|item| item.headline.len() + item.body.len())
        .sum();
    let places = Places::build(&archive);
    let tags: usize = (0..archive.len()).map(|index| places.of(index).len()).sum();
    eprintln!(
        "1M items: {} MB of headlines and bodies, {:.2} places an item, index {} MB",
        text_bytes / 1_000_000,
        tags as f64 / ITEMS as f64,
        places.heap_bytes() / 1_000_000
    );
    let mut group = c.benchmark_group("tag/1M");
    group.sample_size(10);
    group.bench_function("one core", |b| {
        b.iter_batched(
            || (),
            |()| Places::build_on(&archive, 1),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("all cores", |b| {
        b.iter_batched(|| (), |()| Places::build(&archive), BatchSize::PerIteration)
    });
    group.finish();
}

fn per_query(c: &mut Criterion) {
    let archive = sample::archive(ITEMS, 42);
    let places = Places::build(&archive);
    // Results as the reader holds them: best first, so in no date order.
    let mut results: Vec<usize> = (0..archive.len()).collect();
    let mut state = 7u64;
    for index in (1..results.len()).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        results.swap(index, (state >> 33) as usize % (index + 1));
    }
    let mut group = c.benchmark_group("per-query/1M results");
    group.sample_size(20);
    let days = DayIndex::new(&archive);
    group.bench_function("selection of the results", |b| {
        b.iter(|| Selection::new(archive.len(), black_box(&results).iter().copied()))
    });
    let selection = Selection::new(archive.len(), results.iter().copied());
    group.bench_function("facets: count_places", |b| {
        b.iter(|| count_places(&places, black_box(&selection)))
    });
    group.bench_function("timeline: count_days + Timeline on 120 columns", |b| {
        b.iter(|| Timeline::new(&count_days(&days, black_box(&selection)), 120))
    });
    // What the reader pays per query: all three, from the results as they come.
    group.bench_function("facets + timeline", |b| {
        b.iter(|| {
            let selection = Selection::new(archive.len(), black_box(&results).iter().copied());
            let facets = count_places(&places, &selection);
            (facets, Timeline::new(&count_days(&days, &selection), 120))
        })
    });
    // Half the archive, every other item: runs of one, the most work per
    // result.
    let every_other: Vec<usize> = results
        .iter()
        .copied()
        .filter(|index| index % 2 == 0)
        .collect();
    group.bench_function("facets + timeline, every other item", |b| {
        b.iter(|| {
            let selection = Selection::new(archive.len(), black_box(&every_other).iter().copied());
            let facets = count_places(&places, &selection);
            (facets, Timeline::new(&count_days(&days, &selection), 120))
        })
    });
    group.finish();

    let mut group = c.benchmark_group("in-filter/1M");
    group.sample_size(10);
    let corpus = Corpus::unread(&archive).with_places(&places);
    for query in ["in:gt", "in:ht border"] {
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

criterion_group!(benches, tagging, per_query);
criterion_main!(benches);
