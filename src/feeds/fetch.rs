//! Fetching one feed: HTTP(S) with conditional requests, redirects, timeouts and a size limit, or a file.
//!
//! Every limit lives here: one deadline for the whole fetch (redirects and
//! body included), at most [`MAX_REDIRECTS`] hops, and a body limit counted
//! after decompression. Redirects are followed by hand, not by ureq, to know
//! whether each hop was permanent and to refuse non-http(s) targets.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use ureq::http::{HeaderValue, Response};
use ureq::tls::{RootCerts, TlsConfig};
use ureq::{Agent, Body};
use url::{Host, Url};

pub(crate) use super::address::looks_like_host;
pub use super::address::{FeedAddress, check_feed_address};
use error::Context;
pub use error::FetchError;

mod error;

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 5;

/// Feed formats first; anything else still gets a chance, as many servers
/// label feeds `text/html` or `application/octet-stream`.
const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
     application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, \
     application/json;q=0.8, */*;q=0.5";

/// Limits and identity for fetching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// The whole fetch: connecting, redirects and reading the body.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// The largest body accepted, counted after decompression.
    pub body_limit: u64,
    pub user_agent: String,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            body_limit: 16 << 20,
            user_agent: format!("migranews/{}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// What the store remembers of a feed to make a conditional request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchRequest {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl FetchRequest {
    /// An unconditional request.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            ..Self::default()
        }
    }
}

/// A successful fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// 304: the feed has not changed since the validators were given.
    NotModified,
    Body {
        bytes: Vec<u8>,
        content_type: Option<String>,
        etag: Option<String>,
        last_modified: Option<String>,
        /// The final URL when every redirect on the way was permanent (301 or
        /// 308), for the store to remember instead; `None` without redirects.
        permanent_url: Option<String>,
    },
}

/// Fetches feeds; one is shared by all worker threads, keeping one
/// connection pool.
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: Agent,
    options: FetchOptions,
}

impl Fetcher {
    pub fn new(options: FetchOptions) -> Self {
        // The platform verifier trusts what the system trusts, including the
        // roots of corporate TLS proxies that bundled roots do not know.
        let tls = TlsConfig::builder()
            .root_certs(RootCerts::PlatformVerifier)
            .build();
        // Proxies come from the environment, as ureq's default config reads them.
        let config = Agent::config_builder()
            .tls_config(tls)
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(options.timeout))
            .timeout_connect(Some(options.connect_timeout))
            .user_agent(options.user_agent.as_str())
            .accept(ACCEPT)
            .build();
        Self {
            agent: Agent::new_with_config(config),
            options,
        }
    }

    pub fn options(&self) -> &FetchOptions {
        &self.options
    }

    /// Fetches a feed over HTTP(S), or reads it from disk.
    pub fn fetch(&self, request: &FetchRequest) -> Result<Fetched, FetchError> {
        match check_feed_address(&request.url)? {
            FeedAddress::Http(url) => self.fetch_http(&url, request),
            FeedAddress::File(path) => read_file(&path, self.options.body_limit),
        }
    }

    fn fetch_http(&self, address: &str, request: &FetchRequest) -> Result<Fetched, FetchError> {
        let deadline = Instant::now() + self.options.timeout;
        let mut url = Url::parse(address)
            .map_err(|error| FetchError::new(format!("invalid URL {address}: {error}")))?;
        let mut redirects = 0;
        let mut all_permanent = true;
        loop {
            let host = url.host_str().unwrap_or_default().to_string();
            let context = self.context(&host, url.scheme() == "https");
            let response = self.get(&url, request, deadline, &context)?;
            let status = response.status().as_u16();
            match status {
                200..=299 => {
                    let permanent_url = (redirects > 0 && all_permanent).then(|| url.to_string());
                    return self.body(response, permanent_url, &context);
                }
                304 => return Ok(Fetched::NotModified),
                301 | 302 | 303 | 307 | 308 => {
                    if redirects == MAX_REDIRECTS {
                        return Err(FetchError::new(format!(
                            "more than {MAX_REDIRECTS} redirects"
                        )));
                    }
                    url = redirect_target(&url, &response, status)?;
                    all_permanent &= matches!(status, 301 | 308);
                    redirects += 1;
                }
                _ => return Err(FetchError::status(status)),
            }
        }
    }

    fn context<'a>(&self, host: &'a str, https: bool) -> Context<'a> {
        Context {
            host,
            https,
            timeout: self.options.timeout,
            connect_timeout: self.options.connect_timeout,
            body_limit: self.options.body_limit,
        }
    }

    /// One GET, with the validators the store remembered and whatever is
    /// left of the deadline.
    fn get(
        &self,
        url: &Url,
        request: &FetchRequest,
        deadline: Instant,
        context: &Context<'_>,
    ) -> Result<Response<Body>, FetchError> {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(FetchError::timed_out(self.options.timeout));
        }
        let mut builder = self.agent.get(url.as_str());
        // A validator that is not a valid header value is left out rather
        // than failing the feed: the fetch just becomes unconditional.
        let valid = |value: &&str| HeaderValue::from_str(value).is_ok();
        if let Some(etag) = request.etag.as_deref().filter(valid) {
            builder = builder.header("If-None-Match", etag);
        }
        if let Some(date) = request.last_modified.as_deref().filter(valid) {
            builder = builder.header("If-Modified-Since", date);
        }
        let mut config = builder.config().timeout_global(Some(remaining));
        // As curl and Go do, the loopback host never goes through a proxy.
        if is_loopback(url) {
            config = config.proxy(None);
        }
        config.build().call().map_err(|error| context.ureq(error))
    }

    fn body(
        &self,
        response: Response<Body>,
        permanent_url: Option<String>,
        context: &Context<'_>,
    ) -> Result<Fetched, FetchError> {
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type");
        let etag = header("etag");
        let last_modified = header("last-modified");
        // ureq decompresses gzip and brotli inside this reader, so the limit
        // counts decompressed bytes and a bomb stops at the limit.
        let reader = response.into_body().into_reader();
        let bytes = read_limited(reader, self.options.body_limit).map_err(|error| match error {
            ReadError::TooLarge => FetchError::too_large(self.options.body_limit),
            ReadError::Io(error) => context.io(error),
        })?;
        Ok(Fetched::Body {
            bytes,
            content_type,
            etag,
            last_modified,
            permanent_url,
        })
    }
}

/// Where a redirect points, resolved against the URL that gave it.
fn redirect_target(url: &Url, response: &Response<Body>, status: u16) -> Result<Url, FetchError> {
    // Not `to_str`: servers send raw UTF-8 here, which `join` percent-encodes.
    let location = response
        .headers()
        .get("location")
        .map(|value| String::from_utf8_lossy(value.as_bytes()))
        .ok_or_else(|| FetchError::new(format!("HTTP {status} redirect without a Location")))?;
    let target = url
        .join(location.trim())
        .map_err(|error| FetchError::new(format!("bad redirect to {location}: {error}")))?;
    match target.scheme() {
        "http" | "https" => Ok(target),
        scheme => Err(FetchError::new(format!(
            "redirect to unsupported URL scheme '{scheme}'"
        ))),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

enum ReadError {
    TooLarge,
    Io(std::io::Error),
}

/// Reads at most `limit` bytes; one more means the body is too large.
fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// A feed on disk: no validators, the same size limit. Only a regular
/// file: a FIFO or a device could block the read forever, and no timeout
/// applies to reading a file.
fn read_file(path: &Path, limit: u64) -> Result<Fetched, FetchError> {
    let shown = path.display();
    // Checked before opening, which itself blocks on a FIFO without a writer.
    let metadata = std::fs::metadata(path).map_err(|error| open_error(path, error))?;
    if metadata.is_dir() {
        return Err(FetchError::new(format!("{shown} is a directory")));
    }
    if !metadata.is_file() {
        return Err(FetchError::new(format!(
            "{shown} is not a regular file (a FIFO, socket or device is never read)"
        )));
    }
    let file = File::open(path).map_err(|error| open_error(path, error))?;
    let bytes = read_limited(file, limit).map_err(|error| match error {
        ReadError::TooLarge => FetchError::too_large(limit),
        ReadError::Io(error) => FetchError::new(format!("cannot read {shown}: {error}")),
    })?;
    Ok(Fetched::Body {
        bytes,
        content_type: None,
        etag: None,
        last_modified: None,
        permanent_url: None,
    })
}

/// Why a local feed could not be opened, as one line.
fn open_error(path: &Path, error: std::io::Error) -> FetchError {
    let shown = path.display();
    match error.kind() {
        std::io::ErrorKind::NotFound if looks_like_host(path) => FetchError::new(format!(
            "no such file: {shown} (for a web address, start with https://)"
        )),
        std::io::ErrorKind::NotFound => FetchError::new(format!("no such file: {shown}")),
        std::io::ErrorKind::PermissionDenied => {
            FetchError::new(format!("permission denied: {shown}"))
        }
        kind => FetchError::new(format!(
            "cannot read {shown}: {}",
            std::io::Error::from(kind)
        )),
    }
}

#[cfg(test)]
mod tests;
