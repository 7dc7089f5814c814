//! migranews: a terminal reader for regional migration news archives.
//!
//! Data flows one way: [`source`] reads text, [`parse`] turns it into an
//! [`item::Archive`], [`filter`] ranks the items for a query, and the reader
//! (`app`, `ui`, `tui`) or the scripting commands ([`cli`]) show the result.
//! The parser and the filter know nothing of the terminal.

pub mod action;
pub mod app;
pub mod article;
pub mod cli;
pub mod dateline;
pub mod filter;
pub mod fold;
pub mod item;
pub mod json;
pub mod layout;
pub mod parse;
pub mod query;
pub mod query_input;
pub mod sample;
pub mod search_worker;
pub mod source;
#[cfg(test)]
mod test_support;
pub mod tui;
pub mod ui;
