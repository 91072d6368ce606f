//! Writing briefings: links between articles by source file (checked, with
//! "Referred to by"), redirects from old addresses, corrections, authors,
//! the URL-change warning of `check`, and images beside articles.

use crate::support::*;

fn failing(site: &TestSite) -> String {
    let run = site.run(&["build"]);
    assert!(!run.success, "build should fail");
    assert!(!site.public().exists(), "a failed build must not write");
    run.stderr
}

/// An earlier briefing with a heading, in `content/2022/01/`.
fn announced() -> String {
    "---\ntitle: Talks announced\ndate: 2022-01-18\n---\nIntro.\n\n## Talks in Geneva\n\nMore.\n"
        .into()
}

#[test]
fn links_by_file_resolve_from_nested_folders_with_fragments() {
    let site = TestSite::new()
        .file("content/2022/01/announced.md", announced())
        .file(
            "content/2022/02/later/followup.md",
            "---\ntitle: Talks held\ndate: 2022-02-01\n---\n\
             As [announced](../../01/announced.md), and [the venue](@/2022/01/announced.md#talks-in-geneva).\n\
             Not a file link: [web](https://example.org/x.md).\n",
        )
        .file(
            "content/2022/01/same-folder.md",
            "---\ntitle: Same folder\ndate: 2022-01-20\n---\nSee [it](./announced.md).\n",
        );
    site.build(&["--base-url", "https://org.github.io/briefings/"]);
    let later = site.page("2022/02/01/talks-held/index.html");
    assert!(
        later.contains("As <a href=\"/briefings/2022/01/18/talks-announced/\">announced</a>, and <a href=\"/briefings/2022/01/18/talks-announced/#talks-in-geneva\">the venue</a>."),
        "{}",
        main_of(&later)
    );
    assert!(later.contains("<a href=\"https://example.org/x.md\">web</a>"));
    let same = site.page("2022/01/20/same-folder/index.html");
    assert!(same.contains("<a href=\"/briefings/2022/01/18/talks-announced/\">it</a>"));

    let earlier = site.page("2022/01/18/talks-announced/index.html");
    let main = main_of(&earlier);
    let referred = &main[main.find("Referred to by").expect("a Referred to by list")..];
    let held = referred.find("/briefings/2022/02/01/talks-held/").unwrap();
    let same = referred.find("/briefings/2022/01/20/same-folder/").unwrap();
    assert!(held < same, "newest first: {referred}");
    assert_eq!(
        referred.matches("talks-held/").count(),
        1,
        "each referrer once"
    );
    assert!(!main_of(&later).contains("Referred to by"));
}

#[test]
fn broken_links_by_file_are_errors_at_their_position() {
    let site = TestSite::new()
        .file("content/2022/announced.md", announced())
        .file(
            "content/2022/later.md",
            "---\ntitle: Later\ndate: 2022-02-01\n---\nFirst line.\n\n\
             Both [gone](missing.md) and [wrong](announced.md#nope).\n\
             ---\n[up](../../outside.md)\n",
        );
    let stderr = failing(&site);
    assert!(stderr.contains(
        "content/2022/later.md:7:6: error: link to `missing.md`: there is no article content/2022/missing.md (expected the source file of a published article, relative to this file or from the content root (`@/2022/2022-01-18-talks.md`))\n  |\n7 | Both [gone](missing.md) and [wrong](announced.md#nope).\n  |      ^\n"
    ), "{stderr}");
    assert!(stderr.contains(
        "content/2022/later.md:7:29: error: link to `announced.md#nope`: 2022/announced.md has no heading `#nope` (expected one of its heading ids: talks-in-geneva)"
    ), "{stderr}");
    assert!(stderr.contains("content/2022/later.md:9:1: error: link to `../../outside.md`: there is no article content/a file outside content/"), "{stderr}");
    assert!(
        stderr.ends_with("error: build failed: 3 errors in the site; nothing was written\n"),
        "{stderr}"
    );
}

#[test]
fn aliases_write_redirect_pages_outside_sitemap_and_feeds() {
    let site = TestSite::new().file(
        "content/geneva.md",
        article(
            "Talks in Geneva",
            "2022-01-21",
            "aliases: [/2022/01/21/talks-at-geneva/, /old/geneva]\n",
        ),
    );
    site.build(&["--base-url", "https://org.github.io/briefings/"]);
    for old in [
        "2022/01/21/talks-at-geneva/index.html",
        "old/geneva/index.html",
    ] {
        let page = site.page(old);
        assert!(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=/briefings/2022/01/21/talks-in-geneva/\">"), "{page}");
        assert!(page.contains("<link rel=\"canonical\" href=\"https://org.github.io/briefings/2022/01/21/talks-in-geneva/\">"), "{page}");
    }
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("/2022/01/21/talks-in-geneva/</loc>"));
    assert!(
        !sitemap.contains("talks-at-geneva") && !sitemap.contains("old/geneva"),
        "{sitemap}"
    );
    assert!(!site.page("atom.xml").contains("talks-at-geneva"));
}

#[test]
fn an_alias_on_a_real_page_is_an_error_naming_both_files() {
    let site = TestSite::new()
        .file("content/a.md", article("First talks", "2022-01-21", ""))
        .file(
            "content/b.md",
            article(
                "Second talks",
                "2022-01-22",
                "aliases:\n  - /2022/01/21/first-talks/\n  - /2022/01/21/\n",
            ),
        );
    let stderr = failing(&site);
    assert!(stderr.contains(
        "content/b.md:4:1: error: alias `/2022/01/21/first-talks/` is the address of content/a.md (expected an old address that no page uses now)\n  |\n4 | aliases:\n  | ^\n  = note: content/a.md is the other article\n"
    ), "{stderr}");
    assert!(
        stderr.contains(
            "content/b.md:4:1: error: alias `/2022/01/21/` is a page the site makes itself"
        ),
        "{stderr}"
    );
}

#[test]
fn corrections_show_newest_first_set_updated_and_reach_feeds() {
    let site = TestSite::new().file(
        "content/geneva.md",
        article(
            "Talks in Geneva",
            "2022-01-21",
            "corrections:\n  - {date: 2022-01-22, text: The talks lasted 90 minutes.}\n  - date: 2022-01-24\n    text: Lavrov's title was <wrong>.\n",
        ),
    );
    site.build(&["--base-url", "https://org.github.io/briefings/"]);
    let page = site.page("2022/01/21/talks-in-geneva/index.html");
    let main = main_of(&page);
    let box_ = &main[main
        .find("<aside class=\"corrections article-section\"")
        .expect("a corrections box")..];
    let newest = box_
        .find("24 January 2022</time>: Lavrov&#39;s title was &lt;wrong&gt;.")
        .expect(box_);
    let older = box_
        .find("22 January 2022</time>: The talks lasted 90 minutes.")
        .expect(box_);
    assert!(newest < older, "newest first");
    assert!(
        main.contains("Updated <time datetime=\"2022-01-24\">24 January 2022</time>"),
        "{main}"
    );
    let ld = json_ld(&page);
    assert_eq!(ld["dateModified"], "2022-01-24T00:00:00+00:00");
    assert_eq!(ld["correction"][0]["@type"], "CorrectionComment");
    assert_eq!(
        ld["correction"][0]["datePublished"],
        "2022-01-24T00:00:00+00:00"
    );
    assert_eq!(ld["correction"][0]["text"], "Lavrov's title was <wrong>.");
    assert_eq!(ld["correction"][1]["text"], "The talks lasted 90 minutes.");
    let feed = site.page("atom.xml");
    assert!(feed.contains("<updated>2022-01-24"), "{feed}");
    assert!(
        feed.contains("<li>24 January 2022: Lavrov&#39;s title was &lt;wrong&gt;.</li>"),
        "{feed}"
    );
    assert!(
        feed.contains("<li>22 January 2022: The talks lasted 90 minutes.</li>"),
        "{feed}"
    );
}

#[test]
fn a_correction_without_a_date_is_an_error_at_its_key() {
    let site = TestSite::new().file(
        "content/a.md",
        article("A", "2022-01-21", "corrections:\n  - text: no date\n"),
    );
    let stderr = failing(&site);
    assert!(
        stderr.contains("content/a.md:4:1: error: correction 1 has no `date`"),
        "{stderr}"
    );
}

#[test]
fn authors_get_pages_profiles_bylines_and_feed_authors() {
    let site = TestSite::new()
        .file("site.yaml", "title: Desk\nauthor: Desk editors\n")
        .file(
            "content/a.md",
            article("Talks", "2022-01-21", "authors: [Anna Berg, Tomás Ruiz]\n"),
        )
        .file("content/b.md", article("Later talks", "2022-01-22", "authors: [Anna Berg]\n"))
        .file("content/c.md", article("Unsigned", "2022-01-23", ""))
        .file(
            "content/authors/anna-berg.md",
            "---\nname: Anna Berg-Lund\nlinks: [https://example.org/anna]\n---\nCovers *European* security.\n",
        );
    site.build(&[]);
    let anna = site.page("authors/anna-berg/index.html");
    let main = main_of(&anna);
    assert!(
        main.contains("<h1 class=\"page-title\">Anna Berg-Lund</h1>"),
        "{main}"
    );
    assert!(main.contains("<em>European</em>"));
    assert!(main.contains("<a href=\"https://example.org/anna\">"));
    assert_eq!(entry_titles(&anna), ["Later talks", "Talks"]);
    assert_eq!(
        entry_titles(&site.page("authors/desk-editors/index.html")),
        ["Unsigned"]
    );
    let index = main_of(&site.page("authors/index.html")).to_string();
    assert!(
        index.contains("<a href=\"/authors/tomas-ruiz/\">Tomás Ruiz</a>"),
        "{index}"
    );
    let talks = site.page("2022/01/21/talks/index.html");
    assert!(talks.contains("By <a href=\"/authors/anna-berg/\" rel=\"author\">Anna Berg-Lund</a>, <a href=\"/authors/tomas-ruiz/\" rel=\"author\">Tomás Ruiz</a>"), "{talks}");
    let feed = site.page("atom.xml");
    assert!(
        feed.contains(
            "<author><name>Anna Berg-Lund</name></author>\n<author><name>Tomás Ruiz</name></author>"
        ),
        "{feed}"
    );
    assert!(site.has("authors/anna-berg/atom.xml"));
    let ld = json_ld(&talks);
    assert_eq!(ld["author"][0]["@type"], "Person");
    assert_eq!(ld["author"][0]["name"], "Anna Berg-Lund");
    assert_eq!(ld["author"][0]["url"], "/authors/anna-berg/");
    assert_eq!(ld["author"][1]["name"], "Tomás Ruiz");
    let unsigned = json_ld(&site.page("2022/01/23/unsigned/index.html"));
    assert_eq!(unsigned["author"]["@type"], "Organization");
    assert_eq!(unsigned["author"]["name"], "Desk editors");
    // Three authors: the header links to their index from every page.
    let header = &talks[..talks.find("<main").expect("main")];
    assert!(
        header.contains("<li><a href=\"/authors/\">Authors</a></li>"),
        "{header}"
    );
    let index = site.page("authors/index.html");
    assert!(
        index.contains("<a href=\"/authors/\" aria-current=\"page\">Authors</a>"),
        "{index}"
    );
}

#[test]
fn one_author_gets_no_authors_link_in_the_header() {
    let site = TestSite::new()
        .file("site.yaml", "title: Desk\nauthor: Desk editors\n")
        .file("content/a.md", article("Talks", "2022-01-21", ""));
    site.build(&[]);
    assert!(site.has("authors/desk-editors/index.html"));
    let home = site.page("index.html");
    assert!(!home.contains(">Authors</a>"), "{home}");
}

#[test]
fn check_warns_when_an_article_url_changed_since_the_last_build() {
    let site = TestSite::new().file(
        "content/2022/geneva.md",
        article("Talks in Geneva", "2022-01-21", ""),
    );
    site.build(&[]);
    assert!(
        std::fs::read_to_string(site.root().join(".public.urls"))
            .unwrap()
            .contains("2022/geneva.md\t2022/01/21/talks-in-geneva/\n")
    );
    let quiet = site.run(&["check"]);
    assert!(
        quiet.success && !quiet.stderr.contains("URL changed"),
        "{}",
        quiet.stderr
    );

    let site = site.file(
        "content/2022/geneva.md",
        article("Talks at Geneva", "2022-01-21", ""),
    );
    let run = site.run(&["check"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stderr.contains(
        "content/2022/geneva.md:2:8: warning: this article's URL changed since the last build, from /2022/01/21/talks-in-geneva/ to /2022/01/21/talks-at-geneva/ (expected an alias so links to the old URL keep working: `aliases: [/2022/01/21/talks-in-geneva/]`)\n  |\n2 | title: Talks at Geneva\n"
    ), "{}", run.stderr);

    let site = site.file(
        "content/2022/geneva.md",
        article(
            "Talks at Geneva",
            "2022-01-21",
            "aliases: [/2022/01/21/talks-in-geneva/]\n",
        ),
    );
    let run = site.run(&["check"]);
    assert!(
        run.success && !run.stderr.contains("URL changed"),
        "{}",
        run.stderr
    );
    site.build(&[]);
    assert!(
        site.page("2022/01/21/talks-in-geneva/index.html")
            .contains("url=/2022/01/21/talks-at-geneva/")
    );
}

/// A PNG of `width` x `height` pixels (only its header is read for sizes).
#[test]
fn bundle_images_are_copied_beside_the_page_with_their_size() {
    let site = TestSite::new().file(
        "content/2022/geneva/index.md",
        "---\ntitle: Talks in Geneva\ndate: 2022-01-21\n---\n![Map of Geneva](map.png)\n\n![Venue](img/venue.png \"The venue\")\n",
    )
    .file("content/2022/geneva/map.png", png(640, 480))
    .file("content/2022/geneva/img/venue.png", png(300, 200));
    site.build(&["--base-url", "https://org.github.io/briefings/"]);
    assert_eq!(
        std::fs::read(site.public().join("2022/01/21/talks-in-geneva/map.png")).unwrap(),
        png(640, 480)
    );
    assert!(site.has("2022/01/21/talks-in-geneva/img/venue.png"));
    let page = site.page("2022/01/21/talks-in-geneva/index.html");
    assert!(page.contains("<img src=\"/briefings/2022/01/21/talks-in-geneva/map.png\" alt=\"Map of Geneva\" width=\"640\" height=\"480\" />"), "{page}");
    assert!(page.contains("<img src=\"/briefings/2022/01/21/talks-in-geneva/img/venue.png\" alt=\"Venue\" title=\"The venue\" width=\"300\" height=\"200\" loading=\"lazy\" />"), "{page}");
    let check = site.run(&["check", "--base-url", "https://org.github.io/briefings/"]);
    assert!(check.success, "{}{}", check.stdout, check.stderr);
}

#[test]
fn a_missing_image_is_an_error_and_missing_alt_a_warning_at_their_positions() {
    let site = TestSite::new().file(
        "content/2022/geneva/index.md",
        "---\ntitle: Talks\ndate: 2022-01-21\n---\nText.\n\nSee ![](gone.png) here.\n",
    );
    let stderr = failing(&site);
    assert!(stderr.contains(
        "content/2022/geneva/index.md:7:5: error: image `gone.png` does not exist (expected an image file beside the article, relative to content/2022/geneva)\n  |\n7 | See ![](gone.png) here.\n  |     ^\n"
    ), "{stderr}");
    assert!(stderr.contains(
        "content/2022/geneva/index.md:7:5: warning: image `gone.png` has no alt text (expected a short description between the brackets: `![Map of Geneva](map.png)`)"
    ), "{stderr}");
}

#[test]
fn a_link_by_file_near_an_article_suggests_it_as_written() {
    let site = TestSite::new()
        .file(
            "content/2022/2022-01-20-centre/index.md",
            "---\ntitle: Centre\ndate: 2022-01-20\n---\nText.\n",
        )
        .file("content/2022/01/announced.md", announced())
        .file(
            "content/2022/later.md",
            "---\ntitle: Later\ndate: 2022-02-01\n---\n\
             See [it](2022-01-20-center.md), [again](@/2022/2022-01-20-center.md#x) \
             and [that](01/anounced.md).\n",
        );
    let stderr = failing(&site);
    assert_eq!(
        stderr,
        "content/2022/later.md:5:5: error: link to `2022-01-20-center.md`: there is no article content/2022/2022-01-20-center.md; did you mean `2022-01-20-centre/index.md`?\n  |\n5 | See [it](2022-01-20-center.md), [again](@/2022/2022-01-20-center.md#x) and [that](01/anounced.md).\n  |     ^\n\n\
         content/2022/later.md:5:33: error: link to `@/2022/2022-01-20-center.md#x`: there is no article content/2022/2022-01-20-center.md; did you mean `@/2022/2022-01-20-centre/index.md#x`?\n  |\n5 | See [it](2022-01-20-center.md), [again](@/2022/2022-01-20-center.md#x) and [that](01/anounced.md).\n  |                                 ^\n\n\
         content/2022/later.md:5:76: error: link to `01/anounced.md`: there is no article content/2022/01/anounced.md; did you mean `01/announced.md`?\n  |\n5 | See [it](2022-01-20-center.md), [again](@/2022/2022-01-20-center.md#x) and [that](01/anounced.md).\n  |                                                                            ^\n\n\
         error: build failed: 3 errors in the site; nothing was written\n"
    );
}

#[test]
fn a_broken_link_and_a_missing_image_of_one_body_are_reported_together() {
    let site = TestSite::new()
        .file("content/2022/01/announced.md", announced())
        .file(
            "content/2022/geneva/index.md",
            "---\ntitle: Talks\ndate: 2022-01-21\n---\n\
             As [announced](../01/gone.md).\n\nSee ![Map](gone.png) here.\n",
        )
        .file(
            "content/2022/later.md",
            "---\ntitle: Later\ndate: 2022-02-01\n---\nAfter [the talks](geneva/index.md).\n",
        );
    let stderr = failing(&site);
    assert_eq!(
        stderr,
        "content/2022/geneva/index.md:5:4: error: link to `../01/gone.md`: there is no article content/2022/01/gone.md (expected the source file of a published article, relative to this file or from the content root (`@/2022/2022-01-18-talks.md`))\n  |\n5 | As [announced](../01/gone.md).\n  |    ^\n\n\
         content/2022/geneva/index.md:7:5: error: image `gone.png` does not exist (expected an image file beside the article, relative to content/2022/geneva)\n  |\n7 | See ![Map](gone.png) here.\n  |     ^\n\n\
         error: build failed: 2 errors in the site; nothing was written\n"
    );
}
