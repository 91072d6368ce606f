//! The index as files under `search/`, all text, all deterministic:
//!
//! - `meta.json`: counts, chunk sizes, year ranges of document ids, the
//!   list of word shards, the first term of each list file and the fold
//!   table;
//! - `words/<key>.txt`: one line per word (see [`super::shards`]);
//! - `docs/<n>.json`: [`DOC_CHUNK`] result rows each (title, path, date,
//!   summary, actor, place and tag ids, and the actors as
//!   `[name, role on the article's day or null]`);
//! - `facets/<n>.txt`: [`FACET_CHUNK`] lines each, a document's actor,
//!   place and tag ids (`a,b;c;d`), for filter counts of small results;
//! - `lists/<actors|places|tags>/<n>.txt`: one line per term, the ids of
//!   its documents as base-36 gaps, terms in order, a file ending once it
//!   holds [`LIST_BYTES`]: what applying a filter reads;
//! - `actors/<n>.json`, `places/<n>.json`, `tags/<n>.json`: [`TERM_CHUNK`]
//!   rows each (name, path, count, role, 1 when the role is current),
//!   most covered first.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Value, json};

use super::fold;
use super::index::{self, List, push_base36};
use super::shards::{self, PAGE, SHOWN};
use super::{Document, Term};
use crate::model::{PerTaxonomy, Taxonomy};
use crate::paths;

/// Result rows per `docs/` file: small, since the ten results of a page are
/// mostly in ten different files (each row is about 400 bytes).
pub const DOC_CHUNK: usize = 4;
/// Documents per `facets/` file.
pub const FACET_CHUNK: usize = 1000;
/// Rows per `actors/`, `places/` and `tags/` file.
pub const TERM_CHUNK: usize = 200;
/// A `lists/` file ends at the first term that takes it past this size.
pub const LIST_BYTES: usize = 8 * 1024;
/// Summaries are cut to about this many characters.
const SUMMARY_CHARS: usize = 240;

/// Every index file: (output path, bytes), in path order. `words`: each
/// word's postings, sorted by word ([`index::Postings::merge`]).
pub fn files(
    docs: &[Document<'_>],
    terms: &PerTaxonomy<Vec<Term<'_>>>,
    words: &[(Box<str>, List)],
    folds: super::language::Folds,
    stop: super::Stop<'_>,
) -> Option<Vec<(String, Vec<u8>)>> {
    let names: Vec<Vec<String>> = terms[Taxonomy::Actor]
        .iter()
        .map(|t| {
            let mut names = vec![t.name.to_string()];
            names.extend(t.aliases.iter().cloned());
            names
        })
        .collect();
    let actors = index::actor_words(&names, folds);
    let sizes = PerTaxonomy::from_fn(|t| terms[t].len());
    let shard_files = shards::files(words, &actors, docs, sizes, stop)?;
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
    let mut firsts = Vec::new();
    for (taxonomy, list) in terms.iter() {
        let (files, first) = list_files(taxonomy, docs, list.len());
        out.extend(files);
        firsts.push(first);
    }
    out.push((
        format!("{}meta.json", paths::SEARCH),
        meta(docs, terms, &shards, &firsts, folds),
    ));
    out.extend(doc_files(docs));
    out.extend(facet_files(docs));
    for (taxonomy, list) in terms.iter() {
        out.extend(term_files(taxonomy, list));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Some(out)
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

/// The files of one taxonomy's term lists, and the first term of each.
fn list_files(
    taxonomy: Taxonomy,
    docs: &[Document<'_>],
    terms: usize,
) -> (Vec<(String, Vec<u8>)>, Vec<usize>) {
    // Documents in order, so each list is ascending.
    let mut lists: Vec<Vec<u32>> = vec![Vec::new(); terms];
    for (id, doc) in docs.iter().enumerate() {
        for &term in doc.terms[taxonomy].iter() {
            if let Some(list) = lists.get_mut(term) {
                list.push(id as u32);
            }
        }
    }
    let mut files = Vec::new();
    let mut firsts = Vec::new();
    let mut text = String::new();
    for (term, list) in lists.iter().enumerate() {
        if text.is_empty() {
            firsts.push(term);
        }
        let mut previous = 0;
        for (i, &id) in list.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            push_base36(&mut text, id - previous);
            previous = id;
        }
        text.push('\n');
        if text.len() >= LIST_BYTES || term + 1 == lists.len() {
            let path = format!(
                "{}lists/{}/{}.txt",
                paths::SEARCH,
                taxonomy.key(),
                files.len()
            );
            files.push((path, std::mem::take(&mut text).into_bytes()));
        }
    }
    (files, firsts)
}

fn meta(
    docs: &[Document<'_>],
    terms: &PerTaxonomy<Vec<Term<'_>>>,
    shards: &[String],
    lists: &[Vec<usize>],
    folds: super::language::Folds,
) -> Vec<u8> {
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
        .chain(folds.iter().map(|(c, to)| (c.to_string(), to.to_string())))
        .collect();
    let meta = json!({
        "docs": docs.len(),
        "chunks": {"docs": DOC_CHUNK, "facets": FACET_CHUNK, "terms": TERM_CHUNK},
        "page": PAGE,
        "shown": SHOWN,
        "terms": {
            "actors": terms[Taxonomy::Actor].len(),
            "places": terms[Taxonomy::Place].len(),
            "tags": terms[Taxonomy::Tag].len(),
        },
        "lists": {"actors": lists[0], "places": lists[1], "tags": lists[2]},
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
                        d.terms[Taxonomy::Actor],
                        d.terms[Taxonomy::Place],
                        d.terms[Taxonomy::Tag],
                        d.actors
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
                .map(|t| json!([t.name, t.path, t.count, t.role, u8::from(t.current)]))
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

    fn doc(tags: &'static [usize]) -> Document<'static> {
        crate::search::test_document(&[], tags)
    }

    #[test]
    fn each_term_has_a_list_of_its_documents_in_files_of_a_few_kilobytes() {
        let docs = [doc(&[0, 2]), doc(&[2]), doc(&[0])];
        let (files, firsts) = list_files(Taxonomy::Tag, &docs, 3);
        assert_eq!(firsts, [0]);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, format!("{}lists/tags/0.txt", paths::SEARCH));
        // Term 0: documents 0 and 2; term 1: none; term 2: 0 and 1.
        assert_eq!(
            String::from_utf8(files[0].1.clone()).unwrap(),
            "0,2\n\n0,1\n"
        );
        // A term whose list fills a file ends it: the next starts a file.
        let many: Vec<Document> = (0..LIST_BYTES)
            .map(|i| doc(if i == 0 { &[1] } else { &[0] }))
            .collect();
        let (files, firsts) = list_files(Taxonomy::Tag, &many, 3);
        assert_eq!(firsts, [0, 1]);
        assert_eq!(files.len(), 2);
        assert_eq!(String::from_utf8(files[1].1.clone()).unwrap(), "0\n\n");
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
