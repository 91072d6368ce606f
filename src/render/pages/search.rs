//! The search page (`/search/`) and the index files beside it, planned as
//! jobs like every other output, so `build` writes them and `serve`
//! fingerprints them. The index itself is made by [`crate::search`]; this
//! module only gathers what it reads from the site. Nothing is planned
//! when `site.yaml` says `search: false`.

use std::sync::Arc;

use chrono::Datelike;

use super::{Job, Output, Planner};
use crate::model::{PerTaxonomy, Taxonomy};
use crate::paths;
use crate::render::Templates;
use crate::render::dates::long_date;
use crate::search::{self, Document, Term};

/// The client script, a theme asset written beside the index.
pub const SCRIPT: &str = "search.js";

impl Planner<'_> {
    /// `search/index.html`, `search/search.js` and the index files.
    pub(super) fn search_pages(&self, jobs: &mut Vec<Job>, templates: &Templates) {
        if !self.site.config.search {
            return;
        }
        let mut context = self.context(
            "search",
            "Search".into(),
            format!("Search {}", self.site.config.title),
            paths::SEARCH,
        );
        context.insert("search_script", &self.urls.url(&search_script()));
        jobs.push(Job::page(
            paths::index_file(paths::SEARCH),
            "search.html",
            context,
            None,
        ));
        if let Some((_, bytes)) = templates.assets.iter().find(|(name, _)| name == SCRIPT) {
            jobs.push(file(
                search_script(),
                bytes.as_slice().into(),
                Some(templates.path_of(SCRIPT)),
            ));
        }
        if !self.index_later {
            for (path, bytes) in self.search_files() {
                jobs.push(file(path, bytes.into(), None));
            }
        }
    }

    /// The index of every article, as files (public for
    /// `examples/search_cost.rs`).
    pub fn search_files(&self) -> Vec<(String, Vec<u8>)> {
        let site = self.site;
        let summaries: Vec<&str> = site
            .articles
            .iter()
            .zip(self.bodies)
            .map(|(entry, body)| {
                entry
                    .article
                    .matter
                    .summary
                    .as_deref()
                    .unwrap_or(&body.first_paragraph)
            })
            .collect();
        let docs: Vec<Document> = site
            .articles
            .iter()
            .zip(self.bodies)
            .zip(summaries)
            .map(|((entry, body), summary)| {
                let matter = &entry.article.matter;
                Document {
                    title: &matter.title,
                    path: &entry.path,
                    date: long_date(matter.date.date),
                    year: matter.date.date.year(),
                    summary,
                    terms: PerTaxonomy::from_fn(|t| entry.terms[t].as_slice()),
                    body_words: &body.search_words,
                }
            })
            .collect();
        // The role an actor's page shows (the current one, dated or not).
        let roles = PerTaxonomy::from_fn(|taxonomy: Taxonomy| -> Vec<Option<String>> {
            site.terms[taxonomy]
                .iter()
                .map(super::profiles::current_role)
                .collect()
        });
        let terms = PerTaxonomy::from_fn(|taxonomy: Taxonomy| {
            site.terms[taxonomy]
                .iter()
                .zip(&roles[taxonomy])
                .map(|(term, role)| {
                    let profile = term.profile.as_ref();
                    Term {
                        name: &term.name,
                        path: &term.path,
                        count: term.articles.len(),
                        role: role.as_deref(),
                        aliases: profile.map(|p| p.matter.aliases.as_slice()).unwrap_or(&[]),
                    }
                })
                .collect()
        });
        search::files::files(&docs, &terms)
    }
}

/// Where the client script is written: `search/search.js`.
fn search_script() -> String {
    format!("{}{SCRIPT}", paths::SEARCH)
}

fn file(path: String, bytes: Arc<[u8]>, source: Option<std::path::PathBuf>) -> Job {
    Job {
        path,
        output: Output::File { bytes, source },
        lastmod: None,
    }
}
