//! Ctrl-R in the background: fetch the feeds into the store, then reload the store.
//!
//! Runs on its own thread with its own store connection, so the reader keeps
//! answering keys; it reports through the same channel as the search worker.
//! Only one refresh runs at a time; the app refuses a second one.

use std::sync::Arc;

use anyhow::Result;

use crate::archive::item::Archive;
use crate::archive::state::ItemStates;
use crate::config::Paths;
use crate::config::feed_list::FeedList;
use crate::config::settings::Settings;
use crate::reader::state_writer::Flusher;
use crate::store::{Contents, Store};
use crate::update::{FeedOutcome, FeedReport, FetchPlan, Totals, update_feeds};

/// What a refresh tells the reader, in order.
#[derive(Debug, Clone)]
pub enum RefreshEvent {
    /// Fetching started: this many feeds.
    Started { feeds: usize },
    /// One feed finished; `done` of the total so far.
    Feed { report: FeedReport, done: usize },
    /// The store, reloaded with what was fetched, and the items' states.
    Loaded(Arc<Archive>, ItemStates),
    /// All done: a one-line summary for the status line.
    Finished { summary: String },
    /// The refresh could not run at all (a broken feed list, say).
    Failed(String),
}

/// Events are equal when they say the same; archives when they are the same one.
impl PartialEq for RefreshEvent {
    fn eq(&self, other: &Self) -> bool {
        use RefreshEvent::*;
        match (self, other) {
            (Started { feeds: a }, Started { feeds: b }) => a == b,
            (Feed { report: a, done: x }, Feed { report: b, done: y }) => a == b && x == y,
            (Loaded(a, x), Loaded(b, y)) => Arc::ptr_eq(a, b) && x == y,
            (Finished { summary: a }, Finished { summary: b }) => a == b,
            (Failed(a), Failed(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for RefreshEvent {}

/// What the refresh should do after fetching.
#[derive(Clone)]
pub struct RefreshPlan {
    pub paths: Paths,
    pub settings: Settings,
    /// Reload the store into the reader: false when the reader shows files.
    pub reload: bool,
    /// Waits for this reader's read and starred changes to be saved, so
    /// that the reload reads them back.
    pub flusher: Flusher,
}

/// Starts a refresh on its own thread; `send` delivers its events.
pub fn spawn(plan: RefreshPlan, send: impl Fn(RefreshEvent) + Send + 'static) {
    let spawned = std::thread::Builder::new()
        .name("migranews-refresh".into())
        .spawn(move || {
            if let Err(error) = refresh(&plan, &send) {
                send(RefreshEvent::Failed(format!("{error:#}")));
            }
        });
    if let Err(error) = spawned {
        // No thread, no refresh; the reader goes on.
        let _ = error;
    }
}

fn refresh(plan: &RefreshPlan, send: &impl Fn(RefreshEvent)) -> Result<()> {
    let mut list = FeedList::load(&plan.paths.feeds_file())?;
    let feeds = list.entries().len();
    let mut totals = None;
    if feeds > 0 {
        send(RefreshEvent::Started { feeds });
        let mut store = Store::open(&plan.paths.store_file())?;
        let reports = update_feeds(
            &mut store,
            &mut list,
            FetchPlan::from(&plan.settings),
            |report, done| {
                send(RefreshEvent::Feed {
                    report: report.clone(),
                    done,
                })
            },
        )?;
        totals = Some(Totals::of(&reports));
    }
    let mut summary = match totals {
        Some(totals) => format!(
            "{} new, {} updated{}",
            totals.new,
            totals.updated,
            match totals.failed {
                0 => String::new(),
                failed => format!(", {failed} failed"),
            }
        ),
        None => "no feeds yet: migranews feed add URL".into(),
    };
    if plan.reload {
        plan.flusher.flush();
        if let Some(store) = Store::open_existing(&plan.paths.store_file())?
            && store.item_count()? > 0
        {
            let archive = store.load_archive(Contents::Full)?;
            let states = store.load_states(&archive)?;
            send(RefreshEvent::Loaded(Arc::new(archive), states));
        }
    } else if totals.is_some() {
        summary.push_str(" into the store (run migranews without files to read it)");
    }
    send(RefreshEvent::Finished { summary });
    Ok(())
}

/// The warning a failed feed leaves in F2.
pub fn failure_warning(report: &FeedReport) -> Option<String> {
    match &report.outcome {
        FeedOutcome::Failed(error) => Some(format!("{}: {error}", report.url)),
        _ => None,
    }
}
