//! The render side of the delta path ([`super::delta`]): after
//! `model::delta::apply` patched the kept site, only the pages the edit
//! touches are planned again, and only those fingerprinted.
//!
//! - Markdown: the kept bodies ([`whole::delta_bodies`], by index: only new or
//!   changed bodies, and those naming an actor name that came or went,
//!   rendered again).
//! - Per-article values ([`Planner::replanned`]): made again only for the
//!   articles added, those whose body shows otherwise, and those whose
//!   related briefings or referrers ("referred to by") changed, as lists
//!   of articles (indexes moved by `Applied::moved`); the others are the
//!   kept ones.
//! - Pages ([`Planner::plan`] with a [`Keep`]): the one list of every
//!   page, in which the pages of a term, an author, a day, a week or a
//!   month the edit does not touch are taken from the kept plan by path.
//!   Touched: the terms and authors the old or new version of an edited
//!   article names (and the actors whose pages show their co-actors or
//!   places otherwise: the order of ties, and which of two actors owns
//!   their pair page, follow the terms' order, which counts change), the
//!   days, months (those of its ISO week too: the
//!   month grids link weeks) and weeks of its old and new dates with their
//!   neighbours (a week spans its month and at most one beside it, whose
//!   grid links it), and the days of the same date in other years ("on
//!   this day"). The home's pages that show the same entries (shared
//!   values) are taken too, and the sitemap's entries whose page keeps its
//!   address and date. Everything else (the home feed, article pages,
//!   indexes, years, the archive, the chronology, redirects, data files)
//!   is planned every time: each is cheap, or shows every article.
//! - Fingerprints: only of the jobs planned again; the pages whose
//!   fingerprint changed are handed to `serve` as a patch, and the kept
//!   plan's paths that the new plan lacks as removed.
//! - Templates: only those no run has rendered since they last changed
//!   are tried ([`try_templates`]).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use chrono::{Datelike, NaiveDate};

use super::{Incremental, Last, Regenerated, Served, names, whole};
use crate::error::{BuildError, Diagnostic};
use crate::load::Article;
use crate::model::delta::Applied;
use crate::model::{Entry, Site, Taxonomy};
use crate::paths;
use crate::render::Templates;
use crate::render::deferred::{Deferred, Made};
use crate::render::markdown::Body;
use crate::render::mentions::Mentions;
use crate::render::pages::{Job, Keep, Planner};
use crate::render::vars::Seeds;
use crate::timings::Timings;
use rayon::prelude::*;

/// What the site showed before the delta that the render side needs:
/// each article's related briefings and referrers, and where the articles
/// the edit takes out were listed.
pub(super) struct Before {
    related: Vec<Vec<usize>>,
    referrers: Vec<Vec<usize>>,
    /// The folders of the terms and authors of the removed articles.
    folders: Vec<String>,
    /// Their dates.
    dates: Vec<NaiveDate>,
    /// What each actor's pages showed of its co-actors
    /// ([`relation_prints`]).
    co_actors: HashMap<String, u64>,
}

impl Before {
    /// `site` before `removed` leave it.
    pub(super) fn of(site: &Site, removed: &[Arc<Article>]) -> Self {
        let gone: HashSet<*const Article> = removed.iter().map(Arc::as_ptr).collect();
        let mut folders = Vec::new();
        let mut dates = Vec::new();
        for entry in &site.articles {
            if gone.contains(&Arc::as_ptr(&entry.article)) {
                listed_in(site, entry, &mut folders);
                dates.push(entry.article.matter.date.date);
            }
        }
        Self {
            related: site.relations.related.clone(),
            referrers: site.articles.iter().map(|e| e.referrers.clone()).collect(),
            folders,
            dates,
            co_actors: relation_prints(site)
                .into_iter()
                .map(|(path, print)| (path.to_string(), print))
                .collect(),
        }
    }
}

/// The folders of the term and author pages that list `entry`.
fn listed_in(site: &Site, entry: &Entry, folders: &mut Vec<String>) {
    for (taxonomy, ids) in entry.terms.iter() {
        folders.extend(ids.iter().map(|&id| site.terms[taxonomy][id].path.clone()));
    }
    folders.extend(
        entry
            .authors
            .iter()
            .map(|&id| site.authors[id].path.clone()),
    );
}

/// The pages of the patched site planned again where the edit reaches
/// them, handed to `serve` as a patch. `None` when the kept caches do not
/// fit (nothing planned yet, other settings or templates, another
/// automaton of names that cannot be followed): the caller plans every
/// page.
pub(super) fn render(
    caches: &mut Incremental,
    last: &mut Last,
    applied: &Applied,
    before: &Before,
    timings: &mut Timings,
) -> Result<Option<Regenerated>, BuildError> {
    let site = &last.site;
    let cache = &mut caches.render;
    let root = (
        site.config.root_path().to_string(),
        site.config.link_mentions,
    );
    if cache.jobs.is_empty() || cache.bodies.len() != applied.moved.len() || cache.root != root {
        return Ok(None);
    }
    let started = Instant::now();
    let mentions = Mentions::new(site);
    let Some(names) = names::Change::between(cache.mentions.as_deref(), mentions.as_ref()) else {
        return Ok(None);
    };
    let bodies = whole::delta_bodies(
        site,
        mentions.as_ref(),
        &names,
        &applied.moved,
        &mut cache.markdown,
    );
    // The Markdown cache now follows these names.
    cache.mentions = mentions.map(Arc::new);
    let started = timings.lap("markdown", started);
    let reach = Reach::of(site, applied, before, &cache.bodies, &bodies);
    let site_error = |found: Vec<Diagnostic>| last.site_error(found);
    let templates = &last.templates;
    let made = (&reach.made[..], &applied.moved[..]);
    let planner =
        Planner::replanned(site, &bodies, templates, &mut cache.reuse, made).map_err(site_error)?;
    let Some(mut planner) = planner else {
        return Ok(None);
    };
    planner.index_later = site.config.search;
    let started = timings.lap("list entries", started);
    let keep = Arc::new(Keep::new(std::mem::take(&mut cache.jobs), reach.touched));
    planner.keep = Some(keep.clone());
    let jobs = planner.plan(templates);
    planner.keep = None;
    let pending = site.config.search.then_some(paths::SEARCH);
    let missing = crate::missing_pages(site, &jobs, &last.static_files, pending, last.strict)
        .map_err(site_error)?;
    // Named apart from the whole path's "plan pages": tests and
    // `--timings` tell the paths by it.
    let started = timings.lap("replan", started);
    // The seeds the last delta left, with this one's values' (taken out
    // while `cache` is lent, and put back).
    let mut seeds = std::mem::take(cache.reuse.kept_seeds());
    cache.sitemap.seed(&jobs, &mut seeds);
    let (changed, removed) = fingerprint_fresh(&planner, templates, cache, &jobs, &keep, &seeds);
    let started = timings.lap("fingerprint", started);
    let tried = try_templates(&planner, templates, cache, &jobs, &changed, &seeds);
    *cache.reuse.kept_seeds() = seeds;
    tried.map_err(site_error)?;
    drop(planner);
    let rendered = changed.len();
    cache.jobs = jobs;
    cache.bodies = bodies;
    cache.holders = None;
    timings.lap("try each template", started);
    let pages = Served::Patch {
        changed,
        removed,
        pending: pending.map(str::to_string),
    };
    Ok(Some(last.served(
        pages,
        rendered,
        missing,
        std::mem::take(timings),
    )))
}

/// The jobs of `jobs` planned again (not taken from `keep`; article
/// pages only when their parts' fingerprint changed) fingerprinted, and
/// `cache.pages` updated: the files whose fingerprint changed, and the
/// kept paths the new plan lacks.
fn fingerprint_fresh(
    planner: &Planner<'_>,
    templates: &Arc<Templates>,
    cache: &mut whole::RenderCache,
    jobs: &[Job],
    keep: &Keep,
    seeds: &Seeds,
) -> (Vec<Made>, Vec<String>) {
    let taken = keep.taken();
    // An article page's fingerprint was taken with its parts: those
    // unchanged are not made into pages again.
    let unchanged = |job: &Job| {
        planner.article_page_of(job).is_some_and(|(page, _)| {
            cache.pages.get(&job.path) == Some(&(page.print ^ templates.fingerprint()))
        })
    };
    let planned: Vec<&Job> = jobs.iter().filter(|job| !taken.contains(job)).collect();
    let fresh: Vec<&Job> = planned
        .iter()
        .filter(|job| !unchanged(job))
        .copied()
        .collect();
    let fingerprinted = whole::fingerprint(planner, templates, &fresh, seeds, None);
    let (files, _, prints, _) =
        whole::deferred_files(&fresh, fingerprinted, &cache.pages, templates);
    let changed: Vec<Made> = files
        .into_iter()
        .filter(|file| cache.pages.get(file.path()) != prints.get(file.path()))
        .collect();
    // A kept path the new plan lacks is one of those not taken: no
    // taken job's path was elsewhere in the kept plan.
    let now: ahash::AHashSet<&str> = planned.iter().map(|j| j.path.as_str()).collect();
    let removed: Vec<String> = keep
        .left()
        .into_iter()
        .map(|job| job.path)
        .filter(|path| !now.contains(path.as_str()))
        .collect();
    for path in &removed {
        cache.pages.remove(path);
    }
    cache.pages.extend(prints);
    (changed, removed)
}

/// The first page of each template that no run since the templates last
/// changed rendered (a kind of page the site had none of) rendered once,
/// to find template errors: as `changed` has it when there (it was
/// fingerprinted just now), else fingerprinted.
///
/// The templates are those the last run had, and it rendered the first
/// page of every template it used without error (else it failed and no
/// delta follows it). What an edit can bring is then an error that
/// depends on data: an edited value a template cannot take (an index
/// past the end of a list, a missing field, a filter refusing a value).
/// Such an error is no more bound to the first page of a template than
/// to any other; it is reported where the data shows, when the page is
/// requested (every page renders on request): the edited article's page
/// first, which the reload asks for. Trying the first pages again would
/// find it only on them, at the cost of rendering the sitemap (every
/// page's address) on every edit.
fn try_templates(
    planner: &Planner<'_>,
    templates: &Arc<Templates>,
    cache: &mut whole::RenderCache,
    jobs: &[Job],
    changed: &[Made],
    seeds: &Seeds,
) -> Result<(), Vec<Diagnostic>> {
    let rendered: HashSet<&'static str> = cache.tried.iter().map(|(t, _, _)| *t).collect();
    let mut seen = HashSet::new();
    let untried: Vec<&Job> = jobs
        .iter()
        .filter_map(|job| Some((job.template()?, job)))
        .filter(|(template, _)| seen.insert(*template) && !rendered.contains(template))
        .map(|(_, job)| job)
        .collect();
    if untried.is_empty() {
        return Ok(());
    }
    let made: HashMap<&str, &Arc<Deferred>> = changed
        .iter()
        .filter_map(|file| match file {
            Made::Later(page) => Some((page.path.as_str(), page)),
            Made::Ready(_) => None,
        })
        .filter(|(path, _)| untried.iter().any(|job| job.path == *path))
        .collect();
    let others: Vec<&Job> = untried
        .iter()
        .filter(|job| !made.contains_key(job.path.as_str()))
        .copied()
        .collect();
    let fingerprinted = whole::fingerprint(planner, templates, &others, seeds, None);
    let (_, mut later, _, _) =
        whole::deferred_files(&others, fingerprinted, &cache.pages, templates);
    later.extend(made.into_values().cloned());
    // One page per template: rendered side by side.
    let problems: Vec<Diagnostic> = later
        .par_iter()
        .filter_map(|page| page.render().err())
        .collect();
    if !problems.is_empty() {
        return Err(crate::render::distinct(problems));
    }
    cache.tried.extend(untried.iter().filter_map(|job| {
        let print = cache.pages.get(&job.path).copied().unwrap_or_default();
        Some((job.template()?, job.path.clone(), print))
    }));
    Ok(())
}

/// What an edit reaches beyond its own articles.
struct Reach {
    /// The articles whose values are made again (sorted indexes).
    made: Vec<usize>,
    /// The folders of the term, author and date pages planned again.
    touched: HashSet<String>,
}

impl Reach {
    /// The reach of `applied` on `site` (`before`: the site before it;
    /// `old_bodies`: its Markdown, `bodies`: the Markdown now).
    fn of(
        site: &Site,
        applied: &Applied,
        before: &Before,
        old_bodies: &[Arc<Body>],
        bodies: &[Arc<Body>],
    ) -> Self {
        let moved = &applied.moved;
        let old_of = crate::model::delta::former(moved, site.articles.len());
        // Articles shown otherwise in lists (their entry or feed entry).
        let mut listed = applied.added.clone();
        let mut made = applied.added.clone();
        for (index, old) in old_of.iter().enumerate() {
            let Some(old) = *old else { continue };
            if shows_otherwise(&old_bodies[old], &bodies[index]) {
                listed.push(index);
                made.push(index);
            } else if !same_moved(&before.related[old], &site.relations.related[index], moved)
                || !same_moved(
                    &before.referrers[old],
                    &site.articles[index].referrers,
                    moved,
                )
            {
                made.push(index);
            }
        }
        made.sort_unstable();
        made.dedup();
        let mut folders = before.folders.clone();
        let mut dates = before.dates.clone();
        for &index in &listed {
            let entry = &site.articles[index];
            listed_in(site, entry, &mut folders);
            dates.push(entry.article.matter.date.date);
        }
        let mut touched: HashSet<String> = folders.into_iter().collect();
        co_actors(site, &before.co_actors, &mut touched);
        dates.sort_unstable();
        dates.dedup();
        calendar(site, &dates, &mut touched);
        Self { made, touched }
    }
}

/// Whether a body shows otherwise than `old` in an article's page or
/// entries (a body given new actor indexes alone does not).
fn shows_otherwise(old: &Arc<Body>, new: &Arc<Body>) -> bool {
    !Arc::ptr_eq(old, new)
        && (old.html != new.html
            || old.feed_html != new.feed_html
            || old.first_paragraph != new.first_paragraph
            || old.words != new.words)
}

/// Whether `old` (indexes before the delta) names the articles `new`
/// does, in the same order.
fn same_moved(old: &[usize], new: &[usize], moved: &[Option<usize>]) -> bool {
    old.len() == new.len() && old.iter().zip(new).all(|(&o, &n)| moved[o] == Some(n))
}

/// What each actor's pages show of other terms, by the actor's path,
/// hashed: each top co-actor's path, shared count and first shared
/// article, whether their pair has a page and whose it is (the more
/// covered actor's: an edit that changes the actors' order moves it),
/// and its places with their counts, in order (ties follow the places'
/// order, which counts change).
fn relation_prints(site: &Site) -> HashMap<&str, u64> {
    let actors = &site.terms[Taxonomy::Actor];
    site.relations
        .co_actors
        .iter()
        .enumerate()
        .map(|(id, co)| {
            let mut hasher = xxhash_rust::xxh3::Xxh3::new();
            for co in co {
                hasher.update(actors[co.actor].path.as_bytes());
                hasher.update(&[0, u8::from(co.own_page), u8::from(co.has_page())]);
                hasher.update(&co.articles.len().to_le_bytes());
                if let Some(&first) = co.articles.first() {
                    hasher.update(site.articles[first].path.as_bytes());
                }
                hasher.update(&[0xff]);
            }
            // Its places, in order (ties follow the places' order).
            for &(place, count) in &site.relations.places[id] {
                hasher.update(site.terms[Taxonomy::Place][place].path.as_bytes());
                hasher.update(&count.to_le_bytes());
            }
            (actors[id].path.as_str(), hasher.digest())
        })
        .collect()
}

/// The actors whose pages show other terms otherwise than `before`
/// (by [`relation_prints`]).
fn co_actors(site: &Site, before: &HashMap<String, u64>, touched: &mut HashSet<String>) {
    for (path, print) in relation_prints(site) {
        if before.get(path) != Some(&print) {
            touched.insert(path.to_string());
        }
    }
}

/// The date pages an article on one of `dates` (before or after the
/// edit) shows on: its day, month and ISO week and their neighbours (one
/// that appeared or went changes theirs; month grids link week pages, and
/// a week spans at most its month and one beside it), and its date in
/// other years ("on this day").
fn calendar(site: &Site, dates: &[NaiveDate], touched: &mut HashSet<String>) {
    let months: Vec<(i32, u32)> = site
        .years
        .iter()
        .flat_map(|y| &y.months)
        .map(|m| (m.year, m.month))
        .collect();
    let days: Vec<NaiveDate> = site
        .years
        .iter()
        .flat_map(|y| &y.months)
        .flat_map(|m| &m.days)
        .map(|d| d.date)
        .collect();
    let weeks: Vec<(i32, u32)> = site.weeks.iter().map(|w| (w.year, w.week)).collect();
    let mut same: HashMap<(u32, u32), Vec<NaiveDate>> = HashMap::new();
    for &day in &days {
        same.entry((day.month(), day.day())).or_default().push(day);
    }
    for &date in dates {
        touched.extend(around(&days, date).into_iter().map(paths::day));
        let others = same.get(&(date.month(), date.day())).into_iter().flatten();
        touched.extend(others.map(|&day| paths::day(day)));
        // A month's neighbours include the months beside it that have
        // pages: a week appearing across two months changes both grids.
        let month = around(&months, (date.year(), date.month()));
        touched.extend(month.into_iter().map(|(y, m)| paths::month(y, m)));
        let iso = date.iso_week();
        let weeks = around(&weeks, (iso.year(), iso.week()));
        touched.extend(weeks.into_iter().map(|(y, w)| paths::week(y, w)));
    }
}

/// In a newest-first list, `key` if there and the items just newer and
/// just older than it.
fn around<T: Ord + Copy>(items: &[T], key: T) -> Vec<T> {
    let at = items.partition_point(|item| *item > key);
    items[at.saturating_sub(1)..(at + 2).min(items.len())].to_vec()
}

#[cfg(test)]
mod tests {
    use super::around;

    #[test]
    fn around_a_key_are_its_newer_and_older_neighbours_present_or_not() {
        let items = [9, 7, 5, 3];
        assert_eq!(around(&items, 7), vec![9, 7, 5]);
        assert_eq!(around(&items, 6), vec![7, 5, 3]);
        assert_eq!(around(&items, 10), vec![9, 7]);
        assert_eq!(around(&items, 1), vec![3]);
        assert_eq!(around(&items, 3), vec![5, 3]);
    }
}
