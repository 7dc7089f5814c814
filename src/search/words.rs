//! Whole words and word prefixes in folded text: whether a term starts a
//! word of a headline or body, and where. `diaspora` starts a word of
//! "the diasporas of"; it does not of "d-i-a-s-p-o-r-a" spread over a line.

use nucleo_matcher::Utf32Str;

/// Whether `needle` starts a word somewhere in `haystack`. Called for
/// every match of a keystroke, so ASCII text takes a memchr path.
pub fn starts_a_word(haystack: Utf32Str<'_>, needle: Utf32Str<'_>, ignore_case: bool) -> bool {
    match (haystack, needle) {
        (Utf32Str::Ascii(haystack), Utf32Str::Ascii(needle)) => {
            ascii_starts_a_word(haystack, needle, ignore_case)
        }
        _ => word_starts(haystack, needle, ignore_case).next().is_some(),
    }
}

fn ascii_starts_a_word(haystack: &[u8], needle: &[u8], ignore_case: bool) -> bool {
    let (Some(&first), Some(last_start)) =
        (needle.first(), haystack.len().checked_sub(needle.len()))
    else {
        return false;
    };
    let needs_boundary = first.is_ascii_alphanumeric();
    let (lower, upper) = match ignore_case {
        true => (first.to_ascii_lowercase(), first.to_ascii_uppercase()),
        false => (first, first),
    };
    memchr::memchr2_iter(lower, upper, &haystack[..=last_start]).any(|at| {
        let candidate = &haystack[at..at + needle.len()];
        (!needs_boundary || at == 0 || !haystack[at - 1].is_ascii_alphanumeric())
            && match ignore_case {
                true => candidate.eq_ignore_ascii_case(needle),
                false => candidate == needle,
            }
    })
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
    fn the_ascii_path_agrees_with_the_general_one() {
        let cases = [
            ("the diasporas of", "diaspora"),
            ("indiaspora", "diaspora"),
            ("Red-Cross", "cross"),
            ("Red-Cross", "Cross"),
            ("ask (IOM) now", "(iom"),
            ("ab", "abc"),
            ("", "a"),
            ("a b c", "c"),
        ];
        for (haystack, needle) in cases {
            for ignore_case in [true, false] {
                let general = !starts(haystack, needle, ignore_case).is_empty();
                let ascii =
                    ascii_starts_a_word(haystack.as_bytes(), needle.as_bytes(), ignore_case);
                assert_eq!(ascii, general, "{haystack:?} {needle:?} {ignore_case}");
            }
        }
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
