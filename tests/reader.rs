//! The reader in a real terminal: the binary runs inside tmux, keys are sent
//! with send-keys and the screen is read with capture-pane, polling until the
//! expected text shows (never a fixed sleep).

mod support;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use support::tmux::{BIN, NEWEST_HEADLINE, Tmux, filter_bar_settled, selected_row};

fn reader(args: &str) -> String {
    format!("{BIN} {args}")
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

/// A panic in the reader's loop (debug builds panic on the key named by
/// `MIGRANEWS_TEST_PANIC_ON_KEY`) leaves the terminal as the shell had it
/// and says what happened.
#[cfg(debug_assertions)]
#[test]
fn a_panic_restores_the_terminal_and_says_so() {
    let tmux = Tmux::start(
        100,
        30,
        &format!("MIGRANEWS_TEST_PANIC_ON_KEY=P {}", reader("")),
    );
    tmux.wait_for_text(NEWEST_HEADLINE);
    let cursor = || {
        let flag = tmux.command(&["display-message", "-p", "-t", "t", "#{cursor_flag}"]);
        String::from_utf8_lossy(&flag.stdout).trim().to_string()
    };
    // Typed into the filter first: a lowercase p is no trigger.
    tmux.type_text("p");
    tmux.wait_for("the query typed", |s| s.starts_with("> p "));
    // The help window hides the cursor, which the filter bar shows.
    tmux.send(&["F1"]);
    tmux.wait_for_text("Help (F1 or ?)");
    assert_eq!(cursor(), "0", "the reader hides the cursor");
    tmux.type_text("P");
    // Alternate screen left and stty restored (checked by exit_code), the
    // shell runs the rest of the script.
    assert_eq!(tmux.exit_code(), 101);
    let screen = tmux.screen();
    assert!(
        screen.contains("panicked at") && screen.contains("test panic on key 'P'"),
        "{screen}"
    );
    assert!(
        !screen.contains(NEWEST_HEADLINE),
        "the reader's screen is gone:\n{screen}"
    );
    assert_eq!(cursor(), "1", "cursor shown again");
    for mode in ["mouse_any_flag", "mouse_sgr_flag"] {
        let flag = tmux.command(&["display-message", "-p", "-t", "t", &format!("#{{{mode}}}")]);
        assert_eq!(String::from_utf8_lossy(&flag.stdout).trim(), "0", "{mode}");
    }
    // The terminal echoes what is typed again, as a shell needs.
    tmux.type_text("typed-after-the-panic");
    tmux.wait_for_text("typed-after-the-panic");
}

/// Flags, an emoji sequence, zero-width characters, combining accents and
/// halfwidth katakana, in a real terminal: moving across them leaves the
/// list's border in its column and no stray glyphs behind.
#[test]
fn tricky_graphemes_keep_the_columns_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("tricky.txt");
    std::fs::write(
        &archive,
        "6 March 2023\n\nGuatemala 🇬🇹 flag raised at the border crossing as families wait\n\nBandera 🇬🇹.\n\n\
         5 March 2023\n\nFamily 👨\u{200D}👩\u{200D}👧 reunited after months apart in the north\n\nA family.\n\n\
         4 March 2023\n\nZero\u{200B}width\u{FEFF} spaces a\u{200D}b and word\u{2060}joiners inside the words\n\nText.\n\n\
         3 March 2023\n\nCafe\u{301} combining accents e\u{301}e\u{301}e\u{301} in a headline about migration\n\nText.\n\n\
         2 March 2023\n\nｶﾞｷﾞ halfwidth sound marks ｸﾞｹﾞｺﾞ in a headline ｶﾞｷﾞｸﾞｹﾞｺﾞｶﾞｷﾞｸﾞｹﾞｺﾞ\n\nText.\n",
    )
    .unwrap();
    let tmux = Tmux::start(100, 20, &reader(&archive.display().to_string()));
    tmux.wait_for_text("Guatemala");
    tmux.send(&["Down", "Down", "Down", "Down"]);
    tmux.wait_for("the katakana item", |s| {
        selected_row(s).starts_with("> 2023-03-02")
    });
    tmux.send(&["Up", "Up", "Up", "Up"]);
    let screen = tmux.wait_for("the first item again", |s| {
        selected_row(s).starts_with("> 2023-03-06") && s.contains("families wait")
    });
    assert!(!screen.contains(['ﾞ', 'ｶ', '\u{200B}']), "{screen}");
    for line in screen.lines().skip(1).take(5) {
        let border = line.find('│').unwrap_or_else(|| panic!("{screen}"));
        // Terminals differ on emoji sequences; every other row is exact.
        if !line.contains('\u{200D}') {
            let column = migranews::reader::width::text_width(&line[..border]);
            assert_eq!(column, 60, "{line}\n{screen}");
        }
    }
    tmux.send(&["C-q"]);
    assert_eq!(tmux.exit_code(), 0);
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
    // The prompt back, not only the reader gone: typed any sooner, the
    // line could reach a terminal still being restored.
    tmux.wait_for("the shell again", |s| {
        !s.contains(NEWEST_HEADLINE) && s.trim_end().ends_with(['#', '$'])
    });
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
        s.lines().nth(3).is_some_and(|row| row.starts_with("> "))
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

/// An archive of `count` generated items in `dir`, with the headline of
/// the item at `index` as `--list` gives it.
fn generated_archive(dir: &Path, count: usize, index: usize) -> (String, String) {
    let text = migranews::archive::sample::archive_text(count, 9);
    let path = dir.join("big.txt");
    std::fs::write(&path, &text).unwrap();
    let listed = Command::new(BIN)
        .args(["--list", path.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let line = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .nth(index)
        .unwrap()
        .to_string();
    let headline = line.split_once('\t').unwrap().1.to_string();
    (path.display().to_string(), headline)
}

/// Waits for `ready` in the session's folder before running `command`, so
/// that the test can attach to the pane first.
fn after_ready(tmux_dir_hint: &str, command: &str) -> String {
    format!("while [ ! -e {tmux_dir_hint}/ready ]; do sleep 0.02; done; {command}")
}

#[test]
fn a_burst_of_two_thousand_keys_is_handled_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, headline) = generated_archive(dir.path(), 3000, 2000);
    let tmux = Tmux::start(100, 30, &format!("{BIN} {archive}"));
    tmux.wait_for("the list", |s| {
        s.lines().next().unwrap_or("").ends_with("3000/3000")
    });
    // 2,000 Down keys, sent as fast as tmux takes them.
    let downs: Vec<&str> = std::iter::repeat_n("Down", 500).collect();
    for _ in 0..4 {
        tmux.send(&downs);
    }
    let screen = tmux.wait_for("the 2,001st item selected", |s| {
        selected_row(s).contains(&headline[..20.min(headline.len())])
    });
    assert!(selected_row(&screen).contains(&headline[..20.min(headline.len())]));
    // A paste of 6,000 characters goes into the query whole, as text.
    let paste = "frontera\n".repeat(666);
    tmux.command(&["set-buffer", "-b", "p", &paste]);
    tmux.command(&["paste-buffer", "-p", "-d", "-b", "p", "-t", "t"]);
    let screen = tmux.wait_for("the pasted query", |s| {
        let bar = s.lines().next().unwrap_or("");
        bar.contains("frontera frontera") && !bar.contains("… ")
    });
    assert!(
        !screen.contains("q back"),
        "a newline in a paste is no Enter: {screen}"
    );
    tmux.send(&["C-u"]);
    tmux.wait_for("the query cleared", |s| {
        s.lines().next().unwrap_or("").ends_with("3000/3000")
    });
    tmux.send(&["C-c"]);
    assert_eq!(tmux.exit_code(), 0);
}

#[test]
fn the_mouse_asks_for_clicks_and_the_wheel_only_and_a_click_selects() {
    let dir = tempfile::tempdir().unwrap();
    let tmux = Tmux::start(
        100,
        30,
        &after_ready(&dir.path().display().to_string(), BIN),
    );
    let raw = tmux.record_output();
    std::fs::File::create(dir.path().join("ready")).unwrap();
    tmux.wait_for_text(NEWEST_HEADLINE);
    let output = tmux.recorded_output_with(&raw, "\x1b[?1006h");
    assert!(
        output.contains("\x1b[?1000h") && output.contains("\x1b[?1006h"),
        "{output:?}"
    );
    assert!(
        !output.contains("\x1b[?1003h") && !output.contains("\x1b[?1002h"),
        "no motion tracking"
    );
    assert!(output.contains("\x1b[?2004h"), "bracketed paste on");
    assert!(output.contains("\x1b[?7l"), "line wrap off");
    // A click on the third row of the list selects it (SGR mouse report).
    tmux.command(&["send-keys", "-t", "t", "-l", "\x1b[<0;5;5M\x1b[<0;5;5m"]);
    tmux.wait_for("the clicked row selected", |s| {
        selected_row(s).starts_with("> 2022-05-09")
    });
    tmux.send(&["C-q"]);
    assert_eq!(tmux.exit_code(), 0);
    let output = String::from_utf8_lossy(&std::fs::read(&raw).unwrap()).into_owned();
    assert!(
        output.contains("\x1b[?1000l") && output.contains("\x1b[?2004l"),
        "modes off at exit"
    );
    assert!(output.contains("\x1b[?7h"), "line wrap on again at exit");
}

#[test]
fn with_the_mouse_off_the_reader_asks_for_none() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config/migranews");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "[reader]\nmouse = false\n").unwrap();
    let tmux = Tmux::start(
        100,
        30,
        &after_ready(
            &dir.path().display().to_string(),
            &format!(
                "XDG_CONFIG_HOME={} {BIN}",
                dir.path().join("config").display()
            ),
        ),
    );
    let raw = tmux.record_output();
    std::fs::File::create(dir.path().join("ready")).unwrap();
    tmux.wait_for_text(NEWEST_HEADLINE);
    // Bracketed paste comes on with the screen: the output is in.
    let output = tmux.recorded_output_with(&raw, "\x1b[?2004h");
    assert!(!output.contains("\x1b[?1000h"), "{output:?}");
    tmux.send(&["C-q"]);
    assert_eq!(tmux.exit_code(), 0);
}
