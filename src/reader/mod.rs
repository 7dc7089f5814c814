//! The reader: the interactive terminal UI.
//!
//! [`app`] holds the state and its one update; [`action`] turns keys and the
//! mouse into actions; [`layout`] places the panes; [`article`] wraps the
//! selected item; [`ui`] draws, without changing anything; [`terminal`] owns
//! the terminal and the event loop. The only layer that knows the terminal.

pub mod action;
pub mod app;
pub mod article;
pub mod layout;
pub mod query_input;
pub mod refresh;
pub mod terminal;
#[cfg(test)]
mod test_support;
pub mod ui;
