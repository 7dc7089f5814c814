//! The reader in a real terminal: the binary runs inside tmux, keys are sent
//! with send-keys and the screen is read with capture-pane, polling until the
//! expected text shows (never a fixed sleep).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_migranews");
const NEWEST_HEADLINE: &str = "IOM and the RCM aim to make";
const TIMEOUT: Duration = Duration::from_secs(15);

/// A tmux server of our own, with one session running a script.
struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    /// Runs `command` (a shell command line) in a `width`x`height` terminal,
    /// recording the terminal's settings before and after, and its exit code.
    fn start(width: u16, height: u16, command: &str) -> Tmux {
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

    fn command(&self, args: &[&str]) -> Output {
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
    fn styled_screen(&self) -> String {
        String::from_utf8_lossy(
            &self
                .command(&["capture-pane", "-p", "-e", "-t", "t"])
                .stdout,
        )
        .into_owned()
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.command(&["capture-pane", "-p", "-t", "t"]).stdout)
            .into_owned()
    }

    /// Polls the screen until `ready` accepts it.
    #[track_caller]
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
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
    fn wait_for_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |screen| screen.contains(text))
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.command(&args);
    }

    /// Types `text` literally.
    fn type_text(&self, text: &str) {
        self.command(&["send-keys", "-t", "t", "-l", text]);
    }

    fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.command(&["resize-window", "-t", "t", "-x", &w, "-y", &h]);
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Waits for the program to exit; returns its exit code after checking
    /// that the terminal was restored.
    #[track_caller]
    fn exit_code(&self) -> i32 {
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
    fn program_pid(&self) -> String {
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
    fn signal_program(&self, signal: &str) {
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

fn reader(args: &str) -> String {
    format!("{BIN} {args}")
}

/// Whether the filter bar shows `query` and, with no search pending, `count`.
fn filter_bar_settled(screen: &str, query: &str, count: &str) -> bool {
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

fn selected_row(screen: &str) -> &str {
    screen
        .lines()
        .skip(1)
        .find(|line| line.starts_with("> "))
        .unwrap_or("")
}

#[test]
fn browse_filter_and_quit_with_escape_twice() {
    let tmux = Tmux::start(100, 30, &reader(""));
    let screen = tmux.wait_for_text(NEWEST_HEADLINE);
    assert!(
        selected_row(&screen).starts_with("> 2022-06-01"),
        "{screen}"
    );
    assert!(screen.lines().next().unwrap().trim_end().ends_with("10/10"));

    tmux.send(&["Down"]);
    let screen = tmux.wait_for("the second row selected", |s| {
        selected_row(s).starts_with("> 2022-05-17")
    });
    assert!(
        screen.contains("CARICOM government representatives gather"),
        "{screen}"
    );

    tmux.type_text("'guatemala");
    // The screen may be caught mid-redraw: wait for the whole of it.
    let screen = tmux.wait_for("the list to narrow", |s| {
        filter_bar_settled(s, "'guatemala", "3/10")
            && !s.contains("CARICOM")
            && s.contains("Guatemala")
    });
    assert!(
        selected_row(&screen).starts_with("> 2022-03-15"),
        "{screen}"
    );

    tmux.send(&["BSpace", "BSpace", "BSpace", "BSpace", "BSpace"]);
    tmux.wait_for("the query to shrink", |s| {
        filter_bar_settled(s, "'guat", "3/10")
    });

    tmux.send(&["Escape"]);
    tmux.wait_for("the query to clear", |s| filter_bar_settled(s, "", "10/10"));
    tmux.send(&["Escape"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn reading_mode_and_ctrl_c() {
    let tmux = Tmux::start(80, 24, &reader(""));
    tmux.wait_for_text(NEWEST_HEADLINE);
    tmux.send(&["Enter"]);
    tmux.wait_for("reading mode", |s| {
        s.contains("q back") && s.contains("Wednesday, 1 June 2022")
    });
    tmux.send(&["q"]);
    tmux.wait_for_text("Enter read");
    tmux.send(&["C-c"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn resizing_down_to_1x1_and_back_redraws() {
    let tmux = Tmux::start(100, 30, &reader(""));
    tmux.wait_for_text(NEWEST_HEADLINE);
    tmux.resize(60, 24);
    tmux.wait_for("the stacked layout", |s| s.contains("────────"));
    tmux.resize(1, 1);
    tmux.wait_for("a 1x1 screen", |s| s.trim_end().len() <= 1);
    tmux.resize(100, 30);
    tmux.wait_for("the full screen again", |s| {
        s.contains(NEWEST_HEADLINE) && s.contains("F1 help")
    });
    tmux.send(&["C-q"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    let tmux = Tmux::start(100, 30, &reader(""));
    tmux.wait_for_text(NEWEST_HEADLINE);
    tmux.signal_program("TERM");
    assert_eq!(tmux.exit_code(), 128 + 15);
}

#[test]
fn sighup_and_sigint_also_restore_the_terminal() {
    for (signal, number) in [("HUP", 1), ("INT", 2)] {
        let tmux = Tmux::start(100, 30, &reader(""));
        tmux.wait_for_text(NEWEST_HEADLINE);
        tmux.signal_program(signal);
        assert_eq!(tmux.exit_code(), 128 + number, "{signal}");
    }
}

#[test]
fn piped_stdin_gives_the_items_and_the_terminal_gives_the_keys() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("piped.txt");
    std::fs::write(
        &archive,
        "3 March 2023\n\nFrom the pipe\n\nA body.\n\n2 March 2023\n\nAlso piped\n",
    )
    .unwrap();
    let tmux = Tmux::start(
        100,
        30,
        &format!("cat {} | {}", archive.display(), reader("")),
    );
    tmux.wait_for_text("From the pipe");
    tmux.type_text("also");
    tmux.wait_for("the filter to apply", |s| {
        filter_bar_settled(s, "also", "1/2")
    });
    tmux.send(&["C-u"]);
    tmux.wait_for("the query to clear", |s| filter_bar_settled(s, "", "2/2"));
    tmux.send(&["Escape"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn output_to_a_file_prints_the_list_instead() {
    let tmux = Tmux::start(
        100,
        30,
        &format!(
            "{} > {}/out.txt",
            reader(""),
            Path::new("$(dirname $0)").display()
        ),
    );
    assert_eq!(tmux.exit_code(), 0);
    let out = std::fs::read_to_string(tmux.file("out.txt")).unwrap();
    assert_eq!(out.lines().count(), 10);
    assert!(out.starts_with("2022-06-01\t"));
}

#[test]
fn ctrl_z_suspends_and_fg_resumes_with_a_full_redraw() {
    let tmux = Tmux::start(100, 30, "bash --norc --noprofile -i");
    tmux.wait_for("a shell prompt", |s| s.contains('$') || s.contains('#'));
    tmux.type_text(&format!("{BIN}; echo AFTER-STOP"));
    tmux.send(&["Enter"]);
    tmux.wait_for_text(NEWEST_HEADLINE);
    tmux.send(&["C-z"]);
    tmux.wait_for("the job to stop", |s| {
        s.contains("Stopped") && !s.contains(NEWEST_HEADLINE)
    });
    tmux.type_text("fg");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the full redraw", |s| {
        s.contains(NEWEST_HEADLINE) && s.contains("F1 help")
    });
    assert!(screen.starts_with(">"), "{screen}");
    tmux.send(&["C-c"]);
    tmux.wait_for("the shell again", |s| !s.contains(NEWEST_HEADLINE));
    tmux.type_text("exit 0");
    tmux.send(&["Enter"]);
    assert_eq!(tmux.exit_code(), 0);
}

/// Whether `styled` sets a foreground or background colour anywhere.
fn has_colour(styled: &str) -> bool {
    styled.split("\x1b[").skip(1).any(|sequence| {
        let params = sequence.split('m').next().unwrap_or("");
        params.split(';').any(|p| {
            matches!(
                p.parse::<u32>(),
                Ok(30..=37 | 40..=47 | 90..=97 | 100..=107 | 38 | 48)
            )
        })
    })
}

#[test]
fn no_color_turns_colours_off_but_keeps_the_selection_visible() {
    let tmux = Tmux::start(100, 30, &format!("NO_COLOR=1 {}", reader("")));
    tmux.wait_for_text(NEWEST_HEADLINE);
    let styled = tmux.styled_screen();
    assert!(!has_colour(&styled), "colours with NO_COLOR:\n{styled:?}");
    assert!(
        styled.contains("\x1b[1m") || styled.contains(";1m") || styled.contains("[1;"),
        "bold kept"
    );
    assert!(styled.contains("7m"), "reverse video marks the selection");
    tmux.send(&["C-c"]);
    assert_eq!(tmux.exit_code(), 0);

    let coloured = Tmux::start(100, 30, &reader(""));
    coloured.wait_for_text(NEWEST_HEADLINE);
    assert!(has_colour(&coloured.styled_screen()), "colours by default");
    coloured.send(&["C-c"]);
    assert_eq!(coloured.exit_code(), 0);
}

/// An RSS feed of the items `(guid, day of November 2026, title)`.
fn rss(items: &[(u32, u32, &str)]) -> String {
    let mut xml =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>OIM</title>");
    for (guid, day, title) in items {
        xml.push_str(&format!(
            "<item><guid>{guid}</guid><title>{title}</title>\
             <pubDate>{day:02} Nov 2026 10:00:00 GMT</pubDate>\
             <description>Body of {title}.</description></item>"
        ));
    }
    xml + "</channel></rss>"
}

#[test]
fn ctrl_r_fetches_the_feeds_and_merges_the_new_items() {
    use support::http::{Reply, Server};
    let first = [
        (1, 20, "Caravana llega a Tapachula"),
        (2, 18, "Darién crossings rise"),
    ];
    let later = [(3, 25, "Nuevo corredor humanitario"), first[0], first[1]];
    let fetches = AtomicUsize::new(0);
    let server = Server::start(move |_| match fetches.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::ok(rss(&first)),
        _ => Reply::ok(rss(&later)),
    });
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    let data = home.path().join("data");
    std::fs::create_dir_all(config.join("migranews")).unwrap();
    std::fs::write(
        config.join("migranews/feeds.toml"),
        format!("[[feed]]\nurl = \"{}\"\n", server.url("/oim.xml")),
    )
    .unwrap();
    let env = format!(
        "XDG_CONFIG_HOME={} XDG_DATA_HOME={}",
        config.display(),
        data.display()
    );
    let fetched = Command::new("sh")
        .args(["-c", &format!("{env} {BIN} fetch")])
        .output()
        .unwrap();
    assert!(fetched.status.success(), "{fetched:?}");

    let tmux = Tmux::start(120, 30, &format!("{env} {BIN}"));
    tmux.wait_for("the store's items", |s| filter_bar_settled(s, "", "2/2"));
    tmux.send(&["Down"]);
    let before = tmux.wait_for("the second item selected", |s| {
        s.lines().nth(2).is_some_and(|row| row.starts_with("> "))
    });
    assert!(
        selected_row(&before).contains("Darién crossings rise"),
        "{before}"
    );
    tmux.send(&["C-r"]);
    let after = tmux.wait_for("the new item merged in", |s| {
        s.contains("1 new, 0 updated") && filter_bar_settled(s, "", "3/3")
    });
    // The selection stays on its item (a list shorter than the screen
    // cannot keep it on the same row: the new item goes above it).
    assert!(
        selected_row(&after).contains("Darién crossings rise"),
        "{after}"
    );
    assert!(after.contains("Nuevo corredor humanitario"), "{after}");
    tmux.send(&["C-q"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn fetch_on_a_terminal_draws_a_progress_bar_and_plain_lines_otherwise() {
    use support::http::{Reply, Server};
    let server = Server::start(|request| {
        if request.path == "/slow.xml" {
            std::thread::sleep(Duration::from_millis(1500));
        }
        Reply::ok(rss(&[(1, 2, "Retornos asistidos")]))
    });
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/migranews");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("feeds.toml"),
        format!(
            "[[feed]]\nurl = \"{}\"\n[[feed]]\nurl = \"{}\"\n",
            server.url("/fast.xml"),
            server.url("/slow.xml")
        ),
    )
    .unwrap();
    let env = format!(
        "XDG_CONFIG_HOME={} XDG_DATA_HOME={}",
        home.path().join("config").display(),
        home.path().join("data").display()
    );
    let tmux = Tmux::start(100, 10, &format!("{env} {BIN} fetch --jobs 1"));
    let screen = tmux.wait_for("the bar", |s| s.contains("] 1/2 feeds"));
    assert!(
        screen.contains("[###############---------------] 1/2 feeds"),
        "{screen}"
    );
    let done = tmux.wait_for_text("2 feeds: 2 fetched");
    assert!(!done.contains("/2 feeds"), "the bar is cleared: {done}");
    assert_eq!(tmux.exit_code(), 0);
}
