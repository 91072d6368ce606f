//! Stage two: articles -> [`Site`], the whole site as plain data.
//!
//! Pure: no I/O, no templates. Sorts the articles newest first, gives each
//! its URL, and builds every index (actors, places, tags, the calendar) in
//! one pass over them. Clashes (two articles on one URL, two names on one
//! slug) are reported here, naming both files.

pub mod calendar;
pub mod slug;
pub mod terms;

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::load::{Article, Profile};
use calendar::Year;
use terms::{Term, TermIndex};

/// An article with its place in the site.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The article as loaded.
    pub article: Arc<Article>,
    /// Its URL slug.
    pub slug: String,
    /// Its path below the site root: `2022/01/18/<slug>/`.
    pub path: String,
    /// Indexes into [`Site::actors`].
    pub actors: Vec<usize>,
    /// Indexes into [`Site::places`].
    pub places: Vec<usize>,
    /// Indexes into [`Site::tags`].
    pub tags: Vec<usize>,
}

/// The whole site, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    /// Settings.
    pub config: Config,
    /// Every article, newest first.
    pub articles: Vec<Entry>,
    /// Actors, most covered first.
    pub actors: Vec<Term>,
    /// Places, most covered first.
    pub places: Vec<Term>,
    /// Tags, most used first.
    pub tags: Vec<Term>,
    /// Years with articles, newest first.
    pub years: Vec<Year>,
}

/// Builds the site from loaded articles and profiles. Returns the site and
/// every problem found; the site is only meaningful if none is an error.
pub fn build(
    config: Config,
    mut articles: Vec<Arc<Article>>,
    profiles: Vec<Profile>,
) -> (Site, Vec<Diagnostic>) {
    articles.sort_by(|a, b| {
        let (x, y) = (&a.matter, &b.matter);
        (y.date.date, y.date.seconds_into_day())
            .cmp(&(x.date.date, x.date.seconds_into_day()))
            .then_with(|| x.title.cmp(&y.title))
            .then_with(|| a.path.cmp(&b.path))
    });
    let mut problems = Vec::new();

    let mut actors = TermIndex::new("actor", "actors").with_profiles(profiles);
    let mut places = TermIndex::new("place", "places");
    let mut tags = TermIndex::new("tag", "tags");
    let mut entries = Vec::with_capacity(articles.len());
    let mut urls: HashMap<String, usize> = HashMap::with_capacity(articles.len());
    for (index, article) in articles.iter().enumerate() {
        let matter = &article.matter;
        let slug = match &matter.slug {
            Some(own) if slug::is_slug(own) => own.clone(),
            Some(own) => {
                problems.push(
                    article
                        .origin
                        .error_at(
                            &article.path,
                            "slug",
                            if own.len() > slug::MAX_LEN {
                                format!(
                                    "slug \"{own}\" is longer than {} characters",
                                    slug::MAX_LEN
                                )
                            } else {
                                format!("slug \"{own}\" cannot be used in a URL")
                            },
                        )
                        .expected(format!(
                            "lower-case letters, digits and single hyphens, such as `{}`",
                            slug::slugify(own)
                        )),
                );
                slug::slugify(own)
            }
            None => slug::slugify(&matter.title),
        };
        if slug.is_empty() {
            problems.push(
                article
                    .origin
                    .error_at(
                        &article.path,
                        "title",
                        "the title has no letters or digits to make a URL from",
                    )
                    .expected("a `slug:` such as `slug: geneva-talks`"),
            );
        }
        let path = format!("{}/{slug}/", matter.date.date.format("%Y/%m/%d"));
        if let Some(&other) = urls.get(&path) {
            // Report at the file that comes later in path order.
            let (article, first) = if articles[other].path < article.path {
                (article, &articles[other])
            } else {
                (&articles[other], article)
            };
            let matter = &article.matter;
            let key = if matter.slug.is_some() {
                "slug"
            } else {
                "title"
            };
            problems.push(
                article
                    .origin
                    .error_at(
                        &article.path,
                        key,
                        format!(
                            "this article and {} would both be written to /{path}",
                            first.path.display()
                        ),
                    )
                    .expected("a different title or a `slug:` for one of them")
                    .note(format!("{} is the other article", first.path.display())),
            );
        } else {
            urls.insert(path.clone(), index);
        }
        let ids = |index_: &mut TermIndex, names: &[String]| -> Vec<usize> {
            let mut out: Vec<usize> = names
                .iter()
                .filter_map(|n| index_.add(n, index, &articles))
                .collect();
            let mut seen = std::collections::HashSet::new();
            out.retain(|id| seen.insert(*id));
            out
        };
        let entry_actors = ids(&mut actors, &matter.actors);
        let entry_places = ids(&mut places, &matter.places);
        let entry_tags = ids(&mut tags, &matter.tags);
        entries.push((slug, path, entry_actors, entry_places, entry_tags));
    }

    let (actors, actor_ids, found) = actors.finish(&articles);
    problems.extend(found);
    let (places, place_ids, found) = places.finish(&articles);
    problems.extend(found);
    let (tags, tag_ids, found) = tags.finish(&articles);
    problems.extend(found);

    let years = calendar::build(articles.iter().map(|a| a.matter.date.date));
    let remap = |ids: Vec<usize>, table: &[usize]| ids.into_iter().map(|id| table[id]).collect();
    let articles = articles
        .into_iter()
        .zip(entries)
        .map(|(article, (slug, path, a, p, t))| Entry {
            article,
            slug,
            path,
            actors: remap(a, &actor_ids),
            places: remap(p, &place_ids),
            tags: remap(t, &tag_ids),
        })
        .collect();
    let site = Site {
        config,
        articles,
        actors,
        places,
        tags,
        years,
    };
    (site, problems)
}
