//! Paginated lists of articles (home, actor, place and tag pages): each
//! page of entries with its paginator, and the list's Atom feed.

use super::{Job, JobContext, Planner};
use crate::model::Taxonomy;
use crate::paths;
use crate::render::vars::Vars;
use crate::render::views::{PageLink, PaginatorView};

/// A paginated list page: where, with which template, about what.
#[derive(Clone, Copy)]
pub(super) struct List<'a> {
    /// The first page's path; later pages are `base/page/N/`.
    pub base: &'a str,
    pub template: &'static str,
    /// `page.kind`.
    pub kind: &'static str,
    pub title: &'a str,
    pub description: &'a str,
    /// Whether the list has an Atom feed (pair pages do not).
    pub feed: bool,
}

impl Planner<'_> {
    /// Adds a paginated list of articles (page 2 on at `base/page/2/`) and
    /// (unless `list.feed` is false) its Atom feed at `base/atom.xml`; `fill` adds what the template needs
    /// besides `articles` and `paginator`.
    pub(super) fn list(
        &self,
        jobs: &mut Vec<Job>,
        items: &[usize],
        list: List<'_>,
        fill: impl Fn(&mut Vars),
    ) {
        self.list_with(jobs, items, list, |list, number| {
            JobContext::Ready(self.list_vars(items, list, number, &fill))
        });
    }

    /// [`Planner::list`] with each page's context made by `context` (from
    /// the list and the page's number): built, or to be built when the
    /// page renders. Planning reads the list's `base`, `template`, `feed`
    /// and (for the feed) `title`; a page's variables read the rest.
    pub(super) fn list_with(
        &self,
        jobs: &mut Vec<Job>,
        items: &[usize],
        list: List<'_>,
        context: impl Fn(&List<'_>, usize) -> JobContext,
    ) {
        let base = list.base;
        let total = self.list_total(items);
        for number in 1..=total {
            let chunk = self.list_chunk(items, number);
            let lastmod = self.lastmod(chunk);
            // The home's pages from the first one whose entries moved
            // change (`serve`'s delta path); the others are kept.
            let kept = (base == paths::HOME)
                .then(|| self.kept_home_page(number, chunk, total, list.description))
                .flatten();
            if let Some(mut job) = kept {
                job.lastmod = lastmod;
                jobs.push(job);
                continue;
            }
            let path = paths::list_page(base, number);
            jobs.push(Job::rendered(
                paths::index_file(&path),
                list.template,
                context(&list, number),
                lastmod,
            ));
        }
        if !list.feed {
            return;
        }
        let feed_path = paths::feed(base);
        let feed_title = if base.is_empty() {
            self.site.config.title.clone()
        } else {
            format!("{}: {}", self.site.config.title, list.title)
        };
        let feed_kind = match list.kind {
            "actor" => "actors",
            "place" => "places",
            "tag" => "tags",
            "author" => "authors",
            _ => "site",
        };
        jobs.push(self.feed(feed_path, base, feed_title, items, feed_kind));
    }

    /// The home page's description: `description` from `site.yaml`, else
    /// one made from the site's title and what it covers most (its two
    /// most covered actors and its most covered place), in its language.
    pub(super) fn home_description(&self) -> String {
        let site = self.site;
        if !site.config.description.is_empty() {
            return site.config.description.clone();
        }
        let names: Vec<&str> = site.terms[Taxonomy::Actor]
            .iter()
            .take(2)
            .chain(site.terms[Taxonomy::Place].iter().take(1))
            .map(|term| term.name.as_str())
            .collect();
        let title = site.config.title.as_str();
        let words = self.urls.words();
        if names.is_empty() {
            words.text("desc_home_plain", &[("site", title)])
        } else {
            words.text(
                "desc_home",
                &[("site", title), ("names", &names.join(", "))],
            )
        }
    }

    /// Articles per page of a list of `items`.
    fn list_size(&self, items: &[usize]) -> usize {
        match self.site.config.page_size {
            0 => items.len().max(1),
            n => n,
        }
    }

    /// How many pages a list of `items` has (one, empty, when there are none).
    pub(super) fn list_total(&self, items: &[usize]) -> usize {
        items.len().div_ceil(self.list_size(items)).max(1)
    }

    /// The articles of page `number` (from 1) of a list of `items`.
    pub(super) fn list_chunk<'i>(&self, items: &'i [usize], number: usize) -> &'i [usize] {
        let size = self.list_size(items);
        &items[((number - 1) * size).min(items.len())..(number * size).min(items.len())]
    }

    /// The variables of page `number` of a list of `items`.
    pub(super) fn list_vars(
        &self,
        items: &[usize],
        list: &List<'_>,
        number: usize,
        fill: impl Fn(&mut Vars),
    ) -> Vars {
        let base = list.base;
        let total = self.list_total(items);
        let chunk = self.list_chunk(items, number);
        let path = paths::list_page(base, number);
        let mut page = self.page_view(
            list.kind,
            list.title.to_string(),
            list.description.to_string(),
            &path,
        );
        if list.feed {
            page.feed_url = Some(self.urls.url(&paths::feed(base)));
        }
        let mut context = self.context_of(&page);
        fill(&mut context);
        context.insert_value("articles", self.entries_of(chunk));
        let paginator = self.paginator(base, number, total);
        context.insert_value(
            "paginator",
            paginator.map_or_else(tera::Value::none, |p| p.to_value()),
        );
        context
    }

    /// Where page `number` of `total` is among the list's pages; none when
    /// there is one page.
    fn paginator(&self, base: &str, number: usize, total: usize) -> Option<PaginatorView> {
        let url = |n: usize| self.urls.url(&paths::list_page(base, n));
        (total > 1).then(|| PaginatorView {
            current: number,
            total,
            prev_url: (number > 1).then(|| url(number - 1)),
            next_url: (number < total).then(|| url(number + 1)),
            first_url: url(1),
            last_url: url(total),
            pages: (number.saturating_sub(2).max(1)..=(number + 2).min(total))
                .map(|n| PageLink {
                    number: n,
                    url: url(n),
                    current: n == number,
                })
                .collect(),
        })
    }
}
