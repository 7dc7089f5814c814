//! Folding text for matching: accents removed from letters, case kept for smart case.
//!
//! `México`, `Mexico` and `Me\u{301}xico` (decomposed) all fold to `Mexico`,
//! so a query matches whichever form an archive uses. Folded Latin text is
//! ASCII, which nucleo matches several times faster than general Unicode.

use nucleo_matcher::Utf32Str;

mod headlines;
pub use headlines::FoldedHeadlines;

/// The folded form of one character: its accent taken off; `None` for a
/// combining diacritical mark, which belongs to the letter before it.
pub use crate::archive::accents::fold_accent as fold_char;

/// Folds a whole string (a query term, say).
pub fn fold_str(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded
}

/// Appends the folded form of `text` to `out`, copying ASCII runs whole.
pub fn fold_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
        out.push_str(&rest[..at]);
        let c = rest[at..]
            .chars()
            .next()
            .expect("a char starts at a non-ASCII byte");
        out.extend(fold_char(c));
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// Reusable buffers for folding haystacks without allocating per item.
#[derive(Debug, Default)]
pub struct Folder {
    ascii: Vec<u8>,
    chars: Vec<char>,
    positions: Vec<u32>,
}

impl Folder {
    /// The folded form of `text`, as nucleo wants it. ASCII text is used as is.
    pub fn fold<'a>(&'a mut self, text: &'a str) -> Utf32Str<'a> {
        if text.is_ascii() {
            return Utf32Str::Ascii(text.as_bytes());
        }
        self.ascii.clear();
        self.chars.clear();
        let mut all_ascii = true;
        for folded in text.chars().filter_map(fold_char) {
            all_ascii &= folded.is_ascii();
            self.chars.push(folded);
        }
        if all_ascii {
            self.ascii.extend(self.chars.iter().map(|&c| c as u8));
            Utf32Str::Ascii(&self.ascii)
        } else {
            Utf32Str::Unicode(&self.chars)
        }
    }

    /// Turns positions in the folded form of `text` into character positions
    /// in `text` itself, in place.
    pub fn map_to_original(&mut self, text: &str, folded_positions: &mut [u32]) {
        if text.is_ascii() {
            return;
        }
        self.positions.clear();
        self.positions.extend(
            text.chars()
                .enumerate()
                .filter(|&(_, c)| fold_char(c).is_some())
                .map(|(index, _)| index as u32),
        );
        for position in folded_positions {
            *position = self.positions[*position as usize];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> String {
        let mut folder = Folder::default();
        folder.fold(text).chars().collect()
    }

    #[test]
    fn accents_fold_away_and_case_stays() {
        assert_eq!(folded("México Panamá"), "Mexico Panama");
        assert_eq!(folded("ÉXODO Ñandú"), "EXODO Nandu");
        assert_eq!(folded("Me\u{301}xico"), "Mexico");
        assert_eq!(folded("Việt Nam"), "Viet Nam");
        assert_eq!(fold_str("diáspora"), "diaspora");
    }

    #[test]
    fn folded_latin_text_is_ascii() {
        let mut folder = Folder::default();
        assert!(matches!(folder.fold("migración"), Utf32Str::Ascii(_)));
        assert!(matches!(folder.fold("移民 news"), Utf32Str::Unicode(_)));
    }

    #[test]
    fn cjk_hangul_kana_and_emoji_are_kept() {
        assert_eq!(folded("移民 😀 news"), "移民 😀 news");
        assert_eq!(folded("한국 하고"), "한국 하고");
        assert_eq!(folded("がか"), "がか");
        assert_eq!(folded("हिन्दी"), "हिन्दी");
    }

    #[test]
    fn folded_positions_map_back_to_original_characters() {
        let mut folder = Folder::default();
        let text = "Me\u{301}xico y Panamá";
        // Folded: "Mexico y Panama"; 'x' is folded index 2, original index 3.
        let mut positions = [0, 2, 14];
        folder.map_to_original(text, &mut positions);
        assert_eq!(positions, [0, 3, 15]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[15], 'á');
    }
}
