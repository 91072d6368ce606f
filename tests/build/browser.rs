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
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// `None` (with a note) where Chromium is not installed, except in CI,
    /// where `.ci/run` installs it and its absence is a failure.
    fn start() -> Option<Self> {
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

    fn open(&self, url: &str) {
        call(
            self.port,
            "POST",
            &format!("/session/{}/url", self.session),
            Some(json!({ "url": url })),
        );
    }

    fn eval(&self, script: &str) -> Value {
        let response = call(
            self.port,
            "POST",
            &format!("/session/{}/execute/sync", self.session),
            Some(json!({ "script": script, "args": [] })),
        );
        response["value"].clone()
    }

    /// Polls `script` until it returns `expected`.
    fn wait_until(&self, script: &str, expected: Value) {
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
