//! Helpers for tests across the crate that need an archive.

use crate::archive::item::Archive;
use crate::archive::source;

/// An archive from text, as the binary would load it.
pub fn archive_from(text: &str) -> Archive {
    let mut archive = Archive::new();
    source::add_bytes(&mut archive, "test.txt", text.as_bytes().to_vec()).unwrap();
    archive.sort();
    archive
}
