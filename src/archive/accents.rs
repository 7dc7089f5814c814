//! Accents taken off letters: `é` is `e`, `ș` is `s`, a combining mark is
//! nothing, and scripts whose letters would change (Hangul, kana) are kept.
//!
//! Shared by the places layer (tagging) and the search layer (matching), so
//! that `México`, `Mexico` and `Me\u{301}xico` are one word to both.

use unicode_normalization::char::decompose_canonical;

/// Below this code point are the alphabets whose letters carry diacritics
/// (Latin, Greek, Cyrillic, Vietnamese...). Above it, decomposing would
/// change the letter itself: a Hangul syllable into its first consonant,
/// a voiced kana into an unvoiced one.
const DIACRITIC_SCRIPTS_END: char = '\u{2000}';

/// `c` without its accent; `None` for a combining diacritical mark, which
/// belongs to the letter before it. Case is kept.
pub fn fold_accent(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
    if is_diacritical_mark(c) {
        return None;
    }
    let normalized = nucleo_matcher::chars::normalize(c);
    if normalized != c || c >= DIACRITIC_SCRIPTS_END {
        return Some(normalized);
    }
    // Letters nucleo's table does not know (Romanian ș, Vietnamese ệ): the
    // base letter, when the rest of the decomposition is diacritics.
    let mut parts = ['\0'; 4];
    let mut count = 0;
    decompose_canonical(c, |part| {
        if count < parts.len() {
            parts[count] = part;
        }
        count += 1;
    });
    let only_marks_follow =
        count <= parts.len() && parts[1..count].iter().all(|&p| is_diacritical_mark(p));
    Some(if count > 1 && only_marks_follow {
        parts[0]
    } else {
        c
    })
}

/// The combining diacritical mark blocks: what decomposed accents are made of.
fn is_diacritical_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_go_and_letters_stay() {
        let folded: String = "México Me\u{301}xico ș ệ Ñ 한 ガ"
            .chars()
            .filter_map(fold_accent)
            .collect();
        assert_eq!(folded, "Mexico Mexico s e N 한 ガ");
    }
}
