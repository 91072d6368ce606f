//! Pair pages: `/actors/<a>/with/<b>/` lists the briefings two actors
//! share, newest first. Only an actor's top co-actors get one (see
//! `model::relations`), so there are at most ten per actor, and two actors
//! in each other's top lists share one page (the more covered actor's);
//! a pair sharing a single briefing has none ("Appears with" links to the
//! briefing). They have no feed of their own. In a one-off build their variables are
//! made when they render ([`JobContext::Pair`]), so the plan does not hold
//! thousands of lists.

use tera::Value;

use super::lists::List;
use super::{Job, JobContext, Planner};
use crate::model::Taxonomy;
use crate::model::terms::Term;
use crate::paths;
use crate::render::actor_views::PairView;
use crate::render::vars::Vars;
use crate::render::views::LinkView;

impl Planner<'_> {
    /// The pair pages of actor `id` with each of its top co-actors.
    pub(super) fn pair_pages(&self, jobs: &mut Vec<Job>, id: usize, term: &Term) {
        let actors = &self.site.terms[Taxonomy::Actor];
        for (co, pair) in self.site.relations.co_actors[id]
            .iter()
            .enumerate()
            .filter(|(_, pair)| pair.own_page && pair.has_page())
        {
            let base = paths::pair(&term.slug, &actors[pair.actor].slug);
            // Title and description are made with the page's variables.
            let list = Self::pair_list(&base, "", "");
            self.list_with(jobs, &pair.articles, list, |_, number| {
                if self.lazy_lists {
                    JobContext::Pair {
                        actor: id,
                        co,
                        number,
                    }
                } else {
                    JobContext::Ready(self.pair_context(id, co, number))
                }
            });
        }
    }

    /// The variables of page `number` of the pair page of actor `id` with
    /// its `co`-th top co-actor.
    pub fn pair_context(&self, id: usize, co: usize, number: usize) -> Vars {
        let actors = &self.site.terms[Taxonomy::Actor];
        let term = &actors[id];
        let pair = &self.site.relations.co_actors[id][co];
        let other = &actors[pair.actor];
        let base = paths::pair(&term.slug, &other.slug);
        let words = self.urls.words();
        let names = [
            ("actor", term.name.as_str()),
            ("other", other.name.as_str()),
        ];
        let title = words.text("pair_title", &names);
        let description = words.text("desc_pair", &names);
        let view = Value::from_serializable(&PairView {
            actor: LinkView {
                name: term.name.clone(),
                url: self.urls.url(&term.path),
            },
            other: LinkView {
                name: other.name.clone(),
                url: self.urls.url(&other.path),
            },
            count: pair.articles.len(),
        });
        let list = Self::pair_list(&base, &title, &description);
        self.list_vars(&pair.articles, &list, number, |context| {
            context.insert_value("pair", view.clone());
        })
    }

    /// The list of a pair's shared briefings at `base`: no feed.
    fn pair_list<'l>(base: &'l str, title: &'l str, description: &'l str) -> List<'l> {
        List {
            base,
            template: "pair.html",
            kind: "pair",
            title,
            description,
            feed: false,
        }
    }
}
