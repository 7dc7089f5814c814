//! HTTP servers on 127.0.0.1 for tests: tiny_http for well-behaved routes, raw TCP for hostile ones.
//!
//! One file for unit and integration tests alike: `src/feeds/mod.rs` includes
//! it as `feeds::test_server` (through `#[path]`) and an integration test
//! reaches it with `mod support;` then `support::http`. It therefore uses
//! only std, tiny_http and flate2, never the crate itself.
//!
//! - [`Server`] answers from a closure and records every request it got
//!   (method, path, headers), so tests can assert what the client sent.
//! - [`RawServer`] hands each connection, once its request is read, to a
//!   closure that writes whatever bytes it likes: a stall mid-body, a
//!   truncated body, a lying `Content-Length`.
//! - [`refused_url`] is an address nothing listens on.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use flate2::Compression;
use flate2::write::GzEncoder;

/// A canned response.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// 200 with `body`.
    pub fn ok(body: impl Into<Vec<u8>>) -> Self {
        Self {
            status: 200,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// `status` with an empty body.
    pub fn status(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A redirect to `location`, as given (relative or absolute).
    pub fn redirect(status: u16, location: &str) -> Self {
        Self::status(status).header("Location", location)
    }

    /// `body` gzip-compressed, with `Content-Encoding: gzip`.
    pub fn gzip(body: &[u8]) -> Self {
        Self::ok(gzip(body)).header("Content-Encoding", "gzip")
    }

    /// `body` brotli-encoded, with `Content-Encoding: br`.
    pub fn brotli(body: &[u8]) -> Self {
        Self::ok(brotli_stored(body)).header("Content-Encoding", "br")
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query, e.g. `/feed.xml?x=1`.
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Recorded {
    /// The value of header `name` (any case), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// A tiny_http server on 127.0.0.1, stopped when dropped.
pub struct Server {
    addr: SocketAddr,
    server: Arc<tiny_http::Server>,
    requests: Arc<Mutex<Vec<Recorded>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Answers every request with `handler`.
    pub fn start(handler: impl Fn(&Recorded) -> Reply + Send + 'static) -> Self {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let addr = server
            .server_addr()
            .to_ip()
            .expect("an IP listener has an IP address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let server = Arc::clone(&server);
            let requests = Arc::clone(&requests);
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let recorded = Recorded {
                        method: request.method().to_string(),
                        path: request.url().to_string(),
                        headers: request
                            .headers()
                            .iter()
                            .map(|h| (h.field.to_string(), h.value.to_string()))
                            .collect(),
                    };
                    let reply = handler(&recorded);
                    requests.lock().expect("requests lock").push(recorded);
                    let mut response =
                        tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
                    for (name, value) in &reply.headers {
                        let header =
                            tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
                                .expect("a valid test header");
                        response.add_header(header);
                    }
                    // The client may have given up (a timeout test); that is fine.
                    let _ = request.respond(response);
                }
            })
        };
        Self {
            addr,
            server,
            requests,
            thread: Some(thread),
        }
    }

    /// Answers each path with its reply, anything else with 404.
    pub fn routes(routes: Vec<(&str, Reply)>) -> Self {
        let routes: Vec<(String, Reply)> = routes
            .into_iter()
            .map(|(path, reply)| (path.to_string(), reply))
            .collect();
        Self::start(move |request| {
            routes
                .iter()
                .find(|(path, _)| *path == request.path)
                .map_or_else(|| Reply::status(404), |(_, reply)| reply.clone())
        })
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("requests lock").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A raw TCP server on 127.0.0.1 that reads each request's head, then lets
/// `respond` write anything at all. Stopped when dropped.
pub struct RawServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl RawServer {
    pub fn start(respond: impl Fn(&mut TcpStream) + Send + Sync + 'static) -> Self {
        Self::listen(true, respond)
    }

    /// Like [`RawServer::start`], but `respond` gets the connection before
    /// anything is read: for clients that do not speak HTTP first (TLS).
    pub fn start_unread(respond: impl Fn(&mut TcpStream) + Send + Sync + 'static) -> Self {
        Self::listen(false, respond)
    }

    fn listen(read_head: bool, respond: impl Fn(&mut TcpStream) + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("a bound address");
        let stop = Arc::new(AtomicBool::new(false));
        let respond = Arc::new(respond);
        let thread = {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(mut stream) = stream else { continue };
                    let respond = Arc::clone(&respond);
                    std::thread::spawn(move || {
                        if !read_head || read_request_head(&mut stream) {
                            respond(&mut stream);
                        }
                    });
                }
            })
        };
        Self {
            addr,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads up to the blank line ending a request's headers.
fn read_request_head(stream: &mut TcpStream) -> bool {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(clone) = stream.try_clone() else {
        return false;
    };
    let mut reader = BufReader::new(clone);
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return false,
            Ok(_) if line == "\r\n" || line == "\n" => return true,
            Ok(_) => {}
        }
    }
}

/// Waits until the client hangs up (or 30 s pass): a server that stalls.
pub fn wait_for_hang_up(stream: &mut TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut buffer = [0; 1024];
    while matches!(stream.read(&mut buffer), Ok(n) if n > 0) {}
}

/// Writes `bytes` and flushes, ignoring a client that went away.
pub fn send(stream: &mut TcpStream, bytes: &[u8]) {
    let _ = stream.write_all(bytes);
    let _ = stream.flush();
}

/// An http URL on 127.0.0.1 where nothing listens.
pub fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("a bound address");
    drop(listener);
    format!("http://{addr}/feed.xml")
}

pub fn gzip(body: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(body).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// A gzip body that inflates to `mebibytes` MiB of zeros: one member
/// compressing 1 MiB, repeated (gzip readers decode members one after the
/// other), so building a 64 MiB bomb costs compressing 1 MiB.
pub fn gzip_bomb(mebibytes: usize) -> Vec<u8> {
    gzip(&vec![0; 1 << 20]).repeat(mebibytes)
}

/// `body` as a valid brotli stream made of uncompressed meta-blocks: enough
/// to exercise a client's brotli decoding without a brotli encoder.
pub fn brotli_stored(body: &[u8]) -> Vec<u8> {
    let mut bits = BitWriter::default();
    // WBITS: a single 0 bit means a 64 KiB window.
    bits.push(0, 1);
    for chunk in body.chunks(1 << 16) {
        bits.push(0, 1); // ISLAST
        bits.push(0, 2); // MNIBBLES = 4
        bits.push((chunk.len() - 1) as u32, 16); // MLEN - 1
        bits.push(1, 1); // ISUNCOMPRESSED
        bits.align();
        bits.bytes.extend_from_slice(chunk);
    }
    bits.push(1, 1); // ISLAST
    bits.push(1, 1); // ISLASTEMPTY
    bits.align();
    bits.bytes
}

#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    /// Appends the low `count` bits of `value`, least significant first.
    fn push(&mut self, value: u32, count: u32) {
        for i in 0..count {
            if self.used == 0 {
                self.bytes.push(0);
            }
            let bit = ((value >> i) & 1) as u8;
            if let Some(last) = self.bytes.last_mut() {
                *last |= bit << self.used;
            }
            self.used = (self.used + 1) % 8;
        }
    }

    fn align(&mut self) {
        self.used = 0;
    }
}
