//! Author pages: `/authors/` (every author with a count) and one paginated
//! list with its feed per author (`/authors/<slug>/`), with the profile
//! from `content/authors/<slug>.md` when there is one.

use super::lists::List;
use super::{Job, Planner};
use crate::model::authors::Author;
use crate::paths;
use crate::render::views::AuthorView;

impl Planner<'_> {
    /// The authors' index and each author's pages (none when no article
    /// has an author and the site sets no `author`).
    pub(super) fn author_pages(&self, jobs: &mut Vec<Job>, newest: &Option<String>) {
        let authors = &self.site.authors;
        if authors.is_empty() {
            return;
        }
        let views: Vec<AuthorView> = authors.iter().map(|a| self.author_view(a)).collect();
        let mut context = self.context(
            "authors",
            self.urls.words().text("authors", &[]),
            self.description(),
            paths::AUTHORS,
        );
        context.insert("authors", &views);
        jobs.push(Job::page(
            paths::index_file(paths::AUTHORS),
            "authors.html",
            context,
            newest.clone(),
        ));
        for (author, view) in authors.iter().zip(views) {
            if let Some(kept) = self.kept_folder(&author.path) {
                jobs.extend(kept);
                continue;
            }
            let description = self
                .urls
                .words()
                .text("desc_author", &[("name", &author.name)]);
            let list = List {
                base: &author.path,
                template: "author.html",
                kind: "author",
                title: &author.name,
                description: &description,
                feed: true,
            };
            let index_url = self.urls.url(paths::AUTHORS);
            self.list(jobs, &author.articles, list, |context| {
                context.insert("author", &view);
                context.insert("authors_url", &index_url);
            });
        }
    }

    fn author_view(&self, author: &Author) -> AuthorView {
        let profile = author.profile.as_ref();
        AuthorView {
            name: author.name.clone(),
            slug: author.slug.clone(),
            url: self.urls.url(&author.path),
            count: author.articles.len(),
            bio: profile
                .map(|p| crate::render::markdown::render(&p.bio, self.site.config.root_path()).html)
                .filter(|html| !html.trim().is_empty()),
            links: profile.map(|p| p.links.clone()).unwrap_or_default(),
        }
    }
}
