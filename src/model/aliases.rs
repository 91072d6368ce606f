//! `aliases:`: the old addresses of an article whose URL changed, each to
//! get a redirect page. An alias must be a site path (`/2022/01/21/old/`)
//! that no real page uses: an article's URL or another alias is an error
//! naming both files, and so is a path the site makes pages at itself
//! (date pages, `actors/`, `page/2/`...).

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::Diagnostic;
use crate::load::Article;

/// A redirect from an old address to an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The old page's path below the site root (`2022/01/21/old-slug/`).
    pub path: String,
    /// The article it now leads to: its index in the site's articles.
    pub article: usize,
}

/// First path segments whose pages the site makes itself.
const RESERVED: &[&str] = &[
    "actors",
    "places",
    "tags",
    "authors",
    "archive",
    "chronology",
    "search",
    "data",
    "page",
];

/// The aliases of `articles`, checked against the articles' own URLs
/// (`owner`: the article whose URL a path is) and each other.
pub(super) fn collect(
    articles: &[Arc<Article>],
    owner: &dyn Fn(&str) -> Option<usize>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Alias> {
    let mut aliases = Vec::new();
    let mut taken: HashMap<String, usize> = HashMap::new();
    for (index, article) in articles.iter().enumerate() {
        for written in &article.matter.aliases {
            let error =
                |message: String| article.origin.error_at(&article.path, "aliases", message);
            let path = match alias_path(written) {
                Ok(path) => path,
                Err(why) => {
                    problems.push(
                        error(format!("alias `{written}` {why}"))
                            .expected("a path of this site, such as `/2022/01/21/old-slug/`"),
                    );
                    continue;
                }
            };
            let claimed = owner(&path);
            let other = claimed.or_else(|| taken.get(&path).copied());
            if let Some(other) = other {
                let owner = &articles[other];
                let what = if claimed.is_some() {
                    "the address of"
                } else {
                    "also an alias of"
                };
                problems.push(
                    error(format!(
                        "alias `{written}` is {what} {}",
                        owner.path.display()
                    ))
                    .expected("an old address that no page uses now")
                    .note(format!("{} is the other article", owner.path.display())),
                );
                continue;
            }
            if reserved(&path) {
                problems.push(
                    error(format!("alias `{written}` is a page the site makes itself")).expected(
                        "the old address of this article, such as `/2022/01/21/old-slug/`",
                    ),
                );
                continue;
            }
            taken.insert(path.clone(), index);
            aliases.push(Alias {
                path,
                article: index,
            });
        }
    }
    aliases
}

/// `/2022/01/21/old/` -> `2022/01/21/old/`, or why it cannot be one.
fn alias_path(written: &str) -> Result<String, &'static str> {
    let Some(rest) = written.strip_prefix('/') else {
        return Err("must start with `/`");
    };
    if rest.contains(['?', '#', '\\', '"', '<', '>']) || rest.contains(char::is_whitespace) {
        return Err("cannot hold `?`, `#`, quotes, backslashes or spaces");
    }
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return Err("is the home page");
    }
    if segments.iter().any(|s| *s == "." || *s == "..") || rest.contains("//") {
        return Err("must not contain `.`, `..` or `//` segments");
    }
    Ok(format!("{}/", segments.join("/")))
}

/// True for paths of pages the site makes: sections, and date pages
/// (`2022/`, `2022/01/`, `2022/01/21/`, `2022/W03/`).
fn reserved(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if RESERVED.contains(&segments[0]) {
        return true;
    }
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let week = |s: &str| s.len() == 3 && s.starts_with('W') && numeric(&s[1..]);
    segments.len() <= 3
        && numeric(segments[0])
        && segments[1..]
            .iter()
            .enumerate()
            .all(|(i, s)| numeric(s) || (i == 0 && week(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_site_paths() {
        assert_eq!(
            alias_path("/2022/01/21/old").as_deref(),
            Ok("2022/01/21/old/")
        );
        assert_eq!(alias_path("2022/x/"), Err("must start with `/`"));
        assert!(alias_path("/a/../b/").is_err());
        assert!(alias_path("/").is_err());
    }

    #[test]
    fn pages_the_site_makes_are_reserved() {
        for path in [
            "2022/",
            "2022/01/",
            "2022/01/21/",
            "2022/W03/",
            "actors/x/",
            "page/2/",
        ] {
            assert!(reserved(path), "{path}");
        }
        for path in ["2022/01/21/old/", "old/", "2022/notes/"] {
            assert!(!reserved(path), "{path}");
        }
    }
}
