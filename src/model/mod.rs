//! Stage two: articles -> [`Site`], the whole site as plain data.
//!
//! Pure: no I/O, no templates. Sorts the articles newest first, gives each
//! its URL, and builds every index (actors, places, tags, the calendar) in
//! one pass over them. Clashes (two articles on one URL, two names on one
//! slug) are reported here, naming both files.

pub mod aliases;
pub mod authors;
pub mod calendar;
pub mod delta;
pub mod headings;
pub mod languages;
pub mod links;
pub mod near;
pub mod relations;
pub mod roles;
pub mod site_links;
pub mod slug;
pub mod spelling;
pub mod taxonomy;
pub mod terms;
mod urls;

use std::sync::Arc;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::load::front_matter::FrontMatter;
use crate::load::publication::Publication;
use crate::load::{Article, Profile};
use crate::paths;
use calendar::{Week, Year};
pub use taxonomy::{PerTaxonomy, Taxonomy};
use terms::{Term, TermIndex};
use urls::UrlClaims;

/// An article with its place in the site.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The article as loaded.
    pub article: Arc<Article>,
    /// Its URL slug.
    pub slug: String,
    /// Its path below the site root: `2022/01/18/<slug>/`.
    pub path: String,
    /// Its actors, places and tags: indexes into [`Site::terms`] of each
    /// taxonomy, in front-matter order, each once.
    pub terms: PerTaxonomy<Vec<usize>>,
    /// Its links to other articles by source file, resolved.
    pub links: Vec<links::FileLink>,
    /// Its links by file to expired articles (as written): shown as
    /// their text alone.
    pub unlinked: Vec<String>,
    /// When it goes live, if it is scheduled but shown (the preview,
    /// `--future`).
    pub scheduled: Option<chrono::DateTime<chrono::Utc>>,
    /// Articles that link to it by file, newest first.
    pub referrers: Vec<usize>,
    /// Its root-relative links and images, checked against the plan.
    pub site_links: Vec<site_links::SiteLink>,
    /// Its authors: indexes into [`Site::authors`].
    pub authors: Vec<usize>,
    /// The same article in the site's other languages (a multilingual
    /// site: [`languages`]), in the order `languages:` lists them.
    pub translations: Vec<languages::Translation>,
}

/// The whole site, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    /// Settings.
    pub config: Config,
    /// Every article, newest first.
    pub articles: Vec<Entry>,
    /// Actors, places and tags, each most covered first.
    pub terms: PerTaxonomy<Vec<Term>>,
    /// Years with articles, newest first.
    pub years: Vec<Year>,
    /// ISO weeks with articles, newest first.
    pub weeks: Vec<Week>,
    /// Articles with a `milestone:`, newest first: the site's chronology.
    pub milestones: Vec<usize>,
    /// Who appears with whom, where, and related articles.
    pub relations: relations::Relations,
    /// Old addresses that redirect to an article (`aliases:`).
    pub aliases: Vec<aliases::Alias>,
    /// Authors, by name (set by [`authors::attach`]).
    pub authors: Vec<authors::Author>,
    /// What is scheduled or expired, and when the site changes next.
    pub publication: Publication,
    /// Output paths of the pictures of actors with a profile but no
    /// published article (no page yet): not copied.
    pub unlisted_images: Vec<String>,
    /// The theme's words, dates and plural rule in the site's language
    /// (the built-in ones for `config.language` until the build lays the
    /// site's `i18n/` file over them).
    pub translations: Arc<crate::i18n::Translations>,
    /// Every language of a multilingual site, the default first (this
    /// site's is the one whose code is `config.language`); empty for a
    /// site in one language.
    pub languages: Arc<[languages::Language]>,
    /// What the preview's model delta keeps between edits (made by the
    /// first one; none after a build).
    pub(crate) delta: Option<Box<delta::Kept>>,
}

impl Site {
    /// The actors, most covered first.
    pub fn actors(&self) -> &[Term] {
        &self.terms[Taxonomy::Actor]
    }

    /// This site's language among [`Site::languages`] (0 for a site in
    /// one language).
    pub fn language_index(&self) -> usize {
        self.languages
            .iter()
            .position(|l| l.code == self.config.language)
            .unwrap_or(0)
    }
}

/// Resolves every article's links by file (to other articles, to
/// withheld ones, root-relative) and attaches them and their referrers to
/// `entries` (`articles` in the same order).
pub(crate) fn attach_links(
    entries: &mut [Entry],
    articles: &[Arc<Article>],
    publication: &Publication,
    problems: &mut Vec<Diagnostic>,
) {
    let (resolved, found) = links::resolve(articles, publication);
    problems.extend(found);
    for ((((entry, outgoing), referrers), site), unlinked) in entries
        .iter_mut()
        .zip(resolved.outgoing)
        .zip(resolved.referrers)
        .zip(resolved.site)
        .zip(resolved.unlinked)
    {
        entry.links = outgoing;
        entry.referrers = referrers;
        entry.site_links = site;
        entry.unlinked = unlinked;
    }
}

/// Builds the site from loaded articles and profiles (the articles
/// `publication` lets through). Returns the site and every problem found;
/// the site is only meaningful if none is an error.
pub fn build(
    config: Config,
    mut articles: Vec<Arc<Article>>,
    profiles: Vec<Profile>,
    publication: Publication,
) -> (Site, Vec<Diagnostic>) {
    sort_newest_first(&mut articles);
    let mut problems = Vec::new();
    let mut claims = UrlClaims::with_capacity(articles.len());
    let mut indexes = PerTaxonomy::from_fn(TermIndex::new);
    indexes[Taxonomy::Actor].add_profiles(profiles);
    let mut entries = Vec::with_capacity(articles.len());
    for (index, article) in articles.iter().enumerate() {
        let slug = article_slug(article, &mut problems);
        let path = paths::article(article.matter.date.date, &slug);
        claims.claim(&path, index, &articles, &mut problems);
        let terms = PerTaxonomy::from_fn(|taxonomy| {
            let names = names(&article.matter, taxonomy);
            indexes[taxonomy].add_names(names, index, &articles, &mut problems)
        });
        entries.push(Entry {
            article: article.clone(),
            slug,
            path,
            terms,
            links: Vec::new(),
            unlinked: Vec::new(),
            scheduled: publication.early.get(&article.file).copied(),
            referrers: Vec::new(),
            site_links: Vec::new(),
            authors: Vec::new(),
            translations: Vec::new(),
        });
    }
    let aliases = aliases::collect(&articles, &|path| claims.owner(path), &mut problems);
    attach_links(&mut entries, &articles, &publication, &mut problems);
    let mut finished = indexes.map(|_, index| index.finish(&articles));
    let mut terms = PerTaxonomy::default();
    let mut unlisted_images = Vec::new();
    for (taxonomy, (sorted, remap, found, unlisted)) in finished.iter_mut() {
        problems.append(found);
        unlisted_images.extend(unlisted.iter().filter_map(|term| {
            let image = term.profile.as_ref()?.image.clone()?;
            // A picture beside the profile (one in `static/` is
            // the site's to copy).
            image.starts_with(&term.path).then_some(image)
        }));
        for entry in &mut entries {
            for id in &mut entry.terms[taxonomy] {
                *id = remap[*id];
            }
        }
        terms[taxonomy] = std::mem::take(sorted);
    }
    let years = calendar::build(articles.iter().map(|a| a.matter.date.date));
    let weeks = calendar::weeks(articles.iter().map(|a| a.matter.date.date));
    let milestones = (0..articles.len())
        .filter(|&i| articles[i].matter.milestone.is_some())
        .collect();
    let relations = relations::build(&entries, &terms);
    let translations = Arc::new(crate::i18n::Translations::built_in(&config.language));
    let site = Site {
        translations,
        config,
        articles: entries,
        terms,
        years,
        weeks,
        milestones,
        relations,
        aliases,
        authors: Vec::new(),
        publication,
        unlisted_images,
        languages: Arc::from([]),
        delta: None,
    };
    (site, problems)
}

/// Newest first; on the same day and time by title, then by file.
fn sort_newest_first(articles: &mut [Arc<Article>]) {
    articles.sort_by(|a, b| newest_first(a, b));
}

/// The site's order of articles: `Less` when `a` comes before `b`.
pub(crate) fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    let (x, y) = (&a.matter, &b.matter);
    (y.date.date, y.date.seconds_into_day())
        .cmp(&(x.date.date, x.date.seconds_into_day()))
        .then_with(|| x.title.cmp(&y.title))
        .then_with(|| a.path.cmp(&b.path))
}

/// The names an article gives for `taxonomy`.
fn names(matter: &FrontMatter, taxonomy: Taxonomy) -> &[String] {
    match taxonomy {
        Taxonomy::Actor => &matter.actors,
        Taxonomy::Place => &matter.places,
        Taxonomy::Tag => &matter.tags,
    }
}

/// The article's URL slug: its own `slug:` if valid, else one made from
/// the title. A bad `slug:` or a title with nothing to slug is reported.
pub(crate) fn article_slug(article: &Article, problems: &mut Vec<Diagnostic>) -> String {
    let matter = &article.matter;
    let made = match &matter.slug {
        Some(own) if slug::is_slug(own) => own.clone(),
        Some(own) => {
            problems.push(
                article
                    .origin
                    .error_at(
                        &article.path,
                        "slug",
                        if own.len() > slug::MAX_LEN {
                            format!("slug \"{own}\" is longer than {} characters", slug::MAX_LEN)
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
    if made.is_empty() {
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
    made
}
