//! A query made ready for one archive: `src:` terms decided once per source, `in:` terms noted.
//!
//! Sources are few (feeds, files) and items many, so a `src:` term is
//! matched against each source name once per search, and an item's check
//! is a look-up by its source index: no dearer than a date term.

use nucleo_matcher::Matcher;

use crate::search::fold::Folder;
use crate::search::query::{DateTerm, PlaceTerm, Query, StateTerm, Term, TextTerm};

/// A query's groups made ready for one archive: each `src:` term already
/// decided for every source, as sources are few and items many.
pub(super) struct Plan<'q> {
    pub(super) groups: Vec<Vec<Check<'q>>>,
    /// Whether some term reads the item's state, its source or its
    /// places: queries without such terms should not pay for fetching them.
    pub(super) reads_states: bool,
    pub(super) reads_sources: bool,
    pub(super) reads_places: bool,
}

/// One term of a [`Plan`].
pub(super) enum Check<'q> {
    Text(&'q TextTerm),
    Date(DateTerm),
    State(StateTerm),
    /// Per source index, whether the `src:` term accepts the source.
    Source(Box<[bool]>),
    Place(PlaceTerm),
}

impl<'q> Plan<'q> {
    /// `sources` by index, as items refer to them.
    pub(super) fn new(
        query: &'q Query,
        sources: &[impl AsRef<str>],
        matcher: &mut Matcher,
    ) -> Self {
        let mut folder = Folder::default();
        let mut check = |term: &'q Term| match term {
            Term::Text(text) => Check::Text(text),
            Term::Date(date) => Check::Date(*date),
            Term::State(state) => Check::State(*state),
            Term::Place(place) => Check::Place(*place),
            // A negative atom scores `Some` when its text is absent.
            Term::Source(text) => Check::Source(
                sources
                    .iter()
                    .map(|name| text.score(folder.fold(name.as_ref()), matcher).is_some())
                    .collect(),
            ),
        };
        let groups: Vec<Vec<Check>> = query
            .groups
            .iter()
            .map(|group| group.iter().map(&mut check).collect())
            .collect();
        let any = |wanted: fn(&Check) -> bool| groups.iter().flatten().any(wanted);
        Self {
            reads_states: any(|check| matches!(check, Check::State(_))),
            reads_sources: any(|check| matches!(check, Check::Source(_))),
            reads_places: any(|check| matches!(check, Check::Place(_))),
            groups,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_terms_are_decided_once_per_source() {
        let query = Query::parse("src:iom | !src:'twit border").unwrap();
        let sources = ["IOM Panamá", "Twitter", "ReliefWeb"];
        let plan = Plan::new(&query, &sources, &mut Matcher::default());
        let [Check::Source(iom), Check::Source(not_twitter)] = &plan.groups[0][..] else {
            panic!("two source checks")
        };
        assert_eq!(**iom, [true, false, false]);
        assert_eq!(**not_twitter, [true, false, true]);
        assert!(matches!(plan.groups[1][..], [Check::Text(_)]));
        assert!(plan.reads_sources && !plan.reads_states && !plan.reads_places);
        let plain = Query::parse("border >2023").unwrap();
        let plan = Plan::new(&plain, &sources, &mut Matcher::default());
        assert!(!plan.reads_sources && !plan.reads_states && !plan.reads_places);
        let placed = Query::parse("border | !in:gt").unwrap();
        let plan = Plan::new(&placed, &sources, &mut Matcher::default());
        assert!(plan.reads_places && !plan.reads_sources);
    }
}
