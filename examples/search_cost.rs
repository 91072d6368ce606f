//! What search costs a build, step by step, on one thread and in CPU
//! time, so the figures hold on a busy machine:
//!
//! ```sh
//! cargo run --release --example search_cost -- /tmp/corpus [RUNS]
//! ```
//!
//! Loads the site once, then times (median of RUNS): Markdown of every
//! body without search words, gathering the postings of every body (as
//! `build` does in its Markdown pass), and the index files made from them.

use std::path::PathBuf;
use std::time::Instant;

use briefing::render::markdown;
use briefing::search::index::Postings;

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: search_cost SITE [RUNS]"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let rules = briefing::load::publication::Rules::at(chrono::Utc::now());
    let (content, _) = briefing::load::load(&root, &rules);
    let (site, _) = briefing::model::build(
        content.config,
        content.articles,
        content.profiles,
        content.publication,
    );
    let root_path = site.config.root_path().to_string();
    let time = |f: &dyn Fn()| {
        median(
            (0..runs)
                .map(|_| {
                    let started = Instant::now();
                    f();
                    started.elapsed().as_secs_f64() * 1000.0
                })
                .collect(),
        )
    };
    let plain: Vec<String> = site
        .articles
        .iter()
        .map(|e| markdown::render(&e.article.body.text(), &root_path).plain)
        .collect();
    let markdown_ms = time(&|| {
        for e in &site.articles {
            std::hint::black_box(markdown::render(&e.article.body.text(), &root_path));
        }
    });
    let gather = || {
        let mut postings = Postings::default();
        for (doc, (entry, text)) in site.articles.iter().zip(&plain).enumerate() {
            let matter = &entry.article.matter;
            let strong = format!(
                "{} {}",
                matter.title,
                matter.summary.as_deref().unwrap_or("")
            );
            postings.strong(doc as u32, &strong);
            postings.body(doc as u32, text);
        }
        Postings::merge([postings])
    };
    let words_ms = time(&|| {
        std::hint::black_box(gather());
    });
    let split_ms = time(&|| {
        let mut n = 0usize;
        for text in &plain {
            briefing::search::fold::for_each_word(text, |w| n += w.len());
        }
        std::hint::black_box(n);
    });
    eprintln!("splitting words alone: {split_ms:.0} ms");
    let words = gather();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let bodies = pool.install(|| briefing::render::bodies(&site));
    let templates = briefing::render::Templates::compile(&[], &Default::default())
        .unwrap_or_else(|_| panic!("the built-in theme compiles"));
    let planner = || {
        briefing::render::pages::Planner::new(&site, &bodies, &templates, None)
            .unwrap_or_else(|_| panic!("the corpus plans"))
            .0
    };
    let setup_ms = time(&|| {
        pool.install(|| drop(std::hint::black_box(planner())));
    });
    let index_ms = time(&|| {
        pool.install(|| {
            let planner = planner();
            *planner.search_postings.lock().unwrap() = Some(words.clone());
            std::hint::black_box(planner.search_files());
        })
    }) - setup_ms;
    println!(
        "{} articles, one thread, median of {runs}: markdown {markdown_ms:.0} ms, postings {words_ms:.0} ms ({:.0}% of markdown), index files {index_ms:.0} ms",
        site.articles.len(),
        100.0 * words_ms / markdown_ms
    );
}
