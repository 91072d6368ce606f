//! A seeded mutation fuzzer for briefing, on stable Rust. Shared by
//! `examples/fuzz.rs` (long campaigns, `bench/fuzz.sh`) and the short
//! fixed-seed run in `cargo test` (`tests/build/fuzz.rs`).
//!
//! Three targets, each fed inputs made by mutating seed files (the sample
//! site's `content/`, `site.yaml`, and the regression inputs in
//! `fuzz/seeds/`):
//!
//! - `front-matter`: one file through the front-matter parser and the
//!   article checks, or through `site.yaml`'s, every diagnostic printed;
//! - `markdown`: one body through the Markdown renderer;
//! - `site`: a whole site of mutated files built into a folder.
//!
//! A finding is a panic, a run slower than its budget (a hang, or time
//! growing faster than the input: the budget grows linearly with the
//! input's size), a build that succeeds without pages, or a build that
//! leaves files outside its output folder. Each distinct finding's first
//! input is saved to the findings folder.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use briefing::BuildOptions;
use briefing::config::Config;
use briefing::load::front_matter;
use briefing::render::markdown;

/// What to run.
pub struct Campaign {
    /// The generator's seed: the same seed, seeds and limits give the same
    /// inputs.
    pub seed: u64,
    /// Stop after this many runs...
    pub runs: Option<u64>,
    /// ...or after this long.
    pub time: Option<Duration>,
    /// Seed files (each a front matter + Markdown file, or a `site.yaml`).
    pub seeds: Vec<Seed>,
    /// Where to save the inputs of findings, if anywhere.
    pub findings_dir: Option<PathBuf>,
    /// Time allowed for a run: `base + per_kb` for each KB of input.
    pub budget: Budget,
    /// A run still going after this long is a hang: its input is saved and
    /// the process exits with status 3 (a stuck run cannot be stopped).
    pub hang: Duration,
}

/// The time a run may take before it is a finding.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Allowed whatever the size.
    pub base: Duration,
    /// Added for each KB of input.
    pub per_kb: Duration,
}

/// A seed input.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// A `site.yaml` rather than a content file.
    pub config: bool,
}

/// What a campaign found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Inputs run.
    pub runs: u64,
    /// Runs rejected with a diagnostic (the expected answer to bad input).
    pub errors: u64,
    /// Distinct findings: key -> (times seen, saved input).
    pub findings: BTreeMap<String, (u64, Option<PathBuf>)>,
}

impl Outcome {
    /// Findings, counting repeats.
    pub fn finding_count(&self) -> u64 {
        self.findings.values().map(|(n, _)| n).sum()
    }
}

/// Reads seed files: every `.md` below each folder, and `.yaml` files as
/// `site.yaml` seeds.
pub fn load_seeds(dirs: &[PathBuf]) -> Vec<Seed> {
    let mut seeds = Vec::new();
    for dir in dirs {
        let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "yaml"))
            .collect();
        paths.sort();
        for path in paths {
            if let Ok(bytes) = std::fs::read(&path) {
                seeds.push(Seed {
                    config: path.extension().is_some_and(|e| e == "yaml"),
                    bytes,
                });
            }
        }
    }
    seeds
}

/// splitmix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Fragments worth inserting: YAML and Markdown syntax, odd dates, path
/// tricks, scripts and text that is wide, reversed or invisible.
const TOKENS: &[&str] = &[
    "---\n",
    "...\n",
    ": ",
    "- ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "#",
    "\n",
    "\r\n",
    "\t",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "|\n  ",
    ">-\n  ",
    "~",
    "null",
    "true",
    "0x1F",
    "1e999",
    "-0",
    "2025-3-14",
    "2025-03-4",
    "25-03-14",
    "2025-13-01",
    "2024-02-30",
    "2022-01-18T25:61:00Z",
    "2022-01-18T09:30:00",
    "2022-01-18 09:30:00+14:00",
    "+99:99",
    "2022-01-18T09:30:00.123456789Z",
    "0000-01-01",
    "9999-12-31",
    "title: ",
    "date: ",
    "actors: ",
    "places: ",
    "tags: ",
    "slug: ",
    "draft: true",
    "summary: ",
    "extra: ",
    "updated: ",
    "name: ",
    "aliases: ",
    "base_url: ",
    "page_size: ",
    "feed_size: 0",
    "cname: ",
    "<script>alert(1)</script>",
    "](",
    "[^1]",
    "[^1]: ",
    "![x](",
    "`",
    "```\n",
    "***",
    "> ",
    "    ",
    "|---|---|\n",
    "\u{feff}",
    "../",
    "..",
    "/",
    "%2e%2e/",
    "\\",
    "会議",
    "\u{202e}",
    "\u{200b}",
    "\u{0}",
    "\u{1b}[31m",
    "é",
    "Щ",
    "🇺🇦",
    "&amp;",
    "<!--",
];

/// Makes one input from the seeds: 1 to 4 mutations of one seed.
pub fn mutate(rng: &mut Rng, seeds: &[Seed], base: &[u8]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        mutate_once(rng, seeds, &mut bytes);
    }
    bytes
}

fn mutate_once(rng: &mut Rng, seeds: &[Seed], bytes: &mut Vec<u8>) {
    let len = bytes.len();
    let at = rng.below(len + 1);
    match rng.below(9) {
        0 if len > 0 => bytes[at.min(len - 1)] = rng.next() as u8,
        1 | 2 => {
            let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
            bytes.splice(at..at, token.iter().copied());
        }
        3 if len > 0 => {
            let end = (at + 1 + rng.below(64)).min(len);
            bytes.drain(at.min(len - 1)..end);
        }
        4 if len > 0 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(256)).min(len);
            let chunk = bytes[start..end].to_vec();
            bytes.splice(at..at, chunk);
        }
        5 => {
            // Amplify: a short chunk repeated up to 50,000 times, the shape
            // of every input whose cost grows faster than its size.
            let chunk: Vec<u8> = if len > 0 && rng.chance(2) {
                let start = rng.below(len);
                bytes[start..(start + 1 + rng.below(8)).min(len)].to_vec()
            } else {
                TOKENS[rng.below(TOKENS.len())].as_bytes().to_vec()
            };
            let most = [10, 1000, 50_000][rng.below(3)];
            let times = 1 + rng.below(most);
            let repeated = chunk.repeat(times);
            bytes.splice(at..at, repeated);
        }
        6 if !seeds.is_empty() => {
            // Crossover: this input's head, another seed's tail.
            let other = &seeds[rng.below(seeds.len())].bytes;
            let from = rng.below(other.len() + 1);
            bytes.truncate(at);
            bytes.extend_from_slice(&other[from..]);
        }
        7 => {
            // A digit changed, dropped or doubled: dates and numbers.
            let digits: Vec<usize> = (0..len).filter(|i| bytes[*i].is_ascii_digit()).collect();
            if !digits.is_empty() {
                let i = digits[rng.below(digits.len())];
                match rng.below(3) {
                    0 => bytes[i] = b'0' + rng.below(10) as u8,
                    1 => {
                        bytes.remove(i);
                    }
                    _ => bytes.insert(i, bytes[i]),
                }
            }
        }
        _ => {
            let b = [
                b'\n', b' ', b':', b'-', b'[', b'{', b'"', b'\'', b'#', b'\t', 0xFF, 0xC3,
            ];
            bytes.insert(at, b[rng.below(b.len())]);
        }
    }
}

/// The last panic's location and message, from the hook.
static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Captures the panics of the fuzzing thread and of unnamed threads (the
/// build's rayon workers); any other thread's (another test's) goes to the
/// previous hook as usual. Returns that previous hook, to put back.
fn install_panic_hook() -> std::sync::Arc<PanicHook> {
    let previous: std::sync::Arc<PanicHook> = panic::take_hook().into();
    let fuzzing = std::thread::current().id();
    let forward = previous.clone();
    panic::set_hook(Box::new(move |info| {
        let thread = std::thread::current();
        if thread.id() != fuzzing && thread.name().is_some() {
            return forward(info);
        }
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let message: String = message.chars().take(160).collect();
        if let Ok(mut last) = PANIC.lock() {
            *last = Some(format!("{location}: {message}"));
        }
    }));
    previous
}

type PanicHook = dyn Fn(&panic::PanicHookInfo<'_>) + Sync + Send + 'static;

/// How one run ended.
enum Verdict {
    /// Accepted.
    Ok,
    /// Rejected with diagnostics.
    Rejected,
    /// A finding, by kind.
    Finding(String),
}

/// Runs `campaign`, calling `progress` now and then with the outcome so far.
pub fn run(campaign: &Campaign, mut progress: impl FnMut(&Outcome, Duration)) -> Outcome {
    let previous_hook = install_panic_hook();
    let started = Instant::now();
    let mut rng = Rng(campaign.seed);
    let mut outcome = Outcome::default();
    let content: Vec<Seed> = campaign
        .seeds
        .iter()
        .filter(|s| !s.config)
        .cloned()
        .collect();
    let configs: Vec<Seed> = campaign
        .seeds
        .iter()
        .filter(|s| s.config)
        .cloned()
        .collect();
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let watchdog = Watchdog::spawn(campaign.hang, campaign.findings_dir.clone());
    let mut last_report = Instant::now();
    loop {
        if campaign.runs.is_some_and(|n| outcome.runs >= n)
            || campaign.time.is_some_and(|t| started.elapsed() >= t)
        {
            break;
        }
        let case = outcome.runs;
        let (target, input) = match rng.below(4) {
            0 if !configs.is_empty() => {
                let base = &configs[rng.below(configs.len())].bytes;
                ("site-yaml", vec![mutate(&mut rng, &campaign.seeds, base)])
            }
            0 | 1 => {
                let base = &content[rng.below(content.len())].bytes;
                (
                    "front-matter",
                    vec![mutate(&mut rng, &campaign.seeds, base)],
                )
            }
            2 => {
                let base = &content[rng.below(content.len())].bytes;
                ("markdown", vec![mutate(&mut rng, &campaign.seeds, base)])
            }
            _ => (
                "site",
                site_files(&mut rng, &content, &configs, &campaign.seeds),
            ),
        };
        watchdog.start(target, &input);
        let dir = scratch.path().join(format!("case-{case}"));
        let size: usize = input.iter().map(Vec::len).sum();
        let budget = campaign.budget.base + campaign.budget.per_kb * (size / 1024) as u32;
        let (mut verdict, mut took) = run_case(target, &input, &dir, scratch.path());
        // A slow run is timed twice more (the machine may have been busy);
        // only the fastest of the three counts.
        for _ in 0..2 {
            if took <= budget || matches!(verdict, Verdict::Finding(_)) {
                break;
            }
            took = took.min(run_case(target, &input, &dir, scratch.path()).1);
        }
        if took > budget && !matches!(verdict, Verdict::Finding(_)) {
            verdict = Verdict::Finding(format!("slow (over {budget:?} for {size} bytes)"));
        }
        watchdog.stop();
        outcome.runs += 1;
        let verdict = match verdict {
            Verdict::Finding(kind) => Some(format!("{target}: {kind}")),
            Verdict::Rejected => {
                outcome.errors += 1;
                None
            }
            Verdict::Ok => None,
        };
        if let Some(kind) = verdict {
            record(campaign, &mut outcome, kind, &input);
        }
        if last_report.elapsed() > Duration::from_secs(10) {
            progress(&outcome, started.elapsed());
            last_report = Instant::now();
        }
    }
    panic::set_hook(Box::new(move |info| previous_hook(info)));
    outcome
}

/// The run in progress: since when, which target, its input.
type Running = (Instant, &'static str, Vec<Vec<u8>>);

/// Watches the run in progress from another thread.
struct Watchdog {
    current: std::sync::Arc<Mutex<Option<Running>>>,
}

impl Watchdog {
    fn spawn(limit: Duration, findings_dir: Option<PathBuf>) -> Self {
        let current: std::sync::Arc<Mutex<Option<Running>>> = Default::default();
        let watched = current.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(200));
                let Ok(guard) = watched.lock() else { return };
                let Some((since, target, input)) = guard.as_ref() else {
                    continue;
                };
                if since.elapsed() < limit {
                    continue;
                }
                let mut saved = String::from("(not saved)");
                if let Some(dir) = &findings_dir {
                    let path = dir.join("hang");
                    if std::fs::create_dir_all(&path).is_ok() {
                        for (i, bytes) in input.iter().enumerate() {
                            let _ = std::fs::write(path.join(format!("input-{i}")), bytes);
                        }
                        saved = path.display().to_string();
                    }
                }
                println!(
                    "finding: {target}: hang (still running after {limit:?}), input in {saved}"
                );
                std::process::exit(3);
            }
        });
        Self { current }
    }

    fn start(&self, target: &'static str, input: &[Vec<u8>]) {
        if let Ok(mut current) = self.current.lock() {
            *current = Some((Instant::now(), target, input.to_vec()));
        }
    }

    fn stop(&self) {
        if let Ok(mut current) = self.current.lock() {
            *current = None;
        }
    }
}

/// Runs one input through `target`, timed; a site is built in `dir`,
/// removed afterwards, and nothing may be left in `scratch`.
fn run_case(target: &str, input: &[Vec<u8>], dir: &Path, scratch: &Path) -> (Verdict, Duration) {
    let (mut verdict, took) = timed(|| match target {
        "site-yaml" => config_target(&input[0]),
        "front-matter" => front_matter_target(&input[0]),
        "markdown" => markdown_target(&input[0]),
        _ => site_target(dir, input),
    });
    if target == "site" {
        let _ = std::fs::remove_dir_all(dir);
        let left: Vec<PathBuf> = std::fs::read_dir(scratch)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        for path in &left {
            let _ = std::fs::remove_dir_all(path).or_else(|_| std::fs::remove_file(path));
        }
        if !left.is_empty() && !matches!(verdict, Verdict::Finding(_)) {
            verdict = Verdict::Finding("wrote outside the site's folder".into());
        }
    }
    (verdict, took)
}

fn timed(run: impl FnOnce() -> Verdict) -> (Verdict, Duration) {
    let started = Instant::now();
    let verdict = match panic::catch_unwind(AssertUnwindSafe(run)) {
        Ok(verdict) => verdict,
        Err(_) => {
            let what = PANIC
                .lock()
                .ok()
                .and_then(|mut p| p.take())
                .unwrap_or_default();
            Verdict::Finding(format!("panic at {what}"))
        }
    };
    (verdict, started.elapsed())
}

/// Keeps the first input of each distinct finding.
fn record(campaign: &Campaign, outcome: &mut Outcome, kind: String, input: &[Vec<u8>]) {
    // One finding per target and kind (a panic's location, not its
    // message; slowness whatever the size); the first detail is kept.
    let key = match kind.find(" (over ").or_else(|| {
        let at = kind.find("panic at ")?;
        kind[at..].find(": ").map(|c| at + c)
    }) {
        Some(cut) => kind[..cut].to_string(),
        None => kind.clone(),
    };
    let number = outcome.findings.len();
    let entry = outcome.findings.entry(key).or_insert((0, None));
    entry.0 += 1;
    if entry.1.is_none()
        && let Some(dir) = &campaign.findings_dir
    {
        let path = dir.join(format!("finding-{}-{number}", campaign.seed));
        if std::fs::create_dir_all(&path).is_ok() {
            for (i, bytes) in input.iter().enumerate() {
                let _ = std::fs::write(path.join(format!("input-{i}")), bytes);
            }
            let _ = std::fs::write(path.join("finding.txt"), format!("{kind}\n"));
            entry.1 = Some(path);
        }
    }
}

fn front_matter_target(input: &[u8]) -> Verdict {
    let text = String::from_utf8_lossy(input);
    let path = Path::new("content/fuzz.md");
    let parsed = match front_matter::parse(path, &text) {
        Ok(parsed) => parsed,
        Err(problem) => {
            let _ = problem.to_string();
            return Verdict::Rejected;
        }
    };
    let (matter, problems) = front_matter::article(path, &parsed.doc, parsed.front);
    let _ = front_matter::profile(path, &parsed.doc, parsed.front);
    for problem in &problems {
        let _ = problem.to_string();
    }
    if matter.is_some() {
        Verdict::Ok
    } else {
        Verdict::Rejected
    }
}

fn config_target(input: &[u8]) -> Verdict {
    let text = String::from_utf8_lossy(input);
    let (_, problems) = Config::parse(&text, Path::new("site.yaml"));
    for problem in &problems {
        let _ = problem.to_string();
    }
    if problems.iter().any(|p| p.is_error()) {
        Verdict::Rejected
    } else {
        Verdict::Ok
    }
}

fn markdown_target(input: &[u8]) -> Verdict {
    let text = String::from_utf8_lossy(input);
    let rendered = markdown::render(&text, "/briefings/");
    let _ = rendered.html.len() + rendered.first_paragraph.len() + rendered.words;
    Verdict::Ok
}

/// A site's files: a `site.yaml` (sometimes mutated) and 1 to 6 content
/// files, some of them mutated, some as profiles under `content/actors/`.
/// Returned as `[site.yaml, then pairs of path and bytes flattened]`.
fn site_files(rng: &mut Rng, content: &[Seed], configs: &[Seed], seeds: &[Seed]) -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    let config = match configs.get(rng.below(configs.len().max(1))) {
        Some(seed) if rng.chance(3) => mutate(rng, seeds, &seed.bytes),
        Some(seed) => seed.bytes.clone(),
        None => Vec::new(),
    };
    files.push(config);
    for n in 0..1 + rng.below(6) {
        let seed = &content[rng.below(content.len())];
        let bytes = if rng.chance(2) {
            mutate(rng, seeds, &seed.bytes)
        } else {
            seed.bytes.clone()
        };
        let path = if rng.chance(5) {
            format!("content/actors/a{n}.md")
        } else {
            format!("content/{}/f{n}.md", ["2022", "x/y", "."][rng.below(3)])
        };
        files.push(path.into_bytes());
        files.push(bytes);
    }
    files
}

/// Builds the site in `files` under `dir/site`, output `dir/site/public`;
/// then checks there are pages, and nothing new outside the output.
fn site_target(dir: &Path, files: &[Vec<u8>]) -> Verdict {
    let root = dir.join("site");
    let _ = std::fs::create_dir_all(root.join("content"));
    let _ = std::fs::write(root.join("site.yaml"), &files[0]);
    let mut sources = vec![root.join("site.yaml")];
    for pair in files[1..].chunks(2) {
        let path = root.join(String::from_utf8_lossy(&pair[0]).as_ref());
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(&path, &pair[1]);
        sources.push(path);
    }
    let output = root.join("public");
    let mut options = BuildOptions::new(&root);
    options.output = Some(output.clone());
    let result = briefing::build(&options);
    let escaped: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.into_path())
        .filter(|p| {
            !p.starts_with(&output)
                && !sources.contains(p)
                && p.file_name().is_none_or(|n| {
                    // The lock and the bookkeeping beside the output.
                    ![".public.lock", ".public.manifest", ".public.urls"]
                        .contains(&n.to_string_lossy().as_ref())
                })
        })
        .collect();
    if let Some(first) = escaped.first() {
        return Verdict::Finding(format!("wrote outside the output: {}", first.display()));
    }
    match result {
        Ok(report) => {
            if report.files == 0 || !output.join("index.html").is_file() {
                Verdict::Finding("success without pages".into())
            } else {
                Verdict::Ok
            }
        }
        Err(error) => {
            let _ = error.report();
            Verdict::Rejected
        }
    }
}
