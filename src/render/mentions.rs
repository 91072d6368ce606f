//! Known actors named in article bodies: the first mention of each (its
//! canonical name or an alias, whole words, case-sensitive) becomes a link
//! to the actor's page, never inside an existing link, an image, code, a
//! heading or raw HTML.
//!
//! One Aho-Corasick automaton over every name and alias is built once per
//! build and shared by every thread; it runs over the text events of the
//! Markdown pass that renders the body (`markdown::render`), so bodies are
//! not parsed twice. Every actor found is also returned, with its offset,
//! for `check`'s notes and the JSON-LD `mentions`.

use std::collections::HashSet;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use xxhash_rust::xxh3::Xxh3;

use crate::error::Diagnostic;
use crate::model::{Site, Taxonomy};
use crate::render::markdown::Body;
use crate::render::views::Urls;

/// Every known actor's names, ready to search bodies.
pub struct Mentions {
    automaton: AhoCorasick,
    /// The actor (term index) of each pattern.
    actor_of: Vec<usize>,
    /// Each actor's page (root-relative URL), by term index.
    urls: Vec<String>,
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
        let urls = Urls::new(&site.config);
        let actors = &site.terms[Taxonomy::Actor];
        let mut seen = HashSet::new();
        let mut patterns: Vec<&str> = Vec::new();
        let mut actor_of = Vec::new();
        let mut hasher = Xxh3::new();
        for (id, term) in actors.iter().enumerate() {
            let aliases = term.profile.iter().flat_map(|p| &p.matter.aliases);
            for name in std::iter::once(&term.name).chain(aliases) {
                if !name.is_empty() && seen.insert(name.as_str()) {
                    patterns.push(name);
                    actor_of.push(id);
                    hasher.update(name.as_bytes());
                    hasher.update(&id.to_le_bytes());
                }
            }
        }
        if patterns.is_empty() {
            return None;
        }
        let urls: Vec<String> = actors.iter().map(|t| urls.url(&t.path)).collect();
        for url in &urls {
            hasher.update(url.as_bytes());
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()?;
        Some(Self {
            automaton,
            actor_of,
            urls,
            key: hasher.digest(),
        })
    }

    /// Equal keys mean equal names and URLs (for `serve`'s Markdown cache).
    pub fn key(&self) -> u64 {
        self.key
    }

    /// `events` with the first mention of each actor made a link (when
    /// `link`), and every actor mentioned, in order. `ranges` are the
    /// events' source ranges.
    pub fn apply<'a>(
        &self,
        events: Vec<Event<'a>>,
        ranges: &[Range<usize>],
        link: bool,
    ) -> (Vec<Event<'a>>, Vec<Mention>) {
        let mut out = Vec::with_capacity(events.len() + 8);
        let mut found = Vec::new();
        let mut seen = HashSet::new();
        // Inside links, images, headings and code blocks; inside raw `<a>`.
        let mut skip = 0usize;
        let mut raw_links = 0usize;
        let mut run: Option<(String, usize, bool)> = None;
        for (event, range) in events.into_iter().zip(ranges) {
            if let Event::Text(text) = &event
                && skip == 0
                && raw_links == 0
            {
                match &mut run {
                    Some((joined, _, verbatim)) => {
                        joined.push_str(text);
                        *verbatim = false;
                    }
                    None => {
                        let verbatim = range.len() == text.len();
                        run = Some((text.to_string(), range.start, verbatim));
                    }
                }
                continue;
            }
            if let Some((text, start, verbatim)) = run.take() {
                self.split(text, start, verbatim, link, &mut seen, &mut found, &mut out);
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
            out.push(event);
        }
        if let Some((text, start, verbatim)) = run.take() {
            self.split(text, start, verbatim, link, &mut seen, &mut found, &mut out);
        }
        (out, found)
    }

    /// Finds the actors in one run of text and pushes it to `out`, the
    /// first mention of each new actor as a link when `link`.
    #[allow(clippy::too_many_arguments)]
    fn split<'a>(
        &self,
        text: String,
        start: usize,
        verbatim: bool,
        link: bool,
        seen: &mut HashSet<usize>,
        found: &mut Vec<Mention>,
        out: &mut Vec<Event<'a>>,
    ) {
        let mut done = 0;
        for m in self.automaton.find_iter(&text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let actor = self.actor_of[m.pattern().as_usize()];
            if !seen.insert(actor) {
                continue;
            }
            let offset = if verbatim { start + m.start() } else { start };
            found.push(Mention { actor, offset });
            if !link {
                continue;
            }
            if m.start() > done {
                out.push(Event::Text(CowStr::from(text[done..m.start()].to_string())));
            }
            out.push(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: CowStr::from(self.urls[actor].clone()),
                title: CowStr::from(""),
                id: CowStr::from(""),
            }));
            out.push(Event::Text(CowStr::from(
                text[m.start()..m.end()].to_string(),
            )));
            out.push(Event::End(TagEnd::Link));
            done = m.end();
        }
        if done == 0 {
            out.push(Event::Text(CowStr::from(text)));
        } else if done < text.len() {
            out.push(Event::Text(CowStr::from(text[done..].to_string())));
        }
    }
}

/// `check`'s notes: each actor a body names that its front matter does not
/// list, at the mention's line and column in the file.
pub fn notes(site: &Site, bodies: &[std::sync::Arc<Body>]) -> Vec<Diagnostic> {
    let actors = &site.terms[Taxonomy::Actor];
    let mut notes = Vec::new();
    for (entry, body) in site.articles.iter().zip(bodies) {
        let listed = &entry.terms[Taxonomy::Actor];
        let mut unlisted: Vec<&Mention> = body
            .mentions
            .iter()
            .filter(|m| !listed.contains(&m.actor))
            .collect();
        if unlisted.is_empty() {
            continue;
        }
        unlisted.sort_by_key(|m| m.offset);
        let article = &entry.article;
        // The body starts after `---`, the front matter and `---`.
        let first_line = article.origin.text.matches('\n').count() + 3;
        let source = article.body.as_str();
        let (mut line, mut line_start, mut at) = (first_line, 0, 0);
        for mention in unlisted {
            let offset = mention.offset.min(source.len());
            for (i, byte) in source.as_bytes()[at..offset].iter().enumerate() {
                if *byte == b'\n' {
                    line += 1;
                    line_start = at + i + 1;
                }
            }
            at = offset;
            let column = source
                .get(line_start..offset)
                .map_or(1, |text| text.chars().count() + 1);
            notes.push(Diagnostic::info(
                &article.path,
                line,
                column,
                format!(
                    "mentions {}, who is not in actors:",
                    actors[mention.actor].name
                ),
            ));
        }
    }
    crate::error::sort(&mut notes);
    notes
}
