//! What to try when nothing matches: a date term for a query that looks
//! like a date (`2022` → `@2022`, `marzo 2022` → `@2022-03`), since dates
//! are not in the headlines' text.

/// English and Spanish month names and their common abbreviations.
const MONTHS: [&[&str]; 12] = [
    &["january", "jan", "enero", "ene"],
    &["february", "feb", "febrero"],
    &["march", "mar", "marzo"],
    &["april", "apr", "abril", "abr"],
    &["may", "mayo"],
    &["june", "jun", "junio"],
    &["july", "jul", "julio"],
    &["august", "aug", "agosto", "ago"],
    &["september", "sep", "sept", "septiembre", "setiembre"],
    &["october", "oct", "octubre"],
    &["november", "nov", "noviembre"],
    &["december", "dec", "diciembre", "dic"],
];

/// The date term for `query` when its words are a date: a year, a month
/// and a year in either order, or an ISO date or month. `None` otherwise.
pub fn date_term(query: &str) -> Option<String> {
    let words: Vec<String> = query
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter(|word| !word.is_empty() && *word != "de" && *word != "of")
        .map(str::to_lowercase)
        .collect();
    let year = |word: &str| {
        let year: u16 = word.parse().ok()?;
        (word.len() == 4 && (1900..=2100).contains(&year)).then_some(year)
    };
    let month = |word: &str| {
        let word = word.trim_end_matches('.');
        MONTHS
            .iter()
            .position(|names| names.contains(&word))
            .map(|index| index + 1)
    };
    let day = |word: &str| word.parse::<u8>().ok().filter(|day| (1..=31).contains(day));
    match words.as_slice() {
        [only] => {
            if let Some(year) = year(only) {
                return Some(format!("@{year}"));
            }
            iso(only).map(|date| format!("@{date}"))
        }
        [a, b] => match (year(a), month(a), year(b), month(b)) {
            (None, Some(month), Some(year), _) | (Some(year), _, None, Some(month)) => {
                Some(format!("@{year}-{month:02}"))
            }
            _ => None,
        },
        [a, b, c] => {
            let (day, month, year) = match (day(a), month(a)) {
                (Some(day), _) => (day, month(b)?, year(c)?),
                (None, Some(month)) => (day(b)?, month, year(c)?),
                _ => return None,
            };
            Some(format!("@{year}-{month:02}-{day:02}"))
        }
        _ => None,
    }
}

/// `2022-03` or `2022-03-15`, checked, as typed.
fn iso(word: &str) -> Option<&str> {
    let parts: Vec<&str> = word.split('-').collect();
    let numbers: Option<Vec<u16>> = parts.iter().map(|part| part.parse().ok()).collect();
    let numbers = numbers?;
    let shaped = match numbers.as_slice() {
        [year, month] => parts[0].len() == 4 && *year >= 1900 && (1..=12).contains(month),
        [year, month, day] => {
            parts[0].len() == 4
                && *year >= 1900
                && (1..=12).contains(month)
                && (1..=31).contains(day)
        }
        _ => false,
    };
    shaped.then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_people_type_become_date_terms() {
        let cases = [
            ("2022", Some("@2022")),
            ("2022-03", Some("@2022-03")),
            ("2022-03-15", Some("@2022-03-15")),
            ("marzo 2022", Some("@2022-03")),
            ("March, 2022", Some("@2022-03")),
            ("2022 june", Some("@2022-06")),
            ("1 June, 2022", Some("@2022-06-01")),
            ("15 de marzo de 2022", Some("@2022-03-15")),
            ("June 1, 2022", Some("@2022-06-01")),
            ("2022-13", None),
            ("1492", None),
            ("border 2022", None),
            ("mexico", None),
            ("", None),
        ];
        for (query, expected) in cases {
            assert_eq!(date_term(query).as_deref(), expected, "{query}");
        }
    }
}
