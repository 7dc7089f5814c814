//! Finding the gazetteer's names in an item's text and turning them into countries.
//!
//! One Aho-Corasick automaton holds every name, folded and lowercase, in
//! leftmost-longest mode: at any position the longest name wins, so `Papua
//! New Guinea` hides `Guinea` and `New Mexico` hides `Mexico`. Each match is
//! then checked: whole words only, the case rules, the person rule; last,
//! the item's names together settle `or=` and `if=` rules
//! ([`super::settle`]).

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use super::context::reads_as_person;
use super::fold::fold_into;
use super::settle::settle;
use super::table::CaseRule;
use super::{CountryId, Gazetteer};

/// A name tagging looks for, with its rules resolved to countries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TagName {
    /// Folded, case kept, as the gazetteer writes it: what case rules check.
    pub written: Box<str>,
    /// Folded, lowercase, `-` as space: what the automaton matches.
    pub key: Box<str>,
    /// `None` for a phrase that is no place.
    pub country: Option<CountryId>,
    pub case: CaseRule,
    pub person: bool,
    /// `or=`: other countries the name may be in.
    pub or: Box<[CountryId]>,
    /// `if=`: the country instead, when one of these names (indices into
    /// the tag names) is in the item.
    pub cue: Option<(CountryId, Box<[u32]>)>,
}

/// The automaton over every tag name's key: pattern `i` is tag name `i`.
#[derive(Debug)]
pub(crate) struct Tagger {
    automaton: AhoCorasick,
}

impl Tagger {
    pub(crate) fn new(names: &[TagName]) -> Tagger {
        // Keys are lowercase with `-` as a space, as the text is matched.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(names.iter().map(|name| name.key.as_bytes()))
            .expect("a few thousand short names fit a DFA: the gazetteer tests build it");
        Tagger { automaton }
    }
}

/// `folded` as the automaton reads it: ASCII lowercase, every `-` a space,
/// so that `Port-au-Prince`, `port au prince` and `Guinea Bissau` are the
/// keys they name. Byte for byte the same length: a match's offsets are
/// offsets in `folded`.
fn matchable(folded: &str, out: &mut Vec<u8>) {
    out.clear();
    out.extend(folded.bytes().map(|byte| match byte {
        b'-' => b' ',
        byte => byte.to_ascii_lowercase(),
    }));
}

/// Buffers for tagging, reused from item to item.
#[derive(Debug, Default)]
pub struct TagScratch {
    folded: String,
    /// `folded` lowercase, dashes as spaces: what the automaton reads.
    matchable: Vec<u8>,
    /// Tag name indices found so far in the item.
    hits: Vec<u32>,
}

impl Gazetteer {
    /// The countries `texts` (an item's headline and body) name, sorted and
    /// distinct, replacing `out`'s contents.
    pub(crate) fn tag_into(
        &self,
        texts: [&str; 2],
        scratch: &mut TagScratch,
        out: &mut Vec<CountryId>,
    ) {
        out.clear();
        scratch.hits.clear();
        let tagger = self.tagger();
        for text in texts {
            scratch.folded.clear();
            fold_into(text, &mut scratch.folded);
            matchable(&scratch.folded, &mut scratch.matchable);
            let texts = (scratch.folded.as_str(), scratch.matchable.as_slice());
            find_names(self, tagger, texts, &mut scratch.hits);
        }
        settle(&self.tag_names, &scratch.hits, out);
        out.sort_unstable();
        out.dedup();
    }

    /// The countries an item with this headline and body names, sorted and
    /// distinct.
    pub fn tag(&self, headline: &str, body: &str) -> Vec<CountryId> {
        let mut out = Vec::new();
        self.tag_into([headline, body], &mut TagScratch::default(), &mut out);
        out
    }
}

/// Appends to `hits` every name found in `folded` that passes its checks;
/// the automaton reads `matchable`, its twin ([`matchable`]).
fn find_names(
    gazetteer: &Gazetteer,
    tagger: &Tagger,
    (folded, matchable): (&str, &[u8]),
    hits: &mut Vec<u32>,
) {
    let bytes = folded.as_bytes();
    let mut from = 0;
    while from < bytes.len() {
        let input = Input::new(matchable).range(from..);
        let Some(found) = tagger.automaton.find(input) else {
            break;
        };
        let (start, end) = (found.start(), found.end());
        let index = found.pattern().as_u32();
        let Some(name) = gazetteer.tag_names.get(index as usize) else {
            break;
        };
        // A longer name that fails may hide a shorter one starting later:
        // look again from the next byte.
        if !whole_words(folded, start, end) || !case_matches(name, &bytes[start..end]) {
            from = start + 1;
            continue;
        }
        from = end;
        if !(name.person && reads_as_person(folded, start, end)) {
            hits.push(index);
        }
    }
}

/// Whether the match starts and ends on word boundaries: no letter or digit
/// right before or after it (checked only where the name itself starts or
/// ends with one: `U.S.` may be followed by anything).
fn whole_words(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let word_byte = |at: usize| bytes[at].is_ascii_alphanumeric();
    let starts_word = !word_byte(start)
        || !text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    let ends_word = !word_byte(end - 1)
        || !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
    starts_word && ends_word
}

/// Whether `found` (the text matched, folded) has the case the name's rule asks.
fn case_matches(name: &TagName, found: &[u8]) -> bool {
    let written = name.written.as_bytes();
    if written.len() != found.len() {
        // Keys are their written form lowercased, byte for byte: a length
        // that differs cannot happen; accept rather than guess.
        return true;
    }
    let pairs = written
        .iter()
        .zip(found)
        .filter(|(w, _)| w.is_ascii_alphabetic());
    match name.case {
        CaseRule::Any => true,
        CaseRule::Capitals => pairs
            .filter(|(w, _)| w.is_ascii_uppercase())
            .all(|(_, f)| f.is_ascii_uppercase()),
        CaseRule::Exact => pairs.into_iter().all(|(w, f)| w == f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_matched_lowercase_with_dashes_as_spaces() {
        let mut out = Vec::new();
        matchable("Port-au-Prince, GUINEA-Bissau y Haití", &mut out);
        assert_eq!(out, "port au prince, guinea bissau y haití".as_bytes());
    }

    #[test]
    fn word_boundaries_see_letters_of_any_script() {
        assert!(whole_words("in Mexico.", 3, 9));
        assert!(!whole_words("Mexicoan", 0, 6));
        assert!(!whole_words("xMexico", 1, 7));
        assert!(!whole_words("ñMexico", 2, 8));
        assert!(
            whole_words("U.S.A", 0, 4),
            "a name ending in a dot ends anywhere"
        );
        assert!(
            !whole_words("移民Mexico", 6, 12),
            "CJK letters are letters too"
        );
    }
}
