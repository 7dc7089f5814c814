//! The terminal itself: entering the reader's modes, restoring them on every way out, lending it out.
//!
//! The reader draws on standard output, or on `/dev/tty` in pick mode, where
//! standard output is the pipe the picked item goes to. Restoring is safe to
//! do more than once and from a panic hook, so it keeps where it draws in a
//! global. However large the terminal says it is, the reader draws at
//! most [`bounded::MAX_WIDTH`] x [`bounded::MAX_HEIGHT`] cells.

use std::fs::File;
use std::io::{self, Write, stdout};
use std::sync::OnceLock;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::Command;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, DisableLineWrap, EnableLineWrap, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::SIGTSTP;

mod bounded;
pub use bounded::{Bounded, MAX_HEIGHT, MAX_WIDTH, bounded_size};

/// Where the reader draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Stdout,
    /// The controlling terminal, when standard output is a pipe (`--pick`).
    Tty,
}

/// Set once, when the reader starts; read when restoring.
static SCREEN: OnceLock<Screen> = OnceLock::new();
/// Whether the reader asked for the mouse, set once like [`SCREEN`].
static MOUSE: OnceLock<bool> = OnceLock::new();

/// Clicks and the wheel only, in SGR form (modes 1000 and 1006): not every
/// motion (1003), so that the terminal's own selection still works with
/// Shift and an idle pointer sends nothing.
struct EnableClicksAndWheel;

impl Command for EnableClicksAndWheel {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

/// Off again; also every other mouse mode a program before us may have left on.
struct DisableMouse;

impl Command for DisableMouse {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l")
    }
}

/// Output to the screen the reader draws on.
pub struct ScreenWriter(Output);

enum Output {
    Stdout,
    Tty(File),
}

impl ScreenWriter {
    fn open(screen: Screen) -> io::Result<Self> {
        Ok(Self(match screen {
            Screen::Stdout => Output::Stdout,
            Screen::Tty => Output::Tty(File::options().write(true).open("/dev/tty")?),
        }))
    }

    fn current() -> io::Result<Self> {
        Self::open(*SCREEN.get().unwrap_or(&Screen::Stdout))
    }
}

impl Write for ScreenWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match &mut self.0 {
            Output::Stdout => stdout().write(bytes),
            Output::Tty(file) => file.write(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.0 {
            Output::Stdout => stdout().flush(),
            Output::Tty(file) => file.flush(),
        }
    }
}

/// The terminal in the reader's modes; dropping it restores the terminal.
pub struct Session {
    pub terminal: Terminal<Bounded<CrosstermBackend<ScreenWriter>>>,
}

impl Session {
    pub fn enter(screen: Screen, mouse: bool) -> io::Result<Self> {
        // The first reader of the process decides; there is only one.
        let _ = SCREEN.set(screen);
        let _ = MOUSE.set(mouse);
        enable_raw_mode()?;
        let entered = Self::take_over().and_then(|()| Self::new_terminal());
        match entered {
            Ok(terminal) => Ok(Self { terminal }),
            Err(error) => {
                restore_terminal();
                Err(error)
            }
        }
    }

    /// The alternate screen, bracketed paste, the mouse if asked for, and no
    /// line wrap: a terminal that draws an emoji sequence wider than
    /// measured at the right edge then cuts it there, where with wrapping
    /// it would spill onto the next line, or scroll the whole screen.
    fn take_over() -> io::Result<()> {
        let mut out = ScreenWriter::current()?;
        execute!(
            out,
            EnterAlternateScreen,
            EnableBracketedPaste,
            DisableLineWrap,
            Clear(ClearType::All)
        )?;
        if *MOUSE.get().unwrap_or(&false) {
            execute!(out, EnableClicksAndWheel)?;
        }
        Ok(())
    }

    /// A new terminal has no previous frame, so the next draw repaints
    /// everything. (`Terminal::clear` would ask the terminal for the cursor
    /// position, whose answer the input thread would swallow.)
    fn new_terminal() -> io::Result<Terminal<Bounded<CrosstermBackend<ScreenWriter>>>> {
        Terminal::new(Bounded(CrosstermBackend::new(ScreenWriter::current()?)))
    }

    /// Ctrl-Z: give the terminal back, stop, and redraw everything on `fg`.
    pub fn suspend(&mut self) -> io::Result<()> {
        self.lend(|| signal_hook::low_level::emulate_default_handler(SIGTSTP))
    }

    /// Gives the terminal to `run` (a text browser), as the shell had it,
    /// then takes it back for a full redraw.
    pub fn lend<T>(&mut self, run: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
        restore_terminal();
        let result = run();
        enable_raw_mode()?;
        Self::take_over()?;
        self.terminal = Self::new_terminal()?;
        result
    }

    /// Writes raw bytes to the screen: an escape sequence for the terminal
    /// itself (OSC 52), never text of an item.
    pub fn write_raw(&mut self, sequence: &str) -> io::Result<()> {
        let mut out = ScreenWriter::current()?;
        out.write_all(sequence.as_bytes())?;
        out.flush()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Raw mode off, mouse capture off, line wrap on, main screen back, cursor
/// shown. Safe to call more than once, and from a panic hook or a signal's
/// way out.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    if let Ok(mut out) = ScreenWriter::current() {
        let _ = execute!(
            out,
            DisableMouse,
            DisableBracketedPaste,
            EnableLineWrap,
            LeaveAlternateScreen,
            Show
        );
    }
}
