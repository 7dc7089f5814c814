//! Read and starred: the state a person gives each item, and the keys it is kept under.
//!
//! The archive itself never changes once loaded; [`ItemStates`] sits beside
//! it, one byte an item, so that the reader can change it in one place and
//! hand a copy to the search worker for `is:` terms.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDate;

use crate::archive::item::{Archive, iso_date};

/// Whether an item has been read, and whether it is starred.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ItemState {
    pub read: bool,
    pub starred: bool,
}

impl ItemState {
    pub const UNREAD: ItemState = ItemState {
        read: false,
        starred: false,
    };

    const READ_BIT: u8 = 1;
    const STARRED_BIT: u8 = 2;

    pub fn bits(self) -> u8 {
        (u8::from(self.read) * Self::READ_BIT) | (u8::from(self.starred) * Self::STARRED_BIT)
    }

    pub fn from_bits(bits: u8) -> Self {
        Self {
            read: bits & Self::READ_BIT != 0,
            starred: bits & Self::STARRED_BIT != 0,
        }
    }
}

/// What an item's state is kept under, stable across runs: the store's row
/// id for an item of the store (positive), else a hash of the item's date
/// and headline with the top bit set (negative), for items of files, piped
/// text and the built-in archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemKey(pub i64);

impl ItemKey {
    /// The key of a store item.
    pub fn stored(id: i64) -> Self {
        debug_assert!(id > 0, "store row ids are positive");
        Self(id)
    }

    /// The key of an item known only by its text: FNV-1a over the ISO date
    /// and the headline, which is stable across versions and platforms, as
    /// a key written to disk must be.
    pub fn of_text(date: NaiveDate, headline: &str) -> Self {
        const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let mut hash = OFFSET;
        let date = iso_date(date);
        for &byte in date
            .as_bytes()
            .iter()
            .chain(b"\n")
            .chain(headline.as_bytes())
        {
            hash = (hash ^ u64::from(byte)).wrapping_mul(PRIME);
        }
        Self((hash | 1 << 63) as i64)
    }

    /// The store row id, for a store item.
    pub fn store_id(self) -> Option<i64> {
        (self.0 > 0).then_some(self.0)
    }
}

/// Every item's state, by archive index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemStates {
    bits: Vec<u8>,
    /// Changes with every change, and differs between any two sets of
    /// states built apart: a search remembers which states it ran on.
    version: u64,
}

/// Versions are unique across every `ItemStates` of the process.
static NEXT_VERSION: AtomicU64 = AtomicU64::new(1);

fn next_version() -> u64 {
    NEXT_VERSION.fetch_add(1, Ordering::Relaxed)
}

impl ItemStates {
    /// No states: every item reads as unread.
    pub const NONE: ItemStates = ItemStates {
        bits: Vec::new(),
        version: 0,
    };

    /// The states the archive's items came with: what an exported JSON file
    /// said, unread for everything else.
    pub fn from_archive(archive: &Archive) -> Self {
        Self {
            bits: (0..archive.len())
                .map(|index| archive.initial_state(index).bits())
                .collect(),
            version: next_version(),
        }
    }

    /// All unread, for `len` items.
    pub fn unread(len: usize) -> Self {
        Self {
            bits: vec![0; len],
            version: next_version(),
        }
    }

    /// Which states these are: a different number after any change.
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn len(&self) -> usize {
        self.bits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }

    /// The state of the item at `index`; unread when out of range.
    pub fn get(&self, index: usize) -> ItemState {
        self.bits
            .get(index)
            .map_or(ItemState::UNREAD, |&bits| ItemState::from_bits(bits))
    }

    pub fn set(&mut self, index: usize, state: ItemState) {
        if let Some(bits) = self.bits.get_mut(index)
            && *bits != state.bits()
        {
            *bits = state.bits();
            self.version = next_version();
        }
    }

    /// How many of the items at `indices` are unread.
    pub fn unread_among(&self, indices: impl IntoIterator<Item = usize>) -> usize {
        indices
            .into_iter()
            .filter(|&index| !self.get(index).read)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_pack_into_bits_and_back() {
        for read in [false, true] {
            for starred in [false, true] {
                let state = ItemState { read, starred };
                assert_eq!(ItemState::from_bits(state.bits()), state);
            }
        }
        assert_eq!(ItemState::UNREAD.bits(), 0);
    }

    #[test]
    fn text_keys_are_stable_negative_and_distinct() {
        let date = NaiveDate::from_ymd_opt(2022, 6, 1).unwrap();
        let key = ItemKey::of_text(date, "IOM and the RCM");
        // Written to disk: must never change between versions.
        assert_eq!(key, ItemKey::of_text(date, "IOM and the RCM"));
        assert_eq!(key.0 as u64, 18_394_834_258_476_381_685);
        assert!(key.0 < 0 && key.store_id().is_none());
        assert_ne!(key, ItemKey::of_text(date, "IOM and the RCN"));
        assert_ne!(
            key,
            ItemKey::of_text(date.succ_opt().unwrap(), "IOM and the RCM")
        );
        assert_eq!(ItemKey::stored(42).store_id(), Some(42));
    }

    #[test]
    fn states_by_index() {
        let mut states = ItemStates::unread(3);
        states.set(
            1,
            ItemState {
                read: true,
                starred: true,
            },
        );
        let version = states.version();
        states.set(9, ItemState::default());
        assert_eq!(states.version(), version, "nothing changed");
        assert!(states.get(1).read && states.get(1).starred);
        assert_eq!(states.get(9), ItemState::UNREAD);
        assert_eq!(states.unread_among([0, 1, 2]), 2);
    }
}
