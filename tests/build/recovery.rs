//! The preview survives a rebuild that panics: the error shows in the
//! terminal and the overlay, and the next save rebuilds.

use crate::preview::*;
use crate::support::*;

#[test]
fn a_panicking_rebuild_shows_an_error_and_the_next_save_rebuilds() {
    let site = TestSite::new().file("content/a.md", article("Geneva talks", "2022-01-21", ""));
    // Debug builds panic in the rebuild while this file exists (see
    // `forced_panic_for_tests` in src/serve/mod.rs).
    let preview = Preview::start_env(
        site.root(),
        &[],
        &[("BRIEFING_TEST_PANIC_WHILE", "content/crash.md")],
    )
    .expect("serve starts");
    let mut events = Events::open(preview.port);

    let crash = site.root().join("content/crash.md");
    std::fs::write(&crash, article("Crash", "2022-01-22", "")).unwrap();
    let error = events.wait_for("error");
    assert!(
        error.contains(
            "error: briefing crashed while rebuilding: forced by BRIEFING_TEST_PANIC_WHILE"
        ),
        "{error}"
    );
    assert!(
        error.ends_with(
            "error: build failed: 1 error in the site; the last good site is still served"
        ),
        "{error}"
    );
    preview.wait_for_line("briefing crashed while rebuilding");
    let home = preview.get("/").text();
    assert!(
        home.contains("Geneva talks"),
        "the last good site is served"
    );
    assert!(home.contains("<pre id=\"briefing-error\" role=\"alert\""));
    assert!(home.contains("briefing crashed while rebuilding"));

    std::fs::remove_file(&crash).unwrap();
    std::fs::write(
        site.root().join("content/a.md"),
        article("Geneva talks resumed", "2022-01-21", ""),
    )
    .unwrap();
    let home = preview.get_until("/", |page| page.contains("Geneva talks resumed"));
    assert!(
        !home.contains("briefing-error\" role"),
        "overlay gone: {home}"
    );
    assert!(!home.contains(">Crash<"), "{home}");
}
