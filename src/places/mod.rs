//! Places and time: which countries each item is about, and items counted by place and period.
//!
//! Owns the gazetteer (`assets/gazetteer.tsv`, embedded: [`gazetteer()`]),
//! tagging an item's headline and body with the countries they name
//! ([`Places`], built once per archive on all cores), place counts
//! ([`count_places`]), items counted by day ([`DayIndex`]) and time buckets
//! ([`time`], [`Timeline`]). Sits above `archive` and below `search`,
//! `reader` and `cli`; knows nothing of the terminal.
//!
//! What a view of a result set needs, a few milliseconds over a million
//! results (`cargo bench --bench places -- per-query`): the results as a
//! [`Selection`], then
//! - their places with their counts, best first (facets): [`count_places`]
//!   over the archive's [`Places`];
//! - their timeline: [`count_days`] over the archive's [`DayIndex`] once per
//!   query, then [`Timeline::new`] for the width, with each bucket's label
//!   and the `@` term that selects it ([`Timeline::label`],
//!   [`Timeline::term`]);
//! - an item's places: [`Places::of`], [`Places::codes`].
//!
//! Tags are [`CountryId`]s, indices into the gazetteer's countries, which are
//! in code order: a sorted list of ids is a list sorted by ISO code.

mod cell;
mod context;
mod days;
pub(crate) mod fold;
mod gazetteer;
mod index;
mod selection;
mod settle;
mod table;
mod tagger;
pub mod time;
mod timeline;

use std::sync::OnceLock;

pub use cell::PlacesCell;
pub use days::{DayIndex, count_days};
pub use gazetteer::{Gazetteer, Name};
pub use index::{Places, count_places};
pub use selection::Selection;
pub use table::Kind;
pub use timeline::Timeline;

/// The gazetteer's text, compiled in.
pub const GAZETTEER_TABLE: &str = include_str!("../../assets/gazetteer.tsv");

/// A country or territory of the gazetteer: an index into its countries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryId(pub u16);

/// A country or territory, as the gazetteer gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2: `GT`.
    pub code: &'static str,
    /// `Guatemala`, `Dominican Republic`.
    pub name_en: &'static str,
    /// `Guatemala`, `República Dominicana`.
    pub name_es: &'static str,
}

/// The gazetteer built into migranews, read at its first use. Tagging
/// builds its automaton at the first tag, so looking a name up
/// ([`Gazetteer::resolve`], for `in:` terms) stays cheap.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| {
        Gazetteer::from_table(GAZETTEER_TABLE)
            .expect("the embedded gazetteer is checked by the places tests")
    })
}

#[cfg(test)]
mod tests;
