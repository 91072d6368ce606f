//! Stage three: [`Site`] + templates -> pages in memory.
//!
//! Markdown is rendered once per article, then every page is rendered in
//! parallel. Nothing here touches the disk, so `build`, `check` and
//! `serve` share it and tests run without one. With a [`RenderCache`]
//! (`serve`), a page is rendered again only when its fingerprint (template
//! plus every variable it receives, by value) changed, so an incremental
//! rebuild always equals a full one.

pub mod markdown;
pub mod pages;
pub mod templates;
pub mod vars;
pub mod views;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::error::Diagnostic;
use crate::model::Site;
use markdown::Body;
use pages::{Job, JobContext, Planner};
pub use templates::Templates;
use vars::{Fingerprinter, Vars};

use crate::timings::Timings;
use std::time::{Duration, Instant};

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path inside the output folder, with `/` separators.
    pub path: String,
    /// Its bytes (shared, so a cached page is not copied).
    pub body: Arc<[u8]>,
    /// The file it was made from (the article, else the template), for
    /// messages about it.
    pub source: Option<PathBuf>,
}

/// What earlier renders produced, to skip work that would give the same
/// bytes: Markdown by article path and body, pages by path and fingerprint.
#[derive(Default)]
pub struct RenderCache {
    markdown: HashMap<PathBuf, (Arc<crate::load::Article>, Arc<Body>)>,
    pages: HashMap<String, (u64, Arc<[u8]>)>,
    reuse: pages::Reuse,
    /// The site's URL path the Markdown was rendered for.
    root: String,
}

/// Pages rendered in memory, and how many had to be rendered anew.
pub struct Rendering {
    /// Every output file, by path.
    pub pages: Vec<Page>,
    /// Pages rendered anew (all of them without a cache).
    pub rendered: usize,
    /// Time per step and per template.
    pub timings: Timings,
}

/// What [`render_each`] did.
pub struct Streamed {
    /// Files handed to the sink.
    pub files: usize,
    /// Time per step and per template.
    pub timings: Timings,
}

/// Why [`render_each`] stopped.
#[derive(Debug)]
pub enum Failure<E> {
    /// Templates failed (every distinct problem).
    Site(Vec<Diagnostic>),
    /// The sink failed (for example, a disk write).
    Sink(E),
}

/// Renders the Markdown of every article, in parallel.
pub fn bodies(site: &Site) -> Vec<Arc<Body>> {
    let root = site.config.root_path();
    site.articles
        .par_iter()
        .map(|entry| Arc::new(Body::render(&entry.article.body, root)))
        .collect()
}

/// Renders the Markdown of every article, in parallel, freeing each source
/// as soon as it is rendered (a one-off build needs it no more), so sources
/// and HTML are never all in memory at once.
pub fn take_bodies(site: &mut Site) -> Vec<Arc<Body>> {
    let root = site.config.root_path().to_string();
    let root = root.as_str();
    site.articles
        .par_iter_mut()
        .map(|entry| match Arc::get_mut(&mut entry.article) {
            Some(article) => Arc::new(Body::render(&std::mem::take(&mut article.body), root)),
            None => Arc::new(Body::render(&entry.article.body, root)),
        })
        .collect()
}

/// Renders every page in parallel and hands each to `sink` as soon as it
/// is ready (per-template times count rendering only, not the sink), so only the pages in flight are ever in memory (`build` writes
/// each to disk at once). Template errors are collected; a sink error stops
/// the work.
pub fn render_each<E: Send>(
    site: &Site,
    templates: &Templates,
    bodies: &[Arc<Body>],
    sink: impl Fn(Page) -> Result<(), E> + Sync,
) -> Result<Streamed, Failure<E>> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let (planner, _) = Planner::new(site, bodies, templates, None)
        .map_err(|found| Failure::Site(distinct(found)))?;
    let started = timings.lap("list entries", started);
    let jobs = planner.plan();
    let started = timings.lap("plan pages", started);
    let stop = AtomicBool::new(false);
    let outcomes: Vec<Outcome<E>> = jobs
        .par_iter()
        .map(|job| {
            if stop.load(Ordering::Relaxed) {
                return Outcome::Skipped;
            }
            let began = Instant::now();
            let (vars, source) = job_vars(&planner, &job.context, templates, job.template);
            let rendered = render_job(templates, job, &vars, source);
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
            Outcome::Done(time) => samples.push((job.template, job.path.clone(), time)),
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
    let extras = extras(site, templates);
    let files = jobs.len() + extras.len();
    for page in extras {
        sink(page).map_err(Failure::Sink)?;
    }
    Ok(Streamed { files, timings })
}

enum Outcome<E> {
    Done(Duration),
    Template(Diagnostic),
    Sink(E),
    Skipped,
}

/// Renders every page of `site` into memory (for `check`), sorted by path.
pub fn render(site: &Site, templates: &Templates) -> Result<Rendering, Vec<Diagnostic>> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let bodies = bodies(site);
    timings.lap("markdown", started);
    let pages = Mutex::new(Vec::new());
    let streamed = render_each(site, templates, &bodies, |page| {
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
    })
}

/// Like [`render`], reusing and updating `cache`: only pages whose
/// fingerprint changed are rendered.
pub fn render_incremental(
    site: &Site,
    templates: &Templates,
    cache: &mut RenderCache,
) -> Result<Rendering, Vec<Diagnostic>> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let root = site.config.root_path();
    if cache.root != root {
        // Bodies carry the path prefix in their links.
        cache.markdown.clear();
        cache.root = root.to_string();
    }
    let bodies: Vec<Arc<Body>> = site
        .articles
        .par_iter()
        .map(|entry| {
            let article = &entry.article;
            match cache.markdown.get(&article.path) {
                Some((seen, body)) if Arc::ptr_eq(seen, article) || seen.body == article.body => {
                    body.clone()
                }
                _ => Arc::new(Body::render(&article.body, root)),
            }
        })
        .collect();
    cache.markdown = site
        .articles
        .iter()
        .zip(&bodies)
        .map(|(entry, body)| {
            (
                entry.article.path.clone(),
                (entry.article.clone(), body.clone()),
            )
        })
        .collect();
    let started = timings.lap("markdown", started);
    let (planner, reuse) =
        Planner::new(site, &bodies, templates, Some(&cache.reuse)).map_err(distinct)?;
    cache.reuse = reuse;
    let seeds = planner.seeds(&cache.reuse);
    let started = timings.lap("list entries", started);
    let jobs = planner.plan();
    let started = timings.lap("plan pages", started);
    // Fingerprint first, keeping every job's variables alive so values
    // shared between pages are hashed once.
    let fingerprinted: Vec<(u64, Vars, Option<PathBuf>)> = jobs
        .par_iter()
        .map_init(
            || Fingerprinter::with_seeds(&seeds),
            |fingerprinter, job| {
                let (vars, source) = job_vars(&planner, &job.context, templates, job.template);
                let print = fingerprinter.page(job.template, &vars) ^ templates.fingerprint();
                (print, vars, source)
            },
        )
        .collect();
    let started = timings.lap("fingerprint", started);
    let results: Vec<Result<(Page, u64, bool), Diagnostic>> = jobs
        .par_iter()
        .zip(fingerprinted)
        .map(
            |(job, (print, vars, source))| match cache.pages.get(&job.path) {
                Some((old, body)) if *old == print => Ok((
                    Page {
                        path: job.path.clone(),
                        body: body.clone(),
                        source,
                    },
                    print,
                    false,
                )),
                _ => render_job(templates, job, &vars, source).map(|page| (page, print, true)),
            },
        )
        .collect();
    let mut rendered = 0;
    let mut pages = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    let mut prints = HashMap::with_capacity(results.len());
    for result in results {
        match result {
            Ok((page, print, fresh)) => {
                rendered += usize::from(fresh);
                prints.insert(page.path.clone(), (print, page.body.clone()));
                pages.push(page);
            }
            Err(problem) => problems.push(problem),
        }
    }
    let problems = distinct(problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    cache.pages = prints;
    pages.extend(extras(site, templates));
    timings.lap("render pages", started);
    Ok(Rendering {
        pages,
        rendered,
        timings,
    })
}

fn job_vars(
    planner: &Planner<'_>,
    context: &JobContext,
    templates: &Templates,
    template: &str,
) -> (Vars, Option<PathBuf>) {
    match context {
        JobContext::Ready(vars) => (vars.clone(), Some(templates.path_of(template))),
        JobContext::Article(index) => (
            planner.article_context(*index),
            Some(planner.site.articles[*index].article.path.clone()),
        ),
    }
}

fn render_job(
    templates: &Templates,
    job: &Job,
    vars: &Vars,
    source: Option<PathBuf>,
) -> Result<Page, Diagnostic> {
    templates
        .render(job.template, &vars.to_context())
        .map(|html| Page {
            path: job.path.clone(),
            body: Arc::from(html.into_bytes()),
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
fn distinct(problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    problems
        .into_iter()
        .filter(|p| seen.insert((p.path.clone(), p.line, p.column, p.message.clone())))
        .collect()
}

/// The theme's assets and the hosting files.
fn extras(site: &Site, templates: &Templates) -> Vec<Page> {
    let mut pages: Vec<Page> = templates
        .assets
        .iter()
        .map(|(path, bytes)| Page {
            path: path.clone(),
            body: Arc::from(bytes.as_slice()),
            source: Some(templates.path_of(path)),
        })
        .collect();
    pages.extend(hosting_files(&site.config));
    pages
}

/// The small files hosts read: `robots.txt` (pointing at the sitemap),
/// `.nojekyll` (so GitHub Pages serves the folder as it is) and `CNAME`
/// when `site.yaml` sets `cname`.
fn hosting_files(config: &crate::config::Config) -> Vec<Page> {
    let sitemap = views::Urls::new(config).permalink("sitemap.xml");
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if sitemap.contains("://") {
        robots.push_str(&format!("\nSitemap: {sitemap}\n"));
    }
    let mut files = vec![
        Page {
            path: "robots.txt".into(),
            body: Arc::from(robots.into_bytes()),
            source: None,
        },
        Page {
            path: ".nojekyll".into(),
            body: Arc::from(Vec::new()),
            source: None,
        },
    ];
    if let Some(cname) = &config.cname {
        files.push(Page {
            path: "CNAME".into(),
            body: Arc::from(format!("{cname}\n").into_bytes()),
            source: Some(PathBuf::from("site.yaml")),
        });
    }
    files
}
