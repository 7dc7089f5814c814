use proptest::prelude::*;

use super::*;

fn name(xml: &str) -> Option<&str> {
    root(xml).map(|root| root.name)
}

#[test]
fn roots_are_found_after_the_prolog() {
    let rss091 = "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE rss PUBLIC \
                  \"-//Netscape Communications//DTD RSS 0.91//EN\"\n \
                  \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\">";
    let found = root(rss091).unwrap();
    assert_eq!(found.name, "rss");
    assert_eq!(&rss091[found.tag], "<rss version=\"0.91\">");
    assert_eq!(name("<rdf:RDF xmlns:rdf=\"x\">"), Some("rdf:RDF"));
    assert_eq!(name("<feed>"), Some("feed"));
    assert_eq!(name("<html><body>"), Some("html"));
    assert_eq!(name("no markup"), None);
    assert_eq!(name("<?xml version=\"1.0\""), None);
    assert!(root("<rdf:RDF>").unwrap().is_feed());
    assert!(root("<rss/>").unwrap().is_feed());
    assert!(!root("<html>").unwrap().is_feed());
}

/// What follows the root, if it closes.
fn end(xml: &str) -> Option<&str> {
    root_end(xml, &root(xml)?).map(|end| &xml[end..])
}

#[test]
fn a_document_is_complete_when_its_root_closes() {
    assert_eq!(end("<rss><channel/></rss>\n"), Some("\n"));
    assert_eq!(end("<rss></rss >"), Some(""));
    let rdf = "<rdf:RDF></rdf:RDF>";
    assert_eq!(root_end(rdf, &root(rdf).unwrap()), Some(19));
    assert_eq!(end("<rss version=\"2.0\"/>\n"), Some("\n"));
    assert_eq!(end("<rss><channel><item></item>"), None);
    assert_eq!(end("<rss><channel></channel>"), None);
    assert_eq!(end("<rss><channel></channel></rs"), None);
    assert_eq!(end("<rss><channel></channel></rss"), None);
    assert_eq!(end("<rss></rssx>"), None);
}

#[test]
fn comments_may_follow_the_root_but_not_text() {
    assert!(is_epilogue("\n<!-- cached 0.3 s -->\n<?pi x?>  "));
    assert!(is_epilogue(""));
    assert!(!is_epilogue("<script>track()</script>"));
    assert!(!is_epilogue("<!-- cut"));
}

#[test]
fn rss_versions_feed_rs_does_not_read_become_2_0() {
    let fixed = |xml: &str| with_rss_version(xml, &root(xml).unwrap());
    assert_eq!(fixed("<rss version=\"2.0\"><channel/></rss>"), None);
    assert_eq!(fixed("<rss version='0.91'/>"), None);
    assert_eq!(
        fixed("<?xml version=\"1.0\"?><rss><channel/></rss>").as_deref(),
        Some("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>")
    );
    assert_eq!(
        fixed("<rss xmlns:dc=\"x\" version=\"0.93\" a='b'><channel/></rss>").as_deref(),
        Some("<rss version=\"2.0\" xmlns:dc=\"x\" a='b'><channel/></rss>")
    );
    assert_eq!(
        fixed("<rss xversion=\"1\"><c/></rss>").as_deref(),
        Some("<rss version=\"2.0\" xversion=\"1\"><c/></rss>")
    );
    assert_eq!(fixed("<feed><entry/></feed>"), None);
}

proptest! {
    #[test]
    fn never_panics(xml in "([<>/!?\\[\\]\"'= a-z-]|rss|version|<!--|-->|\u{e9}){0,60}") {
        if let Some(found) = root(&xml) {
            let _ = with_rss_version(&xml, &found);
            let _ = root_end(&xml, &found);
        }
        let _ = is_epilogue(&xml);
    }
}
