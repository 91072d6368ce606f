//! Rebuilding over the previous output costs what changed: files whose
//! bytes did not change keep their inode and modification time (they are
//! linked from the previous output), every other file is written anew.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::support::*;

/// Each output file: its bytes, inode and modification time (ns).
type State = BTreeMap<String, (Vec<u8>, u64, i128)>;

fn state(dir: &Path) -> State {
    files_below(dir)
        .into_iter()
        .map(|f| {
            let path = dir.join(&f);
            let metadata = std::fs::metadata(&path).unwrap();
            let mtime = metadata.mtime() as i128 * 1_000_000_000 + metadata.mtime_nsec() as i128;
            (f, (std::fs::read(&path).unwrap(), metadata.ino(), mtime))
        })
        .collect()
}

fn site() -> TestSite {
    TestSite::new()
        .file("site.yaml", "title: Desk\n")
        .file(
            "content/a.md",
            article(
                "Talks in Geneva",
                "2022-01-10",
                "actors: [Antony Blinken]\n",
            ),
        )
        .file(
            "content/b.md",
            article("Talks in Vienna", "2022-01-12", "places: [Vienna]\n"),
        )
        .file(
            "content/c.md",
            article("Talks in Kyiv", "2021-12-30", "tags: [diplomacy]\n"),
        )
        .file("static/img/logo.txt", "a logo")
}

#[test]
fn a_rebuild_without_changes_keeps_every_file_with_its_inode_and_time() {
    let site = site();
    site.build(&[]);
    let before = state(&site.public());
    assert!(site.root().join(".public.manifest").is_file());
    site.build(&[]);
    let after = state(&site.public());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (path, old) in &before {
        assert!(after[path] == *old, "{path} was written again");
    }
}

#[test]
fn editing_one_article_rewrites_only_the_files_whose_bytes_changed() {
    let site = site();
    site.build(&[]);
    let before = state(&site.public());
    let site = site.file(
        "content/b.md",
        article(
            "Talks in Vienna",
            "2022-01-12",
            "places: [Vienna]\nsummary: Now with a summary\n",
        ),
    );
    site.build(&[]);
    let after = state(&site.public());
    // The new summary's words add search shards; nothing else comes or goes.
    let added: Vec<&String> = after.keys().filter(|p| !before.contains_key(*p)).collect();
    assert!(
        added.iter().all(|p| p.starts_with("search/words/")),
        "{added:?}"
    );
    assert!(before.keys().all(|p| after.contains_key(p)));
    let (mut kept, mut rewritten) = (Vec::new(), Vec::new());
    for (path, (bytes, inode, mtime)) in &after {
        let Some((old_bytes, old_inode, old_mtime)) = before.get(path) else {
            continue;
        };
        if bytes == old_bytes {
            assert_eq!(
                (inode, mtime),
                (old_inode, old_mtime),
                "{path} kept its bytes but was rewritten"
            );
            kept.push(path.as_str());
        } else {
            assert_ne!(inode, old_inode, "{path} changed in place");
            rewritten.push(path.as_str());
        }
    }
    assert!(
        rewritten.contains(&"2022/01/12/talks-in-vienna/index.html"),
        "{rewritten:?}"
    );
    assert!(
        kept.contains(&"2022/01/10/talks-in-geneva/index.html"),
        "{kept:?}"
    );
    assert!(kept.contains(&"img/logo.txt"), "{kept:?}");
}

#[test]
fn a_failed_build_in_place_leaves_every_file_as_it_was() {
    let site = site();
    site.build(&[]);
    let before = state(&site.public());
    let site = site.file(
        "content/d.md",
        "---\ntitle: Broken\ndate: 2022-02-31\n---\n",
    );
    assert!(!site.run(&["build"]).success);
    assert!(state(&site.public()) == before);
}

#[test]
fn a_build_failing_while_it_updates_the_spare_leaves_every_file_as_it_was() {
    let site = site();
    site.build(&[]);
    site.build(&[]);
    assert!(site.root().join(".public.spare").is_dir());
    let site = site.file("content/d.md", article("New", "2022-01-20", ""));
    site.build(&[]);
    let before = state(&site.public());
    // Fails while rendering, after the spare was opened for this build.
    let site = site
        .file("content/e.md", article("Newer", "2022-01-21", ""))
        .file("templates/article.html", "{{ article.nope.deeper }}");
    let run = site.run(&["build"]);
    assert!(!run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains("while rendering /2022/01/21/newer/"),
        "{}",
        run.stderr
    );
    assert!(state(&site.public()) == before);
    assert!(
        !site.root().join(".public.spare").exists(),
        "the spare it was updating is set aside"
    );
    std::fs::remove_file(site.root().join("templates/article.html")).unwrap();
    site.build(&[]);
    assert!(site.has("2022/01/21/newer/index.html"));
    assert!(site.has("2022/01/20/new/index.html"));
}

#[test]
fn a_file_edited_in_the_output_is_written_anew() {
    let site = site();
    site.build(&[]);
    let page = site.public().join("2022/01/10/talks-in-geneva/index.html");
    let good = std::fs::read(&page).unwrap();
    // Same size, other bytes: only the time tells it was edited.
    let mut bad = good.clone();
    bad[0] = b'X';
    std::fs::write(&page, &bad).unwrap();
    site.build(&[]);
    assert_eq!(std::fs::read(&page).unwrap(), good);
}

#[test]
fn the_summary_time_includes_every_stage_and_the_wait_for_removal() {
    // Enough files that removing an earlier output takes a while.
    let mut site = site();
    for i in 0..2000 {
        site = site.file(&format!("static/many/{i}.txt"), format!("file {i}"));
    }
    site.build(&[]);
    site.build(&[]);
    let run = site.build(&["--timings"]);
    let summary = run.stdout.lines().next().unwrap();
    let total: f64 = summary
        .split(" in ")
        .nth(1)
        .and_then(|rest| rest.split(" ms").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no time in {summary}"));
    // Every stage and the removal are parts of the wait.
    let ms = |line: &str| -> Option<f64> {
        let end = line.find(" ms")?;
        line[..end].split_whitespace().last()?.parse().ok()
    };
    let stages: f64 = run
        .stdout
        .lines()
        .skip_while(|l| *l != "time per stage:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(ms)
        .sum();
    let removal = run
        .stdout
        .lines()
        .find(|l| {
            l.starts_with("waited ") && l.contains(" ms for the removal of the previous output")
        })
        .and_then(|l| l.strip_prefix("waited "))
        .and_then(ms)
        .unwrap_or_else(|| panic!("no removal time in {}", run.stdout));
    assert!(stages > 0.0, "{}", run.stdout);
    assert!(
        total + 1.0 >= stages + removal,
        "the summary's {total} ms is less than the stages' {stages} ms and the wait for removal's {removal} ms:\n{}",
        run.stdout
    );
}

#[test]
fn a_static_file_on_a_page_path_never_changes_the_previous_output() {
    // `static/robots.txt` and the generated `robots.txt` share a path.
    let site = site().file("static/robots.txt", "User-agent: *\nDisallow: /private/\n");
    site.build(&[]);
    let first = state(&site.public());
    site.build(&[]);
    let second = state(&site.public());
    let bytes = |s: &State| {
        s.iter()
            .map(|(p, (b, _, _))| (p.clone(), b.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(bytes(&first), bytes(&second));
    let site = site.file(
        "content/d.md",
        "---\ntitle: Broken\ndate: 2022-02-31\n---\n",
    );
    assert!(!site.run(&["build"]).success);
    assert!(state(&site.public()) == second);
}

#[test]
fn an_article_going_live_rebuilds_in_place_as_a_fresh_build() {
    use crate::scheduling::build_at;
    let site = site().file(
        "content/d.md",
        article(
            "Readout at noon",
            "2022-01-20T12:00:00Z",
            "places: [Vienna]\n",
        ),
    );
    // Nothing changed but the time: a rebuild before its time links every
    // file, one after writes the article and what lists it.
    build_at(site.root(), "2022-01-20T11:59:00Z", &[]);
    let before = state(&site.public());
    build_at(site.root(), "2022-01-20T11:59:30Z", &[]);
    assert!(
        state(&site.public()) == before,
        "a rebuild with nothing live yet writes nothing"
    );
    build_at(site.root(), "2022-01-20T12:00:00Z", &[]);
    let after = state(&site.public());
    assert!(after.contains_key("2022/01/20/readout-at-noon/index.html"));
    assert!(after["places/vienna/index.html"].1 != before["places/vienna/index.html"].1);
    assert!(after["2021/12/30/index.html"] == before["2021/12/30/index.html"]);
    let fresh = tempfile::tempdir().unwrap();
    let out = fresh.path().join("out");
    let run: Run = briefing()
        .env(
            "SOURCE_DATE_EPOCH",
            crate::scheduling::epoch("2022-01-20T12:00:00Z"),
        )
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap()
        .into();
    assert!(run.success, "{}", run.stderr);
    assert_eq!(snapshot(&site.public()), snapshot(&out));
}
