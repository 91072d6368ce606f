//! Helpers for talking to `briefing serve`: start it on an ephemeral port,
//! plain HTTP requests, and a server-sent events reader. Every wait polls
//! with a deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// How long any wait may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(15);

/// A running `briefing serve`, stopped when dropped.
pub struct Preview {
    child: Child,
    pub port: u16,
    /// Lines the server printed (stdout and stderr), as they come.
    pub output: Receiver<String>,
    /// The URL it printed.
    pub url: String,
    /// What it printed before that.
    pub startup: Vec<String>,
}

impl Preview {
    /// Starts `briefing serve --port 0` on the site at `root`.
    pub fn start(root: &Path) -> Self {
        Self::start_with(root, &[]).expect("serve starts")
    }

    /// Starts it with extra arguments; `Err` with everything it printed if
    /// it exits before listening.
    pub fn start_with(root: &Path, extra: &[&str]) -> Result<Self, String> {
        Self::start_env(root, extra, &[])
    }

    /// Starts it with extra arguments and environment variables.
    pub fn start_env(root: &Path, extra: &[&str], env: &[(&str, &str)]) -> Result<Self, String> {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("briefing"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(extra)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, output) = channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let started = Instant::now();
        let mut seen = Vec::new();
        while started.elapsed() < DEADLINE {
            match output.recv_timeout(Duration::from_millis(100)) {
                Ok(line) => {
                    if let Some(url) = line
                        .strip_prefix("serving ")
                        .and_then(|l| l.split_whitespace().next())
                    {
                        let authority =
                            url.trim_start_matches("http://").split('/').next().unwrap();
                        let port = authority.rsplit(':').next().unwrap().parse().unwrap();
                        return Ok(Self {
                            child,
                            port,
                            output,
                            url: url.to_string(),
                            startup: seen,
                        });
                    }
                    seen.push(line);
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    let _ = child.wait();
                    return Err(seen.join("\n"));
                }
                Err(_) => {}
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("serve did not start in time: {}", seen.join("\n"));
    }

    /// Waits for a printed line containing `text`; returns it.
    pub fn wait_for_line(&self, text: &str) -> String {
        let started = Instant::now();
        while started.elapsed() < DEADLINE {
            if let Ok(line) = self.output.recv_timeout(Duration::from_millis(100))
                && line.contains(text)
            {
                return line;
            }
        }
        panic!("no line containing {text:?} within {DEADLINE:?}");
    }

    /// Sends Ctrl-C (SIGINT) and waits for the server to exit; returns
    /// whether it exited successfully.
    pub fn interrupt(&mut self) -> bool {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(sent.success());
        let started = Instant::now();
        while started.elapsed() < DEADLINE {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("serve did not stop after Ctrl-C");
    }

    /// GET `path`.
    pub fn get(&self, path: &str) -> Response {
        request(self.port, "GET", path)
    }

    /// GETs `path` until its text satisfies `ready` (within the deadline);
    /// returns that text.
    pub fn get_until(&self, path: &str, ready: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let text = self.get(path).text();
            if ready(&text) {
                return text;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "{path} never became ready within {DEADLINE:?}:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request with `Connection: close`; the path is sent as is.
pub fn request(port: u16, method: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("complete response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap()[9..12].parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

/// A server-sent events connection.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// Connects to the preview's event stream and waits until it is open.
    pub fn open(port: u16) -> Self {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        // HTTP/1.0: the stream is not chunked, just read until closed.
        write!(stream, "GET /__briefing/events HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        let mut events = Self {
            reader: BufReader::new(stream),
        };
        let started = Instant::now();
        loop {
            let mut line = String::new();
            match events.reader.read_line(&mut line) {
                Ok(_) if line == "\r\n" => return events,
                Ok(0) => panic!("event stream closed"),
                _ if started.elapsed() > DEADLINE => panic!("event stream did not open"),
                _ => {}
            }
        }
    }

    /// Waits for the next event named `name`; returns its data. Other
    /// events before it are skipped.
    pub fn wait_for(&mut self, name: &str) -> String {
        let started = Instant::now();
        let mut event = String::new();
        let mut data = Vec::new();
        while started.elapsed() < DEADLINE {
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("event stream closed"),
                Ok(_) => {
                    let line = line.trim_end_matches(['\r', '\n']);
                    if let Some(rest) = line.strip_prefix("event:") {
                        event = rest.trim().to_string();
                    } else if let Some(rest) = line.strip_prefix("data:") {
                        data.push(rest.strip_prefix(' ').unwrap_or(rest).to_string());
                    } else if line.is_empty() {
                        if event == name {
                            return data.join("\n");
                        }
                        event.clear();
                        data.clear();
                    }
                }
                Err(_) => {}
            }
        }
        panic!("no {name:?} event within {DEADLINE:?}");
    }
}
