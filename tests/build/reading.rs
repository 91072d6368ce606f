//! What a reader sees of an article: the date line (time, places, source,
//! reading time), the standfirst, the labelled actor line; and the
//! compact list entry.

use crate::support::*;

fn words(n: usize) -> String {
    vec!["word"; n].join(" ")
}

#[test]
fn the_date_line_shows_time_places_and_a_linked_source() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\ntitle: Geneva talks\ndate: 2022-01-21T14:30:00+01:00\nactors: [Antony Blinken, Sergey Lavrov]\nplaces: [Geneva, Kyiv]\nsummary: Ninety minutes, no breakthrough.\nsource: https://example.org/report\n---\nA short body.\n",
    );
    site.build(&[]);
    let page = site.page("2022/01/21/geneva-talks/index.html");
    assert!(page.contains(
        "<p class=\"meta\"><a href=\"/2022/01/21/\"><time datetime=\"2022-01-21T14:30:00+01:00\">21 January 2022, 14:30 UTC+01:00</time></a> <span class=\"sep\" aria-hidden=\"true\">·</span> <a href=\"/places/geneva/\">Geneva</a>, <a href=\"/places/kyiv/\">Kyiv</a> <span class=\"sep\" aria-hidden=\"true\">·</span> <a href=\"https://example.org/report\">example.org</a></p>"
    ), "{page}");
    assert!(
        !page.contains("min read"),
        "no reading time under 200 words"
    );
    assert!(page.contains(
        "<h1>Geneva talks</h1>\n<p class=\"standfirst\">Ninety minutes, no breakthrough.</p>"
    ));
    assert!(page.contains(
        "<p class=\"byline\">Actors in this briefing: <a href=\"/actors/antony-blinken/\">Antony Blinken</a>; <a href=\"/actors/sergey-lavrov/\">Sergey Lavrov</a></p>"
    ));
    // A list entry is compact: title, date (with its time) and actors.
    let home = site.page("index.html");
    assert!(home.contains(
        "<li><h2><a href=\"/2022/01/21/geneva-talks/\">Geneva talks</a></h2><p>21 January 2022 · Antony Blinken, Sergey Lavrov</p></li>"
    ), "{home}");
}

#[test]
fn a_plain_source_stays_text_and_long_articles_give_a_reading_time() {
    let site = TestSite::new().file(
        "content/a.md",
        format!(
            "---\ntitle: Long read\ndate: 2022-01-21\nsource: Wire report\n---\n{}\n",
            words(450)
        ),
    );
    site.build(&[]);
    let page = site.page("2022/01/21/long-read/index.html");
    assert!(page.contains(
        "<time datetime=\"2022-01-21\">21 January 2022</time></a> <span class=\"sep\" aria-hidden=\"true\">·</span> Wire report <span class=\"sep\" aria-hidden=\"true\">·</span> <span class=\"nowrap\">3 min read</span></p>"
    ), "{page}");
    assert!(
        !page.contains("class=\"standfirst\""),
        "no summary, no standfirst"
    );
}

#[test]
fn a_source_may_carry_a_label_and_a_bare_address_shows_its_host() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            "---\ntitle: Labelled\ndate: 2022-01-21\nsource: {name: Reuters, url: \"https://www.reuters.com/world/talks?id=1&x=2\"}\n---\nBody.\n",
        )
        .file(
            "content/b.md",
            "---\ntitle: Bare\ndate: 2022-01-20\nsource: https://www.reuters.com/world/europe/talks-2022-01-20/\n---\nBody.\n",
        )
        .file(
            "content/c.md",
            "---\ntitle: Block\ndate: 2022-01-19\nsource:\n  url: http://apnews.com/article/1\n---\nBody.\n",
        );
    site.build(&[]);
    let sep = "<span class=\"sep\" aria-hidden=\"true\">·</span>";
    let labelled = site.page("2022/01/21/labelled/index.html");
    assert!(
        labelled.contains(&format!(
            "{sep} <a href=\"https://www.reuters.com/world/talks?id=1&amp;x=2\">Reuters</a></p>"
        )),
        "{labelled}"
    );
    let bare = site.page("2022/01/20/bare/index.html");
    assert!(
        bare.contains(&format!(
            "{sep} <a href=\"https://www.reuters.com/world/europe/talks-2022-01-20/\">reuters.com</a></p>"
        )),
        "{bare}"
    );
    let block = site.page("2022/01/19/block/index.html");
    assert!(
        block.contains(&format!(
            "{sep} <a href=\"http://apnews.com/article/1\">apnews.com</a></p>"
        )),
        "{block}"
    );
}

#[test]
fn a_source_of_the_wrong_shape_is_an_error_at_its_position() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            "---\ntitle: A\ndate: 2022-01-21\nsource: {name: Reuters}\n---\nBody.\n",
        )
        .file(
            "content/b.md",
            "---\ntitle: B\ndate: 2022-01-21\nsource: {name: Archive, url: ftp://files.example.org/x}\n---\nBody.\n",
        )
        .file(
            "content/c.md",
            "---\ntitle: C\ndate: 2022-01-21\nsource:\n  label: Reuters\n  url: https://reuters.com/\n---\nBody.\n",
        )
        .file(
            "content/d.md",
            "---\ntitle: D\ndate: 2022-01-21\nsource: [Reuters, AP]\n---\nBody.\n",
        );
    let run = site.run(&["build"]);
    assert!(!run.success);
    let expected = "plain text (`source: Reuters`), a web address (`source: https://www.reuters.com/...`) or both (`source: {name: Reuters, url: https://www.reuters.com/...}`)";
    assert_eq!(
        run.stderr,
        format!(
            "content/a.md:4:9: error: `source` has a `name` but no `url`; for a source without an address write `source: Reuters` (expected {expected})\n  |\n4 | source: {{name: Reuters}}\n  |         ^\n\ncontent/b.md:4:9: error: the `url` of `source` must be a web address starting with https:// or http://, found \"ftp://files.example.org/x\" (expected {expected})\n  |\n4 | source: {{name: Archive, url: ftp://files.example.org/x}}\n  |         ^\n\ncontent/c.md:4:1: error: `source` has an unknown key `label`; it takes `name` and `url` (expected {expected})\n  |\n4 | source:\n  | ^\n\ncontent/d.md:4:9: error: `source` must be text or a `{{name, url}}` mapping, found a list (expected {expected})\n  |\n4 | source: [Reuters, AP]\n  |         ^\n\nerror: build failed: 4 errors in the site; nothing was written\n"
        )
    );
    assert!(!site.public().exists());
}
