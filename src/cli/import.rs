//! `migranews import FILE...`: archive and JSON files into the store, read and searched with the feeds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::archive::source;
use crate::config::Paths;
use crate::store::Store;

pub fn run(files: &[PathBuf]) -> Result<ExitCode> {
    let paths = Paths::from_env()?;
    // Every file is read before the store is touched: a bad file imports nothing.
    let mut loaded = Vec::with_capacity(files.len());
    for file in files {
        let archive = source::load(std::slice::from_ref(file))?;
        for warning in archive.warnings() {
            eprintln!("migranews: warning: {warning}");
        }
        loaded.push((source_name(file), archive));
    }
    let mut store = Store::open(&paths.store_file())?;
    for (name, archive) in &loaded {
        let counts = store.import_file(name, archive.iter())?;
        println!(
            "{name}: {} new, {} updated, {} items",
            counts.new,
            counts.updated,
            archive.len()
        );
    }
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
