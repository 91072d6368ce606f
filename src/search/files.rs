//! The index as files under `search/`, all text, all deterministic:
//!
//! - `meta.json`: counts, chunk sizes, year ranges of document ids, the
//!   list of word shards and the fold table;
//! - `words/<key>.txt`: one line per word, `word postings actors`:
//!   postings as comma-separated base-36 gaps of `document << 1 | strong`,
//!   then the ids of actors whose name has the word;
//! - `docs/<n>.json`: [`DOC_CHUNK`] result rows each (title, path, date,
//!   summary, actor ids);
//! - `facets/<n>.txt`: [`FACET_CHUNK`] lines each, a document's actor,
//!   place and tag ids (`a,b;c;d`), for filters and their counts;
//! - `actors/<n>.json`, `places/<n>.json`, `tags/<n>.json`: [`TERM_CHUNK`]
//!   rows each (name, path, count, role), most covered first.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Value, json};

use super::fold;
use super::index::{self, DocWords, Index};
use super::{Document, Term};
use crate::model::{PerTaxonomy, Taxonomy};
use crate::paths;

/// Result rows per `docs/` file: a page of results touches few of them.
pub const DOC_CHUNK: usize = 16;
/// Documents per `facets/` file.
pub const FACET_CHUNK: usize = 1000;
/// Rows per `actors/`, `places/` and `tags/` file.
pub const TERM_CHUNK: usize = 200;
/// Summaries are cut to about this many characters.
const SUMMARY_CHARS: usize = 240;

/// Every index file: (output path, bytes), in path order.
pub fn files(docs: &[Document<'_>], terms: &PerTaxonomy<Vec<Term<'_>>>) -> Vec<(String, Vec<u8>)> {
    let words: Vec<DocWords> = docs
        .par_iter()
        .map(|doc| DocWords {
            strong: strong_words(doc, terms),
            body: doc.body_words,
        })
        .collect();
    let names: Vec<Vec<String>> = terms[Taxonomy::Actor]
        .iter()
        .map(|t| {
            let mut names = vec![t.name.to_string()];
            names.extend(t.aliases.iter().cloned());
            names
        })
        .collect();
    let index = Index::build(&words, &names);
    drop(words);
    let shard_files = word_files(&index);
    drop(index);
    let shards: Vec<String> = shard_files.iter().map(|(key, _)| key.clone()).collect();
    let mut out: Vec<(String, Vec<u8>)> = shard_files
        .into_iter()
        .map(|(key, bytes)| {
            (
                format!("{}words/{}.txt", paths::SEARCH, file_key(&key)),
                bytes,
            )
        })
        .collect();
    out.push((
        format!("{}meta.json", paths::SEARCH),
        meta(docs, terms, &shards),
    ));
    out.extend(doc_files(docs));
    out.extend(facet_files(docs));
    for (taxonomy, list) in terms.iter() {
        out.extend(term_files(taxonomy, list));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The distinct words of a document's title, summary and term names.
fn strong_words(doc: &Document<'_>, terms: &PerTaxonomy<Vec<Term<'_>>>) -> Vec<String> {
    let mut text = format!("{} {}", doc.title, doc.summary);
    for (taxonomy, ids) in doc.terms.iter() {
        for &id in ids.iter() {
            if let Some(term) = terms[taxonomy].get(id) {
                text.push(' ');
                text.push_str(term.name);
            }
        }
    }
    let mut words = fold::words(&text);
    words.sort_unstable();
    words.dedup();
    words
}

/// The name of a shard's file: the key itself when it is ASCII letters
/// and digits, else `_` and its code points in hex (`_43b-430`), so file
/// names stay plain on every host.
pub fn file_key(key: &str) -> String {
    if key.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return key.to_string();
    }
    let codes: Vec<String> = key.chars().map(|c| format!("{:x}", c as u32)).collect();
    format!("_{}", codes.join("-"))
}

/// (shard key, bytes) of every word shard.
fn word_files(index: &Index) -> Vec<(String, Vec<u8>)> {
    let words = index.words();
    let lines: Vec<(&str, String)> = words
        .par_iter()
        .map(|&word| (word, line(word, index)))
        .collect();
    let by_word: BTreeMap<&str, &String> = lines.iter().map(|(w, l)| (*w, l)).collect();
    index::shard(&lines)
        .into_iter()
        .map(|(key, words)| {
            let mut text = String::new();
            for word in words {
                text.push_str(by_word[word]);
                text.push('\n');
            }
            (key, text.into_bytes())
        })
        .collect()
}

/// `word postings actors`.
fn line(word: &str, index: &Index) -> String {
    let mut line = String::with_capacity(word.len() + 16);
    line.push_str(word);
    line.push(' ');
    let mut previous = 0;
    for (i, &posting) in index.postings.get(word).into_iter().flatten().enumerate() {
        if i > 0 {
            line.push(',');
        }
        push_base36(&mut line, posting - previous);
        previous = posting;
    }
    line.push(' ');
    for (i, &actor) in index.actors.get(word).into_iter().flatten().enumerate() {
        if i > 0 {
            line.push(',');
        }
        push_base36(&mut line, actor);
    }
    line
}

fn push_base36(out: &mut String, mut n: u32) {
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
    out.extend(buf[i..].iter().map(|&b| b as char));
}

fn meta(docs: &[Document<'_>], terms: &PerTaxonomy<Vec<Term<'_>>>, shards: &[String]) -> Vec<u8> {
    // Documents are newest first, so each year is one run of ids.
    let mut years: Vec<(i32, usize, usize)> = Vec::new();
    for (id, doc) in docs.iter().enumerate() {
        match years.last_mut() {
            Some((year, _, last)) if *year == doc.year => *last = id,
            _ => years.push((doc.year, id, id)),
        }
    }
    let fold: BTreeMap<String, String> = fold::table()
        .into_iter()
        .map(|(c, to)| (c.to_string(), to))
        .collect();
    let meta = json!({
        "docs": docs.len(),
        "chunks": {"docs": DOC_CHUNK, "facets": FACET_CHUNK, "terms": TERM_CHUNK},
        "terms": {
            "actors": terms[Taxonomy::Actor].len(),
            "places": terms[Taxonomy::Place].len(),
            "tags": terms[Taxonomy::Tag].len(),
        },
        "years": years,
        "maxWord": fold::MAX_WORD,
        "shards": shards,
        "fold": fold,
    });
    meta.to_string().into_bytes()
}

fn doc_files(docs: &[Document<'_>]) -> Vec<(String, Vec<u8>)> {
    docs.par_chunks(DOC_CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let rows: Vec<Value> = chunk
                .iter()
                .map(|d| {
                    json!([
                        d.title,
                        d.path,
                        d.date,
                        cut(d.summary),
                        d.terms[Taxonomy::Actor]
                    ])
                })
                .collect();
            let path = format!("{}docs/{n}.json", paths::SEARCH);
            (path, Value::from(rows).to_string().into_bytes())
        })
        .collect()
}

fn facet_files(docs: &[Document<'_>]) -> Vec<(String, Vec<u8>)> {
    docs.par_chunks(FACET_CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let mut text = String::with_capacity(chunk.len() * 16);
            for doc in chunk {
                for (taxonomy, ids) in doc.terms.iter() {
                    if taxonomy != Taxonomy::Actor {
                        text.push(';');
                    }
                    for (i, &id) in ids.iter().enumerate() {
                        if i > 0 {
                            text.push(',');
                        }
                        push_base36(&mut text, id as u32);
                    }
                }
                text.push('\n');
            }
            (
                format!("{}facets/{n}.txt", paths::SEARCH),
                text.into_bytes(),
            )
        })
        .collect()
}

fn term_files(taxonomy: Taxonomy, terms: &[Term<'_>]) -> Vec<(String, Vec<u8>)> {
    terms
        .chunks(TERM_CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let rows: Vec<Value> = chunk
                .iter()
                .map(|t| json!([t.name, t.path, t.count, t.role]))
                .collect();
            let path = format!("{}{}/{n}.json", paths::SEARCH, taxonomy.key());
            (path, Value::from(rows).to_string().into_bytes())
        })
        .collect()
}

/// `text` cut to about [`SUMMARY_CHARS`] characters at a space, with `…`.
fn cut(text: &str) -> String {
    match text.char_indices().nth(SUMMARY_CHARS) {
        None => text.to_string(),
        Some((end, _)) => {
            let head = &text[..end];
            let at = head.rfind(' ').unwrap_or(end);
            format!("{}…", head[..at].trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_file_names_are_plain_ascii() {
        assert_eq!(file_key("ne"), "ne");
        assert_eq!(file_key("ла"), "_43b-430");
        assert_eq!(file_key("a"), "a");
    }

    #[test]
    fn postings_are_written_as_base36_gaps() {
        let mut index = Index::default();
        index.postings.insert("geneva".into(), vec![1, 2, 80]);
        index.actors.insert("geneva".into(), vec![40]);
        assert_eq!(line("geneva", &index), "geneva 1,1,26 14");
        index.actors.clear();
        assert_eq!(line("geneva", &index), "geneva 1,1,26 ");
    }

    #[test]
    fn long_summaries_are_cut_at_a_word() {
        let long = "word ".repeat(100);
        let cut = cut(&long);
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= SUMMARY_CHARS + 1);
        assert_eq!(super::cut("short"), "short");
    }
}
