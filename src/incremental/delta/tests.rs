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

/// Whether the rebuild patched the model by a delta.
fn took_delta(done: &Regenerated) -> bool {
    done.timings
        .stages
        .iter()
        .any(|(stage, _)| *stage == "model delta")
}

/// A served desk of two articles, `content/a.md` (Geneva talks, naming
/// `a_actors`) and `content/b.md` (Kyiv visit, naming `b_actors`), and
/// the caches of its first build.
struct Desk {
    dir: tempfile::TempDir,
    options: BuildOptions,
    caches: Incremental,
}

type Rebuilt = Result<Regenerated, crate::error::BuildError>;

impl Desk {
    /// The desk built once; the first build's result with it.
    fn new(a_actors: &str, b_actors: &str) -> (Self, Regenerated) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "site.yaml", "title: Desk\n");
        write(
            root,
            "content/a.md",
            &article("Geneva talks", "2022-01-21", a_actors),
        );
        write(
            root,
            "content/b.md",
            &article("Kyiv visit", "2022-01-19", b_actors),
        );
        let mut options = BuildOptions::new(root);
        options.now = Some(chrono::Utc::now());
        let mut caches = Incremental::default();
        let first = regenerate(&options, &mut caches, &[]).expect("first build");
        let desk = Self {
            dir,
            options,
            caches,
        };
        (desk, first)
    }

    /// `content/<file>` written with `text` (`None`: deleted), rebuilt
    /// through the caches; and a fresh build of the same files.
    fn save(&mut self, file: &str, text: Option<&str>) -> (Rebuilt, Rebuilt) {
        let rel = PathBuf::from("content").join(file);
        match text {
            Some(text) => write(self.dir.path(), rel.to_str().unwrap(), text),
            None => std::fs::remove_file(self.dir.path().join(&rel)).unwrap(),
        }
        let done = regenerate(&self.options, &mut self.caches, &[rel]);
        let fresh = regenerate(&self.options, &mut Incremental::default(), &[]);
        (done, fresh)
    }
}

/// After each edit of `content/<file>` (`None`: deleted), the rebuild
/// through `caches` takes the delta path and warns as a fresh build does.
#[test]
fn warnings_after_a_delta_equal_a_fresh_builds() {
    let (mut desk, first) = Desk::new("Antony Blinken", "Blinken");
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
        let (done, fresh) = desk.save(file, text);
        let done = done.expect("rebuilt");
        assert!(took_delta(&done), "{file}: not a delta");
        let fresh = fresh.expect("fresh");
        assert_eq!(warnings(&done), warnings(&fresh), "after {file}");
    }
}

/// A title edit patched in place moves the article's URL; the next
/// delta knows it: an article added at the old URL takes the delta path,
/// and one added at the new URL is the error a fresh build reports.
#[test]
fn a_delta_after_a_retitle_knows_the_articles_new_url() {
    let (mut desk, _) = Desk::new("Blinken", "Blinken");
    let at = |title: &str, date: &str| article(title, date, "Blinken");
    // A delta first: the model keeps what the next one needs.
    let (done, _) = desk.save("c.md", Some(&at("Berlin quad", "2022-01-20")));
    assert!(took_delta(&done.expect("c.md added")));
    // Patched in place: a.md moves from .../geneva-talks/ to .../vienna-talks/.
    let (done, _) = desk.save("a.md", Some(&at("Vienna talks", "2022-01-21")));
    assert!(
        !took_delta(&done.expect("retitled")),
        "the retitle is patched in place"
    );
    // The old URL is free.
    let (done, fresh) = desk.save("e.md", Some(&at("Geneva talks", "2022-01-21")));
    fresh.expect("a fresh build takes an article at the old URL");
    assert!(
        took_delta(&done.expect("e.md added")),
        "e.md is added by a delta"
    );
    // The new URL is taken.
    let (done, fresh) = desk.save("d.md", Some(&at("Vienna talks", "2022-01-21")));
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
    let (mut desk, _) = Desk::new("Blinken", "Antony Blinken");
    let at = |title: &str, date: &str| article(title, date, "Blinken");
    desk.save("a.md", Some(&at("Vienna talks", "2022-01-21")))
        .0
        .expect("retitled");
    assert!(desk.caches.delta_unprepared());
    desk.caches.prepare_delta();
    assert!(!desk.caches.delta_unprepared());
    let (done, fresh) = desk.save("c.md", Some(&at("Berlin quad", "2022-01-20")));
    let (done, fresh) = (done.expect("c.md"), fresh.expect("fresh"));
    assert!(took_delta(&done));
    assert_eq!(warnings(&done), warnings(&fresh));
    let (done, fresh) = desk.save("c.md", Some(&at("Vienna talks", "2022-01-21")));
    let done = done.err().expect("two on one URL");
    let fresh = fresh.err().expect("fresh");
    assert_eq!(done.to_string(), fresh.to_string());
}
