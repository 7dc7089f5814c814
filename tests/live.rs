//! Live news through the real binary: the feed list, `fetch` against HTTP servers on
//! 127.0.0.1, the SQLite store it fills, `import`, and reading the store back.
//!
//! Every test has config and data folders of its own (XDG_CONFIG_HOME,
//! XDG_DATA_HOME), so nothing touches the user's feeds or store.

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use support::http::{Reply, Server};

const BIN: &str = env!("CARGO_BIN_EXE_migranews");
const RSS: &str = include_str!("fixtures/feeds/rss2.xml");
const ATOM: &str = include_str!("fixtures/feeds/atom.xml");
const JSON_FEED: &str = include_str!("fixtures/feeds/jsonfeed.json");
const SEED: &str = include_str!("../assets/news.txt");

/// A home of its own: config and data folders, and a scratch folder.
struct Home {
    dir: tempfile::TempDir,
}

/// A finished run, with everything needed to explain a failure.
struct Run {
    command: String,
    output: Output,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    #[track_caller]
    fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code(),
            code,
            "command: {}\nstdout:\n{}\nstderr:\n{}",
            self.command,
            self.stdout(),
            self.stderr()
        );
        self
    }
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env_remove("http_proxy")
            .env_remove("HTTP_PROXY")
            .env_remove("https_proxy")
            .env_remove("HTTPS_PROXY")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    fn run(&self, args: &[&str]) -> Run {
        let output = self.command(args).output().expect("run migranews");
        Run {
            command: format!("migranews {}", args.join(" ")),
            output,
        }
    }

    fn spawn(&self, args: &[&str]) -> Child {
        self.command(args).spawn().expect("spawn migranews")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    fn store(&self) -> PathBuf {
        self.path("data/migranews/store.db")
    }

    fn feeds_toml(&self) -> String {
        std::fs::read_to_string(self.path("config/migranews/feeds.toml")).unwrap_or_default()
    }

    fn add(&self, url: &str) {
        self.run(&["feed", "add", url]).expect_code(0);
    }
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

/// A server with the three fixture feeds and a missing one.
fn news_server() -> Server {
    Server::routes(vec![
        (
            "/iom.xml",
            Reply::ok(RSS)
                .header("ETag", "\"v1\"")
                .header("Content-Type", "application/rss+xml"),
        ),
        (
            "/unhcr.atom",
            Reply::ok(ATOM).header("Last-Modified", "Tue, 14 Apr 2026 10:00:00 GMT"),
        ),
        ("/portal.json", Reply::ok(JSON_FEED)),
    ])
}

#[test]
fn feed_add_list_remove_keep_the_hand_editable_list() {
    let home = Home::new();
    home.run(&[
        "feed",
        "add",
        "https://www.iom.int/rss.xml",
        "--title",
        "IOM",
    ])
    .expect_code(0);
    home.write("local.xml", RSS);
    home.run(&["feed", "add", "local.xml"]).expect_code(0);
    let again = home.run(&["feed", "add", "https://www.iom.int/rss.xml"]);
    again.expect_code(0);
    assert_eq!(
        again.stdout(),
        "already subscribed to https://www.iom.int/rss.xml\n"
    );
    let toml = home.feeds_toml();
    assert!(
        toml.contains("url = \"https://www.iom.int/rss.xml\"\ntitle = \"IOM\""),
        "{toml}"
    );
    let local = home.path("local.xml").display().to_string();
    assert!(
        toml.contains(&format!("url = \"{local}\"")),
        "local paths are made absolute: {toml}"
    );

    let list = home.run(&["feed", "list"]);
    list.expect_code(0);
    assert_eq!(
        lines(&list.stdout()),
        [
            "https://www.iom.int/rss.xml\tIOM\t0\tnever\tnot fetched yet".to_string(),
            format!("{local}\t-\t0\tnever\tnot fetched yet"),
        ]
    );

    // Editing the file by hand works: a comment and a third feed.
    let edited =
        format!("{toml}\n# added by hand\n[[feed]]\nurl = \"https://reliefweb.int/rss\"\n");
    std::fs::write(home.path("config/migranews/feeds.toml"), edited).unwrap();
    home.run(&["feed", "remove", "https://www.iom.int/rss.xml"])
        .expect_code(0);
    let toml = home.feeds_toml();
    assert!(toml.contains("# added by hand"), "{toml}");
    let urls: Vec<String> = lines(&home.run(&["feed", "list"]).stdout())
        .iter()
        .map(|line| line.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(urls, [local, "https://reliefweb.int/rss".to_string()]);
}

#[test]
fn bad_addresses_and_lists_are_one_line_errors_with_exit_2() {
    let home = Home::new();
    for (args, message) in [
        (
            &["feed", "add", "ftp://example.org/feed"][..],
            "migranews: unsupported URL scheme 'ftp'",
        ),
        (
            &["feed", "remove", "https://nowhere.example/rss"],
            "migranews: not subscribed to https://nowhere.example/rss",
        ),
    ] {
        let run = home.run(args);
        run.expect_code(2);
        assert!(run.stderr().starts_with(message), "{}", run.stderr());
        assert_eq!(run.stderr().lines().count(), 1, "{}", run.stderr());
    }
    std::fs::create_dir_all(home.path("config/migranews")).unwrap();
    home.write(
        "config/migranews/feeds.toml",
        "[[feed]]\nurl = \"a\"\ntittle = \"x\"\n",
    );
    for args in [&["fetch"][..], &["feed", "list"]] {
        let run = home.run(args);
        run.expect_code(2);
        assert!(
            run.stderr().ends_with(
                "feeds.toml: feed 1: unknown key 'tittle' (expected url, title, tags)\n"
            ),
            "{}",
            run.stderr()
        );
    }
}

#[test]
fn opml_import_and_export_round_trip_and_never_run_anything() {
    let home = Home::new();
    let opml = home.write(
        "subs.opml",
        r#"<?xml version="1.0"?><opml version="2.0"><body>
        <outline text="UN"><outline text="IOM" xmlUrl="https://www.iom.int/rss.xml"/></outline>
        <outline text="evil" xmlUrl="exec:touch pwned"/>
        </body></opml>"#,
    );
    let run = home.run(&["feed", "import", opml.to_str().unwrap()]);
    run.expect_code(0);
    assert!(
        run.stdout()
            .ends_with("added 1 of 1 feeds (0 already subscribed)\n"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stderr()
            .contains("exec:touch pwned: not an http(s) address, skipped")
    );
    assert!(!home.path("pwned").exists());
    home.add("https://reliefweb.int/updates/rss.xml");
    let export = home.run(&["feed", "export"]);
    export.expect_code(0);
    assert!(export.stdout().contains(
        "<outline type=\"rss\" text=\"https://reliefweb.int/updates/rss.xml\" xmlUrl=\"https://reliefweb.int/updates/rss.xml\"/>"
    ), "a feed without a title has none in OPML: {}", export.stdout());
    assert!(export.stdout().contains(
        "<outline type=\"rss\" text=\"IOM\" title=\"IOM\" xmlUrl=\"https://www.iom.int/rss.xml\" category=\"UN\"/>"
    ), "{}", export.stdout());
    assert!(
        export
            .stdout()
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">")
    );
}

#[test]
fn fetch_stores_every_feed_reports_each_and_a_failure_gives_exit_1() {
    let server = news_server();
    let home = Home::new();
    for path in ["/iom.xml", "/unhcr.atom", "/portal.json", "/gone.xml"] {
        home.add(&server.url(path));
    }
    let fetch = home.run(&["fetch"]);
    fetch.expect_code(1);
    assert_eq!(fetch.stderr(), "", "no progress bar off a terminal");
    let stdout = fetch.stdout();
    let report = lines(&stdout);
    assert_eq!(report.len(), 5, "{stdout}");
    assert_eq!(
        report.iter().filter(|l| l.starts_with("ok      ")).count(),
        3,
        "{stdout}"
    );
    assert!(
        report
            .iter()
            .any(|l| l.starts_with("FAILED  ") && l.ends_with("/gone.xml: HTTP 404 Not Found")),
        "{stdout}"
    );
    assert!(
        report[4].starts_with("4 feeds: 3 fetched (")
            && report[4].ends_with("0 not modified, 1 failed"),
        "{stdout}"
    );

    // The store is what migranews reads now.
    let list = home.run(&["--list"]);
    list.expect_code(0);
    let listed = list.stdout();
    assert!(
        listed
            .contains("\tLa OIM apoya a 12.000 migrantes varados en la frontera norte de México\n"),
        "{listed}"
    );
    assert!(
        listed.contains("\tRemittances to Central America reached a record in 2025\n"),
        "{listed}"
    );
    assert!(
        !listed.contains("IOM and the RCM aim"),
        "the built-in archive is gone: {listed}"
    );
    let dates: Vec<&str> = listed.lines().map(|l| &l[..10]).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {listed}"
    );

    // `--export json` gives link and source, and reads back.
    let json = home.run(&["--export", "json"]);
    json.expect_code(0);
    assert!(json.stdout().contains(
        "\"link\":\"https://www.iom.int/es/news/oim-apoya-migrantes-frontera-norte\",\"source\":\"OIM — Noticias de migración / IOM Migration News\""
    ), "{}", json.stdout());
    let file = home.write("export.json", &json.stdout());
    let again = home.run(&["--list", file.to_str().unwrap()]);
    assert_eq!(again.stdout(), listed);

    let feeds = home.run(&["feed", "list"]);
    let iom = feeds
        .stdout()
        .lines()
        .find(|l| l.contains("/iom.xml"))
        .unwrap()
        .to_string();
    let fields: Vec<&str> = iom.split('\t').collect();
    assert_eq!(
        fields[1],
        "OIM — Noticias de migración / IOM Migration News"
    );
    assert_ne!(fields[2], "0");
    assert!(fields[4].ends_with(" new, 0 updated"), "{iom}");

    // A second fetch asks conditionally: nothing is sent twice.
    let second = home.run(&["fetch"]);
    second.expect_code(1);
    let stdout = second.stdout();
    let iom_line = stdout
        .lines()
        .find(|l| l.contains("/iom.xml"))
        .unwrap_or_default();
    assert!(
        iom_line.ends_with("/iom.xml>: 0 new, 0 updated"),
        "tiny_http ignores If-None-Match, so 200 again, and nothing new: {stdout}"
    );
    let conditional = server
        .requests()
        .iter()
        .filter(|r| r.path == "/iom.xml")
        .filter_map(|r| r.header("If-None-Match").map(str::to_string))
        .collect::<Vec<_>>();
    assert_eq!(conditional, ["\"v1\""]);
    assert!(stdout.contains("0 new, 0 updated"), "{stdout}");
}

#[test]
fn not_modified_feeds_count_as_fetched() {
    let server = Server::start(|request| match request.header("If-None-Match") {
        Some("\"v1\"") => Reply::status(304),
        _ => Reply::ok(RSS).header("ETag", "\"v1\""),
    });
    let home = Home::new();
    home.add(&server.url("/iom.xml"));
    home.run(&["fetch"]).expect_code(0);
    let second = home.run(&["fetch", "--jobs", "1", "--timeout", "5"]);
    second.expect_code(0);
    assert!(
        second.stdout().contains(": not modified\n"),
        "{}",
        second.stdout()
    );
    assert!(
        second
            .stdout()
            .ends_with("1 feed: 0 fetched (0 new, 0 updated), 1 not modified, 0 failed\n"),
        "{}",
        second.stdout()
    );
}

#[test]
fn a_permanent_redirect_moves_the_feed_in_the_list() {
    let server = Server::start(|request| match request.path.as_str() {
        "/old.xml" => Reply::redirect(301, "/new.xml"),
        "/new.xml" => Reply::ok(RSS),
        _ => Reply::status(404),
    });
    let home = Home::new();
    home.add(&server.url("/old.xml"));
    home.run(&["fetch"]).expect_code(0);
    let toml = home.feeds_toml();
    assert!(toml.contains(&server.url("/new.xml")), "{toml}");
    assert!(!toml.contains("/old.xml"), "{toml}");
    let feeds = home.run(&["feed", "list"]).stdout();
    assert!(feeds.starts_with(&server.url("/new.xml")), "{feeds}");
}

/// Reads `child`'s standard output until a line contains `marker`.
fn read_until(stdout: &mut impl BufRead, marker: &str) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        let mut line = String::new();
        let read = stdout.read_line(&mut line).unwrap();
        assert!(read > 0, "the output ended before {marker}: {seen:?}");
        let found = line.contains(marker);
        seen.push(line);
        if found {
            return seen;
        }
    }
}

#[test]
fn a_fetch_killed_after_a_feed_moved_stores_nothing_twice() {
    let server = Server::start(|request| match request.path.as_str() {
        "/old.xml" => Reply::redirect(301, "/new.xml"),
        "/new.xml" => Reply::ok(RSS),
        _ => Reply::status(404),
    });
    // A feed that never answers, so the fetch is still running after the move.
    let stalled = support::http::RawServer::start(support::http::wait_for_hang_up);
    let home = Home::new();
    home.add(&server.url("/old.xml"));
    home.add(&stalled.url("/stalled.xml"));
    let mut child = home.spawn(&["fetch", "--jobs", "2"]);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    read_until(&mut stdout, "/new.xml");
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let again = home.run(&["fetch", "--timeout", "1"]);
    again.expect_code(1);
    let listed = home.run(&["--list"]).stdout();
    let mut headlines: Vec<&str> = listed.lines().collect();
    let count = headlines.len();
    headlines.sort();
    headlines.dedup();
    assert!(count > 0, "{listed}");
    assert_eq!(headlines.len(), count, "every item once: {listed}");
    let feeds = home.run(&["feed", "list"]).stdout();
    assert_eq!(feeds.lines().count(), 2, "{feeds}");
    assert!(!feeds.contains("/old.xml"), "{feeds}");
}

#[test]
fn edits_made_while_a_fetch_moves_a_feed_all_survive() {
    let (arrived, wait_arrived) = std::sync::mpsc::channel();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let gate = std::sync::Mutex::new((arrived, released));
    let server = Server::start(move |request| match request.path.as_str() {
        "/old.xml" => Reply::redirect(301, "/new.xml"),
        "/new.xml" => {
            // Held until the test has edited the list.
            let gate = gate.lock().unwrap();
            let _ = gate.0.send(());
            let _ = gate.1.recv_timeout(Duration::from_secs(30));
            Reply::ok(RSS)
        }
        _ => Reply::status(404),
    });
    let home = Home::new();
    home.add(&server.url("/old.xml"));
    let fetch = home.spawn(&["fetch"]);
    wait_arrived.recv_timeout(Duration::from_secs(30)).unwrap();
    home.add("https://example.org/added.xml");
    let list = home.path("config/migranews/feeds.toml");
    let text = std::fs::read_to_string(&list).unwrap();
    std::fs::write(&list, format!("# my comment\n{text}")).unwrap();
    release.send(()).unwrap();
    let output = fetch.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let toml = home.feeds_toml();
    assert!(toml.starts_with("# my comment\n"), "{toml}");
    assert!(toml.contains("https://example.org/added.xml"), "{toml}");
    assert!(toml.contains(&server.url("/new.xml")), "{toml}");
    assert!(!toml.contains("/old.xml"), "{toml}");
}

#[test]
fn fetch_into_a_closed_pipe_stops_printing_not_fetching() {
    let (_server, urls) = many_feeds_server(12, Duration::from_millis(20));
    let home = Home::new();
    for url in &urls {
        home.add(url);
    }
    let mut child = home.spawn(&["fetch", "--jobs", "2"]);
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here, closing the pipe like `head -1`.
    let output = child.wait_with_output().unwrap();
    assert!(first.starts_with("ok      Feed "), "{first}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(home.run(&["--list"]).stdout().lines().count(), 12 * 40);
}

#[test]
fn fetch_lines_name_not_modified_feeds_and_say_what_was_repaired() {
    let server = Server::start(|request| match request.header("If-None-Match") {
        Some("\"v1\"") => Reply::status(304),
        _ => Reply::ok(RSS.replacen("</title>", " & co</title>", 1)).header("ETag", "\"v1\""),
    });
    let home = Home::new();
    home.add(&server.url("/iom.xml"));
    let first = home.run(&["fetch"]);
    first.expect_code(0);
    let url = server.url("/iom.xml");
    let name = "OIM — Noticias de migración / IOM Migration News & co";
    assert!(
        first
            .stdout()
            .starts_with(&format!("ok      {name} <{url}>: ")),
        "{}",
        first.stdout()
    );
    assert!(
        first
            .stdout()
            .contains(" updated (repaired: bare & escaped)\n"),
        "{}",
        first.stdout()
    );
    let second = home.run(&["fetch"]);
    assert_eq!(
        lines(&second.stdout())[0],
        format!("ok      {name} <{url}>: not modified")
    );
}

#[test]
fn a_broken_feed_list_fetches_nothing_and_never_prints_controls() {
    let home = Home::new();
    std::fs::create_dir_all(home.path("config/migranews")).unwrap();
    let server = news_server();
    home.write(
        "config/migranews/feeds.toml",
        &format!(
            "[[feed]]\nurl = \" {} \"\n[[feed]]\nurl = \"{}\"\n[[feed]]\nurl = \"ftp://example.org/rss\"\n",
            server.url("/iom.xml"),
            server.url("/unhcr.atom")
        ),
    );
    let fetch = home.run(&["fetch"]);
    fetch.expect_code(2);
    assert!(
        fetch.stderr().ends_with(
            "feeds.toml: feed 3: unsupported URL scheme 'ftp' (expected http, https or file)\n"
        ),
        "{}",
        fetch.stderr()
    );
    assert!(server.requests().is_empty());
    assert!(!home.store().exists(), "nothing stored from a broken list");
    home.write(
        "config/migranews/feeds.toml",
        "[[feed]]\nurl = \"https://e.org/\\u001b]0;pwned\\u0007\"\n",
    );
    for args in [&["fetch"][..], &["feed", "list"], &["feed", "export"]] {
        let run = home.run(args);
        run.expect_code(2);
        let out = run.stderr() + &run.stdout();
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("https://e.org/\\x1b]0;pwned\\x07"), "{out:?}");
    }
}

#[test]
fn a_host_name_without_a_scheme_is_refused_with_a_hint() {
    let home = Home::new();
    let run = home.run(&["feed", "add", "www.unhcr.org/rss"]);
    run.expect_code(2);
    assert!(
        run.stderr()
            .ends_with(": no such file (did you mean https://www.unhcr.org/rss?)\n"),
        "{}",
        run.stderr()
    );
    let missing = home.run(&["feed", "add", "missing.xml"]);
    missing.expect_code(2);
    assert!(missing.stderr().ends_with("missing.xml: no such file\n"));
    assert_eq!(home.feeds_toml(), "", "nothing subscribed");
}

#[test]
fn removed_feeds_and_imported_files_can_be_purged() {
    let server = news_server();
    let home = Home::new();
    let iom = server.url("/iom.xml");
    home.add(&iom);
    home.run(&["fetch"]).expect_code(0);
    let seed = home.write("news-2022.txt", SEED);
    home.run(&["import", seed.to_str().unwrap()]).expect_code(0);
    let count = |home: &Home| home.run(&["--list"]).stdout().lines().count();
    let before = count(&home);
    home.run(&["feed", "remove", &iom]).expect_code(0);
    assert_eq!(count(&home), before, "a removed feed's items stay");
    let again = home.run(&["feed", "remove", &iom]);
    again.expect_code(2);
    assert!(
        again.stderr().contains("--purge deletes them"),
        "{}",
        again.stderr()
    );
    let purge = home.run(&["feed", "remove", &iom, "--purge"]);
    purge.expect_code(0);
    assert_eq!(purge.stdout(), format!("removed {iom} and its items\n"));
    assert_eq!(count(&home), 10, "the imported file's items are left");
    let file = home.run(&["feed", "remove", "news-2022.txt"]);
    file.expect_code(2);
    assert!(
        file.stderr().contains("is an imported file"),
        "{}",
        file.stderr()
    );
    home.run(&["feed", "remove", "news-2022.txt", "--purge"])
        .expect_code(0);
    let db = rusqlite::Connection::open(home.store()).unwrap();
    let left: i64 = db
        .query_row("SELECT count(*) FROM items", [], |row| row.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn an_export_imported_elsewhere_gives_the_same_items_from_the_same_sources() {
    let server = news_server();
    let here = Home::new();
    for path in ["/iom.xml", "/unhcr.atom", "/portal.json"] {
        here.add(&server.url(path));
    }
    here.run(&["fetch"]).expect_code(0);
    let seed = here.write("news-2022.txt", SEED);
    here.run(&["import", seed.to_str().unwrap()]).expect_code(0);
    let exported = here.run(&["--export", "json"]);
    exported.expect_code(0);

    let there = Home::new();
    let file = there.write("s.json", &exported.stdout());
    let import = there.run(&["import", file.to_str().unwrap()]);
    import.expect_code(0);
    assert!(
        import.stdout().ends_with(" in 4 sources\n"),
        "{}",
        import.stdout()
    );
    // The same items, each from the same source; within a day their order
    // may differ, as imported items all have midnight for their time.
    let sorted = |text: String| {
        let mut items: Vec<String> = text
            .lines()
            .filter(|line| line.starts_with('{'))
            .map(|line| line.trim_end_matches(',').to_string())
            .collect();
        items.sort();
        items
    };
    let again = there.run(&["--export", "json"]);
    let (before, after) = (sorted(exported.stdout()), sorted(again.stdout()));
    assert_eq!(before.len(), after.len());
    assert_eq!(before, after);

    // Two stories with one headline on one day; a repeat is reported.
    let same_day = there.write(
        "same-day.json",
        r#"[{"date":"2026-01-05","headline":"Weekly briefing","link":"https://a.org/1"},
            {"date":"2026-01-05","headline":"Weekly briefing","link":"https://a.org/2"},
            {"date":"2026-01-05","headline":"Weekly briefing","link":"https://a.org/2"}]"#,
    );
    let import = there.run(&["import", same_day.to_str().unwrap()]);
    assert_eq!(
        import.stdout(),
        "same-day.json: 2 new, 0 updated, 3 items; 1 duplicate item skipped\n"
    );
}

#[test]
fn escape_sequences_in_feeds_never_reach_the_output() {
    let hostile = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T&#27;]0;pwned&#7;itle</title>
<item><title>Head&#27;[2Jline with ESC]0;title</title><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate><guid>1</guid><description>Body &#27;]52;c;ZXZpbA==&#7; text</description></item>
</channel></rss>"#
        .replace("ESC", "\u{1b}");
    let server = Server::routes(vec![("/evil.xml", Reply::ok(hostile))]);
    let home = Home::new();
    home.add(&server.url("/evil.xml"));
    home.run(&["fetch"]).expect_code(0);
    for args in [&["--list"][..], &["--export", "json"], &["feed", "list"]] {
        let run = home.run(args);
        run.expect_code(0);
        let out = run.stdout();
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{args:?}: {out:?}"
        );
    }
    let listed = home.run(&["--list"]).stdout();
    assert!(
        listed.ends_with("\tHeadline with\n"),
        "the sequences went whole: {listed:?}"
    );
    let feeds = home.run(&["feed", "list"]).stdout();
    assert!(feeds.contains("\tTitle\t1\t"), "{feeds:?}");
}

#[test]
fn import_puts_archives_in_the_store_beside_the_feeds() {
    let server = news_server();
    let home = Home::new();
    home.add(&server.url("/iom.xml"));
    home.run(&["fetch"]).expect_code(0);
    let seed = home.write("news-2022.txt", SEED);
    let import = home.run(&["import", seed.to_str().unwrap()]);
    import.expect_code(0);
    assert_eq!(
        import.stdout(),
        "news-2022.txt: 10 new, 0 updated, 10 items\n"
    );
    let again = home.run(&["import", seed.to_str().unwrap()]);
    assert_eq!(
        again.stdout(),
        "news-2022.txt: 0 new, 0 updated, 10 items\n"
    );
    let listed = home.run(&["--list"]).stdout();
    assert!(
        listed.contains("2022-06-01\tIOM and the RCM aim"),
        "{listed}"
    );
    assert!(
        listed.contains("\tLa OIM apoya a 12.000 migrantes"),
        "{listed}"
    );
    let found = home.run(&["--filter", "'diasporas", "--export", "json"]);
    found.expect_code(0);
    assert!(
        found.stdout().contains("\"source\":\"news-2022.txt\""),
        "{}",
        found.stdout()
    );

    let bad = home.write("bad.txt", "no dates here\n");
    let refused = home.run(&["import", seed.to_str().unwrap(), bad.to_str().unwrap()]);
    refused.expect_code(2);
    assert!(
        refused.stderr().contains("bad.txt: no news items found"),
        "{}",
        refused.stderr()
    );
}

#[test]
fn without_feeds_or_a_store_the_built_in_archive_is_shown() {
    let home = Home::new();
    let listed = home.run(&["--list"]);
    listed.expect_code(0);
    assert_eq!(listed.stdout().lines().count(), 10);
    assert!(!home.store().exists(), "reading never creates a store");
    let fetch = home.run(&["fetch"]);
    fetch.expect_code(0);
    assert_eq!(
        fetch.stderr(),
        "migranews: no feeds yet: add one with `migranews feed add URL`\n"
    );
}

#[test]
fn a_store_from_a_newer_migranews_is_refused_untouched() {
    let server = news_server();
    let home = Home::new();
    home.add(&server.url("/iom.xml"));
    home.run(&["fetch"]).expect_code(0);
    {
        let db = rusqlite::Connection::open(home.store()).unwrap();
        db.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = std::fs::read(home.store()).unwrap();
    for args in [&["--list"][..], &["fetch"]] {
        let run = home.run(args);
        run.expect_code(2);
        assert!(run.stderr().contains("newer migranews"), "{}", run.stderr());
        assert_eq!(run.stderr().lines().count(), 1);
    }
    assert_eq!(std::fs::read(home.store()).unwrap(), before);
}

/// `count` feeds of 40 items each, answered after `delay`.
fn many_feeds_server(count: usize, delay: Duration) -> (Server, Vec<String>) {
    feeds_server(count, delay, false)
}

/// Like [`many_feeds_server`]; `fresh`: 40 new items on every request.
fn feeds_server(count: usize, delay: Duration, fresh: bool) -> (Server, Vec<String>) {
    let served = std::sync::atomic::AtomicUsize::new(0);
    let server = Server::start(move |request| {
        std::thread::sleep(delay);
        let round = match fresh {
            true => served.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            false => 0,
        };
        let number: usize = request
            .path
            .trim_start_matches("/feed-")
            .trim_end_matches(".xml")
            .parse()
            .unwrap_or(0);
        let mut xml = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed {number}</title>"
        );
        for item in 0..40 {
            xml.push_str(&format!(
                "<item><title>Feed {number} item {item} migración</title><guid>{number}-{item}-{round}</guid>\
                 <pubDate>Mon, 0{} Nov 2026 10:00:00 GMT</pubDate><description>Body {item}</description></item>",
                1 + item % 9
            ));
        }
        xml.push_str("</channel></rss>");
        Reply::ok(xml)
    });
    let urls = (0..count)
        .map(|n| server.url(&format!("/feed-{n}.xml")))
        .collect();
    (server, urls)
}

fn integrity(store: &Path) -> String {
    let db = rusqlite::Connection::open(store).unwrap();
    db.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

#[test]
fn kill_9_during_a_fetch_loses_nothing_committed() {
    let (_server, urls) = many_feeds_server(40, Duration::from_millis(30));
    let home = Home::new();
    for url in &urls {
        home.add(url);
    }
    let mut child = home.spawn(&["fetch", "--jobs", "2"]);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut reported = Vec::new();
    for _ in 0..3 {
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        reported.push(line);
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(integrity(&home.store()), "ok");
    // Every feed reported as stored is in the store.
    let listed = home.run(&["--list"]).stdout();
    for line in &reported {
        assert!(line.starts_with("ok      Feed "), "{line}");
        let number = line["ok      Feed ".len()..].split(' ').next().unwrap();
        assert!(
            listed.contains(&format!("\tFeed {number} item 39 migración\n")),
            "feed {number} lost"
        );
    }
    let again = home.run(&["fetch"]);
    again.expect_code(0);
    assert_eq!(integrity(&home.store()), "ok");
    assert_eq!(home.run(&["--list"]).stdout().lines().count(), 40 * 40);
}

#[test]
fn two_fetches_and_readers_at_once_all_succeed() {
    // Every request gives new items, so both fetches at once write.
    let (_server, urls) = feeds_server(20, Duration::from_millis(5), true);
    let home = Home::new();
    for url in &urls {
        home.add(url);
    }
    home.run(&["fetch"]).expect_code(0);
    let fetches: Vec<Child> = (0..2).map(|_| home.spawn(&["fetch"])).collect();
    let readers: Vec<Child> = (0..4)
        .map(|_| home.spawn(&["--filter", "migracion"]))
        .collect();
    for (index, child) in fetches.into_iter().chain(readers).enumerate() {
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        assert!(!stderr.contains("locked"), "{stderr}");
        if index < 2 {
            assert!(
                stdout.ends_with(
                    "20 feeds: 20 fetched (800 new, 0 updated), 0 not modified, 0 failed\n"
                ),
                "each fetch wrote its own items: {stdout}"
            );
        }
    }
    assert_eq!(integrity(&home.store()), "ok");
    assert_eq!(home.run(&["--list"]).stdout().lines().count(), 3 * 20 * 40);
}

#[test]
fn generate_prints_completions_and_a_man_page() {
    let home = Home::new();
    for (shell, marker) in [
        ("bash", "_migranews()"),
        ("zsh", "#compdef migranews"),
        ("fish", "complete -c migranews"),
        ("man", ".TH migranews"),
    ] {
        let run = home.run(&["--generate", shell]);
        run.expect_code(0);
        assert!(run.stdout().contains(marker), "{shell}: {}", run.stdout());
        assert!(
            run.stdout().contains("fetch"),
            "{shell} knows the subcommands"
        );
    }
    let help = home.run(&["--help"]).stdout();
    assert!(!help.contains("--generate"), "hidden from --help: {help}");
    let man = home.run(&["--generate", "man"]).stdout();
    let sections: Vec<&str> = man.lines().filter(|l| l.starts_with(".SH ")).collect();
    let at = |name: &str| sections.iter().position(|s| *s == name);
    let order = [
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH VERSION",
    ]
    .map(at);
    assert!(
        order.iter().all(Option::is_some) && order.windows(2).all(|w| w[0] < w[1]),
        "{sections:?}"
    );
    for text in [
        "feeds.toml",
        "config.toml",
        "store.db",
        "~/.local/share/migranews",
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "BROWSER",
        "NO_COLOR",
        "https_proxy",
        "no_proxy",
        "\n130\n",
    ] {
        assert!(man.contains(text), "{text}: {man}");
    }
}
