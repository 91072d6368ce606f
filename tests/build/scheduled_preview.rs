//! The preview and scheduled articles: shown, marked, unless
//! `--no-future`; and when one's time comes, served as a fresh build
//! makes it, without any file changing.

use crate::preview::*;
use crate::scheduling::epoch;
use crate::serve::assert_served_equals_full_build;
use crate::support::*;

const PAGE: &str = "/2022/01/21/readout-of-the-call/";

fn site(readout_date: &str) -> TestSite {
    TestSite::new()
        .file(
            "content/a.md",
            article(
                "Talks in Geneva",
                "2022-01-18",
                "actors: [Antony Blinken]\nplaces: [Geneva]\n",
            ),
        )
        .file(
            "content/b.md",
            article(
                "Readout of the call",
                readout_date,
                "actors: [Antony Blinken, Sergey Lavrov]\nplaces: [Geneva]\n",
            ),
        )
}

#[test]
fn the_preview_marks_scheduled_articles_and_no_future_hides_them() {
    let site = site("2022-01-21T14:30:00Z");
    let at = epoch("2022-01-21T14:29:00Z");
    let env = [("SOURCE_DATE_EPOCH", at.as_str())];
    let preview = Preview::start_env(site.root(), &[], &env).expect("serve starts");
    let page = preview.get(PAGE);
    assert_eq!(page.status, 200);
    let mark = "<strong>Scheduled for 21 January 2022, 14:30 UTC</strong>";
    assert!(page.text().contains(mark), "{}", page.text());
    assert!(preview.get("/").text().contains(mark));
    assert!(preview.get("/actors/sergey-lavrov/").text().contains(mark));
    drop(preview);
    let hidden = Preview::start_env(site.root(), &["--no-future"], &env).expect("serve starts");
    assert_eq!(hidden.get(PAGE).status, 404);
    assert_eq!(hidden.get("/actors/sergey-lavrov/").status, 404);
    assert!(!hidden.get("/").text().contains("Readout of the call"));
}

/// An article due a few seconds from now (the preview's own clock).
fn due_soon() -> (TestSite, String) {
    let due = chrono::Utc::now() + chrono::Duration::seconds(5);
    let stamp = due.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let path = format!("/{}/readout-of-the-call/", due.format("%Y/%m/%d"));
    (site(&stamp), path)
}

#[test]
fn an_article_going_live_in_a_hidden_preview_appears_as_a_build_makes_it() {
    let (site, page) = due_soon();
    let preview = Preview::start_with(site.root(), &["--no-future"]).expect("serve starts");
    let mut events = Events::open(preview.port);
    assert_eq!(preview.get(&page).status, 404, "not before its time");
    // No file changes: the preview's clock rebuilds it.
    events.wait_for("reload");
    preview.get_until(&page, |text| text.contains("Readout of the call"));
    let mut seen = std::collections::BTreeSet::new();
    assert_served_equals_full_build(&preview, site.root(), &mut seen, "going live");
}

#[test]
fn an_article_going_live_in_the_preview_loses_its_mark() {
    let (site, page) = due_soon();
    let preview = Preview::start(site.root());
    assert!(preview.get(&page).text().contains("Scheduled for"));
    preview.get_until(&page, |text| !text.contains("Scheduled for"));
    let mut seen = std::collections::BTreeSet::new();
    assert_served_equals_full_build(&preview, site.root(), &mut seen, "going live");
}
