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

    /// Whether `source` may name one of the changed names (an entity or
    /// a backslash escape could spell one out, so either counts too).
    /// `capitals`: the source's. A packed body is unpacked only when some
    /// name changed whose first word it may have.
    pub(super) fn touches(
        &self,
        source: &crate::load::markdown::Markdown,
        capitals: &Capitals,
    ) -> bool {
        if self.words.is_empty() {
            return false;
        }
        if capitals.spelled {
            return true;
        }
        if self.words.iter().all(|word| capitals.lacks(word)) {
            return false;
        }
        let source = source.text();
        source.contains('&')
            || source.contains('\\')
            || self.words.iter().any(|word| source.contains(word.as_str()))
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

/// What [`Change::touches`] knows of a source without unpacking it: the
/// words in it that start with a capital letter (as names mostly do), in
/// a Bloom filter, and whether it has an entity or a backslash escape
/// (which can spell out any name). A name is found only as whole words
/// of a run of text, each run a piece of the source but for entities and
/// escapes, so a body naming it has its first word as a word.
#[derive(Clone, Copy)]
pub(super) struct Capitals {
    bits: [u64; 8],
    spelled: bool,
}

impl Capitals {
    /// Those of `source`.
    pub(super) fn of(source: &str) -> Self {
        let mut capitals = Self {
            bits: [0; 8],
            spelled: source.contains(['&', '\\']),
        };
        for word in source.split(|c: char| !c.is_alphanumeric()) {
            if word.starts_with(char::is_uppercase) {
                for bit in Self::bits(word) {
                    capitals.bits[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
        capitals
    }

    /// Whether the source surely lacks `word` as a word (a word that does
    /// not start with a capital letter is never known to be lacking).
    fn lacks(&self, word: &str) -> bool {
        word.starts_with(char::is_uppercase)
            && Self::bits(word)
                .iter()
                .any(|&bit| self.bits[bit / 64] & (1 << (bit % 64)) == 0)
    }

    /// The filter's bits for `word`.
    fn bits(word: &str) -> [usize; 2] {
        let hash = xxhash_rust::xxh3::xxh3_64(word.as_bytes());
        [(hash & 511) as usize, ((hash >> 16) & 511) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::Capitals;

    #[test]
    fn capitals_know_the_capitalised_words_a_source_lacks() {
        let capitals = Capitals::of("Wang Yi called Annalena Baerbock, then the minister.");
        for word in ["Wang", "Yi", "Annalena", "Baerbock"] {
            assert!(!capitals.lacks(word), "{word}");
        }
        assert!(capitals.lacks("Kuleba"));
        // Not starting with a capital: never known to be lacking.
        assert!(!capitals.lacks("minister"));
        assert!(!capitals.lacks("ghost"));
        assert!(!capitals.spelled);
        assert!(Capitals::of("K&#117;leba").spelled);
        assert!(Capitals::of("K\\uleba").spelled);
    }
}
