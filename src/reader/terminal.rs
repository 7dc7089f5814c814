//! The terminal and the event loop: set-up, restore on every exit path, signals, suspend.
//!
//! The loop blocks until something happens (a key, a resize, a signal, a
//! finished search): idle costs no CPU. Events already waiting are handled
//! together, so a burst of typing costs one search and one frame.

use std::io::{self, Stdout, stdout};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event as TerminalEvent,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::archive::item::Archive;
use crate::archive::source::Origin;
use crate::archive::state::ItemStates;
use crate::config::Paths;
use crate::config::settings::Settings;
use crate::reader::action::{Action, action_for_key, action_for_mouse};
use crate::reader::app::{App, Effect};
use crate::reader::refresh::{self, RefreshEvent, RefreshPlan};
use crate::reader::ui::{self, Theme};
use crate::search::worker::{SearchResponse, SearchWorker};

/// Something the loop wakes up for.
enum Wakeup {
    Terminal(TerminalEvent),
    Search(SearchResponse),
    Refresh(RefreshEvent),
    Signal(i32),
    /// The terminal can no longer be read.
    InputClosed,
}

/// What the reader needs besides the archive.
#[derive(Debug, Default)]
pub struct ReaderSetup {
    pub origin: Origin,
    /// Where the feed list and the store are; `None` without a home folder,
    /// and then Ctrl-R has nothing to refresh.
    pub paths: Option<Paths>,
    pub settings: Settings,
    /// What was wrong with the settings file, for F2.
    pub settings_problems: Vec<String>,
}

/// Runs the reader on `archive` until the user quits or a signal ends it.
pub fn run(archive: Archive, states: ItemStates, setup: ReaderSetup) -> anyhow::Result<ExitCode> {
    let archive = Arc::new(archive);
    let (sender, wakeups) = mpsc::channel();
    // Declared before the session so that it is dropped after it: the
    // terminal is restored first, then the worker is joined.
    let worker;
    forward_signals(sender.clone())?;
    install_panic_hook();
    let mut session = Session::enter()?;
    spawn_input_reader(sender.clone());
    let mut app = App::with_states(Arc::clone(&archive), Arc::new(states))
        .with_origin(setup.origin, setup.settings_problems);
    let size = session.terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let theme = Theme::from_env();
    // The first screen before the worker starts folding every headline,
    // which would compete with it for the cores.
    session
        .terminal
        .draw(|frame| ui::render(&app, &theme, frame))?;
    let search_sender = sender.clone();
    worker = SearchWorker::spawn(move |response| {
        let _ = search_sender.send(Wakeup::Search(response));
    });
    let refresher = Refresher {
        paths: setup.paths,
        settings: setup.settings,
        sender,
    };
    event_loop(
        &mut session,
        &mut app,
        &theme,
        &wakeups,
        &worker,
        &refresher,
    )
}

/// Starts background refreshes that report to the loop.
struct Refresher {
    paths: Option<Paths>,
    settings: Settings,
    sender: Sender<Wakeup>,
}

impl Refresher {
    fn start(&self, app: &App) {
        let sender = self.sender.clone();
        let send = move |event| {
            let _ = sender.send(Wakeup::Refresh(event));
        };
        let Some(paths) = self.paths.clone() else {
            send(RefreshEvent::Failed(
                "no home folder: set HOME to keep a feed list".into(),
            ));
            return;
        };
        let plan = RefreshPlan {
            paths,
            settings: self.settings.clone(),
            // Files and piped text stay on screen; the store is what reloads.
            reload: matches!(app.origin, Origin::Store | Origin::Embedded),
        };
        refresh::spawn(plan, send);
    }
}

fn event_loop(
    session: &mut Session,
    app: &mut App,
    theme: &Theme,
    wakeups: &Receiver<Wakeup>,
    worker: &SearchWorker,
    refresher: &Refresher,
) -> anyhow::Result<ExitCode> {
    let mut redraw = true;
    loop {
        if redraw {
            // The terminal may have changed size unseen (while suspended, or
            // before its resize event arrives): lay out for the real size.
            let size = session.terminal.size()?;
            if (size.width, size.height) != (app.area().width, app.area().height) {
                app.update(Action::Resize {
                    width: size.width,
                    height: size.height,
                });
            }
            session
                .terminal
                .draw(|frame| ui::render(app, theme, frame))?;
        }
        let Ok(first) = wakeups.recv() else {
            return Ok(ExitCode::SUCCESS);
        };
        // Pointer motion and other events that change nothing cost no frame.
        redraw = false;
        let mut search = None;
        for wakeup in std::iter::once(first).chain(wakeups.try_iter()) {
            let action = match wakeup {
                Wakeup::Terminal(event) => match action_for_event(event, app) {
                    Some(action) => action,
                    None => continue,
                },
                Wakeup::Search(response) => Action::SearchFinished(response),
                Wakeup::Refresh(event) => Action::Refreshed(event),
                Wakeup::Signal(SIGTSTP) => Action::Suspend,
                Wakeup::Signal(signal) => return Ok(ExitCode::from(128 + signal as u8)),
                Wakeup::InputClosed => return Ok(ExitCode::SUCCESS),
            };
            redraw = true;
            match app.update(action) {
                Effect::None => {}
                Effect::Search(request) => search = Some(request),
                Effect::Quit => return Ok(ExitCode::SUCCESS),
                Effect::Suspend => session.suspend()?,
                Effect::Refresh => refresher.start(app),
            }
        }
        // Only the newest query of a burst is worth searching for.
        if let Some(request) = search {
            worker.request(request);
        }
    }
}

fn action_for_event(event: TerminalEvent, app: &App) -> Option<Action> {
    match event {
        TerminalEvent::Key(key) => action_for_key(key, app.key_context()),
        TerminalEvent::Mouse(mouse) => action_for_mouse(mouse),
        TerminalEvent::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// Reads terminal events on their own thread, so the loop can also wake for
/// search results and signals.
fn spawn_input_reader(sender: Sender<Wakeup>) {
    std::thread::Builder::new()
        .name("migranews-input".into())
        .spawn(move || {
            loop {
                let wakeup = match event::read() {
                    Ok(event) => Wakeup::Terminal(event),
                    Err(_) => Wakeup::InputClosed,
                };
                let closed = matches!(wakeup, Wakeup::InputClosed);
                if sender.send(wakeup).is_err() || closed {
                    return;
                }
            }
        })
        .expect("spawn the input thread");
}

/// SIGTERM, SIGHUP and SIGINT end the reader (exit 128 + signal) through the
/// loop, which restores the terminal; SIGTSTP suspends it.
fn forward_signals(sender: Sender<Wakeup>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP])?;
    std::thread::Builder::new()
        .name("migranews-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if sender.send(Wakeup::Signal(signal)).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}

/// Restores the terminal before the panic message is printed, so that it
/// is readable, then exits with 101, the code of a panic. Exiting matters
/// for a panic on another thread (the search worker): the reader must not
/// go on drawing on a restored terminal.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Caught where it happened, and reported as that feed's failure.
        if crate::feeds::on_worker_thread() {
            return;
        }
        restore_terminal();
        previous(info);
        std::process::exit(101);
    }));
}

/// The terminal in the reader's modes; dropping it restores the terminal.
struct Session {
    terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Session {
    fn enter() -> io::Result<Self> {
        enable_raw_mode()?;
        let entered = execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)
            .and_then(|()| Terminal::new(CrosstermBackend::new(stdout())));
        match entered {
            Ok(terminal) => Ok(Self { terminal }),
            Err(error) => {
                restore_terminal();
                Err(error)
            }
        }
    }

    /// Ctrl-Z: give the terminal back, stop, and redraw everything on `fg`.
    fn suspend(&mut self) -> io::Result<()> {
        restore_terminal();
        signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
        enable_raw_mode()?;
        execute!(
            stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            Clear(ClearType::All)
        )?;
        // A new terminal has no previous frame, so the next draw repaints
        // everything. (`Terminal::clear` would ask the terminal for the
        // cursor position, whose answer the input thread would swallow.)
        self.terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Raw mode off, mouse capture off, main screen back, cursor shown. Safe to
/// call more than once.
fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
}
