//! The migranews binary: parse the arguments, hand them to the library.

use std::process::ExitCode;

use clap::Parser;
use migranews::cli::{self, Cli};

fn main() -> ExitCode {
    cli::run(Cli::parse())
}
