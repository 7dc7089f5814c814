//! migranews: a terminal reader for regional migration news.
//!
//! The crate is layered; data flows one way, from the bottom up:
//!
//! - [`archive`]: the item model and where items come from (the text and JSON
//!   formats, files, standard input, the embedded archive), and the one
//!   sanitizer every outside text goes through;
//! - [`feeds`]: fetching RSS, Atom and JSON feeds over HTTP (or from disk),
//!   parsing them and turning their HTML into plain text;
//! - [`store`]: the SQLite file keeping fetched and imported items offline,
//!   loaded back as an archive; it never imports `feeds`;
//! - [`config`]: the config and data folders, the hand-edited feed list and
//!   settings, OPML;
//! - [`update`]: fetching every feed of the list into the store, for the
//!   command line and the reader alike;
//! - [`places`]: the gazetteer, which countries each item names, and
//!   items counted by place and by period;
//! - [`search`]: the query language, folding and the ranking engine;
//! - [`reader`]: the interactive terminal UI, the only layer that knows the
//!   terminal;
//! - [`cli`]: the command line, which runs the commands, hands items to the
//!   reader or prints them.
//!
//! Lower layers never import higher ones; none but the reader imports ratatui.

pub mod archive;
pub mod cli;
pub mod config;
pub mod feeds;
pub mod places;
pub mod reader;
pub mod search;
pub mod store;
pub mod update;
