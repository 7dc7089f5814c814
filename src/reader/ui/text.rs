//! Text that fits a width in terminal cells: cut with `…`, never inside a wide character.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;

use crate::reader::width::{grapheme_width, text_width};

const ELLIPSIS: &str = "…";

/// Appends `text` to `spans`, styling the characters at `highlights`
/// (character indices) with `highlight`, in at most `*budget` cells, which it
/// reduces. Text that does not fit ends in `…`. Costs what is shown, not
/// the length of `text`.
pub fn push_fitted<'a>(
    spans: &mut Vec<Span<'a>>,
    text: &'a str,
    highlights: &[u32],
    style: Style,
    highlight: Style,
    budget: &mut usize,
) {
    let (end, cut) = fitting_end(text, *budget);
    let mut used = 0;
    let mut char_index = 0u32;
    let mut next_highlight = highlights.iter().peekable();
    let mut run_start = 0;
    let mut run_highlighted = false;
    for (byte, grapheme) in text[..end].grapheme_indices(true) {
        used += grapheme_width(grapheme);
        // A grapheme is highlighted when any of its characters is.
        let chars = grapheme.chars().count() as u32;
        let mut highlighted = false;
        while let Some(&&position) = next_highlight.peek() {
            if position >= char_index + chars {
                break;
            }
            highlighted |= position >= char_index;
            next_highlight.next();
        }
        char_index += chars;
        if highlighted != run_highlighted {
            push_run(
                spans,
                &text[run_start..byte],
                run_highlighted,
                style,
                highlight,
            );
            run_start = byte;
            run_highlighted = highlighted;
        }
    }
    push_run(
        spans,
        &text[run_start..end],
        run_highlighted,
        style,
        highlight,
    );
    if cut && *budget > 0 {
        spans.push(Span::styled(ELLIPSIS, style));
        used += 1;
    }
    *budget -= used.min(*budget);
}

/// Where `text` must end to fit `budget` cells, and whether it was cut (then
/// one cell is left for the `…`). Reads no further than the budget reaches.
fn fitting_end(text: &str, budget: usize) -> (usize, bool) {
    let mut used = 0;
    // The end of what fits with a cell to spare for the ellipsis.
    let mut spare_end = 0;
    for (byte, grapheme) in text.grapheme_indices(true) {
        let width = grapheme_width(grapheme);
        if used + width > budget {
            return (spare_end, true);
        }
        used += width;
        if used < budget {
            spare_end = byte + grapheme.len();
        }
    }
    (text.len(), false)
}

/// Highlights this many characters into a text or further do not move the
/// window: finding them would cost more than a frame should.
const WINDOW_REACH: usize = 16 * 1024;

/// [`push_fitted`], but when the first highlight falls past the cut, the
/// text is shown from a little before it, with `…` in front, as fzf shows a
/// long line: the reason the item matched is always on screen.
pub fn push_fitted_around<'a>(
    spans: &mut Vec<Span<'a>>,
    text: &'a str,
    highlights: &[u32],
    style: Style,
    highlight: Style,
    budget: &mut usize,
) {
    let Some(&first) = highlights
        .first()
        .filter(|&&first| (first as usize) < WINDOW_REACH)
    else {
        return push_fitted(spans, text, highlights, style, highlight, budget);
    };
    let Some((first_byte, _)) = text.char_indices().nth(first as usize) else {
        return push_fitted(spans, text, highlights, style, highlight, budget);
    };
    // Shown as is when the first match and a cell after it fit.
    if display_width(&text[..first_byte]) < budget.saturating_sub(2) {
        return push_fitted(spans, text, highlights, style, highlight, budget);
    }
    // A third of the room for what comes before the match, or more when
    // the rest of the text is short: the row ends with the text's end
    // rather than with empty cells.
    let tail = display_width(&text[first_byte..]);
    let context = (*budget / 3).max(budget.saturating_sub(tail + 1)).max(1);
    let mut start = first_byte;
    let mut width = 0;
    for (byte, grapheme) in text[..first_byte].grapheme_indices(true).rev() {
        width += grapheme_width(grapheme);
        if width > context {
            break;
        }
        start = byte;
    }
    if start == 0 {
        return push_fitted(spans, text, highlights, style, highlight, budget);
    }
    let skipped = text[..start].chars().count() as u32;
    let shifted: Vec<u32> = highlights
        .iter()
        .filter(|&&position| position >= skipped)
        .map(|&position| position - skipped)
        .collect();
    if *budget == 0 {
        return;
    }
    spans.push(Span::styled(ELLIPSIS, style));
    *budget -= 1;
    push_fitted(spans, &text[start..], &shifted, style, highlight, budget);
}

fn push_run<'a>(
    spans: &mut Vec<Span<'a>>,
    run: &'a str,
    highlighted: bool,
    style: Style,
    highlight: Style,
) {
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if highlighted {
                style.patch(highlight)
            } else {
                style
            },
        ));
    }
}

/// The start of `text` that a row could ever show: enough for any screen
/// and for a match found within [`WINDOW_REACH`] characters, so that a
/// headline of hundreds of megabytes costs a frame no more than a short one.
pub fn row_prefix(text: &str) -> &str {
    let mut end = text.len().min(WINDOW_REACH * 4 + 4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Width in cells of text without control characters (see [`printable`]).
pub fn display_width(text: &str) -> usize {
    text_width(text)
}

/// `text` with a tab shown as a space and other control characters as
/// U+FFFD, one character for one, so that highlight positions still hold.
/// The terminal would act on a control character; the buffer would drop it.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.contains(|c: char| c.is_control()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    const HIGHLIGHT: Style = Style::new().add_modifier(Modifier::BOLD);

    fn fitted(text: &str, highlights: &[u32], width: usize) -> (Vec<(String, bool)>, usize) {
        let mut spans = Vec::new();
        let mut budget = width;
        push_fitted(
            &mut spans,
            text,
            highlights,
            Style::new(),
            HIGHLIGHT,
            &mut budget,
        );
        let parts = spans
            .iter()
            .map(|span| (span.content.to_string(), span.style == HIGHLIGHT))
            .collect();
        (parts, budget)
    }

    #[test]
    fn text_that_fits_is_whole() {
        assert_eq!(
            fitted("México", &[], 10),
            (vec![("México".into(), false)], 4)
        );
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(
            fitted("border worker", &[], 8),
            (vec![("border ".into(), false), ("…".into(), false)], 0)
        );
    }

    #[test]
    fn wide_characters_are_never_split() {
        // Each of 移民 is two cells: five cells hold 移民 and the ellipsis.
        let (parts, left) = fitted("移民移民", &[], 5);
        assert_eq!(parts, vec![("移民".into(), false), ("…".into(), false)]);
        assert_eq!(left, 0);
        let (parts, _) = fitted("移民移民", &[], 4);
        assert_eq!(parts, vec![("移".into(), false), ("…".into(), false)]);
    }

    #[test]
    fn highlights_style_whole_graphemes_including_combining_marks() {
        let (parts, _) = fitted("Me\u{301}xico", &[1, 4], 20);
        assert_eq!(
            parts,
            vec![
                ("M".into(), false),
                ("e\u{301}".into(), true),
                ("x".into(), false),
                ("i".into(), true),
                ("co".into(), false),
            ]
        );
    }

    #[test]
    fn control_characters_become_printable_one_for_one() {
        assert_eq!(printable("a\tb\u{1b}[31mc"), "a b\u{FFFD}[31mc");
        assert!(matches!(printable("plain México"), Cow::Borrowed(_)));
        assert_eq!(display_width(&printable("a\tb")), 3);
    }

    fn around(text: &str, highlights: &[u32], width: usize) -> String {
        let mut spans = Vec::new();
        let mut budget = width;
        push_fitted_around(
            &mut spans,
            text,
            highlights,
            Style::new(),
            HIGHLIGHT,
            &mut budget,
        );
        spans.iter().map(|span| span.content.to_string()).collect()
    }

    #[test]
    fn a_row_is_scrolled_to_show_its_match() {
        let text = "IOM launches the first policy on human mobility in Guatemala";
        let guatemala = text.find("Guatemala").unwrap() as u32;
        let positions: Vec<u32> = (guatemala..guatemala + 9).collect();
        // The row ends with the text: what comes before fills the rest.
        assert_eq!(
            around(text, &positions, 30),
            "…n human mobility in Guatemala"
        );
        // Visible anyway: as push_fitted shows it.
        assert_eq!(
            around(text, &[0, 1, 2], 30),
            "IOM launches the first policy…"
        );
        // Cut on both sides when the text goes on past the window.
        let longer = format!("{text} and in Honduras too");
        assert_eq!(around(&longer, &positions, 24), "…lity in Guatemala and …");
    }

    #[test]
    fn the_window_never_splits_wide_characters_or_accents() {
        let text = "移民移民移民移民移民 Me\u{301}xico";
        let mexico = text.chars().position(|c| c == 'M').unwrap() as u32;
        let shown = around(text, &[mexico, mexico + 1], 12);
        assert!(
            shown.starts_with('…') && shown.contains("Me\u{301}"),
            "{shown}"
        );
        assert!(
            crate::reader::ui::text::display_width(&shown) <= 12,
            "{shown}"
        );
    }

    #[test]
    fn zero_width_budget_draws_nothing() {
        assert_eq!(fitted("abc", &[0], 0), (vec![], 0));
        assert_eq!(fitted("abc", &[0], 1), (vec![("…".into(), false)], 0));
    }
}
