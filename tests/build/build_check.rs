//! `build --check`: the build and `check` in one pass (what the Pages
//! workflow runs); with a broken link, nothing is written.

use crate::support::*;

fn site_with_broken_links() -> TestSite {
    TestSite::new()
        .file("site.yaml", "base_url: https://org.github.io/briefings/\n")
        .file(
            "content/a.md",
            "---\ntitle: Talks\ndate: 2022-01-10\n---\nSee [the council](/2022/01/12/council/), [notes](#notes), [Geneva](../../../../places/geneva/) and [elsewhere](https://example.org/).\n",
        )
        .file("templates/404.html", "{% extends \"base.html\" %}{% block main %}<a href=\"/elsewhere/\">home</a>{% endblock main %}")
}

#[test]
fn a_broken_link_fails_build_check_as_it_fails_check_and_nothing_is_written() {
    let site = site_with_broken_links();
    let checked = site.run(&["check"]);
    let run = site.run(&["build", "--check"]);
    assert!(!run.success);
    assert_eq!(run.stdout, checked.stdout);
    assert_eq!(
        run.stdout.lines().count(),
        7,
        "the four broken links, one located in the body: {}",
        run.stdout
    );
    assert!(
        run.stderr
            .ends_with("error: 4 broken links in 13 pages; nothing was written\n"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists(), "nothing was written");
    assert!(!site.root().join(".public.urls").exists());
}

#[test]
fn a_broken_link_leaves_the_previous_output_as_it_was() {
    let site = TestSite::new().file("content/a.md", article("Talks", "2022-01-10", ""));
    site.build(&["--check"]);
    let before = snapshot(&site.public());
    let site = site.file(
        "content/b.md",
        "---\ntitle: Call\ndate: 2022-01-11\n---\n[Nowhere](/2021/nowhere/).\n",
    );
    let run = site.run(&["build", "--check"]);
    assert!(!run.success);
    assert!(
        run.stdout.starts_with(
            "content/b.md:5:1: warning: link to `/2021/nowhere/`: the site has no such page or file"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(snapshot(&site.public()), before);
    // `build` alone only warns about the link, and writes the site.
    let built = site.build(&[]);
    assert!(built.stderr.contains("link to `/2021/nowhere/`"));
    assert!(site.has("2022/01/11/call/index.html"));
}

#[test]
fn build_check_writes_what_build_writes_and_says_both_results() {
    let check = check_sample_site();
    assert!(check.success, "{}", check.stderr);
    let out = tempfile::tempdir().unwrap();
    let both = build_into(
        &sample_root(),
        &out.path().join("both"),
        &["--check", "--base-url", "https://org.github.io/briefings/"],
    );
    let plain = build_into(
        &sample_root(),
        &out.path().join("plain"),
        &["--base-url", "https://org.github.io/briefings/"],
    );
    let lines: Vec<&str> = both.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", both.stdout);
    assert_eq!(format!("{}\n", lines[0]), check.stdout);
    assert!(lines[1].starts_with("built 12 articles, "), "{}", lines[1]);
    // The same notes as `check`, the same files as `build`.
    let notes = |run: &Run| -> Vec<String> {
        run.stderr
            .lines()
            .filter(|l| l.contains(": note: "))
            .map(String::from)
            .collect()
    };
    assert_eq!(notes(&both), notes(&check));
    assert!(!notes(&both).is_empty());
    assert_eq!(
        snapshot(&out.path().join("both")),
        snapshot(&out.path().join("plain"))
    );
    let tail = |run: &Run| {
        let line = run.stdout.lines().last().unwrap_or_default().to_string();
        line.split_once("-> ").map(|(_, t)| t.to_string())
    };
    assert_eq!(
        tail(&both).map(|t| t.replace("/both/", "/")),
        tail(&plain).map(|t| t.replace("/plain/", "/"))
    );
}

#[test]
fn build_check_warns_about_moved_urls_once_and_fails_under_strict() {
    let site = TestSite::new().file(
        "content/2022/geneva.md",
        article("Talks in Geneva", "2022-01-21", ""),
    );
    site.build(&[]);
    let site = site.file(
        "content/2022/geneva.md",
        article("Talks at Geneva", "2022-01-21", ""),
    );
    let strict = site.run(&["build", "--check", "--strict"]);
    assert!(!strict.success);
    assert!(
        strict.stderr.starts_with(
            "content/2022/geneva.md:2:8: error: this article's URL changed since the last build, from /2022/01/21/talks-in-geneva/ to /2022/01/21/talks-at-geneva/"
        ),
        "{}",
        strict.stderr
    );
    assert!(site.has("2022/01/21/talks-in-geneva/index.html"));
    let run = site.run(&["build", "--check"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "content/2022/geneva.md:2:8: warning: this article's URL changed since the last build"
        ),
        "{}",
        run.stderr
    );
    assert!(site.has("2022/01/21/talks-at-geneva/index.html"));
    // The build recorded the new URL: the next run has nothing to say.
    let again = site.run(&["build", "--check"]);
    assert!(again.success && again.stderr.is_empty(), "{}", again.stderr);
}

#[test]
fn build_check_prints_check_notes_on_mentions() {
    let site = TestSite::new()
        // Actors get pages (and notes) once an article lists them.
        .file(
            "content/z.md",
            article("Earlier", "2021-01-01", "actors: [Olaf Scholz]\n"),
        )
        .file(
            "content/actors/olaf-scholz.md",
            "---\nname: Olaf Scholz\n---\n",
        )
        .file(
            "content/a.md",
            "---\ntitle: Talks\ndate: 2022-01-10\n---\nThe talks went on.\nOlaf Scholz spoke.\n",
        );
    let check = site.run(&["check"]);
    let run = site.run(&["build", "--check"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "content/a.md:6:1: note: mentions Olaf Scholz, who is not in this article's actors"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr, check.stderr);
}
