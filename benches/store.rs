//! The SQLite store on generated items: saving a large fetch, loading the first screen, headlines.
//!
//! Goals: 100,000 items saved by one `record_fetch` within 1 s; a Full load
//! of them well under 300 ms; a Headlines load of 1,000,000 within 1.5x of
//! loading the same items from an archive file; a Full archive's memory
//! within about 1.5x of the file's. Memory is printed once, before the timings.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicIsize, Ordering};

use chrono::{DateTime, Duration, NaiveTime, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use migranews::archive::item::Archive;
use migranews::archive::state::ItemState;
use migranews::archive::{sample, source};
use migranews::store::{Contents, FetchRecord, NewItem, Store};
use tempfile::TempDir;

/// Counts live heap bytes, to compare archives' memory.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const FEED: &str = "https://news.example.org/feed.xml";

/// A generated archive file's items as a feed would give them: each with a
/// guid and a link, published during its day, newest first.
struct Generated {
    archive: Archive,
    guids: Vec<String>,
    links: Vec<String>,
}

impl Generated {
    fn new(count: usize, with_links: bool) -> Self {
        let archive = sample::archive(count, 42);
        let guids = (0..count)
            .map(|i| format!("urn:uuid:5f0c1d2e-0000-4000-8000-{i:012}"))
            .collect();
        let links = match with_links {
            true => (0..count)
                .map(|i| format!("https://news.example.org/noticias/{i}"))
                .collect(),
            false => Vec::new(),
        };
        Self {
            archive,
            guids,
            links,
        }
    }

    fn items(&self) -> Vec<NewItem<'_>> {
        self.archive
            .iter()
            .enumerate()
            .map(|(i, item)| NewItem {
                guid: Some(&self.guids[i]),
                link: self.links.get(i).map(String::as_str),
                headline: item.headline,
                body: item.body,
                published: Some(published(item.date, i)),
            })
            .collect()
    }
}

/// Some time on `date`, earlier for later items, as feeds list them.
fn published(date: chrono::NaiveDate, index: usize) -> DateTime<Utc> {
    let noon = date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap());
    noon.and_utc() - Duration::minutes((index % 600) as i64)
}

fn fetched<'a>(items: &'a [NewItem<'a>]) -> FetchRecord<'a> {
    FetchRecord::Updated {
        title: Some("Generated"),
        items,
        etag: None,
        last_modified: None,
        permanent_url: None,
    }
}

/// A new store in a temporary folder, with the feed subscribed.
fn new_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("store.sqlite")).unwrap();
    store.subscribe(FEED, None).unwrap();
    (dir, store)
}

/// A store holding `items` (newest first) as fetches over time would leave
/// them: the oldest fetch saved first, each fetch listing its items newest
/// first. Rows in id order are then far from archive order, as in real stores.
fn filled_store(items: &[NewItem<'_>], per_fetch: usize) -> (TempDir, Store) {
    let (dir, mut store) = new_store();
    for fetch in items.chunks(per_fetch).rev() {
        store.record_fetch(FEED, fetched(fetch)).unwrap();
    }
    (dir, store)
}

/// Live heap bytes after `load`, less those before, with what it made still alive.
fn memory_of<T>(load: impl FnOnce() -> T) -> (isize, T) {
    let before = LIVE.load(Ordering::Relaxed);
    let loaded = load();
    (LIVE.load(Ordering::Relaxed) - before, loaded)
}

fn write_file(dir: &Path, count: usize) -> PathBuf {
    let path = dir.join(format!("archive-{count}.txt"));
    std::fs::write(&path, sample::archive_text(count, 42)).unwrap();
    path
}

fn report_memory(count: usize) {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), count);
    let (from_file, archive) = memory_of(|| source::load(std::slice::from_ref(&file)).unwrap());
    drop(archive);
    for with_links in [false, true] {
        let generated = Generated::new(count, with_links);
        let (_dir, store) = filled_store(&generated.items(), 1000);
        let (from_store, archive) = memory_of(|| store.load_archive(Contents::Full).unwrap());
        assert_eq!(archive.len(), count);
        eprintln!(
            "memory, {count} items, Full: file {:.1} MB, store {:.1} MB ({}), {:.2}x",
            from_file as f64 / 1e6,
            from_store as f64 / 1e6,
            if with_links {
                "with links"
            } else {
                "no links, as the file"
            },
            from_store as f64 / from_file as f64
        );
    }
}

/// Times `load`, dropping what it returns outside the timing, as the reader
/// keeps its archive.
fn bench_load<T>(b: &mut criterion::Bencher<'_>, load: impl Fn() -> T) {
    b.iter_batched(|| (), |()| load(), BatchSize::PerIteration)
}

fn insert(c: &mut Criterion) {
    let generated = Generated::new(100_000, true);
    let items = generated.items();
    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.bench_function("insert 100k items, one record_fetch", |b| {
        b.iter_batched(
            new_store,
            |(dir, mut store)| {
                let counts = store.record_fetch(FEED, fetched(&items)).unwrap();
                assert_eq!(counts.new, items.len());
                // Returned: criterion drops outputs outside the timing.
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("record_fetch of the same 100k items again", |b| {
        let (_dir, mut store) = filled_store(&items, items.len());
        b.iter(|| black_box(store.record_fetch(FEED, fetched(&items)).unwrap()))
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    report_memory(100_000);
    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    let generated = Generated::new(100_000, true);
    let (_dir, store) = filled_store(&generated.items(), 1000);
    group.bench_function("load 100k items, Full", |b| {
        bench_load(b, || store.load_archive(Contents::Full).unwrap())
    });
    drop((generated, store));

    // A million items: the store's headlines against the file's parse.
    let generated = Generated::new(1_000_000, true);
    let (dir, store) = filled_store(&generated.items(), 10_000);
    drop(generated);
    let file = write_file(dir.path(), 1_000_000);
    group.bench_function("load 1M items, Headlines", |b| {
        bench_load(b, || store.load_archive(Contents::Headlines).unwrap())
    });
    group.bench_function("load 1M items, Full", |b| {
        bench_load(b, || store.load_archive(Contents::Full).unwrap())
    });
    group.bench_function("load 1M items from an archive file (source::load)", |b| {
        bench_load(b, || source::load(std::slice::from_ref(&file)).unwrap())
    });
    group.finish();
}

/// A read or starred change as the reader writes it: one item, one
/// transaction, into a store of 100,000 items. Goal: under 5 ms.
fn save_state(c: &mut Criterion) {
    let generated = Generated::new(100_000, true);
    let items = generated.items();
    let (_dir, mut store) = filled_store(&items, items.len());
    let archive = store.load_archive(Contents::Headlines).unwrap();
    let mut group = c.benchmark_group("state");
    let mut index = 0;
    group.bench_function("one change, one transaction", |b| {
        b.iter(|| {
            index = (index + 7919) % archive.len();
            let state = ItemState {
                read: true,
                starred: index % 2 == 0,
            };
            store.save_states(&[(archive.key(index), state)]).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, insert, load, save_state);
criterion_main!(benches);
