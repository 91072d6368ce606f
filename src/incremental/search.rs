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

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::PathBuf;

    use crate::render::deferred::Made;
    use crate::{BuildOptions, Finished, Incremental, Served};

    use crate::test_support::write;

    /// An article whose words past its first paragraph are `body`'s alone
    /// (the first paragraph's are the index's strong words).
    fn briefing(title: &str, date: &str, body: &str) -> String {
        format!(
            "---\ntitle: {title}\ndate: {date}\nactors: [Ada Novak]\n---\nA summary.\n\n{body}\n"
        )
    }

    /// The index's files served after a rebuild and the index made after
    /// it, laid over `served`.
    fn apply(served: &mut HashMap<String, Made>, pages: Served, finished: Finished) {
        match pages {
            Served::Whole { pages, .. } => {
                served.clear();
                served.extend(pages.into_iter().map(|m| (m.path().to_string(), m)));
            }
            Served::Patch {
                changed, removed, ..
            } => {
                for path in removed {
                    served.remove(&path);
                }
                served.extend(changed.into_iter().map(|m| (m.path().to_string(), m)));
            }
        }
        let Finished::Made(changed, removed) = finished else {
            panic!("the index was not made");
        };
        for path in removed {
            served.remove(&path);
        }
        served.extend(
            changed
                .into_iter()
                .map(|p| (p.path.clone(), Made::Ready(p))),
        );
    }

    /// Every file of the built search index is served with its bytes, and
    /// no other.
    fn assert_index_built(options: &BuildOptions, served: &HashMap<String, Made>, after: &str) {
        let built = crate::generate(options).unwrap();
        let index = |path: &str| path.starts_with("search/") && !path.ends_with(".html");
        let mut files = 0;
        for page in built.pages.iter().filter(|p| index(&p.path)) {
            let bytes = match served.get(&page.path) {
                Some(Made::Ready(made)) => made.body.clone(),
                other => panic!("after {after}: {} served as {other:?}", page.path),
            };
            assert!(bytes == page.body, "after {after}: {} differs", page.path);
            files += 1;
        }
        assert!(files > 2, "after {after}: only {files} index files");
        let served_files = served.keys().filter(|path| index(path)).count();
        assert_eq!(served_files, files, "after {after}: files left over");
    }

    #[test]
    fn the_index_made_after_the_answer_equals_the_built_one_as_bodies_change() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let profile = "---\nname: Ada Novak\nrole: Envoy\n---\nAn envoy.\n";
        write(root, "content/actors/ada-novak.md", profile);
        let a = "Ada Novak's talks in Vienna resumed; see [the port](b.md).";
        write(
            root,
            "content/a.md",
            &briefing("Talks resume", "2022-01-21", a),
        );
        let b = "Ada Novak toured the *granary* with `customs` officers.";
        write(
            root,
            "content/b.md",
            &briefing("Port visit", "2022-01-19", b),
        );
        let c = "The convoy crossed at dawn.";
        write(root, "content/c.md", &briefing("Convoy", "2022-01-10", c));
        let options = BuildOptions::new(root);
        let mut caches = Incremental::default();
        let mut served = HashMap::new();
        let first = crate::regenerate(&options, &mut caches, &[]).unwrap();
        let finished = crate::finish(&mut caches, crate::search::NEVER);
        apply(&mut served, first.pages, finished);
        assert_index_built(&options, &served, "the first build");
        let edits: [(&str, Vec<(&str, String)>); 4] = [
            // Front matter and body at once: the body rendered again
            // without its words, found when the index is made.
            (
                "a body and a date",
                vec![(
                    "content/b.md",
                    briefing(
                        "Port visit",
                        "2022-01-18",
                        &b.replace("granary", "lighthouse"),
                    ),
                )],
            ),
            // The body alone: the patch path.
            (
                "a body",
                vec![(
                    "content/c.md",
                    briefing("Convoy", "2022-01-10", "A ferry sailed at noon."),
                )],
            ),
            // A new article, and a body edited in the same save.
            (
                "a new file and a body",
                vec![
                    (
                        "content/d.md",
                        briefing("Harbour", "2022-01-12", "Cranes idle; Ada Novak waits."),
                    ),
                    (
                        "content/a.md",
                        briefing("Talks resume", "2022-01-21", &a.replace("Vienna", "Geneva")),
                    ),
                ],
            ),
            // Settings and a body: the whole path, every body kept but one.
            (
                "site.yaml and a body",
                vec![
                    (
                        "site.yaml",
                        "title: Desk\nbase_url: https://example.org/desk/\n".to_string(),
                    ),
                    (
                        "content/d.md",
                        briefing("Harbour", "2022-01-12", "Tugboats idle."),
                    ),
                ],
            ),
        ];
        for (what, files) in edits {
            let mut paths = Vec::new();
            for (path, text) in &files {
                write(root, path, text);
                paths.push(PathBuf::from(path));
            }
            let done = crate::regenerate(&options, &mut caches, &paths).unwrap();
            let finished = crate::finish(&mut caches, crate::search::NEVER);
            apply(&mut served, done.pages, finished);
            assert_index_built(&options, &served, what);
        }
    }
}
