//! A text term of a query and how it matches: nucleo's atom, with the letter case of anchored terms kept.
//!
//! Terms are folded like the haystacks (`México` -> `Mexico`) and follow
//! fzf's smart case: a capital letter makes the term match case as typed.
//! nucleo-matcher 0.3 gets one case wrong: a `^prefix`, `suffix$` or
//! `^exact$` term with a capital compares the whole of an ASCII haystack
//! with the term, so `^IOM` matched only a headline that is just "IOM".
//! Such a term is checked here, case as typed, where it is anchored, and
//! then scored by a twin that ignores case, which finds the same letters.

use nucleo_matcher::chars::is_upper_case;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Matcher, Utf32Str};

use crate::search::fold::fold_str;

/// Text matched by nucleo, already folded like the haystacks.
#[derive(Debug, Clone)]
pub struct TextTerm {
    pub atom: Atom,
    /// Smart case: true unless the term has a capital letter.
    pub ignore_case: bool,
    /// For an anchored term that matches case: the same term ignoring
    /// case, which scores once the case is checked.
    anchored_twin: Option<Atom>,
}

impl TextTerm {
    /// A term as typed (`'word`, `^word`, `!word$`...), folded; `None` when
    /// nothing is left to match (`!`, `'`, `^` alone), which is no term at all.
    pub fn parse(text: &str) -> Option<TextTerm> {
        let folded = fold_str(text);
        let atom = Atom::parse(&folded, CaseMatching::Smart, Normalization::Never);
        let needle = atom.needle_text();
        if needle.is_empty() {
            return None;
        }
        let ignore_case = !needle.chars().any(is_upper_case);
        let anchored = matches!(
            atom.kind,
            AtomKind::Prefix | AtomKind::Postfix | AtomKind::Exact
        );
        let anchored_twin = (anchored && !ignore_case)
            .then(|| Atom::parse(&folded, CaseMatching::Ignore, Normalization::Never));
        Some(TextTerm {
            atom,
            ignore_case,
            anchored_twin,
        })
    }

    /// What nucleo's `Atom::score` gives: the score of a match, `Some(0)`
    /// for an excluding term whose text is absent, `None` otherwise.
    pub fn score(&self, haystack: Utf32Str<'_>, matcher: &mut Matcher) -> Option<u16> {
        match &self.anchored_twin {
            None => self.atom.score(haystack, matcher),
            Some(twin) => match (self.atom.negative, self.anchored_in_case(haystack)) {
                (false, true) | (true, true) => twin.score(haystack, matcher),
                (false, false) => None,
                (true, false) => Some(0),
            },
        }
    }

    /// What nucleo's `Atom::indices` gives: as [`TextTerm::score`], with the
    /// matched positions of a positive term appended to `indices`.
    pub fn indices(
        &self,
        haystack: Utf32Str<'_>,
        matcher: &mut Matcher,
        indices: &mut Vec<u32>,
    ) -> Option<u16> {
        match &self.anchored_twin {
            None => self.atom.indices(haystack, matcher, indices),
            Some(twin) => match (self.atom.negative, self.anchored_in_case(haystack)) {
                (false, true) | (true, true) => twin.indices(haystack, matcher, indices),
                (false, false) => None,
                (true, false) => Some(0),
            },
        }
    }

    /// Whether the needle stands, case as typed, where the atom's kind
    /// anchors it. Whitespace at the anchored end is skipped unless the
    /// needle has some there, as nucleo (and fzf) do.
    fn anchored_in_case(&self, haystack: Utf32Str<'_>) -> bool {
        let needle = self.atom.needle_text();
        let (Some(first), Some(last)) = (needle.chars().next(), needle.chars().next_back()) else {
            return true;
        };
        let len = haystack.len();
        let leading = match first.is_whitespace() {
            true => 0,
            false => spaces(haystack.chars()),
        };
        let trailing = match last.is_whitespace() {
            true => 0,
            false => spaces(haystack.chars().rev()),
        };
        let window = match self.atom.kind {
            AtomKind::Prefix => leading..leading + needle.len(),
            AtomKind::Postfix => len.saturating_sub(trailing + needle.len())..len - trailing,
            AtomKind::Exact => leading..len.saturating_sub(trailing).max(leading),
            _ => return true,
        };
        window.end <= len
            && window.len() == needle.len()
            && haystack.slice(window).chars().eq(needle.chars())
    }
}

/// How many spaces `chars` starts with; all spaces count as none, as nucleo
/// counts them.
fn spaces(mut chars: impl Iterator<Item = char>) -> usize {
    chars.position(|c| !c.is_whitespace()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(term: &str, haystack: &str) -> bool {
        let term = TextTerm::parse(term).unwrap();
        let mut buffer = Vec::new();
        let haystack = Utf32Str::new(haystack, &mut buffer);
        let mut matcher = Matcher::default();
        let score = term.score(haystack, &mut matcher);
        let mut indices = Vec::new();
        let with_indices = term.indices(haystack, &mut matcher, &mut indices);
        assert_eq!(score, with_indices, "{term:?}");
        score.is_some()
    }

    #[test]
    fn anchored_terms_with_capitals_match_case_as_typed() {
        let headline = "IOM launches a survey in Guatemala";
        for (term, expected) in [
            ("^IOM", true),
            ("^Iom", false),
            ("^iom", true),
            ("Guatemala$", true),
            ("GUATEMALA$", false),
            ("^IOM launches a survey in Guatemala$", true),
            ("^IOM launches a survey in guatemala$", false),
            ("!^IOM", false),
            ("!^Iom", true),
            ("!Guatemala$", false),
            ("!GUATEMALA$", true),
        ] {
            assert_eq!(matches(term, headline), expected, "{term}");
        }
        // Leading and trailing spaces are skipped, as nucleo skips them.
        assert!(matches("^IOM", "  IOM news"));
        assert!(matches("News$", "IOM News  "));
        assert!(!matches("^IOM", "I"));
        assert!(!matches("^IOM$", " "));
        assert!(matches("^IOM$", " IOM "));
    }

    #[test]
    fn an_anchored_match_marks_the_same_letters_whatever_the_case() {
        let term = TextTerm::parse("Guatemala$").unwrap();
        let mut buffer = Vec::new();
        let haystack = Utf32Str::new("IOM in Guatemala", &mut buffer);
        let mut indices = Vec::new();
        term.indices(haystack, &mut Matcher::default(), &mut indices)
            .unwrap();
        assert_eq!(indices, (7..16).collect::<Vec<u32>>());
    }
}
