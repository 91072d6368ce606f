//! Which pages a site has, and what each one's template receives.
//!
//! [`Planner::plan`] lists every output file as a [`Job`] (output path, and
//! either a template with its context or bytes known in advance), in one
//! place; the modules beside this one plan each kind of page. List pages
//! share each article's entry, converted to a template value once and
//! reused on every list it appears on.

mod article_page;
mod articles;
mod authors;
mod calendar;
mod chronology;
mod data;
mod feeds;
mod files;
mod keep;
mod kept_seeds;
mod languages;
mod lists;
mod pairs;
mod previous;
mod profiles;
mod redirects;
mod search;
mod terms;
mod value_bytes;
mod weeks;

pub(crate) use article_page::ARTICLE_TEMPLATE;
pub use article_page::ArticlePage;
use articles::Shared;
pub use articles::{Replaced, Reuse};
pub(crate) use feeds::SITEMAP_LOOK_AHEAD;
pub use keep::Keep;
pub use previous::Previous;
pub(crate) use search::{run_length as search_run_length, strong_text as search_strong_text};

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use tera::Value;

use super::markdown::Body;
use super::vars::Vars;
use super::views::*;
use crate::model::{Site, Taxonomy};
use crate::paths;
use lists::List;

/// The template of one article in a list, rendered once per article.
pub const ENTRY_TEMPLATE: &str = "partials/entry.html";

/// One output file to make.
pub struct Job {
    /// Output file, relative to the output folder (`actors/index.html`).
    pub path: String,
    /// How its bytes are made.
    pub output: Output,
    /// When what the page shows last changed (`YYYY-MM-DD`), for the sitemap.
    pub lastmod: Option<String>,
}

/// How a job's bytes are made.
pub enum Output {
    /// Rendered from a template.
    Template {
        /// Template name.
        name: &'static str,
        /// What the template receives.
        context: JobContext,
    },
    /// Known in advance: a theme asset, `robots.txt`, `CNAME`, ...
    File {
        /// The bytes.
        bytes: Arc<[u8]>,
        /// Where they come from, for messages.
        source: Option<PathBuf>,
    },
}

/// A page's context, ready or to be built.
pub enum JobContext {
    /// Built.
    Ready(Vars),
    /// The page of article `index`.
    Article(usize),
    /// Page `number` of the list of term `id` of `taxonomy` (one-off
    /// builds only, like pair pages).
    Term {
        /// Actors, places or tags.
        taxonomy: Taxonomy,
        /// The term: an index into the taxonomy's terms.
        id: usize,
        /// The page of the list, from 1.
        number: usize,
    },
    /// Page `number` of the pair page of actor `actor` with its `co`-th
    /// top co-actor (one-off builds only: `serve`'s patch finds the pages
    /// holding an article's values among built contexts).
    Pair {
        /// The actor whose page it is.
        actor: usize,
        /// Which of its top co-actors.
        co: usize,
        /// The page of the list, from 1.
        number: usize,
    },
}

impl Job {
    /// A page rendered from `template` with `context`.
    fn page(path: String, template: &'static str, context: Vars, lastmod: Option<String>) -> Self {
        Self::rendered(path, template, JobContext::Ready(context), lastmod)
    }

    /// A page rendered from `template` with `context`, built or to be
    /// built when it renders.
    fn rendered(
        path: String,
        template: &'static str,
        context: JobContext,
        lastmod: Option<String>,
    ) -> Self {
        Self {
            path,
            output: Output::Template {
                name: template,
                context,
            },
            lastmod,
        }
    }

    /// The template this job renders, if any.
    pub fn template(&self) -> Option<&'static str> {
        match &self.output {
            Output::Template { name, .. } => Some(name),
            Output::File { .. } => None,
        }
    }
}

/// Shared inputs for building contexts.
pub struct Planner<'a> {
    /// The site.
    pub site: &'a Site,
    /// Markdown of each article, same order.
    pub bodies: &'a [Arc<Body>],
    /// URL builder.
    pub urls: Urls,
    site_value: Value,
    entry_values: Vec<Value>,
    /// Feed entries (with the full body) of the articles some feed shows.
    feed_values: Vec<Option<Value>>,
    /// The same titled by their milestone (the chronology's feed), made
    /// with them: every value a page shows of one article is made once,
    /// here, so `serve`'s patch can find and replace it.
    milestone_values: Vec<Option<Value>>,
    /// Each article as a related briefing, shared by the pages that list
    /// it (`serve`, while the per-article values are made).
    related_items: Vec<Value>,
    /// Each article page's variables, as their parts (`serve`).
    article_pages: Vec<Arc<ArticlePage>>,
    /// Values many entries share, made once: the link of every actor,
    /// place and tag, and every distinct date.
    shared: Arc<Shared>,
    /// The search index's files are left out of the plan: `serve` makes
    /// them after the pages are served.
    pub index_later: bool,
    /// The search index's postings when the Markdown pass gathered them
    /// (`build`); taken when the index is planned.
    pub search_postings: std::sync::Mutex<Option<crate::search::index::Words>>,
    /// A multilingual site's language switch on pages that are not
    /// articles: each language's home (empty in one language).
    language_homes: Vec<LanguageView>,
    /// Term and pair pages' contexts are built when they render, not
    /// kept in the plan (a one-off build, where nothing patches the plan
    /// later).
    lazy_lists: bool,
    /// A kept plan to take the pages an edit did not touch from
    /// (`serve`'s delta path: [`Keep`]).
    pub keep: Option<Arc<Keep>>,
    /// The last plan, whose values equal to a new page's it shares
    /// (`serve`'s whole rebuild: [`Previous`]).
    pub previous: Option<Arc<Previous>>,
}

impl<'a> Planner<'a> {
    /// A planner that knows only the site and its Markdown: enough for
    /// [`Self::search_files`] (`serve` makes the search index after the
    /// pages of a patch).
    pub fn bare(site: &'a Site, bodies: &'a [Arc<Body>]) -> Self {
        Self::with(
            site,
            bodies,
            Urls::new(&site.config, &site.translations),
            Value::none(),
            Arc::default(),
        )
    }

    /// A planner with no per-article values made yet.
    fn with(
        site: &'a Site,
        bodies: &'a [Arc<Body>],
        urls: Urls,
        site_value: Value,
        shared: Arc<Shared>,
    ) -> Self {
        Self {
            language_homes: languages::homes(site, &urls),
            site,
            bodies,
            urls,
            site_value,
            entry_values: Vec::new(),
            feed_values: Vec::new(),
            milestone_values: Vec::new(),
            article_pages: Vec::new(),
            related_items: Vec::new(),
            shared,
            index_later: false,
            search_postings: Default::default(),
            lazy_lists: false,
            keep: None,
            previous: None,
        }
    }

    fn page_view(
        &self,
        kind: &'static str,
        title: String,
        description: String,
        path: &str,
    ) -> PageView {
        PageView {
            kind,
            title,
            description,
            url: self.urls.url(path),
            permalink: self.urls.permalink(path),
            feed_url: None,
            published: None,
            languages: self.language_homes.clone(),
            alternates: Vec::new(),
            translations: Vec::new(),
            x_default: None,
        }
    }

    fn context(&self, kind: &'static str, title: String, description: String, path: &str) -> Vars {
        self.context_of(&self.page_view(kind, title, description, path))
    }

    fn context_of(&self, page: &PageView) -> Vars {
        let mut context = Vars::new();
        context.insert_value("site", self.site_value.clone());
        context.insert_value("page", page.to_value());
        context
    }

    /// The newest `updated` (else `date`) among `indexes`, for sitemaps.
    fn lastmod(&self, indexes: &[usize]) -> Option<String> {
        indexes
            .iter()
            .map(|&i| {
                let matter = &self.site.articles[i].article.matter;
                matter.updated.unwrap_or(matter.date).date
            })
            .max()
            .map(iso_date)
    }

    fn entries_of(&self, indexes: &[usize]) -> Value {
        Value::from(
            indexes
                .iter()
                .map(|&i| self.entry_values[i].clone())
                .collect::<Vec<_>>(),
        )
    }

    fn description(&self) -> String {
        self.site.config.description.clone()
    }

    /// Every output file of the site: pages, feeds, the sitemap, and the
    /// files that are not templates.
    pub fn plan(&self, templates: &super::Templates) -> Vec<Job> {
        let site = self.site;
        let mut jobs = Vec::new();
        let all: Vec<usize> = (0..site.articles.len()).collect();
        let description = self.home_description();
        let home = List {
            base: paths::HOME,
            template: "index.html",
            kind: "home",
            title: &site.config.title,
            description: &description,
            feed: true,
        };
        let newest = self.lastmod(&all);
        // The kinds of pages are planned side by side, each into its own
        // list, and joined in this order.
        type Part<'p, 'a> = Box<dyn Fn(&Planner<'a>, &mut Vec<Job>) + Send + Sync + 'p>;
        let parts: Vec<Part<'_, 'a>> = vec![
            Box::new(|planner, jobs| planner.list(jobs, &all, home, |_| {})),
            Box::new(|planner, jobs| planner.article_pages(jobs)),
            Box::new(|planner, jobs| planner.term_pages(jobs, Taxonomy::Actor, &newest)),
            Box::new(|planner, jobs| planner.term_pages(jobs, Taxonomy::Place, &newest)),
            Box::new(|planner, jobs| planner.term_pages(jobs, Taxonomy::Tag, &newest)),
            Box::new(|planner, jobs| planner.author_pages(jobs, &newest)),
            Box::new(|planner, jobs| planner.calendar_pages(jobs, &newest)),
            Box::new(|planner, jobs| planner.chronology_pages(jobs, &newest)),
        ];
        let planned: Vec<Vec<Job>> = parts
            .par_iter()
            .map(|part| {
                let mut jobs = Vec::new();
                part(self, &mut jobs);
                self.share_previous(&mut jobs);
                jobs
            })
            .collect();
        jobs.extend(planned.into_iter().flatten());
        let rest = jobs.len();
        let context = self.context(
            "404",
            self.urls.words().text("not_found", &[]),
            self.description(),
            paths::NOT_FOUND,
        );
        jobs.push(Job::page(
            paths::NOT_FOUND.into(),
            "404.html",
            context,
            None,
        ));
        self.sitemap(&mut jobs);
        // After the sitemap: a search page has nothing for crawlers.
        self.search_pages(&mut jobs, templates);
        // A language's pages go below its folder; redirects stay at the
        // addresses `aliases:` give, the shared files at the root.
        self.in_language(&mut jobs);
        // After the sitemap: redirects are not pages of their own.
        self.redirect_pages(&mut jobs);
        if self.is_default_language() {
            self.files(&mut jobs, templates);
        }
        let data = jobs.len();
        self.data_files(&mut jobs);
        self.in_language(&mut jobs[data..]);
        self.share_previous(&mut jobs[rest..]);
        jobs
    }

    /// After titles moved articles (`serve`'s patch; `moved`: the indexes
    /// of those articles with their former paths), the files that show
    /// every article's address, patched in the kept plan `jobs`: the
    /// sitemap's entries for those pages, the redirect pages leading to
    /// them. Returns the positions of the jobs changed;
    /// `None` when `jobs` lacks one of them.
    pub fn readdress(&self, jobs: &mut [Job], moved: &[(usize, String)]) -> Option<Vec<usize>> {
        let site = self.site;
        let permalinks: Vec<(String, String)> = moved
            .iter()
            .map(|(index, from)| {
                let to = &site.articles[*index].path;
                (self.urls.permalink(from), self.urls.permalink(to))
            })
            .collect();
        let mut made: HashMap<String, Job> = site
            .aliases
            .iter()
            .filter(|alias| moved.iter().any(|(index, _)| *index == alias.article))
            .map(|alias| self.redirect_page(alias))
            .map(|job| (job.path.clone(), job))
            .collect();
        let mut changed = Vec::new();
        for (n, job) in jobs.iter_mut().enumerate() {
            if let Some(new) = made.remove(&job.path) {
                *job = new;
                changed.push(n);
            } else if paths::is_sitemap(&job.path)
                && let Output::Template {
                    context: JobContext::Ready(vars),
                    ..
                } = &mut job.output
                && let Some(new) = Self::sitemap_moved(vars, &permalinks)
            {
                *vars = new;
                changed.push(n);
            }
        }
        made.is_empty().then_some(changed)
    }

    /// One page per article; its context is built when it renders.
    fn article_pages(&self, jobs: &mut Vec<Job>) {
        for (index, entry) in self.site.articles.iter().enumerate() {
            let matter = &entry.article.matter;
            let changed = matter.updated.unwrap_or(matter.date).date;
            jobs.push(Job::rendered(
                paths::index_file(&entry.path),
                ARTICLE_TEMPLATE,
                JobContext::Article(index),
                Some(iso_date(changed)),
            ));
        }
    }
}

/// `date` as `YYYY-MM-DD`, as chrono's `%Y-%m-%d` writes it, without
/// parsing a format string for every page (a delta plans every article
/// page's `lastmod`, the year pages' day cells and the data files again).
pub(crate) fn iso_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match date.year() {
        year @ 0..=9999 => format!("{year:04}-{:02}-{:02}", date.month(), date.day()),
        _ => date.format("%Y-%m-%d").to_string(),
    }
}

/// Field `key` of `value`, when it is a map that has it.
pub(super) fn field<'v>(value: &'v Value, key: &'static str) -> Option<&'v Value> {
    value.as_map()?.get(&tera::value::Key::Str(key))
}

/// `value` (a map) with one more field: how a shared value (an article's
/// HTML) joins a view without being copied.
pub(super) fn with_field(value: Value, key: &'static str, field: Value) -> Value {
    match value.into_map() {
        Some(mut map) => {
            map.insert(key.into(), field);
            Value::from(map)
        }
        None => Value::none(),
    }
}

#[cfg(test)]
mod iso_date_tests {
    use chrono::NaiveDate;

    /// Every day of some years, the edges of four-digit years and beyond
    /// them, written as chrono's `%Y-%m-%d` writes them.
    #[test]
    fn iso_dates_are_chronos() {
        let mut dates: Vec<NaiveDate> = Vec::new();
        for year in [-1, 0, 1, 999, 1999, 2000, 2024, 9999, 10000, 12345] {
            let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
            dates.extend(first.iter_days().take(366));
        }
        for date in dates {
            assert_eq!(super::iso_date(date), date.format("%Y-%m-%d").to_string());
        }
    }
}
