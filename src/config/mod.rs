//! The config layer: where migranews keeps its files, and the ones a user edits.
//!
//! [`Paths`] finds the config folder (`$XDG_CONFIG_HOME/migranews`, else
//! `~/.config/migranews`) and the data folder (`$XDG_DATA_HOME/migranews`,
//! else `~/.local/share/migranews`), on every platform, as command-line tools
//! do. The config folder holds what a person edits by hand: the feed list
//! ([`feed_list`], `feeds.toml`) and the settings ([`settings`],
//! `config.toml`); [`opml`] converts the feed list to and from OPML. The data
//! folder holds the store. Knows nothing of the terminal.

pub mod feed_list;
pub mod opml;
pub mod settings;

use std::ffi::OsString;
use std::path::PathBuf;

use anyhow::{Result, bail};

/// The folders migranews reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
}

impl Paths {
    /// From `XDG_CONFIG_HOME`, `XDG_DATA_HOME` and `HOME`.
    pub fn from_env() -> Result<Self> {
        Self::from_vars(|name| std::env::var_os(name))
    }

    /// From the variables `var` gives, for tests.
    pub fn from_vars(var: impl Fn(&str) -> Option<OsString>) -> Result<Self> {
        // The XDG spec ignores relative paths: they would depend on the
        // folder migranews happens to be started in.
        let absolute = |name: &str| {
            var(name)
                .map(PathBuf::from)
                .filter(|path| path.is_absolute())
        };
        let home = absolute("HOME");
        let dir = |xdg: &str, fallback: &[&str]| -> Result<PathBuf> {
            let base = match (absolute(xdg), &home) {
                (Some(base), _) => base,
                (None, Some(home)) => fallback
                    .iter()
                    .fold(home.clone(), |path, part| path.join(part)),
                (None, None) => bail!("cannot find a home folder: set HOME or {xdg}"),
            };
            Ok(base.join("migranews"))
        };
        Ok(Self {
            config_dir: dir("XDG_CONFIG_HOME", &[".config"])?,
            data_dir: dir("XDG_DATA_HOME", &[".local", "share"])?,
        })
    }

    /// The feed list, `feeds.toml`.
    pub fn feeds_file(&self) -> PathBuf {
        self.config_dir.join("feeds.toml")
    }

    /// The settings, `config.toml`.
    pub fn settings_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// The queries used, a line each, for Alt-p and Alt-n.
    pub fn history_file(&self) -> PathBuf {
        self.data_dir.join("history")
    }

    /// The SQLite store.
    pub fn store_file(&self) -> PathBuf {
        self.data_dir.join("store.db")
    }
}

/// A TOML syntax error as one line naming the file and the line:
/// `feeds.toml:3: invalid string`.
fn toml_error(name: &str, text: &str, error: &toml_edit::TomlError) -> String {
    let line = error.span().map_or(1, |span| {
        1 + text[..span.start.min(text.len())].matches('\n').count()
    });
    format!("{name}:{line}: {}", error.message().trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(vars: &[(&str, &str)]) -> Result<Paths> {
        Paths::from_vars(|name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| OsString::from(value))
        })
    }

    #[test]
    fn xdg_folders_win_over_home() {
        let found = paths(&[
            ("HOME", "/home/ana"),
            ("XDG_CONFIG_HOME", "/cfg"),
            ("XDG_DATA_HOME", "/data"),
        ])
        .unwrap();
        assert_eq!(found.config_dir, PathBuf::from("/cfg/migranews"));
        assert_eq!(
            found.store_file(),
            PathBuf::from("/data/migranews/store.db")
        );
    }

    #[test]
    fn home_gives_the_defaults_and_relative_xdg_paths_are_ignored() {
        let found = paths(&[("HOME", "/home/ana"), ("XDG_DATA_HOME", "relative")]).unwrap();
        assert_eq!(
            found.feeds_file(),
            PathBuf::from("/home/ana/.config/migranews/feeds.toml")
        );
        assert_eq!(
            found.data_dir,
            PathBuf::from("/home/ana/.local/share/migranews")
        );
    }

    #[test]
    fn no_home_at_all_is_a_clear_error() {
        let error = paths(&[("XDG_DATA_HOME", "/data")]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot find a home folder: set HOME or XDG_CONFIG_HOME"
        );
    }
}
