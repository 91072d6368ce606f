//! The theme in a real headless Chromium (see `browser.rs`), at a phone's
//! width: what a reader sees of charts and calendars.

use serde_json::json;

use crate::browser::Browser;
use crate::support::*;

/// An actor in March 2021 (once), then in 2022 (three times in January).
fn charted_site() -> TestSite {
    let mut site = TestSite::new().file("site.yaml", "title: Desk\n");
    for (name, date) in [
        ("a", "2021-03-04"),
        ("b", "2022-01-10"),
        ("c", "2022-01-12"),
        ("d", "2022-01-21"),
    ] {
        site = site.file(
            &format!("content/{name}.md"),
            article(name, date, "actors: [Sergey Lavrov]\n"),
        );
    }
    site
}

#[test]
fn at_a_phones_width_chart_labels_are_legible_counts_readable_and_the_first_bar_is_the_first_month()
{
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = charted_site();
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    build_into(site.root(), &output, &[]);
    let port = crate::publishing::serve(output, "/");
    browser.resize(390, 900);
    browser.open(&format!("http://127.0.0.1:{port}/actors/sergey-lavrov/"));
    browser.wait_until(
        "return document.readyState === 'complete' && window.innerWidth <= 400",
        json!(true),
    );
    // Every label under the bars, and the scale, at 11 px or more as
    // rendered, and none overlapping the next.
    let labels = browser.eval(
        "return Array.from(document.querySelectorAll('.chart-x span, .chart-max')).map(e => { const r = e.getBoundingClientRect(); return [e.textContent, parseFloat(getComputedStyle(e).fontSize), r.height, r.left, r.right]; })",
    );
    let labels = labels.as_array().unwrap();
    let texts: Vec<&str> = labels.iter().map(|l| l[0].as_str().unwrap()).collect();
    assert_eq!(texts, ["3", "2021", "2022"], "{labels:?}");
    for label in labels {
        assert!(label[1].as_f64().unwrap() >= 11.0, "{label}");
        assert!(label[2].as_f64().unwrap() >= 11.0, "{label}");
    }
    assert!(
        labels[1][4].as_f64().unwrap() < labels[2][3].as_f64().unwrap(),
        "{labels:?}"
    );
    // The first bar is March 2021, the first briefing's month (the
    // table's first row), at the chart's start.
    let first = browser.eval(
        "const svg = document.querySelector('svg.timeline').getBoundingClientRect(); const bar = document.querySelector('svg.timeline rect'); return Math.round(bar.getBoundingClientRect().left - svg.left)",
    );
    assert_eq!(first, json!(0));
    // Each bar's count without hovering: a table to open.
    let rows = "return Array.from(document.querySelectorAll('details.chart-data tr')).filter(r => r.checkVisibility()).map(r => r.textContent)";
    assert_eq!(browser.eval(rows), json!([]), "closed at first");
    browser.eval("document.querySelector('details.chart-data summary').click(); return 1");
    browser.wait_until(
        rows,
        json!(["MonthBriefings", "March 20211", "January 20223"]),
    );
}

#[test]
fn a_years_twelve_calendars_line_up_and_a_month_links_its_neighbours_by_its_calendar() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = charted_site();
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    build_into(site.root(), &output, &[]);
    let port = crate::publishing::serve(output, "/");
    for width in [390, 1280] {
        browser.resize(width, 900);
        browser.open(&format!("http://127.0.0.1:{port}/2022/"));
        browser.wait_until("return document.readyState", json!("complete"));
        // Every calendar's week column as wide, every week's row as tall.
        let sizes = browser.eval(
            "const cals = Array.from(document.querySelectorAll('.year-calendars .calendar')); return [cals.length, Array.from(new Set(cals.map(c => Math.round(c.querySelector('thead th').getBoundingClientRect().width)))), Array.from(new Set(cals.flatMap(c => Array.from(c.querySelectorAll('tbody tr')).map(r => Math.round(r.getBoundingClientRect().height)))))]",
        );
        assert_eq!(sizes[0], json!(12), "{width}: {sizes}");
        assert_eq!(sizes[1].as_array().unwrap().len(), 1, "{width}: {sizes}");
        assert_eq!(sizes[2].as_array().unwrap().len(), 1, "{width}: {sizes}");
        let column = sizes[1][0].as_f64().unwrap();
        assert!(column <= 50.0, "{width}: the week column is {column} px");
    }
    // January 2022 links the month before it, March 2021, above its
    // calendar, not only at the end of the page.
    browser.open(&format!("http://127.0.0.1:{port}/2022/01/"));
    browser.wait_until("return document.readyState", json!("complete"));
    let above = browser.eval(
        "const link = document.querySelector('a[href=\"/2021/03/\"]'); const cal = document.querySelector('table.calendar'); return link !== null && link.getBoundingClientRect().bottom <= cal.getBoundingClientRect().top",
    );
    assert_eq!(above, json!(true));
}

#[test]
fn page_numbers_fit_one_row_on_a_phone_and_all_show_on_a_wide_screen() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let mut site = TestSite::new().file("site.yaml", "title: Desk\npage_size: 1\n");
    for n in 0..60 {
        site = site.file(
            &format!("content/a{n}.md"),
            article(
                &format!("Talks {n}"),
                &format!("2022-{:02}-{:02}", 1 + n / 28, 1 + n % 28),
                "actors: [Sergey Lavrov]\n",
            ),
        );
    }
    let output = site.root().join("out");
    build_into(site.root(), &output, &[]);
    let port = crate::publishing::serve(output, "/");
    // Each shown item of the paginator's row: its top edge and its text.
    let shown = "return Array.from(document.querySelectorAll('.pagination li')) \
        .filter(li => getComputedStyle(li).display !== 'none') \
        .map(li => [Math.round(li.getBoundingClientRect().top), li.textContent])";
    browser.resize(360, 800);
    browser.open(&format!("http://127.0.0.1:{port}/page/30/"));
    browser.wait_until(
        "return document.readyState === 'complete' && window.innerWidth <= 400",
        json!(true),
    );
    let items = browser.eval(shown);
    let items = items.as_array().expect("a paginator");
    let texts: Vec<&str> = items.iter().filter_map(|i| i[1].as_str()).collect();
    assert_eq!(
        texts,
        ["Newer", "1", "…", "29", "30", "31", "…", "60", "Older"],
        "on a phone"
    );
    // One row: no item's top a line's height (about 37 px) below another's.
    let tops: Vec<i64> = items.iter().filter_map(|i| i[0].as_i64()).collect();
    let (top, bottom) = (tops.iter().min().unwrap(), tops.iter().max().unwrap());
    assert!(bottom - top < 20, "one row at 360 px: {items:?}");
    browser.resize(1200, 800);
    browser.wait_until("return window.innerWidth > 1000", json!(true));
    let wide = browser.eval(shown);
    let texts: Vec<&str> = wide
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i[1].as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "Newer", "1", "…", "28", "29", "30", "31", "32", "…", "60", "Older"
        ],
        "on a wide screen"
    );
}
