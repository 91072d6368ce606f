//! Links between articles by source file, and who refers to whom.
//!
//! A body may link another article by its Markdown file: relative to its
//! own folder (`2022-01-18-geneva.md`, `../2021/x.md`) or from the content
//! root (`@/2022/x.md`, as in Zola), with an optional `#heading`. Each is
//! resolved here to the article it names, so the renderer can write that
//! article's URL; a file that is not an article, or a heading it does not
//! have, is an error at the link's line and column. The reverse index
//! ("referred to by") is built in the same pass. Pure: only the loaded
//! bodies are read.

use std::collections::HashMap;
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;

use super::headings::{heading_ids, options};
use crate::error::Diagnostic;
use crate::load::Article;
use crate::position::LineFinder;
use crate::url::normalize;

/// One link by file in an article's body, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLink {
    /// The destination as written (`../2021/x.md#talks`).
    pub dest: String,
    /// The article linked to: its index in the site's articles.
    pub target: usize,
    /// The heading id after `#`, if any.
    pub fragment: Option<String>,
}

/// Every article's links by file and the articles referring to it, both
/// by index in the site's (newest-first) articles.
#[derive(Debug, Default)]
pub struct Links {
    /// Links by file of each article, in body order.
    pub outgoing: Vec<Vec<FileLink>>,
    /// Articles linking to each article, newest first, each once.
    pub referrers: Vec<Vec<usize>>,
}

/// A link found in a body, before its target's headings are checked.
struct Found {
    dest: String,
    /// The content-relative file it names, or `None` if it climbs out.
    file: Option<String>,
    fragment: Option<String>,
    offset: usize,
}

/// Resolves the links by file of `articles` (sorted as the site lists
/// them). Returns the links and an error for each one that is broken.
pub fn resolve(articles: &[Arc<Article>]) -> (Links, Vec<Diagnostic>) {
    let by_file: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.file.as_str(), i))
        .collect();
    let found: Vec<Vec<Found>> = articles.par_iter().map(|a| scan(a)).collect();
    let mut headings: HashMap<usize, Vec<String>> = HashMap::new();
    let mut links = Links {
        outgoing: Vec::with_capacity(articles.len()),
        referrers: vec![Vec::new(); articles.len()],
    };
    let mut problems = Vec::new();
    for (source, found) in found.into_iter().enumerate() {
        let article = &articles[source];
        let mut lines = LineFinder::new(&article.body);
        let mut outgoing = Vec::new();
        for link in found {
            let target = link.file.as_deref().and_then(|f| by_file.get(f).copied());
            let Some(target) = target else {
                let named = link.file.as_deref().unwrap_or("a file outside content/");
                problems.push(broken(
                    article,
                    &mut lines,
                    &link,
                    format!(
                        "link to `{}`: there is no article content/{named}",
                        link.dest
                    ),
                    "the source file of a published article, relative to this file \
                     or from the content root (`@/2022/2022-01-18-talks.md`)"
                        .into(),
                ));
                continue;
            };
            if let Some(fragment) = &link.fragment {
                let ids = headings
                    .entry(target)
                    .or_insert_with(|| heading_ids(&articles[target].body));
                if !ids.iter().any(|id| id == fragment) {
                    let expected = match ids.len() {
                        0 => "a link without `#...`: that article has no headings".into(),
                        _ => format!("one of its heading ids: {}", ids.join(", ")),
                    };
                    let message = format!(
                        "link to `{}`: {} has no heading `#{fragment}`",
                        link.dest, articles[target].file
                    );
                    problems.push(broken(article, &mut lines, &link, message, expected));
                    continue;
                }
            }
            if target != source && links.referrers[target].last() != Some(&source) {
                links.referrers[target].push(source);
            }
            outgoing.push(FileLink {
                dest: link.dest,
                target,
                fragment: link.fragment,
            });
        }
        links.outgoing.push(outgoing);
    }
    (links, problems)
}

/// Whether two versions of one article link the same files, headings
/// included, in the same order (where the links sit may differ): then
/// [`resolve`] gives both the same links and referrers.
pub fn same_links(old: &Article, new: &Article) -> bool {
    let key = |found: Vec<Found>| -> Vec<(String, Option<String>, Option<String>)> {
        found
            .into_iter()
            .map(|f| (f.dest, f.file, f.fragment))
            .collect()
    };
    old.file == new.file && key(scan(old)) == key(scan(new))
}

fn broken(
    article: &Article,
    lines: &mut LineFinder<'_>,
    link: &Found,
    message: String,
    expected: String,
) -> Diagnostic {
    let (line, column) = lines.position(link.offset);
    Diagnostic::error(&article.path, article.body_line + line - 1, column, message)
        .expected(expected)
        .with_source(&article.body, article.body_line)
}

/// The links by file in `article`'s body, with their byte offsets. Bodies
/// that cannot hold one (no `.md` in them) are not parsed.
fn scan(article: &Article) -> Vec<Found> {
    let body = &article.body;
    if !body.contains(".md") {
        return Vec::new();
    }
    let folder = match article.file.rfind('/') {
        Some(slash) => &article.file[..slash],
        None => "",
    };
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. }) = event
            && let Some((path, fragment)) = file_link(&dest_url)
        {
            let file = match path.strip_prefix("@/") {
                Some(from_root) => normalize("", from_root),
                None => normalize(folder, path),
            };
            found.push(Found {
                dest: dest_url.to_string(),
                file,
                fragment: fragment.map(str::to_string),
                offset: range.start,
            });
        }
    }
    found
}

/// The path and fragment of a link by file (`x.md#talks`, `@/2022/x.md`),
/// or `None` for any other link (web addresses, site paths, `#notes`).
pub fn file_link(dest: &str) -> Option<(&str, Option<&str>)> {
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (dest, None),
    };
    let scheme = path
        .find(':')
        .is_some_and(|colon| !path[..colon].contains('/'));
    let is_file = path.starts_with("@/") || (path.ends_with(".md") && !path.starts_with('/'));
    (is_file && !scheme).then_some((path, fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_links_are_told_from_other_links() {
        assert_eq!(file_link("x.md"), Some(("x.md", None)));
        assert_eq!(file_link("../x.md#a"), Some(("../x.md", Some("a"))));
        assert_eq!(file_link("@/2022/x.md"), Some(("@/2022/x.md", None)));
        assert_eq!(file_link("https://example.org/x.md"), None);
        assert_eq!(file_link("/notes.md"), None);
        assert_eq!(file_link("#notes"), None);
        assert_eq!(file_link("/2022/01/18/x/"), None);
    }
}
