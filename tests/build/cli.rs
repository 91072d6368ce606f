//! The command line itself.

use briefing::cli::Cli;
use clap::CommandFactory;

use crate::support::*;

#[test]
fn the_clap_definition_is_valid() {
    Cli::command().debug_assert();
}

#[test]
fn root_flag_builds_another_folder() {
    let site = TestSite::new().file("content/a.md", article("Talks", "2022-01-21", ""));
    let run: Run = briefing()
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .output()
        .unwrap()
        .into();
    assert!(run.success, "{}", run.stderr);
    assert!(site.has("2022/01/21/talks/index.html"));
    assert_eq!(
        run.stdout.lines().count(),
        1,
        "one summary line: {}",
        run.stdout
    );
}

#[test]
fn a_site_without_articles_still_builds() {
    let site = TestSite::new();
    std::fs::create_dir(site.root().join("content")).unwrap();
    let run = site.build(&[]);
    assert!(
        run.stdout
            .starts_with("built 0 articles, 0 actors, 0 date pages in "),
        "{}",
        run.stdout
    );
    assert!(
        site.page("index.html")
            .contains("Nothing has been published yet.")
    );
}
