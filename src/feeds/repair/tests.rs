use proptest::prelude::*;

use super::*;

fn repaired(xml: &str) -> (String, Vec<String>) {
    let mut repairs = Vec::new();
    let text = repair_references(xml, &mut repairs).into_owned();
    (text, repairs)
}

#[test]
fn well_formed_xml_is_borrowed_untouched() {
    let xml = "<t a=\"x&amp;y\">&lt;b&gt; &#233; &#xE9; &quot;&apos;</t>";
    let mut repairs = Vec::new();
    assert!(matches!(
        repair_references(xml, &mut repairs),
        Cow::Borrowed(_)
    ));
    assert!(repairs.is_empty());
}

#[test]
fn misplaced_xml_declarations_are_removed() {
    let xml = "<?xml version=\"1.0\"?><feed><title><?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>T</title><?xml-stylesheet href=\"s.xsl\"?><?xml?></feed>";
    assert_eq!(
        repaired(xml),
        (
            "<?xml version=\"1.0\"?><feed><title>T</title><?xml-stylesheet href=\"s.xsl\"?></feed>"
                .into(),
            vec!["misplaced XML declaration removed".into()]
        )
    );
}

#[test]
fn markup_inside_attribute_values_opens_nothing() {
    let xml = "<?xml version=\"1.0\"?><f><link href=\"<!--&\"/><u><?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>&</u><a t='>'/></f>";
    assert_eq!(
        repaired(xml).0,
        "<?xml version=\"1.0\"?><f><link href=\"<!--&amp;\"/><u>&amp;</u><a t='>'/></f>"
    );
}

#[test]
fn bare_ampersands_are_escaped() {
    assert_eq!(
        repaired("<t>Chad & Sudan &&x; AT&T &#; &#x;</t>"),
        (
            "<t>Chad &amp; Sudan &amp;&amp;x; AT&amp;T &amp;#; &amp;#x;</t>".into(),
            vec![
                "bare & escaped".into(),
                "unknown entities kept as text".into()
            ]
        )
    );
    assert_eq!(
        repaired("<link href=\"https://x.org/?a=1&b=2\"/>").0,
        "<link href=\"https://x.org/?a=1&amp;b=2\"/>"
    );
}

#[test]
fn html_entities_become_characters() {
    assert_eq!(
        repaired("<t>Caf&eacute;&nbsp;&mdash; &hellip; &AMP; &LT;</t>"),
        (
            "<t>Café\u{a0}— … &amp; &lt;</t>".into(),
            vec!["HTML entities replaced".into()]
        )
    );
    assert_eq!(
        repaired("<t>&NotEqualTilde;</t>").0,
        "<t>\u{2242}\u{338}</t>"
    );
}

#[test]
fn invalid_character_references_are_dropped() {
    assert_eq!(
        repaired("<t>a&#0;b&#xD800;c&#x110000;d&#99999999999;e</t>"),
        (
            "<t>abcde</t>".into(),
            vec!["invalid character references dropped".into()]
        )
    );
    assert_eq!(repaired("<t>&#X41;</t>").0, "<t>A</t>");
    // Left for the sanitizer, which removes the whole sequence.
    assert_eq!(repaired("<t>&#27;[31m</t>").0, "<t>&#27;[31m</t>");
}

#[test]
fn cdata_comments_and_doctype_are_left_alone() {
    let xml = "<!DOCTYPE rss [<!ENTITY x \"a & b\">]><!-- a & b --><?pi a & b?>\
               <t><![CDATA[<p>Tom & Jerry &nbsp;</p>]]> & </t>";
    let (text, _) = repaired(xml);
    assert_eq!(
        text,
        xml.replace("]]> & </t>", "]]> &amp; </t>"),
        "only the & outside markup changes"
    );
    assert_eq!(
        repaired("<t><![CDATA[unterminated & ").0,
        "<t><![CDATA[unterminated & "
    );
}

proptest! {
    #[test]
    fn repairs_never_panic_and_leave_no_bare_ampersand(
        xml in "([<>&;#xX!\\[\\]?a-z0-9 -]|CDATA|&nbsp;|&#27;|\u{e9}){0,80}"
    ) {
        let mut repairs = Vec::new();
        let out = repair_references(&xml, &mut repairs);
        let mut again = Vec::new();
        let twice = repair_references(&out, &mut again);
        // Repairing is idempotent: what it produces needs no repair.
        prop_assert_eq!(&*twice, &*out);
    }
}
