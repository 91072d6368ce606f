//! `briefing check` (and `build --check`): every internal link (`href`,
//! `src`, form `action`, `#fragment`) of a rendered site must land on a
//! file of that site (and, with a fragment, on an element with that `id`).
//! Pages are read as they render ([`Links`]), never read back; never goes
//! on the network.

mod html;
mod links;

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

pub use html::attributes;
pub use links::Links;

use crate::error::Diagnostic;
use crate::load::StaticFile;
use crate::model::Site;
use crate::model::site_links::Missing;
use crate::render::Page;

/// A link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page holding the link, as a URL path.
    pub page: String,
    /// The link as written.
    pub link: String,
    /// The file the page was made from (article or template).
    pub source: Option<PathBuf>,
    /// What is wrong.
    pub reason: String,
    /// The link's warning at its place in a body, when it was written
    /// there (a root-relative link to a page the site does not have).
    pub located: Option<Diagnostic>,
}

impl fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(located) = &self.located {
            return write!(f, "{located}");
        }
        write!(f, "{} -> {}", self.page, self.link)?;
        if let Some(source) = &self.source {
            write!(f, " ({})", source.display())?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// Checks every link of every HTML page of `pages` (all in memory; a
/// build streams them through [`Links`] instead); `root` is the site's URL
/// path (`/` or `/briefings/`).
pub fn check_links(pages: &[Page], static_files: &[StaticFile], root: &str) -> Vec<BrokenLink> {
    let paths = pages
        .iter()
        .map(|p| p.path.as_str())
        .chain(static_files.iter().map(|s| s.output.as_str()));
    let links = Links::new(root, paths);
    for page in pages {
        links.page(page);
    }
    links.finish().1
}

/// `broken` with the root-relative links of bodies found missing when the
/// site was planned (`missing`) reported once, at their place in the
/// source: the same link found in the rendered pages (where it has the
/// site's path in front) is dropped.
pub fn with_located(
    broken: Vec<BrokenLink>,
    missing: Vec<Missing>,
    site: &Site,
) -> Vec<BrokenLink> {
    let root = site.config.root_path();
    let href = |dest: &str| {
        let link = format!("{}{dest}", root.trim_end_matches('/'));
        crate::url::percent_decode(&link).unwrap_or(link)
    };
    let located: HashSet<String> = missing.iter().map(|m| href(&m.dest)).collect();
    let mut all: Vec<BrokenLink> = broken
        .into_iter()
        .filter(|b| {
            let link = crate::url::percent_decode(&b.link).unwrap_or_else(|| b.link.clone());
            !located.contains(&link)
        })
        .collect();
    all.extend(missing.into_iter().map(|m| {
        let entry = &site.articles[m.article];
        BrokenLink {
            page: format!("{root}{}", entry.path),
            link: href(&m.dest),
            source: Some(entry.article.path.clone()),
            reason: "no such page or file".into(),
            located: Some(m.diagnostic),
        }
    }));
    let at = |b: &BrokenLink| b.located.as_ref().map(|d| (d.line, d.column));
    all.sort_by(|a, b| (&a.page, at(a), &a.link).cmp(&(&b.page, at(b), &b.link)));
    all
}

pub(crate) fn url_of(root: &str, path: &str) -> String {
    format!("{root}{}", path.strip_suffix("index.html").unwrap_or(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, body: &str) -> Page {
        Page {
            path: path.into(),
            body: crate::render::Bytes::copy_from_slice(body.as_bytes()),
            source: None,
        }
    }

    #[test]
    fn resolves_absolute_relative_and_fragment_links() {
        let pages = vec![
            page(
                "index.html",
                r##"<a href="/b/a/">a</a><a href="a/">a</a><a href="zz/">z</a><a href="#top">t</a><a href="#nope">n</a><p id="top"></p>"##,
            ),
            page(
                "a/index.html",
                r##"<a href="../">up</a><a href="/b/#top">top</a><a href="/b/missing/">x</a><a href="https://example.org/">e</a>"##,
            ),
            page(
                "café/index.html",
                r##"<a href="/b/feed.xml#x">f</a><a href="/b/a/#gone">g</a><a href="/b/a/#">a</a><a href="/elsewhere/">o</a><a href="../../x">c</a><a href="/b/caf%C3%A9/#here">h</a><a href="/b/caf%C3%A9/#there">t</a><a href="../caf%C3%A9/./#here">h</a><h2 id="here">h</h2>"##,
            ),
            page("feed.xml", r#"<a href="/nowhere/">"#),
        ];
        let broken = check_links(&pages, &[], "/b/");
        let shown: Vec<String> = broken.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "/b/ -> #nope: no element with id \"nope\"",
                "/b/ -> zz/: no such page or file",
                "/b/a/ -> /b/missing/: no such page or file",
                "/b/café/ -> ../../x: climbs above the site root",
                "/b/café/ -> /b/a/#gone: no element with id \"gone\"",
                "/b/café/ -> /b/caf%C3%A9/#there: no element with id \"there\"",
                "/b/café/ -> /elsewhere/: outside the site's base path /b/",
            ]
        );
    }
}
