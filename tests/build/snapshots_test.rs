//! Snapshots of a few rendered pages of a tiny site, to see any change in
//! the theme's markup in review.

use crate::support::*;

fn tiny_site() -> TestSite {
    let site = TestSite::new()
        .file("site.yaml", "title: Test Desk\nbase_url: https://example.org/desk/\n")
        .file(
            "content/actors/antony-blinken.md",
            "---\nname: Antony Blinken\nrole: US Secretary of State\naliases: [Tony Blinken]\n---\nThe top US diplomat.\n",
        )
        .file(
            "content/geneva.md",
            "---\ntitle: Blinken and Lavrov meet in Geneva\ndate: 2022-01-21T14:30:00+01:00\nactors: [Antony Blinken, Sergey Lavrov]\nplaces: [Geneva]\ntags: [diplomacy]\nsource: Wire report\nupdated: 2022-01-22\n---\nThe two ministers talked for **ninety minutes**.\n\n## What comes next\n\nWritten answers next week.\n",
        )
        .file("content/kyiv.md", "---\ntitle: Blinken in Kyiv\ndate: 2022-01-19\nactors: [Tony Blinken]\nsummary: A stop in Kyiv.\n---\nBody.\n");
    site.build(&[]);
    site
}

#[test]
fn article_page_markup() {
    let site = tiny_site();
    insta::assert_snapshot!(site.page("2022/01/21/blinken-and-lavrov-meet-in-geneva/index.html"));
}

#[test]
fn actor_page_markup() {
    let site = tiny_site();
    insta::assert_snapshot!(main_of(&site.page("actors/antony-blinken/index.html")));
}

#[test]
fn month_page_markup() {
    let site = tiny_site();
    insta::assert_snapshot!(main_of(&site.page("2022/01/index.html")));
}
