//! Output files that are not rendered from templates: the theme's assets
//! (the stylesheet) and the small files hosts read (`robots.txt`,
//! `.nojekyll`, `CNAME`). They are planned as jobs like any page, so
//! `build` writes them and `serve` fingerprints them the same way. The
//! search script and index are planned in `search.rs`, only when search is
//! on.

use std::path::PathBuf;
use std::sync::Arc;

use super::{Job, Output, Planner};
use crate::paths;
use crate::render::Templates;

impl Planner<'_> {
    /// The theme's assets and the hosting files.
    pub(super) fn files(&self, jobs: &mut Vec<Job>, templates: &Templates) {
        // The search script is written with the index, if at all.
        let assets = templates
            .assets
            .iter()
            .filter(|(p, _)| p != super::search::SCRIPT);
        for (path, bytes) in assets {
            jobs.push(file(
                path.clone(),
                bytes.as_slice(),
                Some(templates.path_of(path)),
            ));
        }
        self.hosting_files(jobs);
    }

    /// `robots.txt` (pointing at the sitemap), `.nojekyll` (so GitHub Pages
    /// serves the folder as it is) and `CNAME` when `site.yaml` sets
    /// `cname`.
    fn hosting_files(&self, jobs: &mut Vec<Job>) {
        let mut robots = String::from("User-agent: *\nAllow: /\n");
        let sitemaps = self.sitemaps();
        if sitemaps[0].contains("://") {
            robots.push('\n');
            for sitemap in sitemaps {
                robots.push_str(&format!("Sitemap: {sitemap}\n"));
            }
        }
        jobs.push(file(paths::ROBOTS.into(), robots.as_bytes(), None));
        jobs.push(file(".nojekyll".into(), b"", None));
        if let Some(cname) = &self.site.config.cname {
            jobs.push(file(
                "CNAME".into(),
                format!("{cname}\n").as_bytes(),
                Some(PathBuf::from("site.yaml")),
            ));
        }
    }
}

fn file(path: String, bytes: &[u8], source: Option<PathBuf>) -> Job {
    Job {
        path,
        output: Output::File {
            bytes: Arc::from(bytes),
            source,
        },
        lastmod: None,
    }
}
