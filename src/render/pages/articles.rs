//! What templates get about each article, made once per article: its list
//! entry (with `partials/entry.html` rendered into it), its feed entry and
//! its page's variables. Parts many entries have in common are shared, and
//! `serve` keeps these values, with their fingerprints, from one rebuild to
//! the next.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use tera::Value;

use super::article_page::{ArticlePage, Parts};
use super::kept_seeds::KeptSeeds;
use super::{ENTRY_TEMPLATE, Job, JobContext, Output, Planner, with_field};
use crate::error::Diagnostic;
use crate::load::dates::Timestamp;
use crate::model::terms::Term;
use crate::model::{Entry, PerTaxonomy, Site, Taxonomy, roles};
use crate::paths;
use crate::render::Templates;
use crate::render::jsonld;
use crate::render::markdown::Body;
use crate::render::vars::{Fingerprinter, Seeds, Vars, same_shared, share_equal, share_fields};
use crate::render::views::*;

impl Shared {
    fn new(site: &Site, urls: &Urls) -> Self {
        Self::reusing(site, urls, &Shared::default())
    }

    /// `site`'s shared values, each taken from `old` (made under the same
    /// settings) when what it is made from is the same: a term without a
    /// profile by its path and name (its link and JSON-LD are made from
    /// those alone), a date by its day and time; the others made.
    fn reusing(site: &Site, urls: &Urls, old: &Shared) -> Self {
        let kept = |taxonomy: Taxonomy, id: usize| {
            let term = &site.terms[taxonomy][id];
            let (name, old_id) = old.terms[taxonomy].get(&term.path)?;
            (term.profile.is_none() && *name == term.name).then_some(*old_id)
        };
        let links = PerTaxonomy::from_fn(|taxonomy| {
            site.terms[taxonomy]
                .iter()
                .enumerate()
                .map(|(id, term)| {
                    let old_id = kept(taxonomy, id);
                    if let Some(link) = old_id.and_then(|id| old.links[taxonomy].get(id)) {
                        return link.clone();
                    }
                    match taxonomy {
                        Taxonomy::Actor => Value::from_serializable(&actor_link(urls, term, None)),
                        _ => Value::from_serializable(&term_link(urls, term)),
                    }
                })
                .collect()
        });
        // Each actor's link with each of its dated roles, made once.
        let dated = site.terms[Taxonomy::Actor]
            .iter()
            .map(|term| {
                let roles = term.profile.as_ref().map_or(&[][..], |p| &p.matter.roles);
                roles
                    .iter()
                    .map(|role| {
                        let mut link = actor_link(urls, term, None);
                        link.role = Some(role.title.clone());
                        Value::from_serializable(&link)
                    })
                    .collect()
            })
            .collect();
        let mut dates = ahash::AHashMap::with_capacity(old.dates.len());
        for entry in &site.articles {
            let stamp = &entry.article.matter.date;
            let key = Self::date_key(stamp);
            dates
                .entry(key)
                .or_insert_with(|| match old.dates.get(&key) {
                    Some(date) => date.clone(),
                    None => Value::from_serializable(&urls.date(stamp)),
                });
        }
        let things = jsonld::Things::reusing(site, urls, &old.things, kept);
        let terms = PerTaxonomy::from_fn(|taxonomy| {
            site.terms[taxonomy]
                .iter()
                .enumerate()
                .filter(|(_, term)| term.profile.is_none())
                .map(|(id, term)| (term.path.clone(), (term.name.clone(), id)))
                .collect()
        });
        Self {
            links,
            dated,
            dates,
            things,
            terms,
        }
    }

    /// Actor `id`'s link on `day`: with the dated role held then, else
    /// with its undated role.
    fn actor(&self, site: &Site, id: usize, day: chrono::NaiveDate) -> Value {
        let roles = site.terms[Taxonomy::Actor][id]
            .profile
            .as_ref()
            .map_or(&[][..], |p| &p.matter.roles);
        match roles::held_on(roles, day) {
            Some(index) => self.dated[id][index].clone(),
            None => self.links[Taxonomy::Actor][id].clone(),
        }
    }

    /// Dates with the same day and the same time (if any) print alike.
    pub(super) fn date_key(stamp: &Timestamp) -> (chrono::NaiveDate, u32, Option<i32>) {
        (
            stamp.date,
            stamp.seconds_into_day(),
            stamp.moment.map(|m| m.offset().local_minus_utc()),
        )
    }
}

/// Parts of list entries that many entries have in common, as template
/// values made once and shared (on a large site they would otherwise be
/// most of the memory entries take).
#[derive(Default)]
pub(super) struct Shared {
    /// Links of actors (with their undated role), places and tags, by
    /// term index.
    pub(super) links: PerTaxonomy<Vec<Value>>,
    /// Each actor's link with each of its dated roles, by term index and
    /// role index.
    pub(super) dated: Vec<Vec<Value>>,
    /// Each actor and place as JSON-LD, serialised once.
    things: jsonld::Things,
    /// Date values by day and exact time.
    pub(super) dates: ahash::AHashMap<(chrono::NaiveDate, u32, Option<i32>), Value>,
    /// Each term without a profile: its path, with its name and index (what
    /// its values are made from, for [`Shared::reusing`]).
    terms: PerTaxonomy<ahash::AHashMap<String, (String, usize)>>,
}

/// Values a patch replaced: each old value with its new one.
pub type Replaced = Vec<(Value, Value)>;

/// Per-article template values kept from one run to the next (`serve`).
#[derive(Default)]
pub struct Reuse {
    /// Hash of `site` and the templates: values made under others are not reused.
    key: u64,
    /// The last run's values, by article index.
    pub(super) articles: Vec<Arc<Kept>>,
    /// The values entries share, kept for a patch (its site has the same
    /// terms).
    shared: Arc<Shared>,
    /// The seeds of `articles`' values, kept by deltas ([`Planner::replanned`]).
    seeds: KeptSeeds,
}

impl Reuse {
    /// The seeds of the kept values ([`Planner::seeds`]) as the last delta
    /// ([`Planner::replanned`]) left them, to fingerprint with.
    pub fn kept_seeds(&mut self) -> &mut Seeds {
        self.seeds.seeds()
    }

    /// Makes the values entries share anew from `site` (an actor's roles
    /// or JSON-LD changed with its profile): a patch then makes entries
    /// with them.
    pub fn reshare(&mut self, site: &Site) {
        let urls = Urls::new(&site.config, &site.translations);
        self.shared = Arc::new(Shared::new(site, &urls));
    }
}

impl Kept {
    /// These values, with those equal to `old`'s taken from it: the pages
    /// a delta keeps hold `old`'s, and a later patch finds them by
    /// identity.
    fn sharing(mut self, old: Option<&Arc<Kept>>) -> Self {
        self.reseed(&Seeds::default());
        if let Some(old) = old {
            self.share(old);
        }
        self
    }

    /// Takes the values equal to `old`'s from it, once both are seeded
    /// ([`Self::reseed`]; equal fingerprints are equal values, as for
    /// every page): values made again that show the same are held once,
    /// and a page equal in every part is `old`'s page.
    fn share(&mut self, old: &Kept) {
        let prints = |kept: &Kept| {
            [
                Some(&kept.entry),
                kept.feed.as_ref(),
                kept.milestone.as_ref(),
            ]
            .map(|value| value.and_then(|value| kept.print_of(value)))
        };
        let (new_prints, old_prints) = (prints(self), prints(old));
        let same = |n: usize| new_prints[n].is_some() && new_prints[n] == old_prints[n];
        if same(0) {
            self.entry = old.entry.clone();
        }
        for (n, (new, old)) in [
            (&mut self.feed, &old.feed),
            (&mut self.milestone, &old.milestone),
        ]
        .into_iter()
        .enumerate()
        {
            if let (Some(new), Some(old)) = (new, old) {
                match same(n + 1) {
                    true => *new = old.clone(),
                    false => share_fields(new, old),
                }
            }
        }
        self.seeds = [
            Some(&self.entry),
            self.feed.as_ref(),
            self.milestone.as_ref(),
        ]
        .into_iter()
        .zip(new_prints)
        .filter_map(|(value, print)| Some((value?.clone(), print?)))
        .collect();
        if self.article.print == old.article.print {
            self.article = old.article.clone();
        } else if let Some(page) = Arc::get_mut(&mut self.article) {
            page.share(&old.article);
        }
    }

    /// The fingerprint [`Self::reseed`] gave `value` (one of its entries).
    fn print_of(&self, value: &Value) -> Option<u64> {
        self.seeds
            .iter()
            .find(|(seeded, _)| same_shared(seeded, value))
            .map(|(_, print)| *print)
    }

    /// Fingerprints its entries (what `seeds` knows is not hashed again).
    fn reseed(&mut self, seeds: &Seeds) {
        let mut fingerprinter = Fingerprinter::with_seeds(seeds);
        let mut seeds = vec![(self.entry.clone(), fingerprinter.value_hash(&self.entry))];
        for value in self.feed.iter().chain(&self.milestone) {
            seeds.push((value.clone(), fingerprinter.value_hash(value)));
        }
        self.seeds = seeds;
    }
}

/// The last run's per-article values, for [`Planner::kept_or_made`].
struct Old<'o> {
    /// By article file.
    by_path: &'o HashMap<&'o Path, &'o Arc<Kept>>,
    /// Made under the same settings and templates: taken as they are when
    /// what they are made from is the same.
    same_settings: bool,
}

/// The parts of an article page made from other articles and profiles.
#[derive(Clone, PartialEq)]
struct ArticleExtras {
    /// `article.related`: the same value as serializing a `RelatedView`
    /// each, with the date value every entry of that day shares (no date
    /// formatted per related briefing).
    related: Value,
    jsonld: String,
}

/// What templates get about one article, and a fingerprint of what it was
/// made from (not the inputs themselves: on a large site they would be
/// held twice, as the values and as what they were made from).
#[derive(Clone)]
pub(super) struct Kept {
    /// The article's file (a whole rebuild finds kept values by it).
    path: PathBuf,
    /// [`Planner::made_from`]: the entry view, `updated`, `extra`, the
    /// milestone, the writing view, related briefings and JSON-LD.
    made_from: u64,
    body: Arc<Body>,
    pub(super) entry: Value,
    pub(super) feed: Option<Value>,
    /// The feed entry titled by its milestone, for the chronology's feed.
    pub(super) milestone: Option<Value>,
    /// Its page's variables as their parts, with their fingerprint.
    pub(super) article: Arc<ArticlePage>,
    /// Fingerprints of `entry`, `feed` and the milestone entry.
    pub(super) seeds: Vec<(Value, u64)>,
}

impl<'a> Planner<'a> {
    /// Prepares the shared values: `site`, and for every article its list
    /// entry (with `partials/entry.html` rendered once, as `entry.html`),
    /// its feed entry and its page's variables. Values `reuse` kept from an
    /// earlier run are taken as they are when nothing they are made from
    /// changed (`serve`); the values made this time are returned for the
    /// next run.
    pub fn new(
        site: &'a Site,
        bodies: &'a [Arc<Body>],
        templates: &Templates,
        reuse: Option<&Reuse>,
    ) -> Result<(Self, Reuse), Vec<Diagnostic>> {
        let urls = Urls::new(&site.config, &site.translations);
        let mut site_value = site_value(site, &urls);
        if let Some(kept) = reuse.and_then(|reuse| reuse.articles.first()) {
            // The last run's when equal: every page holds it.
            share_equal(&mut site_value, kept.article.site());
        }
        let key = Fingerprinter::default().value_hash(&site_value) ^ templates.fingerprint();
        let shared = Arc::new(Shared::new(site, &urls));
        let mut planner = Self::with(site, bodies, urls, site_value, shared);
        let members = planner.feed_members();
        let Some(reuse) = reuse else {
            // A one-off build: list and feed entries now, article pages'
            // variables when they render; nothing kept for a next run.
            planner.one_off_values(&members, templates)?;
            planner.lazy_lists = true;
            return Ok((planner, Reuse::default()));
        };
        planner.related_items = planner.related_items();
        let seeds = planner.shared_seeds();
        // The last run's values by file: taken as they are when made under
        // the same settings and templates, else what is equal shared.
        let by_path: HashMap<&Path, &Arc<Kept>> = reuse
            .articles
            .iter()
            .map(|k| (k.path.as_path(), k))
            .collect();
        let old = Old {
            by_path: &by_path,
            same_settings: reuse.key == key,
        };
        let made: Vec<Result<Arc<Kept>, Diagnostic>> = (0..site.articles.len())
            .into_par_iter()
            .map(|index| planner.kept_or_made(index, members[index], &old, templates, &seeds))
            .collect();
        drop(by_path);
        // The seeds name values by where they live: not once they are let go.
        drop(seeds);
        let mut problems = Vec::new();
        let mut next = Reuse {
            key,
            articles: Vec::with_capacity(made.len()),
            shared: planner.shared.clone(),
            seeds: KeptSeeds::default(),
        };
        for (index, result) in made.into_iter().enumerate() {
            match result {
                Ok(kept) => {
                    planner.entry_values.push(kept.entry.clone());
                    planner
                        .feed_values
                        .push(kept.feed.clone().filter(|_| members[index]));
                    planner
                        .milestone_values
                        .push(kept.milestone.clone().filter(|_| members[index]));
                    planner.article_pages.push(kept.article.clone());
                    next.articles.push(kept);
                }
                Err(problem) => problems.push(problem),
            }
        }
        // The related briefings were needed to make each article's
        // values; what plans from here reads the values.
        planner.related_items = Vec::new();
        if problems.is_empty() {
            Ok((planner, next))
        } else {
            Err(problems)
        }
    }

    /// For an edit that changed nothing but the bodies of articles
    /// `changed` (the site otherwise as when `reuse` was made, see
    /// `crate::incremental`): every other article's values as `reuse`
    /// kept them, the changed ones made anew and put in `reuse`. Also
    /// returns each replaced value with its replacement (list and feed
    /// entries). `None` when `reuse` was made under other settings or
    /// templates, or lacks an article.
    pub fn patched(
        site: &'a Site,
        bodies: &'a [Arc<Body>],
        templates: &Templates,
        reuse: &mut Reuse,
        changed: &[usize],
    ) -> Result<Option<(Self, Replaced)>, Vec<Diagnostic>> {
        let urls = Urls::new(&site.config, &site.translations);
        let site_value = site_value(site, &urls);
        let key = Fingerprinter::default().value_hash(&site_value) ^ templates.fingerprint();
        if key != reuse.key {
            return Ok(None);
        }
        let shared = reuse.shared.clone();
        let planner = Self::with(site, bodies, urls, site_value, shared);
        let members = planner.feed_members();
        let mut replaced = Vec::new();
        for &index in changed {
            let kept = planner
                .make_kept(
                    index,
                    members[index],
                    templates,
                    &Seeds::default(),
                    (&planner.view(index), None),
                )
                .map_err(|problem| vec![problem])?;
            let path = &site.articles[index].article.path;
            let Some(slot) = reuse.articles.get_mut(index).filter(|k| k.path == *path) else {
                return Ok(None);
            };
            let old = std::mem::replace(slot, Arc::new(kept.clone()));
            replaced.push((old.entry.clone(), kept.entry));
            if let (Some(old), Some(new)) = (&old.feed, kept.feed) {
                replaced.push((old.clone(), new));
            }
            if let (Some(old), Some(new)) = (&old.milestone, kept.milestone) {
                replaced.push((old.clone(), new));
            }
        }
        // Nothing is planned again: the per-article value lists stay empty
        // (an edited article's page variables are made again when asked).
        Ok(Some((planner, replaced)))
    }

    /// For an edit that added, removed or replaced articles (`serve`'s
    /// delta path): the values of the articles `made` (sorted indexes:
    /// those added, and those whose body, related briefings or referrers
    /// changed) made anew, every other article's taken from `reuse` by
    /// its former index (`moved`: each former article's index now, `None`
    /// when removed) as they are (a feed entry made if it joined a feed),
    /// without checking what they were made from; the values articles
    /// share taken from `reuse` where what they show is the same. `reuse`
    /// becomes this run's. `None` when `reuse` was made under other
    /// settings or templates, or lacks an article.
    pub fn replanned(
        site: &'a Site,
        bodies: &'a [Arc<Body>],
        templates: &Templates,
        reuse: &mut Reuse,
        (made, moved): (&[usize], &[Option<usize>]),
    ) -> Result<Option<Self>, Vec<Diagnostic>> {
        let urls = Urls::new(&site.config, &site.translations);
        let site_value = site_value(site, &urls);
        let key = Fingerprinter::default().value_hash(&site_value) ^ templates.fingerprint();
        if key != reuse.key {
            return Ok(None);
        }
        if reuse.articles.len() != moved.len() {
            return Ok(None);
        }
        let shared = Arc::new(Shared::reusing(site, &urls, &reuse.shared));
        let mut planner = Self::with(site, bodies, urls, site_value, shared);
        let members = planner.feed_members();
        let old_of = crate::model::delta::former(moved, site.articles.len());
        // The removed articles' values by file: an article added at its
        // path keeps those equal to its own.
        let removed: HashMap<&Path, &Arc<Kept>> = moved
            .iter()
            .zip(&reuse.articles)
            .filter(|(new, _)| new.is_none())
            .map(|(_, kept)| (kept.path.as_path(), kept))
            .collect();
        let values: Vec<Option<Result<Arc<Kept>, Diagnostic>>> = (0..site.articles.len())
            .into_par_iter()
            .map(|index| {
                let member = members[index];
                let path = &site.articles[index].article.path;
                let kept = old_of[index]
                    .and_then(|old| reuse.articles.get(old))
                    .filter(|kept| kept.path == *path);
                if made.binary_search(&index).is_ok() {
                    let old = kept.or_else(|| removed.get(path.as_path()).copied());
                    let made = planner.make_kept(
                        index,
                        member,
                        templates,
                        &Seeds::default(),
                        (&planner.view(index), None),
                    );
                    return Some(made.map(|made| Arc::new(made.sharing(old))));
                }
                Some(Ok(planner.with_feed(kept?, index, member)))
            })
            .collect();
        drop(removed);
        let mut next = Vec::with_capacity(values.len());
        let mut problems = Vec::new();
        for (index, value) in values.into_iter().enumerate() {
            match value {
                None => return Ok(None),
                Some(Err(problem)) => problems.push(problem),
                Some(Ok(kept)) => {
                    planner.push_kept(&kept, members[index]);
                    next.push(kept);
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        reuse.seeds.update(&reuse.articles, &next, &old_of);
        reuse.articles = next;
        reuse.shared = planner.shared.clone();
        Ok(Some(planner))
    }

    /// `kept` (article `index`'s values), with a feed entry made if it
    /// joined a feed (`member`) and had none.
    fn with_feed(&self, kept: &Arc<Kept>, index: usize, member: bool) -> Arc<Kept> {
        if !member || kept.feed.is_some() {
            return kept.clone();
        }
        let mut kept = Kept::clone(kept);
        let feed = self.feed_entry(index, &self.view(index));
        kept.milestone = self.milestone_entry(index, &feed);
        kept.feed = Some(feed);
        kept.reseed(&Seeds::default());
        Arc::new(kept)
    }

    /// The next article's values, as lists and pages read them.
    fn push_kept(&mut self, kept: &Kept, member: bool) {
        self.entry_values.push(kept.entry.clone());
        self.feed_values.push(kept.feed.clone().filter(|_| member));
        self.milestone_values
            .push(kept.milestone.clone().filter(|_| member));
        self.article_pages.push(kept.article.clone());
    }

    /// After [`Self::patched`]: every article's values taken from `reuse`,
    /// so lists can be planned again (a profile edit replans its actor's
    /// pages). `None` when `reuse` lacks an article.
    pub fn with_kept(mut self, reuse: &Reuse) -> Option<Self> {
        let members = self.feed_members();
        for (index, (entry, member)) in self.site.articles.iter().zip(members).enumerate() {
            let kept = reuse
                .articles
                .get(index)
                .filter(|kept| kept.path == entry.article.path)?;
            self.entry_values.push(kept.entry.clone());
            self.feed_values.push(kept.feed.clone().filter(|_| member));
            self.milestone_values
                .push(kept.milestone.clone().filter(|_| member));
            self.article_pages.push(kept.article.clone());
        }
        Some(self)
    }

    /// The list and feed entries of every article `reuse` keeps: values a
    /// patch leaves as they are.
    pub fn kept_values(reuse: &Reuse) -> impl Iterator<Item = &Value> {
        reuse.articles.iter().flat_map(|kept| {
            std::iter::once(&kept.entry)
                .chain(&kept.feed)
                .chain(&kept.milestone)
        })
    }

    /// Article `index`'s values as `reuse` kept them when nothing they are
    /// made from changed (its entry, `updated`, `extra` and body), else
    /// made anew. `member`: some feed shows it; `seeds`: fingerprints of
    /// the values articles share ([`Self::shared_seeds`]).
    fn kept_or_made(
        &self,
        index: usize,
        member: bool,
        old: &Old<'_>,
        templates: &Templates,
        seeds: &Seeds,
    ) -> Result<Arc<Kept>, Diagnostic> {
        let article = &self.site.articles[index].article;
        let body = &self.bodies[index];
        let old_values = old.by_path.get(article.path.as_path()).copied();
        // Each article's view made here, let go once its values are made.
        let view = self.view(index);
        let kept = old_values.filter(|kept| {
            old.same_settings
                && Arc::ptr_eq(&kept.body, body)
                && kept.made_from == self.made_from(index, &view, seeds)
        });
        match kept {
            Some(kept) if member && kept.feed.is_none() => {
                let mut kept = Kept::clone(kept);
                let feed = self.feed_entry(index, &view);
                kept.milestone = self.milestone_entry(index, &feed);
                kept.feed = Some(feed);
                kept.reseed(seeds);
                Ok(Arc::new(kept))
            }
            Some(kept) => Ok(kept.clone()),
            None => self
                .make_kept(index, member, templates, seeds, (&view, old_values))
                .map(Arc::new),
        }
    }

    /// List entries (with `partials/entry.html` rendered) and feed entries
    /// of every article, for a one-off build.
    fn one_off_values(
        &mut self,
        members: &[bool],
        templates: &Templates,
    ) -> Result<(), Vec<Diagnostic>> {
        let made: Vec<Result<(Value, Option<Value>), Diagnostic>> = (0..self.site.articles.len())
            .into_par_iter()
            .map(|index| {
                let view = self.view(index);
                let entry = self.entry_value(index, &view, templates)?;
                Ok((entry, members[index].then(|| self.feed_entry(index, &view))))
            })
            .collect();
        let mut problems = Vec::new();
        for result in made {
            match result {
                Ok((entry, feed)) => {
                    self.entry_values.push(entry);
                    let index = self.milestone_values.len();
                    self.milestone_values
                        .push(feed.as_ref().and_then(|f| self.milestone_entry(index, f)));
                    self.feed_values.push(feed);
                }
                Err(problem) => problems.push(problem),
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Article `index`'s list entry, with `partials/entry.html` rendered
    /// into it as `html`.
    fn entry_value(
        &self,
        index: usize,
        view: &EntryView,
        templates: &Templates,
    ) -> Result<Value, Diagnostic> {
        let bare = self.shared_entry(index, view);
        let mut vars = Vars::new();
        vars.insert_value("site", self.site_value.clone());
        vars.insert_value("entry", bare.clone());
        let html = templates.render(ENTRY_TEMPLATE, &vars.to_context())?;
        Ok(with_field(bare, "html", Value::safe_string(&html)))
    }

    /// Article `index`'s list entry as a Rust view, made when needed (each
    /// article's values are made from it once).
    fn view(&self, index: usize) -> EntryView {
        entry_view(
            self.site,
            &self.urls,
            &self.site.articles[index],
            &self.bodies[index],
        )
    }

    /// `view` as a template value, sharing its date and its actor, place
    /// and tag links with every other entry that has them. The same value
    /// as serializing `view`, in less memory.
    fn shared_entry(&self, index: usize, view: &EntryView) -> Value {
        let article = &self.site.articles[index];
        let stamp = &article.article.matter.date;
        let links = |taxonomy: Taxonomy| {
            let shared = &self.shared.links[taxonomy];
            Value::from(
                article.terms[taxonomy]
                    .iter()
                    .map(|&id| match taxonomy {
                        Taxonomy::Actor => self.shared.actor(self.site, id, stamp.date),
                        _ => shared[id].clone(),
                    })
                    .collect::<Vec<_>>(),
            )
        };
        let date = self
            .shared
            .dates
            .get(&Shared::date_key(stamp))
            .cloned()
            .unwrap_or_else(|| Value::from_serializable(&view.date));
        let fields: BTreeMap<&'static str, Value> = [
            ("title", Value::from(view.title.as_str())),
            ("url", Value::from(view.url.as_str())),
            ("permalink", Value::from(view.permalink.as_str())),
            ("date", date),
            ("summary", Value::from(view.summary.as_str())),
            ("actors", links(Taxonomy::Actor)),
            ("places", links(Taxonomy::Place)),
            ("tags", links(Taxonomy::Tag)),
            ("source", Value::from(view.source.clone())),
            ("source_url", Value::from(view.source_url.clone())),
            ("word_count", Value::from(view.word_count)),
            ("reading_time", Value::from(view.reading_time)),
            ("scheduled", Value::from(view.scheduled.clone())),
        ]
        .into_iter()
        .collect();
        let value = Value::from(fields);
        debug_assert_eq!(value, Value::from_serializable(view));
        value
    }

    /// Makes everything templates get about article `index`, fingerprinted
    /// with what `seeds` knows.
    fn make_kept(
        &self,
        index: usize,
        member: bool,
        templates: &Templates,
        seeds: &Seeds,
        (view, old): (&EntryView, Option<&Arc<Kept>>),
    ) -> Result<Kept, Diagnostic> {
        let entry = self.entry_value(index, view, templates)?;
        let extras = self.article_extras(index, view);
        let writing = WritingView::new(self.site, &self.urls, index);
        let made_from = self.made_from_parts(index, view, &writing, &extras, seeds);
        let article = self.article_page(
            index,
            Parts {
                seeds,
                view,
                entry: &entry,
                writing: &writing,
                related: extras.related,
                jsonld: &extras.jsonld,
            },
        );
        let mut kept = Kept {
            path: self.site.articles[index].article.path.clone(),
            made_from,
            body: self.bodies[index].clone(),
            entry,
            feed: None,
            milestone: None,
            article: Arc::new(article),
            seeds: Vec::new(),
        };
        if member {
            let feed = self.feed_entry(index, view);
            kept.milestone = self.milestone_entry(index, &feed);
            kept.feed = Some(feed);
        }
        kept.reseed(seeds);
        if let Some(old) = old {
            kept.share(old);
        }
        Ok(kept)
    }

    /// The fingerprints of the values every article's values share: `site`,
    /// the actor, place and tag links, the dates and each article as a
    /// related briefing, so each article's values are fingerprinted
    /// without hashing them again (the same numbers as hashing them).
    /// Seeds name values by where they live: valid only while they do.
    fn shared_seeds(&self) -> Seeds {
        let shared = &self.shared;
        let links = Taxonomy::ALL
            .into_iter()
            .flat_map(|taxonomy| shared.links[taxonomy].iter());
        let values: Vec<&Value> = std::iter::once(&self.site_value)
            .chain(links)
            .chain(shared.dated.iter().flatten())
            .chain(shared.dates.values())
            .chain(&self.related_items)
            .collect();
        let hashes: Vec<u64> = values
            .par_iter()
            .map(|value| Fingerprinter::default().value_hash(value))
            .collect();
        let mut seeds = Seeds::default();
        for (value, hash) in values.into_iter().zip(hashes) {
            seeds.add(value, hash);
        }
        seeds
    }

    /// Every shared value of this run with its fingerprint, so pages that
    /// show them are fingerprinted without hashing them again.
    pub fn seeds(&self, reuse: &Reuse) -> Seeds {
        super::kept_seeds::seeds_of(&reuse.articles)
    }

    /// The context of article `index`'s page.
    pub fn article_context(&self, index: usize) -> Vars {
        match self.article_pages.get(index) {
            Some(page) => page.vars(),
            None => self.make_article_vars(index),
        }
    }

    /// The page `job` makes when it is an article's page kept as its
    /// parts (`serve`'s whole rebuild), with the article's source file.
    pub fn article_page_of(&self, job: &Job) -> Option<(&Arc<ArticlePage>, PathBuf)> {
        let Output::Template {
            context: JobContext::Article(index),
            ..
        } = &job.output
        else {
            return None;
        };
        let page = self.article_pages.get(*index)?;
        Some((page, self.site.articles[*index].article.path.clone()))
    }

    /// A fingerprint of what article `index`'s values are made from but
    /// its body: its list entry `view`, `updated`, `extra`, milestone, the
    /// writing view, related briefings and JSON-LD. Equal fingerprints:
    /// the kept values are the ones a fresh run would make.
    fn made_from(&self, index: usize, view: &EntryView, seeds: &Seeds) -> u64 {
        let extras = self.article_extras(index, view);
        let writing = WritingView::new(self.site, &self.urls, index);
        self.made_from_parts(index, view, &writing, &extras, seeds)
    }

    /// [`Self::made_from`] of the parts already made.
    fn made_from_parts(
        &self,
        index: usize,
        view: &EntryView,
        writing: &WritingView,
        extras: &ArticleExtras,
        seeds: &Seeds,
    ) -> u64 {
        let matter = &self.site.articles[index].article.matter;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut part = |bytes: &[u8]| {
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        };
        part(&serde_json::to_vec(view).unwrap_or_default());
        part(format!("{:?}", matter.updated).as_bytes());
        part(&serde_json::to_vec(&matter.extra).unwrap_or_default());
        part(format!("{:?}", matter.milestone).as_bytes());
        part(&serde_json::to_vec(writing).unwrap_or_default());
        part(
            &Fingerprinter::with_seeds(seeds)
                .value_hash(&extras.related)
                .to_le_bytes(),
        );
        part(extras.jsonld.as_bytes());
        hasher.digest()
    }

    /// What an article page shows that depends on other articles and on
    /// profiles: its related briefings and its JSON-LD.
    fn article_extras(&self, index: usize, view: &EntryView) -> ArticleExtras {
        let site = self.site;
        let related = self.related_of(index);
        let entry = &site.articles[index];
        let listed = &entry.terms[Taxonomy::Actor];
        let mentioned: Vec<usize> = self.bodies[index]
            .mentions
            .iter()
            .map(|m| m.actor)
            .filter(|actor| !listed.contains(actor))
            .collect();
        let things = &self.shared.things;
        let jsonld = jsonld::article(site, &self.urls, entry, view, things, &mentioned);
        ArticleExtras { related, jsonld }
    }

    pub(super) fn make_article_vars(&self, index: usize) -> Vars {
        let entry = &self.site.articles[index];
        let view = ArticleView {
            entry: self.view(index),
            standfirst: entry.article.matter.summary.clone(),
            updated: entry
                .article
                .matter
                .updated
                .as_ref()
                .map(|u| self.urls.date(u)),
            extra: entry.article.matter.extra.clone(),
            source_path: entry.article.path.display().to_string(),
            related: Vec::new(),
            milestone: entry
                .article
                .matter
                .milestone
                .as_ref()
                .map(|text| self.urls.milestone(text, entry.article.matter.date.date)),
            writing: WritingView::new(self.site, &self.urls, index),
        };
        let extras = self.article_extras(index, &view.entry);
        let mut page = self.page_view(
            "article",
            view.entry.title.clone(),
            view.entry.summary.clone(),
            &entry.path,
        );
        page.published = Some(view.entry.date.machine.clone());
        self.translated(&mut page, entry);
        let mut context = self.context_of(&page);
        context.insert("jsonld", &extras.jsonld);
        context.insert_value(
            "article",
            with_field(
                with_field(
                    Value::from_serializable(&view),
                    "content",
                    self.bodies[index].html.clone(),
                ),
                "related",
                extras.related,
            ),
        );
        context
    }
}

/// `site`: what every page gets about the site.
fn site_value(site: &Site, urls: &Urls) -> Value {
    let config = &site.config;
    Value::from_serializable(&SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        base_url: config.base_url.clone(),
        root: urls.url(paths::HOME),
        language: config.language.clone(),
        dir: site.translations.direction(),
        author: config.author.clone(),
        stylesheet: urls.asset(paths::STYLESHEET),
        actors_url: urls.url(&paths::taxonomy(Taxonomy::Actor)),
        places_url: urls.url(&paths::taxonomy(Taxonomy::Place)),
        tags_url: urls.url(&paths::taxonomy(Taxonomy::Tag)),
        archive_url: urls.url(paths::ARCHIVE),
        chronology_url: urls.url(paths::CHRONOLOGY),
        authors_url: (site.authors.len() > 1).then(|| urls.url(paths::AUTHORS)),
        favicon: urls.asset(paths::FAVICON),
        feed_url: urls.url(&paths::feed(paths::HOME)),
        search_url: config.search.then(|| urls.url(paths::SEARCH)),
        list_summaries: config.list_summaries,
        languages: super::languages::homes(site, urls),
    })
}

/// Builds the list entry of one article.
fn entry_view(site: &Site, urls: &Urls, entry: &Entry, body: &Body) -> EntryView {
    let matter = &entry.article.matter;
    let links = |taxonomy: Taxonomy| -> Vec<LinkView> {
        let terms = &site.terms[taxonomy];
        entry.terms[taxonomy]
            .iter()
            .map(|&id| term_link(urls, &terms[id]))
            .collect()
    };
    EntryView {
        title: matter.title.clone(),
        url: urls.url(&entry.path),
        permalink: urls.permalink(&entry.path),
        date: urls.date(&matter.date),
        summary: matter
            .summary
            .clone()
            .unwrap_or_else(|| body.first_paragraph.clone()),
        actors: entry.terms[Taxonomy::Actor]
            .iter()
            .map(|&id| {
                actor_link(
                    urls,
                    &site.terms[Taxonomy::Actor][id],
                    Some(matter.date.date),
                )
            })
            .collect(),
        places: links(Taxonomy::Place),
        tags: links(Taxonomy::Tag),
        source: matter.source.as_ref().map(|s| s.label()),
        source_url: matter
            .source
            .as_ref()
            .and_then(|s| s.url())
            .map(str::to_string),
        word_count: body.words,
        reading_time: body.reading_minutes(),
        scheduled: entry.scheduled.map(|at| scheduled_at(site, at)),
    }
}

/// An actor's name and link, with the role held on `day` (with no day, its
/// undated role).
fn actor_link(urls: &Urls, term: &Term, day: Option<chrono::NaiveDate>) -> ActorLinkView {
    let profile = term.profile.as_ref();
    let undated = profile.and_then(|p| p.matter.role.as_deref());
    let roles = profile.map_or(&[][..], |p| &p.matter.roles);
    ActorLinkView {
        name: term.name.clone(),
        url: urls.url(&term.path),
        role: match day {
            Some(day) => roles::title_on(roles, undated, day),
            None => undated,
        }
        .map(str::to_string),
    }
}

/// A term's name with a link to its page.
fn term_link(urls: &Urls, term: &Term) -> LinkView {
    LinkView {
        name: term.name.clone(),
        url: urls.url(&term.path),
    }
}

/// When a scheduled article goes live, for the preview's notice, in the
/// site's language and timezone: "21 janvier 2022, 14:30 CET".
fn scheduled_at(site: &Site, at: chrono::DateTime<chrono::Utc>) -> String {
    let local = at.with_timezone(&site.config.timezone);
    format!(
        "{}, {}",
        site.translations.long_date(local.date_naive()),
        local.format("%H:%M %Z")
    )
}
