//! A deterministic corpus for benchmarks: `--articles N` briefings written
//! as a site folder that `briefing build` (and, through
//! `bench/hugo_site.py`, Hugo) can build.
//!
//! ```sh
//! cargo run --release --example corpus -- --articles 10000 --out /tmp/corpus
//! ```
//!
//! What it writes, for N articles:
//!
//! - `site.yaml` with `page_size: 0`, so every actor, place and tag page
//!   lists all its articles;
//! - `content/<year>/<yyyy-mm-dd>-<n>.md`, one per article: a date drawn
//!   uniformly from 2020-01-01 to 2022-12-31; 2 to 6 actors from a pool of
//!   N/20 names (rank r drawn with weight 1/(r+5)); 1 to 3 places from a
//!   pool of N/100 (weight 1/(r+2)); 1 to 3 tags from a pool of N/200
//!   (uniform); a one-sentence summary; a body of 500 to 800 words of
//!   Markdown: two intro paragraphs, `##` and `###` sections, a list, 2 to 4
//!   links, emphasis and a blockquote.
//!
//! The same `--seed` gives the same bytes, whatever the number of threads:
//! each article draws from its own generator, seeded by the seed and its
//! number. Names, places and tags are generated from syllables, unique per
//! rank (and per slug, so no two spellings land on one page).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};
use std::time::Instant;
use std::{fs, io, thread};

use clap::Parser;

/// Writes a deterministic benchmark corpus as a briefing site folder.
#[derive(Debug, Parser)]
#[command(name = "corpus")]
struct Args {
    /// How many articles to write.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    articles: u64,
    /// The site folder to create (its content/ must not exist yet).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Seed of the generator: the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    match generate(&args) {
        Ok(()) => {
            println!(
                "wrote {} articles to {} in {} ms",
                args.articles,
                args.out.display(),
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------
// Random numbers

/// splitmix64: small, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next_u64();
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Names drawn by rank with given weights: cumulative sums and a binary
/// search.
struct Pool {
    names: Vec<String>,
    cumulative: Vec<f64>,
}

impl Pool {
    fn new(names: Vec<String>, weight: impl Fn(usize) -> f64) -> Self {
        let mut total = 0.0;
        let cumulative = (0..names.len())
            .map(|rank| {
                total += weight(rank);
                total
            })
            .collect();
        Self { names, cumulative }
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let target = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= target)
            .min(self.names.len() - 1)
    }

    /// `count` different ranks, in the order drawn.
    fn draw_distinct(&self, rng: &mut Rng, count: usize) -> Vec<usize> {
        let count = count.min(self.names.len());
        let mut chosen = Vec::with_capacity(count);
        while chosen.len() < count {
            let rank = self.draw(rng);
            if !chosen.contains(&rank) {
                chosen.push(rank);
            }
        }
        chosen
    }
}

// ---------------------------------------------------------------------------
// Names

const FIRST_NAMES: &[&str] = &[
    "Ada", "Adrian", "Aida", "Alma", "Amir", "Ana", "Anton", "Arne", "Aurel", "Beatriz", "Bela",
    "Bruno", "Carla", "Cyril", "Dana", "Dario", "Dora", "Edin", "Elena", "Elif", "Emil", "Erik",
    "Esther", "Farid", "Flora", "Goran", "Greta", "Hana", "Hugo", "Ilse", "Ines", "Ivan", "Jana",
    "Jonas", "Karim", "Kira", "Lars", "Leila", "Lena", "Luca", "Maja", "Marek", "Mira", "Nadia",
    "Nikos", "Nora", "Olaf", "Omar", "Paula", "Pavel", "Rada", "Rafael", "Rosa", "Sami", "Sara",
    "Stefan", "Tamar", "Teo", "Una", "Vera", "Viktor", "Yara", "Yusuf", "Zora",
];

const LAST_START: &[&str] = &[
    "Ab", "Bal", "Ber", "Cal", "Dor", "El", "Fal", "Gar", "Hal", "Is", "Kal", "Kor", "Lan", "Mar",
    "Mor", "Nov", "Or", "Pel", "Ros", "Sal", "Stan", "Tor", "Val", "Vor", "Zam", "Zel",
];
const LAST_MIDDLE: &[&str] = &[
    "a", "e", "i", "o", "u", "an", "en", "in", "or", "ar", "el", "il", "ov", "ak", "im", "ur",
];
const LAST_END: &[&str] = &[
    "ev", "ov", "ski", "ic", "ova", "enko", "escu", "sen", "berg", "ini", "ez", "ides", "oglu",
    "stam", "ard", "ell", "is", "eri", "ani", "ek",
];

const PLACE_START: &[&str] = &[
    "Al", "Bel", "Bran", "Cor", "Dal", "Ebr", "Fen", "Gal", "Hav", "Kel", "Lor", "Mal", "Nor",
    "Os", "Pra", "Quel", "Ros", "Sel", "Tar", "Ul", "Ven", "Wel", "Yar", "Zan",
];
const PLACE_MIDDLE: &[&str] = &["a", "e", "i", "o", "u", "ar", "en", "or", "il", "ad"];
const PLACE_END: &[&str] = &[
    "mora", "grad", "burg", "ville", "stad", "polis", "heim", "ford", "port", "dar", "via", "nesh",
    "bourg", "ona", "ica", "ton",
];
const PLACE_PREFIX: &[&str] = &[
    "Port", "San", "New", "Upper", "Lake", "Fort", "Mount", "North",
];

static TAG_FIRST: LazyLock<Vec<&str>> = LazyLock::new(|| {
    "energy grain border arms trade maritime nuclear cyber climate refugee sanctions \
     banking water rail fishing space health election tariff mining pipeline aviation \
     minority prisoner customs transit visa treaty ceasefire debt"
        .split_whitespace()
        .collect()
});
static TAG_SECOND: LazyLock<Vec<&str>> = LazyLock::new(|| {
    "security talks exports control policy rights monitoring relief disputes reform \
     cooperation corridors inspections funding standards access agreements tensions \
     quotas verification"
        .split_whitespace()
        .collect()
});
static TAG_THIRD: LazyLock<Vec<&str>> = LazyLock::new(|| {
    "north south east west coastal inland regional bilateral"
        .split_whitespace()
        .collect()
});

/// `count` names, unique by slug, from `make(rng, level)`; the level rises
/// whenever collisions pile up, so `make` can add parts to make room.
fn unique_names(
    count: usize,
    rng: &mut Rng,
    make: impl Fn(&mut Rng, usize) -> String,
) -> Vec<String> {
    let mut seen = HashSet::with_capacity(count);
    let mut names = Vec::with_capacity(count);
    let mut level = 0;
    let mut misses = 0;
    while names.len() < count {
        let name = make(rng, level);
        if seen.insert(slug(&name)) {
            names.push(name);
            misses = 0;
        } else {
            misses += 1;
            if misses > 64 {
                level += 1;
                misses = 0;
            }
        }
    }
    names
}

/// Lower-case ASCII letters and digits joined by single hyphens: the slug
/// briefing would make of these ASCII names.
fn slug(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

fn actor_name(rng: &mut Rng, level: usize) -> String {
    let mut name = String::from(rng.pick(FIRST_NAMES));
    name.push(' ');
    name.push_str(rng.pick(LAST_START));
    for _ in 0..=level {
        name.push_str(rng.pick(LAST_MIDDLE));
    }
    name.push_str(rng.pick(LAST_END));
    name
}

fn place_name(rng: &mut Rng, level: usize) -> String {
    let mut name = String::new();
    if level > 0 || rng.chance(20) {
        name.push_str(rng.pick(PLACE_PREFIX));
        name.push(' ');
    }
    name.push_str(rng.pick(PLACE_START));
    for _ in 0..level {
        name.push_str(rng.pick(PLACE_MIDDLE));
    }
    name.push_str(rng.pick(PLACE_END));
    name
}

fn tag_name(rng: &mut Rng, level: usize) -> String {
    let mut name = String::new();
    for _ in 0..level {
        name.push_str(rng.pick(&TAG_THIRD));
        name.push(' ');
    }
    name.push_str(rng.pick(&TAG_FIRST));
    name.push(' ');
    name.push_str(rng.pick(&TAG_SECOND));
    name
}

// ---------------------------------------------------------------------------
// Dates

/// 2020-01-01 to 2022-12-31.
const FIRST_DAY: i64 = 18_262; // days since 1970-01-01
const DAYS: usize = 1_096;

/// (year, month, day) of a day counted from 1970-01-01 (H. Hinnant's
/// `civil_from_days`).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

// ---------------------------------------------------------------------------
// Text

const SUBJECTS: &[&str] = &[
    "the delegation",
    "the ministry",
    "the envoy",
    "a senior official",
    "the committee",
    "the negotiators",
    "the spokesperson",
    "the working group",
    "an adviser",
    "the mission",
];
const VERBS: &[&str] = &[
    "said",
    "confirmed",
    "denied",
    "reported",
    "suggested",
    "insisted",
    "warned",
    "noted",
    "acknowledged",
    "argued",
];
static WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    "the talks would continue after a short break while both sides review their \
     positions on key issues including timelines for implementation and verification \
     of commitments made earlier in year officials described atmosphere as \
     constructive but cautioned that no agreement was expected before next round \
     several proposals remained under discussion with experts from each side meeting \
     separately to narrow differences over wording draft text joint statement could \
     be released later this week observers pointed out previous rounds had ended \
     without progress questions about funding oversight still open diplomats are \
     working through night prepare documents ministers may sign if remaining gaps \
     closed regional partners have been briefed urged restraint public reaction has \
     mixed so far analysts see modest signs movement schedule is tight deadline \
     approaches mediators offered compromise language parliament must approve any \
     deal opposition leaders criticised secrecy process press conference scheduled \
     morning details were not disclosed delegations returned capitals consultations \
     formal response pending"
        .split_whitespace()
        .collect()
});
const LINK_TEXTS: &[&str] = &[
    "the official statement",
    "an earlier report",
    "the full transcript",
    "background briefing",
    "the draft text",
    "the ministry's summary",
    "a timeline of the talks",
];
const SECTIONS: &[&str] = &[
    "Background",
    "What was agreed",
    "Open questions",
    "Reactions",
    "What comes next",
    "Context",
    "The sticking points",
    "On the ground",
];
const SUBSECTIONS: &[&str] = &[
    "Key figures",
    "Timeline",
    "Who was there",
    "In their words",
    "Numbers",
    "Procedure",
];
const HEADLINES: &[&str] = &[
    "{a} and {b} meet in {p}",
    "Talks on {t} resume in {p}",
    "{a} visits {p} for {t} discussions",
    "{a} warns {b} over {t}",
    "No breakthrough on {t} in {p}",
    "{a} and {b} agree to keep talking about {t}",
    "{p} hosts a new round on {t}",
    "{a} calls {b} about {t}",
];

/// Appends one sentence of about `words` words.
fn sentence(out: &mut String, rng: &mut Rng, words: usize) -> usize {
    let subject = rng.pick(SUBJECTS);
    let mut first = subject.chars();
    if let Some(c) = first.next() {
        out.push(c.to_ascii_uppercase());
        out.push_str(first.as_str());
    }
    out.push(' ');
    out.push_str(rng.pick(VERBS));
    out.push_str(" that");
    let mut count = subject.split(' ').count() + 2;
    while count < words {
        out.push(' ');
        out.push_str(rng.pick(&WORDS));
        count += 1;
        if count + 3 < words && rng.chance(6) {
            out.push(',');
        }
    }
    out.push('.');
    count
}

struct Body<'a> {
    rng: &'a mut Rng,
    out: String,
    words: usize,
    links_left: usize,
    number: u64,
    link_serial: usize,
}

impl Body<'_> {
    /// A paragraph of `sentences` sentences; may hold a link or emphasis.
    fn paragraph(&mut self, sentences: usize, lead: Option<&str>) {
        if let Some(lead) = lead {
            self.out.push_str(lead);
            self.out.push(' ');
            self.words += lead.split(' ').count();
        }
        for i in 0..sentences {
            if i > 0 {
                self.out.push(' ');
            }
            let size = self.rng.between(10, 22);
            self.words += sentence(&mut self.out, self.rng, size);
            if self.links_left > 0 && self.rng.chance(35) {
                self.link();
            } else if self.rng.chance(20) {
                let word = self.rng.pick(&WORDS);
                if self.rng.chance(50) {
                    let _ = write!(self.out, " It was *{word}*, one said.");
                } else {
                    let _ = write!(self.out, " The word **{word}** came up again.");
                }
                self.words += 6;
            }
        }
        self.out.push_str("\n\n");
    }

    /// A paragraph of 2 to 4 sentences, cut short to end near `target`
    /// words.
    fn paragraph_up_to(&mut self, target: usize) {
        let sentences = self.rng.between(2, 4);
        for i in 0..sentences {
            let left = target.saturating_sub(self.words);
            if i > 0 {
                if left < 6 {
                    break;
                }
                self.out.push(' ');
            }
            let size = self.rng.between(10, 22).min(left.max(6));
            self.words += sentence(&mut self.out, self.rng, size);
        }
        self.out.push_str("\n\n");
    }

    fn link(&mut self) {
        let text = self.rng.pick(LINK_TEXTS);
        self.link_serial += 1;
        let _ = write!(
            self.out,
            " See [{text}](https://example.org/reports/{}/{}).",
            self.number, self.link_serial
        );
        self.links_left -= 1;
        self.words += 1 + text.split(' ').count();
    }

    fn heading(&mut self, level: usize, text: &str) {
        for _ in 0..level {
            self.out.push('#');
        }
        self.out.push(' ');
        self.out.push_str(text);
        self.out.push_str("\n\n");
        self.words += text.split(' ').count();
    }

    fn list(&mut self, items: usize) {
        for _ in 0..items {
            self.out.push_str("- ");
            let size = self.rng.between(6, 12);
            self.words += sentence(&mut self.out, self.rng, size);
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    fn quote(&mut self, who: &str) {
        self.out.push_str("> ");
        let size = self.rng.between(12, 20);
        self.words += sentence(&mut self.out, self.rng, size);
        let _ = write!(self.out, "\n>\n> — {who}\n\n");
        self.words += who.split(' ').count();
    }
}

/// Writes one article's file content into `out`.
fn article(out: &mut String, rng: &mut Rng, number: u64, corpus: &Corpus) -> (i64, u32, u32) {
    let (year, month, day) = civil(FIRST_DAY + rng.below(DAYS) as i64);
    let actor_count = rng.between(2, 6);
    let actors = corpus.actors.draw_distinct(rng, actor_count);
    let place_count = rng.between(1, 3);
    let places = corpus.places.draw_distinct(rng, place_count);
    let tag_count = rng.between(1, 3);
    let tags = corpus.tags.draw_distinct(rng, tag_count);
    let actor = |i: usize| corpus.actors.names[actors[i.min(actors.len() - 1)]].as_str();
    let place = corpus.places.names[places[0]].as_str();
    let tag = corpus.tags.names[tags[0]].as_str();

    let headline = rng
        .pick(HEADLINES)
        .replace("{a}", actor(0))
        .replace("{b}", actor(1))
        .replace("{p}", place)
        .replace("{t}", tag);
    let title = format!("{headline} (No. {number})");
    let summary = format!(
        "{} and {} discussed {tag} in {place}, and {}.",
        actor(0),
        actor(1),
        rng.pick(&[
            "agreed to meet again",
            "no agreement was announced",
            "both sides called the talks useful",
            "a joint statement is expected",
            "the differences remain wide",
        ])
    );

    out.push_str("---\ntitle: ");
    quoted(out, &title);
    let _ = write!(out, "\ndate: {year:04}-{month:02}-{day:02}\nactors: [");
    list_of(out, actors.iter().map(|&i| corpus.actors.names[i].as_str()));
    out.push_str("]\nplaces: [");
    list_of(out, places.iter().map(|&i| corpus.places.names[i].as_str()));
    out.push_str("]\ntags: [");
    list_of(out, tags.iter().map(|&i| corpus.tags.names[i].as_str()));
    out.push_str("]\nsummary: ");
    quoted(out, &summary);
    out.push_str("\n---\n");

    // Aims inside 500..=800, leaving room for closing links and list markers.
    let target = rng.between(505, 780);
    let links = rng.between(2, 4);
    let mut body = Body {
        rng,
        out: std::mem::take(out),
        words: 0,
        links_left: links,
        number,
        link_serial: 0,
    };
    let lead = format!("{} met {} in {place} on Friday.", actor(0), actor(1));
    body.paragraph(3, Some(&lead));
    let second = format!("The talks on {tag} lasted several hours.");
    body.paragraph(3, Some(&second));

    let mut sections: Vec<&str> = SECTIONS.to_vec();
    let mut section = 0;
    while body.words < target {
        let heading = sections.remove(body.rng.below(sections.len()));
        body.heading(2, heading);
        match section {
            0 => {
                body.paragraph(2, None);
                let sub = body.rng.pick(SUBSECTIONS);
                body.heading(3, sub);
                let items = body.rng.between(3, 5);
                body.list(items);
            }
            1 => {
                body.paragraph(1, None);
                body.quote(actor(2));
                body.paragraph(2, None);
            }
            _ => body.paragraph_up_to(target),
        }
        section += 1;
        if sections.is_empty() {
            sections = SECTIONS.to_vec();
        }
    }
    // Links not placed yet close the article.
    while body.links_left > 0 {
        body.link();
    }
    *out = body.out;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    (year, month, day)
}

/// A YAML double-quoted string.
fn quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A YAML flow list's items, each double-quoted.
fn list_of<'a>(out: &mut String, items: impl Iterator<Item = &'a str>) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        quoted(out, item);
    }
}

// ---------------------------------------------------------------------------
// The corpus

struct Corpus {
    actors: Pool,
    places: Pool,
    tags: Pool,
}

fn generate(args: &Args) -> Result<(), String> {
    let n = args.articles;
    let content = args.out.join("content");
    if content.exists() {
        return Err(format!(
            "{} already exists; choose a new --out folder so the corpus is exactly what the seed gives",
            content.display()
        ));
    }
    let pool_size = |divisor: u64, least: usize| {
        usize::try_from(n / divisor)
            .unwrap_or(usize::MAX)
            .max(least)
    };
    let mut rng = Rng::new(args.seed, u64::MAX);
    let corpus = Corpus {
        actors: Pool::new(unique_names(pool_size(20, 6), &mut rng, actor_name), |r| {
            1.0 / (r as f64 + 5.0)
        }),
        places: Pool::new(unique_names(pool_size(100, 3), &mut rng, place_name), |r| {
            1.0 / (r as f64 + 2.0)
        }),
        tags: Pool::new(unique_names(pool_size(200, 3), &mut rng, tag_name), |_| 1.0),
    };

    fs::create_dir_all(&args.out).map_err(|e| io_error("create folder", &args.out, e))?;
    fs::write(
        args.out.join("site.yaml"),
        format!(
            "# Generated by `cargo run --release --example corpus -- --articles {n} --seed {}`.\n\
             title: Corpus Briefing\n\
             description: \"A generated corpus of {n} briefings, for benchmarks\"\n\
             base_url: /\n\
             page_size: 0\n",
            args.seed
        ),
    )
    .map_err(|e| io_error("write", &args.out.join("site.yaml"), e))?;
    for year in 2020..=2022 {
        let folder = content.join(year.to_string());
        fs::create_dir_all(&folder).map_err(|e| io_error("create folder", &folder, e))?;
    }

    let width = n.to_string().len();
    let next = AtomicU64::new(1);
    let failure: Mutex<Option<String>> = Mutex::new(None);
    let threads = thread::available_parallelism().map_or(1, |t| t.get());
    const BATCH: u64 = 256;
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut text = String::with_capacity(8 * 1024);
                let mut path = String::new();
                loop {
                    let start = next.fetch_add(BATCH, Ordering::Relaxed);
                    if start > n || failed(&failure) {
                        return;
                    }
                    for number in start..(start + BATCH).min(n + 1) {
                        text.clear();
                        let mut rng = Rng::new(args.seed, number);
                        let (year, month, day) = article(&mut text, &mut rng, number, &corpus);
                        path.clear();
                        let _ = write!(
                            path,
                            "{year}/{year:04}-{month:02}-{day:02}-{number:0width$}.md"
                        );
                        let file = content.join(&path);
                        if let Err(e) = fs::write(&file, text.as_bytes()) {
                            if let Ok(mut slot) = failure.lock() {
                                slot.get_or_insert(io_error("write", &file, e));
                            }
                            return;
                        }
                    }
                }
            });
        }
    });
    match failure.into_inner() {
        Ok(Some(message)) => Err(message),
        Ok(None) => Ok(()),
        Err(_) => Err("a writer thread panicked".into()),
    }
}

fn failed(failure: &Mutex<Option<String>>) -> bool {
    failure.lock().map_or(true, |slot| slot.is_some())
}

fn io_error(what: &str, path: &Path, error: io::Error) -> String {
    format!("cannot {what} {}: {error}", path.display())
}
