//! A whole rebuild in the preview: Markdown is rendered again only for
//! articles whose body changed, every page is planned and fingerprinted
//! (template plus every variable it receives, by value) and none rendered
//! until requested, so an incremental rebuild always equals a full one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use ahash::AHashMap;
use rayon::prelude::*;

use crate::error::Diagnostic;
use crate::load::Article;
use crate::model::Site;
use crate::progress::{Progress, stage};
use crate::render::deferred::{Deferred, Made, first_of_each_template, try_each_template};
use crate::render::markdown::Body;
use crate::render::mentions::Mentions;
use crate::render::pages::{self, ArticlePage, Job, Planner};
use crate::render::vars::{Fingerprinter, Seeds};
use crate::render::{Prepared, Templates, distinct, prepare_job};
use crate::timings::Timings;

use super::names;

/// What earlier renders produced, to skip work that would give the same
/// bytes: Markdown by article (with its source), pages by path and
/// fingerprint.
#[derive(Default)]
pub struct RenderCache {
    /// The last run's Markdown, by article index (as `bodies`).
    pub(super) markdown: Vec<Markdown>,
    /// Every served path's fingerprint (looked up by the thousand on
    /// every edit: a fast hasher).
    pub(super) pages: AHashMap<String, u64>,
    pub(super) reuse: pages::Reuse,
    /// The last run's plan and Markdown (by article index), for
    /// [`super::pages`].
    pub(super) jobs: Vec<Job>,
    pub(super) bodies: Vec<Arc<Body>>,
    /// Which of `jobs` hold which article's values, once a patch looked.
    pub(super) holders: Option<crate::render::vars::Holders>,
    /// The last run's automaton of actor names (a patch leaves the actors
    /// as they are).
    pub(super) mentions: Option<Arc<Mentions>>,
    /// The first page of each template (template, path, fingerprint) the
    /// last whole rebuild rendered without error.
    pub(super) tried: Vec<(&'static str, String, u64)>,
    /// The site's URL path the Markdown was rendered for, and whether it
    /// linked mentions (its search words are found when the index needs
    /// them, whatever the site's `search:`).
    pub(super) root: (String, bool),
    /// The last delta's sitemap entries with their fingerprints (let go
    /// of before a whole rebuild).
    pub(super) sitemap: super::sitemap::SitemapPrints,
    /// The last whole rebuild's drop of the run before it, beside the rest.
    dropping: Option<std::thread::JoinHandle<()>>,
}

impl RenderCache {
    /// Waits for the last whole rebuild's drop of the run before it.
    pub(super) fn wait_for_drop(&mut self) {
        if let Some(dropping) = self.dropping.take() {
            let _ = dropping.join();
        }
    }

    /// The last run's plan (patched by [`super::pages`] since, if it ran).
    pub fn planned(&self) -> &[Job] {
        &self.jobs
    }
}

/// What [`render_incremental`] made: every file of the site, template
/// pages left to render on request.
pub struct Planned {
    /// Every output file, by path.
    pub files: Vec<Made>,
    /// Files new or whose fingerprint changed since the last run.
    pub changed: usize,
    /// Time per step.
    pub timings: Timings,
}

/// Like [`crate::render::render`], reusing and updating `cache`, but no template
/// page is rendered: each is planned and fingerprinted and kept with its
/// variables, to render when requested ([`Deferred`]). The first page of
/// each template is rendered once to find template errors. The search
/// index is left out, for [`super::search::search_patch`] to make once the
/// pages are served. `planned` sees the plan first, as in
/// [`crate::render::render_editions`]. Each stage is told to `progress`.
pub fn render_incremental(
    site: &Site,
    templates: &Arc<Templates>,
    cache: &mut RenderCache,
    progress: Option<&Progress>,
    planned: impl FnOnce(&[Job]) -> Result<(), Vec<Diagnostic>>,
) -> Result<Planned, Vec<Diagnostic>> {
    let mut timings = Timings::default();
    // The run before the last one is let go of first: made beside the
    // last, this one must not also be beside what is left of that.
    cache.wait_for_drop();
    // Which pages held which values, and the last delta's sitemap
    // entries: of no use to the new plan (and the entries would outlive
    // the plan that had them).
    cache.holders = None;
    cache.sitemap = Default::default();
    stage(progress, "rendering Markdown", site.articles.len());
    let started = Instant::now();
    let mentions = Mentions::new(site);
    let root = (
        site.config.root_path().to_string(),
        site.config.link_mentions,
    );
    let names = names::Change::between(cache.mentions.as_deref(), mentions.as_ref());
    if cache.root != root || names.is_none() {
        // Bodies carry the path prefix and actors' URLs in their links.
        cache.markdown.clear();
        cache.root = root;
    }
    let names = names.unwrap_or_default();
    let bodies = cached_bodies(
        site,
        mentions.as_ref(),
        &names,
        &mut cache.markdown,
        progress,
    );
    let started = timings.lap("markdown", started);
    stage(progress, "making list entries", 0);
    let (mut planner, reuse) =
        Planner::new(site, &bodies, templates, Some(&cache.reuse)).map_err(distinct)?;
    planner.index_later = site.config.search;
    let old_reuse = std::mem::replace(&mut cache.reuse, reuse);
    let started = timings.lap("list entries", started);
    let previous = Arc::new(pages::Previous::new(std::mem::take(&mut cache.jobs)));
    planner.previous = Some(previous.clone());
    let jobs = planner.plan(templates);
    planner.previous = None;
    planned(&jobs)?;
    if std::env::var_os("BRIEFING_VALUE_BYTES").is_some() {
        timings.values = planner.value_megabytes(&cache.reuse, &jobs);
    }
    let started = timings.lap("plan pages", started);
    stage(progress, "fingerprinting pages", jobs.len());
    let all: Vec<&Job> = jobs.iter().collect();
    let seeds = planner.seeds(&cache.reuse);
    let fingerprinted = fingerprint(&planner, templates, &all, &seeds, progress);
    let started = timings.lap("fingerprint", started);
    let (files, later, prints, changed) =
        deferred_files(&all, fingerprinted, &cache.pages, templates);
    stage(progress, "trying each template", 0);
    // The same pages (templates and variables, by fingerprint) rendered
    // without error last time: no need to try them again.
    let firsts = first_of_each_template(&later);
    if firsts != cache.tried {
        try_each_template(&later)?;
        cache.tried = firsts;
    }
    drop(planner);
    // The last run's plan and values are let go of beside the rest.
    let old = (
        std::mem::replace(&mut cache.pages, prints),
        std::mem::replace(&mut cache.jobs, jobs),
        std::mem::replace(&mut cache.bodies, bodies),
        old_reuse,
        previous,
    );
    cache.dropping = Some(std::thread::spawn(move || drop(old)));
    cache.mentions = mentions.map(Arc::new);
    timings.lap("try each template", started);
    Ok(Planned {
        files,
        changed,
        timings,
    })
}

/// Every job as a served file (template pages [`Deferred`], to render on
/// request), the deferred ones, every path's fingerprint, and how many
/// fingerprints differ from `before`'s.
pub(super) fn deferred_files(
    jobs: &[&Job],
    fingerprinted: Vec<(u64, Fingerprinted)>,
    before: &AHashMap<String, u64>,
    templates: &Arc<Templates>,
) -> (Vec<Made>, Vec<Arc<Deferred>>, AHashMap<String, u64>, usize) {
    let mut changed = 0;
    let mut files = Vec::with_capacity(jobs.len());
    let mut prints = AHashMap::with_capacity(jobs.len());
    let mut later = Vec::new();
    for (job, (print, prepared)) in jobs.iter().zip(fingerprinted) {
        changed += usize::from(before.get(&job.path) != Some(&print));
        prints.insert(job.path.clone(), print);
        let page = match prepared {
            Fingerprinted::Prepared(Prepared::File(page)) => {
                files.push(Made::Ready(page));
                continue;
            }
            Fingerprinted::Article(page, source) => {
                Deferred::article(job.path.clone(), page, source, templates.clone())
            }
            Fingerprinted::Prepared(Prepared::Template(name, vars, source)) => Deferred::new(
                job.path.clone(),
                print,
                name,
                vars,
                source,
                templates.clone(),
            ),
        };
        let page = Arc::new(page);
        later.push(page.clone());
        files.push(Made::Later(page));
    }
    (files, later, prints, changed)
}

/// An article's rendered Markdown, with the source and the URLs of its
/// links by file it was rendered from.
pub(super) struct Markdown {
    pub(super) article: Arc<Article>,
    pub(super) links: crate::render::markdown::Targets,
    /// What the source's words are, for [`names::Change::touches`].
    pub(super) capitals: names::Capitals,
    pub(super) body: Arc<Body>,
}

impl Markdown {
    /// `article`'s body rendered with `links` (its source unpacked once).
    pub(super) fn render(
        site: &Site,
        article: &Arc<Article>,
        mentions: Option<&Mentions>,
        links: crate::render::markdown::Targets,
    ) -> Self {
        let mut options = crate::render::body_options(site, article, mentions, &links);
        // The search words are found when the index is first made
        // (after the pages are served), not before the answer.
        options.search = false;
        let text = article.body.text();
        let body = Arc::new(Body::render(&text, &options));
        Self {
            article: article.clone(),
            capitals: names::Capitals::of(&text),
            links,
            body,
        }
    }
}

/// Each article's Markdown: the HTML of the last run when the body, its
/// `link_mentions:` and the URLs its links by file point to are the same
/// and it names none of the actor names that changed (`names`: its
/// mentions given the actors' new indexes), else rendered now. `seen`
/// (the last run's, found by path) becomes this run's.
pub(super) fn cached_bodies(
    site: &Site,
    mentions: Option<&Mentions>,
    names: &names::Change,
    seen: &mut Vec<Markdown>,
    progress: Option<&Progress>,
) -> Vec<Arc<Body>> {
    let by_path: HashMap<&Path, &Markdown> = seen
        .iter()
        .map(|made| (made.article.path.as_path(), made))
        .collect();
    let made: Vec<Markdown> = site
        .articles
        .par_iter()
        .map(|entry| {
            let old = by_path.get(&*entry.article.path).copied();
            let made = markdown_of(site, entry, mentions, names, old);
            if let Some(progress) = progress {
                progress.advance();
            }
            made
        })
        .collect();
    drop(by_path);
    let bodies = made.iter().map(|made| made.body.clone()).collect();
    *seen = made;
    bodies
}

/// The Markdown after a delta (`moved`: each former article's index now,
/// `None` when removed), `seen` holding the last run's by index: a kept
/// article (the same `Arc`, so the same source) keeps its body when it
/// has no link by file or image, or their URLs are the same, and it names
/// none of the actor names that changed (`names`: its mentions given the
/// actors' new indexes); an added one takes the body of the removed
/// article at its path when [`cached_bodies`] would; the others are
/// rendered now. `seen` becomes this run's. Nothing is looked up by path
/// but the added articles.
pub(super) fn delta_bodies(
    site: &Site,
    mentions: Option<&Mentions>,
    names: &names::Change,
    moved: &[Option<usize>],
    seen: &mut Vec<Markdown>,
) -> Vec<Arc<Body>> {
    let old_of = crate::model::delta::former(moved, site.articles.len());
    let removed: HashMap<&Path, &Markdown> = moved
        .iter()
        .zip(seen.iter())
        .filter(|(new, _)| new.is_none())
        .map(|(_, made)| (made.article.path.as_path(), made))
        .collect();
    let made: Vec<Markdown> = site
        .articles
        .par_iter()
        .zip(&old_of)
        .map(|(entry, old)| {
            let Some(old) = old.and_then(|old| seen.get(old)) else {
                let removed = removed.get(&*entry.article.path).copied();
                return markdown_of(site, entry, mentions, names, removed);
            };
            let linkless = entry.links.is_empty()
                && entry.unlinked.is_empty()
                && entry.article.images.is_empty();
            if linkless
                && old.links.links.is_empty()
                && old.links.images.is_empty()
                && Arc::ptr_eq(&old.article, &entry.article)
                && !names.touches(&entry.article.body, &old.capitals)
                && let Some(body) = names.remap(&old.body)
            {
                return Markdown {
                    article: old.article.clone(),
                    links: old.links.clone(),
                    capitals: old.capitals,
                    body,
                };
            }
            markdown_of(site, entry, mentions, names, Some(old))
        })
        .collect();
    drop(removed);
    let bodies = made.iter().map(|made| made.body.clone()).collect();
    *seen = made;
    bodies
}

/// `entry`'s Markdown: `old`'s body (its mentions given the actors' new
/// indexes) when its source, `link_mentions:` and the URLs of its links by
/// file are the same and it names none of the changed names, else
/// rendered now.
fn markdown_of(
    site: &Site,
    entry: &crate::model::Entry,
    mentions: Option<&Mentions>,
    names: &names::Change,
    old: Option<&Markdown>,
) -> Markdown {
    let article = &entry.article;
    let links = crate::render::targets(site, entry);
    let kept = old.filter(|old| {
        (Arc::ptr_eq(&old.article, article)
            || (old.article.body == article.body
                && old.article.matter.link_mentions == article.matter.link_mentions))
            && old.links == links
            && !names.touches(&article.body, &old.capitals)
    });
    match kept.and_then(|old| Some((old, names.remap(&old.body)?))) {
        Some((old, body)) => Markdown {
            article: article.clone(),
            links,
            capitals: old.capitals,
            body,
        },
        None => Markdown::render(site, article, mentions, links),
    }
}

/// What a job renders from, once fingerprinted.
pub(super) enum Fingerprinted {
    /// Its variables (or bytes).
    Prepared(Prepared),
    /// An article's page, kept as its parts (fingerprinted when made),
    /// with the article's source file.
    Article(Arc<ArticlePage>, PathBuf),
}

/// Every job's fingerprint with what it renders from. Every job's
/// variables are kept alive until all are hashed, so values shared between
/// pages are hashed once (`seeds`: the shared values' fingerprints,
/// [`Planner::seeds`]); an article page's fingerprint was taken when its
/// parts were made.
pub(super) fn fingerprint(
    planner: &Planner<'_>,
    templates: &Templates,
    jobs: &[&Job],
    seeds: &Seeds,
    progress: Option<&Progress>,
) -> Vec<(u64, Fingerprinted)> {
    jobs.par_iter()
        .map_init(
            || Fingerprinter::with_seeds(seeds),
            |fingerprinter, job| {
                if let Some((page, source)) = planner.article_page_of(job) {
                    if let Some(progress) = progress {
                        progress.advance();
                    }
                    let print = page.print ^ templates.fingerprint();
                    return (print, Fingerprinted::Article(page.clone(), source));
                }
                let prepared = prepare_job(planner, templates, job);
                let print = match &prepared {
                    Prepared::Template(name, vars, _) => {
                        fingerprinter.page(name, vars) ^ templates.fingerprint()
                    }
                    Prepared::File(page) => xxhash_rust::xxh3::xxh3_64(&page.body),
                };
                if let Some(progress) = progress {
                    progress.advance();
                }
                (print, Fingerprinted::Prepared(prepared))
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use tera::Value;

    use crate::render::pages::{Job, JobContext, Output};
    use crate::render::vars::same_shared;
    use crate::{BuildOptions, Incremental};

    use crate::test_support::write;

    /// The value `name` of the planned page at `path`.
    fn value(jobs: &[Job], path: &str, name: &str) -> Value {
        let job = jobs.iter().find(|job| job.path == path).unwrap();
        let Output::Template {
            context: JobContext::Ready(vars),
            ..
        } = &job.output
        else {
            panic!("{path} is not a built page");
        };
        vars.get(name).unwrap().clone()
    }

    /// A whole rebuild is made while the last one's pages are served: what
    /// it makes equal to them must be held once, not twice.
    #[test]
    fn a_whole_rebuild_shares_what_did_not_change_with_the_last_one() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "site.yaml", "title: Desk\n");
        for (file, title, date) in [("a", "Talks", "2022-01-21"), ("b", "Port", "2022-01-19")] {
            write(
                root,
                &format!("content/{file}.md"),
                &format!("---\ntitle: {title}\ndate: {date}\nactors: [Ada Novak]\n---\nText.\n"),
            );
        }
        let options = BuildOptions::new(root);
        let mut caches = Incremental::default();
        crate::regenerate(&options, &mut caches, &[]).unwrap();
        let actor = "actors/ada-novak/index.html";
        let before = |name| value(caches.render.planned(), actor, name);
        let (site, articles, shown) = (before("site"), before("articles"), before("actor"));
        write(root, "site.yaml", "title: Renamed desk\n");
        crate::regenerate(&options, &mut caches, &[PathBuf::from("site.yaml")]).unwrap();
        let after = |name| value(caches.render.planned(), actor, name);
        assert!(after("site") != site, "the site's title changed");
        assert!(same_shared(&after("articles"), &articles));
        assert!(same_shared(&after("actor"), &shown));
        // Each list entry is the last run's.
        let home = value(caches.render.planned(), "index.html", "articles");
        for entry in home.as_array().unwrap() {
            let old = articles.as_array().unwrap();
            assert!(old.iter().any(|old| same_shared(old, entry)));
        }
    }
}
