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
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::Diagnostic;
use crate::model::Site;
use markdown::Rendered;
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
    markdown: HashMap<PathBuf, (String, Arc<Rendered>)>,
    pages: HashMap<String, (u64, Arc<[u8]>)>,
}

/// Pages rendered, and how many of them had to be rendered anew.
pub struct Rendering {
    /// Time per step and per template.
    pub timings: Timings,
    /// Every output file.
    pub pages: Vec<Page>,
    /// Pages whose fingerprint changed (all of them without a cache).
    pub rendered: usize,
}

/// Renders every page of `site`, plus the theme's assets and the hosting
/// files. Errors from the same template line are reported once.
pub fn render(site: &Site, templates: &Templates) -> Result<Rendering, Vec<Diagnostic>> {
    let mut timings = Timings::default();
    let started = Instant::now();
    let bodies: Vec<Arc<Rendered>> = site
        .articles
        .par_iter()
        .map(|entry| Arc::new(markdown::render(&entry.article.body)))
        .collect();
    let started = timings.lap("markdown", started);
    let planner = Planner::new(site, &bodies);
    let started = timings.lap("list entries", started);
    let jobs = planner.plan();
    let started = timings.lap("plan pages", started);
    let results: Vec<(Result<Page, Diagnostic>, Duration)> = jobs
        .par_iter()
        .map(|job| {
            let began = Instant::now();
            let (vars, source) = job_vars(&planner, &job.context, templates, job.template);
            (render_job(templates, job, &vars, source), began.elapsed())
        })
        .collect();
    timings.lap("render pages", started);
    timings.templates = Timings::templates_from(
        jobs.iter()
            .zip(&results)
            .map(|(job, (_, time))| (job.template, job.path.clone(), *time)),
    );
    let pages = collect(results.into_iter().map(|(result, _)| result).collect())?;
    let rendered = pages.len();
    Ok(Rendering {
        pages: finish(site, templates, pages),
        rendered,
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
    let bodies: Vec<Arc<Rendered>> = site
        .articles
        .par_iter()
        .map(|entry| {
            let article = &entry.article;
            match cache.markdown.get(&article.path) {
                Some((body, rendered)) if *body == article.body => rendered.clone(),
                _ => Arc::new(markdown::render(&article.body)),
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
                (entry.article.body.clone(), body.clone()),
            )
        })
        .collect();
    let planner = Planner::new(site, &bodies);
    let jobs = planner.plan();
    // Fingerprint first, keeping every job's variables alive so values
    // shared between pages are hashed once.
    let fingerprinted: Vec<(u64, Vars, Option<PathBuf>)> = jobs
        .par_iter()
        .map_init(Fingerprinter::default, |fingerprinter, job| {
            let (vars, source) = job_vars(&planner, &job.context, templates, job.template);
            let print = fingerprinter.page(job.template, &vars) ^ templates.fingerprint();
            (print, vars, source)
        })
        .collect();
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
                pages.push(Ok(page));
            }
            Err(problem) => problems.push(Err(problem)),
        }
    }
    let pages = collect(pages.into_iter().chain(problems).collect())?;
    cache.pages = prints;
    Ok(Rendering {
        pages: finish(site, templates, pages),
        rendered,
        timings: Timings::default(),
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

/// The pages, or every distinct problem (the same template line breaks
/// every page that uses it; it is reported once).
fn collect(results: Vec<Result<Page, Diagnostic>>) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let mut pages = Vec::with_capacity(results.len());
    let mut problems: Vec<Diagnostic> = Vec::new();
    for result in results {
        match result {
            Ok(page) => pages.push(page),
            Err(problem) => {
                let seen = problems.iter().any(|p| {
                    (&p.path, p.line, p.column, &p.message)
                        == (
                            &problem.path,
                            problem.line,
                            problem.column,
                            &problem.message,
                        )
                });
                if !seen {
                    problems.push(problem);
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(pages)
    } else {
        Err(problems)
    }
}

/// Adds the theme's assets and the hosting files to the rendered pages.
fn finish(site: &Site, templates: &Templates, mut pages: Vec<Page>) -> Vec<Page> {
    pages.extend(templates.assets.iter().map(|(path, bytes)| Page {
        path: path.clone(),
        body: Arc::from(bytes.as_slice()),
        source: Some(templates.path_of(path)),
    }));
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
