//! schema.org JSON-LD for search engines and analysts' crawlers: a
//! `NewsArticle` on every article page, a `ProfilePage` about a `Person`
//! or `Organization` on every actor page. Made with `serde_json`, then
//! every `<` written as `\u003c`, so the text can never close the
//! `<script>` element it is printed in.

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};

use crate::load::profile::Kind;
use crate::model::terms::Term;
use crate::model::{Entry, Site, Taxonomy};
use crate::render::views::{EntryView, Urls};

/// JSON text safe to print inside `<script type="application/ld+json">`.
pub fn script_text(value: &Value) -> String {
    safe(value.to_string())
}

/// An actor as schema.org sees it: its type, name, URL and Wikidata id.
pub fn actor_thing(urls: &Urls, term: &Term) -> Value {
    let kind = term
        .profile
        .as_ref()
        .map(|p| p.matter.kind)
        .unwrap_or_default();
    let mut thing = Map::new();
    thing.insert("@type".into(), json!(kind.schema_type()));
    thing.insert("name".into(), json!(term.name));
    thing.insert("url".into(), json!(urls.permalink(&term.path)));
    let mut same_as: Vec<Value> = Vec::new();
    if let Some(profile) = &term.profile {
        if let Some(q) = &profile.matter.wikidata {
            same_as.push(json!(format!("https://www.wikidata.org/wiki/{q}")));
        }
        same_as.extend(profile.matter.links.iter().map(|l| json!(l.url)));
    }
    if !same_as.is_empty() {
        thing.insert("sameAs".into(), Value::Array(same_as));
    }
    Value::Object(thing)
}

/// Every actor's and place's JSON-LD, serialised once per build and
/// spliced into each article's `NewsArticle` as it is.
#[derive(Default)]
pub struct Things {
    /// Each actor's [`actor_thing`], by term index.
    actors: Vec<Box<RawValue>>,
    /// Each place as a `Place` with its URL, by term index.
    places: Vec<Box<RawValue>>,
}

impl Things {
    /// The actors and places of `site`.
    pub fn new(site: &Site, urls: &Urls) -> Self {
        Self::reusing(site, urls, &Self::default(), |_, _| None)
    }

    /// The actors and places of `site`, each taken from `old` at the index
    /// `kept` gives for it (a term whose JSON-LD is the same), else made.
    pub fn reusing(
        site: &Site,
        urls: &Urls,
        old: &Things,
        kept: impl Fn(Taxonomy, usize) -> Option<usize>,
    ) -> Self {
        let raw = |value: Value| {
            RawValue::from_string(value.to_string()).expect("serde_json writes valid JSON")
        };
        let made =
            |taxonomy: Taxonomy, id: usize, old: &[Box<RawValue>], make: &dyn Fn() -> Value| {
                match kept(taxonomy, id).and_then(|id| old.get(id)) {
                    Some(thing) => thing.clone(),
                    None => raw(make()),
                }
            };
        let actors = &site.terms[Taxonomy::Actor];
        let places = &site.terms[Taxonomy::Place];
        Self {
            actors: (0..actors.len())
                .map(|id| {
                    made(Taxonomy::Actor, id, &old.actors, &|| actor_thing(urls, &actors[id]))
                })
                .collect(),
            places: (0..places.len())
                .map(|id| {
                    let place = &places[id];
                    made(Taxonomy::Place, id, &old.places, &|| {
                        json!({ "@type": "Place", "name": place.name, "url": urls.permalink(&place.path) })
                    })
                })
                .collect(),
        }
    }
}

/// A `NewsArticle`, its keys in the order `serde_json` sorts them.
#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<&'a RawValue>,
    author: Value,
    #[serde(rename = "contentLocation", skip_serializing_if = "Vec::is_empty")]
    content_location: Vec<&'a RawValue>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<Value>,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "datePublished")]
    date_published: &'a str,
    description: &'a str,
    headline: &'a str,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<&'a RawValue>,
    publisher: Value,
    url: &'a str,
}

/// The `NewsArticle` of an article page. `things`: every actor and place,
/// serialised once; `mentioned`: actors its body names that its front
/// matter does not list.
pub fn article(
    site: &Site,
    urls: &Urls,
    entry: &Entry,
    view: &EntryView,
    things: &Things,
    mentioned: &[usize],
) -> String {
    let matter = &entry.article.matter;
    let article = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        about: entry.terms[Taxonomy::Actor]
            .iter()
            .map(|&id| &*things.actors[id])
            .collect(),
        author: authors(site, urls, entry),
        content_location: entry.terms[Taxonomy::Place]
            .iter()
            .map(|&id| &*things.places[id])
            .collect(),
        correction: matter
            .corrections
            .iter()
            .map(|c| {
                json!({
                    "@type": "CorrectionComment",
                    "datePublished": c.date.rfc3339(),
                    "text": c.text,
                })
            })
            .collect(),
        date_modified: matter.updated.unwrap_or(matter.date).rfc3339(),
        date_published: &view.date.machine,
        description: &view.summary,
        headline: &matter.title,
        main_entity_of_page: &view.permalink,
        mentions: mentioned.iter().map(|&id| &*things.actors[id]).collect(),
        publisher: json!({ "@type": "Organization", "name": site.config.title }),
        url: &view.permalink,
    };
    let text = serde_json::to_string(&article).expect("serde_json writes any value");
    safe(text)
}

/// `text` with every `<` written `\u003c`, so it cannot close the script.
fn safe(text: String) -> String {
    if text.contains('<') {
        text.replace('<', "\\u003c")
    } else {
        text
    }
}

/// Who wrote an article: the authors its front matter names, each a
/// `Person` with their page; else the site's default author (or the site)
/// as an `Organization`.
fn authors(site: &Site, urls: &Urls, entry: &Entry) -> Value {
    let author = |id: usize, kind: &str| {
        let author = &site.authors[id];
        json!({
            "@type": kind,
            "name": author.name,
            "url": urls.permalink(&author.path),
        })
    };
    if entry.article.matter.authors.is_empty() {
        return match entry.authors.first() {
            Some(&id) => author(id, "Organization"),
            None => json!({ "@type": "Organization", "name": site.config.title }),
        };
    }
    Value::Array(
        entry
            .authors
            .iter()
            .map(|&id| author(id, "Person"))
            .collect(),
    )
}

/// The `ProfilePage` of an actor page, about the actor.
pub fn profile_page(urls: &Urls, term: &Term, role: Option<&str>, image: Option<&str>) -> String {
    let mut thing = actor_thing(urls, term);
    if let (Value::Object(map), Some(profile)) = (&mut thing, &term.profile) {
        if !profile.matter.aliases.is_empty() {
            map.insert("alternateName".into(), json!(profile.matter.aliases));
        }
        if let (Some(role), Kind::Person) = (role, profile.matter.kind) {
            map.insert("jobTitle".into(), json!(role));
        }
        if let Some(image) = image {
            map.insert("image".into(), json!(image));
        }
    }
    script_text(&json!({
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": urls.permalink(&term.path),
        "name": term.name,
        "mainEntity": thing,
    }))
}
