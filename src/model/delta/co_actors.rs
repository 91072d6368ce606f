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
    /// The removed articles' terms (former positions).
    pub removed: Vec<PerTaxonomy<Vec<usize>>>,
    /// The indexes of the added articles.
    pub added: &'a [usize],
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

/// What an edit changed in the counts: the actors whose co-actor counts
/// changed, those whose place counts changed, and each pair of actors
/// whose count changed (new positions, `a < b`) with the change.
#[derive(Default)]
struct Counts {
    co_actors: HashSet<usize>,
    places: HashSet<usize>,
    pairs: HashMap<(usize, usize), isize>,
}

/// The counts the removed articles leave and the added ones bring.
fn changed_counts(change: &Change<'_>) -> Counts {
    let remap = |taxonomy: Taxonomy, id: usize| change.terms_moved[taxonomy].remap[id];
    let mut counts = Counts::default();
    let mut places: HashMap<(usize, usize), isize> = HashMap::new();
    let added = change.added.iter().map(|&i| {
        let terms = &change.entries[i].terms;
        let ids = |t: Taxonomy| terms[t][..terms[t].len().min(MAX_FANOUT)].to_vec();
        (1, ids(Taxonomy::Actor), ids(Taxonomy::Place))
    });
    let removed = change.removed.iter().map(|terms| {
        let ids = |t: Taxonomy| -> Vec<usize> {
            let list = &terms[t][..terms[t].len().min(MAX_FANOUT)];
            list.iter().map(|&id| remap(t, id)).collect()
        };
        (-1, ids(Taxonomy::Actor), ids(Taxonomy::Place))
    });
    for (sign, actors, in_places) in removed.chain(added) {
        for (k, &a) in actors.iter().enumerate() {
            for &b in &actors[k + 1..] {
                match (a, b) {
                    (usize::MAX, usize::MAX) => {}
                    // An actor gone: its partner lost the pair.
                    (usize::MAX, other) | (other, usize::MAX) => {
                        counts.co_actors.insert(other);
                    }
                    _ => *counts.pairs.entry((a.min(b), a.max(b))).or_default() += sign,
                }
            }
            for &p in &in_places {
                match (a, p) {
                    (usize::MAX, _) => {}
                    (_, usize::MAX) => {
                        counts.places.insert(a);
                    }
                    _ => *places.entry((a, p)).or_default() += sign,
                }
            }
        }
    }
    counts.pairs.retain(|_, change| *change != 0);
    for &(a, b) in counts.pairs.keys() {
        counts.co_actors.extend([a, b]);
    }
    counts.places.extend(
        places
            .iter()
            .filter(|(_, n)| **n != 0)
            .map(|((a, _), _)| *a),
    );
    counts
}

/// The relations after `change` (the related briefings given).
pub(super) fn update(old: Relations, change: &Change<'_>, related: Vec<Vec<usize>>) -> Relations {
    let actors = change.terms[Taxonomy::Actor].len();
    let mut counts = changed_counts(change);
    let edges = edges(old.edges, change, &counts.pairs);
    let mut co_actors = moved_lists(old.co_actors, actors, change, |list| {
        for pair in list.iter_mut() {
            pair.actor = change.terms_moved[Taxonomy::Actor].remap[pair.actor];
            moved_articles(&mut pair.articles, change.moved);
        }
    });
    let mut places = moved_lists(old.places, actors, change, |list| {
        for (p, _) in list.iter_mut() {
            *p = change.terms_moved[Taxonomy::Place].remap[*p];
        }
    });
    // The added articles into the kept pairs whose count is the same
    // (the removed ones are out).
    for &i in change.added {
        let ids = capped(&change.entries[i], Taxonomy::Actor);
        for &a in ids.iter().filter(|a| !counts.co_actors.contains(a)) {
            for pair in co_actors[a].iter_mut().filter(|p| ids.contains(&p.actor)) {
                if let Err(at) = pair.articles.binary_search(&i) {
                    pair.articles.insert(at, i);
                }
            }
        }
    }
    let sort = reorder_co_actors(change, &co_actors, &mut counts.co_actors);
    for a in sort {
        co_actors[a].sort_by(|x, y| {
            y.articles
                .len()
                .cmp(&x.articles.len())
                .then(x.actor.cmp(&y.actor))
        });
    }
    for &a in &counts.co_actors {
        co_actors[a] = top_co_actors(&count(change, a));
    }
    let sort = reorder_places(change, &places, &mut counts.places);
    for a in sort {
        places[a].sort_unstable_by(by_count);
    }
    for &a in &counts.places {
        places[a] = top_places(&count(change, a));
    }
    own_pages(&mut co_actors);
    Relations {
        co_actors,
        places,
        related,
        edges,
    }
}

/// `list`'s article indexes moved, the removed ones out.
fn moved_articles(list: &mut Vec<usize>, moved: &[Option<usize>]) {
    list.retain_mut(|i| match moved[*i] {
        Some(now) => {
            *i = now;
            true
        }
        None => false,
    });
}

/// The actors whose co-actor list has an actor that moved among the
/// others (ties are broken by position): to sort again; or, when the
/// moved actor ties the tenth, to count again (added to `again`).
fn reorder_co_actors(
    change: &Change<'_>,
    lists: &[Vec<CoActor>],
    again: &mut HashSet<usize>,
) -> HashSet<usize> {
    let mut sort = HashSet::new();
    for &t in &change.terms_moved[Taxonomy::Actor].touched {
        for (a, shared) in count(change, t).co {
            let list = &lists[a];
            if again.contains(&a) {
                continue;
            }
            let tenth = list.get(TOP_CO_ACTORS - 1).map(|p| p.articles.len());
            if tenth == Some(shared.len()) {
                again.insert(a);
            } else if list.iter().any(|p| p.actor == t) {
                sort.insert(a);
            }
        }
    }
    sort.retain(|a| !again.contains(a));
    sort
}

/// As [`reorder_co_actors`], for the places that moved among the others.
fn reorder_places(
    change: &Change<'_>,
    lists: &[Vec<(usize, usize)>],
    again: &mut HashSet<usize>,
) -> HashSet<usize> {
    let mut sort = HashSet::new();
    for &p in &change.terms_moved[Taxonomy::Place].touched {
        let mut with: HashMap<usize, usize> = HashMap::new();
        for &i in &change.terms[Taxonomy::Place][p].articles {
            let entry = &change.entries[i];
            if capped(entry, Taxonomy::Place).contains(&p) {
                for &a in capped(entry, Taxonomy::Actor) {
                    *with.entry(a).or_default() += 1;
                }
            }
        }
        for (a, n) in with {
            let list = &lists[a];
            if again.contains(&a) {
                continue;
            }
            if list.get(TOP_PLACES - 1).map(|x| x.1) == Some(n) {
                again.insert(a);
            } else if list.iter().any(|x| x.0 == p) {
                sort.insert(a);
            }
        }
    }
    sort.retain(|a| !again.contains(a));
    sort
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

/// Every pair of actors sharing articles: the former ones moved (and
/// sorted again if an actor moved among the others), the pairs whose
/// count changed (`pairs`) mended.
fn edges(
    old: Vec<(usize, usize, usize)>,
    change: &Change<'_>,
    pairs: &HashMap<(usize, usize), isize>,
) -> Vec<(usize, usize, usize)> {
    let remap = &change.terms_moved[Taxonomy::Actor].remap;
    let mut edges: Vec<(usize, usize, usize)> = old
        .into_iter()
        .filter_map(|(a, b, n)| {
            let (a, b) = (remap[a], remap[b]);
            (a != usize::MAX && b != usize::MAX).then_some((a.min(b), a.max(b), n))
        })
        .collect();
    if !edges.is_sorted() {
        edges.sort_unstable();
    }
    let mut changed: Vec<(&(usize, usize), &isize)> = pairs.iter().collect();
    changed.sort_unstable();
    for (&(a, b), &by) in changed {
        match edges.binary_search_by(|e| (e.0, e.1).cmp(&(a, b))) {
            Ok(at) => {
                let n = edges[at].2 as isize + by;
                if n > 0 {
                    edges[at].2 = n as usize;
                } else {
                    edges.remove(at);
                }
            }
            Err(at) if by > 0 => edges.insert(at, (a, b, by as usize)),
            Err(_) => {}
        }
    }
    edges
}
