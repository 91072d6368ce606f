//! A save patched into the last rebuild's model by a delta
//! ([`crate::model::delta`]) when it is more than a body or a title that
//! keeps its place: any front-matter key (a title that reorders its day,
//! the date, actors, places, tags, authors, a milestone, aliases,
//! corrections), `draft:` set or cleared, a new article, one deleted, a
//! file renamed. Files there before and after were read again already
//! (`LoadCache::reread`: nothing else is looked at), a new file read
//! alone (`LoadCache::read_new`), a deleted one forgotten alone
//! (`LoadCache::forget`); otherwise (after a folder changed) the load
//! lists the site and reads the watcher's paths ([`load::load_cached`]).
//! The articles
//! that are not the same as the site's leave the model and those that
//! are new come in; the warnings
//! of the load and of the model are replaced by the new ones; then every
//! page is planned and fingerprinted again through the caches
//! ([`super::whole`]). An edit that changes what is scheduled or expired,
//! or one the delta refuses, goes to the whole rebuild.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::{Incremental, Last, Regenerated, Served, replan, whole};
use crate::BuildOptions;
use crate::error::{self, BuildError, Diagnostic};
use crate::load::publication::{Publication, Rules, goes_live};
use crate::load::{self, Article, Content};
use crate::model::Entry;
use crate::model::delta::{self, Inputs};
use crate::timings::Timings;

/// An article file as the last load had it and as it is now, each with
/// the problems found reading it (`LoadCache::reread`).
pub(super) type Reread = (
    (Option<Arc<Article>>, Vec<Diagnostic>),
    (Option<Arc<Article>>, Vec<Diagnostic>),
);

/// The rebuild after the article files `changed` changed (new, edited
/// or gone; `reread`: each read again, when all were there before and
/// still are), the model patched by a delta and the pages planned again;
/// `None` when it cannot be (then `last` may be half patched and is
/// dropped).
pub(super) fn patch(
    options: &BuildOptions,
    caches: &mut Incremental,
    last: &mut Last,
    changed: &[PathBuf],
    reread: Option<Vec<Reread>>,
    mut timings: Timings,
) -> Result<Option<Regenerated>, BuildError> {
    // Under --strict a warning is an error: the whole rebuild says so.
    if last.strict || !last.site.languages.is_empty() {
        return Ok(None);
    }
    let started = Instant::now();
    let rules = options.rules()?;
    let edit = match reread {
        Some(reread) => Edit::reread(last, &rules, reread),
        None => Edit::load(options, caches, last, &rules, changed),
    };
    let Some(edit) = edit else {
        return Ok(None);
    };
    let started = timings.lap("load", started);
    let inputs = Inputs {
        profiles: &last.inputs.profiles,
        authors: &last.inputs.authors,
    };
    let before = replan::Before::of(&last.site, &edit.removed);
    let Some(mut applied) = delta::apply(&mut last.site, &edit.removed, &edit.added, &inputs)
    else {
        return Ok(None);
    };
    if applied.problems.iter().any(Diagnostic::is_error) {
        return Ok(None);
    }
    if let Some(publication) = edit.publication {
        last.site.publication = publication;
    }
    let mut warnings = std::mem::take(&mut last.warnings);
    without(&mut warnings, &last.inputs.load_warnings);
    without(&mut warnings, &last.inputs.warnings);
    warnings.extend(edit.load_warnings.iter().cloned());
    warnings.extend(applied.problems.iter().cloned());
    error::sort(&mut warnings);
    last.warnings = warnings;
    last.inputs.load_warnings = edit.load_warnings;
    last.inputs.warnings = std::mem::take(&mut applied.problems);
    // Named apart from a whole rebuild's "model": tests and `--timings`
    // tell the two paths by it.
    timings.lap("model delta", started);
    if let Some(done) = replan::render(caches, last, &applied, &before, &mut timings)? {
        return Ok(Some(done));
    }
    render(caches, last, timings).map(Some)
}

/// The articles an edit takes out of the site and puts in, with what the
/// load finds now.
struct Edit {
    removed: Vec<Arc<Article>>,
    added: Vec<Arc<Article>>,
    /// What was published and when, if loaded again.
    publication: Option<Publication>,
    /// Every problem the load finds now.
    load_warnings: Vec<Diagnostic>,
}

impl Edit {
    /// The edit of the files `reread` (each there before and now, new, or
    /// gone): the old article out if the site has it, the new one in if
    /// published.
    /// `None` when one does not parse or is (or was) scheduled or
    /// expiring: what is published then changes in ways this does not
    /// follow.
    fn reread(last: &Last, rules: &Rules, reread: Vec<Reread>) -> Option<Self> {
        let timezone = last.site.publication.timezone;
        let live = |article: &Article| {
            (rules.drafts || !article.matter.draft)
                && article.matter.expires.is_none()
                && goes_live(&article.matter.date, timezone) <= rules.now
        };
        let draft = |article: &Article| !rules.drafts && article.matter.draft;
        let mut load_warnings = last.inputs.load_warnings.clone();
        let (mut removed, mut added) = (Vec::new(), Vec::new());
        for ((old, old_found), (new, new_found)) in reread {
            // No article and nothing found now: a file gone
            // (`LoadCache::forget`); else no article is an error.
            if new.is_none() && !new_found.is_empty() {
                return None;
            }
            // No former article: a new file (`LoadCache::read_new`).
            if let Some(old) = old {
                let shown = last
                    .site
                    .articles
                    .iter()
                    .any(|entry| Arc::ptr_eq(&entry.article, &old));
                match shown {
                    true if live(&old) => removed.push(old),
                    false if draft(&old) => {}
                    _ => return None,
                }
            }
            match new {
                Some(new) if live(&new) => added.push(new),
                Some(new) if !draft(&new) => return None,
                _ => {}
            }
            without(&mut load_warnings, &old_found);
            load_warnings.extend(new_found);
        }
        Some(Edit {
            removed,
            added,
            publication: None,
            load_warnings,
        })
    }

    /// The edit the load of the watcher's paths `changed` finds
    /// ([`load::load_cached`]): the site's articles it no longer returns
    /// out, those it returns that the site has not in. `None` on an error
    /// or when it publishes otherwise (other articles withheld or shown
    /// early, another next change).
    fn load(
        options: &BuildOptions,
        caches: &mut Incremental,
        last: &mut Last,
        rules: &Rules,
        changed: &[PathBuf],
    ) -> Option<Self> {
        caches.load.changed(changed);
        let (content, found) = load::load_cached(&options.root, rules, &mut caches.load);
        if found.iter().any(Diagnostic::is_error)
            || !same_publication(&content.publication, &last.site.publication)
        {
            return None;
        }
        let (removed, added) = difference(&last.site.articles, &content);
        last.inputs.profiles = content.profiles;
        last.inputs.authors = content.authors;
        Some(Edit {
            removed,
            added,
            publication: Some(content.publication),
            load_warnings: found,
        })
    }
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
fn difference(site: &[Entry], content: &Content) -> (Vec<Arc<Article>>, Vec<Arc<Article>>) {
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
    .map_err(|found| last.site_error(found))?;
    timings.extend(rendering.timings);
    let pages = Served::Whole {
        pages: rendering.files,
        pending: pending.map(str::to_string),
    };
    Ok(last.served(pages, rendering.changed, missing, timings))
}

#[cfg(test)]
mod tests;
