//! Fetch failures as one line a user can act on, whatever layer they come from.

use std::fmt;
use std::io;
use std::time::Duration;

use crate::archive::sanitize::{CarriageReturns, sanitize};

/// Why a feed could not be fetched, as one line: "HTTP 404 Not Found",
/// "timed out after 30 s", "connection refused", "body larger than 16 MiB"...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError(String);

impl FetchError {
    /// Any message becomes one sanitized line: parts of it (a path, a
    /// header, a TLS alert) may come from outside.
    pub(crate) fn new(message: impl AsRef<str>) -> Self {
        let clean = sanitize(message.as_ref(), CarriageReturns::ToNewlines);
        Self(clean.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// The message, as [`Display`](fmt::Display) shows it.
    pub fn message(&self) -> &str {
        &self.0
    }

    pub(crate) fn status(status: u16) -> Self {
        let reason = ureq::http::StatusCode::from_u16(status)
            .ok()
            .and_then(|code| code.canonical_reason());
        match reason {
            Some(reason) => Self::new(format!("HTTP {status} {reason}")),
            None => Self::new(format!("HTTP {status}")),
        }
    }

    pub(crate) fn too_large(limit: u64) -> Self {
        Self::new(format!("body larger than {}", size(limit)))
    }

    pub(crate) fn timed_out(after: Duration) -> Self {
        Self::new(format!("timed out after {}", duration(after)))
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FetchError {}

/// What an error message needs to know about the request that failed.
pub(crate) struct Context<'a> {
    pub host: &'a str,
    /// Whether the connection is TLS, where rustls reports its failures as
    /// invalid data.
    pub https: bool,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub body_limit: u64,
}

impl Context<'_> {
    pub(crate) fn ureq(&self, error: ureq::Error) -> FetchError {
        use ureq::{Error, Timeout};
        match error {
            Error::Timeout(Timeout::Connect) => FetchError::new(format!(
                "cannot connect to {}: timed out after {}",
                self.host,
                duration(self.connect_timeout)
            )),
            Error::Timeout(_) => FetchError::timed_out(self.timeout),
            Error::HostNotFound => FetchError::new(format!("cannot resolve host {}", self.host)),
            Error::Io(error) => self.io(error),
            Error::Tls(message) => FetchError::new(format!("TLS: {message}")),
            Error::Rustls(error) => FetchError::new(format!("TLS: {error}")),
            Error::Pem(error) => FetchError::new(format!("TLS: {error}")),
            Error::Protocol(error) => FetchError::new(format!("HTTP protocol error: {error}")),
            Error::BadUri(uri) => FetchError::new(format!("invalid URL: {uri}")),
            Error::Http(error) => FetchError::new(format!("invalid request: {error}")),
            Error::Decompress(kind, error) => {
                FetchError::new(format!("cannot decompress the {kind} body: {error}"))
            }
            Error::ConnectProxyFailed(why) => FetchError::new(format!("proxy: {why}")),
            Error::InvalidProxyUrl => FetchError::new(
                "invalid proxy address in the environment (all_proxy, https_proxy or http_proxy)",
            ),
            Error::LargeResponseHeader(..) => FetchError::new("response headers too large"),
            Error::BodyExceedsLimit(_) => FetchError::too_large(self.body_limit),
            Error::ConnectionFailed => FetchError::new(format!("cannot connect to {}", self.host)),
            other => FetchError::new(other.to_string()),
        }
    }

    /// Errors while connecting or reading the body; ureq hands its own
    /// errors (a timeout during the body) through `io::Error` there.
    pub(crate) fn io(&self, error: io::Error) -> FetchError {
        let error = match error.downcast::<ureq::Error>() {
            Ok(inner) => return self.ureq(inner),
            Err(error) => error,
        };
        // ureq passes the resolver's error on as is; std words it this way
        // on every platform.
        if error
            .to_string()
            .starts_with("failed to lookup address information")
        {
            return FetchError::new(format!("cannot resolve host {}", self.host));
        }
        match error.kind() {
            io::ErrorKind::InvalidData if self.https => FetchError::new(format!("TLS: {error}")),
            io::ErrorKind::ConnectionRefused => FetchError::new("connection refused"),
            io::ErrorKind::ConnectionReset => FetchError::new("connection reset by the server"),
            io::ErrorKind::ConnectionAborted => FetchError::new("connection aborted"),
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
                FetchError::timed_out(self.timeout)
            }
            io::ErrorKind::UnexpectedEof => {
                FetchError::new("connection closed before the whole body arrived")
            }
            _ => FetchError::new(format!("network error: {error}")),
        }
    }
}

/// `30 s`, `1.5 s`, `250 ms`.
pub(crate) fn duration(duration: Duration) -> String {
    if duration < Duration::from_secs(1) {
        format!("{} ms", duration.as_millis())
    } else if duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{:.1} s", duration.as_secs_f64())
    }
}

/// `16 MiB`, `64 KiB`, `1000 bytes`.
pub(crate) fn size(bytes: u64) -> String {
    const KIB: u64 = 1 << 10;
    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;
    match bytes {
        b if b >= GIB && b % GIB == 0 => format!("{} GiB", b / GIB),
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_clean_line() {
        let error = FetchError::new("bad\n  header \x1b]0;title\x07value\r\n");
        assert_eq!(error.to_string(), "bad header value");
        assert_eq!(FetchError::status(404).to_string(), "HTTP 404 Not Found");
        assert_eq!(FetchError::status(599).to_string(), "HTTP 599");
    }

    #[test]
    fn sizes_and_durations_read_naturally() {
        assert_eq!(size(16 << 20), "16 MiB");
        assert_eq!(size(64 << 10), "64 KiB");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(duration(Duration::from_secs(30)), "30 s");
        assert_eq!(duration(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(duration(Duration::from_millis(250)), "250 ms");
    }

    #[test]
    fn io_errors_name_what_failed() {
        let context = Context {
            host: "example.org",
            https: true,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            body_limit: 16 << 20,
        };
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert_eq!(context.io(refused).to_string(), "connection refused");
        let wrapped = ureq::Error::Timeout(ureq::Timeout::Global).into_io();
        assert_eq!(context.io(wrapped).to_string(), "timed out after 30 s");
        let tls = io::Error::new(io::ErrorKind::InvalidData, "invalid peer certificate");
        assert_eq!(context.io(tls).to_string(), "TLS: invalid peer certificate");
        assert_eq!(
            context.ureq(ureq::Error::HostNotFound).to_string(),
            "cannot resolve host example.org"
        );
    }
}
