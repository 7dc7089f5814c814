//! A set of items as bits over the archive, walked in archive order: how counting stays cheap.
//!
//! A result set comes best first, in no order the archive knows; counting it
//! in that order reads the per-item tables ([`super::Places`],
//! [`super::DayIndex`]) at random, one cache miss an item. Set as bits (an
//! eighth of a byte an item) and walked in index order, the same counting
//! reads those tables front to back.

use std::ops::Range;

/// Items by archive index, each once, walked in index order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    words: Vec<u64>,
    /// How many bits are set.
    count: usize,
}

impl Selection {
    /// The items at `indices` of an archive of `len` items; indices from
    /// `len` on are left out, and one given twice is there once.
    pub fn new(len: usize, indices: impl IntoIterator<Item = usize>) -> Selection {
        let mut words = vec![0u64; len.div_ceil(64)];
        for index in indices {
            if index < len {
                words[index / 64] |= 1 << (index % 64);
            }
        }
        let count = words.iter().map(|word| word.count_ones() as usize).sum();
        Selection { words, count }
    }

    /// Every item of an archive of `len` items.
    pub fn all(len: usize) -> Selection {
        Selection::new(len, 0..len)
    }

    /// How many items are selected.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The selected indices, smallest first.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.runs().flatten()
    }

    /// The selected indices as runs of consecutive ones, smallest first:
    /// a table read a run at a time is read in slices.
    pub fn runs(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let mut at = 0;
        // The bits of word `at` not yet given.
        let mut rest = self.words.first().copied().unwrap_or(0);
        std::iter::from_fn(move || {
            while rest == 0 {
                at += 1;
                rest = *self.words.get(at)?;
            }
            let bit = rest.trailing_zeros() as usize;
            let ones = (rest >> bit).trailing_ones() as usize;
            let start = at * 64 + bit;
            if bit + ones < 64 {
                rest &= !(((1u64 << ones) - 1) << bit);
                return Some(start..start + ones);
            }
            // The run reaches the word's last bit: it goes on into the next.
            let mut end = (at + 1) * 64;
            rest = 0;
            loop {
                at += 1;
                let Some(&word) = self.words.get(at) else {
                    return Some(start..end);
                };
                let ones = word.trailing_ones() as usize;
                end += ones;
                if ones < 64 {
                    rest = word & !((1u64 << ones) - 1);
                    return Some(start..end);
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_come_back_once_in_order_within_the_archive() {
        let selection = Selection::new(200, [130, 3, 64, 3, 63, 199, 200, 9_999]);
        assert_eq!(selection.iter().collect::<Vec<_>>(), [3, 63, 64, 130, 199]);
        assert_eq!(selection.len(), 5);
        assert_eq!(Selection::all(70).iter().count(), 70);
        assert!(Selection::new(0, [0, 1]).is_empty());
        assert_eq!(Selection::default().iter().next(), None);
    }

    #[test]
    fn runs_of_consecutive_indices_cross_words() {
        let runs = |len: usize, indices: &[usize]| {
            Selection::new(len, indices.iter().copied())
                .runs()
                .collect::<Vec<_>>()
        };
        assert_eq!(runs(10, &[1, 2, 3, 5, 9]), [1..4, 5..6, 9..10]);
        assert_eq!(runs(300, &(60..200).collect::<Vec<_>>()), vec![(60..200)]);
        assert_eq!(runs(128, &(0..128).collect::<Vec<_>>()), vec![(0..128)]);
        assert_eq!(runs(129, &[63, 64, 127, 128]), [63..65, 127..129]);
        assert_eq!(runs(200, &[0, 63, 130]), [0..1, 63..64, 130..131]);
        assert!(runs(64, &[]).is_empty());
        assert!(runs(0, &[]).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn runs_cover_exactly_the_indices(indices in proptest::collection::vec(0usize..300, 0..300)) {
            let selection = Selection::new(260, indices.iter().copied());
            let mut expected: Vec<usize> = indices.into_iter().filter(|&i| i < 260).collect();
            expected.sort_unstable();
            expected.dedup();
            let runs: Vec<_> = selection.runs().collect();
            proptest::prop_assert!(runs.windows(2).all(|pair| pair[0].end < pair[1].start));
            proptest::prop_assert_eq!(runs.into_iter().flatten().collect::<Vec<_>>(), expected);
        }
    }
}
