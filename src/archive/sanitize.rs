//! Text from outside made safe for a terminal: escape sequences, control, bidi and invisible characters removed.
//!
//! Every source goes through here before its text is stored or shown: archive
//! files, standard input, JSON, feeds. A sequence is removed whole, so
//! `ESC ] 0 ; title BEL` leaves nothing behind, not `]0;title`. What stays is
//! printable text plus newlines and tabs (and, for text the archive parser
//! reads next, carriage returns, which it treats as line ends).
//!
//! Invisible format characters go too (zero-width spaces, word joiners, BOMs
//! inside text, soft hyphens, direction marks): terminals disagree on their
//! width, and a search should find `migration` in `migra\u{AD}tion`. A
//! zero-width joiner stays where it joins an emoji sequence (👨‍👩‍👧) or a
//! conjunct, that is where it is inside a grapheme.
//!
//! Halfwidth katakana become fullwidth (NFKC, `ｶﾞ` -> `ガ`): terminals draw a
//! halfwidth sound mark as a cell of its own, while ratatui counts `ｶﾞ` as
//! one grapheme of three cells, so moving off such text left stray marks
//! on screen.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

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
const ZERO_WIDTH_JOINER: char = '\u{200D}';

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
    // controls and the soft hyphen (0xC2), bidi and zero-width characters
    // (0xE2), and the BOM and halfwidth kana (0xEF).
    let suspicious = |word: u64| {
        (below_0x20(word) & !zero(word ^ splat(b'\n')) & !zero(word ^ splat(b'\t')))
            | zero(word ^ splat(0x7F))
            | zero(word ^ splat(0xC2))
            | zero(word ^ splat(0xE2))
            | zero(word ^ splat(0xEF))
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
            // U+0080..=U+009F: C1 controls; U+00AD: the soft hyphen.
            0xC2 => bytes
                .get(at + 1)
                .is_some_and(|&b| matches!(b, 0x80..=0x9F | 0xAD)),
            // U+202A..=U+202E and U+2066..=U+2069: bidi embeddings, overrides
            // and isolates; U+200B, U+200D..=U+200F and U+2060..=U+2064:
            // zero-width spaces and joiners, direction marks, word joiners.
            0xE2 => matches!(
                (bytes.get(at + 1), bytes.get(at + 2)),
                (Some(0x80), Some(0xAA..=0xAE | 0x8B | 0x8D..=0x8F))
                    | (Some(0x81), Some(0xA6..=0xA9 | 0xA0..=0xA4))
            ),
            // U+FEFF: a BOM inside text, the zero-width no-break space;
            // U+FF61..=U+FF9F: halfwidth katakana and their punctuation.
            0xEF => matches!(
                (bytes.get(at + 1), bytes.get(at + 2)),
                (Some(0xBB), Some(0xBF))
                    | (Some(0xBD), Some(0xA1..=0xBF))
                    | (Some(0xBE), Some(0x80..=0x9F))
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
            ZERO_WIDTH_JOINER if joins(&clean, chars.peek().copied()) => clean.push(c),
            c if is_halfwidth_katakana(c) => {
                // The whole run, so that a sound mark composes with its letter.
                let mut run = String::from(c);
                while let Some(next) = chars.next_if(|&next| is_halfwidth_katakana(next)) {
                    run.push(next);
                }
                // A mark with no letter to compose with keeps its spacing form.
                clean.extend(run.nfkc().map(|c| match c {
                    '\u{3099}' => '\u{309B}',
                    '\u{309A}' => '\u{309C}',
                    c => c,
                }));
            }
            c if is_removed(c) || is_invisible(c) => {}
            c => clean.push(c),
        }
    }
    clean
}

/// Invisible format characters that [`sanitize`] removes; a zero-width
/// joiner only where it joins nothing. (A zero-width non-joiner, which
/// Persian spelling needs, always attaches to the letter before it and stays.)
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | ZERO_WIDTH_JOINER | '\u{200E}' | '\u{200F}' | '\u{2060}'
            ..='\u{2064}' | '\u{FEFF}'
    )
}

/// Halfwidth katakana, their sound marks and punctuation (U+FF61..=U+FF9F).
fn is_halfwidth_katakana(c: char) -> bool {
    matches!(c, '\u{FF61}'..='\u{FF9F}')
}

/// Whether a zero-width joiner between the end of `before` and `next` makes
/// one grapheme of them: an emoji sequence or an Indic conjunct.
fn joins(before: &str, next: Option<char>) -> bool {
    let (Some(last), Some(next)) = (before.graphemes(true).next_back(), next) else {
        return false;
    };
    let mut joined = String::with_capacity(last.len() + 7);
    joined.push_str(last);
    joined.push(ZERO_WIDTH_JOINER);
    joined.push(next);
    joined.graphemes(true).nth(1).is_none()
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

    #[test]
    fn invisible_characters_go_and_joiners_inside_emoji_stay() {
        assert_eq!(
            clean("Zero\u{200B}width\u{FEFF} word\u{2060}joiner migra\u{AD}tion"),
            "Zerowidth wordjoiner migration"
        );
        assert_eq!(clean("\u{200E}left\u{200F}right"), "leftright");
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(clean(family), family);
        let skin_and_flag = "👩🏽\u{200D}💻 🏳\u{FE0F}\u{200D}🌈 🇬🇹";
        assert_eq!(clean(skin_and_flag), skin_and_flag);
        // A conjunct: ka, virama, joiner, ssa.
        let conjunct = "\u{915}\u{94D}\u{200D}\u{937}";
        assert_eq!(clean(conjunct), conjunct);
        // Joining nothing: between letters, at either end, doubled.
        assert_eq!(clean("a\u{200D}b \u{200D}x y\u{200D}"), "ab x y");
        assert_eq!(
            clean("👨\u{200D}\u{200D}👩"),
            "👨\u{200D}👩",
            "one is enough"
        );
        assert_eq!(clean("👨\u{200D}\u{200B}👩"), "👨👩");
        // The non-joiner, which Persian spelling needs, stays.
        assert_eq!(clean("می\u{200C}خواهم"), "می\u{200C}خواهم");
        // Accents, typographic marks and fullwidth forms sharing the lead
        // bytes stay.
        assert!(is_clean(
            "México — “quoted” ガ ＡＢ ￥",
            CarriageReturns::Keep
        ));
    }

    #[test]
    fn halfwidth_katakana_become_fullwidth_with_their_sound_marks() {
        assert_eq!(clean("ｶﾞｲﾄﾞ ﾎﾟｽﾄ｡"), "ガイド ポスト。");
        assert_eq!(clean("ﾞ alone"), "\u{309B} alone");
        assert!(is_clean("ガイド", CarriageReturns::Keep));
    }

    fn is_safe(text: &str) -> bool {
        text.chars().all(|c| {
            (!c.is_control() || c == '\n' || c == '\t')
                && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                && (!is_invisible(c) || c == ZERO_WIDTH_JOINER)
                && !is_halfwidth_katakana(c)
        })
    }

    proptest! {
        #[test]
        fn output_is_always_safe(text in "(\\PC|[\\x00-\\x1f\\x7f\u{80}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{ad}\u{200b}-\u{200f}\u{2060}-\u{2064}\u{feff}\u{ff61}-\u{ff9f}👨👩\\[\\]\\\\;0-9])*") {
            let cleaned = clean(&text);
            prop_assert!(is_safe(&cleaned), "{cleaned:?}");
            // Sanitizing is idempotent.
            prop_assert_eq!(clean(&cleaned), cleaned.clone());
        }

        #[test]
        fn printable_text_is_untouched(text in "[^\\p{Cc}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{ad}\u{200b}\u{200d}-\u{200f}\u{2060}-\u{2064}\u{feff}\u{ff61}-\u{ff9f}]*") {
            prop_assert_eq!(clean(&text), text);
        }
    }
}
