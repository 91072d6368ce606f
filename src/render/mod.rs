//! Stage three: [`Site`] + templates -> pages in memory.
//!
//! Markdown is rendered once per article, then every page is rendered in
//! parallel. Nothing here touches the disk, so `build`, `check` and
//! `serve` share it and tests run without one.

pub mod markdown;
pub mod pages;
pub mod templates;
pub mod views;

use std::path::PathBuf;

use rayon::prelude::*;

use crate::error::Diagnostic;
use crate::model::Site;
use pages::{JobContext, Planner};
pub use templates::Templates;

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path inside the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub body: Vec<u8>,
    /// The file it was made from (the article, else the template), for
    /// messages about it.
    pub source: Option<PathBuf>,
}

/// Renders every page of `site`, plus the theme's assets. Errors from the
/// same template line are reported once, with the first page they hit.
pub fn render(site: &Site, templates: &Templates) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let bodies: Vec<markdown::Rendered> = site
        .articles
        .par_iter()
        .map(|entry| markdown::render(&entry.article.body))
        .collect();
    let planner = Planner::new(site, &bodies);
    let jobs = planner.plan();
    let results: Vec<Result<Page, Diagnostic>> = jobs
        .into_par_iter()
        .map(|job| {
            let (context, source) = match job.context {
                JobContext::Ready(context) => (context, templates.path_of(job.template)),
                JobContext::Article(index) => (
                    planner.article_context(index),
                    site.articles[index].article.path.clone(),
                ),
            };
            templates
                .render(job.template, &context)
                .map(|html| Page {
                    path: job.path.clone(),
                    body: html.into_bytes(),
                    source: Some(source),
                })
                .map_err(|d| {
                    d.note(format!(
                        "while rendering /{}",
                        job.path.trim_end_matches("index.html")
                    ))
                })
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len() + templates.assets.len());
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
    if !problems.is_empty() {
        return Err(problems);
    }
    pages.extend(templates.assets.iter().map(|(path, bytes)| Page {
        path: path.clone(),
        body: bytes.clone(),
        source: Some(templates.path_of(path)),
    }));
    pages.extend(hosting_files(&site.config));
    Ok(pages)
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
            body: robots.into_bytes(),
            source: None,
        },
        Page {
            path: ".nojekyll".into(),
            body: Vec::new(),
            source: None,
        },
    ];
    if let Some(cname) = &config.cname {
        files.push(Page {
            path: "CNAME".into(),
            body: format!("{cname}\n").into_bytes(),
            source: Some(PathBuf::from("site.yaml")),
        });
    }
    files
}
