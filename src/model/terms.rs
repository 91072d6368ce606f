//! Indexes from a name (actor, place, tag) to the articles that carry it,
//! built in one pass over the sorted articles.
//!
//! Names are grouped by slug. Spellings that differ only in case or accents
//! (`Sergéy Lavrov`, `Sergey Lavrov`) are merged with a warning; spellings
//! that merely slug alike (`Sergey-Lavrov`) are an error naming both. An
//! actor profile's `name` and `aliases` map other spellings onto one actor.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::slug::{fold, slugify};
use super::taxonomy::Taxonomy;
use crate::error::Diagnostic;
use crate::load::{Article, Profile};
use crate::paths;

/// One actor, place or tag and everything published about it.
#[derive(Debug, Clone)]
pub struct Term {
    /// URL segment.
    pub slug: String,
    /// Its page below the site root: `actors/<slug>/`.
    pub path: String,
    /// Display name: the profile's, else the most used spelling.
    pub name: String,
    /// Indexes into [`super::Site::articles`], newest first.
    pub articles: Vec<usize>,
    /// The actor's profile, if `content/actors/<slug>.md` gives one (only
    /// actors have profiles).
    pub profile: Option<Profile>,
}

/// A term's spellings: spelling -> (uses, first article using it in
/// path order).
pub(super) type Spellings = BTreeMap<String, (usize, usize)>;

struct Draft {
    slug: String,
    profile: Option<Profile>,
    spellings: Spellings,
    articles: Vec<usize>,
}

/// What [`TermIndex::finish`] returns: the terms in order, each `add`
/// id's position among them, the problems, the terms left out.
pub type Finished = (Vec<Term>, Vec<usize>, Vec<Diagnostic>, Vec<Term>);

/// Collects the terms of one kind while the articles are walked in order.
pub struct TermIndex {
    /// Which kind of term this indexes.
    taxonomy: Taxonomy,
    by_slug: HashMap<String, usize>,
    /// Each spelling seen so far and its term: names repeat across
    /// thousands of articles, and slugging them is the costly part.
    by_name: HashMap<String, usize>,
    drafts: Vec<Draft>,
    problems: Vec<Diagnostic>,
}

impl TermIndex {
    /// An empty index of `taxonomy`'s terms.
    pub fn new(taxonomy: Taxonomy) -> Self {
        Self {
            taxonomy,
            by_slug: HashMap::new(),
            by_name: HashMap::new(),
            drafts: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Registers actor profiles: their slug, name and aliases.
    pub fn add_profiles(&mut self, profiles: Vec<Profile>) {
        // Which field of which profile claimed each slug first.
        let mut claims: HashMap<String, (&'static str, String)> = HashMap::new();
        for profile in profiles {
            let slug = slugify(&profile.slug);
            if slug != profile.slug {
                self.problems.push(
                    Diagnostic::error(
                        &profile.path,
                        0,
                        0,
                        format!("`{}` is not a valid actor slug", profile.slug),
                    )
                    .expected(format!("a file name such as `{slug}.md`")),
                );
                continue;
            }
            let id = self.drafts.len();
            for (key, field, text) in profile_keys(&profile, &slug) {
                if let Some(&other) = self.by_slug.get(&key)
                    && other != id
                {
                    let (other_field, other_text) =
                        claims.get(&key).cloned().unwrap_or(("name", key.clone()));
                    let other_path = self.drafts[other]
                        .profile
                        .as_ref()
                        .map(|p| p.path.display().to_string())
                        .unwrap_or_default();
                    self.problems.push(
                        profile
                            .origin
                            .error_at(
                                &profile.path,
                                field,
                                format!(
                                    "{} \"{text}\" already names the actor of {other_path} (its {} \"{other_text}\")",
                                    describe(field),
                                    describe(other_field)
                                ),
                            )
                            .expected("each name and alias in one profile only: merge the two profiles, or drop the spelling from one"),
                    );
                    continue;
                }
                self.by_slug.insert(key.clone(), id);
                claims.insert(key, (field, text));
            }
            self.drafts.push(Draft {
                slug,
                profile: Some(profile),
                spellings: BTreeMap::new(),
                articles: Vec::new(),
            });
        }
    }

    /// Records that article `index` names each of `names`; returns their
    /// term ids, each once, in the order given. A term named twice (two
    /// spellings of one actor) is a warning.
    pub fn add_names(
        &mut self,
        names: &[String],
        index: usize,
        articles: &[Arc<Article>],
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<usize> {
        // The spelling that first gave each id, beside `ids`. A front
        // matter names a few: searched; a long list (written by a tool,
        // or hostile) is hashed (`HashMap::new` allocates nothing).
        let long = names.len() > 32;
        let mut hashed: HashMap<usize, usize> = HashMap::new();
        let mut first: Vec<&str> = Vec::with_capacity(names.len());
        let mut ids = Vec::with_capacity(names.len());
        for name in names {
            let Some(id) = self.add(name, index, articles) else {
                continue;
            };
            let earlier = match long {
                true => hashed.get(&id).copied(),
                false => ids.iter().position(|&i| i == id),
            };
            match earlier {
                Some(at) => problems.push(listed_twice(
                    self.taxonomy,
                    self.drafts[id].profile.as_ref(),
                    name,
                    first[at],
                    &articles[index],
                )),
                None => {
                    if long {
                        hashed.insert(id, ids.len());
                    }
                    first.push(name);
                    ids.push(id);
                }
            }
        }
        ids
    }

    /// Records that article `index` names `name`; returns the term's id.
    fn add(&mut self, name: &str, index: usize, articles: &[Arc<Article>]) -> Option<usize> {
        let article = &articles[index];
        if let Some(&id) = self.by_name.get(name) {
            self.record(id, name, index, articles);
            return Some(id);
        }
        let slug = slugify(name);
        if slug.is_empty() {
            self.problems.push(
                article
                    .origin
                    .error_at(
                        &article.path,
                        self.taxonomy.key(),
                        format!(
                            "{} name \"{name}\" has no letters or digits to make a URL from",
                            self.taxonomy.singular()
                        ),
                    )
                    .expected("a name with at least one letter or digit"),
            );
            return None;
        }
        let id = *self.by_slug.entry(slug.clone()).or_insert_with(|| {
            self.drafts.push(Draft {
                slug,
                profile: None,
                spellings: BTreeMap::new(),
                articles: Vec::new(),
            });
            self.drafts.len() - 1
        });
        self.by_name.insert(name.to_string(), id);
        self.record(id, name, index, articles);
        Some(id)
    }

    /// Notes that article `index` carries term `id`, spelled `name`.
    fn record(&mut self, id: usize, name: &str, index: usize, articles: &[Arc<Article>]) {
        let draft = &mut self.drafts[id];
        if draft.articles.last() != Some(&index) {
            draft.articles.push(index);
        }
        let seen = match draft.spellings.get_mut(name) {
            Some(seen) => seen,
            None => draft
                .spellings
                .entry(name.to_string())
                .or_insert((0, index)),
        };
        seen.0 += 1;
        // Messages name the first file in path order, not in date order.
        if seen.1 != index && path_before(&articles[index].path, &articles[seen.1].path) {
            seen.1 = index;
        }
    }

    /// Sorts the terms (most articles first, then by name), checks the
    /// spellings, and returns the terms, a map from the ids `add` gave to
    /// positions in the sorted list, the problems found, and the terms
    /// left out: actors with a profile that no article names (yet: one
    /// named only in scheduled articles gets no page, no listing, no
    /// search entry and no mention link until one goes live).
    pub fn finish(self, articles: &[Arc<Article>]) -> Finished {
        let TermIndex {
            taxonomy,
            drafts,
            mut problems,
            ..
        } = self;
        let mut terms = Vec::with_capacity(drafts.len());
        for draft in drafts {
            let name = check_spellings(
                taxonomy,
                &draft.slug,
                draft.profile.as_ref(),
                &draft.spellings,
                articles,
                &mut problems,
            );
            terms.push(Term {
                path: paths::term(taxonomy, &draft.slug),
                slug: draft.slug,
                name,
                articles: draft.articles,
                profile: draft.profile,
            });
        }
        let mut order: Vec<usize> = (0..terms.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&terms[a], &terms[b]);
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let mut remap = vec![0; terms.len()];
        for (position, &id) in order.iter().enumerate() {
            remap[id] = position;
        }
        let mut slots: Vec<Option<Term>> = terms.into_iter().map(Some).collect();
        let mut sorted: Vec<Term> = order.iter().filter_map(|&id| slots[id].take()).collect();
        // Most articles first: the terms without any come last.
        let named = sorted.partition_point(|term| !term.articles.is_empty());
        let unlisted = sorted.split_off(named);
        (sorted, remap, problems, unlisted)
    }
}

/// The warning for an article that names one term twice (`Ilse Marek`
/// and `Tomas Ardan`, when a profile makes one an alias of the other).
pub(super) fn listed_twice(
    taxonomy: Taxonomy,
    profile: Option<&Profile>,
    name: &str,
    earlier: &str,
    article: &Article,
) -> Diagnostic {
    let through = match profile {
        Some(profile) => format!(" (through {})", profile.path.display()),
        None => String::new(),
    };
    let mut warning = article.origin.error_at(
        &article.path,
        taxonomy.key(),
        format!(
            "{kind} \"{name}\" is the same {kind} as \"{earlier}\"{through}, listed twice; it is shown once",
            kind = taxonomy.singular()
        ),
    );
    warning.severity = crate::error::Severity::Warning;
    warning
}

/// Whether `a` comes before `b` in path order (component by component,
/// as `Path`'s `Ord`), without parsing components: a separator sorts
/// before any other byte, which gives the same order for paths with
/// single separators, as the load makes them.
pub(super) fn path_before(a: &std::path::Path, b: &std::path::Path) -> bool {
    path_key(a).lt(path_key(b))
}

/// `path`'s bytes with each separator as 0.
fn path_key(path: &std::path::Path) -> impl Iterator<Item = u8> + '_ {
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(|&byte| match byte {
            b'/' => 0,
            byte if char::from(byte) == std::path::MAIN_SEPARATOR => 0,
            byte => byte,
        })
}

/// The slugs a profile claims, each once, with the field that claims it
/// (`name` before `aliases` before the file name, so a clash points at the
/// line that made it) and the text as written.
pub(super) fn profile_keys(profile: &Profile, slug: &str) -> Vec<(String, &'static str, String)> {
    let mut keys: Vec<(String, &'static str, String)> = Vec::new();
    let written = profile
        .matter
        .name
        .iter()
        .map(|n| ("name", n))
        .chain(profile.matter.aliases.iter().map(|a| ("aliases", a)));
    for (field, text) in written {
        keys.push((slugify(text), field, text.clone()));
    }
    keys.push((slug.to_string(), "file", format!("{slug}.md")));
    let mut seen = std::collections::HashSet::new();
    keys.retain(|(key, _, _)| !key.is_empty() && seen.insert(key.clone()));
    keys
}

/// How a message names a profile field.
fn describe(field: &str) -> &'static str {
    match field {
        "name" => "name",
        "aliases" => "alias",
        _ => "file name",
    }
}

/// Picks the display name and reports spellings that are not the same name.
pub(super) fn check_spellings(
    taxonomy: Taxonomy,
    slug: &str,
    profile: Option<&Profile>,
    spellings: &Spellings,
    articles: &[Arc<Article>],
    problems: &mut Vec<Diagnostic>,
) -> String {
    let (kind, key) = (taxonomy.singular(), taxonomy.key());
    let most_used = spellings
        .iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(a.0)))
        .map(|(s, _)| s.clone());
    if let Some(profile) = profile {
        let name = profile
            .matter
            .name
            .clone()
            .or(most_used)
            .unwrap_or_else(|| slug.to_string());
        // Anything that reached a profile through its name or an alias is
        // that actor by the profile's word; only report look-alikes.
        let known: Vec<String> = std::iter::once(name.clone())
            .chain(profile.matter.aliases.iter().cloned())
            .collect();
        let profile_file = profile.path.display().to_string();
        for (spelling, &(_, first)) in spellings {
            if known.contains(spelling) {
                continue;
            }
            let same = known.iter().find(|k| fold(k) == fold(spelling));
            let alike = known.iter().find(|k| slugify(k) == slugify(spelling));
            if let Some(k) = same.or(alike) {
                let clash = Clash {
                    kind,
                    key,
                    spelling,
                    name: k,
                    name_file: &profile_file,
                    same_name: same.is_some(),
                };
                clash.report(&articles[first], problems);
            }
        }
        return name;
    }
    let Some(name) = most_used else {
        return slug.to_string();
    };
    let (_, first_of_name) = spellings[&name];
    for (spelling, &(_, first)) in spellings {
        if *spelling != name {
            let where_name = articles[first_of_name].path.display().to_string();
            let clash = Clash {
                kind,
                key,
                spelling,
                name: &name,
                name_file: &where_name,
                same_name: fold(spelling) == fold(&name),
            };
            clash.report(&articles[first], problems);
        }
    }
    name
}

/// Two spellings that land on one slug.
struct Clash<'a> {
    kind: &'a str,
    key: &'a str,
    spelling: &'a str,
    name: &'a str,
    name_file: &'a str,
    /// They differ only in case or accents: merge, with a warning.
    same_name: bool,
}

impl Clash<'_> {
    fn report(&self, article: &Article, problems: &mut Vec<Diagnostic>) {
        let Clash {
            kind,
            key,
            spelling,
            name,
            name_file,
            ..
        } = self;
        if self.same_name {
            let mut warning = article.origin.error_at(
                &article.path,
                key,
                format!("{kind} \"{spelling}\" is taken to be \"{name}\" (they differ only in case or accents)"),
            );
            warning.severity = crate::error::Severity::Warning;
            problems.push(warning.note(format!("\"{name}\" is used in {name_file}")));
        } else {
            problems.push(
                article
                    .origin
                    .error_at(
                        &article.path,
                        key,
                        format!("{kind} \"{spelling}\" and {kind} \"{name}\" would share the URL slug `{}`", slugify(name)),
                    )
                    .expected(format!("one spelling for one {kind}, or names that differ in more than punctuation"))
                    .note(format!("\"{name}\" is used in {name_file}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::path_before;
    use std::path::Path;

    #[test]
    fn paths_compare_as_paths_do_component_by_component() {
        let paths = [
            "content/a.md",
            "content/a/b.md",
            "content/a-b.md",
            "content/a.b/c.md",
            "content/2022/x.md",
            "content/2022-x.md",
            "content/ab.md",
            "/site/content/a.md",
        ];
        for a in paths {
            for b in paths {
                let (x, y) = (Path::new(a), Path::new(b));
                assert_eq!(path_before(x, y), x < y, "{a} {b}");
            }
        }
    }
}
