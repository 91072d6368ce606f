//! `briefing check`: every internal link (`href`, `src`, form `action`,
//! `#fragment`) of a rendered site must land on a file of that site (and,
//! with a fragment, on an element with that `id`). Works on pages in
//! memory; never goes on the network.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use rayon::prelude::*;

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

/// Checks every link of every HTML page; `root` is the site's URL path
/// (`/` or `/briefings/`).
pub fn check_links(pages: &[Page], static_files: &[StaticFile], root: &str) -> Vec<BrokenLink> {
    let files: HashSet<&str> = pages
        .iter()
        .map(|p| p.path.as_str())
        .chain(static_files.iter().map(|s| s.output.as_str()))
        .collect();
    let html: Vec<&Page> = pages.iter().filter(|p| p.path.ends_with(".html")).collect();
    let ids: HashMap<&str, HashSet<String>> = html
        .par_iter()
        .map(|page| {
            let text = String::from_utf8_lossy(&page.body);
            let ids = attributes(&text, &["id", "name"])
                .into_iter()
                .map(|(_, v)| v)
                .collect();
            (page.path.as_str(), ids)
        })
        .collect();
    let mut broken: Vec<BrokenLink> = html
        .par_iter()
        .flat_map_iter(|page| {
            let text = String::from_utf8_lossy(&page.body);
            let links = attributes(&text, &["href", "src", "action"]);
            let mut found = Vec::new();
            for (_, link) in links {
                if let Err(reason) = resolve(&page.path, &link, root, &files, &ids) {
                    found.push(BrokenLink {
                        page: url_of(root, &page.path),
                        link,
                        source: page.source.clone(),
                        reason,
                        located: None,
                    });
                }
            }
            found
        })
        .collect();
    broken.sort_by(|a, b| (&a.page, &a.link).cmp(&(&b.page, &b.link)));
    broken.dedup();
    broken
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

fn url_of(root: &str, path: &str) -> String {
    format!("{root}{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// Checks one link of the page at output path `from`.
fn resolve(
    from: &str,
    link: &str,
    root: &str,
    files: &HashSet<&str>,
    ids: &HashMap<&str, HashSet<String>>,
) -> Result<(), String> {
    let link = link.trim();
    let external = link.starts_with("//")
        || link.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        });
    if external || link.is_empty() {
        return Ok(());
    }
    let (rest, fragment) = match link.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (link, None),
    };
    let rest = rest.split('?').next().unwrap_or_default();
    let target = if rest.is_empty() {
        from.to_string()
    } else {
        let absolute = if let Some(path) = rest.strip_prefix('/') {
            let inside = format!("/{path}");
            match inside.strip_prefix(root) {
                Some(p) => p.to_string(),
                None if inside == root.trim_end_matches('/') => String::new(),
                None => return Err(format!("outside the site's base path {root}")),
            }
        } else {
            let dir = from
                .rsplit_once('/')
                .map(|(d, _)| format!("{d}/"))
                .unwrap_or_default();
            format!("{dir}{rest}")
        };
        let Some(normal) =
            normalize(&crate::url::percent_decode(&absolute).unwrap_or_else(|| absolute.clone()))
        else {
            return Err("climbs above the site root".into());
        };
        if normal.is_empty() || normal.ends_with('/') {
            format!("{normal}index.html")
        } else if files.contains(normal.as_str()) {
            normal
        } else {
            format!("{normal}/index.html")
        }
    };
    if !files.contains(target.as_str()) {
        return Err("no such page or file".into());
    }
    match fragment {
        Some(fragment) if !fragment.is_empty() => {
            let fragment =
                crate::url::percent_decode(fragment).unwrap_or_else(|| fragment.to_string());
            match ids.get(target.as_str()) {
                Some(ids) if ids.contains(&fragment) => Ok(()),
                Some(_) => Err(format!("no element with id \"{fragment}\"")),
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// Resolves `.` and `..` segments; `None` if the path climbs out.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Values of the named attributes on every tag of `html`, entities decoded.
/// Comments and the insides of `<script>` and `<style>` are skipped.
pub fn attributes(html: &str, names: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[..end];
        rest = &rest[end..];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        for (attribute, value) in tag_attributes(tag) {
            if names.contains(&attribute.as_str()) {
                out.push((attribute, decode_entities(&value)));
            }
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |at| &rest[at..]);
        }
    }
    out
}

/// Where a tag ends: the first `>` outside quotes.
fn tag_end(text: &str) -> usize {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i,
            _ => {}
        }
    }
    text.len()
}

fn tag_attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = tag.chars().collect();
    let mut i = chars.iter().take_while(|c| !c.is_whitespace()).count();
    while i < chars.len() {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
            i += 1;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' && chars[i] != '/' {
            i += 1;
        }
        let name: String = chars[start..i]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i < chars.len() && chars[i] == '=' {
            i += 1;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let value: String = match chars.get(i) {
                Some(&q) if q == '"' || q == '\'' => {
                    let begin = i + 1;
                    i = begin;
                    while i < chars.len() && chars[i] != q {
                        i += 1;
                    }
                    let v = chars[begin..i.min(chars.len())].iter().collect();
                    i += 1;
                    v
                }
                _ => {
                    let begin = i;
                    while i < chars.len() && !chars[i].is_whitespace() {
                        i += 1;
                    }
                    chars[begin..i].iter().collect()
                }
            };
            out.push((name, value));
        } else if name.is_empty() {
            i += 1;
        }
    }
    out
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
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
    fn finds_attributes_in_tags_but_not_comments() {
        let found = attributes(
            r#"<a href="/x/" class=y>t</a><!-- <a href="/no/"> --><img src='/i.png' alt="">"#,
            &["href", "src"],
        );
        assert_eq!(
            found,
            vec![
                ("href".into(), "/x/".into()),
                ("src".into(), "/i.png".into())
            ]
        );
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
        ];
        let broken = check_links(&pages, &[], "/b/");
        let shown: Vec<String> = broken.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "/b/ -> #nope: no element with id \"nope\"",
                "/b/ -> zz/: no such page or file",
                "/b/a/ -> /b/missing/: no such page or file",
            ]
        );
    }
}
