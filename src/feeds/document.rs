//! The shape of an XML feed: its root element, whether it is complete, and an RSS version feed-rs accepts.
//!
//! feed-rs stops reading once the channel closes, so a feed cut off after
//! its last item, or even in the middle of one, could pass for complete and
//! have its first items stored. The root's closing tag is the proof that the
//! whole document arrived.

use std::ops::Range;

/// The roots feed-rs knows: RSS 0.9x and 2.0, RSS 1.0 (RDF), Atom feeds and
/// entries.
const FEED_ROOTS: &[&str] = &["rss", "RDF", "feed", "entry"];

/// The RSS versions feed-rs reads; an empty one counts as 2.0.
const RSS_VERSIONS: &[&str] = &["2.0", "0.91", "0.92", ""];

/// The root element of a document.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Root<'a> {
    /// As written: `rss`, `rdf:RDF`.
    pub name: &'a str,
    /// Where its start tag is, `<` to `>` included.
    pub tag: Range<usize>,
}

impl Root<'_> {
    /// Whether feed-rs can read a document with this root.
    pub fn is_feed(&self) -> bool {
        let local = self.name.rsplit(':').next().unwrap_or(self.name);
        FEED_ROOTS.contains(&local)
    }
}

/// The root element, after the prolog (declaration, comments, DOCTYPE).
pub(super) fn root(xml: &str) -> Option<Root<'_>> {
    let mut rest = xml;
    loop {
        rest = rest.trim_start();
        rest = if rest.starts_with("<?") {
            &rest[rest.find("?>")? + 2..]
        } else if rest.starts_with("<!--") {
            &rest[rest.find("-->")? + 3..]
        } else if rest.starts_with("<!") {
            after_doctype(rest)?
        } else {
            let tag = rest.strip_prefix('<')?;
            let name_end = tag
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(tag.len());
            let start = xml.len() - rest.len();
            let end = start + rest.find('>').map_or(rest.len(), |end| end + 1);
            return Some(Root {
                name: &tag[..name_end],
                tag: start..end,
            })
            .filter(|root| !root.name.is_empty());
        };
    }
}

/// What follows a `<!DOCTYPE ...>`, internal subset included.
pub(super) fn after_doctype(doctype: &str) -> Option<&str> {
    let close = doctype.find('>')?;
    match doctype.find('[') {
        Some(open) if open < close => {
            let subset_end = open + doctype[open..].find(']')?;
            let close = subset_end + doctype[subset_end..].find('>')?;
            Some(&doctype[close + 1..])
        }
        _ => Some(&doctype[close + 1..]),
    }
}

/// Where the root ends, at its last closing tag; `None` when it never
/// closes, that is when the document is truncated.
pub(super) fn root_end(xml: &str, root: &Root<'_>) -> Option<usize> {
    if xml.get(root.tag.clone())?.ends_with("/>") {
        return Some(root.tag.end);
    }
    let close = format!("</{}", root.name);
    xml.rmatch_indices(&close).find_map(|(start, _)| {
        let after = xml[start + close.len()..].trim_start();
        after.starts_with('>').then(|| xml.len() - after.len() + 1)
    })
}

/// Whether what follows the root is only whitespace, comments and
/// processing instructions, as XML allows.
pub(super) fn is_epilogue(rest: &str) -> bool {
    let mut rest = rest.trim_start();
    while !rest.is_empty() {
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|end| end + 3)
        } else if rest.starts_with("<?") {
            rest.find("?>").map(|end| end + 2)
        } else {
            None
        };
        match end {
            Some(end) => rest = rest[end..].trim_start(),
            None => return false,
        }
    }
    true
}

/// The document with its `<rss>` start tag saying `version="2.0"`, when it
/// gives a version feed-rs does not read (none, "0.93", "2.0.1"); `None`
/// when nothing needs changing.
pub(super) fn with_rss_version(xml: &str, root: &Root<'_>) -> Option<String> {
    let tag = xml.get(root.tag.clone())?;
    let attributes = tag.strip_prefix("<rss")?;
    if let Some(version) = attribute(attributes, "version")
        && RSS_VERSIONS.contains(&version.value)
    {
        return None;
    }
    let others = match attribute(attributes, "version") {
        Some(version) => [
            &attributes[..version.span.start],
            &attributes[version.span.end..],
        ]
        .concat(),
        None => attributes.to_string(),
    };
    Some(format!(
        "{}<rss version=\"2.0\"{}{}",
        &xml[..root.tag.start],
        others,
        &xml[root.tag.end..]
    ))
}

struct Attribute<'a> {
    value: &'a str,
    /// From the space before the name to the closing quote, included.
    span: Range<usize>,
}

/// The attribute `name` in the attributes of a start tag.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<Attribute<'a>> {
    attributes.match_indices(name).find_map(|(at, _)| {
        let before = attributes[..at].chars().next_back()?;
        let after = attributes[at + name.len()..]
            .trim_start()
            .strip_prefix('=')?;
        let after = after.trim_start();
        let quote = after.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let value_start = attributes.len() - after.len() + 1;
        let value_end = value_start + attributes[value_start..].find(quote)?;
        before.is_whitespace().then(|| Attribute {
            value: &attributes[value_start..value_end],
            span: at - before.len_utf8()..value_end + 1,
        })
    })
}

#[cfg(test)]
mod tests;
