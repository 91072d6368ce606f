//! What pages of a multilingual site add (`model::languages`): the
//! language switch, an article's translations (`hreflang` links and the
//! visible list), the sitemap's alternates, and each language's plan put
//! below its own folder. A site in one language gets none of it.

use super::feeds::SitemapAlternate;
use super::{Job, JobContext, Output, Planner};
use crate::model::{Entry, Site};
use crate::render::views::{LanguageView, PageView, Urls};

/// Each language's home, for the language switch (none in one language).
pub(super) fn homes(site: &Site, urls: &Urls) -> Vec<LanguageView> {
    let current = site.language_index();
    site.languages
        .iter()
        .enumerate()
        .map(|(i, language)| LanguageView {
            code: language.code.clone(),
            name: language.name.clone(),
            url: urls.in_language(&language.path, crate::paths::HOME),
            permalink: urls.permalink_in(&language.path, crate::paths::HOME),
            current: i == current,
        })
        .collect()
}

impl Planner<'_> {
    /// The article `entry`'s page in every language it is in, itself
    /// included, in the order `languages:` lists them; empty when it has
    /// no translation.
    pub(super) fn alternates(&self, entry: &Entry) -> Vec<LanguageView> {
        if entry.translations.is_empty() {
            return Vec::new();
        }
        let site = self.site;
        let current = site.language_index();
        site.languages
            .iter()
            .enumerate()
            .filter_map(|(i, language)| {
                let path = if i == current {
                    &entry.path
                } else {
                    &entry.translations.iter().find(|t| t.language == i)?.path
                };
                Some(LanguageView {
                    code: language.code.clone(),
                    name: language.name.clone(),
                    url: self.urls.in_language(&language.path, path),
                    permalink: self.urls.permalink_in(&language.path, path),
                    current: i == current,
                })
            })
            .collect()
    }

    /// An article page's language switch (to its translations), its
    /// alternates and its translations.
    pub(super) fn translated(&self, page: &mut PageView, entry: &Entry) {
        let alternates = self.alternates(entry);
        if alternates.is_empty() {
            return;
        }
        for language in &mut page.languages {
            if let Some(same) = alternates.iter().find(|a| a.code == language.code) {
                language.url = same.url.clone();
                language.permalink = same.permalink.clone();
            }
        }
        page.x_default = Some(
            alternates
                .iter()
                .find(|a| a.code == self.site.languages[0].code)
                .unwrap_or(&alternates[0])
                .permalink
                .clone(),
        );
        page.translations = alternates.iter().filter(|a| !a.current).cloned().collect();
        page.alternates = alternates;
    }

    /// The alternates of the page `job` makes, for the sitemap: an
    /// article's translations with `x-default`.
    pub(super) fn sitemap_alternates(&self, job: &Job) -> Vec<SitemapAlternate> {
        let Output::Template {
            context: JobContext::Article(index),
            ..
        } = &job.output
        else {
            return Vec::new();
        };
        let alternates = self.alternates(&self.site.articles[*index]);
        let Some(first) = alternates.first() else {
            return Vec::new();
        };
        let default = &self.site.languages[0].code;
        let x_default = alternates
            .iter()
            .find(|a| &a.code == default)
            .unwrap_or(first)
            .permalink
            .clone();
        alternates
            .into_iter()
            .map(|a| (a.code, a.permalink))
            .chain(std::iter::once(("x-default".to_string(), x_default)))
            .map(|(hreflang, href)| SitemapAlternate { hreflang, href })
            .collect()
    }

    /// Puts the files `jobs` of a language other than the default below
    /// its folder (`ru/...`); the default's stay where they are.
    pub(super) fn in_language(&self, jobs: &mut [Job]) {
        let folder = &self.site.config.language_path;
        if folder.is_empty() {
            return;
        }
        for job in jobs {
            job.path.insert_str(0, folder);
        }
    }

    /// Whether this plan is the default language's (or the only one's):
    /// it makes the files every language shares.
    pub(super) fn is_default_language(&self) -> bool {
        self.site.config.language_path.is_empty()
    }

    /// Every language's sitemap, for `robots.txt`: the default's, then
    /// each other's below its folder.
    pub(super) fn sitemaps(&self) -> Vec<String> {
        let mut all = vec![self.urls.permalink(crate::paths::SITEMAP)];
        for language in self.site.languages.iter().skip(1) {
            all.push(
                self.urls
                    .permalink_in(&language.path, crate::paths::SITEMAP),
            );
        }
        all
    }
}
