//! Links between articles by source file, and who refers to whom.
//!
//! A body may link another article by its Markdown file: relative to its
//! own folder (`2022-01-18-geneva.md`, `../2021/x.md`) or from the content
//! root (`@/2022/x.md`, as in Zola), with an optional `#heading`. Each is
//! resolved here to the article it names, so the renderer can write that
//! article's URL; a file that is not an article, or a heading it does not
//! have, is an error at the link's line and column. The reverse index
//! ("referred to by") is built in the same pass, and the body's
//! root-relative links are found for [`super::site_links`] in the same
//! read. Pure: only the loaded bodies are read.

use std::collections::HashMap;
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;

use super::headings::{heading_ids, options};
use super::near::{closest_article, relative};
use super::site_links::{self, SiteLink};
use crate::error::Diagnostic;
use crate::load::Article;
use crate::load::publication::{Publication, Withheld};
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
    /// Root-relative links of each article, in body order.
    pub site: Vec<Vec<SiteLink>>,
    /// Links by file of each article to expired articles, as written.
    pub unlinked: Vec<Vec<String>>,
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
/// them). Returns the links and an error for each one that is broken: a
/// link to a scheduled article left out of `publication` is an error
/// saying when it goes live, one to an expired article a warning (the
/// page shows the link's text alone).
pub fn resolve(articles: &[Arc<Article>], publication: &Publication) -> (Links, Vec<Diagnostic>) {
    let by_file: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.file.as_str(), i))
        .collect();
    let all = all_of(articles);
    let target_of = |file: &str| by_file.get(file).copied();
    let mut links = Links {
        outgoing: Vec::with_capacity(articles.len()),
        referrers: vec![Vec::new(); articles.len()],
        site: Vec::with_capacity(articles.len()),
        unlinked: Vec::with_capacity(articles.len()),
    };
    let mut problems = Vec::new();
    let resolved = resolve_some(articles, publication, &all, target_of);
    for (source, one) in resolved.into_iter().enumerate() {
        for link in &one.outgoing {
            if link.target != source && links.referrers[link.target].last() != Some(&source) {
                links.referrers[link.target].push(source);
            }
        }
        links.outgoing.push(one.outgoing);
        links.site.push(one.site);
        links.unlinked.push(one.unlinked);
        problems.extend(one.problems);
    }
    (links, problems)
}

/// Every index of `articles`.
fn all_of(articles: &[Arc<Article>]) -> Vec<usize> {
    (0..articles.len()).collect()
}

/// One article's links, resolved.
#[derive(Debug, Default)]
pub struct Resolved {
    /// Its links by file, in body order.
    pub outgoing: Vec<FileLink>,
    /// Its root-relative links, in body order.
    pub site: Vec<SiteLink>,
    /// Its links by file to expired articles, as written.
    pub unlinked: Vec<String>,
    /// The problems of its links.
    pub problems: Vec<Diagnostic>,
}

/// The links of the articles `sources` (indexes into `articles`, sorted
/// as the site lists them), each file's article found by `target_of`, as
/// [`resolve`] gives them.
pub fn resolve_some(
    articles: &[Arc<Article>],
    publication: &Publication,
    sources: &[usize],
    target_of: impl Fn(&str) -> Option<usize>,
) -> Vec<Resolved> {
    let scanned: Vec<(Vec<Found>, Vec<SiteLink>)> =
        sources.par_iter().map(|&i| scan(&articles[i])).collect();
    let mut headings: HashMap<usize, Vec<String>> = HashMap::new();
    sources
        .iter()
        .zip(scanned)
        .map(|(&source, (found, site))| {
            let mut one = Resolved {
                site,
                ..Resolved::default()
            };
            if !found.is_empty() {
                let article = &articles[source];
                let text = article.body.text();
                let mut lines = LineFinder::new(&text);
                for link in found {
                    let target = link.file.as_deref().and_then(&target_of);
                    let Some(target) = target else {
                        let withheld = link
                            .file
                            .as_deref()
                            .and_then(|f| publication.withheld.get(f));
                        one.problems.push(match withheld {
                            Some(withheld) => {
                                to_withheld(publication, article, &mut lines, &link, withheld)
                            }
                            None => no_article(articles, article, &mut lines, &link),
                        });
                        if let Some(Withheld::Expired(_)) = withheld {
                            one.unlinked.push(link.dest);
                        }
                        continue;
                    };
                    if let Some(problem) =
                        early_target(publication, article, &articles[target], &mut lines, &link)
                    {
                        one.problems.push(problem);
                    }
                    if let Some(fragment) = &link.fragment {
                        let ids = headings
                            .entry(target)
                            .or_insert_with(|| heading_ids(&articles[target].body.text()));
                        if !ids.iter().any(|id| id == fragment) {
                            let expected = match ids.len() {
                                0 => "a link without `#...`: that article has no headings".into(),
                                _ => format!("one of its heading ids: {}", ids.join(", ")),
                            };
                            let message = format!(
                                "link to `{}`: {} has no heading `#{fragment}`",
                                link.dest, articles[target].file
                            );
                            one.problems
                                .push(broken(article, &mut lines, &link, message, expected));
                            continue;
                        }
                    }
                    one.outgoing.push(FileLink {
                        dest: link.dest,
                        target,
                        fragment: link.fragment,
                    });
                }
            }
            one
        })
        .collect()
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
    old.file == new.file && key(scan(old).0) == key(scan(new).0)
}

/// The root-relative links of `article`'s body (for an article swapped
/// in by `serve`'s patch).
pub fn site_links_of(article: &Article) -> Vec<SiteLink> {
    scan(article).1
}

/// The error for a link by file naming no article, with the closest
/// article file as a suggestion, written as the link was (relative, or
/// from the content root).
fn no_article(
    articles: &[Arc<Article>],
    article: &Article,
    lines: &mut LineFinder<'_>,
    link: &Found,
) -> Diagnostic {
    let named = link.file.as_deref().unwrap_or("a file outside content/");
    let message = format!(
        "link to `{}`: there is no article content/{named}",
        link.dest
    );
    let near = link
        .file
        .as_deref()
        .and_then(|file| closest_article(file, articles.iter().map(|a| a.file.as_str())));
    let Some(near) = near else {
        let expected = "the source file of a published article, relative to this file \
                        or from the content root (`@/2022/2022-01-18-talks.md`)";
        return broken(article, lines, link, message, expected.into());
    };
    let mut written = if link.dest.starts_with("@/") {
        format!("@/{near}")
    } else {
        relative(folder_of(&article.file), near)
    };
    if let Some(fragment) = &link.fragment {
        written = format!("{written}#{fragment}");
    }
    let (line, column) = lines.position(link.offset);
    Diagnostic::error(
        &article.path,
        article.body_line + line - 1,
        column,
        format!("{message}; did you mean `{written}`?"),
    )
    .with_source(&article.body.text(), article.body_line)
}

/// The problem of a link to an article this build leaves out: to a
/// scheduled one, an error (publishing the link now would publish a broken
/// link); to an expired one, a warning naming both.
fn to_withheld(
    publication: &Publication,
    article: &Article,
    lines: &mut LineFinder<'_>,
    link: &Found,
    withheld: &Withheld,
) -> Diagnostic {
    let file = link.file.as_deref().unwrap_or_default();
    match withheld {
        Withheld::Scheduled(at) => broken(
            article,
            lines,
            link,
            format!(
                "link to `{}`: content/{file} is scheduled and goes live {}; this article would publish a broken link",
                link.dest,
                publication.shown(*at)
            ),
            "a link to a published article: remove this link until the target goes live, or date this article no earlier than it".into(),
        ),
        Withheld::Expired(at) => {
            let (line, column) = lines.position(link.offset);
            Diagnostic::warning(
                &article.path,
                article.body_line + line - 1,
                column,
                format!(
                    "link to `{}`: content/{file} expired {}; {} shows the link's text without the link",
                    link.dest,
                    publication.shown(*at),
                    article.path.display()
                ),
            )
            .with_source(&article.body.text(), article.body_line)
        }
    }
}

/// In the preview (or `--future`), where scheduled articles are shown: a
/// link that goes live before the article it links to (a build in
/// between fails on it) is a warning.
fn early_target(
    publication: &Publication,
    article: &Article,
    target: &Article,
    lines: &mut LineFinder<'_>,
    link: &Found,
) -> Option<Diagnostic> {
    let target_at = *publication.early.get(&target.file)?;
    let source_at = publication.early.get(&article.file).copied();
    if source_at.is_some_and(|at| at >= target_at) {
        return None;
    }
    let (line, column) = lines.position(link.offset);
    let when = match source_at {
        Some(at) => format!("this article goes live {}", publication.shown(at)),
        None => "this article is published".into(),
    };
    Some(
        Diagnostic::warning(
            &article.path,
            article.body_line + line - 1,
            column,
            format!(
                "link to `{}`: content/{} is scheduled for {}, but {when}: a build before then fails on this link",
                link.dest,
                target.file,
                publication.shown(target_at)
            ),
        )
        .with_source(&article.body.text(), article.body_line),
    )
}

/// The folder of a file relative to `content/` (`""` at the top).
fn folder_of(file: &str) -> &str {
    file.rfind('/').map_or("", |slash| &file[..slash])
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
        .with_source(&article.body.text(), article.body_line)
}

/// The links by file in `article`'s body, with their byte offsets, and its
/// root-relative links and images with their positions. Bodies that cannot
/// hold either (no `.md`, no `](/` or alike in them) are not parsed.
fn scan(article: &Article) -> (Vec<Found>, Vec<SiteLink>) {
    let text = article.body.text();
    let body: &str = &text;
    let files = body.contains(".md");
    if !files && !site_links::may_hold(body) {
        return Default::default();
    }
    let folder = folder_of(&article.file);
    let mut found = Vec::new();
    let mut site = Vec::new();
    let mut lines = LineFinder::new(body);
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
            &event
        else {
            continue;
        };
        if site_links::is_site_link(dest_url) {
            let (line, column) = lines.position(range.start);
            site.push(SiteLink {
                dest: dest_url.to_string(),
                path: site_links::output_path(dest_url),
                line: article.body_line + line - 1,
                column,
                source_line: body
                    .lines()
                    .nth(line - 1)
                    .unwrap_or_default()
                    .trim_end_matches('\r')
                    .to_string(),
                image: matches!(event, Event::Start(Tag::Image { .. })),
            });
            continue;
        }
        if let Event::Start(Tag::Link { dest_url, .. }) = &event
            && let Some((path, fragment)) = file_link(dest_url)
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
    (found, site)
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
