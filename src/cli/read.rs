//! Reading news: the reader on a terminal, else `--list`, `--filter` and `--export json` for scripts.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::{EXIT_PARTLY, ExportFormat, ReadArgs, messages};
use crate::archive::item::{Archive, iso_date};
use crate::archive::json;
use crate::archive::source::{self, Origin};
use crate::archive::state::{ItemState, ItemStates};
use crate::config::Paths;
use crate::config::settings::Settings;
use crate::reader::{self, ReaderSetup};
use crate::search::engine::{Corpus, Scope, Searcher};
use crate::store::{Contents, Store};

/// What was loaded to read: the items, where from, and their states.
struct Loaded {
    archive: Archive,
    origin: Origin,
    states: ItemStates,
}

pub fn run(args: &ReadArgs) -> Result<ExitCode> {
    let scripting = args.list || args.filter.is_some() || args.export.is_some();
    let to_reader = args.pick.is_some() || !scripting && io::stdout().is_terminal();
    // `--list` and a headline `--filter` never look at bodies: from the
    // store, that is much less to read.
    let contents = if to_reader || args.full_text || args.export.is_some() {
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
    let matches: Vec<usize> = match &args.filter {
        Some(query) => {
            let scope = if args.full_text {
                Scope::FullText
            } else {
                Scope::Headlines
            };
            Searcher::new(&archive)
                .search(
                    Corpus::new(&archive, &states),
                    query,
                    scope,
                    args.sort.into(),
                    &|| false,
                )?
                .unwrap_or_default()
                .iter()
                .map(|found| found.index as usize)
                .collect()
        }
        None => (0..archive.len()).collect(),
    };
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match args.export {
        Some(ExportFormat::Json) => json::write_items(
            matches
                .iter()
                .map(|&index| (archive.get(index), states.get(index))),
            &mut out,
        )?,
        None => write_list(&archive, &matches, &mut out)?,
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
