//! A site built for a project path (`https://example.github.io/desk/`):
//! links written in Markdown bodies get the path, and feeds and the
//! sitemap say when they have no absolute address to use.

use crate::preview::Preview;
use crate::support::*;

fn desk(link: &str) -> TestSite {
    TestSite::new()
        .file(
            "content/a.md",
            article("Opening round", "2025-03-10", "summary: First talks.\n"),
        )
        .file(
            "content/b.md",
            format!(
                "---\ntitle: Second round\ndate: 2025-03-14\n---\nAfter [the opening round]({link}), a map:\n\n![map](/img/map.png)\n"
            ),
        )
        .file("static/img/map.png", b"\x89PNG")
}

#[test]
fn root_relative_links_in_bodies_get_the_base_path_in_pages_and_feeds() {
    let site = desk("/2025/03/10/opening-round/");
    site.build(&["--base-url", "https://example.github.io/desk/"]);
    let page = site.page("2025/03/14/second-round/index.html");
    assert!(
        page.contains("<a href=\"/desk/2025/03/10/opening-round/\">the opening round</a>"),
        "{page}"
    );
    assert!(page.contains("<img src=\"/desk/img/map.png\" alt=\"map\" />"));
    let feed = site.page("atom.xml");
    assert!(
        feed.contains("<a href=\"/desk/2025/03/10/opening-round/\">"),
        "{feed}"
    );
    assert!(!feed.contains("href=\"/2025/"), "{feed}");

    let checked = site.run(&["check", "--base-url", "https://example.github.io/desk/"]);
    assert!(checked.success, "{}{}", checked.stdout, checked.stderr);
}

#[test]
fn check_verifies_body_links_under_the_base_path() {
    let site = desk("/2025/03/11/opening-round/");
    let run = site.run(&["check", "--base-url", "https://example.github.io/desk/"]);
    assert!(!run.success);
    assert_eq!(
        run.stdout,
        "content/b.md:5:7: warning: link to `/2025/03/11/opening-round/`: the site has no such page or file; did you mean `/2025/03/10/opening-round/`?\n  |\n5 | After [the opening round](/2025/03/11/opening-round/), a map:\n  |       ^\n"
    );
}

#[test]
fn a_base_path_without_a_host_warns_once_naming_both_settings_and_slash_is_quiet() {
    let site = desk("/2025/03/10/opening-round/");
    let run = site.build(&[]);
    assert_eq!(
        run.stderr, "",
        "`base_url: /`, the default, is the local site: no warning"
    );
    assert!(site.has("atom.xml") && site.has("sitemap.xml"));
    let site = site.file("site.yaml", "title: Desk\nbase_url: /desk/\n");
    let run = site.build(&[]);
    assert_eq!(
        run.stderr,
        "site.yaml:2:11: warning: `base_url` is \"/desk/\", so the feeds and the sitemap get addresses without a host, which feed readers and search engines cannot use (expected the site's full address, such as https://org.github.io/briefings/, in `base_url` or in `--base-url` when you publish)\n\n"
    );
    let run = site.build(&["--base-url", "https://example.github.io/desk/"]);
    assert_eq!(run.stderr, "", "an absolute --base-url: no warning");
    let run = site.build(&["--base-url", "/"]);
    assert_eq!(run.stderr, "", "--base-url /: built for the local site");
    let site = site.file("site.yaml", "base_url: https://example.github.io/desk/\n");
    assert_eq!(
        site.build(&[]).stderr,
        "",
        "an absolute base_url: no warning"
    );
    let run = site.build(&["--base-url", "/briefings/"]);
    assert!(
        run.stderr
            .starts_with("site.yaml:1:11: warning: `base_url` is \"/briefings/\", so the feeds"),
        "a path given with --base-url warns too: {}",
        run.stderr
    );
}

#[test]
fn the_preview_does_not_warn_about_feed_addresses() {
    let site = desk("/2025/03/10/opening-round/");
    let preview = Preview::start(site.root());
    let startup = preview.startup.join("\n");
    assert!(!startup.contains("base_url"), "{startup}");
    assert!(
        preview.get("/atom.xml").text().contains(&format!(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}atom.xml\"/>",
            preview.url
        )),
        "the preview's feeds carry its own origin"
    );
}
