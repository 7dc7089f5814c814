//! HTML from feeds turned into canonical plain-text paragraphs for the reader.
//!
//! Built on html5ever's tokenizer rather than a DOM: one pass, no recursion, so
//! huge or absurdly nested markup costs linear time and cannot overflow the
//! stack. The tokenizer decodes entities and knows which elements hold raw
//! text (scripts, styles); this module decides where lines and paragraphs
//! break. html2text was tried first, but it lays tables out in padded columns
//! and links as footnotes, and wraps to a width, none of which the reader wants.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::archive::parse::normalize_body;
use crate::archive::sanitize::{CarriageReturns, sanitize};
use layout::Builder;
pub(crate) use layout::is_followable;

mod layout;

/// HTML (or plain text) to canonical plain-text paragraphs (see
/// [`FeedItem::body`](super::parse::FeedItem::body)): scripts and styles
/// dropped, entities decoded, inline markup plain, links as `text (url)`,
/// list items and table rows one per line, no wrapping; sanitized.
pub fn html_to_text(html: &str) -> String {
    let sink = Sink(RefCell::new(Builder::default()));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    for chunk in chunks(html, CHUNK_BYTES) {
        queue.push_back(StrTendril::from_slice(chunk));
    }
    // The sink never asks to pause for a script, so one feed takes it all.
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let text = tokenizer.sink.0.into_inner().out;
    canonical(&text)
}

/// Sanitized text in canonical form: lines trimmed, paragraphs separated by
/// exactly one blank line.
pub(super) fn canonical(text: &str) -> String {
    let clean = sanitize(text, CarriageReturns::ToNewlines);
    let mut out = String::with_capacity(clean.len());
    normalize_body(&clean, &mut out);
    out
}

/// Tendrils hold at most 4 GiB; feeding pieces keeps any input in bounds.
const CHUNK_BYTES: usize = 1 << 20;

/// `text` in pieces of at most about `size` bytes, split on char boundaries.
fn chunks(text: &str, size: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = size.min(rest.len());
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (chunk, tail) = rest.split_at(end);
        rest = tail;
        Some(chunk)
    })
}

struct Sink(RefCell<Builder>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line_number: u64) -> TokenSinkResult<()> {
        let mut builder = self.0.borrow_mut();
        match token {
            Token::CharacterTokens(text) => builder.text(&text),
            Token::TagToken(tag) => return builder.tag(&tag),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
pub(crate) mod tests;
