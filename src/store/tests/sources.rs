//! Feeds and files: subscribing, fetch bookkeeping, redirects, removal, imports.

use super::{FEED, TempStore, by_guid, june};
use crate::archive::test_support::archive_from;
use crate::store::{Contents, FetchRecord, SaveCounts, SourceInfo, SourceKind};

const OTHER: &str = "https://other.example.org/rss";

fn info(temp: &TempStore, url: &str) -> SourceInfo {
    temp.source(url).unwrap().unwrap()
}

#[test]
fn subscribing_is_idempotent_and_a_given_title_wins() {
    let mut temp = TempStore::new();
    let id = info(&temp, FEED).id;
    assert_eq!(temp.subscribe(FEED, None).unwrap(), id);
    let fetched = FetchRecord::Updated {
        title: Some("The Feed's Own Title"),
        items: &[],
        etag: None,
        last_modified: None,
        permanent_url: None,
    };
    temp.record_fetch(FEED, fetched).unwrap();
    assert_eq!(info(&temp, FEED).title, "The Feed's Own Title");
    assert_eq!(temp.subscribe(FEED, Some("Mine")).unwrap(), id);
    temp.record_fetch(FEED, fetched).unwrap();
    assert_eq!(info(&temp, FEED).title, "Mine");
    // None keeps the given title; "" goes back to the feed's.
    temp.subscribe(FEED, None).unwrap();
    assert_eq!(info(&temp, FEED).title, "Mine");
    temp.subscribe(FEED, Some("")).unwrap();
    assert_eq!(info(&temp, FEED).title, "The Feed's Own Title");
    assert_eq!(temp.sources().unwrap().len(), 1);
}

#[test]
fn unusable_addresses_are_refused() {
    let mut temp = TempStore::new();
    for url in ["", "  ", "https://e.org/\x1b[31m", "a\nb"] {
        let error = temp.subscribe(url, None).unwrap_err().to_string();
        assert!(error.contains("not usable as a feed address"), "{error}");
    }
    let error = temp.record_fetch(OTHER, FetchRecord::NotModified);
    assert_eq!(
        error.unwrap_err().to_string(),
        format!("{OTHER}: not a feed of this store (subscribe to it first)")
    );
}

#[test]
fn fetch_bookkeeping_keeps_validators_until_a_new_response() {
    let mut temp = TempStore::new();
    let items = [by_guid("a", "A", june(1, 1)), by_guid("b", "B", june(1, 2))];
    let updated = FetchRecord::Updated {
        title: Some("Feed"),
        items: &items,
        etag: Some("\"v1\""),
        last_modified: Some("Sat, 01 Jun 2024 02:00:00 GMT"),
        permanent_url: None,
    };
    let before = chrono::Utc::now().timestamp();
    assert_eq!(
        temp.record_fetch(FEED, updated).unwrap(),
        SaveCounts { new: 2, updated: 0 }
    );
    let after_update = info(&temp, FEED);
    assert_eq!(
        after_update.last_result.as_deref(),
        Some("2 new, 0 updated")
    );
    assert!(after_update.last_ok);
    assert!(after_update.last_fetch.unwrap().timestamp() >= before);
    assert_eq!(after_update.item_count, 2);

    temp.record_fetch(FEED, FetchRecord::NotModified).unwrap();
    let not_modified = info(&temp, FEED);
    assert_eq!(not_modified.last_result.as_deref(), Some("not modified"));
    assert!(not_modified.last_ok);
    assert_eq!(not_modified.etag.as_deref(), Some("\"v1\""));

    let failed = FetchRecord::Failed {
        error: "HTTP 404 Not Found\x1b[2J",
    };
    assert_eq!(
        temp.record_fetch(FEED, failed).unwrap(),
        SaveCounts::default()
    );
    let failed = info(&temp, FEED);
    assert_eq!(
        failed.last_result.as_deref(),
        Some("error: HTTP 404 Not Found")
    );
    assert!(!failed.last_ok);
    assert_eq!(failed.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        failed.last_modified.as_deref(),
        Some("Sat, 01 Jun 2024 02:00:00 GMT")
    );
    assert_eq!((failed.title.as_str(), failed.item_count), ("Feed", 2));
}

fn moved<'a>(permanent_url: &'a str) -> FetchRecord<'a> {
    FetchRecord::Updated {
        title: None,
        items: &[],
        etag: None,
        last_modified: None,
        permanent_url: Some(permanent_url),
    }
}

#[test]
fn a_permanent_redirect_renames_the_feed_unless_the_address_is_taken() {
    const THIRD: &str = "https://third.example.org/atom";
    let mut temp = TempStore::new();
    temp.fetch(FEED, &[by_guid("a", "A", june(1, 1))]);
    let id = info(&temp, FEED).id;
    temp.record_fetch(FEED, moved(OTHER)).unwrap();
    let renamed = info(&temp, OTHER);
    assert_eq!((renamed.id, renamed.item_count), (id, 1));
    assert_eq!(
        renamed.last_result.unwrap(),
        format!("0 new, 0 updated; moved permanently from {FEED}")
    );

    // To an address another feed has: not renamed.
    temp.subscribe(THIRD, None).unwrap();
    temp.record_fetch(OTHER, moved(THIRD)).unwrap();
    let kept = info(&temp, OTHER);
    assert_eq!(kept.id, id);
    assert_eq!(
        kept.last_result.unwrap(),
        format!(
            "0 new, 0 updated; moved permanently to {THIRD}, already another source: kept {OTHER}"
        )
    );
    assert_eq!(temp.sources().unwrap().len(), 2);

    // Back to where it was: that address is its own.
    temp.record_fetch(OTHER, moved(FEED)).unwrap();
    assert_eq!(
        (info(&temp, FEED).id, info(&temp, FEED).url),
        (id, FEED.into())
    );
}

#[test]
fn a_moved_feed_is_still_found_by_its_old_address() {
    let mut temp = TempStore::new();
    temp.fetch(FEED, &[by_guid("a", "A", june(1, 1))]);
    let id = info(&temp, FEED).id;
    temp.record_fetch(FEED, moved(OTHER)).unwrap();
    // A feed list not yet updated names the old address: the same feed,
    // never a second one fetching every item again.
    let found = info(&temp, FEED);
    assert_eq!((found.id, found.url.as_str()), (id, OTHER));
    assert_eq!(temp.subscribe(FEED, Some("Mine")).unwrap(), id);
    assert_eq!(info(&temp, OTHER).title, "Mine");
    temp.record_fetch(FEED, FetchRecord::NotModified).unwrap();
    assert_eq!(temp.sources().unwrap().len(), 1);
    assert!(temp.unsubscribe(FEED, true).unwrap());
    assert!(temp.source(OTHER).unwrap().is_none());
}

#[test]
fn a_removed_feed_keeps_its_items_and_a_purged_one_loses_them() {
    let mut temp = TempStore::new();
    temp.subscribe(OTHER, None).unwrap();
    temp.fetch(FEED, &[by_guid("a", "Kept", june(1, 1))]);
    temp.fetch(OTHER, &[by_guid("b", "Purged", june(1, 2))]);
    assert!(temp.unsubscribe(FEED, false).unwrap());
    assert!(!info(&temp, FEED).subscribed);
    assert!(temp.unsubscribe(OTHER, true).unwrap());
    assert!(temp.source(OTHER).unwrap().is_none());
    assert!(!temp.unsubscribe(OTHER, true).unwrap(), "unknown now");
    let archive = temp.load_archive(Contents::Full).unwrap();
    let headlines: Vec<_> = archive.iter().map(|item| item.headline).collect();
    assert_eq!(headlines, ["Kept"]);
    // Subscribing again revives the removed feed, items and all.
    temp.subscribe(FEED, None).unwrap();
    let revived = info(&temp, FEED);
    assert!(revived.subscribed);
    assert_eq!(revived.item_count, 1);
    // A purged feed can come back, empty.
    temp.subscribe(OTHER, None).unwrap();
    assert_eq!(info(&temp, OTHER).item_count, 0);
}

const FILE_TEXT: &str = "2 June, 2024\n\nImported two\n\nBody two.\n\n\
                         1 June, 2024\n\nImported one\n\nBody one.\n";

#[test]
fn importing_a_file_again_adds_nothing() {
    let mut temp = TempStore::new();
    let archive = archive_from(FILE_TEXT);
    let counts = temp.import_file("news.txt", archive.iter()).unwrap();
    assert_eq!(counts, SaveCounts { new: 2, updated: 0 });
    let counts = temp.import_file("news.txt", archive.iter()).unwrap();
    assert_eq!(counts, SaveCounts::default());
    // An edited body is the same item, updated.
    let edited = archive_from(&FILE_TEXT.replace("Body one.", "Body one, edited."));
    let counts = temp.import_file("news.txt", edited.iter()).unwrap();
    assert_eq!(counts, SaveCounts { new: 0, updated: 1 });
    let file = info(&temp, "news.txt");
    assert_eq!((file.kind, file.item_count), (SourceKind::File, 2));
    assert_eq!(file.last_result.as_deref(), Some("0 new, 1 updated"));
    // A file and a feed never share a name.
    assert!(temp.import_file(FEED, archive.iter()).is_err());
    assert!(temp.subscribe("news.txt", None).is_err());
    assert!(temp.unsubscribe("news.txt", true).is_err());
    assert!(temp.forget_file("news.txt").unwrap());
    assert_eq!(temp.item_count().unwrap(), 0);
}

#[test]
fn sources_list_subscribed_feeds_then_removed_ones_then_files() {
    let mut temp = TempStore::new();
    temp.import_file("a.txt", archive_from(FILE_TEXT).iter())
        .unwrap();
    temp.subscribe(OTHER, Some("Other")).unwrap();
    temp.subscribe("https://third.example.org/atom", None)
        .unwrap();
    temp.unsubscribe(FEED, false).unwrap();
    let listed: Vec<_> = temp
        .sources()
        .unwrap()
        .into_iter()
        .map(|source| (source.url, source.title, source.subscribed))
        .collect();
    assert_eq!(
        listed,
        [
            (OTHER.to_string(), "Other".to_string(), true),
            ("https://third.example.org/atom".into(), String::new(), true),
            (FEED.into(), String::new(), false),
            ("a.txt".into(), String::new(), true),
        ]
    );
}
