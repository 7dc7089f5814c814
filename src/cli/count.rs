//! `--count-by`: items counted per period or per place, as TSV lines or a JSON array, for scripts.
//!
//! Periods come in date order, every one from the first item's to the last
//! item's, those without items counted 0, so that a plot shows the gaps.
//! Places come most named first, ties in code order; an item counts once for
//! each place it names, and items naming none are not counted.

use std::ffi::OsStr;
use std::io::{self, Write};

use clap::ValueEnum;
use clap::builder::{PossibleValue, TypedValueParser};
use serde::Serialize;

use crate::archive::item::Archive;
use crate::archive::sanitize::escape_controls;
use crate::places::time::{self, Period};
use crate::places::{DayIndex, Places, Selection, count_days, count_places, gazetteer};

/// What `--count-by` counts items by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountBy {
    Day,
    Week,
    Month,
    Year,
    Place,
}

/// `--count-by`'s value as typed: a [`CountBy`], or the text that is none.
/// A bad value is reported when the command runs, as one line like any other
/// error ([`CountBy::checked`]), rather than as clap's usage screen.
pub type CountByArg = Result<CountBy, String>;

/// Reads `--count-by` into a [`CountByArg`], never failing; its possible
/// values still show in `--help` and in shell completions.
#[derive(Debug, Clone, Copy)]
pub struct CountByParser;

impl TypedValueParser for CountByParser {
    type Value = CountByArg;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<CountByArg, clap::Error> {
        let text = value.to_string_lossy();
        Ok(CountBy::from_str(&text, true).map_err(|_| text.into_owned()))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            CountBy::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

impl CountBy {
    /// The value typed, or an error naming it and the values there are.
    pub fn checked(arg: &CountByArg) -> anyhow::Result<CountBy> {
        arg.clone().map_err(|bad| {
            anyhow::anyhow!(
                "unknown --count-by '{}': expected day, week, month, year or place",
                escape_controls(&bad)
            )
        })
    }

    fn period(self) -> Option<Period> {
        match self {
            CountBy::Day => Some(Period::Day),
            CountBy::Week => Some(Period::Week),
            CountBy::Month => Some(Period::Month),
            CountBy::Year => Some(Period::Year),
            CountBy::Place => None,
        }
    }
}

/// One line of the output: `2022-03<TAB>12`, or `{"period":"2022-03","count":12}`.
#[derive(Serialize)]
struct PeriodCount {
    period: String,
    count: u32,
}

/// `GT<TAB>40`, or `{"place":"GT","name":"Guatemala","count":40}`.
#[derive(Serialize)]
struct PlaceCount {
    place: &'static str,
    name: &'static str,
    count: usize,
}

/// Writes the counts of the items at `indices` by `by`, as TSV or, with
/// `json`, a JSON array of objects (one a line). `places` must be given to
/// count by place; without them no place is counted.
pub fn write_counts(
    archive: &Archive,
    places: Option<&Places>,
    indices: &[usize],
    by: CountBy,
    json: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let selection = Selection::new(archive.len(), indices.iter().copied());
    match by.period() {
        Some(period) => {
            let days = count_days(&DayIndex::new(archive), &selection);
            let counts = time::bucket(&days, period)
                .into_iter()
                .map(|(start, count)| PeriodCount {
                    period: time::label(start, period),
                    count,
                });
            write_all(counts, json, |c| format!("{}\t{}", c.period, c.count), out)
        }
        None => {
            let gazetteer = gazetteer();
            let no_places = Places::default();
            let counted = count_places(places.unwrap_or(&no_places), &selection);
            let counts = counted.into_iter().map(|(id, count)| {
                let country = gazetteer.country(id);
                PlaceCount {
                    place: country.code,
                    name: country.name_en,
                    count,
                }
            });
            write_all(counts, json, |c| format!("{}\t{}", c.place, c.count), out)
        }
    }
}

fn write_all<T: Serialize>(
    counts: impl Iterator<Item = T>,
    json: bool,
    tsv: impl Fn(&T) -> String,
    out: &mut impl Write,
) -> io::Result<()> {
    if !json {
        for count in counts {
            writeln!(out, "{}", tsv(&count))?;
        }
        return Ok(());
    }
    out.write_all(b"[")?;
    for (index, count) in counts.enumerate() {
        out.write_all(if index == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &count).map_err(io::Error::from)?;
    }
    out.write_all(b"\n]\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::source;

    fn archive() -> Archive {
        let text = "3 March 2022\n\nGuatemala and Honduras\n\n1 January 2022\n\nHaitians in Mexico\n\n\
                    2 January 2022\n\nMore from Guatemala\n";
        let mut archive = Archive::new();
        source::add_bytes(&mut archive, "t", text.as_bytes().to_vec()).unwrap();
        archive.sort();
        archive
    }

    fn counts(by: CountBy, json: bool) -> String {
        let archive = archive();
        let places = Places::build(&archive);
        let mut out = Vec::new();
        let all: Vec<usize> = (0..archive.len()).collect();
        write_counts(&archive, Some(&places), &all, by, json, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn months_in_date_order_with_the_empty_ones() {
        assert_eq!(
            counts(CountBy::Month, false),
            "2022-01\t2\n2022-02\t0\n2022-03\t1\n"
        );
        assert_eq!(counts(CountBy::Year, false), "2022\t3\n");
        assert_eq!(
            counts(CountBy::Month, true),
            "[\n{\"period\":\"2022-01\",\"count\":2},\n{\"period\":\"2022-02\",\"count\":0},\n{\"period\":\"2022-03\",\"count\":1}\n]\n"
        );
    }

    #[test]
    fn places_most_named_first_then_by_code() {
        assert_eq!(
            counts(CountBy::Place, false),
            "GT\t2\nHN\t1\nHT\t1\nMX\t1\n"
        );
        assert!(
            counts(CountBy::Place, true)
                .starts_with("[\n{\"place\":\"GT\",\"name\":\"Guatemala\",\"count\":2},\n")
        );
    }

    #[test]
    fn nothing_to_count_is_empty() {
        let archive = archive();
        let mut out = Vec::new();
        write_counts(&archive, None, &[], CountBy::Week, true, &mut out).unwrap();
        assert_eq!(out, b"[\n]\n");
        out.clear();
        write_counts(&archive, None, &[], CountBy::Place, false, &mut out).unwrap();
        assert!(out.is_empty());
    }
}
