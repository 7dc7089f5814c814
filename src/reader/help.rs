//! The help's text laid out for a width: the keys, then a page of query
//! examples, each entry's description wrapped beside its key, or under it
//! when the window is narrow.

use crate::reader::width::text_width;

use crate::reader::action::KEY_HELP;

/// Queries worth knowing, with what they find.
pub const QUERY_EXAMPLES: &[(&str, &str)] = &[
    ("visa", "fuzzy: v, i, s, a in order (visa, visitor card...)"),
    (
        "'visitor card",
        "exact: headlines containing the text visitor card",
    ),
    (
        "'visitor\\ card",
        "the same, as one term: \\ keeps the space",
    ),
    (
        "^IOM  caribbean$",
        "headlines starting with IOM / ending with caribbean",
    ),
    ("mexico !border", "mexico, but not border"),
    ("haiti | haití", "either term"),
    (
        "@2022",
        "items of 2022; @2022-03 of March 2022; @2022-03-15 of a day",
    ),
    (">2022-03  <2023", "from March 2022 on / before 2023"),
    (
        "is:unread is:starred",
        "unread / starred items; is:read the others",
    ),
    ("src:oim", "items from a source whose name contains oim"),
    ("^F", "then: match bodies too, by word and word prefix"),
];

/// Below this many columns for the text, descriptions go under their key.
const SIDE_BY_SIDE_MIN: usize = 56;

/// One line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A section's name.
    Heading(&'static str),
    /// A key (or an example query) and the first line of what it does.
    Entry {
        key: &'static str,
        text: String,
    },
    /// More of a description, indented by `indent` columns.
    More {
        indent: usize,
        text: String,
    },
    Blank,
}

/// The whole help for a window `width` columns wide inside its border.
pub fn help_lines(width: usize) -> Vec<HelpLine> {
    let mut lines = Vec::new();
    lines.push(HelpLine::Heading("Keys"));
    add_section(&mut lines, KEY_HELP, width);
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Heading("Query examples"));
    add_section(&mut lines, QUERY_EXAMPLES, width);
    lines
}

/// The line the query examples start on.
pub fn examples_start(lines: &[HelpLine]) -> usize {
    lines
        .iter()
        .position(|line| *line == HelpLine::Heading("Query examples"))
        .unwrap_or(0)
}

fn add_section(lines: &mut Vec<HelpLine>, entries: &[(&'static str, &str)], width: usize) {
    let key_width = entries
        .iter()
        .map(|(key, _)| text_width(key))
        .max()
        .unwrap_or(0);
    // One leading space, the key, two spaces.
    let beside = 1 + key_width + 2;
    let narrow = width < SIDE_BY_SIDE_MIN || width < beside + 20;
    for (key, text) in entries {
        if narrow {
            lines.push(HelpLine::Entry {
                key,
                text: String::new(),
            });
            for text in wrap(text, width.saturating_sub(5).max(8)) {
                lines.push(HelpLine::More { indent: 4, text });
            }
        } else {
            // A column of margin before the border.
            let mut wrapped = wrap(text, width - beside - 1).into_iter();
            lines.push(HelpLine::Entry {
                key,
                text: wrapped.next().unwrap_or_default(),
            });
            lines.extend(wrapped.map(|text| HelpLine::More {
                indent: beside,
                text,
            }));
        }
    }
}

/// `text` in lines of at most `width` columns, broken at spaces (a word
/// longer than a line gets a line of its own, cut by the window).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        if !line.is_empty() && text_width(&line) + 1 + text_width(word) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(line: &HelpLine, key_width: usize) -> String {
        match line {
            HelpLine::Heading(name) => name.to_string(),
            HelpLine::Entry { key, text } => format!(" {key:<key_width$}  {text}"),
            HelpLine::More { indent, text } => format!("{}{text}", " ".repeat(*indent)),
            HelpLine::Blank => String::new(),
        }
    }

    #[test]
    fn wide_windows_keep_descriptions_beside_their_keys() {
        let lines = help_lines(100);
        assert!(
            lines
                .iter()
                .all(|line| !matches!(line, HelpLine::More { .. }))
        );
        assert_eq!(lines[0], HelpLine::Heading("Keys"));
        let examples = examples_start(&lines);
        assert!(matches!(
            lines[examples + 1],
            HelpLine::Entry { key: "visa", .. }
        ));
    }

    #[test]
    fn narrow_windows_wrap_every_description_inside_the_width() {
        for width in [20, 36, 60, 70] {
            let lines = help_lines(width);
            let key_width = KEY_HELP
                .iter()
                .map(|(key, _)| text_width(key))
                .max()
                .unwrap();
            for line in &lines {
                if let HelpLine::Entry { text, .. } | HelpLine::More { text, .. } = line {
                    assert!(!text.is_empty() || matches!(line, HelpLine::Entry { .. }));
                }
                if let HelpLine::More { .. } = line {
                    let shown = text_of(line, key_width);
                    assert!(text_width(&shown) <= width.max(12), "{width}: {shown:?}");
                }
            }
            // Every description is there whole, in its lines.
            let mut described = Vec::new();
            for line in &lines {
                match line {
                    HelpLine::Entry { text, .. } => described.push(text.clone()),
                    HelpLine::More { text, .. } => {
                        let last = described.last_mut().unwrap();
                        *last = format!("{last} {text}").trim().to_string();
                    }
                    _ => {}
                }
            }
            let expected: Vec<String> = KEY_HELP
                .iter()
                .chain(QUERY_EXAMPLES)
                .map(|(_, text)| text.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            assert_eq!(described, expected, "{width}");
        }
    }

    #[test]
    fn words_break_at_spaces() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("unbreakableword x", 4), ["unbreakableword", "x"]);
        assert!(wrap("", 10).is_empty());
    }
}
