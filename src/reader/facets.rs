//! The places and the days of the results, counted on a thread of their
//! own: the places view and the timeline strip of a million results cost
//! the frame nothing, and the search never waits for them.
//!
//! The archive's places are built here when the places view first wants
//! them (seconds at a million items, so not at every start) and shared,
//! through a [`PlacesCell`], with the search worker, whose `in:` terms
//! need them too; once built, every count includes them.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use chrono::NaiveDate;

use crate::archive::item::Archive;
use crate::places::{CountryId, DayIndex, PlacesCell, Selection, count_days, count_places};

/// The results' places, best first, and their counts per day, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub places: Vec<(CountryId, usize)>,
    /// Whether `places` were counted: not before someone wants them, as
    /// tagging a big archive costs seconds of a core.
    pub places_counted: bool,
    pub days: Vec<(NaiveDate, u32)>,
}

/// What to count: the results of one search.
#[derive(Debug, Clone)]
pub struct FacetsRequest {
    pub generation: u64,
    pub archive: Arc<Archive>,
    pub places: Arc<PlacesCell>,
    /// The results' archive indices.
    pub indices: Vec<u32>,
    /// Count places even if the archive's are not built yet (the places
    /// view is open); otherwise only if they are.
    pub want_places: bool,
}

/// Requests are equal when they count the same results of the same archive.
impl PartialEq for FacetsRequest {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation
            && Arc::ptr_eq(&self.archive, &other.archive)
            && self.indices == other.indices
    }
}

impl Eq for FacetsRequest {}

/// The counting thread's handle.
pub struct FacetsWorker {
    requests: Option<Sender<FacetsRequest>>,
    latest: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl FacetsWorker {
    /// `deliver(generation, facets)` is called on the worker's thread.
    pub fn spawn(deliver: impl Fn(u64, Facets) + Send + 'static) -> Self {
        let (requests, inbox) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let worker_latest = Arc::clone(&latest);
        let thread = std::thread::Builder::new()
            .name("migranews-facets".into())
            .spawn(move || serve(&inbox, &worker_latest, &deliver))
            .ok();
        Self {
            requests: thread.as_ref().map(|_| requests),
            latest,
            thread,
        }
    }

    pub fn request(&self, request: FacetsRequest) {
        self.latest.store(request.generation, Ordering::SeqCst);
        if let Some(requests) = &self.requests {
            let _ = requests.send(request);
        }
    }
}

impl Drop for FacetsWorker {
    fn drop(&mut self) {
        self.requests.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(inbox: &Receiver<FacetsRequest>, latest: &AtomicU64, deliver: &impl Fn(u64, Facets)) {
    let mut days: Option<(Arc<Archive>, DayIndex)> = None;
    while let Ok(mut request) = inbox.recv() {
        // Only the newest results are worth counting.
        while let Ok(newer) = inbox.try_recv() {
            request = newer;
        }
        if !days
            .as_ref()
            .is_some_and(|(archive, _)| Arc::ptr_eq(archive, &request.archive))
        {
            days = Some((
                Arc::clone(&request.archive),
                DayIndex::new(&request.archive),
            ));
        }
        let Some((_, day_index)) = &days else {
            continue;
        };
        let facets = count(&request, day_index);
        if latest.load(Ordering::SeqCst) == request.generation {
            deliver(request.generation, facets);
        }
    }
}

/// The facets of one request.
pub fn count(request: &FacetsRequest, days: &DayIndex) -> Facets {
    let archive = &request.archive;
    let selection = Selection::new(
        archive.len(),
        request.indices.iter().map(|&index| index as usize),
    );
    let places = match request.want_places {
        true => Some(request.places.get(archive)),
        false => request.places.ready(),
    };
    Facets {
        places: places.map_or_else(Vec::new, |places| count_places(places, &selection)),
        places_counted: places.is_some(),
        days: count_days(days, &selection),
    }
}
