//! Text from outside made safe for a terminal: escape sequences, control and bidi characters removed.
//!
//! Every source goes through here before its text is stored or shown: archive
//! files, standard input, JSON, feeds. A sequence is removed whole, so
//! `ESC ] 0 ; title BEL` leaves nothing behind, not `]0;title`. What stays is
//! printable text plus newlines and tabs (and, for text the archive parser
//! reads next, carriage returns, which it treats as line ends).

use std::borrow::Cow;

const ESC: char = '\u{1B}';
const BEL: char = '\u{07}';
/// The 8-bit forms of the sequence introducers (C1 controls).
const C1_DCS: char = '\u{90}';
const C1_SOS: char = '\u{98}';
const C1_CSI: char = '\u{9B}';
const C1_ST: char = '\u{9C}';
const C1_OSC: char = '\u{9D}';
const C1_PM: char = '\u{9E}';
const C1_APC: char = '\u{9F}';

/// What happens to carriage returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarriageReturns {
    /// Kept, for the archive parser, which reads `\r` and `\r\n` as line ends.
    Keep,
    /// `\r\n` and a lone `\r` become `\n`.
    ToNewlines,
}

/// `text` without terminal escape sequences, C0 and C1 controls other than
/// newline and tab, DEL and bidi overrides. Borrowed when nothing had to go,
/// which a fast scan decides for the common case of clean text.
pub fn sanitize(text: &str, carriage_returns: CarriageReturns) -> Cow<'_, str> {
    match first_suspect(text.as_bytes(), carriage_returns) {
        None => Cow::Borrowed(text),
        Some(at) => Cow::Owned(sanitize_from(text, at, carriage_returns)),
    }
}

/// Whether [`sanitize`] would change `text`.
pub fn is_clean(text: &str, carriage_returns: CarriageReturns) -> bool {
    matches!(sanitize(text, carriage_returns), Cow::Borrowed(_))
}

/// Texts at least this large are scanned by two threads: an archive of
/// hundreds of megabytes is scanned whole on every load.
const PARALLEL_SCAN_MIN_BYTES: usize = 8 << 20;

/// The byte offset of the first character that may need removing. Exact for
/// controls; a false alarm on other characters starting with 0xC2 or 0xE2
/// (accents, typographic quotes) costs only a closer look.
fn first_suspect(bytes: &[u8], carriage_returns: CarriageReturns) -> Option<usize> {
    let two_cores = std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2);
    if !two_cores || bytes.len() < PARALLEL_SCAN_MIN_BYTES {
        return first_suspect_in(bytes, 0..bytes.len(), carriage_returns);
    }
    // A multiple of 8, so both halves scan the same words as one pass would.
    let middle = bytes.len() / 2 / 8 * 8;
    std::thread::scope(|scope| {
        let head = scope.spawn(|| first_suspect_in(bytes, 0..middle, carriage_returns));
        let tail = first_suspect_in(bytes, middle..bytes.len(), carriage_returns);
        head.join().expect("scanning thread panicked").or(tail)
    })
}

/// [`first_suspect`] within `range` of `bytes`, eight bytes at a time.
/// The masks are exact per byte (no borrow crosses bytes), so newlines and
/// tabs, one a line, can be told apart from controls without a closer look.
fn first_suspect_in(
    bytes: &[u8],
    range: std::ops::Range<usize>,
    carriage_returns: CarriageReturns,
) -> Option<usize> {
    const LOW7: u64 = u64::from_ne_bytes([0x7F; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const fn splat(byte: u8) -> u64 {
        u64::from_ne_bytes([byte; 8])
    }
    // The high bit of each byte of `word` below 0x20.
    let below_0x20 = |word: u64| !(((word & LOW7) + splat(0x60)) | word) & HIGHS;
    // The high bit of each zero byte of `word`.
    let zero = |word: u64| !(((word & LOW7) + LOW7) | word) & HIGHS;
    // Bytes below 0x20 but newlines and tabs, DEL, and the lead bytes of C1
    // controls (0xC2) and bidi controls (0xE2).
    let suspicious = |word: u64| {
        (below_0x20(word) & !zero(word ^ splat(b'\n')) & !zero(word ^ splat(b'\t')))
            | zero(word ^ splat(0x7F))
            | zero(word ^ splat(0xC2))
            | zero(word ^ splat(0xE2))
    };
    let mut chunks = bytes[range.clone()].chunks_exact(8);
    let mut offset = range.start;
    for chunk in chunks.by_ref() {
        let word = u64::from_ne_bytes(chunk.try_into().expect("8 bytes"));
        if suspicious(word) != 0
            && let Some(at) = suspect_in(chunk, offset, bytes, carriage_returns)
        {
            return Some(at);
        }
        offset += 8;
    }
    suspect_in(chunks.remainder(), offset, bytes, carriage_returns)
}

/// The first byte of `chunk` (at `offset` in `bytes`) that starts a character
/// to remove.
fn suspect_in(
    chunk: &[u8],
    offset: usize,
    bytes: &[u8],
    carriage_returns: CarriageReturns,
) -> Option<usize> {
    (0..chunk.len())
        .map(|i| offset + i)
        .find(|&at| match bytes[at] {
            b'\n' | b'\t' => false,
            b'\r' => carriage_returns == CarriageReturns::ToNewlines,
            0x00..=0x1F | 0x7F => true,
            // U+0080..=U+009F: C1 controls.
            0xC2 => bytes.get(at + 1).is_some_and(|b| (0x80..=0x9F).contains(b)),
            // U+202A..=U+202E and U+2066..=U+2069: bidi embeddings, overrides
            // and isolates.
            0xE2 => matches!(
                (bytes.get(at + 1), bytes.get(at + 2)),
                (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
            ),
            _ => false,
        })
}

fn sanitize_from(text: &str, start: usize, carriage_returns: CarriageReturns) -> String {
    let mut clean = String::with_capacity(text.len());
    clean.push_str(&text[..start]);
    let mut chars = text[start..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => clean.push(c),
            '\r' if carriage_returns == CarriageReturns::Keep => clean.push(c),
            '\r' => {
                chars.next_if_eq(&'\n');
                clean.push('\n');
            }
            ESC => skip_escape_sequence(&mut chars),
            C1_CSI => skip_csi_body(&mut chars),
            C1_OSC | C1_DCS | C1_SOS | C1_PM | C1_APC => skip_string_body(&mut chars),
            c if is_removed(c) => {}
            c => clean.push(c),
        }
    }
    clean
}

/// `text` with every character [`sanitize`] would remove written as an
/// escape (`\x1b`, `\u{202e}`) instead: for names that must stay
/// recognisable, such as file names in messages.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    // Newlines and tabs too: a name is one line.
    let escaped = |c: char| is_removed(c) || c.is_control();
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if escaped(c) && (c as u32) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if escaped(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Controls and bidi formatting characters that never reach the terminal.
fn is_removed(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After an ESC: the rest of the sequence, whatever its kind.
fn skip_escape_sequence(chars: &mut Chars<'_>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi_body(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string_body(chars);
        }
        // Other sequences: intermediate bytes, then one final byte.
        Some(_) => {
            while chars
                .next_if(|c| ('\u{20}'..='\u{2F}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{30}'..='\u{7E}').contains(c));
        }
        None => {}
    }
}

/// A CSI's parameters and intermediates, then its final byte. Stops early,
/// without consuming, at anything that cannot be part of one, so that a
/// malformed sequence never eats the text after it.
fn skip_csi_body(chars: &mut Chars<'_>) {
    while chars
        .next_if(|c| ('\u{20}'..='\u{3F}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7E}').contains(c));
}

/// An OSC, DCS, SOS, PM or APC string, up to its terminator (BEL, ESC \ or
/// ST). An unterminated one ends at the line's end, so one stray introducer
/// cannot swallow a whole file.
fn skip_string_body(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        match c {
            BEL | C1_ST => {
                chars.next();
                return;
            }
            ESC => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            '\n' | '\r' => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn clean(text: &str) -> String {
        sanitize(text, CarriageReturns::ToNewlines).into_owned()
    }

    #[test]
    fn the_word_scan_finds_what_a_byte_scan_finds() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        for carriage_returns in [CarriageReturns::Keep, CarriageReturns::ToNewlines] {
            // Each byte value at each position of a word, among letters,
            // newlines and tabs.
            for &byte in &bytes {
                for at in 0..16 {
                    let mut text = b"ab\ncd\tefgh\nijklmnop".to_vec();
                    text[at] = byte;
                    text.extend_from_slice(&[0x80, 0xAA]);
                    let scanned = first_suspect_in(&text, 0..text.len(), carriage_returns);
                    let by_byte = suspect_in(&text, 0, &text, carriage_returns);
                    assert_eq!(scanned, by_byte, "byte {byte:#x} at {at}");
                }
            }
        }
    }

    #[test]
    fn clean_text_is_borrowed() {
        let text = "México “quoted” — ñandú\n\tindented 移民 😀";
        assert!(matches!(
            sanitize(text, CarriageReturns::ToNewlines),
            Cow::Borrowed(_)
        ));
        assert!(is_clean("a\r\nb", CarriageReturns::Keep));
        assert!(!is_clean("a\r\nb", CarriageReturns::ToNewlines));
    }

    #[test]
    fn sequences_are_removed_whole() {
        assert_eq!(clean("a\x1b]0;evil title\x07b"), "ab");
        assert_eq!(clean("a\x1b]52;c;ZXZpbA==\x1b\\b"), "ab");
        assert_eq!(clean("\x1b[2J\x1b[31mred\x1b[0m"), "red");
        assert_eq!(clean("x\x1b[?1049hy"), "xy");
        assert_eq!(clean("a\x1bPq#0;2;0;0;0\x1b\\b"), "ab");
        assert_eq!(clean("a\x1b_apc\x1b\\b\x1b^pm\x07c"), "abc");
        assert_eq!(clean("a\x1bcb"), "ab", "RIS");
        assert_eq!(clean("a\x1b(Bb"), "ab", "charset designation");
        assert_eq!(clean("tail\x1b"), "tail");
    }

    #[test]
    fn eight_bit_introducers_are_removed_whole() {
        assert_eq!(clean("a\u{9b}31mb"), "ab");
        assert_eq!(clean("a\u{9d}0;title\u{9c}b"), "ab");
        assert_eq!(clean("a\u{85}b\u{80}"), "ab");
    }

    #[test]
    fn an_unterminated_string_stops_at_the_line_end() {
        assert_eq!(clean("a\x1b]0;title\nnext line"), "a\nnext line");
        assert_eq!(clean("a\x1b[\nb"), "a\nb");
    }

    #[test]
    fn controls_and_bidi_overrides_go_newlines_and_tabs_stay() {
        assert_eq!(clean("a\0b\x08c\x7fd"), "abcd");
        assert_eq!(clean("l\u{202E}txt.exe\u{2066}x\u{2069}"), "ltxt.exex");
        assert_eq!(
            clean("one\r\ntwo\rthree\n\tfour"),
            "one\ntwo\nthree\n\tfour"
        );
        assert_eq!(
            sanitize("one\r\ntwo\x07", CarriageReturns::Keep),
            "one\r\ntwo"
        );
    }

    #[test]
    fn names_keep_their_controls_visible() {
        assert_eq!(escape_controls("news.txt"), "news.txt");
        assert_eq!(
            escape_controls("a\x1b]0;x\x07\u{202e}b\nc"),
            "a\\x1b]0;x\\x07\\u{202e}b\\x0ac"
        );
    }

    fn is_safe(text: &str) -> bool {
        text.chars().all(|c| {
            (!c.is_control() || c == '\n' || c == '\t')
                && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
    }

    proptest! {
        #[test]
        fn output_is_always_safe(text in "(\\PC|[\\x00-\\x1f\\x7f\u{80}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}\\[\\]\\\\;0-9])*") {
            let cleaned = clean(&text);
            prop_assert!(is_safe(&cleaned), "{cleaned:?}");
            // Sanitizing is idempotent.
            prop_assert_eq!(clean(&cleaned), cleaned.clone());
        }

        #[test]
        fn printable_text_is_untouched(text in "[^\\p{Cc}\u{202a}-\u{202e}\u{2066}-\u{2069}]*") {
            prop_assert_eq!(clean(&text), text);
        }
    }
}
