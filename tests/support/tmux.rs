//! The reader in a real terminal: migranews runs inside a tmux server of the
//! test's own, keys go in with send-keys and the screen comes back with
//! capture-pane, polled until the expected text shows (never a fixed sleep).
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_migranews");
pub const NEWEST_HEADLINE: &str = "IOM and the RCM aim to make";
const TIMEOUT: Duration = Duration::from_secs(15);

/// A tmux server of our own, with one session running a script.
pub struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    /// Runs `command` (a shell command line) in a `width`x`height` terminal,
    /// recording the terminal's settings before and after, and its exit code.
    pub fn start(width: u16, height: u16, command: &str) -> Tmux {
        static SESSIONS: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "migranews-test-{}-{}",
            std::process::id(),
            SESSIONS.fetch_add(1, Ordering::SeqCst)
        );
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        // Config and data of its own: never the user's feeds or store.
        let script = format!(
            "export XDG_CONFIG_HOME={d}/config XDG_DATA_HOME={d}/data\nstty -g > {d}/before\n{command}\necho $? > {d}/exit.tmp && mv {d}/exit.tmp {d}/exit\nstty -g > {d}/after\necho SCRIPT-DONE\nexec sleep 600\n"
        );
        std::fs::write(dir.path().join("run.sh"), script).unwrap();
        let tmux = Tmux { socket, dir };
        let (w, h) = (width.to_string(), height.to_string());
        let run = format!("sh {}/run.sh", d);
        tmux.command(&["new-session", "-d", "-s", "t", "-x", &w, "-y", &h, &run]);
        tmux
    }

    pub fn command(&self, args: &[&str]) -> Output {
        let output = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("tmux must be installed (.ci/test installs it)");
        assert!(
            output.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }

    /// The screen with its colours and attributes as escape sequences.
    pub fn styled_screen(&self) -> String {
        String::from_utf8_lossy(
            &self
                .command(&["capture-pane", "-p", "-e", "-t", "t"])
                .stdout,
        )
        .into_owned()
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.command(&["capture-pane", "-p", "-t", "t"]).stdout)
            .into_owned()
    }

    /// Polls the screen until `ready` accepts it.
    #[track_caller]
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[track_caller]
    pub fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |screen| screen.contains(text))
    }

    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.command(&args);
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        self.command(&["send-keys", "-t", "t", "-l", text]);
    }

    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.command(&["resize-window", "-t", "t", "-x", &w, "-y", &h]);
    }

    /// Copies everything the program writes to the terminal, escape
    /// sequences included, into a file; returns its path.
    pub fn record_output(&self) -> PathBuf {
        let raw = self.file("raw.out");
        let target = format!("cat >> {}", raw.display());
        self.command(&["pipe-pane", "-o", "-t", "t", &target]);
        raw
    }

    /// The recorded output once it holds `needle`: the copy can lag the
    /// screen on a busy machine.
    #[track_caller]
    pub fn recorded_output_with(&self, raw: &std::path::Path, needle: &str) -> String {
        self.wait_for(&format!("{needle:?} in the recorded output"), |_| {
            std::fs::read(raw).is_ok_and(|bytes| String::from_utf8_lossy(&bytes).contains(needle))
        });
        String::from_utf8_lossy(&std::fs::read(raw).unwrap_or_default()).into_owned()
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Waits for the program to exit; returns its exit code after checking
    /// that the terminal was restored.
    #[track_caller]
    pub fn exit_code(&self) -> i32 {
        let exit = self.file("exit");
        self.wait_for("the program to exit", |_| exit.exists());
        let screen = self.wait_for_text("SCRIPT-DONE");
        let alternate = self.command(&["display-message", "-p", "-t", "t", "#{alternate_on}"]);
        assert_eq!(
            String::from_utf8_lossy(&alternate.stdout).trim(),
            "0",
            "alternate screen left on:\n{screen}"
        );
        let before = std::fs::read_to_string(self.file("before")).unwrap();
        let after = std::fs::read_to_string(self.file("after")).unwrap();
        assert_eq!(before, after, "stty settings were not restored");
        std::fs::read_to_string(exit)
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    }

    /// The pid of the program the script runs, found in /proc (no procps
    /// needed on a fresh machine).
    pub fn program_pid(&self) -> String {
        let shell = self.command(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
        let shell = String::from_utf8_lossy(&shell.stdout).trim().to_string();
        let child = std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .find_map(|entry| {
                let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
                // "pid (comm) state ppid ...": the comm may hold spaces, so split after ')'.
                let (head, tail) = stat.rsplit_once(')')?;
                let parent = tail.split_whitespace().nth(1)?;
                (head.ends_with("(migranews") && parent == shell)
                    .then(|| entry.file_name().to_string_lossy().into_owned())
            });
        child.unwrap_or_else(|| panic!("migranews is not running under {shell}"))
    }

    /// Sends `signal` (`TERM`, `HUP`...) to the program, with the shell's own `kill`.
    pub fn signal_program(&self, signal: &str) {
        let pid = self.program_pid();
        let status = Command::new("sh")
            .args(["-c", &format!("kill -{signal} {pid}")])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{signal} {pid}");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// Whether the filter bar shows `query` and, with no search pending, `count`.
pub fn filter_bar_settled(screen: &str, query: &str, count: &str) -> bool {
    let bar = screen.lines().next().unwrap_or("").trim_end();
    let shown_query = bar
        .strip_prefix("> ")
        .unwrap_or("")
        .split("  ")
        .next()
        .unwrap_or("")
        .trim_end();
    shown_query == query && bar.ends_with(&format!(" {count}")) && !bar.contains('…')
}

/// The selected row, without its state column (unread and starred marks,
/// which change as items are read): `> 2022-06-01 IOM and...`.
pub fn selected_row(screen: &str) -> String {
    let row = screen
        .lines()
        .skip(1)
        .find(|line| line.starts_with("> "))
        .unwrap_or("");
    let rest: String = row.chars().skip(5).collect();
    if row.is_empty() {
        String::new()
    } else {
        format!("> {rest}")
    }
}
