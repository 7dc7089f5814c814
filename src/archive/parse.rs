//! Archive text -> items plus warnings with line numbers. Pure: no I/O, never panics.
//!
//! The format: a date line, a headline, then body paragraphs, separated by
//! blank lines, until the next date line. Items whose text is already in
//! canonical form (the common case) point straight into the input; only the
//! others are copied, normalised, into a side buffer.

use std::fmt::Write as _;

use chrono::NaiveDate;
use memchr::memchr2;

use crate::archive::dateline::{DateLine, looks_like_date, parse_date_line};
use crate::archive::item::{GivenPlaces, Item, Location, MAX_WARNINGS, ParsedItem};

/// A problem found at a line of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseWarning {
    /// 1-based; `None` for input without lines (a JSON array).
    pub line: Option<usize>,
    pub message: String,
}

/// What parsing one source produced. Item locations refer to the input text
/// and to `normalized`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub items: Vec<ParsedItem>,
    pub normalized: String,
    pub warnings: Vec<ParseWarning>,
    /// Names of the sources items name as their own ([`ParsedItem::source`]).
    pub sources: Vec<String>,
    /// The places some items came with (JSON only; archive text has none).
    pub places: Vec<GivenPlaces>,
    /// Warnings beyond [`MAX_WARNINGS`], counted only.
    pub warnings_dropped: usize,
    /// How many lines the input had.
    pub lines: usize,
}

/// Inputs smaller than this are not worth a second thread.
const PARALLEL_MIN_BYTES: usize = 4 << 20;

/// [`parse`] on two threads for large inputs, with the same result: the input
/// is split at a date line, where the parser starts a new item anyway.
pub fn parse_parallel(input: &str) -> Parsed {
    parse_in_two(input, PARALLEL_MIN_BYTES)
}

fn parse_in_two(input: &str, min_bytes: usize) -> Parsed {
    let two_cores = std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2);
    let split = (two_cores && input.len() >= min_bytes)
        .then(|| date_line_after(input, input.len() / 2))
        .flatten();
    let Some(split) = split else {
        return parse(input);
    };
    let (head, tail) = input.split_at(split);
    let (mut first, second) = std::thread::scope(|scope| {
        let first = scope.spawn(|| parse(head));
        let second = parse(tail);
        (first.join().expect("parser thread panicked"), second)
    });
    let normalized_offset = first.normalized.len();
    let shift = |location: Location| match location {
        // An empty body is the same wherever it points.
        Location::Input { start, end } if start == end => location,
        Location::Input { start, end } => Location::Input {
            start: start + split,
            end: end + split,
        },
        Location::Normalized { start, end } => Location::Normalized {
            start: start + normalized_offset,
            end: end + normalized_offset,
        },
    };
    let item_offset = first.items.len() as u32;
    first
        .places
        .extend(second.places.into_iter().map(|given| GivenPlaces {
            item: given.item + item_offset,
            ..given
        }));
    first
        .items
        .extend(second.items.iter().map(|item| ParsedItem {
            headline: shift(item.headline),
            body: shift(item.body),
            ..*item
        }));
    first.normalized.push_str(&second.normalized);
    let line_offset = first.lines;
    first.warnings_dropped += second.warnings_dropped;
    for warning in second.warnings {
        first.push_warning(ParseWarning {
            line: warning.line.map(|line| line + line_offset),
            ..warning
        });
    }
    first.lines += second.lines;
    first
}

/// The start of the first date line at or after byte `from` that follows a
/// `\n`, if any.
fn date_line_after(input: &str, from: usize) -> Option<usize> {
    let bytes = input.as_bytes();
    let mut position = from;
    while let Some(offset) = memchr::memchr(b'\n', &bytes[position..]) {
        let start = position + offset + 1;
        let line = Lines::new(&input[start..]).next()?;
        if parse_date_line(trim_line(line.text)).is_some() {
            return Some(start);
        }
        position = start;
    }
    None
}

/// Parses archive text (already decoded, BOM removed).
pub fn parse(input: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut current: Option<PendingItem> = None;
    let mut seen_date = false;
    let mut warned_preamble = false;

    let mut line_count = 0;
    let mut after_blank = true;
    for line in Lines::new(input) {
        line_count = line.number;
        let trimmed = trim_line(line.text);
        let paragraph_start = std::mem::replace(&mut after_blank, trimmed.is_empty());
        if trimmed.is_empty() {
            if let Some(item) = current.as_mut() {
                item.blank_line(&line);
            }
            continue;
        }
        if let Some(date_line) = parse_date_line(trimmed) {
            if let Some(item) = current.take() {
                item.finish(input, &mut parsed);
            }
            seen_date = true;
            match date_line {
                DateLine::Valid(date) => current = Some(PendingItem::new(date, line.number)),
                DateLine::Impossible => parsed.warn(
                    line.number,
                    format!("impossible date '{trimmed}', item skipped"),
                ),
            }
            continue;
        }
        // A date line with a typo would merge its item into the one before:
        // say so, naming the line.
        if paragraph_start && current.is_some() && looks_like_date(trimmed) {
            parsed.warn(
                line.number,
                format!(
                    "'{trimmed}' looks like a date line but is not one; read as text of the item above"
                ),
            );
        }
        let start = line.start + (trimmed.as_ptr() as usize - line.text.as_ptr() as usize);
        let trimmed_span = (start, start + trimmed.len());
        match current.as_mut() {
            Some(item) => item.text_line(&line, trimmed_span),
            None if !seen_date && !warned_preamble => {
                warned_preamble = true;
                parsed.warn(
                    line.number,
                    "text before the first date line, skipped".into(),
                );
            }
            // The body of an item whose date was impossible: already reported.
            None => {}
        }
    }
    if let Some(item) = current.take() {
        item.finish(input, &mut parsed);
    }
    parsed.lines = line_count;
    parsed
}

/// A line without the whitespace around it, nor byte-order marks at its
/// start: `cat a.txt b.txt` of files saved with one leaves a BOM in front of
/// b's first date line.
fn trim_line(text: &str) -> &str {
    text.trim().trim_start_matches('\u{FEFF}').trim_start()
}

impl Parsed {
    fn warn(&mut self, line: usize, message: String) {
        self.push_warning(ParseWarning {
            line: Some(line),
            message,
        });
    }

    /// Keeps the first [`MAX_WARNINGS`] warnings and counts the rest.
    pub fn push_warning(&mut self, warning: ParseWarning) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(warning);
        } else {
            self.warnings_dropped += 1;
        }
    }
}

/// Appends `raw` body text to `out` in canonical form (lines trimmed, one
/// blank line between paragraphs, `\n` endings) and returns where it went.
pub fn normalize_body(raw: &str, out: &mut String) -> (usize, usize) {
    let start = out.len();
    let mut first = true;
    let mut after_blank = false;
    for line in Lines::new(raw) {
        let text = line.text.trim();
        if text.is_empty() {
            after_blank = true;
            continue;
        }
        if !first {
            out.push_str(if after_blank { "\n\n" } else { "\n" });
        }
        out.push_str(text);
        first = false;
        after_blank = false;
    }
    (start, out.len())
}

/// Writes one item in archive format, ready to be parsed back.
pub fn write_item(item: &Item<'_>, out: &mut String) {
    let _ = write!(
        out,
        "{}\n\n{}\n",
        item.date.format("%-d %B, %Y"),
        item.headline
    );
    if !item.body.is_empty() {
        out.push('\n');
        out.push_str(item.body);
        out.push('\n');
    }
    out.push('\n');
}

/// An item between its date line and the next date line.
struct PendingItem {
    date: NaiveDate,
    date_line: usize,
    headline: Option<(usize, usize)>,
    body: Option<(usize, usize)>,
    /// Whether the body's raw text is already canonical, so it can be used as is.
    canonical: bool,
    previous_trailing_clean: bool,
    previous_ends_with_lf: bool,
    blank_lines: usize,
    blank_lines_clean: bool,
}

impl PendingItem {
    fn new(date: NaiveDate, date_line: usize) -> Self {
        Self {
            date,
            date_line,
            headline: None,
            body: None,
            canonical: true,
            previous_trailing_clean: true,
            previous_ends_with_lf: true,
            blank_lines: 0,
            blank_lines_clean: true,
        }
    }

    fn blank_line(&mut self, line: &Line<'_>) {
        self.blank_lines += 1;
        self.blank_lines_clean &= line.text.is_empty() && line.ends_with_lf;
    }

    fn text_line(&mut self, line: &Line<'_>, (start, end): (usize, usize)) {
        if self.headline.is_none() {
            self.headline = Some((start, end));
        } else if let Some(body) = self.body.as_mut() {
            let gap_canonical = self.previous_trailing_clean
                && self.previous_ends_with_lf
                && start == line.start
                && (self.blank_lines == 0 || (self.blank_lines == 1 && self.blank_lines_clean));
            self.canonical &= gap_canonical;
            body.1 = end;
        } else {
            self.body = Some((start, end));
        }
        self.previous_trailing_clean = end == line.start + line.text.len();
        self.previous_ends_with_lf = line.ends_with_lf;
        self.blank_lines = 0;
        self.blank_lines_clean = true;
    }

    fn finish(self, input: &str, parsed: &mut Parsed) {
        let Some((headline_start, headline_end)) = self.headline else {
            parsed.warn(
                self.date_line,
                "date line with no headline after it, skipped".into(),
            );
            return;
        };
        let body = match self.body {
            None => Location::EMPTY,
            Some((start, end)) if self.canonical => Location::Input { start, end },
            Some((start, end)) => {
                let (start, end) = normalize_body(&input[start..end], &mut parsed.normalized);
                Location::Normalized { start, end }
            }
        };
        let headline = Location::Input {
            start: headline_start,
            end: headline_end,
        };
        parsed
            .items
            .push(ParsedItem::new(self.date, headline, body));
    }
}

/// One line of input, without its terminator.
struct Line<'a> {
    /// 1-based.
    number: usize,
    /// Byte offset of `text` in the input.
    start: usize,
    text: &'a str,
    /// Ended by a lone `\n` or by the end of input (not `\r\n` or `\r`).
    ends_with_lf: bool,
}

/// Splits on `\n`, `\r\n` and `\r`; a final line needs no terminator.
struct Lines<'a> {
    input: &'a str,
    position: usize,
    number: usize,
}

impl<'a> Lines<'a> {
    fn new(input: &'a str) -> Self {
        Self {
            input,
            position: 0,
            number: 0,
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let bytes = self.input.as_bytes();
        let start = self.position;
        if start >= bytes.len() {
            return None;
        }
        self.number += 1;
        let (end, ends_with_lf) = match memchr2(b'\n', b'\r', &bytes[start..]) {
            None => {
                self.position = bytes.len();
                (bytes.len(), true)
            }
            Some(offset) => {
                let end = start + offset;
                if bytes[end] == b'\n' {
                    self.position = end + 1;
                    (end, true)
                } else {
                    let crlf = bytes.get(end + 1) == Some(&b'\n');
                    self.position = end + 1 + usize::from(crlf);
                    (end, false)
                }
            }
        };
        Some(Line {
            number: self.number,
            start,
            text: &self.input[start..end],
            ends_with_lf,
        })
    }
}

#[cfg(test)]
mod tests;
