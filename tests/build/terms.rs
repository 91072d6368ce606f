//! Actors, places and tags: one page per name, however it is spelled.

use crate::support::*;

#[test]
fn profile_aliases_put_other_spellings_on_one_actor_page() {
    let site = TestSite::new()
        .file("site.yaml", "base_url: https://desk.example.org/\n")
        .file(
            "content/actors/volodymyr-zelenskyy.md",
            "---\nname: Volodymyr Zelenskyy\nrole: President of Ukraine\naliases: [Zelensky, Володимир Зеленський]\n---\nElected in **2019**.\n",
        )
        .file("content/a.md", article("Kyiv talks", "2022-01-19", "actors: [Zelensky]\n"))
        .file("content/b.md", article("Announcement", "2022-01-18", "actors: [Volodymyr Zelenskyy]\n"))
        .file("content/c.md", article("Statement", "2022-01-20", "actors: [Володимир Зеленський]\n"));
    let run = site.build(&[]);
    assert!(
        run.stderr.is_empty(),
        "no warnings expected: {}",
        run.stderr
    );
    let html = site.page("actors/volodymyr-zelenskyy/index.html");
    assert_eq!(
        entry_titles(&html),
        ["Statement", "Kyiv talks", "Announcement"]
    );
    assert!(html.contains(r#"<h1 class="page-title">Volodymyr Zelenskyy</h1>"#));
    assert!(html.contains(r#"<p class="role">President of Ukraine</p>"#));
    assert!(html.contains("<p>Elected in <strong>2019</strong>.</p>"));
    assert!(!site.has("actors/zelensky/index.html"));
    let kyiv = site.page("2022/01/19/kyiv-talks/index.html");
    assert!(kyiv.contains(r#"<a href="/actors/volodymyr-zelenskyy/">Volodymyr Zelenskyy</a>"#));
}

#[test]
fn cyrillic_names_get_readable_ascii_slugs() {
    let site = TestSite::new().file(
        "content/a.md",
        article(
            "Statement",
            "2022-01-20",
            "actors: [Володимир Зеленський]\nplaces: [Київ]\n",
        ),
    );
    site.build(&[]);
    let html = site.page("actors/volodimir-zelenskii/index.html");
    assert!(html.contains("<h1 class=\"page-title\">Володимир Зеленський</h1>"));
    assert!(
        site.has("places/kiyiv/index.html")
            || site.has("places/kyiv/index.html")
            || site.has("places/kiiv/index.html"),
        "{:?}",
        files_below(&site.public())
    );
}

#[test]
fn spellings_differing_in_case_or_accents_merge_with_a_warning() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            article("One", "2022-01-20", "actors: [Sergey Lavrov]\n"),
        )
        .file(
            "content/b.md",
            article("Two", "2022-01-21", "actors: [Sergey Lavrov]\n"),
        )
        .file(
            "content/c.md",
            article("Three", "2022-01-22", "actors: [sergéy lavrov]\n"),
        );
    let run = site.build(&[]);
    assert_eq!(
        run.stderr.lines().next().unwrap(),
        "content/c.md:4:9: warning: actor \"sergéy lavrov\" is taken to be \"Sergey Lavrov\" (they differ only in case or accents)"
    );
    assert!(
        run.stderr
            .contains("= note: \"Sergey Lavrov\" is used in content/a.md"),
        "{}",
        run.stderr
    );
    assert_eq!(
        entry_titles(&site.page("actors/sergey-lavrov/index.html")),
        ["Three", "Two", "One"]
    );
}

#[test]
fn different_names_with_the_same_slug_are_an_error_naming_both() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            article("One", "2022-01-20", "actors: [Sergey Lavrov]\n"),
        )
        .file(
            "content/b.md",
            article("Two", "2022-01-21", "actors: [Sergey-Lavrov]\n"),
        );
    let run = site.run(&["build"]);
    assert!(!run.success);
    assert!(run.stderr.starts_with(
        "content/b.md:4:9: error: actor \"Sergey-Lavrov\" and actor \"Sergey Lavrov\" would share the URL slug `sergey-lavrov` (expected one spelling for one actor, or names that differ in more than punctuation)\n"
    ), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("= note: \"Sergey Lavrov\" is used in content/a.md")
    );
}

#[test]
fn actors_index_is_sorted_by_count_then_name_with_counts() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            article("One", "2022-01-20", "actors: [Zed, Antony Blinken, Bea]\n"),
        )
        .file(
            "content/b.md",
            article("Two", "2022-01-21", "actors: [Antony Blinken, Zed]\n"),
        )
        .file(
            "content/c.md",
            article("Three", "2022-01-22", "actors: [Antony Blinken]\n"),
        );
    site.build(&[]);
    let html = site.page("actors/index.html");
    let order: Vec<usize> = ["Antony Blinken</a>", "Zed</a>", "Bea</a>"]
        .iter()
        .map(|n| html.find(n).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{html}");
    assert!(html.contains(r#"<a href="/actors/antony-blinken/">Antony Blinken</a> <span class="count">3 briefings</span>"#), "{html}");
    assert!(
        html.contains(r#"<a href="/actors/bea/">Bea</a> <span class="count">1 briefing</span>"#)
    );
}

#[test]
fn places_and_tags_get_term_pages() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            article(
                "One",
                "2022-01-20",
                "places: [Geneva]\ntags: [arms-control]\n",
            ),
        )
        .file(
            "content/b.md",
            article("Two", "2022-01-21", "places: [Geneva, Kyiv]\n"),
        );
    site.build(&[]);
    assert_eq!(
        entry_titles(&site.page("places/geneva/index.html")),
        ["Two", "One"]
    );
    assert_eq!(
        entry_titles(&site.page("tags/arms-control/index.html")),
        ["One"]
    );
    let places = site.page("places/index.html");
    assert!(places.find("Geneva").unwrap() < places.find("Kyiv").unwrap());
}

#[test]
fn an_alias_that_is_another_profiles_name_or_alias_is_an_error_naming_both_files() {
    let site = TestSite::new()
        .file(
            "content/actors/ilse-marek.md",
            "---\nname: Ilse Marek\naliases: [Minister Marek]\n---\n",
        )
        .file(
            "content/actors/tomas-ardan.md",
            "---\nname: Tomas Ardan\naliases: [Minister Ardan, Ilse Marek, Minister Marek]\n---\n",
        )
        .file(
            "content/a.md",
            article("Talks", "2025-03-10", "actors: [Tomas Ardan, Ilse Marek]\n"),
        );
    let run = site.run(&["build"]);
    assert!(!run.success);
    let expected = "content/actors/tomas-ardan.md:3:10: error: alias \"Ilse Marek\" already names the actor of content/actors/ilse-marek.md (its name \"Ilse Marek\") (expected each name and alias in one profile only: merge the two profiles, or drop the spelling from one)\n  |\n3 | aliases: [Minister Ardan, Ilse Marek, Minister Marek]\n  |          ^\n\n\
content/actors/tomas-ardan.md:3:10: error: alias \"Minister Marek\" already names the actor of content/actors/ilse-marek.md (its alias \"Minister Marek\") (expected each name and alias in one profile only: merge the two profiles, or drop the spelling from one)\n  |\n3 | aliases: [Minister Ardan, Ilse Marek, Minister Marek]\n  |          ^\n\n\
error: build failed: 2 errors in the site; nothing was written\n";
    assert_eq!(run.stderr, expected);
}

#[test]
fn an_article_naming_one_actor_twice_warns_and_shows_the_actor_once() {
    let site = TestSite::new()
        .file("site.yaml", "base_url: https://desk.example.org/\n")
        .file(
            "content/actors/tomas-ardan.md",
            "---\nname: Tomas Ardan\naliases: [Minister Ardan]\n---\n",
        )
        .file(
            "content/a.md",
            article(
                "Talks",
                "2025-03-10",
                "actors: [Tomas Ardan, Minister Ardan]\n",
            ),
        );
    let run = site.build(&[]);
    assert_eq!(
        run.stderr,
        "content/a.md:4:9: warning: actor \"Minister Ardan\" is the same actor as \"Tomas Ardan\" (through content/actors/tomas-ardan.md), listed twice; it is shown once\n  |\n4 | actors: [Tomas Ardan, Minister Ardan]\n  |         ^\n\n"
    );
    let page = site.page("2025/03/10/talks/index.html");
    assert_eq!(
        page.matches(">Tomas Ardan</a>").count(),
        2,
        "byline and facets, once each: {page}"
    );
    assert_eq!(
        entry_titles(&site.page("actors/tomas-ardan/index.html")),
        ["Talks"]
    );
}

#[test]
fn a_second_profile_with_the_same_name_is_one_error_at_its_name() {
    let site = TestSite::new()
        .file(
            "content/actors/ardan.md",
            "---\nname: Tomas Ardan\naliases: [T. Ardan]\n---\n",
        )
        .file(
            "content/actors/tomas-ardan.md",
            "---\nname: Tomas Ardan\nrole: Minister\naliases: [Minister Ardan]\n---\n",
        )
        .file(
            "content/a.md",
            article("Talks", "2025-03-10", "actors: [Tomas Ardan]\n"),
        );
    let run = site.run(&["build"]);
    assert!(!run.success);
    assert_eq!(
        run.stderr,
        "content/actors/tomas-ardan.md:2:7: error: name \"Tomas Ardan\" already names the actor of content/actors/ardan.md (its name \"Tomas Ardan\") (expected each name and alias in one profile only: merge the two profiles, or drop the spelling from one)\n  |\n2 | name: Tomas Ardan\n  |       ^\n\nerror: build failed: 1 error in the site; nothing was written\n"
    );
}
