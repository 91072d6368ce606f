//! Views of what writers add after publication and between articles:
//! the briefings that refer to an article, its dated corrections, its
//! authors. Documented in `docs/templates.md` with the rest.

use serde::Serialize;

use super::{DateView, LinkView, Urls};
use crate::model::Site;

/// An article that links to this one by file ("Referred to by").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferrerView {
    /// Its headline.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Its publication date.
    pub date: DateView,
}

/// One dated correction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorrectionView {
    /// When it was corrected.
    pub date: DateView,
    /// What was corrected.
    pub text: String,
}

/// What an article page shows about writing: who refers to it, and its
/// corrections (newest first).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WritingView {
    /// Articles linking to this one, newest first.
    pub referred_by: Vec<ReferrerView>,
    /// Corrections, newest first.
    pub corrections: Vec<CorrectionView>,
    /// Who wrote it, with their pages.
    pub authors: Vec<LinkView>,
}

impl WritingView {
    /// The view of article `index` of `site`.
    pub fn new(site: &Site, urls: &Urls, index: usize) -> Self {
        let entry = &site.articles[index];
        let referred_by = entry
            .referrers
            .iter()
            .map(|&i| {
                let other = &site.articles[i];
                ReferrerView {
                    title: other.article.matter.title.clone(),
                    url: urls.url(&other.path),
                    date: urls.date(&other.article.matter.date),
                }
            })
            .collect();
        let corrections = entry
            .article
            .matter
            .corrections
            .iter()
            .map(|c| CorrectionView {
                date: urls.date(&c.date),
                text: c.text.clone(),
            })
            .collect();
        let authors = entry
            .authors
            .iter()
            .map(|&id| {
                let author = &site.authors[id];
                LinkView {
                    name: author.name.clone(),
                    url: urls.url(&author.path),
                }
            })
            .collect();
        Self {
            referred_by,
            corrections,
            authors,
        }
    }
}

/// `author` on an author's pages, and each of `authors` on `/authors/`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorView {
    /// The name.
    pub name: String,
    /// URL slug.
    pub slug: String,
    /// The author's page.
    pub url: String,
    /// Briefings written.
    pub count: usize,
    /// The profile's biography as HTML, if any.
    pub bio: Option<String>,
    /// The profile's `links:`.
    pub links: Vec<String>,
}
