//! Runs the filter engine on a background thread so that typing never waits for matching.
//!
//! Requests carry a generation number; the worker skips to the newest waiting
//! request and abandons a search as soon as a newer one arrives. Each request
//! names the archive to search, so a reloaded archive (new items from the
//! store) needs no new worker: the index is rebuilt when the archive changes.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::archive::item::Archive;
use crate::archive::state::ItemStates;
use crate::places::PlacesCell;
use crate::search::engine::{Corpus, Match, Scope, Searcher, SortOrder};
use crate::search::query::QueryError;

/// What to search for, and in which archive.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub generation: u64,
    pub archive: Arc<Archive>,
    /// The items' states, for `is:` terms.
    pub states: Arc<ItemStates>,
    pub query: String,
    pub scope: Scope,
    pub order: SortOrder,
    /// The archive's places, for `in:` terms: built at the first that asks.
    pub places: Arc<PlacesCell>,
}

/// Requests are equal when they ask the same of the same archive.
impl PartialEq for SearchRequest {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && Arc::ptr_eq(&self.archive, &other.archive)
            && self.states.version() == other.states.version()
            && self.query == other.query
            && self.scope == other.scope
            && self.order == other.order
    }
}

impl Eq for SearchRequest {}

/// A finished search, answering the request of the same generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResponse {
    pub request: SearchRequest,
    pub outcome: Result<Vec<Match>, QueryError>,
    /// When nothing matched: how many the other scope finds (headlines or
    /// full text), so that an empty result says where to look.
    pub other_scope: Option<usize>,
    /// How many matched by words rather than by scattered letters.
    pub by_words: usize,
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
    pub fn spawn(deliver: impl Fn(SearchResponse) + Send + 'static) -> Self {
        let (requests, inbox) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let worker_latest = Arc::clone(&latest);
        let thread = std::thread::Builder::new()
            .name("migranews-search".into())
            .spawn(move || serve(&inbox, &worker_latest, &deliver))
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

fn serve(inbox: &Receiver<SearchRequest>, latest: &AtomicU64, deliver: &impl Fn(SearchResponse)) {
    // The archive searched last, with its index.
    let mut indexed: Option<(Arc<Archive>, Searcher)> = None;
    while let Ok(mut request) = inbox.recv() {
        // A burst of keystrokes costs one search: skip to the newest.
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        let archive = Arc::clone(&request.archive);
        if !indexed
            .as_ref()
            .is_some_and(|(known, _)| Arc::ptr_eq(known, &archive))
        {
            indexed = Some((Arc::clone(&archive), Searcher::new(&archive)));
        }
        let (_, searcher) = indexed.as_mut().expect("indexed just above");
        let generation = request.generation;
        let is_stale = || latest.load(Ordering::SeqCst) != generation;
        if let Some(response) = answer(searcher, request, &is_stale)
            && !is_stale()
        {
            deliver(response);
        }
    }
}

/// Answers `request` with `searcher` (built for its archive): the matches,
/// and when there are none, how many the other scope finds. `None` when a
/// newer request made it stale before the end.
pub fn answer(
    searcher: &mut Searcher,
    request: SearchRequest,
    is_stale: &(dyn Fn() -> bool + Sync),
) -> Option<SearchResponse> {
    let mut corpus = Corpus::new(&request.archive, &request.states);
    let search = |searcher: &mut Searcher, corpus| {
        searcher.search(
            corpus,
            &request.query,
            request.scope,
            request.order,
            is_stale,
        )
    };
    let mut outcome = search(searcher, corpus);
    // Places cost a pass over every body: only a query with an `in:` term,
    // which the engine refuses without them, pays for them.
    if matches!(outcome, Err(QueryError::PlacesNotReady)) {
        corpus = corpus.with_places(request.places.get(&request.archive));
        outcome = search(searcher, corpus);
    }
    let outcome = match outcome {
        Ok(Some(matches)) => Ok(matches),
        Ok(None) => return None,
        Err(error) => Err(error),
    };
    let other_scope = match &outcome {
        Ok(matches) if matches.is_empty() && !request.query.trim().is_empty() => {
            let other = match request.scope {
                Scope::Headlines => Scope::FullText,
                Scope::FullText => Scope::Headlines,
            };
            let found = searcher.search(corpus, &request.query, other, SortOrder::Date, is_stale);
            Some(found.ok()??.len())
        }
        _ => None,
    };
    let by_words = outcome.as_ref().map_or(0, |matches| {
        matches.iter().filter(|found| found.by_words()).count()
    });
    Some(SearchResponse {
        request,
        outcome,
        other_scope,
        by_words,
    })
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
        let worker = SearchWorker::spawn(move |response| {
            let _ = sender.send(response);
        });
        let archive = seed_archive();
        for (generation, query) in [(1, "g"), (2, "gu"), (3, "guat")] {
            worker.request(SearchRequest {
                generation,
                archive: Arc::clone(&archive),
                states: Arc::default(),
                query: query.into(),
                scope: Scope::Headlines,
                order: SortOrder::Score,
                places: Arc::default(),
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
    fn a_new_archive_is_indexed_and_searched() {
        let (sender, results) = mpsc::channel();
        let worker = SearchWorker::spawn(move |response| {
            let _ = sender.send(response);
        });
        let request = |generation, archive: &Arc<Archive>| SearchRequest {
            generation,
            archive: Arc::clone(archive),
            states: Arc::default(),
            query: "guat".into(),
            scope: Scope::Headlines,
            order: SortOrder::Score,
            places: Arc::default(),
        };
        let seed = seed_archive();
        worker.request(request(1, &seed));
        let first = results.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(!first.outcome.unwrap().is_empty());
        let other = Arc::new(crate::archive::test_support::archive_from(
            "1 May 2024\n\nNothing to see\n",
        ));
        worker.request(request(2, &other));
        let second = results.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(Arc::ptr_eq(&second.request.archive, &other));
        assert_eq!(second.outcome, Ok(Vec::new()));
    }

    #[test]
    fn query_errors_are_delivered() {
        let (sender, results) = mpsc::channel();
        let worker = SearchWorker::spawn(move |response| {
            let _ = sender.send(response);
        });
        worker.request(SearchRequest {
            generation: 1,
            archive: seed_archive(),
            states: Arc::default(),
            query: "<20".into(),
            scope: Scope::Headlines,
            order: SortOrder::Score,
            places: Arc::default(),
        });
        let response = results.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(response.outcome, Err(QueryError::BadDateTerm("<20".into())));
    }
}
