//! `migranews fetch`: every feed fetched and stored, one line a feed, a summary, a progress bar on a terminal.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;

use super::EXIT_PARTLY;
use crate::config::Paths;
use crate::config::feed_list::FeedList;
use crate::config::settings::Settings;
use crate::store::Store;
use crate::update::{FeedOutcome, FeedReport, FetchPlan, Totals, update_feeds};

pub fn run(timeout: Option<u64>, jobs: Option<usize>) -> Result<ExitCode> {
    let paths = Paths::from_env()?;
    let loaded = Settings::load(&paths.settings_file());
    for problem in &loaded.problems {
        eprintln!("migranews: warning: {problem}");
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
        eprintln!("migranews: no feeds yet: add one with `migranews feed add URL`");
        return Ok(ExitCode::SUCCESS);
    }
    let mut store = Store::open(&paths.store_file())?;
    let total = list.entries().len();
    let progress = Progress::new(total);
    progress.draw(0);
    let reports = update_feeds(&mut store, &mut list, plan, |report, done| {
        progress.clear();
        println!("{}", report_line(report));
        let _ = io::stdout().flush();
        progress.draw(done);
    })?;
    progress.clear();
    let totals = Totals::of(&reports);
    println!("{totals}");
    Ok(if totals.failed > 0 {
        ExitCode::from(EXIT_PARTLY)
    } else {
        ExitCode::SUCCESS
    })
}

/// `ok  NAME: 3 new, 1 updated`, `ok  NAME: not modified`, `FAILED  NAME: why`.
fn report_line(report: &FeedReport) -> String {
    let name = if report.name == report.url {
        report.url.clone()
    } else {
        format!("{} <{}>", report.name, report.url)
    };
    match &report.outcome {
        FeedOutcome::Saved(counts) => {
            format!(
                "ok      {name}: {} new, {} updated",
                counts.new, counts.updated
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
