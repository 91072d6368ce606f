//! Stray spellings of one actor: names that are probably the same actor
//! as another but are not joined to it by an alias.
//!
//! Three signs, each found by bucketing, never by comparing every name
//! with every other (it must stay fast at 50,000 actors):
//!
//! - **transliterations**: names with the same [`key`] (transliterated to
//!   ASCII, `i`/`j` read as `y`, `kh` as `h`, doubled letters single):
//!   `Zelensky`, `Zelenskyy`, `Zelenskiy` and `Зеленський` share one;
//! - **surname only**: a one-word name that is the last word of exactly
//!   one longer name (`Blinken` and `Antony Blinken`);
//! - **small edit distances on long names**: keys of 12 characters or
//!   more, at most 2 edits apart, compared only within buckets of the same
//!   first two letters and a length within 2, and with at most
//!   [`NEIGHBOURS`] neighbours each.
//!
//! Only actors without a profile are reported as strays (a profile's name
//! is a decision); the actor they probably mean is the one with a profile,
//! else the one with more articles. Each warning lists where both
//! spellings are used and the alias line to paste into the profile.

use std::collections::HashMap;

use super::Entry;
use super::Taxonomy;
use super::terms::Term;
use crate::error::Diagnostic;

/// Shortest key compared by edit distance.
const LONG_NAME: usize = 12;
/// Most edits between two long names taken as one.
const MAX_EDITS: usize = 2;
/// Names compared by edit distance with each name, at most.
const NEIGHBOURS: usize = 16;

/// The form transliteration variants share: ASCII, lower case, letters
/// and single spaces, `i` and `j` as `y`, `kh` as `h`, `ph` as `f`, `w` as
/// `v`, doubled letters single.
pub fn key(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let ascii = ascii
        .replace("kh", "h")
        .replace("ph", "f")
        .replace("ck", "k")
        .replace("ks", "x");
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        let c = match c {
            'i' | 'j' => 'y',
            'w' => 'v',
            c if c.is_ascii_alphanumeric() => c,
            '\'' | '`' => continue,
            _ => ' ',
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if out.ends_with(c) && c != ' ' {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

/// Why two names are taken to be one actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Reason {
    Transliteration,
    Surname,
    Edits,
}

impl Reason {
    fn describe(self) -> &'static str {
        match self {
            Reason::Transliteration => "another transliteration of it",
            Reason::Surname => "its surname alone",
            Reason::Edits => "a spelling a letter or two away",
        }
    }
}

/// Every stray spelling among `actors`, as warnings at the first article
/// (in path order) that uses it.
pub fn check(articles: &[Entry], actors: &[Term]) -> Vec<Diagnostic> {
    strays(actors, key)
        .into_iter()
        .filter_map(|(stray, kept, why)| warning(articles, actors, stray, kept, why))
        .collect()
}

/// Each stray spelling among `actors`: `(stray, kept, why)` by position,
/// the names' keys made by `key_of` (a [`key`], or a kept one).
pub(crate) fn strays(
    actors: &[Term],
    mut key_of: impl FnMut(&str) -> String,
) -> Vec<(usize, usize, Reason)> {
    let names: Vec<(usize, String)> = actors
        .iter()
        .enumerate()
        .flat_map(|(id, term)| {
            let aliases = term.profile.iter().flat_map(|p| &p.matter.aliases);
            std::iter::once(&term.name)
                .chain(aliases)
                .map(move |name| (id, name))
        })
        .map(|(id, name)| (id, key_of(name)))
        .filter(|(_, key)| !key.is_empty())
        .collect();
    let mut found: Vec<Option<(usize, Reason)>> = vec![None; actors.len()];
    let mut note = |a: usize, b: usize, reason: Reason| {
        if a == b {
            return;
        }
        let (stray, kept) = if prefer(&actors[a], &actors[b]) {
            (b, a)
        } else {
            (a, b)
        };
        if actors[stray].profile.is_none() && found[stray].is_none() {
            found[stray] = Some((kept, reason));
        }
    };
    transliterations(&names, &mut note);
    surnames(&names, &mut note);
    edits(&names, &mut note);
    found
        .iter()
        .enumerate()
        .filter_map(|(stray, kept)| kept.map(|(kept, why)| (stray, kept, why)))
        .collect()
}

/// `(actor, key)` of every name and alias.
type Names = [(usize, String)];

/// Names with one key: one bucket per key.
fn transliterations(names: &Names, note: &mut impl FnMut(usize, usize, Reason)) {
    let mut by_key: HashMap<&str, usize> = HashMap::with_capacity(names.len());
    for (id, key) in names {
        match by_key.get(key.as_str()) {
            Some(&other) => note(other, *id, Reason::Transliteration),
            None => {
                by_key.insert(key, *id);
            }
        }
    }
}

/// A one-word name that is the last word of exactly one longer name.
fn surnames(names: &Names, note: &mut impl FnMut(usize, usize, Reason)) {
    let mut surnames: HashMap<&str, Option<usize>> = HashMap::new();
    for (id, key) in names {
        if let Some((_, last)) = key.rsplit_once(' ') {
            surnames
                .entry(last)
                .and_modify(|seen| {
                    if *seen != Some(*id) {
                        *seen = None
                    }
                })
                .or_insert(Some(*id));
        }
    }
    for (id, key) in names {
        if key.len() >= 4
            && !key.contains(' ')
            && let Some(Some(full)) = surnames.get(key.as_str())
        {
            note(*full, *id, Reason::Surname);
        }
    }
}

/// Long names a few edits apart, within buckets of the same first two
/// letters and a length within [`MAX_EDITS`], each name against its
/// [`NEIGHBOURS`] nearest in sorted order.
fn edits(names: &Names, note: &mut impl FnMut(usize, usize, Reason)) {
    let mut buckets: HashMap<(&str, usize), Vec<usize>> = HashMap::new();
    for (index, (_, key)) in names.iter().enumerate() {
        if key.len() >= LONG_NAME && key.is_ascii() {
            buckets
                .entry((&key[..2], key.len()))
                .or_default()
                .push(index);
        }
    }
    for bucket in buckets.values_mut() {
        bucket.sort_by(|&a, &b| names[a].1.cmp(&names[b].1).then(a.cmp(&b)));
    }
    let mut order: Vec<(&str, usize)> = buckets.keys().copied().collect();
    order.sort();
    for (prefix, len) in order {
        for &index in &buckets[&(prefix, len)] {
            let (id, key) = &names[index];
            for other_len in len..=len + MAX_EDITS {
                let Some(bucket) = buckets.get(&(prefix, other_len)) else {
                    continue;
                };
                // The names sorted nearest to this one.
                let at = bucket.partition_point(|&o| names[o].1.as_str() < key.as_str());
                let window = &bucket
                    [at.saturating_sub(NEIGHBOURS / 2)..(at + NEIGHBOURS / 2).min(bucket.len())];
                for &other in window {
                    let (other_id, other_key) = &names[other];
                    if other_id != id
                        && other_key != key
                        && strsim::levenshtein(key, other_key) <= MAX_EDITS
                    {
                        note(*other_id, *id, Reason::Edits);
                    }
                }
            }
        }
    }
}

/// True if `a` is the spelling to keep over `b`: a profile, else more
/// articles, else first in the actors' order (which is `a` when called).
fn prefer(a: &Term, b: &Term) -> bool {
    match (a.profile.is_some(), b.profile.is_some()) {
        (true, false) => true,
        (false, true) => false,
        _ => a.articles.len() >= b.articles.len(),
    }
}

/// `content/a.md:4` for each article of `term`, in path order.
fn places_used(articles: &[Entry], term: &Term) -> Vec<String> {
    let mut used: Vec<(&std::path::Path, usize)> = term
        .articles
        .iter()
        .map(|&i| {
            let article = &articles[i].article;
            let line = article
                .origin
                .keys
                .iter()
                .find(|(k, _, _)| k == Taxonomy::Actor.key())
                .map_or(1, |(_, line, _)| *line);
            (article.path.as_path(), line)
        })
        .collect();
    used.sort();
    used.iter()
        .map(|(path, line)| format!("{}:{line}", path.display()))
        .collect()
}

/// The warning for actor `stray`, probably actor `kept` (`why`); `None`
/// for an actor without articles.
pub(crate) fn warning(
    articles: &[Entry],
    actors: &[Term],
    stray: usize,
    kept: usize,
    why: Reason,
) -> Option<Diagnostic> {
    let (s, k) = (&actors[stray], &actors[kept]);
    let first = s
        .articles
        .iter()
        .map(|&i| &articles[i].article)
        .min_by(|a, b| a.path.cmp(&b.path))?;
    let mut warning = first.origin.error_at(
        &first.path,
        Taxonomy::Actor.key(),
        format!(
            "actor \"{}\" is probably \"{}\" ({}), but no alias joins them",
            s.name,
            k.name,
            why.describe()
        ),
    );
    warning.severity = crate::error::Severity::Warning;
    let aliases: Vec<&str> = k
        .profile
        .iter()
        .flat_map(|p| p.matter.aliases.iter().map(String::as_str))
        .chain([s.name.as_str()])
        .collect();
    let paste = format!("aliases: [{}]", aliases.join(", "));
    let fix = match &k.profile {
        Some(profile) => format!(
            "to join them, make the `aliases:` line of {} read: {paste}",
            profile.path.display()
        ),
        None => format!(
            "to join them, create content/actors/{}.md with: name: {} / {paste}",
            k.slug, k.name
        ),
    };
    Some(
        warning
            .note(format!(
                "\"{}\" is used in {}",
                s.name,
                places_used(articles, s).join(", ")
            ))
            .note(format!(
                "\"{}\" is used in {}",
                k.name,
                places_used(articles, k).join(", ")
            ))
            .note(fix),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_key() {
        let zelensky = key("Zelensky");
        for variant in ["Zelenskyy", "Zelenskiy", "Зеленський", "ZELENSKIJ"] {
            assert_eq!(key(variant), zelensky, "{variant}");
        }
        assert_eq!(key("Сергей Лавров"), key("Sergey Lavrov"));
        assert_eq!(key("Volodymyr Zelenskyy"), key("Володимир Зеленський"));
        assert_ne!(key("Sergey Lavrov"), key("Sergei Ryabkov"));
    }
}
