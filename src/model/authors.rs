//! Who wrote what: each article's `authors:` (the site's `author` when it
//! names none) indexed by author, with an optional profile from
//! `content/authors/<slug>.md`. Authors are matched by slug, so spellings
//! that slug alike are one author; the profile's `name:` wins.

use std::collections::HashMap;

use super::Site;
use super::slug::slugify;
use crate::load::writing::AuthorProfile;
use crate::paths;

/// One author and what they wrote.
#[derive(Debug, Clone)]
pub struct Author {
    /// URL slug.
    pub slug: String,
    /// Page path: `authors/<slug>/`.
    pub path: String,
    /// The name pages show.
    pub name: String,
    /// Articles, newest first (indexes into the site's articles).
    pub articles: Vec<usize>,
    /// The profile, if the site has one.
    pub profile: Option<AuthorProfile>,
}

/// Indexes the authors of `site`'s articles, gives each article its
/// author ids (`Entry::authors`) and sets `Site::authors`, sorted by name.
pub fn attach(site: &mut Site, profiles: Vec<AuthorProfile>) {
    let mut profiles: HashMap<String, AuthorProfile> =
        profiles.into_iter().map(|p| (p.slug.clone(), p)).collect();
    let default = site.config.author.trim().to_string();
    let mut authors: Vec<Author> = Vec::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    for (index, entry) in site.articles.iter_mut().enumerate() {
        let written = &entry.article.matter.authors;
        let names: Vec<&str> = if written.is_empty() {
            Some(default.as_str())
                .filter(|d| !d.is_empty())
                .into_iter()
                .collect()
        } else {
            written.iter().map(String::as_str).collect()
        };
        for name in names {
            let slug = slugify(name);
            if slug.is_empty() {
                continue;
            }
            let id = *by_slug.entry(slug.clone()).or_insert_with(|| {
                let profile = profiles.remove(&slug);
                authors.push(Author {
                    path: paths::author(&slug),
                    name: profile
                        .as_ref()
                        .and_then(|p| p.name.clone())
                        .unwrap_or_else(|| name.to_string()),
                    slug,
                    articles: Vec::new(),
                    profile,
                });
                authors.len() - 1
            });
            if authors[id].articles.last() != Some(&index) {
                authors[id].articles.push(index);
                entry.authors.push(id);
            }
        }
    }
    let mut order: Vec<usize> = (0..authors.len()).collect();
    order.sort_by(|&a, &b| {
        (&authors[a].name, &authors[a].slug).cmp(&(&authors[b].name, &authors[b].slug))
    });
    let mut remap = vec![0; authors.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = new;
    }
    for entry in &mut site.articles {
        for id in &mut entry.authors {
            *id = remap[*id];
        }
    }
    let mut slots: Vec<Option<Author>> = authors.into_iter().map(Some).collect();
    site.authors = order.iter().filter_map(|&old| slots[old].take()).collect();
}
