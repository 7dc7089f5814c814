//! Time buckets: days re-counted per week, month or year, and periods named as labels and terms.
//!
//! A week starts on Monday and is labelled by its ISO week (`2022-W09`).
//! The query language has no week period, so a week's term is the pair of
//! date terms that select it exactly: `>2022-02-28 <2022-03-07`.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::archive::item::iso_date;

#[cfg(doc)]
use super::count_days;

/// A length of time items are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Day,
    Week,
    Month,
    Year,
}

impl Period {
    /// Finest first.
    pub const ALL: [Period; 4] = [Period::Day, Period::Week, Period::Month, Period::Year];

    /// The first day of the period `date` is in.
    pub fn start(self, date: NaiveDate) -> NaiveDate {
        let start = match self {
            Period::Day => Some(date),
            Period::Week => {
                date.checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
            }
            Period::Month => date.with_day(1),
            Period::Year => date.with_day(1).and_then(|d| d.with_month(1)),
        };
        // Only a week before the first date chrono knows has no start.
        start.unwrap_or(date)
    }

    /// The first day of the period after the one starting at `start`.
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Day => start.succ_opt(),
            Period::Week => start.checked_add_days(Days::new(7)),
            Period::Month => start.checked_add_months(Months::new(1)),
            Period::Year => start.checked_add_months(Months::new(12)),
        }
    }

    /// How many periods from `first`'s to `last`'s, both counted; 0 when
    /// `last` is before `first`.
    pub fn count_between(self, first: NaiveDate, last: NaiveDate) -> u64 {
        let (first, last) = (self.start(first), self.start(last));
        if last < first {
            return 0;
        }
        let months = |date: NaiveDate| i64::from(date.year()) * 12 + i64::from(date.month0());
        let between = match self {
            Period::Day => (last - first).num_days(),
            Period::Week => (last - first).num_days() / 7,
            Period::Month => months(last) - months(first),
            Period::Year => i64::from(last.year() - first.year()),
        };
        between.unsigned_abs() + 1
    }
}

/// The finest period for which the span from `first` to `last` fits in
/// `width` bars; years when nothing finer does.
pub fn choose_period(first: NaiveDate, last: NaiveDate, width: usize) -> Period {
    let (first, last) = (first.min(last), first.max(last));
    Period::ALL
        .into_iter()
        .find(|period| period.count_between(first, last) <= width as u64)
        .unwrap_or(Period::Year)
}

/// Per-day counts (in date order, as [`count_days`] gives them) re-counted
/// into consecutive periods from the first day's period to the last's,
/// empty periods included: (period start, count).
pub fn bucket(days: &[(NaiveDate, u32)], period: Period) -> Vec<(NaiveDate, u32)> {
    let (Some(first), Some(last)) = (
        days.iter().map(|(date, _)| *date).min(),
        days.iter().map(|(date, _)| *date).max(),
    ) else {
        return Vec::new();
    };
    let first = period.start(first);
    let mut buckets: Vec<(NaiveDate, u32)> =
        Vec::with_capacity(period.count_between(first, last).min(1 << 22) as usize);
    let mut start = Some(first);
    while let Some(current) = start.filter(|&s| s <= last) {
        buckets.push((current, 0));
        start = period.next(current);
    }
    for &(date, count) in days {
        let at = period.count_between(first, date).saturating_sub(1) as usize;
        if let Some((_, total)) = buckets.get_mut(at) {
            *total = total.saturating_add(count);
        }
    }
    buckets
}

/// The query terms that select the period starting at `start`: `@2022-03-05`
/// for a day, `@2022-03` for a month, `@2022` for a year, and for a week,
/// which has no `@` form, `>2022-02-28 <2022-03-07`.
pub fn date_term(start: NaiveDate, period: Period) -> String {
    match period {
        Period::Week => {
            let start = Period::Week.start(start);
            match Period::Week.next(start) {
                Some(next) => format!(">{} <{}", iso_date(start), iso_date(next)),
                None => format!(">{}", iso_date(start)),
            }
        }
        _ => format!("@{}", label(start, period)),
    }
}

/// How a period is named in counts and on the timeline: `2022-03-05`,
/// `2022-W09` (the ISO week), `2022-03`, `2022`.
pub fn label(start: NaiveDate, period: Period) -> String {
    let day = iso_date(period.start(start));
    let day = day.as_str();
    match period {
        Period::Day => day.to_string(),
        Period::Week => {
            let week = start.iso_week();
            format!("{:04}-W{:02}", week.year().clamp(0, 9999), week.week())
        }
        Period::Month => day[..7].to_string(),
        Period::Year => day[..4].to_string(),
    }
}

#[cfg(test)]
mod tests;
