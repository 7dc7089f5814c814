//! The query language of the filter bar and `--filter`: fzf's syntax plus dates, states, sources, places.
//!
//! Terms separated by spaces must all match; `a | b` matches either; `'word`
//! exact, `^word` prefix, `word$` suffix, `!word` excludes; smart case per
//! term; `>2023-06`, `<2022`, `@2022-03` compare the item's date;
//! `is:unread`, `is:read`, `is:starred` its state; `src:TEXT` its source's
//! name, matched like a text term; `in:CODE` or `in:NAME` its places
//! (`in:gt`, `in:haití`). Keys are case-insensitive.

use std::fmt;

use chrono::{Months, NaiveDate};

use crate::archive::state::ItemState;
use crate::places::{CountryId, gazetteer};
pub use crate::search::term::TextTerm;

/// A parsed query: every group must match; a group matches when any of its
/// terms does.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub groups: Vec<Vec<Term>>,
}

#[derive(Debug, Clone)]
pub enum Term {
    Text(TextTerm),
    Date(DateTerm),
    /// `is:unread`, `is:read`, `is:starred`.
    State(StateTerm),
    /// `src:TEXT`: matched against the name of the item's source.
    Source(TextTerm),
    /// `in:CODE` or `in:NAME`: one of the item's places.
    Place(PlaceTerm),
}

/// A date comparison against the start (and end) of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTerm {
    pub comparison: DateComparison,
    /// First day of the period.
    pub start: NaiveDate,
    /// First day after the period.
    pub end: NaiveDate,
    pub negative: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateComparison {
    /// `>P`: on or after the start of P.
    From,
    /// `<P`: before the start of P.
    Before,
    /// `@P`: within P.
    Within,
}

/// An `is:` term: whether an item is read, unread or starred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateTerm {
    pub state: StateKind,
    pub negative: bool,
}

/// An `in:` term: whether a country is among the item's places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceTerm {
    pub country: CountryId,
    pub negative: bool,
}

/// The states an `is:` term can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateKind {
    Unread,
    Read,
    Starred,
}

/// A query that cannot be run, with the offending term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    BadDateTerm(String),
    /// An `is:` term with a value other than unread, read or starred; the
    /// term as typed, without its `!`.
    UnknownState(String),
    /// An `in:` term naming no place of the gazetteer; the term as typed,
    /// without its `!`.
    UnknownPlace(String),
    /// The query has an `in:` term but the search was given no places
    /// (see [`crate::search::engine::Corpus::with_places`]).
    PlacesNotReady,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::BadDateTerm(term) => write!(
                f,
                "bad date term '{term}': expected YYYY, YYYY-MM or YYYY-MM-DD after > < or @"
            ),
            QueryError::UnknownState(term) => write!(
                f,
                "unknown state '{term}': expected is:unread, is:read or is:starred"
            ),
            QueryError::UnknownPlace(term) => write!(
                f,
                "unknown place '{term}': expected a country's code or name, such as in:gt or in:guatemala"
            ),
            QueryError::PlacesNotReady => {
                write!(
                    f,
                    "the items' places are not known yet: in: terms cannot run"
                )
            }
        }
    }
}

impl std::error::Error for QueryError {}

impl Query {
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let mut groups: Vec<Vec<Term>> = Vec::new();
        // Each group as typed, to drop a group typed twice: it matches no
        // fewer items, and a pasted paragraph repeats its words.
        let mut typed: Vec<Vec<&str>> = Vec::new();
        let mut join_next = false;
        for token in tokens(text) {
            if token == "|" {
                join_next = !groups.is_empty();
                continue;
            }
            let Some(term) = parse_term(token)? else {
                continue;
            };
            match (groups.last_mut(), typed.last_mut()) {
                (Some(group), Some(tokens)) if join_next => {
                    group.push(term);
                    tokens.push(token);
                }
                _ => {
                    groups.push(vec![term]);
                    typed.push(vec![token]);
                }
            }
            join_next = false;
        }
        let mut seen = std::collections::HashSet::new();
        let mut kept = typed.iter().map(|tokens| seen.insert(tokens.clone()));
        groups.retain(|_| kept.next().unwrap_or(true));
        Ok(Query { groups })
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Whether the query has an `is:` term, so that its matches hold only
    /// for the states it was run on.
    pub fn has_state_terms(&self) -> bool {
        self.groups
            .iter()
            .flatten()
            .any(|term| matches!(term, Term::State(_)))
    }

    /// Whether the query has an `in:` term, which needs the items' places.
    pub fn has_place_terms(&self) -> bool {
        self.groups
            .iter()
            .flatten()
            .any(|term| matches!(term, Term::Place(_)))
    }
}

/// The query with its terms separated by single spaces: `border ` and
/// ` border` are the same query as `border`, and need no new search.
pub fn normalize(text: &str) -> String {
    tokens(text).collect::<Vec<_>>().join(" ")
}

/// Whether every item matching `new` also matches `old`, so the engine may
/// search only the previous results. True when `new` only appends to `old`
/// and nothing appended can widen the match: no `!`, `|` or date terms, and
/// the term being typed stays the kind it was. (`is:` terms match only for
/// the same states; the engine checks that.)
pub fn narrows(old: &str, new: &str) -> bool {
    let Some(appended) = new.strip_prefix(old) else {
        return false;
    };
    // `is` -> `is:unread` or `src` -> `src:iom` turns a text term into a
    // keyed one, which need not match any of what the text matched.
    let kind_at = |text, at| tokens(text).nth(at).map(|token| split_term(token).kind);
    let same_kind = tokens(old)
        .count()
        .checked_sub(1)
        .is_none_or(|last| kind_at(old, last) == kind_at(new, last));
    // `in:ni` -> `in:nig`... `in:niger` names another country: not narrower.
    let extends_place = tokens(old)
        .last()
        .is_some_and(|last| split_term(last).kind == TermKind::Place)
        && !appended.starts_with(' ');
    // `bo$` -> `bo$x` turns a suffix term into a fuzzy one: not narrower.
    same_kind
        && !extends_place
        && !old.ends_with(['\\', '$'])
        && !new.contains(['!', '|'])
        && !tokens(new).any(|token| split_term(token).kind == TermKind::Date)
        && !appended.contains('\\')
}

/// The terms of a query as typed: split on spaces not escaped with a
/// backslash (`\ ` is a literal space).
pub fn terms(text: &str) -> impl Iterator<Item = &str> + '_ {
    tokens(text)
}

fn tokens(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut escaped = false;
    text.split(move |c: char| {
        let split = c == ' ' && !escaped;
        escaped = c == '\\' && !escaped;
        split
    })
    .filter(|token| !token.is_empty())
}

/// What a term is, decided by how it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermKind {
    Text,
    Date,
    State,
    Source,
    Place,
}

/// A term taken apart: its `!`, its kind, and what follows the `!` and key.
struct TermParts<'a> {
    negative: bool,
    kind: TermKind,
    value: &'a str,
}

/// Splits `token` into its parts. Keys are ASCII, matched in any case, so
/// the value starts on a character boundary.
fn split_term(token: &str) -> TermParts<'_> {
    let (negative, rest) = match token.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let has_key = |key: &str| {
        rest.get(..key.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(key))
    };
    let (kind, value) = if rest.starts_with(['>', '<', '@']) {
        (TermKind::Date, rest)
    } else if has_key("is:") {
        (TermKind::State, &rest[3..])
    } else if has_key("src:") {
        (TermKind::Source, &rest[4..])
    } else if has_key("in:") {
        (TermKind::Place, &rest[3..])
    } else {
        (TermKind::Text, rest)
    };
    TermParts {
        negative,
        kind,
        value,
    }
}

fn parse_term(token: &str) -> Result<Option<Term>, QueryError> {
    let TermParts {
        negative,
        kind,
        value,
    } = split_term(token);
    match kind {
        TermKind::Date => {
            let comparison = match value.as_bytes().first() {
                Some(b'>') => DateComparison::From,
                Some(b'<') => DateComparison::Before,
                _ => DateComparison::Within,
            };
            let (start, end) = parse_period(&value[1..])
                .ok_or_else(|| QueryError::BadDateTerm(token.to_string()))?;
            Ok(Some(Term::Date(DateTerm {
                comparison,
                start,
                end,
                negative,
            })))
        }
        TermKind::State => {
            let state = match value.to_ascii_lowercase().as_str() {
                "unread" => StateKind::Unread,
                "read" => StateKind::Read,
                "starred" => StateKind::Starred,
                _ => {
                    let typed = token.strip_prefix('!').unwrap_or(token);
                    return Err(QueryError::UnknownState(typed.to_string()));
                }
            };
            Ok(Some(Term::State(StateTerm { state, negative })))
        }
        // The value is an fzf term of its own (`src:'reliefweb`); the `!`
        // before the key excludes, as it would before the value.
        TermKind::Source => {
            let value = if negative {
                format!("!{value}")
            } else {
                value.to_string()
            };
            Ok(TextTerm::parse(&value).map(Term::Source))
        }
        // An empty `in:`, as while typing it, is no term, like a lone `'`.
        TermKind::Place if value.is_empty() => Ok(None),
        TermKind::Place => {
            // `in:el\ salvador`: an escaped space is part of the name.
            let name = value.replace("\\ ", " ");
            let country = gazetteer().resolve(&name).ok_or_else(|| {
                QueryError::UnknownPlace(token.strip_prefix('!').unwrap_or(token).to_string())
            })?;
            Ok(Some(Term::Place(PlaceTerm { country, negative })))
        }
        TermKind::Text => Ok(TextTerm::parse(token).map(Term::Text)),
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` -> (first day, first day after).
fn parse_period(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, len: usize| -> Option<u32> {
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())?
    };
    let year = number(parts.first()?, 4)? as i32;
    match parts[..] {
        [_] => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?,
        )),
        [_, month] => {
            let start = NaiveDate::from_ymd_opt(year, number(month, 2)?, 1)?;
            Some((start, start.checked_add_months(Months::new(1))?))
        }
        [_, month, day] => {
            let start = NaiveDate::from_ymd_opt(year, number(month, 2)?, number(day, 2)?)?;
            Some((start, start.succ_opt()?))
        }
        _ => None,
    }
}

impl DateTerm {
    pub fn matches(&self, date: NaiveDate) -> bool {
        let inside = match self.comparison {
            DateComparison::From => date >= self.start,
            DateComparison::Before => date < self.start,
            DateComparison::Within => self.start <= date && date < self.end,
        };
        inside != self.negative
    }
}

impl PlaceTerm {
    /// Whether an item with these places (sorted) matches.
    pub fn matches(&self, places: &[CountryId]) -> bool {
        places.binary_search(&self.country).is_ok() != self.negative
    }
}

impl StateTerm {
    pub fn matches(&self, state: ItemState) -> bool {
        let inside = match self.state {
            StateKind::Unread => !state.read,
            StateKind::Read => state.read,
            StateKind::Starred => state.starred,
        };
        inside != self.negative
    }
}

#[cfg(test)]
mod tests;
