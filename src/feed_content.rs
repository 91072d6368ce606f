//! `feed_content:` in `site.yaml`: which feeds carry each entry's full
//! body and which only its summary and link.
//!
//! A desk's term feeds (one per actor, place, topic and author) hold most
//! of what it publishes when they carry full bodies; by default they carry
//! summaries and the site's own feed (and the chronology's) full bodies.

use crate::load::yaml::{Data, TypeError};

/// The kinds of feed `feed_content:` names, in the order README lists them.
pub const KINDS: &[&str] = &["site", "chronology", "actors", "places", "tags", "authors"];

/// Whether each kind of feed carries full bodies (`true`) or summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedContent {
    full: [bool; 6],
}

impl Default for FeedContent {
    fn default() -> Self {
        Self {
            full: [true, true, false, false, false, false],
        }
    }
}

impl FeedContent {
    /// Whether feeds of `kind` (one of [`KINDS`]) carry full bodies.
    pub fn full(&self, kind: &str) -> bool {
        KINDS
            .iter()
            .position(|k| *k == kind)
            .is_some_and(|i| self.full[i])
    }

    /// Reads `feed_content:`'s value: `full` or `summary` for every feed,
    /// or a mapping from kinds of feed to `full` or `summary` (kinds left
    /// out keep their default).
    pub fn parse(value: &Data) -> Result<Self, TypeError> {
        let mut content = Self::default();
        match value {
            Data::Text(text) => content.full = [choice(None, text)?; 6],
            Data::Map(map) => {
                for (kind, choice_value) in map {
                    let Some(i) = KINDS.iter().position(|k| k == kind) else {
                        return Err(TypeError {
                            message: match crate::error::did_you_mean(kind, KINDS) {
                                Some(near) => format!(
                                    "`feed_content` has no kind of feed `{kind}`; did you mean `{near}`?"
                                ),
                                None => format!("`feed_content` has no kind of feed `{kind}`"),
                            },
                            expected: format!("one of {}", backticked(KINDS)),
                        });
                    };
                    let Data::Text(text) = choice_value else {
                        return Err(wrong(Some(kind)));
                    };
                    content.full[i] = choice(Some(kind), text)?;
                }
            }
            _ => return Err(wrong(None)),
        }
        Ok(content)
    }
}

/// `full` or `summary`, for the feeds of `kind` (all when none).
fn choice(kind: Option<&str>, text: &str) -> Result<bool, TypeError> {
    match text.trim() {
        "full" => Ok(true),
        "summary" => Ok(false),
        _ => Err(wrong(kind)),
    }
}

fn wrong(kind: Option<&str>) -> TypeError {
    let key = match kind {
        Some(kind) => format!("`{kind}` in `feed_content`"),
        None => "`feed_content`".to_string(),
    };
    TypeError {
        message: format!("{key} must be `full` or `summary`"),
        expected: "`feed_content: summary`, or a kind of feed per line such as `actors: full`"
            .into(),
    }
}

fn backticked(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn by_default_the_site_and_chronology_feeds_are_full_and_term_feeds_summaries() {
        let content = FeedContent::default();
        assert!(content.full("site") && content.full("chronology"));
        assert!(!content.full("actors") && !content.full("tags") && !content.full("authors"));
    }

    #[test]
    fn one_word_sets_every_feed_and_a_mapping_sets_some() {
        let all = FeedContent::parse(&Data::Text("full".into())).unwrap();
        assert!(KINDS.iter().all(|k| all.full(k)));
        let map = BTreeMap::from([
            ("actors".to_string(), Data::Text("full".into())),
            ("site".to_string(), Data::Text("summary".into())),
        ]);
        let some = FeedContent::parse(&Data::Map(map)).unwrap();
        assert!(some.full("actors") && !some.full("site") && !some.full("places"));
    }

    #[test]
    fn unknown_kinds_and_values_are_named() {
        let map = BTreeMap::from([("actor".to_string(), Data::Text("full".into()))]);
        let err = FeedContent::parse(&Data::Map(map)).unwrap_err();
        assert_eq!(
            err.message,
            "`feed_content` has no kind of feed `actor`; did you mean `actors`?"
        );
        let err = FeedContent::parse(&Data::Text("bodies".into())).unwrap_err();
        assert_eq!(err.message, "`feed_content` must be `full` or `summary`");
    }
}
