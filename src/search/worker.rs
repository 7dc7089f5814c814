//! Runs the filter engine on a background thread so that typing never waits for matching.
//!
//! Requests carry a generation number; the worker skips to the newest waiting
//! request and abandons a search as soon as a newer one arrives.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::archive::item::Archive;
use crate::search::engine::{Match, Scope, Searcher, SortOrder};
use crate::search::query::QueryError;

/// What to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    pub scope: Scope,
    pub order: SortOrder,
}

/// A finished search, answering the request of the same generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResponse {
    pub request: SearchRequest,
    pub outcome: Result<Vec<Match>, QueryError>,
}

/// Handle to the background search thread; dropping it stops the thread.
pub struct SearchWorker {
    requests: Option<Sender<SearchRequest>>,
    latest: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl SearchWorker {
    /// Starts the worker; `deliver` is called on the worker thread with each
    /// result that is still current.
    pub fn spawn(archive: Arc<Archive>, deliver: impl Fn(SearchResponse) + Send + 'static) -> Self {
        let (requests, inbox) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let worker_latest = Arc::clone(&latest);
        let thread = std::thread::Builder::new()
            .name("migranews-search".into())
            .spawn(move || serve(&archive, &inbox, &worker_latest, &deliver))
            .expect("spawn the search thread");
        Self {
            requests: Some(requests),
            latest,
            thread: Some(thread),
        }
    }

    /// Asks for a search; any older search still running is abandoned.
    pub fn request(&self, request: SearchRequest) {
        self.latest.store(request.generation, Ordering::SeqCst);
        if let Some(requests) = &self.requests {
            // The worker only stops when this handle is dropped.
            let _ = requests.send(request);
        }
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        // Closing the channel ends the loop; a running search sees it is stale.
        self.latest.store(u64::MAX, Ordering::SeqCst);
        self.requests.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(
    archive: &Archive,
    inbox: &Receiver<SearchRequest>,
    latest: &AtomicU64,
    deliver: &impl Fn(SearchResponse),
) {
    let mut searcher = Searcher::new(archive);
    while let Ok(mut request) = inbox.recv() {
        // A burst of keystrokes costs one search: skip to the newest.
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        let is_stale = || latest.load(Ordering::SeqCst) != request.generation;
        let outcome = searcher.search(
            archive,
            &request.query,
            request.scope,
            request.order,
            &is_stale,
        );
        let outcome = match outcome {
            Ok(Some(matches)) => Ok(matches),
            Ok(None) => continue,
            Err(error) => Err(error),
        };
        if !is_stale() {
            deliver(SearchResponse { request, outcome });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn seed_archive() -> Arc<Archive> {
        Arc::new(crate::archive::source::load_embedded())
    }

    #[test]
    fn results_come_back_for_the_newest_request() {
        let (sender, results) = mpsc::channel();
        let worker = SearchWorker::spawn(seed_archive(), move |response| {
            let _ = sender.send(response);
        });
        for (generation, query) in [(1, "g"), (2, "gu"), (3, "guat")] {
            worker.request(SearchRequest {
                generation,
                query: query.into(),
                scope: Scope::Headlines,
                order: SortOrder::Score,
            });
        }
        // Older generations may or may not be answered; the newest always is.
        let newest = loop {
            let response = results
                .recv_timeout(Duration::from_secs(10))
                .expect("a response");
            if response.request.generation == 3 {
                break response;
            }
        };
        assert_eq!(newest.request.query, "guat");
        assert!(!newest.outcome.unwrap().is_empty());
    }

    #[test]
    fn query_errors_are_delivered() {
        let (sender, results) = mpsc::channel();
        let worker = SearchWorker::spawn(seed_archive(), move |response| {
            let _ = sender.send(response);
        });
        worker.request(SearchRequest {
            generation: 1,
            query: "<20".into(),
            scope: Scope::Headlines,
            order: SortOrder::Score,
        });
        let response = results.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(response.outcome, Err(QueryError::BadDateTerm("<20".into())));
    }
}
