//! Stray spellings of actors kept between deltas: each name's key (made
//! once), the strays found, and each one's warning. The strays are looked
//! for again only when an actor came, went or moved among the others (a
//! new number of articles or name); a warning is made again only when its
//! stray or the actor it probably is was on an edited article.

use std::collections::{HashMap, HashSet};

use super::super::Entry;
use super::super::spelling::{Reason, key, strays, warning};
use super::super::terms::Term;
use super::terms::Moved;
use crate::error::Diagnostic;

/// The stray spellings of a site, kept for the next delta.
#[derive(Debug, Clone, Default)]
pub(crate) struct Spelling {
    /// Each name's [`key`].
    keys: HashMap<String, String>,
    /// `(stray, kept, why)` by the actors' positions.
    strays: Vec<(usize, usize, Reason)>,
    /// How many actors there were.
    actors: usize,
    /// Each stray's warning, by the two actors' slugs and why.
    warnings: HashMap<(String, String, Reason), Diagnostic>,
}

/// `name`'s key, made once.
fn cached(keys: &mut HashMap<String, String>, name: &str) -> String {
    if let Some(key) = keys.get(name) {
        return key.clone();
    }
    let made = key(name);
    keys.insert(name.to_string(), made.clone());
    made
}

impl Spelling {
    /// The stray spellings of `actors` as a build found them.
    pub(super) fn new(entries: &[Entry], actors: &[Term]) -> Self {
        let mut kept = Spelling::default();
        kept.find(actors);
        kept.warn(entries, actors, &HashSet::new());
        kept
    }

    /// Looks for the strays among `actors`.
    fn find(&mut self, actors: &[Term]) {
        let keys = &mut self.keys;
        self.strays = strays(actors, |name| cached(keys, name));
        self.actors = actors.len();
    }

    /// Each stray's warning: the former one unless an actor of it is
    /// `edited`.
    fn warn(&mut self, entries: &[Entry], actors: &[Term], edited: &HashSet<usize>) {
        let mut former = std::mem::take(&mut self.warnings);
        for &(stray, kept, why) in &self.strays {
            let slugs = (actors[stray].slug.clone(), actors[kept].slug.clone(), why);
            let same = !edited.contains(&stray) && !edited.contains(&kept);
            let made = match former.remove(&slugs) {
                Some(warning) if same => Some(warning),
                _ => warning(entries, actors, stray, kept, why),
            };
            if let Some(warning) = made {
                self.warnings.insert(slugs, warning);
            }
        }
    }

    /// The strays after an edit (`moved`: how the actors moved).
    pub(super) fn update(&mut self, entries: &[Entry], actors: &[Term], moved: &Moved) {
        if !moved.touched.is_empty() || actors.len() != self.actors {
            self.find(actors);
        }
        let edited: HashSet<usize> = moved.edited.iter().copied().collect();
        self.warn(entries, actors, &edited);
    }

    /// The warnings.
    pub(super) fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.warnings.values()
    }
}
