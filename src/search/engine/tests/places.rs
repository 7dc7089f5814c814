//! `in:` terms: matching by the places an item names, with every other term,
//! and the error when no places were given.

use super::*;
use crate::archive::source;

/// Newest first: New (HN), Haitians (GT, HT, MX: Guatemala is in the body),
/// Honduras (GT, HN), Crossings (PA), Regional (none), Nigerien (NE).
const TEXT: &str = "5 June 2023\n\nHaitians wait in Tapachula\n\nMany came through Guatemala.\n\n\
                    1 March 2022\n\nHonduras and Guatemala sign a labour accord\n\n\
                    10 January 2021\n\nCrossings rise at the Darién border\n\n\
                    2 February 2024\n\nNew shelter opens in San Pedro Sula\n\n\
                    15 July 2020\n\nRegional conference on the diaspora\n\n\
                    1 May 2019\n\nNigerien migrants rest in Agadez\n";

fn placed_archive() -> Archive {
    let mut archive = Archive::new();
    source::add_bytes(&mut archive, "t", TEXT.as_bytes().to_vec()).unwrap();
    archive.sort();
    archive
}

/// First words of the headlines matching `query`, in archive order.
fn matching(query: &str) -> Vec<String> {
    let archive = placed_archive();
    let places = Places::build(&archive);
    search_words(&archive, &places, &mut Searcher::new(&archive), query)
}

fn search_words(
    archive: &Archive,
    places: &Places,
    searcher: &mut Searcher,
    query: &str,
) -> Vec<String> {
    let corpus = Corpus::unread(archive).with_places(places);
    searcher
        .search(
            corpus,
            query,
            Scope::Headlines,
            SortOrder::Date,
            &never_stale,
        )
        .unwrap()
        .unwrap()
        .iter()
        .map(|found| {
            let headline = archive.get(found.index as usize).headline;
            headline.split(' ').next().unwrap().to_string()
        })
        .collect()
}

#[test]
fn places_match_by_code_and_by_name_in_any_case_with_or_without_accents() {
    for query in [
        "in:hn",
        "in:HN",
        "IN:Hn",
        "in:honduras",
        "in:Honduras",
        "in:hondureños",
    ] {
        assert_eq!(matching(query), ["New", "Honduras"], "{query}");
    }
    for query in ["in:ht", "in:haití", "in:Haiti", "in:HAITÍ", "in:haitianos"] {
        assert_eq!(matching(query), ["Haitians"], "{query}");
    }
    assert_eq!(matching("in:mexico"), matching("in:méxico"));
    assert_eq!(
        matching("in:gt"),
        ["Haitians", "Honduras"],
        "bodies name places too"
    );
    assert_eq!(matching("in:el\\ salvador"), Vec::<String>::new());
    assert_eq!(matching("in:ee.uu."), Vec::<String>::new());
    assert_eq!(
        matching("in:darién"),
        ["Crossings"],
        "a place is its country"
    );
}

#[test]
fn place_terms_combine_with_negation_alternatives_dates_and_text() {
    assert_eq!(
        matching("!in:hn"),
        ["Haitians", "Crossings", "Regional", "Nigerien"]
    );
    assert_eq!(matching("in:hn | in:pa"), ["New", "Honduras", "Crossings"]);
    assert_eq!(matching("in:gt >2023"), ["Haitians"]);
    assert_eq!(matching("in:hn <2023"), ["Honduras"]);
    assert_eq!(matching("in:hn @2024"), ["New"]);
    assert_eq!(matching("in:hn shelter"), ["New"]);
    assert_eq!(
        matching("!in:gt !in:hn crossings | regional"),
        ["Crossings", "Regional"]
    );
    assert_eq!(matching("in:"), matching(""), "an empty in: is no term");
}

#[test]
fn a_place_term_adds_nothing_to_the_score() {
    let archive = placed_archive();
    let places = Places::build(&archive);
    let corpus = Corpus::unread(&archive).with_places(&places);
    let scores = |query: &str| -> Vec<(u32, u32)> {
        Searcher::new(&archive)
            .search(
                corpus,
                query,
                Scope::Headlines,
                SortOrder::Score,
                &never_stale,
            )
            .unwrap()
            .unwrap()
            .iter()
            .map(|found| (found.index, found.score()))
            .collect()
    };
    assert_eq!(scores("shelter in:hn"), scores("shelter"));
}

#[test]
fn extending_a_place_term_searches_everything_again() {
    let archive = placed_archive();
    let places = Places::build(&archive);
    let mut searcher = Searcher::new(&archive);
    // `in:ni` is Nicaragua: nothing. `in:niger`, typed on, is Niger.
    assert!(search_words(&archive, &places, &mut searcher, "in:ni").is_empty());
    assert_eq!(
        search_words(&archive, &places, &mut searcher, "in:niger"),
        ["Nigerien"]
    );
    assert_eq!(
        search_words(&archive, &places, &mut searcher, "in:niger r"),
        ["Nigerien"]
    );
}

#[test]
fn unknown_places_and_missing_places_are_errors() {
    let archive = placed_archive();
    let search = |corpus: Corpus<'_>, query: &str| {
        Searcher::new(&archive).search(
            corpus,
            query,
            Scope::Headlines,
            SortOrder::Date,
            &never_stale,
        )
    };
    let places = Places::build(&archive);
    let with_places = Corpus::unread(&archive).with_places(&places);
    let error = search(with_places, "border !in:xyz").unwrap_err();
    assert_eq!(error, QueryError::UnknownPlace("in:xyz".into()));
    assert!(
        error.to_string().starts_with("unknown place 'in:xyz'"),
        "{error}"
    );
    // The searcher never builds places itself: the caller decides when.
    let without = Corpus::unread(&archive);
    assert_eq!(
        search(without, "in:hn").unwrap_err(),
        QueryError::PlacesNotReady
    );
    assert_eq!(search(without, "border").unwrap().unwrap().len(), 1);
    assert_eq!(
        search(without, "'in:hn").unwrap().unwrap().len(),
        0,
        "quoted: text"
    );
}

#[test]
fn a_single_item_ranks_with_its_places() {
    let archive = placed_archive();
    let query = Query::parse("shelter in:hn").unwrap();
    let item = archive.get(0);
    let mut scratch = Scratch::new();
    let honduras = crate::places::gazetteer().by_code("HN").unwrap();
    let state = ItemState::UNREAD;
    assert!(
        rank_item(
            &query,
            item,
            state,
            &[honduras],
            Scope::Headlines,
            &mut scratch
        )
        .is_some()
    );
    assert!(rank_item(&query, item, state, &[], Scope::Headlines, &mut scratch).is_none());
}

mod folding {
    use proptest::prelude::*;

    proptest! {
        /// Tagging folds letters as searching does (the places layer, below
        /// search, keeps its own copy); only spaces, apostrophes and dashes
        /// differ, on purpose.
        #[test]
        fn places_fold_letters_as_search_does(c in any::<char>()) {
            let plain = c.is_whitespace() || matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}'
                | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}');
            if !plain {
                prop_assert_eq!(
                    crate::places::fold::fold_char(c),
                    crate::search::fold::fold_char(c)
                );
            }
        }
    }
}
