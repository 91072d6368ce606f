//! Every internal link of the sample site resolves, at the root and under
//! a path prefix.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::*;

/// `href`/`src` values of a page (the theme always double-quotes them).
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        for chunk in html.split(attribute).skip(1) {
            out.push(chunk[..chunk.find('"').unwrap()].replace("&amp;", "&"));
        }
    }
    out
}

/// `id`s on a page, for `#fragment` links.
fn ids(html: &str) -> BTreeSet<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|c| c[..c.find('"').unwrap()].to_string())
        .collect()
}

fn check_links(output: &Path, prefix: &str) {
    let pages: Vec<String> = files_below(output)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() > 40, "{}", pages.len());
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in &pages {
        let html = std::fs::read_to_string(output.join(page)).unwrap();
        for link in links(&html) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (path, fragment) = match link.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (link.clone(), None),
            };
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(inside) = path.strip_prefix(prefix) {
                if inside.is_empty() || inside.ends_with('/') {
                    format!("{inside}index.html")
                } else {
                    inside.to_string()
                }
            } else {
                broken.push(format!("{page} -> {link} (outside {prefix})"));
                continue;
            };
            checked += 1;
            let file = output.join(&target);
            if !file.is_file() {
                broken.push(format!("{page} -> {link}"));
                continue;
            }
            if let Some(fragment) = fragment
                && !ids(&std::fs::read_to_string(&file).unwrap()).contains(&fragment)
            {
                broken.push(format!("{page} -> {link} (no such id)"));
            }
        }
    }
    assert!(checked > 500, "only {checked} links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_link_of_the_sample_site_resolves_under_a_path_prefix() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    build_into(
        &sample_root(),
        &output,
        &["--base-url", "https://org.github.io/briefings/"],
    );
    check_links(&output, "/briefings/");
    let home = std::fs::read_to_string(output.join("index.html")).unwrap();
    assert!(home.contains(r#"<link rel="canonical" href="https://org.github.io/briefings/">"#));
}

#[test]
fn every_link_of_the_sample_site_resolves_at_the_root() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    build_into(&sample_root(), &output, &[]);
    check_links(&output, "/");
}
