//! The selected item as the detail pane shows it: wrapped lines with their highlights.
//!
//! Pure text layout, shared by the view (to draw) and the app (to bound
//! scrolling and to jump between matches), so both agree on line numbers.

use std::borrow::Cow;
use std::ops::Range;

use crate::archive::item::Item;
use crate::reader::ui::text::printable;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Headline,
    Date,
    /// Where the item is from: its source and link.
    Meta,
    Body,
    Blank,
}

/// One screen line of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLine<'a> {
    pub kind: LineKind,
    pub text: Cow<'a, str>,
    /// Character ranges of `text` to highlight, sorted.
    pub highlights: Vec<Range<usize>>,
}

/// Lays out `item` for a pane `width` cells wide. Highlight positions are
/// character indices into the headline and body, as the filter gives them.
pub fn layout<'a>(
    item: Item<'a>,
    width: u16,
    headline_highlights: &[u32],
    body_highlights: &[u32],
) -> Vec<ArticleLine<'a>> {
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    wrap_into(
        &mut lines,
        LineKind::Headline,
        item.headline,
        0,
        width,
        headline_highlights,
    );
    lines.push(ArticleLine {
        kind: LineKind::Date,
        text: Cow::Owned(item.date.format("%A, %-d %B %Y").to_string()),
        highlights: Vec::new(),
    });
    for meta in [item.source, item.link] {
        if !meta.is_empty() {
            wrap_into(&mut lines, LineKind::Meta, meta, 0, width, &[]);
        }
    }
    // Character offset of each hard line in the body, for highlights.
    let mut offset = 0;
    // The body is canonical: paragraphs joined by exactly "\n\n".
    for paragraph in item.paragraphs() {
        lines.push(blank());
        let mut line_offset = offset;
        for hard_line in paragraph.split('\n') {
            wrap_into(
                &mut lines,
                LineKind::Body,
                hard_line,
                line_offset,
                width,
                body_highlights,
            );
            line_offset += hard_line.chars().count() + 1;
        }
        offset += paragraph.chars().count() + 2;
    }
    lines
}

/// Indices of the lines holding a highlighted body match, for `n` and `N`.
pub fn match_lines(lines: &[ArticleLine<'_>]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.kind == LineKind::Body && !line.highlights.is_empty())
        .map(|(index, _)| index)
        .collect()
}

fn blank<'a>() -> ArticleLine<'a> {
    ArticleLine {
        kind: LineKind::Blank,
        text: Cow::Borrowed(""),
        highlights: Vec::new(),
    }
}

/// Wraps `text` (which starts at character `offset` of the highlighted
/// string) and appends its lines, control characters made printable.
fn wrap_into<'a>(
    lines: &mut Vec<ArticleLine<'a>>,
    kind: LineKind,
    text: &'a str,
    offset: usize,
    width: usize,
    positions: &[u32],
) {
    let mut push = |text, highlights| {
        lines.push(ArticleLine {
            kind,
            text,
            highlights,
        })
    };
    match printable(text) {
        Cow::Borrowed(text) => {
            for (piece, highlights) in wrap_pieces(text, offset, width, positions) {
                push(piece, highlights);
            }
        }
        Cow::Owned(clean) => {
            for (piece, highlights) in wrap_pieces(&clean, offset, width, positions) {
                push(Cow::Owned(piece.into_owned()), highlights);
            }
        }
    }
}

/// The wrapped lines of `text` with the highlight ranges falling in each.
fn wrap_pieces<'t>(
    text: &'t str,
    offset: usize,
    width: usize,
    positions: &[u32],
) -> Vec<(Cow<'t, str>, Vec<Range<usize>>)> {
    textwrap::wrap(text, width)
        .into_iter()
        .map(|piece| {
            // textwrap hands back slices of `text` (anything else, it
            // built itself, and gets no highlights): find where each starts.
            let start = match &piece {
                Cow::Borrowed(slice) => (slice.as_ptr() as usize)
                    .checked_sub(text.as_ptr() as usize)
                    .filter(|&start| start + slice.len() <= text.len()),
                Cow::Owned(_) => None,
            };
            let highlights = start.map_or_else(Vec::new, |byte_start| {
                let start = offset + text[..byte_start].chars().count();
                ranges_within(positions, start, piece.chars().count())
            });
            (piece, highlights)
        })
        .collect()
}

/// Positions in `start..start + len`, as ranges relative to `start`.
fn ranges_within(positions: &[u32], start: usize, len: usize) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for &position in positions {
        let position = position as usize;
        if position < start || position >= start + len {
            continue;
        }
        let relative = position - start;
        match ranges.last_mut() {
            Some(last) if last.end == relative => last.end += 1,
            _ => ranges.push(relative..relative + 1),
        }
    }
    ranges
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn item<'a>(headline: &'a str, body: &'a str) -> Item<'a> {
        Item {
            date: NaiveDate::from_ymd_opt(2022, 6, 1).unwrap(),
            headline,
            body,
            ..Item::default()
        }
    }

    fn texts(lines: &[ArticleLine<'_>]) -> Vec<String> {
        lines.iter().map(|line| line.text.to_string()).collect()
    }

    #[test]
    fn headline_date_and_paragraphs_wrap_to_the_width() {
        let lines = layout(
            item("A headline that wraps", "First para here.\n\nSecond."),
            12,
            &[],
            &[],
        );
        assert_eq!(
            texts(&lines),
            [
                "A headline",
                "that wraps",
                "Wednesday, 1 June 2022",
                "",
                "First para",
                "here.",
                "",
                "Second."
            ]
        );
        assert_eq!(lines[0].kind, LineKind::Headline);
        assert_eq!(lines[2].kind, LineKind::Date);
        assert_eq!(lines[4].kind, LineKind::Body);
    }

    #[test]
    fn highlights_follow_the_text_across_wrapped_lines() {
        // Body: "one two\n\nthree four"; "four" starts at character 15.
        let lines = layout(
            item("H", "one two\n\nthree four"),
            6,
            &[0],
            &[4, 5, 6, 15, 16, 17, 18],
        );
        assert_eq!(
            texts(&lines),
            [
                "H",
                "Wednesday, 1 June 2022",
                "",
                "one",
                "two",
                "",
                "three",
                "four"
            ]
        );
        assert_eq!(lines[0].highlights, vec![0..1]);
        assert_eq!(lines[4].highlights, vec![0..3]);
        assert_eq!(lines[7].highlights, vec![0..4]);
        assert_eq!(match_lines(&lines), [4, 7]);
    }

    #[test]
    fn accented_and_wide_text_keeps_character_positions() {
        let lines = layout(item("移民 México", ""), 40, &[3, 4], &[]);
        assert_eq!(lines[0].highlights, vec![3..5]);
    }

    #[test]
    fn control_characters_are_made_printable_keeping_positions() {
        let lines = layout(
            item("Tab\there", "Body\twith \u{1b}[31m escape"),
            40,
            &[4],
            &[5],
        );
        assert_eq!(lines[0].text, "Tab here");
        assert_eq!(lines[0].highlights, vec![4..5]);
        assert_eq!(lines[3].text, "Body with \u{FFFD}[31m escape");
        assert_eq!(lines[3].highlights, vec![5..6]);
    }

    #[test]
    fn source_and_link_follow_the_date() {
        let item = Item {
            source: "IOM",
            link: "https://www.iom.int/news/a",
            ..item("H", "Body.")
        };
        let lines = layout(item, 40, &[], &[]);
        assert_eq!(
            texts(&lines),
            [
                "H",
                "Wednesday, 1 June 2022",
                "IOM",
                "https://www.iom.int/news/a",
                "",
                "Body."
            ]
        );
        assert_eq!(lines[3].kind, LineKind::Meta);
    }

    #[test]
    fn zero_width_does_not_panic() {
        let lines = layout(item("Headline", "Body text"), 0, &[0], &[0]);
        assert!(!lines.is_empty());
    }
}
