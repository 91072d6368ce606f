//! Where the preview's delta path spends its time, in one process (no
//! server, no watcher): builds the site through the incremental engine,
//! then makes the delta edits `serve_latency` makes (a date moved, an
//! actor added, a new article, that article deleted, the file renamed)
//! on its oldest article, ROUNDS times, and prints each rebuild's stages
//! and each stage's median per kind. Profile it with `perf record`.
//!
//! ```sh
//! cargo run --release --example delta_cost -- /tmp/c10k-copy [ROUNDS]
//! ```
//! The site's files are edited and put back.

use std::path::{Path, PathBuf};

use briefing::{BuildOptions, Incremental};

/// The edits timed, in order, each with its untimed set-up.
const KINDS: [&str; 5] = ["date", "actor", "new", "delete", "rename"];

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: delta_cost SITE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut articles = Vec::new();
    all_articles(&root.join("content"), &mut articles);
    articles.sort();
    let article = articles.first().expect("no article").clone();
    let original = std::fs::read_to_string(&article).expect("read the article");
    let options = BuildOptions {
        future: true,
        local_origin: Some("http://127.0.0.1:1111".into()),
        ..BuildOptions::new(&root)
    };
    let mut caches = Incremental::default();
    briefing::regenerate(&options, &mut caches, &[]).expect("first build");
    let mut stages: Vec<(&str, Vec<(&'static str, f64)>)> = Vec::new();
    for round in 0..rounds {
        for kind in KINDS {
            let changed = edit(&root, &article, &original, kind, round);
            let done = briefing::regenerate(&options, &mut caches, &changed).expect("rebuild");
            let laps: Vec<(&'static str, f64)> = done
                .timings
                .stages
                .iter()
                .map(|(stage, time)| (*stage, time.as_secs_f64() * 1000.0))
                .collect();
            let line: Vec<String> = laps.iter().map(|(s, ms)| format!("{s} {ms:.1}")).collect();
            println!("{kind:>7} {round}: {}", line.join(", "));
            stages.push((kind, laps));
            if kind == "rename" {
                // Back, untimed.
                let renamed = article.with_file_name("renamed-for-the-cost.md");
                std::fs::rename(&renamed, &article).expect("rename back");
                let back = [relative(&root, &article), relative(&root, &renamed)];
                briefing::regenerate(&options, &mut caches, &back).expect("rebuild");
            }
        }
    }
    // Back as it was.
    let renamed = article.with_file_name("renamed-for-the-cost.md");
    if renamed.exists() {
        let _ = std::fs::rename(&renamed, &article);
    }
    let _ = std::fs::write(&article, &original);
    let _ = std::fs::remove_file(new_path(&article));
    for kind in KINDS {
        let mut names: Vec<&'static str> = Vec::new();
        for (_, laps) in stages.iter().filter(|(k, _)| *k == kind) {
            for (name, _) in laps {
                if !names.contains(name) {
                    names.push(name);
                }
            }
        }
        let medians: Vec<String> = names
            .iter()
            .map(|name| {
                let mut all: Vec<f64> = stages
                    .iter()
                    .filter(|(k, _)| *k == kind)
                    .flat_map(|(_, laps)| laps.iter().filter(|(n, _)| n == name))
                    .map(|(_, ms)| *ms)
                    .collect();
                all.sort_by(f64::total_cmp);
                format!("{name} {:.1}", all[all.len() / 2])
            })
            .collect();
        println!("median {kind:>7}: {}", medians.join(", "));
    }
}

/// Makes edit `kind` (round `round`) and returns the paths it changed,
/// relative to `root`.
fn edit(root: &Path, article: &Path, original: &str, kind: &str, round: usize) -> Vec<PathBuf> {
    let renamed = article.with_file_name("renamed-for-the-cost.md");
    let new = new_path(article);
    let relative = |path: &Path| relative(root, path);
    let write = |path: &Path, text: String| std::fs::write(path, text).expect("write");
    match kind {
        "date" => {
            let date = field(original, "date: ");
            let day = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").expect("a date");
            // Weeks and months away, back and forth.
            let offset = match round % 2 {
                0 => 40 + round as i64,
                _ => -(33 + round as i64),
            };
            let moved = day + chrono::Duration::days(offset);
            let moved = moved.format("%Y-%m-%d").to_string();
            write(article, original.replacen(&date, &moved, 1));
            vec![relative(article)]
        }
        "actor" => {
            let added = format!("Cost Actor {round}");
            write(
                article,
                original.replacen("actors: [", &format!("actors: [{added}, "), 1),
            );
            vec![relative(article)]
        }
        "new" => {
            // Dated and with the actors of the article, as `serve_latency`'s.
            let date = field(original, "date: ");
            let actors = field(original, "actors: ");
            write(
                &new,
                format!(
                    "---\ntitle: \"Written now\"\ndate: {date}\nactors: {actors}\n---\nA report.\n"
                ),
            );
            vec![relative(&new)]
        }
        "delete" => {
            std::fs::remove_file(&new).expect("remove");
            vec![relative(&new)]
        }
        _ => {
            std::fs::rename(article, &renamed).expect("rename");
            vec![relative(article), relative(&renamed)]
        }
    }
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn new_path(article: &Path) -> PathBuf {
    article.with_file_name("written-now-for-the-cost.md")
}

fn field(text: &str, key: &str) -> String {
    text.lines()
        .find_map(|line| line.strip_prefix(key))
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn all_articles(folder: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() && name != "actors" && name != "authors" {
            all_articles(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}
