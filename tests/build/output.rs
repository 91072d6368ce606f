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
    // Only the lock file (kept on purpose) and the last build's
    // bookkeeping may remain beside the output.
    assert!(
        !leftovers.iter().any(|n| {
            let n = n.to_string_lossy();
            n.contains(".public.")
                && ![".public.lock", ".public.manifest", ".public.urls"].contains(&n.as_ref())
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
        "error: refusing to write to notes: it is not empty and was not written by briefing (its manifest beside it, .<folder>.manifest, does not name it); choose an empty or new folder, or delete this one if it is an old output\n"
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
    assert!(run.stdout.contains(" ms -> out/ ("), "{}", run.stdout);
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

/// Every file in the output is one a reader or a host needs: the
/// bookkeeping (manifest, URL list) lives beside it, so GitHub Pages'
/// artifact or an rsync of `public/` publishes nothing else.
#[test]
fn the_output_holds_only_published_files_and_its_bookkeeping_lives_beside_it() {
    let site = TestSite::new().file(
        "content/a.md",
        article("Talks", "2022-01-21", "actors: [Antony Blinken]\n"),
    );
    site.build(&[]);
    site.build(&[]);
    let files = files_below(&site.public());
    let hidden: Vec<&String> = files
        .iter()
        .filter(|f| f.split('/').any(|part| part.starts_with('.')))
        .collect();
    assert_eq!(hidden, [".nojekyll"], "{files:?}");
    let manifest = std::fs::read_to_string(site.root().join(".public.manifest")).unwrap();
    assert!(manifest.starts_with("briefing manifest 2 "), "{manifest}");
    assert!(
        manifest.contains(" 2022/01/21/talks/index.html\n"),
        "{manifest}"
    );
    assert!(site.root().join(".public.spare.manifest").is_file());
    let urls = std::fs::read_to_string(site.root().join(".public.urls")).unwrap();
    assert!(urls.contains("a.md\t2022/01/21/talks/\n"), "{urls}");
}

/// A folder made anew by hand where the output was is not briefing's,
/// even with the old output's manifest still beside it: it is refused, not
/// replaced.
#[cfg(unix)]
#[test]
fn a_folder_made_again_where_the_output_was_is_refused() {
    let site = TestSite::new().file("content/a.md", article("Talks", "2022-01-21", ""));
    site.build(&[]);
    std::fs::remove_dir_all(site.public()).unwrap();
    std::fs::create_dir(site.public()).unwrap();
    std::fs::write(site.public().join("mine.txt"), "precious").unwrap();
    let run = site.run(&["build"]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("was not written by briefing"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(site.public().join("mine.txt")).unwrap(),
        "precious"
    );
}

/// An output written by an earlier version (marker, manifest and URL list
/// inside it) is still recognised, and the next build leaves them out.
#[test]
fn an_output_of_an_earlier_version_is_taken_over_and_cleaned() {
    let site = TestSite::new()
        .file("content/a.md", article("Talks", "2022-01-21", ""))
        .file("public/.briefing", "This folder is written by briefing.\n")
        .file("public/.briefing-manifest", "briefing manifest 1\n")
        .file(
            "public/.briefing-urls",
            "# old\na.md\t2022/01/21/talks-old/\n",
        )
        .file("public/index.html", "old");
    let run = site.build(&[]);
    assert!(run.success, "{}", run.stderr);
    let files = files_below(&site.public());
    assert!(
        !files.iter().any(|f| f.starts_with(".briefing")),
        "{files:?}"
    );
    assert!(site.page("index.html").contains("Talks"));
}
