//! The search page in a real headless Chromium (see `browser.rs`): a query
//! that names an actor, by its name or any alias, lists its briefings.

use serde_json::json;

use crate::browser::Browser;
use crate::support::*;

#[test]
fn a_query_naming_an_actor_by_an_alias_lists_its_briefings_first() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let mut site = TestSite::new()
        .file("site.yaml", "title: Desk\n")
        .file(
            "content/actors/sergey-lavrov.md",
            "---\nname: Sergey Lavrov\naliases: [Sergei Lavrov, Сергей Лавров]\n---\n",
        )
        // The newest, by another actor, names a Sergei in its body.
        .file(
            "content/other.md",
            "---\ntitle: Envoys compare notes\ndate: 2022-01-30\nactors: [Wendy Sherman]\n---\nSherman spoke with Sergei Ryabkov.\n",
        );
    for (day, title) in [
        (10, "Talks open in Geneva"),
        (12, "A council meets in Brussels"),
        (21, "Foreign ministers meet"),
    ] {
        site = site.file(
            &format!("content/{day}.md"),
            article(
                title,
                &format!("2022-01-{day}"),
                "actors: [Sergey Lavrov]\n",
            ),
        );
    }
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    build_into(
        site.root(),
        &output,
        &["--base-url", "https://org.github.io/briefings/"],
    );
    let port = crate::publishing::serve(output, "/briefings/");
    let search = format!("http://127.0.0.1:{port}/briefings/search/");
    let status = "return document.getElementById('search-status').textContent";
    let cards =
        "return Array.from(document.querySelectorAll('#search-cards h2')).map(e => e.textContent)";
    let titles = "return Array.from(document.querySelectorAll('#search-results h2')).map(e => e.textContent)";
    let lavrov = [
        "Foreign ministers meet",
        "A council meets in Brussels",
        "Talks open in Geneva",
    ];

    // An alias in another script: no briefing spells it so, yet the
    // actor's briefings are found.
    browser.open(&format!("{search}?q=Сергей Лавров"));
    browser.wait_until(status, json!("3 briefings match."));
    browser.wait_until(titles, json!(lavrov));
    assert_eq!(browser.eval(cards), json!(["Sergey Lavrov"]));

    // One word of an alias: the actor's briefings first, then the
    // briefing whose text holds the word.
    browser.open(&format!("{search}?q=Sergei"));
    browser.wait_until(status, json!("4 briefings match."));
    let mut all = lavrov.to_vec();
    all.push("Envoys compare notes");
    browser.wait_until(titles, json!(all));
    assert_eq!(browser.eval(cards), json!(["Sergey Lavrov"]));

    // The filters count the briefings shown.
    let actors = "return Array.from(document.querySelectorAll('#search-filters input[name=actor]')).map(e => e.parentElement.textContent)";
    browser.wait_until(actors, json!([" Sergey Lavrov (3)", " Wendy Sherman (1)"]));

    // Every word must still match: a word that names the actor stands
    // for its briefings.
    browser.open(&format!("{search}?q=Sergei Brussels"));
    browser.wait_until(status, json!("1 briefing matches."));
    browser.wait_until(titles, json!(["A council meets in Brussels"]));
}

/// A desk whose every briefing names the council, with enough actors,
/// places and topics for tall filters and three pages of results (a page
/// holds 10), served over HTTP; the search page's address.
fn council_site() -> (TestSite, tempfile::TempDir, String) {
    let mut site = TestSite::new().file("site.yaml", "title: Desk\n");
    for n in 0..25 {
        let actors: Vec<String> = (0..3)
            .map(|k| format!("Envoy {}", (n + k * 5) % 14))
            .collect();
        let extra = format!(
            "actors: [{}]\nplaces: [City {}, Town {}]\ntags: [topic {}, theme {}]\n",
            actors.join(", "),
            n % 11,
            (n + 3) % 9,
            n % 10,
            (n + 4) % 12
        );
        site = site.file(
            &format!("content/c{n}.md"),
            article(
                &format!("The council meets on item {n}"),
                &format!("2022-{:02}-{:02}", 1 + n % 12, 1 + n),
                &extra,
            ),
        );
    }
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    build_into(
        site.root(),
        &output,
        &["--base-url", "https://org.github.io/desk/"],
    );
    let port = crate::publishing::serve(output, "/desk/");
    (site, out, format!("http://127.0.0.1:{port}/desk/search/"))
}

const STATUS: &str = "return document.getElementById('search-status').textContent";

#[test]
fn on_a_phone_the_first_result_is_on_screen_and_before_the_filters() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let (_site, _out, search) = council_site();
    browser.resize(390, 844);
    browser.open(&format!("{search}?q=council"));
    browser.wait_until(STATUS, json!("25 briefings match."));
    browser.wait_until(
        "return document.querySelectorAll('#search-filters input').length > 10",
        json!(true),
    );
    // The first result starts within the screen.
    let top = browser.eval(
        "const r = document.querySelector('#search-results li').getBoundingClientRect(); return [Math.round(r.top), window.innerHeight]",
    );
    let (top, height) = (top[0].as_i64().unwrap(), top[1].as_i64().unwrap());
    assert!(
        top > 0 && top + 60 < height,
        "the first result starts at {top} px, the screen is {height} px tall"
    );
    // By keyboard: from the query field, the Search button, then the
    // first result; the filters come after the results.
    let stops = "const all = Array.from(document.querySelectorAll('a[href], input, button, summary')).filter(e => e.checkVisibility() && e.tabIndex >= 0); \
        const from = all.indexOf(document.getElementById('search-query')); \
        const first = all.indexOf(document.querySelector('#search-results a')); \
        const box = all.findIndex(e => e.closest('#search-filters')); \
        return [first - from, box < 0 || box > first]";
    assert_eq!(browser.eval(stops), json!([2, true]));
    // Behind the "Filters" summary, opened on demand.
    browser.eval("document.querySelector('#search-facets summary').click(); return 1");
    browser.wait_until(
        "return document.querySelector('#search-filters input').checkVisibility()",
        json!(true),
    );
}

#[test]
fn typing_a_word_fetches_and_counts_only_once_the_reader_pauses() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let (_site, _out, search) = council_site();
    browser.open(&search);
    browser.wait_until(STATUS, json!("Type a name, a place, a topic or any word."));
    // Every status the page shows is recorded; "council" is typed a letter
    // every 40 ms (a quick typist), as input events.
    browser.eval(
        "window.statuses = []; \
         new MutationObserver(() => statuses.push(document.getElementById('search-status').textContent)) \
           .observe(document.getElementById('search-status'), {childList: true, characterData: true, subtree: true}); \
         const input = document.getElementById('search-query'); \
         window.typedAt = null; \
         Array.from('council').forEach((c, i) => setTimeout(() => { \
           input.value += c; input.dispatchEvent(new Event('input', {bubbles: true})); \
           if (i === 6) window.typedAt = performance.now(); \
         }, 40 * i)); \
         return 1",
    );
    browser.wait_until(STATUS, json!("25 briefings match."));
    // No count for "c", "co", ...: the first one shown is the answer.
    let counts = browser
        .eval("return statuses.filter(s => s !== 'Type a name, a place, a topic or any word.')");
    assert_eq!(counts, json!(["25 briefings match."]));
    // Nothing was fetched for the unfinished word, and no file twice.
    let fetched = browser.eval(
        "return performance.getEntriesByType('resource').filter(e => e.name.includes('/search/') && !e.name.endsWith('meta.json') && !e.name.endsWith('.js')) \
           .map(e => [e.name.split('/search/')[1], e.startTime >= typedAt])",
    );
    let fetched = fetched.as_array().unwrap();
    assert!(!fetched.is_empty());
    let mut names: Vec<&str> = fetched.iter().map(|f| f[0].as_str().unwrap()).collect();
    assert!(
        fetched.iter().all(|f| f[1] == json!(true)),
        "fetched before the last letter: {fetched:?}"
    );
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "a file fetched twice: {fetched:?}");
}

#[test]
fn results_arriving_do_not_move_the_page() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let (_site, _out, search) = council_site();
    for (width, height) in [(1280, 800), (390, 844)] {
        browser.resize(width, height);
        browser.open(&format!("{search}?q=council"));
        browser.wait_until(STATUS, json!("25 briefings match."));
        browser.wait_until(
            "return document.querySelectorAll('#search-filters input').length > 0",
            json!(true),
        );
        // Every layout shift since the page opened (buffered), none caused
        // by the reader.
        browser.eval(
            "window.shift = null; new PerformanceObserver(list => { \
               window.shift = list.getEntries().filter(e => !e.hadRecentInput).reduce((s, e) => s + e.value, 0); \
             }).observe({type: 'layout-shift', buffered: true}); \
             setTimeout(() => { if (window.shift === null) window.shift = 0; }, 200); \
             return 1",
        );
        browser.wait_until("return window.shift !== null", json!(true));
        let shift = browser.eval("return window.shift").as_f64().unwrap();
        assert!(
            shift < 0.01,
            "layout shift {shift} at {width}x{height} as the results arrived"
        );
    }
}

#[test]
fn more_results_moves_focus_to_the_first_new_result() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let (_site, _out, search) = council_site();
    browser.open(&format!("{search}?q=council"));
    browser.wait_until(STATUS, json!("25 briefings match."));
    let items = "return document.querySelectorAll('#search-results li').length";
    browser.wait_until(items, json!(10));
    let focused = "return document.activeElement === document.querySelectorAll('#search-results li')[arguments_n].querySelector('a')";
    for (shown, first_new) in [(20, 10), (25, 20)] {
        browser.eval(
            "const more = document.getElementById('search-more'); more.focus(); more.click(); return 1",
        );
        browser.wait_until(items, json!(shown));
        browser.wait_until(
            &focused.replace("arguments_n", &first_new.to_string()),
            json!(true),
        );
    }
    // The last page is in: the button has gone, focus stayed in the list.
    assert_eq!(
        browser.eval("return document.getElementById('search-more').hidden"),
        json!(true)
    );
}
