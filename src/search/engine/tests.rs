use super::*;
use crate::search::fold::fold_char;

mod filter_properties;
mod fzf_table;
mod places;
mod states_and_sources;

/// Accents, a decomposed headline, CJK and emoji; shared with the CLI tests.
const ARCHIVE: &str = include_str!("../../../tests/fixtures/query.txt");

use crate::archive::test_support::archive_from as archive;

fn never_stale() -> bool {
    false
}

fn search_in(archive: &Archive, query: &str, scope: Scope, order: SortOrder) -> Vec<Match> {
    Searcher::new(archive)
        .search(Corpus::unread(archive), query, scope, order, &never_stale)
        .unwrap()
        .unwrap()
}

/// Headlines matching `query`, best first.
fn headlines(query: &str) -> Vec<String> {
    headlines_with(query, Scope::Headlines, SortOrder::Score)
}

fn headlines_with(query: &str, scope: Scope, order: SortOrder) -> Vec<String> {
    let archive = archive(ARCHIVE);
    search_in(&archive, query, scope, order)
        .iter()
        .map(|m| archive.get(m.index as usize).headline.to_string())
        .collect()
}

fn first_words(query: &str) -> Vec<String> {
    headlines(query)
        .iter()
        .map(|h| h.split(' ').next().unwrap().to_string())
        .collect()
}

#[test]
fn empty_query_keeps_archive_order() {
    assert_eq!(
        first_words(""),
        ["Border", "Regional", "Panamá", "移民", "Me\u{301}xico"]
    );
    assert_eq!(first_words("   "), first_words(""));
}

#[test]
fn fuzzy_terms_all_match_in_any_order() {
    assert_eq!(first_words("brdr wrkr"), ["Border"]);
    assert_eq!(first_words("worker border"), ["Border"]);
    assert_eq!(first_words("conf reg"), ["Regional", "Me\u{301}xico"]);
}

#[test]
fn extended_syntax_terms() {
    assert_eq!(first_words("'sign"), ["Panamá"], "exact substring");
    assert!(first_words("'sgn").is_empty(), "exact means no gaps");
    assert_eq!(first_words("^regional"), ["Regional"], "prefix");
    assert_eq!(first_words("diaspora$"), ["Regional"], "suffix");
    assert_eq!(
        first_words("conference !caribbean"),
        ["Me\u{301}xico"],
        "exclusion"
    );
    assert_eq!(
        first_words("^panama | ^border"),
        ["Border", "Panamá"],
        "either"
    );
    assert_eq!(
        first_words("costa\\ rica"),
        ["Panamá"],
        "escaped space is literal"
    );
    assert!(first_words("'costa\\ xrica").is_empty());
}

#[test]
fn smart_case_per_term() {
    assert_eq!(first_words("border").len(), 1);
    assert_eq!(first_words("Border"), ["Border"]);
    assert!(
        first_words("BORDER").is_empty(),
        "a capital makes the term case-sensitive"
    );
    assert!(first_words("'Card").is_empty());
    assert_eq!(first_words("'card"), ["Border"]);
}

#[test]
fn accents_and_forms_fold_both_ways() {
    assert_eq!(first_words("'mexico"), ["Border", "Me\u{301}xico"]);
    assert_eq!(first_words("'méxico"), ["Border", "Me\u{301}xico"]);
    assert_eq!(first_words("'panama"), ["Panamá"]);
    assert_eq!(first_words("'panamá"), ["Panamá"]);
    assert_eq!(
        first_words("'MÉXICO").len(),
        0,
        "capitals are case-sensitive after folding"
    );
    assert_eq!(first_words("'México"), ["Border", "Me\u{301}xico"]);
}

#[test]
fn cjk_and_emoji_terms_match() {
    assert_eq!(first_words("移民"), ["移民"]);
    assert_eq!(first_words("😀"), ["移民"]);
    assert!(first_words("'民移").is_empty());
}

#[test]
fn date_terms_filter_and_combine_with_text() {
    assert_eq!(first_words(">2023-06"), ["Border", "Regional"]);
    assert_eq!(first_words("<2022"), ["移民", "Me\u{301}xico"]);
    assert_eq!(first_words("@2022-03"), ["Panamá"]);
    assert_eq!(first_words("@2022-03-01"), ["Panamá"]);
    assert!(first_words("@2022-03-02").is_empty());
    assert_eq!(first_words("conference >2021"), ["Regional"]);
    assert_eq!(first_words("conference <2021"), ["Me\u{301}xico"]);
    assert_eq!(first_words("!@2023 >2021"), ["Panamá", "移民"]);
}

#[test]
fn malformed_date_terms_are_reported() {
    let archive = archive(ARCHIVE);
    let error = Searcher::new(&archive)
        .search(
            Corpus::unread(&archive),
            "guat >2023-13",
            Scope::Headlines,
            SortOrder::Score,
            &never_stale,
        )
        .unwrap_err();
    assert_eq!(error, QueryError::BadDateTerm(">2023-13".into()));
}

#[test]
fn full_text_scope_matches_bodies_below_headline_matches() {
    assert_eq!(first_words("'visitor"), Vec::<String>::new());
    let full = headlines_with("'visitor", Scope::FullText, SortOrder::Score);
    assert_eq!(full.len(), 1);
    assert!(full[0].starts_with("Regional"));
    // "'card" is in the first headline and only in the second's body.
    let full = headlines_with("'card", Scope::FullText, SortOrder::Score);
    assert!(
        full[0].starts_with("Border") && full[1].starts_with("Regional"),
        "{full:?}"
    );
    let archive = archive(ARCHIVE);
    let matches = search_in(&archive, "'card", Scope::FullText, SortOrder::Score);
    assert!(matches[0].in_headline() && !matches[1].in_headline());
    // Exclusion looks at the body too.
    let full = headlines_with("conference !'talks", Scope::FullText, SortOrder::Score);
    assert_eq!(full.len(), 1);
    assert!(full[0].starts_with("Me\u{301}xico"));
}

#[test]
fn equal_scores_rank_newest_first_then_input_order() {
    let text = "1 May 2020\n\nalpha one\n\n1 May 2021\n\nalpha two\n\n1 May 2021\n\nalpha three\n";
    let archive = archive(text);
    let matches = search_in(&archive, "'alpha", Scope::Headlines, SortOrder::Score);
    let got: Vec<_> = matches
        .iter()
        .map(|m| archive.get(m.index as usize).headline)
        .collect();
    assert_eq!(got, ["alpha two", "alpha three", "alpha one"]);
    assert!(matches.windows(2).all(|w| w[0].score() == w[1].score()));
}

#[test]
fn better_matches_rank_first_and_date_order_is_available() {
    let text = "1 May 2020\n\nbest match border\n\n1 May 2021\n\nb o r d e r scattered\n";
    let archive = archive(text);
    let by_score = search_in(&archive, "border", Scope::Headlines, SortOrder::Score);
    assert_eq!(
        archive.get(by_score[0].index as usize).headline,
        "best match border"
    );
    assert!(by_score[0].score() > by_score[1].score());
    let by_date = search_in(&archive, "border", Scope::Headlines, SortOrder::Date);
    assert_eq!(
        archive.get(by_date[0].index as usize).headline,
        "b o r d e r scattered"
    );
}

/// Types `typed` one character at a time into one searcher, checking
/// every step against a fresh searcher from `new_searcher`, then deletes
/// back to the first term. Steps that are errors (`is:u`) must be errors
/// for both.
fn assert_typing_agrees(
    corpus: Corpus<'_>,
    typed: &str,
    new_searcher: impl Fn(&Archive) -> Searcher,
) {
    let search = |searcher: &mut Searcher, text: &str| {
        searcher
            .search(
                corpus,
                text,
                Scope::Headlines,
                SortOrder::Score,
                &never_stale,
            )
            .map(Option::unwrap)
    };
    let mut typing = new_searcher(corpus.archive);
    let ends = (1..=typed.len()).filter(|&end| typed.is_char_boundary(end));
    let first_term = typed.split(' ').next().unwrap_or(typed);
    for partial in ends.map(|end| &typed[..end]).chain([first_term]) {
        let incremental = search(&mut typing, partial);
        let fresh = search(&mut new_searcher(corpus.archive), partial);
        assert_eq!(incremental, fresh, "{partial:?}");
    }
}

#[test]
fn narrowing_reuses_results_and_agrees_with_a_fresh_search() {
    let archive = crate::archive::sample::archive(3_000, 9);
    assert_typing_agrees(Corpus::unread(&archive), "border worker", Searcher::new);
}

#[test]
fn greedy_ranking_reuses_known_term_scores_and_agrees_with_a_fresh_search() {
    let archive = crate::archive::sample::archive(4_000, 11);
    for typed in [
        "border worker",
        "mexico panama 'migra",
        "^iom migrantes",
        "frontera\\ trab",
    ] {
        assert_typing_agrees(Corpus::unread(&archive), typed, |archive| {
            Searcher::with_optimal_ranking_limit(archive, 0)
        });
    }
}

#[test]
fn small_result_sets_get_the_optimal_ranking() {
    let archive = crate::archive::sample::archive(2_000, 4);
    let query = "border worker";
    let greedy = Searcher::with_optimal_ranking_limit(&archive, 0)
        .search(
            Corpus::unread(&archive),
            query,
            Scope::Headlines,
            SortOrder::Score,
            &never_stale,
        )
        .unwrap()
        .unwrap();
    let optimal = search_in(&archive, query, Scope::Headlines, SortOrder::Score);
    let indices = |matches: &[Match]| {
        let mut indices: Vec<u32> = matches.iter().map(|m| m.index).collect();
        indices.sort_unstable();
        indices
    };
    assert_eq!(indices(&greedy), indices(&optimal), "the same items match");
    let mut scratch = Scratch::new();
    let parsed = Query::parse(query).unwrap();
    for found in &optimal {
        let item = archive.get(found.index as usize);
        assert_eq!(
            Some(found.rank),
            rank_item(
                &parsed,
                item,
                ItemState::UNREAD,
                &[],
                Scope::Headlines,
                &mut scratch
            )
        );
    }
}

#[test]
fn a_stale_search_gives_up() {
    let archive = crate::archive::sample::archive(100, 1);
    let result = Searcher::new(&archive)
        .search(
            Corpus::unread(&archive),
            "border",
            Scope::Headlines,
            SortOrder::Score,
            &|| true,
        )
        .unwrap();
    assert_eq!(result, None);
}

fn highlighted(headline: &str, query: &str) -> String {
    let query = Query::parse(query).unwrap();
    let item = Item {
        date: chrono::NaiveDate::MIN,
        headline,
        body: "",
        ..Item::default()
    };
    let positions = highlights(&query, item, Scope::Headlines, &mut Scratch::new()).headline;
    headline
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if positions.contains(&(i as u32)) {
                c.to_uppercase().collect::<String>()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[test]
fn highlights_are_original_character_positions() {
    assert_eq!(highlighted("border worker", "'work"), "border WORKer");
    assert_eq!(
        highlighted("campaña en méxico", "'mexico"),
        "campaña en MÉXICO"
    );
    assert_eq!(highlighted("me\u{301}xico", "'mexico"), "ME\u{301}XICO");
    assert_eq!(highlighted("移民 news 😀", "移民 😀"), "移民 news 😀");
    let query = Query::parse("移民 😀").unwrap();
    let item = Item {
        date: chrono::NaiveDate::MIN,
        headline: "移民 news 😀",
        body: "",
        ..Item::default()
    };
    assert_eq!(
        highlights(&query, item, Scope::Headlines, &mut Scratch::new()).headline,
        [0, 1, 8]
    );
    assert_eq!(highlighted("alpha beta", "!alpha 'beta"), "alpha BETA");
    assert_eq!(highlighted("alpha beta", "zzz | 'alp"), "ALPha beta");
}

#[test]
fn full_text_highlights_cover_the_body() {
    let query = Query::parse("'card").unwrap();
    let item = Item {
        date: chrono::NaiveDate::MIN,
        headline: "A card",
        body: "One.\n\nThe card.",
        ..Item::default()
    };
    let found = highlights(&query, item, Scope::FullText, &mut Scratch::new());
    assert_eq!(found.headline, [2, 3, 4, 5]);
    assert_eq!(found.body, [10, 11, 12, 13]);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn highlight_positions_point_at_query_letters(
            headline in "[a-zA-Z áéíóúñÉ移民😀\u{301}]{0,40}",
            query in "[a-zA-Z áéíóúñ移民😀'^!]{0,8}",
        ) {
            let Ok(parsed) = Query::parse(&query) else { return Ok(()) };
            let item = Item { date: chrono::NaiveDate::MIN, headline: &headline, ..Item::default() };
            let mut scratch = Scratch::new();
            let found = highlights(&parsed, item, Scope::Headlines, &mut scratch).headline;
            let chars: Vec<char> = headline.chars().collect();
            prop_assert!(found.windows(2).all(|w| w[0] < w[1]), "sorted and distinct: {found:?}");
            let query_letters: Vec<char> = query
                .chars()
                .filter_map(fold_char)
                .flat_map(char::to_lowercase)
                .collect();
            for &position in &found {
                let c = *chars.get(position as usize).expect("position in range");
                let folded = fold_char(c).expect("a highlighted char is not a combining mark");
                let lower: Vec<char> = folded.to_lowercase().collect();
                prop_assert!(
                    lower.iter().all(|l| query_letters.contains(l)),
                    "{c:?} at {position} is not in {query:?}"
                );
            }
            let state = ItemState::UNREAD;
            if rank_item(&parsed, item, state, &[], Scope::Headlines, &mut scratch).is_none() {
                prop_assert!(found.is_empty() || parsed.groups.len() > 1 || query.contains('!'));
            }
        }
    }
}

/// Headlines for word-versus-fuzzy ranking: the newest matches only by
/// scattered letters, the oldest by a word prefix.
const WORDS_AND_LETTERS: &str = "3 June, 2022\n\nDialogue on spare oral exams\n\nNothing here.\n\n\
2 June, 2022\n\nDiasporas meet in Panamá\n\nThe meeting.\n\n\
1 June, 2022\n\nWorkers cross the border\n\nd i a s p o r a, q u i z, letter by letter; later the diaspora spoke.\n";

#[test]
fn word_matches_rank_before_letters_scattered_through_a_headline() {
    let archive = archive(WORDS_AND_LETTERS);
    let found = search_in(&archive, "diaspora", Scope::Headlines, SortOrder::Score);
    let headlines: Vec<(&str, bool)> = found
        .iter()
        .map(|m| (archive.get(m.index as usize).headline, m.by_words()))
        .collect();
    assert_eq!(
        headlines,
        [
            ("Diasporas meet in Panamá", true),
            ("Dialogue on spare oral exams", false)
        ]
    );
    // Newest first keeps the flags.
    let by_date = search_in(&archive, "diaspora", Scope::Headlines, SortOrder::Date);
    assert_eq!(by_date.iter().filter(|m| m.by_words()).count(), 1);
    // Exact and anchored terms are words as typed.
    let exact = search_in(&archive, "'spare", Scope::Headlines, SortOrder::Score);
    assert!(exact.iter().all(Match::by_words));
}

#[test]
fn bodies_match_by_words_not_by_scattered_letters() {
    let archive = archive(WORDS_AND_LETTERS);
    let found = search_in(&archive, "spoke", Scope::FullText, SortOrder::Score);
    assert_eq!(found.len(), 1, "a word of the body");
    assert!(!found[0].in_headline() && found[0].by_words());
    // "quiz" is spelled out letter by letter: no match in full text.
    assert!(search_in(&archive, "quiz", Scope::FullText, SortOrder::Score).is_empty());
    let mut scratch = Scratch::new();
    let query = Query::parse("spoke").unwrap();
    let item = archive.get(found[0].index as usize);
    let marked = highlights(&query, item, Scope::FullText, &mut scratch).body;
    let start = item.body.find("spoke").unwrap() as u32;
    assert_eq!(
        marked,
        (start..start + 5).collect::<Vec<_>>(),
        "the word is what is marked"
    );
}

#[test]
fn typing_on_keeps_the_word_flags_of_the_terms_before() {
    let archive = crate::archive::sample::archive(3_000, 7);
    let mut searcher = Searcher::new(&archive);
    let query = "border wor";
    for end in 1..=query.len() {
        let typed = searcher
            .search(
                Corpus::unread(&archive),
                &query[..end],
                Scope::Headlines,
                SortOrder::Score,
                &never_stale,
            )
            .unwrap()
            .unwrap();
        let fresh = search_in(&archive, &query[..end], Scope::Headlines, SortOrder::Score);
        assert_eq!(typed, fresh, "after typing {:?}", &query[..end]);
    }
}

#[test]
fn an_extended_term_that_started_no_word_skips_the_check_and_agrees() {
    // `bo` -> `bor` skips the word check where `bo` started no word; case,
    // kind and negation changes must not.
    let archive = crate::archive::sample::archive(4_000, 5);
    for typed in [
        "diaspora caribe",
        "borDer",
        "bord$ wor",
        "bo !bor",
        "mex^ico",
        "migra'nt",
    ] {
        assert_typing_agrees(Corpus::unread(&archive), typed, Searcher::new);
        assert_typing_agrees(Corpus::unread(&archive), typed, |archive| {
            Searcher::with_optimal_ranking_limit(archive, 0)
        });
    }
}
