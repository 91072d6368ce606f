//! The pages a site gets, and what is on them.

use crate::support::*;

#[test]
fn sample_site_builds_every_kind_of_page() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let run = build_into(&sample_root(), &output, &[]);
    let summary = run.stdout.trim();
    assert!(
        summary.starts_with("built 12 articles, 12 actors, 14 date pages in ")
            && summary.contains(&format!(" ms -> {}/ (", output.display()))
            && summary.ends_with(" files)"),
        "{summary}"
    );
    for page in [
        "index.html",
        "404.html",
        "style.css",
        "archive/index.html",
        "actors/index.html",
        "actors/antony-blinken/index.html",
        "actors/volodymyr-zelenskyy/index.html",
        "places/geneva/index.html",
        "tags/diplomacy/index.html",
        "2022/index.html",
        "2022/01/index.html",
        "2022/01/19/index.html",
        "2021/12/30/index.html",
        "2022/01/21/blinken-and-lavrov-meet-in-geneva-without-a-breakthrough/index.html",
    ] {
        assert!(output.join(page).is_file(), "missing {page}");
    }
}

#[test]
fn article_page_links_its_actors_places_tags_and_day() {
    let site = TestSite::new().file(
        "content/geneva.md",
        article(
            "Blinken and Lavrov meet",
            "2022-01-21",
            "actors: [Antony Blinken, Sergey Lavrov]\nplaces: [Geneva]\ntags: [diplomacy]\nsource: Wire report\n",
        ),
    );
    site.build(&[]);
    let html = site.page("2022/01/21/blinken-and-lavrov-meet/index.html");
    for link in [
        r#"<a href="/actors/antony-blinken/">Antony Blinken</a>"#,
        r#"<a href="/actors/sergey-lavrov/">Sergey Lavrov</a>"#,
        r#"<a href="/places/geneva/">Geneva</a>"#,
        r#"<a href="/tags/diplomacy/">diplomacy</a>"#,
        r#"<a href="/2022/01/21/"><time datetime="2022-01-21">21 January 2022</time></a>"#,
    ] {
        assert!(html.contains(link), "no {link} in\n{html}");
    }
    assert!(html.contains("<h1>Blinken and Lavrov meet</h1>"));
    assert!(html.contains("Wire report"));
}

#[test]
fn lists_are_newest_first_and_paginated_by_page_size() {
    let mut site = TestSite::new().file("site.yaml", "page_size: 2\n");
    for (title, date) in [
        ("One", "2022-01-10"),
        ("Two", "2022-01-12"),
        ("Three", "2022-01-13T08:00:00Z"),
        ("Four", "2022-01-13T18:00:00Z"),
        ("Five", "2022-01-21"),
    ] {
        site = site.file(
            &format!("content/{title}.md"),
            article(title, date, "actors: [Antony Blinken]\n"),
        );
    }
    site.build(&[]);
    assert_eq!(entry_titles(&site.page("index.html")), ["Five", "Four"]);
    assert_eq!(
        entry_titles(&site.page("page/2/index.html")),
        ["Three", "Two"]
    );
    assert_eq!(entry_titles(&site.page("page/3/index.html")), ["One"]);
    assert!(!site.has("page/4/index.html"));
    let actor = site.page("actors/antony-blinken/page/2/index.html");
    assert_eq!(entry_titles(&actor), ["Three", "Two"]);
    assert!(
        actor.contains(r#"<a rel="prev" href="/actors/antony-blinken/">Newer</a>"#),
        "{actor}"
    );
    assert!(actor.contains(r#"<a rel="next" href="/actors/antony-blinken/page/3/">Older</a>"#));
}

#[test]
fn page_size_zero_puts_everything_on_one_page() {
    let mut site = TestSite::new().file("site.yaml", "page_size: 0\n");
    for n in 0..25 {
        site = site.file(
            &format!("content/{n}.md"),
            article(&format!("Report {n}"), "2022-01-10", ""),
        );
    }
    site.build(&[]);
    assert_eq!(entry_titles(&site.page("index.html")).len(), 25);
    assert!(!site.has("page/2/index.html"));
}

#[test]
fn date_pages_link_their_neighbours_and_contents() {
    let site = TestSite::new()
        .file("content/a.md", article("Dec call", "2021-12-30", ""))
        .file("content/b.md", article("Geneva talks", "2022-01-10", ""))
        .file(
            "content/c.md",
            article("Brussels council", "2022-01-12", ""),
        );
    site.build(&[]);
    let day = site.page("2022/01/10/index.html");
    assert_eq!(entry_titles(&day), ["Geneva talks"]);
    assert!(
        day.contains(r#"<a rel="prev" href="/2021/12/30/">Earlier: 30 December 2021</a>"#),
        "{day}"
    );
    assert!(day.contains(r#"<a rel="next" href="/2022/01/12/">Later: 12 January 2022</a>"#));
    assert!(day.contains(r#"<a href="/2022/01/">January 2022</a>"#));
    let month = site.page("2022/01/index.html");
    assert!(month.contains(
        r#"<a href="/2022/01/12/"><time datetime="2022-01-12">12 January 2022</time></a>"#
    ));
    assert!(month.contains(
        r#"<a href="/2022/01/10/"><time datetime="2022-01-10">10 January 2022</time></a>"#
    ));
    assert!(month.contains(r#"<a rel="prev" href="/2021/12/">Earlier: December 2021</a>"#));
    let year = site.page("2022/index.html");
    assert!(
        year.contains(
            r#"<a href="/2022/01/">January 2022</a> <span class="count">2 briefings</span>"#
        ),
        "{year}"
    );
    let archive = site.page("archive/index.html");
    let at_2022 = archive.find(r#"<a href="/2022/">2022</a>"#).unwrap();
    let at_2021 = archive.find(r#"<a href="/2021/">2021</a>"#).unwrap();
    assert!(at_2022 < at_2021, "newest year first");
}

#[test]
fn summary_falls_back_to_the_first_paragraph_as_plain_text() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\ntitle: Talks\ndate: 2022-01-10\n---\n## Heading\n\nFirst *paragraph* with [a link](https://example.org).\n\nSecond.\n",
    );
    site.build(&[]);
    assert!(
        site.page("atom.xml")
            .contains("<summary>First paragraph with a link.</summary>")
    );
    let site = site.file(
        "site.yaml",
        "list_summaries: true
",
    );
    site.build(&[]);
    assert!(
        site.page("index.html")
            .contains("<p>First paragraph with a link.</p></li>")
    );
}

#[test]
fn markdown_extensions_and_heading_anchors_render() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\ntitle: Talks\ndate: 2022-01-10\n---\n## The schedule\n\n| Day | Place |\n|---|---|\n| 10 | Geneva |\n\nIt was ~~Monday~~ Tuesday -- \"late\".[^n]\n\n[^n]: A note.\n",
    );
    site.build(&[]);
    let html = site.page("2022/01/10/talks/index.html");
    assert!(
        html.contains(r#"<h2 id="the-schedule">The schedule</h2>"#),
        "{html}"
    );
    assert!(html.contains("<table>"));
    assert!(html.contains("<del>Monday</del>"));
    assert!(
        html.contains("\u{2013} \u{201c}late\u{201d}"),
        "smart punctuation"
    );
    assert!(html.contains("footnote-definition"));
}

#[test]
fn front_matter_is_escaped_but_the_body_may_carry_html() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\ntitle: \"<script>alert(1)</script> & co\"\ndate: 2022-01-10\nactors: [\"<b>Bold</b>\"]\n---\n<aside class=\"note\">Raw HTML</aside>\n",
    );
    site.build(&[]);
    let html = site.page("2022/01/10/script-alert-1-script-co/index.html");
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; co")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
        "{html}"
    );
    assert!(!html.contains("<b>Bold</b>"));
    assert!(html.contains(r#"<aside class="note">Raw HTML</aside>"#));
}

#[test]
fn byte_order_mark_crlf_tabs_and_empty_bodies_are_accepted() {
    let site = TestSite::new()
        .file("content/bom.md", "\u{feff}---\r\ntitle: With BOM\r\ndate: 2022-01-10\r\n---\r\nLine one\r\n\r\n\tindented code\r\n")
        .file("content/empty.md", "---\ntitle: Empty\ndate: 2022-01-11\n---\n");
    site.build(&[]);
    let html = site.page("2022/01/10/with-bom/index.html");
    assert!(html.contains("<p>Line one</p>"), "{html}");
    assert!(
        html.contains("<pre><code>indented code\n</code></pre>"),
        "{html}"
    );
    assert!(!html.contains('\r'));
    assert!(site.has("2022/01/11/empty/index.html"));
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = TestSite::new()
        .file("content/a.md", article("Published", "2022-01-10", ""))
        .file(
            "content/b.md",
            article("Secret", "2022-01-11", "draft: true\n"),
        );
    site.build(&[]);
    assert!(!site.has("2022/01/11/secret/index.html"));
    assert!(!site.page("index.html").contains("Secret"));
    site.build(&["--drafts"]);
    assert!(site.has("2022/01/11/secret/index.html"));
}

#[test]
fn slug_override_and_date_times_shape_the_url() {
    let site = TestSite::new().file(
        "content/a.md",
        article(
            "A long headline",
            "2022-01-21T23:30:00-05:00",
            "slug: geneva\n",
        ),
    );
    site.build(&[]);
    // The day is the one written, in the article's own offset.
    let html = site.page("2022/01/21/geneva/index.html");
    assert!(html.contains(
        r#"<time datetime="2022-01-21T23:30:00-05:00">21 January 2022, 23:30 UTC-05:00</time>"#
    ));
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let site = TestSite::new()
        .file("content/a.md", "---\ntitle: Talks\ndate: 2022-01-10\n---\none two three four five\n")
        .file(
            "templates/article.html",
            "{% extends \"base.html\" %}{% block main %}<p id=\"custom\">{{ article.title }}: {{ article.word_count }} words, {{ article.reading_time }} min</p>{% endblock main %}",
        )
        .file("templates/style.css", "body { color: red; }\n");
    site.build(&[]);
    let html = site.page("2022/01/10/talks/index.html");
    assert!(
        html.contains(r#"<p id="custom">Talks: 5 words, 1 min</p>"#),
        "{html}"
    );
    assert!(
        html.contains("<nav aria-label=\"Sections\">"),
        "base.html still comes from the theme"
    );
    assert_eq!(site.page("style.css"), "body { color: red; }\n");
}

#[test]
fn static_files_are_copied() {
    let site = TestSite::new()
        .file("content/a.md", article("Talks", "2022-01-10", ""))
        .file("static/images/map.svg", "<svg/>")
        .file("static/CNAME", "briefs.example.org\n");
    site.build(&[]);
    assert_eq!(site.page("images/map.svg"), "<svg/>");
    assert_eq!(site.page("CNAME"), "briefs.example.org\n");
}

#[test]
fn pages_are_accessible_html5() {
    let site = TestSite::new()
        .file("site.yaml", "language: de\ntitle: Lagebericht\n")
        .file("content/a.md", article("Talks", "2022-01-10", ""));
    site.build(&[]);
    for page in [
        "index.html",
        "2022/01/10/talks/index.html",
        "actors/index.html",
        "404.html",
    ] {
        let html = site.page(page);
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"de\">"),
            "{page}"
        );
        assert!(
            html.contains(
                r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
            )
        );
        assert!(html.contains(r##"<a class="skip-link" href="#main">Zum Inhalt springen</a>"##));
        assert!(
            html.contains(r#"<main id="main""#)
                && html.contains("<header")
                && html.contains("<footer")
        );
        // JSON-LD names schema.org as its vocabulary; nothing is fetched.
        let without_jsonld = match (
            html.find("<script type=\"application/ld+json\">"),
            html.find("</script>"),
        ) {
            (Some(start), Some(end)) => format!("{}{}", &html[..start], &html[end..]),
            _ => html.clone(),
        };
        assert!(
            !without_jsonld.contains("http://") && !without_jsonld.contains("https://"),
            "no external resources in {page}"
        );
    }
}
