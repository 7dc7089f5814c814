//! The filter engine: a query over the archive -> ranked matches, and highlight positions.
//!
//! Pure: knows no terminal. The reader's filter bar and `--filter` both go
//! through [`Searcher::search`], so the same query gives the same results.
//! Text terms score; date, state (`is:`), source (`src:`) and place (`in:`)
//! terms only filter, and `src:` terms are decided once per source, not per
//! item. `in:` terms read the items' [`Places`], which the caller builds
//! (they cost a pass over every body) and hands over in the [`Corpus`].

use std::num::NonZeroUsize;

use chrono::NaiveDate;
use nucleo_matcher::pattern::AtomKind;
use nucleo_matcher::{Matcher, Utf32Str};

use crate::archive::item::{Archive, Item};
use crate::archive::state::{ItemState, ItemStates};
use crate::places::{CountryId, Places};
use crate::search::fold::{FoldedHeadlines, Folder};
use crate::search::query::{Query, QueryError, Term, TextTerm, narrows, normalize, terms};
use crate::search::words::{starts_a_word, word_starts};

mod plan;
use plan::{Check, Plan};

/// What a search runs over: the items, the state a person gave each and,
/// for `in:` terms, their places.
#[derive(Debug, Clone, Copy)]
pub struct Corpus<'a> {
    pub archive: &'a Archive,
    pub states: &'a ItemStates,
    /// Every item's places, by archive index; `None` until someone built
    /// them: a query with an `in:` term is then [`QueryError::PlacesNotReady`].
    pub places: Option<&'a Places>,
}

impl<'a> Corpus<'a> {
    /// The archive and states, without places.
    pub fn new(archive: &'a Archive, states: &'a ItemStates) -> Self {
        Self {
            archive,
            states,
            places: None,
        }
    }

    /// The same corpus with the items' places, for `in:` terms.
    pub fn with_places(self, places: &'a Places) -> Self {
        Self {
            places: Some(places),
            ..self
        }
    }

    /// The archive with every item unread.
    pub fn unread(archive: &'a Archive) -> Self {
        static NO_STATES: ItemStates = ItemStates::NONE;
        Self::new(archive, &NO_STATES)
    }
}

/// What terms are matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Headlines,
    /// Headline and body; headline matches rank first.
    FullText,
}

/// How matches are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best score first; ties newest first, then input order.
    #[default]
    Score,
    /// Newest first, then input order.
    Date,
}

/// One matching item and how well it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index into the archive (newest first).
    pub index: u32,
    /// Score, with [`Match::WORD`] set when every term matched by words
    /// and [`Match::HEADLINE`] when every term matched the headline: the
    /// flags rank first, in that order.
    rank: u32,
}

impl Match {
    const WORD: u32 = 1 << 31;
    const HEADLINE: u32 = 1 << 30;
    const FLAGS: u32 = Self::WORD | Self::HEADLINE;
    /// The largest score; sums stop there.
    const MAX_SCORE: u32 = Self::HEADLINE - 1;

    /// The item at `index` as an empty query matches it.
    pub fn unranked(index: u32) -> Self {
        Self {
            index,
            rank: Self::FLAGS,
        }
    }

    pub fn score(&self) -> u32 {
        self.rank & !Self::FLAGS
    }

    /// Whether every term matched the headline (always so in headline scope).
    pub fn in_headline(&self) -> bool {
        self.rank & Self::HEADLINE != 0
    }

    /// Whether every text term matched whole words or word prefixes, rather
    /// than letters scattered through the text (fuzzy only).
    pub fn by_words(&self) -> bool {
        self.rank & Self::WORD != 0
    }
}

/// Character positions of matched letters, for the view to style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlights {
    /// Sorted, distinct character indices into the headline.
    pub headline: Vec<u32>,
    /// Sorted, distinct character indices into the body (full-text scope only).
    pub body: Vec<u32>,
}

/// Orders `matches` (as returned in archive order) for display.
pub fn sort_matches(matches: &mut [Match], order: SortOrder) {
    match order {
        SortOrder::Score => matches.sort_unstable_by_key(score_order_key),
        SortOrder::Date => matches.sort_unstable_by_key(|m| m.index),
    }
}

/// [`sort_matches`] on two cores: each half sorted on its own thread, then
/// merged by a stable sort, which finds the two sorted runs and merges them.
fn sort_in_parallel(matches: &mut [Match], order: SortOrder) {
    if matches.len() < ITEMS_PER_THREAD {
        return sort_matches(matches, order);
    }
    let (left, right) = matches.split_at_mut(matches.len() / 2);
    std::thread::scope(|scope| {
        scope.spawn(|| sort_matches(left, order));
        sort_matches(right, order);
    });
    match order {
        SortOrder::Score => matches.sort_by_key(score_order_key),
        SortOrder::Date => matches.sort_by_key(|m| m.index),
    }
}

/// Rank descending, then archive index: one u64 compares faster than a tuple.
fn score_order_key(m: &Match) -> u64 {
    (u64::from(!m.rank) << 32) | u64::from(m.index)
}

/// Runs queries over one archive, remembering the last one so that a query
/// typed one more character at a time searches only the previous results.
#[derive(Debug)]
pub struct Searcher {
    headlines: FoldedHeadlines,
    last: Option<LastSearch>,
    optimal_ranking_limit: usize,
}

#[derive(Debug)]
struct LastSearch {
    text: String,
    scope: Scope,
    /// The greedy pass's matches, which the next, narrower query searches.
    found: Found,
    /// The same matches with optimal scores, when there were few enough.
    ranked: Option<Vec<Match>>,
    /// The states' version, when the query had `is:` terms: its matches
    /// hold only for those states, and the reader changes states without
    /// searching again.
    states_version: Option<u64>,
}

impl LastSearch {
    /// Whether this search's matches still hold for `states`.
    fn holds_for(&self, scope: Scope, states: &ItemStates) -> bool {
        self.scope == scope
            && self
                .states_version
                .is_none_or(|version| version == states.version())
    }
}

/// Matches in archive order, each with its score without the query's last
/// group and whether those groups matched by words, as [`Match::WORD`]
/// (`without_last[i]` goes with `matches[i]`).
#[derive(Debug, Default)]
struct Found {
    matches: Vec<Match>,
    without_last: Vec<u32>,
}

/// Which items a pass looks at, and what is already known of them.
#[derive(Clone, Copy, Default)]
struct Candidates<'a> {
    /// The previous matches; `None` for every item of the archive.
    previous: Option<&'a [Match]>,
    /// Per previous match, the score of the groups before `first_group`,
    /// with [`Match::WORD`] when they matched by words.
    known: Option<&'a [u32]>,
    first_group: usize,
    /// Whether the group at `first_group` extends the previous query's last
    /// term by letters (see [`Known::extended`]).
    extended: bool,
}

/// Result sets up to this size are ranked with nucleo's optimal (fzf "v2")
/// alignment; larger ones keep the greedy (fzf "v1") scores of the first
/// pass, which cost a third as much. Beyond this size the user is still
/// typing, and the difference is in the order of near-equal matches.
pub const OPTIMAL_RANKING_LIMIT: usize = 20_000;

/// How fuzzy terms are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ranking {
    Greedy,
    Optimal,
}

/// Below this many items a search runs on the calling thread.
const ITEMS_PER_THREAD: usize = 16_384;
/// How many items a worker matches between checks for a newer query.
const STALE_CHECK_INTERVAL: usize = 2_048;

impl Searcher {
    /// A searcher for `archive`, which every later search must be given.
    pub fn new(archive: &Archive) -> Self {
        Self {
            headlines: FoldedHeadlines::build(archive),
            last: None,
            optimal_ranking_limit: OPTIMAL_RANKING_LIMIT,
        }
    }

    /// A searcher that ranks optimally only sets up to `limit` items, so that
    /// tests can reach the greedy ranking on small archives.
    #[cfg(test)]
    fn with_optimal_ranking_limit(archive: &Archive, limit: usize) -> Self {
        Self {
            optimal_ranking_limit: limit,
            ..Self::new(archive)
        }
    }

    /// Memory the search index takes.
    pub fn index_bytes(&self) -> usize {
        self.headlines.heap_bytes()
    }

    /// Matches `text` against the corpus, sorted by `order`. `None` when
    /// `is_stale` said a newer query made this one pointless.
    pub fn search(
        &mut self,
        corpus: Corpus<'_>,
        text: &str,
        scope: Scope,
        order: SortOrder,
        is_stale: &(dyn Fn() -> bool + Sync),
    ) -> Result<Option<Vec<Match>>, QueryError> {
        let Corpus {
            archive,
            states,
            places,
        } = corpus;
        let query = Query::parse(text)?;
        let text = normalize(text);
        if let Some(last) = self
            .last
            .as_ref()
            .filter(|l| l.text == text && l.holds_for(scope, states))
        {
            // The same query (an added space, a new sort order): no matching.
            let mut sorted = last.ranked.as_ref().unwrap_or(&last.found.matches).clone();
            sort_matches(&mut sorted, order);
            return Ok(Some(sorted));
        }
        debug_assert_eq!(
            archive.len(),
            self.headlines.len(),
            "searcher of another archive"
        );
        let (found, ranked) = if query.is_empty() {
            let matches = all_items(archive.len());
            let without_last = vec![0; matches.len()];
            (
                Found {
                    matches,
                    without_last,
                },
                None,
            )
        } else {
            let plan = Plan::new(&query, archive.sources(), &mut Matcher::default());
            // Places are built by whoever holds them, never here: at a
            // million items that is a second the caller decides to spend.
            let places = match places {
                Some(places) => places,
                None if plan.reads_places => return Err(QueryError::PlacesNotReady),
                None => &NO_PLACES,
            };
            let inputs = Inputs {
                archive,
                states,
                places,
                headlines: &self.headlines,
            };
            let previous = self
                .last
                .as_ref()
                .filter(|last| last.holds_for(scope, states) && narrows(&last.text, &text));
            let known;
            let candidates = match previous {
                None => Candidates::default(),
                Some(last) => {
                    known = known_scores(last, &text, &query);
                    Candidates {
                        previous: Some(&last.found.matches),
                        known: known.as_ref().map(|known| known.scores.as_slice()),
                        first_group: known.as_ref().map_or(0, |known| known.first_group),
                        extended: known.as_ref().is_some_and(|known| known.extended),
                    }
                }
            };
            // Which items match does not depend on the ranking, so the
            // cheap greedy pass finds them and a small set is then re-ranked.
            let Some(found) =
                match_items(inputs, &plan, scope, candidates, Ranking::Greedy, is_stale)
            else {
                return Ok(None);
            };
            let mut ranked = None;
            if found.matches.len() <= self.optimal_ranking_limit {
                let subset = Candidates {
                    previous: Some(&found.matches),
                    ..Candidates::default()
                };
                let Some(optimal) =
                    match_items(inputs, &plan, scope, subset, Ranking::Optimal, is_stale)
                else {
                    return Ok(None);
                };
                ranked = Some(optimal.matches);
            }
            (found, ranked)
        };
        let mut sorted = ranked.as_ref().unwrap_or(&found.matches).clone();
        sort_in_parallel(&mut sorted, order);
        self.last = Some(LastSearch {
            text,
            scope,
            found,
            ranked,
            states_version: query.has_state_terms().then(|| states.version()),
        });
        Ok(Some(sorted))
    }
}

/// When `text` extends the last query by whole terms, or by letters of its
/// last term, the scores of the terms before are already known: returns
/// the first group to evaluate and, per previous match, the known score.
/// Headline scope only, where every group's score is a plain sum.
fn known_scores(last: &LastSearch, text: &str, query: &Query) -> Option<Known> {
    if last.scope != Scope::Headlines {
        return None;
    }
    let old_terms: Vec<&str> = terms(&last.text).collect();
    let new_terms: Vec<&str> = terms(text).collect();
    // Each term must be one group (no `|`, none dropped as empty).
    let old_query = Query::parse(&last.text).ok()?;
    let old_groups = old_query.groups.len();
    if old_groups != old_terms.len() || query.groups.len() != new_terms.len() {
        return None;
    }
    let same = old_terms
        .iter()
        .zip(&new_terms)
        .take_while(|(a, b)| a == b)
        .count();
    // The score with the word flag: whether the known terms matched by words.
    let scores = if same == old_terms.len() {
        last.found
            .matches
            .iter()
            .map(|m| m.rank & !Match::HEADLINE)
            .collect()
    } else if same + 1 == old_terms.len() {
        last.found.without_last.clone()
    } else {
        return None;
    };
    let term = |query: &Query| match query.groups.get(same).map(Vec::as_slice) {
        Some([Term::Text(term)]) => Some(term.clone()),
        _ => None,
    };
    let extended = same < old_terms.len()
        && term(&old_query)
            .zip(term(query))
            .is_some_and(|(old, new)| extends_by_letters(&old, &new));
    Some(Known {
        first_group: same,
        scores,
        extended,
    })
}

/// What a narrower query knows from the last one's matches.
struct Known {
    /// The first group to evaluate.
    first_group: usize,
    /// Per previous match, the score of the groups before, with the word flag.
    scores: Vec<u32>,
    /// Whether the first group to evaluate is the last query's last term
    /// with letters added (`bo` -> `bor`).
    extended: bool,
}

/// Whether `new` only adds letters after those of `old`, both fuzzy terms:
/// then a headline where `old` started no word cannot have `new` start one.
fn extends_by_letters(old: &TextTerm, new: &TextTerm) -> bool {
    let fuzzy = |term: &TextTerm| term.atom.kind == AtomKind::Fuzzy && !term.atom.negative;
    let (old_needle, new_needle) = (old.atom.needle_text(), new.atom.needle_text());
    fuzzy(old)
        && fuzzy(new)
        // Case-insensitive to case-sensitive is narrower; the reverse is not.
        && (old.ignore_case || !new.ignore_case)
        && old_needle.len() <= new_needle.len()
        && old_needle.chars().zip(new_needle.chars()).all(|(a, b)| a == b)
}

fn all_items(count: usize) -> Vec<Match> {
    (0..count as u32).map(Match::unranked).collect()
}

/// Places for a query without `in:` terms, which never reads them.
static NO_PLACES: Places = Places::EMPTY;

/// What a search reads: the archive (dates, sources, bodies), the items'
/// states and places, and the folded headlines.
#[derive(Clone, Copy)]
struct Inputs<'a> {
    archive: &'a Archive,
    states: &'a ItemStates,
    places: &'a Places,
    headlines: &'a FoldedHeadlines,
}

/// Per-thread buffers: nucleo's matcher (with its default, fzf-like
/// configuration) and folders.
#[derive(Default)]
pub struct Scratch {
    matcher: Matcher,
    headline: Folder,
    body: Folder,
    indices: Vec<u32>,
}

impl Scratch {
    pub fn new() -> Self {
        Self::default()
    }
}

/// Matches candidates (all items, or the previous matches) in parallel,
/// returning matches in archive order.
fn match_items(
    inputs: Inputs<'_>,
    plan: &Plan<'_>,
    scope: Scope,
    candidates: Candidates<'_>,
    ranking: Ranking,
    is_stale: &(dyn Fn() -> bool + Sync),
) -> Option<Found> {
    let Candidates {
        previous,
        known,
        first_group,
        extended,
    } = candidates;
    let groups = &plan.groups[first_group..];
    let count = previous.map_or(inputs.archive.len(), <[Match]>::len);
    let candidate = |position: usize| previous.map_or(position as u32, |p| p[position].index);
    let threads = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(count.div_ceil(ITEMS_PER_THREAD))
        .max(1);
    let match_range = |range: std::ops::Range<usize>| -> Option<Found> {
        let mut scratch = Scratch::new();
        let mut chars = Vec::new();
        let mut found = Found {
            matches: Vec::with_capacity(range.len()),
            without_last: Vec::with_capacity(range.len()),
        };
        for (step, position) in range.enumerate() {
            if step % STALE_CHECK_INTERVAL == 0 && is_stale() {
                return None;
            }
            let index = candidate(position);
            let headline = inputs.headlines.haystack(index as usize, &mut chars);
            // Bodies are read only in full-text scope: touching each item's
            // text would cost a cache miss per item.
            let body = match scope {
                Scope::FullText => Some(scratch.body.fold(inputs.archive.get(index as usize).body)),
                Scope::Headlines => None,
            };
            // Date and source sit side by side in the item; the state is
            // one byte of a separate array. Read only when a term asks.
            let candidate = Candidate {
                date: inputs.archive.date(index as usize),
                source: match plan.reads_sources {
                    true => inputs.archive.source_index(index as usize),
                    false => 0,
                },
                state: match plan.reads_states {
                    true => inputs.states.get(index as usize),
                    false => ItemState::UNREAD,
                },
                places: match plan.reads_places {
                    true => inputs.places.of(index as usize),
                    false => &[],
                },
                headline,
                body,
            };
            // Whether the new terms matching by words can still make the
            // item rank by words: not when the known terms did not, nor when
            // the extended term started no word before (`bo` -> `bor`). The
            // word check is then skipped; it cost a sixth of typing at 1M.
            // (With known scores, each group is one term, so no alternative
            // is chosen by its word flag.)
            let words_matter = known.is_none_or(|known| known[position] & Match::WORD != 0)
                && !(extended && previous.is_some_and(|p| p[position].rank & Match::WORD == 0));
            let matcher = &mut scratch.matcher;
            if let Some(scores) = score_groups(groups, &candidate, ranking, words_matter, matcher) {
                let known = known.map_or(Match::WORD, |known| known[position]);
                found.matches.push(Match {
                    index,
                    rank: scores.rank(known),
                });
                found.without_last.push(scores.rank_without_last(known));
            }
        }
        Some(found)
    };
    if threads == 1 {
        return match_range(0..count);
    }
    let chunk = count.div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|thread| {
                let range = thread * chunk..((thread + 1) * chunk).min(count);
                scope.spawn(move || match_range(range))
            })
            .collect();
        let mut all = Found::default();
        for worker in workers {
            let part = worker.join().expect("matching thread panicked")?;
            all.matches.extend(part.matches);
            all.without_last.extend(part.without_last);
        }
        Some(all)
    })
}

/// The item's rank for `query`, given its state and places, or `None` when
/// it does not match.
pub fn rank_item(
    query: &Query,
    item: Item<'_>,
    state: ItemState,
    places: &[CountryId],
    scope: Scope,
    scratch: &mut Scratch,
) -> Option<u32> {
    let Scratch {
        matcher,
        headline,
        body,
        ..
    } = scratch;
    // The item's source is the only one, at index 0.
    let plan = Plan::new(query, &[item.source], matcher);
    let headline = headline.fold(item.headline);
    let body = (scope == Scope::FullText).then(|| body.fold(item.body));
    let candidate = Candidate {
        date: item.date,
        source: 0,
        state,
        places,
        headline,
        body,
    };
    let scores = score_groups(&plan.groups, &candidate, Ranking::Optimal, true, matcher)?;
    Some(scores.rank(Match::WORD))
}

/// What the terms of a query are matched against, folded.
struct Candidate<'a> {
    date: NaiveDate,
    /// Index into the archive's sources.
    source: u32,
    state: ItemState,
    /// Sorted; empty unless a term reads them.
    places: &'a [CountryId],
    headline: Utf32Str<'a>,
    /// In full-text scope only.
    body: Option<Utf32Str<'a>>,
}

/// The scores of some groups of a query for one candidate.
struct GroupScores {
    total: u32,
    /// The total without the last group's score.
    without_last: u32,
    all_in_headline: bool,
    all_by_words: bool,
    /// Whether the groups before the last matched by words.
    by_words_before_last: bool,
}

impl GroupScores {
    /// The rank, given what is `known` of the groups before these: their
    /// score and [`Match::WORD`] when they matched by words.
    fn rank(&self, known: u32) -> u32 {
        let score = (known & !Match::FLAGS).saturating_add(self.total);
        let words = self.all_by_words && known & Match::WORD != 0;
        score.min(Match::MAX_SCORE)
            | if words { Match::WORD } else { 0 }
            | if self.all_in_headline {
                Match::HEADLINE
            } else {
                0
            }
    }

    /// The score and word flag of all groups but the last, for the next,
    /// longer query to start from.
    fn rank_without_last(&self, known: u32) -> u32 {
        let score = (known & !Match::FLAGS).saturating_add(self.without_last);
        let words = self.by_words_before_last && known & Match::WORD != 0;
        score.min(Match::MAX_SCORE) | if words { Match::WORD } else { 0 }
    }
}

/// How one term matched a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TermScore {
    // Compared in this order: by words, then in the headline, then score.
    by_words: bool,
    in_headline: bool,
    score: u32,
}

impl TermScore {
    /// A term that only filters (a date, a state, an excluded word): it
    /// changes neither the rank nor where an item ranks in full text.
    const FILTER: TermScore = TermScore {
        by_words: true,
        in_headline: true,
        score: 0,
    };
}

/// Scores `groups` for a candidate, or `None` when one does not match.
/// Without `words_matter`, headline matches are not checked for words and
/// count as fuzzy.
fn score_groups(
    groups: &[Vec<Check<'_>>],
    candidate: &Candidate<'_>,
    ranking: Ranking,
    words_matter: bool,
    matcher: &mut Matcher,
) -> Option<GroupScores> {
    let mut scores = GroupScores {
        total: 0,
        without_last: 0,
        all_in_headline: true,
        all_by_words: true,
        by_words_before_last: true,
    };
    for group in groups {
        let best = group
            .iter()
            .filter_map(|term| term_score(term, candidate, ranking, words_matter, matcher))
            .max()?;
        scores.without_last = scores.total;
        scores.by_words_before_last = scores.all_by_words;
        scores.total = scores.total.saturating_add(best.score);
        scores.all_in_headline &= best.in_headline;
        scores.all_by_words &= best.by_words;
    }
    Some(scores)
}

/// How one term matched a candidate, or `None`. In the body (full-text
/// scope) a fuzzy term must start a word: letters scattered over a whole
/// article would match almost any query.
fn term_score(
    term: &Check<'_>,
    candidate: &Candidate<'_>,
    ranking: Ranking,
    words_matter: bool,
    matcher: &mut Matcher,
) -> Option<TermScore> {
    let Candidate {
        date,
        source,
        state,
        places,
        headline,
        body,
    } = *candidate;
    match term {
        Check::Date(term) => term.matches(date).then_some(TermScore::FILTER),
        Check::State(term) => term.matches(state).then_some(TermScore::FILTER),
        Check::Place(term) => term.matches(places).then_some(TermScore::FILTER),
        Check::Source(accepted) => accepted
            .get(source as usize)
            .is_some_and(|&accepted| accepted)
            .then_some(TermScore::FILTER),
        // An excluded word must be absent from everything in scope.
        Check::Text(text) if text.atom.negative => {
            let absent = text.score(headline, matcher).is_some()
                && body.is_none_or(|body| text.score(body, matcher).is_some());
            absent.then_some(TermScore::FILTER)
        }
        Check::Text(text) => {
            let fuzzy = text.atom.kind == AtomKind::Fuzzy;
            let needle = text.atom.needle_text();
            if let Some(score) = text_score(text, headline, ranking, matcher) {
                return Some(TermScore {
                    by_words: !fuzzy
                        || words_matter && starts_a_word(headline, needle, text.ignore_case),
                    in_headline: true,
                    score: u32::from(score),
                });
            }
            let body = body?;
            let score = match fuzzy {
                true => starts_a_word(body, needle, text.ignore_case)
                    .then(|| BODY_WORD_SCORE * needle.len() as u32)?,
                false => u32::from(text_score(text, body, ranking, matcher)?),
            };
            Some(TermScore {
                by_words: true,
                in_headline: false,
                score,
            })
        }
    }
}

/// A fuzzy term found as a word in a body scores this a letter: about what
/// a contiguous match scores in a headline.
const BODY_WORD_SCORE: u32 = 16;

fn text_score(
    text: &TextTerm,
    haystack: Utf32Str<'_>,
    ranking: Ranking,
    matcher: &mut Matcher,
) -> Option<u16> {
    if ranking == Ranking::Greedy && text.atom.kind == AtomKind::Fuzzy {
        // What `Atom::score` sets up, for the greedy matcher; no
        // normalisation, as the text is folded already.
        matcher.config.ignore_case = text.ignore_case;
        matcher.config.normalize = false;
        return matcher.fuzzy_match_greedy(haystack, text.atom.needle_text());
    }
    text.score(haystack, matcher)
}

/// Where `query`'s terms matched `item`, as character positions into the
/// original headline and body.
pub fn highlights(
    query: &Query,
    item: Item<'_>,
    scope: Scope,
    scratch: &mut Scratch,
) -> Highlights {
    let Scratch {
        matcher,
        headline,
        body,
        indices,
    } = scratch;
    Highlights {
        headline: positions(query, item.headline, matcher, headline, indices, false),
        body: match scope {
            Scope::FullText => positions(query, item.body, matcher, body, indices, true),
            Scope::Headlines => Vec::new(),
        },
    }
}

/// The matched characters of `text`; with `by_words` (a body), fuzzy
/// terms are found where they start words, as the search matched them.
fn positions(
    query: &Query,
    text: &str,
    matcher: &mut Matcher,
    folder: &mut Folder,
    indices: &mut Vec<u32>,
    by_words: bool,
) -> Vec<u32> {
    let mut found = Vec::new();
    let haystack = folder.fold(text);
    for term in query.groups.iter().flatten() {
        // Only text terms match the headline; `src:` terms match a source
        // name, which the headline may happen to share letters with.
        let Term::Text(text) = term else {
            continue;
        };
        if text.atom.negative {
            continue;
        }
        if by_words && text.atom.kind == AtomKind::Fuzzy {
            let needle = text.atom.needle_text();
            for start in word_starts(haystack, needle, text.ignore_case) {
                found.extend((start..start + needle.len()).map(|at| at as u32));
            }
            continue;
        }
        // The best match first; then, so that a long body shows every place
        // a word occurs, later matches that are contiguous (the term as typed).
        let mut from = 0;
        while from < haystack.len() {
            indices.clear();
            if text
                .indices(haystack.slice(from..), matcher, indices)
                .is_none()
            {
                break;
            }
            let (Some(&first), Some(&last)) = (indices.first(), indices.last()) else {
                break;
            };
            let contiguous = (last - first) as usize + 1 == indices.len();
            if from > 0 && !contiguous {
                break;
            }
            found.extend(indices.iter().map(|&index| index + from as u32));
            if !matches!(text.atom.kind, AtomKind::Fuzzy | AtomKind::Substring) {
                break;
            }
            from += last as usize + 1;
        }
    }
    found.sort_unstable();
    found.dedup();
    folder.map_to_original(text, &mut found);
    found
}

#[cfg(test)]
mod tests;
