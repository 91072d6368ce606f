//! Where a preview rebuild's time goes, step by step, on one thread (set
//! `RAYON_NUM_THREADS=1` for CPU-bound figures that hold on a busy
//! machine):
//!
//! ```sh
//! cargo run --release --example preview_cost -- /tmp/corpus [RUNS]
//! ```
//!
//! Loads the site once, then times (fastest of RUNS) each step `serve`
//! may run after an edit.

use std::path::PathBuf;
use std::time::Instant;

use briefing::render::Templates;
use briefing::render::pages::Planner;

fn fastest(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: preview_cost SITE [RUNS]"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let rules = briefing::load::publication::Rules::at(chrono::Utc::now());
    let (content, _) = briefing::load::load(&root, &rules);
    let report = |step: &str, ms: f64| println!("{step:>20}: {ms:8.1} ms");
    report(
        "load",
        fastest(runs, || {
            briefing::load::load(&root, &rules);
        }),
    );
    report(
        "model",
        fastest(runs, || {
            briefing::model::build(
                content.config.clone(),
                content.articles.clone(),
                content.profiles.clone(),
                content.publication.clone(),
            );
        }),
    );
    report(
        "links by file",
        fastest(runs, || {
            briefing::model::links::resolve(&content.articles, &content.publication);
        }),
    );
    let (site, _) = briefing::model::build(
        content.config.clone(),
        content.articles.clone(),
        content.profiles.clone(),
        content.publication.clone(),
    );
    report(
        "relations",
        fastest(runs, || {
            briefing::model::relations::build(&site.articles, &site.terms);
        }),
    );
    report(
        "spelling",
        fastest(runs, || {
            briefing::model::spelling::check(&site.articles, site.actors());
        }),
    );
    let templates = Templates::compile(&content.templates, &site.translations).expect("templates");
    let bodies = briefing::render::bodies(&site);
    let mut reuse = None;
    report(
        "list entries",
        fastest(runs, || {
            let (_, next) = Planner::new(&site, &bodies, &templates, reuse.as_ref()).expect("ok");
            reuse = Some(next);
        }),
    );
    let (planner, _) = Planner::new(&site, &bodies, &templates, reuse.as_ref()).expect("ok");
    report(
        "plan",
        fastest(runs, || {
            planner.plan(&templates);
        }),
    );
    report(
        "search files",
        fastest(runs, || {
            planner.search_files();
        }),
    );
}
