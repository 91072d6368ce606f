//! The inverted index: which documents hold each word, and in which field,
//! split into shards by the first characters of the word so a query
//! fetches only the shards of its own words.
//!
//! A posting is `document << 1 | strong`: `strong` (1) when the word is in
//! the title, summary or the names of the article's actors, places and
//! tags, else (0) only in the body. Documents are numbered in site order
//! (newest first), so postings are sorted and "newer first" is "smaller
//! first". A shard holds the words whose longest shard key is a prefix of
//! them; a two-character shard larger than [`SHARD_BYTES`] is split into
//! three-character ones, and so on, so no shard grows with the site except
//! through one very common word.

use std::collections::BTreeMap;

use ahash::AHashMap as HashMap;

use rayon::prelude::*;

/// A shard above this many bytes is split by one more character.
pub const SHARD_BYTES: usize = 24 * 1024;

/// The first key length: words are first grouped by two characters.
const FIRST_KEY: usize = 2;

/// One document's words, as the index needs them.
pub struct DocWords<'a> {
    /// Distinct words of the title, summary and term names.
    pub strong: Vec<String>,
    /// Distinct words of the body, joined by single spaces.
    pub body: &'a str,
}

/// Every word with its postings, and the actors each word names.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Index {
    /// word -> postings (`document << 1 | strong`, ascending).
    pub postings: BTreeMap<String, Vec<u32>>,
    /// word -> actors (ids) whose name or alias has the word.
    pub actors: BTreeMap<String, Vec<u32>>,
}

impl Index {
    /// Indexes `docs` (in document order) and the words of each actor's
    /// names (`names[id]`: name and aliases).
    pub fn build(docs: &[DocWords<'_>], names: &[Vec<String>]) -> Index {
        // Contiguous slices in parallel (one per thread: each slice's lists
        // carry spare capacity), merged in order into lists of exact size:
        // postings stay ascending, and the result is the same on any
        // number of threads.
        let slice = docs
            .len()
            .div_ceil(rayon::current_num_threads().max(1))
            .max(256);
        let parts: Vec<HashMap<&str, Vec<u32>>> = docs
            .par_chunks(slice)
            .enumerate()
            .map(|(part, chunk)| postings_of(chunk, (part * slice) as u32))
            .collect();
        let mut sizes: HashMap<&str, usize> = HashMap::with_capacity(4096);
        for part in &parts {
            for (word, list) in part {
                *sizes.entry(word).or_default() += list.len();
            }
        }
        let mut merged: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for part in parts {
            for (word, list) in part {
                merged
                    .entry(word.to_string())
                    .or_insert_with(|| Vec::with_capacity(sizes[word]))
                    .extend(list);
            }
        }
        let postings = merged;
        let mut actors: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (id, spellings) in names.iter().enumerate() {
            let mut words: Vec<String> = spellings
                .iter()
                .flat_map(|s| super::fold::words(s))
                .collect();
            words.sort_unstable();
            words.dedup();
            for word in words {
                actors.entry(word).or_default().push(id as u32);
            }
        }
        Index { postings, actors }
    }

    /// Every word the index knows: those in documents and those in actor
    /// names, sorted.
    pub fn words(&self) -> Vec<&str> {
        let mut words: Vec<&str> = self
            .postings
            .keys()
            .chain(self.actors.keys())
            .map(String::as_str)
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    }
}

/// The postings of a run of documents numbered from `first`.
fn postings_of<'a>(docs: &'a [DocWords<'a>], first: u32) -> HashMap<&'a str, Vec<u32>> {
    let mut map: HashMap<&'a str, Vec<u32>> = HashMap::with_capacity(4096);
    for (offset, doc) in docs.iter().enumerate() {
        let id = (first + offset as u32) << 1;
        for word in &doc.strong {
            map.entry(word.as_str()).or_default().push(id | 1);
        }
        // A body word already posted for this document (strong, or a
        // repeat) is not posted again.
        for word in doc.body.split(' ').filter(|w| !w.is_empty()) {
            let list = map.entry(word).or_default();
            if list.last().is_none_or(|last| last >> 1 != id >> 1) {
                list.push(id);
            }
        }
    }
    map
}

/// The first `n` characters of `word` (all of it if shorter).
pub fn prefix(word: &str, n: usize) -> &str {
    match word.char_indices().nth(n) {
        Some((cut, _)) => &word[..cut],
        None => word,
    }
}

/// Splits `lines` (word, encoded line; sorted by word) into shards:
/// shard key -> its lines. Each key is a prefix of its words, and a word's
/// shard is the longest key that is a prefix of it.
pub fn shard<'a>(lines: &[(&'a str, String)]) -> BTreeMap<String, Vec<&'a str>> {
    let mut shards = BTreeMap::new();
    split(lines, FIRST_KEY, &mut shards);
    shards
}

fn split<'a>(lines: &[(&'a str, String)], depth: usize, out: &mut BTreeMap<String, Vec<&'a str>>) {
    let mut start = 0;
    while start < lines.len() {
        let key = prefix(lines[start].0, depth);
        let end = start
            + lines[start..]
                .iter()
                .take_while(|(w, _)| prefix(w, depth) == key)
                .count();
        let group = &lines[start..end];
        let size: usize = group.iter().map(|(_, l)| l.len() + 1).sum();
        // Words no longer than the key stay; longer ones may go deeper.
        let (here, deeper): (Vec<_>, Vec<_>) = group
            .iter()
            .cloned()
            .partition(|(w, _)| w.chars().count() <= depth);
        if size <= SHARD_BYTES || deeper.is_empty() {
            out.insert(key.to_string(), group.iter().map(|(w, _)| *w).collect());
        } else {
            if !here.is_empty() {
                out.insert(key.to_string(), here.iter().map(|(w, _)| *w).collect());
            }
            split(&deeper, depth + 1, out);
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(strong: &[&str], body: &'static str) -> DocWords<'static> {
        DocWords {
            strong: strong.iter().map(|s| s.to_string()).collect(),
            body,
        }
    }

    #[test]
    fn postings_mark_strong_fields_and_keep_document_order() {
        let docs = [
            doc(&["geneva", "talks"], "geneva lavrov"),
            doc(&[], "geneva geneva"),
            doc(&["lavrov"], "talks"),
        ];
        let names = vec![vec!["Sergey Lavrov".to_string(), "Sergéy".to_string()]];
        let index = Index::build(&docs, &names);
        assert_eq!(index.postings["geneva"], [1, 2]);
        assert_eq!(index.postings["lavrov"], [0, 5]);
        assert_eq!(index.postings["talks"], [1, 4]);
        assert_eq!(index.actors["sergey"], [0]);
        assert_eq!(index.words(), ["geneva", "lavrov", "sergey", "talks"]);
    }

    #[test]
    fn the_index_is_the_same_on_any_number_of_threads() {
        let docs: Vec<DocWords> = (0..2000)
            .map(|i| doc(&[["a", "b", "c"][i % 3]], ["x y", "y z", "x"][i % 3]))
            .collect();
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let four = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let a = one.install(|| Index::build(&docs, &[]));
        let b = four.install(|| Index::build(&docs, &[]));
        assert_eq!(a, b);
        assert!(a.postings["x"].windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn big_shards_split_by_one_more_character() {
        let line = "x".repeat(SHARD_BYTES / 4);
        let lines: Vec<(&str, String)> = ["ne", "negotiate", "negotiations", "news", "nexus", "no"]
            .into_iter()
            .map(|w| (w, line.clone()))
            .collect();
        let shards = shard(&lines);
        let keys: Vec<&str> = shards.keys().map(String::as_str).collect();
        assert_eq!(keys, ["ne", "neg", "new", "nex", "no"]);
        assert_eq!(shards["ne"], ["ne"]);
        assert_eq!(shards["neg"], ["negotiate", "negotiations"]);
        // Small shards stay at two characters.
        let small: Vec<(&str, String)> = vec![("ab", "1".into()), ("abc", "2".into())];
        assert_eq!(shard(&small)["ab"], ["ab", "abc"]);
    }

    #[test]
    fn prefixes_count_characters_not_bytes() {
        assert_eq!(prefix("лавров", 2), "ла");
        assert_eq!(prefix("a", 2), "a");
    }
}
