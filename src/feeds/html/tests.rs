use proptest::prelude::*;

use super::*;

#[test]
fn paragraphs_and_line_breaks() {
    assert_eq!(
        html_to_text("<p>Primero.</p><p>Segundo<br>con salto.</p>"),
        "Primero.\n\nSegundo\ncon salto."
    );
    assert_eq!(
        html_to_text("Una línea<br/><br/>Otro párrafo"),
        "Una línea\n\nOtro párrafo"
    );
    assert_eq!(
        html_to_text("<div>one</div><div>two</div>"),
        "one\ntwo",
        "divs are lines, as a browser shows them"
    );
    assert_eq!(html_to_text("<h2>Titular</h2>Texto"), "Titular\n\nTexto");
}

#[test]
fn plain_text_is_canonical_too() {
    assert_eq!(html_to_text("  just   text \n here "), "just text here");
    assert_eq!(html_to_text(""), "");
    assert_eq!(html_to_text("<p> </p><br><div></div>"), "");
}

#[test]
fn scripts_and_styles_are_dropped() {
    let html = "<style>p { color: red }</style><p>Visible</p>\
                <script>if (a < b) { document.write('</p>hidden') }</script>\
                <p>Also <b>visible</b></p><noscript>no js</noscript>";
    assert_eq!(html_to_text(html), "Visible\n\nAlso visible\n\nno js");
}

#[test]
fn entities_are_decoded_and_inline_markup_is_plain() {
    assert_eq!(
        html_to_text(
            "<p>Caf&eacute; &amp; <em>m&aacute;s</em>&nbsp;&mdash; <span>OIM</span> &lt;3</p>"
        ),
        "Café & más\u{a0}— OIM <3"
    );
}

#[test]
fn links_keep_their_text_and_address() {
    assert_eq!(
        html_to_text(r#"See <a href="https://www.iom.int/news">the IOM report</a>."#),
        "See the IOM report (https://www.iom.int/news)."
    );
    assert_eq!(
        html_to_text(r#"<a href="https://reliefweb.int/">https://reliefweb.int</a>"#),
        "https://reliefweb.int",
        "no repeat when the text is the address"
    );
    assert_eq!(
        html_to_text(r#"<a href="/relative">here</a> and <a href="javascript:x()">there</a>"#),
        "here and there",
        "addresses a reader cannot open are left out"
    );
    assert_eq!(
        html_to_text(r#"<a href="https://unhcr.org/x"><img src="a.png"></a>Text"#),
        "Text"
    );
}

#[test]
fn list_items_are_lines() {
    assert_eq!(
        html_to_text(
            "<p>Needs:</p><ul><li>water</li><li>shelter<ul><li>tents</li></ul></li></ul><ol start=\"3\"><li>c</li><li>d</li></ol>After"
        ),
        "Needs:\n\n• water\n• shelter\n◦ tents\n\n3. c\n4. d\n\nAfter"
    );
    assert_eq!(html_to_text("<ul><li></li><li>only</li></ul>"), "• only");
}

#[test]
fn table_rows_are_lines_with_separated_cells() {
    let html = "<table><tr><th>País</th><th>Llegadas</th></tr>\
                <tr><td><p>España</p></td><td>1.200</td></tr>\
                <tr><td>Italia<br>(sur)</td><td></td><td>800</td></tr></table>Fuente: OIM";
    assert_eq!(
        html_to_text(html),
        "País | Llegadas\nEspaña | 1.200\nItalia (sur) | 800\n\nFuente: OIM"
    );
}

#[test]
fn preformatted_text_keeps_its_lines() {
    assert_eq!(
        html_to_text("<pre>a  b\nc\n\nd</pre>e"),
        "a  b\nc\n\nd\n\ne"
    );
}

#[test]
fn escape_sequences_are_removed_raw_and_as_references() {
    assert_eq!(html_to_text("<p>a\x1b]0;evil\x07b</p>"), "ab");
    assert_eq!(html_to_text("<p>a&#27;]52;c;ZXZpbA==&#7;b</p>"), "ab");
    assert_eq!(html_to_text("<p>&#x1b;[2Jred&#x1B;[0m</p>"), "red");
    assert_eq!(html_to_text("l\u{202E}txt"), "ltxt");
}

#[test]
fn malformed_and_huge_markup_is_fine() {
    assert_eq!(
        html_to_text("<p>unclosed <b>bold <i>both"),
        "unclosed bold both"
    );
    assert_eq!(html_to_text("</p></li></table></a>text"), "text");
    assert_eq!(
        html_to_text("<td>stray cell</td><li>stray item"),
        "stray cell\n• stray item"
    );
    assert_eq!(html_to_text("a < b && c <3 <"), "a < b && c <3 <");
    let deep = "<div><ul><li><table><tr><td><a href='https://x.org/'>".repeat(10_000);
    let text = html_to_text(&format!("{deep}bottom"));
    assert!(
        text.ends_with("bottom"),
        "{}",
        &text[text.len().saturating_sub(80)..]
    );
    let long = "<p>palabra ".repeat(50_000);
    assert_eq!(html_to_text(&long).matches("palabra").count(), 50_000);
}

#[test]
fn chunks_split_on_char_boundaries() {
    let text = "añb€c";
    let pieces: Vec<&str> = chunks(text, 2).collect();
    assert_eq!(pieces.concat(), text);
    assert!(pieces.iter().all(|piece| !piece.is_empty()));
}

/// No control character but newline and tab, no bidi override.
pub(crate) fn is_safe(text: &str) -> bool {
    text.chars().all(|c| {
        (!c.is_control() || c == '\n' || c == '\t')
            && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// Lines trimmed, paragraphs separated by one blank line, no blank ends.
pub(crate) fn is_canonical(text: &str) -> bool {
    !text.starts_with('\n')
        && !text.ends_with('\n')
        && !text.contains("\n\n\n")
        && text.split('\n').all(|line| line.trim() == line)
}

proptest! {
    #[test]
    fn never_panics_and_output_is_safe_and_canonical(
        html in "(<[a-z/!]{0,3}[a-z]{0,6}( [a-z]+=\"[^\"]{0,8}\")?>|&[#a-z0-9]{0,6};?|[\\x00-\\x1f\\x7f\u{80}-\u{9f}\u{202e}]|\\PC){0,60}"
    ) {
        let text = html_to_text(&html);
        prop_assert!(is_safe(&text), "{text:?}");
        prop_assert!(is_canonical(&text), "{text:?}");
    }

    #[test]
    fn arbitrary_strings_are_safe(html in "\\PC*|[\\x00-\\x7f]*") {
        let text = html_to_text(&html);
        prop_assert!(is_safe(&text), "{text:?}");
        prop_assert!(is_canonical(&text), "{text:?}");
    }
}
