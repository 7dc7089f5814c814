//! `--generate`: shell completions and the man page, from the command line's own definition.
//!
//! The man page adds what clap does not know: the exit status, the
//! environment and the files, before the VERSION section as man-pages(7)
//! orders them.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, ValueEnum};
use clap_complete::Shell;

use super::Cli;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generated {
    Bash,
    Zsh,
    Fish,
    Man,
}

/// Prints what was asked for on standard output.
pub fn print(what: Generated) -> Result<ExitCode> {
    let mut command = Cli::command();
    let mut out = io::stdout().lock();
    let shell = match what {
        Generated::Bash => Shell::Bash,
        Generated::Zsh => Shell::Zsh,
        Generated::Fish => Shell::Fish,
        Generated::Man => {
            out.write_all(&man_page(command)?)?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    clap_complete::generate(shell, &mut command, "migranews", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The man page: clap's, with [`MAN_SECTIONS`] inserted before VERSION.
fn man_page(command: clap::Command) -> Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    let at = page
        .windows(b".SH VERSION".len())
        .position(|window| window == b".SH VERSION")
        .unwrap_or(page.len());
    page.splice(at..at, MAN_SECTIONS.bytes());
    Ok(page)
}

/// EXIT STATUS, ENVIRONMENT and FILES, in roff.
const MAN_SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
0
Success, also when a reader of the output closed the pipe; for \fBfetch\fR, every feed was fetched (304 Not Modified counts).
.TP
1
\fB\-\-filter\fR matched nothing; \fBfetch\fR could not fetch some feed (the others are stored, the errors are on their lines).
.TP
2
An error: a missing or unreadable file, a file with no item, invalid JSON, a bad flag, a mistake in feeds.toml; one line on standard error.
.TP
130
\fB\-\-pick\fR ended with Esc, nothing chosen.
.SH ENVIRONMENT
.TP
\fBXDG_CONFIG_HOME\fR
Where the config folder is: \fI$XDG_CONFIG_HOME/migranews\fR (when set to an absolute path).
.TP
\fBXDG_DATA_HOME\fR
Where the data folder is: \fI$XDG_DATA_HOME/migranews\fR (when set to an absolute path).
.TP
\fBHOME\fR
The folders' defaults: \fI~/.config/migranews\fR and \fI~/.local/share/migranews\fR.
.TP
\fBBROWSER\fR
The program (and its arguments) the reader opens links with; the link goes last, or in place of %s. Unset: the platform's opener.
.TP
\fBNO_COLOR\fR
When set, the reader uses no colours; selection and matches stay visible through reverse video, bold and underline.
.TP
\fBhttp_proxy\fR, \fBhttps_proxy\fR, \fBno_proxy\fR
The proxies \fBfetch\fR and the reader's Ctrl\-R go through, and the hosts they do not.
.SH FILES
.TP
\fI$XDG_CONFIG_HOME/migranews/feeds.toml\fR (\fI~/.config/migranews/feeds.toml\fR)
The feed list: one [[feed]] table a feed, with a url, an optional title and tags. Edit it freely; the commands keep comments and layout, and take \fIfeeds.toml.lock\fR beside it while they change it.
.TP
\fI$XDG_CONFIG_HOME/migranews/config.toml\fR
Settings, all optional: [fetch] jobs and timeout, [reader] osc52.
.TP
\fI$XDG_DATA_HOME/migranews/store.db\fR (\fI~/.local/share/migranews/store.db\fR)
The store: fetched and imported items, one SQLite file.
"#;
