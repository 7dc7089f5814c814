//! Reading news: the reader on a terminal, else `--list`, `--filter` and `--export json` for scripts.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;

use super::{EXIT_PARTLY, ExportFormat, ReadArgs};
use crate::archive::item::{Archive, iso_date};
use crate::archive::json;
use crate::archive::source::{self, Origin};
use crate::config::Paths;
use crate::config::settings::Settings;
use crate::reader::terminal::{self, ReaderSetup};
use crate::search::engine::{Scope, Searcher};
use crate::store::{Contents, Store};

pub fn run(args: &ReadArgs) -> Result<ExitCode> {
    let scripting = args.list || args.filter.is_some() || args.export.is_some();
    let to_reader = !scripting && io::stdout().is_terminal();
    // `--list` and a headline `--filter` never look at bodies: from the
    // store, that is much less to read.
    let contents = if to_reader || args.full_text || args.export.is_some() {
        Contents::Full
    } else {
        Contents::Headlines
    };
    let paths = Paths::from_env().ok();
    let (archive, origin) = load(args, paths.as_ref(), contents)?;
    // The reader shows warnings itself (F2); anywhere else they go to stderr.
    if to_reader {
        let settings = paths
            .as_ref()
            .map(|paths| Settings::load(&paths.settings_file()))
            .unwrap_or_default();
        return terminal::run(
            archive,
            ReaderSetup {
                origin,
                paths,
                settings: settings.settings,
                settings_problems: settings.problems,
            },
        );
    }
    for warning in archive.warnings() {
        eprintln!("migranews: warning: {warning}");
    }
    let matches: Vec<usize> = match &args.filter {
        Some(query) => {
            let scope = if args.full_text {
                Scope::FullText
            } else {
                Scope::Headlines
            };
            Searcher::new(&archive)
                .search(&archive, query, scope, args.sort.into(), &|| false)?
                .unwrap_or_default()
                .iter()
                .map(|found| found.index as usize)
                .collect()
        }
        None => (0..archive.len()).collect(),
    };
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match args.export {
        Some(ExportFormat::Json) => {
            json::write_items(matches.iter().map(|&index| archive.get(index)), &mut out)?
        }
        None => write_list(&archive, &matches, &mut out)?,
    }
    out.flush()?;
    if args.filter.is_some() && matches.is_empty() {
        return Ok(ExitCode::from(EXIT_PARTLY));
    }
    Ok(ExitCode::SUCCESS)
}

/// The items to read: the files given, else piped standard input, else the
/// store when it has items, else the embedded archive.
fn load(args: &ReadArgs, paths: Option<&Paths>, contents: Contents) -> Result<(Archive, Origin)> {
    if !args.files.is_empty() {
        return Ok((source::load(&args.files)?, Origin::Files));
    }
    if let Some(archive) = source::piped_stdin()? {
        return Ok((archive, Origin::Stdin));
    }
    if let Some(paths) = paths
        && let Some(store) = Store::open_existing(&paths.store_file())?
        && store.item_count()? > 0
    {
        return Ok((store.load_archive(contents)?, Origin::Store));
    }
    Ok((source::load_embedded(), Origin::Embedded))
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
