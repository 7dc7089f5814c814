//! The command line: flags and subcommands, exit codes, and the commands behind them.
//!
//! With no subcommand migranews reads news: the reader on a terminal, or the
//! scripting output (`--list`, `--filter`, `--export json`) in [`read`],
//! counts (`--count-by`) in [`count`].
//! Subcommands manage the feeds ([`feed`]), fetch them ([`fetch`]) and put
//! archive files into the store ([`import`]). Every error ends here as one
//! line on standard error and exit code 2.

mod count;
mod feed;
mod fetch;
mod generate;
mod import;
mod messages;
mod read;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::reader::pick::PickFormat;
use crate::search::engine::SortOrder;

pub use count::{CountBy, CountByArg};
pub use generate::Generated;

/// A terminal reader for regional migration news.
///
/// With no FILE, reads standard input when it is piped, else the store of
/// fetched feeds, else the archive built into migranews. Archive files are
/// plain text (a date line, a headline, body paragraphs) or JSON as written
/// by `--export json`.
#[derive(Debug, Parser)]
#[command(
    name = "migranews",
    version,
    about,
    long_about = None,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Print shell completions (bash, zsh, fish) or the man page (man).
    #[arg(long, value_name = "WHAT", hide = true)]
    pub generate: Option<Generated>,
}

/// What to read and how to print it.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("printing").args(["list", "filter"]).multiple(true)))]
pub struct ReadArgs {
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

    /// Print how many items (those matching `--filter`, if given) fall in
    /// each day, week, month or year, or name each place: TSV lines
    /// (`2022-03<TAB>12`, `GT<TAB>40`), or JSON with `--export json`.
    #[arg(
        long,
        value_name = "BY",
        value_parser = count::CountByParser,
        conflicts_with_all = ["list", "mark_read", "pick"]
    )]
    pub count_by: Option<count::CountByArg>,

    /// With `--list` or `--filter`: mark the printed items read.
    #[arg(long, requires = "printing")]
    pub mark_read: bool,

    /// Open the reader to choose one item; Enter prints it on standard
    /// output as a `--list` line (`--pick=link`: its link, `--pick=json`: a
    /// JSON object), Esc exits 130. The reader draws on the terminal while
    /// standard output is a pipe.
    #[arg(
        long,
        value_name = "FORMAT",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "line",
        conflicts_with_all = ["list", "filter", "export"]
    )]
    pub pick: Option<PickArg>,
}

/// What `--pick` prints of the chosen item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PickArg {
    Line,
    Link,
    Json,
}

impl From<PickArg> for PickFormat {
    fn from(pick: PickArg) -> Self {
        match pick {
            PickArg::Line => PickFormat::Line,
            PickArg::Link => PickFormat::Link,
            PickArg::Json => PickFormat::Json,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Manage the feeds migranews follows (the list is feeds.toml in the config folder).
    Feed {
        #[command(subcommand)]
        command: FeedCommand,
    },
    /// Fetch every feed and store what is new or changed.
    Fetch {
        /// Seconds a feed may take, body included [default: 30, or fetch.timeout in config.toml].
        #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
        timeout: Option<u64>,
        /// Feeds fetched at once [default: 8, or fetch.jobs in config.toml].
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=64))]
        jobs: Option<u64>,
    },
    /// Put archive or JSON files into the store, each as a source named after the file.
    Import {
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum FeedCommand {
    /// Subscribe to a feed: an http(s) URL, a file:// URL or a local path.
    Add {
        url: String,
        /// Shown instead of the feed's own title.
        #[arg(long)]
        title: Option<String>,
    },
    /// One line a feed: URL, title, items, last fetch and its result.
    List,
    /// Unsubscribe; the feed's items stay readable unless --purge.
    Remove {
        /// The feed's URL, or with --purge an imported file's name.
        url: String,
        /// Delete the feed's (or the imported file's) items from the store too.
        #[arg(long)]
        purge: bool,
    },
    /// Subscribe to every http(s) feed of an OPML file, keeping its folders as tags.
    Import {
        #[arg(value_name = "FILE.opml")]
        file: PathBuf,
    },
    /// Print the feed list as OPML 2.0.
    Export,
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

/// `--filter` matched nothing; `fetch` could not fetch some feed.
const EXIT_PARTLY: u8 = 1;
const EXIT_ERROR: u8 = 2;

/// Runs migranews as `cli` asks and says how the process should exit.
pub fn run(cli: Cli) -> ExitCode {
    quiet_feed_parser_panics();
    let outcome = match (&cli.generate, &cli.command) {
        (Some(what), _) => generate::print(*what),
        (None, Some(command)) => run_command(command),
        (None, None) => read::run(&cli.read),
    };
    match outcome {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            messages::say(format_args!("{error:#}"));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run_command(command: &Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Feed { command } => feed::run(command),
        Command::Fetch { timeout, jobs } => fetch::run(*timeout, jobs.map(|n| n as usize)),
        Command::Import { files } => import::run(files),
    }
}

/// A panic in a feed parser is caught and reported as that feed's failure:
/// its message on standard error would only be noise.
fn quiet_feed_parser_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::feeds::on_worker_thread() {
            previous(info);
        }
    }));
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

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
