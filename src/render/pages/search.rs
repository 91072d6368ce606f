//! The search page (`/search/`) and the index files beside it, planned as
//! jobs like every other output, so `build` writes them and `serve`
//! fingerprints them. The index itself is made by [`crate::search`]; this
//! module only gathers what it reads from the site. Nothing is planned
//! when `site.yaml` says `search: false`.

use std::sync::Arc;

use chrono::Datelike;
use rayon::prelude::*;

use super::{Job, Output, Planner};
use crate::model::{Entry, PerTaxonomy, Site, Taxonomy, roles};
use crate::paths;
use crate::render::Templates;
use crate::render::markdown::Body;
use crate::render::mentions::Mentions;
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
            self.urls.words().text("search", &[]),
            self.urls
                .words()
                .text("search_title", &[("site", &self.site.config.title)]),
            paths::SEARCH,
        );
        context.insert("search_script", &self.urls.url(&search_script()));
        context.insert(
            "search_meta",
            &self.urls.url(&format!("{}meta.json", paths::SEARCH)),
        );
        context.insert("search_strings", &search_strings(self.urls.words()));
        jobs.push(Job::page(
            paths::index_file(paths::SEARCH),
            "search.html",
            context,
            None,
        ));
        if let Some((_, bytes)) = templates.assets.iter().find(|(name, _)| name == SCRIPT) {
            // Served minified; a script that is not UTF-8 goes as it is.
            let served = match std::str::from_utf8(bytes) {
                Ok(text) => search::script::minify(text).into_bytes(),
                Err(_) => bytes.clone(),
            };
            jobs.push(file(
                search_script(),
                served.into(),
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
        self.search_files_until(crate::search::NEVER)
            .unwrap_or_default()
    }

    /// [`Self::search_files`], given up (`None`) as soon as `stop` says so.
    pub fn search_files_until(
        &self,
        stop: crate::search::Stop<'_>,
    ) -> Option<Vec<(String, Vec<u8>)>> {
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
            .zip(summaries)
            .map(|(entry, summary)| {
                let matter = &entry.article.matter;
                let day = matter.date.date;
                let actors = entry.terms[Taxonomy::Actor]
                    .iter()
                    .map(|&id| {
                        let term = &site.terms[Taxonomy::Actor][id];
                        let profile = term.profile.as_ref();
                        let role = profile.and_then(|p| {
                            roles::title_on(&p.matter.roles, p.matter.role.as_deref(), day)
                        });
                        (term.name.as_str(), role)
                    })
                    .collect();
                Document {
                    title: &matter.title,
                    path: &entry.path,
                    date: self.urls.long_date(matter.date.date),
                    year: matter.date.date.year(),
                    summary,
                    terms: PerTaxonomy::from_fn(|t| entry.terms[t].as_slice()),
                    actors,
                }
            })
            .collect();
        // Postings gathered in the Markdown pass (`build`), else from each
        // body's words (`serve`, `check`: bodies are kept there anyway).
        let gathered = self.search_postings.lock().ok().and_then(|mut p| p.take());
        let words = gathered.unwrap_or_else(|| {
            search::index::Postings::merge(postings_of_bodies(site, self.bodies, stop))
        });
        if stop() {
            return None;
        }
        // The role the actors index shows (the current one, else the one
        // held at the newest briefing).
        let roles = PerTaxonomy::from_fn(|taxonomy: Taxonomy| -> Vec<Option<(String, bool)>> {
            site.terms[taxonomy]
                .iter()
                .map(|term| super::profiles::current_role(site, term))
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
                        role: role.as_ref().map(|(title, _)| title.as_str()),
                        current: role.as_ref().is_some_and(|(_, current)| *current),
                        aliases: profile.map(|p| p.matter.aliases.as_slice()).unwrap_or(&[]),
                    }
                })
                .collect()
        });
        let folds = search::language::folds(&site.config.language);
        search::files::files(&docs, &terms, &words, folds, stop)
    }
}

/// Documents in a run, per thread, in the Markdown pass and here.
pub(crate) fn run_length(articles: usize) -> usize {
    articles
        .div_ceil(4 * rayon::current_num_threads().max(1))
        .max(256)
}

/// The postings of every article from the search words its body kept, in
/// runs of articles, in order. A body rendered without them (`serve`'s
/// whole rebuilds) has them found now, from its source, as its Markdown
/// pass would have (and keeps them for the next index).
fn postings_of_bodies(
    site: &Site,
    bodies: &[Arc<Body>],
    stop: search::Stop<'_>,
) -> Vec<search::index::Postings> {
    let run = run_length(site.articles.len());
    let unfound = bodies.iter().any(|body| body.search_words().is_none());
    let mentions = unfound.then(|| Mentions::new(site)).flatten();
    site.articles
        .par_chunks(run)
        .zip(bodies.par_chunks(run))
        .enumerate()
        .map(|(n, (entries, bodies))| {
            let mut postings = search::index::Postings::for_language(&site.config.language);
            for (i, (entry, body)) in entries.iter().zip(bodies).enumerate() {
                if i % 256 == 0 && stop() {
                    break;
                }
                let doc = (n * run + i) as u32;
                postings.strong(doc, &strong_text(&site.terms, entry, &body.first_paragraph));
                let words = match body.search_words() {
                    Some(words) => words,
                    None => words_from_source(site, entry, body, mentions.as_ref()),
                };
                for word in words.split(' ').filter(|w| !w.is_empty()) {
                    postings.body_word(doc, word);
                }
            }
            postings
        })
        .collect()
}

/// The search words of `entry`'s `body`, found from its source with the
/// options it was rendered with (`mentions`: the site's actors).
fn words_from_source<'b>(
    site: &Site,
    entry: &Entry,
    body: &'b Body,
    mentions: Option<&Mentions>,
) -> &'b str {
    let targets = crate::render::targets(site, entry);
    let options = crate::render::body_options(site, &entry.article, mentions, &targets);
    body.search_words_from(&entry.article.body.text(), &options)
}

/// The text of an article whose words are strong: its title, summary (or
/// first paragraph) and the names of its actors, places and tags.
pub(crate) fn strong_text(
    terms: &PerTaxonomy<Vec<crate::model::terms::Term>>,
    entry: &Entry,
    first_paragraph: &str,
) -> String {
    let matter = &entry.article.matter;
    let summary = matter.summary.as_deref().unwrap_or(first_paragraph);
    let names = Taxonomy::ALL.into_iter().flat_map(|taxonomy| {
        entry.terms[taxonomy]
            .iter()
            .filter_map(move |&id| terms[taxonomy].get(id))
            .map(|term| term.name.as_str())
    });
    search::strong_text(&matter.title, summary, names)
}

/// Where the client script is written: `search/search.js`.
/// The words the search script shows, as JSON for the page's
/// `data-strings`: plain texts, and the forms of the result count by CLDR
/// category (the browser's `Intl.PluralRules` picks one).
fn search_strings(words: &crate::i18n::Translations) -> String {
    let mut strings = serde_json::Map::new();
    for (name, key) in [
        ("prompt", "search_prompt"),
        ("none", "search_none"),
        ("failed", "search_failed"),
        ("actors", "actors"),
        ("places", "places"),
        ("topics", "topics"),
        ("years", "search_years"),
        ("current", "current_role"),
    ] {
        strings.insert(name.into(), words.text(key, &[]).into());
    }
    strings.insert(
        "matches".into(),
        plural_forms(words, "search_matches").into(),
    );
    strings.insert("briefings".into(), plural_forms(words, "briefings").into());
    serde_json::Value::Object(strings).to_string()
}

/// A message's forms by CLDR category (a plain text as `other`).
fn plural_forms(
    words: &crate::i18n::Translations,
    key: &str,
) -> serde_json::Map<String, serde_json::Value> {
    match words.message(key) {
        Some(crate::i18n::Message::Plural(forms)) => forms
            .iter()
            .map(|(form, text)| (form.clone(), text.clone().into()))
            .collect(),
        Some(crate::i18n::Message::Text(text)) => [("other".to_string(), text.clone().into())]
            .into_iter()
            .collect(),
        None => serde_json::Map::new(),
    }
}

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
