use chrono::NaiveDate;

use super::*;
use crate::search::query::Query;

fn item<'a>(headline: &'a str, body: &'a str) -> Item<'a> {
    Item {
        date: NaiveDate::from_ymd_opt(2022, 6, 1).unwrap(),
        headline,
        body,
        ..Item::default()
    }
}

fn texts(article: &Article<'_>, top: Place, width: usize, count: usize) -> Vec<String> {
    article
        .lines(top, width, count, &MarkSet::default())
        .iter()
        .map(|line| line.text.trim_end().to_string())
        .collect()
}

#[test]
fn headline_date_and_paragraphs_wrap_to_the_width() {
    let article = Article::new(item("A headline that wraps", "First para here.\n\nSecond."));
    assert_eq!(
        texts(&article, Place::default(), 12, 20),
        [
            "A headline",
            "that wraps",
            "Wednesday, 1",
            "June 2022",
            "",
            "First para",
            "here.",
            "",
            "Second."
        ]
    );
}

#[test]
fn source_and_link_follow_the_date() {
    let item = Item {
        source: "IOM",
        link: "https://www.iom.int/news/a",
        ..item("H", "Body.")
    };
    let article = Article::new(item);
    assert_eq!(
        texts(&article, Place::default(), 40, 10),
        [
            "H",
            "Wednesday, 1 June 2022",
            "IOM",
            "https://www.iom.int/news/a",
            "",
            "Body."
        ]
    );
    assert_eq!(article.kind(3), LineKind::Meta);
}

#[test]
fn moving_up_and_down_visits_the_same_lines() {
    let body = "one two three four five six seven eight nine ten ".repeat(20);
    let article = Article::new(item("Headline", &body));
    let width = 17;
    let mut down = vec![Place::default()];
    while let Some(next) = article.next_line(*down.last().unwrap(), width) {
        down.push(next);
    }
    let mut up = vec![*down.last().unwrap()];
    while let Some(previous) = article.previous_line(*up.last().unwrap(), width) {
        up.push(previous);
    }
    up.reverse();
    assert_eq!(up, down);
    assert_eq!(article.moved(Place::default(), width, 5), down[5]);
    assert_eq!(article.moved(down[5], width, -3), down[2]);
    assert_eq!(article.moved(down[2], width, -10), Place::default());
}

#[test]
fn a_place_stays_in_its_text_across_widths() {
    let body = "Words that will wrap differently at every width you try. ".repeat(10);
    let article = Article::new(item("H", &body));
    let top = article.moved(Place::default(), 30, 9);
    let line = &article.lines(top, 30, 1, &MarkSet::default())[0];
    let reading = line.start;
    for width in [12, 45, 80, 200] {
        let again = article.line_start(reading, width);
        assert!(
            again <= reading && again.segment == reading.segment,
            "{width}"
        );
        let shown = article.lines(again, width, 1, &MarkSet::default());
        let end = again.byte + shown[0].text.len();
        assert!(again.byte <= reading.byte && reading.byte <= end, "{width}");
    }
}

#[test]
fn a_huge_single_line_is_cut_into_segments_at_spaces() {
    let body = "palabra ".repeat(3_000_000 / 8);
    let article = Article::new(item("H", &body));
    let segments = article.segments().len();
    assert!(segments > 3_000_000 / SEGMENT_BYTES);
    assert!(
        (0..segments)
            .filter(|&segment| article.kind(segment) == LineKind::Body)
            .all(|segment| {
                let text = article.text(segment);
                text.len() <= SEGMENT_BYTES && !text.starts_with(' ')
            })
    );
    // The segments found once give the same article.
    let shape = Shape::of(item("H", &body));
    let again = Article::with_shape(item("H", &body), &shape);
    assert_eq!(again.last_top(80, 20), last_top_of(&article));
    let last = article.last_top(80, 20);
    assert!(article.shows_end(last, 80, 20));
    assert!(article.fraction(last) > 0.99);
    assert_eq!(article.lines(last, 80, 20, &MarkSet::default()).len(), 20);
}

fn last_top_of(article: &Article<'_>) -> Place {
    article.last_top(80, 20)
}

#[test]
fn the_top_never_leaves_a_blank_screen_below_the_end() {
    let article = Article::new(item("H", "one\n\ntwo"));
    let below = Place {
        segment: 99,
        byte: 0,
    };
    assert_eq!(article.bounded(below, 40, 3), article.last_top(40, 3));
    assert_eq!(article.bounded(below, 40, 50), Place::default());
}

#[test]
fn marks_are_found_per_line_and_matches_counted() {
    let article = Article::new(item(
        "Migración",
        "La migración y la\nmigración irregular.\n\nOtra migración.",
    ));
    let query = Query::parse("migracion").unwrap();
    let marks = Marks::from_query(&query);
    let set = MarkSet {
        headline_ranges: None,
        headline: marks.clone(),
        body: marks.clone(),
    };
    let lines = article.lines(Place::default(), 40, 20, &set);
    let marked: Vec<&str> = lines
        .iter()
        .flat_map(|line| line.marks.iter().map(|range| &line.text[range.clone()]))
        .collect();
    assert_eq!(marked, ["Migración", "migración", "migración", "migración"]);
    let first_body = article
        .find_next(
            Place {
                segment: 1,
                byte: 0,
            },
            40,
            &marks,
            false,
        )
        .unwrap();
    assert_eq!(article.kind(first_body.segment), LineKind::Body);
    assert_eq!(article.match_position(first_body, &marks, 100), (2, 4));
    let next = article.find_next(first_body, 40, &marks, true).unwrap();
    assert!(next > first_body);
    assert_eq!(article.find_previous(next, 40, &marks), Some(first_body));
}

#[test]
fn zero_width_and_empty_items_do_not_panic() {
    let article = Article::new(item("", ""));
    assert!(
        !article
            .lines(Place::default(), 0, 5, &MarkSet::default())
            .is_empty()
    );
    assert_eq!(
        article.moved(Place::default(), 0, 100),
        article.last_top(0, 1)
    );
}
