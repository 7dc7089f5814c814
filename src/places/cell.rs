//! An archive's places, built at the first need and then shared.
//!
//! Tagging reads every body (seconds at a million items), so a reader does
//! it once per archive, off its draw path, on whichever thread asks first:
//! the facets counter or the search's `in:` terms. The other waits for that
//! one build rather than starting its own.

use std::sync::OnceLock;

use super::Places;
use crate::archive::item::Archive;

/// The places of one archive, once built.
#[derive(Debug, Default)]
pub struct PlacesCell(OnceLock<Places>);

impl PlacesCell {
    /// The places of `archive`, the archive this cell goes with, built now
    /// if no one has yet.
    pub fn get(&self, archive: &Archive) -> &Places {
        self.0.get_or_init(|| Places::build(archive))
    }

    /// The places if they are built, never waiting: for the draw path.
    pub fn ready(&self) -> Option<&Places> {
        self.0.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_once_at_the_first_need() {
        let archive = crate::archive::source::load_embedded();
        let cell = PlacesCell::default();
        assert!(cell.ready().is_none());
        let places = cell.get(&archive) as *const Places;
        assert_eq!(cell.ready().map(|p| p as *const Places), Some(places));
        assert_eq!(
            cell.get(&archive) as *const Places,
            places,
            "not built again"
        );
    }
}
