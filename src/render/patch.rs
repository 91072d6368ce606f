//! Rendering after an edit that changed nothing but article bodies
//! (`serve`), without planning the site again: the last run's plan is
//! kept, the edited articles' values are made anew, every page that
//! shows their old list or feed entries gets the new ones (found by value
//! identity, not by rules about which page shows what), and only pages
//! whose fingerprint changed are rendered. The search index, which reads
//! every body, is made again afterwards ([`search_patch`]), so the edited
//! pages are served without waiting for it.
//! The result equals a full rebuild: everything a page receives is either
//! unchanged by such an edit or one of the values replaced here.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::deferred::{Deferred, Made};
use super::incremental::RenderCache;
use super::markdown::Body;
use super::pages::{Job, JobContext, Output, Planner};
use super::vars::{Fingerprinter, Holders, Substitutions, Vars};
use super::{Page, Prepared, Templates, prepare_job};
use crate::error::Diagnostic;
use crate::model::Site;
use crate::model::patch::Replaced;
use crate::paths;
use crate::timings::Timings;

/// What a patch changed in the served files.
pub struct Patch {
    /// Files that are new or have new bytes (pages: a new fingerprint),
    /// template pages to render on request.
    pub pages: Vec<Made>,
    /// Files that are gone.
    pub removed: Vec<String>,
    /// Files whose fingerprint changed.
    pub rendered: usize,
    /// Time per step.
    pub timings: Timings,
}

/// Renders what changed after articles `changed` were edited (their
/// bodies, or their titles: [`crate::model::patch`]) and `site` patched in
/// place. `None` when `cache` cannot be patched (nothing rendered yet,
/// other settings or templates, a retitled milestone): the caller renders
/// the whole site.
pub fn render_patch(
    site: &Site,
    templates: &Arc<Templates>,
    cache: &mut RenderCache,
    changed: &[Replaced],
) -> Result<Option<Patch>, Vec<Diagnostic>> {
    if cache.jobs.is_empty() || cache.bodies.len() != site.articles.len() {
        return Ok(None);
    }
    // The chronology and term pages show milestones by title and URL
    // (not as values kept per article): a whole rebuild.
    if changed
        .iter()
        .any(|r| r.retitled && site.articles[r.index].article.matter.milestone.is_some())
    {
        return Ok(None);
    }
    let mut timings = Timings::default();
    let started = Instant::now();
    let affected = Affected::of(site, changed);
    let mentions = cache.mentions.clone();
    for &index in &affected.bodies {
        let entry = &site.articles[index];
        let links = super::targets(site, entry);
        let options = super::body_options(site, &entry.article, mentions.as_deref(), &links);
        let body = Arc::new(Body::render(&entry.article.body.text(), &options));
        cache.bodies[index] = body.clone();
        cache.markdown.insert(
            entry.article.path.clone(),
            (entry.article.clone(), links, body),
        );
    }
    let started = timings.lap("markdown", started);
    let bodies = std::mem::take(&mut cache.bodies);
    let result = patch_pages(site, &bodies, templates, cache, &affected, &mut timings);
    cache.bodies = bodies;
    timings.lap("render pages", started);
    Ok(result?.map(|(pages, removed, rendered)| Patch {
        pages,
        removed,
        rendered,
        timings,
    }))
}

/// What an edit reaches beyond the edited articles.
struct Affected {
    /// Articles whose Markdown is rendered again: the edited ones, and
    /// those linking by file to an article that moved.
    bodies: Vec<usize>,
    /// Articles whose values are made again: those, and those that show a
    /// retitled article's title (as a related briefing, or as linking to
    /// them).
    values: Vec<usize>,
    /// Articles whose page moved: index and former path.
    moved: Vec<(usize, String)>,
}

impl Affected {
    fn of(site: &Site, changed: &[Replaced]) -> Self {
        let mut bodies: Vec<usize> = changed.iter().map(|r| r.index).collect();
        let mut values = bodies.clone();
        let mut moved = Vec::new();
        for replaced in changed.iter().filter(|r| r.retitled) {
            let entry = &site.articles[replaced.index];
            values.extend(entry.links.iter().map(|link| link.target));
            values.extend(entry.referrers.iter().copied());
            if let Some(from) = &replaced.moved_from {
                bodies.extend(entry.referrers.iter().copied());
                moved.push((replaced.index, from.clone()));
            }
        }
        let retitled: Vec<usize> = changed
            .iter()
            .filter(|r| r.retitled)
            .map(|r| r.index)
            .collect();
        if !retitled.is_empty() {
            let related = &site.relations.related;
            values.extend(
                (0..related.len()).filter(|&i| related[i].iter().any(|r| retitled.contains(r))),
            );
        }
        for list in [&mut bodies, &mut values] {
            list.sort_unstable();
            list.dedup();
        }
        Self {
            bodies,
            values,
            moved,
        }
    }
}

type Patched = (Vec<Made>, Vec<String>, usize);

fn patch_pages(
    site: &Site,
    bodies: &[Arc<Body>],
    templates: &Arc<Templates>,
    cache: &mut RenderCache,
    affected: &Affected,
    timings: &mut Timings,
) -> Result<Option<Patched>, Vec<Diagnostic>> {
    let started = Instant::now();
    find_holders(cache);
    let changed = &affected.values;
    let Some((planner, replaced)) =
        Planner::patched(site, bodies, templates, &mut cache.reuse, changed)?
    else {
        return Ok(None);
    };
    let (removed, mut dirty) = if affected.moved.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        match move_pages(&planner, cache, affected) {
            Some(moved) => moved,
            None => return Ok(None),
        }
    };
    let started = timings.lap("list entries", started);
    let mut substitutions = Substitutions::default();
    dirty.extend(
        cache
            .jobs
            .iter()
            .enumerate()
            .filter(|(_, job)| {
                matches!(&job.output, Output::Template {
                context: JobContext::Article(index),
                ..
            } if changed.binary_search(index).is_ok())
            })
            .map(|(n, _)| n),
    );
    let holders = cache.holders.get_or_insert_with(Holders::default);
    let mut holding = Vec::new();
    for (old, new) in replaced {
        holding.extend_from_slice(holders.of(&old));
        holders.replaced(&old, &new);
        substitutions.replace(&old, new);
    }
    holding.sort_unstable();
    holding.dedup();
    for n in holding {
        if let Some(vars) = ready_vars(&mut cache.jobs[n])
            && let Some(new) = substitutions.apply(vars)
        {
            *vars = new;
            dirty.push(n);
        }
    }
    dirty.sort_unstable();
    dirty.dedup();
    let started = timings.lap("patch plan", started);
    let mut pages = Vec::new();
    let made: Vec<(Made, u64)> = dirty
        .par_iter()
        .map_init(Fingerprinter::default, |fingerprinter, &n| {
            let job = &cache.jobs[n];
            match prepare_job(&planner, templates, job) {
                Prepared::Template(name, vars, source) => {
                    let print = fingerprinter.page(name, &vars) ^ templates.fingerprint();
                    let page = Deferred::new(
                        job.path.clone(),
                        print,
                        name,
                        vars,
                        source,
                        templates.clone(),
                    );
                    (Made::Later(Arc::new(page)), print)
                }
                Prepared::File(page) => {
                    let print = xxhash_rust::xxh3::xxh3_64(&page.body);
                    (Made::Ready(page), print)
                }
            }
        })
        .collect();
    let mut rendered = 0;
    for (made, print) in made {
        if cache.pages.get(made.path()) != Some(&print) {
            rendered += 1;
            cache.pages.insert(made.path().to_string(), print);
            pages.push(made);
        }
    }
    timings.lap("fingerprint", started);
    Ok(Some((pages, removed, rendered)))
}

/// After titles moved articles: their pages' jobs take their new paths,
/// and the files that show every article's address follow
/// ([`Planner::readdress`]). Returns the paths gone and the jobs to
/// render; `None` when the kept plan is not shaped as expected.
fn move_pages(
    planner: &Planner<'_>,
    cache: &mut RenderCache,
    affected: &Affected,
) -> Option<(Vec<String>, Vec<usize>)> {
    let site = planner.site;
    let mut removed = Vec::new();
    let mut dirty = Vec::new();
    for (n, job) in cache.jobs.iter_mut().enumerate() {
        let Output::Template {
            context: JobContext::Article(index),
            ..
        } = &job.output
        else {
            continue;
        };
        if let Some((_, from)) = affected.moved.iter().find(|(i, _)| i == index) {
            if job.path != paths::index_file(from) {
                return None;
            }
            let path = paths::index_file(&site.articles[*index].path);
            removed.push(std::mem::replace(&mut job.path, path));
            dirty.push(n);
        }
    }
    if removed.len() != affected.moved.len() {
        return None;
    }
    dirty.extend(planner.readdress(&mut cache.jobs, &affected.moved)?);
    // Two articles may have swapped paths.
    let now: HashSet<&str> = dirty.iter().map(|&n| cache.jobs[n].path.as_str()).collect();
    removed.retain(|path| !now.contains(path.as_str()));
    for path in &removed {
        cache.pages.remove(path);
    }
    Some((removed, dirty))
}

/// Finds which pages hold which article's values, unless known: done
/// once after a whole rebuild, off the path of a save when it can be
/// ([`search_patch`] does it).
fn find_holders(cache: &mut RenderCache) {
    if cache.holders.is_some() {
        return;
    }
    let pages = cache
        .jobs
        .iter()
        .enumerate()
        .filter_map(|(n, job)| match &job.output {
            Output::Template {
                context: JobContext::Ready(vars),
                ..
            } => Some((n, vars)),
            _ => None,
        });
    cache.holders = Some(Holders::find(pages, Planner::kept_values(&cache.reuse)));
}

/// The variables of a page whose context is built in advance.
fn ready_vars(job: &mut Job) -> Option<&mut Vars> {
    match &mut job.output {
        Output::Template {
            context: JobContext::Ready(vars),
            ..
        } => Some(vars),
        _ => None,
    }
}

/// Whether `job` is one of the search index's files (not its page or
/// script).
fn is_search_index(job: &Job) -> bool {
    matches!(&job.output, Output::File { source: None, .. }) && job.path.starts_with(paths::SEARCH)
}

/// The search index of `site` made again after a patch: the files whose
/// bytes changed, and those gone (shards no word falls in any more); the
/// kept plan and `cache` updated. `None`, with nothing changed, when
/// `stop` gave the work up.
pub fn search_patch(
    site: &Site,
    cache: &mut RenderCache,
    stop: crate::search::Stop<'_>,
) -> Option<(Vec<Page>, Vec<String>)> {
    if !site.config.search || cache.bodies.len() != site.articles.len() {
        return Some((Vec::new(), Vec::new()));
    }
    let files = Planner::bare(site, &cache.bodies).search_files_until(stop)?;
    let fresh: HashSet<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    let removed: Vec<String> = cache
        .jobs
        .iter()
        .filter(|job| is_search_index(job) && !fresh.contains(job.path.as_str()))
        .map(|job| job.path.clone())
        .collect();
    for path in &removed {
        cache.pages.remove(path);
    }
    let mut pages = Vec::new();
    let mut jobs = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let bytes: Arc<[u8]> = bytes.into();
        let print = xxhash_rust::xxh3::xxh3_64(&bytes);
        if cache.pages.get(&path) != Some(&print) {
            let body = super::Bytes::from_owner(bytes.clone());
            cache.pages.insert(path.clone(), print);
            pages.push(Page {
                path: path.clone(),
                body,
                source: None,
            });
        }
        jobs.push(Job {
            path,
            output: Output::File {
                bytes,
                source: None,
            },
            lastmod: None,
        });
    }
    // The index's files go last, so other jobs keep their positions
    // (which `holders` records) whatever their number.
    let first = cache.jobs.iter().position(is_search_index);
    let at_end = first.is_none_or(|first| cache.jobs[first..].iter().all(is_search_index));
    cache.jobs.retain(|job| !is_search_index(job));
    cache.jobs.extend(jobs);
    if !at_end {
        cache.holders = None;
    }
    find_holders(cache);
    Some((pages, removed))
}
