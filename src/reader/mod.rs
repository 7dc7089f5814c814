//! The reader: the interactive terminal UI.
//!
//! [`app`] holds the state and its one update; [`action`] turns keys and the
//! mouse into actions; [`layout`] places the panes; [`article`] wraps the
//! selected item; [`ui`] draws, without changing anything; [`terminal`] owns
//! the terminal; the event loop (`event_loop.rs`) waits on every source of
//! events and hands work to threads: input, search, refresh, the read
//! timer, the state writer. [`links`] opens and copies links, [`pick`]
//! prints the picked item; [`width`] measures text in cells. The only layer
//! that knows the terminal.

pub mod action;
pub mod app;
pub mod article;
pub mod background;
mod event_loop;
pub mod facets;
pub mod help;
pub mod history;
mod input;
pub mod layout;
pub mod links;
pub mod pick;
pub mod query_input;
pub mod refresh;
mod state_writer;
mod suggest;
pub mod terminal;
#[cfg(test)]
mod test_support;
mod timer;
pub mod ui;
pub mod width;

pub use event_loop::{ReaderSetup, run};
