//! The term indexes (actors, places, tags) kept between deltas: what a
//! build's [`TermIndex`](crate::model::terms::TermIndex) knows and drops
//! when it finishes (each spelling's term, its uses and its first article,
//! each term's spelling problems, the "listed twice" warnings), so a delta
//! updates the terms the removed and added articles carry and sorts only
//! those into the others, in the order a build gives.

use std::collections::HashMap;
use std::sync::Arc;

use super::super::slug::slugify;
use super::super::terms::{
    Spellings, Term, check_spellings, listed_twice, path_before, profile_keys,
};
use super::super::{Entry, PerTaxonomy, Taxonomy, names};
use crate::error::Diagnostic;
use crate::load::{Article, Profile};
use crate::paths;

/// One taxonomy's kept index.
#[derive(Debug, Clone, Default)]
struct Index {
    /// A spelling's term slug (`None`: no letters or digits): names repeat
    /// across thousands of articles, and slugging them is the costly part.
    by_name: HashMap<String, Option<String>>,
    /// A slug a profile claims (its name, aliases, file) -> the profile's.
    claimed: HashMap<String, String>,
    /// Each listed term's position in [`crate::model::Site::terms`].
    position: HashMap<String, usize>,
    /// Each listed term's spellings.
    spellings: HashMap<String, Spellings>,
    /// Each listed term's spelling problems (`check_spellings`).
    problems: HashMap<String, Vec<Diagnostic>>,
}

/// The term indexes of a site, kept for the next delta.
#[derive(Debug, Clone, Default)]
pub(crate) struct Terms {
    per: PerTaxonomy<Index>,
    /// "Listed twice" warnings, by the article's index.
    twice: Vec<(usize, Diagnostic)>,
}

/// How one taxonomy's terms moved in an update.
#[derive(Debug, Default)]
pub(super) struct Moved {
    /// Each former term's position now (`usize::MAX`: gone); the new
    /// terms' ids (after the former ones) too.
    pub remap: Vec<usize>,
    /// The positions of the terms that moved among the others (new ones,
    /// and those whose number of articles or name changed), sorted: the
    /// others kept their order among themselves.
    pub touched: Vec<usize>,
    /// The positions of every term the edit's articles carry or carried
    /// (still listed), sorted.
    pub edited: Vec<usize>,
}

/// An edit, as the term update sees it.
pub(super) struct Change<'a> {
    /// The site's articles after the edit, in order.
    pub articles: &'a [Arc<Article>],
    /// Each removed article's former index and terms.
    pub removed: Vec<(usize, Arc<Article>, PerTaxonomy<Vec<usize>>)>,
    /// Each former article's index now.
    pub moved: &'a [Option<usize>],
    /// The indexes of the added articles.
    pub added: &'a [usize],
    /// The actors' profiles.
    pub profiles: &'a [Profile],
}

impl Index {
    /// The slug of the term `name` is a spelling of.
    fn slug_of(&mut self, name: &str) -> Option<String> {
        if let Some(slug) = self.by_name.get(name) {
            return slug.clone();
        }
        let slug = slugify(name);
        let slug = (!slug.is_empty()).then(|| self.claimed.get(&slug).cloned().unwrap_or(slug));
        self.by_name.insert(name.to_string(), slug.clone());
        slug
    }
}

/// Each slug a profile claims, first claim winning, as
/// `TermIndex::add_profiles` gives them.
fn claimed(profiles: &[Profile]) -> HashMap<String, String> {
    let mut claimed = HashMap::new();
    for profile in profiles {
        let slug = slugify(&profile.slug);
        if slug != profile.slug {
            continue;
        }
        for (key, _, _) in profile_keys(profile, &slug) {
            claimed.entry(key).or_insert_with(|| slug.clone());
        }
    }
    claimed
}

impl Terms {
    /// The indexes of `site`'s terms as a build made them.
    pub(super) fn new(
        entries: &[Entry],
        terms: &PerTaxonomy<Vec<Term>>,
        profiles: &[Profile],
    ) -> Self {
        let articles: Vec<Arc<Article>> = entries.iter().map(|e| e.article.clone()).collect();
        let claimed = claimed(profiles);
        let mut kept = Terms::default();
        for taxonomy in Taxonomy::ALL {
            let index = &mut kept.per[taxonomy];
            index.claimed = claimed.clone();
            for (position, term) in terms[taxonomy].iter().enumerate() {
                index.position.insert(term.slug.clone(), position);
                index.spellings.insert(term.slug.clone(), Spellings::new());
            }
            for (i, article) in articles.iter().enumerate() {
                for name in names(&article.matter, taxonomy) {
                    let Some(slug) = index.slug_of(name) else {
                        continue;
                    };
                    let spellings = index.spellings.entry(slug).or_default();
                    use_spelling(spellings, name, i, &articles);
                }
            }
            for term in &terms[taxonomy] {
                let found = spelling_problems(index, taxonomy, term, &articles);
                index.problems.insert(term.slug.clone(), found);
            }
        }
        for (i, entry) in entries.iter().enumerate() {
            kept.twice_of(i, &entry.article, terms);
        }
        kept
    }

    /// Finds the "listed twice" warnings of article `i`.
    fn twice_of(&mut self, i: usize, article: &Article, terms: &PerTaxonomy<Vec<Term>>) {
        for taxonomy in Taxonomy::ALL {
            let index = &mut self.per[taxonomy];
            let mut first: Vec<(String, &str)> = Vec::new();
            for name in names(&article.matter, taxonomy) {
                let Some(slug) = index.slug_of(name) else {
                    continue;
                };
                match first.iter().find(|(s, _)| *s == slug) {
                    Some((_, earlier)) => {
                        let profile = index
                            .position
                            .get(&slug)
                            .and_then(|&p| terms[taxonomy].get(p))
                            .and_then(|t| t.profile.as_ref());
                        let warning = listed_twice(taxonomy, profile, name, earlier, article);
                        self.twice.push((i, warning));
                    }
                    None => first.push((slug, name)),
                }
            }
        }
    }

    /// Every problem the kept indexes hold.
    pub(super) fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        let terms = self
            .per
            .iter()
            .flat_map(|(_, index)| index.problems.values().flatten());
        self.twice.iter().map(|(_, d)| d).chain(terms)
    }

    /// Updates `terms` and every entry's term ids after `change`
    /// (`entries`: the new order, the added ones without terms yet).
    /// `None` when a term starts or stops being listed with a picture
    /// beside its profile, or a name has nothing to slug (an error).
    pub(super) fn update(
        &mut self,
        entries: &mut [Entry],
        terms: &mut PerTaxonomy<Vec<Term>>,
        change: &Change<'_>,
    ) -> Option<PerTaxonomy<Moved>> {
        self.twice.retain_mut(|(i, _)| match change.moved[*i] {
            Some(now) => {
                *i = now;
                true
            }
            None => false,
        });
        let mut all = PerTaxonomy::<Moved>::default();
        for taxonomy in Taxonomy::ALL {
            let list = std::mem::take(&mut terms[taxonomy]);
            let (list, moved) = self.per[taxonomy].update(taxonomy, list, entries, change)?;
            for entry in entries.iter_mut() {
                for id in &mut entry.terms[taxonomy] {
                    *id = moved.remap[*id];
                }
            }
            terms[taxonomy] = list;
            all[taxonomy] = moved;
        }
        for &i in change.added {
            self.twice_of(i, &change.articles[i], terms);
        }
        Some(all)
    }
}

/// The terms an update touched (by id), each with its key in the
/// order before it (articles, name; `None` for a new term).
type Touched = HashMap<usize, Option<(usize, String)>>;

/// Notes term `id` as touched, with its key before the edit.
fn touch(touched: &mut Touched, list: &[Term], id: usize) {
    touched
        .entry(id)
        .or_insert_with(|| Some((list[id].articles.len(), list[id].name.clone())));
}

/// Notes that article `i` uses `name`.
fn use_spelling(spellings: &mut Spellings, name: &str, i: usize, articles: &[Arc<Article>]) {
    let seen = match spellings.get_mut(name) {
        Some(seen) => seen,
        None => spellings.entry(name.to_string()).or_insert((0, i)),
    };
    seen.0 += 1;
    if seen.1 == usize::MAX
        || (seen.1 != i && path_before(&articles[i].path, &articles[seen.1].path))
    {
        seen.1 = i;
    }
}

/// The spelling problems of `term`, its name set as they give it.
fn spelling_problems(
    index: &Index,
    taxonomy: Taxonomy,
    term: &Term,
    articles: &[Arc<Article>],
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if let Some(spellings) = index.spellings.get(&term.slug) {
        check_spellings(
            taxonomy,
            &term.slug,
            term.profile.as_ref(),
            spellings,
            articles,
            &mut found,
        );
    }
    found
}

/// Whether a term's picture is one a build leaves out while it has no
/// article (beside its profile).
fn picture_beside(term: &Term) -> bool {
    term.profile
        .as_ref()
        .and_then(|p| p.image.as_ref())
        .is_some_and(|image| image.starts_with(&term.path))
}

impl Index {
    /// One taxonomy's terms after `change`, and a map from the ids the
    /// entries hold (old positions; new terms after them) to new ones.
    fn update(
        &mut self,
        taxonomy: Taxonomy,
        mut list: Vec<Term>,
        entries: &mut [Entry],
        change: &Change<'_>,
    ) -> Option<(Vec<Term>, Moved)> {
        let articles = change.articles;
        // Each touched term's key in the order before the edit (articles,
        // name; `None`: new).
        let mut touched: Touched = HashMap::new();
        let mut lost_first: Vec<(usize, String)> = Vec::new();
        for (old, article, ids) in &change.removed {
            for &id in &ids[taxonomy] {
                touch(&mut touched, &list, id);
                let on = &mut list[id].articles;
                if let Ok(at) = on.binary_search(old) {
                    on.remove(at);
                }
            }
            for name in names(&article.matter, taxonomy) {
                let slug = self.slug_of(name)?;
                let spellings = self.spellings.get_mut(&slug)?;
                let seen = spellings.get_mut(name.as_str())?;
                seen.0 -= 1;
                if seen.0 == 0 {
                    spellings.remove(name.as_str());
                } else if seen.1 == *old {
                    seen.1 = usize::MAX;
                    lost_first.push((*self.position.get(&slug)?, name.clone()));
                }
            }
        }
        let moved = change.moved;
        for term in &mut list {
            for i in &mut term.articles {
                *i = moved[*i]?;
            }
        }
        for spellings in self.spellings.values_mut() {
            for seen in spellings.values_mut() {
                if seen.1 != usize::MAX {
                    seen.1 = moved[seen.1]?;
                }
            }
        }
        for &i in change.added {
            let ids = self.add(taxonomy, &mut list, i, change, &mut touched)?;
            entries[i].terms[taxonomy] = ids;
        }
        for (id, name) in lost_first {
            self.find_first(&list[id], &name, taxonomy, articles);
        }
        self.settle(taxonomy, list, touched, articles)
    }

    /// Adds article `i`'s names of `taxonomy`; returns its term ids, each
    /// once, in front-matter order.
    fn add(
        &mut self,
        taxonomy: Taxonomy,
        list: &mut Vec<Term>,
        i: usize,
        change: &Change<'_>,
        touched: &mut Touched,
    ) -> Option<Vec<usize>> {
        let (articles, profiles) = (change.articles, change.profiles);
        let mut ids = Vec::new();
        for name in names(&articles[i].matter, taxonomy) {
            let slug = self.slug_of(name)?;
            let id = match self.position.get(&slug) {
                Some(&id) => id,
                None => {
                    let profile = match taxonomy {
                        Taxonomy::Actor => profiles.iter().find(|p| p.slug == slug).cloned(),
                        _ => None,
                    };
                    touched.insert(list.len(), None);
                    list.push(Term {
                        path: paths::term(taxonomy, &slug),
                        name: slug.clone(),
                        slug: slug.clone(),
                        articles: Vec::new(),
                        profile,
                    });
                    self.position.insert(slug.clone(), list.len() - 1);
                    list.len() - 1
                }
            };
            touch(touched, list, id);
            let on = &mut list[id].articles;
            if let Err(at) = on.binary_search(&i) {
                on.insert(at, i);
            }
            let spellings = self.spellings.entry(slug).or_default();
            use_spelling(spellings, name, i, articles);
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Some(ids)
    }

    /// Sets the first article (in path order) using `name` of `term`,
    /// whose first one left.
    fn find_first(
        &mut self,
        term: &Term,
        name: &str,
        taxonomy: Taxonomy,
        articles: &[Arc<Article>],
    ) {
        let Some(seen) = self
            .spellings
            .get_mut(&term.slug)
            .and_then(|s| s.get_mut(name))
        else {
            return;
        };
        for &i in &term.articles {
            if names(&articles[i].matter, taxonomy)
                .iter()
                .any(|n| n == name)
                && (seen.1 == usize::MAX || path_before(&articles[i].path, &articles[seen.1].path))
            {
                seen.1 = i;
            }
        }
    }

    /// The touched terms named and sorted in among the others (those
    /// left without articles dropped); the map from ids to positions.
    fn settle(
        &mut self,
        taxonomy: Taxonomy,
        list: Vec<Term>,
        touched: Touched,
        articles: &[Arc<Article>],
    ) -> Option<(Vec<Term>, Moved)> {
        let mut slots: Vec<Option<Term>> = list.into_iter().map(Some).collect();
        let mut moving: Vec<(usize, Term)> = Vec::new();
        let mut moved = Vec::new();
        let mut edited = Vec::new();
        for (&id, before) in &touched {
            let Some(mut term) = slots[id].take() else {
                continue;
            };
            let was_listed = self.problems.contains_key(&term.slug);
            if term.articles.is_empty() {
                if picture_beside(&term) {
                    return None;
                }
                self.position.remove(&term.slug);
                self.spellings.remove(&term.slug);
                self.problems.remove(&term.slug);
                continue;
            }
            if !was_listed && picture_beside(&term) {
                return None;
            }
            let mut found = Vec::new();
            let spellings = self.spellings.get(&term.slug)?;
            term.name = check_spellings(
                taxonomy,
                &term.slug,
                term.profile.as_ref(),
                spellings,
                articles,
                &mut found,
            );
            self.problems.insert(term.slug.clone(), found);
            edited.push(id);
            if before
                .as_ref()
                .is_some_and(|(n, name)| *n == term.articles.len() && *name == term.name)
            {
                // Its place among the others is the same.
                slots[id] = Some(term);
                continue;
            }
            moved.push(id);
            moving.push((id, term));
        }
        let (sorted, remap) = sort_in(slots, moving);
        for (id, &now) in remap.iter().enumerate() {
            if now != usize::MAX && now != id {
                self.position.insert(sorted[now].slug.clone(), now);
            }
        }
        let mut touched: Vec<usize> = moved.into_iter().map(|id| remap[id]).collect();
        touched.sort_unstable();
        let mut edited: Vec<usize> = edited.into_iter().map(|id| remap[id]).collect();
        edited.sort_unstable();
        let moved = Moved {
            remap,
            touched,
            edited,
        };
        Some((sorted, moved))
    }
}

/// The terms left in `slots` (in their order) with the `moving` ones
/// sorted in among them as a build orders terms (most articles first,
/// then by name, then by slug); and each id's position.
fn sort_in(slots: Vec<Option<Term>>, moving: Vec<(usize, Term)>) -> (Vec<Term>, Vec<usize>) {
    let old_len = slots.len();
    let rest: Vec<(usize, Term)> = slots
        .into_iter()
        .enumerate()
        .filter_map(|(id, slot)| Some((id, slot?)))
        .collect();
    // Where each touched term goes among the others (theirs is
    // unchanged): a build's order, most articles first, then by name.
    let mut moving: Vec<(usize, usize, Term)> = moving
        .into_iter()
        .map(|(id, term)| {
            let lower = term.name.to_lowercase();
            let before = |other: &Term| {
                (
                    std::cmp::Reverse(other.articles.len()),
                    other.name.to_lowercase(),
                    &other.slug,
                ) < (
                    std::cmp::Reverse(term.articles.len()),
                    lower.clone(),
                    &term.slug,
                )
            };
            let at = rest.partition_point(|(_, other)| before(other));
            (at, id, term)
        })
        .collect();
    moving.sort_by(|a, b| {
        let key = |t: &Term| (std::cmp::Reverse(t.articles.len()), t.name.to_lowercase());
        a.0.cmp(&b.0)
            .then_with(|| key(&a.2).cmp(&key(&b.2)))
            .then_with(|| a.2.slug.cmp(&b.2.slug))
    });
    let mut remap = vec![usize::MAX; old_len];
    let mut sorted: Vec<Term> = Vec::with_capacity(rest.len() + moving.len());
    let mut incoming = moving.into_iter().peekable();
    for (at, (id, term)) in rest.into_iter().enumerate() {
        while let Some((_, id, t)) = incoming.next_if(|(to, _, _)| *to <= at) {
            remap[id] = sorted.len();
            sorted.push(t);
        }
        remap[id] = sorted.len();
        sorted.push(term);
    }
    for (_, id, t) in incoming {
        remap[id] = sorted.len();
        sorted.push(t);
    }
    (sorted, remap)
}
