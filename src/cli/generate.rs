//! `--generate`: shell completions and the man page, from the command line's own definition.

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
            clap_mangen::Man::new(command).render(&mut out)?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    clap_complete::generate(shell, &mut command, "migranews", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
