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
use super::{Incremental, Last, Regenerated};
use crate::BuildOptions;
use crate::error::{BuildError, Diagnostic};
use crate::load::{self, Profile};
use crate::model::roles;
use crate::model::{Site, Taxonomy};
use crate::render::markdown::Body;
use crate::render::pages::{Job, Planner};
use crate::render::views::Urls;
use crate::render::{Templates, jsonld};
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
    if last.outdated(options)? {
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
    let mut reach = Reach::default();
    let urls = Urls::new(&last.site.config, &last.site.translations);
    for (id, new) in edited {
        let before = Shown::of(&last.site, &urls, id);
        last.site.terms[Taxonomy::Actor][id].profile = Some(new);
        let after = Shown::of(&last.site, &urls, id);
        reach.add(&last.site, id, &before, &after);
    }
    reach.ids.sort_unstable();
    reach.ids.dedup();
    timings.lap("model", started);
    let patched = render_profiles(&last.site, &last.templates, &mut caches.render, &reach)
        .map_err(|found| last.site_error(found))?;
    let Some(patched) = patched else {
        return Ok(None);
    };
    // The plan's paths are those of the last rebuild: the root-relative
    // links of articles are checked again as a patch of bodies does.
    last.served_patch(patched, caches.render.planned(), timings)
        .map(Some)
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

/// What the values of articles (list and feed entries, article pages)
/// show of one actor's profile.
#[derive(PartialEq)]
struct Shown {
    /// Its JSON-LD (kind, links, Wikidata), in the articles that list it
    /// or name it in their body.
    thing: serde_json::Value,
    /// The role beside its name on the day of each article listing it.
    roles: Vec<Option<String>>,
}

impl Shown {
    fn of(site: &Site, urls: &Urls, id: usize) -> Self {
        let term = &site.actors()[id];
        let matter = term.profile.as_ref().map(|p| &p.matter);
        let (roles, undated) = matter.map_or((&[][..], None), |m| (&m.roles, m.role.as_deref()));
        Self {
            thing: jsonld::actor_thing(urls, term),
            roles: term
                .articles
                .iter()
                .map(|&i| site.articles[i].article.matter.date.date)
                .map(|day| roles::title_on(roles, undated, day).map(str::to_string))
                .collect(),
        }
    }
}

/// Which articles' values a profile edit changes.
#[derive(Default)]
struct Reach {
    /// The actors whose profiles changed.
    ids: Vec<usize>,
    /// Articles listing one of them with another role on their day.
    retitled: Vec<usize>,
    /// The actors whose JSON-LD changed: every article listing or naming
    /// them.
    things: Vec<usize>,
}

impl Reach {
    /// Actor `id` of `site`, shown as `before`, now shows as `after`.
    fn add(&mut self, site: &Site, id: usize, before: &Shown, after: &Shown) {
        self.ids.push(id);
        if before.thing != after.thing {
            self.things.push(id);
        }
        // The same actor, so the same articles in the same order.
        let articles = &site.actors()[id].articles;
        self.retitled.extend(
            articles
                .iter()
                .zip(before.roles.iter().zip(&after.roles))
                .filter(|(_, (before, after))| before != after)
                .map(|(&index, _)| index),
        );
    }

    /// The articles whose values change, sorted.
    fn articles(&self, site: &Site, bodies: &[Arc<Body>]) -> Vec<usize> {
        let actors = site.actors();
        let mut shown = self.retitled.clone();
        shown.extend(
            self.things
                .iter()
                .flat_map(|&id| actors[id].articles.iter().copied()),
        );
        if !self.things.is_empty() {
            shown.extend(
                bodies
                    .iter()
                    .enumerate()
                    .filter(|(_, body)| {
                        body.mentions.iter().any(|m| self.things.contains(&m.actor))
                    })
                    .map(|(index, _)| index),
            );
        }
        shown.sort_unstable();
        shown.dedup();
        shown
    }
}

/// Renders what changed after the profiles of actors `reach.ids` were swapped
/// into `site`; `None` when `cache` cannot be patched (nothing rendered
/// yet, other settings or templates): the caller renders the whole site.
fn render_profiles(
    site: &Site,
    templates: &Arc<Templates>,
    cache: &mut RenderCache,
    reach: &Reach,
) -> Result<Option<Patch>, Vec<Diagnostic>> {
    if cache.jobs.is_empty() || cache.bodies.len() != site.articles.len() {
        return Ok(None);
    }
    let bodies = std::mem::take(&mut cache.bodies);
    let result = replan(site, &bodies, templates, cache, reach);
    cache.bodies = bodies;
    result
}

/// The kept plan patched for the profiles of actors `reach.ids`, and the pages
/// whose fingerprint changed.
fn replan(
    site: &Site,
    bodies: &[Arc<Body>],
    templates: &Arc<Templates>,
    cache: &mut RenderCache,
    reach: &Reach,
) -> Result<Option<Patch>, Vec<Diagnostic>> {
    let mut timings = Timings::default();
    let started = Instant::now();
    find_holders(cache);
    // The actors' links with their roles, and their JSON-LD.
    cache.reuse.reshare(site);
    let changed = reach.articles(site, bodies);
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
    let started = timings.lap("patch plan", started);
    let pages = reach
        .ids
        .iter()
        .flat_map(|&id| planner.profile_pages(id))
        .collect();
    let Some(replanned) = replace_jobs(&mut cache.jobs, pages) else {
        return Ok(None);
    };
    dirty.extend(replanned);
    dirty.sort_unstable();
    dirty.dedup();
    let started = timings.lap("plan pages", started);
    // Many pages hold the edited articles' values: each shared value is
    // hashed once.
    let seeds = planner.seeds(&cache.reuse);
    let (pages, rendered) = fingerprint_dirty(&planner, templates, cache, &dirty, Some(&seeds));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incremental::Served;
    use crate::render::deferred::Made;

    const PROFILE: &str = "content/actors/ada-novak.md";

    /// A site of three articles naming Ada Novak (one on a day her new
    /// role covers), one naming her in its body only, and her profile.
    fn site(dir: &std::path::Path) {
        let write = |path: &str, text: &str| {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(PROFILE, &profile("Envoy"));
        for (file, title, date) in [
            ("a.md", "Talks open", "2022-01-10"),
            ("b.md", "Talks stall", "2022-02-10"),
            ("c.md", "Talks close", "2022-03-10"),
        ] {
            write(
                &format!("content/{file}"),
                &format!("---\ntitle: {title}\ndate: {date}\nactors: [Ada Novak]\n---\nText.\n"),
            );
        }
        write(
            "content/d.md",
            "---\ntitle: A readout\ndate: 2022-03-11\n---\nAda Novak called.\n",
        );
    }

    /// Ada Novak's profile with the undated role `role` and, from March
    /// 2022, the dated role "Special Envoy".
    fn profile(role: &str) -> String {
        format!(
            "---\nname: Ada Novak\nrole: {role}\nroles:\n  - title: Special Envoy\n    from: 2022-03-01\n---\nAn envoy.\n"
        )
    }

    /// The files a save of `text` over Ada Novak's profile changed, each
    /// checked against a fresh build; `None` when it rebuilt whole.
    fn save(dir: &std::path::Path, caches: &mut Incremental, text: &str) -> Option<Vec<String>> {
        std::fs::write(dir.join(PROFILE), text).unwrap();
        let options = BuildOptions::new(dir);
        let changed = [PathBuf::from(PROFILE)];
        let regenerated = super::super::regenerate(&options, caches, &changed).unwrap();
        let Served::Patch { changed, .. } = regenerated.pages else {
            return None;
        };
        let built = crate::generate(&options).unwrap();
        let mut paths = Vec::new();
        for made in changed {
            let bytes = match &made {
                Made::Ready(page) => page.body.clone(),
                Made::Later(page) => page.render().unwrap(),
            };
            let fresh = built.pages.iter().find(|p| p.path == made.path()).unwrap();
            assert_eq!(bytes, fresh.body, "{}", made.path());
            paths.push(made.path().to_string());
        }
        Some(paths)
    }

    #[test]
    fn a_role_edit_is_patched_and_reaches_only_the_articles_whose_role_changed() {
        let dir = tempfile::tempdir().unwrap();
        site(dir.path());
        let options = BuildOptions::new(dir.path());
        let mut caches = Incremental::default();
        super::super::regenerate(&options, &mut caches, &[]).unwrap();
        let changed = save(dir.path(), &mut caches, &profile("Mediator")).expect("patched");
        let has = |path: &str| changed.iter().any(|p| p == path);
        assert!(has("actors/ada-novak/index.html"), "{changed:?}");
        assert!(has("data/actors.json"), "{changed:?}");
        // The index shows the current (dated) role, which is the same.
        assert!(!has("actors/index.html"), "{changed:?}");
        // January and February show the undated role; March's briefing
        // shows the dated one, which did not change.
        assert!(has("2022/01/10/talks-open/index.html"), "{changed:?}");
        assert!(has("2022/02/10/talks-stall/index.html"), "{changed:?}");
        assert!(!has("2022/03/10/talks-close/index.html"), "{changed:?}");
        assert!(!has("2022/03/11/a-readout/index.html"), "{changed:?}");
    }

    #[test]
    fn a_new_name_or_alias_rebuilds_whole() {
        let dir = tempfile::tempdir().unwrap();
        site(dir.path());
        let options = BuildOptions::new(dir.path());
        let mut caches = Incremental::default();
        super::super::regenerate(&options, &mut caches, &[]).unwrap();
        let renamed =
            profile("Envoy").replace("name: Ada Novak", "name: Ada Novak\naliases: [A. Novak]");
        assert_eq!(save(dir.path(), &mut caches, &renamed), None);
        let patched = save(
            dir.path(),
            &mut caches,
            &renamed.replace("An envoy.", "An old envoy."),
        );
        assert!(patched.is_some_and(|changed| changed.contains(&"actors/ada-novak/index.html".to_string())));
    }
}
