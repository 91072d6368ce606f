//! Search as written to disk: the box in every page's header, the
//! `/search/` page (and what it says without JavaScript), the index files
//! and their words, and `search: false`. The browser side is in
//! `browser.rs`.

use crate::support::*;

fn desk(site_yaml: &str) -> TestSite {
    TestSite::new()
        .file("site.yaml", site_yaml)
        .file(
            "content/a.md",
            "---\ntitle: Lavrov in Geneva\ndate: 2022-01-21\nactors: [Sergey Lavrov]\nplaces: [Geneva]\nsummary: Sergéy Lavrov talks about guarantees.\n---\nThe ministers met. Переговоры продолжатся.\n",
        )
        .file(
            "content/b.md",
            article("Kyiv visit", "2022-01-19", "actors: [Antony Blinken]\n"),
        )
        .file(
            "content/actors/sergey-lavrov.md",
            "---\nname: Sergey Lavrov\nrole: Foreign Minister of Russia\naliases: [Сергей Лавров]\n---\n",
        )
}

#[test]
fn every_page_has_a_labelled_search_box_leading_to_the_search_page() {
    let site = desk("base_url: https://org.github.io/briefings/\n");
    site.build(&[]);
    let home = site.page("index.html");
    assert!(
        home.contains(
            "<form class=\"site-search\" role=\"search\" action=\"/briefings/search/\" method=\"get\">\n\
             <label for=\"site-search\" class=\"visually-hidden\">Search briefings</label>\n\
             <input id=\"site-search\" type=\"search\" name=\"q\""
        ),
        "{home}"
    );
    let page = site.page("search/index.html");
    let main = main_of(&page);
    assert!(main.contains("<label for=\"search-query\">"), "{main}");
    assert!(main.contains("<noscript><p class=\"search-nojs\">Search needs JavaScript, which is off in this browser. You can browse these pages instead: <a href=\"/briefings/actors/\">Actors</a>, <a href=\"/briefings/archive/\">Archive</a>.</p></noscript>"), "{main}");
    assert!(
        main.contains("role=\"status\" aria-live=\"polite\""),
        "{main}"
    );
    assert!(main.contains("<script src=\"/briefings/search/search.js\" defer></script>"));
    // The search page's own form is the only search form on it.
    assert!(!page.contains("class=\"site-search\""));
    assert!(site.has("search/search.js"));
    assert!(
        !site.has("search.js"),
        "the script is written with the index only"
    );
}

#[test]
fn the_index_holds_folded_words_in_shards_by_prefix() {
    let site = desk("title: Desk\n");
    site.build(&[]);
    let read = |path: &str| site.page(&format!("search/{path}"));
    let meta: serde_json::Value = serde_json::from_str(&read("meta.json")).unwrap();
    assert_eq!(meta["docs"], 2);
    assert_eq!(meta["years"], serde_json::json!([[2022, 0, 1]]));
    assert_eq!(meta["fold"]["é"], "e");
    let shards: Vec<&str> = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        shards.contains(&"la") && shards.contains(&"пе"),
        "{shards:?}"
    );
    // Article 0 (the newest) has "lavrov" in its title: posting
    // 0 << 1 | 1, written "1".
    let la = read("words/la.txt");
    let lavrov = la.lines().find(|l| l.starts_with("lavrov ")).unwrap();
    assert!(lavrov.starts_with("lavrov 1 "), "{la}");
    // "Sergéy" (summary) folds to "sergey"; the Cyrillic alias and body
    // stay Cyrillic,
    // in shards whose file names are their code points.
    let se = read("words/se.txt");
    assert!(se.lines().any(|l| l.starts_with("sergey 1 ")), "{se}");
    let alias = read("words/_43b-430.txt");
    assert!(alias.lines().any(|l| l.starts_with("лавров  ")), "{alias}");
    let body = read("words/_43f-435.txt");
    assert_eq!(body, "переговоры 0 \n");
    // Document rows and facets, in site order.
    let docs: serde_json::Value = serde_json::from_str(&read("docs/0.json")).unwrap();
    assert_eq!(docs[0][0], "Lavrov in Geneva");
    assert_eq!(docs[0][1], "2022/01/21/lavrov-in-geneva/");
    assert_eq!(docs[0][2], "21 January 2022");
    assert_eq!(docs[0][3], "Sergéy Lavrov talks about guarantees.");
    // Rows carry actors, places and tags: a result that fits one page
    // counts its filters from them.
    assert_eq!(docs[0][5], serde_json::json!([0]));
    assert_eq!(docs[1][6], serde_json::json!([]));
    assert_eq!(read("facets/0.txt").lines().count(), 2);
    // Each actor's documents, for filters: Blinken (0, first of two
    // actors with one article each) in document 1, Lavrov (1) in 0.
    assert_eq!(meta["lists"]["actors"], serde_json::json!([0]));
    assert_eq!(read("lists/actors/0.txt"), "1\n0\n");
    assert_eq!(meta["page"], 10);
    let actors: serde_json::Value = serde_json::from_str(&read("actors/0.json")).unwrap();
    assert!(actors.as_array().unwrap().contains(&serde_json::json!([
        "Sergey Lavrov",
        "actors/sergey-lavrov/",
        1,
        "Foreign Minister of Russia",
        0
    ])));
}

#[test]
fn search_false_removes_the_box_the_page_and_the_index() {
    let site = desk("title: Desk\nsearch: false\n");
    let run = site.build(&[]);
    assert!(!run.stderr.contains("unknown key"), "{}", run.stderr);
    assert!(!site.public().join("search").exists());
    assert!(!site.has("search.js"));
    assert!(!site.page("index.html").contains("search"));
    let bad = desk("search: maybe\n").run(&["build"]);
    assert!(!bad.success);
    assert!(
        bad.stderr.starts_with("site.yaml:1:9: error: "),
        "{}",
        bad.stderr
    );
}

#[test]
fn an_actor_card_shows_the_current_dated_role() {
    let site = TestSite::new()
        .file(
            "content/actors/dmytro-kuleba.md",
            "---\nname: Dmytro Kuleba\nroles:\n  - {title: Deputy Prime Minister, from: 2019-08-29, to: 2020-03-04}\n  - {title: Foreign Minister of Ukraine, from: 2020-03-04}\n---\n",
        )
        .file(
            "content/a.md",
            article("Kuleba in Kyiv", "2022-01-19", "actors: [Dmytro Kuleba]\n"),
        );
    site.build(&[]);
    let actors: serde_json::Value =
        serde_json::from_str(&site.page("search/actors/0.json")).unwrap();
    assert_eq!(
        actors[0],
        serde_json::json!([
            "Dmytro Kuleba",
            "actors/dmytro-kuleba/",
            1,
            "Foreign Minister of Ukraine",
            1
        ])
    );
}

#[test]
fn results_show_the_role_held_on_the_day_and_lists_say_which_role_is_current() {
    let site = TestSite::new()
        .file(
            "site.yaml",
            "title: Desk
",
        )
        // Every dated role has ended: no current role.
        .file(
            "content/actors/ann-ames.md",
            "---
name: Ann Ames
roles:
  - {title: Deputy Minister, from: 2019-01-01, to: 2021-12-31}
  - {title: Minister, from: 2022-01-01, to: 2022-06-30}
---
",
        )
        // Still in office.
        .file(
            "content/actors/bo-berg.md",
            "---
name: Bo Berg
roles:
  - {title: Adviser, from: 2019-01-01, to: 2020-12-31}
  - {title: Envoy, from: 2021-01-01}
---
",
        )
        .file(
            "content/a.md",
            article(
                "Talks in May",
                "2021-05-03",
                "actors: [Ann Ames, Bo Berg]
",
            ),
        )
        .file(
            "content/b.md",
            article(
                "Talks in March",
                "2022-03-01",
                "actors: [Ann Ames]
",
            ),
        )
        .file(
            "content/c.md",
            article(
                "Talks in 2020",
                "2020-02-01",
                "actors: [Bo Berg]
",
            ),
        );
    site.build(&[]);
    // Each result row names its actors with the role held that day.
    let docs: serde_json::Value = serde_json::from_str(&site.page("search/docs/0.json")).unwrap();
    let rows: Vec<(&str, &serde_json::Value)> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|row| (row[0].as_str().unwrap(), &row[7]))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "Talks in March",
                &serde_json::json!([["Ann Ames", "Minister"]])
            ),
            (
                "Talks in May",
                &serde_json::json!([["Ann Ames", "Deputy Minister"], ["Bo Berg", "Envoy"]])
            ),
            (
                "Talks in 2020",
                &serde_json::json!([["Bo Berg", "Adviser"]])
            ),
        ]
    );
    // Where no briefing's date applies: the current role, said so; else
    // the role held at the actor's newest briefing (as the home page
    // shows it there).
    let actors_page = site.page("actors/index.html");
    let actors = main_of(&actors_page);
    assert!(
        actors.contains(
            "<span class=\"role\">Envoy <span class=\"role-when\">(current role)</span></span>"
        ),
        "{actors}"
    );
    assert!(
        actors.contains(
            "<a href=\"/actors/ann-ames/\">Ann Ames</a> <span class=\"role\">Minister</span>"
        ),
        "{actors}"
    );
    let cards: serde_json::Value =
        serde_json::from_str(&site.page("search/actors/0.json")).unwrap();
    assert!(cards.as_array().unwrap().contains(&serde_json::json!([
        "Ann Ames",
        "actors/ann-ames/",
        2,
        "Minister",
        0
    ])));
    assert!(cards.as_array().unwrap().contains(&serde_json::json!([
        "Bo Berg",
        "actors/bo-berg/",
        2,
        "Envoy",
        1
    ])));
    // The home page agrees with the search results.
    let home_page = site.page("index.html");
    let home = main_of(&home_page);
    assert!(home.contains("Ann Ames (Minister)"), "{home}");
    assert!(
        home.contains("Ann Ames (Deputy Minister), Bo Berg (Envoy)"),
        "{home}"
    );
}

#[test]
fn the_script_is_served_minified_and_the_same_every_build() {
    let site = desk(
        "title: Desk
",
    );
    site.build(&[]);
    let served = site.page("search/search.js");
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/search.js"),
    )
    .unwrap();
    assert!(
        served.len() * 10 < source.len() * 7,
        "{} bytes served of {}",
        served.len(),
        source.len()
    );
    assert!(
        !served.contains("/* briefing search"),
        "comments are left out"
    );
    assert!(!served.contains("\n  "), "indentation is left out");
    // Its strings are kept as written.
    assert!(served.contains("\"No briefings match.\""));
    site.build(&[]);
    assert_eq!(site.page("search/search.js"), served);
}
