//! A kept plan that [`Planner::plan`] takes unchanged pages from
//! (`serve`'s delta path): the per-kind functions plan every page as
//! always, but a term's or an author's pages, and a day, week or month
//! page, that the edit did not touch are taken as they were, by path,
//! instead of being made again. The plan is the same list in the same
//! order either way; only the work differs.

use std::sync::Mutex;

// Paths hashed by the thousand on every edit: a fast hasher.
use ahash::{AHashMap as HashMap, AHashSet as HashSet};

use tera::Value;
use xxhash_rust::xxh3::xxh3_64;

use super::{Job, JobContext, Output, Planner, field};
use crate::paths;
use crate::render::vars::same_shared;

/// The last plan's jobs, and which of their folders an edit touched.
///
/// The jobs stay where the last plan had them; a taken job leaves its slot. They are found by their path's or
/// folder's hash, checked against the job found: no path is copied.
pub struct Keep {
    /// The last plan's jobs, in order, until taken.
    jobs: Mutex<Vec<Option<Job>>>,
    /// Where each built page below a folder or a date, or of the home
    /// list, is, by its path's hash.
    pages: HashMap<u64, usize>,
    /// Where the built pages and feeds below each folder (`actors/<slug>/`,
    /// `authors/<slug>/`) are, in plan order, by the folder's hash.
    folders: HashMap<u64, Vec<usize>>,
    /// Folders (of terms, authors, days, weeks, months) planned again.
    touched: HashSet<String>,
    /// The jobs taken as they were, known by where their path lives (the
    /// text moves with the job, not elsewhere).
    taken: Mutex<HashSet<usize>>,
    /// The entries of its sitemap files (each page's address and date),
    /// taken one by one where they stay the same: one array per file.
    sitemap: Vec<Value>,
}

/// The jobs a [`Keep`] handed to the plan, to tell them from those
/// planned again: by where their path's text lives. Every job taken goes
/// into the plan (the per-kind functions push what they take), so its
/// path lives until the plan is let go and no job planned meanwhile can
/// have its text where a taken one's is.
pub struct Taken(HashSet<usize>);

impl Taken {
    /// Whether `job` is one the kept plan handed over.
    pub fn contains(&self, job: &Job) -> bool {
        job.path.capacity() > 0 && self.0.contains(&(job.path.as_ptr() as usize))
    }
}

impl Keep {
    /// The jobs of the last plan, each folder in `touched` to be planned
    /// again (a folder: `actors/<slug>/`, `2024/03/05/`).
    pub fn new(jobs: Vec<Job>, touched: std::collections::HashSet<String>) -> Self {
        let touched = touched.into_iter().collect();
        let mut folders: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut pages = HashMap::new();
        let mut sitemap = Vec::new();
        let home = paths::index_file(paths::HOME);
        for (at, job) in jobs.iter().enumerate() {
            let Output::Template {
                context: JobContext::Ready(vars),
                ..
            } = &job.output
            else {
                // Only built pages can be taken (article pages are
                // planned every time).
                continue;
            };
            if paths::is_sitemap(&job.path)
                && let Some(urls) = vars.get("urls").filter(|urls| urls.as_array().is_some())
            {
                sitemap.push(urls.clone());
            }
            let folder = list_folder(&job.path);
            let dated = job.path.starts_with(|c: char| c.is_ascii_digit());
            if folder.is_none() && !dated && job.path != home {
                continue;
            }
            if let Some(folder) = folder {
                folders
                    .entry(xxh3_64(folder.as_bytes()))
                    .or_default()
                    .push(at);
            }
            // A home page past the first is below a folder (`page/2/`).
            pages.insert(xxh3_64(job.path.as_bytes()), at);
        }
        Self {
            jobs: Mutex::new(jobs.into_iter().map(Some).collect()),
            pages,
            folders,
            touched,
            taken: Mutex::default(),
            sitemap,
        }
    }

    /// The entries of the kept plan's sitemap files, in order.
    pub(super) fn sitemap(&self) -> Vec<&Value> {
        self.sitemap
            .iter()
            .filter_map(Value::as_array)
            .flatten()
            .collect()
    }

    /// The jobs taken from the kept plan (once planned).
    pub fn taken(&self) -> Taken {
        Taken(
            self.taken
                .lock()
                .map(|mut taken| std::mem::take(&mut *taken))
                .unwrap_or_default(),
        )
    }

    /// The kept jobs not taken (pages planned again, or gone), once
    /// planned.
    pub fn left(&self) -> Vec<Job> {
        self.jobs
            .lock()
            .map(|mut jobs| std::mem::take(&mut *jobs))
            .unwrap_or_default()
            .into_iter()
            .flatten()
            .collect()
    }

    /// Where the kept page at `path` is, if kept.
    fn page_at(&self, path: &str) -> Option<usize> {
        self.pages.get(&xxh3_64(path.as_bytes())).copied()
    }

    /// The kept jobs at `positions` when all are still there and `belong`
    /// (a hash found them: their paths say whether they are the ones).
    fn take(&self, positions: &[usize], belong: impl Fn(&Job) -> bool) -> Option<Vec<Job>> {
        let mut jobs = self.jobs.lock().ok()?;
        let all = positions
            .iter()
            .all(|&at| jobs.get(at).and_then(Option::as_ref).is_some_and(&belong));
        if positions.is_empty() || !all {
            return None;
        }
        let taken: Vec<Job> = positions
            .iter()
            .filter_map(|&at| jobs.get_mut(at)?.take())
            .collect();
        drop(jobs);
        self.taken
            .lock()
            .ok()?
            .extend(taken.iter().map(|job| job.path.as_ptr() as usize));
        Some(taken)
    }
}

/// The folder of a term's or an author's list page or feed
/// (`actors/<slug>/` of `actors/<slug>/page/2/index.html`); pictures
/// beside a profile are planned elsewhere.
fn list_folder(path: &str) -> Option<&str> {
    if !(path.ends_with("index.html") || path.ends_with("atom.xml"))
        || path.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let first = path.find('/')?;
    let second = path[first + 1..].find('/')? + first + 1;
    Some(&path[..=second])
}

impl Planner<'_> {
    /// The pages and feed of the list at `folder` (a term's, with an
    /// actor's pair pages, or an author's) as the kept plan has them,
    /// when replanning and the edit did not touch it.
    pub(super) fn kept_folder(&self, folder: &str) -> Option<Vec<Job>> {
        let keep = self.keep.as_ref()?;
        if keep.touched.contains(folder) {
            return None;
        }
        let positions = keep.folders.get(&xxh3_64(folder.as_bytes()))?;
        keep.take(positions, |job| list_folder(&job.path) == Some(folder))
    }

    /// Page `number` of the home list (showing the articles `chunk` of `total`
    /// pages, under `description`) as the kept plan has it, when it is
    /// the same: the same description and number of pages, and the same
    /// entries, as shared values (a kept page holds them, so none was let
    /// go and another made where it was). Everything else a list page
    /// shows is the site's settings, which a kept plan shares.
    pub(super) fn kept_home_page(
        &self,
        number: usize,
        chunk: &[usize],
        total: usize,
        description: &str,
    ) -> Option<Job> {
        let keep = self.keep.as_ref()?;
        let path = paths::index_file(&paths::list_page(paths::HOME, number));
        let at = keep.page_at(&path)?;
        let jobs = keep.jobs.lock().ok()?;
        let Some(Some(Job {
            path: kept_path,
            output:
                Output::Template {
                    context: JobContext::Ready(vars),
                    ..
                },
            ..
        })) = jobs.get(at)
        else {
            return None;
        };
        if *kept_path != path {
            return None;
        }
        let kept_total = vars
            .get("paginator")
            .and_then(|p| field(p, "total"))
            .and_then(|t| t.as_u64())
            .unwrap_or(1);
        let kept_entries = vars.get("articles")?.as_array()?;
        let same = kept_total == total as u64
            && vars
                .get("page")
                .and_then(|page| field(page, "description"))
                .is_some_and(|d| d.as_str() == Some(description))
            && kept_entries.len() == chunk.len()
            && kept_entries.iter().zip(chunk).all(|(kept, &index)| {
                self.entry_values
                    .get(index)
                    .is_some_and(|value| same_shared(kept, value))
            });
        drop(jobs);
        if !same {
            return None;
        }
        keep.take(&[at], |job| job.path == path)?.pop()
    }

    /// The page of `folder` (a day, week or month) as the kept plan has
    /// it, when replanning and the edit did not touch it.
    pub(super) fn kept_page(&self, folder: &str) -> Option<Job> {
        let keep = self.keep.as_ref()?;
        if keep.touched.contains(folder) {
            return None;
        }
        let path = paths::index_file(folder);
        let at = keep.page_at(&path)?;
        keep.take(&[at], |job| job.path == path)?.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::list_folder;

    #[test]
    fn a_list_page_or_feed_belongs_to_the_folder_of_its_first_two_parts() {
        assert_eq!(
            list_folder("actors/a-b/page/2/index.html"),
            Some("actors/a-b/")
        );
        assert_eq!(list_folder("actors/a-b/atom.xml"), Some("actors/a-b/"));
        assert_eq!(
            list_folder("actors/a-b/with/c/index.html"),
            Some("actors/a-b/")
        );
        assert_eq!(list_folder("actors/a-b/portrait.jpg"), None);
        assert_eq!(list_folder("actors/index.html"), None);
        assert_eq!(list_folder("2024/03/05/index.html"), None);
    }
}
