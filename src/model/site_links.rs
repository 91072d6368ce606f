//! Root-relative links in bodies (`[this](/2022/07/23/talks/)`,
//! `![map](/img/map.png)`): each is found with its line and column when the
//! model is built ([`super::links`] reads the body once for both kinds of
//! link), and checked once the plan lists every output file: a link that
//! names no planned page or file is a warning at its position (an error
//! with `--strict`), with the closest page the site has as a suggestion.
//! The link is taken as markdown.rs writes it: below the site's path
//! (`/briefings/` in front when `base_url` has one), a folder URL naming
//! its `index.html`. Fragments are left to `briefing check`.

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::path::Path;

use super::Site;
use super::near::closest;
use crate::error::Diagnostic;
use crate::url::percent_decode;

/// A root-relative link or image in a body, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLink {
    /// The destination as written (`/2022/07/23/talks/#venue`).
    pub dest: String,
    /// The output path it names below the site root, decoded, without
    /// query or fragment (`2022/07/23/talks/`); `None` if it climbs out.
    pub path: Option<String>,
    /// Line and column in the article's file.
    pub line: usize,
    /// Column (in characters).
    pub column: usize,
    /// The text of that line.
    pub source_line: String,
    /// An image (`![...](/...)`) rather than a link.
    pub image: bool,
}

/// The output path a root-relative destination names (`/a%20b/x/?q#f` ->
/// `a b/x/`), `.` and `..` resolved; `None` when it climbs out.
pub fn output_path(dest: &str) -> Option<String> {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let decoded = percent_decode(path).unwrap_or_else(|| path.to_string());
    let folder = decoded.ends_with('/') || decoded.ends_with("/.") || decoded.ends_with("/..");
    let mut out = crate::url::normalize("", path)?;
    if folder && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Whether a destination is root-relative (`/x`, not `//host/x`).
pub fn is_site_link(dest: &str) -> bool {
    dest.starts_with('/') && !dest.starts_with("//")
}

/// Whether `body` may hold a root-relative link or image: `](` or `]:`
/// followed by blanks, an optional `<` and a `/`. Bodies without one are
/// not parsed for them.
pub fn may_hold(body: &str) -> bool {
    let bytes = body.as_bytes();
    body.match_indices(']').any(|(at, _)| {
        let mut i = at + 1;
        match bytes.get(i) {
            Some(b'(' | b':') => i += 1,
            _ => return false,
        }
        while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'<')) {
            i += 1;
        }
        bytes.get(i) == Some(&b'/')
    })
}

/// A root-relative link naming no file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The article holding it: its index in the site's articles.
    pub article: usize,
    /// The destination as written.
    pub dest: String,
    /// The warning at its position.
    pub diagnostic: Diagnostic,
}

/// The root-relative links of every body that name no file in `files`
/// (every planned output path and static file); with `pending`, any path
/// below that folder counts as present (`serve` makes the search index
/// after the pages). One hash lookup per link; suggestions are looked for
/// only for the links that fail.
pub fn check<S: BuildHasher>(
    site: &Site,
    files: &HashSet<&str, S>,
    pending: Option<&str>,
) -> Vec<Missing> {
    let exists = |path: &str| {
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else if files.contains(path) {
            return true;
        } else {
            format!("{path}/index.html")
        };
        files.contains(file.as_str()) || pending.is_some_and(|p| path.starts_with(p))
    };
    let mut pages: Option<Vec<String>> = None;
    let mut missing = Vec::new();
    for (index, entry) in site.articles.iter().enumerate() {
        for link in &entry.site_links {
            if link.path.as_deref().is_some_and(exists) {
                continue;
            }
            let pages = pages.get_or_insert_with(|| page_urls(files));
            let written = link.dest.split(['#', '?']).next().unwrap_or("");
            let near = closest(written, pages.iter().map(String::as_str));
            missing.push(Missing {
                article: index,
                dest: link.dest.clone(),
                diagnostic: warning(&entry.article.path, link, near),
            });
        }
    }
    missing
}

/// Every file as a site path (`/2022/07/23/talks/`, `/img/map.png`),
/// sorted, for suggestions.
fn page_urls<S: BuildHasher>(files: &HashSet<&str, S>) -> Vec<String> {
    let mut urls: Vec<String> = files
        .iter()
        .map(|f| format!("/{}", f.strip_suffix("index.html").unwrap_or(f)))
        .collect();
    urls.sort();
    urls
}

fn warning(path: &Path, link: &SiteLink, near: Option<&str>) -> Diagnostic {
    let kind = if link.image { "image" } else { "link to" };
    let what = if link.image { "file" } else { "page or file" };
    let message = format!("{kind} `{}`: the site has no such {what}", link.dest);
    let diagnostic = match near {
        Some(near) => Diagnostic::warning(
            path,
            link.line,
            link.column,
            format!("{message}; did you mean `{near}`?"),
        ),
        None => Diagnostic::warning(path, link.line, link.column, message).expected(
            "the address of a page of this site below its root (`/2022/01/18/talks/`), \
             or the article's file (`@/2022/2022-01-18-talks.md`)",
        ),
    };
    Diagnostic {
        source_line: Some(link.source_line.clone()),
        ..diagnostic
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_name_output_paths() {
        assert_eq!(output_path("/").as_deref(), Some(""));
        assert_eq!(output_path("/2022/x/#a").as_deref(), Some("2022/x/"));
        assert_eq!(output_path("/a%20b/x?q=1").as_deref(), Some("a b/x"));
        assert_eq!(output_path("/a/../b/.").as_deref(), Some("b/"));
        assert_eq!(output_path("/../x"), None);
    }

    #[test]
    fn only_bodies_that_may_link_the_site_are_parsed() {
        assert!(may_hold("see [x](/2022/)"));
        assert!(may_hold("see [x]( </a b/>)"));
        assert!(may_hold("[ref]: /actors/\n"));
        assert!(!may_hold("see [x](https://example.org/) and [y](x.md)"));
        assert!(!may_hold("a ] b"));
    }
}
