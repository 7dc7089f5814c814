//! The filter bar's text and cursor, edited as readline edits a line.
//!
//! The cursor is a byte offset that always sits between graphemes: an `e`
//! and its combining accent, or a flag's two letters, move and go as one.
//! Every edit costs time in proportion to what it touches, not to the
//! length of the query, so a 20,000-character paste stays quick to edit.

use unicode_segmentation::GraphemeCursor;

/// An editable line of text with a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryInput {
    text: String,
    /// A byte offset on a grapheme boundary, `0..=text.len()`.
    cursor: usize,
}

impl QueryInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's byte offset in [`QueryInput::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The grapheme boundary after `at`, if any.
    fn next_boundary(&self, at: usize) -> Option<usize> {
        GraphemeCursor::new(at, self.text.len(), true)
            .next_boundary(&self.text, 0)
            .ok()
            .flatten()
    }

    /// The grapheme boundary before `at`, if any.
    fn previous_boundary(&self, at: usize) -> Option<usize> {
        GraphemeCursor::new(at, self.text.len(), true)
            .prev_boundary(&self.text, 0)
            .ok()
            .flatten()
    }

    /// Where the cursor goes after text changed around it: the nearest
    /// grapheme boundary at or after `at` (typing a combining mark joins
    /// the letter before it).
    fn settle(&mut self, at: usize) {
        let mut boundary = GraphemeCursor::new(at, self.text.len(), true);
        self.cursor = match boundary.is_boundary(&self.text, 0) {
            Ok(true) => at,
            _ => self.next_boundary(at).unwrap_or(self.text.len()),
        };
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.settle(self.cursor + c.len_utf8());
    }

    /// Inserts pasted text as text: a line break is a space, other
    /// controls are dropped, so a paste never acts as keys.
    pub fn insert_str(&mut self, pasted: &str) {
        let clean: String = pasted
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.settle(self.cursor + clean.len());
    }

    pub fn delete_backward(&mut self) {
        if let Some(start) = self.previous_boundary(self.cursor) {
            self.text.replace_range(start..self.cursor, "");
            self.cursor = start;
        }
    }

    pub fn delete_forward(&mut self) {
        if let Some(end) = self.next_boundary(self.cursor) {
            self.text.replace_range(self.cursor..end, "");
        }
    }

    /// Ctrl-W: the spaces before the cursor, then the word before them.
    pub fn delete_word_backward(&mut self) {
        let before = &self.text[..self.cursor];
        let word_end = before.trim_end_matches(' ').len();
        let start = before[..word_end].rfind(' ').map_or(0, |space| space + 1);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    pub fn move_left(&mut self) {
        self.cursor = self.previous_boundary(self.cursor).unwrap_or(0);
    }

    pub fn move_right(&mut self) {
        self.cursor = self.next_boundary(self.cursor).unwrap_or(self.text.len());
    }

    pub fn move_start(&mut self) {
        self.cursor = 0;
    }

    pub fn move_end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Replaces the whole text (a query from the history), cursor at the end.
    pub fn set(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = self.text.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> QueryInput {
        let mut input = QueryInput::default();
        text.chars().for_each(|c| input.insert(c));
        input
    }

    #[test]
    fn multibyte_text_edits_by_character() {
        let mut input = typed("méxico 移民");
        assert_eq!(input.cursor(), input.text().len());
        input.delete_backward();
        assert_eq!(input.text(), "méxico 移");
        input.move_start();
        input.move_right();
        input.delete_forward();
        assert_eq!(input.text(), "mxico 移");
        input.insert('é');
        assert_eq!(input.text(), "méxico 移");
        assert_eq!(&input.text()[..input.cursor()], "mé");
    }

    #[test]
    fn a_letter_and_its_combining_accent_go_together() {
        let mut input = typed("Me\u{301}xico");
        input.move_start();
        input.move_right();
        input.move_right();
        assert_eq!(
            &input.text()[..input.cursor()],
            "Me\u{301}",
            "one step over e + accent"
        );
        input.delete_backward();
        assert_eq!(input.text(), "Mxico", "Backspace never splits them");
        // A flag is two characters, one grapheme.
        let mut flag = typed("a🇲🇽");
        flag.delete_backward();
        assert_eq!(flag.text(), "a");
    }

    #[test]
    fn ctrl_w_deletes_the_previous_word_and_its_spaces() {
        let mut input = typed("border  worker ");
        input.delete_word_backward();
        assert_eq!(input.text(), "border  ");
        input.delete_word_backward();
        assert_eq!(input.text(), "");
        let mut input = typed("añadir más");
        input.move_left();
        input.delete_word_backward();
        assert_eq!(input.text(), "añadir s");
        assert_eq!(&input.text()[..input.cursor()], "añadir ");
    }

    #[test]
    fn cursor_stays_in_range() {
        let mut input = typed("ab");
        input.move_right();
        assert_eq!(input.cursor(), 2);
        input.move_start();
        input.move_left();
        input.delete_backward();
        assert_eq!((input.text(), input.cursor()), ("ab", 0));
        input.move_end();
        input.delete_forward();
        assert_eq!(input.text(), "ab");
        input.clear();
        assert!(input.is_empty());
    }

    #[test]
    fn a_paste_is_text_on_one_line() {
        let mut input = typed("ab");
        input.move_left();
        input.insert_str("x\ny\r\nz\u{1b}[2J");
        assert_eq!(input.text(), "ax y  z[2Jb");
        assert_eq!(&input.text()[..input.cursor()], "ax y  z[2J");
    }
}
