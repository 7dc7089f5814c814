//! Bringing the store up to date: fetch every feed of the list, save what came back.
//!
//! Shared by `migranews fetch` and the reader's Ctrl-R. Feeds are fetched
//! and parsed on worker threads; results are saved here, on the calling
//! thread, one transaction per feed, so a failure or a kill loses at most the
//! feed in flight. One failing feed never stops the others.

use std::time::Duration;

use anyhow::Result;

use crate::config::feed_list::FeedList;
use crate::config::settings::Settings;
use crate::feeds::fetch::{FetchOptions, FetchRequest, Fetcher};
use crate::feeds::parse::FeedItem;
use crate::feeds::{FeedUpdate, fetch_all};
use crate::store::{FetchRecord, NewItem, SaveCounts, Store};

/// How to fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchPlan {
    pub jobs: usize,
    pub timeout: Duration,
}

impl From<&Settings> for FetchPlan {
    fn from(settings: &Settings) -> Self {
        Self {
            jobs: settings.fetch_jobs,
            timeout: Duration::from_secs(settings.fetch_timeout_secs),
        }
    }
}

/// What happened to one feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    /// The feed's address after this fetch (a permanent redirect changes it).
    pub url: String,
    /// The feed's title (the list's, else the feed's own), or its address.
    pub name: String,
    pub outcome: FeedOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedOutcome {
    Saved(SaveCounts),
    NotModified,
    /// One line saying what failed.
    Failed(String),
}

/// What a whole update did, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub fetched: usize,
    pub not_modified: usize,
    pub failed: usize,
    pub new: usize,
    pub updated: usize,
}

impl Totals {
    pub fn of(reports: &[FeedReport]) -> Self {
        let mut totals = Totals::default();
        for report in reports {
            match &report.outcome {
                FeedOutcome::Saved(counts) => {
                    totals.fetched += 1;
                    totals.new += counts.new;
                    totals.updated += counts.updated;
                }
                FeedOutcome::NotModified => totals.not_modified += 1,
                FeedOutcome::Failed(_) => totals.failed += 1,
            }
        }
        totals
    }
}

impl std::fmt::Display for Totals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let feeds = self.fetched + self.not_modified + self.failed;
        write!(
            f,
            "{feeds} feed{}: {} fetched ({} new, {} updated), {} not modified, {} failed",
            if feeds == 1 { "" } else { "s" },
            self.fetched,
            self.new,
            self.updated,
            self.not_modified,
            self.failed
        )
    }
}

/// Fetches every feed of `list` into `store`, calling `on_report` as each
/// finishes (with how many are done). A feed moved permanently gets its new
/// address in the list and the store.
pub fn update_feeds(
    store: &mut Store,
    list: &mut FeedList,
    plan: FetchPlan,
    mut on_report: impl FnMut(&FeedReport, usize),
) -> Result<Vec<FeedReport>> {
    let entries = list.entries().to_vec();
    let mut requests = Vec::with_capacity(entries.len());
    for entry in &entries {
        // A feed added by hand to the list is new to the store.
        store.subscribe(&entry.url, entry.title.as_deref())?;
        let known = store.source(&entry.url)?;
        requests.push(FetchRequest {
            url: entry.url.clone(),
            etag: known.as_ref().and_then(|info| info.etag.clone()),
            last_modified: known.as_ref().and_then(|info| info.last_modified.clone()),
        });
    }
    let fetcher = Fetcher::new(FetchOptions {
        timeout: plan.timeout,
        ..FetchOptions::default()
    });
    let mut reports = Vec::with_capacity(entries.len());
    let mut moved = Vec::new();
    fetch_all(&fetcher, &requests, plan.jobs, |index, result| {
        let entry = &entries[index];
        let mut name = entry.title.clone();
        let saved = match result {
            Ok(FeedUpdate::NotModified) => store
                .record_fetch(&entry.url, FetchRecord::NotModified)
                .map(|_| FeedOutcome::NotModified),
            Ok(FeedUpdate::Updated {
                feed,
                etag,
                last_modified,
                permanent_url,
            }) => {
                name = name.or_else(|| feed.title.clone());
                let items: Vec<NewItem<'_>> = feed.items.iter().map(new_item).collect();
                let record = FetchRecord::Updated {
                    title: name.as_deref(),
                    items: &items,
                    etag: etag.as_deref(),
                    last_modified: last_modified.as_deref(),
                    permanent_url: permanent_url.as_deref(),
                };
                let saved = store.record_fetch(&entry.url, record);
                if saved.is_ok()
                    && let Some(new_url) = permanent_url
                {
                    moved.push((entry.url.clone(), new_url));
                }
                saved.map(FeedOutcome::Saved)
            }
            Err(failure) => {
                let error = failure.to_string();
                store
                    .record_fetch(&entry.url, FetchRecord::Failed { error: &error })
                    .map(|_| FeedOutcome::Failed(error))
            }
        };
        let outcome =
            saved.unwrap_or_else(|error| FeedOutcome::Failed(format!("store: {error:#}")));
        let report = FeedReport {
            url: entry.url.clone(),
            name: name.unwrap_or_else(|| entry.url.clone()),
            outcome,
        };
        on_report(&report, reports.len() + 1);
        reports.push(report);
    });
    if !moved.is_empty() {
        for (old, new) in &moved {
            if list.rename(old, new) {
                for report in reports.iter_mut().filter(|report| &report.url == old) {
                    report.url = new.clone();
                }
            }
        }
        list.save()?;
    }
    Ok(reports)
}

fn new_item(item: &FeedItem) -> NewItem<'_> {
    NewItem {
        guid: item.guid.as_deref(),
        link: item.link.as_deref(),
        headline: &item.headline,
        body: &item.body,
        published: item.published,
    }
}
