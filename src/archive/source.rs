//! Where archive text comes from: files, standard input, or the archive embedded in the binary.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Read, Seek};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::archive::item::{Archive, Warning};
use crate::archive::sanitize::{CarriageReturns, escape_controls, sanitize};
use crate::archive::{json, parse};

/// The seed archive, compiled in: what migranews shows when given nothing.
pub const EMBEDDED_ARCHIVE: &str = include_str!("../../assets/news.txt");

const EMBEDDED_NAME: &str = "built-in archive";
const STDIN_NAME: &str = "standard input";
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// The largest source migranews reads (2 GiB).
const MAX_SOURCE_BYTES: usize = 1 << 31;

/// The limit on one source; debug builds (the tests) may lower it with
/// `MIGRANEWS_TEST_MAX_SOURCE_BYTES`, to test endless input without
/// reading gigabytes.
fn max_source_bytes() -> usize {
    #[cfg(debug_assertions)]
    if let Some(limit) = std::env::var("MIGRANEWS_TEST_MAX_SOURCE_BYTES")
        .ok()
        .and_then(|value| value.parse().ok())
    {
        return limit;
    }
    MAX_SOURCE_BYTES
}

/// Where the items a reader shows came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    /// Files named on the command line.
    #[default]
    Files,
    /// Piped standard input.
    Stdin,
    /// The store of fetched feeds and imported files.
    Store,
    /// The archive built into migranews: nothing else to show yet.
    Embedded,
}

/// Loads every file (`-` is standard input) into one archive, newest first.
///
/// With no file: standard input when it is a pipe or file with data, else the
/// embedded archive.
pub fn load(files: &[PathBuf]) -> Result<Archive> {
    if files.is_empty() {
        return Ok(match piped_stdin()? {
            Some(archive) => archive,
            None => load_embedded(),
        });
    }
    let mut archive = Archive::new();
    for file in files {
        if file == Path::new("-") {
            let bytes = read_stdin().context(STDIN_NAME)?;
            add_bytes(&mut archive, STDIN_NAME, bytes)?;
        } else {
            let name = display_name(file);
            let bytes = read_file(file).with_context(|| name.clone())?;
            add_bytes(&mut archive, &name, bytes)?;
        }
    }
    archive.sort();
    Ok(archive)
}

/// The items on standard input, when it is a pipe or a file with data.
pub fn piped_stdin() -> Result<Option<Archive>> {
    let Some(bytes) = read_piped_stdin()? else {
        return Ok(None);
    };
    let mut archive = Archive::new();
    add_bytes(&mut archive, STDIN_NAME, bytes)?;
    archive.sort();
    Ok(Some(archive))
}

/// A path as messages show it: control characters escaped, so that a file
/// name cannot write to the terminal through an error message.
pub fn display_name(path: &Path) -> String {
    escape_controls(&path.display().to_string()).into_owned()
}

/// The embedded archive alone, for tests and benchmarks.
pub fn load_embedded() -> Archive {
    let mut archive = Archive::new();
    add_bytes(&mut archive, EMBEDDED_NAME, EMBEDDED_ARCHIVE.into())
        .expect("the embedded archive has items");
    archive.sort();
    archive
}

/// Files at least this large are read by two threads.
const PARALLEL_READ_MIN_BYTES: u64 = 8 << 20;

/// Reads a whole file. A large one is read in two halves at once: copying
/// from the page cache is most of the cost of loading an archive. Anything
/// but a regular file (a device, a pipe) is read up to the limit.
fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return read_limited(&file);
    }
    if metadata.len() > max_source_bytes() as u64 {
        return Err(too_large());
    }
    if metadata.len() < PARALLEL_READ_MIN_BYTES {
        return read_limited(&file);
    }
    let len = metadata.len() as usize;
    let mut bytes = vec![0u8; len];
    let (head, tail) = bytes.split_at_mut(len / 2);
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| file.read_exact_at(head, 0));
        let tail_result = file.read_exact_at(tail, (len / 2) as u64);
        reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the reading thread failed")))
            .and(tail_result)
    })
    .map_err(|error| match error.kind() {
        io::ErrorKind::UnexpectedEof => io::Error::other("the file shrank while it was read"),
        _ => error,
    })?;
    // The file may have grown since it was measured: read the rest too.
    (&file).seek(io::SeekFrom::Start(len as u64))?;
    let mut rest = read_limited(&file)?;
    if len + rest.len() > max_source_bytes() {
        return Err(too_large());
    }
    bytes.append(&mut rest);
    Ok(bytes)
}

/// Everything `reader` gives, refused as soon as it is more than the most
/// migranews reads from one source: `/dev/zero` or `yes |` must not eat
/// all memory.
fn read_limited(reader: impl Read) -> io::Result<Vec<u8>> {
    let limit = max_source_bytes();
    let mut bytes = Vec::new();
    reader.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

fn too_large() -> io::Error {
    let limit = match max_source_bytes() {
        MAX_SOURCE_BYTES => "2 GiB".to_string(),
        bytes => format!("{bytes} bytes"),
    };
    io::Error::other(format!(
        "larger than {limit}, the most migranews reads from one source"
    ))
}

/// Standard input's bytes when it is data: a pipe or a file, even an empty
/// one (an empty result upstream must not turn into the built-in archive).
/// A terminal or `/dev/null` means nothing was given.
fn read_piped_stdin() -> Result<Option<Vec<u8>>> {
    let stdin = io::stdin();
    if stdin.is_terminal() || is_dev_null(&stdin) {
        return Ok(None);
    }
    read_stdin().context(STDIN_NAME).map(Some)
}

/// Whether `stdin` is `/dev/null`, as when a program is started with no input.
fn is_dev_null(stdin: &io::Stdin) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let Ok(fd) = stdin.as_fd().try_clone_to_owned() else {
        // Closed: nothing was given.
        return true;
    };
    let (Ok(ours), Ok(null)) = (
        std::fs::File::from(fd).metadata(),
        std::fs::metadata("/dev/null"),
    ) else {
        return false;
    };
    ours.file_type() == null.file_type() && ours.rdev() == null.rdev()
}

fn read_stdin() -> io::Result<Vec<u8>> {
    read_limited(io::stdin().lock())
}

/// Decodes, parses and adds one source. A text source with no item is an
/// error saying what the input was instead; a JSON array may be empty (an
/// exported empty result reads back as no items).
pub fn add_bytes(archive: &mut Archive, name: &str, bytes: Vec<u8>) -> Result<()> {
    let Decoded { text, problem } = decode(bytes);
    // Checked after decoding, which can grow the text: items keep 32-bit
    // offsets into it.
    if text.len() > max_source_bytes() {
        return Err(too_large()).context(name.to_string());
    }
    if let Some((line, message)) = problem {
        archive.add_warning(Warning::new(name, Some(line), message));
    }
    // Escape sequences go before parsing; JSON sanitizes its decoded strings.
    let text = match sanitize(&text, CarriageReturns::Keep) {
        Cow::Borrowed(_) => text,
        Cow::Owned(clean) => clean,
    };
    if json::looks_like_json(&text) {
        match json::import(&text) {
            // Imported text is all in the normalised buffer; the input can go.
            Ok(parsed) => {
                archive.add_source(name, Box::default(), parsed);
                return Ok(());
            }
            // Not JSON after all: an archive whose stray first line starts
            // with `[`, if the text parser finds items in it.
            Err(error) => {
                let parsed = parse::parse_parallel(&text);
                if parsed.items.is_empty() {
                    return Err(error).with_context(|| format!("{name}: invalid JSON archive"));
                }
                archive.add_source(name, text.into_boxed_str(), parsed);
                return Ok(());
            }
        }
    }
    let parsed = parse::parse_parallel(&text);
    if parsed.items.is_empty() {
        bail!("{name}: {}", no_items(&text));
    }
    archive.add_source(name, text.into_boxed_str(), parsed);
    Ok(())
}

/// What a text with no item was, for the error: valid JSON of another
/// shape says so, rather than asking for a date line.
fn no_items(text: &str) -> &'static str {
    let json = text
        .trim_start()
        .starts_with(['{', '"', 'n', 't', 'f'])
        .then(|| serde_json::from_str::<serde_json::Value>(text).ok())
        .flatten();
    match json {
        Some(serde_json::Value::Object(_)) => {
            "a JSON object, not an archive (migranews reads the array of items --export json writes)"
        }
        Some(serde_json::Value::Null) => {
            "JSON null, not an archive (migranews reads the array of items --export json writes)"
        }
        Some(_) => {
            "a single JSON value, not an archive (migranews reads the array of items --export json writes)"
        }
        None => "no news items found (expected a date line such as '1 June, 2022')",
    }
}

/// Text decoded from a source's bytes, and what was wrong with them.
struct Decoded {
    text: String,
    /// The line of the first undecodable byte, and what was done.
    problem: Option<(usize, String)>,
}

/// UTF-8 text without its byte-order mark, or UTF-16 when a byte-order mark
/// says so; undecodable bytes become U+FFFD.
fn decode(mut bytes: Vec<u8>) -> Decoded {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(&bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, had_errors) = encoding.decode_with_bom_removal(&bytes);
        let problem = had_errors.then(|| {
            let line = line_of(&text, text.find('\u{FFFD}').unwrap_or(0));
            (
                line,
                format!("invalid {}, shown as \u{FFFD}", encoding.name()),
            )
        });
        return Decoded {
            text: text.into_owned(),
            problem,
        };
    }
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    if is_utf8(&bytes) {
        return Decoded {
            // SAFETY: `is_utf8` has just checked that `bytes` is valid UTF-8.
            text: unsafe { String::from_utf8_unchecked(bytes) },
            problem: None,
        };
    }
    match simdutf8::compat::from_utf8(&bytes) {
        // Not reached: `is_utf8` said otherwise.
        Ok(_) => Decoded {
            text: String::from_utf8_lossy(&bytes).into_owned(),
            problem: None,
        },
        Err(error) => {
            let line = line_of_bytes(&bytes, error.valid_up_to());
            Decoded {
                text: String::from_utf8_lossy(&bytes).into_owned(),
                problem: Some((line, "invalid UTF-8, shown as \u{FFFD}".into())),
            }
        }
    }
}

/// Whether `bytes` is UTF-8. simdutf8 validates accented text several times
/// faster than std, which matters at hundreds of megabytes; a large text is
/// validated in two halves at once, split where a character starts (were
/// none near the middle, the text would not be UTF-8, and the second half
/// would say so).
fn is_utf8(bytes: &[u8]) -> bool {
    let two_cores = std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2);
    if !two_cores || bytes.len() < PARALLEL_READ_MIN_BYTES as usize {
        return simdutf8::basic::from_utf8(bytes).is_ok();
    }
    let is_continuation = |byte: u8| byte & 0xC0 == 0x80;
    let mut middle = bytes.len() / 2;
    while middle > bytes.len() / 2 - 3 && is_continuation(bytes[middle]) {
        middle -= 1;
    }
    let (head, tail) = bytes.split_at(middle);
    std::thread::scope(|scope| {
        let head = scope.spawn(|| simdutf8::basic::from_utf8(head).is_ok());
        let tail = simdutf8::basic::from_utf8(tail).is_ok();
        head.join().expect("validating thread panicked") && tail
    })
}

/// The 1-based line of byte `at`, counting `\n`, `\r\n` and a lone `\r`
/// as the parser does, so that warnings name the same lines.
fn line_of_bytes(bytes: &[u8], at: usize) -> usize {
    let before = &bytes[..at.min(bytes.len())];
    let newlines = memchr::memchr_iter(b'\n', before).count();
    let lone_returns = memchr::memchr_iter(b'\r', before)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .count();
    1 + newlines + lone_returns
}

fn line_of(text: &str, at: usize) -> usize {
    line_of_bytes(text.as_bytes(), at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::item::MAX_WARNINGS;
    use std::sync::Arc;

    #[test]
    fn embedded_archive_is_the_seed() {
        let archive = load_embedded();
        assert_eq!(archive.len(), 10);
        assert!(archive.warnings().is_empty());
    }

    #[test]
    fn bom_is_dropped_and_bad_bytes_are_replaced_with_a_warning() {
        let mut archive = Archive::new();
        let bytes = b"\xEF\xBB\xBF1 June, 2022\n\nHead\xFFline\n".to_vec();
        add_bytes(&mut archive, "bad.txt", bytes).unwrap();
        assert_eq!(archive.get(0).headline, "Head\u{FFFD}line");
        assert_eq!(
            archive.warnings()[0].to_string(),
            "bad.txt:3: invalid UTF-8, shown as \u{FFFD}"
        );
    }

    #[test]
    fn a_source_without_items_is_an_error_naming_it() {
        let mut archive = Archive::new();
        let error = add_bytes(&mut archive, "empty.txt", b"just words\n".to_vec()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "empty.txt: no news items found (expected a date line such as '1 June, 2022')"
        );
    }

    #[test]
    fn json_input_is_detected_from_content() {
        let mut archive = Archive::new();
        let json = br#" [{"date":"2023-01-05","headline":"From JSON","body":"p1\n\np2"}]"#;
        add_bytes(&mut archive, "a.json", json.to_vec()).unwrap();
        assert_eq!(archive.get(0).headline, "From JSON");
        let error = add_bytes(&mut archive, "b.json", b"[{]".to_vec()).unwrap_err();
        assert!(
            format!("{error:#}").starts_with("b.json: invalid JSON archive: "),
            "{error:#}"
        );
        // A text archive whose stray first line starts with `[` is still text.
        let text = b"[draft] archive\n\n1 June, 2022\n\nHeadline\n".to_vec();
        add_bytes(&mut archive, "c.txt", text).unwrap();
        assert!(archive.iter().any(|item| item.headline == "Headline"));
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        for big_endian in [false, true] {
            let mut archive = Archive::new();
            let bytes = utf16("1 June, 2022\n\nMigración en México\n", big_endian);
            add_bytes(&mut archive, "utf16.txt", bytes).unwrap();
            assert_eq!(archive.get(0).headline, "Migración en México");
            assert!(archive.warnings().is_empty());
        }
    }

    #[test]
    fn json_of_another_shape_says_what_it_was() {
        let error = |text: &str| {
            add_bytes(&mut Archive::new(), "x.json", text.as_bytes().to_vec())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error(r#"{"items": []}"#),
            "x.json: a JSON object, not an archive (migranews reads the array of items --export json writes)"
        );
        assert_eq!(
            error("null"),
            "x.json: JSON null, not an archive (migranews reads the array of items --export json writes)"
        );
        assert_eq!(
            error("plain words"),
            "x.json: no news items found (expected a date line such as '1 June, 2022')"
        );
    }

    #[test]
    fn an_exported_empty_result_reads_back_as_no_items() {
        let mut archive = Archive::new();
        add_bytes(&mut archive, "empty.json", b"[\n]\n".to_vec()).unwrap();
        assert!(archive.is_empty());
    }

    #[test]
    fn lines_are_counted_as_the_parser_counts_them() {
        assert_eq!(line_of_bytes(b"a\rb\rc", 4), 3, "CR-only");
        assert_eq!(line_of_bytes(b"a\r\nb\r\nc", 6), 3, "CRLF");
        assert_eq!(line_of_bytes(b"a\nb", 3), 2);
        let mut archive = Archive::new();
        let cr_only = b"1 June, 2022\r\rHead\rBody \xFF\r".to_vec();
        add_bytes(&mut archive, "cr.txt", cr_only).unwrap();
        assert_eq!(archive.warnings()[0].line, Some(4));
    }

    #[test]
    fn warnings_share_their_source_name_and_stop_at_the_cap() {
        let mut text = String::new();
        for _ in 0..(MAX_WARNINGS + 5) {
            text.push_str("31 June, 2022\n\nImpossible\n\n");
        }
        text.push_str("1 June, 2022\n\nFine\n");
        let mut archive = Archive::new();
        add_bytes(&mut archive, "bad.txt", text.into_bytes()).unwrap();
        assert_eq!(archive.warnings().len(), MAX_WARNINGS);
        assert_eq!(archive.warnings_dropped(), 5);
        let (first, second) = (&archive.warnings()[0], &archive.warnings()[1]);
        assert!(
            Arc::ptr_eq(&first.source, &second.source),
            "one name, shared"
        );
    }
}
