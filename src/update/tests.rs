//! Updates against servers on 127.0.0.1: moved feeds, the list kept in step with the store, titles.

use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use super::*;
use crate::feeds::test_server::{Reply, Server};

const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Own title</title>
<item><title>One</title><guid>1</guid><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Two &amp; more</title><guid>2</guid><pubDate>Mon, 02 Nov 2026 11:00:00 GMT</pubDate></item>
</channel></rss>"#;

const PLAN: FetchPlan = FetchPlan {
    jobs: 2,
    timeout: Duration::from_secs(10),
};

/// A folder with a feed list and a store.
struct Home {
    dir: tempfile::TempDir,
    store: Store,
}

impl Home {
    fn new(list: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("feeds.toml"), list).unwrap();
        let store = Store::open(&dir.path().join("store.db")).unwrap();
        Self { dir, store }
    }

    fn list_path(&self) -> PathBuf {
        self.dir.path().join("feeds.toml")
    }

    fn list_text(&self) -> String {
        fs::read_to_string(self.list_path()).unwrap()
    }

    fn update(&mut self, on_report: impl FnMut(&FeedReport, usize)) -> Vec<FeedReport> {
        let mut list = FeedList::load(&self.list_path()).unwrap();
        update_feeds(&mut self.store, &mut list, PLAN, on_report).unwrap()
    }
}

fn feed(url: &str) -> String {
    format!("[[feed]]\nurl = \"{url}\"\n")
}

#[test]
fn a_move_is_in_the_list_when_its_feed_is_reported_and_hand_edits_stay() {
    let list_path = std::sync::Arc::new(std::sync::Mutex::new(PathBuf::new()));
    let server = {
        let list_path = std::sync::Arc::clone(&list_path);
        Server::start(move |request| match request.path.as_str() {
            "/old.xml" => Reply::redirect(301, "/new.xml"),
            "/new.xml" => {
                // A hand edit while the fetch runs, after the list was read.
                let path = list_path.lock().unwrap().clone();
                let text = fs::read_to_string(&path).unwrap();
                fs::write(&path, format!("# edited by hand\n{text}")).unwrap();
                Reply::ok(RSS)
            }
            _ => Reply::status(404),
        })
    };
    let (old, new) = (server.url("/old.xml"), server.url("/new.xml"));
    let mut home = Home::new(&feed(&old));
    *list_path.lock().unwrap() = home.list_path();
    let list_file = home.list_path();
    let reports = home.update(|report, _| {
        // The list has the new address by the time the feed is reported,
        // not only once every feed is done.
        assert_eq!(report.url, new);
        let text = fs::read_to_string(&list_file).unwrap();
        assert!(text.contains(&new) && !text.contains(&old), "{text}");
    });
    assert_eq!(reports.len(), 1);
    let text = home.list_text();
    assert!(text.starts_with("# edited by hand\n"), "{text}");
}

#[test]
fn a_list_still_naming_the_old_address_is_moved_not_subscribed_again() {
    let server = Server::routes(vec![("/new.xml", Reply::ok(RSS))]);
    let (old, new) = (server.url("/old.xml"), server.url("/new.xml"));
    let mut home = Home::new(&format!("# mine\n{}", feed(&old)));
    // The store moved the feed; migranews was killed before the list followed.
    home.store.subscribe(&old, None).unwrap();
    let moved = FetchRecord::Updated {
        title: None,
        items: &[],
        etag: None,
        last_modified: None,
        permanent_url: Some(&new),
    };
    home.store.record_fetch(&old, moved).unwrap();
    let reports = home.update(|_, _| {});
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].url, new);
    assert!(matches!(reports[0].outcome, FeedOutcome::Saved { .. }));
    assert_eq!(home.list_text(), format!("# mine\n{}", feed(&new)));
    assert_eq!(home.store.sources().unwrap().len(), 1);
    assert!(server.requests().iter().all(|r| r.path == "/new.xml"));
}

#[test]
fn the_list_decides_the_title_and_repairs_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.xml");
    // A bare `&`, which parsing repairs.
    fs::write(&file, RSS.replace("&amp;", "&")).unwrap();
    let url = file.display().to_string();
    let mut home = Home::new(&format!("{}title = \"Mine\"\n", feed(&url)));
    let reports = home.update(|_, _| {});
    assert_eq!(reports[0].name, "Mine");
    match &reports[0].outcome {
        FeedOutcome::Saved { counts, repairs } => {
            assert_eq!(counts.new, 2);
            assert_eq!(repairs.len(), 1, "{repairs:?}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(title(&home, &url), "Mine");
    // The title line deleted by hand: the feed's own title again.
    fs::write(home.list_path(), feed(&url)).unwrap();
    let reports = home.update(|_, _| {});
    assert_eq!(reports[0].name, "Own title");
    assert_eq!(title(&home, &url), "Own title");
}

fn title(home: &Home, url: &str) -> String {
    home.store.source(url).unwrap().unwrap().title
}

#[test]
fn a_feed_the_store_cannot_take_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.xml");
    fs::write(&file, RSS).unwrap();
    let taken = "https://taken.example.org/rss";
    let list = format!("{}{}", feed(taken), feed(&file.display().to_string()));
    let mut home = Home::new(&list);
    // An export of a feed without a title, imported: a file of that name.
    let archive = crate::archive::test_support::archive_from("1 June, 2024\n\nImported\n");
    home.store.import_file(taken, archive.iter()).unwrap();
    let reports = home.update(|_, _| {});
    assert_eq!(reports.len(), 2);
    assert_eq!(
        reports[0].outcome,
        FeedOutcome::Failed(format!("{taken}: already the name of an imported file"))
    );
    assert!(matches!(reports[1].outcome, FeedOutcome::Saved { .. }));
}
