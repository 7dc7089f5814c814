//! Recognises the date line that opens each news item, in English and Spanish forms.

use chrono::NaiveDate;

/// What a line turned out to be when read as a date line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLine {
    /// A real calendar date.
    Valid(NaiveDate),
    /// Shaped like a date (`31 June, 2022`) but no such day exists.
    Impossible,
}

/// Longest trimmed line worth trying: `31 de septiembre de 2022` is 24 bytes.
/// The cap keeps body lines, which are long, off the slow path.
const MAX_DATE_LINE_LEN: usize = 40;

/// Reads `line` (already trimmed) as a date line; `None` when it is not one.
///
/// Accepted, case-insensitively: `1 June, 2022`, `1 June 2022`, `June 1, 2022`,
/// `2022-06-01`, English month names and 3-letter abbreviations, Spanish month
/// names (`1 junio, 2022`, `1 de junio de 2022`).
pub fn parse_date_line(line: &str) -> Option<DateLine> {
    if line.is_empty() || line.len() > MAX_DATE_LINE_LEN {
        return None;
    }
    let (year, month, day) = iso_parts(line).or_else(|| worded_parts(line))?;
    Some(match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => DateLine::Valid(date),
        None => DateLine::Impossible,
    })
}

/// `YYYY-MM-DD`, digits only. The month may be out of range (`2022-13-01`):
/// the shape is a date, so the caller reports it as impossible.
fn iso_parts(line: &str) -> Option<(i32, u32, u32)> {
    let b = line.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&line[0..4])?;
    let month = digits(&line[5..7])?;
    let day = digits(&line[8..10])?;
    Some((year as i32, month, day))
}

/// Three tokens (ignoring commas and the Spanish `de`/`del`): day month year
/// or month day year.
fn worded_parts(line: &str) -> Option<(i32, u32, u32)> {
    let mut tokens = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .filter(|t| !t.eq_ignore_ascii_case("de") && !t.eq_ignore_ascii_case("del"));
    let (first, second, third) = (tokens.next()?, tokens.next()?, tokens.next()?);
    if tokens.next().is_some() || third.len() != 4 {
        return None;
    }
    let year = digits(third)? as i32;
    let (day, month) = match (day_number(first), month_number(second)) {
        (Some(day), Some(month)) => (day, month),
        _ => (day_number(second)?, month_number(first)?),
    };
    Some((year, month, day))
}

fn day_number(token: &str) -> Option<u32> {
    if token.len() > 2 {
        return None;
    }
    digits(token)
}

fn digits(token: &str) -> Option<u32> {
    if token.is_empty() || !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.parse().ok()
}

/// Month names, English then Spanish, each with its number. Abbreviations may
/// carry a trailing dot (`Jan.`).
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
];

/// Whether `line` (trimmed), which is not a date line, looks like one
/// written wrong: a year of four or five digits with a day and a word
/// (`1 Jnue, 2022`, `1 June, 20222`), or a dashed date with a long year.
pub fn looks_like_date(line: &str) -> bool {
    if line.is_empty() || line.len() > MAX_DATE_LINE_LEN || parse_date_line(line).is_some() {
        return false;
    }
    let tokens: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .filter(|t| !t.eq_ignore_ascii_case("de") && !t.eq_ignore_ascii_case("del"))
        .collect();
    let number = |t: &str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    let word =
        |t: &str| (3..=10).contains(&t.chars().count()) && t.chars().all(char::is_alphabetic);
    match tokens[..] {
        [dashed] => {
            let parts: Vec<&str> = dashed.split('-').collect();
            matches!(parts[..], [y, m, d] if number(y, 4..=5) && number(m, 1..=2) && number(d, 1..=2))
        }
        [a, b, c] => {
            number(c, 4..=5) && ((number(a, 1..=2) && word(b)) || (word(a) && number(b, 1..=2)))
        }
        _ => false,
    }
}

fn month_number(token: &str) -> Option<u32> {
    let name = token.strip_suffix('.').unwrap_or(token);
    MONTHS
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|&(_, number)| number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<DateLine> {
        Some(DateLine::Valid(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
    }

    #[test]
    fn accepts_every_documented_form() {
        for line in [
            "1 June, 2022",
            "1 June 2022",
            "June 1, 2022",
            "June 1 2022",
            "2022-06-01",
            "1 Jun, 2022",
            "Jun. 1, 2022",
            "1 junio, 2022",
            "1 de junio de 2022",
            "1 de junio del 2022",
            "01 JUNE, 2022",
            "1 De Junio De 2022",
        ] {
            assert_eq!(parse_date_line(line), date(2022, 6, 1), "{line}");
        }
        assert_eq!(parse_date_line("22 February, 2022"), date(2022, 2, 22));
        assert_eq!(parse_date_line("5 sept 2021"), date(2021, 9, 5));
        assert_eq!(parse_date_line("9 de diciembre de 2023"), date(2023, 12, 9));
    }

    #[test]
    fn impossible_dates_are_recognised_as_dates() {
        for line in [
            "31 June, 2022",
            "29 February 2023",
            "2022-13-01",
            "0 May 2022",
            "32 enero 2022",
        ] {
            assert_eq!(parse_date_line(line), Some(DateLine::Impossible), "{line}");
        }
    }

    #[test]
    fn ordinary_text_is_not_a_date() {
        for line in [
            "",
            "June",
            "May 2022 report",
            "1 Juno, 2022",
            "1 June, 22",
            "123 June 2022",
            "IOM and the RCM aim to make to make the economic contributions visible",
            "2022-06-1",
            "1 June, 2022 extra",
            "Migration Regularization: 4 prevailing challenges",
        ] {
            assert_eq!(parse_date_line(line), None, "{line}");
        }
    }
}
