//! How big the output is: said in `build`'s summary line, and a warning
//! past GitHub Pages' limit (lowered here through a hidden variable, so the
//! test need not write a gigabyte).

use crate::support::*;

/// Bytes and files of every file below `dir`.
fn weighed(dir: &std::path::Path) -> (u64, usize) {
    let files = files_below(dir);
    let bytes = files
        .iter()
        .map(|f| std::fs::metadata(dir.join(f)).unwrap().len())
        .sum();
    (bytes, files.len())
}

fn site() -> TestSite {
    TestSite::new()
        .file(
            "content/a.md",
            article(
                "Talks in Geneva",
                "2022-01-21",
                "actors: [Antony Blinken]\n",
            ),
        )
        .file(
            "content/b.md",
            article("A call", "2022-02-03", "actors: [Sergey Lavrov]\n"),
        )
}

/// The summary line, with the site's weight as `(size, files)` read from
/// the output folder itself.
fn expected_tail(site: &TestSite) -> String {
    let (bytes, files) = weighed(&site.public());
    format!(
        " ms -> public/ ({}, {} files)",
        briefing::weight::bytes_shown(bytes),
        briefing::weight::count_shown(files as u64)
    )
}

#[test]
fn the_summary_line_says_how_big_the_published_site_is() {
    let site = site();
    let run = site.build(&[]);
    let summary = run.stdout.trim();
    assert!(
        summary.starts_with("built 2 articles, 2 actors, 5 date pages in "),
        "{summary}"
    );
    assert!(summary.ends_with(&expected_tail(&site)), "{summary}");
    // Built again, unchanged files are linked, not written: they are
    // published all the same, and counted.
    let again = site.build(&[]);
    assert!(
        again.stdout.trim().ends_with(&expected_tail(&site)),
        "{}",
        again.stdout
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn a_site_past_the_pages_limit_is_warned_about_with_what_weighs_most() {
    let site = site();
    let run: Run = briefing()
        .current_dir(site.root())
        .env("BRIEFING_PAGES_LIMIT", "1000")
        .args(["build"])
        .output()
        .unwrap()
        .into();
    assert!(run.success, "{}", run.stderr);
    let (bytes, files) = weighed(&site.public());
    let first = run.stderr.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        format!(
            "site.yaml: warning: the site is {} ({files} files), more than the 1 KB GitHub Pages publishes",
            briefing::weight::bytes_shown(bytes)
        )
    );
    assert!(
        run.stderr.contains("  = note: heaviest: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "  = note: to make it smaller: a smaller `page_size` (now 20; 0 puts every list on one page), \
             a smaller `feed_size` (now 50), `weeks: false` (no week pages), `search: false` (no search index)"
        ),
        "{}",
        run.stderr
    );
    // Under the limit: no warning at all.
    let quiet: Run = briefing()
        .current_dir(site.root())
        .env("BRIEFING_PAGES_LIMIT", (bytes + 1_000_000).to_string())
        .args(["build"])
        .output()
        .unwrap()
        .into();
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
}

#[test]
fn the_heaviest_part_comes_first_and_settings_already_off_are_not_suggested() {
    let mut site = TestSite::new().file(
        "site.yaml",
        "title: Desk\nweeks: false\nsearch: false\nfeed_content:\n  actors: full\n",
    );
    for n in 0..30 {
        site = site.file(
            &format!("content/a{n}.md"),
            article(
                &format!("Talks {n}"),
                "2022-01-21",
                "actors: [Antony Blinken, Sergey Lavrov, Olaf Scholz]\n",
            ),
        );
    }
    let run: Run = briefing()
        .current_dir(site.root())
        .env("BRIEFING_PAGES_LIMIT", "1000")
        .args(["build"])
        .output()
        .unwrap()
        .into();
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("  = note: heaviest: the year folders (articles and date pages) ")
            && run.stderr.contains(" KB, actors/ "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("  = note: to make it smaller: a smaller `page_size` (now 20; 0 puts every list on one page), a smaller `feed_size` (now 50), `feed_content: summary` for the actors feeds (now full bodies)\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn under_strict_a_site_past_the_limit_fails_and_nothing_is_written() {
    let site = site();
    site.build(&[]);
    let before = snapshot(&site.public());
    let site = site.file(
        "content/c.md",
        article("Another", "2022-03-01", "actors: [Olaf Scholz]\n"),
    );
    let run: Run = briefing()
        .current_dir(site.root())
        .env("BRIEFING_PAGES_LIMIT", "1000")
        .args(["build", "--strict"])
        .output()
        .unwrap()
        .into();
    assert!(!run.success);
    assert!(
        run.stderr.starts_with("site.yaml: error: the site is "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .trim_end()
            .ends_with("error: build failed: 1 error in the site; nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&site.public()), before);
}
