//! The settings, `config.toml`: optional, hand-edited, never fatal.
//!
//! A key migranews does not know, or a value of the wrong kind, is reported
//! (naming the key) and the default is used: a typo in the settings must not
//! stop anyone from reading the news.

use std::fs;
use std::io;
use std::path::Path;

use toml_edit::{DocumentMut, Item};

/// Every setting, with its default when the file does not set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Feeds fetched at once by `migranews fetch` and the reader's Ctrl-R.
    pub fetch_jobs: usize,
    /// Seconds a feed may take, body included.
    pub fetch_timeout_secs: u64,
    /// Whether `y` copies links with OSC 52 (some terminals refuse it).
    pub osc52: bool,
    /// Whether the reader takes clicks and the wheel.
    pub mouse: bool,
    /// Colours for a dark or a light terminal, or asked of the terminal.
    pub theme: ThemeChoice,
    /// The widest an article's lines get, in cells.
    pub text_width: u16,
    /// The list's share of the width, in percent, beside the article.
    pub list_share: u16,
    /// How many queries the history keeps.
    pub history_size: usize,
}

/// Which colours the reader uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// Asks the terminal its background (OSC 11); dark when it does not say.
    #[default]
    Auto,
    Dark,
    Light,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            fetch_jobs: 8,
            fetch_timeout_secs: 30,
            osc52: true,
            mouse: true,
            theme: ThemeChoice::Auto,
            text_width: 88,
            list_share: 60,
            history_size: 1000,
        }
    }
}

/// Settings as read, plus what was wrong with the file.
#[derive(Debug, Default)]
pub struct LoadedSettings {
    pub settings: Settings,
    /// One line each, naming the file and the key.
    pub problems: Vec<String>,
}

impl Settings {
    /// Reads `path`; a missing file gives the defaults without a problem.
    pub fn load(path: &Path) -> LoadedSettings {
        let mut loaded = LoadedSettings::default();
        let name = path.display();
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return loaded,
            Err(error) => {
                loaded.problems.push(format!("{name}: {error}"));
                return loaded;
            }
        };
        let document: DocumentMut = match text.parse() {
            Ok(document) => document,
            Err(error) => {
                let problem = super::toml_error(&name.to_string(), &text, &error);
                loaded.problems.push(problem);
                return loaded;
            }
        };
        for (section, item) in document.iter() {
            let Some(table) = item.as_table_like() else {
                loaded
                    .problems
                    .push(format!("{name}: '{section}' must be a [{section}] table"));
                continue;
            };
            for (key, value) in table.iter() {
                let full = format!("{section}.{key}");
                if let Err(expected) = loaded.settings.set(&full, value) {
                    loaded.problems.push(format!("{name}: {full}: {expected}"));
                }
            }
        }
        loaded
    }

    /// Sets one key; on a bad key or value, what was expected.
    fn set(&mut self, key: &str, value: &Item) -> Result<(), String> {
        match key {
            "fetch.jobs" => self.fetch_jobs = number(value, 1, 64)? as usize,
            "fetch.timeout" => self.fetch_timeout_secs = number(value, 1, 3600)? as u64,
            "reader.osc52" => self.osc52 = boolean(value)?,
            "reader.mouse" => self.mouse = boolean(value)?,
            "reader.theme" => {
                self.theme = match value.as_str() {
                    Some("auto") => ThemeChoice::Auto,
                    Some("dark") => ThemeChoice::Dark,
                    Some("light") => ThemeChoice::Light,
                    _ => {
                        return Err("expected \"auto\", \"dark\" or \"light\", default used".into());
                    }
                }
            }
            "reader.text_width" => self.text_width = number(value, 40, 400)? as u16,
            "reader.list_share" => self.list_share = number(value, 30, 80)? as u16,
            "reader.history_size" => self.history_size = number(value, 0, 100_000)? as usize,
            _ => return Err("unknown setting, ignored".into()),
        }
        Ok(())
    }
}

fn boolean(value: &Item) -> Result<bool, String> {
    value
        .as_bool()
        .ok_or_else(|| "expected true or false, default used".to_string())
}

fn number(value: &Item, min: i64, max: i64) -> Result<i64, String> {
    match value.as_integer() {
        Some(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "expected a whole number from {min} to {max}, default used"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> LoadedSettings {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, text).unwrap();
        let mut loaded = Settings::load(&path);
        let shown = path.display().to_string();
        for problem in &mut loaded.problems {
            *problem = problem.replace(&shown, "config.toml");
        }
        loaded
    }

    #[test]
    fn a_missing_file_is_the_defaults() {
        let loaded = Settings::load(Path::new("/nonexistent/config.toml"));
        assert_eq!(loaded.settings, Settings::default());
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn known_keys_are_read() {
        let loaded = load("[fetch]\njobs = 3\ntimeout = 5\n");
        assert_eq!(loaded.settings.fetch_jobs, 3);
        assert_eq!(loaded.settings.fetch_timeout_secs, 5);
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn bad_keys_and_values_are_named_and_defaults_kept() {
        let loaded = load("level = 1\n[fetch]\njobs = 0\ntimeot = 5\ntimeout = \"x\"\n");
        assert_eq!(loaded.settings, Settings::default());
        assert_eq!(
            loaded.problems,
            [
                "config.toml: 'level' must be a [level] table",
                "config.toml: fetch.jobs: expected a whole number from 1 to 64, default used",
                "config.toml: fetch.timeot: unknown setting, ignored",
                "config.toml: fetch.timeout: expected a whole number from 1 to 3600, default used",
            ]
        );
    }

    #[test]
    fn the_readers_settings_are_read_and_checked() {
        let loaded = load(
            "[reader]\ntheme = \"light\"\ntext_width = 100\nlist_share = 45\nhistory_size = 5\nmouse = false\n",
        );
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let settings = loaded.settings;
        assert_eq!(settings.theme, ThemeChoice::Light);
        assert_eq!((settings.text_width, settings.list_share), (100, 45));
        assert_eq!(settings.history_size, 5);
        assert!(!settings.mouse);
        let loaded = load("[reader]\ntheme = \"solarized\"\ntext_width = 10\nlist_share = 95\n");
        assert_eq!(loaded.settings, Settings::default());
        assert_eq!(
            loaded.problems,
            [
                "config.toml: reader.theme: expected \"auto\", \"dark\" or \"light\", default used",
                "config.toml: reader.text_width: expected a whole number from 40 to 400, default used",
                "config.toml: reader.list_share: expected a whole number from 30 to 80, default used",
            ]
        );
    }

    #[test]
    fn a_broken_file_is_reported_with_its_line_and_defaults_used() {
        let loaded = load("# settings\n[fetch]\njobs = 3\ntimeout = \"5\n");
        assert_eq!(loaded.settings, Settings::default());
        assert_eq!(loaded.problems.len(), 1);
        assert!(
            loaded.problems[0].starts_with("config.toml:4: "),
            "{:?}",
            loaded.problems
        );
    }
}
