use std::io::Write;
use std::time::{Duration, Instant};

use super::*;
use crate::feeds::test_server::{
    RawServer, Reply, Server, gzip_bomb, refused_url, send, wait_for_hang_up,
};

const RSS: &str =
    r#"<?xml version="1.0"?><rss version="2.0"><channel><title>OIM</title></channel></rss>"#;

fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions::default())
}

fn fetch(url: &str) -> Result<Fetched, FetchError> {
    fetcher().fetch(&FetchRequest::new(url))
}

fn body(fetched: Fetched) -> (Vec<u8>, Option<String>) {
    match fetched {
        Fetched::Body {
            bytes,
            permanent_url,
            ..
        } => (bytes, permanent_url),
        Fetched::NotModified => panic!("expected a body, got 304"),
    }
}

fn error(url: &str) -> String {
    fetch(url).expect_err("the fetch should fail").to_string()
}

#[test]
fn a_feed_comes_with_its_validators_and_we_say_who_we_are() {
    let server = Server::routes(vec![(
        "/rss.xml",
        Reply::ok(RSS)
            .header("Content-Type", "application/rss+xml; charset=utf-8")
            .header("ETag", "\"v1\"")
            .header("Last-Modified", "Tue, 02 Jun 2026 10:00:00 GMT"),
    )]);
    let fetched = fetch(&server.url("/rss.xml")).unwrap();
    assert_eq!(
        fetched,
        Fetched::Body {
            bytes: RSS.into(),
            content_type: Some("application/rss+xml; charset=utf-8".into()),
            etag: Some("\"v1\"".into()),
            last_modified: Some("Tue, 02 Jun 2026 10:00:00 GMT".into()),
            permanent_url: None,
        }
    );
    let request = &server.requests()[0];
    assert_eq!(request.method, "GET");
    let agent = request.header("User-Agent").unwrap_or_default();
    assert_eq!(agent, format!("migranews/{}", env!("CARGO_PKG_VERSION")));
    let encodings = request.header("Accept-Encoding").unwrap_or_default();
    assert!(
        encodings.contains("gzip") && encodings.contains("br"),
        "{encodings}"
    );
    assert!(request.header("If-None-Match").is_none());
}

#[test]
fn a_conditional_request_can_be_not_modified() {
    let server = Server::start(|request| {
        if request.header("If-None-Match") == Some("\"v1\"") {
            Reply::status(304)
        } else {
            Reply::ok(RSS)
        }
    });
    let request = FetchRequest {
        url: server.url("/rss.xml"),
        etag: Some("\"v1\"".into()),
        last_modified: Some("Tue, 02 Jun 2026 10:00:00 GMT".into()),
    };
    assert_eq!(fetcher().fetch(&request).unwrap(), Fetched::NotModified);
    let sent = &server.requests()[0];
    assert_eq!(sent.header("If-None-Match"), Some("\"v1\""));
    assert_eq!(
        sent.header("If-Modified-Since"),
        Some("Tue, 02 Jun 2026 10:00:00 GMT")
    );
}

#[test]
fn a_validator_that_cannot_be_sent_makes_the_request_unconditional() {
    let server = Server::routes(vec![("/rss.xml", Reply::ok(RSS))]);
    let request = FetchRequest {
        url: server.url("/rss.xml"),
        etag: Some("bad\nvalue".into()),
        last_modified: None,
    };
    assert_eq!(body(fetcher().fetch(&request).unwrap()).0, RSS.as_bytes());
    assert!(server.requests()[0].header("If-None-Match").is_none());
}

#[test]
fn permanent_redirects_give_the_new_address() {
    let server = Server::routes(vec![
        ("/old", Reply::redirect(301, "/older-still")),
        ("/older-still", Reply::redirect(308, "new.xml")),
        ("/new.xml", Reply::ok(RSS)),
    ]);
    let (bytes, permanent_url) = body(fetch(&server.url("/old")).unwrap());
    assert_eq!(bytes, RSS.as_bytes());
    assert_eq!(permanent_url, Some(server.url("/new.xml")));
}

#[test]
fn a_temporary_hop_keeps_the_old_address() {
    let server = Server::routes(vec![
        ("/a", Reply::redirect(301, "/b")),
        ("/b", Reply::redirect(302, "/c")),
        ("/c", Reply::redirect(307, "/feeds/d")),
        ("/feeds/d", Reply::redirect(301, "../e?x=1")),
        ("/e?x=1", Reply::ok(RSS)),
    ]);
    let (bytes, permanent_url) = body(fetch(&server.url("/a")).unwrap());
    assert_eq!(bytes, RSS.as_bytes());
    assert_eq!(permanent_url, None);
}

#[test]
fn five_redirects_are_followed_and_six_are_too_many() {
    let server = Server::start(|request| {
        let hop: usize = request.path.trim_start_matches('/').parse().unwrap_or(0);
        match hop {
            0 => Reply::ok(RSS),
            n => Reply::redirect(301, &format!("/{}", n - 1)),
        }
    });
    assert_eq!(body(fetch(&server.url("/5")).unwrap()).0, RSS.as_bytes());
    assert_eq!(error(&server.url("/6")), "more than 5 redirects");
}

#[test]
fn a_redirect_off_the_web_is_refused() {
    let server = Server::routes(vec![(
        "/rss.xml",
        Reply::redirect(302, "file:///etc/passwd"),
    )]);
    assert_eq!(
        error(&server.url("/rss.xml")),
        "redirect to unsupported URL scheme 'file'"
    );
}

#[test]
fn gzip_and_brotli_bodies_are_decompressed() {
    let server = Server::routes(vec![
        ("/gzip", Reply::gzip(RSS.as_bytes())),
        ("/brotli", Reply::brotli(RSS.as_bytes())),
    ]);
    assert_eq!(body(fetch(&server.url("/gzip")).unwrap()).0, RSS.as_bytes());
    assert_eq!(
        body(fetch(&server.url("/brotli")).unwrap()).0,
        RSS.as_bytes()
    );
}

#[test]
fn error_statuses_are_named() {
    let server = Server::routes(vec![("/broken", Reply::status(500))]);
    assert_eq!(error(&server.url("/missing")), "HTTP 404 Not Found");
    assert_eq!(
        error(&server.url("/broken")),
        "HTTP 500 Internal Server Error"
    );
}

#[test]
fn a_server_that_stalls_mid_body_is_cut_off() {
    let server = RawServer::start(|stream| {
        send(
            stream,
            b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n<rss version=\"2.0\"><channel>",
        );
        wait_for_hang_up(stream);
    });
    let fetcher = Fetcher::new(FetchOptions {
        timeout: Duration::from_secs(1),
        ..FetchOptions::default()
    });
    let started = Instant::now();
    let result = fetcher.fetch(&FetchRequest::new(server.url("/rss.xml")));
    assert_eq!(result.unwrap_err().to_string(), "timed out after 1 s");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_body_shorter_than_announced_is_an_error() {
    let server = RawServer::start(|stream| {
        send(
            stream,
            b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n<rss version=\"2.0\"><channel><item>",
        );
    });
    assert_eq!(
        error(&server.url("/rss.xml")),
        "connection closed before the whole body arrived"
    );
}

#[test]
fn a_gzip_bomb_stops_at_the_limit() {
    let bomb = gzip_bomb(64);
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let server = Server::routes(vec![(
        "/bomb.xml",
        Reply::ok(bomb).header("Content-Encoding", "gzip"),
    )]);
    assert_eq!(error(&server.url("/bomb.xml")), "body larger than 16 MiB");
}

#[test]
fn the_limit_is_inclusive() {
    let server = Server::routes(vec![("/10", Reply::ok("0123456789"))]);
    let limited = |body_limit| {
        Fetcher::new(FetchOptions {
            body_limit,
            ..FetchOptions::default()
        })
        .fetch(&FetchRequest::new(server.url("/10")))
    };
    assert!(limited(10).is_ok());
    assert_eq!(
        limited(9).unwrap_err().to_string(),
        "body larger than 9 bytes"
    );
}

#[test]
fn connection_refused_is_said_plainly() {
    assert_eq!(error(&refused_url()), "connection refused");
}

#[test]
fn only_http_https_and_files_are_fetched() {
    assert_eq!(
        error("ftp://example.org/rss.xml"),
        "unsupported URL scheme 'ftp' (expected http, https or file)"
    );
}

#[test]
fn files_are_read_from_disk_with_the_same_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.xml");
    std::fs::File::create(&path)
        .and_then(|mut file| file.write_all(RSS.as_bytes()))
        .unwrap();
    let url = Url::from_file_path(&path).unwrap().to_string();
    for address in [url.as_str(), path.to_str().unwrap()] {
        assert_eq!(
            body(fetch(address).unwrap()),
            (RSS.into(), None),
            "{address}"
        );
    }
    let small = Fetcher::new(FetchOptions {
        body_limit: 8,
        ..FetchOptions::default()
    });
    let result = small.fetch(&FetchRequest::new(path.to_str().unwrap()));
    assert_eq!(result.unwrap_err().to_string(), "body larger than 8 bytes");
    let missing = dir.path().join("missing.xml");
    assert!(error(missing.to_str().unwrap()).starts_with("no such file: "));
    assert_eq!(
        error("www.unhcr.org/rss"),
        "no such file: www.unhcr.org/rss (for a web address, start with https://)"
    );
    assert!(error(dir.path().to_str().unwrap()).ends_with("is a directory"));
}

#[test]
fn a_fifo_is_refused_rather_than_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("feed.xml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success(), "mkfifo");
    let (sender, receiver) = std::sync::mpsc::channel();
    let address = fifo.to_str().unwrap().to_string();
    // No writer ever opens the FIFO: opening it to read would block forever.
    std::thread::spawn(move || sender.send(error(&address)));
    let message = receiver
        .recv_timeout(Duration::from_secs(10))
        .expect("fetching a FIFO must not hang");
    assert!(
        message.ends_with("is not a regular file (a FIFO, socket or device is never read)"),
        "{message}"
    );
}

#[test]
fn one_fetcher_serves_many_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Fetcher>();
}
