//! Every headline of an archive folded once and stored end to end: the dense text a search scans.
//!
//! An item costs 4 bytes beside its text: its end offset, whose top bit
//! says whether the folded headline is ASCII. 31 bits reach 2 GiB, and
//! archives hold more than that in total (several files, each under the
//! source limit), so the text is kept in chunks of at most 2 GiB, offsets
//! counting from the start of an item's chunk. Nearly every archive has one
//! chunk, which a search finds without looking.

use std::num::NonZeroUsize;
use std::ops::Range;

use nucleo_matcher::Utf32Str;

use super::fold_into;
use crate::archive::item::Archive;

/// Set in an item's end when its folded headline is not ASCII (CJK, say).
const NOT_ASCII: u32 = 1 << 31;
/// The offset bits of an item's end, and so the most a chunk may hold.
const OFFSET: u32 = NOT_ASCII - 1;
const CHUNK_BYTES: usize = OFFSET as usize;

/// The folded headlines of an archive, in archive order.
#[derive(Debug, Default)]
pub struct FoldedHeadlines {
    /// In item order; each holds the headlines of the items from its
    /// `first` to the next chunk's.
    chunks: Vec<Chunk>,
    /// Per item: end offset in its chunk's text, with [`NOT_ASCII`] set when
    /// the folded headline is not ASCII. Starts are the previous item's end,
    /// or 0 for a chunk's first item.
    ends: Vec<u32>,
}

#[derive(Debug)]
struct Chunk {
    /// The archive index of the first item whose headline is here.
    first: usize,
    text: String,
}

impl FoldedHeadlines {
    /// Folds every headline, on all cores.
    pub fn build(archive: &Archive) -> Self {
        Self::build_in_chunks(archive, CHUNK_BYTES)
    }

    /// [`FoldedHeadlines::build`] with chunks of at most `chunk_bytes`, so
    /// that tests reach several chunks without gigabytes of text.
    fn build_in_chunks(archive: &Archive, chunk_bytes: usize) -> Self {
        let threads = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        let chunk = archive.len().div_ceil(threads).max(1);
        let parts: Vec<FoldedHeadlines> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..archive.len())
                .step_by(chunk)
                .map(|start| {
                    let range = start..(start + chunk).min(archive.len());
                    scope.spawn(move || Self::build_range(archive, range, chunk_bytes))
                })
                .collect();
            workers
                .into_iter()
                .map(|worker| worker.join().expect("folding thread panicked"))
                .collect()
        });
        // Sized exactly: the parts' strings have grown by doubling.
        let mut unplaced: usize = parts
            .iter()
            .flat_map(|part| &part.chunks)
            .map(|chunk| chunk.text.len())
            .sum();
        let mut all = FoldedHeadlines {
            chunks: Vec::new(),
            ends: Vec::with_capacity(archive.len()),
        };
        for part in parts {
            all.append(part, chunk_bytes, &mut unplaced);
        }
        all
    }

    fn build_range(archive: &Archive, range: Range<usize>, chunk_bytes: usize) -> Self {
        let mut ends = Vec::with_capacity(range.len());
        let mut chunks = Vec::new();
        let mut text = String::new();
        let mut first = range.start;
        for index in range {
            let mut start = text.len();
            fold_into(archive.headline(index), &mut text);
            if text.len() > chunk_bytes && start > 0 {
                // This headline opens the next chunk.
                let rest = text.split_off(start);
                text.shrink_to_fit();
                chunks.push(Chunk {
                    first,
                    text: std::mem::replace(&mut text, rest),
                });
                (first, start) = (index, 0);
            }
            if text.len() > chunk_bytes {
                // One headline longer than a chunk, which the source limit
                // rules out unless folding lengthened it: what fits is matched.
                let mut cut = chunk_bytes;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                text.truncate(cut);
            }
            let ascii = text[start..].is_ascii();
            ends.push(text.len() as u32 | if ascii { 0 } else { NOT_ASCII });
        }
        chunks.push(Chunk { first, text });
        Self { chunks, ends }
    }

    /// Appends the headlines of the items after ours, joining chunks while
    /// they fit in one. `unplaced` is the folded text not yet appended,
    /// this part's included: a new chunk is given room for as much of it as
    /// it may hold.
    fn append(&mut self, part: FoldedHeadlines, chunk_bytes: usize, unplaced: &mut usize) {
        let part_start = self.ends.len();
        let part_end = part_start + part.ends.len();
        let mut chunks = part.chunks.into_iter().peekable();
        while let Some(chunk) = chunks.next() {
            let items_end = chunks.peek().map_or(part_end, |next| next.first);
            let ends = &part.ends[chunk.first - part_start..items_end - part_start];
            match self.chunks.last_mut() {
                Some(last) if last.text.len() + chunk.text.len() <= chunk_bytes => {
                    // Below 2^31 together, so adding never reaches the flag.
                    let offset = last.text.len() as u32;
                    last.text.push_str(&chunk.text);
                    self.ends.extend(ends.iter().map(|end| end + offset));
                }
                _ => {
                    let mut text = String::with_capacity((*unplaced).min(chunk_bytes));
                    text.push_str(&chunk.text);
                    self.ends.extend_from_slice(ends);
                    self.chunks.push(Chunk {
                        first: chunk.first,
                        text,
                    });
                }
            }
            *unplaced -= chunk.text.len();
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Bytes this index holds: the folded text plus 4 bytes an item.
    pub fn heap_bytes(&self) -> usize {
        let text: usize = self.chunks.iter().map(|chunk| chunk.text.capacity()).sum();
        text + self.ends.capacity() * size_of::<u32>()
    }

    /// The folded headline of item `index`; `buffer` holds it when it is not ASCII.
    pub fn haystack<'a>(&'a self, index: usize, buffer: &'a mut Vec<char>) -> Utf32Str<'a> {
        let chunk = match self.chunks.as_slice() {
            [only] => only,
            // The first chunk starts at item 0, so one is always found.
            chunks => &chunks[chunks.partition_point(|chunk| chunk.first <= index) - 1],
        };
        let start = match index == chunk.first {
            true => 0,
            false => (self.ends[index - 1] & OFFSET) as usize,
        };
        let end = self.ends[index];
        let text = &chunk.text[start..(end & OFFSET) as usize];
        if end & NOT_ASCII == 0 {
            Utf32Str::Ascii(text.as_bytes())
        } else {
            buffer.clear();
            buffer.extend(text.chars());
            Utf32Str::Unicode(buffer)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::fold_str;

    fn folded(index: &FoldedHeadlines) -> Vec<String> {
        let mut buffer = Vec::new();
        (0..index.len())
            .map(|i| index.haystack(i, &mut buffer).chars().collect())
            .collect()
    }

    #[test]
    fn folded_headlines_match_folding_each_one() {
        let text = "1 May 2022\n\nMéxico y Panamá\n\n2 May 2022\n\nplain ascii\n\n3 May 2022\n\n移民 Me\u{301}xico\n";
        let mut archive = Archive::new();
        crate::archive::source::add_bytes(&mut archive, "t", text.as_bytes().to_vec()).unwrap();
        archive.sort();
        let index = FoldedHeadlines::build(&archive);
        assert_eq!(index.len(), 3);
        assert_eq!(index.chunks.len(), 1);
        assert_eq!(
            folded(&index),
            ["移民 Mexico", "plain ascii", "Mexico y Panama"]
        );
        let mut buffer = Vec::new();
        assert!(matches!(index.haystack(2, &mut buffer), Utf32Str::Ascii(_)));
        assert!(matches!(
            index.haystack(0, &mut buffer),
            Utf32Str::Unicode(_)
        ));
    }

    /// Past 2 GiB of headlines in total, offsets no longer fit beside the
    /// flag: the text goes on in another chunk. Small chunks stand in for
    /// gigabytes here.
    #[test]
    fn headlines_past_a_chunk_go_on_in_the_next() {
        let headlines: Vec<String> = (0..2_000)
            .map(|i| match i % 3 {
                0 => format!("México {i} border"),
                1 => format!("移民 {i}"),
                _ => format!("Ñandú {i}"),
            })
            .collect();
        let archive = archive_of(&headlines);
        let expected: Vec<String> = (0..archive.len())
            .map(|i| fold_str(archive.headline(i)))
            .collect();
        // Chunks longer than any headline, which would be cut.
        for chunk_bytes in [20, 40, 1_000, 9_999] {
            let index = FoldedHeadlines::build_in_chunks(&archive, chunk_bytes);
            assert_eq!(folded(&index), expected, "chunks of {chunk_bytes} bytes");
            assert!(index.chunks.len() > 1, "chunks of {chunk_bytes} bytes");
            assert!(
                index
                    .chunks
                    .iter()
                    .all(|chunk| chunk.text.len() <= chunk_bytes)
            );
            let firsts: Vec<usize> = index.chunks.iter().map(|chunk| chunk.first).collect();
            assert!(firsts.is_sorted() && firsts[0] == 0, "{firsts:?}");
            let mut buffer = Vec::new();
            for (i, headline) in expected.iter().enumerate() {
                let ascii = matches!(index.haystack(i, &mut buffer), Utf32Str::Ascii(_));
                assert_eq!(ascii, headline.is_ascii(), "item {i}");
            }
        }
        let whole = FoldedHeadlines::build(&archive);
        assert_eq!(whole.chunks.len(), 1);
        assert_eq!(folded(&whole), expected);
        // No slack from the folding threads' growing strings: 4 bytes an
        // item beside the text.
        let text: usize = expected.iter().map(String::len).sum();
        assert_eq!(whole.heap_bytes(), text + 4 * expected.len());
    }

    #[test]
    fn a_headline_longer_than_a_chunk_is_cut_not_a_panic() {
        let archive = archive_of(&["short".into(), "移民".repeat(10), "tail".into()]);
        let index = FoldedHeadlines::build_in_chunks(&archive, 7);
        // Archive order is newest first: "tail", the long one, "short".
        assert_eq!(folded(&index), ["tail", "移民", "short"]);
    }

    /// An archive whose items have `headlines`, newest first in reverse.
    fn archive_of(headlines: &[String]) -> Archive {
        let text: String = headlines
            .iter()
            .enumerate()
            .map(|(i, headline)| {
                let day = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
                    + chrono::Days::new(i as u64);
                format!("{}\n\n{headline}\n\nbody\n\n", day.format("%-d %B %Y"))
            })
            .collect();
        crate::archive::test_support::archive_from(&text)
    }
}
