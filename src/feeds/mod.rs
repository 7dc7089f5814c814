//! The feeds layer: fetching RSS, Atom and JSON feeds, parsing them, and turning their HTML into text.
//!
//! - [`html`]: HTML to canonical plain-text paragraphs.
//!
//! Every string that leaves the layer is sanitized. The layer sits above
//! `archive` (whose sanitizer and paragraph normaliser it uses), below the
//! store and the reader, and never imports ratatui, the store or the reader.

pub mod html;

pub use html::html_to_text;
