//! Saves that go through the delta path leave the same warnings as a
//! fresh build of the edited site, and are not whole rebuilds.

use std::path::PathBuf;

use crate::BuildOptions;
use crate::incremental::{Incremental, Regenerated, regenerate};

use crate::test_support::write;

fn article(title: &str, date: &str, actors: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\nactors: [{actors}]\n---\nA paragraph.\n")
}

/// The warnings as text, in order.
fn warnings(done: &Regenerated) -> Vec<String> {
    done.warnings.iter().map(|w| format!("{w:?}")).collect()
}

/// After each edit of `content/<file>` (`None`: deleted), the rebuild
/// through `caches` takes the delta path and warns as a fresh build does.
#[test]
fn warnings_after_a_delta_equal_a_fresh_builds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "site.yaml", "title: Desk\n");
    write(
        root,
        "content/a.md",
        &article("Geneva talks", "2022-01-21", "Antony Blinken"),
    );
    write(
        root,
        "content/b.md",
        &article("Kyiv visit", "2022-01-19", "Blinken"),
    );
    let mut options = BuildOptions::new(root);
    options.now = Some(chrono::Utc::now());
    let mut caches = Incremental::default();
    let first = regenerate(&options, &mut caches, &[]).expect("first build");
    assert_eq!(warnings(&first).len(), 1, "{:?}", warnings(&first));
    let blinken = article("Kyiv visit", "2022-01-19", "Antony Blinken");
    let stray = article("Berlin quad", "2022-01-20", "Blinken, Antony Blinken");
    let edits: [(&str, Option<&str>); 4] = [
        // The stray spelling goes: its warning with it.
        ("b.md", Some(&blinken)),
        // A new article brings one back, and a spelling warning of its own.
        ("c.md", Some(&stray)),
        // A draft leaves the site.
        (
            "c.md",
            Some(&stray.replace("---\nA", "draft: true\n---\nA")),
        ),
        ("c.md", None),
    ];
    for (file, text) in edits {
        let rel = PathBuf::from("content").join(file);
        match text {
            Some(text) => write(root, rel.to_str().unwrap(), text),
            None => std::fs::remove_file(root.join(&rel)).unwrap(),
        }
        let done = regenerate(&options, &mut caches, &[rel]).expect("rebuilt");
        assert!(
            done.timings
                .stages
                .iter()
                .any(|(stage, _)| *stage == "model delta"),
            "{file}: not a delta"
        );
        let fresh = regenerate(&options, &mut Incremental::default(), &[]).expect("fresh");
        assert_eq!(warnings(&done), warnings(&fresh), "after {file}");
    }
}

/// A title edit patched in place moves the article's URL; the next
/// delta knows it: an article added at the old URL takes the delta path,
/// and one added at the new URL is the error a fresh build reports.
#[test]
fn a_delta_after_a_retitle_knows_the_articles_new_url() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "site.yaml", "title: Desk\n");
    write(
        root,
        "content/a.md",
        &article("Geneva talks", "2022-01-21", "Blinken"),
    );
    write(
        root,
        "content/b.md",
        &article("Kyiv visit", "2022-01-19", "Blinken"),
    );
    let mut options = BuildOptions::new(root);
    options.now = Some(chrono::Utc::now());
    let mut caches = Incremental::default();
    regenerate(&options, &mut caches, &[]).expect("first build");
    let mut save = |file: &str, text: &str| {
        let rel = PathBuf::from("content").join(file);
        write(root, rel.to_str().unwrap(), text);
        let done = regenerate(&options, &mut caches, &[rel]);
        let fresh = regenerate(&options, &mut Incremental::default(), &[]);
        (done, fresh)
    };
    let delta = |done: &Regenerated| done.timings.stages.iter().any(|(s, _)| *s == "model delta");
    // A delta first: the model keeps what the next one needs.
    let (done, _) = save("c.md", &article("Berlin quad", "2022-01-20", "Blinken"));
    assert!(delta(&done.expect("c.md added")));
    // Patched in place: a.md moves from .../geneva-talks/ to .../vienna-talks/.
    let (done, _) = save("a.md", &article("Vienna talks", "2022-01-21", "Blinken"));
    assert!(
        !delta(&done.expect("retitled")),
        "the retitle is patched in place"
    );
    // The old URL is free.
    let (done, fresh) = save("e.md", &article("Geneva talks", "2022-01-21", "Blinken"));
    fresh.expect("a fresh build takes an article at the old URL");
    assert!(
        delta(&done.expect("e.md added")),
        "e.md is added by a delta"
    );
    // The new URL is taken.
    let (done, fresh) = save("d.md", &article("Vienna talks", "2022-01-21", "Blinken"));
    let fresh = fresh
        .err()
        .expect("a fresh build refuses two articles on one URL");
    let done = done.err().expect("the delta refuses them too");
    assert_eq!(done.to_string(), fresh.to_string());
}

/// What the model keeps for deltas, made between saves (after a title
/// patch moved an article), serves the next delta as the one the delta
/// makes itself: the same warnings as a fresh build, the same refusal.
#[test]
fn the_delta_state_made_between_saves_serves_the_next_delta() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "site.yaml", "title: Desk\n");
    write(
        root,
        "content/a.md",
        &article("Geneva talks", "2022-01-21", "Blinken"),
    );
    write(
        root,
        "content/b.md",
        &article("Kyiv visit", "2022-01-19", "Antony Blinken"),
    );
    let mut options = BuildOptions::new(root);
    options.now = Some(chrono::Utc::now());
    let mut caches = Incremental::default();
    regenerate(&options, &mut caches, &[]).expect("first build");
    let rel = PathBuf::from("content/a.md");
    write(
        root,
        "content/a.md",
        &article("Vienna talks", "2022-01-21", "Blinken"),
    );
    regenerate(&options, &mut caches, std::slice::from_ref(&rel)).expect("retitled");
    assert!(caches.delta_unprepared());
    caches.prepare_delta();
    assert!(!caches.delta_unprepared());
    let rel = PathBuf::from("content/c.md");
    write(
        root,
        "content/c.md",
        &article("Berlin quad", "2022-01-20", "Blinken"),
    );
    let done = regenerate(&options, &mut caches, std::slice::from_ref(&rel)).expect("c.md");
    let fresh = regenerate(&options, &mut Incremental::default(), &[]).expect("fresh");
    assert!(done.timings.stages.iter().any(|(s, _)| *s == "model delta"));
    assert_eq!(warnings(&done), warnings(&fresh));
    write(
        root,
        "content/c.md",
        &article("Vienna talks", "2022-01-21", "Blinken"),
    );
    let done = regenerate(&options, &mut caches, &[rel])
        .err()
        .expect("two on one URL");
    let fresh = regenerate(&options, &mut Incremental::default(), &[])
        .err()
        .expect("fresh");
    assert_eq!(done.to_string(), fresh.to_string());
}
