//! A save of actor profiles patched into the last rebuild: when every
//! changed path (from the watcher) is a profile of an actor the last
//! rebuild listed, and the edit leaves what the model derives from
//! profiles alone (the name, aliases, other languages' names, the
//! spellings not looked for in bodies, the image file), only the profile
//! is read again and swapped into the model. A profile shows in:
//!
//! - the values of the articles that list the actor (the role held on
//!   the day in their list and feed entries and on their pages, their
//!   JSON-LD) or mention it in their body (JSON-LD): made again, and
//!   every page holding the old ones gets the new ones
//!   ([`super::pages::substitute`]);
//! - the actors index, the actor's own pages (list, feed, pair pages) and
//!   the data files: planned again
//!   ([`crate::render::pages::Planner::profile_pages`]);
//! - the search index (actor cards, roles): made again by
//!   [`super::finish`].
//!
//! Anything else (a new or removed profile, a new name or alias, a
//! profile with a problem) returns `None` and the caller rebuilds whole.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::pages::{Patch, article_jobs, find_holders, fingerprint_dirty, substitute};
use super::whole::RenderCache;
use super::{Incremental, Last, Regenerated, Served, with_missing};
use crate::BuildOptions;
use crate::error::{self, BuildError, Diagnostic};
use crate::load::{self, Profile};
use crate::model::{Site, Taxonomy};
use crate::render::Templates;
use crate::render::markdown::Body;
use crate::render::pages::{Job, Planner};
use crate::timings::Timings;

/// The rebuild as a patch of `last`, if every changed file is a profile
/// of a listed actor changed in what the model does not derive from;
/// `None` otherwise (then `last` may be half patched and is dropped).
pub(super) fn patch(
    options: &BuildOptions,
    caches: &mut Incremental,
    last: &mut Last,
    changed: &[PathBuf],
) -> Result<Option<Regenerated>, BuildError> {
    if changed.is_empty() || !changed.iter().all(|rel| load::is_profile_path(rel)) {
        return Ok(None);
    }
    // An article went live or expired since: what is published changed.
    let now = options.rules()?.now;
    if last
        .site
        .publication
        .next_change
        .is_some_and(|at| at <= now)
    {
        return Ok(None);
    }
    let mut timings = Timings::default();
    let started = Instant::now();
    let mut edited = Vec::with_capacity(changed.len());
    for rel in changed {
        let (Some(new), problems) = load::read_actor_profile(&options.root, rel) else {
            return Ok(None);
        };
        match actor_of(&last.site, &new, &last.warnings) {
            Some(id) if problems.is_empty() => edited.push((id, new)),
            _ => return Ok(None),
        }
    }
    let started = timings.lap("load", started);
    let mut ids: Vec<usize> = edited.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    for (id, new) in edited {
        last.site.terms[Taxonomy::Actor][id].profile = Some(new);
    }
    timings.lap("model", started);
    let site_error = |mut found: Vec<Diagnostic>| {
        found.extend(last.warnings.iter().cloned());
        error::sort(&mut found);
        BuildError::Site(found)
    };
    let patched = render_profiles(&last.site, &last.templates, &mut caches.render, &ids)
        .map_err(site_error)?;
    let Some(patched) = patched else {
        return Ok(None);
    };
    // The plan's paths are those of the last rebuild: the root-relative
    // links of articles are checked again as a patch of bodies does.
    let pending = last.site.config.search.then_some(crate::paths::SEARCH);
    let missing = crate::missing_pages(
        &last.site,
        caches.render.planned(),
        &last.static_files,
        pending,
        last.strict,
    )
    .map_err(site_error)?;
    timings.extend(patched.timings);
    last.search_pending = last.site.config.search;
    Ok(Some(Regenerated {
        pages: Served::Patch {
            changed: patched.pages,
            removed: patched.removed,
            pending: last
                .search_pending
                .then(|| crate::paths::SEARCH.to_string()),
        },
        static_files: last.static_files.clone(),
        warnings: with_missing(&last.warnings, missing),
        timings,
        rendered: patched.rendered,
        root: last.site.config.root_path().to_string(),
    }))
}

/// The actor whose profile `new` is an edit of, if swapping it in leaves
/// the model as a fresh build would make it but for the profile: the
/// same name, aliases, names in other languages, spellings not looked for
/// and image, and no warning about the old profile to drop.
fn actor_of(site: &Site, new: &Profile, warnings: &[Diagnostic]) -> Option<usize> {
    let actors = site.actors();
    let id = actors
        .iter()
        .position(|term| term.profile.as_ref().is_some_and(|p| p.path == new.path))?;
    let old = actors[id].profile.as_ref()?;
    let (a, b) = (&old.matter, &new.matter);
    let same = old.slug == new.slug
        && old.image == new.image
        && a.name == b.name
        && a.aliases == b.aliases
        && a.names == b.names
        && a.no_mentions == b.no_mentions
        && a.image.as_ref().map(|i| &i.file) == b.image.as_ref().map(|i| &i.file);
    let warned = warnings.iter().any(|w| w.path == old.path);
    (same && !warned).then_some(id)
}

/// The articles that show actors `ids`' profiles: those listing one
/// (roles on the day, JSON-LD) or naming one in their body (JSON-LD's
/// `mentions`), sorted.
fn showing(site: &Site, bodies: &[Arc<Body>], ids: &[usize]) -> Vec<usize> {
    let actors = site.actors();
    let mut shown: Vec<usize> = ids
        .iter()
        .flat_map(|&id| actors[id].articles.iter().copied())
        .collect();
    shown.extend(
        bodies
            .iter()
            .enumerate()
            .filter(|(_, body)| body.mentions.iter().any(|m| ids.contains(&m.actor)))
            .map(|(index, _)| index),
    );
    shown.sort_unstable();
    shown.dedup();
    shown
}

/// Renders what changed after the profiles of actors `ids` were swapped
/// into `site`; `None` when `cache` cannot be patched (nothing rendered
/// yet, other settings or templates): the caller renders the whole site.
fn render_profiles(
    site: &Site,
    templates: &Arc<Templates>,
    cache: &mut RenderCache,
    ids: &[usize],
) -> Result<Option<Patch>, Vec<Diagnostic>> {
    if cache.jobs.is_empty() || cache.bodies.len() != site.articles.len() {
        return Ok(None);
    }
    let bodies = std::mem::take(&mut cache.bodies);
    let result = replan(site, &bodies, templates, cache, ids);
    cache.bodies = bodies;
    result
}

/// The kept plan patched for the profiles of actors `ids`, and the pages
/// whose fingerprint changed.
fn replan(
    site: &Site,
    bodies: &[Arc<Body>],
    templates: &Arc<Templates>,
    cache: &mut RenderCache,
    ids: &[usize],
) -> Result<Option<Patch>, Vec<Diagnostic>> {
    let mut timings = Timings::default();
    let started = Instant::now();
    find_holders(cache);
    // The actors' links with their roles, and their JSON-LD.
    cache.reuse.reshare(site);
    let changed = showing(site, bodies, ids);
    let Some((planner, replaced)) =
        Planner::patched(site, bodies, templates, &mut cache.reuse, &changed)?
    else {
        return Ok(None);
    };
    let Some(planner) = planner.with_kept(&cache.reuse) else {
        return Ok(None);
    };
    let started = timings.lap("list entries", started);
    let mut dirty: Vec<usize> = article_jobs(&cache.jobs, &changed).collect();
    dirty.extend(substitute(cache, replaced));
    let pages = ids
        .iter()
        .flat_map(|&id| planner.profile_pages(id))
        .collect();
    let Some(replanned) = replace_jobs(&mut cache.jobs, pages) else {
        return Ok(None);
    };
    dirty.extend(replanned);
    dirty.sort_unstable();
    dirty.dedup();
    let started = timings.lap("patch plan", started);
    let (pages, rendered) = fingerprint_dirty(&planner, templates, cache, &dirty);
    timings.lap("fingerprint", started);
    Ok(Some(Patch {
        pages,
        removed: Vec::new(),
        rendered,
        timings,
    }))
}

/// Puts each of `made` in the place of the job in `jobs` with its path;
/// returns their positions, or `None` when one has no such job (the kept
/// plan is not shaped as the new one).
fn replace_jobs(jobs: &mut [Job], made: Vec<Job>) -> Option<Vec<usize>> {
    // A later job for a path (the index, after another actor's) wins: it
    // was planned from the same site.
    let mut made: HashMap<String, Job> = made.into_iter().map(|j| (j.path.clone(), j)).collect();
    let mut replaced = Vec::with_capacity(made.len());
    for (n, job) in jobs.iter_mut().enumerate() {
        if let Some(new) = made.remove(&job.path) {
            *job = new;
            replaced.push(n);
        }
    }
    made.is_empty().then_some(replaced)
}
