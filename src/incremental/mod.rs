//! The preview's incremental engine: everything `serve` keeps between
//! saves, and the one way a save goes through it ([`regenerate`]), with
//! the search index made once the edited pages are served ([`finish`]).
//! The pipeline's stages (load, model, render) know nothing of it: it
//! calls them and keeps what they return.
//!
//! ```text
//! watcher paths -> regenerate
//!   articles only, same publication -> patch.rs:   LoadCache::reread each path
//!                                                  -> article.rs: the model patched in place
//!                                                  -> pages.rs:   the kept plan patched, changed pages fingerprinted
//!   actor profiles only, same names -> profile.rs: each profile read again and swapped into the model;
//!                                                  its articles' values made again (pages.rs), its own
//!                                                  pages, the actors index and data files planned again
//!   other article edits             -> delta.rs:   the watcher's paths loaded, model::delta::apply
//!                                                  -> replan.rs: only the touched pages planned again
//!                                                     (Planner::plan with a Keep), only they fingerprinted
//!   anything else                   -> whole.rs:   load (cached) -> model -> plan -> fingerprint every page
//!   either way                      -> Served (pages to render on request) -> serve
//! finish -> search.rs: the search index made again, once the pages are served
//! ```

use std::path::PathBuf;
use std::sync::Arc;

mod article;
mod delta;
mod names;
mod pages;
mod patch;
mod profile;
mod replan;
mod search;
mod sitemap;
mod whole;

use crate::BuildOptions;
use crate::error::{self, BuildError, Diagnostic};
use crate::load::{self, StaticFile};
use crate::model::Site;
use crate::render::deferred::Made;
use crate::render::{Page, Templates};
use crate::timings::Timings;

/// Caches that let [`regenerate`] redo only what changed since the last
/// run (used by `serve`).
#[derive(Default)]
pub struct Incremental {
    load: load::LoadCache,
    render: whole::RenderCache,
    /// The last rebuild, if it succeeded: what a patch starts from.
    last: Option<Last>,
}

impl Incremental {
    /// Makes the next rebuild a whole one (after a failure outside
    /// [`regenerate`], say).
    pub fn invalidate(&mut self) {
        self.last = None;
    }

    /// Readies the caches for the next save's patch while nobody waits:
    /// which pages hold which article's values, found once after a whole
    /// rebuild or a delta (a second at 100k articles, which the next body
    /// edit would otherwise wait for). Given up as soon as `stop` says a
    /// save is waiting; the next call, or the save's patch, goes on from
    /// there.
    pub fn prepare_patches(&mut self, stop: &(dyn Fn() -> bool + Sync)) {
        if self.last.is_some() {
            pages::find_holders_until(&mut self.render, stop);
        }
    }

    /// Whether [`Self::prepare_delta`] has work to do.
    pub fn delta_unprepared(&self) -> bool {
        self.last
            .as_ref()
            .is_some_and(|last| crate::model::delta::unprepared(&last.site))
    }

    /// Makes what the model keeps for the next delta (the first delta
    /// after a whole rebuild paid for it: half a second at 100k
    /// articles). Cannot be stopped: `serve` calls it once saves have
    /// paused a while.
    pub fn prepare_delta(&mut self) {
        if let Some(last) = self.last.as_mut() {
            crate::model::delta::prepare(&mut last.site, &last.inputs.profiles);
        }
    }

    /// Waits for the last whole rebuild's drop of the site before it, if
    /// one is under way, and tells [`crate::memory`] it is gone.
    pub fn let_go_of_replaced_site(&mut self) {
        self.render.wait_for_drop();
        crate::memory::site_replaced();
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
    /// The profiles it was built from and the model's warnings, for
    /// [`delta`].
    inputs: crate::ModelInputs,
}

impl Last {
    /// The rebuild's error: `found` with this rebuild's warnings, in order.
    fn site_error(&self, mut found: Vec<Diagnostic>) -> BuildError {
        found.extend(self.warnings.iter().cloned());
        error::sort(&mut found);
        BuildError::Site(found)
    }

    /// A patch of this rebuild served: the root-relative links of articles
    /// checked again against the patched `plan` (an edit may have added,
    /// moved or fixed one, or moved a page one links to), the files
    /// `patch` changed and removed, the search index left for [`finish`].
    fn served_patch(
        &mut self,
        patch: pages::Patch,
        plan: &[crate::render::pages::Job],
        mut timings: Timings,
    ) -> Result<Regenerated, BuildError> {
        let pending = self.site.config.search.then_some(crate::paths::SEARCH);
        let missing =
            crate::missing_pages(&self.site, plan, &self.static_files, pending, self.strict)
                .map_err(|found| self.site_error(found))?;
        timings.extend(patch.timings);
        let pages = Served::Patch {
            changed: patch.pages,
            removed: patch.removed,
            pending: pending.map(str::to_string),
        };
        Ok(self.served(pages, patch.rendered, missing, timings))
    }

    /// `pages` (a patch of this rebuild, or every file of it) served, with
    /// the warnings about root-relative links found `missing`; the search
    /// index left for [`finish`].
    fn served(
        &mut self,
        pages: Served,
        rendered: usize,
        missing: Vec<crate::model::site_links::Missing>,
        timings: Timings,
    ) -> Regenerated {
        self.search_pending = self.site.config.search;
        Regenerated {
            pages,
            static_files: self.static_files.clone(),
            warnings: with_missing(&self.warnings, missing),
            timings,
            rendered,
            root: self.site.config.root_path().to_string(),
        }
    }

    /// Whether an article went live or expired since this rebuild: what
    /// is published changed, so no patch of it holds.
    fn outdated(&self, options: &BuildOptions) -> Result<bool, BuildError> {
        let now = options.rules()?.now;
        Ok(self
            .site
            .publication
            .next_change
            .is_some_and(|at| at <= now))
    }
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

/// The pages from which a whole rebuild gives freed memory back at once
/// ([`crate::memory::replacing_site`]): it cost a whole rebuild a fifth
/// of its time at 10k articles (22k pages), where memory is no concern;
/// at 100k (194k pages) it kept the peak under 4 GB.
const EAGER_PURGE_FROM_PAGES: usize = 50_000;

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
        && let Some(done) = match changed.iter().all(|rel| load::is_profile_path(rel)) {
            true => profile::patch(options, caches, &mut last, changed)?,
            false => patch::patch(options, caches, &mut last, changed)?,
        }
    {
        caches.last = Some(last);
        return Ok(done);
    }
    if !caches.render.planned().is_empty() {
        // A site is served: this one is made beside it.
        let large = caches.render.planned().len() >= EAGER_PURGE_FROM_PAGES;
        crate::memory::replacing_site(large);
    }
    // The watcher's paths: no folder listed, no other file looked at.
    caches.load.changed(changed);
    let mut prepared = crate::prepare(options, Some(&mut caches.load))?;
    if !prepared.others.is_empty() {
        return multilingual(prepared);
    }
    let pending = prepared.site.config.search.then_some(crate::paths::SEARCH);
    let mut missing = Vec::new();
    let templates = Arc::new(std::mem::take(&mut prepared.templates));
    let progress = prepared.progress.clone();
    let rendering = whole::render_incremental(
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
        inputs: prepared.inputs,
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

/// A multilingual site's rebuild: every language rendered in full, each
/// time (the incremental engine and its patches know one language's
/// site; the load cache still spares parsing unchanged files).
fn multilingual(mut prepared: crate::Prepared) -> Result<Regenerated, BuildError> {
    let sites: Vec<(&Site, &Templates)> = prepared.editions().collect();
    let mut missing = Vec::new();
    let rendering = crate::render::render_all(&sites, |jobs| {
        missing = prepared.missing_pages(jobs, None)?;
        Ok(())
    })
    .map_err(|found| prepared.failed(found))?;
    let mut timings = std::mem::take(&mut prepared.timings);
    timings.extend(rendering.timings);
    let base = prepared.rendered_warnings();
    Ok(Regenerated {
        rendered: rendering.rendered,
        pages: Served::Whole {
            pages: rendering.pages.into_iter().map(Made::Ready).collect(),
            pending: None,
        },
        static_files: prepared.static_files,
        warnings: with_missing(&base, missing),
        timings,
        root: prepared.site.config.root_path().to_string(),
    })
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
    match search::search_patch(&last.site, &mut caches.render, stop) {
        Some((changed, removed)) => {
            last.search_pending = false;
            Finished::Made(changed, removed)
        }
        None => Finished::Stopped,
    }
}
