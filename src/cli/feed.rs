//! `migranews feed ...`: the feed list (add, list, remove) and OPML import and export.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::FeedCommand;
use crate::archive::sanitize::{CarriageReturns, sanitize};
use crate::archive::source::display_name;
use crate::config::Paths;
use crate::config::feed_list::{FeedEntry, FeedList};
use crate::config::opml;
use crate::feeds::fetch::{FeedAddress, check_feed_address};
use crate::store::{SourceInfo, Store};

/// OPML files larger than this are not feed lists.
const MAX_OPML_BYTES: u64 = 16 << 20;

pub fn run(command: &FeedCommand) -> Result<ExitCode> {
    let paths = Paths::from_env()?;
    let mut list = FeedList::load(&paths.feeds_file())?;
    match command {
        FeedCommand::Add { url, title } => add(&mut list, url, title.as_deref())?,
        FeedCommand::List => print_list(&list, &paths)?,
        FeedCommand::Remove { url, purge } => remove(&mut list, &paths, url, *purge)?,
        FeedCommand::Import { file } => import_opml(&mut list, file)?,
        FeedCommand::Export => {
            let mut out = io::stdout().lock();
            out.write_all(opml::write(list.entries()).as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn add(list: &mut FeedList, address: &str, title: Option<&str>) -> Result<()> {
    let url = feed_url(address)?;
    let title = title.map(one_line).filter(|title| !title.is_empty());
    let entry = FeedEntry {
        url: url.clone(),
        title,
        tags: Vec::new(),
    };
    if list.add(entry) {
        list.save()?;
        println!("added {url}; `migranews fetch` fetches it");
    } else {
        println!("already subscribed to {url}");
    }
    Ok(())
}

/// The address as the list keeps it: a web or file URL as given, a local
/// path made absolute so that `fetch` finds it from any folder.
fn feed_url(address: &str) -> Result<String> {
    let address = address.trim();
    Ok(match check_feed_address(address)? {
        FeedAddress::Http(url) => url,
        FeedAddress::File(_) if address.starts_with("file:") => address.to_string(),
        FeedAddress::File(path) => {
            let absolute = std::path::absolute(&path).with_context(|| display_name(&path))?;
            absolute.to_string_lossy().into_owned()
        }
    })
}

fn one_line(text: &str) -> String {
    sanitize(text, CarriageReturns::ToNewlines)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `URL<TAB>title<TAB>items<TAB>last fetch<TAB>result`, one feed a line.
fn print_list(list: &FeedList, paths: &Paths) -> Result<()> {
    let store = Store::open_existing(&paths.store_file())?;
    let mut out = io::stdout().lock();
    for entry in list.entries() {
        let known: Option<SourceInfo> = match &store {
            Some(store) => store.source(&entry.url)?,
            None => None,
        };
        let title = entry
            .title
            .clone()
            .or_else(|| known.as_ref().map(|info| info.title.clone()))
            .filter(|title| !title.is_empty())
            .unwrap_or_else(|| "-".into());
        let (count, fetched, result) = match &known {
            Some(info) => (
                info.item_count,
                info.last_fetch.map_or_else(
                    || "never".to_string(),
                    |time| {
                        time.with_timezone(&chrono::Local)
                            .format("%Y-%m-%d %H:%M")
                            .to_string()
                    },
                ),
                info.last_result
                    .clone()
                    .unwrap_or_else(|| "not fetched yet".into()),
            ),
            None => (0, "never".into(), "not fetched yet".into()),
        };
        writeln!(out, "{}\t{title}\t{count}\t{fetched}\t{result}", entry.url)?;
    }
    out.flush()?;
    if list.entries().is_empty() {
        eprintln!("migranews: no feeds yet: add one with `migranews feed add URL`");
    }
    Ok(())
}

fn remove(list: &mut FeedList, paths: &Paths, address: &str, purge: bool) -> Result<()> {
    let address = address.trim();
    // The list may hold the address as typed or as `feed add` made it.
    let url = match list.get(address) {
        Some(_) => address.to_string(),
        None => feed_url(address).unwrap_or_else(|_| address.to_string()),
    };
    if !list.remove(&url) {
        bail!("not subscribed to {url} (see `migranews feed list`)");
    }
    list.save()?;
    if let Some(mut store) = Store::open_existing(&paths.store_file())? {
        store.unsubscribe(&url, purge)?;
    }
    if purge {
        println!("removed {url} and its items");
    } else {
        println!("removed {url}; its items stay readable (--purge deletes them)");
    }
    Ok(())
}

fn import_opml(list: &mut FeedList, file: &Path) -> Result<()> {
    let name = display_name(file);
    let text = read_limited(file).with_context(|| name.clone())?;
    let feeds = opml::read(&text).with_context(|| name.clone())?;
    for skipped in &feeds.skipped {
        eprintln!("migranews: warning: {name}: {skipped}");
    }
    let total = feeds.entries.len();
    let added = feeds
        .entries
        .into_iter()
        .filter(|entry| list.add(entry.clone()))
        .count();
    if added > 0 {
        list.save()?;
    }
    println!(
        "{name}: added {added} of {total} feeds ({} already subscribed)",
        total - added
    );
    Ok(())
}

fn read_limited(file: &Path) -> Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(file)?
        .take(MAX_OPML_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_OPML_BYTES {
        bail!("larger than 16 MiB: not a feed list");
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
