//! The fuzzing campaign: seeded mutations of the sample site and the
//! regression inputs through the front-matter loader, the Markdown
//! renderer and whole-site builds (the harness is `fuzz/harness.rs`).
//!
//! ```sh
//! cargo run --release --example fuzz -- --seconds 600 --seed 7
//! bench/fuzz.sh 600    # the same, with the figures at the end
//! ```
//!
//! Prints the runs, the inputs rejected with an error, and each distinct
//! finding with the folder its first input was saved in
//! (`fuzz/findings/` unless `--findings DIR`). Exits 1 if anything was
//! found, 3 on a hang (a run still going after `--hang` seconds).

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    let mut seconds = 60;
    let mut runs = None;
    let mut seed = 1;
    let mut hang = 30;
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut findings = repo.join("fuzz/findings");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_default();
        let number = value.parse::<u64>();
        match (arg.as_str(), number) {
            ("--seconds", Ok(n)) => seconds = n,
            ("--runs", Ok(n)) => runs = Some(n),
            ("--seed", Ok(n)) => seed = n,
            ("--hang", Ok(n)) => hang = n,
            ("--findings", _) => findings = PathBuf::from(value),
            _ => {
                eprintln!(
                    "usage: fuzz [--seconds N] [--runs N] [--seed N] [--hang SECONDS] [--findings DIR]"
                );
                return ExitCode::from(2);
            }
        }
    }
    let seeds = harness::load_seeds(&[
        repo.join("content"),
        repo.join("site.yaml"),
        repo.join("fuzz/seeds"),
    ]);
    let campaign = harness::Campaign {
        seed,
        runs,
        time: runs.is_none().then(|| Duration::from_secs(seconds)),
        seeds,
        findings_dir: Some(findings),
        budget: harness::Budget {
            base: Duration::from_millis(500),
            per_kb: Duration::from_millis(5),
        },
        hang: Duration::from_secs(hang),
    };
    println!(
        "fuzzing with seed {seed}, {} seed files, {}",
        campaign.seeds.len(),
        match runs {
            Some(n) => format!("{n} runs"),
            None => format!("{seconds} s"),
        }
    );
    let outcome = harness::run(&campaign, |so_far, elapsed| {
        println!(
            "  {:>4} s: {} runs, {} errors, {} findings",
            elapsed.as_secs(),
            so_far.runs,
            so_far.errors,
            so_far.finding_count()
        );
    });
    println!(
        "runs {}, errors {}, findings {} ({} distinct)",
        outcome.runs,
        outcome.errors,
        outcome.finding_count(),
        outcome.findings.len()
    );
    for (kind, (count, saved)) in &outcome.findings {
        let saved = saved
            .as_ref()
            .map_or("not saved".to_string(), |p| p.display().to_string());
        println!("finding: {kind} ({count} times; first input in {saved})");
    }
    if outcome.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
