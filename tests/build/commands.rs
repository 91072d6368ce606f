//! `init`, `new` and `check`, driven as a user would.

use crate::support::*;

#[test]
fn init_creates_a_site_that_builds_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("desk");
    let run: Run = briefing().arg("init").arg(&site).output().unwrap().into();
    assert!(run.success, "{}", run.stderr);
    for file in [
        "site.yaml",
        ".gitignore",
        ".github/workflows/pages.yml",
        "content/actors/antony-blinken.md",
    ] {
        assert!(site.join(file).is_file(), "{file}");
    }
    assert!(
        run.stdout.contains("  briefing serve --drafts ")
            && run
                .stdout
                .contains("  briefing new \"Title\" --actors \"A, B\" "),
        "the closing message suggests serve and new: {}",
        run.stdout
    );
    let workflow = std::fs::read_to_string(site.join(".github/workflows/pages.yml")).unwrap();
    for action in [
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
    ] {
        assert!(workflow.contains(action), "{action}");
    }
    assert!(workflow.contains("--base-url \"${{ steps.pages.outputs.base_url }}/\""));
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    for key in [
        "title:",
        "description:",
        "base_url:",
        "language:",
        "author:",
        "page_size:",
        "feed_size:",
        "cname:",
    ] {
        assert!(yaml.contains(key), "site.yaml explains {key}");
    }
    let example = files_below(&site.join("content"))
        .into_iter()
        .find(|f| f.ends_with("-blinken-and-lavrov-meet-in-geneva.md"))
        .unwrap();
    let example = std::fs::read_to_string(site.join("content").join(example)).unwrap();
    assert!(
        example.contains("\ndate: 2022-01-21\n") && !example.contains("\ndraft:"),
        "the example is dated as its story and published: {example}"
    );
    assert!(
        example
            .contains("# this file and content/actors/antony-blinken.md when you write your own"),
        "{example}"
    );
    let run: Run = briefing()
        .arg("build")
        .arg("--root")
        .arg(&site)
        .output()
        .unwrap()
        .into();
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("built 1 article, 2 actors"),
        "the example is published: {}",
        run.stdout
    );
    assert_eq!(run.stderr, "", "a new site builds without a warning");
    let actor =
        std::fs::read_to_string(site.join("public/actors/antony-blinken/index.html")).unwrap();
    assert!(actor.contains("US Secretary of State"));
}

#[test]
fn init_uses_the_given_repository_and_refuses_a_non_empty_folder() {
    let site = TestSite::new().file("notes.txt", "mine");
    let run = site.run(&["init", ".", "--repo", "https://github.com/acme/briefing"]);
    assert!(!run.success);
    assert!(
        run.stderr
            .starts_with("error: refusing to write .: the folder is not empty"),
        "{}",
        run.stderr
    );
    let dir = tempfile::tempdir().unwrap();
    let run: Run = briefing()
        .arg("init")
        .arg(dir.path())
        .args(["--repo", "https://github.com/acme/briefing"])
        .output()
        .unwrap()
        .into();
    assert!(run.success);
    let workflow = std::fs::read_to_string(dir.path().join(".github/workflows/pages.yml")).unwrap();
    assert!(workflow.contains("BRIEFING_REPOSITORY: https://github.com/acme/briefing\n"));
    assert!(!workflow.contains("OWNER"));
}

#[test]
fn new_writes_an_article_that_lands_on_its_actors_pages() {
    let site = TestSite::new().file(
        "content/a.md",
        article("Earlier", "2022-01-10", "actors: [Antony Blinken]\n"),
    );
    let run = site.run(&[
        "new",
        "Kuleba meets Baerbock: \"frank\" talks",
        "--actors",
        "Dmytro Kuleba, Annalena Baerbock",
        "--date",
        "2022-01-17",
    ]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "content/2022/2022-01-17-kuleba-meets-baerbock-frank-talks.md\n"
    );
    site.build(&["--drafts"]);
    for actor in ["dmytro-kuleba", "annalena-baerbock"] {
        let html = site.page(&format!("actors/{actor}/index.html"));
        assert_eq!(
            entry_titles(&html),
            ["Kuleba meets Baerbock: &quot;frank&quot; talks"],
            "{actor}"
        );
    }
    let again = site.run(&[
        "new",
        "Kuleba meets Baerbock: \"frank\" talks",
        "--date",
        "2022-01-17",
    ]);
    assert!(!again.success);
    assert_eq!(
        again.stderr,
        "error: refusing to write content/2022/2022-01-17-kuleba-meets-baerbock-frank-talks.md: that file already exists (an article with the same title and date); edit it, or give the new article another title or another --date\n"
    );
    let bad = site.run(&["new", "Later", "--date", "2022-13-01"]);
    assert!(
        bad.stderr
            .starts_with("error: --date: invalid date \"2022-13-01\": there is no month 13"),
        "{}",
        bad.stderr
    );
}

#[test]
fn check_reports_every_broken_internal_link_with_its_source() {
    let site = TestSite::new()
        .file("site.yaml", "base_url: https://org.github.io/briefings/\n")
        .file(
            "content/a.md",
            "---\ntitle: Talks\ndate: 2022-01-10\n---\nSee [the council](/2022/01/12/council/), [notes](#notes), [Geneva](../../../../places/geneva/) and [elsewhere](https://example.org/).\n",
        )
        .file("templates/404.html", "{% extends \"base.html\" %}{% block main %}<a href=\"/elsewhere/\">home</a>{% endblock main %}");
    let run = site.run(&["check"]);
    assert!(!run.success);
    assert_eq!(
        run.stdout,
        "/briefings/2022/01/10/talks/ -> #notes (content/a.md): no element with id \"notes\"\n\
         /briefings/2022/01/10/talks/ -> ../../../../places/geneva/ (content/a.md): no such page or file\n\
         content/a.md:5:5: warning: link to `/2022/01/12/council/`: the site has no such page or file (expected the address of a page of this site below its root (`/2022/01/18/talks/`), or the article's file (`@/2022/2022-01-18-talks.md`))\n  |\n5 | See [the council](/2022/01/12/council/), [notes](#notes), [Geneva](../../../../places/geneva/) and…\n  |     ^\n\
         /briefings/404.html -> /elsewhere/ (templates/404.html): outside the site's base path /briefings/\n"
    );
    assert!(
        run.stderr.ends_with("error: 4 broken links in 13 pages\n"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists(), "check writes nothing");
}

#[test]
fn check_passes_on_the_sample_site() {
    let run = check_sample_site();
    assert!(run.success, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.starts_with("checked ")
            && run
                .stdout
                .ends_with(" pages: every internal link resolves\n")
    );
}

#[test]
fn check_reports_content_errors_like_build() {
    let site = TestSite::new().file("content/a.md", "---\ntitle: Talks\ndate: 2022-02-30\n---\n");
    let run = site.run(&["check"]);
    assert!(!run.success);
    assert!(run.stderr.starts_with(
        "content/a.md:3:7: error: invalid date \"2022-02-30\": February 2022 has 28 days, not 30"
    ));
}

#[test]
fn build_check_and_serve_refuse_a_folder_that_is_not_a_site_and_create_nothing() {
    let expected = "error: . is not a briefing site: it has no content/ folder and no site.yaml (expected the folder of a site, or --root DIR naming one; `briefing init DIR` starts a new site)\n";
    let site = TestSite::new();
    for command in [&["build"][..], &["build", "--strict"], &["check"]] {
        let run = site.run(command);
        assert!(!run.success, "{command:?}: {}", run.stdout);
        assert_eq!(run.stderr, expected, "{command:?}");
        assert_eq!(run.stdout, "", "{command:?}");
    }
    let served = crate::preview::Preview::start_with(site.root(), &[]);
    let printed = served.err().expect("serve refuses to start");
    assert!(
        printed.starts_with(&format!(
            "error: {} is not a briefing site: it has no content/ folder and no site.yaml",
            site.root().display()
        )),
        "{printed}"
    );
    let entries: Vec<_> = std::fs::read_dir(site.root()).unwrap().collect();
    assert!(entries.is_empty(), "the folder stays empty: {entries:?}");
    let site = site.file("site.yaml", "title: Desk\n");
    let run = site.build(&["--base-url", "https://desk.example.org/"]);
    assert!(run.stdout.starts_with("built 0 articles"), "{}", run.stdout);
}

#[test]
fn a_new_site_builds_with_strict_and_no_warning_until_it_is_published() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("desk");
    let run: Run = briefing().arg("init").arg(&site).output().unwrap().into();
    assert!(run.success, "{}", run.stderr);
    let strict = |extra: &[&str]| -> Run {
        briefing()
            .args(["build", "--strict", "--root"])
            .arg(&site)
            .args(extra)
            .output()
            .unwrap()
            .into()
    };
    for extra in [&[][..], &["--drafts"]] {
        let run = strict(extra);
        assert!(run.success, "{extra:?}: {}", run.stderr);
        assert_eq!(run.stderr, "", "{extra:?}");
    }
    // The example briefing is published: one article, no warning.
    let run = strict(&[]);
    assert!(run.stdout.starts_with("built 1 article,"), "{}", run.stdout);
    let run = strict(&["--base-url", "https://org.github.io/desk/"]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(run.stderr, "", "as the Pages workflow builds it");
    let check: Run = briefing()
        .args(["check", "--strict", "--root"])
        .arg(&site)
        .output()
        .unwrap()
        .into();
    assert!(check.success, "{}", check.stderr);
    assert_eq!(check.stderr, "");
}
