//! The search page in a real headless Chromium (see `browser.rs`): a query
//! that names an actor, by its name or any alias, lists its briefings.

use serde_json::json;

use crate::browser::Browser;
use crate::support::*;

#[test]
fn a_query_naming_an_actor_by_an_alias_lists_its_briefings_first() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let mut site = TestSite::new()
        .file("site.yaml", "title: Desk\n")
        .file(
            "content/actors/sergey-lavrov.md",
            "---\nname: Sergey Lavrov\naliases: [Sergei Lavrov, Сергей Лавров]\n---\n",
        )
        // The newest, by another actor, names a Sergei in its body.
        .file(
            "content/other.md",
            "---\ntitle: Envoys compare notes\ndate: 2022-01-30\nactors: [Wendy Sherman]\n---\nSherman spoke with Sergei Ryabkov.\n",
        );
    for (day, title) in [
        (10, "Talks open in Geneva"),
        (12, "A council meets in Brussels"),
        (21, "Foreign ministers meet"),
    ] {
        site = site.file(
            &format!("content/{day}.md"),
            article(
                title,
                &format!("2022-01-{day}"),
                "actors: [Sergey Lavrov]\n",
            ),
        );
    }
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    build_into(
        site.root(),
        &output,
        &["--base-url", "https://org.github.io/briefings/"],
    );
    let port = crate::publishing::serve(output, "/briefings/");
    let search = format!("http://127.0.0.1:{port}/briefings/search/");
    let status = "return document.getElementById('search-status').textContent";
    let cards =
        "return Array.from(document.querySelectorAll('#search-cards h2')).map(e => e.textContent)";
    let titles = "return Array.from(document.querySelectorAll('#search-results h2')).map(e => e.textContent)";
    let lavrov = [
        "Foreign ministers meet",
        "A council meets in Brussels",
        "Talks open in Geneva",
    ];

    // An alias in another script: no briefing spells it so, yet the
    // actor's briefings are found.
    browser.open(&format!("{search}?q=Сергей Лавров"));
    browser.wait_until(status, json!("3 briefings match."));
    browser.wait_until(titles, json!(lavrov));
    assert_eq!(browser.eval(cards), json!(["Sergey Lavrov"]));

    // One word of an alias: the actor's briefings first, then the
    // briefing whose text holds the word.
    browser.open(&format!("{search}?q=Sergei"));
    browser.wait_until(status, json!("4 briefings match."));
    let mut all = lavrov.to_vec();
    all.push("Envoys compare notes");
    browser.wait_until(titles, json!(all));
    assert_eq!(browser.eval(cards), json!(["Sergey Lavrov"]));

    // The filters count the briefings shown.
    let actors = "return Array.from(document.querySelectorAll('#search-filters input[name=actor]')).map(e => e.parentElement.textContent)";
    browser.wait_until(actors, json!([" Sergey Lavrov (3)", " Wendy Sherman (1)"]));

    // Every word must still match: a word that names the actor stands
    // for its briefings.
    browser.open(&format!("{search}?q=Sergei Brussels"));
    browser.wait_until(status, json!("1 briefing matches."));
    browser.wait_until(titles, json!(["A council meets in Brussels"]));
}
