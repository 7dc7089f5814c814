//! The filter bar's text and cursor. The cursor counts characters, never bytes.

/// An editable line of text with a cursor, as readline edits it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryInput {
    text: String,
    /// In characters, `0..=text.chars().count()`.
    cursor: usize,
}

impl QueryInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn char_count(&self) -> usize {
        self.text.chars().count()
    }

    /// Byte offset of character `index`.
    fn byte_at(&self, index: usize) -> usize {
        self.text
            .char_indices()
            .nth(index)
            .map_or(self.text.len(), |(byte, _)| byte)
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    pub fn delete_backward(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete_forward(&mut self) {
        if self.cursor < self.char_count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    /// Ctrl-W: the spaces before the cursor, then the word before them.
    pub fn delete_word_backward(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1] == ' ' {
            start -= 1;
        }
        while start > 0 && chars[start - 1] != ' ' {
            start -= 1;
        }
        let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(from..to, "");
        self.cursor = start;
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    pub fn move_left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn move_right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.char_count());
    }

    pub fn move_start(&mut self) {
        self.cursor = 0;
    }

    pub fn move_end(&mut self) {
        self.cursor = self.char_count();
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
        assert_eq!(input.cursor(), 9);
        input.delete_backward();
        assert_eq!(input.text(), "méxico 移");
        input.move_start();
        input.move_right();
        input.delete_forward();
        assert_eq!(input.text(), "mxico 移");
        input.insert('é');
        assert_eq!(input.text(), "méxico 移");
        assert_eq!(input.cursor(), 2);
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
        assert_eq!((input.text(), input.cursor()), ("añadir s", 7));
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
}
