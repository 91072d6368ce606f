//! A page's template variables, kept as plain values until it renders, so
//! a page can be fingerprinted first and skipped when nothing it shows has
//! changed (`serve`'s incremental rebuilds).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;
use tera::{Context, Value};
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_64_with_seed};

/// Named template variables, in insertion order.
#[derive(Debug, Clone, Default)]
pub struct Vars(Vec<(&'static str, Value)>);

impl Vars {
    /// No variables.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key` to a serializable value.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.insert_value(key, Value::from_serializable(value));
    }

    /// Sets `key` to a template value (cheap: values share their data).
    pub fn insert_value(&mut self, key: &'static str, value: Value) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The values, in insertion order.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.0.iter().map(|(_, value)| value)
    }

    /// Each value equal to `old`'s of the same name made `old`'s (the
    /// copy let go), but those `skip` knows to differ.
    pub fn share_with(&mut self, old: &Vars, skip: impl Fn(&Value) -> bool) {
        for (key, value) in &mut self.0 {
            if let Some(old) = old.get(key)
                && !skip(value)
            {
                share_equal(value, old);
            }
        }
    }

    /// The Tera context to render with.
    pub fn to_context(&self) -> Context {
        let mut context = Context::new();
        for (key, value) in &self.0 {
            context.insert_value(*key, value.clone());
        }
        context
    }
}

/// A cheap hasher for value identities (addresses), only ever used in memory.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// A value's identity: where it lives ([`identity`]).
type Id = (usize, usize);

type IdMap<V> = HashMap<Id, V, BuildHasherDefault<IdHasher>>;

/// Whether `a` and `b` are one shared value (the same allocation), which
/// makes them equal without comparing them.
pub fn same_shared(a: &Value, b: &Value) -> bool {
    identity(a).is_some_and(|id| Some(id) == identity(b))
}

/// Makes `value` the same allocation as `old` when they are equal (the
/// copy is let go): values made again that did not change are held once.
pub fn share_equal(value: &mut Value, old: &Value) {
    if !same_shared(value, old) && value == old {
        *value = old.clone();
    }
}

/// [`share_equal`], and when they differ, a map made just now (held
/// nowhere else, so taking it apart copies nothing) with each field equal
/// to `old`'s taken from it.
pub fn share_fields(value: &mut Value, old: &Value) {
    share_equal(value, old);
    if same_shared(value, old) {
        return;
    }
    let (Some(_), Some(old)) = (value.as_map(), old.as_map()) else {
        return;
    };
    let Some(mut map) = std::mem::replace(value, Value::none()).into_map() else {
        return;
    };
    for (key, field) in map.iter_mut() {
        if let Some(old) = old.get(key) {
            share_equal(field, old);
        }
    }
    *value = Value::from(map);
}

/// Where a shared value lives: the same allocation is the same value
/// (template values are immutable). `None` for small values, hashed each time.
fn identity(value: &Value) -> Option<(usize, usize)> {
    if let Some(map) = value.as_map() {
        return Some((map as *const _ as usize, map.len()));
    }
    if let Some(items) = value.as_array() {
        return Some((items.as_ptr() as usize, items.len()));
    }
    None
}

/// Fingerprints known in advance, by value identity: the shared values of a
/// run (list entries, feed entries, article pages), hashed once when made
/// and kept with them from run to run.
#[derive(Default)]
pub struct Seeds(IdMap<u64>);

impl Seeds {
    /// Forgets `value`'s fingerprint.
    pub fn remove(&mut self, value: &Value) {
        if let Some(id) = identity(value) {
            self.0.remove(&id);
        }
    }

    /// Room for `n` fingerprints.
    pub fn with_capacity(n: usize) -> Self {
        Self(IdMap::with_capacity_and_hasher(n, Default::default()))
    }

    /// Records `value`'s fingerprint.
    pub fn add(&mut self, value: &Value, hash: u64) {
        if let Some(id) = identity(value) {
            self.0.insert(id, hash);
        }
    }
}

/// Shared values replaced by new ones, found by identity wherever they
/// are nested in a page's variables (`serve`'s patch of an edited
/// article's list and feed entries into the pages that show them).
#[derive(Default)]
pub struct Substitutions {
    by_id: IdMap<Value>,
    memo: IdMap<Option<Value>>,
}

impl Substitutions {
    /// Replaces `old` by `new`.
    pub fn replace(&mut self, old: &Value, new: Value) {
        if let Some(id) = identity(old) {
            self.by_id.insert(id, new);
        }
    }

    /// `vars` with every replaced value swapped for its replacement;
    /// `None` when they hold none.
    pub fn apply(&mut self, vars: &Vars) -> Option<Vars> {
        let mut out: Option<Vars> = None;
        for (n, (_, value)) in vars.0.iter().enumerate() {
            if let Some(new) = self.value(value) {
                out.get_or_insert_with(|| vars.clone()).0[n].1 = new;
            }
        }
        out
    }

    fn value(&mut self, value: &Value) -> Option<Value> {
        let id = identity(value)?;
        if let Some(new) = self.by_id.get(&id) {
            return Some(new.clone());
        }
        if let Some(done) = self.memo.get(&id) {
            return done.clone();
        }
        let result = if let Some(map) = value.as_map() {
            let mut out: Option<tera::Map> = None;
            for (key, item) in map {
                if let Some(new) = self.value(item) {
                    out.get_or_insert_with(|| map.clone())
                        .insert(key.clone(), new);
                }
            }
            out.map(Value::from)
        } else if let Some(items) = value.as_array() {
            let mut out: Option<Vec<Value>> = None;
            for (n, item) in items.iter().enumerate() {
                if let Some(new) = self.value(item) {
                    out.get_or_insert_with(|| items.to_vec())[n] = new;
                }
            }
            out.map(Value::from)
        } else {
            None
        };
        self.memo.insert(id, result.clone());
        result
    }
}

/// Which pages hold which shared values (by identity, wherever nested):
/// found once by walking every page's variables, then kept up to date as
/// values are replaced, so a patch visits only the pages that hold them.
#[derive(Default)]
pub struct Holders {
    pages: IdMap<Vec<usize>>,
    /// How many of the pages (those with variables, in plan order) were
    /// walked: a walk given up goes on from there.
    walked: usize,
}

impl Holders {
    /// For each page `(n, vars)`, the values among `tracked` it holds.
    pub fn find<'v>(pages: &[(usize, &'v Vars)], tracked: impl Iterator<Item = &'v Value>) -> Self {
        let mut holders = Self::default();
        holders.walk(pages, tracked, &|| false);
        holders
    }

    /// Whether every one of `pages` was walked.
    pub fn found_in(&self, pages: usize) -> bool {
        self.walked >= pages
    }

    /// Goes on walking `pages` (every page with variables, in plan order,
    /// as when the walk began) for the values among `tracked`, in
    /// parallel slices, until all are walked (`true`) or `stop` says so
    /// (looked at between rounds of 4,000 pages: a few milliseconds).
    pub fn walk<'v>(
        &mut self,
        pages: &[(usize, &'v Vars)],
        tracked: impl Iterator<Item = &'v Value>,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> bool {
        use rayon::prelude::*;
        if self.found_in(pages.len()) {
            return true;
        }
        let tracked: IdMap<()> = tracked.filter_map(identity).map(|id| (id, ())).collect();
        for round in pages[self.walked..].chunks(4_000) {
            if stop() {
                return false;
            }
            // Each slice with its own memo: a value shared across slices
            // is walked once in each.
            let slices: Vec<Vec<(Id, usize)>> = round
                .par_chunks(1000)
                .map(|slice| {
                    let mut inside: IdMap<Vec<Id>> = IdMap::default();
                    let mut pairs = Vec::new();
                    for &(n, vars) in slice {
                        let mut found = Vec::new();
                        for (_, value) in &vars.0 {
                            found.extend(held(value, &tracked, &mut inside));
                        }
                        found.sort_unstable();
                        found.dedup();
                        pairs.extend(found.into_iter().map(|id| (id, n)));
                    }
                    pairs
                })
                .collect();
            // In page order, as the slices come.
            for (id, n) in slices.into_iter().flatten() {
                self.pages.entry(id).or_default().push(n);
            }
            self.walked += round.len();
        }
        true
    }

    /// The pages holding `value`.
    pub fn of(&self, value: &Value) -> &[usize] {
        identity(value)
            .and_then(|id| self.pages.get(&id))
            .map_or(&[], Vec::as_slice)
    }

    /// The pages that held `old` now hold `new` instead.
    pub fn replaced(&mut self, old: &Value, new: &Value) {
        if let (Some(old), Some(new)) = (identity(old), identity(new))
            && let Some(pages) = self.pages.remove(&old)
        {
            self.pages.insert(new, pages);
        }
    }
}

/// The tracked values inside `value` (itself included), memoised by
/// identity in `inside`.
fn held(
    value: &Value,
    tracked: &IdMap<()>,
    inside: &mut IdMap<Vec<(usize, usize)>>,
) -> Vec<(usize, usize)> {
    let Some(id) = identity(value) else {
        return Vec::new();
    };
    if tracked.contains_key(&id) {
        return vec![id];
    }
    if let Some(found) = inside.get(&id) {
        return found.clone();
    }
    let mut found = Vec::new();
    if let Some(map) = value.as_map() {
        for item in map.values() {
            found.extend(held(item, tracked, inside));
        }
    } else if let Some(items) = value.as_array() {
        for item in items {
            found.extend(held(item, tracked, inside));
        }
    }
    found.sort_unstable();
    found.dedup();
    inside.insert(id, found.clone());
    found
}

/// Hashes template variables by value, the same way in every run: maps are
/// hashed in key order. Values shared between pages (an article's list
/// entry appears on many lists) are hashed once per fingerprinter, or not
/// at all when seeded.
#[derive(Default)]
pub struct Fingerprinter<'s> {
    seeds: Option<&'s Seeds>,
    memo: IdMap<u64>,
}

impl<'s> Fingerprinter<'s> {
    /// A fingerprinter that knows `seeds` already.
    pub fn with_seeds(seeds: &'s Seeds) -> Self {
        Self {
            seeds: Some(seeds),
            memo: IdMap::default(),
        }
    }

    /// Every value in `vars` with its fingerprint, to seed later runs.
    pub fn seeds_of(&mut self, vars: &Vars) -> Vec<(Value, u64)> {
        vars.0
            .iter()
            .map(|(_, value)| (value.clone(), self.value(value)))
            .collect()
    }

    /// The fingerprint of rendering `template` with `vars`.
    pub fn page(&mut self, template: &str, vars: &Vars) -> u64 {
        let mut hasher = Xxh3::new();
        hasher.write(template.as_bytes());
        for (key, value) in &vars.0 {
            hasher.write(key.as_bytes());
            hasher.write_u64(self.value(value));
        }
        hasher.finish()
    }

    /// The fingerprint of one value.
    pub fn value_hash(&mut self, value: &Value) -> u64 {
        self.value(value)
    }

    fn value(&mut self, value: &Value) -> u64 {
        if let Some(id) = identity(value) {
            if let Some(&hash) = self.seeds.and_then(|s| s.0.get(&id)) {
                return hash;
            }
            if let Some(&hash) = self.memo.get(&id) {
                return hash;
            }
        }
        if let Some(map) = value.as_map() {
            let id = (map as *const _ as usize, map.len());
            // Each key with its value's hash, in the order of the keys'
            // hashes (maps have no order of their own), hashed at once.
            let mut pairs = Vec::with_capacity(map.len());
            for (key, item) in map {
                pairs.push((key_hash(key), self.value(item)));
            }
            pairs.sort_unstable();
            let hash = hash_words(MAP, pairs.iter().flat_map(|&(key, item)| [key, item]));
            self.memo.insert(id, hash);
            return hash;
        }
        if let Some(items) = value.as_array() {
            let id = (items.as_ptr() as usize, items.len());
            let hashes: Vec<u64> = items.iter().map(|item| self.value(item)).collect();
            let hash = array_print(&hashes);
            self.memo.insert(id, hash);
            return hash;
        }
        // The kind, and whether a string is marked safe, as the seed.
        let kind = xxh3_64(value.name().as_bytes());
        match value.as_str() {
            Some(text) => xxh3_64_with_seed(text.as_bytes(), kind ^ u64::from(value.is_safe())),
            None => xxh3_64_with_seed(value.to_string().as_bytes(), kind),
        }
    }
}

/// The fingerprint of an array whose items have the fingerprints `items`
/// (as [`Fingerprinter`] makes it).
pub fn array_print(items: &[u64]) -> u64 {
    hash_words(ARRAY, items.iter().copied())
}

/// Seeds of a map's and an array's hash.
const MAP: u64 = 0x006d_6170;
const ARRAY: u64 = 0x0061_7272_6179;

/// A map key's hash (string keys by their text).
fn key_hash(key: &tera::value::Key<'_>) -> u64 {
    match key.as_str() {
        Some(text) => xxh3_64(text.as_bytes()),
        None => xxh3_64_with_seed(key.to_string().as_bytes(), 1),
    }
}

/// The hash of `words` (their bytes, little-endian, in order), seeded.
fn hash_words(seed: u64, words: impl Iterator<Item = u64>) -> u64 {
    let mut bytes = Vec::with_capacity(words.size_hint().0 * 8);
    for word in words {
        bytes.extend_from_slice(&word.to_le_bytes());
    }
    xxh3_64_with_seed(&bytes, seed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Finding which pages hold which values gives up when told to, goes
    /// on from there, and finds them all.
    #[test]
    fn holders_are_found_and_a_stopped_walk_goes_on() {
        let entries: Vec<Value> = (0..3000)
            .map(|n| map(&[("title", &format!("Briefing {n}"))]))
            .collect();
        let pages: Vec<Vars> = entries
            .chunks(2)
            .map(|pair| {
                let mut vars = Vars::new();
                vars.insert_value("articles", Value::from(pair.to_vec()));
                vars
            })
            .collect();
        let pages: Vec<(usize, &Vars)> = pages.iter().enumerate().collect();
        let mut stopped = Holders::default();
        assert!(!stopped.walk(&pages, entries.iter(), &|| true));
        assert!(!stopped.found_in(pages.len()));
        assert!(stopped.walk(&pages, entries.iter(), &|| false));
        let found = Holders::find(&pages, entries.iter());
        for holders in [stopped, found] {
            assert!(holders.found_in(pages.len()));
            assert_eq!(holders.of(&entries[0]), &[0]);
            assert_eq!(holders.of(&entries[2999]), &[1499]);
        }
    }

    fn map(pairs: &[(&'static str, &str)]) -> Value {
        Value::from(
            pairs
                .iter()
                .map(|(k, v)| (*k, Value::from(*v)))
                .collect::<BTreeMap<_, _>>(),
        )
    }

    #[test]
    fn equal_values_give_equal_fingerprints_whatever_their_history() {
        let mut a = Vars::new();
        a.insert_value("x", map(&[("title", "Geneva"), ("url", "/a/")]));
        let mut b = Vars::new();
        b.insert_value("x", map(&[("url", "/a/"), ("title", "Geneva")]));
        assert_eq!(
            Fingerprinter::default().page("t", &a),
            Fingerprinter::default().page("t", &b)
        );
        let mut c = Vars::new();
        c.insert_value("x", map(&[("url", "/a/"), ("title", "Kyiv")]));
        assert_ne!(
            Fingerprinter::default().page("t", &a),
            Fingerprinter::default().page("t", &c)
        );
        assert_ne!(
            Fingerprinter::default().page("t", &a),
            Fingerprinter::default().page("u", &a)
        );
    }
}
