//! Widths in terminal cells, measured per grapheme as ratatui lays text out in its buffer.
//!
//! ratatui places each grapheme by its own width (`CellWidth`), which is not
//! always the width of a whole string: context across graphemes is ignored,
//! and ratatui adds a cell for halfwidth sound marks (`ｶﾞ` takes three).
//! Fitting, cutting and wrapping measure the same way, so that a row ends
//! where the buffer ends it and a `…` is never pushed off the edge. The
//! terminal is then told where each grapheme after a wide one goes, so a
//! terminal that draws a flag or an emoji sequence wider or narrower than
//! measured cannot shift the columns after it.

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// Cells a grapheme takes. A control character, which the view shows as one
/// replacement character, takes one.
pub fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.contains(char::is_control) {
        1
    } else {
        usize::from(grapheme.cell_width())
    }
}

/// Cells `text` takes: the sum of its graphemes' widths.
pub fn text_width(text: &str) -> usize {
    text.graphemes(true).map(grapheme_width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphemes_are_measured_one_by_one_as_ratatui_places_them() {
        assert_eq!(text_width("México"), 6);
        assert_eq!(text_width("Me\u{301}xico"), 6, "a combining accent");
        assert_eq!(text_width("移民"), 4);
        assert_eq!(text_width("🇬🇹"), 2, "a flag");
        assert_eq!(text_width("👨\u{200D}👩\u{200D}👧"), 2, "a ZWJ sequence");
        assert_eq!(text_width("a\u{200B}b"), 2, "a zero-width space");
        assert_eq!(text_width("ｶﾞ"), 3, "ratatui's halfwidth sound mark");
        assert_eq!(text_width("a\tb"), 3, "a control shown as one character");
    }
}
