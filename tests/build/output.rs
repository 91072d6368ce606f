//! The output folder: replaced whole, never lost, never someone else's.

use crate::support::*;

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = TestSite::new().file(
        "content/a.md",
        article("Talks", "2022-01-21", "actors: [Antony Blinken]\n"),
    );
    site.build(&[]);
    let before = snapshot(&site.public());
    assert!(!before.is_empty());
    let site = site.file(
        "content/b.md",
        "---\ntitle: Broken\ndate: 2022-02-31\n---\n",
    );
    let run = site.run(&["build"]);
    assert!(!run.success);
    assert_eq!(snapshot(&site.public()), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    // Only the lock file (kept on purpose) may remain beside the output.
    assert!(
        !leftovers.iter().any(|n| {
            let n = n.to_string_lossy();
            n.contains(".public.") && n != ".public.lock"
        }),
        "{leftovers:?}"
    );
}

#[test]
fn a_rebuild_replaces_the_output_and_drops_removed_pages() {
    let site = TestSite::new()
        .file("content/a.md", article("Talks", "2022-01-21", ""))
        .file("content/b.md", article("Gone soon", "2022-01-22", ""));
    site.build(&[]);
    assert!(site.has("2022/01/22/gone-soon/index.html"));
    std::fs::remove_file(site.root().join("content/b.md")).unwrap();
    site.build(&[]);
    assert!(!site.has("2022/01/22/gone-soon/index.html"));
    assert!(!site.has("2022/01/22/index.html"));
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let site = TestSite::new()
        .file("content/a.md", article("Talks", "2022-01-21", ""))
        .file("notes/keep.txt", "precious");
    let run = site.run(&["build", "--output", "notes"]);
    assert!(!run.success);
    assert_eq!(
        run.stderr,
        "error: refusing to write to notes: it is not empty and was not written by briefing (it has no .briefing marker file); choose an empty or new folder\n"
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("notes/keep.txt")).unwrap(),
        "precious"
    );
    let run = site.run(&["build", "--output", "."]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("refusing to write to .: it holds the site itself"),
        "{}",
        run.stderr
    );
}

#[test]
fn writes_into_a_new_or_empty_folder() {
    let site = TestSite::new()
        .file("content/a.md", article("Talks", "2022-01-21", ""))
        .file("out/.keep", "");
    std::fs::remove_file(site.root().join("out/.keep")).unwrap();
    let run = site.build(&["--output", "out"]);
    assert!(run.stdout.trim().ends_with("-> out/"), "{}", run.stdout);
    assert!(site.root().join("out/index.html").is_file());
    site.build(&["--output", "fresh/site"]);
    assert!(site.root().join("fresh/site/index.html").is_file());
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let out = tempfile::tempdir().unwrap();
    let mut snapshots = Vec::new();
    for name in ["one", "two"] {
        let output = out.path().join(name);
        build_into(&sample_root(), &output, &[]);
        snapshots.push(snapshot(&output));
    }
    assert_eq!(snapshots[0], snapshots[1]);
}
