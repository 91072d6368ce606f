//! Site search without a server: an index written by `build` beside the
//! pages, read by a small script in the reader's browser
//! (`templates/search.js`).
//!
//! [`fold`] defines a search word (the client gets its table); [`index`]
//! gathers the postings (in `build`, during the Markdown pass) and splits
//! them into shards by word prefix; [`shards`] writes the word shards with
//! each common word's filter counts; [`files`] writes the rest of the
//! index under `search/`. A query fetches `meta.json`, the shards of its
//! words, the lists of the filters it applies and the rows of the results
//! it shows (and, for filter counts of a large multi-word or filtered
//! result, a few facet files or lists): never the whole index.
//! docs/architecture.md explains the layout and its budget.

pub mod files;
pub mod fold;
pub mod index;
pub mod language;
pub mod script;
pub mod shards;

use crate::model::PerTaxonomy;

/// Asked between pieces of the index's work: `true` when the index being
/// made is no longer wanted (`serve`: a newer save is waiting), so it is
/// given up. `build` never stops ([`NEVER`]).
pub type Stop<'a> = &'a (dyn Fn() -> bool + Sync);

/// A [`Stop`] that never stops.
pub const NEVER: Stop<'static> = &|| false;

/// A document with nothing but these actors and tags, for tests.
#[cfg(test)]
pub(crate) fn test_document(actors: &'static [usize], tags: &'static [usize]) -> Document<'static> {
    Document {
        title: "",
        path: "",
        date: String::new(),
        year: 2022,
        summary: "",
        actors: Vec::new(),
        terms: PerTaxonomy::from_fn(|t| match t {
            crate::model::Taxonomy::Actor => actors,
            crate::model::Taxonomy::Place => &[],
            crate::model::Taxonomy::Tag => tags,
        }),
    }
}

/// One article, as the index sees it.
pub struct Document<'a> {
    /// Headline.
    pub title: &'a str,
    /// Its page, relative to the site root (`2022/01/18/<slug>/`).
    pub path: &'a str,
    /// The date as readers see it (`18 January 2022`).
    pub date: String,
    /// Its year, for the year filter.
    pub year: i32,
    /// The summary (or first paragraph).
    pub summary: &'a str,
    /// Its actors, places and tags: ids into [`Term`] lists.
    pub terms: PerTaxonomy<&'a [usize]>,
    /// Its actors as results show them: each name (in the order of
    /// `terms`' actors) with the role held on the article's day.
    pub actors: Vec<(&'a str, Option<&'a str>)>,
}

/// The text whose words are strong in a document: its title, summary and
/// the names of its actors, places and tags.
pub fn strong_text<'n>(title: &str, summary: &str, names: impl Iterator<Item = &'n str>) -> String {
    let mut text = format!("{title} {summary}");
    for name in names {
        text.push(' ');
        text.push_str(name);
    }
    text
}

/// One actor, place or tag, as search results and filters show it.
pub struct Term<'a> {
    /// Display name.
    pub name: &'a str,
    /// Its page, relative to the site root.
    pub path: &'a str,
    /// How many articles carry it.
    pub count: usize,
    /// The role an actor's card shows: the current one, else the one
    /// held on the day of its newest briefing.
    pub role: Option<&'a str>,
    /// True when `role` is the actor's current role (the card says so).
    pub current: bool,
    /// An actor's other spellings, from the profile: a query naming one
    /// shows the actor's card.
    pub aliases: &'a [String],
}
