use super::*;
use nucleo_matcher::pattern::{Atom, AtomKind};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn atom_shape(atom: &Atom) -> String {
    let needle: String = atom.needle_text().chars().collect();
    format!(
        "{:?}{}{needle}",
        atom.kind,
        if atom.negative { "!" } else { "" }
    )
}

/// Each term as a short string: its kind, `!` when negative, its text.
fn shape(query: &str) -> Vec<Vec<String>> {
    Query::parse(query)
        .unwrap()
        .groups
        .iter()
        .map(|group| {
            group
                .iter()
                .map(|term| match term {
                    Term::Text(TextTerm { atom, .. }) => atom_shape(atom),
                    Term::Date(date) => format!("{:?}{}", date.comparison, date.start),
                    Term::State(StateTerm { state, negative }) => {
                        format!("is{}{state:?}", if *negative { "!" } else { "" })
                    }
                    Term::Source(TextTerm { atom, .. }) => format!("src{}", atom_shape(atom)),
                    Term::Place(PlaceTerm { country, negative }) => {
                        let code = crate::places::gazetteer().country(*country).code;
                        format!("in{}{code}", if *negative { "!" } else { "" })
                    }
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
fn a_term_typed_twice_is_one_term() {
    assert_eq!(
        shape("frontera border frontera border"),
        [["Fuzzyfrontera"], ["Fuzzyborder"]]
    );
    assert_eq!(
        shape("a | b a | b c"),
        [vec!["Fuzzya", "Fuzzyb"], vec!["Fuzzyc"]]
    );
    // Not the same group: kept.
    assert_eq!(shape("a a | b"), [vec!["Fuzzya"], vec!["Fuzzya", "Fuzzyb"]]);
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
            _ => unreachable!(),
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

#[test]
fn state_terms_in_any_case_and_negated() {
    assert_eq!(shape("is:unread"), [["isUnread"]]);
    assert_eq!(shape("IS:Unread"), [["isUnread"]]);
    assert_eq!(shape("is:READ !Is:starred"), [["isRead"], ["is!Starred"]]);
    assert_eq!(
        shape("is:unread | is:starred border"),
        [vec!["isUnread", "isStarred"], vec!["Fuzzyborder"]]
    );
    // Quoted, anchored or escaped, it is text again.
    assert_eq!(shape("'is:unread"), [["Substringis:unread"]]);
    assert_eq!(shape("^is:read"), [["Prefixis:read"]]);
    assert_eq!(shape("this:read"), [["Fuzzythis:read"]]);
}

#[test]
fn state_terms_match_the_state_they_name() {
    let states = [
        ItemState::UNREAD,
        ItemState {
            read: true,
            starred: false,
        },
        ItemState {
            read: false,
            starred: true,
        },
        ItemState {
            read: true,
            starred: true,
        },
    ];
    let matching = |query: &str| -> Vec<usize> {
        let Term::State(term) = Query::parse(query).unwrap().groups[0][0] else {
            panic!("{query}")
        };
        (0..states.len())
            .filter(|&i| term.matches(states[i]))
            .collect()
    };
    assert_eq!(matching("is:unread"), [0, 2]);
    assert_eq!(matching("!is:read"), [0, 2]);
    assert_eq!(matching("is:read"), [1, 3]);
    assert_eq!(matching("!is:unread"), [1, 3]);
    assert_eq!(matching("is:starred"), [2, 3]);
    assert_eq!(matching("!is:starred"), [0, 1]);
}

#[test]
fn unknown_states_are_errors_naming_the_term() {
    for (query, term) in [
        ("is:new", "is:new"),
        ("is:", "is:"),
        ("border !is:bogus", "is:bogus"),
        ("IS:Unreadx", "IS:Unreadx"),
        ("is:unread|is:read", "is:unread|is:read"),
        ("is:ünread", "is:ünread"),
    ] {
        assert_eq!(
            Query::parse(query).unwrap_err(),
            QueryError::UnknownState(term.to_string()),
            "{query}"
        );
    }
    assert_eq!(
        QueryError::UnknownState("is:new".into()).to_string(),
        "unknown state 'is:new': expected is:unread, is:read or is:starred"
    );
}

#[test]
fn source_terms_are_fzf_terms_on_the_source_name() {
    assert_eq!(shape("src:iom"), [["srcFuzzyiom"]]);
    assert_eq!(shape("SRC:iom"), [["srcFuzzyiom"]]);
    assert_eq!(shape("src:'reliefweb"), [["srcSubstringreliefweb"]]);
    assert_eq!(shape("src:^iom"), [["srcPrefixiom"]]);
    assert_eq!(shape("!src:twitter"), [["srcSubstring!twitter"]]);
    assert_eq!(shape("src:méxico"), [["srcFuzzymexico"]]);
    assert_eq!(shape("src:new\\ york"), [["srcFuzzynew york"]]);
    assert_eq!(
        shape("src:iom | src:unhcr >2023"),
        [vec!["srcFuzzyiom", "srcFuzzyunhcr"], vec!["From2023-01-01"]]
    );
    let Term::Source(upper) = &Query::parse("src:IOM").unwrap().groups[0][0] else {
        panic!()
    };
    assert!(!upper.ignore_case, "smart case, as for text");
    // Nothing to match: no term, like an empty text term.
    for empty in ["src:", "!src:", "src:'", "SRC:^"] {
        assert!(Query::parse(empty).unwrap().is_empty(), "{empty}");
    }
    assert_eq!(shape("border src:"), [["Fuzzyborder"]]);
}

#[test]
fn queries_know_whether_states_matter() {
    assert!(Query::parse("border !is:read").unwrap().has_state_terms());
    assert!(Query::parse("x | is:starred").unwrap().has_state_terms());
    assert!(
        !Query::parse("border src:iom >2023")
            .unwrap()
            .has_state_terms()
    );
    assert!(!Query::parse("'is:read").unwrap().has_state_terms());
}

#[test]
fn narrowing_with_state_and_source_terms() {
    assert!(narrows("is:unread", "is:unread b"));
    assert!(narrows("border", "border is:starred"));
    assert!(narrows("src:io", "src:iom"));
    assert!(narrows("src:", "src:i"));
    assert!(narrows("src:'relief", "src:'reliefw"));
    assert!(narrows("src:iom b", "src:iom bo"));
    // A text term becoming a keyed one matches something else entirely.
    assert!(!narrows("is", "is:unread"));
    assert!(!narrows("i", "is:read"));
    assert!(!narrows("src", "src:iom"));
    assert!(!narrows("border sr", "border src:iom"));
    assert!(!narrows("IS", "IS:read"));
    // The usual limits hold for source terms too.
    assert!(!narrows("!src:io", "!src:iom"));
    assert!(!narrows("src:io$", "src:io$m"));
    assert!(!narrows("src:io", "src:io | src:x"));
}

#[test]
fn place_terms_take_codes_and_names() {
    assert_eq!(
        shape("in:gt !IN:Haití in:el\\ salvador | in:ee.uu."),
        [vec!["inGT"], vec!["in!HT"], vec!["inSV", "inUS"]]
    );
    assert_eq!(
        shape("'in:gt"),
        [["Substringin:gt"]],
        "quoted: the text itself"
    );
    for empty in ["in:", "!in:", "IN:"] {
        assert!(Query::parse(empty).unwrap().is_empty(), "{empty}");
    }
    for (query, term) in [("in:xyz", "in:xyz"), ("border !in:Atlantis", "in:Atlantis")] {
        assert_eq!(
            Query::parse(query).unwrap_err(),
            QueryError::UnknownPlace(term.into())
        );
    }
    assert_eq!(
        QueryError::UnknownPlace("in:xyz".into()).to_string(),
        "unknown place 'in:xyz': expected a country's code or name, such as in:gt or in:guatemala"
    );
    assert!(Query::parse("x | !in:mx").unwrap().has_place_terms());
    assert!(!Query::parse("x is:read src:in").unwrap().has_place_terms());
}

#[test]
fn narrowing_with_place_terms() {
    assert!(narrows("in:gt", "in:gt b"));
    assert!(narrows("border", "border in:gt"));
    assert!(narrows("in:gt bo", "in:gt bor"));
    // Typing on in a place term names another place: `in:ni` is Nicaragua,
    // `in:niger` Niger.
    assert!(!narrows("in:ni", "in:niger"));
    assert!(!narrows("in", "in:gt"));
    assert!(!narrows("border in:", "border in:g"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that make the parser's interesting cases likely.
    fn term() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z!'^$|\\\\:<>@0-9 áÉñ移😀\u{301}-]{0,12}",
            Just("is:".to_string()),
            Just("IS:UNREAD".to_string()),
            Just("!is:read".to_string()),
            Just("src:".to_string()),
            Just("!SRC:".to_string()),
            Just("src:'".to_string()),
            Just("src:\\".to_string()),
            Just(">2023-06".to_string()),
            Just("|".to_string()),
            Just(" ".to_string()),
        ]
    }

    proptest! {
        #[test]
        fn any_query_parses_or_is_an_error_never_a_panic(
            pieces in proptest::collection::vec(term(), 0..8),
            noise in any::<String>(),
        ) {
            for text in [pieces.concat(), noise] {
                if let Ok(query) = Query::parse(&text) {
                    query.has_state_terms();
                }
                let normalized = normalize(&text);
                for end in (0..=normalized.len()).filter(|&end| normalized.is_char_boundary(end)) {
                    narrows(&normalized[..end], &normalized);
                }
            }
        }
    }
}
