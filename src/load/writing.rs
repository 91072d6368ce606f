//! The front-matter keys of writing after publication: `corrections:`
//! (dated notes, shown newest first) and `aliases:` (the old addresses of
//! an article whose URL changed). Checked here so `front_matter.rs` only
//! dispatches to them.

use super::dates::{self, Timestamp};
use super::yaml::{self, Data, Field};

/// One dated correction of a published article.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// When it was corrected.
    pub date: Timestamp,
    /// What was wrong and what is right now.
    pub text: String,
}

const CORRECTION: &str =
    "a list of `{date: 2022-01-19, text: What was corrected.}` entries under `corrections:`";

/// `corrections:`, newest first.
pub fn corrections(field: &Field) -> Result<Vec<Correction>, yaml::TypeError> {
    let error = |message: String| yaml::TypeError {
        message,
        expected: CORRECTION.into(),
    };
    let items = match field.data() {
        Data::Null => return Ok(Vec::new()),
        Data::List(items) => items,
        _ => return Err(error("`corrections` must be a list".into())),
    };
    let mut corrections = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let n = n + 1;
        let Data::Map(map) = item else {
            return Err(error(format!(
                "correction {n} must have a `date` and a `text`"
            )));
        };
        if let Some(key) = map.keys().find(|k| *k != "date" && *k != "text") {
            return Err(error(format!("correction {n} has an unknown key `{key}`")));
        }
        let date = match map.get("date") {
            Some(Data::Text(text)) => {
                dates::parse(text).map_err(|why| error(format!("correction {n}: {why}")))?
            }
            _ => return Err(error(format!("correction {n} has no `date`"))),
        };
        let text = match map.get("text") {
            Some(Data::Text(text)) if !text.trim().is_empty() => text.trim().to_string(),
            _ => return Err(error(format!("correction {n} has no `text`"))),
        };
        corrections.push(Correction { date, text });
    }
    corrections.sort_by(|a, b| {
        (b.date.date, b.date.seconds_into_day()).cmp(&(a.date.date, a.date.seconds_into_day()))
    });
    Ok(corrections)
}

/// The keys an author profile understands.
pub const AUTHOR_KEYS: &[&str] = &["name", "links"];

/// An author profile from `content/authors/<slug>.md`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AuthorProfile {
    /// The file, as shown in messages.
    pub path: std::path::PathBuf,
    /// The file name without `.md`: the author's slug.
    pub slug: String,
    /// The name pages show (else the name articles give).
    pub name: Option<String>,
    /// Web addresses about the author.
    pub links: Vec<String>,
    /// Markdown biography.
    pub bio: String,
}

/// Checks an author profile's fields into `profile`.
pub fn author(
    path: &std::path::Path,
    doc: &yaml::Document,
    front: &str,
    profile: &mut AuthorProfile,
) -> Vec<crate::error::Diagnostic> {
    let mut problems = Vec::new();
    for field in &doc.fields {
        let checked = match field.key.as_str() {
            "name" => field
                .text()
                .map(|v| profile.name = Some(v.trim().to_string()).filter(|v| !v.is_empty())),
            "links" => field.text_list().map(|v| profile.links = v),
            other => {
                problems.push(
                    crate::error::unknown_key(path, field.line, other, AUTHOR_KEYS)
                        .with_source(front, 2),
                );
                Ok(())
            }
        };
        if let Err(e) = checked {
            problems.push(
                crate::error::Diagnostic::error(path, field.line, field.column, e.message)
                    .expected(e.expected)
                    .with_source(front, 2),
            );
        }
    }
    problems
}
