//! Nothing lost under concurrency or hostile input: builds of one output
//! running together, YAML nested to make the parser quadratic, lines too
//! long for a terminal, titles too long for a file name.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::preview::Preview;
use crate::support::*;

fn small_site() -> TestSite {
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
        .file("static/robots-extra.txt", "hello")
}

/// Hidden folders beside the output: staging folders (never left by a
/// finished build) and previous outputs moved aside (a failed build's
/// spare, for the next build to remove); the spare, the lock and the
/// bookkeeping files (the manifests of the output and the spare, the URLs
/// list) are neither.
fn beside(root: &Path) -> (Vec<String>, Vec<String>) {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.starts_with(".public.")
                && ![
                    ".public.lock",
                    ".public.spare",
                    ".public.manifest",
                    ".public.spare.manifest",
                    ".public.urls",
                ]
                .contains(&n.as_str())
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .partition(|n| !n.starts_with(".public.old-"))
}

/// Asserts nothing stray is beside the output: no staging folder, at most
/// the one previous output the last build left.
fn assert_no_strays(root: &Path, when: &str) {
    let (strays, old) = beside(root);
    assert_eq!(strays, Vec::<String>::new(), "{when}");
    assert!(old.len() <= 1, "{when}: {old:?}");
}

#[test]
fn concurrent_builds_leave_a_complete_output_and_no_stray_folder() {
    let site = small_site();
    site.build(&[]);
    let expected = snapshot(&site.public());
    assert!(expected.len() > 10, "{} files", expected.len());
    let binary = assert_cmd::cargo::cargo_bin("briefing");
    let mut waited = 0;
    for round in 0..10 {
        let children: Vec<_> = (0..8)
            .map(|_| {
                Command::new(&binary)
                    .arg("build")
                    .current_dir(site.root())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let run: Run = child.wait_with_output().unwrap().into();
            assert!(run.success, "round {round}: {}", run.stderr);
            let waits = run.stderr.matches("waiting for another build").count();
            assert!(waits <= 1, "said it waits {waits} times: {}", run.stderr);
            waited += waits;
        }
        assert!(
            snapshot(&site.public()) == expected,
            "round {round}: the output differs from a single build's"
        );
        assert_no_strays(site.root(), &format!("round {round}"));
    }
    assert!(
        waited > 0,
        "no build ever had to wait: the test ran nothing together"
    );
}

#[test]
fn a_killed_build_leaves_nothing_the_next_build_keeps() {
    let site = small_site();
    site.build(&[]);
    // What a build killed half-way leaves behind, and an earlier output.
    std::fs::create_dir_all(site.root().join(".public.staging-1-2-3/2022")).unwrap();
    std::fs::create_dir_all(site.root().join(".public.old-4-5-6/2022")).unwrap();
    site.build(&[]);
    assert_no_strays(site.root(), "after the next build");
    let (_, old) = beside(site.root());
    assert!(!old.contains(&".public.old-4-5-6".to_string()), "{old:?}");
}

/// The inode of a folder.
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(path).unwrap().ino()
}

#[test]
fn the_replaced_output_is_kept_as_the_spare_and_the_next_build_stages_into_it() {
    let site = small_site();
    let spare = site.root().join(".public.spare");
    site.build(&[]);
    assert!(!spare.exists(), "nothing replaced yet");
    let first = inode(&site.public());
    site.build(&[]);
    assert_eq!(inode(&spare), first, "the replaced output is the spare");
    assert_no_strays(site.root(), "second build");
    let second = inode(&site.public());
    let expected = snapshot(&site.public());
    // An article removed and one added: the spare, two builds old, is
    // brought up to date and swapped in.
    std::fs::remove_file(site.root().join("content/b.md")).unwrap();
    let site = site.file(
        "content/minsk.md",
        article("Talks in Minsk", "2022-01-13", "places: [Minsk]\n"),
    );
    site.build(&[]);
    assert_eq!(inode(&site.public()), first, "staged into the spare");
    assert_eq!(inode(&spare), second);
    assert!(site.has("2022/01/13/talks-in-minsk/index.html"));
    assert!(!site.has("2022/01/12/talks-in-vienna/index.html"));
    assert!(
        !site.public().join("2022/01/12").exists(),
        "empty folders go"
    );
    assert!(!site.public().join("places/vienna").exists());
    assert_no_strays(site.root(), "third build");
    // Back as it was: byte for byte what the second build made.
    std::fs::remove_file(site.root().join("content/minsk.md")).unwrap();
    let site = site.file(
        "content/b.md",
        article("Talks in Vienna", "2022-01-12", "places: [Vienna]\n"),
    );
    site.build(&[]);
    assert!(
        snapshot(&site.public()) == expected,
        "differs from a fresh build's"
    );
}

#[test]
fn a_spare_left_half_updated_is_removed_not_used() {
    let site = small_site();
    site.build(&[]);
    site.build(&[]);
    let spare = site.root().join(".public.spare");
    let expected = snapshot(&site.public());
    // What a build killed while updating the spare leaves: no manifest,
    // files in any state.
    std::fs::remove_file(site.root().join(".public.spare.manifest")).unwrap();
    std::fs::write(spare.join("index.html"), "half written").unwrap();
    std::fs::write(spare.join("stray.html"), "stray").unwrap();
    site.build(&[]);
    assert!(snapshot(&site.public()) == expected);
    assert_no_strays(site.root(), "after the next build");
    site.build(&[]);
    assert!(snapshot(&site.public()) == expected);
}

#[test]
fn a_file_where_the_next_build_needs_a_folder_is_cleared_from_the_spare() {
    let site = small_site().file("static/notes", "a file first");
    site.build(&[]);
    site.build(&[]);
    std::fs::remove_file(site.root().join("static/notes")).unwrap();
    let site = site.file("static/notes/a.txt", "now a folder");
    site.build(&[]);
    site.build(&[]);
    assert_eq!(
        std::fs::read_to_string(site.public().join("notes/a.txt")).unwrap(),
        "now a folder"
    );
    std::fs::remove_dir_all(site.root().join("static/notes")).unwrap();
    let site = site.file("static/notes", "a file again");
    site.build(&[]);
    site.build(&[]);
    assert_eq!(
        std::fs::read_to_string(site.public().join("notes")).unwrap(),
        "a file again"
    );
}

/// `open` repeated to about `bytes` bytes.
fn hostile(open: &str, bytes: usize) -> String {
    open.repeat(bytes / open.len())
}

/// How long `briefing build` takes on `site`, which must fail.
fn failing_build_time(site: &TestSite) -> (Duration, Run) {
    let started = Instant::now();
    let run = site.run(&["build"]);
    assert!(!run.success);
    (started.elapsed(), run)
}

/// The time allowed for rejecting 1 MB of hostile YAML: under a second, or
/// (when the machine is busy running other tests) at most 3 times what a
/// flat 1 MB value takes to reject in the same run. The quadratic parser
/// took minutes.
fn allowed_for_1_mb() -> Duration {
    let flat = TestSite::new().file(
        "content/flat.md",
        format!(
            "---\ntitle: Flat\ndate: 2022-13-10\nextra: {}\n---\n",
            "a".repeat(1 << 20)
        ),
    );
    let (baseline, _) = failing_build_time(&flat);
    Duration::from_secs(1).max(baseline * 3)
}

#[test]
fn deeply_nested_front_matter_fails_fast_with_its_position() {
    for open in ["{a: ", "[", "- "] {
        let value = hostile(open, 1 << 20);
        let front = if open == "- " {
            format!("title: Deep\ndate: 2022-01-10\nextra:\n  {value}x\n")
        } else {
            format!("title: Deep\ndate: 2022-01-10\nextra: {value}x\n")
        };
        let site = TestSite::new().file("content/deep.md", format!("---\n{front}---\nBody.\n"));
        let (took, run) = failing_build_time(&site);
        let allowed = allowed_for_1_mb();
        assert!(
            took < allowed,
            "{open:?} took {took:?} (allowed {allowed:?})"
        );
        let first = run.stderr.lines().next().unwrap();
        let (line, column) = if open == "- " {
            (5, 3 + 2 * 62)
        } else {
            (4, 8 + open.len() * 63)
        };
        assert_eq!(
            first,
            format!(
                "content/deep.md:{line}:{column}: error: invalid YAML: values are nested more than 64 levels deep (expected flatter data: lists and mappings a few levels deep)"
            ),
            "{open:?}"
        );
        assert!(
            run.stderr.len() < 2000,
            "{} bytes of errors",
            run.stderr.len()
        );
    }
}

#[test]
fn deeply_nested_site_yaml_fails_fast_with_its_position() {
    let site = small_site().file("site.yaml", format!("title: {}x\n", hostile("[", 1 << 20)));
    let (took, run) = failing_build_time(&site);
    let allowed = allowed_for_1_mb();
    assert!(took < allowed, "took {took:?} (allowed {allowed:?})");
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        "site.yaml:1:71: error: invalid YAML: values are nested more than 64 levels deep (expected flatter data: lists and mappings a few levels deep)"
    );
}

/// An article whose line 3 is `date: ` and 10,000 characters (tabs and
/// wide characters first), with an error at column 8, the first `会`.
fn long_line_site() -> TestSite {
    let date = format!("{}Z{}", "\t会".repeat(2500), "9".repeat(5000));
    TestSite::new().file("content/a.md", article("Long", &date, ""))
}

/// Checks the excerpt under the error for `content/a.md:3:8`: short, cut
/// at the end, the caret under the first character of the value.
fn assert_cut_excerpt(report: &str) {
    let at = report
        .find("content/a.md:3:8: error: invalid date")
        .unwrap_or_else(|| panic!("no date error in:\n{}", &report[..report.len().min(3000)]));
    let lines: Vec<&str> = report[at..].lines().take(4).collect();
    assert!(lines[0].chars().count() < 400, "message: {}", lines[0]);
    assert!(lines[2].starts_with("3 | date: "), "{}", lines[2]);
    assert!(lines[2].ends_with('…'), "{}", lines[2]);
    assert!(lines[2].chars().count() <= 104, "{}", lines[2]);
    // Under `会`: `date: ` is 6 columns and the tab before it 4.
    assert_eq!(lines[3], format!("  | {}^", " ".repeat(10)));
}

#[test]
fn long_lines_are_cut_in_build_and_check() {
    let site = long_line_site();
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        assert!(!run.success);
        assert_cut_excerpt(&run.stderr);
        assert!(
            run.stderr.len() < 2000,
            "{command}: {} bytes",
            run.stderr.len()
        );
    }
}

#[test]
fn long_lines_are_cut_in_the_preview_overlay() {
    let site = long_line_site();
    let preview = Preview::start(site.root());
    let page = preview.get("/").text();
    let overlay = page
        .split("<pre id=\"briefing-error\"")
        .nth(1)
        .expect("an error overlay");
    let overlay = &overlay[overlay.find('>').unwrap() + 1..overlay.find("</pre>").unwrap()];
    assert_cut_excerpt(overlay);
    assert!(overlay.len() < 2000, "{} bytes", overlay.len());
}

#[test]
fn the_caret_stays_under_its_character_after_tabs_and_wide_characters() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\ntitle: T\ndate: 2022-01-10\nactors: [\"会議\",\t{x: 1}]\n---\n",
    );
    let run = site.run(&["build"]);
    assert!(!run.success);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("content/a.md:4:"))
        .expect("an error at line 4");
    assert_eq!(lines[at + 2], "4 | actors: [\"会議\",    {x: 1}]");
    // `actors: ["` 10 columns, two wide characters 4, `",` 2, the tab 4.
    assert_eq!(lines[at + 3], format!("  | {}^", " ".repeat(8)));
}

#[test]
fn a_long_title_gets_a_capped_slug() {
    let title: Vec<String> = (0..80).map(|i| format!("word{i}")).collect();
    let site = TestSite::new().file("content/a.md", article(&title.join(" "), "2022-01-10", ""));
    site.build(&[]);
    let slug = title[..13].join("-");
    assert_eq!(slug.len(), 80);
    assert!(site.has(&format!("2022/01/10/{slug}/index.html")));
    assert!(
        site.page("index.html")
            .contains(&format!("/2022/01/10/{slug}/"))
    );
}

#[test]
fn long_names_get_capped_slugs() {
    let name = "Extraordinary and Plenipotentiary Ambassador of the Federal Republic to the United Nations Office";
    let site = TestSite::new().file(
        "content/a.md",
        article(
            "Talks",
            "2022-01-10",
            &format!("actors: [{name}]\nplaces: [{name}]\ntags: [{name}]\n"),
        ),
    );
    site.build(&[]);
    let slug = "extraordinary-and-plenipotentiary-ambassador-of-the-federal-republic-to-the";
    for kind in ["actors", "places", "tags"] {
        assert!(site.has(&format!("{kind}/{slug}/index.html")), "{kind}");
    }
}

#[test]
fn two_long_titles_sharing_their_first_80_characters_are_a_clash_naming_both() {
    let common: Vec<String> = (0..20).map(|i| format!("word{i}")).collect();
    let common = common.join(" ");
    let site = TestSite::new()
        .file(
            "content/a.md",
            article(&format!("{common} first"), "2022-01-10", ""),
        )
        .file(
            "content/b.md",
            article(&format!("{common} second"), "2022-01-10", ""),
        );
    let run = site.run(&["build"]);
    assert!(!run.success);
    let slug = "word0-word1-word2-word3-word4-word5-word6-word7-word8-word9-word10-word11-word12";
    assert!(
        run.stderr.starts_with(&format!(
            "content/b.md:2:8: error: this article and content/a.md would both be written to /2022/01/10/{slug}/ (expected a different title or a `slug:` for one of them)"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("= note: content/a.md is the other article")
    );
}

#[test]
fn a_file_system_error_about_a_page_names_its_source_file() {
    // A static file where the article's folder must go.
    let site = TestSite::new()
        .file("content/a.md", article("Talks", "2022-01-10", ""))
        .file("static/2022/01/10/talks", "not a folder");
    let run = site.run(&["build"]);
    assert!(!run.success);
    let first = run.stderr.lines().next().unwrap();
    assert!(
        first.starts_with("error: content/a.md: failed to ")
            && first.contains("2022/01/10/talks")
            && first.ends_with(", a page made from this file"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists());
}

#[test]
fn thousands_of_identical_headings_build_in_linear_time() {
    // Found by the fuzzer: each heading's id was searched from `-1` up
    // through a list, cubic in the number of identical headings.
    let body = "Se\n---\n\n".repeat(20_000);
    let site = TestSite::new().file(
        "content/a.md",
        format!("---\ntitle: Headings\ndate: 2022-01-10\n---\n{body}"),
    );
    let started = Instant::now();
    site.build(&[]);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(10), "took {took:?}");
    let page = site.page("2022/01/10/headings/index.html");
    assert!(page.contains("<h2 id=\"se-20000\">"));
}
