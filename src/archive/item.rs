//! The news item model: an archive of dated items whose text lives in a few shared buffers.
//!
//! Items do not own strings. Each source's text is kept once and items point
//! into it, so a 260 MB archive costs about 260 MB plus 28 bytes an item.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use crate::archive::parse::Parsed;
use crate::archive::state::{ItemKey, ItemState};

/// A piece of text inside one of the archive's buffers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextSpan {
    buffer: u32,
    start: u32,
    end: u32,
}

#[derive(Debug, Clone, Copy)]
struct StoredItem {
    date: NaiveDate,
    headline: TextSpan,
    body: TextSpan,
    /// Empty when the item has no link.
    link: TextSpan,
    /// Index into [`Archive::sources`].
    source: u32,
    /// The state the item came with ([`ItemState::bits`]).
    state: u8,
    /// The store's row id; 0 for an item not from the store.
    store_id: i64,
}

/// One news item as the rest of the program sees it.
///
/// `body` is canonical: paragraphs joined by one blank line (`"\n\n"`), lines
/// inside a paragraph by `"\n"`, every line trimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Item<'a> {
    pub date: NaiveDate,
    pub headline: &'a str,
    pub body: &'a str,
    /// The item's web address; empty when it has none (archive text).
    pub link: &'a str,
    /// Where the item came from: a feed's title, a file's name.
    pub source: &'a str,
}

impl<'a> Item<'a> {
    /// The body's paragraphs, in order; none when the body is empty.
    pub fn paragraphs(&self) -> impl Iterator<Item = &'a str> + 'a {
        let body = self.body;
        body.split("\n\n").filter(|p| !p.is_empty())
    }
}

/// `YYYY-MM-DD` without going through a formatter: `--list` writes
/// millions and the list pane one a row a frame.
pub fn iso_date(date: NaiveDate) -> IsoDate {
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (year, month, day) = (date.year().clamp(0, 9999) as u32, date.month(), date.day());
    IsoDate([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

/// A date as `YYYY-MM-DD`, on the stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate([u8; 10]);

impl IsoDate {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("digits and dashes are ASCII")
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// At most this many warnings are kept, from one source or all: a file with
/// a million bad dates must not cost a million messages. The rest are counted.
pub const MAX_WARNINGS: usize = 1000;

/// Something skipped or repaired while loading, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Shared by every warning of a source.
    pub source: Arc<str>,
    /// 1-based line number, when the problem has one.
    pub line: Option<usize>,
    pub message: String,
}

impl Warning {
    pub fn new(source: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            source: source.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// Where a parsed item's headline or body is: in the input text, or in the
/// parser's side buffer of normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Input { start: usize, end: usize },
    Normalized { start: usize, end: usize },
}

impl Location {
    /// No text: an empty body, a missing link.
    pub const EMPTY: Location = Location::Input { start: 0, end: 0 };
}

/// An item as a parser or importer produced it, before it joins an archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParsedItem {
    pub date: NaiveDate,
    pub headline: Location,
    pub body: Location,
    pub link: Location,
    /// The item's own source, as an index into [`Parsed::sources`]; `None`
    /// for the name of what it was read from.
    pub source: Option<u32>,
    /// Read and starred as the input gave them (an exported JSON file).
    pub state: ItemState,
    /// The store's row id, for an item loaded from the store.
    pub store_id: Option<i64>,
}

/// The places an input gave an item (a JSON export's `places`), as written
/// there: country codes, which the places layer resolves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenPlaces {
    /// The item's position in [`Parsed::items`].
    pub item: u32,
    pub codes: Vec<String>,
}

impl ParsedItem {
    /// An item with no link, from the source it was read from.
    pub fn new(date: NaiveDate, headline: Location, body: Location) -> Self {
        Self {
            date,
            headline,
            body,
            link: Location::EMPTY,
            source: None,
            state: ItemState::UNREAD,
            store_id: None,
        }
    }
}

/// Every item from every source, newest first, plus the warnings from loading.
#[derive(Debug, Default)]
pub struct Archive {
    buffers: Vec<Box<str>>,
    items: Vec<StoredItem>,
    /// Source names, each once; items refer to them by index.
    sources: Vec<Box<str>>,
    warnings: Vec<Warning>,
    /// Warnings beyond [`MAX_WARNINGS`], counted only.
    warnings_dropped: usize,
    /// Per item, 1 + its index into `place_lists` when its input gave its
    /// places, else 0. Empty while no input gave any, so that archives
    /// without given places pay nothing.
    given_places: Vec<u32>,
    /// The distinct lists of places inputs gave, each once.
    place_lists: Vec<Box<[Box<str>]>>,
}

impl Archive {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the items parsed from `input`, a source called `name`, with the
    /// parser's warnings. Call [`Archive::sort`] after the last source.
    pub fn add_source(&mut self, name: &str, input: Box<str>, parsed: Parsed) {
        let Parsed {
            items,
            normalized,
            warnings,
            warnings_dropped,
            sources,
            places,
            ..
        } = parsed;
        let first_item = self.items.len();
        let shared: Arc<str> = name.into();
        self.warnings_dropped += warnings_dropped;
        for warning in warnings {
            self.add_warning(Warning {
                source: Arc::clone(&shared),
                line: warning.line,
                message: warning.message,
            });
        }
        // The source's own name only when some item has no source of its own.
        let own_source = match items.iter().any(|item| item.source.is_none()) {
            true => self.intern_source(name),
            false => 0,
        };
        let item_sources: Vec<u32> = sources.iter().map(|s| self.intern_source(s)).collect();
        let input_buffer = self.push_buffer(input);
        let normalized_buffer = self.push_buffer(normalized.into_boxed_str());
        let span = |location: Location| match location {
            Location::Input { start, end } => TextSpan::new(input_buffer, start, end),
            Location::Normalized { start, end } => TextSpan::new(normalized_buffer, start, end),
        };
        self.items.extend(items.iter().map(|item| {
            StoredItem {
                date: item.date,
                headline: span(item.headline),
                body: span(item.body),
                link: span(item.link),
                source: item
                    .source
                    .map_or(own_source, |index| item_sources[index as usize]),
                state: item.state.bits(),
                store_id: item.store_id.unwrap_or(0),
            }
        }));
        self.add_given_places(first_item, places);
    }

    /// Keeps the places the input gave the items added from `first_item` on.
    fn add_given_places(&mut self, first_item: usize, places: Vec<GivenPlaces>) {
        if places.is_empty() && self.given_places.is_empty() {
            return;
        }
        self.given_places.resize(first_item, 0);
        self.given_places.resize(self.items.len(), 0);
        // An export repeats a few lists over many items: keep each once.
        let mut known: HashMap<Box<[Box<str>]>, u32> = self
            .place_lists
            .iter()
            .enumerate()
            .map(|(index, list)| (list.clone(), index as u32))
            .collect();
        for GivenPlaces { item, codes } in places {
            let codes: Box<[Box<str>]> = codes.into_iter().map(String::into_boxed_str).collect();
            let list = *known.entry(codes).or_insert_with_key(|codes| {
                self.place_lists.push(codes.clone());
                self.place_lists.len() as u32 - 1
            });
            if let Some(slot) = self.given_places.get_mut(first_item + item as usize) {
                *slot = list + 1;
            }
        }
    }

    /// The index of source `name`, added if new. Sources are few (files,
    /// feeds), so a scan is cheaper than a map.
    fn intern_source(&mut self, name: &str) -> u32 {
        match self.sources.iter().position(|known| &**known == name) {
            Some(index) => index as u32,
            None => {
                self.sources.push(name.into());
                (self.sources.len() - 1) as u32
            }
        }
    }

    fn push_buffer(&mut self, text: Box<str>) -> u32 {
        self.buffers.push(text);
        (self.buffers.len() - 1) as u32
    }

    pub fn add_warning(&mut self, warning: Warning) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(warning);
        } else {
            self.warnings_dropped += 1;
        }
    }

    /// How many warnings there were beyond those kept.
    pub fn warnings_dropped(&self) -> usize {
        self.warnings_dropped
    }

    /// Orders items newest first; items of the same date keep input order.
    pub fn sort(&mut self) {
        if self.given_places.is_empty() {
            self.items.sort_by_key(|item| std::cmp::Reverse(item.date));
            return;
        }
        // Given places follow their items.
        let mut paired: Vec<(StoredItem, u32)> = self
            .items
            .iter()
            .copied()
            .zip(self.given_places.iter().copied())
            .collect();
        paired.sort_by_key(|(item, _)| std::cmp::Reverse(item.date));
        (self.items, self.given_places) = paired.into_iter().unzip();
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The item at `index` in archive order (newest first).
    pub fn get(&self, index: usize) -> Item<'_> {
        let stored = &self.items[index];
        Item {
            date: stored.date,
            headline: self.text(stored.headline),
            body: self.text(stored.body),
            link: self.text(stored.link),
            source: &self.sources[stored.source as usize],
        }
    }

    /// The headline of the item at `index`, without touching its body.
    pub fn headline(&self, index: usize) -> &str {
        self.text(self.items[index].headline)
    }

    /// The date of the item at `index`, without touching its text.
    pub fn date(&self, index: usize) -> NaiveDate {
        self.items[index].date
    }

    /// What the state of the item at `index` is kept under.
    pub fn key(&self, index: usize) -> ItemKey {
        let stored = &self.items[index];
        match stored.store_id {
            0 => ItemKey::of_text(stored.date, self.text(stored.headline)),
            id => ItemKey::stored(id),
        }
    }

    /// Whether the archive's items come from the store (all or none do).
    pub fn from_store(&self) -> bool {
        self.items.first().is_some_and(|item| item.store_id != 0)
    }

    /// The state the item at `index` came with.
    pub fn initial_state(&self, index: usize) -> ItemState {
        ItemState::from_bits(self.items[index].state)
    }

    /// The index into [`Archive::sources`] of the item at `index`'s source.
    pub fn source_index(&self, index: usize) -> u32 {
        self.items[index].source
    }

    /// The places the input gave the item at `index`, as written there
    /// (country codes); `None` when it gave none and the item is to be
    /// tagged from its text. An empty list is places given: none.
    pub fn given_places(&self, index: usize) -> Option<&[Box<str>]> {
        let list = *self.given_places.get(index)?;
        let list = self.place_lists.get(list.checked_sub(1)? as usize)?;
        Some(list)
    }

    /// Every source name, each once.
    pub fn sources(&self) -> &[Box<str>] {
        &self.sources
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = Item<'_>> + '_ {
        (0..self.items.len()).map(|index| self.get(index))
    }

    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    fn text(&self, span: TextSpan) -> &str {
        &self.buffers[span.buffer as usize][span.start as usize..span.end as usize]
    }
}

impl TextSpan {
    fn new(buffer: u32, start: usize, end: usize) -> Self {
        // Sources are refused above 2 GiB when read, so offsets fit in u32.
        Self {
            buffer,
            start: start as u32,
            end: end as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 1, d).unwrap()
    }

    #[test]
    fn items_point_into_input_and_normalized_text() {
        let mut archive = Archive::new();
        let parsed = Parsed {
            items: vec![
                ParsedItem::new(
                    day(1),
                    Location::Input { start: 0, end: 5 },
                    Location::Normalized { start: 0, end: 8 },
                ),
                ParsedItem {
                    link: Location::Normalized { start: 8, end: 21 },
                    source: Some(0),
                    ..ParsedItem::new(
                        day(2),
                        Location::Input { start: 6, end: 11 },
                        Location::EMPTY,
                    )
                },
            ],
            normalized: "one\n\ntwohttps://e.org".into(),
            sources: vec!["Feed".into()],
            ..Parsed::default()
        };
        archive.add_source("a.txt", "Alpha Bravo".into(), parsed);
        archive.sort();
        assert_eq!(archive.len(), 2);
        let newer = archive.get(0);
        assert_eq!(newer.headline, "Bravo");
        assert_eq!(newer.paragraphs().count(), 0);
        assert_eq!((newer.link, newer.source), ("https://e.org", "Feed"));
        let older = archive.get(1);
        assert_eq!(older.headline, "Alpha");
        assert_eq!(older.paragraphs().collect::<Vec<_>>(), ["one", "two"]);
        assert_eq!((older.link, older.source), ("", "a.txt"));
    }

    #[test]
    fn same_date_keeps_input_order_across_sources() {
        let mut archive = Archive::new();
        let parsed = |end| Parsed {
            items: vec![ParsedItem::new(
                day(3),
                Location::Input { start: 0, end },
                Location::EMPTY,
            )],
            ..Parsed::default()
        };
        archive.add_source("1.txt", "first".into(), parsed(5));
        archive.add_source("2.txt", "second".into(), parsed(6));
        archive.sort();
        let headlines: Vec<_> = archive.iter().map(|i| i.headline).collect();
        assert_eq!(headlines, ["first", "second"]);
    }

    #[test]
    fn iso_dates_are_zero_padded() {
        let date = NaiveDate::from_ymd_opt(987, 3, 4).unwrap();
        assert_eq!(iso_date(date).as_str(), "0987-03-04");
        let date = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
        assert_eq!(iso_date(date).to_string(), "2022-12-31");
    }

    #[test]
    fn warning_names_source_and_line() {
        let warning = Warning {
            source: "news.txt".into(),
            line: Some(7),
            message: "impossible date '31 June, 2022', item skipped".into(),
        };
        assert_eq!(
            warning.to_string(),
            "news.txt:7: impossible date '31 June, 2022', item skipped"
        );
    }
}
