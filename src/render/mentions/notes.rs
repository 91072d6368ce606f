//! `check`'s notes on mentions: an actor a body names that its front
//! matter does not list, said as a sentence with the `actors:` line to
//! paste.

use std::sync::Arc;

use super::Mention;
use crate::error::Diagnostic;
use crate::model::terms::Term;
use crate::model::{Entry, Site, Taxonomy};
use crate::render::markdown::Body;

/// `check`'s notes: each actor a body names that its front matter does not
/// list, at the mention's line and column in the file.
pub fn notes(site: &Site, bodies: &[Arc<Body>]) -> Vec<Diagnostic> {
    let actors = &site.terms[Taxonomy::Actor];
    let mut notes: Vec<Diagnostic> = site
        .articles
        .iter()
        .zip(bodies)
        .flat_map(|(entry, body)| article_notes(actors, entry, &entry.article.body.text(), body))
        .collect();
    crate::error::sort(&mut notes);
    notes
}

/// The notes on one article (`entry`, its Markdown `source` rendered as
/// `body`; `actors`: the site's actor terms), in the order of the text.
pub fn article_notes(actors: &[Term], entry: &Entry, source: &str, body: &Body) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    let listed = &entry.terms[Taxonomy::Actor];
    let mut unlisted: Vec<&Mention> = body
        .mentions
        .iter()
        .filter(|m| !listed.contains(&m.actor))
        .collect();
    if unlisted.is_empty() {
        return notes;
    }
    unlisted.sort_by_key(|m| m.offset);
    let article = &entry.article;
    // The body starts after `---`, the front matter and `---`.
    let first_line = article.origin.text.matches('\n').count() + 3;
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
        let name = &actors[mention.actor].name;
        notes.push(Diagnostic::info(
            &article.path,
            line,
            column,
            sentence(name, &article.matter.actors),
        ));
    }
    notes
}

/// The note on `name`, for an article whose `actors:` lists `listed` (as
/// written): what is missing, and the line that adds it.
fn sentence(name: &str, listed: &[String]) -> String {
    let line: Vec<String> = listed
        .iter()
        .map(String::as_str)
        .chain([name])
        .map(yaml_item)
        .collect();
    let line = format!("actors: [{}]", line.join(", "));
    if listed.is_empty() {
        format!(
            "mentions {name}, who is not in this article's actors; to list them, add the line: {line}"
        )
    } else {
        format!(
            "mentions {name}, who is not in this article's actors; to list them, make the `actors:` line read: {line}"
        )
    }
}

/// `name` as an item of a YAML flow list: quoted when it holds a comma,
/// a bracket or another character YAML would read otherwise.
fn yaml_item(name: &str) -> String {
    let special_inside =
        name.contains([',', '[', ']', '{', '}']) || name.contains(": ") || name.contains(" #");
    let special_start = name.starts_with([
        '&', '*', '!', '|', '>', '%', '@', '`', '?', '-', ':', '#', '"', '\'',
    ]);
    if special_inside || special_start || name.ends_with(':') {
        let escaped = name.replace('\\', "\\\\").replace('"', "\\\"");
        format!("\"{escaped}\"")
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_a_sentence_with_the_line_to_paste() {
        assert_eq!(
            sentence("United Nations", &["Sergey Lavrov".into()]),
            "mentions United Nations, who is not in this article's actors; to list them, make the `actors:` line read: actors: [Sergey Lavrov, United Nations]"
        );
        assert_eq!(
            sentence("Joe Biden", &[]),
            "mentions Joe Biden, who is not in this article's actors; to list them, add the line: actors: [Joe Biden]"
        );
    }

    #[test]
    fn names_yaml_would_misread_are_quoted() {
        assert_eq!(
            yaml_item("Ministry of Defence, UK"),
            "\"Ministry of Defence, UK\""
        );
        assert_eq!(yaml_item("\"The\" Group"), "\"\\\"The\\\" Group\"");
        assert_eq!(yaml_item("-Minus"), "\"-Minus\"");
        assert_eq!(yaml_item("O'Brien"), "O'Brien");
        assert_eq!(yaml_item("Jens Stoltenberg"), "Jens Stoltenberg");
    }
}
