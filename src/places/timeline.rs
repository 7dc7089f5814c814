//! A result set's timeline: its items counted per period, as many periods as there are columns.
//!
//! What the reader's timeline strip draws. Counting the days of the results
//! ([`count_days`]) is the pass over them, done once per query; a
//! [`Timeline`] is made from those counts for a width, so a resize costs
//! no pass at all.

use chrono::NaiveDate;

use super::time::{Period, bucket, choose_period, date_term, label};

#[cfg(doc)]
use super::count_days;

/// Items per period, oldest first, for a strip of some number of columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The finest period whose buckets fit the columns.
    pub period: Period,
    /// Consecutive periods, each (its first day, its items), empty ones
    /// included: at most one per column.
    pub buckets: Vec<(NaiveDate, u32)>,
    /// Items older than the first bucket: only when not even years fit the
    /// columns, and the timeline shows the newest years.
    pub earlier: u32,
}

impl Timeline {
    /// The timeline of per-day counts (in date order, as [`count_days`]
    /// gives them) on `columns` columns. No days, or no columns: no buckets.
    pub fn new(days: &[(NaiveDate, u32)], columns: usize) -> Timeline {
        let (Some(&(first, _)), Some(&(last, _)), true) = (days.first(), days.last(), columns > 0)
        else {
            return Timeline {
                period: Period::Day,
                buckets: Vec::new(),
                earlier: 0,
            };
        };
        let period = choose_period(first, last, columns);
        let mut buckets = bucket(days, period);
        let hidden = buckets.len().saturating_sub(columns);
        let earlier = buckets
            .drain(..hidden)
            .fold(0u32, |sum, (_, count)| sum.saturating_add(count));
        Timeline {
            period,
            buckets,
            earlier,
        }
    }

    /// The largest count of a bucket: the height of the tallest bar.
    pub fn max(&self) -> u32 {
        self.buckets
            .iter()
            .map(|&(_, count)| count)
            .max()
            .unwrap_or(0)
    }

    /// The name of bucket `index` (`2022-03-05`, `2022-W09`, `2022-03`,
    /// `2022`); `None` past the last.
    pub fn label(&self, index: usize) -> Option<String> {
        let &(start, _) = self.buckets.get(index)?;
        Some(label(start, self.period))
    }

    /// The query terms selecting exactly the items of bucket `index`
    /// (`@2022-03`, or for a week `>2022-02-28 <2022-03-07`): what a click
    /// on its bar adds to the query. `None` past the last.
    pub fn term(&self, index: usize) -> Option<String> {
        let &(start, _) = self.buckets.get(index)?;
        Some(date_term(start, self.period))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(list: &[(&str, u32)]) -> Vec<(NaiveDate, u32)> {
        list.iter()
            .map(|&(day, count)| (day.parse().unwrap(), count))
            .collect()
    }

    #[test]
    fn the_finest_period_that_fits_with_labels_and_terms() {
        let counted = days(&[("2022-01-30", 2), ("2022-01-31", 1), ("2022-03-02", 4)]);
        let wide = Timeline::new(&counted, 40);
        assert_eq!(
            (wide.period, wide.buckets.len(), wide.earlier),
            (Period::Day, 32, 0)
        );
        assert_eq!(wide.max(), 4);
        assert_eq!(wide.label(0).as_deref(), Some("2022-01-30"));
        assert_eq!(wide.term(31).as_deref(), Some("@2022-03-02"));
        assert_eq!(wide.term(32), None);
        let narrow = Timeline::new(&counted, 6);
        assert_eq!(narrow.period, Period::Week);
        assert_eq!(narrow.term(0).as_deref(), Some(">2022-01-24 <2022-01-31"));
        let three = Timeline::new(&counted, 3);
        assert_eq!(three.period, Period::Month);
        assert_eq!(
            three.buckets,
            days(&[("2022-01-01", 3), ("2022-02-01", 0), ("2022-03-01", 4)])
        );
        assert_eq!(three.label(2).as_deref(), Some("2022-03"));
    }

    #[test]
    fn too_many_years_keep_the_newest_and_count_the_rest() {
        let counted = days(&[
            ("1990-05-01", 2),
            ("2000-01-01", 1),
            ("2020-01-01", 3),
            ("2022-06-01", 4),
        ]);
        let timeline = Timeline::new(&counted, 3);
        assert_eq!(timeline.period, Period::Year);
        assert_eq!(
            timeline.buckets,
            days(&[("2020-01-01", 3), ("2021-01-01", 0), ("2022-01-01", 4)])
        );
        assert_eq!(timeline.earlier, 3);
        assert_eq!(timeline.term(0).as_deref(), Some("@2020"));
    }

    #[test]
    fn nothing_to_draw_is_an_empty_timeline() {
        assert!(Timeline::new(&[], 80).buckets.is_empty());
        let counted = days(&[("2022-01-30", 2)]);
        assert!(Timeline::new(&counted, 0).buckets.is_empty());
        let one = Timeline::new(&counted, 1);
        assert_eq!((one.period, one.max()), (Period::Day, 2));
        assert_eq!(Timeline::new(&[], 1).max(), 0);
    }
}
