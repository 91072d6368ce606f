//! Atom feeds (the site's and one per actor, place and tag) and the
//! sitemap, planned as jobs like any page so templates can change them.

use serde::Serialize;
use tera::Value;

use super::{Job, Planner, field, with_field};
use crate::paths;
use crate::render::vars::Vars;

/// The sitemap protocol's limit of URLs per file; larger sites get an index.
const SITEMAP_LIMIT: usize = 50_000;

/// `feed`: what an Atom template receives about the feed itself.
#[derive(Debug, Serialize)]
struct FeedView {
    title: String,
    /// Absolute URL of the feed (`rel="self"`).
    feed_url: String,
    /// Absolute URL of the page it follows (`rel="alternate"`).
    page_url: String,
    /// Stable id: the feed's absolute URL.
    id: String,
    /// Newest `updated` among its entries (RFC 3339).
    updated: String,
    /// `author` from site.yaml, else the site title.
    author: String,
}

/// One feed entry: the list entry plus what feeds need.
#[derive(Debug, Serialize)]
pub(super) struct FeedEntry {
    title: String,
    permalink: String,
    id: String,
    published: String,
    updated: String,
    summary: String,
    author: String,
    categories: Vec<String>,
    /// Dated corrections, newest first.
    corrections: Vec<FeedCorrection>,
    /// The article's authors' names; none when its one author is the
    /// feed's (`author`), which the feed names once.
    authors: Vec<String>,
}

/// A correction as a feed shows it, before the body.
#[derive(Debug, Serialize)]
struct FeedCorrection {
    /// `18 January 2022`.
    date: String,
    text: String,
}

#[derive(Debug, Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
    /// `(hreflang, href)` of the page in each language, with
    /// `x-default` (multilingual sites; skipped when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alternates: Vec<SitemapAlternate>,
}

/// The same page in one language (`hreflang`, `href`) or `x-default`.
#[derive(Debug, Serialize)]
pub(super) struct SitemapAlternate {
    pub(super) hreflang: String,
    pub(super) href: String,
}

/// An Atom id must be an absolute IRI: the permalink when `base_url` has a
/// host, else a URN built from the path.
pub(super) fn atom_id(permalink: &str) -> String {
    if permalink.contains("://") {
        permalink.to_string()
    } else {
        format!("urn:briefing:{permalink}")
    }
}

impl Planner<'_> {
    /// Which articles appear in at least one feed: the newest `feed_size`
    /// of the site, of the chronology and of every actor, place and tag.
    pub(super) fn feed_members(&self) -> Vec<bool> {
        let site = self.site;
        let size = site.config.feed_size;
        let mut member = vec![false; site.articles.len()];
        member.iter_mut().take(size).for_each(|m| *m = true);
        for &index in site.milestones.iter().take(size) {
            member[index] = true;
        }
        for term in site.terms.iter().flat_map(|(_, terms)| terms) {
            for &index in term.articles.iter().take(size) {
                member[index] = true;
            }
        }
        member
    }

    /// The feed entry of article `index`.
    pub(super) fn feed_entry(
        &self,
        index: usize,
        entry: &crate::render::views::EntryView,
    ) -> Value {
        let matter = &self.site.articles[index].article.matter;
        let author = self.author();
        let names: Vec<String> = self.site.articles[index]
            .authors
            .iter()
            .map(|&id| self.site.authors[id].name.clone())
            .collect();
        // The feed's own author is not repeated in each entry.
        let authors = if names == [author.as_str()] {
            Vec::new()
        } else {
            names
        };
        let view = FeedEntry {
            title: entry.title.clone(),
            permalink: entry.permalink.clone(),
            id: atom_id(&entry.permalink),
            published: matter.date.rfc3339(),
            updated: matter.updated.unwrap_or(matter.date).rfc3339(),
            summary: entry.summary.clone(),
            author,
            categories: entry
                .actors
                .iter()
                .map(|a| &a.name)
                .chain(entry.places.iter().chain(&entry.tags).map(|l| &l.name))
                .cloned()
                .collect(),
            corrections: matter
                .corrections
                .iter()
                .map(|c| FeedCorrection {
                    date: self.urls.long_date(c.date.date),
                    text: c.text.clone(),
                })
                .collect(),
            authors,
        };
        // The body goes in a CDATA section as it is: no copy, no escaping.
        super::with_field(
            Value::from_serializable(&view),
            "content",
            self.bodies[index].feed_html.clone(),
        )
    }

    fn author(&self) -> String {
        let config = &self.site.config;
        if config.author.is_empty() {
            config.title.clone()
        } else {
            config.author.clone()
        }
    }

    /// The Atom feed at `path` of the list at `base`, with its newest
    /// `feed_size` articles.
    pub(super) fn feed(
        &self,
        path: String,
        base: &str,
        title: String,
        items: &[usize],
        kind: &'static str,
    ) -> Job {
        self.feed_of(path, base, title, items, kind, |_, entry| entry)
    }

    /// [`Self::feed`], with each entry (of article `index`) passed through
    /// `adapt` (a chronology's entries are titled by their milestone).
    /// `kind` (one of [`crate::feed_content::KINDS`]) says whether its
    /// entries carry their full bodies (`feed_content:`).
    pub(super) fn feed_of(
        &self,
        path: String,
        base: &str,
        title: String,
        items: &[usize],
        kind: &'static str,
        adapt: impl Fn(usize, Value) -> Value,
    ) -> Job {
        let shown = &items[..items.len().min(self.site.config.feed_size)];
        let updated = shown
            .iter()
            .map(|&i| {
                let matter = &self.site.articles[i].article.matter;
                let stamp = matter.updated.unwrap_or(matter.date);
                (stamp.date, stamp.seconds_into_day(), stamp.rfc3339())
            })
            .max()
            .map(|(_, _, text)| text)
            .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
        let feed_url = self.urls.permalink(&path);
        let view = FeedView {
            title,
            id: atom_id(&feed_url),
            feed_url,
            page_url: self.urls.permalink(base),
            updated,
            author: self.author(),
        };
        let mut context = self.context("feed", view.title.clone(), self.description(), &path);
        context.insert("feed", &view);
        context.insert("full_content", &self.site.config.feed_content.full(kind));
        let entries: Vec<Value> = shown
            .iter()
            .filter_map(|&i| self.feed_values[i].clone().map(|entry| adapt(i, entry)))
            .collect();
        context.insert_value("entries", Value::from(entries));
        Job::page(path, "atom.xml", context, None)
    }

    /// `sitemap.xml`, listing every HTML page but the 404 page; past 50,000
    /// URLs, a sitemap index pointing at `sitemap-1.xml`, `sitemap-2.xml`...
    pub(super) fn sitemap(&self, jobs: &mut Vec<Job>) {
        let sitemap = self.sitemap_of(jobs);
        jobs.extend(sitemap);
    }

    /// The sitemap of the pages among `jobs`: one file, or past
    /// [`SITEMAP_LIMIT`] URLs its parts and then their index.
    pub(super) fn sitemap_of(&self, jobs: &[Job]) -> Vec<Job> {
        let mut made = Vec::new();
        let mut kept = KeptUrls {
            urls: self
                .keep
                .as_ref()
                .map(|keep| keep.sitemap())
                .unwrap_or_default(),
            at: 0,
            base: self.urls.permalink(""),
        };
        let urls: Vec<Value> = jobs
            .iter()
            .filter(|job| job.path.ends_with("index.html"))
            .map(|job| {
                let path = job.path.trim_end_matches("index.html");
                let alternates = self.sitemap_alternates(job);
                match kept.take(path, job.lastmod.as_deref()) {
                    Some(value) if alternates.is_empty() => value,
                    _ => Value::from_serializable(&SitemapUrl {
                        loc: self.urls.permalink(path),
                        lastmod: job.lastmod.clone(),
                        alternates,
                    }),
                }
            })
            .collect();
        if urls.len() <= SITEMAP_LIMIT {
            made.push(self.sitemap_job(paths::SITEMAP.into(), "sitemap.xml", urls));
            return made;
        }
        let mut parts = Vec::new();
        let mut urls = urls.into_iter().peekable();
        let mut number = 0;
        while urls.peek().is_some() {
            number += 1;
            let chunk: Vec<Value> = urls.by_ref().take(SITEMAP_LIMIT).collect();
            let lastmod = chunk
                .iter()
                .filter_map(|u| Some(field(u, "lastmod")?.as_str()?.to_string()))
                .max();
            let path = paths::sitemap_part(number);
            parts.push(SitemapUrl {
                loc: self.urls.permalink(&path),
                lastmod,
                alternates: Vec::new(),
            });
            made.push(self.sitemap_job(path, "sitemap.xml", chunk));
        }
        let parts = parts.iter().map(Value::from_serializable).collect();
        made.push(self.sitemap_job(paths::SITEMAP.into(), "sitemap_index.xml", parts));
        made
    }

    /// `vars` of a sitemap file with the pages `moved` (each page's
    /// former permalink with its new one) at their new addresses; `None`
    /// when it lists none of them.
    pub(super) fn sitemap_moved(vars: &Vars, moved: &[(String, String)]) -> Option<Vars> {
        let urls = vars.get("urls")?.as_array()?;
        let mut changed = false;
        let patched: Vec<Value> = urls
            .iter()
            .map(|url| {
                let new = field(url, "loc")
                    .and_then(Value::as_str)
                    .and_then(|loc| moved.iter().find(|(old, _)| *old == loc))
                    .map(|(_, new)| new);
                match new {
                    Some(new) => {
                        changed = true;
                        with_field(url.clone(), "loc", Value::from(new.as_str()))
                    }
                    None => url.clone(),
                }
            })
            .collect();
        let mut vars = vars.clone();
        vars.insert_value("urls", Value::from(patched));
        changed.then_some(vars)
    }

    fn sitemap_job(&self, path: String, template: &'static str, urls: Vec<Value>) -> Job {
        let mut context = self.context("sitemap", "Sitemap".into(), String::new(), &path);
        context.insert_value("urls", Value::from(urls));
        context.insert("multilingual", &!self.site.languages.is_empty());
        Job::page(path, template, context, None)
    }
}

/// The entries of the last plan's sitemap files (`serve`'s delta path:
/// [`super::Keep`]), taken in order where a page keeps its address and
/// date: a shared value, not made again.
struct KeptUrls<'k> {
    urls: Vec<&'k Value>,
    /// The next entry to look at.
    at: usize,
    /// The permalink of the site's root.
    base: String,
}

/// How many entries past the next one a page's entry is looked for (pages
/// gone since); `serve`'s kept sitemap fingerprints follow the same entries.
pub(crate) const SITEMAP_LOOK_AHEAD: usize = 64;

impl KeptUrls<'_> {
    /// The kept entry of the page at `path` (its folder) when it has
    /// `lastmod`. An entry is looked for among the next few; those
    /// passed over are pages gone.
    fn take(&mut self, path: &str, lastmod: Option<&str>) -> Option<Value> {
        let ahead = self.urls.get(self.at..)?;
        let found = ahead.iter().take(SITEMAP_LOOK_AHEAD).position(|url| {
            field(url, "loc")
                .and_then(Value::as_str)
                .and_then(|loc| loc.strip_prefix(self.base.as_str()))
                == Some(path)
        })?;
        self.at += found + 1;
        let url = ahead[found];
        let kept = field(url, "lastmod").and_then(Value::as_str);
        (kept == lastmod).then(|| url.clone())
    }
}
