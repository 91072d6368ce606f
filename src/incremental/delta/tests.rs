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
