//! Reading news: the reader on a terminal, else `--list`, `--filter`, `--export json` and `--count-by` for scripts.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::count::{self, CountBy};
use super::{EXIT_PARTLY, ExportFormat, ReadArgs, messages};
use crate::archive::item::{Archive, iso_date};
use crate::archive::json;
use crate::archive::source::{self, Origin};
use crate::archive::state::{ItemState, ItemStates};
use crate::config::Paths;
use crate::config::settings::Settings;
use crate::places::Places;
use crate::reader::{self, ReaderSetup};
use crate::search::engine::{Corpus, Scope, Searcher};
use crate::search::query::Query;
use crate::store::{Contents, Store};

/// What was loaded to read: the items, where from, and their states.
struct Loaded {
    archive: Archive,
    origin: Origin,
    states: ItemStates,
}

pub fn run(args: &ReadArgs) -> Result<ExitCode> {
    let count_by = args.count_by.as_ref().map(CountBy::checked).transpose()?;
    let scripting =
        args.list || args.filter.is_some() || args.export.is_some() || count_by.is_some();
    let to_reader = args.pick.is_some() || !scripting && io::stdout().is_terminal();
    let exports_items = args.export.is_some() && count_by.is_none();
    let needs_places = !to_reader && needs_places(args, count_by);
    // `--list` and a headline `--filter` never look at bodies: from the
    // store, that is much less to read. Places are tagged from bodies too.
    let contents = if to_reader || args.full_text || exports_items || needs_places {
        Contents::Full
    } else {
        Contents::Headlines
    };
    let paths = Paths::from_env().ok();
    let Loaded {
        archive,
        origin,
        states,
    } = load(args, paths.as_ref(), contents)?;
    // The reader shows warnings itself (F2); anywhere else they go to stderr.
    if to_reader {
        let settings = paths
            .as_ref()
            .map(|paths| Settings::load(&paths.settings_file()))
            .unwrap_or_default();
        return reader::run(
            archive,
            states,
            ReaderSetup {
                origin,
                paths,
                settings: settings.settings,
                settings_problems: settings.problems,
                pick: args.pick.map(Into::into),
            },
        );
    }
    messages::warn_loading(&archive);
    if !messages::stdout_is_open() {
        anyhow::bail!("standard output is closed: nothing to write the items to");
    }
    let places = needs_places.then(|| Places::build(&archive));
    let matches: Vec<usize> = match &args.filter {
        Some(query) => {
            let scope = if args.full_text {
                Scope::FullText
            } else {
                Scope::Headlines
            };
            let corpus = Corpus::new(&archive, &states);
            let corpus = match &places {
                Some(places) => corpus.with_places(places),
                None => corpus,
            };
            Searcher::new(&archive)
                .search(corpus, query, scope, args.sort.into(), &|| false)?
                .unwrap_or_default()
                .iter()
                .map(|found| found.index as usize)
                .collect()
        }
        None => (0..archive.len()).collect(),
    };
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match (count_by, args.export) {
        (Some(by), export) => count::write_counts(
            &archive,
            places.as_ref(),
            &matches,
            by,
            export.is_some(),
            &mut out,
        )?,
        (None, Some(ExportFormat::Json)) => json::write_items(
            matches.iter().map(|&index| json::Export {
                item: archive.get(index),
                state: states.get(index),
                places: places.as_ref().map(|places| places.codes(index).collect()),
            }),
            &mut out,
        )?,
        (None, None) => write_list(&archive, &matches, &mut out)?,
    }
    out.flush()?;
    drop(out);
    if args.mark_read {
        mark_read(&archive, &states, &matches, paths.as_ref())?;
    }
    if args.filter.is_some() && matches.is_empty() {
        return Ok(ExitCode::from(EXIT_PARTLY));
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether the output needs every item's places: an `in:` term, the JSON
/// export (which gives them), counting by place. Plain `--list` and
/// `--filter` skip tagging, which reads every body.
fn needs_places(args: &ReadArgs, count_by: Option<CountBy>) -> bool {
    let query_names_places = args
        .filter
        .as_deref()
        .is_some_and(|query| Query::parse(query).is_ok_and(|query| query.has_place_terms()));
    match count_by {
        Some(by) => query_names_places || by == CountBy::Place,
        None => query_names_places || args.export.is_some(),
    }
}

/// The items to read: the files given, else piped standard input, else the
/// store when it has items, else the embedded archive; with the states the
/// store keeps for them.
fn load(args: &ReadArgs, paths: Option<&Paths>, contents: Contents) -> Result<Loaded> {
    let store = match paths {
        Some(paths) => Store::open_existing(&paths.store_file())?,
        None => None,
    };
    let (archive, origin) = if !args.files.is_empty() {
        (source::load(&args.files)?, Origin::Files)
    } else if let Some(archive) = source::piped_stdin()? {
        (archive, Origin::Stdin)
    } else if let Some(store) = &store
        && store.item_count()? > 0
    {
        (store.load_archive(contents)?, Origin::Store)
    } else {
        (source::load_embedded(), Origin::Embedded)
    };
    let states = match &store {
        Some(store) => store.load_states(&archive)?,
        None => ItemStates::from_archive(&archive),
    };
    Ok(Loaded {
        archive,
        origin,
        states,
    })
}

/// `--mark-read`: the printed items become read, in one transaction.
fn mark_read(
    archive: &Archive,
    states: &ItemStates,
    printed: &[usize],
    paths: Option<&Paths>,
) -> Result<()> {
    let Some(paths) = paths else {
        anyhow::bail!("--mark-read: no home folder to keep the store in (set HOME)");
    };
    let changes: Vec<_> = printed
        .iter()
        .filter(|&&index| !states.get(index).read)
        .map(|&index| {
            let state = ItemState {
                read: true,
                ..states.get(index)
            };
            (archive.key(index), state)
        })
        .collect();
    if !changes.is_empty() {
        Store::open(&paths.store_file())?.save_states(&changes)?;
    }
    Ok(())
}

/// `YYYY-MM-DD<TAB>headline` lines for the items at `indices`. Bodies are
/// never touched: at a million items that saves a cache miss each.
pub fn write_list(archive: &Archive, indices: &[usize], out: &mut impl Write) -> io::Result<()> {
    for &index in indices {
        out.write_all(iso_date(archive.date(index)).as_bytes())?;
        out.write_all(b"\t")?;
        out.write_all(archive.headline(index).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
