//! What an actor's page shows beyond its list of briefings: the profile
//! (kind, roles in order, image, links, Wikidata), who the actor appears
//! with (linking to pair pages), where, and the activity timeline that
//! actor, place and tag pages share.

use super::Planner;
use crate::load::profile::Kind;
use crate::model::terms::Term;
use crate::model::{Site, Taxonomy, roles};
use crate::paths;
use crate::render::actor_views::*;
use crate::render::charts;
use crate::render::views::{ActorView, LinkView, TermView, Urls};

/// The role a list of actors shows beside the name, and whether it is
/// the current one ([`roles::beside_name`]: the current role, else the
/// one held on the day of the actor's newest briefing).
pub(super) fn current_role(site: &Site, term: &Term) -> Option<(String, bool)> {
    let profile = term.profile.as_ref()?;
    let latest = term
        .articles
        .first()
        .map(|&i| site.articles[i].article.matter.date.date);
    roles::beside_name(
        &profile.matter.roles,
        profile.matter.role.as_deref(),
        latest,
    )
    .map(|(title, current)| (title.to_string(), current))
}

/// An actor's kind (a person without a profile).
pub(super) fn kind(term: &Term) -> Kind {
    term.profile
        .as_ref()
        .map(|p| p.matter.kind)
        .unwrap_or_default()
}

/// The actors index's groups: one per kind that has actors, in
/// [`Kind::ALL`] order.
pub(super) fn kind_groups(urls: &Urls, terms: &[Term], views: &[TermView]) -> Vec<KindGroupView> {
    Kind::ALL
        .into_iter()
        .map(|k| KindGroupView {
            key: k.key(),
            title: kind_title(urls, k),
            actors: terms
                .iter()
                .zip(views)
                .filter(|(term, _)| kind(term) == k)
                .map(|(_, view)| view.clone())
                .collect(),
        })
        .filter(|group| !group.actors.is_empty())
        .collect()
}

impl Planner<'_> {
    /// `actor` on actor `id`'s pages.
    pub(super) fn actor_view(&self, id: usize, term: &Term, view: TermView) -> ActorView {
        let profile = term.profile.as_ref();
        let matter = profile.map(|p| &p.matter);
        let roles: Vec<RoleView> = matter
            .map(|m| m.roles.iter().map(|r| role_view(&self.urls, r)).collect())
            .unwrap_or_default();
        let relations = &self.site.relations;
        let actors = &self.site.terms[Taxonomy::Actor];
        let places = &self.site.terms[Taxonomy::Place];
        ActorView {
            term: view,
            bio: profile
                .map(|p| crate::render::markdown::render(&p.bio, self.site.config.root_path()).html)
                .filter(|html| !html.trim().is_empty()),
            aliases: matter.map(|m| m.aliases.clone()).unwrap_or_default(),
            extra: matter.map(|m| m.extra.clone()).unwrap_or_default(),
            kind_title: kind_title(&self.urls, kind(term)),
            roles,
            image: profile.and_then(|p| {
                Some(ImageView {
                    url: self.urls.asset(p.image.as_deref()?),
                    alt: p.matter.image.as_ref()?.alt.clone(),
                })
            }),
            links: matter
                .map(|m| {
                    m.links
                        .iter()
                        .map(|l| LinkView {
                            name: l.title.clone(),
                            url: l.url.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            wikidata: matter.and_then(|m| m.wikidata.clone()).map(|q| LinkView {
                url: format!("https://www.wikidata.org/wiki/{q}"),
                name: q,
            }),
            appears_with: relations.co_actors[id]
                .iter()
                .map(|co| {
                    let other = &actors[co.actor];
                    CoActorView {
                        name: other.name.clone(),
                        url: self.urls.url(&other.path),
                        count: co.articles.len(),
                        pair_url: self.urls.url(&match (co.has_page(), co.own_page) {
                            (false, _) => match co.articles.first() {
                                Some(&index) => self.site.articles[index].path.clone(),
                                None => paths::pair(&term.slug, &other.slug),
                            },
                            (true, true) => paths::pair(&term.slug, &other.slug),
                            (true, false) => paths::pair(&other.slug, &term.slug),
                        }),
                    }
                })
                .collect(),
            places: relations.places[id]
                .iter()
                .map(|&(place, count)| CountView {
                    name: places[place].name.clone(),
                    url: self.urls.url(&places[place].path),
                    count,
                })
                .collect(),
        }
    }

    /// `timeline` on a term's pages: briefings per month, first and latest.
    pub(super) fn timeline(&self, term: &Term) -> Option<TimelineView> {
        let articles = &self.site.articles;
        let dates = term
            .articles
            .iter()
            .map(|&i| articles[i].article.matter.date.date);
        let chart = charts::activity(self.urls.words(), dates, "timeline")?;
        let newest = &articles[*term.articles.first()?].article.matter.date;
        let oldest = &articles[*term.articles.last()?].article.matter.date;
        Some(TimelineView {
            svg: chart.svg,
            table: chart.table,
            summary: chart.summary,
            first: self.urls.date(oldest),
            last: self.urls.date(newest),
        })
    }
}

/// A heading for a group of actors (`People`) in the site's language.
fn kind_title(urls: &Urls, kind: Kind) -> String {
    let key = match kind {
        Kind::Person => "people",
        Kind::Organisation => "organisations",
        Kind::Country => "countries",
        Kind::Group => "groups",
    };
    urls.words().text(key, &[])
}

fn role_view(urls: &Urls, role: &crate::load::profile::Role) -> RoleView {
    RoleView {
        title: role.title.clone(),
        org: role.org.clone(),
        from: role.from.map(|d| urls.long_date(d)),
        from_iso: role.from.map(|d| d.format("%Y-%m-%d").to_string()),
        to: role.to.map(|d| urls.long_date(d)),
        to_iso: role.to.map(|d| d.format("%Y-%m-%d").to_string()),
        current: role.to.is_none(),
    }
}
