//! `is:` and `src:` terms: matching by state and source, with every other
//! term, and searches that stay right when states change between them.

use super::*;
use crate::archive::source;

/// Three sources, two items each; a source name with an accent.
const SOURCES: [(&str, &str); 3] = [
    (
        "IOM Regional Office",
        "5 June 2023\n\nBorder worker card campaign launched in México\n\n\
         1 March 2022\n\nPanamá and Costa Rica sign labour agreement\n",
    ),
    (
        "ReliefWeb – Updates",
        "5 June 2023\n\nRegional conference on the Caribbean diaspora\n\n\
         Talks covered the border worker visitor card.\n\n\
         10 January 2021\n\nCrossings rise at the Darién border\n",
    ),
    (
        "Twitter / Migración",
        "2 February 2024\n\nClosures at the border announced\n\n\
         15 July 2020\n\nMéxico hosts regional conference\n",
    ),
];

/// Newest first: Closures, Border, Regional, Panamá, Crossings, México.
pub(super) fn sourced_archive() -> Archive {
    let mut archive = Archive::new();
    for (name, text) in SOURCES {
        source::add_bytes(&mut archive, name, text.as_bytes().to_vec()).unwrap();
    }
    archive.sort();
    archive
}

fn set(states: &mut ItemStates, index: usize, read: bool, starred: bool) {
    states.set(index, ItemState { read, starred });
}

/// Border read; Regional starred; Panamá read and starred; the rest unread.
fn fixture_states(archive: &Archive) -> ItemStates {
    let mut states = ItemStates::unread(archive.len());
    set(&mut states, 1, true, false);
    set(&mut states, 2, false, true);
    set(&mut states, 3, true, true);
    states
}

fn first_word(archive: &Archive, found: &Match) -> String {
    let headline = archive.get(found.index as usize).headline;
    headline.split(' ').next().unwrap().to_string()
}

/// First words of the matching headlines, in archive order.
fn matching_in(query: &str, scope: Scope) -> Vec<String> {
    let archive = sourced_archive();
    let states = fixture_states(&archive);
    Searcher::new(&archive)
        .search(
            Corpus::new(&archive, &states),
            query,
            scope,
            SortOrder::Date,
            &never_stale,
        )
        .unwrap()
        .unwrap()
        .iter()
        .map(|found| first_word(&archive, found))
        .collect()
}

fn matching(query: &str) -> Vec<String> {
    matching_in(query, Scope::Headlines)
}

#[test]
fn state_terms_match_by_state() {
    let unread = ["Closures", "Regional", "Crossings", "México"];
    assert_eq!(matching("is:unread"), unread);
    assert_eq!(matching("!is:read"), unread);
    assert_eq!(matching("IS:Unread"), unread);
    assert_eq!(matching("is:read"), ["Border", "Panamá"]);
    assert_eq!(matching("!is:unread"), ["Border", "Panamá"]);
    assert_eq!(matching("is:starred"), ["Regional", "Panamá"]);
    assert_eq!(
        matching("!is:starred"),
        ["Closures", "Border", "Crossings", "México"]
    );
    assert_eq!(
        matching("is:read | is:starred"),
        ["Border", "Regional", "Panamá"]
    );
    assert_eq!(matching("is:read is:starred"), ["Panamá"]);
}

#[test]
fn state_terms_combine_with_text_and_date_terms() {
    assert_eq!(matching("is:unread border"), ["Closures", "Crossings"]);
    assert_eq!(matching("border !is:unread"), ["Border"]);
    assert_eq!(matching("is:starred >2023"), ["Regional"]);
    assert_eq!(matching("!is:starred 'card"), ["Border"]);
    assert_eq!(
        matching("is:unread <2022 | ^panama"),
        ["Crossings", "México"]
    );
    assert_eq!(
        matching("is:unread | ^panama <2022"),
        ["Crossings", "México"]
    );
    assert_eq!(
        matching("<2022 | ^panama"),
        ["Panamá", "Crossings", "México"]
    );
    assert_eq!(
        matching("'card | is:starred !@2022"),
        ["Border", "Regional"]
    );
}

#[test]
fn source_terms_match_the_source_name() {
    assert_eq!(matching("src:iom"), ["Border", "Panamá"]);
    assert_eq!(matching("SRC:iom"), ["Border", "Panamá"]);
    assert_eq!(matching("src:'relief"), ["Regional", "Crossings"]);
    assert_eq!(
        matching("!src:twitter"),
        ["Border", "Regional", "Panamá", "Crossings"]
    );
    assert_eq!(matching("src:migracion"), ["Closures", "México"], "folded");
    assert_eq!(matching("src:migración"), ["Closures", "México"]);
    assert_eq!(matching("src:IOM"), ["Border", "Panamá"]);
    assert!(
        matching("src:Iom").is_empty(),
        "a capital is case-sensitive"
    );
    assert_eq!(
        matching("src:iom | src:twitter"),
        ["Closures", "Border", "Panamá", "México"]
    );
    assert!(matching("src:border").is_empty(), "not the headline");
    assert_eq!(
        matching("border src:"),
        matching("border"),
        "empty: no term"
    );
}

#[test]
fn source_terms_combine_with_every_other_term() {
    assert_eq!(matching("src:relief is:unread <2022"), ["Crossings"]);
    assert!(matching("src:iom conference").is_empty());
    assert_eq!(matching("src:relief conference"), ["Regional"]);
    assert_eq!(
        matching("!src:iom !is:read border"),
        ["Closures", "Crossings"]
    );
    assert_eq!(
        matching("src:twitter | is:starred >2023"),
        ["Closures", "Regional"]
    );
}

#[test]
fn in_full_text_scope_filters_keep_headline_matches_first() {
    let archive = sourced_archive();
    let states = fixture_states(&archive);
    let found = Searcher::new(&archive)
        .search(
            Corpus::new(&archive, &states),
            "'card !is:read",
            Scope::FullText,
            SortOrder::Score,
            &never_stale,
        )
        .unwrap()
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(first_word(&archive, &found[0]), "Regional");
    assert!(
        !found[0].in_headline(),
        "the body matched, not the headline"
    );
    assert_eq!(
        matching_in("'card src:iom", Scope::FullText),
        ["Border"],
        "in the headline; the other card is in a ReliefWeb body"
    );
}

#[test]
fn state_and_source_terms_add_nothing_to_the_score() {
    let archive = sourced_archive();
    let states = fixture_states(&archive);
    let search = |query: &str| {
        Searcher::new(&archive)
            .search(
                Corpus::new(&archive, &states),
                query,
                Scope::Headlines,
                SortOrder::Score,
                &never_stale,
            )
            .unwrap()
            .unwrap()
    };
    let plain = search("border");
    let filtered = search("border !is:starred src:r");
    let expected: Vec<Match> = plain
        .iter()
        .copied()
        .filter(|m| !states.get(m.index as usize).starred)
        .collect();
    assert_eq!(filtered, expected);
    assert!(
        search("is:unread src:i")
            .iter()
            .all(|m| m.score() == 0 && m.in_headline())
    );
}

#[test]
fn a_state_change_between_searches_is_seen_by_the_next_keystroke() {
    let archive = sourced_archive();
    let states = fixture_states(&archive);
    let mut searcher = Searcher::new(&archive);
    let mut search = |states: &ItemStates, query: &str| -> Vec<String> {
        let mut found = searcher
            .search(
                Corpus::new(&archive, states),
                query,
                Scope::Headlines,
                SortOrder::Date,
                &never_stale,
            )
            .unwrap()
            .unwrap();
        sort_matches(&mut found, SortOrder::Date);
        found.iter().map(|m| first_word(&archive, m)).collect()
    };
    assert_eq!(
        search(&states, "is:unread bor"),
        ["Closures", "Regional", "Crossings"]
    );
    // The reader marks Closures read without searching again.
    let mut changed = states.clone();
    set(&mut changed, 0, true, false);
    assert_ne!(changed.version(), states.version());
    assert_eq!(search(&changed, "is:unread bord"), ["Crossings"]);
    // The same query again, after another change: no stale shortcut.
    let mut again = changed.clone();
    set(&mut again, 4, true, false);
    assert!(search(&again, "is:unread bord").is_empty());
    assert!(search(&again, "is:unread bord ").is_empty());
    // Marked unread again: the item comes back when the query narrows.
    let mut back = again.clone();
    set(&mut back, 0, false, false);
    assert_eq!(search(&back, "is:unread borde"), ["Closures"]);
}

#[test]
fn only_queries_with_state_terms_remember_the_states() {
    let archive = sourced_archive();
    let states = fixture_states(&archive);
    let mut searcher = Searcher::new(&archive);
    let mut remembered = |query: &str| {
        searcher
            .search(
                Corpus::new(&archive, &states),
                query,
                Scope::Headlines,
                SortOrder::Score,
                &never_stale,
            )
            .unwrap();
        searcher.last.as_ref().unwrap().states_version
    };
    assert_eq!(
        remembered("border src:iom"),
        None,
        "reusable whatever the states"
    );
    assert_eq!(remembered("border is:starred"), Some(states.version()));
}

#[test]
fn typing_state_and_source_terms_agrees_with_a_fresh_search() {
    let mut archive = Archive::new();
    for (seed, name) in [
        (21, "IOM Regional Office"),
        (22, "ReliefWeb"),
        (23, "Twitter"),
    ] {
        let text = crate::archive::sample::archive_text(400, seed);
        source::add_bytes(&mut archive, name, text.into_bytes()).unwrap();
    }
    archive.sort();
    let mut states = ItemStates::unread(archive.len());
    for index in 0..archive.len() {
        set(&mut states, index, index % 3 == 0, index % 5 == 0);
    }
    let corpus = Corpus::new(&archive, &states);
    for typed in [
        "is:unread border worker",
        "src:relief mexico is:starred",
        "border src:'iom !is:read",
        "mexico src:tw | src:iom",
        "src:office$ frontera",
    ] {
        let found = Searcher::new(&archive)
            .search(
                corpus,
                typed,
                Scope::Headlines,
                SortOrder::Score,
                &never_stale,
            )
            .unwrap()
            .unwrap();
        assert!(!found.is_empty(), "{typed:?} should find something");
        assert_typing_agrees(corpus, typed, Searcher::new);
        assert_typing_agrees(corpus, typed, |archive| {
            Searcher::with_optimal_ranking_limit(archive, 0)
        });
    }
}

#[test]
fn state_and_source_terms_never_highlight() {
    assert_eq!(highlighted("iom border", "src:iom is:unread"), "iom border");
    assert_eq!(highlighted("iom border", "src:iom 'border"), "iom BORDER");
    assert_eq!(highlighted("is read", "is:read"), "is read");
    assert_eq!(
        highlighted("is read", "'is:read"),
        "is read",
        "no such text"
    );
}
