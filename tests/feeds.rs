//! The feeds layer through its public API, against a real server on 127.0.0.1.

mod support;

use std::path::PathBuf;

use migranews::feeds::{FeedUpdate, FetchOptions, FetchRequest, Fetcher, fetch_all};
use support::http::{Reply, Server};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// What a refresh does: fetch everything, remember the validators, and on
/// the next refresh be told nothing changed.
#[test]
fn a_second_refresh_is_not_modified() {
    let rss = fixture("rss2.xml");
    let server = Server::start(move |request| {
        if request.header("If-None-Match") == Some("\"rss-1\"") {
            Reply::status(304)
        } else {
            Reply::ok(rss.clone())
                .header("Content-Type", "application/rss+xml")
                .header("ETag", "\"rss-1\"")
        }
    });
    let fetcher = Fetcher::new(FetchOptions::default());
    let mut requests = vec![
        FetchRequest::new(server.url("/rss2.xml")),
        FetchRequest::new(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/feeds/atom.xml")
                .display()
                .to_string(),
        ),
    ];

    let mut items = 0;
    fetch_all(&fetcher, &requests.clone(), 2, |index, result| match result
        .unwrap_or_else(|failure| panic!("feed {index}: {failure}"))
    {
        FeedUpdate::Updated { feed, etag, .. } => {
            items += feed.items.len();
            requests[index].etag = etag;
        }
        FeedUpdate::NotModified => panic!("feed {index}: nothing sent to compare with"),
    });
    assert_eq!(items, 6);
    assert_eq!(requests[0].etag.as_deref(), Some("\"rss-1\""));

    let mut not_modified = Vec::new();
    fetch_all(&fetcher, &requests[..1], 2, |index, result| {
        not_modified.push((index, result));
    });
    assert_eq!(not_modified, [(0, Ok(FeedUpdate::NotModified))]);
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].header("If-None-Match"), Some("\"rss-1\""));
}
