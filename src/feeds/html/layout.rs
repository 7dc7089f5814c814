//! Where plain text breaks: the paragraphs, lines, list markers, table cells and link addresses HTML elements make.
//!
//! Fed one token at a time by [`super::html_to_text`]; open elements are
//! tracked in small stacks and counters, never by walking a tree, so cost
//! stays linear in the input whatever its nesting.

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Tag, TagKind, TokenSinkResult};

/// What separates the text already written from the next word; a stronger
/// break wins over a weaker one.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    #[default]
    None,
    Space,
    /// Between two table cells on one row.
    Cell,
    Line,
    Paragraph,
}

struct List {
    ordered: bool,
    next: u64,
}

#[derive(Default)]
struct Table {
    in_cell: bool,
    row_has_text: bool,
}

struct Link {
    /// Shown after the link's text; `None` for links a reader cannot follow
    /// (relative, `javascript:`).
    href: Option<String>,
    /// Where the link's text starts in the output.
    start: usize,
}

/// The plain text being written, and the open elements that shape it.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) out: String,
    pending: Break,
    /// A list item's marker, written before its first word.
    marker: Option<String>,
    /// The raw-text element (script, style...) whose content is being dropped.
    dropping: Option<&'static str>,
    preformatted: usize,
    /// How many of `tables` are inside a cell; a counter rather than a scan
    /// so that deeply nested tables cost linear time.
    open_cells: usize,
    lists: Vec<List>,
    tables: Vec<Table>,
    /// Links do not nest: a new one closes the open one, as in browsers.
    link: Option<Link>,
}

/// Elements whose content the tokenizer reads as raw text and we drop.
const DROPPED: &[(&str, RawKind)] = &[
    ("script", RawKind::ScriptData),
    ("style", RawKind::Rawtext),
    ("iframe", RawKind::Rawtext),
    ("noembed", RawKind::Rawtext),
    ("noframes", RawKind::Rawtext),
    ("title", RawKind::Rcdata),
    ("textarea", RawKind::Rcdata),
];

/// Elements that start a paragraph of their own.
#[rustfmt::skip]
const PARAGRAPHS: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "xmp", "listing", "figure",
    "hr", "table", "dl",
];

/// Elements that start a line of their own.
#[rustfmt::skip]
const LINES: &[&str] = &[
    "div", "section", "article", "header", "footer", "main", "aside", "nav", "address",
    "details", "summary", "figcaption", "caption", "dt", "dd", "form", "fieldset", "center",
    "body",
];

const BULLETS: [&str; 3] = ["• ", "◦ ", "▪ "];

impl Builder {
    fn in_cell(&self) -> bool {
        self.open_cells > 0
    }

    /// Marks whether the innermost table is inside a cell.
    fn set_in_cell(&mut self, in_cell: bool) {
        if let Some(table) = self.tables.last_mut()
            && table.in_cell != in_cell
        {
            table.in_cell = in_cell;
            if in_cell {
                self.open_cells += 1;
            } else {
                self.open_cells -= 1;
            }
        }
    }

    /// Asks for at least `wanted` before the next word. Inside a table cell
    /// line and paragraph breaks become spaces, keeping each row on one line.
    fn request(&mut self, wanted: Break) {
        let wanted = if wanted > Break::Cell && self.in_cell() {
            Break::Space
        } else {
            wanted
        };
        self.pending = self.pending.max(wanted);
    }

    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n')
    }

    /// Writes `word` after whatever break is pending.
    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            match self.pending {
                Break::Paragraph => self.out.push_str("\n\n"),
                Break::Line => self.out.push('\n'),
                Break::Cell if !self.at_line_start() => self.out.push_str(" | "),
                Break::Space if !self.at_line_start() => self.out.push(' '),
                _ => {}
            }
        }
        self.pending = Break::None;
        if let Some(marker) = self.marker.take() {
            self.out.push_str(&marker);
        }
        self.out.push_str(word);
        if let Some(table) = self.tables.last_mut() {
            table.row_has_text = true;
        }
    }

    pub(super) fn text(&mut self, text: &str) {
        if self.dropping.is_some() {
            return;
        }
        if self.preformatted > 0 {
            self.preformatted_text(text);
            return;
        }
        let html_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C');
        if text.starts_with(html_space) {
            self.request(Break::Space);
        }
        let mut words = text.split(html_space).filter(|word| !word.is_empty());
        if let Some(first) = words.next() {
            self.word(first);
            for word in words {
                self.request(Break::Space);
                self.word(word);
            }
        }
        if text.ends_with(html_space) {
            self.request(Break::Space);
        }
    }

    /// Text in `<pre>`: spaces kept, each newline a line break and an empty
    /// line a paragraph break.
    fn preformatted_text(&mut self, text: &str) {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                let wanted = if self.pending >= Break::Line {
                    Break::Paragraph
                } else {
                    Break::Line
                };
                self.request(wanted);
            }
            if !line.trim().is_empty() {
                self.word(line);
            }
        }
    }

    pub(super) fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if let Some(dropped) = self.dropping {
            if tag.kind == TagKind::EndTag && name == dropped {
                self.dropping = None;
            }
            return TokenSinkResult::Continue;
        }
        match tag.kind {
            TagKind::StartTag => self.start(tag, name),
            TagKind::EndTag => {
                self.end(name);
                TokenSinkResult::Continue
            }
        }
    }

    fn start(&mut self, tag: &Tag, name: &str) -> TokenSinkResult<()> {
        if let Some(&(dropped, kind)) = DROPPED.iter().find(|(n, _)| *n == name) {
            if !tag.self_closing {
                self.dropping = Some(dropped);
                return TokenSinkResult::RawData(kind);
            }
            return TokenSinkResult::Continue;
        }
        match name {
            "br" => {
                // Two line breaks in a row are how many feeds mark paragraphs.
                let wanted = if self.pending >= Break::Line {
                    Break::Paragraph
                } else {
                    Break::Line
                };
                self.request(wanted);
            }
            "ul" | "ol" | "menu" => {
                self.request(self.list_break());
                let start = attribute(tag, "start").and_then(|s| s.trim().parse().ok());
                self.lists.push(List {
                    ordered: name == "ol",
                    next: start.unwrap_or(1),
                });
            }
            "li" => {
                self.request(Break::Line);
                self.marker = Some(self.next_marker());
            }
            "table" => {
                self.request(Break::Paragraph);
                self.tables.push(Table::default());
            }
            "tr" => self.end_row(),
            "td" | "th" => match self.tables.last() {
                Some(table) => {
                    let separate = table.row_has_text;
                    self.set_in_cell(true);
                    if separate {
                        self.request(Break::Cell);
                    }
                }
                None => self.request(Break::Space),
            },
            "a" => {
                self.close_link();
                let href = attribute(tag, "href")
                    .map(|href| href.trim().to_string())
                    .filter(|href| is_followable(href));
                self.link = Some(Link {
                    href,
                    start: self.out.len(),
                });
            }
            "pre" | "xmp" | "listing" | "plaintext" => {
                self.request(Break::Paragraph);
                self.preformatted += 1;
                if name == "plaintext" {
                    return TokenSinkResult::Plaintext;
                }
                if name == "xmp" {
                    return TokenSinkResult::RawData(RawKind::Rawtext);
                }
            }
            _ if PARAGRAPHS.contains(&name) => self.request(Break::Paragraph),
            _ if LINES.contains(&name) => self.request(Break::Line),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn end(&mut self, name: &str) {
        match name {
            "ul" | "ol" | "menu" => {
                self.lists.pop();
                self.marker = None;
                self.request(self.list_break());
            }
            "li" => {
                self.marker = None;
                self.request(Break::Line);
            }
            "table" => {
                self.set_in_cell(false);
                self.tables.pop();
                self.request(Break::Paragraph);
            }
            "tr" => self.end_row(),
            "a" => self.close_link(),
            "pre" | "xmp" | "listing" => {
                self.preformatted = self.preformatted.saturating_sub(1);
                self.request(Break::Paragraph);
            }
            "br" => self.request(Break::Line),
            _ if PARAGRAPHS.contains(&name) => self.request(Break::Paragraph),
            _ if LINES.contains(&name) => self.request(Break::Line),
            _ => {}
        }
    }

    /// A list starts a paragraph, unless it is nested in another list.
    fn list_break(&self) -> Break {
        if self.lists.is_empty() {
            Break::Paragraph
        } else {
            Break::Line
        }
    }

    fn next_marker(&mut self) -> String {
        let depth = self.lists.len().saturating_sub(1);
        match self.lists.last_mut() {
            Some(list) if list.ordered => {
                let marker = format!("{}. ", list.next);
                list.next = list.next.saturating_add(1);
                marker
            }
            _ => BULLETS[depth % BULLETS.len()].to_string(),
        }
    }

    fn end_row(&mut self) {
        self.set_in_cell(false);
        if let Some(table) = self.tables.last_mut() {
            table.row_has_text = false;
        }
        self.request(Break::Line);
    }

    /// Ends the open link: its address follows its text, unless the text
    /// already says it or there is no text to follow.
    fn close_link(&mut self) {
        let Some(link) = self.link.take() else {
            return;
        };
        let Some(href) = link.href else {
            return;
        };
        let text = self.out.get(link.start..).unwrap_or_default().trim();
        if text.is_empty() || same_address(text, &href) {
            return;
        }
        self.request(Break::Space);
        self.word(&format!("({href})"));
    }
}

fn attribute<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|attribute| &*attribute.name.local == name)
        .map(|attribute| &*attribute.value)
}

/// Whether a reader could open `href`: an absolute http(s) address.
pub(crate) fn is_followable(href: &str) -> bool {
    let Some(scheme_end) = href.find("://") else {
        return false;
    };
    let scheme = &href[..scheme_end];
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && href.len() > scheme_end + "://".len()
}

/// Whether a link's text is its address, give or take the scheme, `www.`
/// and a trailing slash.
fn same_address(text: &str, href: &str) -> bool {
    fn bare(address: &str) -> String {
        let lower = address.trim().to_lowercase();
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            .unwrap_or(&lower);
        let rest = rest.strip_prefix("www.").unwrap_or(rest);
        rest.trim_end_matches('/').to_string()
    }
    bare(text) == bare(href)
}
