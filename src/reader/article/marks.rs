//! What to highlight in an article's text: the query's words, or the words searched with `/`.
//!
//! Found segment by segment as they come on screen, never over the whole
//! body, so a 10 MB article with a one-letter query costs what a screen does.
//! Text is folded as the filter folds it: `mexico` marks `México`.

use std::ops::Range;

use nucleo_matcher::pattern::AtomKind;

use crate::search::fold::fold_char;
use crate::search::query::{Query, Term};

/// Words to mark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    needles: Vec<Needle>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Needle {
    /// Folded; lowercased when matching ignores case.
    chars: Vec<char>,
    ignore_case: bool,
    /// Only where a word starts (a fuzzy filter term: word or word prefix).
    word_start: bool,
}

impl Marks {
    /// The positive text terms of the filter query.
    pub fn from_query(query: &Query) -> Self {
        let needles = query
            .groups
            .iter()
            .flatten()
            .filter_map(|term| match term {
                Term::Text(text) if !text.atom.negative => Some(Needle::new(
                    &text.atom.needle_text().chars().collect::<String>(),
                    text.ignore_case,
                    text.atom.kind == AtomKind::Fuzzy,
                )),
                _ => None,
            })
            .filter(|needle| !needle.chars.is_empty())
            .collect();
        Self { needles }
    }

    /// A `/` search: the pattern anywhere, ignoring case unless it has a capital.
    pub fn pattern(pattern: &str) -> Self {
        let folded: String = pattern.chars().filter_map(fold_char).collect();
        let ignore_case = !folded.chars().any(char::is_uppercase);
        let needle = Needle::new(&folded, ignore_case, false);
        Self {
            needles: (!needle.chars.is_empty())
                .then_some(needle)
                .into_iter()
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// The byte ranges of `text` to highlight, sorted, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        if self.needles.is_empty() || text.is_empty() {
            return Vec::new();
        }
        let folded = Folded::of(text);
        let mut found: Vec<Range<usize>> = Vec::new();
        for needle in &self.needles {
            let chars = if needle.ignore_case {
                &folded.lower
            } else {
                &folded.chars
            };
            let n = needle.chars.len();
            let mut at = 0;
            while at + n <= chars.len() {
                if chars[at..at + n] == needle.chars[..]
                    && (!needle.word_start || folded.starts_word(at))
                {
                    found.push(folded.bytes[at].start..folded.bytes[at + n - 1].end);
                    at += n;
                } else {
                    at += 1;
                }
            }
        }
        found.sort_by_key(|range| range.start);
        // Overlapping marks (two words sharing letters) become one.
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for range in found {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }
}

impl Needle {
    fn new(text: &str, ignore_case: bool, word_start: bool) -> Self {
        let chars = text
            .chars()
            .flat_map(|c| -> Box<dyn Iterator<Item = char>> {
                if ignore_case {
                    Box::new(c.to_lowercase())
                } else {
                    Box::new(std::iter::once(c))
                }
            })
            .collect();
        Self {
            chars,
            ignore_case,
            word_start,
        }
    }
}

/// Text folded one character for one, with where each came from.
struct Folded {
    chars: Vec<char>,
    lower: Vec<char>,
    /// The byte range in the original text of each folded character,
    /// combining marks included with their letter.
    bytes: Vec<Range<usize>>,
}

impl Folded {
    fn of(text: &str) -> Self {
        let mut folded = Folded {
            chars: Vec::with_capacity(text.len()),
            lower: Vec::with_capacity(text.len()),
            bytes: Vec::with_capacity(text.len()),
        };
        for (at, c) in text.char_indices() {
            let end = at + c.len_utf8();
            match fold_char(c) {
                Some(f) => {
                    folded.chars.push(f);
                    // One for one, so that positions line up: the first
                    // lowercase character is enough for these scripts.
                    folded.lower.push(f.to_lowercase().next().unwrap_or(f));
                    folded.bytes.push(at..end);
                }
                None => {
                    if let Some(last) = folded.bytes.last_mut() {
                        last.end = end;
                    }
                }
            }
        }
        folded
    }

    fn starts_word(&self, at: usize) -> bool {
        at == 0 || !self.chars[at - 1].is_alphanumeric()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(marks: &Marks, text: &'a str) -> Vec<&'a str> {
        marks
            .find(text)
            .into_iter()
            .map(|range| &text[range])
            .collect()
    }

    #[test]
    fn query_words_are_marked_where_words_start_accents_folded() {
        let query = Query::parse("mexico 'rder !panama").unwrap();
        let marks = Marks::from_query(&query);
        assert_eq!(
            marked(&marks, "En México y Me\u{301}xico, border; Panamá. mexicoo"),
            ["México", "Me\u{301}xico", "rder", "mexico"]
        );
        assert_eq!(
            marked(&marks, "unmexico"),
            Vec::<&str>::new(),
            "not mid-word"
        );
    }

    #[test]
    fn a_pattern_is_found_anywhere_with_smart_case() {
        assert_eq!(
            marked(&Marks::pattern("ción"), "Migración y nación"),
            ["ción", "ción"]
        );
        assert_eq!(marked(&Marks::pattern("IOM"), "IOM and iom"), ["IOM"]);
        assert!(Marks::pattern("").is_empty());
    }

    #[test]
    fn overlapping_marks_merge() {
        let query = Query::parse("bord border").unwrap();
        assert_eq!(marked(&Marks::from_query(&query), "border"), ["border"]);
    }
}
