//! `--strict` and `strict: true`: warnings fail the build like errors.

use crate::support::*;

fn site() -> TestSite {
    TestSite::new()
        .file("site.yaml", "base_url: https://desk.example.org/\n")
        .file(
            "content/a.md",
            article("Talks", "2025-03-10", "place: Geneva\n"),
        )
}

const EXPECTED: &str = "content/a.md:4:1: error: unknown key `place` is ignored; did you mean `places`?\n  |\n4 | place: Geneva\n  | ^\n  = note: an error because of --strict (or `strict: true` in site.yaml)\n\nerror: build failed: 1 error in the site; nothing was written\n";

#[test]
fn strict_turns_warnings_into_errors_and_writes_nothing() {
    let site = site();
    let loose = site.build(&[]);
    assert!(
        loose
            .stderr
            .starts_with("content/a.md:4:1: warning: unknown key `place`"),
        "{}",
        loose.stderr
    );
    let before = snapshot(&site.public());
    let run = site.run(&["build", "--strict"]);
    assert!(!run.success);
    assert_eq!(run.stderr, EXPECTED);
    assert_eq!(snapshot(&site.public()), before, "public/ left as it was");

    let run = site.run(&["check", "--strict"]);
    assert!(!run.success);
    let checked = EXPECTED.replace(
        "build failed: 1 error in the site; nothing was written",
        "check failed: 1 error in the site",
    );
    assert_eq!(run.stderr, checked);
}

#[test]
fn strict_true_in_site_yaml_does_the_same() {
    let site = site().file(
        "site.yaml",
        "base_url: https://desk.example.org/\nstrict: true\n",
    );
    let run = site.run(&["build"]);
    assert!(!run.success);
    assert_eq!(run.stderr, EXPECTED);
    assert!(!site.public().exists());
    let fixed = site.file(
        "content/a.md",
        article("Talks", "2025-03-10", "places: [Geneva]\n"),
    );
    let run = fixed.build(&[]);
    assert_eq!(run.stderr, "");
    assert!(fixed.has("places/geneva/index.html"));
}

#[test]
fn strict_fails_a_build_whose_feeds_have_no_absolute_address() {
    let site = TestSite::new()
        .file("site.yaml", "base_url: /desk/\n")
        .file("content/a.md", article("Talks", "2025-03-10", ""));
    let run = site.run(&["build", "--strict"]);
    assert!(!run.success);
    assert!(
        run.stderr
            .starts_with("site.yaml:1:11: error: `base_url` is \"/desk/\", so the feeds"),
        "{}",
        run.stderr
    );
    let run = site.run(&[
        "build",
        "--strict",
        "--base-url",
        "https://desk.example.org/",
    ]);
    assert!(run.success, "{}", run.stderr);
}

#[test]
fn strict_builds_a_local_site_with_base_url_slash() {
    for site_yaml in ["", "base_url: /\n"] {
        let site = TestSite::new()
            .file("site.yaml", site_yaml)
            .file("content/a.md", article("Talks", "2025-03-10", ""));
        let run = site.run(&["build", "--strict"]);
        assert!(run.success, "{site_yaml:?}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{site_yaml:?}");
        let run = site.run(&["check", "--strict"]);
        assert!(run.success, "{site_yaml:?}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{site_yaml:?}");
    }
}
