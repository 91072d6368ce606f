//! Co-actors, places per actor and the co-actor edges after a delta,
//! updated for the touched actors instead of counted again: an actor's
//! lists are made again from its own articles only when it is on an
//! article that left or came, or shares an article with an actor (or, for
//! its places, a place) whose position among the terms changed (ties are
//! broken by position); every other list keeps its entries, its indexes
//! moved. The edges between two untouched actors keep their order (the
//! untouched terms keep theirs among themselves); those of touched actors
//! are merged in.

use std::collections::{HashMap, HashSet};

use super::super::relations::{CoActor, MAX_FANOUT, Relations, TOP_CO_ACTORS, TOP_PLACES};
use super::super::terms::Term;
use super::super::{Entry, PerTaxonomy, Taxonomy};
use super::terms::Moved;

/// An edit, as the relations update sees it.
pub(super) struct Change<'a> {
    /// The site's entries after the edit (new term ids).
    pub entries: &'a [Entry],
    /// The terms after the edit.
    pub terms: &'a PerTaxonomy<Vec<Term>>,
    /// Each former article's index now.
    pub moved: &'a [Option<usize>],
    /// How the terms moved.
    pub terms_moved: &'a PerTaxonomy<Moved>,
}

/// An entry's first [`MAX_FANOUT`] terms of `taxonomy`.
fn capped(entry: &Entry, taxonomy: Taxonomy) -> &[usize] {
    let ids = &entry.terms[taxonomy];
    &ids[..ids.len().min(MAX_FANOUT)]
}

/// Most frequent first, then in index order.
fn by_count(x: &(usize, usize), y: &(usize, usize)) -> std::cmp::Ordering {
    y.1.cmp(&x.1).then(x.0.cmp(&y.0))
}

/// What one actor's articles give: each co-actor with its shared
/// articles, and each place's count.
struct Counted {
    co: Vec<(usize, Vec<usize>)>,
    places: Vec<(usize, usize)>,
}

/// Counts actor `a`'s co-actors and places over its articles.
fn count(change: &Change<'_>, a: usize) -> Counted {
    let mut co: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut places: HashMap<usize, usize> = HashMap::new();
    for &i in &change.terms[Taxonomy::Actor][a].articles {
        let entry = &change.entries[i];
        let ids = capped(entry, Taxonomy::Actor);
        if !ids.contains(&a) {
            continue;
        }
        for &b in ids.iter().filter(|&&b| b != a) {
            co.entry(b).or_default().push(i);
        }
        for &p in capped(entry, Taxonomy::Place) {
            *places.entry(p).or_default() += 1;
        }
    }
    Counted {
        co: co.into_iter().collect(),
        places: places.into_iter().collect(),
    }
}

/// The relations after `change` (the related briefings given).
pub(super) fn update(old: Relations, change: &Change<'_>, related: Vec<Vec<usize>>) -> Relations {
    let actors = change.terms[Taxonomy::Actor].len();
    let touched = &change.terms_moved[Taxonomy::Actor].touched;
    let mut again: HashSet<usize> = touched.iter().copied().collect();
    let mut counted: HashMap<usize, Counted> = HashMap::new();
    for &t in touched {
        let found = count(change, t);
        again.extend(found.co.iter().map(|(b, _)| *b));
        counted.insert(t, found);
    }
    let mut places_again = again.clone();
    for &p in &change.terms_moved[Taxonomy::Place].touched {
        for &i in &change.terms[Taxonomy::Place][p].articles {
            let entry = &change.entries[i];
            if capped(entry, Taxonomy::Place).contains(&p) {
                places_again.extend(capped(entry, Taxonomy::Actor));
            }
        }
    }
    for &a in again.iter().chain(&places_again) {
        counted.entry(a).or_insert_with(|| count(change, a));
    }
    let edges = edges(&old.edges, change, &counted);
    let mut co_actors = moved_lists(old.co_actors, actors, change, |list| {
        for pair in list.iter_mut() {
            pair.actor = change.terms_moved[Taxonomy::Actor].remap[pair.actor];
            for i in &mut pair.articles {
                *i = change.moved[*i].unwrap_or(usize::MAX);
            }
        }
    });
    let mut places = moved_lists(old.places, actors, change, |list| {
        for (p, _) in list.iter_mut() {
            *p = change.terms_moved[Taxonomy::Place].remap[*p];
        }
    });
    for &a in &again {
        co_actors[a] = top_co_actors(&counted[&a]);
    }
    for &a in &places_again {
        places[a] = top_places(&counted[&a]);
    }
    own_pages(&mut co_actors);
    Relations {
        co_actors,
        places,
        related,
        edges,
    }
}

/// Per-actor lists in the new order of the actors, each former list
/// moved by `mend` (those of the actors made again are replaced after).
fn moved_lists<T: Default>(
    old: Vec<T>,
    actors: usize,
    change: &Change<'_>,
    mut mend: impl FnMut(&mut T),
) -> Vec<T> {
    let mut lists: Vec<T> = (0..actors).map(|_| T::default()).collect();
    let remap = &change.terms_moved[Taxonomy::Actor].remap;
    for (o, mut list) in old.into_iter().enumerate() {
        let now = remap[o];
        if now != usize::MAX {
            mend(&mut list);
            lists[now] = list;
        }
    }
    lists
}

/// An actor's top co-actors from its counts.
fn top_co_actors(counted: &Counted) -> Vec<CoActor> {
    let mut by: Vec<(usize, usize)> = counted
        .co
        .iter()
        .enumerate()
        .map(|(k, (_, articles))| (k, articles.len()))
        .collect();
    by.sort_unstable_by(|x, y| {
        y.1.cmp(&x.1)
            .then(counted.co[x.0].0.cmp(&counted.co[y.0].0))
    });
    by.iter()
        .take(TOP_CO_ACTORS)
        .map(|&(k, _)| CoActor {
            actor: counted.co[k].0,
            articles: counted.co[k].1.clone(),
            own_page: true,
        })
        .collect()
}

/// An actor's top places from its counts.
fn top_places(counted: &Counted) -> Vec<(usize, usize)> {
    let mut list = counted.places.clone();
    list.sort_unstable_by(by_count);
    list.truncate(TOP_PLACES);
    list.shrink_to_fit();
    list
}

/// A pair in both top lists gets one page, the more covered actor's.
fn own_pages(top: &mut [Vec<CoActor>]) {
    for a in 0..top.len() {
        for i in 0..top[a].len() {
            let b = top[a][i].actor;
            top[a][i].own_page = !(b < a && top[b].iter().any(|c| c.actor == a));
        }
    }
}

/// Every pair of actors sharing articles: those of two untouched actors
/// moved (their order kept), those of a touched one counted, merged.
fn edges(
    old: &[(usize, usize, usize)],
    change: &Change<'_>,
    counted: &HashMap<usize, Counted>,
) -> Vec<(usize, usize, usize)> {
    let moved = &change.terms_moved[Taxonomy::Actor];
    let touched = |a: usize| moved.touched.binary_search(&a).is_ok();
    let kept = old.iter().filter_map(|&(a, b, n)| {
        let (a, b) = (moved.remap[a], moved.remap[b]);
        (a != usize::MAX && b != usize::MAX && !touched(a) && !touched(b)).then_some((a, b, n))
    });
    let mut fresh: Vec<(usize, usize, usize)> = moved
        .touched
        .iter()
        .flat_map(|&t| {
            counted[&t]
                .co
                .iter()
                .map(move |(b, shared)| (t.min(*b), t.max(*b), shared.len()))
        })
        .collect();
    fresh.sort_unstable();
    fresh.dedup();
    let mut all = Vec::with_capacity(old.len() + fresh.len());
    let mut fresh = fresh.into_iter().peekable();
    for edge in kept {
        while let Some(f) = fresh.next_if(|f| (f.0, f.1) < (edge.0, edge.1)) {
            all.push(f);
        }
        all.push(edge);
    }
    all.extend(fresh);
    all
}
