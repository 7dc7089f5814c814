//! `migranews feed ...`: the feed list (add, list, remove) and OPML import and export.
//!
//! Every change to `feeds.toml` goes through [`FeedList::edit`], so it never
//! undoes a `fetch` or another command running at the same time.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::{FeedCommand, messages};
use crate::archive::sanitize::escape_controls;
use crate::archive::source::display_name;
use crate::config::Paths;
use crate::config::feed_list::{FeedEntry, FeedList, normalize_address, one_line};
use crate::config::opml;
use crate::feeds::fetch::{FeedAddress, check_feed_address, looks_like_host};
use crate::store::{SourceInfo, SourceKind, Store};

/// OPML files larger than this are not feed lists.
const MAX_OPML_BYTES: u64 = 16 << 20;

pub fn run(command: &FeedCommand) -> Result<ExitCode> {
    let paths = Paths::from_env()?;
    let feeds_file = paths.feeds_file();
    match command {
        FeedCommand::Add { url, title } => add(&feeds_file, url, title.as_deref())?,
        FeedCommand::List => print_list(&FeedList::load(&feeds_file)?, &paths)?,
        FeedCommand::Remove { url, purge } => remove(&feeds_file, &paths, url, *purge)?,
        FeedCommand::Import { file } => import_opml(&feeds_file, file)?,
        FeedCommand::Export => {
            let list = FeedList::load(&feeds_file)?;
            let mut out = io::stdout().lock();
            out.write_all(opml::write(list.entries()).as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line on standard output; a closed pipe is an error the caller
/// turns into a quiet exit.
fn say(line: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()
}

fn add(feeds_file: &Path, address: &str, title: Option<&str>) -> Result<()> {
    let url = feed_url(address)?;
    let title = title.map(one_line).filter(|title| !title.is_empty());
    let entry = FeedEntry {
        url: url.clone(),
        title,
        tags: Vec::new(),
    };
    if FeedList::edit(feeds_file, |list| Ok(list.add(entry)))? {
        say(&format!("added {url}; `migranews fetch` fetches it"))?;
    } else {
        say(&format!("already subscribed to {url}"))?;
    }
    Ok(())
}

/// The address as the list keeps it (see [`list_form`]), for a feed that
/// can be fetched: a local file must exist, and one that does not but looks
/// like a host name was probably meant as a web address.
fn feed_url(address: &str) -> Result<String> {
    let address = address.trim();
    let url = list_form(address)?;
    if let FeedAddress::File(path) = check_feed_address(&url)? {
        let shown = display_name(&path);
        match std::fs::metadata(&path) {
            Ok(metadata) if metadata.is_file() => {}
            Ok(metadata) if metadata.is_dir() => bail!("{shown}: a folder, not a feed file"),
            Ok(_) => bail!("{shown}: not a regular file"),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                if looks_like_host(Path::new(address)) {
                    let guess = escape_controls(address);
                    bail!("{shown}: no such file (did you mean https://{guess}?)");
                }
                bail!("{shown}: no such file");
            }
            Err(error) => return Err(error).context(shown),
        }
    }
    Ok(url)
}

/// The address as the list keeps it: a web or file URL as the list
/// normalises it, a local path made absolute so that `fetch` finds it from
/// any folder.
fn list_form(address: &str) -> Result<String> {
    let url = normalize_address(address)?;
    Ok(match check_feed_address(&url)? {
        FeedAddress::File(path) if !url.starts_with("file:") => {
            let absolute = std::path::absolute(&path).with_context(|| display_name(&path))?;
            absolute.to_string_lossy().into_owned()
        }
        _ => url,
    })
}

/// `URL<TAB>title<TAB>items<TAB>last fetch<TAB>result`, one feed a line,
/// every field one clean line.
fn print_list(list: &FeedList, paths: &Paths) -> Result<()> {
    let store = Store::open_existing(&paths.store_file())?;
    let mut out = io::stdout().lock();
    for entry in list.entries() {
        let known: Option<SourceInfo> = match &store {
            Some(store) => store.source(&entry.url)?,
            None => None,
        };
        // The list decides the user's title; the store knows the feed's own.
        let title = entry
            .title
            .clone()
            .or_else(|| known.as_ref().map(|info| info.feed_title.clone()))
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
        writeln!(
            out,
            "{}\t{}\t{count}\t{fetched}\t{}",
            escape_controls(&entry.url),
            one_line(&title),
            one_line(&result)
        )?;
    }
    out.flush()?;
    if list.entries().is_empty() {
        messages::say("no feeds yet: add one with `migranews feed add URL`");
    }
    Ok(())
}

/// Removes a feed from the list and the store; with `purge`, its items
/// too, even when an earlier `remove` took it off the list already. An
/// imported file's name with `purge` deletes that file's items.
fn remove(feeds_file: &Path, paths: &Paths, address: &str, purge: bool) -> Result<()> {
    let address = address.trim();
    // The list and the store may hold the address as typed (a hand-written
    // list, an imported file's name) or as `feed add` made it.
    let mut names = vec![address.to_string()];
    if let Ok(form) = list_form(address)
        && form != address
    {
        names.push(form);
    }
    let mut store = Store::open_existing(&paths.store_file())?;
    let mut known = None;
    if let Some(store) = &store {
        for name in &names {
            if let Some(info) = store.source(name)? {
                known = Some(info);
                break;
            }
        }
    }
    let shown = escape_controls(address);
    if let Some(info) = known.as_ref().filter(|info| info.kind == SourceKind::File) {
        if !purge {
            bail!(
                "{shown} is an imported file, not a feed: \
                 `migranews feed remove {shown} --purge` deletes its items"
            );
        }
        if let Some(store) = &mut store {
            store.forget_file(&info.url)?;
        }
        say(&format!("removed {} and its items", info.url))?;
        return Ok(());
    }
    // A feed that moved is listed under its new address, or still its old.
    names.extend(known.as_ref().map(|info| info.url.clone()));
    let listed = FeedList::edit(feeds_file, |list| {
        Ok(names.iter().find(|name| list.remove(name)).cloned())
    })?;
    let url = match (&listed, &known) {
        (_, Some(info)) => info.url.clone(),
        (Some(url), None) => url.clone(),
        (None, None) => bail!("not subscribed to {shown} (see `migranews feed list`)"),
    };
    if listed.is_none() && !purge && !known.as_ref().is_some_and(|info| info.subscribed) {
        bail!("not subscribed to {url} (its items stay readable: --purge deletes them)");
    }
    if let Some(store) = &mut store {
        store.unsubscribe(&url, purge)?;
    }
    if purge {
        say(&format!("removed {url} and its items"))?;
    } else {
        say(&format!(
            "removed {url}; its items stay readable (--purge deletes them)"
        ))?;
    }
    Ok(())
}

fn import_opml(feeds_file: &Path, file: &Path) -> Result<()> {
    let name = display_name(file);
    let text = read_limited(file).with_context(|| name.clone())?;
    let feeds = opml::read(&text).with_context(|| name.clone())?;
    for skipped in &feeds.skipped {
        messages::warn(format_args!("{name}: {skipped}"));
    }
    let total = feeds.entries.len();
    let added = FeedList::edit(feeds_file, |list| {
        Ok(feeds
            .entries
            .into_iter()
            .filter(|entry| list.add(entry.clone()))
            .count())
    })?;
    say(&format!(
        "{name}: added {added} of {total} feeds ({} already subscribed)",
        total - added
    ))?;
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
