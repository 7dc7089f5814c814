//! The feed list: reading, checking, editing under the lock.

use super::*;

fn list(text: &str) -> Result<FeedList> {
    FeedList::parse(Path::new("feeds.toml"), text)
}

#[test]
fn hand_written_lists_are_read() {
    let list = list(
        "# mine\n[[feed]]\nurl = \"https://a.org/rss\"\ntitle = \"A\"\ntags = [\"un\"]\n\n\
         [[feed]]\nurl = \"/home/ana/local.xml\"\n",
    )
    .unwrap();
    assert_eq!(
        list.entries(),
        [
            FeedEntry {
                url: "https://a.org/rss".into(),
                title: Some("A".into()),
                tags: vec!["un".into()],
            },
            FeedEntry {
                url: "/home/ana/local.xml".into(),
                ..FeedEntry::default()
            },
        ]
    );
}

#[test]
fn mistakes_are_named_with_their_place() {
    let error = |text| format!("{:#}", list(text).unwrap_err());
    assert_eq!(
        error("[[feed]]\nurl = \"a\"\ntittle = \"x\"\n"),
        "feeds.toml: feed 1: unknown key 'tittle' (expected url, title, tags)"
    );
    assert_eq!(
        error("[[feed]]\ntitle = \"x\"\n"),
        "feeds.toml: feed 1: no url"
    );
    assert_eq!(
        error("[[feed]]\nurl = 3\n"),
        "feeds.toml: feed 1: 'url' must be a string"
    );
    assert!(error("[[feed]]\nurl = \"a\n").starts_with("feeds.toml:2: "));
    assert_eq!(
        error("[[feed]]\nurl = \"a\"\n[[feed]]\nurl = \"a\"\n"),
        "feeds.toml: feed 2: a is listed twice"
    );
}

#[test]
fn addresses_are_checked_and_normalised() {
    let error = |text: &str| format!("{:#}", list(text).unwrap_err());
    let three = "[[feed]]\nurl = \"https://a.org/\"\n[[feed]]\nurl = \"b.xml\"\n[[feed]]\n";
    assert_eq!(
        error(&format!("{three}url = \"ftp://example.org/feed\"\n")),
        "feeds.toml: feed 3: unsupported URL scheme 'ftp' (expected http, https or file)"
    );
    assert_eq!(
        error(&format!(
            "{three}url = \"https://e.org/\\u001b]0;x\\u0007\"\n"
        )),
        "feeds.toml: feed 3: https://e.org/\\x1b]0;x\\x07: control characters in a feed address"
    );
    assert!(
        error(&format!("{three}url = \"http://a b.org/\"\n"))
            .starts_with("feeds.toml: feed 3: invalid URL http://a b.org/: "),
    );
    // The same feed written two ways is listed twice.
    assert_eq!(
        error(&format!("{three}url = \" HTTPS://A.ORG \"\n")),
        "feeds.toml: feed 3: https://a.org/ is listed twice"
    );
    let list = list(
        "[[feed]]\nurl = \"  HTTPS://Example.ORG/rss \"\ntitle = \"\\u001b[2JMine\\n too\"\n\
         tags = [\" a\\tb \", \"\"]\n[[feed]]\nurl = \"x.xml\"\ntitle = \" \"\n",
    )
    .unwrap();
    assert_eq!(
        list.entries(),
        [
            FeedEntry {
                url: "https://example.org/rss".into(),
                title: Some("Mine too".into()),
                tags: vec!["a b".into()],
            },
            FeedEntry {
                url: "x.xml".into(),
                ..FeedEntry::default()
            },
        ]
    );
}

#[test]
fn edits_keep_comments_and_layout() {
    let mut list = list("# my feeds\n\n[[feed]]\nurl = \"https://a.org\" # first\n").unwrap();
    assert!(list.add(FeedEntry {
        url: "https://b.org".into(),
        title: Some("B".into()),
        tags: vec!["x".into()],
    }));
    assert!(!list.add(FeedEntry {
        url: "https://b.org".into(),
        ..FeedEntry::default()
    }));
    // Addresses are known in normal form; the file keeps what was written.
    assert_eq!(list.entries()[0].url, "https://a.org/");
    assert!(list.rename("https://a.org/", "https://a.org/new"));
    assert_eq!(
        list.document.to_string(),
        "# my feeds\n\n[[feed]]\nurl = \"https://a.org/new\" # first\n\n\
         [[feed]]\nurl = \"https://b.org\"\ntitle = \"B\"\ntags = [\"x\"]\n"
    );
    assert!(list.remove("https://a.org/new"));
    assert!(!list.remove("https://a.org/new"));
    assert_eq!(list.entries().len(), 1);
}

#[test]
fn a_new_list_gets_a_header_and_saves_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("feeds.toml");
    assert!(FeedList::load(&path).unwrap().entries().is_empty());
    let added = FeedList::edit(&path, |list| {
        list.add(FeedEntry {
            url: "https://a.org/".into(),
            ..FeedEntry::default()
        });
        Ok(list.entries().to_vec())
    })
    .unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# The feeds migranews follows"), "{text}");
    assert_eq!(FeedList::load(&path).unwrap().entries(), added);
    let mut left: Vec<String> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["feeds.toml", "feeds.toml.lock"], "no temporary file");
}

#[test]
fn an_edit_starts_from_the_file_and_writes_only_its_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feeds.toml");
    fs::write(&path, "[[feed]]\nurl = \"https://a.org/\"\n").unwrap();
    let stale = FeedList::load(&path).unwrap();
    // Edited by hand after `stale` was read.
    fs::write(
        &path,
        "# mine\n[[feed]]\nurl = \"https://a.org/\"\n[[feed]]\nurl = \"https://b.org/\"\n",
    )
    .unwrap();
    FeedList::edit(stale.path(), |list| {
        assert!(list.rename("https://a.org/", "https://a.org/new"));
        Ok(())
    })
    .unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "# mine\n[[feed]]\nurl = \"https://a.org/new\"\n[[feed]]\nurl = \"https://b.org/\"\n"
    );
    // An edit that changes nothing writes nothing; an error writes nothing.
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    FeedList::edit(&path, |list| Ok(list.remove("https://none.org/"))).unwrap();
    let failed = FeedList::edit(&path, |list| -> Result<()> {
        list.remove("https://b.org/");
        bail!("changed my mind")
    });
    assert_eq!(failed.unwrap_err().to_string(), "changed my mind");
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), before);
}

#[test]
fn edits_wait_for_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feeds.toml");
    let threads: Vec<_> = (0..8)
        .map(|n| {
            let path = path.clone();
            std::thread::spawn(move || {
                FeedList::edit(&path, |list| {
                    // Slow enough that unlocked edits would overlap.
                    std::thread::sleep(std::time::Duration::from_millis(10));
                    Ok(list.add(FeedEntry {
                        url: format!("https://{n}.org/"),
                        ..FeedEntry::default()
                    }))
                })
                .unwrap()
            })
        })
        .collect();
    for thread in threads {
        assert!(thread.join().unwrap());
    }
    assert_eq!(FeedList::load(&path).unwrap().entries().len(), 8);
}
