//! The word shards, `words/<key>.txt`: one line per word,
//! `word postings actors [counts]`, written straight from the postings'
//! text (no line is made twice, no list of numbers kept).
//!
//! `counts`, on the lines of words in more than [`PAGE`] documents: the
//! [`SHOWN`] values of each filter (actors, places, tags) that are most
//! frequent among the word's documents, with their counts, as
//! `id:count,...;...;...` in base 36 (most frequent first, then by id):
//! what the filters of a one-word query show, exact, without reading a
//! facet row. A word in at most [`PAGE`] documents needs none: its results
//! are all on the first page, whose rows carry their actors, places and
//! tags.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::Document;
use super::index::{self, List, base36_len, push_base36};
use crate::model::{PerTaxonomy, Taxonomy};

/// Results on a page of the search page.
pub const PAGE: usize = 10;
/// Values a filter shows.
pub const SHOWN: usize = 8;

/// One line of a shard, before it is written.
struct Line<'a> {
    word: &'a str,
    postings: Option<&'a List>,
    actors: Option<&'a [u32]>,
    counts: Option<String>,
}

impl Line<'_> {
    fn len(&self) -> usize {
        let actors: usize = self
            .actors
            .unwrap_or_default()
            .iter()
            .map(|&a| base36_len(a) + 1)
            .sum();
        self.word.len()
            + 2
            + self.postings.map_or(0, List::written_len)
            + actors.saturating_sub(1)
            + self.counts.as_ref().map_or(0, |c| c.len() + 1)
    }

    fn write(&self, out: &mut String) {
        out.push_str(self.word);
        out.push(' ');
        if let Some(list) = self.postings {
            list.write(out);
        }
        out.push(' ');
        for (i, &actor) in self.actors.unwrap_or_default().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_base36(out, actor);
        }
        if let Some(counts) = &self.counts {
            out.push(' ');
            out.push_str(counts);
        }
        out.push('\n');
    }
}

/// (shard key, bytes) of every word shard, in key order. `words`: each
/// word's postings, sorted by word; `actors`: word -> actors it names;
/// `docs` and `sizes` (terms per taxonomy) for the filter counts.
pub fn files(
    words: &[(Box<str>, List)],
    actors: &BTreeMap<String, Vec<u32>>,
    docs: &[Document<'_>],
    sizes: PerTaxonomy<usize>,
    stop: super::Stop<'_>,
) -> Option<Vec<(String, Vec<u8>)>> {
    let lines = lines(words, actors, docs, &sizes, stop)?;
    let sized: Vec<(&str, usize)> = lines.iter().map(|l| (l.word, l.len())).collect();
    let shards: Vec<(String, std::ops::Range<usize>)> = index::shard(&sized).into_iter().collect();
    shards
        .into_par_iter()
        .map(|(key, range)| {
            let bytes: usize = sized[range.clone()].iter().map(|(_, n)| n + 1).sum();
            let mut text = String::with_capacity(bytes);
            for line in &lines[range] {
                line.write(&mut text);
            }
            (key, text.into_bytes())
        })
        .collect::<Vec<_>>()
        .into()
}

/// Every word of documents or actor names, sorted, with what its line
/// holds.
fn lines<'a>(
    words: &'a [(Box<str>, List)],
    actors: &'a BTreeMap<String, Vec<u32>>,
    docs: &[Document<'_>],
    sizes: &PerTaxonomy<usize>,
    stop: super::Stop<'_>,
) -> Option<Vec<Line<'a>>> {
    let mut lines: Vec<Line<'a>> = Vec::with_capacity(words.len() + actors.len());
    let mut names = actors.iter().peekable();
    for (word, list) in words {
        while let Some((name, ids)) = names.next_if(|(name, _)| name.as_str() < &**word) {
            lines.push(Line {
                word: name,
                postings: None,
                actors: Some(ids),
                counts: None,
            });
        }
        let ids = names
            .next_if(|(name, _)| name.as_str() == &**word)
            .map(|(_, ids)| ids.as_slice());
        lines.push(Line {
            word,
            postings: Some(list),
            actors: ids,
            counts: None,
        });
    }
    lines.extend(names.map(|(name, ids)| Line {
        word: name,
        postings: None,
        actors: Some(ids),
        counts: None,
    }));
    let terms = TermsOfDocs::new(docs, sizes);
    lines
        .par_iter_mut()
        .filter(|line| line.postings.is_some_and(|l| l.len() > PAGE))
        .for_each_init(
            || Counter::new(terms.total()),
            |counter, line| {
                if let Some(list) = line.postings
                    && !stop()
                {
                    line.counts = Some(counter.top(list, &terms));
                }
            },
        );
    (!stop()).then_some(lines)
}

/// Every document's actors, places and tags in one flat array (terms of
/// all taxonomies numbered in a row: actors, then places, then tags), so
/// counting over a word's documents reads memory in order.
struct TermsOfDocs {
    /// Where each document's terms start in `ids` (one more at the end).
    starts: Vec<u32>,
    ids: Vec<u32>,
    /// The first number of each taxonomy, and the total after the last.
    bounds: [usize; 4],
}

impl TermsOfDocs {
    fn new(docs: &[Document<'_>], sizes: &PerTaxonomy<usize>) -> Self {
        let mut bounds = [0; 4];
        for (i, taxonomy) in Taxonomy::ALL.into_iter().enumerate() {
            bounds[i + 1] = bounds[i] + sizes[taxonomy];
        }
        let mut starts = Vec::with_capacity(docs.len() + 1);
        let mut ids = Vec::new();
        for doc in docs {
            starts.push(ids.len() as u32);
            for (i, (taxonomy, terms)) in doc.terms.iter().enumerate() {
                let size = sizes[taxonomy];
                ids.extend(
                    terms
                        .iter()
                        .filter(|&&id| id < size)
                        .map(|&id| (bounds[i] + id) as u32),
                );
            }
        }
        starts.push(ids.len() as u32);
        TermsOfDocs {
            starts,
            ids,
            bounds,
        }
    }

    fn total(&self) -> usize {
        self.bounds[3]
    }

    fn of(&self, doc: usize) -> &[u32] {
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&start), Some(&end)) => &self.ids[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// Counts of filter values over a word's documents, reused from word to
/// word (only the values touched are reset).
struct Counter {
    counts: Vec<u32>,
    touched: Vec<u32>,
}

impl Counter {
    fn new(terms: usize) -> Self {
        Counter {
            counts: vec![0; terms],
            touched: Vec::new(),
        }
    }

    /// `id:count,...;...;...`: the [`SHOWN`] most frequent values of each
    /// taxonomy among `list`'s documents.
    fn top(&mut self, list: &List, terms: &TermsOfDocs) -> String {
        for posting in list.postings() {
            for &id in terms.of((posting >> 1) as usize) {
                let count = &mut self.counts[id as usize];
                if *count == 0 {
                    self.touched.push(id);
                }
                *count += 1;
            }
        }
        let counts = &self.counts;
        // By taxonomy, then most frequent, then by id.
        self.touched.sort_unstable_by_key(|&id| {
            (
                terms.bounds.partition_point(|&b| b <= id as usize),
                std::cmp::Reverse(counts[id as usize]),
                id,
            )
        });
        let mut out = String::new();
        let mut shown = 0;
        let mut taxonomy = 1;
        for &id in &self.touched {
            let id = id as usize;
            while id >= terms.bounds[taxonomy] {
                out.push(';');
                taxonomy += 1;
                shown = 0;
            }
            if shown < SHOWN {
                if shown > 0 {
                    out.push(',');
                }
                push_base36(&mut out, (id - terms.bounds[taxonomy - 1]) as u32);
                out.push(':');
                push_base36(&mut out, counts[id]);
                shown += 1;
            }
        }
        for _ in taxonomy..3 {
            out.push(';');
        }
        for &id in &self.touched {
            self.counts[id as usize] = 0;
        }
        self.touched.clear();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::Postings;

    use crate::search::test_document as doc;

    #[test]
    fn a_stop_gives_the_work_up() {
        let docs = [doc(&[0], &[]), doc(&[0], &[1])];
        let mut postings = Postings::default();
        postings.body(0, "talks in geneva");
        postings.body(1, "talks in vienna");
        let words = Postings::merge([postings]);
        let sizes = || PerTaxonomy::from_fn(|_| 20);
        let actors = BTreeMap::new();
        assert!(files(&words, &actors, &docs, sizes(), &|| true).is_none());
        let asked = std::sync::atomic::AtomicUsize::new(0);
        let counted = || {
            asked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            false
        };
        assert!(files(&words, &actors, &docs, sizes(), &counted).is_some());
        assert!(asked.into_inner() > 0, "the stop is asked");
    }

    fn shard_text(docs: &[Document<'_>], bodies: &[&str], actors: &[(&str, &[u32])]) -> String {
        let mut postings = Postings::default();
        for (i, body) in bodies.iter().enumerate() {
            postings.body(i as u32, body);
        }
        let words = Postings::merge([postings]);
        let actors = actors
            .iter()
            .map(|(w, ids)| (w.to_string(), ids.to_vec()))
            .collect();
        let sizes = PerTaxonomy::from_fn(|_| 20);
        files(&words, &actors, docs, sizes, crate::search::NEVER)
            .unwrap_or_default()
            .into_iter()
            .map(|(key, bytes)| format!("[{key}]\n{}", String::from_utf8(bytes).unwrap()))
            .collect()
    }

    #[test]
    fn lines_hold_postings_then_actors_named() {
        let docs = [doc(&[], &[]), doc(&[], &[])];
        let text = shard_text(
            &docs,
            &["geneva talks", "geneva"],
            &[("genf", &[3]), ("lavrov", &[0, 40])],
        );
        assert_eq!(
            text,
            "[ge]\ngeneva 0,2 \ngenf  3\n[la]\nlavrov  0,14\n[ta]\ntalks 0 \n"
        );
    }

    #[test]
    fn common_words_carry_the_top_filter_values_with_counts() {
        // Eleven documents: actor 2 in all, actor 1 in five, tag 3 in one.
        let docs: Vec<Document> = (0..11)
            .map(|i| match i {
                0 => doc(&[2, 1], &[3]),
                1..5 => doc(&[1, 2], &[]),
                _ => doc(&[2], &[]),
            })
            .collect();
        let bodies = vec!["talks"; 11];
        let text = shard_text(&docs, &bodies, &[]);
        assert_eq!(text, "[ta]\ntalks 0,2,2,2,2,2,2,2,2,2,2  2:b,1:5;;3:1\n");
        // Nine documents: no counts (the first page shows them all).
        let text = shard_text(&docs[..9], &bodies[..9], &[]);
        assert!(text.ends_with("talks 0,2,2,2,2,2,2,2,2 \n"), "{text}");
    }

    #[test]
    fn more_values_than_shown_keep_the_most_frequent_then_the_first() {
        let ids: &'static [usize] = &[9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
        let docs: Vec<Document> = (0..11)
            .map(|i| {
                if i == 0 {
                    doc(&[9], &[])
                } else {
                    doc(ids, &[])
                }
            })
            .collect();
        let text = shard_text(&docs, &["w"; 11], &[]);
        assert!(
            text.ends_with(" 9:b,0:a,1:a,2:a,3:a,4:a,5:a,6:a;;\n"),
            "{text}"
        );
    }
}
