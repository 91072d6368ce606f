//! Article URLs that moved since the last build. `build` writes the list
//! of its articles' URLs beside the output (`.public.urls`, one
//! `source file<TAB>path` line per article; see [`crate::bookkeeping`]); `check`
//! compares the site with the list of the output it would replace and
//! warns about each published article whose URL changed (a corrected
//! headline moves its slug), suggesting the `aliases:` line that keeps
//! old links working. Pure: the caller reads the file.

use std::collections::HashMap;

use crate::error::Diagnostic;
use crate::model::Site;

/// The name of the bookkeeping file beside the output that lists each
/// article's URL (`.public.urls`).
pub const URLS: &str = "urls";

/// Where versions before 0.2 kept the list: inside the output.
const LEGACY_URLS_FILE: &str = ".briefing-urls";

/// The list the last build of `output` wrote, if any.
pub fn previous_urls(output: &std::path::Path) -> Option<String> {
    std::fs::read_to_string(crate::bookkeeping::urls_of(output))
        .or_else(|_| std::fs::read_to_string(output.join(LEGACY_URLS_FILE)))
        .ok()
}

const HEADER: &str = "# briefing: each article's source file (below content/) and URL path\n";

/// The text of the list for `site`, in source-file order.
pub fn urls_file<'a>(sites: impl IntoIterator<Item = &'a Site>) -> String {
    let mut lines: Vec<(&str, String)> = sites
        .into_iter()
        .flat_map(|site| {
            site.articles
                .iter()
                .map(|e| (e.article.file.as_str(), page_path(site, &e.path)))
        })
        .collect();
    lines.sort_unstable();
    let mut text = String::with_capacity(HEADER.len() + lines.len() * 64);
    text.push_str(HEADER);
    for (file, path) in lines {
        push_line(&mut text, file, &path);
    }
    text
}

/// An article's path below the site root: below its language's folder in
/// a multilingual site.
fn page_path(site: &Site, path: &str) -> String {
    format!("{}{path}", site.config.language_path)
}

/// One line of the list: `file<TAB>path`.
fn push_line(text: &mut String, file: &str, path: &str) {
    for part in [file, "\t", path, "\n"] {
        text.push_str(part);
    }
}

/// A warning for each article of `site` (one language's, in a
/// multilingual site) whose URL differs from the one
/// `previous` (an earlier [`urls_file`]) lists for its source file, unless
/// an alias already covers the old URL.
pub fn moved(site: &Site, previous: &str) -> Vec<Diagnostic> {
    let before: HashMap<&str, &str> = previous
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .collect();
    let root = site.config.root_path();
    let mut warnings = Vec::new();
    for (index, entry) in site.articles.iter().enumerate() {
        let article = &entry.article;
        let Some(&old) = before.get(article.file.as_str()) else {
            continue;
        };
        let aliased = site
            .aliases
            .iter()
            .any(|a| a.article == index && a.path == old);
        let path = page_path(site, &entry.path);
        if old == path || aliased {
            continue;
        }
        let key = if article.matter.slug.is_some() {
            "slug"
        } else {
            "title"
        };
        let mut warning = article.origin.error_at(
            &article.path,
            key,
            format!(
                "this article's URL changed since the last build, from {root}{old} to {root}{path}"
            ),
        );
        warning.severity = crate::error::Severity::Warning;
        warnings.push(warning.expected(format!(
            "an alias so links to the old URL keep working: `aliases: [/{old}]`"
        )));
    }
    warnings
}
