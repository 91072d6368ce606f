//! An article page's variables held compactly until the page is requested
//! (`serve`): the values its page shares with the article's list entry and
//! Markdown are kept once, by reference, and only what is the page's own
//! (related briefings, JSON-LD, the few fields lists do not show) is kept
//! beside them. [`ArticlePage::vars`] assembles the same variables
//! `Planner::make_article_vars` makes, so the page renders byte for byte
//! as `build` writes it, and its fingerprint is taken once, when it is made.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;
use tera::value::Key;

use super::Planner;
use super::articles::Shared;
use crate::render::actor_views::RelatedView;
use crate::render::markdown::Body;
use crate::render::vars::{Fingerprinter, Seeds, Vars, share_equal, share_fields};
use crate::render::views::*;

/// The template of every article page.
pub(crate) const ARTICLE_TEMPLATE: &str = "article.html";

/// What an article page shows beyond its list entry, as a template value
/// (the fields of [`ArticleView`] that [`EntryView`] lacks; `related` is
/// added apart).
#[derive(Serialize)]
struct Rest<'a> {
    standfirst: &'a Option<String>,
    updated: &'a Option<DateView>,
    extra: &'a crate::load::yaml::Data,
    source_path: &'a str,
    milestone: &'a Option<LinkView>,
    #[serde(flatten)]
    writing: &'a WritingView,
}

/// An article page's variables, kept as the parts they are made of.
pub struct ArticlePage {
    /// `site`, shared by every page.
    site: Value,
    /// The article's list entry (with its rendered `html`, which the page
    /// leaves out), shared with the lists that show it.
    entry: Value,
    /// Its Markdown, shared with its feed entry.
    body: Arc<Body>,
    /// The page's own fields: standfirst, `updated`, `extra`, source path,
    /// milestone, referrers, corrections, authors.
    rest: Value,
    /// `article.related`.
    related: Value,
    /// `jsonld`.
    jsonld: Value,
    /// The language switch of a site in several languages (else empty).
    languages: Arc<[LanguageView]>,
    /// A page with translations: its `page` whole (else made from `entry`).
    translated: Option<Box<PageView>>,
    /// The fingerprint of [`Self::vars`] with [`ARTICLE_TEMPLATE`], as
    /// [`Fingerprinter::page`] gives it.
    pub print: u64,
}

impl std::fmt::Debug for ArticlePage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArticlePage")
            .field("print", &self.print)
            .finish_non_exhaustive()
    }
}

impl ArticlePage {
    /// The page's variables, equal to those a one-off build makes.
    pub fn vars(&self) -> Vars {
        let page = match &self.translated {
            Some(page) => Value::from_serializable(page),
            None => Value::from_serializable(&self.page_view()),
        };
        let mut article = self.entry.as_map().cloned().unwrap_or_default();
        article.remove(&Key::Str("html"));
        for (key, value) in self.rest.as_map().into_iter().flatten() {
            article.insert(key.clone(), value.clone());
        }
        article.insert(Key::Str("content"), self.body.html.clone());
        article.insert(Key::Str("related"), self.related.clone());
        let mut vars = Vars::new();
        vars.insert_value("site", self.site.clone());
        vars.insert_value("page", page);
        vars.insert_value("jsonld", self.jsonld.clone());
        vars.insert_value("article", Value::from(article));
        vars
    }

    /// Takes the parts equal to `old`'s from it, so a page made again
    /// holds no copy of what did not change (`serve`'s whole rebuild).
    /// (`site` is not compared: it is the last run's value already when
    /// equal, `Planner::new` sees to that.)
    pub(super) fn share(&mut self, old: &ArticlePage) {
        share_equal(&mut self.entry, &old.entry);
        share_fields(&mut self.rest, &old.rest);
        share_equal(&mut self.related, &old.related);
        share_equal(&mut self.jsonld, &old.jsonld);
    }

    /// `site`, as every page has it.
    pub(super) fn site(&self) -> &Value {
        &self.site
    }

    /// The bytes this page's own parts hold (not its entry or body),
    /// counted by `count`: its related briefings, its JSON-LD, and the
    /// rest with the page itself.
    pub(super) fn bytes(&self, count: &mut crate::render::value_bytes::ValueBytes) -> [usize; 3] {
        let own = std::mem::size_of::<Self>() + std::mem::size_of_val(&*self.languages);
        [
            count.value(&self.related),
            count.value(&self.jsonld),
            own + count.value(&self.rest),
        ]
    }

    /// `page`, from the entry's fields (as `Planner::page_view` makes it).
    fn page_view(&self) -> PageView {
        let text = |value: Option<&Value>| {
            value
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_default()
        };
        let field = |key: &'static str| super::field(&self.entry, key);
        let machine = field("date").and_then(|date| super::field(date, "machine"));
        PageView {
            kind: "article",
            title: text(field("title")),
            description: text(field("summary")),
            url: text(field("url")),
            permalink: text(field("permalink")),
            feed_url: None,
            published: Some(text(machine)),
            languages: self.languages.to_vec(),
            alternates: Vec::new(),
            translations: Vec::new(),
            x_default: None,
        }
    }
}

/// What [`Planner::article_page`] needs of an article besides its index:
/// its list entry as a view and as a value, and its other parts as made
/// for the fingerprint of its inputs.
pub(super) struct Parts<'p> {
    /// Fingerprints of the values articles share.
    pub(super) seeds: &'p Seeds,
    pub(super) view: &'p EntryView,
    pub(super) entry: &'p Value,
    pub(super) writing: &'p WritingView,
    pub(super) related: Value,
    pub(super) jsonld: &'p str,
}

impl Planner<'_> {
    /// Every article as a related briefing, made once (`serve`: an article
    /// is listed on several pages; one value, shared, instead of a copy
    /// on each).
    pub(super) fn related_items(&self) -> Vec<Value> {
        (0..self.site.articles.len())
            .into_par_iter()
            .map(|index| self.related_item(index))
            .collect()
    }

    /// `article.related` of article `index`: its related briefings, best
    /// first, shared when [`Self::related_items`] made them.
    pub(super) fn related_of(&self, index: usize) -> Value {
        let items = self.site.relations.related[index].iter().map(|&other| {
            self.related_items
                .get(other)
                .cloned()
                .unwrap_or_else(|| self.related_item(other))
        });
        Value::from(items.collect::<Vec<_>>())
    }

    /// Article `index` as a related briefing: the same value as
    /// serializing its `RelatedView`, with the date value every entry of
    /// that day shares.
    fn related_item(&self, index: usize) -> Value {
        let entry = &self.site.articles[index];
        let stamp = &entry.article.matter.date;
        let date = self.shared.dates.get(&Shared::date_key(stamp)).cloned();
        let fields: BTreeMap<&'static str, Value> = [
            ("title", Value::from(entry.article.matter.title.as_str())),
            ("url", Value::from(self.urls.url(&entry.path))),
            (
                "date",
                date.unwrap_or_else(|| Value::from_serializable(&self.urls.date(stamp))),
            ),
        ]
        .into_iter()
        .collect();
        let value = Value::from(fields);
        debug_assert_eq!(
            value,
            Value::from_serializable(&RelatedView {
                title: entry.article.matter.title.clone(),
                url: self.urls.url(&entry.path),
                date: self.urls.date(stamp),
            })
        );
        value
    }

    /// Article `index`'s page kept as its parts, fingerprinted.
    pub(super) fn article_page(&self, index: usize, parts: Parts<'_>) -> ArticlePage {
        let entry = &self.site.articles[index];
        let matter = &entry.article.matter;
        let rest = Rest {
            standfirst: &matter.summary,
            updated: &matter.updated.as_ref().map(|u| self.urls.date(u)),
            extra: &matter.extra,
            source_path: &entry.article.path.display().to_string(),
            milestone: &matter
                .milestone
                .as_ref()
                .map(|text| self.urls.milestone(text, matter.date.date)),
            writing: parts.writing,
        };
        let mut page = self.page_view(
            "article",
            parts.view.title.clone(),
            parts.view.summary.clone(),
            &entry.path,
        );
        page.published = Some(parts.view.date.machine.clone());
        self.translated(&mut page, entry);
        let mut made = ArticlePage {
            site: self.site_value.clone(),
            entry: parts.entry.clone(),
            body: self.bodies[index].clone(),
            rest: Value::from_serializable(&rest),
            related: parts.related,
            jsonld: Value::from(parts.jsonld),
            languages: self.language_homes.clone().into(),
            translated: (!page.alternates.is_empty()).then(|| Box::new(page)),
            print: 0,
        };
        made.print = Fingerprinter::with_seeds(parts.seeds).page(ARTICLE_TEMPLATE, &made.vars());
        // A patch fingerprints a remade page from these variables: the
        // same page must get the same fingerprint either way.
        debug_assert_eq!(
            made.print,
            Fingerprinter::default().page(ARTICLE_TEMPLATE, &self.make_article_vars(index)),
            "{}",
            entry.path
        );
        made
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::PathBuf;

    use crate::render::deferred::Made;
    use crate::{BuildOptions, Incremental, Served};

    use crate::test_support::write;

    fn briefing(title: &str, date: &str, body: &str) -> String {
        format!("---\ntitle: {title}\ndate: {date}\nactors: [Ada Novak]\n---\n{body}\n")
    }

    /// The served files after a rebuild: every file, or those a patch
    /// changed laid over `served`.
    fn apply(served: &mut HashMap<String, Made>, pages: Served) {
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
    }

    fn print(served: &HashMap<String, Made>, path: &str) -> u64 {
        match served.get(path) {
            Some(Made::Later(page)) => page.print,
            other => panic!("{path}: {other:?}"),
        }
    }

    /// Every page and feed served equals the built one.
    fn assert_built(options: &BuildOptions, served: &HashMap<String, Made>, after: &str) {
        let built = crate::generate(options).unwrap();
        let templated = |path: &str| path.ends_with(".html") || path.ends_with(".xml");
        for page in built.pages.iter().filter(|p| templated(&p.path)) {
            let bytes = match &served[&page.path] {
                Made::Later(made) => made.render().unwrap(),
                Made::Ready(made) => made.body.clone(),
            };
            assert!(bytes == page.body, "after {after}: {} differs", page.path);
        }
    }

    #[test]
    fn an_article_page_kept_as_parts_changes_when_what_it_shows_of_others_does() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let profile = "---\nname: Ada Novak\nrole: Envoy\n---\nAn envoy.\n";
        write(root, "content/actors/ada-novak.md", profile);
        write(
            root,
            "content/a.md",
            &briefing("Talks resume", "2022-01-21", "See [the port](b.md)."),
        );
        write(
            root,
            "content/b.md",
            &briefing("Envoy visits the port", "2022-01-19", "B."),
        );
        write(
            root,
            "content/c.md",
            &briefing("Envoy arrives", "2022-01-10", "C."),
        );
        let options = BuildOptions::new(root);
        let mut caches = Incremental::default();
        let mut served = HashMap::new();
        let first = crate::regenerate(&options, &mut caches, &[]).unwrap();
        apply(&mut served, first.pages);
        assert_built(&options, &served, "the first build");
        let a = "2022/01/21/talks-resume/index.html";
        let edits: [(&str, &str, String); 4] = [
            // A shows b as related (title, link, date) and links to it.
            (
                "a related briefing retitled and moved to another day",
                "content/b.md",
                briefing("Envoy tours the harbour", "2022-01-18", "B."),
            ),
            // A shows c as related: a patch, not a whole rebuild.
            (
                "a related briefing retitled",
                "content/c.md",
                briefing("Envoy lands", "2022-01-10", "C."),
            ),
            // A's actor, with the role held that day, and its JSON-LD.
            (
                "its actor's role",
                "content/actors/ada-novak.md",
                profile.replace("role: Envoy", "role: Special envoy"),
            ),
            // B shows a among the briefings referring to it.
            (
                "an article it links to retitled",
                "content/a.md",
                briefing("Talks begin again", "2022-01-21", "See [the port](b.md)."),
            ),
        ];
        for (what, path, text) in edits {
            let watched = if what.starts_with("an article it links") {
                "2022/01/18/envoy-tours-the-harbour/index.html"
            } else {
                a
            };
            let before = print(&served, watched);
            write(root, path, &text);
            let done = crate::regenerate(&options, &mut caches, &[PathBuf::from(path)]).unwrap();
            apply(&mut served, done.pages);
            assert_ne!(print(&served, watched), before, "after {what}: {watched}");
            assert_built(&options, &served, what);
        }
    }
}
