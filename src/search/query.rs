//! The query language shared by the filter bar and `--filter`: fzf's extended syntax plus date terms.
//!
//! Terms separated by spaces must all match; `a | b` matches either; `'word`
//! exact, `^word` prefix, `word$` suffix, `!word` excludes; smart case per
//! term; `>2023-06`, `<2022`, `@2022-03` compare the item's date.

use std::fmt;

use chrono::{Months, NaiveDate};
use nucleo_matcher::chars::is_upper_case;
use nucleo_matcher::pattern::{Atom, CaseMatching, Normalization};

use crate::search::fold::fold_str;

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
}

/// Text matched by nucleo, already folded like the haystacks.
#[derive(Debug, Clone)]
pub struct TextTerm {
    pub atom: Atom,
    /// Smart case: true unless the term has a capital letter.
    pub ignore_case: bool,
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

/// A query that cannot be run, with the offending term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    BadDateTerm(String),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::BadDateTerm(term) => write!(
                f,
                "bad date term '{term}': expected YYYY, YYYY-MM or YYYY-MM-DD after > < or @"
            ),
        }
    }
}

impl std::error::Error for QueryError {}

impl Query {
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut join_next = false;
        for token in tokens(text) {
            if token == "|" {
                join_next = !groups.is_empty();
                continue;
            }
            let Some(term) = parse_term(token)? else {
                continue;
            };
            match groups.last_mut() {
                Some(group) if join_next => group.push(term),
                _ => groups.push(vec![term]),
            }
            join_next = false;
        }
        Ok(Query { groups })
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// The query with its terms separated by single spaces: `border ` and
/// ` border` are the same query as `border`, and need no new search.
pub fn normalize(text: &str) -> String {
    tokens(text).collect::<Vec<_>>().join(" ")
}

/// Whether every item matching `new` also matches `old`, so the engine may
/// search only the previous results. True when `new` only appends to `old`
/// and nothing appended can widen the match: no `!`, `|` or date terms.
pub fn narrows(old: &str, new: &str) -> bool {
    let Some(appended) = new.strip_prefix(old) else {
        return false;
    };
    // `bo$` -> `bo$x` turns a suffix term into a fuzzy one: not narrower.
    !old.ends_with(['\\', '$'])
        && !new.contains(['!', '|'])
        && !tokens(new).any(|token| token.starts_with(['>', '<', '@']))
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

fn parse_term(token: &str) -> Result<Option<Term>, QueryError> {
    let (negative, rest) = match token.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let comparison = match rest.as_bytes().first() {
        Some(b'>') => Some(DateComparison::From),
        Some(b'<') => Some(DateComparison::Before),
        Some(b'@') => Some(DateComparison::Within),
        _ => None,
    };
    if let Some(comparison) = comparison {
        let (start, end) =
            parse_period(&rest[1..]).ok_or_else(|| QueryError::BadDateTerm(token.to_string()))?;
        return Ok(Some(Term::Date(DateTerm {
            comparison,
            start,
            end,
            negative,
        })));
    }
    let atom = Atom::parse(&fold_str(token), CaseMatching::Smart, Normalization::Never);
    let needle = atom.needle_text();
    if needle.is_empty() {
        return Ok(None);
    }
    let ignore_case = !needle.chars().any(is_upper_case);
    Ok(Some(Term::Text(TextTerm { atom, ignore_case })))
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

#[cfg(test)]
mod tests {
    use super::*;
    use nucleo_matcher::pattern::AtomKind;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn shape(query: &str) -> Vec<Vec<String>> {
        Query::parse(query)
            .unwrap()
            .groups
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|term| match term {
                        Term::Text(TextTerm { atom, .. }) => {
                            let needle: String = atom.needle_text().chars().collect();
                            format!(
                                "{:?}{}{needle}",
                                atom.kind,
                                if atom.negative { "!" } else { "" }
                            )
                        }
                        Term::Date(date) => format!("{:?}{}", date.comparison, date.start),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn spaces_separate_terms_and_bars_join_alternatives() {
        assert_eq!(shape("border  worker"), [["Fuzzyborder"], ["Fuzzyworker"]]);
        assert_eq!(shape("a | b c"), [vec!["Fuzzya", "Fuzzyb"], vec!["Fuzzyc"]]);
        assert_eq!(shape("| a |"), [["Fuzzya"]]);
        assert_eq!(shape("new\\ york"), [["Fuzzynew york"]]);
        assert!(Query::parse("   ").unwrap().is_empty());
    }

    #[test]
    fn fzf_term_prefixes_and_suffixes() {
        assert_eq!(shape("'exact"), [["Substringexact"]]);
        assert_eq!(shape("^pre"), [["Prefixpre"]]);
        assert_eq!(shape("suf$"), [["Postfixsuf"]]);
        assert_eq!(shape("!not"), [["Substring!not"]]);
        assert_eq!(shape("^whole$"), [["Exactwhole"]]);
        let query = Query::parse("!").unwrap();
        assert!(query.is_empty(), "a lone ! is no term");
        let Term::Text(TextTerm { atom, .. }) = &Query::parse("'x").unwrap().groups[0][0] else {
            panic!()
        };
        assert_eq!(atom.kind, AtomKind::Substring);
    }

    #[test]
    fn smart_case_is_decided_per_term() {
        let query = Query::parse("border Worker").unwrap();
        let cases: Vec<bool> = query
            .groups
            .iter()
            .map(|group| match &group[0] {
                Term::Text(text) => text.ignore_case,
                Term::Date(_) => unreachable!(),
            })
            .collect();
        assert_eq!(cases, [true, false]);
    }

    #[test]
    fn terms_are_folded_like_haystacks() {
        assert_eq!(shape("méxico"), [["Fuzzymexico"]]);
    }

    #[test]
    fn date_terms() {
        assert_eq!(shape(">2023-06"), [["From2023-06-01"]]);
        assert_eq!(shape("<2022"), [["Before2022-01-01"]]);
        assert_eq!(shape("@2022-03-05"), [["Within2022-03-05"]]);
        let query = Query::parse("guat >2023 <2024-07").unwrap();
        assert_eq!(query.groups.len(), 3);
        assert!(matches!(query.groups[2][0], Term::Date(_)));

        let Term::Date(within) = Query::parse("@2022-02").unwrap().groups[0][0] else {
            panic!()
        };
        assert!(within.matches(day(2022, 2, 1)) && within.matches(day(2022, 2, 28)));
        assert!(!within.matches(day(2022, 3, 1)) && !within.matches(day(2022, 1, 31)));
        let Term::Date(from) = Query::parse(">2023-06").unwrap().groups[0][0] else {
            panic!()
        };
        assert!(from.matches(day(2023, 6, 1)) && !from.matches(day(2023, 5, 31)));
        let Term::Date(before) = Query::parse("<2022").unwrap().groups[0][0] else {
            panic!()
        };
        assert!(before.matches(day(2021, 12, 31)) && !before.matches(day(2022, 1, 1)));
        let Term::Date(not) = Query::parse("!@2022").unwrap().groups[0][0] else {
            panic!()
        };
        assert!(not.matches(day(2021, 12, 31)) && !not.matches(day(2022, 6, 1)));
    }

    #[test]
    fn malformed_date_terms_are_errors_not_text() {
        for term in [
            ">",
            "<20",
            "@2022-3",
            ">2023-13",
            "@2023-02-30",
            "<abcd",
            ">2022-01-01-01",
            "@2022/03",
        ] {
            assert_eq!(
                Query::parse(&format!("guat {term}")).unwrap_err(),
                QueryError::BadDateTerm(term.to_string()),
                "{term}"
            );
        }
        assert_eq!(
            QueryError::BadDateTerm(">20".into()).to_string(),
            "bad date term '>20': expected YYYY, YYYY-MM or YYYY-MM-DD after > < or @"
        );
    }

    #[test]
    fn normalizing_keeps_terms_and_drops_extra_spaces() {
        assert_eq!(normalize("  border   worker "), "border worker");
        assert_eq!(normalize("new\\ york"), "new\\ york");
    }

    #[test]
    fn narrowing_is_detected_only_when_safe() {
        assert!(narrows("", "b"));
        assert!(narrows("bo", "bor"));
        assert!(narrows("border", "border w"));
        assert!(!narrows("bor", "bo"));
        assert!(!narrows("!bo", "!bor"));
        assert!(!narrows("a", "a | b"));
        assert!(!narrows("x <2023", "x <2023-06"));
        assert!(!narrows("new\\", "new\\ york"));
        assert!(!narrows("abc", "xbc"));
        assert!(!narrows("bo$", "bo$x"));
    }
}
