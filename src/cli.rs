//! The command line: flags, the scripting commands (`--list`, `--filter`, `--export`), exit codes.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use crate::archive::item::{Archive, iso_date};
use crate::archive::{json, source};
use crate::reader::terminal;
use crate::search::engine::{Scope, Searcher, SortOrder};

/// A terminal reader for regional migration news.
///
/// With no FILE, reads standard input when it is piped, else the archive
/// built into migranews. Archive files are plain text (a date line, a
/// headline, body paragraphs) or JSON as written by `--export json`.
#[derive(Debug, Parser)]
#[command(name = "migranews", version, about, long_about = None)]
pub struct Cli {
    /// Archive files to read; `-` is standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Print every item as `YYYY-MM-DD<TAB>headline`, newest first.
    #[arg(long, conflicts_with = "export")]
    pub list: bool,

    /// Print the items matching QUERY, best first, in the `--list` format.
    #[arg(long, value_name = "QUERY")]
    pub filter: Option<String>,

    /// Print the items (those matching `--filter`, if given) as FORMAT.
    #[arg(long, value_name = "FORMAT")]
    pub export: Option<ExportFormat>,

    /// Match the query against bodies too (headline matches rank first).
    #[arg(long)]
    pub full_text: bool,

    /// Order of `--filter` results: best match first, or newest first.
    #[arg(long, value_name = "ORDER", default_value = "score")]
    pub sort: SortArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Score,
    Date,
}

impl From<SortArg> for SortOrder {
    fn from(sort: SortArg) -> Self {
        match sort {
            SortArg::Score => SortOrder::Score,
            SortArg::Date => SortOrder::Date,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
}

const EXIT_NO_MATCH: u8 = 1;
const EXIT_ERROR: u8 = 2;

/// Runs migranews as `cli` asks and says how the process should exit.
pub fn run(cli: Cli) -> ExitCode {
    match run_inner(&cli) {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("migranews: {error:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run_inner(cli: &Cli) -> anyhow::Result<ExitCode> {
    let archive = source::load(&cli.files)?;
    let scripting = cli.list || cli.filter.is_some() || cli.export.is_some();
    // The reader shows warnings itself (F2); anywhere else they go to stderr.
    if !scripting && io::stdout().is_terminal() {
        return terminal::run(archive);
    }
    for warning in archive.warnings() {
        eprintln!("migranews: warning: {warning}");
    }
    let matches: Vec<usize> = match &cli.filter {
        Some(query) => {
            let scope = if cli.full_text {
                Scope::FullText
            } else {
                Scope::Headlines
            };
            Searcher::new(&archive)
                .search(&archive, query, scope, cli.sort.into(), &|| false)?
                .unwrap_or_default()
                .iter()
                .map(|found| found.index as usize)
                .collect()
        }
        None => (0..archive.len()).collect(),
    };
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match cli.export {
        Some(ExportFormat::Json) => {
            json::write_items(matches.iter().map(|&index| archive.get(index)), &mut out)?
        }
        None => write_list(&archive, &matches, &mut out)?,
    }
    out.flush()?;
    if cli.filter.is_some() && matches.is_empty() {
        return Ok(ExitCode::from(EXIT_NO_MATCH));
    }
    Ok(ExitCode::SUCCESS)
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

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|io_error| io_error.kind() == io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipe_is_recognised_through_context() {
        let error =
            anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe)).context("stdout");
        assert!(is_broken_pipe(&error));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
