//! `migranews import FILE...`: archive and JSON files into the store, read and searched with the feeds.
//!
//! An item is filed under the source a JSON export gave it, else under its
//! file's name, so that exporting a store and importing the file elsewhere
//! gives the same items from the same sources.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use super::messages;
use crate::archive::item::Archive;
use crate::archive::source;
use crate::config::Paths;
use crate::config::feed_list::one_line;
use crate::store::{SourceKind, Store};

pub fn run(files: &[PathBuf]) -> Result<ExitCode> {
    let paths = Paths::from_env()?;
    // Every file is read before the store is touched: a bad file imports nothing.
    let mut loaded = Vec::with_capacity(files.len());
    for file in files {
        let archive = source::load(std::slice::from_ref(file))?;
        messages::warn_loading(&archive);
        loaded.push((file, archive));
    }
    let mut store = Store::open(&paths.store_file())?;
    let mut out = io::stdout().lock();
    for (file, archive) in &loaded {
        let name = source_name(file);
        let sources = store_sources(&store, file, &name, archive)?;
        // What the file says (a JSON export's read and starred), with what
        // was kept for its items while they were read as a file.
        let states = store.load_states(archive)?;
        let items = (0..archive.len()).map(|index| {
            (
                &sources[archive.source_index(index) as usize],
                archive.get(index),
                states.get(index),
            )
        });
        let counts = store.import(items)?;
        let mut line = format!("{name}: {}, {} items", counts.saved, archive.len());
        // Every source of an archive has an item.
        let mut used: Vec<&String> = sources.iter().collect();
        used.sort();
        used.dedup();
        if used.len() > 1 {
            line.push_str(&format!(" in {} sources", used.len()));
        }
        match counts.duplicates {
            0 => {}
            1 => line.push_str("; 1 duplicate item skipped"),
            n => line.push_str(&format!("; {n} duplicate items skipped")),
        }
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The name an imported file's items are shown with: its file name.
fn source_name(file: &Path) -> String {
    if file == Path::new("-") {
        return "standard input".into();
    }
    let name = file.file_name().map_or(file.as_os_str(), |name| name);
    source::display_name(Path::new(name))
}

/// The store source of each of `archive`'s sources, by index: the item's
/// own (from a JSON export) when it has one that can be a file's name,
/// else `name`. A source already the address of a feed is not mixed into
/// that feed: its items are filed under `name`, with a warning.
fn store_sources(store: &Store, file: &Path, name: &str, archive: &Archive) -> Result<Vec<String>> {
    // What the loader called items with no source of their own.
    let loaded_as = match file == Path::new("-") {
        true => "standard input".to_string(),
        false => source::display_name(file),
    };
    let mut names = Vec::with_capacity(archive.sources().len());
    for own in archive.sources() {
        let own = one_line(own);
        let chosen = if own.is_empty() || own == loaded_as {
            name.to_string()
        } else if store
            .source(&own)?
            .is_some_and(|info| info.kind == SourceKind::Feed)
        {
            messages::warn(format_args!(
                "{name}: source {own} is the address of a feed: its items are filed under {name}"
            ));
            name.to_string()
        } else {
            own
        };
        names.push(chosen);
    }
    Ok(names)
}
