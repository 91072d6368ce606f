//! The parts of an actor profile that are more than text: its `kind`, its
//! dated `roles`, its `image` with `image_alt`, its `links` and its
//! `wikidata` id. Each is checked on its own and reports every problem at
//! its line and column, like the rest of the front matter.

use std::path::Path;

use chrono::NaiveDate;

use super::dates;
use super::front_matter::ProfileMatter;
use super::yaml::{Field, Record, TypeError};
use crate::error::{Diagnostic, did_you_mean};

/// What kind of actor a profile describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Kind {
    /// A person (the default).
    #[default]
    Person,
    /// An organisation: NATO, the OSCE, a ministry, a company.
    Organisation,
    /// A country or government as a whole.
    Country,
    /// A group of people or states: the Quad, the G7.
    Group,
}

impl Kind {
    /// Every kind, in the order the actors index groups them.
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::Organisation, Kind::Country, Kind::Group];

    /// As written in front matter: `person`.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organisation => "organisation",
            Kind::Country => "country",
            Kind::Group => "group",
        }
    }

    /// A heading for a group of them: `People`.
    pub fn plural_title(self) -> &'static str {
        match self {
            Kind::Person => "People",
            Kind::Organisation => "Organisations",
            Kind::Country => "Countries",
            Kind::Group => "Groups",
        }
    }

    /// The schema.org type: `Person`, `Organization`, `Country`.
    pub fn schema_type(self) -> &'static str {
        match self {
            Kind::Person => "Person",
            Kind::Country => "Country",
            Kind::Organisation | Kind::Group => "Organization",
        }
    }

    fn parse(text: &str) -> Result<Kind, TypeError> {
        let keys: Vec<&str> = Kind::ALL.iter().map(|k| k.key()).collect();
        let lower = text.trim().to_lowercase();
        let found = match lower.as_str() {
            "organization" => Some(Kind::Organisation),
            other => Kind::ALL.into_iter().find(|k| k.key() == other),
        };
        found.ok_or_else(|| TypeError {
            message: match did_you_mean(&lower, &keys) {
                Some(near) => format!("unknown kind \"{text}\" (did you mean `{near}`?)"),
                None => format!("unknown kind \"{text}\""),
            },
            expected: "one of `person`, `organisation`, `country`, `group`".into(),
        })
    }
}

/// An office held from one date to another: `{title, org, from, to}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// "US Secretary of State" (with `title: {en: ..., ru: ...}`, the
    /// first one written).
    pub title: String,
    /// The title per language code, when `title:` maps languages to
    /// titles; in file order.
    pub titles: Vec<(String, String)>,
    /// "US Department of State", if given.
    pub org: Option<String>,
    /// First day in office, if known.
    pub from: Option<NaiveDate>,
    /// Last day in office; none while still in office.
    pub to: Option<NaiveDate>,
}

/// A link from a profile to elsewhere: `{title, url}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileLink {
    /// What the link says.
    pub title: String,
    /// Where it goes.
    pub url: String,
}

/// A profile's picture, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageMatter {
    /// `image:`: a file beside the profile, or a path in `static/`.
    pub file: String,
    /// `image_alt:`, the text alternative (required).
    pub alt: String,
}

/// Most roles one profile may list: looking up the role on a day walks
/// them, so their number is bounded.
pub const MAX_ROLES: usize = 100;

/// `kind:`.
pub fn kind(field: &Field) -> Result<Kind, TypeError> {
    Kind::parse(&field.text()?)
}

/// `names:`: a mapping of language codes to the actor's name in that
/// language (`{ru: Сергей Лавров, fr: Sergueï Lavrov}`). Which codes the
/// site lists is the model's to check.
pub fn names(field: &Field) -> Result<Vec<(String, String)>, TypeError> {
    let wrong = |found: String| TypeError {
        message: format!("`names` must map language codes to names, found {found}"),
        expected: "a mapping such as `names: {ru: Сергей Лавров, fr: Sergueï Lavrov}`".into(),
    };
    match field.data() {
        crate::load::yaml::Data::Null => Ok(Vec::new()),
        crate::load::yaml::Data::Map(map) => map
            .into_iter()
            .map(|(code, name)| match name {
                crate::load::yaml::Data::Text(name) if !name.trim().is_empty() => {
                    Ok((code, name.trim().to_string()))
                }
                _ => Err(wrong(format!("no name for `{code}`"))),
            })
            .collect(),
        _ => Err(wrong("something that is not a mapping".into())),
    }
}

/// `wikidata:`: a Q-id such as `Q15982`.
pub fn wikidata(field: &Field) -> Result<String, TypeError> {
    let text = field.text()?.trim().to_string();
    let digits = text.strip_prefix('Q').unwrap_or("");
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 12 {
        return Err(TypeError {
            message: format!("`wikidata` must be a Wikidata id, found \"{text}\""),
            expected: "a Q followed by digits, such as `wikidata: Q15982`".into(),
        });
    }
    Ok(text)
}

/// `no_mentions:` (read after the rest of the profile): each a spelling
/// the profile gives, its `name` or one of its `aliases`.
pub fn no_mentions(matter: &ProfileMatter, names: Vec<String>) -> Result<Vec<String>, TypeError> {
    let given: Vec<&str> = matter
        .name
        .iter()
        .chain(&matter.aliases)
        .map(String::as_str)
        .collect();
    let unknown: Vec<String> = names
        .iter()
        .filter(|n| !given.contains(&n.as_str()))
        .map(|n| format!("\"{n}\""))
        .collect();
    if unknown.is_empty() {
        return Ok(names);
    }
    let spellings = if given.is_empty() {
        "this profile gives no `name` or `aliases`".to_string()
    } else {
        format!("its spellings are {}", quoted_list(&given))
    };
    Err(TypeError {
        message: format!(
            "`no_mentions` lists {}, not this profile's name or one of its aliases ({spellings})",
            unknown.join(" and ")
        ),
        expected: "spellings from `name:` or `aliases:`, written the same way, such as `no_mentions: [UN]`".into(),
    })
}

fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
    quoted.join(", ")
}

/// Problems found in one list of records, each at its own position.
pub struct Checked<T> {
    /// The items that were valid.
    pub items: Vec<T>,
    /// Every problem, at the item's key.
    pub problems: Vec<Diagnostic>,
}

/// `roles:`, sorted by start date (undated first), each checked: a title,
/// possible dates, `to` not before `from`.
pub fn roles(path: &Path, field: &Field, front: &str) -> Result<Checked<Role>, TypeError> {
    let records = field.records(front, 2)?;
    let mut checked = Checked {
        items: Vec::new(),
        problems: Vec::new(),
    };
    if records.len() > MAX_ROLES {
        return Err(TypeError {
            message: format!(
                "`roles` lists {} roles, more than {MAX_ROLES}",
                records.len()
            ),
            expected: format!("at most {MAX_ROLES} roles"),
        });
    }
    for record in &records {
        match role(path, record, front) {
            Ok(role) => checked.items.push(role),
            Err(found) => checked.problems.extend(found),
        }
    }
    checked.items.sort_by_key(|role| role.from);
    Ok(checked)
}

/// One item of `roles:`, or every problem in it.
fn role(path: &Path, record: &Record, front: &str) -> Result<Role, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut problem = |line, column, message: String, expected: &str| {
        problems.push(
            Diagnostic::error(path, line, column, message)
                .expected(expected.to_string())
                .with_source(front, 2),
        );
    };
    let mut role = Role {
        title: String::new(),
        titles: Vec::new(),
        org: None,
        from: None,
        to: None,
    };
    let mut to_at = (record.line, record.column);
    for value in &record.values {
        let text = value.text.clone().map(|t| t.trim().to_string());
        let date = match text.as_deref() {
            None | Some("") => Ok(None),
            Some(t) => dates::parse(t).map(|stamp| Some(stamp.date)),
        };
        if !value.forms.is_empty() && value.key != "title" {
            problem(
                value.line,
                value.column,
                format!("`{}` in a role must be text, found a mapping", value.key),
                "a mapping of languages to texts only for `title`",
            );
            continue;
        }
        match (value.key.as_str(), date) {
            ("title", _) if !value.forms.is_empty() => {
                role.title = value.forms[0].1.clone();
                role.titles = value.forms.clone();
            }
            ("title", _) => role.title = text.unwrap_or_default(),
            ("org", _) => role.org = text.filter(|t| !t.is_empty()),
            ("from", Ok(day)) => role.from = day,
            ("to", Ok(day)) => {
                role.to = day;
                to_at = (value.line, value.column);
            }
            ("from" | "to", Err(why)) => problem(value.line, value.column, why, dates::EXPECTED),
            (other, _) => {
                let message = match did_you_mean(other, &["title", "org", "from", "to"]) {
                    Some(near) => {
                        format!("unknown key `{other}` in a role (did you mean `{near}`?)")
                    }
                    None => format!("unknown key `{other}` in a role"),
                };
                problem(
                    value.line,
                    value.column,
                    message,
                    "`title`, `org`, `from` and `to`",
                );
            }
        }
    }
    if role.title.is_empty() {
        problem(
            record.line,
            record.column,
            "a role has no `title`".into(),
            "a title such as `title: Foreign Minister of Ukraine`",
        );
    }
    if let (Some(from), Some(to)) = (role.from, role.to)
        && to < from
    {
        problem(
            to_at.0,
            to_at.1,
            format!(
                "the role \"{}\" ends ({to}) before it starts ({from})",
                role.title
            ),
            "a `to` date on or after `from`",
        );
    }
    if problems.is_empty() {
        Ok(role)
    } else {
        Err(problems)
    }
}

/// `links:`, each with a `title` and a `url`.
pub fn links(path: &Path, field: &Field, front: &str) -> Result<Checked<ProfileLink>, TypeError> {
    let records = field.records(front, 2)?;
    let mut checked = Checked {
        items: Vec::new(),
        problems: Vec::new(),
    };
    for record in &records {
        let get = |key: &str| {
            record
                .values
                .iter()
                .find(|v| v.key == key)
                .and_then(|v| v.text.clone())
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        match (get("title"), get("url")) {
            (Some(title), Some(url)) => checked.items.push(ProfileLink { title, url }),
            _ => checked
                .problems
                .push(missing_link_part(path, record, front)),
        }
    }
    Ok(checked)
}

fn missing_link_part(path: &Path, record: &Record, front: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        record.line,
        record.column,
        "a link needs both a `title` and a `url`",
    )
    .expected("`- {title: Official page, url: https://example.org/}`")
    .with_source(front, 2)
}
