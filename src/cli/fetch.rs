//! `migranews fetch`: every feed fetched and stored, one line a feed, a summary, a progress bar on a terminal.
//!
//! A reader that closes the pipe (`migranews fetch | head -1`) stops the
//! printing, never the fetching: every feed is still stored.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;

use super::{EXIT_PARTLY, messages};
use crate::config::Paths;
use crate::config::feed_list::FeedList;
use crate::config::settings::Settings;
use crate::store::Store;
use crate::update::{FeedOutcome, FeedReport, FetchPlan, Totals, update_feeds};

pub fn run(timeout: Option<u64>, jobs: Option<usize>) -> Result<ExitCode> {
    let paths = Paths::from_env()?;
    let loaded = Settings::load(&paths.settings_file());
    for problem in &loaded.problems {
        messages::warn(problem);
    }
    let mut plan = FetchPlan::from(&loaded.settings);
    if let Some(seconds) = timeout {
        plan.timeout = Duration::from_secs(seconds);
    }
    if let Some(jobs) = jobs {
        plan.jobs = jobs;
    }
    let mut list = FeedList::load(&paths.feeds_file())?;
    if list.entries().is_empty() {
        messages::say("no feeds yet: add one with `migranews feed add URL`");
        return Ok(ExitCode::SUCCESS);
    }
    let mut store = Store::open(&paths.store_file())?;
    let total = list.entries().len();
    let progress = Progress::new(total);
    progress.draw(0);
    let mut out = Output::default();
    let reports = update_feeds(&mut store, &mut list, plan, |report, done| {
        progress.clear();
        out.line(&report_line(report));
        progress.draw(done);
    })?;
    progress.clear();
    let totals = Totals::of(&reports);
    out.line(&totals.to_string());
    out.finish()?;
    Ok(if totals.failed > 0 {
        ExitCode::from(EXIT_PARTLY)
    } else {
        ExitCode::SUCCESS
    })
}

/// Standard output, line by line, until writing to it fails.
#[derive(Default)]
struct Output {
    failed: Option<io::Error>,
}

impl Output {
    /// Prints `line`; after a failure, nothing more, and the fetch goes on.
    fn line(&mut self, line: &str) {
        if self.failed.is_some() {
            return;
        }
        let mut out = io::stdout().lock();
        if let Err(error) = writeln!(out, "{line}").and_then(|()| out.flush()) {
            self.failed = Some(error);
        }
    }

    /// A failure worth reporting once the fetch is done: a closed pipe
    /// ends the output quietly, as everywhere in migranews.
    fn finish(self) -> Result<()> {
        match self.failed {
            Some(error) if error.kind() != io::ErrorKind::BrokenPipe => {
                Err(anyhow::Error::new(error).context("standard output"))
            }
            _ => Ok(()),
        }
    }
}

/// `ok  NAME: 3 new, 1 updated`, `ok  NAME: not modified`, `FAILED  NAME: why`;
/// what parsing repaired follows, in parentheses.
fn report_line(report: &FeedReport) -> String {
    let name = if report.name == report.url {
        report.url.clone()
    } else {
        format!("{} <{}>", report.name, report.url)
    };
    match &report.outcome {
        FeedOutcome::Saved { counts, repairs } if repairs.is_empty() => {
            format!("ok      {name}: {counts}")
        }
        FeedOutcome::Saved { counts, repairs } => {
            format!(
                "ok      {name}: {counts} (repaired: {})",
                repairs.join(", ")
            )
        }
        FeedOutcome::NotModified => format!("ok      {name}: not modified"),
        FeedOutcome::Failed(error) => format!("FAILED  {name}: {error}"),
    }
}

/// A one-line bar on standard error, drawn only when that is a terminal.
struct Progress {
    total: usize,
    shown: bool,
}

impl Progress {
    const WIDTH: usize = 30;

    fn new(total: usize) -> Self {
        Self {
            total,
            shown: io::stderr().is_terminal(),
        }
    }

    fn draw(&self, done: usize) {
        if !self.shown {
            return;
        }
        let filled = Self::WIDTH * done / self.total.max(1);
        let mut err = io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[2K[{}{}] {done}/{} feeds",
            "#".repeat(filled),
            "-".repeat(Self::WIDTH - filled),
            self.total
        );
        let _ = err.flush();
    }

    fn clear(&self) {
        if self.shown {
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}
