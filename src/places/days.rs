//! Every item's day in a compact table, and the days of a selection of items counted.

use chrono::{Datelike, NaiveDate};

use crate::archive::item::Archive;

use super::Selection;

/// Every item's date, by archive index, as a day number: 4 bytes an item,
/// read front to back when a [`Selection`] is counted. Built once per
/// archive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayIndex {
    /// Days since the common era, as chrono counts them.
    days: Vec<i32>,
    /// The first and last of them: `None` for no items.
    range: Option<(i32, i32)>,
}

/// An archive spanning at most this many days (about 360 years) is counted
/// into an array of its days in one pass; a longer span first finds the
/// selection's own.
const ARCHIVE_SPAN_COUNTED: usize = 1 << 17;

impl DayIndex {
    /// The days of every item of `archive`.
    pub fn new(archive: &Archive) -> DayIndex {
        let days: Vec<i32> = (0..archive.len())
            .map(|index| archive.date(index).num_days_from_ce())
            .collect();
        DayIndex {
            range: bounds(&days, None),
            days,
        }
    }

    /// How many items there are days for.
    pub fn len(&self) -> usize {
        self.days.len()
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }
}

/// Items per day in `selection`, days in date order (only days with items).
/// Selected indices beyond the index are left out.
pub fn count_days(days: &DayIndex, selection: &Selection) -> Vec<(NaiveDate, u32)> {
    // Read a run at a time: slices of the table, in order.
    let slices = || {
        selection.runs().map(|run| {
            days.days
                .get(run.start..run.end.min(days.len()))
                .unwrap_or_default()
        })
    };
    let archive_span = days.range.map_or(0, |(min, max)| span(min, max));
    let range = match days.range {
        Some(range) if archive_span <= ARCHIVE_SPAN_COUNTED => Some(range),
        _ => slices().fold(None, |known, slice| bounds(slice, known)),
    };
    let Some((min, max)) = range else {
        return Vec::new();
    };
    let day = |number: i32| NaiveDate::from_num_days_from_ce_opt(number);
    let span = span(min, max);
    // Counting into an array of days beats sorting when the span is not
    // much larger than the number of items (a 1M-item archive spans decades).
    if span <= selection.len().saturating_mul(4).max(ARCHIVE_SPAN_COUNTED) {
        let mut counts = vec![0u32; span];
        for slice in slices() {
            for &number in slice {
                counts[(number - min) as usize] += 1;
            }
        }
        return counts
            .iter()
            .enumerate()
            .filter(|&(_, &count)| count > 0)
            .filter_map(|(offset, &count)| Some((day(min + offset as i32)?, count)))
            .collect();
    }
    let mut sorted: Vec<i32> = slices().flatten().copied().collect();
    sorted.sort_unstable();
    let mut counted: Vec<(NaiveDate, u32)> = Vec::new();
    for number in sorted {
        match counted.last_mut() {
            Some((date, count)) if date.num_days_from_ce() == number => *count += 1,
            _ => counted.extend(day(number).map(|date| (date, 1))),
        }
    }
    counted
}

/// The days from `min` to `max`, both counted.
fn span(min: i32, max: i32) -> usize {
    (i64::from(max) - i64::from(min)).unsigned_abs() as usize + 1
}

/// The first and last of `days` and of `known`.
fn bounds(days: &[i32], known: Option<(i32, i32)>) -> Option<(i32, i32)> {
    let (&low, &high) = (days.iter().min()?, days.iter().max()?);
    Some(known.map_or((low, high), |(min, max)| (min.min(low), max.max(high))))
}
