//! Patching a site after an edit that changed nothing but article bodies
//! (`serve`): the edited article is swapped in place when the model built
//! from scratch would be the same but for it. Anything else (front matter,
//! links by file, headings others link to, images) returns `None`, and
//! the caller builds the model again.

use std::sync::Arc;

use super::Site;
use super::headings::heading_ids;
use super::links::same_links;
use crate::load::Article;

/// Puts `new` in the place of `old` (the same file, edited) and returns
/// its index, if only its body changed in a way no index depends on.
pub fn replace_body(site: &mut Site, old: &Arc<Article>, new: Arc<Article>) -> Option<usize> {
    let index = site
        .articles
        .iter()
        .position(|entry| Arc::ptr_eq(&entry.article, old))?;
    let entry = &site.articles[index];
    let same_matter = old.path == new.path
        && old.file == new.file
        && old.matter == new.matter
        && old.origin == new.origin
        && old.body_line == new.body_line
        && old.images == new.images;
    if !same_matter || !same_links(old, &new) {
        return None;
    }
    // Links to its headings (from others, or its own `#...`) are checked
    // against them.
    let linked = !entry.referrers.is_empty() || entry.links.iter().any(|l| l.target == index);
    if linked && heading_ids(&old.body) != heading_ids(&new.body) {
        return None;
    }
    site.articles[index].article = new;
    Some(index)
}
