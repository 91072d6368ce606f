//! The Markdown dialect and the ids its headings get, in one place: the
//! renderer writes these ids on the page, and the model checks links to a
//! `#heading` of another article against the same ids without rendering.
//!
//! An id is made from the heading's text (`slugify`), unique within the
//! page (`id`, `id-2`, `id-3`...); an explicit `{#id}` is kept as written.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::slug::slugify;

/// The Markdown extensions every body is read with.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Gives each heading without an explicit `{#id}` one made from its text,
/// unique within the page. Linear in the number of headings: each base
/// remembers the next number to try, so a page of thousands of identical
/// headings does not search from 1 each time.
pub fn with_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading {
            level, id: None, ..
        }) = &events[i]
        {
            let level: HeadingLevel = *level;
            let text: String = events[i + 1..]
                .iter()
                .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(l)) if *l == level))
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let base = match slugify(&text) {
                s if s.is_empty() => "section".to_string(),
                s => s,
            };
            // Ids only ever get taken, so numbers tried before stay taken.
            let mut n = next.get(&base).copied().unwrap_or(1);
            let mut id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            while used.contains(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            next.insert(base, n);
            used.insert(id.clone());
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(id.into());
            }
        }
        i += 1;
    }
    events
}

/// Every heading id of the page `source` renders to, in page order.
pub fn heading_ids(source: &str) -> Vec<String> {
    let events: Vec<Event> = Parser::new_ext(source, options()).collect();
    with_heading_ids(events)
        .into_iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_those_the_page_gets() {
        assert_eq!(
            heading_ids("## Talks in Geneva\n\n## Talks in Geneva\n\n# Other {#own}\n"),
            ["talks-in-geneva", "talks-in-geneva-2", "own"]
        );
    }
}
