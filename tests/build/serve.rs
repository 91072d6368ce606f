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
fn an_edit_of_the_sites_strings_rebuilds_the_pages_that_show_them() {
    let site = site();
    std::fs::create_dir_all(site.root().join("i18n")).unwrap();
    let preview = Preview::start(site.root());
    let mut events = Events::open(preview.port);
    std::fs::write(
        site.root().join("i18n/en.yaml"),
        "related_briefings: Further reading\n",
    )
    .unwrap();
    events.wait_for("reload");
    let page = preview.get("/2022/01/21/geneva-talks/").text();
    assert!(page.contains("Further reading"), "{page}");
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("full");
    build_into(site.root(), &output, &["--base-url", &preview.url]);
    let built = std::fs::read_to_string(output.join("2022/01/21/geneva-talks/index.html")).unwrap();
    assert_eq!(briefing::serve::live_reload::strip(&page), built);
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

/// Every file a fresh `build` of `root` writes is served with the same
/// bytes, and every file an earlier build wrote that this one does not is
/// gone from the preview. `seen` collects the files of every build so far.
pub fn assert_served_equals_full_build(
    preview: &Preview,
    root: &std::path::Path,
    seen: &mut std::collections::BTreeSet<String>,
    after: &str,
) {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("full");
    build_into(root, &output, &["--base-url", &preview.url]);
    let files = files_below(&output);
    assert!(files.len() > 20, "after {after}: {files:?}");
    for file in &files {
        let expected = std::fs::read(output.join(file)).unwrap();
        let served = preview.get(&format!("/{file}"));
        assert_eq!(served.status, 200, "after {after}: {file}");
        let body = if file.ends_with(".html") {
            briefing::serve::live_reload::strip(&served.text()).into_bytes()
        } else {
            served.body
        };
        assert!(
            body == expected,
            "after {after}: {file} differs from a full build:\n{}\n---\n{}",
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(&expected)
        );
    }
    for gone in seen.iter().filter(|f| !files.contains(f)) {
        let status = preview.get(&format!("/{gone}")).status;
        assert!(
            status == 404 || (gone.ends_with("index.html") && status == 301),
            "after {after}: /{gone} is still served ({status}) but a full build has no such file"
        );
    }
    seen.extend(files);
}

/// The article `e.md` of the incremental test: a milestone, an author,
/// an old address, a pair of actors; `body` after its front matter.
fn brussels(body: &str) -> String {
    format!(
        "---\ntitle: Brussels briefing\ndate: 2022-01-18\nactors: [Antony Blinken, Lavrov]\nplaces: [Brussels]\nauthors: [Jane Reporter]\naliases: [/old/brussels/]\nmilestone: Allies meet in Brussels\n---\n{body}"
    )
}

/// How the preview rebuilt after an edit.
#[derive(Debug, PartialEq)]
enum Path {
    /// Bodies or a title patched into the last rebuild.
    Patch,
    /// The model patched by a delta, only the pages it touches planned
    /// again ("replan").
    Delta,
    /// The model patched by a delta, then every page planned again (the
    /// delta path's fallback; no edit here should take it).
    DeltaThenWhole,
    /// Everything made again (through the caches).
    Whole,
    /// `Delta` or `Whole`: a file moved into a new folder reaches the
    /// watcher with the folder's creation (a whole rebuild) or after it.
    DeltaOrWhole,
}

#[test]
fn incremental_rebuilds_equal_a_full_build_after_every_edit() {
    let site = site()
        .file(
            "content/actors/sergey-lavrov.md",
            "---\nname: Sergey Lavrov\nrole: Foreign Minister of Russia\naliases: [Lavrov]\n---\nRussia's foreign minister.\n",
        )
        .file(
            "content/d.md",
            article(
                "Vienna consultations",
                "2022-01-14",
                "actors: [Lavrov, Baerbock]\nplaces: [Vienna]\ntags: [osce]\n",
            ),
        )
        .file(
            "content/e.md",
            brussels("Allies met in Brussels.\n\nA later paragraph.\n"),
        )
        .file(
            "content/authors/jane-reporter.md",
            "---\nname: Jane Reporter\n---\nCovers NATO.\n",
        )
        // Names actors in its body only: each becomes a link (and JSON-LD)
        // once some article lists it.
        .file(
            "content/g.md",
            "---\ntitle: Beijing readout\ndate: 2021-11-30\n---\nWang Yi called Annalena Baerbock, then Dmytro Kuleba.\n",
        );
    let preview = Preview::start_with(site.root(), &["--timings"]).expect("serve starts");
    let mut events = Events::open(preview.port);
    // Saved the way editors save: a temporary file renamed over the file.
    let write = |path: &str, text: &str| {
        let path = site.root().join(path);
        let temporary = path.with_extension("md.tmp");
        std::fs::write(&temporary, text).unwrap();
        std::fs::rename(&temporary, &path).unwrap();
    };
    let a = |title: &str, date: &str, actors: &str| {
        article(title, date, &format!("actors: [{actors}]\n"))
    };
    // Each edit changes as little as it can: one value of one article or
    // one profile, so only some pages may be rendered again, and a stale
    // value anywhere shows up in the comparison that follows it. The path
    // each edit takes is told by the timings' stages: `Patch`, bodies or a
    // title patched into the last rebuild ("patch plan"); `Delta`, the
    // model patched by a delta ("model delta") and only the pages it
    // touches planned again ("replan"); `Whole`, neither.
    type Edit<'a> = (&'a str, Path, Box<dyn Fn() + 'a>);
    // `a.md` with two headings and an old address, under `title`.
    let geneva = |title: &'static str| -> Box<dyn Fn() + '_> {
        Box::new(move || {
            write(
                "content/a.md",
                &format!(
                    "{}\n## Outcome\n\nNo agreement.\n\n## Next steps\n\nMore talks.\n",
                    article(
                        title,
                        "2022-01-21",
                        "actors: [Antony Blinken, Sergey Lavrov]\naliases: [/old/geneva/]\n"
                    )
                ),
            )
        })
    };
    // `f.md`, on the day of the Berlin quad, under `title`.
    let dinner = |title: &'static str| -> Box<dyn Fn() + '_> {
        Box::new(move || write("content/f.md", &a(title, "2022-01-20", "Annalena Baerbock")))
    };
    let edits: Vec<Edit> = vec![
        (
            "a body's first paragraph (the summary lists and feeds show)",
            Path::Patch,
            Box::new(|| {
                write(
                    "content/e.md",
                    &brussels("Allies met in Brussels on Tuesday.\n\nA later paragraph.\n"),
                )
            }),
        ),
        (
            "a body's later paragraph (search words only)",
            Path::Patch,
            Box::new(|| {
                write(
                    "content/e.md",
                    &brussels(
                        "Allies met in Brussels on Tuesday.\n\nA later paragraph on sanctions.\n",
                    ),
                )
            }),
        ),
        (
            "a body that names an actor (a mention link and JSON-LD)",
            Path::Patch,
            Box::new(|| {
                write(
                    "content/e.md",
                    &brussels(
                        "Allies met in Brussels on Tuesday.\n\nSergey Lavrov was not there.\n",
                    ),
                )
            }),
        ),
        (
            "a body with a heading",
            Path::Patch,
            Box::new(|| {
                write(
                    "content/a.md",
                    &format!(
                        "{}\n## Outcome\n\nNo agreement.\n",
                        a(
                            "Geneva talks",
                            "2022-01-21",
                            "Antony Blinken, Sergey Lavrov"
                        )
                    ),
                )
            }),
        ),
        (
            "a link by file to a heading, added to a body",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/e.md",
                    &brussels(
                        "Allies met in Brussels on Tuesday, after [Geneva](a.md#outcome).\n\nSergey Lavrov was not there.\n",
                    ),
                )
            }),
        ),
        (
            "the body of an article others link to, headings kept",
            Path::Patch,
            Box::new(|| {
                write(
                    "content/a.md",
                    &format!(
                        "{}\nA second paragraph.\n\n## Outcome\n\nNo agreement.\n",
                        a(
                            "Geneva talks",
                            "2022-01-21",
                            "Antony Blinken, Sergey Lavrov"
                        )
                    ),
                )
            }),
        ),
        (
            "a heading another article links to, renamed, and an old address",
            Path::Delta,
            geneva("Geneva talks"),
        ),
        (
            "a new article",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/c.md",
                    &article(
                        "Berlin quad",
                        "2022-01-20",
                        "actors: [Annalena Baerbock, Antony Blinken]\nplaces: [Berlin]\n",
                    ),
                )
            }),
        ),
        (
            "the title of an article another links to (its URL moves; the link, its redirect and the sitemap follow)",
            Path::Patch,
            geneva("Geneva talks end"),
        ),
        (
            "a second article on one day",
            Path::Delta,
            dinner("Berlin dinner"),
        ),
        (
            "a title that keeps its place among the day's articles",
            Path::Patch,
            dinner("Aachen dinner"),
        ),
        (
            "a title that moves it after another article of its day",
            Path::Delta,
            dinner("Zurich dinner"),
        ),
        (
            "one title",
            Path::Patch,
            Box::new(|| {
                write(
                    "content/b.md",
                    &a("Kyiv visit ends", "2022-01-19", "Antony Blinken"),
                )
            }),
        ),
        (
            "one date, into another week, month and year",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/b.md",
                    &a("Kyiv visit ends", "2021-12-19", "Antony Blinken"),
                )
            }),
        ),
        (
            "one actor list",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/b.md",
                    &a(
                        "Kyiv visit ends",
                        "2021-12-19",
                        "Antony Blinken, Dmytro Kuleba",
                    ),
                )
            }),
        ),
        (
            "an actor no article named before (no page yet), added to one article",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/b.md",
                    &a(
                        "Kyiv visit ends",
                        "2021-12-19",
                        "Antony Blinken, Dmytro Kuleba, Wang Yi",
                    ),
                )
            }),
        ),
        (
            "one date, into another week of its month",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/b.md",
                    &a(
                        "Kyiv visit ends",
                        "2021-12-08",
                        "Antony Blinken, Dmytro Kuleba, Wang Yi",
                    ),
                )
            }),
        ),
        (
            "an actor removed from its one article (its page goes away)",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/b.md",
                    &a(
                        "Kyiv visit ends",
                        "2021-12-08",
                        "Antony Blinken, Dmytro Kuleba",
                    ),
                )
            }),
        ),
        (
            "places added",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/b.md",
                    &article(
                        "Kyiv visit ends",
                        "2021-12-08",
                        "actors: [Antony Blinken, Dmytro Kuleba]\nplaces: [Kyiv, Vienna]\n",
                    ),
                )
            }),
        ),
        (
            "draft: true (the article leaves every page)",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/b.md",
                    &article(
                        "Kyiv visit ends",
                        "2021-12-08",
                        "actors: [Antony Blinken, Dmytro Kuleba]\nplaces: [Kyiv, Vienna]\ndraft: true\n",
                    ),
                )
            }),
        ),
        (
            "draft: true taken out again, with aliases added",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/b.md",
                    &article(
                        "Kyiv visit ends",
                        "2021-12-08",
                        "actors: [Antony Blinken, Dmytro Kuleba]\nplaces: [Kyiv, Vienna]\naliases: [/old/kyiv/]\n",
                    ),
                )
            }),
        ),
        (
            "one old address (a redirect page)",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/e.md",
                    &brussels("Allies met in Brussels on Tuesday, after [Geneva](a.md#outcome).\n\nSergey Lavrov was not there.\n")
                        .replace("/old/brussels/", "/old/nato/"),
                )
            }),
        ),
        (
            "a new profile whose alias merges two actors",
            Path::Whole,
            Box::new(|| {
                write(
                    "content/actors/annalena-baerbock.md",
                    "---\nname: Annalena Baerbock\naliases: [Baerbock]\n---\n",
                )
            }),
        ),
        (
            "one profile's role",
            Path::Patch,
            Box::new(|| {
                write(
                    "content/actors/antony-blinken.md",
                    "---\nname: Antony Blinken\nrole: Secretary of State\n---\nThe top US diplomat.\n",
                )
            }),
        ),
        (
            "one profile's description and links",
            Path::Patch,
            Box::new(|| {
                write(
                    "content/actors/antony-blinken.md",
                    "---\nname: Antony Blinken\nrole: Secretary of State\nlinks:\n  - {title: State Department, url: https://www.state.gov/}\n---\nThe top US diplomat since 2021.\n",
                )
            }),
        ),
        (
            "one profile's dated roles and kind (the role held on each day)",
            Path::Patch,
            Box::new(|| {
                write(
                    "content/actors/antony-blinken.md",
                    "---\nname: Antony Blinken\nkind: person\nroles:\n  - title: Deputy Secretary of State\n    from: 2015-01-09\n    to: 2022-01-20\n  - title: Secretary of State\n    from: 2022-01-20\nwikidata: Q4914686\n---\nThe top US diplomat since 2021.\n",
                )
            }),
        ),
        (
            "the Wikidata id of a profile whose actor a body names (JSON-LD mentions)",
            Path::Patch,
            Box::new(|| {
                write(
                    "content/actors/annalena-baerbock.md",
                    "---\nname: Annalena Baerbock\naliases: [Baerbock]\nkind: person\nwikidata: Q90895\n---\n",
                )
            }),
        ),
        (
            "one profile's aliases (which articles name the actor)",
            Path::Whole,
            Box::new(|| {
                write(
                    "content/actors/annalena-baerbock.md",
                    "---\nname: Annalena Baerbock\naliases: [Baerbock, A. Baerbock]\nkind: person\nwikidata: Q90895\n---\n",
                )
            }),
        ),
        (
            "one profile's name (the old name kept as an alias)",
            Path::Whole,
            Box::new(|| {
                write(
                    "content/actors/sergey-lavrov.md",
                    "---\nname: Sergei Lavrov\nrole: Foreign Minister of Russia\naliases: [Lavrov, Sergey Lavrov]\n---\nRussia's foreign minister.\n",
                )
            }),
        ),
        (
            "a body after a profile's rename (mentions of the new name)",
            Path::Patch,
            Box::new(|| {
                write("content/e.md", &brussels("Allies met in Brussels on Tuesday, after [Geneva](a.md#outcome).\n\nSergei Lavrov was not there.\n").replace("/old/brussels/", "/old/nato/"))
            }),
        ),
        (
            "one body",
            Path::Patch,
            Box::new(|| {
                write(
                    "content/d.md",
                    &format!(
                        "{}\nA second paragraph.\n",
                        article(
                            "Vienna consultations",
                            "2022-01-14",
                            "actors: [Lavrov, Baerbock]\nplaces: [Vienna]\ntags: [osce]\n",
                        )
                    ),
                )
            }),
        ),
        (
            "an author's profile",
            Path::Whole,
            Box::new(|| {
                write(
                    "content/authors/jane-reporter.md",
                    "---\nname: Jane Reporter\n---\nCovers NATO and the EU.\n",
                )
            }),
        ),
        (
            "one tag",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/d.md",
                    &article(
                        "Vienna consultations",
                        "2022-01-14",
                        "actors: [Lavrov, Baerbock]\nplaces: [Vienna]\ntags: [security]\n",
                    ),
                )
            }),
        ),
        (
            "one milestone",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/d.md",
                    &article(
                        "Vienna consultations",
                        "2022-01-14",
                        "actors: [Lavrov, Baerbock]\nplaces: [Vienna]\ntags: [security]\nmilestone: Talks move to Vienna\n",
                    ),
                )
            }),
        ),
        (
            "a correction (its box, feeds, JSON-LD and the article's updated date)",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/d.md",
                    &article(
                        "Vienna consultations",
                        "2022-01-14",
                        "actors: [Lavrov, Baerbock]\nplaces: [Vienna]\ntags: [security]\nmilestone: Talks move to Vienna\ncorrections:\n  - {date: 2022-01-16, text: The talks were in Vienna and not in Geneva.}\n",
                    ),
                )
            }),
        ),
        (
            "the correction taken away",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/d.md",
                    &article(
                        "Vienna consultations",
                        "2022-01-14",
                        "actors: [Lavrov, Baerbock]\nplaces: [Vienna]\ntags: [security]\nmilestone: Talks move to Vienna\n",
                    ),
                )
            }),
        ),
        (
            "a removed profile",
            Path::Whole,
            Box::new(|| {
                std::fs::remove_file(site.root().join("content/actors/antony-blinken.md")).unwrap()
            }),
        ),
        (
            "a template",
            Path::Whole,
            Box::new(|| {
                std::fs::create_dir_all(site.root().join("templates/partials")).unwrap();
                std::fs::write(
                    site.root().join("templates/partials/entry.html"),
                    "<article class=\"entry\"><h2 class=\"entry-title\"><a href=\"{{ entry.url }}\">{{ entry.title }}</a></h2></article>\n",
                )
                .unwrap()
            }),
        ),
        (
            "a body after a template changed",
            Path::Patch,
            Box::new(|| {
                write("content/d.md", &article(
                "Vienna consultations",
                "2022-01-14",
                "actors: [Lavrov, Baerbock]\nplaces: [Vienna]\ntags: [security]\nmilestone: Talks move to Vienna\n",
            ).replace("A paragraph about", "A short paragraph about"))
            }),
        ),
        (
            "a removed article",
            Path::Delta,
            Box::new(|| std::fs::remove_file(site.root().join("content/b.md")).unwrap()),
        ),
        (
            "the new article deleted",
            Path::Delta,
            Box::new(|| std::fs::remove_file(site.root().join("content/c.md")).unwrap()),
        ),
        (
            "a renamed file (in its folder)",
            Path::Delta,
            Box::new(|| {
                std::fs::rename(
                    site.root().join("content/d.md"),
                    site.root().join("content/vienna.md"),
                )
                .unwrap()
            }),
        ),
        (
            "a renamed file (into a folder)",
            Path::DeltaOrWhole,
            Box::new(|| {
                std::fs::create_dir_all(site.root().join("content/2022")).unwrap();
                std::fs::rename(
                    site.root().join("content/f.md"),
                    site.root().join("content/2022/dinner.md"),
                )
                .unwrap()
            }),
        ),
        (
            "site.yaml",
            Path::Whole,
            Box::new(|| {
                std::fs::write(
                    site.root().join("site.yaml"),
                    "title: Renamed desk\npage_size: 1\n",
                )
                .unwrap()
            }),
        ),
        (
            "a body on a site of one article per page",
            Path::Patch,
            Box::new(|| {
                write("content/e.md", &brussels("Allies met in Brussels on Wednesday, after [Geneva](a.md#outcome).\n\nSergei Lavrov was not there.\n").replace("/old/brussels/", "/old/nato/"))
            }),
        ),
        (
            "a new article, one article per page (a home page more, every list page shifts; a new day, a new tag, and the date of another in an earlier year)",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/h.md",
                    &article(
                        "Geneva a year before",
                        "2021-01-21",
                        "actors: [Lavrov, Baerbock]\ntags: [anniversary]\n",
                    ),
                )
            }),
        ),
        (
            "its date, one article per page (into the newest day: the home order, days, weeks, months and years)",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/h.md",
                    &article(
                        "Geneva a year before",
                        "2022-02-03",
                        "actors: [Lavrov, Baerbock]\ntags: [anniversary]\n",
                    ),
                )
            }),
        ),
        (
            "a milestone and an author on it, one article per page",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/h.md",
                    &article(
                        "Geneva a year before",
                        "2022-02-03",
                        "actors: [Lavrov, Baerbock]\ntags: [anniversary]\nauthors: [Jane Reporter]\nmilestone: A year on\n",
                    ),
                )
            }),
        ),
        (
            "a link by file to an article that shares no actor or place with it (the target's \"referred to by\")",
            Path::Delta,
            Box::new(|| {
                write(
                    "content/g.md",
                    "---\ntitle: Beijing readout\ndate: 2021-11-30\n---\nWang Yi called Annalena Baerbock, then Dmytro Kuleba, before [the Geneva talks](a.md).\n",
                )
            }),
        ),
        (
            "that article deleted, one article per page (its day, month, tag and the last home page go)",
            Path::Delta,
            Box::new(|| std::fs::remove_file(site.root().join("content/h.md")).unwrap()),
        ),
    ];
    let mut seen = std::collections::BTreeSet::new();
    assert_served_equals_full_build(&preview, site.root(), &mut seen, "the first build");
    for (name, path, edit) in &edits {
        eprintln!("edit: {name}");
        edit();
        events.wait_for("reload");
        let timings = preview.wait_for_line("  ms: ");
        let took = match (
            timings.contains("patch plan"),
            timings.contains("model delta"),
            timings.contains("replan"),
        ) {
            (true, _, _) => Path::Patch,
            (false, true, true) => Path::Delta,
            (false, true, false) => Path::DeltaThenWhole,
            (false, false, _) => Path::Whole,
        };
        let expected = match path {
            Path::DeltaOrWhole if matches!(took, Path::Delta | Path::Whole) => &took,
            path => path,
        };
        assert_eq!(&took, expected, "after {name}: {timings}");
        assert_served_equals_full_build(&preview, site.root(), &mut seen, name);
    }
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
fn images_beside_an_article_are_noticed_when_added_changed_or_removed() {
    let site = TestSite::new().file(
        "content/2022/talks/index.md",
        format!(
            "{}![Map of the venue](map.png)\n",
            article("Talks", "2022-01-21", "")
        ),
    );
    let preview = Preview::start(site.root());
    let mut events = Events::open(preview.port);
    let error = events.wait_for("error");
    assert!(error.contains("map.png"), "{error}");
    // Only the image is added: the article is not saved again.
    std::fs::write(site.root().join("content/2022/talks/map.png"), png(40, 30)).unwrap();
    events.wait_for("reload");
    let page = preview.get("/2022/01/21/talks/").text();
    assert!(page.contains("width=\"40\" height=\"30\""), "{page}");
    assert_eq!(preview.get("/2022/01/21/talks/map.png").status, 200);
    // Replaced by a larger one.
    std::fs::write(site.root().join("content/2022/talks/map.png"), png(80, 60)).unwrap();
    let page = preview.get_until("/2022/01/21/talks/", |t| t.contains("width=\"80\""));
    assert!(page.contains("height=\"60\""), "{page}");
    // Removed: the build fails again, naming the image.
    std::fs::remove_file(site.root().join("content/2022/talks/map.png")).unwrap();
    let error = events.wait_for("error");
    assert!(error.contains("map.png"), "{error}");
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

#[test]
fn a_bind_failure_keeps_the_operating_systems_reason() {
    let site = site();
    // 192.0.2.1 (TEST-NET-1) is on no interface here: binding fails at
    // once and no packet is sent.
    let run = site.run(&["serve", "--bind", "192.0.2.1", "--port", "0"]);
    assert!(!run.success);
    assert!(
        run.stderr
            .starts_with("error: failed to listen on 192.0.2.1:0\n  caused by: "),
        "{}",
        run.stderr
    );
}

#[test]
fn body_links_to_pages_the_site_lacks_are_warned_about_after_every_edit() {
    let later = |body: &str| format!("---\ntitle: Later\ndate: 2022-01-25\n---\n{body}\n");
    let site = TestSite::new()
        .file("content/a.md", article("Geneva talks", "2022-01-21", ""))
        .file(
            "content/b.md",
            later("See [the talks](/2022/01/21/geneva-talk/)."),
        );
    let preview = Preview::start(site.root());
    // Printed on stderr, so maybe after the line the start waits for.
    let first = "content/b.md:5:5: warning: link to `/2022/01/21/geneva-talk/`: the site has no such page or file; did you mean `/2022/01/21/geneva-talks/`?";
    if !preview.startup.iter().any(|line| line.contains(first)) {
        preview.wait_for_line(first);
    }
    // Answered once the watcher runs.
    assert_eq!(preview.get("/").status, 200);
    // Body edits are patched: the links are checked again, at their new
    // places.
    let edit = |body: &str| std::fs::write(site.root().join("content/b.md"), later(body)).unwrap();
    edit("See [the talks](/2022/01/21/geneva-talks/).");
    preview.wait_for_line("rebuilt after content/b.md changed");
    edit("See [the talks](/2022/01/21/geneva-talks/).\n\nAnd [this](/2022/01/22/).");
    preview.wait_for_line(
        "content/b.md:7:5: warning: link to `/2022/01/22/`: the site has no such page or file; did you mean `/2022/01/21/`?",
    );
    // A page that moves leaves the links to its old address broken.
    std::fs::write(
        site.root().join("content/a.md"),
        article("Geneva talks end", "2022-01-21", ""),
    )
    .unwrap();
    preview.wait_for_line(
        "content/b.md:5:5: warning: link to `/2022/01/21/geneva-talks/`: the site has no such page or file; did you mean `/2022/01/21/geneva-talks-end/`?",
    );
}
