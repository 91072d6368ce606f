//! Actors named in article bodies: `check`'s notes as sentences, short
//! aliases as whole case-exact words, `no_mentions:`, and names wrapped
//! across lines.

use crate::support::*;

/// The HTML of the body of the article page at `path`.
fn body(site: &TestSite, path: &str) -> String {
    let page = site.page(path);
    let html = &page[page.find("<div class=\"body\">").expect("a body")..];
    html[..html.find("</div>").expect("the body's end")]
        .trim_end()
        .to_string()
}

/// The notes of `briefing check`, one per line.
fn notes(site: &TestSite) -> Vec<String> {
    let run = site.run(&["check"]);
    assert!(run.success, "{}", run.stderr);
    run.stderr
        .lines()
        .filter(|l| l.contains(": note: "))
        .map(String::from)
        .collect()
}

const UNITED_NATIONS: &str = "---\nname: United Nations\nkind: organisation\naliases: [UN]\n---\n";

#[test]
fn a_note_is_a_sentence_that_gives_the_actors_line_to_paste() {
    let site = TestSite::new()
        // Actors get pages (and mention links) once an article lists them.
        .file("content/z.md", article("Earlier", "2021-01-01", "actors: [United Nations]\n"))
        .file("content/actors/united-nations.md", UNITED_NATIONS)
        .file(
            "content/actors/sergey-lavrov.md",
            "---\nname: Sergey Lavrov\n---\n",
        )
        .file(
            "content/a.md",
            "---\ntitle: A\ndate: 2022-01-21\nactors: [Sergey Lavrov]\n---\nSergey Lavrov wrote to the UN.\n",
        )
        .file(
            "content/b.md",
            "---\ntitle: B\ndate: 2022-01-22\n---\nThe United Nations and\nSergey Lavrov.\n",
        );
    assert_eq!(
        notes(&site),
        [
            "content/a.md:6:28: note: mentions United Nations, who is not in this article's actors; to list them, make the `actors:` line read: actors: [Sergey Lavrov, United Nations]",
            "content/b.md:5:5: note: mentions United Nations, who is not in this article's actors; to list them, add the line: actors: [United Nations]",
            "content/b.md:6:1: note: mentions Sergey Lavrov, who is not in this article's actors; to list them, add the line: actors: [Sergey Lavrov]",
        ]
    );
}

#[test]
fn a_short_alias_matches_only_as_a_whole_word_written_the_same_way() {
    let site = TestSite::new()
        // Actors get pages (and mention links) once an article lists them.
        .file("content/z.md", article("Earlier", "2021-01-01", "actors: [United Nations]\n"))
        .file("content/actors/united-nations.md", UNITED_NATIONS)
        .file(
            "content/a.md",
            "---\ntitle: A\ndate: 2022-01-21\n---\nUn plan, unUN, un, UNESCO and UNs.\n\nThen the UN-led mission.\n",
        )
        .file(
            "content/b.md",
            "---\ntitle: B\ndate: 2022-01-22\n---\nUn plan: un, Un, unUN and UNESCO.\n",
        );
    site.build(&[]);
    assert_eq!(
        body(&site, "2022/01/21/a/index.html"),
        "<div class=\"body\">\n<p>Un plan, unUN, un, UNESCO and UNs.</p>\n\
         <p>Then the <a href=\"/actors/united-nations/\">UN</a>-led mission.</p>"
    );
    assert_eq!(
        body(&site, "2022/01/22/b/index.html"),
        "<div class=\"body\">\n<p>Un plan: un, Un, unUN and UNESCO.</p>"
    );
    assert_eq!(notes(&site).len(), 1, "{:?}", notes(&site));
}

#[test]
fn no_mentions_leaves_an_alias_unlinked_and_unnoted() {
    let profile = "---\nname: United Nations\nkind: organisation\naliases: [UN, U.N.]\nno_mentions: [UN]\n---\n";
    let site = TestSite::new()
        .file("content/actors/united-nations.md", profile)
        .file(
            "content/a.md",
            "---\ntitle: A\ndate: 2022-01-21\n---\nThe UN met.\n",
        )
        .file(
            "content/b.md",
            "---\ntitle: B\ndate: 2022-01-22\n---\nThe UN met; the United Nations agreed.\n",
        )
        .file(
            "content/c.md",
            "---\ntitle: C\ndate: 2022-01-23\nactors: [UN]\n---\nText.\n",
        );
    site.build(&[]);
    assert_eq!(
        body(&site, "2022/01/21/a/index.html"),
        "<div class=\"body\">\n<p>The UN met.</p>"
    );
    assert_eq!(
        body(&site, "2022/01/22/b/index.html"),
        "<div class=\"body\">\n<p>The UN met; the <a href=\"/actors/united-nations/\">United Nations</a> agreed.</p>"
    );
    // Still an alias: an article listing `UN` lands on the actor's page.
    assert!(site.has("actors/united-nations/index.html"));
    assert!(
        site.page("actors/united-nations/index.html")
            .contains("/2022/01/23/c/")
    );
    assert_eq!(
        notes(&site),
        [
            "content/b.md:5:17: note: mentions United Nations, who is not in this article's actors; to list them, add the line: actors: [United Nations]"
        ]
    );
}

#[test]
fn no_mentions_must_list_the_profiles_own_spellings() {
    let site = TestSite::new()
        .file(
            "content/actors/united-nations.md",
            "---\nname: United Nations\naliases: [UN]\nno_mentions: [UN, UNO]\n---\n",
        )
        .file(
            "content/actors/nato.md",
            "---\nname: NATO\nno_mentions: {NATO: false}\n---\n",
        );
    let run = site.run(&["build"]);
    assert!(!run.success);
    assert!(
        run.stderr.contains(
            "content/actors/united-nations.md:4:14: error: `no_mentions` lists \"UNO\", not this profile's name or one of its aliases (its spellings are \"United Nations\", \"UN\") (expected spellings from `name:` or `aliases:`, written the same way, such as `no_mentions: [UN]`)\n  |\n4 | no_mentions: [UN, UNO]\n  |              ^\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/actors/nato.md:3:14: error: `no_mentions` must be a list, found a mapping"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_name_wrapped_across_lines_is_linked_and_noted() {
    let site = TestSite::new()
        // Actors get pages (and mention links) once an article lists them.
        .file("content/z.md", article("Earlier", "2021-01-01", "actors: [Jens Stoltenberg, Sergey Lavrov]\n"))
        .file(
            "content/actors/jens-stoltenberg.md",
            "---\nname: Jens Stoltenberg\n---\n",
        )
        .file(
            "content/actors/sergey-lavrov.md",
            "---\nname: Sergey Lavrov\naliases: [Сергей Лавров]\n---\n",
        )
        .file(
            "content/a.md",
            "---\ntitle: A\ndate: 2022-01-21\n---\nLater, Jens\nStoltenberg commented, as did *Сергей\n  Лавров*.\n",
        )
        .file(
            "content/b.md",
            "---\ntitle: B\ndate: 2022-01-22\n---\nThen Jens  Stoltenberg spoke.\n",
        );
    site.build(&[]);
    assert_eq!(
        body(&site, "2022/01/21/a/index.html"),
        "<div class=\"body\">\n<p>Later, <a href=\"/actors/jens-stoltenberg/\">Jens\nStoltenberg</a> commented, as did \
         <em><a href=\"/actors/sergey-lavrov/\">Сергей\nЛавров</a></em>.</p>"
    );
    assert_eq!(
        body(&site, "2022/01/22/b/index.html"),
        "<div class=\"body\">\n<p>Then <a href=\"/actors/jens-stoltenberg/\">Jens  Stoltenberg</a> spoke.</p>"
    );
    let notes = notes(&site);
    let at: Vec<&str> = notes
        .iter()
        .map(|n| &n[..n.find(": note: mentions ").unwrap() + 17 + 6])
        .collect();
    assert_eq!(
        at,
        [
            "content/a.md:5:8: note: mentions Jens S",
            "content/a.md:6:32: note: mentions Sergey",
            "content/b.md:5:6: note: mentions Jens S",
        ]
    );
}
