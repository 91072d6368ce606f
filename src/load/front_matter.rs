//! Splits a content file into front matter and body, and turns the front
//! matter into typed fields: an article's, or an actor profile's.
//!
//! Every field is checked on its own, so one file can report several
//! problems at once; each names its line and column in the file.

use std::path::Path;

use super::dates::{self, Timestamp};
use super::profile::{self as parts, ImageMatter, Kind, ProfileLink, Role};
use super::source::{self, Source};
use super::writing::{self, Correction};
use super::yaml::{self, Data, Document, Field};
use crate::error::{Diagnostic, unknown_key};

/// The keys an article's front matter understands.
pub const ARTICLE_KEYS: &[&str] = &[
    "title",
    "date",
    "actors",
    "places",
    "tags",
    "summary",
    "source",
    "draft",
    "expires",
    "slug",
    "updated",
    "milestone",
    "corrections",
    "aliases",
    "authors",
    "extra",
    "link_mentions",
    "language",
    "translation_key",
];

/// The keys an actor profile understands.
pub const PROFILE_KEYS: &[&str] = &[
    "name",
    "kind",
    "role",
    "roles",
    "aliases",
    "names",
    "no_mentions",
    "image",
    "image_alt",
    "links",
    "wikidata",
    "extra",
];

/// An article's front matter, checked and typed.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// Headline.
    pub title: String,
    /// When it was published.
    pub date: Timestamp,
    /// People and organisations it is about, as written.
    pub actors: Vec<String>,
    /// Places it mentions.
    pub places: Vec<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// One sentence for lists and feeds.
    pub summary: Option<String>,
    /// Where the report comes from: text, or a web address with an
    /// optional label.
    pub source: Option<Source>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// `expires:`: taken down from then on.
    pub expires: Option<Timestamp>,
    /// Overrides the slug made from the title.
    pub slug: Option<String>,
    /// When it was last changed.
    pub updated: Option<Timestamp>,
    /// The event in a few words, for chronologies: `milestone:`.
    pub milestone: Option<String>,
    /// Dated corrections, newest first.
    pub corrections: Vec<Correction>,
    /// Old addresses that redirect here (`/2022/01/21/old-slug/`).
    pub aliases: Vec<String>,
    /// Who wrote it (the site's `author` when empty).
    pub authors: Vec<String>,
    /// Anything else, for templates.
    pub extra: Data,
    /// `link_mentions:`: link actors named in the body (none: the site's
    /// setting).
    pub link_mentions: Option<bool>,
    /// `language:` in a multilingual site (none: its folder's, else the
    /// default language).
    pub language: Option<String>,
    /// `translation_key:`: articles sharing it are translations of one
    /// another (none: those at the same path below each language folder).
    pub translation_key: Option<String>,
}

/// An actor profile's front matter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProfileMatter {
    /// The canonical name, as pages show it.
    pub name: Option<String>,
    /// "US Secretary of State".
    pub role: Option<String>,
    /// Other spellings that mean this actor.
    pub aliases: Vec<String>,
    /// `names:`: the name in other languages of a multilingual site, by
    /// language code (`{ru: Сергей Лавров}`), sorted by code.
    pub names: Vec<(String, String)>,
    /// `no_mentions:`: the name or aliases not looked for in article
    /// bodies (never linked, never noted by `check`).
    pub no_mentions: Vec<String>,
    /// Person (default), organisation, country or group.
    pub kind: Kind,
    /// Dated offices, by start date.
    pub roles: Vec<Role>,
    /// A picture with its text alternative.
    pub image: Option<ImageMatter>,
    /// Links elsewhere.
    pub links: Vec<ProfileLink>,
    /// A Wikidata id (`Q15982`).
    pub wikidata: Option<String>,
    /// Anything else, for templates.
    pub extra: Data,
}

/// Where in its file each front-matter key sits, for later errors (the
/// model reports clashes at the `title:` or `actors:` line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The front matter as written, starting at line 2 of the file.
    pub text: String,
    /// `(key, line, column)` of each top-level key.
    pub keys: Vec<(String, usize, usize)>,
}

impl Origin {
    /// An error placed at `key` (or at the opening `---` if it is absent).
    pub fn error_at(&self, path: &Path, key: &str, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self
            .keys
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, l, c)| (*l, *c))
            .unwrap_or((1, 1));
        Diagnostic::error(path, line, column, message)
            .with_source(&format!("---\n{}", self.text), 1)
    }
}

/// A file split at its front-matter fences.
struct Split<'a> {
    /// The YAML between the fences.
    pub front: &'a str,
    /// Everything after the closing fence.
    pub body: &'a str,
}

/// Splits `text` (BOM removed, `\n` line endings) into front matter and body.
fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(
            Diagnostic::error(path, 1, 1, "the file does not start with front matter")
                .expected("a first line of `---`, then `title:` and `date:`, then another `---`")
                .with_source(text, 1),
        );
    }
    let after_open = &text[first_line.len()..];
    let after_open = after_open.strip_prefix('\n').unwrap_or(after_open);
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Ok(Split {
                front: &after_open[..offset],
                body: &after_open[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(path, 1, 1, "the front matter is never closed")
            .expected("a line with only `---` after the last front-matter key")
            .with_source(text, 1),
    )
}

/// A file's front matter parsed, and its body.
pub struct Parsed<'a> {
    /// The top-level fields.
    pub doc: Document,
    /// Where each key is.
    pub origin: Origin,
    /// The YAML as written.
    pub front: &'a str,
    /// Everything after the closing fence.
    pub body: &'a str,
}

/// Splits `text` at its fences and parses the front matter.
pub fn parse<'a>(path: &Path, text: &'a str) -> Result<Parsed<'a>, Diagnostic> {
    let split = split(path, text)?;
    let (doc, origin) = document(path, split.front)?;
    Ok(Parsed {
        doc,
        origin,
        front: split.front,
        body: split.body,
    })
}

/// Parses the YAML of a split file, or says where its syntax breaks.
fn document(path: &Path, front: &str) -> Result<(Document, Origin), Diagnostic> {
    let doc = yaml::parse(front, 2).map_err(|err| err.diagnostic(path, front, 2))?;
    let origin = Origin {
        text: front.to_string(),
        keys: doc
            .fields
            .iter()
            .map(|f| (f.key.clone(), f.line, f.column))
            .collect(),
    };
    Ok((doc, origin))
}

/// Checks an article's fields. Returns the front matter if there were no
/// errors, and every problem (errors and warnings) either way.
pub fn article(path: &Path, doc: &Document, front: &str) -> (Option<FrontMatter>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut report = |field: &Field, message: String, expected: String| {
        problems.push(
            Diagnostic::error(path, field.line, field.column, message)
                .expected(expected)
                .with_source(front, 2),
        );
    };
    let mut title = None;
    let mut date = None;
    let mut matter = FrontMatter {
        title: String::new(),
        date: Timestamp {
            date: chrono::NaiveDate::MIN,
            moment: None,
        },
        actors: Vec::new(),
        places: Vec::new(),
        tags: Vec::new(),
        summary: None,
        source: None,
        draft: false,
        expires: None,
        slug: None,
        updated: None,
        milestone: None,
        corrections: Vec::new(),
        aliases: Vec::new(),
        authors: Vec::new(),
        extra: Data::Null,
        link_mentions: None,
        language: None,
        translation_key: None,
    };
    let mut warnings = Vec::new();
    for field in &doc.fields {
        let checked: Result<(), yaml::TypeError> = match field.key.as_str() {
            "title" => field
                .text()
                .and_then(|t| non_empty(field, t))
                .map(|t| title = Some(t)),
            "updated" if field.is_null() => Ok(()),
            "date" => date_field(field).map(|stamp| date = Some(stamp)),
            "updated" => date_field(field).map(|stamp| matter.updated = Some(stamp)),
            "expires" => date_field(field).map(|stamp| matter.expires = Some(stamp)),
            "actors" => field.text_list().map(|v| matter.actors = clean(v)),
            "places" => field.text_list().map(|v| matter.places = clean(v)),
            "tags" => field.text_list().map(|v| matter.tags = clean(v)),
            "summary" => optional_text(field).map(|v| matter.summary = v),
            "source" => source::source(field).map(|v| matter.source = v),
            "slug" => optional_text(field).map(|v| matter.slug = v),
            "milestone" => optional_text(field).map(|v| matter.milestone = v),
            "draft" => field.boolean().map(|v| matter.draft = v),
            "link_mentions" => field.boolean().map(|v| matter.link_mentions = Some(v)),
            "corrections" => writing::corrections(field).map(|v| matter.corrections = v),
            "aliases" => field.text_list().map(|v| matter.aliases = clean(v)),
            "authors" => field.text_list().map(|v| matter.authors = clean(v)),
            "language" => optional_text(field).map(|v| matter.language = v),
            "translation_key" => optional_text(field).map(|v| matter.translation_key = v),
            "extra" => {
                matter.extra = field.data();
                Ok(())
            }
            other => {
                warnings
                    .push(unknown_key(path, field.line, other, ARTICLE_KEYS).with_source(front, 2));
                Ok(())
            }
        };
        if let Err(e) = checked {
            report(field, e.message, e.expected);
        }
    }
    problems.extend(missing_keys(path, doc));
    let ok = problems.is_empty();
    problems.extend(warnings);
    match (ok, title, date) {
        (true, Some(title), Some(date)) => {
            matter.title = title;
            matter.date = date;
            if matter.updated.is_none() {
                matter.updated = matter.corrections.first().map(|c| c.date);
            }
            (Some(matter), problems)
        }
        _ => (None, problems),
    }
}

/// A `date:` or `updated:` value, with a message that says what is wrong
/// with it (impossible, empty, or not a date at all).
fn date_field(field: &Field) -> Result<Timestamp, yaml::TypeError> {
    let error = |message: String| yaml::TypeError {
        message,
        expected: dates::EXPECTED.into(),
    };
    match field.text() {
        Ok(text) => dates::parse(&text).map_err(error),
        Err(_) if field.is_null() => Err(error(format!("`{}` is empty", field.key))),
        Err(_) => Err(error(format!(
            "`{}` must be a date, found a list or mapping",
            field.key
        ))),
    }
}

/// Errors for the keys every article needs (`title`, `date`) when absent.
fn missing_keys(path: &Path, doc: &Document) -> Vec<Diagnostic> {
    let missing = |key: &str, expected: &str| {
        Diagnostic::error(path, 1, 1, format!("the front matter has no `{key}`"))
            .expected(expected.to_string())
            .with_source("---", 1)
    };
    let mut problems = Vec::new();
    if doc.get("title").is_none() {
        problems.push(missing(
            "title",
            "a line such as `title: Blinken meets Lavrov in Geneva`",
        ));
    }
    if doc.get("date").is_none() {
        problems.push(missing("date", "a line such as `date: 2022-01-21`"));
    }
    problems
}

/// Checks an actor profile's fields.
pub fn profile(path: &Path, doc: &Document, front: &str) -> (ProfileMatter, Vec<Diagnostic>) {
    let mut matter = ProfileMatter::default();
    let mut problems = Vec::new();
    let mut image: Option<(&Field, String)> = None;
    let mut alt = None;
    let mut no_mentions = None;
    for field in &doc.fields {
        let checked = match field.key.as_str() {
            "name" => optional_text(field).map(|v| matter.name = v),
            "no_mentions" => field
                .text_list()
                .map(|v| no_mentions = Some((field, clean(v)))),
            "role" => optional_text(field).map(|v| matter.role = v),
            "aliases" => field.text_list().map(|v| matter.aliases = clean(v)),
            "names" => parts::names(field).map(|v| matter.names = v),
            "kind" => parts::kind(field).map(|v| matter.kind = v),
            "roles" => parts::roles(path, field, front).map(|c| {
                problems.extend(c.problems);
                matter.roles = c.items;
            }),
            "links" => parts::links(path, field, front).map(|c| {
                problems.extend(c.problems);
                matter.links = c.items;
            }),
            "wikidata" => parts::wikidata(field).map(|v| matter.wikidata = Some(v)),
            "image" => optional_text(field).map(|v| image = v.map(|v| (field, v))),
            "image_alt" => optional_text(field).map(|v| alt = v),
            "extra" => {
                matter.extra = field.data();
                Ok(())
            }
            other => {
                problems
                    .push(unknown_key(path, field.line, other, PROFILE_KEYS).with_source(front, 2));
                Ok(())
            }
        };
        if let Err(e) = checked {
            problems.push(
                Diagnostic::error(path, field.line, field.column, e.message)
                    .expected(e.expected)
                    .with_source(front, 2),
            );
        }
    }
    match (image, alt) {
        (Some((_, file)), Some(alt)) => matter.image = Some(ImageMatter { file, alt }),
        (Some((field, file)), None) => problems.push(
            Diagnostic::error(
                path,
                field.line,
                field.column,
                format!("the image \"{file}\" has no `image_alt`"),
            )
            .expected("a text alternative such as `image_alt: Antony Blinken at a lectern`")
            .with_source(front, 2),
        ),
        _ => {}
    }
    if let Some((field, names)) = no_mentions {
        match parts::no_mentions(&matter, names) {
            Ok(names) => matter.no_mentions = names,
            Err(e) => problems.push(
                Diagnostic::error(path, field.line, field.column, e.message)
                    .expected(e.expected)
                    .with_source(front, 2),
            ),
        }
    }
    (matter, problems)
}

fn optional_text(field: &Field) -> Result<Option<String>, yaml::TypeError> {
    if field.is_null() {
        return Ok(None);
    }
    field
        .text()
        .map(|t| Some(t.trim().to_string()).filter(|t| !t.is_empty()))
}

fn non_empty(field: &Field, text: String) -> Result<String, yaml::TypeError> {
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err(yaml::TypeError {
            message: format!("`{}` is empty", field.key),
            expected: format!("some text after `{}:`", field.key),
        });
    }
    Ok(text)
}

fn clean(values: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for value in values {
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if !value.is_empty() && !out.contains(&value) {
            out.push(value);
        }
    }
    out
}
