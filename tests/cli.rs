//! The real binary's scripting side: output, exit codes and error messages.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use migranews::sample;

const BIN: &str = env!("CARGO_BIN_EXE_migranews");
const NEWEST_SEED_LINE: &str = "2022-06-01\tIOM and the RCM aim to make to make the economic, social and cultural contributions of the diasporas of the region more visible";

/// A finished run, with everything needed to explain a failure.
struct Run {
    command: String,
    output: Output,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    fn explain(&self) -> String {
        format!(
            "command: {}\nexit: {:?}\nstdout:\n{}\nstderr:\n{}",
            self.command,
            self.output.status,
            self.stdout(),
            self.stderr()
        )
    }

    #[track_caller]
    fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.code(), code, "{}", self.explain());
        self
    }

    #[track_caller]
    fn expect_success(&self) -> &Self {
        self.expect_code(0)
    }
}

fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("spawn migranews");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(bytes).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    Run {
        command: format!("migranews {}", args.join(" ")),
        output,
    }
}

fn run(args: &[&str]) -> Run {
    run_with_stdin(args, None)
}

fn write_file(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn list_prints_the_embedded_archive_newest_first() {
    let run = run(&["--list"]);
    run.expect_success();
    let stdout = run.stdout();
    let lines: Vec<_> = stdout.lines().collect();
    assert_eq!(lines.len(), 10, "{}", run.explain());
    assert_eq!(lines[0], NEWEST_SEED_LINE);
    assert_eq!(
        lines[9],
        "2022-01-18\tDiscover the best practices of the Information Hubs on Migration located in Guatemala"
    );
    assert!(run.stderr().is_empty(), "{}", run.explain());
}

#[test]
fn piped_stdin_replaces_the_embedded_archive() {
    let text = b"3 March 2023\n\nFrom the pipe\n\nBody.\n";
    let run = run_with_stdin(&["--list"], Some(text));
    run.expect_success();
    assert_eq!(run.stdout(), "2023-03-03\tFrom the pipe\n");
    let dash = run_with_stdin(&["--list", "-"], Some(text));
    dash.expect_success();
    assert_eq!(dash.stdout(), "2023-03-03\tFrom the pipe\n");
}

#[test]
fn empty_stdin_falls_back_to_the_embedded_archive() {
    let run = run_with_stdin(&["--list"], Some(b""));
    run.expect_success();
    assert_eq!(run.stdout().lines().count(), 10);
}

#[test]
fn several_files_merge_newest_first_keeping_input_order_on_ties() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_file(
        dir.path(),
        "a.txt",
        b"1 June, 2022\n\nA same day\n\n1 May 2021\n\nA old\n",
    );
    let b = write_file(
        dir.path(),
        "b.txt",
        "2022-06-01\r\n\r\nB same day\r\n\r\n5 de julio de 2023\r\n\r\nB newest\r\n".as_bytes(),
    );
    let run = run(&["--list", path_str(&a), path_str(&b)]);
    run.expect_success();
    assert_eq!(
        run.stdout(),
        "2023-07-05\tB newest\n2022-06-01\tA same day\n2022-06-01\tB same day\n2021-05-01\tA old\n"
    );
}

#[test]
fn without_a_scripting_flag_and_no_terminal_the_list_is_printed() {
    let run = run(&[]);
    run.expect_success();
    assert_eq!(run.stdout().lines().next(), Some(NEWEST_SEED_LINE));
}

#[test]
fn filter_prints_matches_and_exits_1_on_none() {
    let run = run(&["--filter", "guatemala"]);
    run.expect_success();
    let stdout = run.stdout();
    assert!(stdout.lines().count() >= 2, "{}", run.explain());
    assert!(
        stdout
            .lines()
            .all(|line| line.to_lowercase().contains("guatemala")),
        "{}",
        run.explain()
    );

    let none = self::run(&["--filter", "zzzzqqq"]);
    none.expect_code(1);
    assert!(none.stdout().is_empty(), "{}", none.explain());
    assert!(none.stderr().is_empty(), "{}", none.explain());
}

#[test]
fn export_json_reads_back_as_the_same_items() {
    let run = run(&["--export", "json"]);
    run.expect_success();
    let exported = run.stdout();
    let values: serde_json::Value = serde_json::from_str(&exported).unwrap();
    let array = values.as_array().unwrap();
    assert_eq!(array.len(), 10);
    assert_eq!(array[0]["date"], "2022-06-01");
    assert!(
        array[2]["body"]
            .as_str()
            .unwrap()
            .ends_with("migrant business owners.")
    );

    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "export.json", exported.as_bytes());
    let again = self::run(&["--export", "json", path_str(&file)]);
    again.expect_success();
    assert_eq!(again.stdout(), exported);
    let listed = self::run(&["--list", path_str(&file)]);
    listed.expect_success();
    assert_eq!(listed.stdout(), self::run(&["--list"]).stdout());
}

#[test]
fn export_json_of_a_filter_exports_the_matches() {
    let run = run(&["--filter", "caricom", "--export", "json"]);
    run.expect_success();
    let values: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(values.as_array().unwrap().len(), 1, "{}", run.explain());
}

#[test]
fn warnings_name_file_and_line_on_stderr_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        b"preamble\n\n1 June, 2022\n\nGood\n\n31 June, 2022\n\nBad\n\n2 June, 2022\n\n\xFFBroken\n";
    let file = write_file(dir.path(), "odd.txt", text);
    let run = run(&["--list", path_str(&file)]);
    run.expect_success();
    assert_eq!(
        run.stdout(),
        "2022-06-02\t\u{FFFD}Broken\n2022-06-01\tGood\n"
    );
    let name = path_str(&file);
    assert_eq!(
        run.stderr(),
        format!(
            "migranews: warning: {name}:13: invalid UTF-8, shown as \u{FFFD}\n\
             migranews: warning: {name}:1: text before the first date line, skipped\n\
             migranews: warning: {name}:7: impossible date '31 June, 2022', item skipped\n"
        )
    );
}

#[test]
fn errors_are_one_line_naming_the_path_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let no_items = write_file(dir.path(), "words.txt", b"no dates here\n");
    let bad_json = write_file(
        dir.path(),
        "bad.json",
        b"[{\"date\": \"2022-06-31\", \"headline\": \"x\"}]",
    );
    let cases = [
        (missing.clone(), "No such file or directory".to_string()),
        (dir.path().to_path_buf(), "Is a directory".to_string()),
        (
            no_items.clone(),
            "no news items found (expected a date line such as '1 June, 2022')".to_string(),
        ),
        (bad_json.clone(), "invalid JSON archive".to_string()),
    ];
    for (path, cause) in cases {
        let run = run(&["--list", path_str(&path)]);
        run.expect_code(2);
        let stderr = run.stderr();
        assert_eq!(stderr.lines().count(), 1, "{}", run.explain());
        assert!(
            stderr.starts_with(&format!("migranews: {}: ", path.display())),
            "{}",
            run.explain()
        );
        assert!(stderr.contains(&cause), "{}", run.explain());
        assert!(run.stdout().is_empty(), "{}", run.explain());
    }
}

#[test]
fn stdin_without_items_is_an_error() {
    let run = run_with_stdin(&["--list", "-"], Some(b"nothing\n"));
    run.expect_code(2);
    assert_eq!(
        run.stderr(),
        "migranews: <stdin>: no news items found (expected a date line such as '1 June, 2022')\n"
    );
}

#[test]
fn bad_flags_print_usage_and_exit_2() {
    for args in [
        &["--bogus"][..],
        &["--export", "xml"],
        &["--filter"],
        &["--list", "--export", "json"],
    ] {
        let run = run(args);
        run.expect_code(2);
        let stderr = run.stderr();
        assert!(stderr.starts_with("error: "), "{}", run.explain());
        assert!(
            stderr.contains("Usage: migranews") || stderr.contains("--help"),
            "{}",
            run.explain()
        );
    }
}

#[test]
fn help_and_version() {
    let help = run(&["--help"]);
    help.expect_success();
    for flag in [
        "--list",
        "--filter <QUERY>",
        "--export <FORMAT>",
        "[FILE]...",
    ] {
        assert!(help.stdout().contains(flag), "{}", help.explain());
    }
    let version = run(&["--version"]);
    version.expect_success();
    assert_eq!(
        version.stdout(),
        format!("migranews {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        dir.path(),
        "big.txt",
        sample::archive_text(50_000, 1).as_bytes(),
    );
    let mut child = Command::new(BIN)
        .args(["--list", path_str(&file)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader above is dropped here, closing the pipe like `head -1`.
    let output = child.wait_with_output().unwrap();
    assert!(first.starts_with("2024-12-31\t"), "{first}");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
