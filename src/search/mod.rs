//! The search layer: the query language, its text terms, accent folding, the
//! engine that ranks items for a query, and the background worker the reader
//! runs it on.
//!
//! Reads the archive; knows no terminal. `--filter` and the reader's filter
//! bar both go through [`engine::Searcher`], so a query means the same in both.

pub mod engine;
pub mod fold;
pub mod query;
pub mod term;
pub mod words;
pub mod worker;
