//! Time buckets: periods chosen for a width, filled with empty periods, named as terms.

use chrono::NaiveDate;

use super::*;
use crate::archive::source;
use crate::places::{DayIndex, Selection, count_days};
use crate::search::engine::{Corpus, Scope, Searcher, SortOrder};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn days(list: &[(&str, u32)]) -> Vec<(NaiveDate, u32)> {
    list.iter()
        .map(|&(day, count)| (date(day), count))
        .collect()
}

#[test]
fn days_are_counted_in_date_order() {
    let archive = source::load_embedded();
    let index = DayIndex::new(&archive);
    assert_eq!(index.len(), archive.len());
    let count = |indices: &[usize]| {
        count_days(
            &index,
            &Selection::new(archive.len(), indices.iter().copied()),
        )
    };
    assert_eq!(
        count(&[9, 0, 3, 0, 1, 42]),
        days(&[
            ("2022-01-18", 1),
            ("2022-04-05", 1),
            ("2022-05-17", 1),
            ("2022-06-01", 1)
        ]),
        "each item once; indices past the archive left out"
    );
    assert!(count(&[]).is_empty());
    // Days far apart are sorted rather than counted into an array.
    let text = "1 January 0001\n\nOld\n\n31 December 9999\n\nNew\n\n1 January 0001\n\nOld too\n";
    let mut wide = crate::archive::item::Archive::new();
    source::add_bytes(&mut wide, "t", text.as_bytes().to_vec()).unwrap();
    wide.sort();
    assert_eq!(
        count_days(&DayIndex::new(&wide), &Selection::all(3)),
        days(&[("0001-01-01", 2), ("9999-12-31", 1)])
    );
    assert!(count_days(&DayIndex::default(), &Selection::all(3)).is_empty());
}

#[test]
fn the_finest_period_that_fits_is_chosen() {
    let (first, last) = (date("2022-01-01"), date("2022-12-31"));
    assert_eq!(choose_period(first, last, 365), Period::Day);
    assert_eq!(choose_period(first, last, 364), Period::Week);
    assert_eq!(
        choose_period(first, last, 53),
        Period::Week,
        "2021-W52 to 2022-W52"
    );
    assert_eq!(choose_period(first, last, 52), Period::Month);
    assert_eq!(choose_period(first, last, 11), Period::Year);
    assert_eq!(
        choose_period(last, first, 12),
        Period::Month,
        "either order"
    );
    assert_eq!(choose_period(first, first, 1), Period::Day);
    assert_eq!(choose_period(first, last, 0), Period::Year);
}

#[test]
fn buckets_run_from_the_first_period_to_the_last_with_empty_ones() {
    let counted = days(&[("2022-01-30", 2), ("2022-01-31", 1), ("2022-03-02", 4)]);
    assert_eq!(
        bucket(&counted, Period::Month),
        days(&[("2022-01-01", 3), ("2022-02-01", 0), ("2022-03-01", 4)])
    );
    assert_eq!(
        bucket(&counted, Period::Week),
        days(&[
            ("2022-01-24", 2),
            ("2022-01-31", 1),
            ("2022-02-07", 0),
            ("2022-02-14", 0),
            ("2022-02-21", 0),
            ("2022-02-28", 4)
        ])
    );
    assert_eq!(bucket(&counted, Period::Year), days(&[("2022-01-01", 7)]));
    assert_eq!(bucket(&counted, Period::Day).len(), 32);
    assert!(bucket(&[], Period::Day).is_empty());
}

#[test]
fn periods_have_labels_and_terms() {
    let day = date("2022-03-05");
    assert_eq!(label(day, Period::Day), "2022-03-05");
    assert_eq!(label(day, Period::Week), "2022-W09");
    assert_eq!(label(day, Period::Month), "2022-03");
    assert_eq!(label(day, Period::Year), "2022");
    assert_eq!(
        label(date("2024-12-30"), Period::Week),
        "2025-W01",
        "ISO weeks"
    );
    assert_eq!(date_term(day, Period::Day), "@2022-03-05");
    assert_eq!(date_term(day, Period::Month), "@2022-03");
    assert_eq!(date_term(day, Period::Year), "@2022");
    assert_eq!(date_term(day, Period::Week), ">2022-02-28 <2022-03-07");
}

/// Each bucket's term, run as a query, finds exactly that bucket's items.
#[test]
fn every_bucket_term_selects_its_bucket() {
    let archive = source::load_embedded();
    let counted = count_days(&DayIndex::new(&archive), &Selection::all(archive.len()));
    let mut searcher = Searcher::new(&archive);
    for period in Period::ALL {
        for (start, count) in bucket(&counted, period) {
            let term = date_term(start, period);
            let found = searcher
                .search(
                    Corpus::unread(&archive),
                    &term,
                    Scope::Headlines,
                    SortOrder::Date,
                    &|| false,
                )
                .unwrap()
                .unwrap();
            assert_eq!(found.len(), count as usize, "{term}");
        }
    }
}
