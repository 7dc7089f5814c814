//! Parsing speed on a generated 1,000,000-item archive (goal: 300 MB/s on one core).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use migranews::archive::{parse, sample, source};
use std::hint::black_box;

fn parse_one_million(c: &mut Criterion) {
    let text = sample::archive_text(1_000_000, 1);
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("1M items", |b| {
        b.iter(|| black_box(parse::parse(black_box(&text))))
    });
    // The whole load as the binary does it: decode, parse, build and sort the archive.
    group.bench_function("1M items, load into archive", |b| {
        b.iter(|| {
            let mut archive = migranews::archive::item::Archive::new();
            source::add_bytes(&mut archive, "bench", text.clone().into_bytes()).unwrap();
            archive.sort();
            black_box(archive.len())
        })
    });
    group.finish();
}

criterion_group!(benches, parse_one_million);
criterion_main!(benches);
