//! The selected item as the detail pane and reading mode show it, laid out a screen at a time.
//!
//! An article is a list of segments: the headline, the date, the source
//! and link, and the body's lines. Every segment starts a new line, and a
//! long one is cut at a space every [`SEGMENT_BYTES`], so that wrapping one
//! never costs much: only the segments on screen are wrapped, so a frame
//! costs the same for a ten-line item and for a 10 MB one. A [`Place`] (a
//! segment and a byte in it) does not depend on the width: it is where
//! reading goes on after a resize, or when the item is opened again.

pub mod marks;
mod wrap;

use std::borrow::Cow;
use std::ops::Range;

use crate::archive::item::Item;
use marks::Marks;

/// Segments are cut near this many bytes, at a space when there is one.
pub const SEGMENT_BYTES: usize = 8 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Headline,
    Date,
    /// Where the item is from: its source and link.
    Meta,
    Body,
    Blank,
}

/// A place in an article, whatever the width: the start of reading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub segment: usize,
    pub byte: usize,
}

/// Which of the item's texts a segment is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Headline,
    Date,
    Source,
    Link,
    Body,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    kind: LineKind,
    field: Field,
    /// Bytes of the field.
    start: usize,
    end: usize,
}

/// An item's segments, found once: they do not depend on the width, so
/// the reader keeps them while the item is selected instead of reading a
/// large body again for every frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shape {
    segments: Vec<Segment>,
    /// Bytes before each segment, and in all: for the position in percent.
    before: Vec<usize>,
    total: usize,
}

impl Shape {
    pub fn of(item: Item<'_>) -> Self {
        let mut segments = Vec::new();
        push_cut(
            &mut segments,
            LineKind::Headline,
            Field::Headline,
            item.headline,
            0,
        );
        segments.push(Segment {
            kind: LineKind::Date,
            field: Field::Date,
            start: 0,
            end: usize::MAX,
        });
        for (field, meta) in [(Field::Source, item.source), (Field::Link, item.link)] {
            if !meta.is_empty() {
                push_cut(&mut segments, LineKind::Meta, field, meta, 0);
            }
        }
        let body = item.body;
        let date_len = item.date.format(DATE_FORMAT).to_string().len();
        for paragraph in item.paragraphs() {
            let paragraph_start = paragraph.as_ptr() as usize - body.as_ptr() as usize;
            segments.push(Segment {
                kind: LineKind::Blank,
                field: Field::Body,
                start: paragraph_start,
                end: paragraph_start,
            });
            let mut line_start = paragraph_start;
            for line in paragraph.split('\n') {
                push_cut(&mut segments, LineKind::Body, Field::Body, line, line_start);
                line_start += line.len() + 1;
            }
        }
        let mut total = 0;
        let before = segments
            .iter()
            .map(|segment| {
                let before = total;
                let len = match segment.field {
                    Field::Date => date_len,
                    _ => segment.end - segment.start,
                };
                total += len.max(1);
                before
            })
            .collect();
        Self {
            segments,
            before,
            total,
        }
    }
}

/// How the date line reads: `Wednesday, 1 June 2022`.
const DATE_FORMAT: &str = "%A, %-d %B %Y";

/// What to highlight where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkSet {
    /// Byte ranges of the headline found letter by letter (the query's
    /// fuzzy match), used when the headline is one segment.
    pub headline_ranges: Option<Vec<Range<usize>>>,
    pub headline: Marks,
    pub body: Marks,
}

/// One line on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenLine<'s> {
    pub kind: LineKind,
    /// The line's text, as in the item (the view makes controls printable).
    pub text: &'s str,
    pub start: Place,
    /// Byte ranges of `text` to highlight.
    pub marks: Vec<Range<usize>>,
}

/// An item laid out for reading.
#[derive(Debug, Clone)]
pub struct Article<'a> {
    item: Item<'a>,
    date: String,
    shape: Cow<'a, Shape>,
}

impl<'a> Article<'a> {
    /// The article of `item`, finding its segments.
    pub fn new(item: Item<'a>) -> Article<'a> {
        Self::build(item, Cow::Owned(Shape::of(item)))
    }

    /// The article of `item` with the segments found before by [`Shape::of`].
    pub fn with_shape(item: Item<'a>, shape: &'a Shape) -> Article<'a> {
        Self::build(item, Cow::Borrowed(shape))
    }

    fn build(item: Item<'a>, shape: Cow<'a, Shape>) -> Article<'a> {
        Article {
            item,
            date: item.date.format(DATE_FORMAT).to_string(),
            shape,
        }
    }

    fn segments(&self) -> &[Segment] {
        &self.shape.segments
    }

    pub fn kind(&self, segment: usize) -> LineKind {
        self.segments()[segment].kind
    }

    /// Where the body starts: after the headline, date, source and link.
    pub fn body_start(&self) -> Place {
        let segment = self
            .segments()
            .iter()
            .position(|segment| matches!(segment.kind, LineKind::Body | LineKind::Blank))
            .unwrap_or(self.segments().len() - 1);
        Place { segment, byte: 0 }
    }

    pub fn text(&self, segment: usize) -> &str {
        let segment = &self.segments()[segment];
        let field = match segment.field {
            Field::Headline => self.item.headline,
            Field::Date => return &self.date,
            Field::Source => self.item.source,
            Field::Link => self.item.link,
            Field::Body => self.item.body,
        };
        &field[segment.start..segment.end]
    }

    /// The place at the very end, where `G` and `End` aim.
    fn end(&self) -> Place {
        let segment = self.segments().len() - 1;
        Place {
            segment,
            byte: self.text(segment).len(),
        }
    }

    /// `place` moved onto an existing segment and a character boundary.
    fn clamp(&self, place: Place) -> Place {
        let segment = place.segment.min(self.segments().len() - 1);
        let text = self.text(segment);
        let mut byte = place.byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        Place { segment, byte }
    }

    /// The start of the line holding `place`, at `width`.
    pub fn line_start(&self, place: Place, width: usize) -> Place {
        let place = self.clamp(place);
        let starts = wrap::line_starts(self.text(place.segment), width);
        let index = starts.partition_point(|&start| start <= place.byte) - 1;
        Place {
            segment: place.segment,
            byte: starts[index],
        }
    }

    /// The start of the line after the one starting at `start`.
    pub fn next_line(&self, start: Place, width: usize) -> Option<Place> {
        let text = self.text(start.segment);
        let end = wrap::line_end(text, start.byte, width);
        let next = wrap::next_start(text, end);
        if next < text.len() {
            return Some(Place {
                segment: start.segment,
                byte: next,
            });
        }
        (start.segment + 1 < self.segments().len()).then_some(Place {
            segment: start.segment + 1,
            byte: 0,
        })
    }

    /// The start of the line before the one starting at `start`.
    pub fn previous_line(&self, start: Place, width: usize) -> Option<Place> {
        if start.byte > 0 {
            let before = Place {
                segment: start.segment,
                byte: start.byte - 1,
            };
            return Some(self.line_start(before, width));
        }
        let segment = start.segment.checked_sub(1)?;
        let starts = wrap::line_starts(self.text(segment), width);
        Some(Place {
            segment,
            byte: *starts.last().unwrap_or(&0),
        })
    }

    /// `top` moved by `lines` screen lines (negative: up), stopping at the ends.
    pub fn moved(&self, top: Place, width: usize, lines: isize) -> Place {
        let mut place = self.line_start(top, width);
        if lines >= 0 {
            for _ in 0..lines {
                match self.next_line(place, width) {
                    Some(next) => place = next,
                    None => break,
                }
            }
            return place;
        }
        // Up: each segment is wrapped once, whatever the number of lines.
        let mut remaining = lines.unsigned_abs();
        loop {
            let starts = wrap::line_starts(self.text(place.segment), width);
            let index = starts.partition_point(|&start| start <= place.byte) - 1;
            if index >= remaining {
                place.byte = starts[index - remaining];
                return place;
            }
            remaining -= index;
            if place.segment == 0 {
                place.byte = 0;
                return place;
            }
            // The last line of the segment before is one more line up.
            remaining -= 1;
            place.segment -= 1;
            place.byte = usize::MAX;
            place.byte = self.clamp(place).byte;
            if remaining == 0 {
                let starts = wrap::line_starts(self.text(place.segment), width);
                place.byte = *starts.last().unwrap_or(&0);
                return place;
            }
        }
    }

    /// The top that shows the last `height` lines, or the start when the
    /// whole article fits.
    pub fn last_top(&self, width: usize, height: usize) -> Place {
        let last_line = self.line_start(self.end(), width);
        self.moved(last_line, width, -(height.saturating_sub(1) as isize))
    }

    /// A top no lower than [`Article::last_top`]: no blank screen below the end.
    pub fn bounded(&self, top: Place, width: usize, height: usize) -> Place {
        let top = self.line_start(top, width);
        let last = self.last_top(width, height);
        top.min(last)
    }

    /// The `count` lines from `top`, with what `marks` finds in them.
    pub fn lines(
        &self,
        top: Place,
        width: usize,
        count: usize,
        marks: &MarkSet,
    ) -> Vec<ScreenLine<'_>> {
        let mut lines = Vec::with_capacity(count);
        let mut place = Some(self.line_start(top, width));
        // Marks are found a segment at a time: a word may cross lines.
        let mut found: Option<(usize, Vec<Range<usize>>)> = None;
        while let Some(start) = place.filter(|_| lines.len() < count) {
            let text = self.text(start.segment);
            let end = wrap::line_end(text, start.byte, width);
            if found
                .as_ref()
                .is_none_or(|(segment, _)| *segment != start.segment)
            {
                found = Some((start.segment, self.marks_in(start.segment, marks)));
            }
            let in_line = found
                .as_ref()
                .map(|(_, ranges)| clip(ranges, start.byte..end))
                .unwrap_or_default();
            lines.push(ScreenLine {
                kind: self.kind(start.segment),
                text: &text[start.byte..end],
                start,
                marks: in_line,
            });
            place = self.next_line(start, width);
        }
        lines
    }

    fn marks_in(&self, segment: usize, marks: &MarkSet) -> Vec<Range<usize>> {
        let text = self.text(segment);
        match self.kind(segment) {
            LineKind::Headline => {
                let one_segment = self
                    .segments()
                    .get(1)
                    .is_some_and(|next| next.kind != LineKind::Headline);
                match &marks.headline_ranges {
                    Some(ranges) if one_segment => ranges.clone(),
                    _ => marks.headline.find(text),
                }
            }
            LineKind::Body => marks.body.find(text),
            LineKind::Date | LineKind::Meta | LineKind::Blank => Vec::new(),
        }
    }

    /// How far `place` is into the article, from 0 to 1.
    pub fn fraction(&self, place: Place) -> f64 {
        let place = self.clamp(place);
        (self.shape.before[place.segment] + place.byte) as f64 / self.shape.total.max(1) as f64
    }

    /// Whether the end of the article is on screen with `top` at the top.
    pub fn shows_end(&self, top: Place, width: usize, height: usize) -> bool {
        self.line_start(top, width) >= self.last_top(width, height)
    }

    /// The start of the first line with something `marks` finds, from the
    /// line holding `from` on (or from the line after it, when `after`:
    /// the matches on the top line are the ones being read).
    pub fn find_next(
        &self,
        from: Place,
        width: usize,
        marks: &Marks,
        after: bool,
    ) -> Option<Place> {
        let mut from = self.line_start(from, width);
        if after {
            from = self.next_line(from, width)?;
        }
        for segment in from.segment..self.segments().len() {
            let text = self.text(segment);
            let found = marks
                .find(text)
                .into_iter()
                .find(|range| segment > from.segment || range.end > from.byte);
            if let Some(range) = found {
                return Some(self.line_start(
                    Place {
                        segment,
                        byte: range.start,
                    },
                    width,
                ));
            }
        }
        None
    }

    /// The last match before `before`, searching backward.
    pub fn find_previous(&self, before: Place, width: usize, marks: &Marks) -> Option<Place> {
        let before = self.clamp(before);
        for segment in (0..=before.segment).rev() {
            let text = self.text(segment);
            let found = marks
                .find(text)
                .into_iter()
                .rev()
                .find(|range| segment < before.segment || range.start < before.byte);
            if let Some(range) = found {
                return Some(self.line_start(
                    Place {
                        segment,
                        byte: range.start,
                    },
                    width,
                ));
            }
        }
        None
    }

    /// Which match is the first at or after `place` (else the last), and
    /// how many there are, counted up to `limit`, which a huge article may
    /// pass: `match 1/3` in the status line.
    pub fn match_position(&self, place: Place, marks: &Marks, limit: usize) -> (usize, usize) {
        let place = self.clamp(place);
        let mut total = 0;
        let mut current = None;
        for segment in 0..self.segments().len() {
            for range in marks.find(self.text(segment)) {
                total += 1;
                if current.is_none() && (segment, range.start) >= (place.segment, place.byte) {
                    current = Some(total);
                }
                if total >= limit {
                    return (current.unwrap_or(total), total);
                }
            }
        }
        (current.unwrap_or(total), total)
    }
}

/// Cuts `text` (which starts at byte `offset` of its field) into segments
/// of about [`SEGMENT_BYTES`], at spaces where it can, and appends them.
fn push_cut(segments: &mut Vec<Segment>, kind: LineKind, field: Field, text: &str, offset: usize) {
    let mut start = 0;
    loop {
        let rest = &text[start..];
        if rest.len() <= SEGMENT_BYTES {
            segments.push(Segment {
                kind,
                field,
                start: offset + start,
                end: offset + text.len(),
            });
            return;
        }
        let mut cut = SEGMENT_BYTES;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        // Just after the last space of the last eighth, if there is one.
        if let Some(space) = rest[cut - cut / 8..cut].rfind(' ') {
            cut = cut - cut / 8 + space + 1;
        }
        segments.push(Segment {
            kind,
            field,
            start: offset + start,
            end: offset + start + cut,
        });
        start += cut;
    }
}

/// The parts of `ranges` inside `line`, relative to its start.
fn clip(ranges: &[Range<usize>], line: Range<usize>) -> Vec<Range<usize>> {
    ranges
        .iter()
        .filter(|range| range.start < line.end && range.end > line.start)
        .map(|range| range.start.max(line.start) - line.start..range.end.min(line.end) - line.start)
        .collect()
}

#[cfg(test)]
mod tests;
