//! Several connections at once, and a process killed while it writes.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};

use super::{FEED, TempStore, by_guid, june};
use crate::store::{Contents, FetchRecord, NewItem, Store};

/// Fetches `batch` of `size` items (guids `batch-i`) from `url` into `store`.
fn write_batch(store: &mut Store, url: &str, batch: usize, size: usize) -> anyhow::Result<()> {
    let guids: Vec<String> = (0..size).map(|i| format!("{batch}-{i}")).collect();
    let headline = format!("Batch {batch}: migrantes y refugiados en la frontera");
    let body = "Un párrafo de noticias sobre migración en la región.\n\nOtro párrafo.";
    let items: Vec<NewItem<'_>> = guids
        .iter()
        .map(|guid| NewItem {
            body,
            ..by_guid(guid, &headline, june(1 + (batch % 28) as u32, 12))
        })
        .collect();
    let record = FetchRecord::Updated {
        title: Some("Batches"),
        items: &items,
        etag: None,
        last_modified: None,
        permanent_url: None,
    };
    store.record_fetch(url, record)?;
    Ok(())
}

#[test]
fn two_writers_creating_and_filling_one_store_at_once_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let start = Arc::new(Barrier::new(2));
    let writers: Vec<_> = ["https://a.example.org/feed", "https://b.example.org/feed"]
        .into_iter()
        .map(|url| {
            let (path, start) = (path.clone(), Arc::clone(&start));
            std::thread::spawn(move || -> anyhow::Result<()> {
                start.wait();
                // Both create and migrate the same new file at once, then write.
                let mut store = Store::open(&path)?;
                store.subscribe(url, None)?;
                for batch in 0..20 {
                    write_batch(&mut store, url, batch, 50)?;
                }
                Ok(())
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap().unwrap();
    }
    let store = Store::open_existing(&path).unwrap().unwrap();
    assert_eq!(store.item_count().unwrap(), 2 * 20 * 50);
}

#[test]
fn a_reader_keeps_its_snapshot_while_a_writer_commits() {
    let mut writer = TempStore::new();
    writer.fetch(FEED, &[by_guid("a", "A", june(1, 1))]);
    let reader = Store::open_existing(&writer.path).unwrap().unwrap();
    let count = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM items", [], |row| row.get(0))
            .unwrap()
    };
    let snapshot = reader.conn.unchecked_transaction().unwrap();
    assert_eq!(count(&snapshot), 1);
    // The writer does not wait for the reader, nor the reader see its commit.
    writer.fetch(FEED, &[by_guid("b", "B", june(1, 2))]);
    assert_eq!(count(&snapshot), 1);
    drop(snapshot);
    assert_eq!(reader.item_count().unwrap(), 2);
    assert_eq!(reader.load_archive(Contents::Headlines).unwrap().len(), 2);
}

#[test]
fn loads_during_writes_see_whole_fetches() {
    let mut writer = TempStore::new();
    let reader = Store::open_existing(&writer.path).unwrap().unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let loaded = Arc::new(AtomicUsize::new(0));
    let loads = {
        let (done, loaded) = (Arc::clone(&done), Arc::clone(&loaded));
        std::thread::spawn(move || {
            let mut sizes = Vec::new();
            // Until the writes are over, and once more after them.
            loop {
                let finished = done.load(Ordering::Acquire);
                sizes.push(reader.load_archive(Contents::Headlines).unwrap().len());
                loaded.fetch_add(1, Ordering::Release);
                if finished {
                    break sizes;
                }
            }
        })
    };
    // Writing goes on until several loads have completed meanwhile, so
    // that they cannot all have run before or after the writes.
    let mut batches = 0;
    while batches < 30 || loaded.load(Ordering::Acquire) < 3 {
        write_batch(&mut writer, FEED, batches, 40).unwrap();
        batches += 1;
    }
    done.store(true, Ordering::Release);
    let sizes = loads.join().unwrap();
    assert!(sizes.len() >= 4, "{sizes:?}");
    assert_eq!(
        sizes.last(),
        Some(&(batches * 40)),
        "the last load sees every fetch"
    );
    for size in sizes {
        assert_eq!(size % 40, 0, "a load saw part of a fetch");
    }
}

/// Where the crash test's child writes, given in the environment.
const CRASH_STORE: &str = "MIGRANEWS_CRASH_TEST_STORE";
const CRASH_FEED: &str = "https://crash.example.org/feed";
const CRASH_BATCH: usize = 100;
const CRASH_CHILD: &str = "store::tests::concurrency::crash_test_child_writes_until_killed";

/// The crash test's child process: fetches batches in a loop and reports each
/// commit on standard output, until killed. Does nothing when run on its own.
#[test]
#[ignore = "run by crash_loses_nothing_committed as a child process"]
fn crash_test_child_writes_until_killed() {
    let Some(path) = std::env::var_os(CRASH_STORE) else {
        return;
    };
    let mut store = Store::open(Path::new(&path)).unwrap();
    store.subscribe(CRASH_FEED, None).unwrap();
    let first = store.item_count().unwrap() as usize / CRASH_BATCH;
    let mut out = std::io::stdout().lock();
    for batch in first.. {
        write_batch(&mut store, CRASH_FEED, batch, CRASH_BATCH).unwrap();
        writeln!(out, "committed {batch}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn crash_loses_nothing_committed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.sqlite");
    let mut committed = Vec::new();
    // Kill it after a varying number of commits, in the middle of the next.
    for wait_for in [3, 6, 2, 9] {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", CRASH_CHILD, "--nocapture"])
            .args(["--test-threads", "1"])
            .env(CRASH_STORE, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut reported = 0;
        while reported < wait_for {
            let line = lines.next().expect("the child stopped writing").unwrap();
            if let Some(batch) = line.strip_prefix("committed ") {
                committed.push(batch.parse::<usize>().unwrap());
                reported += 1;
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // Commits reported between the last read and the kill.
        for line in lines {
            if let Some(batch) = line.unwrap().strip_prefix("committed ") {
                committed.push(batch.parse().unwrap());
            }
        }
        let mut store = Store::open(&path).unwrap();
        let check: String = store
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        for &batch in &committed {
            let found: i64 = store
                .conn
                .query_row(
                    "SELECT count(*) FROM items WHERE key LIKE ?1",
                    [format!("g:{batch}-%")],
                    |row| row.get(0),
                )
                .unwrap();
            assert_eq!(found as usize, CRASH_BATCH, "batch {batch} was committed");
        }
        // Still writable, and whole fetches only.
        write_batch(&mut store, CRASH_FEED, 1_000_000, CRASH_BATCH).unwrap();
        let count = store.item_count().unwrap() as usize;
        assert_eq!(count % CRASH_BATCH, 0);
        // The next child numbers its batches on from the count.
    }
    assert!(committed.len() >= 20);
}
