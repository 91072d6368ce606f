//! The fingerprints of the sitemap's entries, kept from one delta to the
//! next: a delta takes most entries as the kept sitemap had them (the same
//! values, in order: [`crate::render::pages::Keep`]), so only the entries
//! made again are hashed, and each sitemap file's list of entries is
//! seeded with its fingerprint made from theirs, not every page's address
//! and date hashed (or looked up) on every edit.

use tera::Value;

use crate::paths;
use crate::render::pages::{Job, JobContext, Output, SITEMAP_LOOK_AHEAD};
use crate::render::vars::{Fingerprinter, Seeds, array_print, same_shared};

/// The last delta's sitemap entries with their fingerprints.
#[derive(Default)]
pub(super) struct SitemapPrints {
    /// Each sitemap file's list of entries, held: an entry is known by
    /// where it lives, which no other value takes while it is held.
    urls: Vec<Value>,
    /// The fingerprint of each entry of those lists, in order.
    prints: Vec<u64>,
}

impl SitemapPrints {
    /// Adds to `seeds` the fingerprint of the list of entries of every
    /// sitemap file among `jobs`, made from its entries' fingerprints: an
    /// entry held (the same value, found in order) has its kept one, the
    /// others are hashed now. These become the ones held (`seeds` keeps
    /// their lists' fingerprints until the next call takes them out).
    pub(super) fn seed(&mut self, jobs: &[Job], seeds: &mut Seeds) {
        // The lists held are let go of: their seeds with them.
        for list in &self.urls {
            seeds.remove(list);
        }
        let urls: Vec<Value> = jobs
            .iter()
            .filter(|job| paths::is_sitemap(&job.path))
            .filter_map(|job| match &job.output {
                Output::Template {
                    context: JobContext::Ready(vars),
                    ..
                } => vars.get("urls").cloned(),
                _ => None,
            })
            .collect();
        let kept: Vec<&Value> = self
            .urls
            .iter()
            .filter_map(Value::as_array)
            .flatten()
            .collect();
        let mut at = 0;
        let mut fingerprinter = Fingerprinter::default();
        let mut prints = Vec::with_capacity(self.prints.len());
        for list in &urls {
            let Some(entries) = list.as_array() else {
                continue;
            };
            let first = prints.len();
            for entry in entries {
                let ahead = kept.get(at..).unwrap_or_default();
                let found = ahead
                    .iter()
                    .take(SITEMAP_LOOK_AHEAD)
                    .position(|old| same_shared(old, entry));
                let print = match found.and_then(|n| Some((n, *self.prints.get(at + n)?))) {
                    Some((n, print)) => {
                        at += n + 1;
                        print
                    }
                    None => fingerprinter.value_hash(entry),
                };
                prints.push(print);
            }
            seeds.add(list, array_print(&prints[first..]));
        }
        *self = Self { urls, prints };
    }
}
