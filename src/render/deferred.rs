//! `serve`'s pages made when they are requested: a rebuild plans and
//! fingerprints every page but renders none; a page's variables are kept
//! ([`Deferred`]) and turned into bytes by the same template call `build`
//! makes, so a page rendered on request is byte for byte the built one.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

use super::pages::{ARTICLE_TEMPLATE, ArticlePage};
use super::vars::Vars;
use super::{Bytes, Page, Templates, render_job};
use crate::error::Diagnostic;

/// A page planned and fingerprinted, rendered when it is requested.
pub struct Deferred {
    /// Output path (`actors/index.html`).
    pub path: String,
    /// Its fingerprint (template plus every variable, by value).
    pub print: u64,
    /// The article, else the template, it is made from.
    pub source: Option<PathBuf>,
    template: &'static str,
    vars: Recipe,
    templates: Arc<Templates>,
}

/// How a deferred page's variables are kept.
enum Recipe {
    /// As they are.
    Vars(Vars),
    /// An article page's, as their parts, assembled when it renders.
    Article(Arc<ArticlePage>),
}

impl std::fmt::Debug for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deferred")
            .field("path", &self.path)
            .field("print", &self.print)
            .finish_non_exhaustive()
    }
}

impl Deferred {
    /// The page at `path` from `template` and `vars`, rendered later with
    /// `templates`.
    pub(crate) fn new(
        path: String,
        print: u64,
        template: &'static str,
        vars: Vars,
        source: Option<PathBuf>,
        templates: Arc<Templates>,
    ) -> Self {
        Self {
            path,
            print,
            source,
            template,
            vars: Recipe::Vars(vars),
            templates,
        }
    }

    /// Article page `page` at `path`, from `source`, its variables
    /// assembled when it renders; its fingerprint is the page's with the
    /// templates'.
    pub(crate) fn article(
        path: String,
        page: Arc<ArticlePage>,
        source: PathBuf,
        templates: Arc<Templates>,
    ) -> Self {
        Self {
            path,
            print: page.print ^ templates.fingerprint(),
            source: Some(source),
            template: ARTICLE_TEMPLATE,
            vars: Recipe::Article(page),
            templates,
        }
    }

    /// The page's bytes, rendered now.
    pub fn render(&self) -> Result<Bytes, Diagnostic> {
        self.render_page().map(|page| page.body)
    }

    fn render_page(&self) -> Result<Page, Diagnostic> {
        let job = super::Job {
            path: self.path.clone(),
            output: super::pages::Output::File {
                bytes: Arc::from(Vec::new()),
                source: None,
            },
            lastmod: None,
        };
        let vars = match &self.vars {
            Recipe::Vars(vars) => Cow::Borrowed(vars),
            Recipe::Article(page) => Cow::Owned(page.vars()),
        };
        render_job(
            &self.templates,
            &job,
            self.template,
            &vars,
            self.source.clone(),
        )
    }
}

/// A served file: its bytes, or a page to render when requested.
#[derive(Debug, Clone)]
pub enum Made {
    /// Bytes known (static files, theme assets, the search index).
    Ready(Page),
    /// A template page, rendered on request.
    Later(Arc<Deferred>),
}

impl Made {
    /// Its output path.
    pub fn path(&self) -> &str {
        match self {
            Made::Ready(page) => &page.path,
            Made::Later(page) => &page.path,
        }
    }

    /// Whether `other` is certainly the same file: the same bytes, or the
    /// same fingerprint.
    pub fn same(&self, other: &Made) -> bool {
        match (self, other) {
            (Made::Ready(a), Made::Ready(b)) => a.body == b.body,
            (Made::Later(a), Made::Later(b)) => a.print == b.print,
            _ => false,
        }
    }
}

/// Renders the first page of each template among `deferred`, so a template
/// that fails on the site's values fails the rebuild (as it fails `build`)
/// instead of waiting for a reader to open one of its pages.
/// The first page of each template among `deferred`, as
/// [`try_each_template`] tries them: its template, path and fingerprint.
pub(crate) fn first_of_each_template(
    deferred: &[Arc<Deferred>],
) -> Vec<(&'static str, String, u64)> {
    let mut seen = std::collections::HashSet::new();
    deferred
        .iter()
        .filter(|page| seen.insert(page.template))
        .map(|page| (page.template, page.path.clone(), page.print))
        .collect()
}

pub(crate) fn try_each_template(deferred: &[Arc<Deferred>]) -> Result<(), Vec<Diagnostic>> {
    let mut seen = std::collections::HashSet::new();
    let problems: Vec<Diagnostic> = deferred
        .iter()
        .filter(|page| seen.insert(page.template))
        .filter_map(|page| page.render().err())
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(super::distinct(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BuildOptions, Incremental, Served};

    #[test]
    fn the_preview_renders_no_page_up_front_and_each_on_request_equals_the_built_one() {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "content/actors/ada-novak.md",
            "---\nname: Ada Novak\nrole: Envoy\n---\nAn envoy.\n",
        );
        for (file, title, date) in [
            ("a.md", "Talks resume", "2022-01-21"),
            ("b.md", "Envoy visits the port", "2022-01-19"),
        ] {
            write(
                &format!("content/{file}"),
                &format!(
                    "---\ntitle: {title}\ndate: {date}\nactors: [Ada Novak]\n---\nWhat {title} means.\n"
                ),
            );
        }
        let options = BuildOptions::new(dir.path());
        let built = crate::generate(&options).unwrap();
        let regenerated = crate::regenerate(&options, &mut Incremental::default(), &[]).unwrap();
        let Served::Whole { pages, .. } = regenerated.pages else {
            panic!("the first build serves the whole site");
        };
        let later: Vec<&Arc<Deferred>> = pages
            .iter()
            .filter_map(|made| match made {
                Made::Later(page) => Some(page),
                Made::Ready(_) => None,
            })
            .collect();
        let templated = built
            .pages
            .iter()
            .filter(|page| page.path.ends_with(".html") || page.path.ends_with(".xml"))
            .count();
        assert_eq!(later.len(), templated, "every page waits for a request");
        for page in later {
            let expected = built.pages.iter().find(|p| p.path == page.path).unwrap();
            assert_eq!(page.render().unwrap(), expected.body, "{}", page.path);
        }
    }
}
