//! migranews: a terminal reader for regional migration news.
//!
//! The crate is layered; data flows one way, from the bottom up:
//!
//! - [`archive`]: the item model and where items come from (the text and JSON
//!   formats, files, standard input, the embedded archive);
//! - [`feeds`]: fetching RSS, Atom and JSON feeds over HTTP (or from disk),
//!   parsing them and turning their HTML into plain text; sits above
//!   `archive` (whose sanitizer it uses), below the store and the reader, and
//!   never imports ratatui, the store or the reader;
//! - [`search`]: the query language, folding and the ranking engine;
//! - [`reader`]: the interactive terminal UI, the only layer that knows the
//!   terminal;
//! - [`cli`]: the command line, which hands items to the reader or prints them.
//!
//! Lower layers never import higher ones.

pub mod archive;
pub mod cli;
pub mod config;
pub mod feeds;
pub mod reader;
pub mod search;
