//! Read, starred, links and pick mode in a real terminal (tmux), and kept across runs.
//!
//! Each test has a home of its own (XDG_CONFIG_HOME, XDG_DATA_HOME) shared by
//! the runs it makes, so that what one run saves, the next one sees.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::tmux::{BIN, NEWEST_HEADLINE, Tmux, filter_bar_settled};

/// Items with links, as an exported JSON file gives them.
const LINKED: &str = r#"[
{"date":"2026-11-25","headline":"Nuevo corredor humanitario en el Darién","body":"Panamá y Colombia abren un corredor.","link":"https://www.iom.int/es/news/corredor","source":"OIM"},
{"date":"2026-11-20","headline":"Caravana llega a Tapachula","body":"Unas 3.000 personas.","link":"https://www.iom.int/es/news/caravana","source":"OIM"},
{"date":"2026-11-18","headline":"Retornos asistidos desde México","body":"Sin enlace.","source":"OIM"}
]"#;

/// A home for several runs, with files beside it.
struct Home(tempfile::TempDir);

impl Home {
    fn new() -> Self {
        Self(tempfile::tempdir().unwrap())
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// A shell command running migranews in this home.
    fn migranews(&self, args: &str) -> String {
        format!(
            "XDG_CONFIG_HOME={} XDG_DATA_HOME={} {BIN} {args}",
            self.path("config").display(),
            self.path("data").display()
        )
    }

    /// migranews run to the end, outside tmux.
    fn run(&self, args: &str) -> String {
        let output = Command::new("sh")
            .args(["-c", &format!("{} < /dev/null", self.migranews(args))])
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

/// The list row holding `headline` (the list is left of the `│`), if shown.
fn row<'a>(screen: &'a str, headline: &str) -> Option<&'a str> {
    screen
        .lines()
        .skip(1)
        .map(|line| line.split('│').next().unwrap_or(""))
        .find(|line| line.contains(headline))
}

/// The state column of the row holding `headline`: `●` unread, `★` starred;
/// `None` while the row is not on screen (yet).
fn marks(screen: &str, headline: &str) -> Option<String> {
    row(screen, headline).map(|row| row.chars().skip(2).take(2).collect())
}

#[test]
fn an_opened_item_stays_read_and_a_starred_one_stays_starred_even_after_kill_9() {
    let home = Home::new();
    let file = home.write("linked.json", LINKED);
    let args = file.display().to_string();
    let headline = "Caravana llega a Tapachula";

    let first = Tmux::start(120, 30, &home.migranews(&args));
    let screen = first.wait_for_text(headline);
    assert_eq!(
        marks(&screen, headline).as_deref(),
        Some("● "),
        "unread at first"
    );
    first.send(&["Down", "Enter"]);
    first.wait_for_text("q back");
    first.send(&["q"]);
    first.wait_for("the item read", |s| {
        marks(s, headline).as_deref() == Some("  ")
    });
    first.send(&["C-q"]);
    assert_eq!(first.exit_code(), 0);

    let second = Tmux::start(120, 30, &home.migranews(&args));
    second.wait_for("the item still read", |s| {
        s.contains(headline) && marks(s, headline).as_deref() == Some("  ")
    });
    second.send(&["Down", "M-s"]);
    second.wait_for("the star", |s| marks(s, headline).as_deref() == Some(" ★"));
    // Killed right after the change, with no chance to clean up.
    second.signal_program("KILL");
    second.wait_for_text("SCRIPT-DONE");

    let third = Tmux::start(120, 30, &home.migranews(&args));
    third.wait_for("the star after kill -9", |s| {
        s.contains(headline) && marks(s, headline).as_deref() == Some(" ★")
    });
    third.send(&["C-q"]);
    assert_eq!(third.exit_code(), 0);
    let exported = home.run(&format!("--export json {args}"));
    assert!(
        exported.contains("\"headline\":\"Caravana llega a Tapachula\",\"body\":\"Unas 3.000 personas.\",\"link\":\"https://www.iom.int/es/news/caravana\",\"source\":\"OIM\",\"read\":true,\"starred\":true"),
        "{exported}"
    );
}

#[test]
fn an_item_left_in_the_detail_pane_becomes_read_after_a_moment() {
    let home = Home::new();
    let tmux = Tmux::start(120, 30, &home.migranews(""));
    let screen = tmux.wait_for_text(NEWEST_HEADLINE);
    assert_eq!(marks(&screen, NEWEST_HEADLINE).as_deref(), Some("● "));
    // Left alone, the item shown beside the list is read within seconds;
    // the one below it, never shown, stays unread.
    let screen = tmux.wait_for("the shown item read", |s| {
        marks(s, NEWEST_HEADLINE).as_deref() == Some("  ")
    });
    assert_eq!(marks(&screen, "CARICOM government").as_deref(), Some("● "));
    assert!(screen.contains("9 unread"), "{screen}");
    tmux.send(&["C-q"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn the_marks_show_without_colour_and_unread_headlines_are_bold() {
    let home = Home::new();
    let tmux = Tmux::start(120, 30, &format!("NO_COLOR=1 {}", home.migranews("")));
    tmux.wait_for_text(NEWEST_HEADLINE);
    tmux.send(&["Down", "M-s"]);
    // Starred, and read soon after, being on screen.
    let screen = tmux.wait_for("a star", |s| {
        marks(s, "CARICOM government").is_some_and(|m| m.ends_with('★'))
    });
    assert!(screen.contains("● "), "{screen}");
    let styled = tmux.styled_screen();
    let caricom = styled
        .lines()
        .find(|line| line.contains("CARICOM government"))
        .unwrap();
    let coloured =
        (0..8).any(|c| caricom.contains(&format!("\x1b[3{c}m"))) || caricom.contains("\x1b[38;");
    assert!(!coloured, "no colour: {caricom:?}");
    let third = styled
        .lines()
        .find(|line| line.contains("First ever workshop"))
        .unwrap();
    assert!(third.contains("\x1b[1m"), "unread is bold: {third:?}");
    tmux.send(&["C-q"]);
    assert_eq!(tmux.exit_code(), 0);
}

/// A script that records its arguments, as `$BROWSER`.
fn recording_browser(home: &Home, name: &str) -> PathBuf {
    let record = home.path("opened.txt");
    let script = home.write(
        name,
        &format!("#!/bin/sh\nprintf '%s\\n' \"$@\" >> {}\n", record.display()),
    );
    make_executable(&script);
    script
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn o_opens_the_link_in_browser_and_refuses_what_is_not_http() {
    let home = Home::new();
    let browser = recording_browser(&home, "browser.sh");
    let file = home.write("linked.json", LINKED);
    let tmux = Tmux::start(
        120,
        30,
        &format!(
            "BROWSER={} {}",
            browser.display(),
            home.migranews(&file.display().to_string())
        ),
    );
    tmux.wait_for_text("Nuevo corredor");
    tmux.send(&["M-o"]);
    let opened = home.path("opened.txt");
    tmux.wait_for("the browser to run", |_| {
        std::fs::read_to_string(&opened).is_ok_and(|text| text.contains("corredor"))
    });
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        "https://www.iom.int/es/news/corredor\n"
    );
    tmux.wait_for_text("opened https://www.iom.int/es/news/corredor");
    // The last item has no link.
    tmux.send(&["End", "Enter", "o"]);
    tmux.wait_for_text("this item has no link");
    tmux.send(&["q", "C-q"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn a_text_browser_gets_the_terminal_and_gives_it_back() {
    let home = Home::new();
    let record = home.path("opened.txt");
    // Named like a text browser: it runs in the foreground with the terminal.
    let w3m = home.write(
        "w3m",
        &format!(
            "#!/bin/sh\necho \"TEXT BROWSER $1\" > {0}\necho TEXT BROWSER ON SCREEN\nread answer\necho \"answer $answer\" >> {0}\n",
            record.display()
        ),
    );
    make_executable(&w3m);
    let file = home.write("linked.json", LINKED);
    let tmux = Tmux::start(
        120,
        30,
        &format!(
            "BROWSER={} {}",
            w3m.display(),
            home.migranews(&file.display().to_string())
        ),
    );
    tmux.wait_for_text("Nuevo corredor");
    tmux.send(&["Enter", "o"]);
    tmux.wait_for_text("TEXT BROWSER ON SCREEN");
    // The keys go to the browser, not to the reader.
    tmux.type_text("hola");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the reader back", |s| {
        s.contains("back from") && s.contains("Nuevo corredor")
    });
    assert!(screen.contains("q back"), "still in reading mode: {screen}");
    assert_eq!(
        std::fs::read_to_string(&record).unwrap(),
        "TEXT BROWSER https://www.iom.int/es/news/corredor\nanswer hola\n"
    );
    tmux.send(&["q", "C-q"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn y_copies_the_link_with_osc_52_wrapped_for_tmux() {
    let home = Home::new();
    let file = home.write("linked.json", LINKED);
    let tmux = Tmux::start(120, 30, &home.migranews(&file.display().to_string()));
    tmux.wait_for_text("Nuevo corredor");
    let raw = tmux.record_output();
    tmux.send(&["Enter", "y"]);
    tmux.wait_for_text("copied https://www.iom.int/es/news/corredor");
    // base64("https://www.iom.int/es/news/corredor")
    let encoded = "aHR0cHM6Ly93d3cuaW9tLmludC9lcy9uZXdzL2NvcnJlZG9y";
    let expected = format!("\x1bPtmux;\x1b\x1b]52;c;{encoded}\x1b\x1b\\\x1b\\");
    tmux.recorded_output_with(&raw, &expected);
    tmux.send(&["q", "C-q"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn pick_prints_the_chosen_item_into_a_pipe_and_escape_exits_130() {
    let home = Home::new();
    let file = home.write("linked.json", LINKED);
    let out = home.path("picked.txt");
    let command = |format: &str| {
        format!(
            "{} | cat > {}",
            home.migranews(&format!("{format} {}", file.display())),
            out.display()
        )
    };
    let line = Tmux::start(100, 20, &command("--pick"));
    line.wait_for_text("Nuevo corredor");
    line.send(&["Down", "Enter"]);
    line.exit_code();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "2026-11-20\tCaravana llega a Tapachula\n"
    );

    let link = Tmux::start(100, 20, &command("--pick=link"));
    link.wait_for_text("Nuevo corredor");
    link.type_text("tapach");
    link.wait_for("one match", |s| filter_bar_settled(s, "tapach", "1/3"));
    link.send(&["Enter"]);
    link.exit_code();
    let status = Command::new("sh")
        .args([
            "-c",
            &format!(
                "{} < /dev/null > /dev/null 2>&1; echo $?",
                home.migranews("--pick --list")
            ),
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        "2\n",
        "--pick is not a scripting flag"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "https://www.iom.int/es/news/caravana\n"
    );

    let cancelled = Tmux::start(
        100,
        20,
        &home.migranews(&format!(
            "--pick=json {} > {}",
            file.display(),
            out.display()
        )),
    );
    cancelled.wait_for_text("Nuevo corredor");
    cancelled.send(&["Escape"]);
    assert_eq!(cancelled.exit_code(), 130);
    let chosen = Tmux::start(
        100,
        20,
        &home.migranews(&format!(
            "--pick=json {} > {}",
            file.display(),
            out.display()
        )),
    );
    chosen.wait_for_text("Nuevo corredor");
    chosen.send(&["Enter"]);
    assert_eq!(chosen.exit_code(), 0);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("{\"date\":\"2026-11-25\",\"headline\":\"Nuevo corredor"),
    );
    let _ = std::fs::write(&out, "");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "");
}

#[test]
fn mark_read_marks_what_a_script_printed() {
    let home = Home::new();
    let printed = home.run("--filter \"'IOM\" --mark-read");
    assert_eq!(printed.lines().count(), 4, "{printed}");
    let exported = home.run("--export json");
    assert_eq!(exported.matches("\"read\":true").count(), 4, "{exported}");
    assert_eq!(exported.matches("\"read\":false").count(), 6, "{exported}");
}

#[test]
fn importing_an_export_carries_its_read_and_starred_along() {
    let first = Home::new();
    first.run("--filter \"'IOM\" --mark-read");
    let export = first.write("export.json", &first.run("--export json"));
    // The export read as a file shows its states as they were...
    let as_file = Home::new();
    let listed = as_file.run(&format!("--filter is:read {}", export.display()));
    assert_eq!(listed.lines().count(), 4, "{listed}");
    // ...and once imported, they are the store's.
    let imported = Home::new();
    imported.run(&format!("import {}", export.display()));
    let exported = imported.run("--export json");
    assert_eq!(exported.matches("\"read\":true").count(), 4, "{exported}");
}

#[test]
fn a_starred_item_is_found_with_is_starred() {
    let home = Home::new();
    let tmux = Tmux::start(120, 30, &home.migranews(""));
    tmux.wait_for_text(NEWEST_HEADLINE);
    tmux.send(&["Down", "Down", "M-s"]);
    tmux.wait_for("the star", |s| {
        marks(s, "First ever workshop").is_some_and(|m| m.ends_with('★'))
    });
    tmux.type_text("is:starred");
    let screen = tmux.wait_for("one starred item", |s| {
        filter_bar_settled(s, "is:starred", "1/10")
    });
    assert!(row(&screen, "First ever workshop").is_some(), "{screen}");
    tmux.send(&["C-u"]);
    tmux.type_text("!is:starred");
    tmux.wait_for("the nine others", |s| {
        filter_bar_settled(s, "!is:starred", "9/10")
    });
    tmux.send(&["C-q"]);
    assert_eq!(tmux.exit_code(), 0);
    // In scripts too, from the state the reader saved.
    assert_eq!(
        home.run("--filter is:starred"),
        "2022-05-09\tFirst ever workshop to support resilience-building for Haitian entrepreneurs in Dominica\n"
    );
}
