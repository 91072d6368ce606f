//! The template contract: what each template receives, as dedicated
//! structs built for templates (not the internal model). `docs/templates.md`
//! documents every field; change both together. Views of dates and
//! chronologies are in [`time`].

mod time;
mod writing;

pub use time::*;
pub use writing::*;

use chrono::Datelike;
use serde::Serialize;

use std::sync::Arc;

use crate::config::Config;
use crate::i18n::Translations;
use crate::load::dates::Timestamp;
use crate::load::yaml::Data;
use crate::model::Taxonomy;
use crate::paths;

/// `site`: on every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Site title.
    pub title: String,
    /// One line about the site.
    pub description: String,
    /// `base_url` from `site.yaml` (or `--base-url`), ending in `/`.
    pub base_url: String,
    /// The URL path of the home page: `/`, or `/briefings/` under a path.
    pub root: String,
    /// Page language (`lang`).
    pub language: String,
    /// Writing direction (`dir`): `rtl` for Arabic, Hebrew..., else `ltr`.
    pub dir: &'static str,
    /// Default author.
    pub author: String,
    /// URL of the stylesheet.
    pub stylesheet: String,
    /// URLs of the index pages.
    pub actors_url: String,
    /// `/places/`.
    pub places_url: String,
    /// `/tags/`.
    pub tags_url: String,
    /// `/archive/`.
    pub archive_url: String,
    /// `/chronology/`.
    pub chronology_url: String,
    /// `/authors/`, when the site's briefings have more than one author.
    pub authors_url: Option<String>,
    /// The site's icon, `/favicon.svg`.
    pub favicon: String,
    /// The site's Atom feed, `/atom.xml`.
    pub feed_url: String,
    /// The search page, `/search/`; none when `search: false`.
    pub search_url: Option<String>,
    /// Whether list entries show each briefing's summary
    /// (`list_summaries:`).
    pub list_summaries: bool,
    /// A multilingual site's languages, the default first, each linking
    /// to its home (the header's language switch; an article page links
    /// its translations instead, `translations`); empty for a site in one
    /// language.
    pub languages: Vec<LanguageView>,
}

/// A language of a multilingual site, linked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanguageView {
    /// Its code (`ru`): for `lang` and `hreflang`.
    pub code: String,
    /// Its name in itself ("Русский").
    pub name: String,
    /// Its home page, or the page shown in it.
    pub url: String,
    /// The same, absolute when `base_url` has a host (for `hreflang`).
    pub permalink: String,
    /// True for the language of the page being rendered.
    pub current: bool,
}

/// `page`: on every page, about the page itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageView {
    /// `home`, `article`, `actors`, `actor`, `places`, `place`, `tags`,
    /// `tag`, `day`, `month`, `year`, `archive`, `search` or `404`.
    pub kind: &'static str,
    /// For `<title>` and the main heading.
    pub title: String,
    /// One line for the `description` meta tag.
    pub description: String,
    /// Root-relative URL of the page (what links use).
    pub url: String,
    /// Absolute URL (`base_url` + path) when `base_url` has a host.
    pub permalink: String,
    /// The Atom feed of what this page lists (home, actor, place, tag).
    pub feed_url: Option<String>,
    /// Publication time of an article page, for metadata.
    pub published: Option<String>,
    /// A multilingual site's language switch: each language, linking to
    /// this page in it (an article's translation) when there is one, else
    /// to its home; empty for a site in one language.
    pub languages: Vec<LanguageView>,
    /// An article page with translations: the page in each language it
    /// is in, itself included (`hreflang` links); else empty.
    pub alternates: Vec<LanguageView>,
    /// The same less this page: the article's translations, shown under
    /// its byline.
    pub translations: Vec<LanguageView>,
    /// With `alternates`: the page for readers of any other language
    /// (`hreflang="x-default"`), the default language's when there is
    /// one.
    pub x_default: Option<String>,
}

impl PageView {
    /// As a template value: the same value as serializing it, made field
    /// by field (every page has one: the generic serializer showed in
    /// profiles of the plan).
    pub fn to_value(&self) -> tera::Value {
        use tera::Value;
        let languages = |list: &[LanguageView]| match list {
            [] => Value::from(Vec::<Value>::new()),
            list => Value::from_serializable(list),
        };
        let fields: std::collections::BTreeMap<&'static str, Value> = [
            ("kind", Value::from(self.kind)),
            ("title", Value::from(self.title.as_str())),
            ("description", Value::from(self.description.as_str())),
            ("url", Value::from(self.url.as_str())),
            ("permalink", Value::from(self.permalink.as_str())),
            ("feed_url", Value::from(self.feed_url.clone())),
            ("published", Value::from(self.published.clone())),
            ("languages", languages(&self.languages)),
            ("alternates", languages(&self.alternates)),
            ("translations", languages(&self.translations)),
            ("x_default", Value::from(self.x_default.clone())),
        ]
        .into_iter()
        .collect();
        let value = Value::from(fields);
        debug_assert_eq!(value, Value::from_serializable(self));
        value
    }
}

/// An actor in an entry, with the role held on the article's date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorLinkView {
    /// Display name.
    pub name: String,
    /// The actor's page.
    pub url: String,
    /// The role held on the article's date, if the profile says.
    pub role: Option<String>,
}

/// A name with the page it links to (actors, places, tags, days).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkView {
    /// What the link says.
    pub name: String,
    /// Where it goes.
    pub url: String,
}

/// A date, ready to print.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateView {
    /// `2022-01-18`.
    pub iso: String,
    /// `18 January 2022`.
    pub long: String,
    /// For `datetime` attributes: the exact time if given, else the day.
    pub machine: String,
    /// The time of day when one was given, with its offset: `14:30 UTC+01:00`.
    pub time: Option<String>,
    /// Year, month (1-12) and day numbers.
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
    /// The day's page.
    pub url: String,
}

/// One article as it appears in lists (home, actor, date pages).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryView {
    /// Headline.
    pub title: String,
    /// The article's page.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Publication date.
    pub date: DateView,
    /// `summary:`, else the first paragraph.
    pub summary: String,
    /// Actors with their pages and the role each held that day.
    pub actors: Vec<ActorLinkView>,
    /// Places.
    pub places: Vec<LinkView>,
    /// Tags.
    pub tags: Vec<LinkView>,
    /// `source:`, if given, as shown: its text, its `name`, or the host of
    /// its address (`reuters.com`).
    pub source: Option<String>,
    /// `source:`'s web address (`http://` or `https://`), to link it.
    pub source_url: Option<String>,
    /// Words in the body.
    pub word_count: usize,
    /// Minutes to read (at least 1).
    pub reading_time: usize,
    /// When it goes live, if it is scheduled and shown all the same (the
    /// preview, `build --future`): "21 January 2022, 14:30 UTC", in the
    /// site's `timezone`.
    pub scheduled: Option<String>,
}

/// `article`: an article page's article. Its body as HTML, `content`
/// (marked safe), is added beside these fields when the page renders,
/// shared rather than copied.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Everything a list entry has.
    #[serde(flatten)]
    pub entry: EntryView,
    /// `summary:` as written (not the first-paragraph fallback), for a
    /// standfirst under the headline.
    pub standfirst: Option<String>,
    /// `updated:`, if given.
    pub updated: Option<DateView>,
    /// `extra:` from front matter, as written.
    pub extra: Data,
    /// The source file, relative to the site.
    pub source_path: String,
    /// Up to five related briefings, best first.
    pub related: Vec<super::actor_views::RelatedView>,
    /// `milestone:`, if given: its text (`name`) and its year on the
    /// chronology (`url`, `/chronology/#y2022`).
    pub milestone: Option<LinkView>,
    /// Who refers to it and its corrections (`referred_by`, `corrections`).
    #[serde(flatten)]
    pub writing: WritingView,
}

/// An actor, place or tag in an index list.
#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    /// Display name.
    pub name: String,
    /// URL slug.
    pub slug: String,
    /// Its page.
    pub url: String,
    /// How many articles carry it.
    pub count: usize,
    /// The role shown beside an actor's name: its current role, else the
    /// one held on the day of its newest briefing (else none).
    pub role: Option<String>,
    /// True when `role` is the current one (shown as such).
    pub role_current: bool,
    /// An actor's kind (`person`, `organisation`, `country`, `group`);
    /// none for places and tags.
    pub kind: Option<&'static str>,
}

/// `actor`: an actor page's actor.
#[derive(Debug, Clone, Serialize)]
pub struct ActorView {
    /// Name, slug, URL, count, role.
    #[serde(flatten)]
    pub term: TermView,
    /// The profile's biography as HTML, if there is a profile.
    pub bio: Option<String>,
    /// Other spellings from the profile.
    pub aliases: Vec<String>,
    /// `extra:` from the profile.
    pub extra: Data,
    /// `People`, `Organisations`, `Countries` or `Groups`.
    pub kind_title: String,
    /// Every dated role, oldest first.
    pub roles: Vec<super::actor_views::RoleView>,
    /// The profile's picture.
    pub image: Option<super::actor_views::ImageView>,
    /// The profile's links.
    pub links: Vec<LinkView>,
    /// The Wikidata id and its page.
    pub wikidata: Option<LinkView>,
    /// Top co-actors, most shared briefings first.
    pub appears_with: Vec<super::actor_views::CoActorView>,
    /// Places of the actor's briefings, most frequent first.
    pub places: Vec<super::actor_views::CountView>,
}

/// `taxonomy`: which kind of term a places/tags page is about.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyView {
    /// `places` or `tags`.
    pub key: &'static str,
    /// `Places` or `Tags`.
    pub title: String,
    /// `place` or `tag`.
    pub singular: &'static str,
    /// The index page.
    pub url: String,
}

impl TaxonomyView {
    /// The view of `taxonomy`, with its index page's URL.
    pub fn new(taxonomy: Taxonomy, urls: &Urls) -> Self {
        Self {
            key: taxonomy.key(),
            title: urls.taxonomy_title(taxonomy),
            singular: taxonomy.singular(),
            url: urls.url(&paths::taxonomy(taxonomy)),
        }
    }
}

/// `paginator`: where a list page is among its pages (none if only one).
#[derive(Debug, Clone, Serialize)]
pub struct PaginatorView {
    /// 1-based.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Previous and next pages, if any.
    pub prev_url: Option<String>,
    /// Next page.
    pub next_url: Option<String>,
    /// The first and last pages.
    pub first_url: String,
    /// The last page.
    pub last_url: String,
    /// The pages around this one (at most two on each side), to print page
    /// numbers; a bounded window, so a list of thousands of pages stays cheap.
    pub pages: Vec<PageLink>,
}

impl PaginatorView {
    /// As a template value: the same value as serializing it, made field
    /// by field (every list page has one).
    pub fn to_value(&self) -> tera::Value {
        use tera::Value;
        let pages: Vec<Value> = self
            .pages
            .iter()
            .map(|link| {
                let fields: std::collections::BTreeMap<&'static str, Value> = [
                    ("number", Value::from(link.number)),
                    ("url", Value::from(link.url.as_str())),
                    ("current", Value::from(link.current)),
                ]
                .into_iter()
                .collect();
                Value::from(fields)
            })
            .collect();
        let fields: std::collections::BTreeMap<&'static str, Value> = [
            ("current", Value::from(self.current)),
            ("total", Value::from(self.total)),
            ("prev_url", Value::from(self.prev_url.clone())),
            ("next_url", Value::from(self.next_url.clone())),
            ("first_url", Value::from(self.first_url.as_str())),
            ("last_url", Value::from(self.last_url.as_str())),
            ("pages", Value::from(pages)),
        ]
        .into_iter()
        .collect();
        let value = Value::from(fields);
        debug_assert_eq!(value, Value::from_serializable(self));
        value
    }
}

/// One numbered page of a list.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// 1-based.
    pub number: usize,
    /// Its URL.
    pub url: String,
    /// True for the page being rendered.
    pub current: bool,
}

/// Builds URLs: root-relative for links, absolute for permalinks.
#[derive(Debug, Clone)]
pub struct Urls {
    /// This language's root: the site's, then its `language_path`.
    root: String,
    base: String,
    /// The site's own root, where assets and other languages are.
    site_root: String,
    site_base: String,
    words: Arc<Translations>,
}

impl Urls {
    /// URLs for a site with this configuration; dates and labels in the
    /// language of `words`.
    /// In a multilingual site, paths are below the language's own root
    /// (`/ru/`; [`Config::language_path`]).
    pub fn new(config: &Config, words: &Arc<Translations>) -> Self {
        let language = &config.language_path;
        Self {
            root: format!("{}{language}", config.root_path()),
            base: format!("{}{language}", config.base_url),
            site_root: config.root_path().to_string(),
            site_base: config.base_url.clone(),
            words: Arc::clone(words),
        }
    }

    /// Root-relative URL of a file every language shares (the
    /// stylesheet, the icon, an actor's picture): below the site's root.
    pub fn asset(&self, path: &str) -> String {
        format!("{}{path}", self.site_root)
    }

    /// Root-relative URL of `path` below the root of the language whose
    /// pages are at `language_path` (`ru/`, or empty for the default).
    pub fn in_language(&self, language_path: &str, path: &str) -> String {
        format!("{}{language_path}{path}", self.site_root)
    }

    /// Absolute URL of `path` below the root of another language.
    pub fn permalink_in(&self, language_path: &str, path: &str) -> String {
        format!("{}{language_path}{path}", self.site_base)
    }

    /// The site's translations.
    pub fn words(&self) -> &Translations {
        &self.words
    }

    /// "21 January 2022" in the site's language.
    pub fn long_date(&self, date: chrono::NaiveDate) -> String {
        self.words.long_date(date)
    }

    /// An index page's title (`Actors`) in the site's language.
    pub fn taxonomy_title(&self, taxonomy: Taxonomy) -> String {
        let key = match taxonomy {
            Taxonomy::Actor => "actors",
            Taxonomy::Place => "places",
            Taxonomy::Tag => "tags",
        };
        self.words.text(key, &[])
    }

    /// "January 2022" in the site's language.
    pub fn month_title(&self, year: i32, month: u32) -> String {
        self.words.month_title(year, month)
    }

    /// Link to `path` (relative to the site root, no leading `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }

    /// Absolute URL of `path`.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A date view whose `url` is its day page.
    pub fn date(&self, stamp: &Timestamp) -> DateView {
        let date = stamp.date;
        DateView {
            iso: crate::render::pages::iso_date(date),
            long: self.long_date(date),
            machine: match stamp.moment {
                Some(_) => stamp.rfc3339(),
                None => crate::render::pages::iso_date(date),
            },
            time: stamp.moment.map(|m| {
                let offset = m.offset().to_string();
                match offset.as_str() {
                    "+00:00" => format!("{} UTC", m.format("%H:%M")),
                    _ => format!("{} UTC{offset}", m.format("%H:%M")),
                }
            }),
            year: date.year(),
            month: date.month(),
            day: date.day(),
            url: self.url(&paths::day(date)),
        }
    }

    /// An article's milestone, linking to its year on the chronology.
    pub fn milestone(&self, text: &str, date: chrono::NaiveDate) -> LinkView {
        LinkView {
            name: text.to_string(),
            url: format!("{}#y{}", self.url(paths::CHRONOLOGY), date.year()),
        }
    }

    /// A month link.
    pub fn month(&self, year: i32, month: u32, count: usize) -> MonthLink {
        MonthLink {
            title: self.month_title(year, month),
            name: self.words.month_name(month).to_string(),
            month,
            url: self.url(&paths::month(year, month)),
            count,
        }
    }
}
