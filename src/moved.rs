//! Article URLs that moved since the last build. `build` writes the list
//! of its articles' URLs beside the output's `.briefing` marker
//! ([`URLS_FILE`], one `source file<TAB>path` line per article); `check`
//! compares the site with the list of the output it would replace and
//! warns about each published article whose URL changed (a corrected
//! headline moves its slug), suggesting the `aliases:` line that keeps
//! old links working. Pure: the caller reads the file.

use std::collections::HashMap;

use crate::error::Diagnostic;
use crate::model::Site;

/// The file in the output folder that lists each article's URL.
pub const URLS_FILE: &str = ".briefing-urls";

const HEADER: &str = "# briefing: each article's source file (below content/) and URL path\n";

/// The text of [`URLS_FILE`] for `site`, in source-file order.
pub fn urls_file(site: &Site) -> String {
    let mut lines: Vec<(&str, &str)> = site
        .articles
        .iter()
        .map(|e| (e.article.file.as_str(), e.path.as_str()))
        .collect();
    lines.sort_unstable();
    let mut text = String::with_capacity(HEADER.len() + lines.len() * 64);
    text.push_str(HEADER);
    for (file, path) in lines {
        push_line(&mut text, file, path);
    }
    text
}

/// `text` (a [`urls_file`]) with the line of source `file` giving `to`
/// instead of `from`; `text` as it is if it has no such line.
pub fn with_moved(text: &str, file: &str, from: &str, to: &str) -> String {
    let mut line = String::from("\n");
    push_line(&mut line, file, from);
    match text.find(&line) {
        Some(at) => {
            let mut moved = String::with_capacity(text.len() + to.len());
            moved.push_str(&text[..=at]);
            push_line(&mut moved, file, to);
            moved.push_str(&text[at + line.len()..]);
            moved
        }
        None => text.to_string(),
    }
}

/// One line of [`URLS_FILE`]: `file<TAB>path`.
fn push_line(text: &mut String, file: &str, path: &str) {
    for part in [file, "\t", path, "\n"] {
        text.push_str(part);
    }
}

/// A warning for each article of `site` whose URL differs from the one
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
        if old == entry.path || aliased {
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
                "this article's URL changed since the last build, from {root}{old} to {root}{}",
                entry.path
            ),
        );
        warning.severity = crate::error::Severity::Warning;
        warnings.push(warning.expected(format!(
            "an alias so links to the old URL keep working: `aliases: [/{old}]`"
        )));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_article_changes_its_line_alone() {
        let text = format!("{HEADER}2022/a.md\t2022/01/21/a/\n2022/b.md\t2022/01/19/b/\n");
        assert_eq!(
            with_moved(&text, "2022/a.md", "2022/01/21/a/", "2022/01/21/a-b/"),
            format!("{HEADER}2022/a.md\t2022/01/21/a-b/\n2022/b.md\t2022/01/19/b/\n")
        );
        assert_eq!(
            with_moved(&text, "2022/b.md", "2022/01/19/b/", "2022/01/19/c/"),
            format!("{HEADER}2022/a.md\t2022/01/21/a/\n2022/b.md\t2022/01/19/c/\n")
        );
        // Only whole lines: `a.md` is not the end of `2022/a.md`.
        assert_eq!(with_moved(&text, "a.md", "2022/01/21/a/", "x/"), text);
    }
}
