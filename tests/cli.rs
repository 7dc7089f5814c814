//! The real binary's scripting side: output, exit codes and error messages.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use migranews::archive::sample;

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

/// Empty config and data folders, so that no run sees the user's feeds or store.
fn isolated_home() -> &'static Path {
    static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().unwrap()).path()
}

fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Run {
    run_at_home(isolated_home(), args, stdin)
}

/// Runs with config and data folders under `home`.
fn run_at_home(home: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
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
fn an_empty_pipe_is_empty_data_but_dev_null_means_no_input() {
    // An empty result upstream must never turn into the built-in archive.
    let empty = run_with_stdin(&["--filter", "border"], Some(b""));
    empty.expect_code(2);
    assert_eq!(
        empty.stderr(),
        "migranews: standard input: no news items found (expected a date line such as '1 June, 2022')\n"
    );
    assert_eq!(empty.stdout(), "");
    // Started with no input at all (stdin is /dev/null): the built-in archive.
    let null = run(&["--list"]);
    null.expect_success();
    assert_eq!(null.stdout().lines().count(), 10);
}

/// `migranews ARGS` through `sh -c`, for redirections the harness cannot make.
fn shell(command: &str) -> Run {
    let output = Command::new("sh")
        .args(["-c", &format!("{BIN} {command}")])
        .env("XDG_CONFIG_HOME", isolated_home().join("config"))
        .env("XDG_DATA_HOME", isolated_home().join("data"))
        .env("MIGRANEWS_TEST_MAX_SOURCE_BYTES", "1000000")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Run {
        command: format!("migranews {command}"),
        output,
    }
}

#[test]
fn endless_input_is_refused_at_the_limit_not_read_to_the_end() {
    for command in [
        "--list /dev/zero",
        "--list < /dev/zero",
        "--list - < /dev/zero",
    ] {
        let run = shell(command);
        run.expect_code(2);
        assert!(
            run.stderr()
                .ends_with("larger than 1000000 bytes, the most migranews reads from one source\n"),
            "{}",
            run.explain()
        );
    }
    let yes = Command::new("sh")
        .args(["-c", &format!("yes | {BIN} --list")])
        .env("MIGRANEWS_TEST_MAX_SOURCE_BYTES", "1000000")
        .output()
        .unwrap();
    assert_eq!(yes.status.code(), Some(2));
}

#[test]
fn an_unwritable_stderr_loses_warnings_not_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "warn.txt", b"Intro\n\n1 June, 2022\n\nKept\n");
    let run = shell(&format!("--list {} 2>/dev/full", path_str(&file)));
    run.expect_success();
    assert_eq!(run.stdout(), "2022-06-01\tKept\n");
}

#[test]
fn a_closed_stdout_is_an_error_not_silence() {
    let run = shell("--list >&-");
    run.expect_code(2);
    assert_eq!(
        run.stderr(),
        "migranews: standard output is closed: nothing to write the items to\n"
    );
    shell("--list > /dev/null").expect_success();
}

#[test]
fn file_names_with_control_characters_are_escaped_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    let name = "evil\x1b]0;pwned\x07.txt";
    let file = write_file(dir.path(), name, b"no dates\n");
    let run = run(&["--list", path_str(&file)]);
    run.expect_code(2);
    let stderr = run.stderr();
    assert!(
        !stderr.contains('\x1b') && !stderr.contains('\x07'),
        "{stderr:?}"
    );
    assert!(stderr.contains("evil\\x1b]0;pwned\\x07.txt"), "{stderr:?}");
}

#[test]
fn escape_sequences_in_archives_never_reach_list_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        dir.path(),
        "hostile.txt",
        b"1 June, 2022\n\nHead\x1b]0;title\x07line \x1b]52;c;ZXZpbA==\x07\x1b[2Jend\n",
    );
    let run = run(&["--list", path_str(&file)]);
    run.expect_success();
    assert_eq!(run.stdout(), "2022-06-01\tHeadline end\n");
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
    let run = run(&["--filter", "'caricom", "--export", "json"]);
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
        "migranews: standard input: no news items found (expected a date line such as '1 June, 2022')\n"
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

/// An archive exercising the query language: accents, decomposed text, CJK.
const QUERY_FIXTURE: &str = include_str!("fixtures/query.txt");

fn filter_lines(dir: &Path, args: &[&str]) -> (Run, Vec<String>) {
    let file = write_file(dir, "fixture.txt", QUERY_FIXTURE.as_bytes());
    let mut all: Vec<&str> = args.to_vec();
    all.push(path_str(&file));
    let run = run(&all);
    let headlines = run
        .stdout()
        .lines()
        .map(|line| line.split('\t').nth(1).unwrap_or_default().to_string())
        .collect();
    (run, headlines)
}

#[test]
fn filter_query_language_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[&str])] = &[
        (
            "brdr wrkr",
            &["Border worker card campaign launched in México"],
        ),
        ("'sign", &["Panamá and Costa Rica sign labour agreement"]),
        (
            "^regional",
            &["Regional conference on the Caribbean diaspora"],
        ),
        (
            "diaspora$",
            &["Regional conference on the Caribbean diaspora"],
        ),
        (
            "conference !caribbean",
            &["Me\u{301}xico hosts regional conference"],
        ),
        (
            "^panama | ^border",
            &[
                "Border worker card campaign launched in México",
                "Panamá and Costa Rica sign labour agreement",
            ],
        ),
        (
            "costa\\ rica",
            &["Panamá and Costa Rica sign labour agreement"],
        ),
        (
            "'mexico",
            &[
                "Border worker card campaign launched in México",
                "Me\u{301}xico hosts regional conference",
            ],
        ),
        ("'panamá", &["Panamá and Costa Rica sign labour agreement"]),
        ("移民", &["移民 news from Asia 😀 today"]),
        ("😀", &["移民 news from Asia 😀 today"]),
        (
            ">2023-06",
            &[
                "Border worker card campaign launched in México",
                "Regional conference on the Caribbean diaspora",
            ],
        ),
        ("@2022-03", &["Panamá and Costa Rica sign labour agreement"]),
        (
            "conference <2021",
            &["Me\u{301}xico hosts regional conference"],
        ),
    ];
    for (query, expected) in cases {
        let (run, headlines) = filter_lines(dir.path(), &["--filter", query]);
        run.expect_success();
        assert_eq!(&headlines, expected, "query {query:?}\n{}", run.explain());
    }
}

#[test]
fn filter_smart_case() {
    let dir = tempfile::tempdir().unwrap();
    let (run, headlines) = filter_lines(dir.path(), &["--filter", "'border"]);
    run.expect_success();
    assert_eq!(headlines.len(), 1);
    let (run, _) = filter_lines(dir.path(), &["--filter", "'BORDER"]);
    run.expect_code(1);
}

#[test]
fn anchored_terms_with_capitals_match_case_as_typed() {
    // fzf finds the three seed headlines that start with IOM.
    let run = run(&["--filter", "^IOM"]);
    run.expect_success();
    let lines: Vec<String> = run.stdout().lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 3, "{}", run.explain());
    assert!(
        lines.iter().all(|line| line.contains("\tIOM ")),
        "{}",
        run.explain()
    );
    self::run(&["--filter", "^Iom"]).expect_code(1);
    let dir = tempfile::tempdir().unwrap();
    let (run, headlines) = filter_lines(dir.path(), &["--filter", "Caribbean\\ diaspora$"]);
    run.expect_success();
    assert_eq!(headlines, ["Regional conference on the Caribbean diaspora"]);
}

#[test]
fn filter_full_text_and_sort_options() {
    let dir = tempfile::tempdir().unwrap();
    let (run, _) = filter_lines(dir.path(), &["--filter", "'visitor"]);
    run.expect_code(1);
    let (run, headlines) = filter_lines(dir.path(), &["--filter", "'card", "--full-text"]);
    run.expect_success();
    assert_eq!(
        headlines,
        [
            "Border worker card campaign launched in México",
            "Regional conference on the Caribbean diaspora"
        ],
        "headline match first, then body-only match"
    );
    let (run, by_score) = filter_lines(dir.path(), &["--filter", "conference"]);
    run.expect_success();
    let (run, by_date) = filter_lines(dir.path(), &["--filter", "conference", "--sort", "date"]);
    run.expect_success();
    assert_eq!(
        by_date,
        [
            "Regional conference on the Caribbean diaspora",
            "Me\u{301}xico hosts regional conference"
        ]
    );
    let mut sorted_score = by_score.clone();
    sorted_score.sort();
    let mut sorted_date = by_date.clone();
    sorted_date.sort();
    assert_eq!(sorted_score, sorted_date, "same matches, another order");
    let bad = self::run(&["--filter", "x", "--sort", "random"]);
    bad.expect_code(2);
}

#[test]
fn filter_with_a_bad_date_term_is_an_error() {
    let run = run(&["--filter", "guat >2023-13"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr(),
        "migranews: bad date term '>2023-13': expected YYYY, YYYY-MM or YYYY-MM-DD after > < or @\n"
    );
    assert!(run.stdout().is_empty());
}

#[test]
fn filter_by_state_and_source_on_a_fresh_home() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| run_at_home(home.path(), args, None);
    let list = run(&["--list"]);
    list.expect_success();
    assert_eq!(list.stdout().lines().count(), 10, "{}", list.explain());
    // Filters score nothing: every item ties, so archive order.
    for query in [
        "is:unread",
        "IS:Unread",
        "!is:read",
        "src:built",
        "src:'built-in\\ archive",
    ] {
        let found = run(&["--filter", query]);
        found.expect_success();
        assert_eq!(
            found.stdout(),
            list.stdout(),
            "query {query:?}\n{}",
            found.explain()
        );
    }
    for query in ["is:starred", "is:read", "!src:built", "src:twitter"] {
        let none = run(&["--filter", query]);
        none.expect_code(1);
        assert!(none.stdout().is_empty(), "{}", none.explain());
        assert!(none.stderr().is_empty(), "{}", none.explain());
    }
    assert_eq!(
        run(&["--filter", "is:unread src:built guatemala"]).stdout(),
        run(&["--filter", "guatemala"]).stdout()
    );
    let bogus = run(&["--filter", "is:bogus"]);
    bogus.expect_code(2);
    assert_eq!(
        bogus.stderr(),
        "migranews: unknown state 'is:bogus': expected is:unread, is:read or is:starred\n"
    );
    assert!(bogus.stdout().is_empty(), "{}", bogus.explain());
}

#[test]
fn filter_by_the_states_and_sources_of_an_exported_file() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        dir.path(),
        "export.json",
        br#"[
{"date": "2022-06-03", "headline": "Read and starred", "source": "OIM Panam\u00e1",
 "read": true, "starred": true},
{"date": "2022-06-02", "headline": "Read only", "source": "ReliefWeb", "read": true},
{"date": "2022-06-01", "headline": "Untouched", "source": "OIM Panam\u00e1"}
]"#,
    );
    let cases: &[(&str, &[&str])] = &[
        ("is:read", &["Read and starred", "Read only"]),
        ("is:unread", &["Untouched"]),
        ("is:starred", &["Read and starred"]),
        ("is:read !is:starred", &["Read only"]),
        ("src:panama", &["Read and starred", "Untouched"]),
        (
            "src:oim is:unread | is:starred",
            &["Read and starred", "Untouched"],
        ),
        ("!src:oim >2022-06-02", &["Read only"]),
    ];
    for (query, expected) in cases {
        let run = run_at_home(home.path(), &["--filter", query, path_str(&file)], None);
        run.expect_success();
        let headlines: Vec<String> = run
            .stdout()
            .lines()
            .map(|line| line.split('\t').nth(1).unwrap_or_default().to_string())
            .collect();
        assert_eq!(&headlines, expected, "query {query:?}\n{}", run.explain());
    }
}

#[test]
fn the_readers_search_worker_and_filter_agree() {
    use migranews::search::engine::{Scope, SortOrder};
    use migranews::search::worker::{SearchRequest, SearchWorker};
    use std::sync::{Arc, mpsc};

    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        dir.path(),
        "gen.txt",
        sample::archive_text(5_000, 3).as_bytes(),
    );
    let archive = Arc::new(migranews::archive::source::load(std::slice::from_ref(&file)).unwrap());
    let (sender, responses) = mpsc::channel();
    let worker = SearchWorker::spawn(move |response| {
        let _ = sender.send(response);
    });
    let queries = [
        ("border worker", false, "score"),
        ("mexico | panama", false, "score"),
        ("'migra !haiti", false, "date"),
        ("'IOM >2024-06", false, "score"),
        ("is:unread 'migra !src:other", false, "score"),
        ("frontera", true, "score"),
        ("diaspora caribe", true, "date"),
        ("in:mx border", false, "score"),
    ];
    for (generation, (query, full_text, sort)) in queries.iter().enumerate() {
        worker.request(SearchRequest {
            generation: generation as u64 + 1,
            archive: Arc::clone(&archive),
            states: Arc::default(),
            query: query.to_string(),
            scope: if *full_text {
                Scope::FullText
            } else {
                Scope::Headlines
            },
            order: if *sort == "date" {
                SortOrder::Date
            } else {
                SortOrder::Score
            },
            places: Arc::default(),
        });
        let response = responses
            .recv_timeout(std::time::Duration::from_secs(30))
            .unwrap();
        let from_worker: Vec<String> = response
            .outcome
            .unwrap()
            .iter()
            .map(|m| {
                let item = archive.get(m.index as usize);
                format!("{}\t{}", item.date, item.headline)
            })
            .collect();
        let mut args = vec!["--filter", query, "--sort", sort, path_str(&file)];
        if *full_text {
            args.push("--full-text");
        }
        let run = run(&args);
        let from_cli: Vec<String> = run.stdout().lines().map(str::to_string).collect();
        assert!(!from_cli.is_empty(), "{}", run.explain());
        assert_eq!(from_worker, from_cli, "query {query:?}");
    }
}

// Places and time: `in:` terms, `--count-by`, the JSON `places` field.

/// The headlines a run printed in the `--list` format.
fn headlines_of(run: &Run) -> Vec<String> {
    run.stdout()
        .lines()
        .map(|line| line.split('\t').nth(1).unwrap_or_default().to_string())
        .collect()
}

#[test]
fn filter_by_place_with_codes_names_and_every_other_term() {
    let starts = |query: &str| -> Vec<String> {
        let run = run(&["--filter", query, "--sort", "date"]);
        run.expect_success();
        headlines_of(&run)
            .iter()
            .map(|headline| headline.split(' ').take(2).collect::<Vec<_>>().join(" "))
            .collect()
    };
    let guatemala = [
        "Migration Regularization:",
        "IOM and",
        "Campaign launched",
        "Discover the",
    ];
    for query in [
        "in:gt",
        "in:GT",
        "in:guatemala",
        "in:Guatemala",
        "in:guatemaltecos",
    ] {
        assert_eq!(starts(query), guatemala, "{query}");
    }
    assert_eq!(starts("in:haití"), ["First ever"]);
    assert_eq!(starts("in:haiti"), ["First ever"]);
    assert_eq!(starts("in:hn >2022"), ["Migration Regularization:"]);
    assert_eq!(
        starts("in:gt <2022-03"),
        ["Campaign launched", "Discover the"]
    );
    assert_eq!(starts("in:dm | in:gd"), ["First ever", "IOM launches"]);
    assert_eq!(starts("in:mx !in:gt"), ["Tamaulipas adopts"]);
    assert_eq!(starts("in:gt campaign"), ["Campaign launched"]);
    assert_eq!(starts("in:mx 'tamaulipas @2022-02"), ["Tamaulipas adopts"]);
}

#[test]
fn filter_by_place_exit_codes_and_errors() {
    let none = run(&["--filter", "in:cl"]);
    none.expect_code(1);
    assert!(none.stdout().is_empty(), "{}", none.explain());
    let unknown = run(&["--filter", "border in:xyz"]);
    unknown.expect_code(2);
    assert_eq!(
        unknown.stderr(),
        "migranews: unknown place 'in:xyz': expected a country's code or name, such as in:gt or in:guatemala\n"
    );
    // A query's text reaches the terminal escaped.
    let hostile = run(&["--filter", "in:\x1b[2J"]);
    hostile.expect_code(2);
    assert!(
        hostile
            .stderr()
            .starts_with("migranews: unknown place 'in:\\x1b[2J'"),
        "{}",
        hostile.explain()
    );
    // From a pipe, the items of a script's own making.
    let text = b"3 March 2023\n\nShelters fill in Tapachula\n\nThe city is in Chiapas.\n\n\
                 4 March 2023\n\nA day in Tegucigalpa\n";
    let piped = run_with_stdin(&["--filter", "in:mx"], Some(text));
    piped.expect_success();
    assert_eq!(piped.stdout(), "2023-03-03\tShelters fill in Tapachula\n");
}

#[test]
fn count_by_month_year_and_place_as_tsv() {
    let months = run(&["--count-by", "month"]);
    months.expect_success();
    assert_eq!(
        months.stdout(),
        "2022-01\t2\n2022-02\t2\n2022-03\t2\n2022-04\t1\n2022-05\t2\n2022-06\t1\n"
    );
    let years = run(&["--count-by", "year"]);
    years.expect_success();
    assert_eq!(years.stdout(), "2022\t10\n");
    let places = run(&["--count-by", "place"]);
    places.expect_success();
    assert_eq!(
        places.stdout(),
        "GT\t4\nMX\t3\nSV\t2\nBZ\t1\nCR\t1\nDM\t1\nDO\t1\nGD\t1\nHN\t1\nHT\t1\nPA\t1\n"
    );
    // Of the matches only, with the empty months between them.
    let filtered = run(&["--count-by", "month", "--filter", "in:gt"]);
    filtered.expect_success();
    assert_eq!(
        filtered.stdout(),
        "2022-01\t1\n2022-02\t1\n2022-03\t1\n2022-04\t1\n"
    );
    let week = run(&["--count-by", "week", "--filter", "in:mx"]);
    week.expect_success();
    assert_eq!(
        week.stdout(),
        "2022-W07\t1\n2022-W08\t1\n2022-W09\t0\n2022-W10\t0\n2022-W11\t0\n2022-W12\t0\n2022-W13\t0\n2022-W14\t1\n"
    );
    let places = run(&["--count-by", "place", "--filter", "'guatemalan"]);
    places.expect_success();
    assert_eq!(places.stdout(), "GT\t1\nMX\t1\n");
}

#[test]
fn count_by_as_json_and_exit_codes() {
    let months = run(&[
        "--count-by",
        "month",
        "--filter",
        "in:hn | in:ht",
        "--export",
        "json",
    ]);
    months.expect_success();
    assert_eq!(
        months.stdout(),
        "[\n{\"period\":\"2022-04\",\"count\":1},\n{\"period\":\"2022-05\",\"count\":1}\n]\n"
    );
    let places = run(&[
        "--count-by",
        "place",
        "--filter",
        "in:dm",
        "--export",
        "json",
    ]);
    places.expect_success();
    assert_eq!(
        places.stdout(),
        "[\n{\"place\":\"DM\",\"name\":\"Dominica\",\"count\":1},\n{\"place\":\"HT\",\"name\":\"Haiti\",\"count\":1}\n]\n"
    );
    let none = run(&[
        "--count-by",
        "place",
        "--filter",
        "zzzzqqq",
        "--export",
        "json",
    ]);
    none.expect_code(1);
    assert_eq!(none.stdout(), "[\n]\n");
    let conflict = run(&["--count-by", "month", "--list"]);
    conflict.expect_code(2);
    // A bad value is one line, like any other error, and names the good ones.
    let bad = run(&["--count-by", "decade"]);
    bad.expect_code(2);
    assert_eq!(
        bad.stderr(),
        "migranews: unknown --count-by 'decade': expected day, week, month, year or place\n"
    );
    assert!(bad.stdout().is_empty(), "{}", bad.explain());
    let escaped = run(&["--count-by", "\x1b]0;x\x07"]);
    escaped.expect_code(2);
    assert_eq!(
        escaped.stderr(),
        "migranews: unknown --count-by '\\x1b]0;x\\x07': expected day, week, month, year or place\n"
    );
    run(&["--count-by", "MONTH"]).expect_success();
    let help = run(&["--help"]);
    assert!(
        help.stdout()
            .contains("[possible values: day, week, month, year, place]"),
        "{}",
        help.explain()
    );
}

#[test]
fn export_json_gives_places_and_reading_it_back_keeps_them() {
    let exported = run(&["--export", "json"]);
    exported.expect_success();
    let values: serde_json::Value = serde_json::from_str(&exported.stdout()).unwrap();
    let places = |index: usize| values[index]["places"].clone();
    assert_eq!(places(0), serde_json::json!(["SV"]));
    assert_eq!(places(1), serde_json::json!([]));
    assert_eq!(
        places(3),
        serde_json::json!(["BZ", "CR", "DO", "GT", "HN", "MX", "PA", "SV"])
    );

    // The file's places are the items' places: an edited list is believed.
    let edited = exported
        .stdout()
        .replacen("\"places\":[\"SV\"]", "\"places\":[\"CL\",\"gt\"]", 1);
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "edited.json", edited.as_bytes());
    let again = run(&["--export", "json", path_str(&file)]);
    again.expect_success();
    assert_eq!(
        again.stdout(),
        edited.replacen(
            "\"places\":[\"CL\",\"gt\"]",
            "\"places\":[\"CL\",\"GT\"]",
            1
        )
    );
    let chile = run(&["--filter", "in:chile", path_str(&file)]);
    chile.expect_success();
    assert_eq!(chile.stdout(), format!("{NEWEST_SEED_LINE}\n"));
    let salvador = run(&["--count-by", "place", "--filter", "in:sv", path_str(&file)]);
    assert_eq!(
        salvador.stdout(),
        "BZ\t1\nCR\t1\nDO\t1\nGT\t1\nHN\t1\nMX\t1\nPA\t1\nSV\t1\n"
    );

    // An export from before places existed is tagged from its text.
    let old = write_file(
        dir.path(),
        "old.json",
        br#"[{"date":"2021-05-01","headline":"Caravan leaves San Pedro Sula"}]"#,
    );
    let tagged = run(&["--export", "json", path_str(&old)]);
    tagged.expect_success();
    assert!(
        tagged.stdout().contains("\"places\":[\"HN\"]}"),
        "{}",
        tagged.explain()
    );
}
