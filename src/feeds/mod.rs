//! The feeds layer: fetching RSS, Atom and JSON feeds, parsing them, and turning their HTML into text.
//!
//! What it owns, bottom to top:
//!
//! - [`fetch`]: one feed over HTTP(S) (conditional requests, manual
//!   redirects, one deadline, a body limit counted after decompression,
//!   proxies from the environment) or from disk, and which addresses are
//!   accepted at all;
//! - [`parse`]: bytes to plain-text items with feed-rs, after decoding the
//!   charset, checking the document is whole and repairing the XML defects
//!   real feeds have (private modules `decode`, `document` and `repair`);
//! - [`html`]: HTML to canonical plain-text paragraphs;
//! - [`pool`]: many feeds on a few worker threads, results back on the
//!   calling thread.
//!
//! Every string that leaves the layer is sanitized. The layer sits above
//! `archive` (whose sanitizer and paragraph normaliser it uses), below the
//! store and the reader, and never imports ratatui, the store or the reader.
//!
//! Tests run real servers on 127.0.0.1 from `tests/support/http.rs`, which
//! unit tests reach as `feeds::test_server` and integration tests as
//! `support::http` (see that file).

mod address;
mod decode;
mod document;
pub mod fetch;
pub mod html;
pub mod parse;
pub mod pool;
mod repair;

#[cfg(test)]
#[path = "../../tests/support/http.rs"]
pub(crate) mod test_server;

pub use fetch::{
    FeedAddress, FetchError, FetchOptions, FetchRequest, Fetched, Fetcher, check_feed_address,
};
pub use html::html_to_text;
pub use parse::{FeedItem, ParseError, ParsedFeed, parse_feed};
pub use pool::{FeedFailure, FeedUpdate, fetch_all, on_worker_thread};
