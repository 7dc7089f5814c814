//! Fetching 200 feeds of 50 items each from a server on 127.0.0.1 into a new
//! store, end to end: requests, parsing, HTML to text, saving. Goal: 2 s.

#[path = "../tests/support/http.rs"]
mod http;

use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use migranews::config::feed_list::{FeedEntry, FeedList};
use migranews::store::Store;
use migranews::update::{FetchPlan, Totals, update_feeds};

const FEEDS: usize = 200;
const ITEMS: usize = 50;

/// One feed of `ITEMS` items with HTML bodies, as news sites publish them.
fn feed(number: usize) -> String {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>\
         <title>Feed {number}</title><link>https://news.example.org/{number}</link>"
    );
    for item in 0..ITEMS {
        xml.push_str(&format!(
            "<item><title>Migrantes en la frontera {number}-{item}: la OIM informa</title>\
             <link>https://news.example.org/{number}/{item}</link><guid>{number}-{item}</guid>\
             <pubDate>Mon, {:02} Nov 2026 10:00:00 GMT</pubDate>\
             <description><![CDATA[<p>La <b>Organización Internacional para las Migraciones</b> \
             (OIM) informó sobre la situación en Tapachula y el Darién.</p>\
             <ul><li>Asistencia humanitaria</li><li>Albergues</li></ul>\
             <p>Más información en <a href=\"https://www.iom.int\">iom.int</a>.</p>]]></description></item>",
            1 + item % 28
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

fn fetch_200_feeds(c: &mut Criterion) {
    let feeds: Vec<String> = (0..FEEDS).map(feed).collect();
    let server = http::Server::start(move |request| {
        let number: usize = request
            .path
            .trim_start_matches("/feed-")
            .trim_end_matches(".xml")
            .parse()
            .unwrap_or(0);
        http::Reply::ok(feeds[number % FEEDS].clone())
    });
    let urls: Vec<String> = (0..FEEDS)
        .map(|n| server.url(&format!("/feed-{n}.xml")))
        .collect();
    let plan = FetchPlan {
        jobs: 8,
        timeout: Duration::from_secs(30),
    };
    let mut group = c.benchmark_group("fetch");
    group.sample_size(10);
    group.bench_function("200 feeds x 50 items into a new store", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let mut list = FeedList::load(&dir.path().join("feeds.toml")).unwrap();
                for url in &urls {
                    list.add(FeedEntry {
                        url: url.clone(),
                        ..FeedEntry::default()
                    });
                }
                (dir, list)
            },
            |(dir, mut list)| {
                let mut store = Store::open(&dir.path().join("store.db")).unwrap();
                let reports = update_feeds(&mut store, &mut list, plan, |_, _| {}).unwrap();
                let totals = Totals::of(&reports);
                assert_eq!((totals.fetched, totals.new), (FEEDS, FEEDS * ITEMS));
                dir
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, fetch_200_feeds);
criterion_main!(benches);
