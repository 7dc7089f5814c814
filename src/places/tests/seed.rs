//! The seed archive tagged, every item's places decided by reading it; and a property test.

use proptest::prelude::*;

use crate::archive::source;
use crate::places::{Places, Selection, count_places, gazetteer};

/// Newest first, as the archive lists them, with why.
const SEED_PLACES: [(&str, &[&str]); 10] = [
    // "...attended by representatives of the Salvadoran diaspora."
    ("IOM and the RCM aim", &["SV"]),
    // The Caribbean and CARICOM: a region, no country.
    ("CARICOM government representatives", &[]),
    // Haitian entrepreneurs; Dominica and its association of commerce.
    ("First ever workshop", &["DM", "HT"]),
    // "Belize, Costa Rica, El Salvador, Guatemala, Honduras, Mexico, Panama
    // and the Dominican Republic"; Mesoamerica is a region.
    (
        "Migration Regularization",
        &["BZ", "CR", "DO", "GT", "HN", "MX", "PA", "SV"],
    ),
    // The Eastern Caribbean, OECS, the West Indies: regions; "the
    // Government of Grenada".
    ("IOM launches diaspora organizations survey", &["GD"]),
    // Guatemala, Guatemala City, Guatemalan.
    ("IOM and migration sign agreement", &["GT"]),
    // Mexico, Guatemala, Guatemalans, "southern Mexico".
    ("Campaign launched in Mexico", &["GT", "MX"]),
    // Tamaulipas, a state of Mexico.
    ("Tamaulipas adopts course", &["MX"]),
    // "12 communities in 6 countries": none named.
    ("Thousands of people", &[]),
    ("Discover the best practices", &["GT"]),
];

#[test]
fn the_seed_archive_has_the_places_its_items_name() {
    let archive = source::load_embedded();
    let places = Places::build(&archive);
    assert_eq!(places.len(), archive.len());
    for (index, (start, expected)) in SEED_PLACES.iter().enumerate() {
        let headline = archive.headline(index);
        assert!(headline.starts_with(start), "item {index} is {headline:?}");
        let codes: Vec<_> = places.codes(index).collect();
        assert_eq!(codes, *expected, "{headline}");
    }
    let gazetteer = gazetteer();
    let counted: Vec<_> = count_places(&places, &Selection::all(archive.len()))
        .into_iter()
        .map(|(id, count)| (gazetteer.country(id).code, count))
        .collect();
    assert_eq!(
        counted,
        [
            ("GT", 4),
            ("MX", 3),
            ("SV", 2),
            ("BZ", 1),
            ("CR", 1),
            ("DM", 1),
            ("DO", 1),
            ("GD", 1),
            ("HN", 1),
            ("HT", 1),
            ("PA", 1)
        ]
    );
    assert!(places.of(99).is_empty());
    assert!(places.heap_bytes() >= 4 * archive.len());
}

#[test]
fn building_on_many_threads_gives_the_same_places() {
    let archive = crate::archive::sample::archive(20_000, 5);
    assert_eq!(Places::build_on(&archive, 1), Places::build_on(&archive, 3));
}

/// Text made of gazetteer names, stray words and separators of any kind.
fn names_and_noise() -> impl Strategy<Value = String> {
    let names: Vec<String> = gazetteer()
        .names()
        .iter()
        .step_by(7)
        .map(|name| name.text.to_string())
        .collect();
    let piece = prop_oneof![
        proptest::sample::select(names),
        "[a-zA-Z]{1,8}",
        Just("\u{301}".to_string()),
        Just("’".to_string()),
        "\\PC{0,3}",
        "[ \n\t\u{a0},.()'-]{1,3}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn tagging_never_panics_and_gives_known_sorted_codes(
        headline in names_and_noise(),
        body in any::<String>(),
    ) {
        let gazetteer = gazetteer();
        for (headline, body) in [(&headline, &body), (&body, &headline)] {
            let tags = gazetteer.tag(headline, body);
            prop_assert!(tags.windows(2).all(|pair| pair[0] < pair[1]), "{tags:?}");
            for id in tags {
                prop_assert!(usize::from(id.0) < gazetteer.len());
                let code = gazetteer.country(id).code;
                prop_assert_eq!(gazetteer.by_code(code), Some(id));
            }
        }
    }
}
