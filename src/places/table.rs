//! The gazetteer file's format: rows of code, kind, names and rules, read into plain data.
//!
//! `assets/gazetteer.tsv` explains the format in its header; this module only
//! reads it. Checking what the rows mean together (codes, duplicates, cues)
//! is [`super::gazetteer`]'s job.

use std::borrow::Cow;

/// What a row's names are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The English name; the first is the one shown.
    En,
    /// The Spanish name; the first is the one shown.
    Es,
    /// French, Haitian Creole, Portuguese, Dutch: the local language's names.
    Fr,
    Ht,
    Pt,
    Nl,
    /// Abbreviations and other names: `USA`, `EE. UU.`, `Holland`.
    Alt,
    /// The people and the adjective: `Haitian`, `guatemalteca`.
    Demonym,
    /// A city, region, island or border crossing, mapped to its country.
    Place,
    /// A phrase that is no place, there to hide the names inside it.
    Block,
}

impl Kind {
    fn parse(text: &str) -> Option<Kind> {
        Some(match text {
            "en" => Kind::En,
            "es" => Kind::Es,
            "fr" => Kind::Fr,
            "ht" => Kind::Ht,
            "pt" => Kind::Pt,
            "nl" => Kind::Nl,
            "alt" => Kind::Alt,
            "demonym" => Kind::Demonym,
            "place" => Kind::Place,
            "block" => Kind::Block,
            _ => return None,
        })
    }

    /// Which name [`super::Gazetteer::resolve`] prefers when two countries
    /// share one: a country's own name, then other names, demonyms, places.
    pub fn priority(self) -> u8 {
        match self {
            Kind::En | Kind::Es | Kind::Fr | Kind::Ht | Kind::Pt | Kind::Nl => 0,
            Kind::Alt => 1,
            Kind::Demonym => 2,
            Kind::Place => 3,
            Kind::Block => 4,
        }
    }
}

/// How the case of a name in the text must compare with the gazetteer's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CaseRule {
    /// Any case.
    #[default]
    Any,
    /// `capital`: the gazetteer's capitals must be capitals in the text.
    Capitals,
    /// `case`: exactly as written.
    Exact,
}

/// The rules of a row (its fourth column).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Rules<'a> {
    pub case: CaseRule,
    /// `person`: also a given name or surname.
    pub person: bool,
    /// `or=XX,YY`: the other countries the name may be in.
    pub or: Vec<&'a str>,
    /// `if=XX:A,B`: the country it is instead when the item names A or B.
    pub cue: Option<(&'a str, Vec<&'a str>)>,
    /// `notag`: looked up and shown, never tagged in text.
    pub notag: bool,
}

/// One row of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// 1-based, for messages.
    pub line: usize,
    /// `None` for `-`: no country.
    pub code: Option<&'a str>,
    pub kind: Kind,
    /// Every name, with its `/` forms spelled out, as written.
    pub names: Vec<Cow<'a, str>>,
    pub rules: Rules<'a>,
}

/// Reads every row of `text`, or says which line is wrong and why.
pub fn parse(text: &str) -> Result<Vec<Row<'_>>, String> {
    let mut rows = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let row =
            parse_row(line, line_number).map_err(|why| format!("line {line_number}: {why}"))?;
        rows.push(row);
    }
    Ok(rows)
}

fn parse_row(line: &str, line_number: usize) -> Result<Row<'_>, String> {
    let columns: Vec<&str> = line.split('\t').map(str::trim).collect();
    let [code, kind, names, rest @ ..] = &columns[..] else {
        return Err("expected CODE, KIND and NAMES separated by tabs".into());
    };
    let rules = match rest {
        [] => Rules::default(),
        [rules] => parse_rules(rules)?,
        _ => return Err("more than four columns".into()),
    };
    let kind = Kind::parse(kind).ok_or_else(|| format!("unknown kind '{kind}'"))?;
    let code = match *code {
        "-" => None,
        code if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) => Some(code),
        code => return Err(format!("'{code}' is not a two-letter code or '-'")),
    };
    if (code.is_none()) != (kind == Kind::Block) {
        return Err("'-' goes with the kind 'block', and only with it".into());
    }
    let mut expanded = Vec::new();
    for name in names.split(" | ") {
        let name = name.trim();
        if name.is_empty() {
            return Err("an empty name".into());
        }
        expanded.extend(forms(name));
    }
    Ok(Row {
        line: line_number,
        code,
        kind,
        names: expanded,
        rules,
    })
}

/// The rules column. `if=` comes last and takes the rest of the column, as
/// the names it lists may hold spaces (`Cobb County`).
fn parse_rules(text: &str) -> Result<Rules<'_>, String> {
    let mut rules = Rules::default();
    let (words, cue) = match text.find("if=") {
        Some(at) => (&text[..at], Some(&text[at + 3..])),
        None => (text, None),
    };
    for word in words.split_whitespace() {
        match word {
            "case" => rules.case = CaseRule::Exact,
            "capital" => rules.case = CaseRule::Capitals,
            "person" => rules.person = true,
            "notag" => rules.notag = true,
            _ => match word.strip_prefix("or=") {
                Some(codes) => rules.or = codes.split(',').collect(),
                None => return Err(format!("unknown rule '{word}'")),
            },
        }
    }
    if let Some(cue) = cue {
        let (code, names) = cue
            .split_once(':')
            .ok_or_else(|| format!("'if={cue}': expected if=XX:Name,Name"))?;
        rules.cue = Some((code.trim(), names.split(',').map(str::trim).collect()));
    }
    Ok(rules)
}

/// `guatemalteco/a/os/as` -> guatemalteco, guatemalteca, guatemaltecos,
/// guatemaltecas: a form starting with a vowel replaces a final `o`, any
/// other is appended (`Haitian/s`, `español/a/es`).
pub fn forms(name: &str) -> Vec<Cow<'_, str>> {
    let mut parts = name.split('/');
    let base = parts.next().unwrap_or_default();
    let mut all = vec![Cow::Borrowed(base)];
    for suffix in parts {
        let starts_with_vowel = suffix.starts_with(['a', 'e', 'i', 'o', 'u']);
        let stem = match base.strip_suffix('o') {
            Some(stem) if starts_with_vowel => stem,
            _ => base,
        };
        all.push(Cow::Owned(format!("{stem}{suffix}")));
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_replace_a_final_o_or_append() {
        assert_eq!(
            forms("guatemalteco/a/os/as"),
            [
                "guatemalteco",
                "guatemalteca",
                "guatemaltecos",
                "guatemaltecas"
            ]
        );
        assert_eq!(forms("Haitian/s"), ["Haitian", "Haitians"]);
        assert_eq!(
            forms("haïtien/ne/s/nes"),
            ["haïtien", "haïtienne", "haïtiens", "haïtiennes"]
        );
        assert_eq!(forms("Filipino/s"), ["Filipino", "Filipinos"]);
        assert_eq!(forms("marroquí/es"), ["marroquí", "marroquíes"]);
        assert_eq!(forms("El Salvador"), ["El Salvador"]);
    }

    #[test]
    fn rows_read_codes_kinds_names_and_rules() {
        let rows = parse(
            "# comment\n\nGT\tdemonym\tGuatemalan/s | chapín/a\n\
             CL\tplace\tSantiago\tcapital person or=DO,CU\n\
             -\tblock\tguinea pig/s\n\
             GE\ten\tGeorgia\tcapital if=US:Cobb County\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].line, 3);
        assert_eq!(
            rows[0].names,
            ["Guatemalan", "Guatemalans", "chapín", "chapína"]
        );
        assert_eq!(rows[1].rules.case, CaseRule::Capitals);
        assert!(rows[1].rules.person);
        assert_eq!(rows[1].rules.or, ["DO", "CU"]);
        assert_eq!((rows[2].code, rows[2].kind), (None, Kind::Block));
        assert_eq!(rows[3].rules.cue, Some(("US", vec!["Cobb County"])));
    }

    #[test]
    fn bad_rows_name_their_line() {
        for (text, message) in [
            ("GT\tcountry\tGuatemala", "line 1: unknown kind 'country'"),
            (
                "gt\ten\tGuatemala",
                "line 1: 'gt' is not a two-letter code or '-'",
            ),
            (
                "GT\ten",
                "line 1: expected CODE, KIND and NAMES separated by tabs",
            ),
            ("GT\ten\tA |  | B", "line 1: an empty name"),
            ("GT\ten\tA\tloud", "line 1: unknown rule 'loud'"),
            (
                "-\ten\tA",
                "line 1: '-' goes with the kind 'block', and only with it",
            ),
        ] {
            assert_eq!(parse(text).unwrap_err(), message);
        }
    }
}
