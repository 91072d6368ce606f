//! A save patched into the last rebuild: when every changed path (from
//! the watcher) is an article the last rebuild had, only those files are
//! read again, the model is patched in place ([`super::article`]) and the
//! kept plan with it ([`super::pages`]). Other edits of articles (front
//! matter, new files, files gone) patch the model by a delta
//! ([`super::delta`]).

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::delta::Reread;
use super::{Incremental, Last, Regenerated};
use crate::BuildOptions;
use crate::error::BuildError;
use crate::load::{self, LoadCache};
use crate::timings::Timings;

/// The rebuild as a patch of `last`, if every changed file is an article
/// the last build had, changed in its body only; `None` otherwise (then
/// `last` may be half patched and is dropped).
pub(super) fn patch(
    options: &BuildOptions,
    caches: &mut Incremental,
    last: &mut Last,
    changed: &[PathBuf],
) -> Result<Option<Regenerated>, BuildError> {
    if changed.is_empty() || !changed.iter().all(|rel| load::is_article_path(rel)) {
        return Ok(None);
    }
    if last.outdated(options)? {
        return Ok(None);
    }
    let mut timings = Timings::default();
    let started = Instant::now();
    // Else the site loaded again (listed), the model patched by a delta.
    let Some(reread) = read_each(&options.root, &mut caches.load, changed) else {
        return super::delta::patch(options, caches, last, changed, None, timings);
    };
    let started = timings.lap("load", started);
    let mut replaced = Vec::with_capacity(reread.len());
    let mut delta = false;
    for (n, ((old, old_found), (new, new_found))) in reread.iter().enumerate() {
        let done = match (old, new) {
            (Some(old), Some(new)) if old_found == new_found => {
                super::article::replace(&mut last.site, old, new.clone())
            }
            _ => None,
        };
        match done {
            Some(done) => replaced.push(done),
            // Nothing patched yet: the model patched by a delta.
            None if n == 0 => {
                delta = true;
                break;
            }
            None => return Ok(None),
        }
    }
    if delta {
        let reread = Some(reread);
        return super::delta::patch(options, caches, last, changed, reread, timings);
    }
    timings.lap("model", started);
    let patched =
        super::pages::render_patch(&last.site, &last.templates, &mut caches.render, &replaced)
            .map_err(|found| last.site_error(found))?;
    let Some(patched) = patched else {
        return Ok(None);
    };
    last.served_patch(patched, caches.render.planned(), timings)
        .map(Some)
}

/// Each changed article file as the last load had it and as it is now:
/// read again, a new one read alone, one gone forgotten alone. `None`
/// when one is none of these.
fn read_each(root: &Path, load: &mut LoadCache, changed: &[PathBuf]) -> Option<Vec<Reread>> {
    changed
        .iter()
        .map(|rel| {
            if let Some(both) = load.reread(root, rel) {
                return Some(both);
            }
            if let Some(new) = load.read_new(root, rel) {
                return Some(((None, Vec::new()), new));
            }
            Some((load.forget(root, rel)?, (None, Vec::new())))
        })
        .collect()
}
