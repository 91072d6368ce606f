//! Multilingual sites (`languages: [en, ru]` in `site.yaml`): one [`Site`]
//! per language, each a pure model of that language's articles.
//!
//! An article's language is its `language:`, else its top folder below
//! `content/` when that folder is named after a listed language
//! (`content/ru/...`), else the default (the first listed). Each
//! language's site is built by [`super::build`] as a site of its own, with
//! a copy of the settings whose `language` is that language and whose
//! `language_path` puts its pages below `/<lang>/` (empty for the
//! default, which keeps the addresses of a site in one language). Actor
//! profiles are shared: each language's copy shows the actor under its
//! `names:` entry for that language, the other spellings joining as
//! aliases, and keeps the canonical slug so addresses match across
//! languages. Translations are articles sharing a `translation_key:`, or
//! at the same path below each language folder; each [`Entry`] lists its
//! translations.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::{Entry, Site};
use crate::config::Config;
use crate::error::{Diagnostic, did_you_mean};
use crate::i18n::Translations;
use crate::load::publication::Publication;
use crate::load::{Article, Profile};
use crate::paths;

/// One language of a multilingual site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// Its code as `languages:` lists it (`ru`, `pt-BR`).
    pub code: String,
    /// Its name in itself ("Русский"), from its translation table.
    pub name: String,
    /// Where its pages are below the root: empty for the default, `ru/`.
    pub path: String,
}

/// The same article in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// Which language: an index into [`Site::languages`].
    pub language: usize,
    /// Its page below that language's root (`2022/01/18/<slug>/`).
    pub path: String,
}

/// The languages `config` lists, with their own names and paths (none for
/// a site in one language).
pub fn languages(config: &Config) -> Vec<Language> {
    if !config.is_multilingual() {
        return Vec::new();
    }
    config
        .languages
        .iter()
        .enumerate()
        .map(|(i, code)| Language {
            code: code.clone(),
            name: own_name(code),
            path: if i == 0 {
                String::new()
            } else {
                paths::language(code)
            },
        })
        .collect()
}

/// A language's name in itself, from its built-in table ("Русский"); its
/// code when briefing has no table for it.
fn own_name(code: &str) -> String {
    let words = Translations::built_in(code);
    if words.has_built_in() {
        words.text("language_name", &[])
    } else {
        code.to_string()
    }
}

/// What [`build`] makes: the default language's site (the only one of a
/// site in one language), the other languages' sites in the order
/// `languages:` lists them, and every problem found.
pub type Built = (Site, Vec<Site>, Vec<Diagnostic>);

/// Builds one site per language of `config` (one site when it lists at
/// most one).
pub fn build(
    config: Config,
    articles: Vec<Arc<Article>>,
    profiles: Vec<Profile>,
    publication: Publication,
) -> Built {
    let languages: Arc<[Language]> = languages(&config).into();
    if languages.is_empty() {
        let (site, problems) = super::build(config, articles, profiles, publication);
        return (site, Vec::new(), problems);
    }
    let mut problems = Vec::new();
    let mut parts: Vec<Vec<Arc<Article>>> = vec![Vec::new(); languages.len()];
    let mut groups: HashMap<String, Vec<(usize, Arc<Article>)>> = HashMap::new();
    for article in articles {
        let language = language_of(&config, &article, &mut problems);
        let key = translation_key(&config, &article, language);
        groups
            .entry(key)
            .or_default()
            .push((language, article.clone()));
        parts[language].push(article);
    }
    problems.extend(translation_clashes(&languages, &groups));
    problems.extend(unlisted_folders(&config, parts.iter().flatten()));
    problems.extend(unknown_names(&config, &profiles));
    let mut sites = Vec::with_capacity(languages.len());
    for (language, part) in languages.iter().zip(parts) {
        let mut own = config.clone();
        own.language = language.code.clone();
        own.language_path = language.path.clone();
        let named = profiles
            .iter()
            .map(|p| named_in(p, &language.code))
            .collect();
        let (mut site, found) = super::build(own, part, named, publication.clone());
        site.languages = languages.clone();
        problems.extend(found);
        sites.push(site);
    }
    link_translations(&mut sites, &groups);
    let others = sites.split_off(1);
    // `languages` lists at least two: `sites` holds the default's.
    let default = sites.swap_remove(0);
    (default, others, distinct(problems))
}

/// The language of `article`: an index into `config.languages`. A
/// `language:` the site does not list, or one its folder contradicts, is
/// an error at the key.
fn language_of(config: &Config, article: &Article, problems: &mut Vec<Diagnostic>) -> usize {
    let listed = &config.languages;
    let folder = folder_language(config, &article.file);
    let Some(own) = &article.matter.language else {
        return folder.unwrap_or(0);
    };
    let Some(index) = listed.iter().position(|code| code == own) else {
        let names: Vec<&str> = listed.iter().map(String::as_str).collect();
        let hint = nearest_listed(own, &names);
        problems.push(
            article
                .origin
                .error_at(
                    &article.path,
                    "language",
                    format!("`language: {own}` is not one of the site's `languages`{hint}"),
                )
                .expected(format!("one of `{}`", names.join("`, `"))),
        );
        return folder.unwrap_or(0);
    };
    if let Some(folder) = folder.filter(|&f| f != index) {
        let code = &listed[folder];
        problems.push(
            article
                .origin
                .error_at(
                    &article.path,
                    "language",
                    format!("`language: {own}` but the file is in `content/{code}/`, the folder of `{code}`"),
                )
                .expected(format!(
                    "`language: {code}`, no `language:`, or the file moved out of `content/{code}/`"
                )),
        );
    }
    index
}

/// The language whose folder `file` (relative to `content/`) is in, if
/// its top folder is named after a listed language other than the
/// default (the default's articles are at the top, as in a site in one
/// language; a `content/en/` folder of a default `en` counts too).
fn folder_language(config: &Config, file: &str) -> Option<usize> {
    let (top, _) = file.split_once('/')?;
    config.languages.iter().position(|code| code == top)
}

/// A top folder of `content/` named after a language briefing has a
/// table for but `languages:` does not list (`content/fr/` in an
/// `[en, ru]` site): its articles are in the default language, likely
/// not what was meant. One warning per folder, at its first article.
fn unlisted_folders<'a>(
    config: &Config,
    articles: impl Iterator<Item = &'a Arc<Article>>,
) -> Vec<Diagnostic> {
    let listed: Vec<&str> = config.languages.iter().map(String::as_str).collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut found = Vec::new();
    for article in articles {
        let Some((top, _)) = article.file.split_once('/') else {
            continue;
        };
        let known = crate::i18n::BUILT_IN.iter().any(|(code, _)| *code == top);
        if !known || listed.contains(&top) || !seen.insert(top.to_string()) {
            continue;
        }
        found.push(
            Diagnostic::warning(
                &article.path,
                1,
                1,
                format!(
                    "`content/{top}/` is named after the language `{top}`, which `languages` does not list: its articles are in the default language, `{}`",
                    listed[0]
                ),
            )
            .expected(format!(
                "`{top}` added to `languages` (`[{}, {top}]`), or the folder renamed",
                listed.join(", ")
            )),
        );
    }
    found
}

/// The key that joins `article` with its translations: its
/// `translation_key:`, else its file with the language folder taken off.
fn translation_key(config: &Config, article: &Article, language: usize) -> String {
    if let Some(key) = &article.matter.translation_key {
        return format!("key:{key}");
    }
    let file = article.file.as_str();
    let below = match folder_language(config, file) {
        Some(folder) if folder == language => {
            file.split_once('/').map(|(_, rest)| rest).unwrap_or(file)
        }
        _ => file,
    };
    format!("file:{below}")
}

/// Two articles of one language sharing a translation key: an error at
/// the second's key (or title, when joined by path).
fn translation_clashes(
    languages: &[Language],
    groups: &HashMap<String, Vec<(usize, Arc<Article>)>>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (key, members) in groups {
        for (n, (language, article)) in members.iter().enumerate() {
            let Some((_, first)) = members[..n].iter().find(|(l, _)| l == language) else {
                continue;
            };
            let at = if article.matter.translation_key.is_some() {
                "translation_key"
            } else {
                "language"
            };
            found.push(
                article
                    .origin
                    .error_at(
                        &article.path,
                        at,
                        format!(
                            "{} is a second `{}` translation of {} (`{}`)",
                            article.path.display(),
                            languages[*language].code,
                            first.path.display(),
                            key.split_once(':').map_or(key.as_str(), |(_, k)| k),
                        ),
                    )
                    .expected("one article per language for each `translation_key:`"),
            );
        }
    }
    found
}

/// "; did you mean `ru`?" after a language code `listed` lacks, when one
/// of them is close; empty otherwise.
fn nearest_listed(code: &str, listed: &[&str]) -> String {
    did_you_mean(code, listed)
        .map(|near| format!("; did you mean `{near}`?"))
        .unwrap_or_default()
}

/// `names:` entries for languages the site does not list: errors at the
/// key, with the nearest listed language.
fn unknown_names(config: &Config, profiles: &[Profile]) -> Vec<Diagnostic> {
    let listed: Vec<&str> = config.languages.iter().map(String::as_str).collect();
    let mut found = Vec::new();
    for profile in profiles {
        for (code, _) in &profile.matter.names {
            if listed.contains(&code.as_str()) {
                continue;
            }
            let hint = nearest_listed(code, &listed);
            found.push(
                profile
                    .origin
                    .error_at(
                        &profile.path,
                        "names",
                        format!("`names` gives a name in `{code}`, which `languages` does not list{hint}"),
                    )
                    .expected(format!("names in `{}`", listed.join("`, `"))),
            );
        }
    }
    found
}

/// `profile` as the pages in `code` show it: named by its `names:` entry
/// for `code` (else its own name), every other name of it an alias (so
/// each spelling still finds the one actor), role titles in `code` where
/// given. Its slug stays the canonical one.
pub fn named_in(profile: &Profile, code: &str) -> Profile {
    let mut named = profile.clone();
    let matter = &mut named.matter;
    let own = matter.names.iter().find(|(c, _)| c == code);
    let mut spellings: Vec<String> = matter.name.iter().cloned().collect();
    spellings.extend(matter.names.iter().map(|(_, name)| name.clone()));
    if let Some((_, name)) = own {
        matter.name = Some(name.clone());
    }
    let shown = matter.name.clone().unwrap_or_default();
    for spelling in spellings {
        if spelling != shown && !matter.aliases.contains(&spelling) {
            matter.aliases.push(spelling);
        }
    }
    for role in &mut matter.roles {
        if let Some((_, title)) = role.titles.iter().find(|(c, _)| c == code) {
            role.title = title.clone();
        }
    }
    named
}

/// Sets each entry's [`Entry::translations`]: the articles of the other
/// languages' sites in its group.
fn link_translations(sites: &mut [Site], groups: &HashMap<String, Vec<(usize, Arc<Article>)>>) {
    // Each article's page, by its file, per language.
    let pages: Vec<HashMap<String, String>> = sites
        .iter()
        .map(|site| {
            site.articles
                .iter()
                .map(|entry| (entry.article.file.clone(), entry.path.clone()))
                .collect()
        })
        .collect();
    let mut by_file: HashMap<&str, Vec<Translation>> = HashMap::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let mut seen: BTreeMap<usize, Translation> = BTreeMap::new();
        for (language, article) in members {
            if let Some(path) = pages[*language].get(&article.file) {
                seen.entry(*language).or_insert_with(|| Translation {
                    language: *language,
                    path: path.clone(),
                });
            }
        }
        for (language, article) in members {
            let others = seen
                .values()
                .filter(|t| t.language != *language)
                .cloned()
                .collect();
            by_file.insert(article.file.as_str(), others);
        }
    }
    for site in sites.iter_mut() {
        for entry in &mut site.articles {
            set_translations(entry, &by_file);
        }
    }
}

fn set_translations(entry: &mut Entry, by_file: &HashMap<&str, Vec<Translation>>) {
    if let Some(found) = by_file.get(entry.article.file.as_str()) {
        entry.translations = found.clone();
    }
}

/// Every distinct problem: a profile's is found once per language.
fn distinct(problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    problems
        .into_iter()
        .filter(|p| seen.insert((p.path.clone(), p.line, p.column, p.message.clone())))
        .collect()
}
