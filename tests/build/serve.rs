//! `briefing serve`, over real HTTP on an ephemeral port.

use std::net::TcpListener;

use crate::preview::*;
use crate::support::*;

fn site() -> TestSite {
    TestSite::new()
        .file("secret.txt", "do-not-serve")
        .file(
            "content/actors/antony-blinken.md",
            "---\nname: Antony Blinken\nrole: US Secretary of State\n---\nThe top US diplomat.\n",
        )
        .file(
            "content/a.md",
            article(
                "Geneva talks",
                "2022-01-21",
                "actors: [Antony Blinken, Sergey Lavrov]\n",
            ),
        )
        .file(
            "content/b.md",
            article("Kyiv visit", "2022-01-19", "actors: [Antony Blinken]\n"),
        )
        .file("static/extra.css", "p { margin: 0; }\n")
}

#[test]
fn serves_pages_redirects_404s_and_content_types() {
    let site = site();
    let preview = Preview::start(site.root());
    assert!(preview.url.starts_with("http://127.0.0.1:") && preview.url.ends_with('/'));
    let home = preview.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("Geneva talks"));
    assert!(
        home.text().contains("/__briefing/events"),
        "live reload script in serve mode"
    );
    let redirect = preview.get("/actors/antony-blinken");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/actors/antony-blinken/"));
    let missing = preview.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing
            .text()
            .contains("<h1 class=\"page-title\">Page not found</h1>")
    );
    assert_eq!(
        preview.get("/style.css").header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(preview.get("/extra.css").text(), "p { margin: 0; }\n");
    assert_eq!(
        preview.get("/atom.xml").header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    let head = request(preview.port, "HEAD", "/actors/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(request(preview.port, "POST", "/").status, 405);
    // The canonical URL points at the preview, not at base_url.
    assert!(home.text().contains(&format!(
        "<link rel=\"canonical\" href=\"{}\">",
        preview.url
    )));
    assert!(!site.public().exists(), "serve never writes public/");
}

#[test]
fn nothing_outside_the_built_site_is_served() {
    let site = site();
    let preview = Preview::start(site.root());
    for attack in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/actors/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/secret.txt%00.html",
        "//etc/passwd",
        "/content/a.md",
        "/site.yaml",
        "/secret.txt",
    ] {
        let response = preview.get(attack);
        assert!(
            matches!(response.status, 400 | 404),
            "{attack}: {}",
            response.status
        );
        assert!(
            !response.text().contains("do-not-serve"),
            "{attack} leaked a file"
        );
        assert!(
            !response.text().contains("title: Geneva talks"),
            "{attack} leaked a source"
        );
    }
    // Malformed requests do not stop the server.
    let mut raw = std::net::TcpStream::connect(("127.0.0.1", preview.port)).unwrap();
    std::io::Write::write_all(&mut raw, b"GARBAGE\r\n\r\n").unwrap();
    drop(raw);
    let _idle = std::net::TcpStream::connect(("127.0.0.1", preview.port)).unwrap();
    assert_eq!(preview.get("/").status, 200);
}

#[test]
fn edits_reload_the_page_errors_show_an_overlay_and_deletions_disappear() {
    let site = site();
    let preview = Preview::start(site.root());
    let mut events = Events::open(preview.port);

    std::fs::write(
        site.root().join("content/a.md"),
        article(
            "Geneva talks end",
            "2022-01-21",
            "actors: [Antony Blinken, Sergey Lavrov]\n",
        ),
    )
    .unwrap();
    events.wait_for("reload");
    assert!(
        preview
            .get("/actors/sergey-lavrov/")
            .text()
            .contains("Geneva talks end")
    );
    preview.wait_for_line("rebuilt after content/a.md changed");

    std::fs::write(
        site.root().join("content/a.md"),
        "---\ntitle: Geneva talks end\ndate: 2022-01-41\n---\n",
    )
    .unwrap();
    let error = events.wait_for("error");
    let expected = format!(
        "{}/content/a.md:3:7: error: invalid date \"2022-01-41\": January 2022 has 31 days, not 41",
        site.root().display()
    );
    assert!(error.starts_with(&expected), "{error}");
    let page = preview.get("/actors/sergey-lavrov/");
    assert_eq!(page.status, 200, "the last good site is still served");
    assert!(page.text().contains("Geneva talks end"));
    assert!(
        page.text()
            .contains("<pre id=\"briefing-error\" role=\"alert\"")
    );
    assert!(
        page.text()
            .contains("content/a.md:3:7: error: invalid date")
    );
    preview.wait_for_line("content/a.md:3:7: error: invalid date");

    std::fs::write(
        site.root().join("content/a.md"),
        article(
            "Geneva talks end",
            "2022-01-21",
            "actors: [Antony Blinken, Sergey Lavrov]\n",
        ),
    )
    .unwrap();
    events.wait_for("reload");
    assert!(
        !preview.get("/").text().contains("briefing-error\" role"),
        "overlay gone once fixed"
    );

    std::fs::remove_file(site.root().join("content/b.md")).unwrap();
    events.wait_for("reload");
    let actor = preview.get("/actors/antony-blinken/").text();
    assert!(!actor.contains("Kyiv visit"), "{actor}");
    assert_eq!(preview.get("/2022/01/19/kyiv-visit/").status, 404);
}

#[test]
fn a_stylesheet_change_swaps_css_without_a_reload() {
    let site = site();
    let preview = Preview::start(site.root());
    let mut events = Events::open(preview.port);
    std::fs::write(site.root().join("static/extra.css"), "p { margin: 1em; }\n").unwrap();
    events.wait_for("css");
    assert_eq!(preview.get("/extra.css").text(), "p { margin: 1em; }\n");
}

#[test]
fn incremental_rebuilds_equal_a_full_build_byte_for_byte() {
    let site = site();
    let preview = Preview::start(site.root());
    let mut events = Events::open(preview.port);
    let edits: Vec<Box<dyn Fn()>> = vec![
        Box::new(|| {
            std::fs::write(
                site.root().join("content/c.md"),
                article(
                    "Berlin quad",
                    "2022-01-20",
                    "actors: [Annalena Baerbock, Antony Blinken]\nplaces: [Berlin]\n",
                ),
            )
            .unwrap()
        }),
        Box::new(|| {
            std::fs::write(
                site.root().join("content/a.md"),
                article(
                    "Geneva talks",
                    "2022-01-21",
                    "actors: [Sergey Lavrov]\ntags: [diplomacy]\n",
                ),
            )
            .unwrap()
        }),
        Box::new(|| {
            std::fs::write(
                site.root().join("content/actors/antony-blinken.md"),
                "---\nname: Antony Blinken\nrole: Secretary of State\n---\nBio.\n",
            )
            .unwrap()
        }),
        Box::new(|| {
            std::fs::create_dir_all(site.root().join("templates/partials")).unwrap();
            std::fs::write(site.root().join("templates/partials/entry.html"), "<article class=\"entry\"><h2 class=\"entry-title\"><a href=\"{{ entry.url }}\">{{ entry.title }}</a></h2></article>\n").unwrap()
        }),
        Box::new(|| std::fs::remove_file(site.root().join("content/b.md")).unwrap()),
        Box::new(|| {
            std::fs::write(
                site.root().join("site.yaml"),
                "title: Renamed desk\npage_size: 1\n",
            )
            .unwrap()
        }),
    ];
    for edit in &edits {
        edit();
        events.wait_for("reload");
    }
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("full");
    let origin = preview.url.clone();
    build_into(site.root(), &output, &["--base-url", &origin]);
    let files = files_below(&output);
    assert!(files.len() > 20);
    // The marker and the manifest are the output folder's own, not pages.
    for file in files.iter().filter(|f| !f.starts_with(".briefing")) {
        let expected = std::fs::read(output.join(file)).unwrap();
        let served = preview.get(&format!("/{file}"));
        assert_eq!(served.status, 200, "{file}");
        let body = if file.ends_with(".html") {
            briefing::serve::live_reload::strip(&served.text()).into_bytes()
        } else {
            served.body
        };
        assert!(
            body == expected,
            "{file} differs from a full build:\n{}\n---\n{}",
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(&expected)
        );
    }
    assert_eq!(
        preview.get("/2022/01/19/kyiv-visit/").status,
        404,
        "nothing left over from deleted articles"
    );
}

#[test]
fn a_path_prefix_in_base_url_is_kept() {
    let site = site().file("site.yaml", "base_url: https://org.github.io/briefings/\n");
    let preview = Preview::start(site.root());
    assert!(preview.url.ends_with("/briefings/"), "{}", preview.url);
    assert_eq!(preview.get("/briefings/").status, 200);
    assert_eq!(
        preview.get("/briefings").header("location"),
        Some("/briefings/")
    );
    assert!(
        preview
            .get("/briefings/actors/")
            .text()
            .contains("href=\"/briefings/actors/antony-blinken/\"")
    );
    assert_eq!(preview.get("/actors/").status, 404);
}

#[test]
fn a_taken_port_is_reported_with_the_flag_to_change_it() {
    let site = site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = site.run(&["serve", "--port", &port]);
    assert!(!run.success);
    assert_eq!(
        run.stderr,
        format!(
            "error: cannot listen on 127.0.0.1:{port}: the port is already in use; choose another with --port (or --port 0 for any free port)\n"
        )
    );
}

#[test]
fn a_broken_site_still_serves_its_error() {
    let site = TestSite::new().file("content/a.md", "---\ntitle: [broken\n---\n");
    let preview = Preview::start(site.root());
    let page = preview.get("/");
    assert_eq!(page.status, 404);
    assert!(page.text().contains("content/a.md:"), "{}", page.text());
    let mut events = Events::open(preview.port);
    let error = events.wait_for("error");
    assert!(error.contains("invalid YAML"), "{error}");
    std::fs::write(
        site.root().join("content/a.md"),
        article("Fixed", "2022-01-21", ""),
    )
    .unwrap();
    events.wait_for("reload");
    assert!(preview.get("/").text().contains("Fixed"));
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = site();
    let mut preview = Preview::start(site.root());
    assert_eq!(preview.get("/").status, 200);
    assert!(preview.interrupt(), "exit status 0 after Ctrl-C");
    preview.wait_for_line("stopped");
}

#[test]
fn binding_beyond_loopback_warns_that_the_preview_is_exposed() {
    let site = site();
    let preview = Preview::start_with(site.root(), &["--bind", "0.0.0.0"]).expect("serve starts");
    assert!(
        preview
            .startup
            .iter()
            .any(|l| l.starts_with("warning: listening on 0.0.0.0:")
                && l.ends_with("the preview is reachable from the network, not just this machine")),
        "{:?}",
        preview.startup
    );
    assert_eq!(preview.get("/").status, 200);
}
