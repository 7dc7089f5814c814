//! The terminal's background, light or dark: from `COLORFGBG`, or asked with OSC 11.
//!
//! The question is followed by a device-attributes request (DA1), which
//! every terminal answers and answers in order: once its reply is in, a
//! terminal that ignored OSC 11 has said all it will, so no one waits for
//! a timeout, and no late reply is left to be read as keystrokes.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

/// How long a terminal gets to answer at all (a slow ssh link, say).
const ANSWER_WITHIN: Duration = Duration::from_millis(250);
/// More than both replies ever take; a terminal sending more is ignored.
const MAX_REPLY: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    Light,
    Dark,
}

/// `COLORFGBG` is `FG;BG` (sometimes `FG;X;BG`) in the 16 ANSI colours:
/// 7 and 9-15 but 8 are light backgrounds.
pub fn from_colorfgbg(value: &str) -> Option<Background> {
    let background: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    match background {
        7 | 9..=15 => Some(Background::Light),
        0..=6 | 8 => Some(Background::Dark),
        _ => None,
    }
}

/// Reads the answer to OSC 11, `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ending in
/// BEL or ST, wherever it is in `reply`. Each channel has 1 to 4 hex digits.
pub fn parse_reply(reply: &[u8]) -> Option<Background> {
    let reply = String::from_utf8_lossy(reply);
    let start = reply.find("]11;rgb:")? + "]11;rgb:".len();
    let rest = &reply[start..];
    let end = rest.find(['\x07', '\x1b']).unwrap_or(rest.len());
    let mut channels = rest[..end].split('/').map(|hex| {
        let digits = hex.len();
        let value = u32::from_str_radix(hex, 16).ok()?;
        (1..=4)
            .contains(&digits)
            .then(|| f64::from(value) / f64::from((1u32 << (4 * digits)) - 1))
    });
    let (red, green, blue) = (channels.next()??, channels.next()??, channels.next()??);
    // Relative luminance, near enough for light or dark.
    let luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    Some(if luminance > 0.5 {
        Background::Light
    } else {
        Background::Dark
    })
}

/// Whether `bytes` hold a DA1 reply, `ESC [ ? … c`: the end of the answers.
fn has_attributes_reply(bytes: &[u8]) -> bool {
    bytes.windows(3).enumerate().any(|(at, window)| {
        window == b"\x1b[?"
            && bytes[at + 3..]
                .iter()
                .find(|byte| !(byte.is_ascii_digit() || **byte == b';'))
                .is_some_and(|end| *end == b'c')
    })
}

/// Asks the controlling terminal; raw mode must be on and nothing else
/// reading it. `None` when it does not say.
pub fn ask() -> Option<Background> {
    let mut tty = File::options()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    tty.write_all(b"\x1b]11;?\x1b\\\x1b[c").ok()?;
    tty.flush().ok()?;
    let deadline = Instant::now() + ANSWER_WITHIN;
    let mut reply = Vec::new();
    let mut chunk = [0u8; 64];
    while !has_attributes_reply(&reply) && reply.len() < MAX_REPLY {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || !readable(&tty, left) {
            break;
        }
        match tty.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(read) => reply.extend_from_slice(&chunk[..read]),
        }
    }
    parse_reply(&reply)
}

/// Waits up to `timeout` for `file` to have bytes to read.
fn readable(file: &File, timeout: Duration) -> bool {
    let mut poll = libc::pollfd {
        fd: file.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd for the duration of the call.
    let ready = unsafe { libc::poll(&mut poll, 1, millis) };
    ready > 0 && poll.revents & libc::POLLIN != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_in_every_digit_count_and_terminator() {
        let cases: [(&[u8], Option<Background>); 7] = [
            (b"\x1b]11;rgb:0000/0000/0000\x1b\\", Some(Background::Dark)),
            (b"\x1b]11;rgb:ffff/ffff/ffff\x07", Some(Background::Light)),
            // Solarized light and dark.
            (b"\x1b]11;rgb:fdfd/f6f6/e3e3\x1b\\", Some(Background::Light)),
            (b"\x1b]11;rgb:00/2b/36\x07", Some(Background::Dark)),
            (
                b"\x1b]11;rgb:f/f/f\x1b\\\x1b[?62;22c",
                Some(Background::Light),
            ),
            (b"\x1b[?1;2c", None),
            (b"\x1b]11;rgb:zz/00/00\x07", None),
        ];
        for (reply, expected) in cases {
            assert_eq!(parse_reply(reply), expected, "{reply:?}");
        }
    }

    #[test]
    fn colorfgbg_names_the_background_last() {
        assert_eq!(from_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(from_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(from_colorfgbg("0;default;15"), Some(Background::Light));
        assert_eq!(from_colorfgbg("default"), None);
    }

    #[test]
    fn the_attributes_reply_ends_the_answers() {
        assert!(has_attributes_reply(b"\x1b]11;rgb:0/0/0\x07\x1b[?64;1;2c"));
        assert!(!has_attributes_reply(b"\x1b]11;rgb:0/0/0\x07\x1b[?64;1"));
        assert!(!has_attributes_reply(b"\x1b[?"));
    }
}
