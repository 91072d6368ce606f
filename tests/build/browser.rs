//! End to end in a real headless Chromium, driven through ChromeDriver
//! (WebDriver over HTTP): a page open in the browser follows edits on disk
//! without anyone reloading it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::preview::*;
use crate::support::*;

/// A ChromeDriver process with one headless Chromium session.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// `None` (with a note) where Chromium is not installed, except in CI,
    /// where `.ci/run` installs it and its absence is a failure.
    pub fn start() -> Option<Self> {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists());
        let driver_ok = Command::new("chromedriver")
            .arg("--version")
            .output()
            .is_ok();
        let Some(chromium) = chromium.filter(|_| driver_ok) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "chromium and chromedriver are required in CI (.ci/run installs them)"
            );
            eprintln!(
                "note: skipping the browser test: chromium/chromedriver not installed (apt-get install chromium chromium-driver)"
            );
            return None;
        };
        let mut driver = Command::new("chromedriver")
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(driver.stdout.take().unwrap()).lines();
        let started = Instant::now();
        let port = loop {
            let line = lines.next().expect("chromedriver output").unwrap();
            if let Some(rest) = line.split("started successfully on port ").nth(1) {
                break rest.trim_end_matches('.').parse::<u16>().unwrap();
            }
            assert!(started.elapsed() < DEADLINE, "chromedriver did not start");
        };
        std::thread::spawn(move || lines.for_each(drop));
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", format!("--user-data-dir={}", profile.path().display())
                ]
            }
        }}});
        let response = call(port, "POST", "/session", Some(capabilities));
        let session = response["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {response}"))
            .to_string();
        Some(Self {
            driver,
            port,
            session,
            _profile: profile,
        })
    }

    pub fn open(&self, url: &str) {
        call(
            self.port,
            "POST",
            &format!("/session/{}/url", self.session),
            Some(json!({ "url": url })),
        );
    }

    pub fn eval(&self, script: &str) -> Value {
        let response = call(
            self.port,
            "POST",
            &format!("/session/{}/execute/sync", self.session),
            Some(json!({ "script": script, "args": [] })),
        );
        response["value"].clone()
    }

    /// Sets the window's size in CSS pixels (headless: the viewport's).
    pub fn resize(&self, width: u32, height: u32) {
        call(
            self.port,
            "POST",
            &format!("/session/{}/window/rect", self.session),
            Some(json!({ "width": width, "height": height })),
        );
    }

    /// Polls `script` until it returns `expected`.
    pub fn wait_until(&self, script: &str, expected: Value) {
        let started = Instant::now();
        let mut last = Value::Null;
        while started.elapsed() < DEADLINE {
            last = self.eval(script);
            if last == expected {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{script} gave {last}, not {expected}, within {DEADLINE:?}");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        call(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// One WebDriver command.
fn call(port: u16, method: &str, path: &str, body: Option<Value>) -> Value {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // ChromeDriver may keep the connection open: read by Content-Length.
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap_or(Value::Null)
}

#[test]
fn an_open_page_follows_edits_errors_and_fixes_without_a_manual_reload() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = TestSite::new()
        .file(
            "content/a.md",
            article("Geneva talks", "2022-01-21", "actors: [Antony Blinken]\n"),
        )
        .file("static/extra.css", "body { color: rgb(1, 2, 3); }\n");
    let preview = Preview::start(site.root());
    browser.open(&format!("{}2022/01/21/geneva-talks/", preview.url));
    browser.wait_until(
        "return document.querySelector('h1').textContent",
        json!("Geneva talks"),
    );
    browser.eval("window.openedOnce = true; return 1");

    let write = |text: String| std::fs::write(site.root().join("content/a.md"), text).unwrap();
    // Same slug, new words: the open page updates by itself.
    write(
        article("Geneva talks", "2022-01-21", "actors: [Antony Blinken]\n")
            .replace("A paragraph about", "Updated paragraph about"),
    );
    browser.wait_until(
        "return document.querySelector('.body p').textContent",
        json!("Updated paragraph about Geneva talks."),
    );

    write("---\ntitle: Geneva talks\ndate: 2022-01-32\n---\n".into());
    browser.wait_until(
        "const o = document.getElementById('briefing-error'); return o !== null && o.textContent.includes('content/a.md:3:7: error: invalid date')",
        json!(true),
    );

    write(
        article("Geneva talks", "2022-01-21", "actors: [Antony Blinken]\n")
            .replace("A paragraph about", "Fixed paragraph about"),
    );
    browser.wait_until(
        "return document.getElementById('briefing-error') === null && document.querySelector('.body p').textContent",
        json!("Fixed paragraph about Geneva talks."),
    );
    assert_eq!(
        browser.eval("return window.openedOnce === undefined"),
        json!(true),
        "the page was reloaded by the preview"
    );

    // A stylesheet edit applies without reloading the page.
    browser.eval("window.keptAcrossCss = true; return 1");
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    std::fs::write(
        site.root().join("templates/style.css"),
        "body { color: rgb(10, 20, 30); }\n",
    )
    .unwrap();
    browser.wait_until(
        "return getComputedStyle(document.body).color",
        json!("rgb(10, 20, 30)"),
    );
    assert_eq!(
        browser.eval("return window.keptAcrossCss === true"),
        json!(true),
        "css swapped in place"
    );
}

impl Browser {
    /// The WebDriver id of the element `css` selects.
    fn element(&self, css: &str) -> String {
        let response = call(
            self.port,
            "POST",
            &format!("/session/{}/element", self.session),
            Some(json!({ "using": "css selector", "value": css })),
        );
        let value = &response["value"];
        value
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}: {response}"))
            .to_string()
    }

    /// Sends `keys` to the element `css` selects, as a user types them.
    fn type_into(&self, css: &str, keys: &str) {
        let id = self.element(css);
        call(
            self.port,
            "POST",
            &format!("/session/{}/element/{id}/value", self.session),
            Some(json!({ "text": keys })),
        );
    }

    fn clear(&self, css: &str) {
        let id = self.element(css);
        let path = format!("/session/{}/element/{id}/clear", self.session);
        call(self.port, "POST", &path, Some(json!({})));
    }

    fn click(&self, css: &str) {
        let id = self.element(css);
        let path = format!("/session/{}/element/{id}/click", self.session);
        call(self.port, "POST", &path, Some(json!({})));
    }
}

/// Bytes of the search index the page has fetched so far (not the page
/// or the script), and how many word shards among them.
const INDEX_BYTES: &str = "const files = performance.getEntriesByType('resource') \
    .filter(e => e.name.includes('/briefings/search/') && !e.name.endsWith('search.js')); \
    return [files.reduce((n, e) => n + e.encodedBodySize, 0), \
    files.filter(e => e.name.includes('/search/words/')).length, \
    files.filter(e => e.name.includes('/search/facets/')).length]";

#[test]
fn search_finds_filters_and_opens_briefings_under_a_base_path_within_budget() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    build_into(
        &sample_root(),
        &output,
        &["--base-url", "https://org.github.io/briefings/"],
    );
    let port = crate::publishing::serve(output.clone(), "/briefings/");
    let search = format!("http://127.0.0.1:{port}/briefings/search/");
    browser.open(&search);
    let status = "return document.getElementById('search-status').textContent";
    browser.wait_until(status, json!("Type a name, a place, a topic or any word."));

    // Accents fold away; a name shows the actor's card above the articles.
    browser.type_into("#search-query", "Sergéy");
    browser.wait_until(
        "return Array.from(document.querySelectorAll('#search-cards h2')).map(e => e.textContent)",
        json!(["Sergey Lavrov"]),
    );

    browser.clear("#search-query");
    browser.type_into("#search-query", "lavrov");
    browser.wait_until(status, json!("4 briefings match."));
    let titles = "return Array.from(document.querySelectorAll('#search-results h2')).map(e => e.textContent)";
    assert_eq!(
        browser.eval(titles)[0],
        json!("Blinken and Lavrov meet in Geneva without a breakthrough")
    );
    assert_eq!(
        browser.eval("return document.querySelector('#search-results mark').textContent"),
        json!("Lavrov")
    );
    // The reader's view is in the address, so it can be shared.
    assert_eq!(browser.eval("return location.search"), json!("?q=lavrov"));

    // An actor filter narrows the results and the counts follow.
    let kuleba = "#search-filters input[name=actor][value=dmytro-kuleba]";
    assert_eq!(
        browser.eval(&format!(
            "return document.querySelector('{kuleba}').parentElement.textContent"
        )),
        json!(" Dmytro Kuleba (1)")
    );
    browser.click(kuleba);
    browser.wait_until(status, json!("1 briefing matches."));
    assert_eq!(
        browser.eval("return location.search"),
        json!("?q=lavrov&actor=dmytro-kuleba")
    );
    assert_eq!(
        browser.eval(&format!(
            "return document.querySelector('{kuleba}').checked"
        )),
        json!(true)
    );

    // Only the files the query needs were fetched, and few bytes.
    let fetched = browser.eval(INDEX_BYTES);
    let (bytes, shards) = (fetched[0].as_u64().unwrap(), fetched[1].as_u64().unwrap());
    let all_shards = std::fs::read_dir(output.join("search/words"))
        .unwrap()
        .count() as u64;
    assert!(bytes > 0 && bytes <= 300_000, "{bytes} bytes of index");
    assert!(
        shards <= 4 && all_shards > 50,
        "{shards} of {all_shards} shards"
    );
    // Results that fit one page count their filters from their own rows.
    assert_eq!(fetched[2], json!(0), "facet files fetched");

    // On a warm page (the files this query needs already fetched), results
    // follow the reader's pause (150 ms after the last key) within 100 ms.
    browser.eval(
        "const input = document.getElementById('search-query'); \
         const status = document.getElementById('search-status'); \
         new MutationObserver(() => { window.shownAt ??= performance.now(); }) \
           .observe(status, { childList: true, characterData: true, subtree: true }); \
         window.typedAt = performance.now(); \
         input.value = 'lavro'; input.dispatchEvent(new Event('input')); return 1",
    );
    browser.wait_until("return window.shownAt !== undefined", json!(true));
    let took = browser.eval("return window.shownAt - window.typedAt");
    eprintln!("warm query: results after {took} ms");
    assert!(took.as_f64().unwrap() < 250.0, "results after {took} ms");

    // A bookmarked search opens as it was left; a result opens its page.
    browser.open(&format!("{search}?q=lavrov&actor=dmytro-kuleba"));
    browser.wait_until(status, json!("1 briefing matches."));
    let href =
        browser.eval("return document.querySelector('#search-results a').getAttribute('href')");
    assert_eq!(
        href,
        json!("/briefings/2022/01/18/blinken-and-lavrov-agree-to-meet-in-geneva/")
    );
    browser.click("#search-results a");
    browser.wait_until(
        "return location.pathname + ' ' + document.querySelector('h1').textContent",
        json!("/briefings/2022/01/18/blinken-and-lavrov-agree-to-meet-in-geneva/ Blinken and Lavrov agree to meet in Geneva"),
    );
}

#[test]
fn filter_counts_of_a_common_word_come_from_its_line_and_filters_from_lists() {
    let Some(browser) = Browser::start() else {
        return;
    };
    // "talks" is in twelve briefings: more than a page, so its line holds
    // its filter counts.
    let mut site = TestSite::new().file("site.yaml", "title: Desk\n");
    for day in 1..=12 {
        let actor = if day == 12 {
            "Antony Blinken"
        } else {
            "Sergey Lavrov"
        };
        site = site.file(
            &format!("content/{day}.md"),
            article(
                &format!("Talks number {day}"),
                &format!("2022-01-{day:02}"),
                &format!("actors: [{actor}]\nplaces: [Geneva]\n"),
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
    browser.open(&format!(
        "http://127.0.0.1:{port}/briefings/search/?q=talks"
    ));
    let status = "return document.getElementById('search-status').textContent";
    browser.wait_until(status, json!("12 briefings match."));
    let counts = "return Array.from(document.querySelectorAll('#search-filters input[name=actor]')).map(e => e.parentElement.textContent)";
    browser.wait_until(
        counts,
        json!([" Sergey Lavrov (11)", " Antony Blinken (1)"]),
    );
    let fetched = "return performance.getEntriesByType('resource').map(e => e.name) \
        .filter(n => n.includes('/search/facets/') || n.includes('/search/lists/')).length";
    assert_eq!(browser.eval(fetched), json!(0), "facet rows or lists read");
    browser.click("#search-filters input[name=actor][value=antony-blinken]");
    browser.wait_until(status, json!("1 briefing matches."));
    let lists = "return performance.getEntriesByType('resource').map(e => e.name) \
        .filter(n => n.includes('/search/lists/actors/')).length";
    assert_eq!(browser.eval(lists), json!(1));
}
