//! Every output path of the site, made in one place.
//!
//! A path is relative to the site root, with `/` separators and no leading
//! slash; a page's path names its folder and ends in `/` (the file written
//! is [`index_file`] of it). The model gives articles and terms their paths
//! from here, the renderer every other page; views and templates receive
//! them and never rebuild them. Turning a path into a link or a permalink
//! (with `base_url`) is `render::views::Urls`'s job.

use chrono::NaiveDate;

use crate::model::taxonomy::Taxonomy;

/// The home page.
pub const HOME: &str = "";
/// The archive of all years and months.
pub const ARCHIVE: &str = "archive/";
/// The site's chronology of milestones (with its feed).
pub const CHRONOLOGY: &str = "chronology/";
/// The search page and its index files.
pub const SEARCH: &str = "search/";
/// The index of authors.
pub const AUTHORS: &str = "authors/";
/// The page served for missing URLs.
pub const NOT_FOUND: &str = "404.html";
/// The sitemap (or sitemap index, past 50,000 URLs).
pub const SITEMAP: &str = "sitemap.xml";
/// For crawlers.
pub const ROBOTS: &str = "robots.txt";
/// The site's icon (the theme's, unless `static/` has one).
pub const FAVICON: &str = "favicon.svg";
/// The theme's stylesheet.
pub const STYLESHEET: &str = "style.css";

/// Where a language other than the default has its pages in a
/// multilingual site: `ru/` (each of its paths below is relative to it).
pub fn language(code: &str) -> String {
    format!("{code}/")
}

/// The file a page's folder path is written to: `actors/index.html`.
pub fn index_file(page: &str) -> String {
    format!("{page}index.html")
}

/// The page an article is on: `2022/01/18/<slug>/`, below its day.
pub fn article(date: NaiveDate, slug: &str) -> String {
    format!("{}{slug}/", day(date))
}

/// The index of a taxonomy: `actors/`.
pub fn taxonomy(taxonomy: Taxonomy) -> String {
    format!("{}/", taxonomy.key())
}

/// One term's page: `actors/antony-blinken/`.
pub fn term(taxonomy: Taxonomy, slug: &str) -> String {
    format!("{}/{slug}/", taxonomy.key())
}

/// One author's page: `authors/<slug>/`.
pub fn author(slug: &str) -> String {
    format!("{AUTHORS}{slug}/")
}

/// The briefings two actors share: `actors/antony-blinken/with/sergey-lavrov/`.
pub fn pair(actor: &str, other: &str) -> String {
    format!("{}with/{other}/", term(Taxonomy::Actor, actor))
}

/// A file beside an actor's page (its profile picture):
/// `actors/antony-blinken/portrait.jpg`.
pub fn actor_file(actor: &str, file: &str) -> String {
    format!("{}{file}", term(Taxonomy::Actor, actor))
}

/// Every actor, for analysts' own tools.
pub const DATA_ACTORS: &str = "data/actors.json";
/// Who appears with whom, and how often.
pub const DATA_GRAPH: &str = "data/graph.json";

/// A day: `2022/01/18/`.
pub fn day(date: NaiveDate) -> String {
    date.format("%Y/%m/%d/").to_string()
}

/// An ISO week: `2022/W03/` (the ISO week-numbering year, which may differ
/// from the calendar year around New Year).
pub fn week(iso_year: i32, week: u32) -> String {
    format!("{iso_year:04}/W{week:02}/")
}

/// A month: `2022/01/`.
pub fn month(year: i32, month: u32) -> String {
    format!("{year:04}/{month:02}/")
}

/// A year: `2022/`.
pub fn year(year: i32) -> String {
    format!("{year:04}/")
}

/// Page `number` (1-based) of the paginated list at `base`: `base` itself,
/// then `base/page/2/`.
pub fn list_page(base: &str, number: usize) -> String {
    match number {
        1 => base.to_string(),
        n => format!("{base}page/{n}/"),
    }
}

/// The Atom feed of the list at `base`: `actors/antony-blinken/atom.xml`.
pub fn feed(base: &str) -> String {
    format!("{base}atom.xml")
}

/// Part `number` (1-based) of a sitemap split past 50,000 URLs.
pub fn sitemap_part(number: usize) -> String {
    format!("sitemap-{number}.xml")
}

/// Whether `path` is the sitemap or one of its parts.
pub fn is_sitemap(path: &str) -> bool {
    path == SITEMAP
        || path
            .strip_prefix("sitemap-")
            .and_then(|rest| rest.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemaps_are_known_by_their_paths() {
        assert!(is_sitemap(SITEMAP));
        assert!(is_sitemap(&sitemap_part(12)));
        assert!(!is_sitemap("sitemap-.xml"));
        assert!(!is_sitemap("sitemaps/index.html"));
    }

    #[test]
    fn pages_nest_under_their_dates_and_taxonomies() {
        let date = NaiveDate::from_ymd_opt(2022, 1, 8).unwrap();
        assert_eq!(article(date, "geneva"), "2022/01/08/geneva/");
        assert_eq!(day(date), "2022/01/08/");
        assert_eq!(month(2022, 1), "2022/01/");
        assert_eq!(year(2022), "2022/");
        assert_eq!(week(2022, 3), "2022/W03/");
        assert_eq!(term(Taxonomy::Place, "geneva"), "places/geneva/");
        assert_eq!(taxonomy(Taxonomy::Tag), "tags/");
        assert_eq!(pair("a", "b"), "actors/a/with/b/");
        assert_eq!(index_file(HOME), "index.html");
        assert_eq!(list_page("tags/x/", 1), "tags/x/");
        assert_eq!(list_page("tags/x/", 3), "tags/x/page/3/");
        assert_eq!(feed(HOME), "atom.xml");
        assert_eq!(sitemap_part(2), "sitemap-2.xml");
    }
}
