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
use tera::value::Key;

use super::{Job, JobContext, Output, Planner};
use crate::paths;
use crate::render::vars::same_shared;

/// The last plan's jobs, and which of their folders an edit touched.
pub struct Keep {
    /// The last plan's jobs that can be taken, by path, until taken.
    jobs: Mutex<HashMap<String, Job>>,
    /// The paths of its other jobs (planned every time).
    rest: Mutex<Vec<String>>,
    /// The pages and feeds below each folder (`actors/<slug>/`,
    /// `authors/<slug>/`), in plan order.
    folders: HashMap<String, Vec<String>>,
    /// Folders (of terms, authors, days, weeks, months) planned again.
    touched: HashSet<String>,
    /// Paths of the jobs taken as they were.
    taken: Mutex<HashSet<String>>,
    /// The entries of its sitemap files (each page's address and date),
    /// taken one by one where they stay the same.
    sitemap: Vec<tera::Value>,
}

impl Keep {
    /// The jobs of the last plan, each folder in `touched` to be planned
    /// again (a folder: `actors/<slug>/`, `2024/03/05/`).
    pub fn new(jobs: Vec<Job>, touched: std::collections::HashSet<String>) -> Self {
        let touched = touched.into_iter().collect();
        let mut folders: HashMap<String, Vec<String>> = HashMap::new();
        let mut kept = HashMap::new();
        let mut rest = Vec::new();
        let mut sitemap = Vec::new();
        for job in jobs {
            if paths::is_sitemap(&job.path)
                && let Output::Template {
                    context: JobContext::Ready(vars),
                    ..
                } = &job.output
                && let Some(urls) = vars.get("urls").and_then(tera::Value::as_array)
            {
                sitemap.extend(urls.iter().cloned());
            }
            // Only built pages below a folder or a date can be taken
            // (article pages are planned every time).
            let built = matches!(
                job.output,
                Output::Template {
                    context: JobContext::Ready(_),
                    ..
                }
            );
            let folder = list_folder(&job.path);
            let dated = job.path.starts_with(|c: char| c.is_ascii_digit());
            let home = job.path == paths::index_file(paths::HOME);
            if !built || (folder.is_none() && !dated && !home) {
                rest.push(job.path);
                continue;
            }
            if let Some(folder) = folder {
                folders
                    .entry(folder.to_string())
                    .or_default()
                    .push(job.path.clone());
            }
            kept.insert(job.path.clone(), job);
        }
        Self {
            jobs: Mutex::new(kept),
            rest: Mutex::new(rest),
            folders,
            touched,
            taken: Mutex::default(),
            sitemap,
        }
    }

    /// The entries of the kept plan's sitemap files.
    pub(super) fn sitemap(&self) -> &[tera::Value] {
        &self.sitemap
    }

    /// The paths of the jobs taken from the kept plan (once planned).
    pub fn taken(&self) -> HashSet<String> {
        self.taken
            .lock()
            .map(|mut taken| std::mem::take(&mut *taken))
            .unwrap_or_default()
    }

    /// The paths of the kept jobs not taken (pages planned again, or
    /// gone), once planned.
    pub fn left(&self) -> Vec<String> {
        let mut left = self
            .rest
            .lock()
            .map(|mut rest| std::mem::take(&mut *rest))
            .unwrap_or_default();
        if let Ok(mut jobs) = self.jobs.lock() {
            left.extend(std::mem::take(&mut *jobs).into_keys());
        }
        left
    }

    /// The kept jobs at `paths`, if all are there.
    fn take(&self, paths: &[String]) -> Option<Vec<Job>> {
        let mut jobs = self.jobs.lock().ok()?;
        if !paths.iter().all(|path| jobs.contains_key(path)) {
            return None;
        }
        let taken: Vec<Job> = paths.iter().filter_map(|p| jobs.remove(p)).collect();
        drop(jobs);
        self.taken.lock().ok()?.extend(paths.iter().cloned());
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
        keep.take(keep.folders.get(folder)?)
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
        let jobs = keep.jobs.lock().ok()?;
        let Output::Template {
            context: JobContext::Ready(vars),
            ..
        } = &jobs.get(&path)?.output
        else {
            return None;
        };
        let field = |value: &Value, key: &'static str| value.as_map()?.get(&Key::Str(key)).cloned();
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
        keep.take(&[path])?.pop()
    }

    /// The page of `folder` (a day, week or month) as the kept plan has
    /// it, when replanning and the edit did not touch it.
    pub(super) fn kept_page(&self, folder: &str) -> Option<Job> {
        let keep = self.keep.as_ref()?;
        if keep.touched.contains(folder) {
            return None;
        }
        keep.take(&[paths::index_file(folder)])?.pop()
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
