//! Where the model delta's time goes: loads a site, builds its model,
//! then patches one article (a place added) with `model::delta::apply`
//! and times it beside the passes it makes again over every article and
//! the full `relations::build` it no longer makes.
//!
//! ```sh
//! cargo run --release --example corpus -- --articles 10000 --out /tmp/c10k
//! cargo run --release --example model_delta -- /tmp/c10k
//! ```

use std::sync::Arc;
use std::time::Instant;

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
    for round in 0..4 {
        let (mut site, _) = model::build(
            content.config.clone(),
            content.articles.clone(),
            content.profiles.clone(),
            content.publication.clone(),
        );
        model::authors::attach(&mut site, content.authors.clone());
        let old = site.articles[(site.articles.len() / 2 + round) % site.articles.len()]
            .article
            .clone();
        let mut new = Article::clone(&old);
        new.matter.places.push(format!("Place {round}"));
        let inputs = model::delta::Inputs {
            profiles: &content.profiles,
            authors: &content.authors,
        };
        let started = Instant::now();
        model::delta::apply(&mut site, &[old], &[Arc::new(new)], &inputs).expect("patched");
        let apply = started.elapsed();
        let articles: Vec<Arc<Article>> = site.articles.iter().map(|e| e.article.clone()).collect();
        let started = Instant::now();
        let _ = model::links::resolve(&articles, &site.publication);
        let links = started.elapsed();
        let started = Instant::now();
        let _ = model::spelling::check(&site.articles, site.actors());
        let spelling = started.elapsed();
        let started = Instant::now();
        let mut indexes = PerTaxonomy::from_fn(TermIndex::new);
        indexes[Taxonomy::Actor].add_profiles(content.profiles.clone());
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
            "apply {apply:.1?} (term indexes {terms:.1?}, links {links:.1?}, spelling checks {spelling:.1?}); a full relations::build {relations:.1?}"
        );
    }
}
