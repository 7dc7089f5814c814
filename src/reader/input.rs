//! Keys, mouse and resizes from the terminal, read on their own thread, which can be paused.
//!
//! The thread polls in short slices rather than blocking in a read, so that
//! it can be parked while a text browser owns the terminal: two readers of
//! one terminal would split the keystrokes between them.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

/// How long one poll waits; also the longest a pause waits for the thread.
const POLL_SLICE: Duration = Duration::from_millis(200);

/// Lets the loop pause the input thread and know when it has stopped reading.
#[derive(Debug, Default)]
pub struct InputGate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct GateState {
    paused: bool,
    /// The thread is waiting in the gate, not reading the terminal.
    parked: bool,
}

impl InputGate {
    /// Stops the input thread and waits until it no longer reads.
    pub fn pause(&self) {
        let mut state = self.lock();
        state.paused = true;
        while !state.parked {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    pub fn resume(&self) {
        self.lock().paused = false;
        self.changed.notify_all();
    }

    /// On the input thread: waits while paused.
    fn pass(&self) {
        let mut state = self.lock();
        while state.paused {
            state.parked = true;
            self.changed.notify_all();
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.parked = false;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Reads terminal events until the terminal closes or `deliver` says the
/// reader has gone; `deliver(None)` tells it the terminal closed.
pub fn spawn(
    gate: Arc<InputGate>,
    deliver: impl Fn(Option<Event>) -> bool + Send + 'static,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("migranews-input".into())
        .spawn(move || {
            loop {
                gate.pass();
                let event = match event::poll(POLL_SLICE) {
                    Ok(false) => continue,
                    Ok(true) => event::read().ok(),
                    Err(_) => None,
                };
                let closed = event.is_none();
                if !deliver(event) || closed {
                    return;
                }
            }
        })
        .map(drop)
}
