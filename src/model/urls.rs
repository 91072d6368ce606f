//! Which article claimed which URL: two articles on one path are an error
//! naming both files.

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::Diagnostic;
use crate::load::Article;

/// Paths claimed so far, by the index of the article that claimed them.
pub(super) struct UrlClaims(HashMap<String, usize>);

impl UrlClaims {
    /// Room for `articles` claims.
    pub(super) fn with_capacity(articles: usize) -> Self {
        Self(HashMap::with_capacity(articles))
    }

    /// The article that claimed `path`, if any.
    pub(super) fn owner(&self, path: &str) -> Option<usize> {
        self.0.get(path).copied()
    }

    /// Article `index` claims `path`; if another article has it, the clash
    /// is reported at the file that comes later in path order.
    pub(super) fn claim(
        &mut self,
        path: &str,
        index: usize,
        articles: &[Arc<Article>],
        problems: &mut Vec<Diagnostic>,
    ) {
        let Some(&other) = self.0.get(path) else {
            self.0.insert(path.to_string(), index);
            return;
        };
        let (article, first) = if articles[other].path < articles[index].path {
            (&articles[index], &articles[other])
        } else {
            (&articles[other], &articles[index])
        };
        let key = if article.matter.slug.is_some() {
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
    }
}
