//! The gazetteer built from its table: the countries, every name, and look-ups by name or code.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

use super::fold::{fold_str, key};
use super::table::{self, Kind, Row, Rules};
use super::tagger::{TagName, Tagger};
use super::{Country, CountryId};

/// The countries and places migranews knows, and how to find them in text.
#[derive(Debug)]
pub struct Gazetteer {
    /// By [`CountryId`], in code order.
    countries: Vec<Country>,
    names: Vec<Name>,
    /// [`key`]s of codes and names -> their country, for [`Gazetteer::resolve`].
    lookup: HashMap<String, CountryId>,
    /// The names found in text, each once.
    pub(super) tag_names: Vec<TagName>,
    /// Built at the first tagging: looking a name up needs no automaton.
    tagger: OnceLock<Tagger>,
}

/// One name of the gazetteer, with its `/` forms spelled out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// As written in the gazetteer.
    pub text: Cow<'static, str>,
    /// `None` for a phrase that is no place (`Gulf of Mexico`).
    pub country: Option<CountryId>,
    pub kind: Kind,
    /// Whether tagging finds it in text (`notag` names are only looked up).
    pub tagged: bool,
}

impl Gazetteer {
    /// Builds the gazetteer from the text of `assets/gazetteer.tsv`, or says
    /// which row is wrong.
    pub fn from_table(text: &'static str) -> Result<Gazetteer, String> {
        let rows = table::parse(text)?;
        let countries = countries(&rows)?;
        let id_of = |code: &str| -> Option<CountryId> {
            countries
                .binary_search_by(|country| country.code.cmp(code))
                .ok()
                .map(|index| CountryId(index as u16))
        };
        let mut names = Vec::new();
        let mut lookup: HashMap<String, (u8, CountryId)> = HashMap::new();
        for (index, country) in countries.iter().enumerate() {
            lookup.insert(
                country.code.to_ascii_lowercase(),
                (0, CountryId(index as u16)),
            );
        }
        for row in &rows {
            let country = row.code.and_then(id_of);
            for text in &row.names {
                names.push(Name {
                    text: text.clone(),
                    country,
                    kind: row.kind,
                    tagged: !row.rules.notag,
                });
                let Some(country) = country else { continue };
                // Codes first, then a country's own names, other names,
                // demonyms and places; the first row among equals.
                let priority = 1 + row.kind.priority();
                match lookup.entry(key(text)) {
                    Entry::Occupied(mut known) if known.get().0 > priority => {
                        known.insert((priority, country));
                    }
                    Entry::Occupied(_) => {}
                    Entry::Vacant(new) => {
                        new.insert((priority, country));
                    }
                }
            }
        }
        let tag_names = tag_names(&rows, &id_of)?;
        Ok(Gazetteer {
            countries,
            names,
            lookup: lookup
                .into_iter()
                .map(|(key, (_, country))| (key, country))
                .collect(),
            tag_names,
            tagger: OnceLock::new(),
        })
    }

    /// The country `id` names. Ids come from this gazetteer; an id from
    /// elsewhere gets the first country rather than a panic.
    pub fn country(&self, id: CountryId) -> &Country {
        self.countries
            .get(usize::from(id.0))
            .unwrap_or(&self.countries[0])
    }

    /// Every country, in code order (which is id order).
    pub fn countries(&self) -> impl ExactSizeIterator<Item = (CountryId, &Country)> + '_ {
        self.countries
            .iter()
            .enumerate()
            .map(|(index, country)| (CountryId(index as u16), country))
    }

    /// How many countries there are: ids are below this.
    pub fn len(&self) -> usize {
        self.countries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
    }

    /// Every name, in the gazetteer's order.
    pub fn names(&self) -> &[Name] {
        &self.names
    }

    /// The country `text` names: a code (`gt`, `GT`) or any of its names,
    /// in any case, with or without accents (`haití`, `Haiti`, `EE. UU.`,
    /// `guatemalteca`, `Tapachula`). When countries share a name, their own
    /// names win over demonyms and places.
    pub fn resolve(&self, text: &str) -> Option<CountryId> {
        self.lookup.get(&key(text)).copied()
    }

    /// The country whose code is `code`, in any case.
    pub fn by_code(&self, code: &str) -> Option<CountryId> {
        let upper = code.trim().to_ascii_uppercase();
        self.countries
            .binary_search_by(|country| country.code.cmp(upper.as_str()))
            .ok()
            .map(|index| CountryId(index as u16))
    }

    pub(super) fn tagger(&self) -> &Tagger {
        self.tagger.get_or_init(|| Tagger::new(&self.tag_names))
    }
}

/// The countries, sorted by code, each with the first of its English and
/// Spanish names.
fn countries(rows: &[Row<'static>]) -> Result<Vec<Country>, String> {
    let mut codes: Vec<&'static str> = rows.iter().filter_map(|row| row.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let first_name = |code: &str, kind: Kind| -> Result<&'static str, String> {
        let row = rows
            .iter()
            .find(|row| row.code == Some(code) && row.kind == kind)
            .ok_or_else(|| format!("{code} has no {kind:?} name"))?;
        match row.names.first() {
            Some(Cow::Borrowed(name)) => Ok(name),
            _ => Err(format!("line {}: a shown name has no `/` forms", row.line)),
        }
    };
    codes
        .into_iter()
        .map(|code| {
            Ok(Country {
                code,
                name_en: first_name(code, Kind::En)?,
                name_es: first_name(code, Kind::Es)?,
            })
        })
        .collect()
}

/// The names tagging looks for, each key once, with their rules resolved.
fn tag_names(
    rows: &[Row<'static>],
    id_of: &dyn Fn(&str) -> Option<CountryId>,
) -> Result<Vec<TagName>, String> {
    let code = |line: usize, code: &str| {
        id_of(code).ok_or_else(|| format!("line {line}: unknown code '{code}'"))
    };
    let mut tag_names: Vec<TagName> = Vec::new();
    // Key -> (index into tag_names, the row that gave it).
    let mut seen: HashMap<String, (u32, &Row)> = HashMap::new();
    for row in rows.iter().filter(|row| !row.rules.notag) {
        for text in &row.names {
            let key = key(text);
            if let Some((_, first)) = seen.get(&key) {
                // `Guatemala` in English and Spanish, `Armenia` and the
                // Spanish `armenia`: one name, with the first row's rules
                // unless the later one gives others.
                let same_rules = first.rules == row.rules || row.rules == Rules::default();
                if first.code == row.code && same_rules {
                    continue;
                }
                return Err(format!(
                    "line {}: '{text}' is also on line {} with another country or rules",
                    row.line, first.line
                ));
            }
            let written = fold_str(text.trim());
            if !written.is_ascii() || key.is_empty() {
                return Err(format!(
                    "line {}: '{text}' does not fold to ASCII letters",
                    row.line
                ));
            }
            let or = row
                .rules
                .or
                .iter()
                .map(|other| code(row.line, other))
                .collect::<Result<_, _>>()?;
            seen.insert(key.clone(), (tag_names.len() as u32, row));
            tag_names.push(TagName {
                written: written.into(),
                key: key.into(),
                country: row.code.map(|c| code(row.line, c)).transpose()?,
                case: row.rules.case,
                person: row.rules.person,
                or,
                cue: None,
            });
        }
    }
    // Cues name other rows, which may come later: resolved last.
    for row in rows.iter().filter(|row| !row.rules.notag) {
        let Some((country, cues)) = &row.rules.cue else {
            continue;
        };
        let country = code(row.line, country)?;
        let cues: Box<[u32]> = cues
            .iter()
            .map(|cue| {
                seen.get(&key(cue)).map(|(index, _)| *index).ok_or_else(|| {
                    format!(
                        "line {}: the cue '{cue}' is no name of the gazetteer",
                        row.line
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        for text in &row.names {
            let (index, _) = seen[&key(text)];
            tag_names[index as usize].cue = Some((country, cues.clone()));
        }
    }
    Ok(tag_names)
}
