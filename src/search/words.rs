//! Whole words and word prefixes in folded text: whether a term starts a
//! word of a headline or body, and where. `diaspora` starts a word of
//! "the diasporas of"; it does not of "d-i-a-s-p-o-r-a" spread over a line.

use nucleo_matcher::Utf32Str;

/// Whether `needle` starts a word somewhere in `haystack`.
pub fn starts_a_word(haystack: Utf32Str<'_>, needle: Utf32Str<'_>, ignore_case: bool) -> bool {
    word_starts(haystack, needle, ignore_case).next().is_some()
}

/// The character positions, in order, where `needle` starts a word of
/// `haystack`. A needle that does not begin with a letter or digit (`(iom`)
/// may start anywhere.
pub fn word_starts<'a>(
    haystack: Utf32Str<'a>,
    needle: Utf32Str<'a>,
    ignore_case: bool,
) -> impl Iterator<Item = usize> + 'a {
    let fold = move |c: char| match ignore_case {
        true => lower(c),
        false => c,
    };
    let needle_length = needle.len();
    let first = (needle_length > 0).then(|| fold(needle.get(0)));
    let needs_boundary = first.is_some_and(char::is_alphanumeric);
    let last_start = haystack.len().checked_sub(needle_length);
    (0..last_start.map_or(0, |last| last + 1))
        .filter(move |_| first.is_some())
        .filter(move |&at| {
            fold(haystack.get(at as u32)) == first.unwrap_or_default()
                && (!needs_boundary || at == 0 || !haystack.get(at as u32 - 1).is_alphanumeric())
                && (1..needle_length).all(|offset| {
                    fold(haystack.get((at + offset) as u32)) == fold(needle.get(offset as u32))
                })
        })
}

fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::Folder;

    fn starts(haystack: &str, needle: &str, ignore_case: bool) -> Vec<usize> {
        let mut haystack_folder = Folder::default();
        let mut needle_folder = Folder::default();
        let haystack = haystack_folder.fold(haystack);
        let needle = needle_folder.fold(needle);
        word_starts(haystack, needle, ignore_case).collect()
    }

    #[test]
    fn words_and_word_prefixes_only() {
        assert_eq!(starts("the diasporas of the region", "diaspora", true), [4]);
        assert_eq!(starts("Diaspora groups", "diaspora", true), [0]);
        assert!(
            starts("Diaspora groups", "diaspora", false).is_empty(),
            "smart case"
        );
        assert!(
            starts("indiaspora", "diaspora", true).is_empty(),
            "inside a word"
        );
        assert_eq!(starts("red-cross cross", "cross", true), [4, 10]);
        assert_eq!(
            starts("México y Panamá", "mexico", true),
            [0],
            "accents folded"
        );
        assert_eq!(starts("visitor card", "visitor card", true), [0]);
        assert_eq!(starts("ask (IOM) now", "(iom", true), [4]);
        assert!(starts("short", "longer than it", true).is_empty());
        assert!(starts("anything", "", true).is_empty());
    }
}
