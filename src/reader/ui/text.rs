//! Text that fits a width in terminal cells: cut with `…`, never inside a wide character.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const ELLIPSIS: &str = "…";

/// Appends `text` to `spans`, styling the characters at `highlights`
/// (character indices) with `highlight`, in at most `*budget` cells, which it
/// reduces. Text that does not fit ends in `…`.
pub fn push_fitted<'a>(
    spans: &mut Vec<Span<'a>>,
    text: &'a str,
    highlights: &[u32],
    style: Style,
    highlight: Style,
    budget: &mut usize,
) {
    let full_width = display_width(text);
    let (limit, cut) = if full_width <= *budget {
        (full_width, false)
    } else {
        (budget.saturating_sub(1), true)
    };
    let mut used = 0;
    let mut char_index = 0u32;
    let mut next_highlight = highlights.iter().peekable();
    let mut run_start = 0;
    let mut run_highlighted = false;
    let mut end = text.len();
    for (byte, grapheme) in text.grapheme_indices(true) {
        let width = grapheme_width(grapheme);
        if used + width > limit {
            end = byte;
            break;
        }
        used += width;
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

/// Width in cells of text without control characters (see [`printable`]).
pub fn display_width(text: &str) -> usize {
    text.width()
}

fn grapheme_width(grapheme: &str) -> usize {
    grapheme.width()
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

    #[test]
    fn zero_width_budget_draws_nothing() {
        assert_eq!(fitted("abc", &[0], 0), (vec![], 0));
        assert_eq!(fitted("abc", &[0], 1), (vec![("…".into(), false)], 0));
    }
}
