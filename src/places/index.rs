//! Every item's places, by archive index, and the places of a set of items counted.

use std::num::NonZeroUsize;

use crate::archive::item::Archive;

use super::tagger::TagScratch;
use super::{CountryId, Gazetteer, Selection, gazetteer};

/// Every item's places, by archive index: sorted, distinct country ids.
///
/// Items whose input gave their places (a JSON export's `places`) keep
/// those; the others are tagged from their headline and body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// Per item, the end of its ids in `ids`; starts are the previous end.
    ends: Vec<u32>,
    ids: Vec<CountryId>,
}

/// Below this many items, building on one thread is quicker than starting more.
const ITEMS_PER_THREAD: usize = 4_096;

impl Places {
    /// No items: what a search without `in:` terms is given.
    pub const EMPTY: Places = Places {
        ends: Vec::new(),
        ids: Vec::new(),
    };

    /// Tags every item of `archive`, on all cores.
    pub fn build(archive: &Archive) -> Places {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        Self::build_on(archive, cores)
    }

    /// [`Places::build`] on at most `threads` threads (at least one).
    pub fn build_on(archive: &Archive, threads: usize) -> Places {
        let gazetteer = gazetteer();
        let threads = threads.min(archive.len().div_ceil(ITEMS_PER_THREAD)).max(1);
        if threads == 1 {
            return build_range(gazetteer, archive, 0..archive.len());
        }
        let chunk = archive.len().div_ceil(threads);
        let parts: Vec<Places> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..archive.len())
                .step_by(chunk)
                .map(|start| {
                    let range = start..(start + chunk).min(archive.len());
                    scope.spawn(move || build_range(gazetteer, archive, range))
                })
                .collect();
            workers
                .into_iter()
                .map(|worker| worker.join().expect("tagging thread panicked"))
                .collect()
        });
        let mut all = Places {
            ends: Vec::with_capacity(archive.len()),
            ids: Vec::with_capacity(parts.iter().map(|part| part.ids.len()).sum()),
        };
        for part in parts {
            let offset = all.ids.len() as u32;
            all.ids.extend_from_slice(&part.ids);
            all.ends.extend(part.ends.iter().map(|end| end + offset));
        }
        all
    }

    /// Places from lists given by index (each sorted and made distinct here).
    pub fn from_lists(lists: impl IntoIterator<Item = Vec<CountryId>>) -> Places {
        let mut places = Places::default();
        for mut list in lists {
            list.sort_unstable();
            list.dedup();
            places.push(&list);
        }
        places
    }

    fn push(&mut self, ids: &[CountryId]) {
        self.ids.extend_from_slice(ids);
        self.ends.push(self.ids.len() as u32);
    }

    /// The places of the item at `index`, sorted and distinct; none for an
    /// index beyond the archive.
    pub fn of(&self, index: usize) -> &[CountryId] {
        let Some(&end) = self.ends.get(index) else {
            return &[];
        };
        let start = match index {
            0 => 0,
            _ => self.ends[index - 1],
        };
        &self.ids[start as usize..end as usize]
    }

    /// The places of the items at `run`, one after the other: what counting
    /// reads. The part of `run` beyond the archive has none.
    fn of_run(&self, run: std::ops::Range<usize>) -> &[CountryId] {
        let end = run.end.min(self.ends.len());
        if run.start >= end {
            return &[];
        }
        let start = match run.start {
            0 => 0,
            start => self.ends[start - 1],
        };
        &self.ids[start as usize..self.ends[end - 1] as usize]
    }

    /// The ISO codes of the item at `index`'s places, in code order.
    pub fn codes(&self, index: usize) -> impl Iterator<Item = &'static str> + '_ {
        let gazetteer = gazetteer();
        self.of(index).iter().map(|&id| gazetteer.country(id).code)
    }

    /// How many items there are places for (the archive's length).
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Memory held: 4 bytes an item and 2 a place.
    pub fn heap_bytes(&self) -> usize {
        self.ends.capacity() * size_of::<u32>() + self.ids.capacity() * size_of::<CountryId>()
    }
}

fn build_range(gazetteer: &Gazetteer, archive: &Archive, range: std::ops::Range<usize>) -> Places {
    let mut places = Places {
        ends: Vec::with_capacity(range.len()),
        // About two places an item.
        ids: Vec::with_capacity(range.len() * 2),
    };
    let mut scratch = TagScratch::default();
    let mut found = Vec::new();
    for index in range {
        match archive.given_places(index) {
            Some(given) => {
                found.clear();
                found.extend(given.iter().filter_map(|text| gazetteer.resolve(text)));
                found.sort_unstable();
                found.dedup();
            }
            None => {
                let item = archive.get(index);
                gazetteer.tag_into([item.headline, item.body], &mut scratch, &mut found);
            }
        }
        places.push(&found);
    }
    places
}

/// The places of the items of `selection` with how many of them name each:
/// a result set's facets, most named first, ties in code order. An item
/// counts once per place.
pub fn count_places(places: &Places, selection: &Selection) -> Vec<(CountryId, usize)> {
    let mut counts = vec![0usize; gazetteer().len()];
    for run in selection.runs() {
        for id in places.of_run(run) {
            if let Some(count) = counts.get_mut(usize::from(id.0)) {
                *count += 1;
            }
        }
    }
    let mut counted: Vec<(CountryId, usize)> = counts
        .into_iter()
        .enumerate()
        .filter(|&(_, count)| count > 0)
        .map(|(index, count)| (CountryId(index as u16), count))
        .collect();
    // Ids are in code order, so the id breaks ties by code.
    counted.sort_unstable_by_key(|&(id, count)| (std::cmp::Reverse(count), id));
    counted
}
