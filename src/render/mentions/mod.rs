//! Known actors named in article bodies: the first mention of each (its
//! canonical name or an alias, whole words, case-sensitive) becomes a link
//! to the actor's page, never inside an existing link, an image, code, a
//! heading or raw HTML. A profile's `no_mentions:` leaves some of its
//! spellings out (an acronym such as `UN` that is too common to link).
//!
//! One Aho-Corasick automaton over every name and alias is built once per
//! build and shared by every thread; it runs over the text of the Markdown
//! pass that renders the body (`markdown::render`), so bodies are not
//! parsed twice: each run of text between tags, its soft line breaks and
//! runs of spaces read as one space (`runs`), so a name wrapped across two
//! lines is found. It runs anchored, only where a word starts with a byte
//! some name starts with (a capital letter, mostly), so most of the text is
//! passed over by a table lookup per byte. Every actor found is also
//! returned, with its offset, for `check`'s notes (`notes`) and the
//! JSON-LD `mentions`.

mod notes;
mod runs;

pub use notes::{article_notes, notes};

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, Match, MatchKind, StartKind};

use pulldown_cmark::{Event, Tag, TagEnd};
use xxhash_rust::xxh3::Xxh3;

use crate::model::{Site, Taxonomy};
use runs::Piece;

/// Every known actor's names, ready to search bodies.
pub struct Mentions {
    /// Every name and alias, searched anchored (longest first).
    automaton: AhoCorasick,
    /// The bytes a name or alias starts with: a search starts only where
    /// one of them starts a word.
    first: [bool; 256],
    /// The actor (term index) of each pattern.
    actor_of: Vec<usize>,
    /// Each pattern's text.
    names: Vec<String>,
    /// Each actor's page as a root-relative link (`/actors/x/`), by term
    /// index.
    paths: Vec<String>,
    /// A hash of every pattern and URL: bodies rendered with an equal key
    /// are the same.
    key: u64,
}

/// One actor found in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// The actor: an index into the site's actors.
    pub actor: usize,
    /// Byte offset in the Markdown source (where the text it was found in
    /// starts, when that text is not the source as written).
    pub offset: usize,
}

impl Mentions {
    /// The automaton of `site`'s actors' names and aliases; none when the
    /// site has no actors.
    pub fn new(site: &Site) -> Option<Self> {
        let actors = &site.terms[Taxonomy::Actor];
        let mut seen = HashSet::new();
        let mut patterns: Vec<Cow<'_, str>> = Vec::new();
        let mut actor_of = Vec::new();
        let mut hasher = Xxh3::new();
        for (id, term) in actors.iter().enumerate() {
            let matter = term.profile.as_ref().map(|p| &p.matter);
            let aliases = matter.into_iter().flat_map(|m| &m.aliases);
            let off = matter.map_or(&[][..], |m| &m.no_mentions[..]);
            for name in std::iter::once(&term.name).chain(aliases) {
                if off.contains(name) {
                    continue;
                }
                // Bodies are searched with their spaces as one space.
                let name = one_space(name);
                if !name.is_empty() && seen.insert(name.clone()) {
                    hasher.update(name.as_bytes());
                    hasher.update(&id.to_le_bytes());
                    patterns.push(name);
                    actor_of.push(id);
                }
            }
        }
        if patterns.is_empty() {
            return None;
        }
        let paths: Vec<String> = actors.iter().map(|t| format!("/{}", t.path)).collect();
        for path in &paths {
            hasher.update(path.as_bytes());
        }
        let names: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        let patterns: Vec<&str> = patterns.iter().map(|p| p.as_ref()).collect();
        let (automaton, first) = searcher(&patterns)?;
        Some(Self {
            automaton,
            first,
            actor_of,
            names,
            paths,
            key: hasher.digest(),
        })
    }

    /// Equal keys mean equal names and URLs (for `serve`'s Markdown cache).
    pub fn key(&self) -> u64 {
        self.key
    }

    /// Every name and alias searched for, with the page of its actor
    /// (`/actors/x/`).
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.names
            .iter()
            .zip(&self.actor_of)
            .map(|(name, &actor)| (name.as_str(), self.paths[actor].as_str()))
    }

    /// Each actor's page (`/actors/x/`), by term index.
    pub fn paths(&self) -> &[String] {
        &self.paths
    }

    /// `events` (with their source ranges, as pulldown-cmark's offset
    /// iterator gives them) collected with the first mention of each
    /// actor made a link (when `link`), and every actor mentioned, in
    /// order. Links are root-relative (`/actors/x/`), like links in the
    /// source, for the site's path to be put in front of them.
    pub fn link<'a>(
        &'a self,
        events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
        link: bool,
    ) -> (Vec<Event<'a>>, Vec<Mention>) {
        let mut found = Found {
            out: Vec::new(),
            mentions: Vec::new(),
            seen: Vec::new(),
            link,
        };
        // The text since the last tag, searched as one (`runs`).
        let mut run: Vec<Piece<'a>> = Vec::new();
        // Inside links, images, headings and code blocks; inside raw `<a>`.
        let mut skip = 0usize;
        let mut raw_links = 0usize;
        for (event, range) in events {
            let searched = skip == 0 && raw_links == 0;
            let event = match event {
                Event::Text(text) if searched => {
                    run.push(Piece::Text(text, range));
                    continue;
                }
                Event::SoftBreak if searched => {
                    run.push(Piece::Break);
                    continue;
                }
                other => other,
            };
            if !run.is_empty() {
                self.search_run(&mut run, &mut found);
            }
            match &event {
                Event::Start(
                    Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. } | Tag::CodeBlock(_),
                ) => skip += 1,
                Event::End(
                    TagEnd::Link | TagEnd::Image | TagEnd::Heading(_) | TagEnd::CodeBlock,
                ) => skip = skip.saturating_sub(1),
                Event::InlineHtml(html) | Event::Html(html) => {
                    let lower = html.trim().to_ascii_lowercase();
                    if lower.starts_with("</a") {
                        raw_links = raw_links.saturating_sub(1);
                    } else if (lower.starts_with("<a ") || lower.starts_with("<a>"))
                        && !lower.ends_with("/>")
                    {
                        raw_links += 1;
                    }
                }
                _ => {}
            }
            found.out.push(event);
        }
        if !run.is_empty() {
            self.search_run(&mut run, &mut found);
        }
        (found.out, found.mentions)
    }

    /// The names and aliases in `text` that are whole words, in order: at
    /// each place a word starts with a byte some name starts with, the
    /// longest name there, if a word ends with it too.
    fn whole_words<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Match> + 't {
        let bytes = text.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            while let Some(skip) = bytes[at..].iter().position(|&b| self.first[usize::from(b)]) {
                // A name's first byte never continues a character, so
                // `start` is a character boundary.
                let start = at + skip;
                at = start + 1;
                if text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                let input = Input::new(text)
                    .span(start..text.len())
                    .anchored(Anchored::Yes);
                let Some(found) = self.automaton.find(input) else {
                    continue;
                };
                if text[found.end()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                at = found.end();
                return Some(found);
            }
            at = bytes.len();
            None
        })
    }
}

/// The automaton of `patterns` for anchored searches (the longest name
/// where a search starts) and the bytes they start with. Searches are a
/// few bytes long, so the compact NFA does (a DFA's table would be
/// megabytes on a large site).
fn searcher(patterns: &[&str]) -> Option<(AhoCorasick, [bool; 256])> {
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns)
        .ok()?;
    let mut first = [false; 256];
    for name in patterns {
        if let Some(&byte) = name.as_bytes().first() {
            first[usize::from(byte)] = true;
        }
    }
    Some((automaton, first))
}

/// What `Mentions::link` gathers as it goes.
struct Found<'a> {
    /// The events, with links added.
    out: Vec<Event<'a>>,
    /// Every actor found, at its first mention.
    mentions: Vec<Mention>,
    /// Actors found so far: a handful per body, so a list.
    seen: Vec<usize>,
    /// Link first mentions.
    link: bool,
}

/// `name` with each run of whitespace made one space, as bodies are
/// searched (borrowed when it has no such run).
fn one_space(name: &str) -> Cow<'_, str> {
    let name = name.trim();
    if name.split(' ').any(str::is_empty) || name.contains(|c: char| c != ' ' && c.is_whitespace())
    {
        Cow::Owned(name.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        Cow::Borrowed(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names `whole_words` finds in `text`, each as written.
    fn found<'t>(names: &[&str], text: &'t str) -> Vec<&'t str> {
        let (automaton, first) = searcher(names).expect("an automaton");
        let mentions = Mentions {
            automaton,
            first,
            actor_of: (0..names.len()).collect(),
            names: Vec::new(),
            paths: Vec::new(),
            key: 0,
        };
        mentions
            .whole_words(text)
            .map(|m| &text[m.start()..m.end()])
            .collect()
    }

    #[test]
    fn names_are_found_as_whole_words_only() {
        let names = ["Sergey Lavrov", "Lavrov", "Antony Blinken"];
        assert_eq!(
            found(&names, "Sergey Lavrov met Antony Blinken; Lavrov spoke."),
            ["Sergey Lavrov", "Antony Blinken", "Lavrov"]
        );
        // Not inside a longer word, on either side.
        assert_eq!(
            found(&names, "Lavrovian XLavrov SergeyLavrov Lavrov2"),
            Vec::<&str>::new()
        );
        // Punctuation ends a word; the text may start and end with a name.
        assert_eq!(
            found(&names, "Lavrov, (Antony Blinken)"),
            ["Lavrov", "Antony Blinken"]
        );
    }

    #[test]
    fn the_longest_name_at_a_place_is_taken_and_a_name_can_follow_a_rejected_one() {
        let names = ["Ana", "Ana Pelarez", "Bob Smith", "Ana Bob"];
        assert_eq!(found(&names, "Ana Pelarez spoke"), ["Ana Pelarez"]);
        // "Ana Bob" is rejected (inside "XAna"), "Bob Smith" still found.
        assert_eq!(found(&names, "XAna Bob Smith"), ["Bob Smith"]);
    }

    #[test]
    fn names_in_other_scripts_and_after_accented_letters() {
        let names = ["Сергей Лавров", "Zelenskyy"];
        assert_eq!(
            found(&names, "«Сергей Лавров» и Zelenskyy. éZelenskyy"),
            ["Сергей Лавров", "Zelenskyy"]
        );
    }
}
