//! Redirect pages at the old addresses of articles (`aliases:`): a meta
//! refresh to the article with its canonical link, so browsers and search
//! engines follow. Planned after the sitemap, so they are never in it, and
//! no feed lists them.

use serde::Serialize;

use super::{Job, Planner};
use crate::model::aliases::Alias;
use crate::paths;

/// `redirect`: where an old address now leads.
#[derive(Debug, Clone, Serialize)]
pub struct RedirectView {
    /// The article's headline.
    pub title: String,
    /// Its page, root-relative.
    pub url: String,
    /// Its absolute URL, for the canonical link.
    pub permalink: String,
}

impl Planner<'_> {
    /// One `redirect.html` page per alias.
    pub(super) fn redirect_pages(&self, jobs: &mut Vec<Job>) {
        jobs.extend(
            self.site
                .aliases
                .iter()
                .map(|alias| self.redirect_page(alias)),
        );
    }

    /// The page at `alias`'s old address.
    pub(super) fn redirect_page(&self, alias: &Alias) -> Job {
        let entry = &self.site.articles[alias.article];
        let redirect = RedirectView {
            title: entry.article.matter.title.clone(),
            url: self.urls.url(&entry.path),
            permalink: self.urls.permalink(&entry.path),
        };
        let mut context = self.context(
            "redirect",
            redirect.title.clone(),
            self.description(),
            &alias.path,
        );
        context.insert("redirect", &redirect);
        Job::page(
            paths::index_file(&alias.path),
            "redirect.html",
            context,
            None,
        )
    }
}
