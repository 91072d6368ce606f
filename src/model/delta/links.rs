//! Links by file kept between deltas: each article's file's index, and
//! the problems of the links. A delta resolves again only the links of
//! the added articles and of those that linked to a removed one (its
//! referrers: in a site without errors no other article links a file that
//! changed); the others' links and referrers have their indexes moved.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::super::Entry;
use super::super::links::{Resolved, resolve_some};
use crate::error::Diagnostic;
use crate::load::Article;
use crate::load::publication::Publication;

/// The links by file of a site, kept for the next delta.
#[derive(Debug, Clone, Default)]
pub(crate) struct Links {
    /// Each article's index, by its file (relative to `content/`).
    by_file: HashMap<String, usize>,
    /// The problems of the links, each with its article's file.
    problems: Vec<(String, Diagnostic)>,
}

/// An edit, as the link update sees it.
pub(super) struct Change<'a> {
    /// The site's articles after the edit, in order.
    pub articles: &'a [Arc<Article>],
    /// Each former article's index now.
    pub moved: &'a [Option<usize>],
    /// The removed articles: their former index, the article and its
    /// referrers.
    pub removed: Vec<(usize, Arc<Article>, Vec<usize>)>,
    /// The indexes of the added articles.
    pub added: &'a [usize],
}

impl Links {
    /// The links of `entries` as a build resolved them (only the articles
    /// with links by file are read again, for their problems).
    pub(super) fn new(entries: &[Entry], publication: &Publication) -> Self {
        let articles: Vec<Arc<Article>> = entries.iter().map(|e| e.article.clone()).collect();
        let by_file: HashMap<String, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.file.clone(), i))
            .collect();
        let linking: Vec<usize> = (0..entries.len())
            .filter(|&i| !entries[i].links.is_empty() || !entries[i].unlinked.is_empty())
            .collect();
        let resolved = resolve_some(&articles, publication, &linking, |file| {
            by_file.get(file).copied()
        });
        let problems = linking
            .iter()
            .zip(resolved)
            .flat_map(|(&i, r)| {
                let file = &articles[i].file;
                r.problems.into_iter().map(move |p| (file.clone(), p))
            })
            .collect();
        Links { problems, by_file }
    }

    /// The index of the article of `file`.
    pub(super) fn index_of(&self, file: &str) -> Option<usize> {
        self.by_file.get(file).copied()
    }

    /// The problems of the links.
    pub(super) fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems.iter().map(|(_, p)| p)
    }

    /// Every entry's links and referrers after `change` (`entries`: the
    /// new order, the added ones without links yet).
    pub(super) fn update(
        &mut self,
        entries: &mut [Entry],
        publication: &Publication,
        change: &Change<'_>,
    ) -> Option<()> {
        let moved = change.moved;
        for (old, article, _) in &change.removed {
            if self.by_file.get(&article.file) == Some(old) {
                self.by_file.remove(&article.file);
            }
        }
        for index in self.by_file.values_mut() {
            *index = moved[*index]?;
        }
        for &i in change.added {
            self.by_file.insert(change.articles[i].file.clone(), i);
        }
        for entry in entries.iter_mut() {
            for link in &mut entry.links {
                // A removed target: its source is resolved again below.
                link.target = moved[link.target].unwrap_or(usize::MAX);
            }
            if !entry.referrers.is_empty() {
                entry.referrers = entry.referrers.iter().filter_map(|&r| moved[r]).collect();
            }
        }
        let mut again: Vec<usize> = change
            .removed
            .iter()
            .flat_map(|(_, _, referrers)| referrers.iter().filter_map(|&r| moved[r]))
            .chain(change.added.iter().copied())
            // A broken link (an error) may point elsewhere now.
            .chain(
                self.problems
                    .iter()
                    .filter(|(_, p)| p.is_error())
                    .filter_map(|(file, _)| self.by_file.get(file).copied()),
            )
            .collect();
        again.sort_unstable();
        again.dedup();
        for &source in &again {
            for link in std::mem::take(&mut entries[source].links) {
                if let Some(target) = entries.get_mut(link.target) {
                    target.referrers.retain(|&r| r != source);
                }
            }
        }
        let by_file = &self.by_file;
        let resolved = resolve_some(change.articles, publication, &again, |file| {
            by_file.get(file).copied()
        });
        let files: HashSet<&str> = again
            .iter()
            .map(|&i| change.articles[i].file.as_str())
            .chain(change.removed.iter().map(|(_, a, _)| a.file.as_str()))
            .collect();
        self.problems
            .retain(|(file, _)| !files.contains(file.as_str()));
        for (&source, one) in again.iter().zip(resolved) {
            let file = &change.articles[source].file;
            let found = attach(entries, source, one);
            self.problems
                .extend(found.into_iter().map(|p| (file.clone(), p)));
        }
        Some(())
    }
}

/// Sets article `source`'s links, and it among its targets' referrers;
/// returns their problems.
fn attach(entries: &mut [Entry], source: usize, one: Resolved) -> Vec<Diagnostic> {
    for link in &one.outgoing {
        if link.target == source {
            continue;
        }
        let referrers = &mut entries[link.target].referrers;
        if let Err(at) = referrers.binary_search(&source) {
            referrers.insert(at, source);
        }
    }
    let entry = &mut entries[source];
    entry.links = one.outgoing;
    entry.site_links = one.site;
    entry.unlinked = one.unlinked;
    one.problems
}
