use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::{Duration, Instant};

use super::*;
use crate::feeds::fetch::FetchOptions;
use crate::feeds::parse::tests::fixture;
use crate::feeds::test_server::{RawServer, Reply, Server, refused_url, send, wait_for_hang_up};

type Results = BTreeMap<usize, Result<FeedUpdate, FeedFailure>>;

/// Runs `fetch_all`, checking each feed is reported once, on this thread.
fn run(fetcher: &Fetcher, urls: &[String], jobs: usize) -> Results {
    let requests: Vec<FetchRequest> = urls.iter().map(FetchRequest::new).collect();
    let caller = std::thread::current().id();
    let mut results = Results::new();
    fetch_all(fetcher, &requests, jobs, |index, result| {
        assert_eq!(std::thread::current().id(), caller);
        assert!(
            results.insert(index, result).is_none(),
            "{index} reported twice"
        );
    });
    assert_eq!(results.len(), urls.len());
    results
}

fn title(result: &Result<FeedUpdate, FeedFailure>) -> Option<&str> {
    match result {
        Ok(FeedUpdate::Updated { feed, .. }) => feed.title.as_deref(),
        _ => None,
    }
}

fn failure(result: &Result<FeedUpdate, FeedFailure>) -> String {
    match result {
        Err(failure) => failure.to_string(),
        Ok(update) => panic!("expected a failure, got {update:?}"),
    }
}

/// The fixtures of every format, served with their usual content types.
fn feed_server() -> Server {
    Server::routes(vec![
        (
            "/rss2.xml",
            Reply::ok(fixture("rss2.xml")).header("Content-Type", "application/rss+xml"),
        ),
        (
            "/rss1.rdf",
            Reply::ok(fixture("rss1.rdf")).header("Content-Type", "application/rdf+xml"),
        ),
        (
            "/rss091.xml",
            Reply::ok(fixture("rss091.xml")).header("Content-Type", "text/xml"),
        ),
        (
            "/atom.xml",
            Reply::gzip(&fixture("atom.xml")).header("Content-Type", "application/atom+xml"),
        ),
        (
            "/feed.json",
            Reply::ok(fixture("jsonfeed.json")).header("Content-Type", "application/feed+json"),
        ),
        (
            "/utf16.xml",
            Reply::brotli(&fixture("utf16-bom.xml")).header("Content-Type", "text/xml"),
        ),
        ("/malformed.xml", Reply::ok(fixture("malformed.xml"))),
        ("/truncated.xml", Reply::ok(fixture("truncated.xml"))),
        ("/broken", Reply::status(500)),
        (
            "/moved",
            Reply::redirect(301, "/rss2.xml").header("Content-Type", "text/html"),
        ),
    ])
}

#[test]
fn every_format_over_http() {
    let server = feed_server();
    let paths = [
        "/rss2.xml",
        "/rss1.rdf",
        "/rss091.xml",
        "/atom.xml",
        "/feed.json",
        "/utf16.xml",
    ];
    let urls: Vec<String> = paths.iter().map(|path| server.url(path)).collect();
    let results = run(&Fetcher::new(FetchOptions::default()), &urls, 3);
    let titles: Vec<Option<&str>> = results.values().map(title).collect();
    assert_eq!(
        titles,
        [
            Some("OIM — Noticias de migración / IOM Migration News"),
            Some("ReliefWeb - Updates: Migration"),
            Some("UNHCR Briefing Notes"),
            Some("UNHCR News – Americas"),
            Some("Migration Data Portal – Updates"),
            Some("Observatorio de Migración — 移民"),
        ]
    );
}

#[test]
fn failing_feeds_never_stop_the_good_ones() {
    let server = feed_server();
    let stalling = RawServer::start(|stream| {
        send(
            stream,
            b"HTTP/1.1 200 OK\r\nContent-Length: 9999\r\n\r\n<rss version=\"2.0\">",
        );
        wait_for_hang_up(stream);
    });
    let not_tls = RawServer::start_unread(|stream| {
        send(
            stream,
            b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n",
        );
    });
    let urls = [
        server.url("/rss2.xml"),
        server.url("/missing.xml"),
        server.url("/broken"),
        server.url("/malformed.xml"),
        server.url("/atom.xml"),
        server.url("/truncated.xml"),
        refused_url(),
        stalling.url("/feed.xml"),
        "http://nonexistent.invalid/feed.xml".to_string(),
        // TLS spoken to a plain-HTTP server.
        not_tls.url("/feed.xml").replace("http://", "https://"),
        "gopher://example.org/feed".to_string(),
        server.url("/moved"),
    ];
    let fetcher = Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(2),
        ..FetchOptions::default()
    });
    let started = Instant::now();
    let results = run(&fetcher, &urls, 4);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );

    assert_eq!(
        title(&results[&0]),
        Some("OIM — Noticias de migración / IOM Migration News")
    );
    assert_eq!(failure(&results[&1]), "HTTP 404 Not Found");
    assert_eq!(failure(&results[&2]), "HTTP 500 Internal Server Error");
    assert!(failure(&results[&3]).starts_with("not a feed: XML error"));
    assert_eq!(title(&results[&4]), Some("UNHCR News – Americas"));
    assert_eq!(failure(&results[&5]), "truncated feed: <rss> is not closed");
    assert_eq!(failure(&results[&6]), "connection refused");
    assert_eq!(failure(&results[&7]), "timed out after 2 s");
    assert_eq!(
        failure(&results[&8]),
        "cannot resolve host nonexistent.invalid"
    );
    assert!(
        failure(&results[&9]).starts_with("TLS"),
        "{}",
        failure(&results[&9])
    );
    assert_eq!(
        failure(&results[&10]),
        "unsupported URL scheme 'gopher' (expected http, https or file)"
    );
    match &results[&11] {
        Ok(FeedUpdate::Updated {
            feed,
            permanent_url,
            ..
        }) => {
            assert_eq!(feed.items.len(), 3);
            assert_eq!(
                permanent_url.as_deref(),
                Some(server.url("/rss2.xml").as_str())
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_not_modified_feed_is_reported_as_such() {
    let server = Server::start(|request| match request.header("If-Modified-Since") {
        Some(_) => Reply::status(304),
        None => Reply::ok(fixture("rss2.xml")),
    });
    let request = FetchRequest {
        url: server.url("/rss2.xml"),
        etag: None,
        last_modified: Some("Tue, 14 Apr 2026 09:30:00 GMT".into()),
    };
    let fetcher = Fetcher::new(FetchOptions::default());
    assert_eq!(update(&fetcher, &request), Ok(FeedUpdate::NotModified));
}

#[test]
fn no_more_than_jobs_feeds_at_once() {
    let in_flight = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let server = {
        let (in_flight, most) = (Arc::clone(&in_flight), Arc::clone(&most));
        RawServer::start(move |stream| {
            let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(50));
            in_flight.fetch_sub(1, Ordering::SeqCst);
            send(
                stream,
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        })
    };
    let urls: Vec<String> = (0..8).map(|i| server.url(&format!("/{i}"))).collect();
    let results = run(&Fetcher::new(FetchOptions::default()), &urls, 2);
    assert!(results.values().all(|result| result.is_err()));
    let most = most.load(Ordering::SeqCst);
    assert!((1..=2).contains(&most), "{most} at once");
}

#[test]
fn zero_jobs_still_work_and_no_requests_do_nothing() {
    let server = feed_server();
    let fetcher = Fetcher::new(FetchOptions::default());
    let results = run(&fetcher, &[server.url("/rss1.rdf")], 0);
    assert_eq!(title(&results[&0]), Some("ReliefWeb - Updates: Migration"));
    fetch_all(&fetcher, &[], 4, |_, _| panic!("nothing to report"));
}

#[test]
fn a_panic_while_fetching_one_feed_is_that_feeds_failure() {
    let requests: Vec<FetchRequest> = ["https://a.org/", "https://boom.org/", "https://c.org/"]
        .into_iter()
        .map(FetchRequest::new)
        .collect();
    let mut results = Results::new();
    let work = |request: &FetchRequest| {
        assert!(on_worker_thread(), "the panic hook stays quiet for workers");
        if request.url.contains("boom") {
            panic!("a bug in the HTTP or TLS stack");
        }
        Ok(FeedUpdate::NotModified)
    };
    run_all(&requests, 2, work, |index, result| {
        results.insert(index, result);
    });
    assert_eq!(results.len(), 3);
    assert_eq!(failure(&results[&1]), "the feed's fetcher failed on it");
    assert_eq!(results[&0], Ok(FeedUpdate::NotModified));
    assert_eq!(results[&2], Ok(FeedUpdate::NotModified));
}
