//! Which pages a site has, and what each one's template receives.
//!
//! [`plan`] lists every page as a [`Job`] (output path, template, context);
//! list pages share each article's entry, converted to a template value
//! once and reused on every list it appears on.

mod articles;
mod calendar;
mod feeds;

pub use articles::Reuse;
use articles::Shared;

use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use super::markdown::Body;
use super::vars::Vars;
use super::views::*;
use crate::model::Site;
use crate::model::terms::Term;

/// The template of one article in a list, rendered once per article.
pub const ENTRY_TEMPLATE: &str = "partials/entry.html";

/// One page to render.
pub struct Job {
    /// Output file, relative to the output folder (`actors/index.html`).
    pub path: String,
    /// Template name.
    pub template: &'static str,
    /// What the template receives, or the article whose page this is (its
    /// context is built when it renders, to keep one body in memory at a time).
    pub context: JobContext,
    /// When what the page shows last changed (`YYYY-MM-DD`), for the sitemap.
    pub lastmod: Option<String>,
}

/// A page's context, ready or to be built.
pub enum JobContext {
    /// Built.
    Ready(Vars),
    /// The page of article `index`.
    Article(usize),
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
    entries: Vec<EntryView>,
    entry_values: Vec<Value>,
    /// Feed entries (with the full body) of the articles some feed shows.
    feed_values: Vec<Option<Value>>,
    /// Each article page's variables.
    article_vars: Vec<Vars>,
    /// Values many entries share, made once: the link of every actor,
    /// place and tag, and every distinct date.
    shared: Shared,
}

impl<'a> Planner<'a> {
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
        }
    }

    fn context(&self, kind: &'static str, title: String, description: String, path: &str) -> Vars {
        self.context_of(&self.page_view(kind, title, description, path))
    }

    fn context_of(&self, page: &PageView) -> Vars {
        let mut context = Vars::new();
        context.insert_value("site", self.site_value.clone());
        context.insert("page", page);
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
            .map(|d| d.format("%Y-%m-%d").to_string())
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

    /// Every page of the site, feeds and the sitemap included.
    pub fn plan(&self) -> Vec<Job> {
        let site = self.site;
        let mut jobs = Vec::new();
        let all: Vec<usize> = (0..site.articles.len()).collect();
        self.list(
            &mut jobs,
            &all,
            List {
                base: "",
                template: "index.html",
                kind: "home",
                title: &site.config.title,
                description: &site.config.description,
            },
            |_| {},
        );
        for (index, entry) in site.articles.iter().enumerate() {
            let matter = &entry.article.matter;
            jobs.push(Job {
                path: format!("{}index.html", entry.path),
                template: "article.html",
                context: JobContext::Article(index),
                lastmod: Some(
                    matter
                        .updated
                        .unwrap_or(matter.date)
                        .date
                        .format("%Y-%m-%d")
                        .to_string(),
                ),
            });
        }
        let newest = self.lastmod(&all);
        self.actor_pages(&mut jobs, &newest);
        for (key, title, singular, terms) in [
            ("places", "Places", "place", &site.places),
            ("tags", "Tags", "tag", &site.tags),
        ] {
            let taxonomy = TaxonomyView {
                key,
                title,
                singular,
                url: self.urls.url(&format!("{key}/")),
            };
            self.term_pages(&mut jobs, taxonomy, terms, &newest);
        }
        self.calendar_pages(&mut jobs, &newest);
        let context = self.context(
            "404",
            "Page not found".into(),
            self.description(),
            "404.html",
        );
        jobs.push(Job {
            path: "404.html".into(),
            template: "404.html",
            context: JobContext::Ready(context),
            lastmod: None,
        });
        self.sitemap(&mut jobs);
        jobs
    }

    /// Adds a paginated list of articles (page 2 on at `base/page/2/`) and
    /// its Atom feed at `base/atom.xml`; `fill` adds what the template needs
    /// besides `articles` and `paginator`.
    fn list(&self, jobs: &mut Vec<Job>, items: &[usize], list: List<'_>, fill: impl Fn(&mut Vars)) {
        let base = list.base;
        let size = match self.site.config.page_size {
            0 => items.len().max(1),
            n => n,
        };
        let total = items.len().div_ceil(size).max(1);
        let page_path = |n: usize| match n {
            1 => base.to_string(),
            n => format!("{base}page/{n}/"),
        };
        let feed_path = format!("{base}atom.xml");
        for number in 1..=total {
            let path = page_path(number);
            let chunk =
                &items[((number - 1) * size).min(items.len())..(number * size).min(items.len())];
            let mut page = self.page_view(
                list.kind,
                list.title.to_string(),
                list.description.to_string(),
                &path,
            );
            page.feed_url = Some(self.urls.url(&feed_path));
            let mut context = self.context_of(&page);
            fill(&mut context);
            context.insert_value("articles", self.entries_of(chunk));
            let paginator = (total > 1).then(|| PaginatorView {
                current: number,
                total,
                prev_url: (number > 1).then(|| self.urls.url(&page_path(number - 1))),
                next_url: (number < total).then(|| self.urls.url(&page_path(number + 1))),
                first_url: self.urls.url(&page_path(1)),
                last_url: self.urls.url(&page_path(total)),
                pages: (number.saturating_sub(2).max(1)..=(number + 2).min(total))
                    .map(|n| PageLink {
                        number: n,
                        url: self.urls.url(&page_path(n)),
                        current: n == number,
                    })
                    .collect(),
            });
            context.insert("paginator", &paginator);
            jobs.push(Job {
                path: format!("{path}index.html"),
                template: list.template,
                context: JobContext::Ready(context),
                lastmod: self.lastmod(chunk),
            });
        }
        let feed_title = if base.is_empty() {
            self.site.config.title.clone()
        } else {
            format!("{}: {}", self.site.config.title, list.title)
        };
        jobs.push(self.feed(feed_path, base, feed_title, items));
    }

    fn term_view(&self, key: &str, term: &Term) -> TermView {
        TermView {
            name: term.name.clone(),
            slug: term.slug.clone(),
            url: self.urls.url(&format!("{key}/{}/", term.slug)),
            count: term.articles.len(),
            role: term.profile.as_ref().and_then(|p| p.matter.role.clone()),
        }
    }

    fn actor_pages(&self, jobs: &mut Vec<Job>, newest: &Option<String>) {
        let site = self.site;
        let mut context = self.context("actors", "Actors".into(), self.description(), "actors/");
        let list: Vec<TermView> = site
            .actors
            .iter()
            .map(|t| self.term_view("actors", t))
            .collect();
        context.insert("actors", &list);
        jobs.push(Job {
            path: "actors/index.html".into(),
            template: "actors.html",
            context: JobContext::Ready(context),
            lastmod: newest.clone(),
        });
        // Each actor's pages are planned independently: in parallel, then
        // appended in actor order, so the plan is the same on any number of
        // threads.
        let planned: Vec<Vec<Job>> = site
            .actors
            .par_iter()
            .zip(list)
            .map(|(term, term_view)| {
                let mut jobs = Vec::new();
                let profile = term.profile.as_ref();
                let view = ActorView {
                    term: term_view,
                    bio: profile
                        .map(|p| super::markdown::render(&p.bio, site.config.root_path()).html)
                        .filter(|html| !html.trim().is_empty()),
                    aliases: profile
                        .map(|p| p.matter.aliases.clone())
                        .unwrap_or_default(),
                    extra: profile.map(|p| p.matter.extra.clone()).unwrap_or_default(),
                };
                let description = match &view.term.role {
                    Some(role) => {
                        format!("{}, {role}: everything published, newest first", term.name)
                    }
                    None => format!("{}: everything published, newest first", term.name),
                };
                let actor = Value::from_serializable(&view);
                let base = format!("actors/{}/", term.slug);
                let list = List {
                    base: &base,
                    template: "actor.html",
                    kind: "actor",
                    title: &term.name,
                    description: &description,
                };
                self.list(&mut jobs, &term.articles, list, |context| {
                    context.insert_value("actor", actor.clone())
                });
                jobs
            })
            .collect();
        jobs.extend(planned.into_iter().flatten());
    }

    fn term_pages(
        &self,
        jobs: &mut Vec<Job>,
        taxonomy: TaxonomyView,
        terms: &[Term],
        newest: &Option<String>,
    ) {
        let key = taxonomy.key;
        let taxonomy_value = Value::from_serializable(&taxonomy);
        let mut context = self.context(
            key,
            taxonomy.title.into(),
            self.description(),
            &format!("{key}/"),
        );
        let list: Vec<TermView> = terms.iter().map(|t| self.term_view(key, t)).collect();
        context.insert_value("taxonomy", taxonomy_value.clone());
        context.insert("terms", &list);
        jobs.push(Job {
            path: format!("{key}/index.html"),
            template: "terms.html",
            context: JobContext::Ready(context),
            lastmod: newest.clone(),
        });
        let planned: Vec<Vec<Job>> = terms
            .par_iter()
            .zip(&list)
            .map(|(term, view)| {
                let mut jobs = Vec::new();
                let term_value = Value::from_serializable(view);
                let base = format!("{key}/{}/", term.slug);
                let description = format!("Everything published about {}, newest first", term.name);
                let list = List {
                    base: &base,
                    template: "term.html",
                    kind: taxonomy.singular,
                    title: &term.name,
                    description: &description,
                };
                self.list(&mut jobs, &term.articles, list, |context| {
                    context.insert_value("taxonomy", taxonomy_value.clone());
                    context.insert_value("term", term_value.clone());
                });
                jobs
            })
            .collect();
        jobs.extend(planned.into_iter().flatten());
    }
}

/// A paginated list page: where, with which template, about what.
struct List<'a> {
    base: &'a str,
    template: &'static str,
    kind: &'static str,
    title: &'a str,
    description: &'a str,
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
