//! The pages of actors, places and tags: one index per taxonomy and one
//! paginated list (with its feed) per term. Actors differ only in what
//! their pages add (the profile, and later relations): see
//! [`Planner::term_vars`].

use rayon::prelude::*;
use tera::Value;

use super::lists::List;
use super::profiles;
use super::{Job, JobContext, Planner};
use crate::model::Taxonomy;
use crate::model::terms::Term;
use crate::paths;
use crate::render::jsonld;
use crate::render::vars::Vars;
use crate::render::views::{TaxonomyView, TermView};

/// What a term's pages add to a list: their description and
/// the variables beside `articles`.
struct TermPage {
    description: String,
    vars: Vec<(&'static str, Value)>,
}

impl Planner<'_> {
    /// `taxonomy`'s index page and every term's pages.
    pub(super) fn term_pages(
        &self,
        jobs: &mut Vec<Job>,
        taxonomy: Taxonomy,
        newest: &Option<String>,
    ) {
        let terms = &self.site.terms[taxonomy];
        let views: Vec<TermView> = terms.iter().map(|t| self.term_view(t)).collect();
        let taxonomy_value = Value::from_serializable(&TaxonomyView::new(taxonomy, &self.urls));
        jobs.push(self.term_index(taxonomy, &taxonomy_value, &views, newest));
        // Each term's pages are planned independently: in parallel, then
        // appended in term order, so the plan is the same on any number of
        // threads.
        let planned: Vec<Vec<Job>> = views
            .into_par_iter()
            .enumerate()
            .map(|(id, view)| self.term_jobs(taxonomy, &taxonomy_value, id, view))
            .collect();
        jobs.extend(planned.into_iter().flatten());
    }

    /// The pages of term `id` of `taxonomy` (`view`: its [`TermView`]):
    /// its paginated list with its feed, and an actor's pair pages.
    fn term_jobs(
        &self,
        taxonomy: Taxonomy,
        taxonomy_value: &Value,
        id: usize,
        view: TermView,
    ) -> Vec<Job> {
        let term = &self.site.terms[taxonomy][id];
        if let Some(kept) = self.kept_folder(&term.path) {
            return kept;
        }
        let mut jobs = Vec::new();
        if self.lazy_lists {
            // A one-off build: each page's variables (the actor's
            // relations, the timeline) are made when it renders.
            let list = self.term_page_list(taxonomy, term, "");
            self.list_with(&mut jobs, &term.articles, list, |_, number| {
                JobContext::Term {
                    taxonomy,
                    id,
                    number,
                }
            });
        } else {
            let page = self.term_vars(taxonomy, taxonomy_value, id, term, view);
            let list = self.term_page_list(taxonomy, term, &page.description);
            let fill = self.term_fill(term, &page);
            self.list(&mut jobs, &term.articles, list, fill);
        }
        if taxonomy == Taxonomy::Actor {
            self.pair_pages(&mut jobs, id, term);
        }
        // Term by term: the pages of all terms are most of a plan.
        self.share_previous(&mut jobs);
        jobs
    }

    /// After actor `id`'s profile changed (not its name or aliases): the
    /// jobs of the pages and files that show profiles themselves, as
    /// [`Self::plan`] makes them: the actors index, the actor's own pages
    /// (list, feed, pair pages) and the data files. The other pages show a
    /// profile only through article values (list and feed entries, article
    /// pages), which a patch replaces.
    pub fn profile_pages(&self, id: usize) -> Vec<Job> {
        let taxonomy = Taxonomy::Actor;
        let terms = &self.site.terms[taxonomy];
        let all: Vec<usize> = (0..self.site.articles.len()).collect();
        let newest = self.lastmod(&all);
        let views: Vec<TermView> = terms.iter().map(|t| self.term_view(t)).collect();
        let taxonomy_value = Value::from_serializable(&TaxonomyView::new(taxonomy, &self.urls));
        let view = views[id].clone();
        let mut jobs = vec![self.term_index(taxonomy, &taxonomy_value, &views, &newest)];
        jobs.extend(self.term_jobs(taxonomy, &taxonomy_value, id, view));
        self.in_language(&mut jobs);
        let data = jobs.len();
        self.data_files(&mut jobs);
        self.in_language(&mut jobs[data..]);
        jobs
    }

    /// The variables of page `number` of term `id`'s list, made when it
    /// renders ([`JobContext::Term`]).
    pub fn term_context(&self, taxonomy: Taxonomy, id: usize, number: usize) -> Vars {
        let term = &self.site.terms[taxonomy][id];
        let taxonomy_value = Value::from_serializable(&TaxonomyView::new(taxonomy, &self.urls));
        let page = self.term_vars(taxonomy, &taxonomy_value, id, term, self.term_view(term));
        let list = self.term_page_list(taxonomy, term, &page.description);
        self.list_vars(&term.articles, &list, number, self.term_fill(term, &page))
    }

    /// A term's list with `description` (only its pages show it, so
    /// planning them lazily needs none).
    fn term_page_list<'t>(
        &self,
        taxonomy: Taxonomy,
        term: &'t Term,
        description: &'t str,
    ) -> List<'t> {
        List {
            base: &term.path,
            template: match taxonomy {
                Taxonomy::Actor => "actor.html",
                _ => "term.html",
            },
            kind: taxonomy.singular(),
            title: &term.name,
            description,
            feed: true,
        }
    }

    /// What a term's list pages get besides their articles: `page.vars`
    /// and the term's milestones.
    fn term_fill<'p>(&self, term: &Term, page: &'p TermPage) -> impl Fn(&mut Vars) + 'p {
        let chronology = Value::from_serializable(&self.milestones_of(&term.articles));
        move |context: &mut Vars| {
            for (key, value) in &page.vars {
                context.insert_value(key, value.clone());
            }
            context.insert_value("chronology", chronology.clone());
        }
    }

    fn term_view(&self, term: &Term) -> TermView {
        let role = profiles::current_role(self.site, term);
        TermView {
            name: term.name.clone(),
            slug: term.slug.clone(),
            url: self.urls.url(&term.path),
            count: term.articles.len(),
            role: role.as_ref().map(|(title, _)| title.clone()),
            role_current: role.is_some_and(|(_, current)| current),
            kind: term.profile.as_ref().map(|_| profiles::kind(term).key()),
        }
    }

    /// `/actors/` (`actors.html`, with `actors`), `/places/` and `/tags/`
    /// (`terms.html`, with `taxonomy` and `terms`).
    fn term_index(
        &self,
        taxonomy: Taxonomy,
        taxonomy_value: &Value,
        views: &[TermView],
        newest: &Option<String>,
    ) -> Job {
        let path = paths::taxonomy(taxonomy);
        let mut context = self.context(
            taxonomy.key(),
            self.urls.taxonomy_title(taxonomy),
            self.description(),
            &path,
        );
        let template = match taxonomy {
            Taxonomy::Actor => {
                context.insert("actors", views);
                context.insert(
                    "groups",
                    &profiles::kind_groups(&self.urls, &self.site.terms[taxonomy], views),
                );
                "actors.html"
            }
            Taxonomy::Place | Taxonomy::Tag => {
                context.insert_value("taxonomy", taxonomy_value.clone());
                context.insert("terms", views);
                "terms.html"
            }
        };
        Job::page(paths::index_file(&path), template, context, newest.clone())
    }

    /// What one term's pages show besides its articles: an actor's page
    /// gets `actor` (with the profile), other terms `taxonomy` and `term`.
    fn term_vars(
        &self,
        taxonomy: Taxonomy,
        taxonomy_value: &Value,
        id: usize,
        term: &Term,
        view: TermView,
    ) -> TermPage {
        let timeline = ("timeline", Value::from_serializable(&self.timeline(term)));
        if taxonomy != Taxonomy::Actor {
            return TermPage {
                description: self.urls.words().text("desc_term", &[("name", &term.name)]),
                vars: vec![
                    ("taxonomy", taxonomy_value.clone()),
                    ("term", Value::from_serializable(&view)),
                    timeline,
                ],
            };
        }
        let name = match &view.role {
            Some(role) => format!("{}, {role}", term.name),
            None => term.name.clone(),
        };
        let description = self.urls.words().text("desc_actor", &[("name", &name)]);
        let image = term
            .profile
            .as_ref()
            .and_then(|p| p.image.as_deref())
            .map(|path| self.urls.permalink(path));
        let jsonld = jsonld::profile_page(&self.urls, term, view.role.as_deref(), image.as_deref());
        let actor = self.actor_view(id, term, view);
        TermPage {
            description,
            vars: vec![
                ("actor", Value::from_serializable(&actor)),
                timeline,
                ("jsonld", Value::from(jsonld)),
            ],
        }
    }
}
