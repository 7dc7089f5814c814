//! The reader's writes, on a thread of their own: read and starred to the
//! store, one transaction a change, and the query history to its file.
//!
//! A change is in the store a moment after the key that made it, without a
//! frame ever waiting for the disk or for another process's write. Changes
//! are written in the order they were made; dropping the writer waits for
//! the last one.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::archive::state::{ItemKey, ItemState};
use crate::store::Store;

enum Message {
    Save(Vec<(ItemKey, ItemState)>),
    /// The query history's new text.
    History(String),
    /// Answered once everything sent before is written.
    Flush(Sender<()>),
}

/// The writer thread's handle.
pub struct StateWriter {
    messages: Option<Sender<Message>>,
    thread: Option<JoinHandle<()>>,
}

/// Waits for the writer to catch up, from another thread (a refresh,
/// before it reads the store).
#[derive(Clone)]
pub struct Flusher(Option<Sender<Message>>);

impl StateWriter {
    /// Starts the writer for the store at `store`, created at the first
    /// change if need be, and the history file at `history`; `report`
    /// hears of each save.
    pub fn spawn(
        store: PathBuf,
        history: PathBuf,
        report: impl Fn(Result<(), String>) + Send + 'static,
    ) -> Self {
        let (messages, inbox) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("migranews-states".into())
            .spawn(move || write(&store, &history, &inbox, &report))
            .ok();
        Self {
            messages: thread.as_ref().map(|_| messages),
            thread,
        }
    }

    /// A writer with nowhere to write (no home folder): changes stay on screen.
    pub fn none() -> Self {
        Self {
            messages: None,
            thread: None,
        }
    }

    pub fn save(&self, changes: Vec<(ItemKey, ItemState)>) {
        if let Some(messages) = &self.messages {
            let _ = messages.send(Message::Save(changes));
        }
    }

    pub fn save_history(&self, text: String) {
        if let Some(messages) = &self.messages {
            let _ = messages.send(Message::History(text));
        }
    }

    pub fn flusher(&self) -> Flusher {
        Flusher(self.messages.clone())
    }
}

impl Flusher {
    /// Returns once every change sent so far is written (or failed).
    pub fn flush(&self) {
        if let Some(messages) = &self.0 {
            let (done, wait) = mpsc::channel();
            if messages.send(Message::Flush(done)).is_ok() {
                let _ = wait.recv();
            }
        }
    }
}

impl Drop for StateWriter {
    fn drop(&mut self) {
        self.messages.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn write(
    path: &Path,
    history: &Path,
    inbox: &Receiver<Message>,
    report: &impl Fn(Result<(), String>),
) {
    // Opened now when it exists, so that the first change is written as
    // fast as the others; created only when there is something to write.
    let mut store: Option<Store> = Store::open_existing(path).ok().flatten();
    for message in inbox {
        let changes = match message {
            Message::Save(changes) => changes,
            Message::Flush(done) => {
                let _ = done.send(());
                continue;
            }
            Message::History(text) => {
                let saved = crate::reader::history::save(history, &text);
                report(saved.map_err(|error| format!("{}: {error}", history.display())));
                continue;
            }
        };
        let saved = match &mut store {
            Some(store) => store.save_states(&changes),
            None => Store::open(path).and_then(|mut opened| {
                let saved = opened.save_states(&changes);
                store = Some(opened);
                saved
            }),
        };
        report(saved.map_err(|error| format!("{error:#}")));
    }
}
