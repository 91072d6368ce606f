//! `serve`'s rebuilds: the whole pipeline through caches ([`regenerate`]),
//! or, when an edit changed nothing but article bodies, a patch of the
//! last rebuild: only the edited files are read (their paths come from the
//! watcher), the model is patched in place, and only the pages that show
//! the edited articles are fingerprinted again ([`crate::render::patch`]);
//! the search index follows ([`finish`]).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::BuildOptions;
use crate::error::{self, BuildError, Diagnostic};
use crate::load::{self, StaticFile};
use crate::model::{self, Site};
use crate::render::deferred::Made;
use crate::render::{self, Page, Templates};
use crate::timings::Timings;

/// Caches that let [`regenerate`] redo only what changed since the last
/// run (used by `serve`).
#[derive(Default)]
pub struct Incremental {
    load: load::LoadCache,
    render: render::RenderCache,
    /// The last rebuild, if it succeeded: what a patch starts from.
    last: Option<Last>,
}

impl Incremental {
    /// Makes the next rebuild a whole one (after a failure outside
    /// [`regenerate`], say).
    pub fn invalidate(&mut self) {
        self.last = None;
    }

    /// When the last rebuild's site changes without any file changing
    /// (an article goes live or expires): `serve` rebuilds then.
    pub fn next_change(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.last.as_ref()?.site.publication.next_change
    }
}

/// What the last successful rebuild made that a patch keeps.
struct Last {
    site: Site,
    templates: Arc<Templates>,
    /// Its warnings but those about root-relative links, which a patch
    /// checks again.
    warnings: Vec<Diagnostic>,
    static_files: Vec<StaticFile>,
    /// Warnings fail the rebuild.
    strict: bool,
    /// A patch left the search index to [`finish`].
    search_pending: bool,
}

/// The files a rebuild made.
pub enum Served {
    /// Every file of the site.
    Whole {
        /// The files (template pages to render on request).
        pages: Vec<Made>,
        /// The folder whose files are not made yet (`search/`): [`finish`]
        /// makes them.
        pending: Option<String>,
    },
    /// What changed since the last rebuild.
    Patch {
        /// Files new or with new bytes (pages: a new fingerprint).
        changed: Vec<Made>,
        /// Files gone.
        removed: Vec<String>,
        /// The folder whose files are not made yet (`search/`): [`finish`]
        /// makes them.
        pending: Option<String>,
    },
}

/// What [`regenerate`] did.
pub struct Regenerated {
    /// The site's files, or the change to them.
    pub pages: Served,
    /// Files to copy from `static/` and from beside articles.
    pub static_files: Vec<StaticFile>,
    /// Warnings about the content.
    pub warnings: Vec<Diagnostic>,
    /// Where the time went.
    pub timings: Timings,
    /// Files new or whose fingerprint changed (pages are rendered when
    /// requested).
    pub rendered: usize,
    /// The site's URL path (`/`, `/briefings/`).
    pub root: String,
}

/// Rebuilds after the files `changed` (relative to the site root; empty
/// for the first build) changed: a patch of the last rebuild when they
/// are articles whose bodies alone changed, else the whole pipeline,
/// reusing `caches` (files that did not change are not parsed again,
/// pages whose inputs did not change are not rendered again). Either way
/// the files equal those of a fresh build.
pub fn regenerate(
    options: &BuildOptions,
    caches: &mut Incremental,
    changed: &[PathBuf],
) -> Result<Regenerated, BuildError> {
    if let Some(mut last) = caches.last.take()
        && let Some(done) = patch(options, caches, &mut last, changed)?
    {
        caches.last = Some(last);
        return Ok(done);
    }
    let mut prepared = crate::prepare(options, Some(&mut caches.load))?;
    let pending = prepared.site.config.search.then_some(crate::paths::SEARCH);
    let mut missing = Vec::new();
    let templates = Arc::new(std::mem::take(&mut prepared.templates));
    let progress = prepared.progress.clone();
    let rendering = render::render_incremental(
        &prepared.site,
        &templates,
        &mut caches.render,
        progress.as_deref(),
        |jobs| {
            missing = prepared.missing_pages(jobs, pending)?;
            Ok(())
        },
    )
    .map_err(|found| prepared.failed(found))?;
    let mut timings = std::mem::take(&mut prepared.timings);
    timings.extend(rendering.timings);
    let base = prepared.rendered_warnings();
    let warnings = with_missing(&base, missing);
    let root = prepared.site.config.root_path().to_string();
    let search = prepared.site.config.search;
    let static_files = prepared.static_files;
    caches.last = Some(Last {
        site: prepared.site,
        templates,
        warnings: base,
        static_files: static_files.clone(),
        strict: prepared.strict,
        search_pending: search,
    });
    Ok(Regenerated {
        pages: Served::Whole {
            pages: rendering.files,
            pending: search.then(|| crate::paths::SEARCH.to_string()),
        },
        static_files,
        warnings,
        timings,
        rendered: rendering.changed,
        root,
    })
}

/// The rebuild as a patch of `last`, if every changed file is an article
/// the last build had, changed in its body only; `None` otherwise (then
/// `last` may be half patched and is dropped).
fn patch(
    options: &BuildOptions,
    caches: &mut Incremental,
    last: &mut Last,
    changed: &[PathBuf],
) -> Result<Option<Regenerated>, BuildError> {
    if changed.is_empty() || !changed.iter().all(|rel| load::is_article_path(rel)) {
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
        let Some(((Some(old), old_found), (Some(new), new_found))) =
            caches.load.reread(&options.root, rel)
        else {
            return Ok(None);
        };
        if old_found != new_found {
            return Ok(None);
        }
        edited.push((old, new));
    }
    let started = timings.lap("load", started);
    let mut replaced = Vec::with_capacity(edited.len());
    for (old, new) in edited {
        match model::patch::replace(&mut last.site, &old, new) {
            Some(done) => replaced.push(done),
            None => return Ok(None),
        }
    }
    timings.lap("model", started);
    let patched =
        render::patch::render_patch(&last.site, &last.templates, &mut caches.render, &replaced)
            .map_err(|mut found| {
                found.extend(last.warnings.iter().cloned());
                error::sort(&mut found);
                BuildError::Site(found)
            })?;
    let Some(patched) = patched else {
        return Ok(None);
    };
    // The edit may have added, moved or fixed a root-relative link, or
    // moved a page one links to: checked again against the patched plan.
    let pending = last.site.config.search.then_some(crate::paths::SEARCH);
    let missing = crate::missing_pages(
        &last.site,
        caches.render.planned(),
        &last.static_files,
        pending,
        last.strict,
    )
    .map_err(|mut found| {
        found.extend(last.warnings.iter().cloned());
        error::sort(&mut found);
        BuildError::Site(found)
    })?;
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

/// `warnings` with those about root-relative links, sorted.
fn with_missing(
    warnings: &[Diagnostic],
    missing: Vec<crate::model::site_links::Missing>,
) -> Vec<Diagnostic> {
    let mut all = warnings.to_vec();
    all.extend(missing.into_iter().map(|m| m.diagnostic));
    error::sort(&mut all);
    all
}

/// What [`finish`] did.
pub enum Finished {
    /// Nothing was left for later.
    Nothing,
    /// The search index: the files changed and the files gone.
    Made(Vec<Page>, Vec<String>),
    /// Given up when `stop` said so; still pending.
    Stopped,
}

/// Makes what the last rebuild left for later (the search index), once
/// its pages are served, unless `stop` says a newer save is waiting: the
/// index is then made after that one.
pub fn finish(caches: &mut Incremental, stop: crate::search::Stop<'_>) -> Finished {
    let Some(last) = caches.last.as_mut().filter(|last| last.search_pending) else {
        return Finished::Nothing;
    };
    match render::patch::search_patch(&last.site, &mut caches.render, stop) {
        Some((changed, removed)) => {
            last.search_pending = false;
            Finished::Made(changed, removed)
        }
        None => Finished::Stopped,
    }
}
