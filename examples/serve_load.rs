//! Load check for `briefing serve`: many concurrent clients requesting the
//! site's pages for a fixed time; counts failures and requests per second.
//!
//! ```sh
//! cargo run --release --example serve_load -- --url http://127.0.0.1:1111/ --clients 100 --seconds 10
//! ```
//!
//! Pages are taken from the site's `sitemap.xml` (plus its feed and
//! stylesheet). Every client opens a connection per request, sends a GET
//! and reads the whole response; any status but 200, or any I/O error, is a
//! failure. Only loopback addresses are accepted.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;

/// Hammers a local preview.
#[derive(Debug, Parser)]
struct Args {
    /// The preview's URL, as `briefing serve` prints it.
    #[arg(long)]
    url: String,
    /// Concurrent clients.
    #[arg(long, default_value_t = 100)]
    clients: usize,
    /// How long to run.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<bool, String> {
    let rest = args
        .url
        .strip_prefix("http://")
        .ok_or("the URL must start with http://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let (address, port) = host.rsplit_once(':').ok_or("the URL needs a port")?;
    if address != "127.0.0.1" && address != "localhost" && address != "[::1]" {
        return Err("only loopback addresses are load-tested".into());
    }
    let port: u16 = port.parse().map_err(|_| "bad port")?;
    let root = format!("/{path}");
    let (status, sitemap) =
        get(port, &format!("{root}sitemap.xml")).map_err(|e| format!("sitemap: {e}"))?;
    if status != 200 {
        return Err(format!("sitemap.xml answered {status}"));
    }
    let sitemap = String::from_utf8_lossy(&sitemap);
    let mut paths: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|chunk| chunk.split("</loc>").next())
        .filter_map(|loc| {
            // Absolute (`http://127.0.0.1:1111/a/`) or root-relative: keep the path.
            let path = match loc.split_once("://") {
                Some((_, rest)) => &rest[rest.find('/')?..],
                None => loc,
            };
            path.starts_with(&root).then(|| path.to_string())
        })
        .collect();
    paths.push(format!("{root}atom.xml"));
    paths.push(format!("{root}style.css"));
    let paths = Arc::new(paths);
    println!(
        "{} paths, {} clients, {} s",
        paths.len(),
        args.clients,
        args.seconds
    );

    let ok = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let bytes = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..args.clients)
        .map(|client| {
            let (paths, ok, failed, bytes) =
                (paths.clone(), ok.clone(), failed.clone(), bytes.clone());
            std::thread::spawn(move || {
                let mut next = client * 7919;
                while Instant::now() < deadline {
                    let path = &paths[next % paths.len()];
                    next += 1;
                    match get(port, path) {
                        Ok((200, body)) => {
                            ok.fetch_add(1, Ordering::Relaxed);
                            bytes.fetch_add(body.len() as u64, Ordering::Relaxed);
                        }
                        _ => {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let (ok, failed) = (ok.load(Ordering::Relaxed), failed.load(Ordering::Relaxed));
    println!(
        "{ok} requests ok, {failed} failed in {elapsed:.1} s: {:.0} requests/s, {:.1} MB/s",
        ok as f64 / elapsed,
        bytes.load(Ordering::Relaxed) as f64 / elapsed / 1e6
    );
    Ok(failed == 0)
}

fn get(port: u16, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("incomplete response"))?;
    let status = std::str::from_utf8(&raw[..split])
        .ok()
        .and_then(|head| head.get(9..12))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    Ok((status, raw[split + 4..].to_vec()))
}
