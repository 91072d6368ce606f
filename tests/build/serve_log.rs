//! What `briefing serve` prints after each rebuild: the files that really
//! changed (not editors' temporary files), the site's file count, and the
//! new address when `base_url` moves the preview.

use crate::preview::*;
use crate::support::*;

/// The file count of a `built N files` or `... of N files rendered` line.
fn file_count(line: &str) -> usize {
    let before = line
        .split(" files")
        .next()
        .unwrap_or_else(|| panic!("no file count in {line:?}"));
    let count = before.rsplit(' ').next().unwrap();
    count
        .parse()
        .unwrap_or_else(|_| panic!("no file count in {line:?}"))
}

#[test]
fn the_log_names_real_files_keeps_a_steady_count_and_says_where_the_site_moved() {
    let site = TestSite::new()
        .file("site.yaml", "title: Desk\n")
        .file(
            "content/a.md",
            article("Geneva talks", "2022-01-21", "actors: [Antony Blinken]\n"),
        )
        .file(
            "content/b.md",
            article("Kyiv visit", "2022-01-19", "actors: [Antony Blinken]\n"),
        );
    let preview = Preview::start(site.root());
    let built = preview
        .startup
        .iter()
        .find(|line| line.starts_with("built "))
        .expect("a first build line");
    let files = file_count(built);
    let content = site.root().join("content");

    // An editor saving through a temporary file, renamed into place (a
    // change of front matter that adds no page: a whole rebuild).
    let temporary = content.join("a.md.tmp.123");
    std::fs::write(
        &temporary,
        article(
            "Geneva talks",
            "2022-01-21",
            "actors: [Antony Blinken]\ndraft: false\n",
        ),
    )
    .unwrap();
    std::fs::rename(&temporary, content.join("a.md")).unwrap();
    let line = preview.wait_for_line("rebuilt");
    assert!(
        line.starts_with("rebuilt after content/a.md changed: "),
        "{line}"
    );
    assert_eq!(file_count(&line), files, "{built} then {line}");

    // Vim's probe file and a swap file come and go; then a body edit
    // (no new word, so the same files), which patches the last rebuild.
    std::fs::write(content.join("4913"), "").unwrap();
    std::fs::remove_file(content.join("4913")).unwrap();
    std::fs::write(content.join(".b.md.swp"), "swap").unwrap();
    std::fs::write(
        content.join("b.md"),
        article("Kyiv visit", "2022-01-19", "actors: [Antony Blinken]\n")
            .replace("Kyiv visit.", "Kyiv visit, a visit."),
    )
    .unwrap();
    std::fs::remove_file(content.join(".b.md.swp")).unwrap();
    let line = preview.wait_for_line("rebuilt");
    assert!(
        line.starts_with("rebuilt after content/b.md changed: "),
        "{line}"
    );
    assert_eq!(file_count(&line), files, "{built} then {line}");

    std::fs::write(
        site.root().join("site.yaml"),
        "title: Desk\nbase_url: /briefings/\n",
    )
    .unwrap();
    let line = preview.wait_for_line("rebuilt");
    assert!(
        line.starts_with("rebuilt after site.yaml changed: "),
        "{line}"
    );
    let moved = preview.wait_for_line("site moved");
    assert_eq!(
        moved,
        format!("site moved: now at {}briefings/", preview.url)
    );
    preview.get_until("/briefings/", |text| text.contains("Kyiv visit"));
}
