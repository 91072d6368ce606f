//! Time as a view: calendar grids, ISO week pages, "on this day",
//! milestones and chronologies, and the header marking the current
//! section on every page of a section.

use crate::support::*;

fn with_milestone(title: &str, date: &str, actors: &str, milestone: &str) -> String {
    article(
        title,
        date,
        &format!("actors: [{actors}]\nplaces: [Geneva]\nmilestone: {milestone}\n"),
    )
}

/// The cells of the first `<tbody>` row of a page's first calendar, as text.
fn first_row(html: &str) -> String {
    let table = &html[html.find("<tbody>").expect("a calendar")..];
    let row = &table[table.find("<tr>").unwrap()..table.find("</tr>").unwrap()];
    row.to_string()
}

#[test]
fn a_month_starting_on_sunday_fills_the_first_row_by_week_start() {
    // May 2022 begins on a Sunday.
    let site = TestSite::new().file("content/a.md", article("Talks", "2022-05-01", ""));
    site.build(&[]);
    let monday_first = first_row(&site.page("2022/05/index.html"));
    assert_eq!(monday_first.matches("<td class=\"out\"></td>").count(), 6);
    assert!(
        monday_first.contains(
            "<a href=\"/2022/05/01/\" aria-label=\"1 May 2022: 1 briefing\" data-n=\"1\">"
        )
    );
    assert!(site.page("2022/05/index.html").contains(
        "<abbr title=\"Monday\">Mon</abbr></th><th scope=\"col\"><abbr title=\"Tuesday\">"
    ));

    let site = site.file("site.yaml", "week_start: Sunday\n");
    site.build(&[]);
    let month = site.page("2022/05/index.html");
    let sunday_first = first_row(&month);
    assert_eq!(sunday_first.matches("<td class=\"out\"></td>").count(), 0);
    assert!(month.contains(
        "<abbr title=\"ISO week\">Wk</abbr></th><th scope=\"col\"><abbr title=\"Sunday\">Sun</abbr>"
    ));
}

#[test]
fn a_misspelt_week_start_is_an_error_with_a_suggestion() {
    let site = TestSite::new()
        .file("site.yaml", "week_start: sundy\n")
        .file("content/a.md", article("Talks", "2022-05-01", ""));
    let run = site.run(&["build"]);
    assert!(!run.success);
    assert!(
        run.stderr.starts_with(
            "site.yaml:1:13: error: `week_start: sundy` is not a day of the week; did you mean `sunday`? (expected a day such as `monday` or `sunday`)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn iso_weeks_cross_the_year_boundary() {
    let site = TestSite::new()
        .file("content/a.md", article("Old year", "2020-12-31", ""))
        .file("content/b.md", article("New year", "2021-01-01", ""))
        .file("content/c.md", article("First Monday", "2021-01-04", ""));
    site.build(&[]);
    // 31 December 2020 and 1 January 2021 are both in week 53 of 2020.
    let w53 = site.page("2020/W53/index.html");
    assert!(
        w53.contains("<h1 class=\"page-title\">Week 53, 2020</h1>"),
        "{w53}"
    );
    assert!(w53.contains("28 December 2020 – 3 January 2021: 2 briefings."));
    assert_eq!(listed_titles(&w53), ["New year", "Old year"]);
    assert!(w53.contains("<a rel=\"next\" href=\"/2021/W01/\">Later: Week 1, 2021</a>"));
    let w01 = site.page("2021/W01/index.html");
    assert_eq!(listed_titles(&w01), ["First Monday"]);
    assert!(w01.contains("<a rel=\"prev\" href=\"/2020/W53/\">Earlier: Week 53, 2020</a>"));
    assert!(!site.has("2021/W53/index.html"));
    // Day and month pages lead to the week.
    assert!(
        site.page("2021/01/01/index.html")
            .contains("<a href=\"/2020/W53/\">Week 53, 2020</a>")
    );
    // The link's accessible name holds its visible text ("W53").
    for month in ["2021/01/index.html", "2020/12/index.html"] {
        assert!(
            site.page(month).contains(
                "<a href=\"/2020/W53/\">W53<span class=\"visually-hidden\"> (Week 53 of 2020)</span></a>"
            ),
            "{month}"
        );
    }
}

#[test]
fn weeks_false_writes_no_week_pages_or_links() {
    let site = TestSite::new()
        .file("site.yaml", "weeks: false\n")
        .file("content/a.md", article("Talks", "2022-01-18", ""));
    site.build(&[]);
    assert!(!site.has("2022/W03/index.html"));
    assert!(!site.page("2022/01/18/index.html").contains("W03"));
    let month = site.page("2022/01/index.html");
    assert!(!month.contains("ISO week"), "{month}");
    assert!(!site.page("sitemap.xml").contains("W03"));
}

#[test]
fn day_pages_link_the_same_day_in_other_years_leap_days_included() {
    let site = TestSite::new()
        .file("content/a.md", article("Leap one", "2020-02-29", ""))
        .file("content/b.md", article("Leap two", "2024-02-29", ""))
        .file("content/c.md", article("Day before", "2024-02-28", ""))
        .file("content/d.md", article("Not leap", "2021-02-28", ""));
    site.build(&[]);
    let leap = site.page("2024/02/29/index.html");
    assert!(leap.contains("On this day in other years"));
    assert!(leap.contains("<a href=\"/2020/02/29/\">29 February 2020</a>"));
    assert!(!leap.contains("2021/02/28"), "{leap}");
    assert!(
        site.page("2021/02/28/index.html")
            .contains("<a href=\"/2024/02/28/\">28 February 2024</a>")
    );
    let other = site.page("2020/02/29/index.html");
    let section = &other[other.find("On this day").unwrap()..other.find("</section>").unwrap()];
    assert_eq!(section.matches("<li>").count(), 1, "{section}");
    assert!(section.contains("/2024/02/29/"));
    // A leap February has its 29th in the grid.
    assert!(site.page("2024/02/index.html").contains(
        "<a href=\"/2024/02/29/\" aria-label=\"29 February 2024: 1 briefing\" data-n=\"1\">"
    ));
}

#[test]
fn milestones_make_the_site_chronology_its_feed_and_each_terms_chronology() {
    let site = TestSite::new()
        .file("site.yaml", "base_url: https://desk.example.org/\n")
        .file(
            "content/a.md",
            with_milestone(
                "Ministers meet",
                "2022-01-21",
                "Antony Blinken, Sergey Lavrov",
                "Blinken and Lavrov meet in Geneva",
            ),
        )
        .file(
            "content/b.md",
            with_milestone(
                "Kyiv visit",
                "2022-01-19",
                "Antony Blinken",
                "Blinken visits Kyiv",
            ),
        )
        .file(
            "content/c.md",
            with_milestone(
                "Draft treaties",
                "2021-12-17",
                "Sergey Lavrov",
                "Russia publishes draft treaties",
            ),
        )
        .file(
            "content/d.md",
            article("No event", "2022-01-20", "actors: [Antony Blinken]\n"),
        );
    site.build(&[]);
    let chronology = site.page("chronology/index.html");
    let body = main_of(&chronology);
    let order = [
        "<h2 id=\"y2022\">2022</h2>",
        "January 2022",
        "Blinken and Lavrov meet in Geneva",
        "Blinken visits Kyiv",
        "<h2 id=\"y2021\">2021</h2>",
        "December 2021",
        "Russia publishes draft treaties",
    ];
    let mut at = 0;
    for part in order {
        let found = body[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} missing or out of order in {body}"));
        at += found;
    }
    assert!(body.contains("<time datetime=\"2022-01-19\">19 January 2022</time> <a href=\"/2022/01/19/kyiv-visit/\">Blinken visits Kyiv</a>"));
    assert!(!body.contains("No event"));
    assert!(chronology.contains("<a href=\"/chronology/\" aria-current=\"page\">Chronology</a>"));

    let feed = site.page("chronology/atom.xml");
    let parsed = feed_rs::parser::parse(feed.as_bytes()).expect("an Atom feed");
    let titles: Vec<String> = parsed
        .entries
        .iter()
        .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
        .collect();
    assert_eq!(
        titles,
        [
            "Blinken and Lavrov meet in Geneva",
            "Blinken visits Kyiv",
            "Russia publishes draft treaties"
        ]
    );

    // Each actor's page shows its own milestones only, newest first.
    let lavrov = main_of(&site.page("actors/sergey-lavrov/index.html")).to_string();
    assert!(lavrov.contains("<h2 id=\"chronology-title\">Chronology</h2>"));
    let meet = lavrov.find("Blinken and Lavrov meet in Geneva").unwrap();
    let draft = lavrov.find("Russia publishes draft treaties").unwrap();
    assert!(meet < draft);
    assert!(!lavrov.contains("Blinken visits Kyiv"));
    let geneva = site.page("places/geneva/index.html");
    assert!(
        geneva.contains("Blinken visits Kyiv")
            && geneva.contains("Russia publishes draft treaties")
    );
}

#[test]
fn a_template_can_list_a_chronology_oldest_first() {
    let site = TestSite::new()
        .file("content/a.md", with_milestone("New", "2022-01-21", "Antony Blinken", "Later event"))
        .file("content/b.md", with_milestone("Old", "2021-01-21", "Antony Blinken", "Earlier event"))
        .file(
            "templates/actor.html",
            "{% extends \"base.html\" %}{% block main %}{% set chronology_order = \"oldest\" %}{% include \"partials/chronology.html\" %}{% endblock main %}",
        );
    site.build(&[]);
    let page = site.page("actors/antony-blinken/index.html");
    assert!(
        page.find("Earlier event").unwrap() < page.find("Later event").unwrap(),
        "{page}"
    );
}

#[test]
fn the_header_marks_the_section_of_every_page_in_it() {
    let site = TestSite::new().file(
        "content/a.md",
        article(
            "Talks",
            "2022-01-18",
            "actors: [Antony Blinken]\nplaces: [Geneva]\ntags: [diplomacy]\n",
        ),
    );
    site.build(&[]);
    for (page, link) in [
        (
            "actors/antony-blinken/index.html",
            "<a href=\"/actors/\" aria-current=\"true\">Actors</a>",
        ),
        (
            "places/geneva/index.html",
            "<a href=\"/places/\" aria-current=\"true\">Places</a>",
        ),
        (
            "tags/diplomacy/index.html",
            "<a href=\"/tags/\" aria-current=\"true\">Topics</a>",
        ),
        (
            "2022/01/18/index.html",
            "<a href=\"/archive/\" aria-current=\"true\">Archive</a>",
        ),
        (
            "2022/W03/index.html",
            "<a href=\"/archive/\" aria-current=\"true\">Archive</a>",
        ),
        (
            "2022/01/index.html",
            "<a href=\"/archive/\" aria-current=\"true\">Archive</a>",
        ),
        (
            "2022/index.html",
            "<a href=\"/archive/\" aria-current=\"true\">Archive</a>",
        ),
        (
            "archive/index.html",
            "<a href=\"/archive/\" aria-current=\"page\">Archive</a>",
        ),
    ] {
        let html = site.page(page);
        assert!(html.contains(link), "{page}: {link}");
        assert_eq!(html.matches("aria-current").count(), 1, "{page}");
    }
}

#[test]
fn the_archive_charts_volume_per_month_and_the_theme_has_an_icon() {
    let site = TestSite::new()
        .file("content/a.md", article("One", "2022-01-18", ""))
        .file("content/b.md", article("Two", "2022-01-19", ""))
        .file("content/c.md", article("Three", "2021-11-02", ""));
    site.build(&[]);
    let archive = site.page("archive/index.html");
    assert!(archive.contains(
        "<svg class=\"timeline\" viewBox=\"0 0 600 100\" preserveAspectRatio=\"none\" role=\"img\""
    ));
    assert!(archive.contains(
        "3 briefings from November 2021 to January 2022, counted per month; the most, 2, in January 2022."
    ));
    assert_eq!(
        archive.matches("<rect ").count(),
        2,
        "December is an empty slot"
    );
    assert!(archive.contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">"));
    assert!(site.page("favicon.svg").starts_with("<svg"));
    // A favicon in static/ replaces the theme's.
    let site = site.file("static/favicon.svg", "<svg>mine</svg>");
    site.build(&[]);
    assert_eq!(site.page("favicon.svg"), "<svg>mine</svg>");
    // The print stylesheet hides navigation and prints link targets.
    let css = site.page("style.css");
    assert!(css.contains("@media print") && css.contains("content: \" <\" attr(href) \">\""));
}

#[test]
fn an_article_page_shows_its_milestone_linking_to_its_year_on_the_chronology() {
    let site = TestSite::new()
        .file("site.yaml", "base_url: https://desk.example.org/desk/\n")
        .file(
            "content/a.md",
            with_milestone(
                "Ministers meet",
                "2022-01-21",
                "Antony Blinken",
                "Blinken & Lavrov meet in Geneva",
            ),
        )
        .file("content/b.md", article("No event", "2022-01-20", ""));
    site.build(&[]);
    let page = site.page("2022/01/21/ministers-meet/index.html");
    assert!(
        main_of(&page).contains(
            "<p class=\"milestone\">Milestone: <a href=\"/desk/chronology/#y2022\">Blinken &amp; Lavrov meet in Geneva</a></p>"
        ),
        "{page}"
    );
    let chronology = site.page("chronology/index.html");
    assert!(chronology.contains("<h2 id=\"y2022\">2022</h2>"));
    let plain = site.page("2022/01/20/no-event/index.html");
    assert!(!plain.contains("Milestone:"), "{plain}");
}
