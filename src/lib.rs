//! migranews: a terminal reader for regional migration news archives.
//!
//! Data flows one way: [`source`] reads text, [`parse`] turns it into an
//! [`item::Archive`], [`filter`] ranks the items for a query, and the reader
//! (`app`, `ui`, `tui`) or the scripting commands ([`cli`]) show the result.
//! The parser and the filter know nothing of the terminal.

pub mod cli;
pub mod dateline;
pub mod filter;
pub mod fold;
pub mod item;
pub mod json;
pub mod parse;
pub mod query;
pub mod sample;
pub mod search_worker;
pub mod source;
