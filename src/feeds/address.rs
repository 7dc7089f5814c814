//! Which feed addresses migranews accepts: http(s) URLs, file URLs and local paths.

use std::path::{Path, PathBuf};

use url::Url;

use super::fetch::FetchError;

/// A checked feed address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedAddress {
    /// An http or https URL, in its normal form (`HTTPS://Example.org` becomes
    /// `https://example.org/`).
    Http(String),
    /// A file on disk, from a `file://` URL or a path.
    File(PathBuf),
}

/// Checks a feed address: an http(s) URL, a `file://` URL, or a local path
/// (returned as given, surrounding whitespace aside). Anything else is an
/// error naming the scheme.
pub fn check_feed_address(address: &str) -> Result<FeedAddress, FetchError> {
    let address = address.trim();
    if address.is_empty() {
        return Err(FetchError::new("empty feed address"));
    }
    match Url::parse(address) {
        Ok(url) => match url.scheme() {
            "http" | "https" => Ok(FeedAddress::Http(url.into())),
            "file" => url
                .to_file_path()
                .map(FeedAddress::File)
                .map_err(|()| FetchError::new(format!("not a local file: {address}"))),
            // A Windows drive letter, or a file whose name has a colon.
            scheme if scheme.len() == 1 || Path::new(address).exists() => {
                Ok(FeedAddress::File(PathBuf::from(address)))
            }
            scheme => Err(FetchError::new(format!(
                "unsupported URL scheme '{scheme}' (expected http, https or file)"
            ))),
        },
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            Ok(FeedAddress::File(PathBuf::from(address)))
        }
        Err(error) => Err(FetchError::new(format!("invalid URL {address}: {error}"))),
    }
}

/// Whether a path that was not found was probably meant as a web address
/// ("example.org/feed.xml").
pub(crate) fn looks_like_host(path: &Path) -> bool {
    let text = path.to_string_lossy();
    let first = text.split('/').next().unwrap_or_default();
    !text.starts_with(['.', '/', '~'])
        && first.contains('.')
        && first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && !first.ends_with(".xml")
        && !first.ends_with(".json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(address: &str) -> FeedAddress {
        FeedAddress::Http(address.into())
    }

    #[test]
    fn web_addresses_are_normalised() {
        assert_eq!(
            check_feed_address(" https://www.iom.int/rss.xml ").unwrap(),
            http("https://www.iom.int/rss.xml")
        );
        assert_eq!(
            check_feed_address("HTTP://Example.ORG").unwrap(),
            http("http://example.org/")
        );
    }

    #[test]
    fn files_and_paths_are_files() {
        assert_eq!(
            check_feed_address("file:///tmp/feed.xml").unwrap(),
            FeedAddress::File("/tmp/feed.xml".into())
        );
        for path in [
            "feeds/unhcr.xml",
            "/var/feeds/iom.rss",
            "./a:b.xml",
            "C:\\feeds\\x.xml",
        ] {
            assert_eq!(
                check_feed_address(path).unwrap(),
                FeedAddress::File(path.into()),
                "{path}"
            );
        }
    }

    #[test]
    fn other_schemes_are_refused_by_name() {
        assert_eq!(
            check_feed_address("ftp://example.org/feed.xml")
                .unwrap_err()
                .to_string(),
            "unsupported URL scheme 'ftp' (expected http, https or file)"
        );
        assert!(
            check_feed_address("javascript:alert(1)")
                .unwrap_err()
                .to_string()
                .contains("'javascript'")
        );
        assert!(check_feed_address("http://").is_err());
        assert_eq!(
            check_feed_address("  ").unwrap_err().to_string(),
            "empty feed address"
        );
    }

    #[test]
    fn host_like_paths_are_recognised() {
        assert!(looks_like_host(Path::new("example.org/feed")));
        assert!(looks_like_host(Path::new("www.unhcr.org")));
        assert!(!looks_like_host(Path::new("feed.xml")));
        assert!(!looks_like_host(Path::new("./example.org")));
        assert!(!looks_like_host(Path::new("feeds/iom.xml")));
    }
}
