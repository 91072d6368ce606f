//! schema.org JSON-LD for search engines and analysts' crawlers: a
//! `NewsArticle` on every article page, a `ProfilePage` about a `Person`
//! or `Organization` on every actor page. Made with `serde_json`, then
//! every `<` written as `\u003c`, so the text can never close the
//! `<script>` element it is printed in.

use serde_json::{Map, Value, json};

use crate::load::profile::Kind;
use crate::model::terms::Term;
use crate::model::{Entry, Site, Taxonomy};
use crate::render::views::{EntryView, Urls};

/// JSON text safe to print inside `<script type="application/ld+json">`.
pub fn script_text(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
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

/// The `NewsArticle` of an article page. `things`: every actor's
/// [`actor_thing`], made once; `mentioned`: actors its body names that its
/// front matter does not list.
pub fn article(
    site: &Site,
    urls: &Urls,
    entry: &Entry,
    view: &EntryView,
    things: &[Value],
    mentioned: &[usize],
) -> String {
    let matter = &entry.article.matter;
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": matter.title,
        "url": view.permalink,
        "mainEntityOfPage": view.permalink,
        "datePublished": view.date.machine,
        "dateModified": matter.updated.unwrap_or(matter.date).rfc3339(),
        "description": view.summary,
        "author": authors(site, urls, entry),
        "publisher": { "@type": "Organization", "name": site.config.title },
    });
    let about: Vec<Value> = entry.terms[Taxonomy::Actor]
        .iter()
        .map(|&id| things[id].clone())
        .collect();
    let mentions: Vec<Value> = mentioned.iter().map(|&id| things[id].clone()).collect();
    let places: Vec<Value> = entry.terms[Taxonomy::Place]
        .iter()
        .map(|&id| {
            let place = &site.terms[Taxonomy::Place][id];
            json!({ "@type": "Place", "name": place.name, "url": urls.permalink(&place.path) })
        })
        .collect();
    let corrections: Vec<Value> = matter
        .corrections
        .iter()
        .map(|c| {
            json!({
                "@type": "CorrectionComment",
                "datePublished": c.date.rfc3339(),
                "text": c.text,
            })
        })
        .collect();
    if let Value::Object(map) = &mut article {
        for (key, list) in [
            ("about", about),
            ("mentions", mentions),
            ("contentLocation", places),
            ("correction", corrections),
        ] {
            if !list.is_empty() {
                map.insert(key.into(), Value::Array(list));
            }
        }
    }
    script_text(&article)
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
