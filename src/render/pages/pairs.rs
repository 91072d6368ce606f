//! Pair pages: `/actors/<a>/with/<b>/` lists the briefings two actors
//! share, newest first. Only an actor's top co-actors get one (see
//! `model::relations`), so there are at most ten per actor, and two actors
//! in each other's top lists share one page (the more covered actor's);
//! they have no feed of their own.

use tera::Value;

use super::Job;
use super::Planner;
use super::lists::List;
use crate::model::Taxonomy;
use crate::model::terms::Term;
use crate::paths;
use crate::render::actor_views::PairView;
use crate::render::views::LinkView;

impl Planner<'_> {
    /// The pair pages of actor `id` with each of its top co-actors.
    pub(super) fn pair_pages(&self, jobs: &mut Vec<Job>, id: usize, term: &Term) {
        let actors = &self.site.terms[Taxonomy::Actor];
        for co in self.site.relations.co_actors[id]
            .iter()
            .filter(|co| co.own_page)
        {
            let other = &actors[co.actor];
            let path = paths::pair(&term.slug, &other.slug);
            let title = format!("{} with {}", term.name, other.name);
            let description = format!(
                "The briefings {} and {} share, newest first",
                term.name, other.name
            );
            let pair = Value::from_serializable(&PairView {
                actor: LinkView {
                    name: term.name.clone(),
                    url: self.urls.url(&term.path),
                },
                other: LinkView {
                    name: other.name.clone(),
                    url: self.urls.url(&other.path),
                },
                count: co.articles.len(),
            });
            let list = List {
                base: &path,
                template: "pair.html",
                kind: "pair",
                title: &title,
                description: &description,
                feed: false,
            };
            self.list(jobs, &co.articles, list, |context| {
                context.insert_value("pair", pair.clone());
            });
        }
    }
}
