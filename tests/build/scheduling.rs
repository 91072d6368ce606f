//! Scheduled and expired articles: a briefing dated later than the
//! build's time (pinned with SOURCE_DATE_EPOCH) is left out of every file
//! until then, one whose `expires:` has come from then on.

use std::path::Path;

use crate::support::*;

/// Seconds since 1970 of an RFC 3339 time, for SOURCE_DATE_EPOCH.
pub fn epoch(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .timestamp()
        .to_string()
}

/// `briefing <args>` in `root` at the time `at` (RFC 3339).
pub fn run_at(root: &Path, at: &str, args: &[&str]) -> Run {
    briefing()
        .current_dir(root)
        .env("SOURCE_DATE_EPOCH", epoch(at))
        .args(args)
        .output()
        .unwrap()
        .into()
}

/// `briefing build <args>` at `at`; panics if it fails.
pub fn build_at(root: &Path, at: &str, args: &[&str]) -> Run {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = run_at(root, at, &all);
    assert!(run.success, "build failed:\n{}", run.stderr);
    run
}

/// A published article and one due at 14:30 UTC on 21 January 2022.
fn site() -> TestSite {
    TestSite::new()
        .file("site.yaml", "title: Desk\n")
        .file(
            "content/a.md",
            article(
                "Talks in Geneva",
                "2022-01-18",
                "actors: [Antony Blinken]\n",
            ),
        )
        .file(
            "content/b.md",
            article(
                "Readout of the call",
                "2022-01-21T14:30:00Z",
                "actors: [Antony Blinken]\n",
            ),
        )
}

#[test]
fn an_article_dated_minutes_later_is_left_out_until_its_time() {
    let site = site();
    let before = build_at(site.root(), "2022-01-21T14:29:00Z", &[]);
    assert!(!site.has("2022/01/21/readout-of-the-call/index.html"));
    assert!(!site.page("index.html").contains("Readout of the call"));
    assert!(
        before
            .stdout
            .contains("1 article scheduled; the next goes live 21 January 2022, 14:30 UTC"),
        "{}",
        before.stdout
    );
    let after = build_at(site.root(), "2022-01-21T14:31:00Z", &[]);
    assert!(site.has("2022/01/21/readout-of-the-call/index.html"));
    assert_eq!(
        entry_titles(&site.page("index.html")),
        ["Readout of the call", "Talks in Geneva"]
    );
    assert!(!after.stdout.contains("scheduled"), "{}", after.stdout);
}

#[test]
fn future_includes_scheduled_articles_marked_with_their_time() {
    let site = site();
    build_at(site.root(), "2022-01-21T14:29:00Z", &["--future"]);
    let page = site.page("2022/01/21/readout-of-the-call/index.html");
    assert!(page.contains(
        "<p class=\"scheduled\"><strong>Scheduled for 21 January 2022, 14:30 UTC</strong></p>"
    ));
    assert!(
        site.page("index.html")
            .contains("<strong>Scheduled for 21 January 2022, 14:30 UTC</strong>")
    );
    // `check` leaves it out as `build` does, and takes --future too.
    let check = run_at(site.root(), "2022-01-21T14:29:00Z", &["check"]);
    assert!(check.success, "{}", check.stderr);
    let with = run_at(site.root(), "2022-01-21T14:29:00Z", &["check", "--future"]);
    assert!(with.success, "{}", with.stderr);
    assert_ne!(
        check.stdout, with.stdout,
        "check --future checks more pages"
    );
}

#[test]
fn a_day_goes_live_at_midnight_in_the_site_time_zone() {
    let site = TestSite::new()
        .file("site.yaml", "timezone: Asia/Kolkata\n")
        .file("content/a.md", article("Older note", "2022-01-10", ""))
        .file("content/b.md", article("Budget day", "2022-01-21", ""));
    // Midnight of 21 January in Kolkata (UTC+05:30) is 18:30 UTC on the 20th.
    let run = build_at(site.root(), "2022-01-20T18:29:00Z", &[]);
    assert!(!site.has("2022/01/21/budget-day/index.html"));
    assert!(
        run.stdout
            .contains("the next goes live 21 January 2022, 00:00 IST"),
        "{}",
        run.stdout
    );
    build_at(site.root(), "2022-01-20T18:31:00Z", &[]);
    assert!(site.has("2022/01/21/budget-day/index.html"));
    // In UTC (the default) the same day is still hours away.
    let utc = site.file("site.yaml", "title: Desk\n");
    build_at(utc.root(), "2022-01-20T18:31:00Z", &[]);
    assert!(!utc.has("2022/01/21/budget-day/index.html"));
}

#[test]
fn an_expired_article_is_taken_down_and_links_to_it_warn_naming_both() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            article(
                "Ceasefire holds",
                "2022-01-20",
                "expires: 2022-01-25T12:00:00Z\nplaces: [Tindouf]\n",
            ),
        )
        .file(
            "content/b.md",
            "---\ntitle: Later talks\ndate: 2022-01-22\n---\nAs [reported](a.md) before.\n",
        );
    build_at(site.root(), "2022-01-25T11:59:00Z", &[]);
    assert!(site.has("2022/01/20/ceasefire-holds/index.html"));
    assert!(site.has("places/tindouf/index.html"));
    let run = build_at(site.root(), "2022-01-25T12:00:00Z", &[]);
    assert!(!site.has("2022/01/20/ceasefire-holds/index.html"));
    assert!(!site.has("places/tindouf/index.html"));
    assert!(
        run.stderr.contains(
            "content/b.md:5:4: warning: link to `a.md`: content/a.md expired 25 January 2022, 12:00 UTC; \
             content/b.md shows the link's text without the link"
        ),
        "{}",
        run.stderr
    );
    assert!(
        site.page("2022/01/22/later-talks/index.html")
            .contains("<p>As reported before.</p>")
    );
}

#[test]
fn an_expiry_before_the_date_is_an_error_at_the_key() {
    let site = TestSite::new().file(
        "content/a.md",
        article("Backwards", "2022-01-20", "expires: 2022-01-19\n"),
    );
    let run = run_at(site.root(), "2022-01-25T00:00:00Z", &["build"]);
    assert!(!run.success);
    assert!(
        run.stderr.contains(
            "content/a.md:4:10: error: the article expires (19 January 2022, 00:00 UTC) before it goes live \
             (20 January 2022, 00:00 UTC) (expected an `expires:` later than the article's `date:`)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_published_link_to_a_scheduled_article_is_an_error_saying_when_it_goes_live() {
    let site = site().file(
        "content/c.md",
        "---\ntitle: Background\ndate: 2022-01-19\n---\nSee the\n[readout](b.md).\n",
    );
    let run = run_at(site.root(), "2022-01-21T14:00:00Z", &["build"]);
    assert!(!run.success);
    assert!(
        run.stderr.contains(
            "content/c.md:6:1: error: link to `b.md`: content/b.md is scheduled and goes live \
             21 January 2022, 14:30 UTC; this article would publish a broken link"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists(), "nothing was written");
    // Once the target is live the link is fine.
    build_at(site.root(), "2022-01-21T14:30:00Z", &[]);
    assert!(
        site.page("2022/01/19/background/index.html")
            .contains("href=\"/2022/01/21/readout-of-the-call/\"")
    );
}

#[test]
fn a_bad_source_date_epoch_is_refused() {
    let site = site();
    let run: Run = briefing()
        .current_dir(site.root())
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .arg("build")
        .output()
        .unwrap()
        .into();
    assert!(!run.success);
    assert!(
        run.stderr.contains(
            "SOURCE_DATE_EPOCH=yesterday is not a time: it must be a number of seconds since 1970-01-01 UTC"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_actor_with_a_profile_but_no_published_article_gets_no_page() {
    let site = site()
        .file(
            "content/actors/mira-quell.md",
            "---\nname: Mira Quell\n---\nEnvoy.\n",
        )
        .file(
            "content/c.md",
            article("Envoy arrives", "2022-02-01", "actors: [Mira Quell]\n"),
        );
    build_at(site.root(), "2022-01-22T00:00:00Z", &[]);
    assert!(!site.has("actors/mira-quell/index.html"));
    assert!(!site.page("actors/index.html").contains("Mira Quell"));
    assert!(!site.page("data/actors.json").contains("Mira"));
    build_at(site.root(), "2022-02-01T00:00:00Z", &[]);
    assert!(site.page("actors/mira-quell/index.html").contains("Envoy."));
}
