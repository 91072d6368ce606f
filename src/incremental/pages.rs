//! The kept plan patched after an edit that changed nothing but article
//! bodies or titles, without planning the site again: the last run's plan is
//! kept, the edited articles' values are made anew, every page that
//! shows their old list or feed entries gets the new ones (found by value
//! identity, not by rules about which page shows what), and only pages
//! whose fingerprint changed are rendered. The search index, which reads
//! every body, is made again afterwards ([`super::search`]), so the edited
//! pages are served without waiting for it.
//! The result equals a full rebuild: everything a page receives is either
//! unchanged by such an edit or one of the values replaced here.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use super::article::Replaced;
use super::whole::{Markdown, RenderCache};
use crate::error::Diagnostic;
use crate::model::Site;
use crate::paths;
use crate::render::deferred::{Deferred, Made};
use crate::render::markdown::Body;
use crate::render::pages::{Job, JobContext, Output, Planner};
use crate::render::vars::{Fingerprinter, Holders, Seeds, Substitutions, Vars};
use crate::render::{Prepared, Templates, prepare_job};
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
/// bodies, or their titles: [`super::article`]) and `site` patched in
/// place. `None` when `cache` cannot be patched (nothing rendered yet,
/// other settings or templates, a retitled milestone): the caller renders
/// the whole site.
pub(super) fn render_patch(
    site: &Site,
    templates: &Arc<Templates>,
    cache: &mut RenderCache,
    changed: &[Replaced],
) -> Result<Option<Patch>, Vec<Diagnostic>> {
    if cache.jobs.is_empty()
        || cache.bodies.len() != site.articles.len()
        || cache.markdown.len() != site.articles.len()
    {
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
        let links = crate::render::targets(site, entry);
        let made = Markdown::render(site, &entry.article, mentions.as_deref(), links);
        cache.bodies[index] = made.body.clone();
        cache.markdown[index] = made;
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

/// The kept plan patched for `affected`, and the pages whose fingerprint
/// changed; `None` when the plan cannot be patched.
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
    dirty.extend(article_jobs(&cache.jobs, changed));
    dirty.extend(substitute(cache, replaced));
    dirty.sort_unstable();
    dirty.dedup();
    let started = timings.lap("patch plan", started);
    let (pages, rendered) = fingerprint_dirty(&planner, templates, cache, &dirty, None);
    timings.lap("fingerprint", started);
    Ok(Some((pages, removed, rendered)))
}

/// The jobs of the article pages of `changed` (sorted indexes).
pub(super) fn article_jobs<'a>(
    jobs: &'a [Job],
    changed: &'a [usize],
) -> impl Iterator<Item = usize> + 'a {
    jobs.iter()
        .enumerate()
        .filter(|(_, job)| {
            matches!(&job.output, Output::Template {
                context: JobContext::Article(index),
                ..
            } if changed.binary_search(index).is_ok())
        })
        .map(|(n, _)| n)
}

/// Every page holding one of the old values of `replaced` gets the new
/// one; returns those pages' jobs.
pub(super) fn substitute(
    cache: &mut RenderCache,
    replaced: crate::render::pages::Replaced,
) -> Vec<usize> {
    let mut substitutions = Substitutions::default();
    let holders = cache.holders.get_or_insert_with(Holders::default);
    let mut holding = Vec::new();
    for (old, new) in replaced {
        holding.extend_from_slice(holders.of(&old));
        holders.replaced(&old, &new);
        substitutions.replace(&old, new);
    }
    holding.sort_unstable();
    holding.dedup();
    let mut dirty = Vec::new();
    for n in holding {
        if let Some(vars) = ready_vars(&mut cache.jobs[n])
            && let Some(new) = substitutions.apply(vars)
        {
            *vars = new;
            dirty.push(n);
        }
    }
    dirty
}

/// The jobs `dirty` fingerprinted again: those whose fingerprint changed
/// (template pages to render on request), and how many. `seeds`: the
/// fingerprints of shared values, worth making when many pages are dirty.
pub(super) fn fingerprint_dirty(
    planner: &Planner<'_>,
    templates: &Arc<Templates>,
    cache: &mut RenderCache,
    dirty: &[usize],
    seeds: Option<&Seeds>,
) -> (Vec<Made>, usize) {
    let fingerprinter = || seeds.map_or_else(Fingerprinter::default, Fingerprinter::with_seeds);
    let made: Vec<(Made, u64)> = dirty
        .par_iter()
        .map_init(fingerprinter, |fingerprinter, &n| {
            let job = &cache.jobs[n];
            match prepare_job(planner, templates, job) {
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
    let mut pages = Vec::new();
    for (made, print) in made {
        if cache.pages.get(made.path()) != Some(&print) {
            cache.pages.insert(made.path().to_string(), print);
            pages.push(made);
        }
    }
    let rendered = pages.len();
    (pages, rendered)
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
/// once after a whole rebuild or a delta, off the path of a save when it
/// can be (between saves: [`super::Incremental::prepare_patches`]; after
/// the search index: [`super::search`]).
pub(super) fn find_holders(cache: &mut RenderCache) {
    find_holders_until(cache, &|| false);
}

/// [`find_holders`], given up as soon as `stop` says so: the next call
/// goes on from there.
pub(super) fn find_holders_until(cache: &mut RenderCache, stop: &(dyn Fn() -> bool + Sync)) {
    let pages: Vec<(usize, &Vars)> = cache
        .jobs
        .iter()
        .enumerate()
        .filter_map(|(n, job)| match &job.output {
            Output::Template {
                context: JobContext::Ready(vars),
                ..
            } => Some((n, vars)),
            _ => None,
        })
        .collect();
    let holders = cache.holders.get_or_insert_with(Holders::default);
    if !holders.found_in(pages.len()) {
        holders.walk(&pages, Planner::kept_values(&cache.reuse), stop);
    }
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
