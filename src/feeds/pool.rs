//! Fetching and parsing many feeds on a few worker threads, results handed back on the calling thread.
//!
//! Plain scoped threads and a channel: workers take the next request from a
//! shared counter, so a slow feed holds up one worker, never the queue, and
//! the caller stores each result as it arrives with its one DB connection.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::fetch::{FetchError, FetchRequest, Fetched, Fetcher};
use super::parse::{ParseError, ParsedFeed, parse_feed};

/// The name of the worker threads. A panic on one (in a third-party parser,
/// on a hostile feed) is caught and reported as that feed's failure, so
/// panic hooks should stay silent for these threads.
pub const WORKER_THREAD: &str = "migranews-fetch";

/// Whether the current thread is one of [`fetch_all`]'s workers.
pub fn on_worker_thread() -> bool {
    std::thread::current().name() == Some(WORKER_THREAD)
}

/// A feed that was fetched without failing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedUpdate {
    /// 304: nothing new since the last fetch.
    NotModified,
    Updated {
        feed: ParsedFeed,
        etag: Option<String>,
        last_modified: Option<String>,
        /// The address to remember instead, after permanent redirects.
        permanent_url: Option<String>,
    },
}

/// Why one feed could not be updated; one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedFailure {
    Fetch(FetchError),
    Parse(ParseError),
}

impl fmt::Display for FeedFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedFailure::Fetch(error) => error.fmt(f),
            FeedFailure::Parse(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for FeedFailure {}

/// Fetches and parses every request on `jobs` worker threads (at least
/// one). `on_result(index, result)` is called on the calling thread as each
/// feed finishes, in any order; a feed that fails never stops the others.
pub fn fetch_all(
    fetcher: &Fetcher,
    requests: &[FetchRequest],
    jobs: usize,
    on_result: impl FnMut(usize, Result<FeedUpdate, FeedFailure>),
) {
    run_all(
        requests,
        jobs,
        |request| update(fetcher, request),
        on_result,
    );
}

/// [`fetch_all`] with `work` doing each feed: the threads, the queue and
/// the containment of panics, apart from what is done.
fn run_all(
    requests: &[FetchRequest],
    jobs: usize,
    work: impl Fn(&FetchRequest) -> Result<FeedUpdate, FeedFailure> + Sync,
    mut on_result: impl FnMut(usize, Result<FeedUpdate, FeedFailure>),
) {
    let workers = jobs.clamp(1, requests.len().max(1));
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, work) = (&next, &work);
            let worker = move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(request) = requests.get(index) else {
                        break;
                    };
                    // The receiver only goes away if `on_result` panicked.
                    if sender.send((index, contained(|| work(request)))).is_err() {
                        break;
                    }
                }
            };
            let spawned = std::thread::Builder::new()
                .name(WORKER_THREAD.into())
                .spawn_scoped(scope, worker);
            // Without a worker the feeds wait for the others; with none at
            // all, nothing is fetched, which the caller sees as no results.
            let _ = spawned;
        }
        // Without this the loop below would wait for a sender that never sends.
        drop(sender);
        for (index, result) in receiver {
            on_result(index, result);
        }
    });
}

/// Runs one feed's work, a panic in it (ureq, rustls, a parser, on some
/// hostile server or feed) becoming that feed's failure: one feed never
/// takes the others, or the program, down with it.
fn contained(
    work: impl FnOnce() -> Result<FeedUpdate, FeedFailure>,
) -> Result<FeedUpdate, FeedFailure> {
    // Should a panic leave the shared fetcher unusable (a poisoned lock in
    // its connection pool), the feeds after it fail the same contained way.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
        Err(FeedFailure::Fetch(FetchError::new(
            "the feed's fetcher failed on it",
        )))
    })
}

/// One feed, fetched and parsed.
pub fn update(fetcher: &Fetcher, request: &FetchRequest) -> Result<FeedUpdate, FeedFailure> {
    match fetcher.fetch(request).map_err(FeedFailure::Fetch)? {
        Fetched::NotModified => Ok(FeedUpdate::NotModified),
        Fetched::Body {
            bytes,
            content_type,
            etag,
            last_modified,
            permanent_url,
        } => {
            let feed = parse_feed(&bytes, content_type.as_deref()).map_err(FeedFailure::Parse)?;
            Ok(FeedUpdate::Updated {
                feed,
                etag,
                last_modified,
                permanent_url,
            })
        }
    }
}

#[cfg(test)]
mod tests;
