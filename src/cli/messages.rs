//! Messages on standard error: one line each, `migranews: ...`, never a reason to fail.
//!
//! A standard error that cannot be written (a full disk, `2>/dev/full`, a
//! closed pipe) loses the message; the command still does its job.

use std::fmt::Display;
use std::io::{self, Write};

use crate::archive::item::Archive;
use crate::archive::sanitize::escape_controls;

/// `migranews: MESSAGE` on standard error, on one line: control characters
/// in it (from a query, a file's text) are written as escapes, never sent
/// to the terminal.
pub fn say(message: impl Display) {
    let message = message.to_string();
    let _ = writeln!(
        io::stderr().lock(),
        "migranews: {}",
        escape_controls(&message)
    );
}

/// `migranews: warning: MESSAGE` on standard error.
pub fn warn(message: impl Display) {
    say(format_args!("warning: {message}"))
}

/// Every warning from loading `archive`, and how many more were not kept.
pub fn warn_loading(archive: &Archive) {
    for warning in archive.warnings() {
        warn(warning);
    }
    match archive.warnings_dropped() {
        0 => {}
        1 => warn("1 more warning not shown"),
        more => warn(format_args!("{more} more warnings not shown")),
    }
}

/// Whether standard output was open when migranews started. Rust's runtime
/// puts `/dev/null` (opened for reading and writing) in place of a closed
/// one (`>&-`), so writes would vanish without an error; a shell's
/// `> /dev/null` opens it for writing only, which is told apart.
pub fn stdout_is_open() -> bool {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::MetadataExt;
    let fd = io::stdout().as_raw_fd();
    // SAFETY: F_GETFL only reads the descriptor's flags.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return false;
    }
    if flags & libc::O_ACCMODE != libc::O_RDWR {
        return true;
    }
    let ours = std::fs::metadata(format!("/proc/self/fd/{fd}"))
        .or_else(|_| std::fs::metadata("/dev/stdout"));
    match (ours, std::fs::metadata("/dev/null")) {
        (Ok(ours), Ok(null)) => {
            !(ours.rdev() == null.rdev() && ours.file_type() == null.file_type())
        }
        _ => true,
    }
}
