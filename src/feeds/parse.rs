//! Feed bytes (RSS 0.9x/1.0/2.0, Atom, JSON Feed) to plain-text items, repairing what real feeds get wrong.
//!
//! Before feed-rs reads the structure, the bytes are decoded (module
//! `decode`), and XML is checked for completeness (`document`) and repaired
//! (`repair`). Every string leaving this module is sanitized: a feed can never
//! write an escape sequence, a control character or a bidi override to the
//! terminal.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Utc};
use feed_rs::model::{Entry, Feed, Link, Text};
use feed_rs::parser::ParseFeedError;

use super::html::{canonical, html_to_text, is_followable};
use super::{decode, document, repair};
use crate::archive::sanitize::{CarriageReturns, is_clean, sanitize};

/// Words of the body that make a headline for an item without a title.
const HEADLINE_WORDS: usize = 12;
/// Headlines longer than this (in characters) are cut, with "…".
const MAX_HEADLINE_CHARS: usize = 400;

/// One item of a feed, as plain sanitized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    pub guid: Option<String>,
    /// The item's link: the first http(s) alternate link, else the first
    /// http(s) link, else a permalink guid; trimmed.
    pub link: Option<String>,
    /// One line of plain text. When the feed gives no title, the first words
    /// of the body and "…".
    pub headline: String,
    /// Plain text in canonical form: paragraphs separated by exactly "\n\n",
    /// lines in a paragraph by "\n", every line trimmed, no blank lines at
    /// either end.
    pub body: String,
    /// Published, else updated; `None` when the feed gives neither.
    pub published: Option<DateTime<Utc>>,
}

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFeed {
    /// The feed's title: plain, one line.
    pub title: Option<String>,
    /// In feed order; items with equal guids are all kept.
    pub items: Vec<FeedItem>,
    /// What was repaired, one short phrase each ("bare & escaped"), for
    /// warnings.
    pub repairs: Vec<String>,
}

/// Why bytes could not be read as a feed, as one line: "truncated feed:
/// `<rss>` is not closed", "not a feed: XML error: ...". Nothing of such a
/// feed is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(String);

impl ParseError {
    fn new(message: impl AsRef<str>) -> Self {
        let clean = sanitize(message.as_ref(), CarriageReturns::ToNewlines);
        Self(clean.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// The message, as [`Display`](fmt::Display) shows it.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

/// Parses a feed. `content_type` (the HTTP header, if any) only lends its
/// charset, when the document declares none.
pub fn parse_feed(bytes: &[u8], content_type: Option<&str>) -> Result<ParsedFeed, ParseError> {
    // feed-rs and html5ever are large; should either panic on some hostile
    // feed, that costs the feed, not the program.
    std::panic::catch_unwind(|| parse_unguarded(bytes, content_type))
        .unwrap_or_else(|_| Err(ParseError::new("not a feed: the feed parser failed on it")))
}

fn parse_unguarded(bytes: &[u8], content_type: Option<&str>) -> Result<ParsedFeed, ParseError> {
    let mut repairs = Vec::new();
    let text = decode::decode(bytes, content_type, &mut repairs);
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let feed = match text.chars().next() {
        None => return Err(ParseError::new("not a feed: the document is empty")),
        Some('{') => read(text.as_bytes())?,
        Some('<') => read(&xml_repaired(text, &mut repairs)?)?,
        Some(_) => return Err(ParseError::new("not a feed: neither XML nor JSON")),
    };
    Ok(convert(feed, repairs))
}

/// XML ready for feed-rs: declared UTF-8, checked complete and a feed,
/// trailing junk cut, references and the RSS version repaired.
fn xml_repaired(text: &str, repairs: &mut Vec<String>) -> Result<Vec<u8>, ParseError> {
    let xml = decode::declare_utf8(text);
    let root =
        document::root(&xml).ok_or_else(|| ParseError::new("not a feed: no XML root element"))?;
    if !root.is_feed() {
        return Err(ParseError::new(format!(
            "not a feed: the document is <{}>, not RSS or Atom",
            root.name
        )));
    }
    let end = document::root_end(&xml, &root)
        .ok_or_else(|| ParseError::new(format!("truncated feed: <{}> is not closed", root.name)))?;
    // Free hosts append tracking scripts after the feed; it is complete.
    if !document::is_epilogue(&xml[end..]) {
        note(repairs, "text after the end of the feed ignored");
    }
    let xml = &xml[..end];
    let xml = match document::with_rss_version(xml, &root) {
        Some(fixed) => {
            note(repairs, "RSS version set to 2.0");
            Cow::Owned(fixed)
        }
        None => Cow::Borrowed(xml),
    };
    Ok(repair::repair_references(&xml, repairs)
        .into_owned()
        .into_bytes())
}

/// feed-rs on UTF-8 bytes; our own ids only (no generated ones), no HTML
/// cleaning (we make plain text of it).
fn read(bytes: &[u8]) -> Result<Feed, ParseError> {
    feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .sanitize_content(false)
        .build()
        .parse(bytes)
        .map_err(|error| match error {
            ParseFeedError::ParseError(kind) => ParseError::new(format!("not a feed: {kind}")),
            ParseFeedError::JsonSerde(error) if error.is_eof() => {
                ParseError::new("truncated feed: the JSON ends early")
            }
            ParseFeedError::JsonSerde(error) => {
                ParseError::new(format!("not a feed: JSON error: {error}"))
            }
            ParseFeedError::JsonUnsupportedVersion(version) => ParseError::new(format!(
                "not a feed: unsupported JSON Feed version {version}"
            )),
            ParseFeedError::XmlReader(error) => {
                let message = error.to_string();
                let message = message.strip_prefix("Parser error: ").unwrap_or(&message);
                ParseError::new(format!("not a feed: XML error: {message}"))
            }
            ParseFeedError::IoError(error) => ParseError::new(format!("cannot read feed: {error}")),
        })
}

fn convert(feed: Feed, mut repairs: Vec<String>) -> ParsedFeed {
    let mut unclean = false;
    let mut check = |text: &str| unclean |= !is_clean(text, CarriageReturns::Keep);
    if let Some(title) = &feed.title {
        check(&title.content);
    }
    for entry in &feed.entries {
        check(&entry.id);
        entry.links.iter().for_each(|link| check(&link.href));
        let texts = [&entry.title, &entry.summary].into_iter().flatten();
        texts.for_each(|text| check(&text.content));
        if let Some(body) = entry.content.as_ref().and_then(|c| c.body.as_deref()) {
            check(body);
        }
    }
    if unclean {
        note(&mut repairs, "control characters removed");
    }
    let title = feed
        .title
        .as_ref()
        .map(|title| one_line(&title.content))
        .filter(|title| !title.is_empty());
    let items: Vec<FeedItem> = feed.entries.iter().filter_map(item).collect();
    if items.len() < feed.entries.len() {
        note(&mut repairs, "empty items skipped");
    }
    ParsedFeed {
        title,
        items,
        repairs,
    }
}

/// An entry as an item; `None` for an entry with nothing to show.
fn item(entry: &Entry) -> Option<FeedItem> {
    let body = body(entry);
    let guid = Some(clean(&entry.id)).filter(|guid| !guid.is_empty());
    let link = link(&entry.links).or_else(|| guid.clone().filter(|guid| is_followable(guid)));
    let title = entry
        .title
        .as_ref()
        .map(|title| one_line(&title.content))
        .unwrap_or_default();
    let headline = if !title.is_empty() {
        title
    } else if !body.is_empty() {
        first_words(&body, HEADLINE_WORDS)
    } else {
        link.clone()?
    };
    Some(FeedItem {
        guid,
        link,
        headline,
        body,
        published: entry.published.or(entry.updated),
    })
}

/// The content, else the summary, as canonical plain text.
fn body(entry: &Entry) -> String {
    let content = entry.content.as_ref().and_then(|content| {
        let body = content.body.as_deref()?;
        Some(plain_text(body, content.content_type.as_str()))
    });
    content
        .filter(|text| !text.is_empty())
        .or_else(|| entry.summary.as_ref().map(text_of))
        .unwrap_or_default()
}

fn text_of(text: &Text) -> String {
    plain_text(&text.content, text.content_type.as_str())
}

/// Text of the given media type as canonical plain text.
fn plain_text(text: &str, media_type: &str) -> String {
    if media_type.starts_with("text/plain") {
        canonical(text)
    } else {
        html_to_text(text)
    }
}

/// The first http(s) alternate link, else the first http(s) link.
fn link(links: &[Link]) -> Option<String> {
    let followable = |link: &&Link| is_followable(link.href.trim());
    let alternate = |link: &&Link| link.rel.as_deref().is_none_or(|rel| rel == "alternate");
    links
        .iter()
        .filter(followable)
        .find(alternate)
        .or_else(|| links.iter().find(followable))
        .map(|link| clean(&link.href))
}

/// A title as one line of plain text. Titles are declared plain text or HTML
/// with little regard for which they are, so markup is looked for.
fn one_line(title: &str) -> String {
    let text = if looks_like_html(title) {
        html_to_text(title)
    } else {
        sanitize(title, CarriageReturns::ToNewlines).into_owned()
    };
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(MAX_HEADLINE_CHARS) {
        Some((cut, _)) => format!("{}…", line[..cut].trim_end()),
        None => line,
    }
}

/// Whether `text` has a tag (`<b`, `</`, `<!`) or an entity (`&amp;`).
fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(2).enumerate().any(|(i, pair)| match pair {
        [b'<', next] => next.is_ascii_alphabetic() || matches!(next, b'/' | b'!'),
        [b'&', next] if next.is_ascii_alphanumeric() || *next == b'#' => bytes[i + 1..]
            .iter()
            .take(32)
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#' || **b == b';')
            .any(|b| *b == b';'),
        _ => false,
    })
}

/// A headline from a body: its first `count` words, and "…" if there is more.
fn first_words(body: &str, count: usize) -> String {
    let mut words = body.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(count).collect();
    let mut headline = head.join(" ");
    if words.next().is_some() {
        headline.push('…');
    }
    headline
}

/// A short field (guid, link) sanitized and trimmed.
fn clean(text: &str) -> String {
    sanitize(text, CarriageReturns::ToNewlines)
        .trim()
        .to_string()
}

/// Adds a repair phrase once.
pub(super) fn note(repairs: &mut Vec<String>, phrase: &str) {
    if !repairs.iter().any(|known| known == phrase) {
        repairs.push(phrase.to_string());
    }
}

#[cfg(test)]
pub(crate) mod tests;
