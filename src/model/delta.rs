//! A site patched after articles were removed, added or replaced (the
//! preview's edits), equal to what [`super::build`] and
//! [`super::authors::attach`] would make from the new articles, with the
//! same problems ([`super::spelling::check`]'s included).
//!
//! Nothing is made again from every article: each index is updated from
//! the removed and added articles alone, with what the site keeps between
//! deltas ([`Kept`], made by the first one in one pass): the term indexes
//! (`terms.rs`), links by file (`links.rs`), co-actors and places per
//! actor (`co_actors.rs`), the calendar (`calendar.rs`), stray spellings
//! (`spelling.rs`), URL claims; the other articles' indexes are moved.
//! Each kept article keeps its slug and path, and the related briefings
//! of every article farther than [`relations::RELATED_WINDOW`] from an
//! article removed or added in the lists of their actors and places
//! (related briefings are looked for in those windows alone, so its list
//! is the old one with indexes moved); only the others are looked for
//! again. Aliases and authors are still collected in one cheap pass.
//!
//! Pure: no I/O. `None` when the edit is one a patch does not make (an
//! article not in the site, a slug or URL error, a name with nothing to
//! slug, images beside an article, an actor's picture that starts or
//! stops being copied): the caller builds the site again.

use std::collections::HashMap;
use std::sync::Arc;

use super::authors;
use super::{Entry, PerTaxonomy, Site, Taxonomy, aliases, article_slug, newest_first, relations};
use crate::error::Diagnostic;
use crate::load::writing::AuthorProfile;
use crate::load::{Article, Profile};
use crate::paths;

/// What the site was made from besides its articles and settings.
pub struct Inputs<'a> {
    /// The actors' profiles.
    pub profiles: &'a [Profile],
    /// The authors' profiles.
    pub authors: &'a [AuthorProfile],
}

/// What a site keeps for the next delta (made by the first one): the
/// state of its indexes that a build drops.
#[derive(Clone)]
pub(crate) struct Kept {
    terms: terms::Terms,
    links: links::Links,
    /// Each article's file by its URL path.
    urls: HashMap<String, String>,
    spelling: spelling::Spelling,
}

impl Kept {
    /// What `site` (as a build made it) keeps.
    /// Its four parts are made side by side.
    fn new(site: &Site, profiles: &[Profile]) -> Self {
        let ((terms, links), (urls, spelling)) = rayon::join(
            || {
                rayon::join(
                    || terms::Terms::new(&site.articles, &site.terms, profiles),
                    || links::Links::new(&site.articles, &site.publication),
                )
            },
            || {
                rayon::join(
                    || {
                        site.articles
                            .iter()
                            .map(|e| (e.path.clone(), e.article.file.clone()))
                            .collect()
                    },
                    || spelling::Spelling::new(&site.articles, site.actors()),
                )
            },
        );
        Kept {
            terms,
            links,
            urls,
            spelling,
        }
    }
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kept { .. }")
    }
}

/// What [`apply`] did.
#[derive(Debug)]
pub struct Applied {
    /// Each former article's index now (`None`: removed).
    pub moved: Vec<Option<usize>>,
    /// The indexes of the added articles, in the order given.
    pub added: Vec<usize>,
    /// Every problem the new site has (as a build would report them).
    pub problems: Vec<Diagnostic>,
}

/// Each article's index before a delta (`None`: added), from `moved`
/// ([`Applied::moved`]) and the number of articles now.
pub fn former(moved: &[Option<usize>], count: usize) -> Vec<Option<usize>> {
    let mut former = vec![None; count];
    for (old, new) in moved.iter().enumerate() {
        if let Some(new) = *new {
            former[new] = Some(old);
        }
    }
    former
}

/// Whether [`prepare`] has work to do: `site` keeps nothing for a delta
/// yet, and deltas can patch it (one language).
pub fn unprepared(site: &Site) -> bool {
    site.delta.is_none() && site.languages.is_empty()
}

/// Makes what `site` keeps for the next delta now, instead of in the
/// first [`apply`] (about half a second at 100k articles).
pub fn prepare(site: &mut Site, profiles: &[Profile]) {
    if unprepared(site) {
        site.delta = Some(Box::new(Kept::new(site, profiles)));
    }
}

/// Article `index` of `site` moved from the URL path `from` to the one it
/// has now (a title edit, patched in place): what the site keeps for the
/// next delta follows, so it sees the new path taken and the old one free.
pub fn moved_path(site: &mut Site, index: usize, from: &str) {
    let Some(entry) = site.articles.get(index) else {
        return;
    };
    if let Some(kept) = site.delta.as_mut() {
        let file = &entry.article.file;
        if kept.urls.get(from) == Some(file) {
            kept.urls.remove(from);
        }
        kept.urls.insert(entry.path.clone(), file.clone());
    }
}

/// Where an article of the patched site comes from.
#[derive(Clone, Copy)]
enum Source {
    /// The old site's article at this index.
    Kept(usize),
    /// The added article at this position.
    Added(usize),
}

/// Removes `removed` from `site` and adds `added`, keeping every index as
/// a build would make it. `None` when the patch cannot be made: `site`
/// is then half patched, to be built again.
pub fn apply(
    site: &mut Site,
    removed: &[Arc<Article>],
    added: &[Arc<Article>],
    inputs: &Inputs<'_>,
) -> Option<Applied> {
    if !site.languages.is_empty()
        || removed
            .iter()
            .chain(added)
            .any(|article| !article.images.is_empty())
    {
        return None;
    }
    let mut kept = match site.delta.take() {
        Some(kept) => kept,
        None => Box::new(Kept::new(site, inputs.profiles)),
    };
    let (order, moved) = merged(site, removed, added)?;
    // Where the removed articles were: their neighbours' windows change.
    let near_removed: Vec<usize> = (0..moved.len())
        .filter(|&i| moved[i].is_none())
        .flat_map(|i| near(site, i))
        .filter_map(|i| moved[i])
        .collect();
    let old_related = std::mem::take(&mut site.relations.related);
    let old_entries = std::mem::take(&mut site.articles);
    let gone = Removed::of(&old_entries, &moved);
    let articles: Vec<Arc<Article>> = order
        .iter()
        .map(|source| match *source {
            Source::Kept(old) => old_entries[old].article.clone(),
            Source::Added(k) => added[k].clone(),
        })
        .collect();
    let mut problems = Vec::new();
    let entries = entries(site, &order, old_entries, &articles, &mut kept.urls)?;
    site.articles = entries;
    let added_at: Vec<usize> = (0..order.len())
        .filter(|&i| matches!(order[i], Source::Added(_)))
        .collect();
    let change = terms::Change {
        articles: &articles,
        removed: gone.terms,
        moved: &moved,
        added: &added_at,
        profiles: inputs.profiles,
    };
    let terms_moved = kept
        .terms
        .update(&mut site.articles, &mut site.terms, &change)?;
    problems.extend(kept.terms.problems().cloned());
    let change = links::Change {
        articles: &articles,
        moved: &moved,
        removed: gone.links,
        added: &added_at,
    };
    kept.links
        .update(&mut site.articles, &site.publication, &change)?;
    problems.extend(kept.links.problems().cloned());
    let owner = |path: &str| {
        kept.urls
            .get(path)
            .and_then(|file| kept.links.index_of(file))
    };
    site.aliases = aliases::collect(&articles, &owner, &mut problems);
    calendar::years(&mut site.years, &articles, &moved, &added_at);
    calendar::weeks(&mut site.weeks, &articles, &moved, &added_at);
    calendar::milestones(&mut site.milestones, &articles, &moved, &added_at);
    let related = related(site, &order, &moved, old_related, near_removed, &added_at);
    let old = std::mem::take(&mut site.relations);
    let change = co_actors::Change {
        entries: &site.articles,
        terms: &site.terms,
        moved: &moved,
        terms_moved: &terms_moved,
        removed: gone.co_actors,
        added: &added_at,
    };
    site.relations = co_actors::update(old, &change, related);
    authors::attach(site, inputs.authors.to_vec());
    kept.spelling
        .update(&site.articles, site.actors(), &terms_moved[Taxonomy::Actor]);
    problems.extend(kept.spelling.problems().cloned());
    site.delta = Some(kept);
    Some(Applied {
        moved,
        added: added_indexes(&order, added.len()),
        problems,
    })
}

/// The indexes of the added articles, in the order given (`order`: where
/// each article of the patched site comes from).
fn added_indexes(order: &[Source], added: usize) -> Vec<usize> {
    let mut indexes = vec![0; added];
    for (i, source) in order.iter().enumerate() {
        if let Source::Added(k) = source {
            indexes[*k] = i;
        }
    }
    indexes
}

/// What the updates need of the removed articles, from their entries.
struct Removed {
    /// Each one's index, article and term ids (former positions).
    terms: Vec<(usize, Arc<Article>, PerTaxonomy<Vec<usize>>)>,
    /// Each one's term ids.
    co_actors: Vec<PerTaxonomy<Vec<usize>>>,
    /// Each one's index, article and referrers.
    links: Vec<(usize, Arc<Article>, Vec<usize>)>,
}

impl Removed {
    /// The entries of `old` that have no index now (`moved`).
    fn of(old: &[Entry], moved: &[Option<usize>]) -> Self {
        let gone: Vec<(usize, &Entry)> = (0..moved.len())
            .filter(|&i| moved[i].is_none())
            .map(|i| (i, &old[i]))
            .collect();
        Removed {
            terms: gone
                .iter()
                .map(|&(i, e)| (i, e.article.clone(), e.terms.clone()))
                .collect(),
            co_actors: gone.iter().map(|(_, e)| e.terms.clone()).collect(),
            links: gone
                .iter()
                .map(|&(i, e)| (i, e.article.clone(), e.referrers.clone()))
                .collect(),
        }
    }
}

/// The new order of the articles (newest first): the old site's but
/// `removed`, merged with `added`; and each old index's new one. `None`
/// when an article of `removed` is not in the site.
fn merged(
    site: &Site,
    removed: &[Arc<Article>],
    added: &[Arc<Article>],
) -> Option<(Vec<Source>, Vec<Option<usize>>)> {
    let mut gone = vec![false; site.articles.len()];
    for article in removed {
        let at = site
            .articles
            .iter()
            .position(|entry| Arc::ptr_eq(&entry.article, article))?;
        gone[at] = true;
    }
    let mut fresh: Vec<usize> = (0..added.len()).collect();
    fresh.sort_by(|&a, &b| newest_first(&added[a], &added[b]));
    let mut order = Vec::with_capacity(site.articles.len() + added.len());
    let mut moved = vec![None; site.articles.len()];
    let mut next = fresh.into_iter().peekable();
    for (old, entry) in site.articles.iter().enumerate() {
        if gone[old] {
            continue;
        }
        while let Some(&k) = next.peek() {
            if newest_first(&added[k], &entry.article).is_lt() {
                order.push(Source::Added(k));
                next.next();
            } else {
                break;
            }
        }
        moved[old] = Some(order.len());
        order.push(Source::Kept(old));
    }
    order.extend(next.map(Source::Added));
    Some((order, moved))
}

/// The articles whose related briefings may change when article `index`
/// leaves or enters `site` (already in it): those within
/// [`relations::RELATED_WINDOW`] of it in the list of one of its actors
/// or places, where related briefings are looked for.
fn near(site: &Site, index: usize) -> Vec<usize> {
    let mut near = Vec::new();
    let entry = &site.articles[index];
    for taxonomy in [Taxonomy::Actor, Taxonomy::Place] {
        for &id in &entry.terms[taxonomy] {
            let list = &site.terms[taxonomy][id].articles;
            let Ok(at) = list.binary_search(&index) else {
                continue;
            };
            let start = at.saturating_sub(relations::RELATED_WINDOW);
            let end = (at + relations::RELATED_WINDOW + 1).min(list.len());
            near.extend_from_slice(&list[start..end]);
        }
    }
    near
}

/// The articles' entries in `order`: kept ones as they were (slug, path),
/// added ones given theirs, each claiming its URL in `urls` (the removed
/// ones' released). `None` on a slug or URL error.
fn entries(
    site: &Site,
    order: &[Source],
    old: Vec<Entry>,
    articles: &[Arc<Article>],
    urls: &mut HashMap<String, String>,
) -> Option<Vec<Entry>> {
    let mut old: Vec<Option<Entry>> = old.into_iter().map(Some).collect();
    let mut entries = Vec::with_capacity(order.len());
    let mut claimed = Vec::new();
    for (index, source) in order.iter().enumerate() {
        let article = &articles[index];
        let mut entry = match *source {
            Source::Kept(i) => old[i].take()?,
            Source::Added(_) => {
                let mut found = Vec::new();
                let slug = article_slug(article, &mut found);
                if !found.is_empty() {
                    return None;
                }
                let entry = Entry {
                    article: article.clone(),
                    path: paths::article(article.matter.date.date, &slug),
                    slug,
                    terms: PerTaxonomy::default(),
                    links: Vec::new(),
                    unlinked: Vec::new(),
                    scheduled: site.publication.early.get(&article.file).copied(),
                    referrers: Vec::new(),
                    site_links: Vec::new(),
                    authors: Vec::new(),
                    translations: Vec::new(),
                };
                claimed.push((entry.path.clone(), article.file.clone()));
                entry
            }
        };
        // Given again by `authors::attach`.
        entry.authors.clear();
        entries.push(entry);
    }
    // The removed articles' URLs are free (they are the entries left).
    for entry in old.into_iter().flatten() {
        if urls.get(&entry.path) == Some(&entry.article.file) {
            urls.remove(&entry.path);
        }
    }
    for (path, file) in claimed {
        if urls.insert(path, file).is_some() {
            // Two articles on one URL: an error, which a build reports.
            return None;
        }
    }
    Some(entries)
}

/// Every article's related briefings: looked for again for the added
/// articles and those near an added or removed one in the list of an
/// actor or place (`near_removed`: those near a removed one), the old
/// lists with indexes moved for the rest (and for none that showed a
/// removed article).
fn related(
    site: &Site,
    order: &[Source],
    moved: &[Option<usize>],
    old: Vec<Vec<usize>>,
    near_removed: Vec<usize>,
    added: &[usize],
) -> Vec<Vec<usize>> {
    let mut again = vec![false; order.len()];
    let near_added = added.iter().flat_map(|&index| near(site, index));
    for index in near_removed.into_iter().chain(near_added) {
        again[index] = true;
    }
    let mut old: Vec<Option<Vec<usize>>> = old.into_iter().map(Some).collect();
    let mut lists: Vec<Option<Vec<usize>>> = order
        .iter()
        .enumerate()
        .map(|(index, source)| match *source {
            Source::Kept(i) if !again[index] => {
                // Moved in place: most lists keep every article.
                let mut list = old[i].take()?;
                for r in &mut list {
                    *r = moved[*r]?;
                }
                Some(list)
            }
            _ => None,
        })
        .collect();
    let redo: Vec<usize> = (0..order.len()).filter(|&i| lists[i].is_none()).collect();
    let made = relations::related_of(&site.articles, &site.terms, &redo);
    for (index, list) in redo.into_iter().zip(made) {
        lists[index] = Some(list);
    }
    lists.into_iter().map(Option::unwrap_or_default).collect()
}

mod calendar;
mod co_actors;
mod links;
mod spelling;
mod terms;
#[cfg(test)]
mod tests;
