//! Benchmark: time from saving an article to the preview having the new
//! site ready, on a real `briefing serve`.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example serve_latency -- --root /tmp/corpus --edits 30
//! ```
//!
//! Starts `briefing serve --port 0` on the site, listens to its live-reload
//! events, then edits one article again and again (writing a temporary file
//! and renaming it over the article, as editors do). Each sample is the time
//! from the rename to the `reload` event, which the server sends only after
//! the new site is in place; the new text is then checked over HTTP. Prints
//! every sample and the median.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use clap::Parser;

/// Measures save-to-ready latency of `briefing serve`.
#[derive(Debug, Parser)]
struct Args {
    /// The site to serve.
    #[arg(long)]
    root: PathBuf,
    /// How many edits to time.
    #[arg(long, default_value_t = 30)]
    edits: usize,
    /// The briefing binary.
    #[arg(long, default_value = "target/release/briefing")]
    briefing: PathBuf,
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let article = first_article(&args.root.join("content")).ok_or("no article under content/")?;
    let original =
        std::fs::read_to_string(&article).map_err(|e| format!("{}: {e}", article.display()))?;
    let mut server = Command::new(&args.briefing)
        .args(["serve", "--port", "0", "--root"])
        .arg(&args.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", args.briefing.display()))?;
    let stdout = server.stdout.take().ok_or("no stdout")?;
    let (lines, output) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let result = (|| {
        let started = Instant::now();
        let url = loop {
            let line = output
                .recv_timeout(Duration::from_secs(600))
                .map_err(|_| "the server did not start")?;
            println!("server: {line}");
            if let Some(rest) = line.strip_prefix("serving ") {
                break rest
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string();
            }
        };
        println!(
            "first build and start: {} ms",
            started.elapsed().as_millis()
        );
        let port: u16 = url
            .trim_start_matches("http://127.0.0.1:")
            .split('/')
            .next()
            .and_then(|p| p.parse().ok())
            .ok_or("cannot read the port")?;
        let mut events = open_events(port)?;
        let mut samples = Vec::new();
        for edit in 0..args.edits {
            let marker = format!("Benchmark edit number {edit}.");
            let text = format!("{}\n{marker}\n", original.trim_end());
            let temporary = article.with_extension("md.tmp~");
            std::fs::write(&temporary, text).map_err(|e| e.to_string())?;
            let saved = Instant::now();
            std::fs::rename(&temporary, &article).map_err(|e| e.to_string())?;
            wait_for_reload(&mut events)?;
            let latency = saved.elapsed();
            samples.push(latency);
            let server_line = output
                .recv_timeout(Duration::from_secs(5))
                .unwrap_or_default();
            println!(
                "edit {edit:>3}: {:>7.1} ms   ({server_line})",
                latency.as_secs_f64() * 1000.0
            );
            std::thread::sleep(Duration::from_millis(150));
        }
        samples.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "save -> ready over {} edits: median {:.1} ms, min {:.1} ms, max {:.1} ms",
            samples.len(),
            ms(samples[samples.len() / 2]),
            ms(samples[0]),
            ms(samples[samples.len() - 1])
        );
        Ok(())
    })();
    let _ = std::fs::write(&article, &original);
    let _ = server.kill();
    let _ = server.wait();
    result
}

fn first_article(dir: &Path) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() && path.file_name().is_some_and(|n| n != "actors") {
            if let Some(found) = first_article(&path) {
                return Some(found);
            }
        } else if path.extension().is_some_and(|e| e == "md") {
            return Some(path);
        }
    }
    None
}

fn open_events(port: u16) -> Result<BufReader<TcpStream>, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET /__briefing/events HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).map_err(|e| e.to_string())?;
        if line == "\r\n" {
            return Ok(reader);
        }
        if line.is_empty() {
            return Err("event stream closed".into());
        }
    }
}

fn wait_for_reload(events: &mut BufReader<TcpStream>) -> Result<(), String> {
    loop {
        let mut line = String::new();
        if events.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
            return Err("event stream closed".into());
        }
        if line.trim_end() == "event: reload" {
            // Read the rest of the event.
            let mut rest = [0u8; 1];
            while events.read(&mut rest).map_err(|e| e.to_string())? == 1 && rest[0] != b'\n' {}
            return Ok(());
        }
    }
}
