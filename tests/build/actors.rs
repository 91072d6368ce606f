//! Actors with histories: profiles with kinds and dated roles, the role on
//! the article's day, relations and pair pages, linked mentions, timelines,
//! JSON-LD, the data files and the spelling checks.

use crate::support::*;

const KULEBA: &str = "---\nname: Dmytro Kuleba\nkind: person\nroles:\n  - title: Foreign Minister of Ukraine\n    org: Ministry of Foreign Affairs\n    from: 2020-03-04\n    to: 2024-09-05\n  - title: Deputy Prime Minister\n    from: 2019-08-29\n    to: 2020-03-04\n---\nUkraine's foreign minister.\n";

fn byline(site: &TestSite, path: &str) -> String {
    let page = site.page(path);
    let start = page.find("<p class=\"byline\">").expect("byline");
    page[start..start + page[start..].find("</p>").unwrap()].to_string()
}

#[test]
fn the_role_shown_is_the_one_held_on_the_articles_day_boundaries_included() {
    let actors = "actors: [Dmytro Kuleba]\n";
    let site = TestSite::new()
        .file("content/actors/dmytro-kuleba.md", KULEBA)
        .file("content/a.md", article("Before", "2019-08-28", actors))
        .file("content/b.md", article("First day", "2020-03-04", actors))
        .file("content/c.md", article("Last day", "2024-09-05", actors))
        .file("content/d.md", article("After", "2024-09-06", actors))
        .file("content/e.md", article("Deputy", "2019-12-01", actors));
    site.build(&[]);
    let link = "<a href=\"/actors/dmytro-kuleba/\">Dmytro Kuleba</a>";
    assert_eq!(
        byline(&site, "2019/08/28/before/index.html"),
        format!("<p class=\"byline\">Actors in this briefing: {link}")
    );
    // On 4 March 2020 both roles are held: the one that started last shows.
    for path in [
        "2020/03/04/first-day/index.html",
        "2024/09/05/last-day/index.html",
    ] {
        assert_eq!(
            byline(&site, path),
            format!(
                "<p class=\"byline\">Actors in this briefing: {link}, Foreign Minister of Ukraine"
            ),
            "{path}"
        );
    }
    assert_eq!(
        byline(&site, "2024/09/06/after/index.html"),
        format!("<p class=\"byline\">Actors in this briefing: {link}")
    );
    assert_eq!(
        byline(&site, "2019/12/01/deputy/index.html"),
        format!("<p class=\"byline\">Actors in this briefing: {link}, Deputy Prime Minister")
    );
    // List entries carry the role of their own day (names, not links:
    // compact entries).
    let home = site.page("index.html");
    assert!(
        home.contains("<p>5 September 2024 · Dmytro Kuleba (Foreign Minister of Ukraine)</p>"),
        "{home}"
    );
    assert!(
        home.contains("<p>1 December 2019 · Dmytro Kuleba (Deputy Prime Minister)</p>"),
        "{home}"
    );
    // The profile page lists every role, oldest first, with its dates.
    let profile = site.page("actors/dmytro-kuleba/index.html");
    let deputy = profile.find("<span class=\"role-title\">Deputy Prime Minister</span> <span class=\"dates\"><time datetime=\"2019-08-29\">29 August 2019</time> to <time datetime=\"2020-03-04\">4 March 2020</time></span>").expect("deputy role");
    let minister = profile.find("<span class=\"role-title\">Foreign Minister of Ukraine</span>, Ministry of Foreign Affairs <span class=\"dates\"><time datetime=\"2020-03-04\">4 March 2020</time> to <time datetime=\"2024-09-05\">5 September 2024</time></span>").expect("minister role");
    assert!(deputy < minister, "oldest first");
}

#[test]
fn an_undated_role_still_shows_and_kinds_group_the_actors_index() {
    let site = TestSite::new()
        .file(
            "content/actors/nato.md",
            "---\nname: NATO\nkind: organisation\nrole: Military alliance\n---\n",
        )
        .file(
            "content/a.md",
            article("Talks", "2022-01-12", "actors: [NATO, Jens Stoltenberg]\n"),
        );
    site.build(&[]);
    assert!(byline(&site, "2022/01/12/talks/index.html").contains("NATO</a>, Military alliance"));
    let index = main_of(&site.page("actors/index.html")).to_string();
    let people = index
        .find("<h2 id=\"kind-person\">People</h2>")
        .expect("people");
    let organisations = index
        .find("<h2 id=\"kind-organisation\">Organisations</h2>")
        .expect("organisations");
    assert!(people < organisations);
    assert!(index[organisations..].contains(
        "<a href=\"/actors/nato/\">NATO</a> <span class=\"role\">Military alliance</span>"
    ));
    assert!(index[people..organisations].contains("Jens Stoltenberg"));
    assert!(
        site.page("actors/nato/index.html")
            .contains("<p class=\"kicker\"><a href=\"/actors/\">Organisations</a></p>")
    );
}

#[test]
fn bad_profile_values_are_reported_at_their_line_and_column() {
    let site = TestSite::new()
        .file(
            "content/actors/x.md",
            "---\nname: X\nkind: organsation\nroles:\n  - title: Minister\n    from: 2021-02-30\n  - title: Envoy\n    from: 2022-05-01\n    to: 2022-04-01\n  - org: Nobody\nimage: x.png\nwikidata: 42\n---\n",
        )
        .file("content/a.md", article("A", "2022-01-01", ""));
    let run = site.run(&["build"]);
    assert!(!run.success);
    for expected in [
        "content/actors/x.md:3:7: error: unknown kind \"organsation\" (did you mean `organisation`?) (expected one of `person`, `organisation`, `country`, `group`)",
        "content/actors/x.md:6:11: error: invalid date \"2021-02-30\": February 2021 has 28 days",
        "content/actors/x.md:9:9: error: the role \"Envoy\" ends (2022-04-01) before it starts (2022-05-01) (expected a `to` date on or after `from`)",
        "content/actors/x.md:10:10: error: a role has no `title`",
        "content/actors/x.md:11:8: error: the image \"x.png\" has no `image_alt` (expected a text alternative such as `image_alt: Antony Blinken at a lectern`)",
        "content/actors/x.md:12:11: error: `wikidata` must be a Wikidata id, found \"42\"",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in:\n{}",
            run.stderr
        );
    }
    assert!(!site.public().exists(), "nothing is written");
}

#[test]
fn a_profile_image_beside_the_profile_is_copied_and_a_missing_one_is_an_error() {
    let profile = "---\nname: Antony Blinken\nimage: blinken.png\nimage_alt: Antony Blinken at a lectern\nlinks:\n  - {title: State Department, url: https://www.state.gov/}\nwikidata: Q4914686\n---\n";
    let site = TestSite::new()
        .file("content/actors/antony-blinken.md", profile)
        .file("content/actors/blinken.png", "PNG")
        .file(
            "content/a.md",
            article("A", "2022-01-01", "actors: [Antony Blinken]\n"),
        );
    site.build(&[]);
    assert_eq!(site.page("actors/antony-blinken/blinken.png"), "PNG");
    let page = site.page("actors/antony-blinken/index.html");
    assert!(page.contains("<img class=\"portrait\" src=\"/actors/antony-blinken/blinken.png\" alt=\"Antony Blinken at a lectern\">"), "{page}");
    assert!(page.contains("<li><a href=\"https://www.state.gov/\">State Department</a></li>"));
    assert!(
        page.contains("<a href=\"https://www.wikidata.org/wiki/Q4914686\">Wikidata Q4914686</a>")
    );

    let missing = TestSite::new()
        .file("content/actors/antony-blinken.md", profile)
        .file("content/a.md", article("A", "2022-01-01", ""));
    let run = missing.run(&["build"]);
    assert!(!run.success);
    assert!(run.stderr.contains("content/actors/antony-blinken.md:3:8: error: the image \"blinken.png\" is neither beside the profile nor in static/ (expected a file at content/actors/blinken.png or static/blinken.png)"), "{}", run.stderr);
}

#[test]
fn actor_pages_show_who_appears_with_whom_and_where_with_pair_pages() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            article(
                "Geneva talks",
                "2022-01-21",
                "actors: [Antony Blinken, Sergey Lavrov]\nplaces: [Geneva]\n",
            ),
        )
        .file(
            "content/b.md",
            article(
                "Kyiv visit",
                "2022-01-19",
                "actors: [Antony Blinken, Dmytro Kuleba, Sergey Lavrov]\nplaces: [Kyiv]\n",
            ),
        )
        .file(
            "content/c.md",
            article(
                "Berlin stop",
                "2022-01-20",
                "actors: [Antony Blinken, Annalena Baerbock]\nplaces: [Berlin, Kyiv]\n",
            ),
        )
        .file(
            "content/d.md",
            article("Alone", "2022-01-22", "actors: [Antony Blinken]\n"),
        );
    site.build(&[]);
    let page = site.page("actors/antony-blinken/index.html");
    let with = &page[page.find("<h2 id=\"with-heading\">").expect("appears with")..];
    let with = &with[..with.find("</section>").unwrap()];
    assert_eq!(with.matches("<li>").collect::<Vec<_>>().len(), 3, "{with}");
    let lavrov = with.find("<li><a href=\"/actors/antony-blinken/with/sergey-lavrov/\">Sergey Lavrov</a> <span class=\"count\">2 shared briefings</span></li>").expect("Lavrov first");
    // One shared briefing: no pair page, a link straight to the briefing.
    let kuleba = with.find("<li><a href=\"/2022/01/19/kyiv-visit/\">Dmytro Kuleba</a> <span class=\"count\">1 shared briefing</span></li>").expect("Kuleba");
    assert!(!site.has("actors/antony-blinken/with/dmytro-kuleba/index.html"));
    assert!(!site.has("actors/dmytro-kuleba/with/antony-blinken/index.html"));
    assert!(lavrov < kuleba);
    assert!(page.contains(
        "<li><a href=\"/places/kyiv/\">Kyiv</a> <span class=\"count\">2 briefings</span></li>"
    ));
    let pair = site.page("actors/antony-blinken/with/sergey-lavrov/index.html");
    assert_eq!(listed_titles(&pair), ["Geneva talks", "Kyiv visit"]);
    assert!(pair.contains("<li><a href=\"/2022/01/21/geneva-talks/\">Geneva talks</a> <small>21 January 2022</small></li>"), "{pair}");
    assert!(pair.contains("<h1 class=\"page-title\">Antony Blinken with Sergey Lavrov</h1>"));
    // The two are in each other's lists: one page, the more covered actor's.
    assert!(!site.has("actors/sergey-lavrov/with/antony-blinken/index.html"));
    assert!(site.page("actors/sergey-lavrov/index.html").contains("<li><a href=\"/actors/antony-blinken/with/sergey-lavrov/\">Antony Blinken</a> <span class=\"count\">2 shared briefings</span></li>"));
    assert!(
        !site.has("actors/antony-blinken/with/sergey-lavrov/atom.xml"),
        "pair pages have no feed"
    );
}

#[test]
fn later_pages_of_an_actor_list_briefings_without_repeating_the_profile() {
    let site = TestSite::new()
        .file("site.yaml", "page_size: 1\n")
        .file(
            "content/a.md",
            article(
                "Geneva talks",
                "2022-01-21",
                "actors: [Antony Blinken, Sergey Lavrov]\nplaces: [Geneva]\n",
            ),
        )
        .file(
            "content/b.md",
            article(
                "Kyiv visit",
                "2022-01-19",
                "actors: [Antony Blinken, Sergey Lavrov]\nplaces: [Kyiv]\n",
            ),
        );
    site.build(&[]);
    let first = site.page("actors/antony-blinken/index.html");
    assert!(
        first.contains("<h2 id=\"with-heading\">Appears with</h2>"),
        "{first}"
    );
    assert!(first.contains("class=\"timeline\""), "{first}");
    let second = site.page("actors/antony-blinken/page/2/index.html");
    assert!(!second.contains("with-heading"), "{second}");
    assert!(!second.contains("class=\"timeline\""), "{second}");
    assert!(!second.contains("places-heading"), "{second}");
    assert!(second.contains("<h1 class=\"page-title\">Antony Blinken</h1>\n<p class=\"count\">2 briefings, newest first; <a href=\"/actors/antony-blinken/\">profile and latest</a>.</p>"), "{second}");
    assert_eq!(entry_titles(&second), ["Kyiv visit"]);
    let place = site.page("places/geneva/index.html");
    assert!(place.contains("class=\"timeline\""), "{place}");
}

#[test]
fn pair_pages_are_made_for_the_top_ten_co_actors_only() {
    let mut site = TestSite::new();
    let others: Vec<String> = (1..=12).map(|n| format!("Envoy {n:02}")).collect();
    for (n, other) in others.iter().enumerate() {
        // Envoys 01 and 02 share three briefings, the rest two (a pair
        // needs two for a page of its own).
        let times = if n < 2 { 3 } else { 2 };
        for t in 0..times {
            site = site.file(
                &format!("content/{n}-{t}.md"),
                article(
                    &format!("Talk {n} {t}"),
                    &format!("2022-01-{:02}", n + 1),
                    &format!("actors: [Chief, {other}]\n"),
                ),
            );
        }
    }
    site.build(&[]);
    let pairs: Vec<String> = files_below(&site.public().join("actors/chief/with"));
    assert_eq!(pairs.len(), 10, "{pairs:?}");
    assert!(pairs.contains(&"envoy-01/index.html".to_string()));
    assert!(pairs.contains(&"envoy-02/index.html".to_string()));
    // Among equals, the actors' order (most covered, then by name) decides.
    assert!(
        !pairs.contains(&"envoy-12/index.html".to_string()),
        "{pairs:?}"
    );
}

#[test]
fn articles_end_with_related_briefings_by_shared_actors_and_places_then_nearest_date() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            article(
                "Main",
                "2022-01-10",
                "actors: [Blinken, Lavrov]\nplaces: [Geneva]\n",
            ),
        )
        .file(
            "content/b.md",
            article(
                "Both again",
                "2021-06-01",
                "actors: [Blinken, Lavrov]\nplaces: [Geneva]\n",
            ),
        )
        .file(
            "content/c.md",
            article("One near", "2022-01-11", "actors: [Lavrov]\n"),
        )
        .file(
            "content/d.md",
            article("One far", "2022-03-01", "actors: [Blinken]\n"),
        )
        .file(
            "content/e.md",
            article("Unrelated", "2022-01-10", "actors: [Someone]\n"),
        );
    site.build(&[]);
    let page = site.page("2022/01/10/main/index.html");
    let related = &page[page.find("<h2 id=\"related-heading\">").expect("related")..];
    let titles: Vec<&str> = related
        .split("<li><a href=\"")
        .skip(1)
        .map(|c| &c[c.find("\">").unwrap() + 2..c.find("</a>").unwrap()])
        .collect();
    assert_eq!(titles, ["Both again", "One near", "One far"]);
    // A compact line: the title's link and the date, no wrapper classes.
    assert!(related.contains("\">Both again</a> <small>"), "{related}");
    assert!(!related.contains("<span class=\"count\">"), "{related}");
}

#[test]
fn first_mentions_link_to_actors_but_never_inside_code_links_headings_or_html() {
    let body = "## Sergey Lavrov in Geneva\n\n\
                `Sergey Lavrov` and [Sergey Lavrov](https://example.org/) and <a href=\"/\">Sergey Lavrov</a>.\n\n\
                ```\nSergey Lavrov\n```\n\n\
                Then Sergey Lavrov met Tony Blinken; Sergey Lavrov spoke again. Lavrovian is no name, nor SergeyLavrov.\n";
    let site = TestSite::new()
        // Actors get pages (and mention links) once an article lists them.
        .file(
            "content/z.md",
            article("Earlier", "2021-01-01", "actors: [Antony Blinken]\n"),
        )
        .file(
            "content/actors/antony-blinken.md",
            "---\nname: Antony Blinken\naliases: [Tony Blinken]\n---\n",
        )
        .file(
            "content/actors/sergey-lavrov.md",
            "---\nname: Sergey Lavrov\n---\n",
        )
        .file(
            "content/a.md",
            format!("---\ntitle: Talks\ndate: 2022-01-21\nactors: [Sergey Lavrov]\n---\n{body}"),
        );
    site.build(&[]);
    let page = site.page("2022/01/21/talks/index.html");
    let html = &page[page.find("<div class=\"body\">").unwrap()..];
    let html = &html[..html.find("</div>").unwrap()];
    assert_eq!(
        html,
        "<div class=\"body\">\n<h2 id=\"sergey-lavrov-in-geneva\">Sergey Lavrov in Geneva</h2>\n\
         <p><code>Sergey Lavrov</code> and <a href=\"https://example.org/\">Sergey Lavrov</a> and <a href=\"/\">Sergey Lavrov</a>.</p>\n\
         <pre><code>Sergey Lavrov\n</code></pre>\n\
         <p>Then <a href=\"/actors/sergey-lavrov/\">Sergey Lavrov</a> met <a href=\"/actors/antony-blinken/\">Tony Blinken</a>; Sergey Lavrov spoke again. Lavrovian is no name, nor SergeyLavrov.</p>\n\n"
    );
    // `check` notes the actor the body names but the front matter omits.
    let run = site.run(&["check"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/a.md:14:24: note: mentions Antony Blinken, who is not in this article's actors; to list them, make the `actors:` line read: actors: [Sergey Lavrov, Antony Blinken]\n"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("mentions Sergey Lavrov"),
        "{}",
        run.stderr
    );
}

#[test]
fn mentions_are_not_linked_when_an_article_or_the_site_says_so() {
    let profile = "---\nname: Sergey Lavrov\n---\n";
    let text = "Sergey Lavrov spoke.\n";
    let off = TestSite::new()
        // Actors get pages (and mention links) once an article lists them.
        .file(
            "content/z.md",
            article("Earlier", "2021-01-01", "actors: [Sergey Lavrov]\n"),
        )
        .file("content/actors/sergey-lavrov.md", profile)
        .file(
            "content/a.md",
            format!("---\ntitle: A\ndate: 2022-01-21\nlink_mentions: false\n---\n{text}"),
        )
        .file(
            "content/b.md",
            format!("---\ntitle: B\ndate: 2022-01-21\n---\n{text}"),
        );
    off.build(&[]);
    assert!(
        off.page("2022/01/21/a/index.html")
            .contains("<p>Sergey Lavrov spoke.</p>")
    );
    assert!(
        off.page("2022/01/21/b/index.html")
            .contains("<p><a href=\"/actors/sergey-lavrov/\">Sergey Lavrov</a> spoke.</p>")
    );
    let site_off = TestSite::new()
        // Actors get pages (and mention links) once an article lists them.
        .file(
            "content/z.md",
            article("Earlier", "2021-01-01", "actors: [Sergey Lavrov]\n"),
        )
        .file("site.yaml", "link_mentions: false\n")
        .file("content/actors/sergey-lavrov.md", profile)
        .file(
            "content/b.md",
            format!("---\ntitle: B\ndate: 2022-01-21\n---\n{text}"),
        );
    site_off.build(&[]);
    assert!(
        site_off
            .page("2022/01/21/b/index.html")
            .contains("<p>Sergey Lavrov spoke.</p>")
    );
}

#[test]
fn actor_place_and_tag_pages_show_a_timeline_with_a_text_alternative() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            article(
                "One",
                "2021-12-17",
                "actors: [Vladimir Putin]\nplaces: [Moscow]\ntags: [security]\n",
            ),
        )
        .file(
            "content/b.md",
            article(
                "Two",
                "2022-01-10",
                "actors: [Vladimir Putin]\nplaces: [Moscow]\ntags: [security]\n",
            ),
        )
        .file(
            "content/c.md",
            article(
                "Three",
                "2022-01-21",
                "actors: [Vladimir Putin]\nplaces: [Moscow]\ntags: [security]\n",
            ),
        );
    site.build(&[]);
    for page in [
        "actors/vladimir-putin/index.html",
        "places/moscow/index.html",
        "tags/security/index.html",
    ] {
        let html = site.page(page);
        assert!(html.contains("<svg class=\"timeline\" viewBox=\"0 0 600 100\" preserveAspectRatio=\"none\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\"><title id=\"timeline-title\">Briefings over time</title><desc id=\"timeline-desc\">3 briefings from December 2021 to January 2022, counted per month; the most, 2, in January 2022.</desc>"), "{page}");
        assert!(
            html.contains("<rect x=\"50.0\" y=\"0.0\" width=\"40.0\" height=\"100.0\"/>"),
            "{page}"
        );
        assert!(
            html.contains("<tr><th scope=\"row\">January 2022<td>2</tbody>"),
            "{page}"
        );
        assert!(html.contains("First appearance <a href=\"/2021/12/17/\"><time datetime=\"2021-12-17\">17 December 2021</time></a>, latest <a href=\"/2022/01/21/\"><time datetime=\"2022-01-21\">21 January 2022</time></a>."), "{page}");
        assert!(!html.contains("<script>"), "no JavaScript");
    }
}

#[test]
fn article_and_actor_pages_carry_json_ld() {
    let site = TestSite::new()
        // Actors get pages (and mention links) once an article lists them.
        .file("content/z.md", article("Earlier", "2021-01-01", "actors: [Vladimir Putin]\n"))
        .file("site.yaml", "title: Desk\nauthor: Desk editors\nbase_url: https://org.github.io/briefings/\n")
        .file("content/actors/nato.md", "---\nname: NATO\nkind: organisation\nwikidata: Q7184\n---\n")
        .file("content/actors/vladimir-putin.md", "---\nname: Vladimir Putin\naliases: [Putin]\nroles:\n  - title: President of Russia\n    from: 2012-05-07\n---\n")
        .file("content/a.md", "---\ntitle: Drafts </script> published\ndate: 2021-12-17\nupdated: 2021-12-18\nactors: [NATO]\nplaces: [Moscow]\n---\nPutin's drafts reached NATO.\n");
    site.build(&[]);
    let article = json_ld(&site.page("2021/12/17/drafts-script-published/index.html"));
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["headline"], "Drafts </script> published");
    assert_eq!(article["datePublished"], "2021-12-17");
    assert_eq!(article["dateModified"], "2021-12-18T00:00:00+00:00");
    assert_eq!(article["author"]["name"], "Desk editors");
    assert_eq!(article["about"][0]["@type"], "Organization");
    assert_eq!(
        article["about"][0]["url"],
        "https://org.github.io/briefings/actors/nato/"
    );
    assert_eq!(
        article["about"][0]["sameAs"][0],
        "https://www.wikidata.org/wiki/Q7184"
    );
    assert_eq!(article["mentions"][0]["name"], "Vladimir Putin");
    assert_eq!(
        article["mentions"].as_array().unwrap().len(),
        1,
        "listed actors are `about`, not `mentions`"
    );
    assert_eq!(article["contentLocation"][0]["name"], "Moscow");
    let profile = json_ld(&site.page("actors/vladimir-putin/index.html"));
    assert_eq!(profile["@type"], "ProfilePage");
    assert_eq!(profile["mainEntity"]["@type"], "Person");
    assert_eq!(profile["mainEntity"]["jobTitle"], "President of Russia");
    assert_eq!(profile["mainEntity"]["alternateName"][0], "Putin");
    assert_eq!(
        json_ld(&site.page("actors/nato/index.html"))["mainEntity"]["@type"],
        "Organization"
    );
}

#[test]
fn the_build_writes_actors_and_graph_data_for_analysts() {
    let site = TestSite::new()
        .file("content/actors/dmytro-kuleba.md", KULEBA)
        .file(
            "content/a.md",
            article(
                "A",
                "2022-01-19",
                "actors: [Dmytro Kuleba, Antony Blinken]\n",
            ),
        )
        .file(
            "content/b.md",
            article(
                "B",
                "2022-02-01",
                "actors: [Dmytro Kuleba, Antony Blinken, Annalena Baerbock]\n",
            ),
        );
    site.build(&[]);
    let actors: serde_json::Value = serde_json::from_str(&site.page("data/actors.json")).unwrap();
    let kuleba = actors
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "dmytro-kuleba")
        .unwrap();
    assert_eq!(kuleba["name"], "Dmytro Kuleba");
    assert_eq!(kuleba["kind"], "person");
    assert_eq!(kuleba["articles"], 2);
    assert_eq!(kuleba["first"], "2022-01-19");
    assert_eq!(kuleba["last"], "2022-02-01");
    assert_eq!(kuleba["roles"][0]["title"], "Deputy Prime Minister");
    assert_eq!(kuleba["roles"][1]["to"], "2024-09-05");
    let graph: serde_json::Value = serde_json::from_str(&site.page("data/graph.json")).unwrap();
    let edges = graph["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 3);
    let weight = |a: &str, b: &str| {
        edges
            .iter()
            .find(|e| {
                (e["source"] == a && e["target"] == b) || (e["source"] == b && e["target"] == a)
            })
            .map(|e| e["weight"].clone())
    };
    assert_eq!(weight("antony-blinken", "dmytro-kuleba"), Some(2.into()));
    assert_eq!(weight("annalena-baerbock", "dmytro-kuleba"), Some(1.into()));
    assert_eq!(graph["nodes"].as_array().unwrap().len(), 3);
}

#[test]
fn stray_spellings_are_reported_with_every_use_and_the_alias_to_add() {
    let site = TestSite::new()
        .file(
            "content/actors/volodymyr-zelenskyy.md",
            "---\nname: Volodymyr Zelenskyy\naliases: [Zelensky]\n---\n",
        )
        .file(
            "content/a.md",
            article(
                "A",
                "2022-01-01",
                "actors: [Volodymyr Zelenskyy, Antony Blinken]\n",
            ),
        )
        .file(
            "content/b.md",
            article("B", "2022-01-02", "places: [Kyiv]\nactors: [Zelenskiy]\n"),
        )
        .file(
            "content/c.md",
            article(
                "C",
                "2022-01-03",
                "actors: [Володимир Зеленський, Blinken]\n",
            ),
        )
        .file(
            "content/d.md",
            article(
                "D",
                "2022-01-04",
                "actors: [Zelenskiy, Christopher Columbus]\n",
            ),
        )
        .file(
            "content/e.md",
            article("E", "2022-01-05", "actors: [Christopher Colombus]\n"),
        );
    let run = site.run(&["check"]);
    assert!(run.success, "{}", run.stderr);
    let expected = [
        "content/b.md:5:9: warning: actor \"Zelenskiy\" is probably \"Volodymyr Zelenskyy\" (another transliteration of it), but no alias joins them\n  |\n5 | actors: [Zelenskiy]\n  |         ^\n  = note: \"Zelenskiy\" is used in content/b.md:5, content/d.md:4\n  = note: \"Volodymyr Zelenskyy\" is used in content/a.md:4\n  = note: to join them, make the `aliases:` line of content/actors/volodymyr-zelenskyy.md read: aliases: [Zelensky, Zelenskiy]",
        "content/c.md:4:9: warning: actor \"Володимир Зеленський\" is probably \"Volodymyr Zelenskyy\" (another transliteration of it), but no alias joins them",
        "= note: to join them, make the `aliases:` line of content/actors/volodymyr-zelenskyy.md read: aliases: [Zelensky, Володимир Зеленський]",
        "content/c.md:4:9: warning: actor \"Blinken\" is probably \"Antony Blinken\" (its surname alone), but no alias joins them",
        "= note: to join them, create content/actors/antony-blinken.md with: name: Antony Blinken / aliases: [Blinken]",
        "warning: actor \"Christopher Colombus\" is probably \"Christopher Columbus\" (a spelling a letter or two away), but no alias joins them",
    ];
    for text in expected {
        assert!(
            run.stderr.contains(text),
            "missing {text:?} in:\n{}",
            run.stderr
        );
    }
    // `build` reports them too, and `--strict` makes them fail the build.
    let build = site.run(&["build"]);
    assert!(build.success && build.stderr.contains("is probably \"Volodymyr Zelenskyy\""));
    assert!(!site.run(&["build", "--strict"]).success);
}

#[test]
fn the_sample_site_shows_roles_mentions_and_relations() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let run = build_into(&sample_root(), &output, &[]);
    assert!(
        !run.stderr.contains("is probably"),
        "no stray spellings in the sample: {}",
        run.stderr
    );
    let read = |p: &str| std::fs::read_to_string(output.join(p)).unwrap();
    let kyiv = read("2022/01/19/blinken-meets-zelensky-and-kuleba-in-kyiv/index.html");
    assert!(
        kyiv.contains("Dmytro Kuleba</a>, Foreign Minister of Ukraine"),
        "{kyiv}"
    );
    let nato = read("actors/nato/index.html");
    assert!(nato.contains("<p class=\"kicker\"><a href=\"/actors/\">Organisations</a></p>"));
    let blinken = read("actors/antony-blinken/index.html");
    assert!(
        blinken
            .contains("<a href=\"/actors/antony-blinken/with/sergey-lavrov/\">Sergey Lavrov</a>")
    );
}
