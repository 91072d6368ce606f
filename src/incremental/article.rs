//! The model patched after an edit to one article: the edited
//! article is swapped in place when the model built from scratch would be
//! the same but for it. Two edits qualify: its body (nothing the indexes
//! read changed) and its title (its slug and URL follow, nothing else
//! moves). Anything else (other front matter, links by file, headings
//! others link to, images, a title that moves the article among those of
//! its day or onto a taken URL) returns `None`, and the caller builds the
//! model again.

use std::cmp::Ordering;
use std::sync::Arc;

use crate::load::Article;
use crate::model::headings::heading_ids;
use crate::model::links::{same_links, site_links_of};
use crate::model::{Site, article_slug, newest_first};
use crate::paths;

/// An article swapped into the site in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// Its index in the site's articles (unchanged).
    pub index: usize,
    /// Its title changed.
    pub retitled: bool,
    /// Its former path below the site root, when its title moved it.
    pub moved_from: Option<String>,
}

/// Puts `new` in the place of `old` (the same file, edited), if only its
/// body or its title changed in a way no index depends on.
pub fn replace(site: &mut Site, old: &Arc<Article>, new: Arc<Article>) -> Option<Replaced> {
    let index = site
        .articles
        .iter()
        .position(|entry| Arc::ptr_eq(&entry.article, old))?;
    let retitled = old.matter.title != new.matter.title;
    let same_matter = old.path == new.path
        && old.file == new.file
        && (if retitled {
            same_but_title(old, &new) && old.origin.keys == new.origin.keys
        } else {
            old.matter == new.matter && old.origin == new.origin
        })
        && old.body_line == new.body_line
        && old.images == new.images;
    if !same_matter || !same_links(old, &new) {
        return None;
    }
    let entry = &site.articles[index];
    // Links to its headings (from others, or its own `#...`) are checked
    // against them.
    let linked = !entry.referrers.is_empty() || entry.links.iter().any(|l| l.target == index);
    if linked && heading_ids(&old.body.text()) != heading_ids(&new.body.text()) {
        return None;
    }
    let mut moved_from = None;
    if retitled {
        let (slug, path) = retitled_path(site, index, &new)?;
        if path != entry.path {
            moved_from = Some(entry.path.clone());
        }
        let entry = &mut site.articles[index];
        entry.slug = slug;
        entry.path = path;
    }
    site.articles[index].site_links = site_links_of(&new);
    site.articles[index].article = new;
    if let Some(from) = &moved_from {
        crate::model::delta::moved_path(site, index, from);
    }
    Some(Replaced {
        index,
        retitled,
        moved_from,
    })
}

/// Whether `new` has the front matter of `old` but for its title.
fn same_but_title(old: &Article, new: &Article) -> bool {
    let mut matter = new.matter.clone();
    matter.title.clone_from(&old.matter.title);
    matter == old.matter
}

/// The slug and path of article `index` once titled as `new`, if that keeps its
/// place among the articles (the order within a day is by title) and no
/// other article or alias has that path. An article with images beside it
/// is left to a whole rebuild (they are copied into its folder).
fn retitled_path(site: &Site, index: usize, new: &Article) -> Option<(String, String)> {
    if !new.images.is_empty() {
        return None;
    }
    let before = index.checked_sub(1).map(|i| &site.articles[i].article);
    let after = site.articles.get(index + 1).map(|e| &e.article);
    if before.is_some_and(|b| newest_first(b, new) != Ordering::Less)
        || after.is_some_and(|a| newest_first(new, a) != Ordering::Less)
    {
        return None;
    }
    let mut problems = Vec::new();
    let slug = article_slug(new, &mut problems);
    if !problems.is_empty() {
        return None;
    }
    let path = paths::article(new.matter.date.date, &slug);
    let taken = site
        .articles
        .iter()
        .enumerate()
        .any(|(i, e)| i != index && e.path == path)
        || site.aliases.iter().any(|alias| alias.path == path);
    (!taken).then_some((slug, path))
}
