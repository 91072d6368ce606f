//! Where the model delta's time goes: loads a site, builds its model,
//! then patches it with `model::delta::apply` eight times in a row, each
//! an article with a place added (the first patch also makes what the
//! site keeps for the next ones), and times each; and, for scale, the
//! passes a delta no longer makes over every article (links by file,
//! spelling checks, term indexes, a full `relations::build`).
//!
//! ```sh
//! cargo run --release --example corpus -- --articles 10000 --out /tmp/c10k
//! cargo run --release --example model_delta -- /tmp/c10k
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use briefing::load::publication::Rules;
use briefing::load::{self, Article};
use briefing::model::terms::TermIndex;
use briefing::model::{self, PerTaxonomy, Taxonomy};

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: model_delta SITE_FOLDER");
        std::process::exit(2);
    };
    let rules = Rules::at(chrono::Utc::now());
    let (content, _) = load::load(std::path::Path::new(&root), &rules);
    if content.articles.is_empty() {
        eprintln!("no articles in {root}");
        std::process::exit(2);
    }
    let (mut site, _) = model::build(
        content.config.clone(),
        content.articles.clone(),
        content.profiles.clone(),
        content.publication.clone(),
    );
    model::authors::attach(&mut site, content.authors.clone());
    let inputs = model::delta::Inputs {
        profiles: &content.profiles,
        authors: &content.authors,
    };
    let mut times: Vec<Duration> = Vec::new();
    for round in 0..8 {
        let n = site.articles.len();
        let old = site.articles[(n / 2 + round * 7) % n].article.clone();
        let mut new = Article::clone(&old);
        new.matter.places.push(format!("Place {round}"));
        let started = Instant::now();
        model::delta::apply(&mut site, &[old], &[Arc::new(new)], &inputs).expect("patched");
        times.push(started.elapsed());
    }
    let mut later = times[1..].to_vec();
    later.sort();
    println!(
        "apply: first {:.1?} (makes what is kept), then median {:.1?} (min {:.1?}, max {:.1?}) of {}",
        times[0],
        later[later.len() / 2],
        later[0],
        later[later.len() - 1],
        later.len()
    );
    full_passes(&site, &content.profiles);
}

/// The passes over every article a delta made before it was incremental.
fn full_passes(site: &model::Site, profiles: &[briefing::load::Profile]) {
    let articles: Vec<Arc<Article>> = site.articles.iter().map(|e| e.article.clone()).collect();
    let started = Instant::now();
    let _ = model::links::resolve(&articles, &site.publication);
    let links = started.elapsed();
    let started = Instant::now();
    let _ = model::spelling::check(&site.articles, site.actors());
    let spelling = started.elapsed();
    let started = Instant::now();
    let mut indexes = PerTaxonomy::from_fn(TermIndex::new);
    indexes[Taxonomy::Actor].add_profiles(profiles.to_vec());
    let mut problems = Vec::new();
    for (index, article) in articles.iter().enumerate() {
        let matter = &article.matter;
        for (taxonomy, names) in [
            (Taxonomy::Actor, &matter.actors),
            (Taxonomy::Place, &matter.places),
            (Taxonomy::Tag, &matter.tags),
        ] {
            indexes[taxonomy].add_names(names, index, &articles, &mut problems);
        }
    }
    let _ = indexes.map(|_, index| index.finish(&articles));
    let terms = started.elapsed();
    let started = Instant::now();
    let _ = model::relations::build(&site.articles, &site.terms);
    let relations = started.elapsed();
    println!(
        "full passes: term indexes {terms:.1?}, links {links:.1?}, spelling checks {spelling:.1?}, relations::build {relations:.1?}"
    );
}
