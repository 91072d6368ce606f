//! A save patched into the last rebuild's model by a delta
//! ([`crate::model::delta`]) when it is more than a body or a title that
//! keeps its place: any front-matter key (a title that reorders its day,
//! the date, actors, places, tags, authors, a milestone, aliases,
//! corrections), or `draft:` set or cleared. The articles that changed
//! leave the model and come back as they are now; the warnings follow
//! (those of the files read again and the model's); then every page is
//! planned and fingerprinted again through the caches ([`super::whole`]).
//! An edit that changes what is scheduled or expired, one that does not
//! parse, or one the delta refuses goes to the whole rebuild.

use std::sync::Arc;
use std::time::Instant;

use super::{Incremental, Last, Regenerated, Served, whole, with_missing};
use crate::BuildOptions;
use crate::error::{self, BuildError, Diagnostic};
use crate::load::Article;
use crate::load::publication::{Rules, goes_live};
use crate::model::delta::{self, Inputs};
use crate::timings::Timings;

/// An article file as the last load had it and as it is now, each with
/// the problems found reading it.
pub(super) type Reread = (
    (Option<Arc<Article>>, Vec<Diagnostic>),
    (Option<Arc<Article>>, Vec<Diagnostic>),
);

/// The rebuild after the files `reread` changed, the model patched by a
/// delta and the pages planned again; `None` when it cannot be (then
/// `last` may be half patched and is dropped).
pub(super) fn patch(
    options: &BuildOptions,
    caches: &mut Incremental,
    last: &mut Last,
    reread: Vec<Reread>,
    mut timings: Timings,
    started: Instant,
) -> Result<Option<Regenerated>, BuildError> {
    // Under --strict a warning is an error: the whole rebuild says so.
    if last.strict || !last.site.languages.is_empty() {
        return Ok(None);
    }
    let rules = options.rules()?;
    let Some(edit) = Edit::of(last, &rules, reread) else {
        return Ok(None);
    };
    let inputs = Inputs {
        profiles: &last.inputs.profiles,
        authors: &last.inputs.authors,
    };
    let Some(applied) = delta::apply(&mut last.site, &edit.removed, &edit.added, &inputs) else {
        return Ok(None);
    };
    if applied.problems.iter().any(Diagnostic::is_error) {
        return Ok(None);
    }
    let mut warnings = std::mem::take(&mut last.warnings);
    without(&mut warnings, &last.inputs.warnings);
    without(&mut warnings, &edit.dropped);
    warnings.extend(applied.problems.iter().cloned());
    warnings.extend(edit.found);
    error::sort(&mut warnings);
    last.warnings = warnings;
    last.inputs.warnings = applied.problems;
    // Named apart from a whole rebuild's "model": tests and `--timings`
    // tell the two paths by it.
    timings.lap("model delta", started);
    render(caches, last, timings).map(Some)
}

/// The articles an edit takes out of the site and puts in, with the
/// problems their files had and have.
struct Edit {
    removed: Vec<Arc<Article>>,
    added: Vec<Arc<Article>>,
    /// What reading the files found last time.
    dropped: Vec<Diagnostic>,
    /// What reading them finds now.
    found: Vec<Diagnostic>,
}

impl Edit {
    /// The edit of the files `reread`; `None` when one does not parse or
    /// is (or was) scheduled or expiring: what is published then changes
    /// in ways a delta does not follow.
    fn of(last: &Last, rules: &Rules, reread: Vec<Reread>) -> Option<Self> {
        let timezone = last.site.publication.timezone;
        let live = |article: &Article| {
            (rules.drafts || !article.matter.draft)
                && article.matter.expires.is_none()
                && goes_live(&article.matter.date, timezone) <= rules.now
        };
        let draft = |article: &Article| !rules.drafts && article.matter.draft;
        let mut edit = Edit {
            removed: Vec::new(),
            added: Vec::new(),
            dropped: Vec::new(),
            found: Vec::new(),
        };
        for ((old, old_found), (new, new_found)) in reread {
            let (old, new) = (old?, new?);
            let shown = last
                .site
                .articles
                .iter()
                .any(|entry| Arc::ptr_eq(&entry.article, &old));
            match shown {
                true if live(&old) => edit.removed.push(old),
                false if draft(&old) => {}
                _ => return None,
            }
            if live(&new) {
                edit.added.push(new);
            } else if !draft(&new) {
                return None;
            }
            edit.dropped.extend(old_found);
            edit.found.extend(new_found);
        }
        Some(edit)
    }
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
