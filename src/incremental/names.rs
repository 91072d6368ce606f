//! Which kept bodies a change of actor names reaches. A body's HTML
//! depends on the names searched for and their actors' pages, not on the
//! actors' order: when an edit adds, removes or reorders actors, a body
//! that contains none of the names that came, went or point elsewhere
//! renders the same, and only the indexes of the actors it mentions move.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::render::markdown::Body;
use crate::render::mentions::Mentions;

/// How the last run's actor names stand against this run's.
#[derive(Default)]
pub(super) struct Change {
    /// The first word of each name that came, went or points to another
    /// page: a body containing one is rendered again.
    words: Vec<String>,
    /// Each former actor index's new one (`None`: gone); empty when no
    /// index moved.
    remap: Vec<Option<usize>>,
}

impl Change {
    /// The change from `old` to `new`; `None` when every body must be
    /// rendered again (names came where there were none, or went, or a
    /// name has no word to look for).
    pub(super) fn between(old: Option<&Mentions>, new: Option<&Mentions>) -> Option<Self> {
        let (old, new) = match (old, new) {
            (None, None) => return Some(Self::default()),
            (Some(old), Some(new)) => (old, new),
            _ => return None,
        };
        if old.key() == new.key() {
            return Some(Self::default());
        }
        let before: HashSet<(&str, &str)> = old.names().collect();
        let after: HashSet<(&str, &str)> = new.names().collect();
        let mut words = Vec::new();
        for (name, _) in before.symmetric_difference(&after) {
            let word: String = name.chars().take_while(|c| c.is_alphanumeric()).collect();
            if word.is_empty() {
                return None;
            }
            words.push(word);
        }
        words.sort_unstable();
        words.dedup();
        let now: HashMap<&str, usize> = new
            .paths()
            .iter()
            .enumerate()
            .map(|(id, path)| (path.as_str(), id))
            .collect();
        let remap = old
            .paths()
            .iter()
            .map(|path| now.get(path.as_str()).copied())
            .collect();
        Some(Self { words, remap })
    }

    /// Whether any name changed (else no source [`Self::touches`] one).
    pub(super) fn any(&self) -> bool {
        !self.words.is_empty()
    }

    /// Whether `source` may name one of the changed names (an entity or
    /// a backslash escape could spell one out, so either counts too).
    pub(super) fn touches(&self, source: &str) -> bool {
        !self.words.is_empty()
            && (source.contains('&')
                || source.contains('\\')
                || self.words.iter().any(|word| source.contains(word.as_str())))
    }

    /// `body` with the new indexes of the actors it mentions: the same
    /// body when none moved; `None` when one is gone (render it again).
    pub(super) fn remap(&self, body: &Arc<Body>) -> Option<Arc<Body>> {
        if self.remap.is_empty() {
            return Some(body.clone());
        }
        let mut mentions = body.mentions.clone();
        for mention in &mut mentions {
            mention.actor = (*self.remap.get(mention.actor)?)?;
        }
        if mentions == body.mentions {
            return Some(body.clone());
        }
        let mut moved = Body::clone(body);
        moved.mentions = mentions;
        Some(Arc::new(moved))
    }
}
