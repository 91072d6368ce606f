//! The search index made again after a patch, once the edited pages are
//! served: it reads every body.

use std::collections::HashSet;
use std::sync::Arc;

use super::pages::find_holders;
use super::whole::RenderCache;
use crate::model::Site;
use crate::paths;
use crate::render::Page;
use crate::render::pages::{Job, Output, Planner};

/// Whether `job` is one of the search index's files (not its page or
/// script).
fn is_search_index(job: &Job) -> bool {
    matches!(&job.output, Output::File { source: None, .. }) && job.path.starts_with(paths::SEARCH)
}

/// The search index of `site` made again after a patch: the files whose
/// bytes changed, and those gone (shards no word falls in any more); the
/// kept plan and `cache` updated. `None`, with nothing changed, when
/// `stop` gave the work up.
pub(super) fn search_patch(
    site: &Site,
    cache: &mut RenderCache,
    stop: crate::search::Stop<'_>,
) -> Option<(Vec<Page>, Vec<String>)> {
    if !site.config.search || cache.bodies.len() != site.articles.len() {
        return Some((Vec::new(), Vec::new()));
    }
    let files = Planner::bare(site, &cache.bodies).search_files_until(stop)?;
    let fresh: HashSet<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    let removed: Vec<String> = cache
        .jobs
        .iter()
        .filter(|job| is_search_index(job) && !fresh.contains(job.path.as_str()))
        .map(|job| job.path.clone())
        .collect();
    for path in &removed {
        cache.pages.remove(path);
    }
    let mut pages = Vec::new();
    let mut jobs = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let bytes: Arc<[u8]> = bytes.into();
        let print = xxhash_rust::xxh3::xxh3_64(&bytes);
        if cache.pages.get(&path) != Some(&print) {
            let body = crate::render::Bytes::from_owner(bytes.clone());
            cache.pages.insert(path.clone(), print);
            pages.push(Page {
                path: path.clone(),
                body,
                source: None,
            });
        }
        jobs.push(Job {
            path,
            output: Output::File {
                bytes,
                source: None,
            },
            lastmod: None,
        });
    }
    // The index's files go last, so other jobs keep their positions
    // (which `holders` records) whatever their number.
    let first = cache.jobs.iter().position(is_search_index);
    let at_end = first.is_none_or(|first| cache.jobs[first..].iter().all(is_search_index));
    cache.jobs.retain(|job| !is_search_index(job));
    cache.jobs.extend(jobs);
    if !at_end {
        cache.holders = None;
    }
    find_holders(cache);
    Some((pages, removed))
}
