//! The seeds of every article's kept values ([`Planner::seeds`]) kept from
//! one delta to the next: a delta changes the values of a few articles,
//! so only theirs are taken out of the map and put in, not every
//! article's made into a new map on every edit.
//!
//! [`Planner::seeds`]: super::Planner::seeds

use std::sync::Arc;

use super::articles::Kept;
use crate::render::vars::Seeds;

/// The seeds of the values of `of`, held: a seed names a value by where
/// it lives, which no other value takes while it is held.
#[derive(Default)]
pub(super) struct KeptSeeds {
    of: Vec<Arc<Kept>>,
    seeds: Seeds,
}

impl KeptSeeds {
    /// The seeds of `next` (the values by article index after a delta),
    /// `before` the values before it and `old_of` each article's index
    /// in it: the seeds of the values that left taken out, of those that
    /// came put in. Made anew when these were not `before`'s (a patch
    /// swapped values since, or none were made yet).
    pub(super) fn update(
        &mut self,
        before: &[Arc<Kept>],
        next: &[Arc<Kept>],
        old_of: &[Option<usize>],
    ) {
        let same = self.of.len() == before.len()
            && self.of.iter().zip(before).all(|(a, b)| Arc::ptr_eq(a, b));
        if !same {
            *self = Self {
                of: next.to_vec(),
                seeds: seeds_of(next),
            };
            return;
        }
        let mut stays = vec![false; before.len()];
        let mut came = Vec::new();
        for (kept, old) in next.iter().zip(old_of) {
            match old.filter(|&old| Arc::ptr_eq(&before[old], kept)) {
                Some(old) => stays[old] = true,
                None => came.push(kept),
            }
        }
        // Out first: a value that came may be one that left (kept equal).
        for (kept, _) in before.iter().zip(&stays).filter(|(_, stays)| !**stays) {
            for (value, _) in &kept.seeds {
                self.seeds.remove(value);
            }
        }
        for kept in came {
            add(&mut self.seeds, kept);
        }
        self.of = next.to_vec();
    }

    /// The seeds, to fingerprint with.
    pub(super) fn seeds(&mut self) -> &mut Seeds {
        &mut self.seeds
    }
}

/// The seeds of the values of `kept`.
pub(super) fn seeds_of(kept: &[Arc<Kept>]) -> Seeds {
    // An entry, a feed entry and a milestone entry each, at most.
    let mut seeds = Seeds::with_capacity(kept.len() * 3);
    for kept in kept {
        add(&mut seeds, kept);
    }
    seeds
}

/// Records the seeds of `kept`'s values.
fn add(seeds: &mut Seeds, kept: &Kept) {
    for (value, hash) in &kept.seeds {
        seeds.add(value, *hash);
    }
}
