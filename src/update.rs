//! Bringing the store up to date: fetch every feed of the list, save what came back.
//!
//! Shared by `migranews fetch` and the reader's Ctrl-R. Feeds are fetched
//! and parsed on worker threads; results are saved here, on the calling
//! thread, one transaction per feed, so a failure or a kill loses at most the
//! feed in flight. One failing feed never stops the others.

use std::time::Duration;

use anyhow::Result;

use crate::config::feed_list::{FeedEntry, FeedList};
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
    Saved {
        counts: SaveCounts,
        /// What parsing repaired in the feed, one short phrase each
        /// ("bare & escaped").
        repairs: Vec<String>,
    },
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
                FeedOutcome::Saved { counts, .. } => {
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
/// finishes (with how many are done).
///
/// The list decides the user's titles: a feed without one goes back to its
/// own. A feed that moved permanently gets its new address in the store
/// when its items are committed, and in the list's file (read afresh, under
/// its lock: see [`FeedList::edit`]) right after; `list` follows. A list
/// still naming a feed's old address (migranews was killed in between)
/// is brought up to date instead of subscribing to that address again.
pub fn update_feeds(
    store: &mut Store,
    list: &mut FeedList,
    plan: FetchPlan,
    mut on_report: impl FnMut(&FeedReport, usize),
) -> Result<Vec<FeedReport>> {
    let mut feeds: Vec<Feed> = Vec::with_capacity(list.entries().len());
    let mut reports = Vec::with_capacity(list.entries().len());
    for entry in list.entries().to_vec() {
        match prepare(store, list, &entry) {
            // The old and the new address both listed: one feed, fetched once.
            Ok(feed)
                if feeds
                    .iter()
                    .any(|known| known.request.url == feed.request.url) => {}
            Ok(feed) => feeds.push(feed),
            // Such as an address that is an imported file's name.
            Err(error) => {
                let report = FeedReport {
                    name: entry.title.clone().unwrap_or_else(|| entry.url.clone()),
                    url: entry.url,
                    outcome: FeedOutcome::Failed(format!("{error:#}")),
                };
                on_report(&report, reports.len() + 1);
                reports.push(report);
            }
        }
    }
    let requests: Vec<FetchRequest> = feeds.iter().map(|feed| feed.request.clone()).collect();
    let fetcher = Fetcher::new(FetchOptions {
        timeout: plan.timeout,
        ..FetchOptions::default()
    });
    // The first failure to update the list's file; the fetch goes on.
    let mut list_error = None;
    fetch_all(&fetcher, &requests, plan.jobs, |index, result| {
        let feed = &feeds[index];
        let url = &feed.request.url;
        let mut name = feed.title.clone();
        let mut new_url = None;
        let saved = match result {
            Ok(FeedUpdate::NotModified) => store
                .record_fetch(url, FetchRecord::NotModified)
                .map(|_| FeedOutcome::NotModified),
            Ok(FeedUpdate::Updated {
                feed: parsed,
                etag,
                last_modified,
                permanent_url,
            }) => {
                name = name.or_else(|| parsed.title.clone());
                let items: Vec<NewItem<'_>> = parsed.items.iter().map(new_item).collect();
                let record = FetchRecord::Updated {
                    title: parsed.title.as_deref(),
                    items: &items,
                    etag: etag.as_deref(),
                    last_modified: last_modified.as_deref(),
                    permanent_url: permanent_url.as_deref(),
                };
                let saved = store.record_fetch(url, record);
                if saved.is_ok() && permanent_url.is_some() {
                    match follow_move(store, list, url) {
                        Ok(moved) => new_url = moved,
                        Err(error) => {
                            list_error.get_or_insert(error);
                        }
                    }
                }
                saved.map(|counts| FeedOutcome::Saved {
                    counts,
                    repairs: parsed.repairs,
                })
            }
            Err(failure) => {
                let error = failure.to_string();
                store
                    .record_fetch(url, FetchRecord::Failed { error: &error })
                    .map(|_| FeedOutcome::Failed(error))
            }
        };
        let outcome =
            saved.unwrap_or_else(|error| FeedOutcome::Failed(format!("store: {error:#}")));
        let report = FeedReport {
            url: new_url.unwrap_or_else(|| url.clone()),
            name: name
                .or_else(|| feed.known_title.clone())
                .unwrap_or_else(|| url.clone()),
            outcome,
        };
        on_report(&report, reports.len() + 1);
        reports.push(report);
    });
    match list_error {
        Some(error) => Err(error),
        None => Ok(reports),
    }
}

/// One feed to fetch.
struct Feed {
    /// The list's title for it.
    title: Option<String>,
    /// Its title in the store before this fetch.
    known_title: Option<String>,
    request: FetchRequest,
}

/// The store's side of a feed of the list, ready to fetch. A feed added by
/// hand to the list is new to the store; a title deleted by hand is
/// deleted in the store too; a feed the store moved is moved in the list.
fn prepare(store: &mut Store, list: &mut FeedList, entry: &FeedEntry) -> Result<Feed> {
    store.subscribe(&entry.url, Some(entry.title.as_deref().unwrap_or("")))?;
    let known = store.source(&entry.url)?;
    let url = match &known {
        Some(info) if info.url != entry.url => {
            move_in_list(list, &entry.url, &info.url)?;
            info.url.clone()
        }
        _ => entry.url.clone(),
    };
    let known = known.as_ref();
    Ok(Feed {
        title: entry.title.clone(),
        known_title: known
            .map(|info| info.title.clone())
            .filter(|title| !title.is_empty()),
        request: FetchRequest {
            url,
            etag: known.and_then(|info| info.etag.clone()),
            last_modified: known.and_then(|info| info.last_modified.clone()),
        },
    })
}

/// After a fetch of `url` that was redirected permanently: the feed's new
/// address, written into the list too, if the store moved it (it keeps the
/// old one when the new one is another feed's).
fn follow_move(store: &Store, list: &mut FeedList, url: &str) -> Result<Option<String>> {
    let Some(info) = store.source(url)? else {
        return Ok(None);
    };
    if info.url == url {
        return Ok(None);
    }
    move_in_list(list, url, &info.url)?;
    Ok(Some(info.url))
}

/// Renames a feed in the list's file and in `list`; when the list has both
/// addresses already, the old entry goes.
fn move_in_list(list: &mut FeedList, old: &str, new: &str) -> Result<()> {
    let apply = |list: &mut FeedList| {
        if !list.rename(old, new) {
            list.remove(old);
        }
    };
    FeedList::edit(list.path(), |file| {
        apply(file);
        Ok(())
    })?;
    apply(list);
    Ok(())
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

#[cfg(test)]
mod tests;
