//! `briefing serve` renders a page when it is requested: what a reader
//! opens is still what `build` writes, and an edit reloads it.

use crate::preview::*;
use crate::serve::assert_served_equals_full_build;
use crate::support::*;

#[test]
fn an_open_page_rendered_on_request_reloads_after_an_edit_and_equals_the_built_one() {
    let site = TestSite::new()
        .file(
            "content/actors/ada-novak.md",
            "---\nname: Ada Novak\nrole: Envoy\n---\nAn envoy.\n",
        )
        .file(
            "content/a.md",
            article("Talks resume", "2022-01-21", "actors: [Ada Novak]\n"),
        )
        .file(
            "content/b.md",
            article(
                "Envoy visits the port",
                "2022-01-19",
                "actors: [Ada Novak]\n",
            ),
        );
    let preview = Preview::start(site.root());
    let mut events = Events::open(preview.port);
    let page = "/2022/01/21/talks-resume/";
    // Opened: rendered now, and kept for the next request.
    let before = preview.get(page);
    assert_eq!(before.status, 200);
    assert!(before.text().contains("A paragraph about Talks resume."));
    assert_eq!(preview.get(page).text(), before.text());

    let path = site.root().join("content/a.md");
    let temporary = path.with_extension("md.tmp");
    std::fs::write(
        &temporary,
        article("Talks resume", "2022-01-21", "actors: [Ada Novak]\n")
            .replace("A paragraph about", "A new paragraph about"),
    )
    .unwrap();
    std::fs::rename(&temporary, &path).unwrap();
    events.wait_for("reload");
    let after = preview.get(page);
    assert_eq!(after.status, 200);
    assert!(
        after.text().contains("A new paragraph about Talks resume."),
        "{}",
        after.text()
    );
    let mut seen = std::collections::BTreeSet::new();
    assert_served_equals_full_build(&preview, site.root(), &mut seen, "the edit");
}

#[test]
fn the_search_index_is_made_when_first_asked_for_and_equals_the_built_one() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            article("Talks resume", "2022-01-21", "actors: [Ada Novak]\n"),
        )
        .file(
            "content/b.md",
            article("Envoy visits", "2022-01-19", "actors: [Ada Novak]\n"),
        );
    let preview = Preview::start_with(site.root(), &["--timings"]).expect("serve starts");
    // The first build answers without the index.
    let first = preview.startup.iter().find(|line| line.contains("  ms: "));
    assert!(
        first.is_some_and(|line| !line.contains("search index")),
        "{:?}",
        preview.startup
    );
    assert_eq!(preview.get("/").status, 200);
    assert!(
        preview
            .output
            .try_iter()
            .all(|line| !line.contains("search index")),
        "nothing asked for the index, so it is not made"
    );
    // Asked for: made then, and the same files `build` writes.
    let out = tempfile::tempdir().unwrap();
    build_into(site.root(), out.path(), &["--base-url", &preview.url]);
    let meta = std::fs::read(out.path().join("search/meta.json")).unwrap();
    assert_eq!(preview.get("/search/meta.json").body, meta);
    preview.wait_for_line("search index made when first asked for");
    let mut seen = std::collections::BTreeSet::new();
    assert_served_equals_full_build(&preview, site.root(), &mut seen, "the first build");

    // Once asked for, every rebuild makes it again right after its pages.
    let mut events = Events::open(preview.port);
    let path = site.root().join("content/b.md");
    std::fs::write(
        &path,
        article("Envoy visits", "2022-01-19", "actors: [Ada Novak]\n")
            .replace("A paragraph", "A harbour paragraph"),
    )
    .unwrap();
    events.wait_for("reload");
    let rebuilt = preview.wait_for_line("  ms: ");
    assert!(rebuilt.contains("search index, served after"), "{rebuilt}");
    assert_served_equals_full_build(&preview, site.root(), &mut seen, "the edit");
}

/// Saves `text` to `path` the way editors do: written beside it, renamed
/// into place.
fn save(path: &std::path::Path, text: &str) {
    let temporary = path.with_extension("md.tmp");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

#[test]
fn an_open_article_page_reloads_with_what_changed_in_the_articles_it_shows() {
    let profile = "---\nname: Ada Novak\nrole: Envoy\n---\nAn envoy.\n";
    let site = TestSite::new()
        .file("content/actors/ada-novak.md", profile)
        .file(
            "content/a.md",
            article("Talks resume", "2022-01-21", "actors: [Ada Novak]\n"),
        )
        .file(
            "content/b.md",
            article(
                "Envoy visits the port",
                "2022-01-19",
                "actors: [Ada Novak]\n",
            ),
        );
    let preview = Preview::start(site.root());
    let mut events = Events::open(preview.port);
    let page = "/2022/01/21/talks-resume/";
    // Opened (rendered on request, kept): it lists b among its related
    // briefings, with b's title and day.
    let before = preview.get(page).text();
    assert!(before.contains("Envoy visits the port"), "{before}");

    // b retitled and moved to another day: a's page shows the new title.
    save(
        &site.root().join("content/b.md"),
        &article(
            "Envoy tours the harbour",
            "2022-01-18",
            "actors: [Ada Novak]\n",
        ),
    );
    events.wait_for("reload");
    let after = preview.get_until(page, |text| text.contains("Envoy tours the harbour"));
    assert!(!after.contains("Envoy visits the port"), "{after}");
    let mut seen = std::collections::BTreeSet::new();
    assert_served_equals_full_build(&preview, site.root(), &mut seen, "a related retitle");

    // The actor's role: a's page shows the role it held that day.
    save(
        &site.root().join("content/actors/ada-novak.md"),
        &profile.replace("role: Envoy", "role: Special envoy"),
    );
    events.wait_for("reload");
    preview.get_until(page, |text| text.contains("Special envoy"));
    assert_served_equals_full_build(&preview, site.root(), &mut seen, "a role change");
}
