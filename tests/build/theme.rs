//! What the theme shows on every list and in every page's head: numbered
//! pages, a description for the home page, the 404 page's own address.

use crate::support::*;

/// Ten one-article pages of a site about Sergey Lavrov in Geneva.
fn ten_pages(site_yaml: &str) -> TestSite {
    let mut site = TestSite::new().file("site.yaml", site_yaml);
    for day in 10..20 {
        site = site.file(
            &format!("content/{day}.md"),
            article(
                &format!("Day {day}"),
                &format!("2022-01-{day}"),
                "actors: [Sergey Lavrov]\nplaces: [Geneva]\n",
            ),
        );
    }
    site
}

/// The numbers of the pages a paginator links, `…` for a gap, `[n]` for
/// this page and `n~` for a page hidden on phones.
fn numbers(html: &str) -> Vec<String> {
    let nav = &html[html.find("<nav class=\"pagination\"").expect(html)..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    nav.split("<li")
        .skip(1)
        .filter_map(|item| {
            if item.contains("class=\"gap\"") {
                return Some("…".to_string());
            }
            let link = &item[item.find("<a")?..];
            let text = &link[link.find("\">")? + 2..];
            let number = &text[..text.find('<').unwrap()];
            number.parse::<usize>().ok()?;
            Some(if item.contains("aria-current=\"page\"") {
                format!("[{number}]")
            } else if item.starts_with(" class=\"far\"") {
                format!("{number}~")
            } else {
                number.to_string()
            })
        })
        .collect()
}

#[test]
fn every_paginated_list_numbers_its_pages_first_nearby_and_last() {
    let site = ten_pages("title: Desk\npage_size: 1\nauthor: Desk editors\n");
    site.build(&[]);
    let home = site.page("page/5/index.html");
    assert_eq!(
        numbers(&home),
        ["1", "…", "3~", "4", "[5]", "6", "7~", "…", "10"],
        "{home}"
    );
    assert!(home.contains("<span class=\"page-of\">Page 5 of 10</span>"));
    assert!(home.contains("<a rel=\"prev\" href=\"/page/4/\">Newer</a>"));
    assert!(home.contains("<a rel=\"next\" href=\"/page/6/\">Older</a>"));
    // No gap where the nearby pages meet the first, and a page next to
    // the first or the last stays on phones too (no ellipsis would stand
    // for it).
    assert_eq!(
        numbers(&site.page("page/3/index.html")),
        ["1", "2", "[3]", "4", "5~", "…", "10"]
    );
    assert_eq!(
        numbers(&site.page("page/8/index.html")),
        ["1", "…", "6~", "7", "[8]", "9", "10"]
    );
    assert_eq!(
        numbers(&site.page("index.html")),
        ["[1]", "2", "3~", "…", "10"]
    );
    // The same paginator on terms and authors.
    for list in [
        "actors/sergey-lavrov/page/10/index.html",
        "places/geneva/page/10/index.html",
        "authors/desk-editors/page/10/index.html",
    ] {
        assert_eq!(
            numbers(&site.page(list)),
            ["1", "…", "8~", "9", "[10]"],
            "{list}"
        );
    }
}

#[test]
fn the_home_page_has_a_description_without_one_in_site_yaml_and_404_its_own_address() {
    let site = ten_pages("title: Desk\nbase_url: https://org.github.io/briefings/\n");
    site.build(&[]);
    let home = site.page("index.html");
    assert!(
        home.contains("<meta name=\"description\" content=\"The latest briefings from Desk, on Sergey Lavrov, Geneva and more.\">"),
        "{home}"
    );
    let not_found = site.page("404.html");
    assert!(
        not_found
            .contains("<link rel=\"canonical\" href=\"https://org.github.io/briefings/404.html\">"),
        "{not_found}"
    );
    // In the site's language.
    let site = ten_pages("title: Bureau\nlanguage: fr\n");
    site.build(&[]);
    assert!(site.page("index.html").contains(
        "<meta name=\"description\" content=\"Les dernières notes de Bureau, sur Sergey Lavrov, Geneva et d’autres sujets.\">"
    ));
    // A description in site.yaml wins.
    let site = ten_pages("title: Desk\ndescription: Notes from Geneva\n");
    site.build(&[]);
    assert!(
        site.page("index.html")
            .contains("<meta name=\"description\" content=\"Notes from Geneva\">")
    );
}
