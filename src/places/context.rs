//! The `person` rule: telling `Chad Wolf` and `Michael Jordan` from the countries Chad and Jordan.
//!
//! Only the words around the name are read, in the folded text (case kept).
//! A place word just before it (`in Chad`, `desde Jordania`) makes it the
//! place. Otherwise, in running text, a capitalised word right after it (a
//! surname: `Chad Wolf said`) or right before it (a given name: `Michael
//! Jordan`; an article such as `The` does not count) makes it a person. In a Title Case headline every
//! word is capitalised, so capitals say nothing there: the place wins.

/// Words that, right before a name, make it a place.
const PLACE_WORDS: &[&str] = &[
    "in",
    "from",
    "to",
    "into",
    "across",
    "through",
    "via",
    "of",
    "near",
    "toward",
    "towards",
    "and",
    "or",
    "en",
    "de",
    "desde",
    "hacia",
    "a",
    "por",
    "para",
    "entre",
    "y",
    "o",
    "del",
    "al",
    "neighbouring",
    "neighboring",
];

/// Capitalised words that may come before a place's name without making it
/// a person: articles, capitalised at the start of a sentence.
const ARTICLES: &[&str] = &["the", "a", "an", "el", "la", "los", "las", "un", "una"];

/// Capitalised words that may follow a place's name (or its adjective:
/// `German Chancellor`) without making it a person.
const PLACE_NOUNS: &[&str] = &[
    "valley",
    "river",
    "basin",
    "border",
    "government",
    "ministry",
    "lake",
    "province",
    "state",
    "embassy",
    "consulate",
    "chancellor",
    "president",
    "prime",
    "foreign",
    "federal",
    "interior",
    "parliament",
    "army",
    "navy",
    "police",
    "coast",
    "red",
    "defense",
    "defence",
];

/// Whether the name at `start..end` of `text` reads as a person's name.
pub fn reads_as_person(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let previous = before
        .strip_suffix(' ')
        .map(last_word)
        .filter(|w| !w.is_empty());
    if previous.is_some_and(|word| is_one_of(word, PLACE_WORDS)) {
        return false;
    }
    let next = text[end..].strip_prefix(' ').map(first_word);
    // The words beside the name are what is being judged: leave them out
    // when asking whether the text capitalises every word.
    let window_start = previous.map_or(start, |word| start - 1 - word.len());
    let window_end = next.map_or(end, |word| end + 1 + word.len());
    if is_title_case(text, window_start..window_end) {
        return false;
    }
    if next.is_some_and(|word| starts_with_capital(word) && !is_one_of(word, PLACE_NOUNS)) {
        return true;
    }
    // A given name before it (`Michael Jordan`), even at the start of a
    // sentence: a place's name follows no capitalised word but an article.
    previous.is_some_and(|word| starts_with_capital(word) && !is_one_of(word, ARTICLES))
}

/// The letters and digits at the end of `text`.
fn last_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(text.len(), |(at, _)| at);
    &text[start..]
}

/// The letters and digits at the start of `text`.
fn first_word(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(at, _)| at);
    &text[..end]
}

fn starts_with_capital(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|known| known.eq_ignore_ascii_case(word))
}

/// Whether most words of three letters or more in `text` are capitalised, as in a
/// Title Case (or all-capitals) headline, where capitals tell nothing. The
/// words inside `skip` and the first word, capitalised anyway, do not count.
fn is_title_case(text: &str, skip: std::ops::Range<usize>) -> bool {
    let (mut long, mut capitalised) = (0, 0);
    let mut at = 0;
    for word in text.split(' ') {
        let word_start = at;
        at += word.len() + 1;
        let word = first_word(word);
        if word_start == 0 || skip.contains(&word_start) || word.chars().count() < 3 {
            continue;
        }
        long += 1;
        capitalised += usize::from(starts_with_capital(word));
    }
    long >= 2 && capitalised * 10 >= long * 6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, name: &str) -> bool {
        let start = text.find(name).unwrap();
        reads_as_person(text, start, start + name.len())
    }

    #[test]
    fn a_surname_or_given_name_beside_it_makes_a_person() {
        assert!(person("Acting secretary Chad Wolf said on Monday", "Chad"));
        assert!(person(
            "a documentary about Michael Jordan and his team",
            "Jordan"
        ));
        assert!(person("Santiago Peña met the delegation", "Santiago"));
    }

    #[test]
    fn a_place_word_or_a_title_case_headline_makes_a_place() {
        assert!(!person("Refugees in Chad need support", "Chad"));
        assert!(!person("Jordan hosts many refugees", "Jordan"));
        assert!(!person("the King of Jordan Abdullah spoke", "Jordan"));
        assert!(!person("Floods Hit Jordan Refugee Camps Again", "Jordan"));
        assert!(!person("Jordan Valley farms hire workers", "Jordan"));
        assert!(!person(
            "Jordan, Lebanon and Turkey host refugees",
            "Jordan"
        ));
    }

    #[test]
    fn words_are_found_beside_the_name() {
        assert_eq!(last_word("said Michael"), "Michael");
        assert_eq!(last_word("hello, "), "");
        assert_eq!(first_word("Wolf, the"), "Wolf");
        assert!(is_title_case(
            "Syrian Refugees In Jordan Face Winter Again",
            0..0
        ));
        assert!(!is_title_case(
            "Syrian refugees in Jordan face a hard winter",
            0..0
        ));
        assert!(
            !is_title_case("Refugees Arrive in Jordan Today", 0..30),
            "too few words left"
        );
    }
}
