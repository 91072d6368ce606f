//! Dates as people write them: unpadded months and days, empty values.

use crate::support::*;

#[test]
fn an_unpadded_date_files_the_article_under_its_padded_day() {
    let site = TestSite::new()
        .file("site.yaml", "base_url: https://desk.example.org/\n")
        .file("content/a.md", article("Talks", "2025-3-14", ""));
    let run = site.build(&[]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(site.has("2025/03/14/talks/index.html"));
    assert_eq!(entry_titles(&site.page("2025/03/14/index.html")), ["Talks"]);
    let checked = site.run(&["check"]);
    assert!(checked.success, "{}{}", checked.stdout, checked.stderr);
}

#[test]
fn new_accepts_an_unpadded_date() {
    let site = TestSite::new().file("content/a.md", article("Earlier", "2025-02-01", ""));
    let run = site.run(&["new", "Test", "--date", "2025-3-1"]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(run.stdout, "content/2025/2025-03-01-test.md\n");
    let text =
        std::fs::read_to_string(site.root().join("content/2025/2025-03-01-test.md")).unwrap();
    assert!(text.contains("\ndate: 2025-03-01\n"), "{text}");
}

#[test]
fn an_empty_date_says_it_is_empty() {
    let site = TestSite::new().file("content/a.md", "---\ntitle: Talks\ndate:\n---\nBody.\n");
    let run = site.run(&["build"]);
    assert!(!run.success);
    assert!(
        run.stderr.starts_with(
            "content/a.md:3:1: error: `date` is empty (expected a date such as 2022-01-18"
        ),
        "{}",
        run.stderr
    );
}
