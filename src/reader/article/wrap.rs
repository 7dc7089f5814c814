//! Breaking one segment of text into screen lines: greedy, at spaces, linear.
//!
//! A line takes as many graphemes as fit; when it would overflow, it ends
//! after the last space on it, or, with no space, where the width runs out
//! (a long word or URL is cut rather than lost). Costs one pass over the
//! line's text, whatever the length of the segment.

use unicode_segmentation::UnicodeSegmentation;

use crate::reader::width::grapheme_width;

/// Where the line that starts at byte `from` of `text` ends: the byte just
/// past its last grapheme. The next line starts there, after any spaces.
pub fn line_end(text: &str, from: usize, width: usize) -> usize {
    let width = width.max(1);
    let mut used = 0;
    // Just past the last space that could end the line, if any.
    let mut last_break = None;
    for (offset, grapheme) in text[from..].grapheme_indices(true) {
        let at = from + offset;
        let cells = grapheme_width(grapheme);
        let space = grapheme.chars().all(char::is_whitespace);
        if used + cells > width {
            // A space past the edge ends the line where it stands: it is
            // the break, not part of the line.
            if space && at > from {
                return at;
            }
            // A line holds at least one grapheme, so that wrapping advances.
            return match last_break {
                Some(end) => end,
                None if at == from => at + grapheme.len(),
                None => at,
            };
        }
        used += cells;
        if space {
            last_break = Some(at + grapheme.len());
        }
    }
    text.len()
}

/// Where the next line starts after a line that ended at `end`: past the
/// spaces a line break stands in for.
pub fn next_start(text: &str, end: usize) -> usize {
    end + text[end..].len() - text[end..].trim_start_matches(' ').len()
}

/// Every line start of `text`, in order, for a width.
pub fn line_starts(text: &str, width: usize) -> Vec<usize> {
    let mut starts = vec![0];
    let mut at = 0;
    while at < text.len() {
        let end = line_end(text, at, width);
        let next = next_start(text, end);
        if next >= text.len() {
            break;
        }
        starts.push(next);
        at = next;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        let starts = line_starts(text, width);
        starts
            .iter()
            .map(|&start| &text[start..line_end(text, start, width)])
            .collect()
    }

    #[test]
    fn lines_break_after_spaces_and_fit_the_width() {
        assert_eq!(
            lines("one two three four", 9),
            ["one two ", "three ", "four"]
        );
        assert_eq!(lines("short", 40), ["short"]);
        assert_eq!(lines("", 10), [""]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        assert_eq!(
            lines("https://example.org/a/long/path", 10),
            ["https://ex", "ample.org/", "a/long/pat", "h"]
        );
    }

    #[test]
    fn wide_characters_and_combining_marks_count_in_cells() {
        assert_eq!(lines("移民移民 news", 5), ["移民", "移民 ", "news"]);
        assert_eq!(
            lines("Me\u{301}xico Me\u{301}xico", 7),
            ["Me\u{301}xico ", "Me\u{301}xico"]
        );
        // A grapheme wider than the line still makes progress.
        assert_eq!(lines("移民", 1), ["移", "民"]);
    }

    #[test]
    fn runs_of_spaces_do_not_start_a_line() {
        assert_eq!(lines("aaaa    bbbb", 6), ["aaaa  ", "bbbb"]);
    }
}
