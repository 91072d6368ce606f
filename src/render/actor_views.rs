//! The template contract for what actor pages add to a term: roles, image,
//! links, who the actor appears with, where, and activity over time. Kept
//! apart from `views.rs` so the actor features have one home;
//! `docs/templates.md` documents every field.

use serde::Serialize;

use super::views::{DateView, LinkView};

/// One dated (or undated) office on an actor's page.
#[derive(Debug, Clone, Serialize)]
pub struct RoleView {
    /// "US Secretary of State".
    pub title: String,
    /// The organisation, if given.
    pub org: Option<String>,
    /// First day, as `26 January 2021`; none if not given.
    pub from: Option<String>,
    /// First day, `2021-01-26`.
    pub from_iso: Option<String>,
    /// Last day; none while in office.
    pub to: Option<String>,
    /// Last day, `2024-09-05`.
    pub to_iso: Option<String>,
    /// True when the role has no end date.
    pub current: bool,
}

/// An actor's picture.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// Its URL.
    pub url: String,
    /// Its text alternative.
    pub alt: String,
}

/// A co-actor in "Appears with".
#[derive(Debug, Clone, Serialize)]
pub struct CoActorView {
    /// The other actor's name.
    pub name: String,
    /// The other actor's page.
    pub url: String,
    /// Briefings they share.
    pub count: usize,
    /// The page listing their shared briefings; their one shared
    /// briefing when they share only one.
    pub pair_url: String,
}

/// A name, its page and a count (an actor's places).
#[derive(Debug, Clone, Serialize)]
pub struct CountView {
    /// Display name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// How many of the actor's briefings.
    pub count: usize,
}

/// `timeline`: activity over time on actor, place and tag pages.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineView {
    /// The bar chart: an inline `<svg>` with HTML labels (print with `safe`).
    pub svg: String,
    /// Every bar's count, a table in a `<details>` (print with `safe`).
    pub table: String,
    /// The chart in one sentence (its text alternative).
    pub summary: String,
    /// The oldest briefing's date.
    pub first: DateView,
    /// The newest briefing's date.
    pub last: DateView,
}

/// `pair`: the two actors of a pair page.
#[derive(Debug, Clone, Serialize)]
pub struct PairView {
    /// The actor whose page links here.
    pub actor: LinkView,
    /// The other actor.
    pub other: LinkView,
    /// Briefings they share.
    pub count: usize,
}

/// A related briefing at the end of an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedView {
    /// Headline.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Its date.
    pub date: DateView,
}

/// One kind of actor on the actors index, with its actors.
#[derive(Debug, Clone, Serialize)]
pub struct KindGroupView {
    /// `person`, `organisation`, `country` or `group`.
    pub key: &'static str,
    /// `People`, `Organisations`, `Countries` or `Groups`.
    pub title: String,
    /// Its actors, most covered first.
    pub actors: Vec<super::views::TermView>,
}
