//! Properties of `is:` and `src:` terms over random queries and states:
//! filters that always hold change nothing, and filters add no highlights.

use super::states_and_sources::sourced_archive;
use super::*;
use proptest::prelude::*;

/// Terms of every kind, each likely to match some items and not others.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "border",
        "'card",
        "^regional",
        "conf",
        "mexico",
        "!border",
        "diaspora$",
        ">2023",
        "<2022",
        "@2022-03",
        "!@2023",
        "is:unread",
        "is:read",
        "!is:read",
        "is:starred",
        "!is:starred",
        "src:iom",
        "src:'relief",
        "!src:twitter",
        "src:migracion",
        "src:",
        "|",
    ])
}

fn search(archive: &Archive, states: &ItemStates, query: &str, scope: Scope) -> Vec<Match> {
    Searcher::new(archive)
        .search(
            Corpus::new(archive, states),
            query,
            scope,
            SortOrder::Score,
            &never_stale,
        )
        .unwrap()
        .unwrap()
}

proptest! {
    #[test]
    fn an_always_true_state_group_changes_nothing(
        tokens in proptest::collection::vec(token(), 0..6),
        bits in proptest::collection::vec(0..4u8, 6),
        at in any::<prop::sample::Index>(),
        full_text in any::<bool>(),
    ) {
        let archive = sourced_archive();
        let mut states = ItemStates::unread(archive.len());
        for (index, &bits) in bits.iter().enumerate() {
            states.set(index, ItemState::from_bits(bits));
        }
        let scope = if full_text { Scope::FullText } else { Scope::Headlines };
        // Beside a `|` the group would join an alternative: only whole
        // groups' boundaries. A term that parses to nothing (`src:`) is
        // not there at all, so a `|` beyond it is still beside.
        let counts =
            |token: &&str| *token == "|" || Query::parse(token).is_ok_and(|q| !q.is_empty());
        let beside_bar = |place: usize| {
            tokens[..place].iter().rev().find(|t| counts(t)) == Some(&"|")
                || tokens[place..].iter().find(|t| counts(t)) == Some(&"|")
        };
        let places: Vec<usize> = (0..=tokens.len()).filter(|&p| !beside_bar(p)).collect();
        prop_assume!(!places.is_empty());
        let place = places[at.index(places.len())];
        let with = |added: &'static str| {
            let mut all = tokens.clone();
            all.insert(place, added);
            all.join(" ")
        };
        let query = tokens.join(" ");
        let plain = search(&archive, &states, &query, scope);
        prop_assert_eq!(&search(&archive, &states, &with("!is:read | is:read"), scope), &plain);
        let unread: Vec<Match> = plain
            .iter()
            .copied()
            .filter(|m| !states.get(m.index as usize).read)
            .collect();
        prop_assert_eq!(search(&archive, &states, &with("is:unread"), scope), unread);
    }

    #[test]
    fn state_and_source_terms_add_no_highlights(
        headline in "[a-zA-Z áéíóú:]{0,30}",
        query in "[a-zA-Z áéíóú'^]{0,8}",
        extra in prop::sample::select(
            vec!["is:read", "!is:starred", "src:iom", "src:'a", "!src:x"],
        ),
    ) {
        let Ok(plain) = Query::parse(&query) else { return Ok(()) };
        let Ok(with) = Query::parse(&format!("{query} {extra}")) else { return Ok(()) };
        let item = Item { headline: &headline, source: "iom a", ..Item::default() };
        let mut scratch = Scratch::new();
        prop_assert_eq!(
            highlights(&with, item, Scope::Headlines, &mut scratch),
            highlights(&plain, item, Scope::Headlines, &mut scratch)
        );
    }
}
