//! OPML, the feed-list format other readers exchange: import into and export from the feed list.
//!
//! Import keeps the folders of nested outlines and the `category` attribute
//! as tags. An OPML file never runs anything: only http(s) feeds are taken,
//! and any other address (`exec:`, `filter:`, `javascript:`, local paths,
//! which newsboat and others have been tricked with) is skipped and reported.
//! Addresses are checked and normalised as `feed add` does.

use std::fmt::Write as _;

use anyhow::{Result, bail};
use quick_xml::XmlVersion;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};

use crate::config::feed_list::{FeedEntry, normalize_address, one_line};

/// The feeds an OPML file lists, and what was skipped.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct OpmlFeeds {
    pub entries: Vec<FeedEntry>,
    /// One line each: the address and why it was not taken.
    pub skipped: Vec<String>,
}

/// Reads the feeds of an OPML document.
pub fn read(text: &str) -> Result<OpmlFeeds> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut feeds = OpmlFeeds::default();
    // The folders the current outline is inside: each level's name, if any.
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let line = 1 + text[..(reader.error_position() as usize).min(text.len())]
                    .matches('\n')
                    .count();
                bail!("line {line}: not valid OPML: {error}");
            }
        };
        match event {
            Event::Start(element) if element.local_name().as_ref() == "opml" => saw_opml = true,
            Event::Start(element) if element.local_name().as_ref() == "outline" => {
                let outline = Outline::read(&element)?;
                let name = outline.name();
                if outline.feed.is_some() {
                    outline.take(&folders, &mut feeds);
                }
                folders.push(name);
            }
            Event::Empty(element) if element.local_name().as_ref() == "outline" => {
                Outline::read(&element)?.take(&folders, &mut feeds);
            }
            Event::End(element) if element.local_name().as_ref() == "outline" => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        bail!("not an OPML file (no <opml> element)");
    }
    Ok(feeds)
}

/// One `<outline>`'s attributes.
#[derive(Default)]
struct Outline {
    text: Option<String>,
    title: Option<String>,
    feed: Option<String>,
    categories: Vec<String>,
}

impl Outline {
    fn read(element: &BytesStart<'_>) -> Result<Self> {
        let mut outline = Outline::default();
        for attribute in element.attributes() {
            let attribute = attribute?;
            let value = attribute.normalized_value(XmlVersion::Implicit1_0)?;
            let value = one_line(&value);
            if value.is_empty() {
                continue;
            }
            match attribute.key.local_name().as_ref() {
                "text" => outline.text = Some(value),
                "title" => outline.title = Some(value),
                "xmlUrl" | "xmlurl" => outline.feed = Some(value),
                // `/news/ngo,/regional`: a comma separates categories, and a
                // category is a path kept whole (`news/ngo`), its tag.
                "category" => outline.categories.extend(
                    value
                        .split(',')
                        .map(|part| part.trim().trim_start_matches('/').trim())
                        .filter(|part| !part.is_empty())
                        .map(str::to_string),
                ),
                _ => {}
            }
        }
        Ok(outline)
    }

    /// A folder's name.
    fn name(&self) -> Option<String> {
        self.title.clone().or_else(|| self.text.clone())
    }

    /// Adds this outline's feed, if it has one worth taking, inside `folders`.
    fn take(self, folders: &[Option<String>], feeds: &mut OpmlFeeds) {
        let Some(address) = self.feed.clone() else {
            return;
        };
        if !is_web_address(&address) {
            feeds
                .skipped
                .push(format!("{address}: not an http(s) address, skipped"));
            return;
        }
        let url = match normalize_address(&address) {
            Ok(url) => url,
            Err(error) => {
                feeds.skipped.push(format!("{error:#}, skipped"));
                return;
            }
        };
        if feeds.entries.iter().any(|entry| entry.url == url) {
            return;
        }
        // OPML requires `text`; writers with no title put the address there.
        let title = self.title.clone().or_else(|| {
            self.text
                .clone()
                .filter(|text| *text != address && *text != url)
        });
        let mut tags: Vec<String> = folders.iter().flatten().cloned().collect();
        for category in &self.categories {
            if !tags.contains(category) {
                tags.push(category.clone());
            }
        }
        feeds.entries.push(FeedEntry { url, title, tags });
    }
}

fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && url.len() > "https://".len()
}

/// The feed list as an OPML 2.0 document; tags go in the `category`
/// attribute. `text` is required: the title, else the address; `title` is
/// written only for a feed that has one.
pub fn write(entries: &[FeedEntry]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    \
         <title>migranews feeds</title>\n  </head>\n  <body>\n",
    );
    for entry in entries {
        let text = entry.title.as_deref().unwrap_or(&entry.url);
        let _ = write!(out, "    <outline type=\"rss\" text=\"{}\"", escape(text));
        if let Some(title) = &entry.title {
            let _ = write!(out, " title=\"{}\"", escape(title.as_str()));
        }
        let _ = write!(out, " xmlUrl=\"{}\"", escape(entry.url.as_str()));
        if !entry.tags.is_empty() {
            let _ = write!(out, " category=\"{}\"", escape(entry.tags.join(",")));
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NESTED: &str = r#"<?xml version="1.0"?>
<opml version="1.0">
  <head><title>export</title></head>
  <body>
    <outline text="UN agencies">
      <outline text="IOM" title="IOM news" type="rss" xmlUrl="https://www.iom.int/rss.xml" category="/migration, /un,/Americas/South"/>
      <outline text="Regional">
        <outline text="Prensa Libre" xmlUrl="https://www.prensalibre.com/feed/"/>
      </outline>
    </outline>
    <outline text="Top level &amp; co" xmlUrl="http://example.org/feed"></outline>
    <outline text="evil" xmlUrl="exec:rm -rf ~"/>
    <outline text="filter" xmlUrl="filter:~/x.sh:https://a.org"/>
    <outline text="local" xmlUrl="/etc/passwd"/>
  </body>
</opml>"#;

    #[test]
    fn nested_outlines_and_categories_become_tags() {
        let feeds = read(NESTED).unwrap();
        assert_eq!(
            feeds.entries,
            [
                FeedEntry {
                    url: "https://www.iom.int/rss.xml".into(),
                    title: Some("IOM news".into()),
                    tags: vec![
                        "UN agencies".into(),
                        "migration".into(),
                        "un".into(),
                        "Americas/South".into(),
                    ],
                },
                FeedEntry {
                    url: "https://www.prensalibre.com/feed/".into(),
                    title: Some("Prensa Libre".into()),
                    tags: vec!["UN agencies".into(), "Regional".into()],
                },
                FeedEntry {
                    url: "http://example.org/feed".into(),
                    title: Some("Top level & co".into()),
                    tags: vec![],
                },
            ]
        );
    }

    #[test]
    fn nothing_but_web_addresses_is_ever_taken() {
        let feeds = read(NESTED).unwrap();
        assert_eq!(
            feeds.skipped,
            [
                "exec:rm -rf ~: not an http(s) address, skipped",
                "filter:~/x.sh:https://a.org: not an http(s) address, skipped",
                "/etc/passwd: not an http(s) address, skipped",
            ]
        );
    }

    #[test]
    fn export_reads_back_as_the_same_list() {
        let entries = vec![
            FeedEntry {
                url: "https://a.org/rss?x=1&y=2".into(),
                title: Some("A \"quoted\" <feed>".into()),
                tags: vec!["un".into(), "caribe".into()],
            },
            FeedEntry {
                url: "https://b.org/atom".into(),
                title: None,
                tags: vec![],
            },
        ];
        let text = write(&entries);
        assert!(
            text.contains("xmlUrl=\"https://a.org/rss?x=1&amp;y=2\""),
            "{text}"
        );
        // A feed without a title has its address as the required text, and no title.
        assert!(
            text.contains(
                "<outline type=\"rss\" text=\"https://b.org/atom\" xmlUrl=\"https://b.org/atom\"/>"
            ),
            "{text}"
        );
        assert_eq!(read(&text).unwrap().entries, entries);
    }

    #[test]
    fn addresses_are_checked_and_normalised_as_feed_add_does() {
        let feeds = read(
            r#"<opml><body>
            <outline text="a" xmlUrl="HTTP://Example.ORG/Feed"/>
            <outline text="b" xmlUrl="http://a b.org/"/>
            <outline text="c" xmlUrl="http://example.org/Feed"/>
            <outline text="/Folder/Sub">
              <outline text="d" xmlUrl="https://d.org/rss" category="x,y"/>
            </outline>
            </body></opml>"#,
        )
        .unwrap();
        let urls: Vec<&str> = feeds.entries.iter().map(|e| e.url.as_str()).collect();
        assert_eq!(urls, ["http://example.org/Feed", "https://d.org/rss"]);
        assert_eq!(feeds.entries[1].tags, ["/Folder/Sub", "x", "y"]);
        assert_eq!(feeds.skipped.len(), 1, "{:?}", feeds.skipped);
        assert!(
            feeds.skipped[0].starts_with("invalid URL http://a b.org/: "),
            "{:?}",
            feeds.skipped
        );
    }

    #[test]
    fn broken_and_foreign_files_are_errors() {
        assert!(
            read("<opml><body><outline text=\"a\"")
                .unwrap_err()
                .to_string()
                .starts_with("line 1: not valid OPML")
        );
        assert_eq!(
            read("<rss></rss>").unwrap_err().to_string(),
            "not an OPML file (no <opml> element)"
        );
        let escaped = read(
            "<opml><body><outline text=\"a\x1b]0;t\x07b\" xmlUrl=\"https://a.org\"/></body></opml>",
        )
        .unwrap();
        assert_eq!(escaped.entries[0].title.as_deref(), Some("ab"));
    }
}
