//! The trap table: names that mean another place, or no place, in the text around them.

use crate::places::gazetteer;

/// The codes tagging gives `text` (as a headline; the body empty).
fn codes(text: &str) -> Vec<&'static str> {
    let gazetteer = gazetteer();
    gazetteer
        .tag(text, "")
        .into_iter()
        .map(|id| gazetteer.country(id).code)
        .collect()
}

/// (text, the places it names, sorted by code).
const TRAPS: &[(&str, &[&str])] = &[
    // New Mexico is a US state: the US, never Mexico.
    ("Migrants cross the New Mexico desert", &["US"]),
    (
        "From Albuquerque, New Mexico, to Mexico City",
        &["MX", "US"],
    ),
    ("Nuevo México recibe a solicitantes de asilo", &["US"]),
    ("A storm over the Gulf of Mexico", &[]),
    // Dominica is not the Dominican Republic, nor the other way round.
    ("Haitian entrepreneurs in Dominica", &["DM", "HT"]),
    ("Returns to the Dominican Republic rise", &["DO"]),
    ("Dominicans deported from Puerto Rico", &["DO", "PR"]),
    ("Dominica and its Dominicans abroad", &["DM"]),
    (
        "Dominican Republic and Dominica sign a labour accord",
        &["DM", "DO"],
    ),
    // Niger is not Nigeria, nor Nigeria Niger.
    ("Floods in Niger displace thousands", &["NE"]),
    ("Nigeria and Niger sign a border deal", &["NE", "NG"]),
    ("Nigerians stranded in Libya", &["LY", "NG"]),
    ("Nigerien migrants rest in Agadez", &["NE"]),
    ("An oil spill in the Niger Delta", &["NG"]),
    ("Boats on the Niger River", &[]),
    // Guinea inside longer names is not Guinea.
    ("Deportation flight to Papua New Guinea", &["PG"]),
    ("Equatorial Guinea and Guinea-Bissau", &["GQ", "GW"]),
    ("Elections in Guinea Bissau", &["GW"]),
    ("Migrants from Guinea reach Canarias", &["ES", "GN"]),
    ("Piracy in the Gulf of Guinea", &[]),
    ("Lab tests on a guinea pig", &[]),
    // Georgia with Atlanta, or written as the US state, is the US.
    ("Atlanta, Georgia, detention center expands", &["US"]),
    ("Detainees moved across Georgia from Atlanta jails", &["US"]),
    ("A shelter in the state of Georgia", &["US"]),
    ("Irwin County Detention Center in South Georgia", &["US"]),
    ("Georgia and Armenia sign a migration pact", &["AM", "GE"]),
    ("Georgian migrants arrive in Tijuana", &["GE", "MX"]),
    // Jordan and Chad as people.
    ("Jordan hosts Syrian refugees", &["JO", "SY"]),
    ("Refugees in Jordan face a hard winter", &["JO"]),
    ("Michael Jordan visits a shelter in El Paso", &["US"]),
    ("Jordan Peterson spoke at the event", &[]),
    ("Chad Wolf defends the asylum rule", &[]),
    ("Sudanese refugees cross into Chad", &["SD", "TD"]),
    ("the hanging chad debate", &[]),
    ("Israel Hernández, a Mexican official, spoke", &["MX"]),
    // German, and the Spanish given name Germán.
    ("Germán Martínez, del INM, habló en Tapachula", &["MX"]),
    ("German authorities deport Afghans", &["AF", "DE"]),
    ("The German Chancellor visits Kenya", &["DE", "KE"]),
    ("Germans and Austrians", &["AT", "DE"]),
    ("Santiago Peña meets the delegation", &[]),
    ("Trinidad Jiménez spoke for the ministry", &[]),
    ("Washington Post report on Tapachula", &["MX"]),
    ("Talks in Washington on Haiti", &["HT", "US"]),
    // Granada, Spain; Granada, Nicaragua; Grenada.
    ("Migrants land near Granada, Spain", &["ES"]),
    ("Un foro en Granada, Nicaragua", &["NI"]),
    ("Grenada launches a diaspora survey", &["GD"]),
    ("Desde Granada, en Andalucía", &["ES"]),
    // Panama City, Florida, is the US.
    ("Panama City, Florida, shelters fill up", &["US"]),
    ("Migrants reach Panama City by bus", &["PA"]),
    // Colombia is not Columbia.
    ("A study at Columbia University", &[]),
    ("Venezuelans in Colombia", &["CO", "VE"]),
    ("Vancouver, British Columbia", &["CA"]),
    ("Marches in the District of Columbia", &["US"]),
    // Santiago of Chile, the Dominican Republic and Cuba.
    ("Santiago de los Caballeros receives deportees", &["DO"]),
    ("Blackouts in Santiago de Cuba", &["CU"]),
    ("Protest in Santiago over the migration law", &["CL"]),
    ("Haitians in Santiago, Dominican Republic", &["DO", "HT"]),
    // Turkey the bird.
    ("Turkey hosts four million refugees", &["TR"]),
    ("a roast turkey for the shelter", &[]),
    ("Thanksgiving Turkey Drive For Migrant Families", &[]),
    ("Turks and Caicos returns Haitians", &["HT", "TC"]),
    // The two Congos.
    ("Congo: displaced families in Goma", &["CD"]),
    ("Brazzaville, Republic of the Congo", &["CG"]),
    ("Congolese asylum seekers in Brazzaville", &["CG"]),
    ("Congolese migrants cross the Darién", &["CD", "PA"]),
    ("Democratic Republic of the Congo", &["CD"]),
    // Words that are names only with capitals, or only as written.
    ("Tell us about your journey", &[]),
    ("US deports migrants to Haiti", &["HT", "US"]),
    ("La política de EE. UU. en la frontera", &["US"]),
    ("Usa la aplicación en el teléfono", &[]),
    ("El paso de migrantes por el Darién", &["PA"]),
    ("Shelters in El Paso are full", &["US"]),
    ("La paz en Colombia", &["CO"]),
    ("Migrants in La Paz, Bolivia", &["BO"]),
    ("chile relleno y tacos", &[]),
    ("Chile: migrantes en Colchane", &["CL"]),
    ("the states of Chiapas and Oaxaca", &["MX"]),
    ("la antigua frontera", &[]),
    ("Antigua Guatemala hosts the forum", &["GT"]),
    ("jugo de limón", &[]),
    ("Lima, Peru", &["PE"]),
    // American and Indian.
    ("Latin American migrants", &[]),
    ("American citizens abroad", &["US"]),
    ("Indian nationals at the border", &["IN"]),
    ("The Indian Ocean route", &[]),
    ("University of the West Indies", &[]),
    ("Inter-American Commission on Human Rights", &[]),
    // Longest names first.
    ("Armenia, Colombia, receives Venezuelans", &["CO", "VE"]),
    ("South Sudan and Sudan", &["SD", "SS"]),
    ("Northern Ireland", &["GB"]),
    (
        "British Virgin Islands and US Virgin Islands",
        &["VG", "VI"],
    ),
    ("Sint Maarten and Saint Martin", &["MF", "SX"]),
    ("North Korean defectors", &["KP"]),
    ("Saint Vincent de Paul shelter", &[]),
    ("Virgen de Guadalupe", &[]),
    ("Guadeloupe", &["GP"]),
    // Accents, case, spacing and punctuation do not matter.
    ("MEXICO y guatemala", &["GT", "MX"]),
    ("México y Guatemala firman un acuerdo", &["GT", "MX"]),
    ("Ciudad\nJuárez", &["MX"]),
    ("Port au Prince", &["HT"]),
    ("Côte d’Ivoire", &["CI"]),
    ("Haiti's crisis", &["HT"]),
    ("Mexicoan Mexicos", &[]),
];

#[test]
fn every_trap_is_avoided() {
    let failures: Vec<String> = TRAPS
        .iter()
        .filter(|(text, expected)| codes(text) != *expected)
        .map(|(text, expected)| format!("{text:?}: expected {expected:?}, got {:?}", codes(text)))
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn headline_and_body_are_read_apart() {
    let gazetteer = gazetteer();
    // A name split between headline and body is no name.
    assert!(gazetteer.tag("News from El", "Salvador").is_empty());
    let both = gazetteer.tag("Haitians in Chile", "Dominicans too");
    let codes: Vec<_> = both.iter().map(|&id| gazetteer.country(id).code).collect();
    assert_eq!(codes, ["CL", "DO", "HT"]);
}
