//! `briefing new`: drafts until the writer says otherwise, every list
//! from the command line, and only inside a site.

use crate::support::*;

#[test]
fn new_writes_a_draft_with_places_tags_and_summary() {
    let site = TestSite::new()
        .file("site.yaml", "base_url: https://desk.example.org/\n")
        .file("content/a.md", article("Earlier", "2025-03-01", ""));
    let run = site.run(&[
        "new",
        "Geneva talks",
        "--date",
        "2025-03-14",
        "--actors",
        "Antony Blinken",
        "--places",
        "Geneva, Kyiv",
        "--tags",
        "diplomacy",
        "--summary",
        "The two sides \"agree to talk\".",
    ]);
    assert!(run.success, "{}", run.stderr);
    let path = "content/2025/2025-03-14-geneva-talks.md";
    assert_eq!(run.stdout, format!("{path}\n"));
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    assert_eq!(
        text,
        "---\ntitle: \"Geneva talks\"\ndate: 2025-03-14\nactors: [\"Antony Blinken\"]\nplaces: [\"Geneva\", \"Kyiv\"]\ntags: [\"diplomacy\"]\nsummary: \"The two sides \\\"agree to talk\\\".\"\ndraft: true  # a draft until you delete this line\n---\nWrite the report here, in Markdown.\n"
    );

    let run = site.build(&[]);
    assert!(run.stdout.starts_with("built 1 article,"), "{}", run.stdout);
    assert!(
        !site.has("2025/03/14/geneva-talks/index.html"),
        "a draft is not published"
    );

    site.build(&["--drafts"]);
    let page = site.page("2025/03/14/geneva-talks/index.html");
    assert!(page.contains("<a href=\"/places/kyiv/\">Kyiv</a>"));
    assert!(page.contains("<a href=\"/tags/diplomacy/\">diplomacy</a>"));
    assert!(
        page.contains("<p class=\"standfirst\">The two sides &quot;agree to talk&quot;.</p>"),
        "{page}"
    );
}

#[test]
fn new_without_a_summary_writes_no_empty_one() {
    let site = TestSite::new().file("content/a.md", article("Earlier", "2025-03-01", ""));
    let run = site.run(&["new", "Talks", "--date", "2025-03-14"]);
    assert!(run.success, "{}", run.stderr);
    let text =
        std::fs::read_to_string(site.root().join("content/2025/2025-03-14-talks.md")).unwrap();
    assert!(!text.contains("summary: \"\""), "{text}");
    assert!(text.contains("\ndraft: true"), "{text}");
}

#[test]
fn new_refuses_a_root_that_is_not_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let run: Run = briefing()
        .current_dir(dir.path())
        .args(["new", "Talks", "--root", "typo"])
        .output()
        .unwrap()
        .into();
    assert!(!run.success);
    assert_eq!(
        run.stderr,
        "error: typo is not a briefing site: it has no content/ folder and no site.yaml (expected the folder of a site, or --root DIR naming one; `briefing init DIR` starts a new site)\n"
    );
    assert!(!dir.path().join("typo").exists(), "nothing created");
    let run: Run = briefing()
        .current_dir(dir.path())
        .args(["new", "Talks"])
        .output()
        .unwrap()
        .into();
    assert!(!run.success);
    assert!(
        run.stderr.starts_with("error: . is not a briefing site"),
        "{}",
        run.stderr
    );
    assert!(files_below(dir.path()).is_empty());
}

#[test]
fn new_over_an_existing_article_says_how_to_proceed() {
    let site = TestSite::new().file("content/a.md", article("Earlier", "2025-03-01", ""));
    let first = site.run(&["new", "Talks", "--date", "2025-03-14"]);
    assert!(first.success, "{}", first.stderr);
    let path = site.root().join("content/2025/2025-03-14-talks.md");
    let before = std::fs::read_to_string(&path).unwrap();
    let again = site.run(&["new", "Talks", "--date", "2025-03-14"]);
    assert!(!again.success);
    assert_eq!(
        again.stderr,
        "error: refusing to write content/2025/2025-03-14-talks.md: that file already exists (an article with the same title and date); edit it, or give the new article another title or another --date\n"
    );
    assert_eq!(again.stdout, "");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before, "untouched");
}
