//! What a reader sees of an article: the date line (time, places, source,
//! reading time), the standfirst, the labelled actor line; and places in
//! list entries.

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
        "<p class=\"meta\"><a href=\"/2022/01/21/\"><time datetime=\"2022-01-21T14:30:00+01:00\">21 January 2022, 14:30 UTC+01:00</time></a> <span class=\"sep\" aria-hidden=\"true\">·</span> <a href=\"/places/geneva/\">Geneva</a>, <a href=\"/places/kyiv/\">Kyiv</a> <span class=\"sep\" aria-hidden=\"true\">·</span> <a href=\"https://example.org/report\">https://example.org/report</a></p>"
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
    let home = site.page("index.html");
    assert!(home.contains(
        "<span class=\"sep\" aria-hidden=\"true\">·</span> in <a href=\"/places/geneva/\">Geneva</a>, <a href=\"/places/kyiv/\">Kyiv</a></p>"
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
        "<time datetime=\"2022-01-21\">21 January 2022</time></a> <span class=\"sep\" aria-hidden=\"true\">·</span> Wire report <span class=\"sep\" aria-hidden=\"true\">·</span> 3 min read</p>"
    ), "{page}");
    assert!(
        !page.contains("class=\"standfirst\""),
        "no summary, no standfirst"
    );
}
