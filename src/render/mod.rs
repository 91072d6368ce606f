//! Stage three: [`Site`] + templates -> pages in memory.
//!
//! Markdown is rendered once per article, then every page is rendered in
//! parallel. Nothing here touches the disk, so `build`, `check` and
//! `serve` share it and tests run without one. The preview's incremental
//! engine (`crate::incremental`) calls the same functions and keeps what
//! they return.

pub mod actor_views;
pub mod charts;
pub mod deferred;
pub mod grid;
pub mod images;
pub mod jsonld;
pub mod markdown;
pub mod mentions;
pub mod pages;
pub mod templates;
pub mod value_bytes;
pub mod vars;
pub mod views;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::error::Diagnostic;
use crate::model::Site;
use markdown::{Body, RenderOptions};
use mentions::Mentions;
pub use pages::Job;
use pages::{JobContext, Output, Planner};
pub use templates::Templates;
use vars::Vars;

use crate::timings::Timings;
use std::time::{Duration, Instant};

/// A page's bytes: shared, so a cached page is not copied, and made from
/// the rendered `String` without a copy.
pub use bytes::Bytes;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path inside the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub body: Bytes,
    /// The file it was made from (the article, else the template), for
    /// messages about it.
    pub source: Option<PathBuf>,
}

/// Pages rendered in memory, and how many had to be rendered anew.
pub struct Rendering {
    /// Every output file, by path.
    pub pages: Vec<Page>,
    /// Pages rendered anew (all of them without a cache).
    pub rendered: usize,
    /// Actors bodies name without listing them (none from `serve`).
    pub notes: Vec<Diagnostic>,
    /// Time per step and per template.
    pub timings: Timings,
}

/// What [`render_editions`] did.
pub struct Streamed {
    /// Files handed to the sink.
    pub files: usize,
    /// Time per step and per template.
    pub timings: Timings,
}

/// Why [`render_editions`] stopped.
#[derive(Debug)]
pub enum Failure<E> {
    /// Templates failed (every distinct problem).
    Site(Vec<Diagnostic>),
    /// The sink failed (for example, a disk write).
    Sink(E),
}

/// Renders the Markdown of every article, in parallel.
pub fn bodies(site: &Site) -> Vec<Arc<Body>> {
    let mentions = Mentions::new(site);
    site.articles
        .par_iter()
        .map(|entry| {
            let targets = targets(site, entry);
            let options = body_options(site, &entry.article, mentions.as_ref(), &targets);
            Arc::new(Body::render(&entry.article.body.text(), &options))
        })
        .collect()
}

/// The URL of each link by file in `entry`'s body (with its `#fragment`)
/// and of each image beside it.
pub fn targets(site: &Site, entry: &crate::model::Entry) -> markdown::Targets {
    // Below the language's root in a multilingual site (`/ru/`).
    let root = format!("{}{}", site.config.root_path(), site.config.language_path);
    let links = entry
        .links
        .iter()
        .map(|link| {
            let path = &site.articles[link.target].path;
            let url = match &link.fragment {
                Some(fragment) => format!("{root}{path}#{fragment}"),
                None => format!("{root}{path}"),
            };
            (link.dest.clone(), url)
        })
        // Links to expired articles: their text alone (an empty URL).
        .chain(
            entry
                .unlinked
                .iter()
                .map(|dest| (dest.clone(), String::new())),
        )
        .collect();
    let images = entry
        .article
        .images
        .iter()
        .map(|image| images::ImageTarget {
            dest: image.dest.clone(),
            url: format!("{root}{}{}", entry.path, image.name),
            size: image.size,
        })
        .collect();
    markdown::Targets { links, images }
}

/// Every article's rendered Markdown and, when the site has search, the
/// search index's postings, gathered in the same pass.
pub struct Bodies {
    /// Each article's body, in site order.
    pub bodies: Vec<Arc<Body>>,
    /// Every word's postings (`None` with `search: false`).
    pub search: Option<crate::search::index::Words>,
    /// `check`'s notes on mentions, when asked for.
    pub notes: Vec<Diagnostic>,
}

/// Renders the Markdown of every article, in parallel, freeing each source
/// as soon as it is rendered (a one-off build needs it no more), so sources
/// and HTML are never all in memory at once. With search, each run of
/// articles gathers its postings as it goes (a body's words are read from
/// its plain text once, and not kept), and the runs are joined in order.
/// With `notes` (`check`), each body's notes on mentions are made before
/// its source goes. Each body rendered counts one on `progress`.
pub fn take_bodies(
    site: &mut Site,
    notes: bool,
    progress: Option<&crate::progress::Progress>,
) -> Bodies {
    let mentions = Mentions::new(site);
    let root = site.config.root_path().to_string();
    let link = site.config.link_mentions;
    let search = site.config.search;
    let language = site.config.language.clone();
    let links: Vec<markdown::Targets> = site
        .articles
        .iter()
        .map(|entry| targets(site, entry))
        .collect();
    let run = pages::search_run_length(site.articles.len());
    let terms = &site.terms;
    type Run = (
        Vec<Arc<Body>>,
        Option<crate::search::index::Postings>,
        Vec<Diagnostic>,
    );
    let parts: Vec<Run> = site
        .articles
        .par_chunks_mut(run)
        .zip(links.par_chunks(run))
        .enumerate()
        .map(|(n, (entries, links))| {
            let mut postings =
                search.then(|| crate::search::index::Postings::for_language(&language));
            let mut bodies = Vec::with_capacity(entries.len());
            let mut found = Vec::new();
            for (i, (entry, links)) in entries.iter_mut().zip(links).enumerate() {
                let options = RenderOptions {
                    root: &root,
                    mentions: mentions.as_ref(),
                    link_mentions: entry.article.matter.link_mentions.unwrap_or(link),
                    targets: links,
                    // Words are gathered here, not kept in the body.
                    search: false,
                };
                let taken = Arc::get_mut(&mut entry.article).map(|a| std::mem::take(&mut a.body));
                let text = taken.as_ref().unwrap_or(&entry.article.body).text();
                let source: &str = &text;
                let (body, plain) = Body::render_with_plain(source, &options);
                if notes {
                    let actors = &terms[crate::model::Taxonomy::Actor];
                    found.extend(mentions::article_notes(actors, entry, source, &body));
                }
                drop(text);
                drop(taken);
                if let Some(postings) = postings.as_mut() {
                    let doc = (n * run + i) as u32;
                    postings.strong(
                        doc,
                        &pages::search_strong_text(terms, entry, &body.first_paragraph),
                    );
                    postings.body(doc, &plain);
                }
                bodies.push(Arc::new(body));
                if let Some(progress) = progress {
                    progress.advance();
                }
            }
            (bodies, postings, found)
        })
        .collect();
    let mut bodies = Vec::with_capacity(site.articles.len());
    let mut runs = Vec::with_capacity(parts.len());
    let mut notes = Vec::new();
    for (made, postings, found) in parts {
        bodies.extend(made);
        runs.extend(postings);
        notes.extend(found);
    }
    crate::error::sort(&mut notes);
    Bodies {
        bodies,
        search: search.then(|| crate::search::index::Postings::merge(runs)),
        notes,
    }
}

/// How to render `article`'s body in `site`.
pub(crate) fn body_options<'a>(
    site: &'a Site,
    article: &crate::load::Article,
    mentions: Option<&'a Mentions>,
    targets: &'a markdown::Targets,
) -> RenderOptions<'a> {
    RenderOptions {
        root: site.config.root_path(),
        mentions,
        targets,
        search: site.config.search,
        link_mentions: article
            .matter
            .link_mentions
            .unwrap_or(site.config.link_mentions),
    }
}

/// One language's site, ready to render with the others of a
/// multilingual site: its model, its templates (whose `t()` speaks its
/// language), its Markdown and its search postings.
pub struct Edition<'a> {
    /// The language's site.
    pub site: &'a Site,
    /// Its templates.
    pub templates: &'a Templates,
    /// Its articles' Markdown, in site order.
    pub bodies: &'a [Arc<Body>],
    /// Its search postings, when gathered with the Markdown.
    pub search: Option<crate::search::index::Words>,
}

/// Renders every page of every language of a site (the default's first;
/// one language for most sites) in parallel, each language planned by its
/// own [`Planner`] and the plans joined (`planned` sees them as one, before
/// any page is rendered, to check links against it, and may stop the work
/// with its errors). Each page goes to `sink` as soon as it is ready
/// (per-template times count rendering only, not the sink), so only the
/// pages in flight are ever in memory (`build` writes each to disk at
/// once). Template errors are collected; a sink error stops the work.
pub fn render_editions<E: Send>(
    editions: Vec<Edition<'_>>,
    planned: impl FnOnce(&[Job]) -> Result<(), Vec<Diagnostic>>,
    sink: impl Fn(Page) -> Result<(), E> + Sync,
) -> Result<Streamed, Failure<E>> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let mut planners = Vec::with_capacity(editions.len());
    let mut templates = Vec::with_capacity(editions.len());
    for edition in editions {
        let (planner, _) = Planner::new(edition.site, edition.bodies, edition.templates, None)
            .map_err(|found| Failure::Site(distinct(found)))?;
        *planner
            .search_postings
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = edition.search;
        planners.push(planner);
        templates.push(edition.templates);
    }
    let started = timings.lap("list entries", started);
    // Which planner made each job: the index of the first job of each.
    let mut jobs = Vec::new();
    let mut starts = Vec::with_capacity(planners.len());
    for (planner, templates) in planners.iter().zip(&templates) {
        starts.push(jobs.len());
        jobs.extend(planner.plan(templates));
    }
    let edition_of = |n: usize| starts.partition_point(|&start| start <= n) - 1;
    planned(&jobs).map_err(Failure::Site)?;
    let started = timings.lap("plan pages", started);
    let stop = AtomicBool::new(false);
    let outcomes: Vec<Outcome<E>> = jobs
        .par_iter()
        .enumerate()
        .map(|(n, job)| {
            if stop.load(Ordering::Relaxed) {
                return Outcome::Skipped;
            }
            let began = Instant::now();
            let edition = edition_of(n);
            let (planner, templates) = (&planners[edition], templates[edition]);
            let rendered = match prepare_job(planner, templates, job) {
                Prepared::Template(name, vars, source) => {
                    render_job(templates, job, name, &vars, source)
                }
                Prepared::File(page) => Ok(page),
            };
            let took = began.elapsed();
            match rendered {
                Ok(page) => match sink(page) {
                    Ok(()) => Outcome::Done(took),
                    Err(e) => {
                        stop.store(true, Ordering::Relaxed);
                        Outcome::Sink(e)
                    }
                },
                Err(problem) => Outcome::Template(problem),
            }
        })
        .collect();
    timings.lap("render pages", started);
    let mut problems = Vec::new();
    let mut samples = Vec::with_capacity(jobs.len());
    for (job, outcome) in jobs.iter().zip(outcomes) {
        match outcome {
            Outcome::Done(time) => {
                if let Some(name) = job.template() {
                    samples.push((name, job.path.clone(), time));
                }
            }
            Outcome::Template(problem) => problems.push(problem),
            Outcome::Sink(e) => return Err(Failure::Sink(e)),
            Outcome::Skipped => {}
        }
    }
    let problems = distinct(problems);
    if !problems.is_empty() {
        return Err(Failure::Site(problems));
    }
    timings.templates = Timings::templates_from(samples);
    Ok(Streamed {
        files: jobs.len(),
        timings,
    })
}

enum Outcome<E> {
    Done(Duration),
    Template(Diagnostic),
    Sink(E),
    Skipped,
}

/// Renders every page of `site` into memory (`generate`), sorted by path;
/// `planned` sees the plan first, as in [`render_editions`].
pub fn render(
    site: &Site,
    templates: &Templates,
    planned: impl FnOnce(&[Job]) -> Result<(), Vec<Diagnostic>>,
) -> Result<Rendering, Vec<Diagnostic>> {
    render_all(&[(site, templates)], planned)
}

/// [`render`] for every language of a site, the default's first (one
/// for a site in one language).
pub fn render_all(
    sites: &[(&Site, &Templates)],
    planned: impl FnOnce(&[Job]) -> Result<(), Vec<Diagnostic>>,
) -> Result<Rendering, Vec<Diagnostic>> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let all_bodies: Vec<Vec<Arc<Body>>> = sites.iter().map(|(site, _)| bodies(site)).collect();
    timings.lap("markdown", started);
    let pages = Mutex::new(Vec::new());
    let editions = sites
        .iter()
        .zip(&all_bodies)
        .map(|((site, templates), bodies)| Edition {
            site,
            templates,
            bodies,
            search: None,
        })
        .collect();
    let streamed = render_editions(editions, planned, |page| {
        pages.lock().map_err(|_| ())?.push(page);
        Ok::<(), ()>(())
    })
    .map_err(|failure| match failure {
        Failure::Site(problems) => problems,
        Failure::Sink(()) => Vec::new(),
    })?;
    timings.extend(streamed.timings);
    let mut pages = pages.into_inner().unwrap_or_default();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Rendering {
        rendered: pages.len(),
        pages,
        timings,
        notes: sites
            .iter()
            .zip(&all_bodies)
            .flat_map(|((site, _), bodies)| mentions::notes(site, bodies))
            .collect(),
    })
}

/// A job ready to render: a template with its variables and the file the
/// page comes from, or a file whose bytes are known.
pub(crate) enum Prepared {
    Template(&'static str, Vars, Option<PathBuf>),
    File(Page),
}

pub(crate) fn prepare_job(planner: &Planner<'_>, templates: &Templates, job: &Job) -> Prepared {
    match &job.output {
        Output::Template { name, context } => {
            let (vars, source) = match context {
                JobContext::Ready(vars) => (vars.clone(), Some(templates.path_of(name))),
                JobContext::Term {
                    taxonomy,
                    id,
                    number,
                } => (
                    planner.term_context(*taxonomy, *id, *number),
                    Some(templates.path_of(name)),
                ),
                JobContext::Pair { actor, co, number } => (
                    planner.pair_context(*actor, *co, *number),
                    Some(templates.path_of(name)),
                ),
                JobContext::Article(index) => (
                    planner.article_context(*index),
                    Some(planner.site.articles[*index].article.path.clone()),
                ),
            };
            Prepared::Template(name, vars, source)
        }
        Output::File { bytes, source } => Prepared::File(Page {
            path: job.path.clone(),
            body: Bytes::from_owner(bytes.clone()),
            source: source.clone(),
        }),
    }
}

pub(crate) fn render_job(
    templates: &Templates,
    job: &Job,
    template: &str,
    vars: &Vars,
    source: Option<PathBuf>,
) -> Result<Page, Diagnostic> {
    templates
        .render(template, &vars.to_context())
        .map(|html| Page {
            path: job.path.clone(),
            body: Bytes::from(html.into_bytes()),
            source,
        })
        .map_err(|d| {
            d.note(format!(
                "while rendering /{}",
                job.path.trim_end_matches("index.html")
            ))
        })
}

/// Every distinct problem: the same template line breaks every page that
/// uses it, and is reported once.
pub(crate) fn distinct(problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    problems
        .into_iter()
        .filter(|p| seen.insert((p.path.clone(), p.line, p.column, p.message.clone())))
        .collect()
}
