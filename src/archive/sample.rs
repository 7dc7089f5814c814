//! Deterministic generated archives for benchmarks and tests: realistic, multilingual, any size.

use chrono::{Days, NaiveDate};

use crate::archive::item::{Archive, Item};
use crate::archive::parse::write_item;
use crate::archive::source;

/// Words headlines are made of: English and Spanish news vocabulary, with
/// accents, as in the real archives.
const WORDS: &[&str] = &[
    "IOM",
    "OIM",
    "UNHCR",
    "ACNUR",
    "migration",
    "migración",
    "migrants",
    "migrantes",
    "refugees",
    "refugiados",
    "asylum",
    "asilo",
    "México",
    "Panamá",
    "Guatemala",
    "Honduras",
    "Salvador",
    "Nicaragua",
    "Belize",
    "Colombia",
    "Venezuela",
    "Ecuador",
    "Perú",
    "Haití",
    "Cuba",
    "Dominica",
    "Jamaica",
    "Barbados",
    "Trinidad",
    "Tobago",
    "Grenada",
    "Bahamas",
    "Guyana",
    "Suriname",
    "Chile",
    "Brasil",
    "Argentina",
    "Bolivia",
    "Costa",
    "Rica",
    "Caribbean",
    "Caribe",
    "Mesoamérica",
    "Centroamérica",
    "Darién",
    "Tapachula",
    "Tijuana",
    "Chiapas",
    "Tamaulipas",
    "Petén",
    "Quetzaltenango",
    "Tegucigalpa",
    "Managua",
    "Bogotá",
    "Cúcuta",
    "Medellín",
    "Quito",
    "Lima",
    "Kingston",
    "Bridgetown",
    "diaspora",
    "diáspora",
    "border",
    "frontera",
    "worker",
    "trabajador",
    "trabajadores",
    "workers",
    "regularization",
    "regularización",
    "campaign",
    "campaña",
    "government",
    "gobierno",
    "launches",
    "lanza",
    "presents",
    "presenta",
    "report",
    "informe",
    "survey",
    "encuesta",
    "workshop",
    "taller",
    "rights",
    "derechos",
    "labour",
    "laboral",
    "community",
    "comunidad",
    "comunidades",
    "policy",
    "política",
    "human",
    "humana",
    "mobility",
    "movilidad",
    "regional",
    "conference",
    "conferencia",
    "Haitian",
    "haitianos",
    "entrepreneurs",
    "emprendedores",
    "resilience",
    "resiliencia",
    "information",
    "información",
    "hubs",
    "centros",
    "smuggling",
    "tráfico",
    "trafficking",
    "trata",
    "legislation",
    "legislación",
    "agreement",
    "acuerdo",
    "signs",
    "firma",
    "cooperation",
    "cooperación",
    "ministry",
    "ministerio",
    "training",
    "capacitación",
    "officials",
    "funcionarios",
    "consular",
    "consulado",
    "returnees",
    "retornados",
    "return",
    "retorno",
    "reintegration",
    "reintegración",
    "children",
    "niños",
    "niñas",
    "adolescents",
    "adolescentes",
    "women",
    "mujeres",
    "families",
    "familias",
    "unaccompanied",
    "no",
    "acompañados",
    "protection",
    "protección",
    "shelter",
    "albergue",
    "shelters",
    "albergues",
    "health",
    "salud",
    "vaccination",
    "vacunación",
    "COVID-19",
    "pandemic",
    "pandemia",
    "emergency",
    "emergencia",
    "hurricane",
    "huracán",
    "earthquake",
    "terremoto",
    "displacement",
    "desplazamiento",
    "displaced",
    "desplazados",
    "climate",
    "clima",
    "change",
    "cambio",
    "drought",
    "sequía",
    "floods",
    "inundaciones",
    "disaster",
    "desastre",
    "risk",
    "riesgo",
    "reduction",
    "reducción",
    "data",
    "datos",
    "statistics",
    "estadísticas",
    "census",
    "censo",
    "study",
    "estudio",
    "analysis",
    "análisis",
    "findings",
    "hallazgos",
    "challenges",
    "desafíos",
    "opportunities",
    "oportunidades",
    "integration",
    "integración",
    "inclusion",
    "inclusión",
    "social",
    "económica",
    "economic",
    "cultural",
    "contributions",
    "aportes",
    "remittances",
    "remesas",
    "investment",
    "inversión",
    "development",
    "desarrollo",
    "employment",
    "empleo",
    "jobs",
    "empleos",
    "skills",
    "habilidades",
    "youth",
    "jóvenes",
    "education",
    "educación",
    "school",
    "escuela",
    "students",
    "estudiantes",
    "university",
    "universidad",
    "scholarship",
    "beca",
    "digital",
    "platform",
    "plataforma",
    "app",
    "application",
    "solicitud",
    "visa",
    "visas",
    "permit",
    "permiso",
    "residence",
    "residencia",
    "temporary",
    "temporal",
    "permanent",
    "permanente",
    "card",
    "tarjeta",
    "documents",
    "documentos",
    "identity",
    "identidad",
    "registration",
    "registro",
    "census",
    "dialogue",
    "diálogo",
    "forum",
    "foro",
    "summit",
    "cumbre",
    "meeting",
    "reunión",
    "network",
    "red",
    "partners",
    "socios",
    "alliance",
    "alianza",
    "strengthen",
    "fortalecer",
    "support",
    "apoyo",
    "assistance",
    "asistencia",
    "humanitarian",
    "humanitaria",
    "response",
    "respuesta",
    "plan",
    "strategy",
    "estrategia",
    "national",
    "nacional",
    "local",
    "municipal",
    "authorities",
    "autoridades",
    "police",
    "policía",
    "justice",
    "justicia",
    "prosecutors",
    "fiscales",
    "judges",
    "jueces",
    "victims",
    "víctimas",
    "survivors",
    "sobrevivientes",
    "gender",
    "género",
    "violence",
    "violencia",
    "prevention",
    "prevención",
    "awareness",
    "sensibilización",
    "myths",
    "mitos",
    "deception",
    "engaño",
    "safe",
    "segura",
    "orderly",
    "ordenada",
    "regular",
    "irregular",
    "routes",
    "rutas",
    "journey",
    "travesía",
    "caravan",
    "caravana",
    "transit",
    "tránsito",
    "destination",
    "destino",
    "origin",
    "origen",
    "host",
    "acogida",
    "receives",
    "recibe",
    "welcomes",
    "celebra",
    "celebrates",
    "day",
    "día",
    "international",
    "internacional",
    "week",
    "semana",
    "year",
    "año",
    "new",
    "nuevo",
    "first",
    "primer",
    "primera",
    "record",
    "récord",
    "thousands",
    "miles",
    "hundreds",
    "cientos",
    "million",
    "millones",
    "more",
    "más",
    "than",
    "que",
    "over",
    "sobre",
    "the",
    "of",
    "in",
    "and",
    "for",
    "to",
    "on",
    "with",
    "at",
    "by",
    "from",
    "de",
    "la",
    "el",
    "en",
    "y",
    "para",
    "los",
    "las",
    "con",
    "por",
    "del",
    "al",
    "sobre",
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

/// A generated archive of `count` items, loaded as the binary loads a file.
pub fn archive(count: usize, seed: u64) -> Archive {
    let mut archive = Archive::new();
    let bytes = archive_text(count, seed).into_bytes();
    source::add_bytes(&mut archive, "generated", bytes).expect("generated archives have items");
    archive.sort();
    archive
}

/// Archive text of `count` items, newest first, dated back from 2024-12-31.
pub fn archive_text(count: usize, seed: u64) -> String {
    let mut rng = SampleRng::new(seed);
    let mut text = String::with_capacity(count * 280);
    let newest = NaiveDate::from_ymd_opt(2024, 12, 31).expect("valid constant date");
    for index in 0..count {
        // About three items a day, going back in time.
        let date = newest - Days::new((index / 3) as u64 % 20_000);
        let headline = headline(&mut rng);
        let paragraphs: Vec<String> = (0..1 + rng.below(2)).map(|_| paragraph(&mut rng)).collect();
        let body = paragraphs.join("\n\n");
        let item = Item {
            date,
            headline: &headline,
            body: &body,
            link: "",
            source: "",
        };
        write_item(&item, &mut text);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::parse::parse;

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
