//! The archive layer: the news item model and where items come from.
//!
//! Owns the item model ([`item`]), the plain-text archive format ([`dateline`],
//! [`parse`]), the JSON form ([`json`]) and the sources text is read from
//! ([`source`]: files, standard input, the embedded archive), and text made
//! safe ([`sanitize`]) and comparable ([`accents`]). Knows nothing of
//! search, the store or the terminal.

pub mod accents;
pub mod dateline;
pub mod item;
pub mod json;
pub mod parse;
#[cfg(any(test, feature = "sample"))]
pub mod sample;
pub mod sanitize;
pub mod source;
pub mod state;
#[cfg(test)]
pub(crate) mod test_support;
