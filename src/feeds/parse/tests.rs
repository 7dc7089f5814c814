use chrono::TimeZone;
use proptest::prelude::*;

use super::*;
use crate::feeds::html::tests::{is_canonical, is_safe};

/// A fixture from `tests/fixtures/feeds/`.
pub(crate) fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn parsed(name: &str) -> ParsedFeed {
    parse_feed(&fixture(name), None).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn failure(bytes: &[u8]) -> String {
    parse_feed(bytes, None)
        .expect_err("should not parse")
        .to_string()
}

fn headlines(feed: &ParsedFeed) -> Vec<&str> {
    feed.items
        .iter()
        .map(|item| item.headline.as_str())
        .collect()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> Option<DateTime<Utc>> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).single()
}

#[test]
fn rss2_items_come_in_order_with_html_made_plain() {
    let feed = parsed("rss2.xml");
    assert_eq!(
        feed.title.as_deref(),
        Some("OIM — Noticias de migración / IOM Migration News")
    );
    assert_eq!(
        headlines(&feed),
        [
            "La OIM apoya a 12.000 migrantes varados en la frontera norte de México",
            "IOM and UNHCR call for safe pathways as Darién crossings rise",
            "Guatemala: retornos asistidos aumentan 15%",
        ]
    );
    let first = &feed.items[0];
    assert_eq!(first.guid.as_deref(), Some("iom-2026-0412"));
    assert_eq!(
        first.link.as_deref(),
        Some("https://www.iom.int/es/news/oim-apoya-migrantes-frontera-norte")
    );
    assert_eq!(first.published, utc(2026, 4, 14, 9, 30));
    assert_eq!(
        first.body,
        "Ciudad de México – La Organización Internacional para las Migraciones (OIM) apoyó a más \
         de 12.000 personas varadas en la frontera norte durante el primer trimestre.\n\n\
         Asistencia entregada\n\n\
         • Agua y kits de higiene\n• Albergue temporal\n\n\
         Ciudad | Personas\nCiudad Juárez | 7.400\nTijuana | 4.600\n\n\
         Más información en el portal DTM (https://dtm.iom.int/mexico).",
        "content:encoded wins over the description; the script is gone"
    );
    assert_eq!(
        feed.items[1].body,
        "Panama City – More than 20,000 people crossed the Darién jungle in March.\n\nMost were Venezuelan."
    );
    assert_eq!(feed.items[1].published, utc(2026, 4, 13, 13, 0));
    assert_eq!(
        feed.items[2].link.as_deref(),
        Some("https://www.iom.int/es/news/guatemala-retornos"),
        "trimmed"
    );
    assert!(feed.repairs.is_empty());
}

#[test]
fn rss1_and_rss091() {
    let rdf = parsed("rss1.rdf");
    assert_eq!(rdf.title.as_deref(), Some("ReliefWeb - Updates: Migration"));
    assert_eq!(
        headlines(&rdf),
        [
            "Colombia: Situation Report – Venezuelan migrants (April 2026)",
            "Honduras: Flash Update – Caravana de migrantes",
        ]
    );
    assert_eq!(rdf.items[1].published, utc(2026, 4, 13, 0, 30));
    assert_eq!(
        rdf.items[1].body,
        "Unas 3.000 personas salieron de San Pedro Sula hacia Guatemala."
    );

    let old = parsed("rss091.xml");
    assert_eq!(old.title.as_deref(), Some("UNHCR Briefing Notes"));
    assert_eq!(old.items.len(), 2);
    assert_eq!(
        old.items[0].link.as_deref(),
        Some("https://www.unhcr.org/briefing/chile-peru-border")
    );
    assert_eq!(old.items[0].published, None);
}

#[test]
fn atom_entries() {
    let feed = parsed("atom.xml");
    assert_eq!(feed.title.as_deref(), Some("UNHCR News – Americas"));
    let [record, jobs, plain] = &feed.items[..] else {
        panic!("{:?}", headlines(&feed));
    };
    assert_eq!(record.headline, "Record asylum claims in Mexico (COMAR)");
    assert_eq!(
        record.link.as_deref(),
        Some("https://www.unhcr.org/americas/news/record-asylum-claims-mexico"),
        "the first alternate link, not the enclosure"
    );
    assert_eq!(
        record.published,
        utc(2026, 4, 15, 20, 20),
        "published over updated"
    );
    assert_eq!(
        record.body,
        "Mexico’s refugee agency COMAR received 48,000 asylum claims.\n\nMost came from Honduras, Cuba and Haiti."
    );
    assert_eq!(
        jobs.body,
        "Un programa de empleo apoya a 2.000 personas.\n\nSegunda fase en mayo."
    );
    assert_eq!(
        jobs.published,
        utc(2026, 4, 14, 8, 0),
        "updated when not published"
    );
    assert_eq!(
        plain.body, "First line <not a tag>\nsecond line\n\nNew paragraph.",
        "type=\"text\" content stays plain"
    );
    assert_eq!(plain.link, None);
}

#[test]
fn json_feed_items() {
    let feed = parsed("jsonfeed.json");
    assert_eq!(
        feed.title.as_deref(),
        Some("Migration Data Portal – Updates")
    );
    let [remittances, displaced] = &feed.items[..] else {
        panic!("{:?}", headlines(&feed));
    };
    assert_eq!(remittances.guid.as_deref(), Some("mdp-2026-031"));
    assert_eq!(
        remittances.body,
        "Remittances to Guatemala, Honduras and El Salvador grew by 7%.\n\nSource: World Bank (https://www.worldbank.org)"
    );
    assert_eq!(
        displaced.body,
        "Colombia registra 6,8 millones de desplazados internos.\n\nLa cifra incluye a <personas> retornadas."
    );
    assert_eq!(displaced.published, utc(2026, 4, 9, 21, 45));
}

#[test]
fn charsets_declared_undeclared_and_utf16() {
    let latin1 = parsed("latin1-declared.xml");
    assert_eq!(latin1.title.as_deref(), Some("Migración y Asilo · Boletín"));
    assert_eq!(
        latin1.items[0].headline,
        "Niños y adolescentes no acompañados: aumento en Tapachula"
    );
    assert!(latin1.repairs.is_empty());

    let cp1252 = parsed("windows-1252-undeclared.xml");
    assert_eq!(
        cp1252.items[0].headline,
        "“Nadie migra por gusto”: testimonios desde Tenosique"
    );
    assert_eq!(
        cp1252.items[0].body,
        "Familias hondureñas relatan el viaje — y el costo: 3.000 € por persona."
    );
    assert_eq!(cp1252.repairs, ["undeclared Windows-1252 decoded"]);

    let utf16 = parsed("utf16-bom.xml");
    assert_eq!(
        utf16.title.as_deref(),
        Some("Observatorio de Migración — 移民")
    );
    assert_eq!(
        utf16.items[0].headline,
        "Perú: más de 1,5 millones de venezolanos"
    );
}

#[test]
fn the_http_charset_counts_when_the_document_declares_none() {
    let bytes = b"<rss version=\"2.0\"><channel><title>Espa\xf1a</title></channel></rss>";
    let feed = parse_feed(bytes, Some("application/rss+xml; charset=ISO-8859-1")).unwrap();
    assert_eq!(feed.title.as_deref(), Some("España"));
    assert!(feed.repairs.is_empty());
}

#[test]
fn bare_ampersands_and_html_entities_are_repaired() {
    let feed = parsed("bare-ampersand.xml");
    assert_eq!(
        feed.title.as_deref(),
        Some("Chad & Sudan Displacement Updates")
    );
    let item = &feed.items[0];
    assert_eq!(
        item.headline,
        "Refugees & returnees: 600,000 arrivals in eastern Chad"
    );
    assert_eq!(
        item.link.as_deref(),
        Some("https://reliefweb.int/report/chad/refugees-returnees?lang=en&format=html")
    );
    assert_eq!(
        item.body,
        "UNHCR & WFP warn of funding gaps; AT&T is not involved."
    );
    assert_eq!(feed.repairs, ["bare & escaped"]);

    let feed = parsed("html-entities.xml");
    assert_eq!(feed.title.as_deref(), Some("Café de la Migración — Blog"));
    assert_eq!(
        feed.items[0].headline,
        "Niños en tránsito – informe «Sin rumbo»"
    );
    assert_eq!(feed.items[0].body, "UNICEF estima 1.200\u{a0}niños… © 2026");
    assert_eq!(feed.repairs, ["HTML entities replaced"]);
}

#[test]
fn escape_sequences_never_leave_raw_or_as_references() {
    for name in ["escape-raw.xml", "escape-refs.xml"] {
        let feed = parsed(name);
        assert_eq!(feed.title.as_deref(), Some("Hostile Feed"), "{name}");
        let item = &feed.items[0];
        assert_eq!(
            item.headline, "Clipboard attack",
            "{name}: OSC 52 gone whole"
        );
        assert_eq!(item.body, "Red text and clear", "{name}: CSI gone whole");
        assert_eq!(item.guid.as_deref(), Some("hostile-1"), "{name}");
        let link = item.link.as_deref().unwrap_or_default();
        assert!(is_safe(link) && link.starts_with("https://www.example.org/hostile/1"));
        assert!(
            feed.repairs
                .contains(&"control characters removed".to_string())
        );
    }
}

#[test]
fn duplicates_are_kept_and_missing_titles_and_dates_are_filled_or_left() {
    let feed = parsed("edge-items.xml");
    let guids: Vec<_> = feed.items.iter().map(|item| item.guid.as_deref()).collect();
    assert_eq!(
        guids,
        [
            Some("med-route"),
            Some("med-route"),
            Some("untitled-1"),
            Some("undated-1")
        ],
        "both duplicates kept; the item with nothing at all is skipped"
    );
    assert_eq!(
        feed.items[2].headline,
        "Search and rescue organisations reported 214 people rescued off Lampedusa over the…"
    );
    assert_eq!(feed.items[3].published, None);
    assert_eq!(feed.repairs, ["empty items skipped"]);
}

#[test]
fn malformed_and_truncated_feeds_are_errors() {
    assert_eq!(
        failure(&fixture("malformed.xml")),
        "not a feed: XML error: ill-formed document: expected `</title>`, but `</description>` was found"
    );
    assert_eq!(
        failure(&fixture("truncated.xml")),
        "truncated feed: <rss> is not closed"
    );
    let whole = String::from_utf8(fixture("rss2.xml")).unwrap();
    for cut in ["</item>", "</channel>"] {
        let end = whole.rfind(cut).unwrap() + cut.len();
        assert_eq!(
            failure(&whole.as_bytes()[..end]),
            "truncated feed: <rss> is not closed",
            "cut after the last {cut}"
        );
    }
    let json = String::from_utf8(fixture("jsonfeed.json")).unwrap();
    assert_eq!(
        failure(&json.as_bytes()[..json.len() / 2]),
        "truncated feed: the JSON ends early"
    );
}

#[test]
fn junk_after_the_feed_and_odd_rss_versions_are_repaired() {
    let whole = String::from_utf8(fixture("rss2.xml")).unwrap();
    let junk = format!("{whole}<script src=\"https://hosting.example/track.js\"></script>\n");
    let feed = parse_feed(junk.as_bytes(), None).unwrap();
    assert_eq!(feed.items.len(), 3);
    assert_eq!(feed.repairs, ["text after the end of the feed ignored"]);

    let unversioned = whole.replace("<rss version=\"2.0\"", "<rss");
    let feed = parse_feed(unversioned.as_bytes(), None).unwrap();
    assert_eq!(feed.items.len(), 3);
    assert_eq!(feed.repairs, ["RSS version set to 2.0"]);
}

#[test]
fn things_that_are_not_feeds_say_so() {
    assert_eq!(
        failure(b"<!DOCTYPE html><html><body>Welcome</body></html>"),
        "not a feed: the document is <html>, not RSS or Atom"
    );
    assert_eq!(failure(b"  \n"), "not a feed: the document is empty");
    assert_eq!(
        failure(b"\x00\x01binary"),
        "not a feed: neither XML nor JSON"
    );
    assert!(failure(b"{\"version\": 1}").starts_with("not a feed"));
}

#[test]
fn long_titles_are_cut() {
    let title = "palabra ".repeat(100);
    let xml = format!(
        "<rss version=\"2.0\"><channel><item><title>{title}</title></item></channel></rss>"
    );
    let headline = &parse_feed(xml.as_bytes(), None).unwrap().items[0].headline;
    assert_eq!(headline.chars().count(), MAX_HEADLINE_CHARS);
    assert!(headline.ends_with("palabra…"), "{headline}");
}

#[test]
fn markup_in_titles_is_recognised() {
    assert!(looks_like_html("a <b>bold</b> move"));
    assert!(looks_like_html("Caf&eacute;"));
    assert!(looks_like_html("&#233;"));
    assert!(!looks_like_html("arrivals < 5% & falling"));
    assert_eq!(
        one_line("arrivals < 5% &\n falling"),
        "arrivals < 5% & falling"
    );
    // Taken for an entity, but one HTML does not know either: kept as is.
    assert_eq!(one_line("R&D; budgets"), "R&D; budgets");
}

/// Every string an item carries, for safety checks.
fn all_text(feed: &ParsedFeed) -> Vec<&str> {
    let mut texts: Vec<&str> = feed.title.as_deref().into_iter().collect();
    for item in &feed.items {
        texts.extend([item.headline.as_str(), item.body.as_str()]);
        texts.extend(item.guid.as_deref());
        texts.extend(item.link.as_deref());
    }
    texts
}

/// Found by fuzzing: quick-xml 0.42 panicked (and the feed failed) on an
/// XML declaration naming another encoding inside the document.
#[test]
fn a_second_xml_declaration_inside_the_feed_is_ignored() {
    let xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title><?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>Noticias</title>\
               <entry><title>Uno</title><id>1</id></entry></feed>";
    let feed = parse_feed(xml.as_bytes(), None).unwrap();
    assert_eq!(feed.title.as_deref(), Some("Noticias"));
    assert_eq!(feed.items.len(), 1);
    assert_eq!(feed.repairs, ["misplaced XML declaration removed"]);
    // Also after an attribute value holding what looks like a comment.
    let xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>Uno</title><id>1</id>\
               <link href=\"<!--\"/><updated><?xml version=\"1.0\" encoding=\"ISO-8859-1\"?></updated>\
               </entry></feed>";
    assert_eq!(parse_feed(xml.as_bytes(), None).unwrap().items.len(), 1);
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(feed) = parse_feed(&bytes, None) {
            prop_assert!(all_text(&feed).iter().all(|text| is_safe(text)));
        }
    }

    #[test]
    fn anything_inside_a_feed_comes_out_safe(
        title in "(\\PC|[\\x00-\\x1f\\x7f\u{80}-\u{9f}\u{202e}&<>;#\\[\\]])*",
        body in "(\\PC|[\\x00-\\x1f\u{9b}\u{9d}&<>;#])*",
        guid in "(\\PC|[\\x00-\\x1f&;#])*",
    ) {
        let xml = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>\
             <item><title>{title}</title><guid>{guid}</guid><link>https://x.org/{guid}</link>\
             <description><![CDATA[{body}]]></description></item></channel></rss>"
        );
        if let Ok(feed) = parse_feed(xml.as_bytes(), None) {
            for text in all_text(&feed) {
                prop_assert!(is_safe(text), "{text:?}");
            }
            for item in &feed.items {
                prop_assert!(is_canonical(&item.body), "{:?}", item.body);
                prop_assert!(!item.headline.contains('\n'), "{:?}", item.headline);
            }
        }
    }
}
