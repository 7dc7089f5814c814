//! Opening and copying an item's link: which links are allowed, which browser opens them, the OSC 52 copy.
//!
//! Only http(s) links are ever opened or copied: a feed's `javascript:` or
//! `file:` link, or one with spaces or controls, is refused. Browsers run
//! without a shell, the link one argument of their own, so no link can
//! become a command.

use std::ffi::OsString;
use std::path::Path;

use crossterm::Command;
use crossterm::clipboard::CopyToClipboard;

/// Text browsers that need the terminal while they run.
const TEXT_BROWSERS: &[&str] = &[
    "w3m",
    "lynx",
    "links",
    "links2",
    "elinks",
    "browsh",
    "carbonyl",
    "www-browser",
];

/// The link, if it may be opened or copied; else why not, in a few words.
pub fn checked_link(link: &str) -> Result<&str, String> {
    let link = link.trim();
    if link.is_empty() {
        return Err("this item has no link".into());
    }
    let scheme_end = link.find("://").unwrap_or(0);
    let scheme = link[..scheme_end].to_ascii_lowercase();
    let well_formed =
        !link.chars().any(|c| c.is_whitespace() || c.is_control()) && link.len() > scheme_end + 3;
    if (scheme == "http" || scheme == "https") && well_formed {
        Ok(link)
    } else {
        Err("not an http(s) link, not opened".into())
    }
}

/// How a link gets opened here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opener {
    /// `$BROWSER`: the program and its arguments; the link goes last, or in
    /// place of a `%s`. A text browser gets the terminal while it runs.
    Command {
        program: String,
        args: Vec<String>,
        text_mode: bool,
    },
    /// The platform's opener (xdg-open, open, start), through `webbrowser`.
    Platform,
    /// No browser can show anything here (over SSH with no display): the
    /// link is copied and shown instead.
    Nowhere,
}

impl Opener {
    /// From the environment: `$BROWSER`, else the platform's opener when
    /// there is a display to open on.
    pub fn from_env(var: impl Fn(&str) -> Option<OsString>) -> Self {
        let set = |name: &str| var(name).is_some_and(|value| !value.is_empty());
        if let Some(browser) = var("BROWSER").and_then(|value| value.into_string().ok())
            && let Some(program) = browser.split_whitespace().next()
        {
            let name = Path::new(program)
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or(program);
            return Opener::Command {
                program: program.to_string(),
                args: browser
                    .split_whitespace()
                    .skip(1)
                    .map(String::from)
                    .collect(),
                text_mode: TEXT_BROWSERS.contains(&name),
            };
        }
        let display =
            cfg!(target_os = "macos") || cfg!(windows) || set("DISPLAY") || set("WAYLAND_DISPLAY");
        if display {
            Opener::Platform
        } else {
            Opener::Nowhere
        }
    }

    /// The command line for `link`, for [`Opener::Command`].
    pub fn command_line(&self, link: &str) -> Option<(String, Vec<String>)> {
        let Opener::Command { program, args, .. } = self else {
            return None;
        };
        let mut args: Vec<String> = args.clone();
        match args.iter_mut().find(|arg| arg.contains("%s")) {
            Some(arg) => *arg = arg.replace("%s", link),
            None => args.push(link.to_string()),
        }
        Some((program.clone(), args))
    }
}

/// The escape sequence that puts `text` on the clipboard (OSC 52); inside
/// tmux, wrapped so that tmux passes it on to the terminal.
pub fn osc52(text: &str, in_tmux: bool) -> String {
    let mut sequence = String::new();
    // Writing into a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text.as_bytes()).write_ansi(&mut sequence);
    if in_tmux {
        format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"))
    } else {
        sequence
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opener(vars: &[(&str, &str)]) -> Opener {
        Opener::from_env(|name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| OsString::from(value))
        })
    }

    #[test]
    fn only_web_links_pass() {
        assert_eq!(
            checked_link(" https://iom.int/a?b=1 "),
            Ok("https://iom.int/a?b=1")
        );
        assert_eq!(checked_link("HTTP://iom.int"), Ok("HTTP://iom.int"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "https://a.org/x y",
            "https://a.org/\u{1b}]0;x",
            "ftp://a.org",
            "iom.int",
        ] {
            assert_eq!(
                checked_link(bad),
                Err("not an http(s) link, not opened".into()),
                "{bad}"
            );
        }
        assert_eq!(checked_link(""), Err("this item has no link".into()));
    }

    #[test]
    fn browser_from_the_environment() {
        assert_eq!(
            opener(&[("BROWSER", "/usr/bin/w3m -o x"), ("DISPLAY", ":0")]),
            Opener::Command {
                program: "/usr/bin/w3m".into(),
                args: vec!["-o".into(), "x".into()],
                text_mode: true,
            }
        );
        let firefox = opener(&[("BROWSER", "firefox --new-tab %s")]);
        assert_eq!(
            firefox.command_line("https://a.org"),
            Some((
                "firefox".into(),
                vec!["--new-tab".into(), "https://a.org".into()]
            ))
        );
        if !cfg!(target_os = "macos") && !cfg!(windows) {
            assert_eq!(opener(&[("DISPLAY", ":0")]), Opener::Platform);
            assert_eq!(opener(&[("SSH_TTY", "/dev/pts/1")]), Opener::Nowhere);
            assert_eq!(opener(&[("BROWSER", "")]), Opener::Nowhere);
        }
    }

    #[test]
    fn osc52_is_wrapped_for_tmux() {
        assert_eq!(osc52("hi", false), "\x1b]52;c;aGk=\x1b\\");
        assert_eq!(
            osc52("hi", true),
            "\x1bPtmux;\x1b\x1b]52;c;aGk=\x1b\x1b\\\x1b\\"
        );
    }
}
