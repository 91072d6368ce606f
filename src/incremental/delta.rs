//! A save patched into the last rebuild's model by a delta
//! ([`crate::model::delta`]) when it is more than a body or a title that
//! keeps its place: any front-matter key (a title that reorders its day,
//! the date, actors, places, tags, authors, a milestone, aliases,
//! corrections), `draft:` set or cleared, a new article, one deleted, a
//! file renamed. The load reads the watcher's paths alone
//! ([`load::load_cached`]); the articles that are not the same as the
//! site's leave the model and those that are new come in; the warnings
//! of the load and of the model are replaced by the new ones; then every
//! page is planned and fingerprinted again through the caches
//! ([`super::whole`]). An edit that changes what is scheduled or expired,
//! or one the delta refuses, goes to the whole rebuild.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::{Incremental, Last, Regenerated, Served, whole, with_missing};
use crate::BuildOptions;
use crate::error::{self, BuildError, Diagnostic};
use crate::load::publication::Publication;
use crate::load::{self, Article, Content};
use crate::model::delta::{self, Inputs};
use crate::timings::Timings;

/// The rebuild after the article files `changed` changed (new, edited
/// or gone), the model patched by a delta and the pages planned again;
/// `None` when it cannot be (then `last` may be half patched and is
/// dropped).
pub(super) fn patch(
    options: &BuildOptions,
    caches: &mut Incremental,
    last: &mut Last,
    changed: &[PathBuf],
    mut timings: Timings,
) -> Result<Option<Regenerated>, BuildError> {
    // Under --strict a warning is an error: the whole rebuild says so.
    if last.strict || !last.site.languages.is_empty() {
        return Ok(None);
    }
    let started = Instant::now();
    let rules = options.rules()?;
    caches.load.changed(changed);
    let (content, load_found) = load::load_cached(&options.root, &rules, &mut caches.load);
    if load_found.iter().any(Diagnostic::is_error)
        || !same_publication(&content.publication, &last.site.publication)
    {
        return Ok(None);
    }
    let started = timings.lap("load", started);
    let (removed, added) = difference(&last.site.articles, &content);
    let inputs = Inputs {
        profiles: &content.profiles,
        authors: &content.authors,
    };
    let Some(applied) = delta::apply(&mut last.site, &removed, &added, &inputs) else {
        return Ok(None);
    };
    if applied.problems.iter().any(Diagnostic::is_error) {
        return Ok(None);
    }
    last.site.publication = content.publication;
    let mut warnings = std::mem::take(&mut last.warnings);
    without(&mut warnings, &last.inputs.load_warnings);
    without(&mut warnings, &last.inputs.warnings);
    warnings.extend(load_found.iter().cloned());
    warnings.extend(applied.problems.iter().cloned());
    error::sort(&mut warnings);
    last.warnings = warnings;
    last.inputs.load_warnings = load_found;
    last.inputs.warnings = applied.problems;
    // Named apart from a whole rebuild's "model": tests and `--timings`
    // tell the two paths by it.
    timings.lap("model delta", started);
    render(caches, last, timings).map(Some)
}

/// Whether two loads publish alike: the same articles withheld, shown
/// early, and the same next change (the time of the load aside).
fn same_publication(a: &Publication, b: &Publication) -> bool {
    a.timezone == b.timezone
        && a.withheld == b.withheld
        && a.early == b.early
        && a.scheduled == b.scheduled
        && a.next_live == b.next_live
        && a.next_change == b.next_change
}

/// The site's articles that `content` no longer has as they were, and
/// those it has that the site has not (a cached file keeps its article).
fn difference(
    site: &[crate::model::Entry],
    content: &Content,
) -> (Vec<Arc<Article>>, Vec<Arc<Article>>) {
    let now: HashSet<*const Article> = content.articles.iter().map(Arc::as_ptr).collect();
    let before: HashSet<*const Article> = site.iter().map(|e| Arc::as_ptr(&e.article)).collect();
    let removed = site
        .iter()
        .filter(|e| !now.contains(&Arc::as_ptr(&e.article)))
        .map(|e| e.article.clone())
        .collect();
    let added = content
        .articles
        .iter()
        .filter(|a| !before.contains(&Arc::as_ptr(a)))
        .cloned()
        .collect();
    (removed, added)
}

/// `warnings` without one of each of `gone`.
fn without(warnings: &mut Vec<Diagnostic>, gone: &[Diagnostic]) {
    for warning in gone {
        if let Some(at) = warnings.iter().position(|w| w == warning) {
            warnings.remove(at);
        }
    }
}

/// Every page of the patched site planned and fingerprinted again, as
/// after a whole rebuild (only pages whose fingerprint changed are sent).
fn render(
    caches: &mut Incremental,
    last: &mut Last,
    mut timings: Timings,
) -> Result<Regenerated, BuildError> {
    let pending = last.site.config.search.then_some(crate::paths::SEARCH);
    let mut missing = Vec::new();
    let rendering = whole::render_incremental(
        &last.site,
        &last.templates,
        &mut caches.render,
        None,
        |jobs| {
            missing =
                crate::missing_pages(&last.site, jobs, &last.static_files, pending, last.strict)?;
            Ok(())
        },
    )
    .map_err(|mut found| {
        found.extend(last.warnings.iter().cloned());
        error::sort(&mut found);
        BuildError::Site(found)
    })?;
    timings.extend(rendering.timings);
    last.search_pending = last.site.config.search;
    Ok(Regenerated {
        pages: Served::Whole {
            pages: rendering.files,
            pending: pending.map(str::to_string),
        },
        static_files: last.static_files.clone(),
        warnings: with_missing(&last.warnings, missing),
        timings,
        rendered: rendering.changed,
        root: last.site.config.root_path().to_string(),
    })
}
