//! Every internal link of the sample site resolves, at the root and under
//! a path prefix; a root-relative link in a body to a page the site does
//! not have is reported at its place by `build`, `check` and `--strict`.

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

/// A site under `/briefings/` whose later article links, from its body,
/// to pages the site has (folders with and without a slash, the home
/// page, a feed, a static file, a fragment) and to two it does not have.
fn site_with_body_links() -> TestSite {
    TestSite::new()
        .file("site.yaml", "base_url: https://desk.example.org/briefings/\n")
        .file("static/extra.css", "p { margin: 0; }\n")
        .file(
            "content/2022/a.md",
            "---\ntitle: Talks in Geneva\ndate: 2022-07-23\n---\n## Venue\n\nText.\n",
        )
        .file(
            "content/2022/b.md",
            "---\ntitle: Follow-up\ndate: 2022-07-24\n---\n\
             See [the talks](/2022/07/23/talks-in-geneva/) and [this](/2022/07/23/talks-in-genva/).\n\
             Also [home](/), [July](/2022/07), [feed](/atom.xml), [css](/extra.css),\n\
             [venue](/2022/07/23/talks-in-geneva/#venue) and [gone][ref].\n\n\
             [ref]: /2022/07/23/no-such-page/\n",
        )
}

const NEAR_MISS: &str = "content/2022/b.md:5:51: warning: link to `/2022/07/23/talks-in-genva/`: the site has no such page or file; did you mean `/2022/07/23/talks-in-geneva/`?\n  |\n5 | See [the talks](/2022/07/23/talks-in-geneva/) and [this](/2022/07/23/talks-in-genva/).\n  |                                                   ^\n";

const NO_PAGE: &str = "content/2022/b.md:7:49: warning: link to `/2022/07/23/no-such-page/`: the site has no such page or file (expected the address of a page of this site below its root (`/2022/01/18/talks/`), or the article's file (`@/2022/2022-01-18-talks.md`))\n  |\n7 | [venue](/2022/07/23/talks-in-geneva/#venue) and [gone][ref].\n  |                                                 ^\n";

#[test]
fn body_links_to_pages_the_site_lacks_are_warnings_at_their_place() {
    let site = site_with_body_links();
    let run = site.build(&[]);
    assert_eq!(run.stderr, format!("{NEAR_MISS}\n{NO_PAGE}\n"));
    assert!(
        site.page("2022/07/24/follow-up/index.html")
            .contains("<a href=\"/briefings/2022/07/23/no-such-page/\">gone</a>")
    );

    // `check` reports each once, located, among its broken links.
    let run = site.run(&["check"]);
    assert!(!run.success);
    assert_eq!(run.stdout, format!("{NEAR_MISS}{NO_PAGE}"));
    assert_eq!(run.stderr, "error: 2 broken links in 15 pages\n");
}

#[test]
fn body_links_to_pages_the_site_lacks_fail_a_strict_build() {
    let site = site_with_body_links();
    let note = "  = note: an error because of --strict (or `strict: true` in site.yaml)\n";
    let expected = format!(
        "{}{note}\n{}{note}\nerror: build failed: 2 errors in the site; nothing was written\n",
        NEAR_MISS.replace("warning:", "error:"),
        NO_PAGE.replace("warning:", "error:"),
    );
    let run = site.run(&["build", "--strict"]);
    assert!(!run.success);
    assert_eq!(run.stderr, expected);
    assert!(!site.public().exists(), "a failed build must not write");
    let run = site.run(&["check", "--strict"]);
    assert!(!run.success);
    assert_eq!(
        run.stderr,
        expected.replace(
            "build failed: 2 errors in the site; nothing was written",
            "check failed: 2 errors in the site"
        )
    );

    let fixed = site.file(
        "content/2022/b.md",
        "---\ntitle: Follow-up\ndate: 2022-07-24\n---\nSee [the talks](/2022/07/23/talks-in-geneva/), [July](/2022/07/) \
         and ![a map](/extra.css).\n",
    );
    let run = fixed.build(&["--strict"]);
    assert_eq!(run.stderr, "");
}
