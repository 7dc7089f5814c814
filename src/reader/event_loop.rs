//! The reader's loop: wait for something to happen, update the state, draw, carry out what it asks.
//!
//! The loop blocks on one channel fed by the input thread, the search
//! worker, the refresh, the read timer, the state writer and a signal
//! thread: idle costs no CPU. Events already waiting are handled together,
//! so a burst of typing costs one search and one frame.

use std::io::{self, IsTerminal};
use std::process::{ExitCode, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use ratatui::crossterm::event::Event as TerminalEvent;
use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2};
use signal_hook::iterator::Signals;

use crate::archive::item::Archive;
use crate::archive::source::Origin;
use crate::archive::state::ItemStates;
use crate::config::Paths;
use crate::config::settings::Settings;
use crate::reader::action::{Action, action_for_key, action_for_mouse};
use crate::reader::app::{App, Command, Effect, PENDING_FOR, READ_AFTER};
use crate::reader::background;
use crate::reader::facets::FacetsWorker;
use crate::reader::history::{self, QueryHistory};
use crate::reader::input::{self, InputGate};
use crate::reader::links::{self, Opener};
use crate::reader::pick::{self, EXIT_CANCELLED, PickFormat};
use crate::reader::refresh::{self, RefreshEvent, RefreshPlan};
use crate::reader::state_writer::StateWriter;
use crate::reader::terminal::{Screen, Session, bounded_size, restore_terminal};
use crate::reader::timer::Timer;
use crate::reader::ui::{self, Theme};
use crate::search::worker::{SearchResponse, SearchWorker};

/// Something the loop wakes up for.
enum Wakeup {
    Terminal(TerminalEvent),
    Search(SearchResponse),
    Refresh(RefreshEvent),
    /// Anything else that becomes an action as it is (timers, saves).
    Action(Action),
    Signal(i32),
    /// The terminal can no longer be read.
    InputClosed,
}

/// What the reader needs besides the archive.
#[derive(Debug, Default)]
pub struct ReaderSetup {
    pub origin: Origin,
    /// Where the feed list and the store are; `None` without a home folder,
    /// and then Ctrl-R has nothing to refresh and states are not kept.
    pub paths: Option<Paths>,
    pub settings: Settings,
    /// What was wrong with the settings file, for F2.
    pub settings_problems: Vec<String>,
    /// Pick mode: Enter prints the item this way and exits.
    pub pick: Option<PickFormat>,
}

/// What the loop ended with.
enum Ending {
    Exit(ExitCode),
    Picked(usize),
}

/// Everything the loop hands work to.
struct Helpers {
    worker: SearchWorker,
    writer: StateWriter,
    timer: Timer,
    pending_timer: Timer,
    facets: FacetsWorker,
    gate: Arc<InputGate>,
    opener: Opener,
    paths: Option<Paths>,
    settings: Settings,
    sender: Sender<Wakeup>,
}

/// Runs the reader on `archive` until the user quits, picks, or a signal ends it.
pub fn run(archive: Archive, states: ItemStates, setup: ReaderSetup) -> anyhow::Result<ExitCode> {
    let archive = Arc::new(archive);
    let (sender, wakeups) = mpsc::channel();
    forward_signals(sender.clone())?;
    install_panic_hook();
    let screen = match setup.pick {
        Some(_) if !io::stdout().is_terminal() => Screen::Tty,
        _ => Screen::Stdout,
    };
    // Declared before the session so that they are dropped after it: the
    // terminal is restored first, then the threads are joined (the writer
    // finishing its last save).
    let helpers = Helpers::start(&setup, sender.clone());
    let mut session = Session::enter(screen, setup.settings.mouse)?;
    // Asked before the input thread starts, so that the answer is not read as keys.
    let theme = Theme::choose(setup.settings.theme, || {
        background::ask().or_else(|| {
            let colorfgbg = std::env::var("COLORFGBG").ok()?;
            background::from_colorfgbg(&colorfgbg)
        })
    });
    let gate = Arc::clone(&helpers.gate);
    let input_sender = sender.clone();
    input::spawn(gate, move |event| {
        let wakeup = event.map_or(Wakeup::InputClosed, Wakeup::Terminal);
        input_sender.send(wakeup).is_ok()
    })?;
    let mut app = App::with_states(Arc::clone(&archive), Arc::new(states))
        .with_settings(&setup.settings)
        .with_history(match &setup.paths {
            Some(paths) => history::load(&paths.history_file(), setup.settings.history_size),
            None => QueryHistory::default(),
        })
        .with_origin(setup.origin, setup.settings_problems);
    app.picking = setup.pick.is_some();
    let size = session.terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    session
        .terminal
        .draw(|frame| ui::render(&app, &theme, frame))?;
    // The first item is on screen: its read timer starts now.
    carry_out_all(&mut app, &mut session, &helpers)?;
    let ending = event_loop(&mut session, &mut app, &theme, &wakeups, &helpers)?;
    drop(session);
    match ending {
        Ending::Exit(code) => Ok(code),
        Ending::Picked(index) => {
            let format = setup.pick.unwrap_or_default();
            let item = app.archive().get(index);
            pick::print(item, app.state_of(index), format, &mut io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

impl Helpers {
    fn start(setup: &ReaderSetup, sender: Sender<Wakeup>) -> Self {
        let search_sender = sender.clone();
        let worker = SearchWorker::spawn(move |response| {
            let _ = search_sender.send(Wakeup::Search(response));
        });
        let writer = match &setup.paths {
            Some(paths) => {
                let saved = sender.clone();
                StateWriter::spawn(paths.store_file(), paths.history_file(), move |result| {
                    let _ = saved.send(Wakeup::Action(Action::StatesSaved(result)));
                })
            }
            None => StateWriter::none(),
        };
        let facets_sender = sender.clone();
        let facets = FacetsWorker::spawn(move |generation, facets| {
            let _ = facets_sender.send(Wakeup::Action(Action::FacetsReady(generation, facets)));
        });
        let pending_sender = sender.clone();
        let pending_timer = Timer::spawn(move |token| {
            let _ = pending_sender.send(Wakeup::Action(Action::PendingTimerFired(token)));
        });
        let timer_sender = sender.clone();
        let timer = Timer::spawn(move |token| {
            let _ = timer_sender.send(Wakeup::Action(Action::ReadTimerFired(token)));
        });
        Self {
            worker,
            writer,
            timer,
            pending_timer,
            facets,
            gate: Arc::default(),
            opener: Opener::from_env(|name| std::env::var_os(name)),
            paths: setup.paths.clone(),
            settings: setup.settings.clone(),
            sender,
        }
    }

    fn start_refresh(&self, app: &App) {
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
            flusher: self.writer.flusher(),
        };
        refresh::spawn(plan, send);
    }
}

fn event_loop(
    session: &mut Session,
    app: &mut App,
    theme: &Theme,
    wakeups: &Receiver<Wakeup>,
    helpers: &Helpers,
) -> anyhow::Result<Ending> {
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
            return Ok(Ending::Exit(ExitCode::SUCCESS));
        };
        // Pointer motion and other events that change nothing cost no frame.
        redraw = false;
        let mut search = None;
        for wakeup in std::iter::once(first).chain(wakeups.try_iter()) {
            let action = match wakeup {
                Wakeup::Terminal(event) => match action_for_event(test_panic(event), app) {
                    Some(action) => action,
                    None => continue,
                },
                Wakeup::Search(response) => Action::SearchFinished(response),
                Wakeup::Refresh(event) => Action::Refreshed(event),
                Wakeup::Action(action) => action,
                Wakeup::Signal(SIGTSTP) => Action::Suspend,
                Wakeup::Signal(signal) => {
                    return Ok(Ending::Exit(ExitCode::from(128 + signal as u8)));
                }
                Wakeup::InputClosed => return Ok(Ending::Exit(ExitCode::SUCCESS)),
            };
            redraw = true;
            match app.update(action) {
                Effect::None => {}
                Effect::Search(request) => search = Some(request),
                Effect::Quit => return Ok(Ending::Exit(ExitCode::SUCCESS)),
                Effect::Cancel => return Ok(Ending::Exit(ExitCode::from(EXIT_CANCELLED))),
                Effect::Pick(index) => return Ok(Ending::Picked(index)),
                Effect::Suspend => session.suspend()?,
                Effect::Refresh => helpers.start_refresh(app),
            }
            carry_out_all(app, session, helpers)?;
        }
        // Only the newest query of a burst is worth searching for.
        if let Some(request) = search {
            helpers.worker.request(request);
        }
    }
}

/// Does all the app asked beside its effects, and what that leads to.
fn carry_out_all(app: &mut App, session: &mut Session, helpers: &Helpers) -> io::Result<()> {
    let mut commands = app.take_commands();
    while !commands.is_empty() {
        for command in commands {
            if let Some(action) = carry_out(command, session, helpers)? {
                app.update(action);
            }
        }
        commands = app.take_commands();
    }
    Ok(())
}

/// Does what the app asked beside its effect; some commands answer with an action.
fn carry_out(
    command: Command,
    session: &mut Session,
    helpers: &Helpers,
) -> io::Result<Option<Action>> {
    Ok(match command {
        Command::SaveStates(changes) => {
            helpers.writer.save(changes);
            None
        }
        Command::SaveHistory(text) => {
            helpers.writer.save_history(text);
            None
        }
        Command::CountFacets(request) => {
            helpers.facets.request(request);
            None
        }
        Command::ArmPendingTimer(token) => {
            helpers.pending_timer.arm(PENDING_FOR, token);
            None
        }
        Command::ArmReadTimer(token) => {
            helpers.timer.arm(READ_AFTER, token);
            None
        }
        Command::CopyLink(link) => Some(Action::LinkHandled(copy(&link, session, helpers)?)),
        Command::OpenLink(link) => Some(Action::LinkHandled(open(&link, session, helpers)?)),
    })
}

/// Puts `link` on the clipboard with OSC 52, unless the settings say not to.
fn copy(link: &str, session: &mut Session, helpers: &Helpers) -> io::Result<String> {
    if !helpers.settings.osc52 {
        return Ok(format!("copying is off (reader.osc52): {link}"));
    }
    let in_tmux = std::env::var_os("TMUX").is_some_and(|value| !value.is_empty());
    session.write_raw(&links::osc52(link, in_tmux))?;
    Ok(format!("copied {link}"))
}

/// Opens `link` in a browser: a text browser gets the terminal while it
/// runs; with no browser to show it, the link is copied and shown instead.
fn open(link: &str, session: &mut Session, helpers: &Helpers) -> io::Result<String> {
    match &helpers.opener {
        Opener::Command {
            text_mode: true, ..
        } => {
            let (program, args) = helpers.opener.command_line(link).unwrap_or_default();
            // The browser reads the keys now; the input thread must not.
            helpers.gate.pause();
            let status = session.lend(|| std::process::Command::new(&program).args(&args).status());
            helpers.gate.resume();
            Ok(match status {
                Ok(_) => format!("back from {program}"),
                Err(error) => format!("{program}: {error}"),
            })
        }
        Opener::Command { .. } => {
            let (program, args) = helpers.opener.command_line(link).unwrap_or_default();
            let spawned = std::process::Command::new(&program)
                .args(&args)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            Ok(match spawned {
                Ok(mut child) => {
                    // Reaped when it exits, so that it leaves no zombie.
                    std::thread::spawn(move || child.wait());
                    format!("opened {link}")
                }
                Err(error) => format!("{program}: {error}"),
            })
        }
        Opener::Platform => {
            let mut options = webbrowser::BrowserOptions::new();
            options.with_suppress_output(true);
            match webbrowser::open_browser_with_options(
                webbrowser::Browser::Default,
                link,
                &options,
            ) {
                Ok(()) => Ok(format!("opened {link}")),
                Err(_) => Ok(format!(
                    "no browser opened; {}",
                    copy(link, session, helpers)?
                )),
            }
        }
        Opener::Nowhere => Ok(format!(
            "no browser here; {}",
            copy(link, session, helpers)?
        )),
    }
}

/// Debug builds (the tests) panic on the key `MIGRANEWS_TEST_PANIC_ON_KEY`
/// names, so that the way out of a panic is tested end to end; release
/// builds have no such key.
#[cfg(debug_assertions)]
fn test_panic(event: TerminalEvent) -> TerminalEvent {
    use ratatui::crossterm::event::{KeyCode, KeyEventKind};
    if let TerminalEvent::Key(key) = &event
        && let KeyCode::Char(c) = key.code
        && key.kind == KeyEventKind::Press
        && std::env::var("MIGRANEWS_TEST_PANIC_ON_KEY").is_ok_and(|wanted| wanted.chars().eq([c]))
    {
        panic!("test panic on key {c:?} (MIGRANEWS_TEST_PANIC_ON_KEY)");
    }
    event
}

#[cfg(not(debug_assertions))]
fn test_panic(event: TerminalEvent) -> TerminalEvent {
    event
}

fn action_for_event(event: TerminalEvent, app: &App) -> Option<Action> {
    match event {
        TerminalEvent::Key(key) => action_for_key(key, app.key_context()),
        TerminalEvent::Mouse(mouse) => action_for_mouse(mouse),
        // The size the session draws at, not what the terminal claims.
        TerminalEvent::Resize(width, height) => {
            let size = bounded_size(width, height);
            Some(Action::Resize {
                width: size.width,
                height: size.height,
            })
        }
        TerminalEvent::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}

/// Every catchable signal that would end the process ends the reader
/// (exit 128 + signal) through the loop, which restores the terminal;
/// SIGTSTP suspends it.
fn forward_signals(sender: Sender<Wakeup>) -> io::Result<()> {
    let mut signals = Signals::new([
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTSTP,
    ])?;
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
