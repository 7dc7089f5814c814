//! Text folded for tagging: accents gone, case kept, spaces and apostrophes made plain.
//!
//! The accent folding of `archive::accents`, which search shares:
//! `México` and `Me\u{301}xico` fold to `Mexico`. On top
//! of that, every run of whitespace (a line break inside a paragraph, a
//! non-breaking space) is one space, so `Ciudad\nJuárez` is the two-word name;
//! typographic apostrophes are `'` and dashes `-`, as names are written.
//! Case is kept because some names care (`US`, `Turkey`); matching ignores it.

use crate::archive::accents::fold_accent;

/// The folded form of one character; `None` for a combining mark, which
/// belongs to the letter before it.
pub fn fold_char(c: char) -> Option<char> {
    match c {
        _ if c.is_ascii_whitespace() => Some(' '),
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => Some('\''),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
        _ if c.is_whitespace() => Some(' '),
        _ => fold_accent(c),
    }
}

/// Appends the folded form of `text` to `out`, whitespace runs as one space.
pub fn fold_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut after_space = out.ends_with(' ');
    // Plain ASCII, the bulk of any text, is copied a run at a time: a run
    // ends at the first byte that needs work (a second space, a control,
    // anything not ASCII).
    let mut run_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii_graphic() || (byte == b' ' && !after_space) {
            after_space = byte == b' ';
            at += 1;
            continue;
        }
        out.push_str(&text[run_start..at]);
        let c = text[at..].chars().next().unwrap_or(' ');
        at += c.len_utf8();
        run_start = at;
        match fold_char(c) {
            Some(' ') if after_space => {}
            Some(folded) => {
                out.push(folded);
                after_space = folded == ' ';
            }
            None => {}
        }
    }
    out.push_str(&text[run_start..]);
}

/// `text` folded, in a new string: for names and short terms.
pub fn fold_str(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded
}

/// The key a name is known by: folded, lowercase, trimmed, with `-` as a
/// space (`Port-au-Prince` is `Port au Prince`).
pub fn key(text: &str) -> String {
    let mut folded = fold_str(text.trim());
    folded.make_ascii_lowercase();
    folded.replace('-', " ").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_go_case_stays_and_spaces_collapse() {
        assert_eq!(fold_str("México y Panamá"), "Mexico y Panama");
        assert_eq!(fold_str("Me\u{301}xico"), "Mexico");
        assert_eq!(fold_str("Ciudad\nJuárez"), "Ciudad Juarez");
        assert_eq!(fold_str("El \u{a0}\t Salvador"), "El Salvador");
        assert_eq!(
            fold_str("Côte d’Ivoire – Chișinău"),
            "Cote d'Ivoire - Chisinau"
        );
        assert_eq!(fold_str("移民 news"), "移民 news");
        assert_eq!(fold_str("Curaçao, Kòrsou"), "Curacao, Korsou");
    }

    #[test]
    fn keys_ignore_case_accents_and_dashes() {
        assert_eq!(key(" Port-au-Prince "), "port au prince");
        assert_eq!(key("HAITÍ"), "haiti");
        assert_eq!(key("EE. UU."), "ee. uu.");
    }
}
