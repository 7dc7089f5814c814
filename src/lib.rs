//! migranews: a terminal reader for regional migration news.
//!
//! The crate is layered; data flows one way, from the bottom up:
//!
//! - [`archive`]: the item model and where items come from (the text and JSON
//!   formats, files, standard input, the embedded archive);
//! - [`store`]: the SQLite file keeping fetched and imported items offline,
//!   loaded back as an archive (above `archive`; it never imports `feeds`,
//!   the reader, the command line or ratatui);
//! - [`search`]: the query language, folding and the ranking engine;
//! - [`reader`]: the interactive terminal UI, the only layer that knows the
//!   terminal;
//! - [`cli`]: the command line, which hands items to the reader or prints them.
//!
//! Lower layers never import higher ones.

pub mod archive;
pub mod cli;
pub mod reader;
pub mod search;
pub mod store;
