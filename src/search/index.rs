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
//!
//! [`Postings`] gathers a contiguous run of documents, one at a time, while
//! their Markdown is rendered (`render::take_bodies`): each list is kept as
//! the text written to the shard (base-36 gaps), so no body's words are
//! kept until planning and no list of numbers is made. The runs are joined
//! in order by [`Postings::merge`]; only the first gap of each run changes,
//! so the result is the same however the documents were cut into runs.

use std::collections::BTreeMap;

use ahash::AHashMap as HashMap;

use super::fold;

/// A shard above this many bytes is split by one more character.
pub const SHARD_BYTES: usize = 24 * 1024;

/// The first key length: words are first grouped by two characters.
const FIRST_KEY: usize = 2;

/// One word's postings, as shard text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// The first posting.
    first: u32,
    /// The last posting (a document is posted once: the next posting of
    /// a word is for a later document).
    last: u32,
    /// `,gap` for every posting after the first, in base 36.
    rest: String,
    /// Documents posted.
    count: u32,
}

impl List {
    fn new(posting: u32) -> Self {
        List {
            first: posting,
            last: posting,
            rest: String::new(),
            count: 1,
        }
    }

    fn push(&mut self, posting: u32) {
        self.rest.push(',');
        push_base36(&mut self.rest, posting - self.last);
        self.last = posting;
        self.count += 1;
    }

    /// Documents in the list.
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Never true: a list starts with a posting.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The postings as written: comma-separated base-36 gaps, the first
    /// from 0.
    pub fn write(&self, out: &mut String) {
        push_base36(out, self.first);
        out.push_str(&self.rest);
    }

    /// Bytes [`List::write`] writes.
    pub fn written_len(&self) -> usize {
        base36_len(self.first) + self.rest.len()
    }

    /// Each posting, in order.
    pub fn postings(&self) -> impl Iterator<Item = u32> + '_ {
        let mut value = self.first;
        std::iter::once(self.first).chain(self.rest.split(',').skip(1).map(move |gap| {
            value += u32::from_str_radix(gap, 36).unwrap_or(0);
            value
        }))
    }
}

/// Every word's postings, sorted by word: what [`Postings::merge`] makes.
pub type Words = Vec<(Box<str>, List)>;

/// The postings of a run of documents, by word.
#[derive(Debug, Default)]
pub struct Postings {
    /// word -> its place in `words` and `lists`.
    index: HashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
    lists: Vec<List>,
    /// The document being posted, and the hash of each word posted for it
    /// with its place: a word repeated in a body is recognised in this
    /// small table (checked against the word itself), not the big one.
    doc: u32,
    seen: HashMap<u64, u32>,
    /// The folds of the site's language's script, applied to each word
    /// ([`super::script`]); none by default.
    folds: super::language::Folds,
}

impl Postings {
    /// Postings whose words also go through the folds of `language`'s
    /// script.
    pub fn for_language(language: &str) -> Self {
        Self {
            folds: super::language::folds(language),
            ..Self::default()
        }
    }

    /// Posts every word of `text` (the title, summary and term names of
    /// document `doc`) as strong. Call before [`Postings::body`] for the
    /// same document; documents in ascending order.
    pub fn strong(&mut self, doc: u32, text: &str) {
        fold::for_each_word(text, |word| self.post(word, doc << 1 | 1));
    }

    /// Posts every word of `text` (document `doc`'s body, plain text) not
    /// already posted for it.
    pub fn body(&mut self, doc: u32, text: &str) {
        fold::for_each_word(text, |word| self.post(word, doc << 1));
    }

    /// Posts a word already folded (from [`fold::distinct_words`]).
    pub fn body_word(&mut self, doc: u32, word: &str) {
        self.post(word, doc << 1);
    }

    fn post(&mut self, word: &str, posting: u32) {
        let folded = super::language::apply(word, self.folds);
        let word: &str = &folded;
        let doc = posting >> 1;
        if doc != self.doc {
            self.doc = doc;
            self.seen.clear();
        }
        let hash = xxhash_rust::xxh3::xxh3_64(word.as_bytes());
        // Once per document: a repeat, or a body word already strong.
        if let Some(&at) = self.seen.get(&hash)
            && &*self.words[at as usize] == word
        {
            return;
        }
        let at = match self.index.get(word) {
            Some(&at) => {
                let list = &mut self.lists[at as usize];
                if list.last >> 1 != doc {
                    list.push(posting);
                }
                at
            }
            None => {
                let at = self.words.len() as u32;
                self.index.insert(word.into(), at);
                self.words.push(word.into());
                self.lists.push(List::new(posting));
                at
            }
        };
        self.seen.insert(hash, at);
    }

    /// Joins runs of documents, given in document order, into one list per
    /// word, sorted by word.
    pub fn merge(parts: impl IntoIterator<Item = Postings>) -> Words {
        let mut merged: HashMap<Box<str>, List> = HashMap::default();
        for part in parts {
            for (word, list) in part.words.into_iter().zip(part.lists) {
                match merged.get_mut(&word) {
                    Some(into) => {
                        into.rest.push(',');
                        push_base36(&mut into.rest, list.first - into.last);
                        into.rest.push_str(&list.rest);
                        into.last = list.last;
                        into.count += list.count;
                    }
                    None => {
                        merged.insert(word, list);
                    }
                }
            }
        }
        let mut sorted: Words = merged.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        sorted
    }
}

/// word -> actors (ids) whose name or alias (`names[id]`) has the word.
pub fn actor_words(
    names: &[Vec<String>],
    folds: super::language::Folds,
) -> BTreeMap<String, Vec<u32>> {
    let mut actors: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, spellings) in names.iter().enumerate() {
        let mut words: Vec<String> = spellings
            .iter()
            .flat_map(|s| fold::words(s))
            .map(|w| super::language::apply(&w, folds).into_owned())
            .collect();
        words.sort_unstable();
        words.dedup();
        for word in words {
            actors.entry(word).or_default().push(id as u32);
        }
    }
    actors
}

/// Appends `n` in base 36 (digits and lower-case letters).
pub fn push_base36(out: &mut String, mut n: u32) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 8];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    // The digits are ASCII.
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// Digits of `n` in base 36.
pub fn base36_len(mut n: u32) -> usize {
    let mut len = 1;
    while n >= 36 {
        n /= 36;
        len += 1;
    }
    len
}

/// The first `n` characters of `word` (all of it if shorter).
pub fn prefix(word: &str, n: usize) -> &str {
    match word.char_indices().nth(n) {
        Some((cut, _)) => &word[..cut],
        None => word,
    }
}

/// Splits words (with the size of each one's line; sorted by word) into
/// shards: shard key -> the indexes of its words in `lines`. Each key is a
/// prefix of its words, and a word's shard is the longest key that is a
/// prefix of it.
pub fn shard(lines: &[(&str, usize)]) -> BTreeMap<String, std::ops::Range<usize>> {
    let mut shards = BTreeMap::new();
    split(lines, 0, FIRST_KEY, &mut shards);
    shards
}

/// Shards `lines`, which start at index `offset` of the whole list. Words
/// no longer than the key come first among those sharing it (they sort
/// before their extensions), so every shard is one range.
fn split(
    lines: &[(&str, usize)],
    offset: usize,
    depth: usize,
    out: &mut BTreeMap<String, std::ops::Range<usize>>,
) {
    let mut start = 0;
    while start < lines.len() {
        let key = prefix(lines[start].0, depth);
        let end = start
            + lines[start..]
                .iter()
                .take_while(|(w, _)| prefix(w, depth) == key)
                .count();
        let group = &lines[start..end];
        let size: usize = group.iter().map(|(_, len)| len + 1).sum();
        // Words no longer than the key stay; longer ones may go deeper.
        let here = group
            .iter()
            .take_while(|(w, _)| w.chars().count() <= depth)
            .count();
        let range = offset + start..offset + end;
        if size <= SHARD_BYTES || here == group.len() {
            out.insert(key.to_string(), range);
        } else {
            if here > 0 {
                out.insert(key.to_string(), range.start..range.start + here);
            }
            split(&group[here..], range.start + here, depth + 1, out);
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(first: u32, docs: &[(&str, &str)]) -> Postings {
        let mut postings = Postings::default();
        for (i, (strong, body)) in docs.iter().enumerate() {
            postings.strong(first + i as u32, strong);
            postings.body(first + i as u32, body);
        }
        postings
    }

    fn lists(merged: &[(Box<str>, List)]) -> Vec<(String, Vec<u32>)> {
        merged
            .iter()
            .map(|(w, l)| (w.to_string(), l.postings().collect()))
            .collect()
    }

    #[test]
    fn postings_mark_strong_fields_and_keep_document_order() {
        let docs = [
            ("Geneva talks", "Geneva, Lavrov"),
            ("", "geneva GENEVA"),
            ("Lavrov", "talks"),
        ];
        let merged = Postings::merge([run(0, &docs)]);
        assert_eq!(
            lists(&merged),
            [
                ("geneva".to_string(), vec![1, 2]),
                ("lavrov".to_string(), vec![0, 5]),
                ("talks".to_string(), vec![1, 4]),
            ]
        );
        let names = vec![vec!["Sergey Lavrov".to_string(), "Sergéy".to_string()]];
        assert_eq!(actor_words(&names, &[])["sergey"], [0]);
    }

    #[test]
    fn lists_are_written_as_base36_gaps_from_zero() {
        let mut postings = Postings::default();
        for doc in [0, 1, 40] {
            postings.body(doc, "geneva");
        }
        let merged = Postings::merge([postings]);
        let mut text = String::new();
        merged[0].1.write(&mut text);
        assert_eq!(text, "0,2,26");
        assert_eq!(merged[0].1.written_len(), text.len());
        assert_eq!(merged[0].1.len(), 3);
    }

    #[test]
    fn runs_merge_to_the_same_lists_however_documents_are_cut() {
        let docs: Vec<(&str, &str)> = (0..500)
            .map(|i| (["a b", "c", ""][i % 3], ["x y", "y z", "x a"][i % 7 % 3]))
            .collect();
        let whole = Postings::merge([run(0, &docs)]);
        for cut in [1, 7, 64, 499] {
            let parts = docs
                .chunks(cut)
                .enumerate()
                .map(|(n, chunk)| run((n * cut) as u32, chunk));
            assert_eq!(Postings::merge(parts), whole, "runs of {cut}");
        }
        let x: Vec<u32> = whole
            .iter()
            .find(|(w, _)| &**w == "x")
            .unwrap()
            .1
            .postings()
            .collect();
        assert!(x.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn big_shards_split_by_one_more_character() {
        let big = SHARD_BYTES / 4;
        let lines: Vec<(&str, usize)> = ["ne", "negotiate", "negotiations", "news", "nexus", "no"]
            .into_iter()
            .map(|w| (w, big))
            .collect();
        let shards = shard(&lines);
        let keys: Vec<&str> = shards.keys().map(String::as_str).collect();
        assert_eq!(keys, ["ne", "neg", "new", "nex", "no"]);
        assert_eq!(shards["ne"], 0..1);
        assert_eq!(shards["neg"], 1..3);
        assert_eq!(shards["no"], 5..6);
        // Small shards stay at two characters.
        let small: Vec<(&str, usize)> = vec![("ab", 1), ("abc", 1)];
        assert_eq!(shard(&small)["ab"], 0..2);
    }

    #[test]
    fn prefixes_count_characters_not_bytes() {
        assert_eq!(prefix("лавров", 2), "ла");
        assert_eq!(prefix("a", 2), "a");
    }
}
