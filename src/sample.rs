//! Deterministic generated archives for benchmarks and tests: realistic, multilingual, any size.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

/// Words headlines are made of: English and Spanish, with accents, as in the
/// real archives.
const WORDS: &[&str] = &[
    "IOM",
    "migration",
    "migración",
    "México",
    "Panamá",
    "Guatemala",
    "Honduras",
    "El Salvador",
    "Costa Rica",
    "Belize",
    "Caribbean",
    "Caribe",
    "diaspora",
    "diáspora",
    "border",
    "worker",
    "frontera",
    "trabajadores",
    "regularization",
    "regularización",
    "campaign",
    "campaña",
    "government",
    "gobierno",
    "launches",
    "lanza",
    "report",
    "informe",
    "survey",
    "encuesta",
    "workshop",
    "taller",
    "rights",
    "derechos",
    "labor",
    "laboral",
    "community",
    "comunidad",
    "migrants",
    "migrantes",
    "policy",
    "política",
    "human",
    "humana",
    "mobility",
    "movilidad",
    "regional",
    "conference",
    "conferencia",
    "Tamaulipas",
    "Chiapas",
    "Darién",
    "Haitian",
    "haitianos",
    "entrepreneurs",
    "emprendedores",
    "resilience",
    "resiliencia",
    "información",
    "information",
    "hubs",
    "centros",
    "smuggling",
    "tráfico",
    "legislation",
    "legislación",
    "the",
    "of",
    "in",
    "and",
    "for",
    "to",
    "de",
    "la",
    "el",
    "en",
    "y",
    "para",
    "los",
    "las",
];

/// A small, fast, seedable generator (xorshift64*): the same seed always
/// gives the same archive, with no dependency.
pub struct SampleRng(u64);

impl SampleRng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..bound` (bound > 0).
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

/// A headline of 40 to 140 bytes.
pub fn headline(rng: &mut SampleRng) -> String {
    let target = 40 + rng.below(101);
    let mut text = String::from(rng.word());
    while text.len() < target {
        let word = rng.word();
        if text.len() + 1 + word.len() > 140 {
            break;
        }
        text.push(' ');
        text.push_str(word);
    }
    while text.len() < 40 {
        text.push_str(" IOM");
    }
    text
}

fn paragraph(rng: &mut SampleRng) -> String {
    let words = 8 + rng.below(20);
    let mut text = String::new();
    for index in 0..words {
        if index > 0 {
            text.push(' ');
        }
        text.push_str(rng.word());
    }
    text.push('.');
    text
}

/// Archive text of `count` items, newest first, dated back from 2024-12-31.
pub fn archive_text(count: usize, seed: u64) -> String {
    let mut rng = SampleRng::new(seed);
    let mut text = String::with_capacity(count * 280);
    let newest = NaiveDate::from_ymd_opt(2024, 12, 31).expect("valid constant date");
    for index in 0..count {
        // About three items a day, going back in time.
        let date = newest - Days::new((index / 3) as u64 % 20_000);
        let _ = write!(
            text,
            "{}\n\n{}\n\n",
            date.format("%-d %B, %Y"),
            headline(&mut rng)
        );
        for _ in 0..1 + rng.below(2) {
            text.push_str(&paragraph(&mut rng));
            text.push_str("\n\n");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    #[test]
    fn generated_archives_parse_cleanly_and_repeat() {
        let text = archive_text(500, 7);
        assert_eq!(text, archive_text(500, 7));
        let parsed = parse(&text);
        assert_eq!(parsed.items.len(), 500);
        assert!(parsed.warnings.is_empty());
    }

    #[test]
    fn headlines_are_40_to_140_bytes() {
        let mut rng = SampleRng::new(3);
        for _ in 0..2000 {
            let len = headline(&mut rng).len();
            assert!((40..=140).contains(&len), "{len}");
        }
    }
}
