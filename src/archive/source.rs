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
/// from the page cache is most of the cost of loading an archive.
fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() || metadata.len() < PARALLEL_READ_MIN_BYTES {
        let mut bytes = Vec::new();
        (&file).read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    let len = usize::try_from(metadata.len()).map_err(io::Error::other)?;
    let mut bytes = vec![0u8; len];
    let (head, tail) = bytes.split_at_mut(len / 2);
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| file.read_exact_at(head, 0));
        let tail_result = file.read_exact_at(tail, (len / 2) as u64);
        reader
            .join()
            .expect("reader thread panicked")
            .and(tail_result)
    })?;
    // The file may have grown since it was measured: read the rest too.
    (&file).seek(io::SeekFrom::Start(len as u64))?;
    (&file).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Standard input's bytes when it is not a terminal and holds data.
fn read_piped_stdin() -> Result<Option<Vec<u8>>> {
    if io::stdin().is_terminal() {
        return Ok(None);
    }
    let bytes = read_stdin().context(STDIN_NAME)?;
    Ok((!bytes.is_empty()).then_some(bytes))
}

fn read_stdin() -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Decodes, parses and adds one source; a source with no item is an error.
pub fn add_bytes(archive: &mut Archive, name: &str, bytes: Vec<u8>) -> Result<()> {
    let (text, bad_utf8_line) = decode(bytes);
    // Checked after decoding, which can grow the text: items keep 32-bit
    // offsets, and the folded headline index keeps a flag in the top bit.
    if text.len() > MAX_SOURCE_BYTES {
        bail!("{name}: too large (migranews reads files up to 2 GiB)");
    }
    if let Some(line) = bad_utf8_line {
        archive.add_warning(Warning {
            source: name.to_string(),
            line: Some(line),
            message: "invalid UTF-8, shown as \u{FFFD}".into(),
        });
    }
    // Escape sequences go before parsing; JSON sanitizes its decoded strings.
    let text = match sanitize(&text, CarriageReturns::Keep) {
        Cow::Borrowed(_) => text,
        Cow::Owned(clean) => clean,
    };
    let (parsed, input) = match json::looks_like_json(&text).then(|| json::import(&text)) {
        // Imported text is all in the normalised buffer; the input can go.
        Some(Ok(parsed)) => (parsed, String::new()),
        // Not JSON after all: an archive whose stray first line starts
        // with `[`, if the text parser finds items in it.
        Some(Err(error)) => {
            let parsed = parse::parse_parallel(&text);
            if parsed.items.is_empty() {
                return Err(error).with_context(|| format!("{name}: invalid JSON archive"));
            }
            (parsed, text)
        }
        None => (parse::parse_parallel(&text), text),
    };
    if parsed.items.is_empty() {
        bail!("{name}: no news items found (expected a date line such as '1 June, 2022')");
    }
    archive.add_source(name, input.into_boxed_str(), parsed);
    Ok(())
}

/// UTF-8 text without its BOM; invalid bytes become U+FFFD and the line of the
/// first one is returned.
fn decode(mut bytes: Vec<u8>) -> (String, Option<usize>) {
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    // simdutf8 validates accented text several times faster than std, which
    // matters at hundreds of megabytes.
    match simdutf8::compat::from_utf8(&bytes) {
        // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8.
        Ok(_) => (unsafe { String::from_utf8_unchecked(bytes) }, None),
        Err(error) => {
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..error.valid_up_to()]).count();
            (String::from_utf8_lossy(&bytes).into_owned(), Some(line))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
