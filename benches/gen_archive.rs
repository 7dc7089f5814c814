//! Writes a generated archive to standard output: `cargo run --release --example gen-archive -- ITEMS [SEED]`.

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let text = migranews::archive::sample::archive_text(count, seed);
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .expect("write archive");
}
