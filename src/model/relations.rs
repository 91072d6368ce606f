//! Who appears with whom, where, and which briefings are related: computed
//! from the articles' actors and places in one pass, and bounded.
//!
//! Co-occurrences are counted per article (linear in the sum, over
//! articles, of the square of their number of actors, each article's
//! actors capped at [`MAX_FANOUT`] so a hostile list cannot blow up), never
//! by comparing every actor with every other. Each actor keeps its top
//! [`TOP_CO_ACTORS`] co-actors, and only those pairs get a page of shared
//! briefings, so the number of pair pages stays at most ten per actor.
//! Related briefings are looked for among the nearest articles in time of
//! each actor and place an article carries ([`RELATED_WINDOW`] on each
//! side), so their cost does not grow with the size of a popular actor.

use chrono::Datelike;
use rayon::prelude::*;

use super::{Entry, PerTaxonomy, Taxonomy, terms::Term};

/// Co-actors kept (and pair pages made) per actor.
pub const TOP_CO_ACTORS: usize = 10;
/// Shared briefings a pair of actors needs for a page of its own
/// (`/actors/<a>/with/<b>/`); a pair sharing fewer links straight to its
/// one briefing from "Appears with".
pub const PAIR_PAGE_MIN: usize = 2;
/// Places shown per actor.
pub const TOP_PLACES: usize = 10;
/// Related briefings per article.
pub const RELATED: usize = 5;
/// Actors (and places) of one article taken into account.
pub const MAX_FANOUT: usize = 32;
/// Neighbours in time looked at on each side, per actor and place.
pub const RELATED_WINDOW: usize = 8;

/// One of an actor's most frequent co-actors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoActor {
    /// The other actor: an index into the site's actors.
    pub actor: usize,
    /// Their shared articles, newest first (indexes into the articles).
    pub articles: Vec<usize>,
    /// True when the pair's page is this actor's (`/actors/<this>/with/<other>/`);
    /// false when the two are in each other's top lists and the page is
    /// the other's (the more covered actor's), so each pair has one page.
    pub own_page: bool,
}

impl CoActor {
    /// Whether the pair has a page at all: it shares at least
    /// [`PAIR_PAGE_MIN`] briefings.
    pub fn has_page(&self) -> bool {
        self.articles.len() >= PAIR_PAGE_MIN
    }
}

/// The relations of a site's actors and articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relations {
    /// Per actor: its top co-actors, most shared articles first (then in
    /// the actors' order).
    pub co_actors: Vec<Vec<CoActor>>,
    /// Per actor: the places of its articles with their counts, most
    /// frequent first (then in the places' order), at most [`TOP_PLACES`].
    pub places: Vec<Vec<(usize, usize)>>,
    /// Per article: up to [`RELATED`] related articles, best first.
    pub related: Vec<Vec<usize>>,
    /// Every pair of actors sharing articles, `(a, b, shared)` with
    /// `a < b`, in order of `a` then `b`.
    pub edges: Vec<(usize, usize, usize)>,
}

/// An article's actors (or places), capped.
fn capped(entry: &Entry, taxonomy: Taxonomy) -> &[usize] {
    let ids = &entry.terms[taxonomy];
    &ids[..ids.len().min(MAX_FANOUT)]
}

/// Computes every relation of `articles` (newest first) and their `terms`.
pub fn build(articles: &[Entry], terms: &PerTaxonomy<Vec<Term>>) -> Relations {
    let all: Vec<usize> = (0..articles.len()).collect();
    with_related(articles, terms, related_of(articles, terms, &all))
}

/// The relations of `articles` and their `terms` with the related
/// briefings given (a patch works out only those that changed:
/// [`super::delta`]); the rest is counted.
pub(super) fn with_related(
    articles: &[Entry],
    terms: &PerTaxonomy<Vec<Term>>,
    related: Vec<Vec<usize>>,
) -> Relations {
    let actors = terms[Taxonomy::Actor].len();
    let (co_actors, edges) = co_actors(articles, actors);
    Relations {
        co_actors,
        places: places(articles, actors),
        related,
        edges,
    }
}

/// Co-actor edges, `(a, b, shared)`.
type Edges = Vec<(usize, usize, usize)>;

/// Two indexes as one sortable number (`a` first).
fn pair_key(a: usize, b: usize) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// Each distinct pair of `keys` (made by [`pair_key`]) with how often it
/// occurs, in order: the keys are sorted, so a pair's occurrences are one run.
fn runs(mut keys: Vec<u64>) -> Vec<(usize, usize, usize)> {
    keys.sort_unstable();
    keys.chunk_by(|x, y| x == y)
        .map(|run| {
            (
                (run[0] >> 32) as usize,
                (run[0] & 0xffff_ffff) as usize,
                run.len(),
            )
        })
        .collect()
}

/// Most frequent first, then in index order.
fn by_count(x: &(usize, usize), y: &(usize, usize)) -> std::cmp::Ordering {
    y.1.cmp(&x.1).then(x.0.cmp(&y.0))
}

/// Each actor's top co-actors with their shared articles, and every edge.
/// Co-occurrences are counted by sorting one number per pair and article
/// (no map of pairs), and each actor's neighbours are one slice of a single
/// list.
fn co_actors(articles: &[Entry], actors: usize) -> (Vec<Vec<CoActor>>, Edges) {
    let mut keys: Vec<u64> = Vec::new();
    for entry in articles {
        let ids = capped(entry, Taxonomy::Actor);
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                keys.push(pair_key(a.min(b), a.max(b)));
            }
        }
    }
    let edges: Edges = runs(keys);
    // Each actor's neighbours with their counts: one list, a slice per actor.
    let mut starts = vec![0usize; actors + 1];
    for &(a, b, _) in &edges {
        starts[a + 1] += 1;
        starts[b + 1] += 1;
    }
    for i in 0..actors {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut neighbours = vec![(0usize, 0usize); starts[actors]];
    for &(a, b, count) in &edges {
        neighbours[next[a]] = (b, count);
        next[a] += 1;
        neighbours[next[b]] = (a, count);
        next[b] += 1;
    }
    let mut top: Vec<Vec<CoActor>> = (0..actors)
        .map(|a| {
            let list = &mut neighbours[starts[a]..starts[a + 1]];
            list.sort_unstable_by(by_count);
            list.iter()
                .take(TOP_CO_ACTORS)
                .map(|&(actor, count)| CoActor {
                    actor,
                    articles: Vec::with_capacity(count),
                    own_page: true,
                })
                .collect()
        })
        .collect();
    drop(neighbours);
    for (index, entry) in articles.iter().enumerate() {
        let ids = capped(entry, Taxonomy::Actor);
        for &a in ids {
            for &b in ids {
                if let Some(pair) = top[a].iter_mut().find(|c| c.actor == b) {
                    pair.articles.push(index);
                }
            }
        }
    }
    // A pair in both top lists gets one page, the more covered actor's.
    for a in 0..top.len() {
        for i in 0..top[a].len() {
            let b = top[a][i].actor;
            if b < a && top[b].iter().any(|c| c.actor == a) {
                top[a][i].own_page = false;
            }
        }
    }
    (top, edges)
}

/// The places of each actor's articles, most frequent first.
fn places(articles: &[Entry], actors: usize) -> Vec<Vec<(usize, usize)>> {
    let mut keys: Vec<u64> = Vec::new();
    for entry in articles {
        for &actor in capped(entry, Taxonomy::Actor) {
            for &place in capped(entry, Taxonomy::Place) {
                keys.push(pair_key(actor, place));
            }
        }
    }
    let mut per_actor: Vec<Vec<(usize, usize)>> = vec![Vec::new(); actors];
    for (actor, place, count) in runs(keys) {
        per_actor[actor].push((place, count));
    }
    for list in &mut per_actor {
        list.sort_unstable_by(by_count);
        list.truncate(TOP_PLACES);
        list.shrink_to_fit();
    }
    per_actor
}

/// The related articles of each of `indexes`: most shared actors and
/// places, ties broken by the nearest date, then the newer article.
pub(super) fn related_of(
    articles: &[Entry],
    terms: &PerTaxonomy<Vec<Term>>,
    indexes: &[usize],
) -> Vec<Vec<usize>> {
    const KINDS: [Taxonomy; 2] = [Taxonomy::Actor, Taxonomy::Place];
    let keys = Keys::new(articles, terms[Taxonomy::Actor].len(), indexes.len());
    let order = |x: &(usize, i64, usize), y: &(usize, i64, usize)| {
        y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2))
    };
    indexes
        .par_iter()
        .map_init(
            // Scratch lists reused from one article to the next.
            || (Vec::new(), Vec::<(usize, i64, usize)>::new(), Vec::new()),
            |(candidates, scored, own), &index| {
                let entry = &articles[index];
                candidates.clear();
                for taxonomy in KINDS {
                    for &id in capped(entry, taxonomy) {
                        let list = &terms[taxonomy][id].articles;
                        let Ok(at) = list.binary_search(&index) else {
                            continue;
                        };
                        let start = at.saturating_sub(RELATED_WINDOW);
                        let end = (at + RELATED_WINDOW + 1).min(list.len());
                        candidates.extend(list[start..end].iter().filter(|&&i| i != index));
                    }
                }
                candidates.sort_unstable();
                candidates.dedup();
                keys.of(index, own);
                scored.clear();
                scored.extend(candidates.iter().map(|&other| {
                    let shared = keys.shared(own, other);
                    (shared, (keys.day(other) - keys.day(index)).abs(), other)
                }));
                // The best few only: `order` is total (articles differ), so
                // this is the head of the fully sorted list.
                if scored.len() > RELATED {
                    scored.select_nth_unstable_by(RELATED - 1, order);
                    scored.truncate(RELATED);
                }
                scored.sort_unstable_by(order);
                scored.iter().map(|&(_, _, i)| i).collect()
            },
        )
        .collect()
}

/// What related briefings are scored by: each article's capped actors
/// and places as one list of keys (places numbered after the actors, so
/// the two never compare equal) and its day as a number. Laid out flat
/// once when many articles are scored (a build: a candidate's keys are
/// then one short slice, not two lists behind its entry); read from the
/// entries when few are (a patch in a large site).
struct Keys<'a> {
    articles: &'a [Entry],
    actors: usize,
    flat: Option<Flat>,
}

/// Every article's keys in one list (`starts[i]..starts[i + 1]`), and days.
struct Flat {
    starts: Vec<usize>,
    keys: Vec<usize>,
    days: Vec<i64>,
}

impl<'a> Keys<'a> {
    /// Keys of `articles` (with `actors` actors) for scoring `scored` of them.
    fn new(articles: &'a [Entry], actors: usize, scored: usize) -> Self {
        let mut keys = Self {
            articles,
            actors,
            flat: None,
        };
        if scored.saturating_mul(8) < articles.len() {
            return keys;
        }
        let mut flat = Flat {
            starts: Vec::with_capacity(articles.len() + 1),
            keys: Vec::new(),
            days: (0..articles.len()).map(|i| keys.entry_day(i)).collect(),
        };
        flat.starts.push(0);
        for index in 0..articles.len() {
            keys.entry_keys(index, &mut flat.keys);
            flat.starts.push(flat.keys.len());
        }
        keys.flat = Some(flat);
        keys
    }

    fn entry_day(&self, index: usize) -> i64 {
        let date = self.articles[index].article.matter.date.date;
        i64::from(date.num_days_from_ce())
    }

    fn entry_keys(&self, index: usize, out: &mut Vec<usize>) {
        let entry = &self.articles[index];
        out.extend(capped(entry, Taxonomy::Actor));
        out.extend(
            capped(entry, Taxonomy::Place)
                .iter()
                .map(|p| self.actors + p),
        );
    }

    /// Article `index`'s day, as a number of days.
    fn day(&self, index: usize) -> i64 {
        match &self.flat {
            Some(flat) => flat.days[index],
            None => self.entry_day(index),
        }
    }

    /// Article `index`'s keys, into `out` (cleared first).
    fn of(&self, index: usize, out: &mut Vec<usize>) {
        out.clear();
        match &self.flat {
            Some(flat) => {
                out.extend_from_slice(&flat.keys[flat.starts[index]..flat.starts[index + 1]])
            }
            None => self.entry_keys(index, out),
        }
    }

    /// How many of `own` keys article `other` has.
    fn shared(&self, own: &[usize], other: usize) -> usize {
        match &self.flat {
            Some(flat) => flat.keys[flat.starts[other]..flat.starts[other + 1]]
                .iter()
                .filter(|k| own.contains(k))
                .count(),
            None => {
                let entry = &self.articles[other];
                let actors = capped(entry, Taxonomy::Actor).iter().copied();
                let places = capped(entry, Taxonomy::Place)
                    .iter()
                    .map(|p| self.actors + p);
                actors.chain(places).filter(|k| own.contains(k)).count()
            }
        }
    }
}
