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
//! body, then the title, on one server). Issue 28's kinds: `reorder` (a
//! title that moves the article within its day), `actor` (one actor added
//! to its front matter: an actor with no page yet, then one other articles
//! name, in turn), `date` (moved to another day, across weeks and months),
//! `new` (a new article as `briefing new` writes it, published), `delete`
//! (that article deleted; made again untimed before each sample), `rename`
//! (the file renamed, and back), `profile` (the role in the profile of the
//! article's first actor, written before the server starts), and one
//! kind per other front-matter key (`place`, `tag`, `author`,
//! `milestone`, `alias`, `draft`, `correction`: the key added to the
//! article, then taken away, in turn). `--kind`
//! takes a comma-separated list (`all`: every kind), timed on one server.
//! Each sample is the time from
//! the rename to the `reload` event, which the server sends only after the
//! new site is in place. Prints every sample, the median and the 95th
//! percentile, and the server's resident and peak memory after its first
//! build and after the edits.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc::{Receiver, channel};
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
    /// What to edit, comma-separated: `body`, `title`, `both` (bodies,
    /// then titles), `reorder`, `actor`, `date`, `new`, `delete`,
    /// `place`, `tag`, `author`, `milestone`, `alias`, `draft`,
    /// `correction` (that front-matter key added, and taken away again),
    /// `rename`, `profile`, `site` (the site's title in `site.yaml`),
    /// `template` (a `templates/404.html` of the site's own: every page's
    /// fingerprint changes), `entry` (a `templates/partials/entry.html` of
    /// the site's own: every list entry's HTML changes, so a whole rebuild
    /// shares no list page with the last one) or `all` (every kind but
    /// `both`).
    #[arg(long, default_value = "body")]
    kind: String,
    /// Milliseconds to wait before each timed save, as a writer does
    /// between saves (the preview readies the next patch meanwhile).
    #[arg(long, default_value_t = 0)]
    pause: u64,
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

/// Every kind `all` runs, in order.
const ALL: [&str; 19] = [
    "body",
    "title",
    "reorder",
    "actor",
    "date",
    "place",
    "tag",
    "author",
    "milestone",
    "alias",
    "draft",
    "correction",
    "new",
    "delete",
    "rename",
    "profile",
    "site",
    "template",
    "entry",
];

/// The theme's list entry, which the `entry` edit overrides.
const ENTRY: &str = include_str!("../templates/partials/entry.html");

/// One change to the site's files.
enum Save {
    /// A file written (a temporary file renamed over it, as editors do).
    Write(PathBuf, String),
    /// A file made (written in place, as `briefing new` does).
    Create(PathBuf, String),
    /// A file deleted.
    Remove(PathBuf),
    /// A file renamed.
    Rename(PathBuf, PathBuf),
}

impl Save {
    fn apply(&self) -> Result<(), String> {
        let failed = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
        match self {
            Save::Write(file, text) => {
                let temporary = file.with_extension("tmp~");
                std::fs::write(&temporary, text).map_err(|e| failed(&temporary, e))?;
                std::fs::rename(&temporary, file).map_err(|e| failed(file, e))
            }
            Save::Create(file, text) => std::fs::write(file, text).map_err(|e| failed(file, e)),
            Save::Remove(file) => std::fs::remove_file(file).map_err(|e| failed(file, e)),
            Save::Rename(from, to) => std::fs::rename(from, to).map_err(|e| failed(from, e)),
        }
    }
}

/// What the edits work on.
struct Subject {
    /// The article edited, and its text at the start.
    article: PathBuf,
    original: String,
    /// `site.yaml` at the start.
    settings: String,
    root: PathBuf,
    /// The profile of the article's first actor, and its text.
    profile: PathBuf,
    profile_text: String,
    /// An actor other articles name that the article does not.
    other_actor: String,
}

impl Subject {
    /// The article made by `new` and removed by `delete`.
    fn new_article(&self) -> (PathBuf, String) {
        let date = field(&self.original, "date: ");
        let title = "Benchmark briefing written now";
        let slug = briefing::model::slug::slugify(title);
        let path = self
            .root
            .join("content")
            .join(&date[..4])
            .join(format!("{date}-{slug}.md"));
        let text = format!(
            "---\ntitle: \"{title}\"\ndate: {date}\nactors: [{}]\nplaces: []\ntags: []\n# summary: one sentence for lists and feeds (else the first paragraph)\n---\nWrite the report here, in Markdown.\n",
            self.original
                .lines()
                .find_map(|line| line.strip_prefix("actors: ["))
                .unwrap_or("]")
                .trim_end_matches(']')
        );
        (path, text)
    }

    /// The untimed change before sample `edit` of `kind`, and the timed one.
    fn edit(&self, kind: &str, edit: usize) -> Result<(Option<Save>, Save), String> {
        let article = || self.article.clone();
        let timed = match kind {
            "title" => Save::Write(
                article(),
                retitled(&self.original, |t| format!("{t} (edit {edit})"))?,
            ),
            "reorder" => {
                // First, then last among the day's articles (sorted by title).
                let lead = if edit.is_multiple_of(2) { "Aaa" } else { "Zzz" };
                Save::Write(
                    article(),
                    retitled(&self.original, |t| format!("{lead} {edit}: {t}"))?,
                )
            }
            "actor" => {
                let added = if edit.is_multiple_of(2) {
                    format!("Benchmark Actor {edit}")
                } else {
                    self.other_actor.clone()
                };
                let text = self
                    .original
                    .replacen("actors: [", &format!("actors: [{added}, "), 1);
                Save::Write(article(), text)
            }
            "date" => {
                let date = field(&self.original, "date: ");
                let day = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                    .map_err(|e| format!("date {date}: {e}"))?;
                // Weeks and months away, back and forth.
                let offset = if edit.is_multiple_of(2) {
                    40 + edit as i64
                } else {
                    -(33 + edit as i64)
                };
                let moved = (day + chrono::Duration::days(offset)).format("%Y-%m-%d");
                Save::Write(
                    article(),
                    self.original
                        .replacen(&format!("date: {date}"), &format!("date: {moved}"), 1),
                )
            }
            "place" | "tag" | "author" | "milestone" | "alias" | "draft" | "correction" => {
                Save::Write(article(), self.with_key(kind, edit))
            }
            "new" => {
                let (path, text) = self.new_article();
                let setup = (edit > 0).then(|| Save::Remove(path.clone()));
                return Ok((setup, Save::Create(path, text)));
            }
            "delete" => {
                let (path, text) = self.new_article();
                return Ok((Some(Save::Create(path.clone(), text)), Save::Remove(path)));
            }
            "rename" => {
                let renamed = self.article.with_file_name("renamed-for-the-benchmark.md");
                let (from, to) = if edit.is_multiple_of(2) {
                    (article(), renamed)
                } else {
                    (renamed, article())
                };
                Save::Rename(from, to)
            }
            "profile" => Save::Write(
                self.profile.clone(),
                self.profile_text
                    .replace("role: Envoy", &format!("role: Envoy number {edit}")),
            ),
            "site" => Save::Write(
                self.root.join("site.yaml"),
                retitled(&self.settings, |t| format!("{t} (edit {edit})"))?,
            ),
            "template" => Save::Write(
                self.root.join("templates/404.html"),
                format!(
                    "<!doctype html>\n<html lang=\"en\"><title>Not found {edit}</title><main>Not found</main></html>\n"
                ),
            ),
            "entry" => Save::Write(
                self.root.join("templates/partials/entry.html"),
                format!("{ENTRY}<!-- edit {edit} -->\n"),
            ),
            _ => Save::Write(
                article(),
                format!(
                    "{}\nBenchmark edit number {edit}.\n",
                    self.original.trim_end()
                ),
            ),
        };
        Ok((None, timed))
    }

    /// The article with one front-matter key of `kind` added (even
    /// edits; a new value each time for lists) or as it was (odd edits).
    fn with_key(&self, kind: &str, edit: usize) -> String {
        if !edit.is_multiple_of(2) {
            return self.original.clone();
        }
        let date = field(&self.original, "date: ");
        let (key, line) = match kind {
            "place" => ("places: [", format!("Benchmark Place {edit}, ")),
            "tag" => ("tags: [", format!("benchmark tag {edit}, ")),
            "author" => (
                "date: ",
                format!("{date}\nauthors: [Benchmark Author {edit}]"),
            ),
            "milestone" => (
                "date: ",
                format!("{date}\nmilestone: Benchmark milestone {edit}"),
            ),
            "alias" => (
                "date: ",
                format!("{date}\naliases: [/benchmark/alias-{edit}/]"),
            ),
            "draft" => ("date: ", format!("{date}\ndraft: true")),
            _ => (
                "date: ",
                format!(
                    "{date}\ncorrections:\n  - {{date: {date}, text: Benchmark correction {edit}.}}"
                ),
            ),
        };
        if key == "date: " {
            return self
                .original
                .replacen(&format!("date: {date}"), &format!("date: {line}"), 1);
        }
        self.original.replacen(key, &format!("{key}{line}"), 1)
    }

    /// Back to the start after `edits` samples of `kind`; `None` when
    /// nothing differs.
    fn restore(&self, kind: &str, edits: usize) -> Option<Save> {
        match kind {
            "new" => Some(Save::Remove(self.new_article().0)),
            "delete" => None,
            // Odd edits put the article back as it was.
            "place" | "tag" | "author" | "milestone" | "alias" | "draft" | "correction"
                if edits.is_multiple_of(2) =>
            {
                None
            }
            "rename" => (!edits.is_multiple_of(2)).then(|| {
                Save::Rename(
                    self.article.with_file_name("renamed-for-the-benchmark.md"),
                    self.article.clone(),
                )
            }),
            "profile" => Some(Save::Write(self.profile.clone(), self.profile_text.clone())),
            "site" => Some(Save::Write(
                self.root.join("site.yaml"),
                self.settings.clone(),
            )),
            "template" => Some(Save::Remove(self.root.join("templates/404.html"))),
            "entry" => Some(Save::Remove(
                self.root.join("templates/partials/entry.html"),
            )),
            _ => Some(Save::Write(self.article.clone(), self.original.clone())),
        }
    }

    /// Puts every file back as it was (after an error too).
    fn clean_up(&self) {
        let renamed = self.article.with_file_name("renamed-for-the-benchmark.md");
        if renamed.exists() {
            let _ = std::fs::rename(&renamed, &self.article);
        }
        let _ = std::fs::write(&self.article, &self.original);
        let _ = std::fs::write(self.root.join("site.yaml"), &self.settings);
        let _ = std::fs::remove_file(self.root.join("templates/404.html"));
        let _ = std::fs::remove_file(self.root.join("templates/partials/entry.html"));
        let _ = std::fs::remove_file(self.new_article().0);
    }
}

/// The value of the first line starting with `name`.
fn field(text: &str, name: &str) -> String {
    text.lines()
        .find_map(|line| line.strip_prefix(name))
        .map(|rest| rest.trim().trim_matches('"').to_string())
        .unwrap_or_default()
}

/// The names in the `actors: [...]` line of `text`.
fn actors_of(text: &str) -> Vec<String> {
    field(text, "actors: [")
        .trim_end_matches(']')
        .split(',')
        .map(|name| name.trim().trim_matches('"').to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

fn subject(args: &Args) -> Result<Subject, String> {
    let content = args.root.join("content");
    let mut articles = Vec::new();
    all_articles(&content, &mut articles);
    articles.sort();
    let article = articles.first().ok_or("no article under content/")?.clone();
    let read =
        |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
    let original = read(&article)?;
    let actors = actors_of(&original);
    let first_actor = actors.first().ok_or("the article names no actor")?.clone();
    let mut other_actor = String::new();
    for path in articles.iter().skip(1).take(50) {
        if let Some(name) = actors_of(&read(path)?)
            .into_iter()
            .find(|a| !actors.contains(a))
        {
            other_actor = name;
            break;
        }
    }
    let profile = content.join("actors").join(format!(
        "{}.md",
        briefing::model::slug::slugify(&first_actor)
    ));
    let profile_text =
        format!("---\nname: {first_actor}\nrole: Envoy\n---\nA profile for the benchmark.\n");
    Ok(Subject {
        article,
        original,
        settings: std::fs::read_to_string(args.root.join("site.yaml")).unwrap_or_default(),
        root: args.root.clone(),
        profile,
        profile_text,
        other_actor,
    })
}

fn run(args: &Args) -> Result<(), String> {
    let subject = subject(args)?;
    let kinds: Vec<&str> = args
        .kind
        .split(',')
        .flat_map(|kind| match kind {
            "both" => vec!["body", "title"],
            "all" => ALL.to_vec(),
            kind => vec![kind],
        })
        .collect();
    if let Some(unknown) = kinds.iter().find(|k| !ALL.contains(k)) {
        return Err(format!("unknown kind of edit {unknown}"));
    }
    // Watched from the start (a folder made later is watched after a rebuild).
    let templates = args.root.join("templates");
    let made_templates = (kinds.contains(&"template") || kinds.contains(&"entry"))
        && std::fs::create_dir(&templates).is_ok();
    let made_partials =
        kinds.contains(&"entry") && std::fs::create_dir(templates.join("partials")).is_ok();
    let made_profile = kinds.contains(&"profile") && !subject.profile.exists();
    if made_profile {
        std::fs::create_dir_all(subject.profile.with_file_name("")).map_err(|e| e.to_string())?;
        std::fs::write(&subject.profile, &subject.profile_text).map_err(|e| e.to_string())?;
    }
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
        let port = wait_for_port(&output)?;
        let home = get(port, "/")?;
        println!(
            "first answer (home page, {} bytes): {} ms",
            home.len(),
            started.elapsed().as_millis()
        );
        let page = article_url(&subject.original);
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
        for kind in &kinds {
            time_kind(kind, args, &subject, port, &page, &mut events, &output)?;
        }
        println!("preview memory after the edits: {}", memory(server.id()));
        Ok(())
    })();
    subject.clean_up();
    if made_profile {
        let _ = std::fs::remove_file(&subject.profile);
    }
    if made_partials {
        let _ = std::fs::remove_dir(templates.join("partials"));
    }
    if made_templates {
        let _ = std::fs::remove_dir(&templates);
    }
    let _ = server.kill();
    let _ = server.wait();
    result
}

/// The preview's port, read from its "serving <url>" line (each line
/// before it echoed).
fn wait_for_port(output: &Receiver<String>) -> Result<u16, String> {
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
    url.trim_start_matches("http://127.0.0.1:")
        .split('/')
        .next()
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| "cannot read the port".to_string())
}

/// Times `args.edits` edits of one kind, save to reload, prints each and
/// their median, and puts the subject back as it was.
fn time_kind(
    kind: &str,
    args: &Args,
    subject: &Subject,
    port: u16,
    page: &str,
    events: &mut BufReader<TcpStream>,
    output: &Receiver<String>,
) -> Result<(), String> {
    let settle = |events: &mut BufReader<TcpStream>| -> Result<(), String> {
        wait_for_reload(events)?;
        std::thread::sleep(Duration::from_millis(150));
        while output.try_recv().is_ok() {}
        Ok(())
    };
    let mut samples = Vec::new();
    let mut with_page = Vec::new();
    for edit in 0..args.edits {
        let (setup, timed) = subject.edit(kind, edit)?;
        if let Some(setup) = setup {
            setup.apply()?;
            settle(events)?;
        }
        std::thread::sleep(Duration::from_millis(args.pause));
        let saved = Instant::now();
        timed.apply()?;
        wait_for_reload(events)?;
        let latency = saved.elapsed();
        samples.push(latency);
        // What the reloading browser asks for next.
        if kind == "body" {
            get(port, page)?;
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
            "{kind} edit {edit:>3}: {:>7.1} ms   ({server_line})",
            latency.as_secs_f64() * 1000.0
        );
        std::thread::sleep(Duration::from_millis(150));
    }
    report(kind, samples, with_page);
    // Back to the start before the next kind of edit.
    if let Some(restore) = subject.restore(kind, args.edits) {
        restore.apply()?;
        settle(events)?;
    }
    Ok(())
}

/// Prints the median and spread of one kind's samples.
fn report(kind: &str, mut samples: Vec<Duration>, mut with_page: Vec<Duration>) {
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
    let date = field(text, "date: ").replace('-', "/");
    format!(
        "/{date}/{}/",
        briefing::model::slug::slugify(&field(text, "title: "))
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

/// `original` with its first title made `new` of the old one.
fn retitled(original: &str, new: impl Fn(&str) -> String) -> Result<String, String> {
    let mut done = false;
    let text: Vec<String> = original
        .lines()
        .map(|line| match line.strip_prefix("title: ") {
            Some(title) if !done => {
                done = true;
                format!("title: \"{}\"", new(title.trim_matches('"')))
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

/// Every article under `dir` (not the profiles).
fn all_articles(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n != "actors" && n != "authors")
            {
                all_articles(&path, found);
            }
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
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
