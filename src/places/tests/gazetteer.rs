//! The gazetteer's sanity: it builds, codes are unique, names resolve to their countries.

use std::collections::BTreeSet;

use crate::places::{GAZETTEER_TABLE, Gazetteer, Kind, gazetteer};

/// Every country and territory of the Americas in ISO 3166-1.
const AMERICAS: &[&str] = &[
    "AG", "AI", "AR", "AW", "BB", "BL", "BM", "BO", "BQ", "BR", "BS", "BZ", "CA", "CL", "CO", "CR",
    "CU", "CW", "DM", "DO", "EC", "FK", "GD", "GF", "GL", "GP", "GS", "GT", "GY", "HN", "HT", "JM",
    "KN", "KY", "LC", "MF", "MQ", "MS", "MX", "NI", "PA", "PE", "PM", "PR", "PY", "SR", "SV", "SX",
    "TC", "TT", "UM", "US", "UY", "VC", "VE", "VG", "VI",
];

/// Countries of origin and destination beyond the Americas that the issue names.
const BEYOND: &[&str] = &[
    "ES", "IT", "FR", "GB", "DE", "PT", "NL", "CN", "IN", "BD", "NP", "AF", "CM", "SN", "GH", "NG",
    "NE", "GN", "MR", "AO", "CD", "ER", "ET", "SO", "SY", "UA", "RU", "TR", "UZ", "GE", "PH", "VN",
];

/// Names that two countries share, and the one `resolve` gives: reviewed
/// here so that a new one is a decision, not an accident.
const SHARED: &[(&str, &str)] = &[];

#[test]
fn the_embedded_gazetteer_builds_with_its_automaton() {
    let gazetteer = Gazetteer::from_table(GAZETTEER_TABLE).unwrap();
    assert!(gazetteer.len() > 150, "{} countries", gazetteer.len());
    assert!(!gazetteer.tag("Guatemala", "").is_empty());
}

#[test]
fn codes_are_unique_two_capitals_in_order_with_names() {
    let gazetteer = gazetteer();
    let codes: Vec<&str> = gazetteer.countries().map(|(_, c)| c.code).collect();
    assert!(
        codes.windows(2).all(|pair| pair[0] < pair[1]),
        "sorted and unique"
    );
    for (id, country) in gazetteer.countries() {
        assert!(country.code.len() == 2 && country.code.bytes().all(|b| b.is_ascii_uppercase()));
        assert!(!country.name_en.is_empty() && !country.name_es.is_empty());
        assert_eq!(gazetteer.by_code(country.code), Some(id));
        assert_eq!(gazetteer.by_code(&country.code.to_lowercase()), Some(id));
        assert_eq!(gazetteer.resolve(country.code), Some(id));
    }
    let known: BTreeSet<&str> = codes.into_iter().collect();
    for code in AMERICAS.iter().chain(BEYOND) {
        assert!(known.contains(code), "{code} is missing");
    }
}

#[test]
fn every_name_resolves_to_its_country() {
    let gazetteer = gazetteer();
    let mut shared = Vec::new();
    for name in gazetteer.names() {
        let Some(country) = name.country else {
            assert_eq!(name.kind, Kind::Block);
            continue;
        };
        let resolved = gazetteer.resolve(&name.text);
        if resolved != Some(country) {
            let code = resolved.map_or("none", |id| gazetteer.country(id).code);
            shared.push((name.text.to_string(), code));
        }
    }
    let expected: Vec<(String, &str)> = SHARED.iter().map(|&(n, c)| (n.to_string(), c)).collect();
    assert_eq!(shared, expected);
}

#[test]
fn look_ups_take_codes_names_and_demonyms_in_any_form() {
    let gazetteer = gazetteer();
    let code = |text: &str| gazetteer.resolve(text).map(|id| gazetteer.country(id).code);
    for (text, expected) in [
        ("gt", "GT"),
        ("GT", "GT"),
        ("guatemala", "GT"),
        ("haití", "HT"),
        ("Haiti", "HT"),
        ("EE. UU.", "US"),
        ("ee.uu.", "US"),
        ("usa", "US"),
        ("uk", "GB"),
        ("guatemalteca", "GT"),
        ("Salvadoreños", "SV"),
        ("port-au-prince", "HT"),
        ("port au prince", "HT"),
        ("  república dominicana ", "DO"),
        ("granada", "GD"),
        ("guadalupe", "GP"),
        ("new mexico", "US"),
    ] {
        assert_eq!(code(text), Some(expected), "{text}");
    }
    for unknown in [
        "xyz",
        "",
        "gulf of mexico",
        "guinea pig",
        "columbia university",
    ] {
        assert_eq!(code(unknown), None, "{unknown}");
    }
}

#[test]
fn the_places_migration_news_names_belong_to_their_countries() {
    let gazetteer = gazetteer();
    let code = |text: &str| gazetteer.resolve(text).map(|id| gazetteer.country(id).code);
    for (places, expected) in [
        (
            "Tapachula Tamaulipas Chiapas Ciudad_Juárez Tijuana Reynosa Matamoros Nuevo_Laredo Ciudad_Acuña",
            "MX",
        ),
        (
            "El_Paso Laredo Del_Rio San_Diego Rio_Grande_Valley Atlanta",
            "US",
        ),
        ("Necoclí Capurganá Cúcuta", "CO"),
        (
            "Darién Bajo_Chiquito Lajas_Blancas San_Vicente Puerto_Obaldía Paso_Canoas",
            "PA",
        ),
        ("Peñas_Blancas", "CR"),
        ("Tecún_Umán El_Ceibo", "GT"),
        ("Agua_Caliente", "HN"),
        ("Port-au-Prince", "HT"),
        ("Dajabón Santo_Domingo", "DO"),
        ("Rumichaca Tulcán", "EC"),
        ("Desaguadero", "PE"),
        ("Arica Chacalluta", "CL"),
        ("Pacaraima Boa_Vista Roraima", "BR"),
        ("Lampedusa", "IT"),
        ("Ceuta Melilla Canarias", "ES"),
    ] {
        for place in places.split(' ') {
            assert_eq!(code(&place.replace('_', " ")), Some(expected), "{place}");
        }
    }
}

#[test]
fn table_mistakes_are_errors_naming_the_line() {
    let build = |text: &'static str| Gazetteer::from_table(text).unwrap_err();
    assert_eq!(
        build("GT\ten\tGuatemala\nGT\tes\tGuatemala\nMX\ten\tMexico\nMX\tes\tGuatemala\n"),
        "line 4: 'Guatemala' is also on line 1 with another country or rules"
    );
    assert_eq!(
        build("GT\ten\tGuatemala\nGT\tes\tGuatemala\nGT\tplace\tPetén\tor=ZZ\n"),
        "line 3: unknown code 'ZZ'"
    );
    assert_eq!(build("GT\ten\tGuatemala\n"), "GT has no Es name");
    assert_eq!(
        build("GT\ten\tGuatemala\nGT\tes\tGuatemala\nGT\tplace\t移民\n"),
        "line 3: '移民' does not fold to ASCII letters"
    );
    assert_eq!(
        build(
            "GE\ten\tGeorgia\tif=US:Atlanta\nGE\tes\tGeorgia\tif=US:Atlanta\nUS\ten\tUS\nUS\tes\tEE. UU.\n"
        ),
        "line 1: the cue 'Atlanta' is no name of the gazetteer"
    );
}
