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
//! and renaming it over the article, as editors do): its body (`--kind
//! body`, a sentence added at the end) or its title (`--kind title`, which
//! changes its URL and every list it is on), or both (`--kind both`: the
//! body, then the title, on one server). Each sample is the time from
//! the rename to the `reload` event, which the server sends only after the
//! new site is in place. Prints every sample, the median and the 95th
//! percentile, and the server's resident and peak memory after its first
//! build and after the edits.

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
    /// What to edit: `body`, `title`, `both` (bodies, then titles),
    /// `site` (the site's title in `site.yaml`) or `template` (a
    /// `templates/404.html` of the site's own: every page's fingerprint
    /// changes).
    #[arg(long, default_value = "body")]
    kind: String,
    /// Pass `--timings` to the server (each rebuild's stages are printed).
    #[arg(long)]
    timings: bool,
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
    let settings_at_start =
        std::fs::read_to_string(args.root.join("site.yaml")).unwrap_or_default();
    // Watched from the start (a folder made later is watched after a rebuild).
    let templates = args.root.join("templates");
    let made_templates = args.kind == "template" && std::fs::create_dir(&templates).is_ok();
    let mut server = Command::new(&args.briefing)
        .args(["serve", "--port", "0", "--root"])
        .arg(&args.root)
        .args(args.timings.then_some("--timings"))
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
        let home = get(port, "/")?;
        println!(
            "first answer (home page, {} bytes): {} ms",
            home.len(),
            started.elapsed().as_millis()
        );
        let page = article_url(&original);
        let fetched = Instant::now();
        let bytes = get(port, &page)?;
        println!(
            "the edited article's page {page} ({} bytes): {:.1} ms",
            bytes.len(),
            fetched.elapsed().as_secs_f64() * 1000.0
        );
        let mut events = open_events(port)?;
        println!(
            "preview memory after the first build: {}",
            memory(server.id())
        );
        let kinds: &[&str] = match args.kind.as_str() {
            "both" => &["body", "title"],
            "title" => &["title"],
            "site" => &["site"],
            "template" => &["template"],
            _ => &["body"],
        };
        let site_yaml = args.root.join("site.yaml");
        let settings = &settings_at_start;
        let template = args.root.join("templates/404.html");
        for kind in kinds {
            let mut samples = Vec::new();
            let mut with_page = Vec::new();
            for edit in 0..args.edits {
                let (file, text) = match *kind {
                    "title" => (&article, retitled(&original, edit)?),
                    "site" => (&site_yaml, retitled(settings, edit)?),
                    "template" => (
                        &template,
                        format!(
                            "<!doctype html>\n<html lang=\"en\"><title>Not found {edit}</title><main>Not found</main></html>\n"
                        ),
                    ),
                    _ => (
                        &article,
                        format!("{}\nBenchmark edit number {edit}.\n", original.trim_end()),
                    ),
                };
                let temporary = file.with_extension("tmp~");
                std::fs::write(&temporary, text).map_err(|e| e.to_string())?;
                let saved = Instant::now();
                std::fs::rename(&temporary, file).map_err(|e| e.to_string())?;
                wait_for_reload(&mut events)?;
                let latency = saved.elapsed();
                samples.push(latency);
                // What the reloading browser asks for next.
                if *kind == "body" {
                    get(port, &page)?;
                    with_page.push(saved.elapsed());
                }
                let mut server_line = output
                    .recv_timeout(Duration::from_secs(5))
                    .unwrap_or_default();
                if args.timings {
                    let stages = output
                        .recv_timeout(Duration::from_secs(5))
                        .unwrap_or_default();
                    server_line = format!("{server_line}; {}", stages.trim());
                }
                println!(
                    "edit {edit:>3}: {:>7.1} ms   ({server_line})",
                    latency.as_secs_f64() * 1000.0
                );
                std::thread::sleep(Duration::from_millis(150));
            }
            samples.sort();
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            let p95 = samples[(samples.len() * 95).div_ceil(100).saturating_sub(1)];
            println!(
                "save -> ready, {} edits of the {kind}: median {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms",
                samples.len(),
                ms(samples[samples.len() / 2]),
                ms(p95),
                ms(samples[0]),
                ms(samples[samples.len() - 1])
            );
            if !with_page.is_empty() {
                with_page.sort();
                println!(
                    "save -> reload -> the edited page fetched, {} edits: median {:.1} ms, max {:.1} ms",
                    with_page.len(),
                    ms(with_page[with_page.len() / 2]),
                    ms(with_page[with_page.len() - 1])
                );
            }
            // Back to the original before the next kind of edit.
            match *kind {
                "site" => std::fs::write(&site_yaml, settings),
                "template" => std::fs::remove_file(&template),
                _ => std::fs::write(&article, &original),
            }
            .map_err(|e| e.to_string())?;
            wait_for_reload(&mut events)?;
            std::thread::sleep(Duration::from_millis(150));
            while output.try_recv().is_ok() {}
        }
        println!("preview memory after the edits: {}", memory(server.id()));
        Ok(())
    })();
    let _ = std::fs::write(&article, &original);
    let _ = std::fs::write(args.root.join("site.yaml"), &settings_at_start);
    let _ = std::fs::remove_file(args.root.join("templates/404.html"));
    if made_templates {
        let _ = std::fs::remove_dir(&templates);
    }
    let _ = server.kill();
    let _ = server.wait();
    result
}

/// The server's resident memory now and at its peak (Linux), or why not.
fn memory(pid: u32) -> String {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return "unknown (no /proc)".into();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .map(|rest| rest.trim().to_string())
            .unwrap_or_else(|| "?".into())
    };
    format!("resident {}, peak {}", field("VmRSS:"), field("VmHWM:"))
}

/// The URL path of the article whose text is `text` (`/2020/01/01/slug/`).
fn article_url(text: &str) -> String {
    let field = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(name))
            .map(|rest| rest.trim().trim_matches('"').to_string())
            .unwrap_or_default()
    };
    let date = field("date: ").replace('-', "/");
    format!(
        "/{date}/{}/",
        briefing::model::slug::slugify(&field("title: "))
    )
}

/// The body of `GET path` (status 200 only).
fn get(port: u16, path: &str) -> Result<Vec<u8>, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").map_err(|e| e.to_string())?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .map_err(|e| e.to_string())?;
    let head_end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no response head")?;
    let status = String::from_utf8_lossy(&response[..head_end]).to_string();
    if !status.starts_with("HTTP/1.1 200") && !status.starts_with("HTTP/1.0 200") {
        return Err(format!(
            "GET {path}: {}",
            status.lines().next().unwrap_or("")
        ));
    }
    Ok(response[head_end + 4..].to_vec())
}

/// `original` with edit number `edit` in its title.
fn retitled(original: &str, edit: usize) -> Result<String, String> {
    let mut done = false;
    let text: Vec<String> = original
        .lines()
        .map(|line| match line.strip_prefix("title: ") {
            Some(title) if !done => {
                done = true;
                let title = title.trim_matches('"');
                format!("title: \"{title} (edit {edit})\"")
            }
            _ => line.to_string(),
        })
        .collect();
    if done {
        Ok(text.join("\n") + "\n")
    } else {
        Err("no `title:` line to edit".into())
    }
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
