//! Publishing: feeds, sitemap, hosting files, metadata, and the site served
//! under a path prefix as GitHub Pages would serve it.

use std::collections::{BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

use crate::preview::request;
use crate::support::*;

fn desk() -> TestSite {
    TestSite::new()
        .file("site.yaml", "title: Test Desk\nauthor: Desk editors\nbase_url: https://org.github.io/briefings/\nfeed_size: 2\n")
        .file("content/a.md", article("Geneva talks", "2022-01-10", "actors: [Wendy Sherman]\nplaces: [Geneva]\n"))
        .file("content/b.md", article("Brussels council", "2022-01-12", "actors: [Wendy Sherman, Jens Stoltenberg]\ntags: [nato]\n"))
        .file(
            "content/c.md",
            article("Vienna round", "2022-01-13T10:00:00+01:00", "actors: [Wendy Sherman]\nupdated: 2022-01-14\nsummary: OSCE envoys meet.\n"),
        )
}

#[test]
fn feeds_parse_as_atom_and_carry_the_newest_entries() {
    let site = desk();
    site.build(&[]);
    let feed = feed_rs::parser::parse(site.page("atom.xml").as_bytes()).expect("valid Atom");
    assert_eq!(feed.title.unwrap().content, "Test Desk");
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.clone().unwrap().content)
        .collect();
    assert_eq!(
        titles,
        ["Vienna round", "Brussels council"],
        "feed_size: 2, newest first"
    );
    let vienna = &feed.entries[0];
    assert_eq!(
        vienna.id,
        "https://org.github.io/briefings/2022/01/13/vienna-round/"
    );
    assert_eq!(
        vienna.links[0].href,
        "https://org.github.io/briefings/2022/01/13/vienna-round/"
    );
    assert_eq!(
        vienna.published.unwrap().to_rfc3339(),
        "2022-01-13T09:00:00+00:00"
    );
    assert_eq!(
        vienna.updated.unwrap().to_rfc3339(),
        "2022-01-14T00:00:00+00:00"
    );
    assert_eq!(vienna.summary.clone().unwrap().content, "OSCE envoys meet.");
    assert!(
        vienna
            .content
            .clone()
            .unwrap()
            .body
            .unwrap()
            .contains("<p>A paragraph about Vienna round.</p>")
    );
    // The site's author is the feed's, named once for every entry.
    assert!(vienna.authors.is_empty());
    assert_eq!(feed.authors[0].name.as_deref(), Some("Desk editors"));
    assert_eq!(
        feed.updated.unwrap().to_rfc3339(),
        "2022-01-14T00:00:00+00:00"
    );

    let actor = feed_rs::parser::parse(site.page("actors/jens-stoltenberg/atom.xml").as_bytes())
        .expect("valid Atom");
    let titles: Vec<String> = actor
        .entries
        .iter()
        .map(|e| e.title.clone().unwrap().content)
        .collect();
    assert_eq!(titles, ["Brussels council"]);
    for feed in ["places/geneva/atom.xml", "tags/nato/atom.xml"] {
        feed_rs::parser::parse(site.page(feed).as_bytes())
            .unwrap_or_else(|e| panic!("{feed}: {e}"));
    }
    let page = site.page("actors/jens-stoltenberg/index.html");
    assert!(page.contains(r#"<link rel="alternate" type="application/atom+xml" title="Test Desk: Jens Stoltenberg" href="/briefings/actors/jens-stoltenberg/atom.xml">"#), "{page}");
}

#[test]
fn term_feeds_carry_summaries_and_the_site_feed_full_bodies_unless_feed_content_says_otherwise() {
    let site = desk();
    site.build(&[]);
    let actor = site.page("actors/wendy-sherman/atom.xml");
    let parsed = feed_rs::parser::parse(actor.as_bytes()).expect("valid Atom");
    assert_eq!(parsed.entries.len(), 2);
    for entry in &parsed.entries {
        assert!(entry.content.is_none(), "{actor}");
        assert!(entry.summary.is_some(), "{actor}");
        assert_eq!(entry.links.len(), 1, "{actor}");
    }
    assert!(
        !actor.contains("<category"),
        "summary and link only: {actor}"
    );
    assert!(
        !actor.contains("<author><name>Desk editors</name></author>\n<summary>"),
        "the feed's own author is not repeated in each entry: {actor}"
    );
    assert!(
        !actor.contains("<published>2022-01-12T00:00:00+00:00</published>"),
        "published is left out when it is the updated date: {actor}"
    );
    let whole = site.page("atom.xml");
    assert!(whole.contains("<content type=\"html\">"), "{whole}");
    assert!(
        whole.contains("<category term=\"Wendy Sherman\"/>"),
        "{whole}"
    );

    let site = site.file(
        "site.yaml",
        "title: Test Desk\nbase_url: https://org.github.io/briefings/\nfeed_content:\n  actors: full\n  site: summary\n",
    );
    site.build(&[]);
    assert!(
        site.page("actors/wendy-sherman/atom.xml")
            .contains("<content type=\"html\">")
    );
    assert!(!site.page("places/geneva/atom.xml").contains("<content"));
    assert!(!site.page("atom.xml").contains("<content"));
    let site = site.file("site.yaml", "feed_content: full\n");
    site.build(&[]);
    assert!(
        site.page("tags/nato/atom.xml")
            .contains("<content type=\"html\">")
    );
}

#[test]
fn a_wrong_feed_content_names_what_it_accepts() {
    let site = TestSite::new()
        .file("site.yaml", "title: Desk\nfeed_content:\n  actor: full\n")
        .file("content/a.md", article("Talks", "2022-01-10", ""));
    let run = site.run(&["build"]);
    assert!(!run.success);
    assert!(
        run.stderr.starts_with("site.yaml:2:1: error: `feed_content` has no kind of feed `actor`; did you mean `actors`? (expected one of `site`, `chronology`, `actors`, `places`, `tags`, `authors`)"),
        "{}",
        run.stderr
    );
    let site = site.file("site.yaml", "feed_content: bodies\n");
    let run = site.run(&["build"]);
    assert!(
        run.stderr
            .starts_with("site.yaml:1:15: error: `feed_content` must be `full` or `summary`"),
        "{}",
        run.stderr
    );
}

#[test]
fn sitemap_lists_every_html_page_with_lastmod() {
    let site = desk();
    site.build(&[]);
    let xml = site.page("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let mut listed = BTreeSet::new();
    for url in root.children().filter(|n| n.is_element()) {
        let child = |name: &str| {
            url.children()
                .find(|c| c.has_tag_name(name))
                .and_then(|c| c.text())
                .map(str::to_string)
        };
        let loc = child("loc").expect("loc");
        let lastmod = child("lastmod").expect("lastmod");
        assert!(
            chrono::NaiveDate::parse_from_str(&lastmod, "%Y-%m-%d").is_ok(),
            "{lastmod}"
        );
        listed.insert(
            loc.strip_prefix("https://org.github.io/briefings/")
                .expect("absolute")
                .to_string(),
        );
    }
    let pages: BTreeSet<String> = files_below(&site.public())
        .into_iter()
        .filter(|f| f.ends_with(".html") && f != "404.html")
        .map(|f| f.trim_end_matches("index.html").to_string())
        // The search page has nothing for crawlers: it is left out.
        .filter(|f| f != "search/")
        .collect();
    assert_eq!(listed, pages);
    assert!(!xml.contains("/search/"));
    assert!(xml.contains("<url><loc>https://org.github.io/briefings/2022/01/13/vienna-round/</loc><lastmod>2022-01-14</lastmod></url>"));
    assert!(xml.contains("<url><loc>https://org.github.io/briefings/actors/jens-stoltenberg/</loc><lastmod>2022-01-12</lastmod></url>"));
}

#[test]
fn github_pages_files_are_written() {
    let site = desk();
    site.build(&[]);
    assert_eq!(site.page(".nojekyll"), "");
    assert_eq!(
        site.page("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://org.github.io/briefings/sitemap.xml\n"
    );
    assert!(!site.has("CNAME"));
    let custom = TestSite::new()
        .file("site.yaml", "cname: briefs.example.org\n")
        .file("content/a.md", article("Talks", "2022-01-10", ""));
    custom.build(&[]);
    assert_eq!(custom.page("CNAME"), "briefs.example.org\n");
    assert!(
        custom
            .page("index.html")
            .contains(r#"<link rel="canonical" href="https://briefs.example.org/">"#)
    );
    assert!(
        custom
            .page("atom.xml")
            .contains("<id>https://briefs.example.org/2022/01/10/talks/</id>")
    );
}

#[test]
fn pages_carry_canonical_description_and_open_graph() {
    let site = desk();
    site.build(&[]);
    let html = site.page("2022/01/13/vienna-round/index.html");
    for tag in [
        r#"<link rel="canonical" href="https://org.github.io/briefings/2022/01/13/vienna-round/">"#,
        r#"<meta name="description" content="OSCE envoys meet.">"#,
        r#"<meta property="og:title" content="Vienna round">"#,
        r#"<meta property="og:type" content="article">"#,
        r#"<meta property="og:url" content="https://org.github.io/briefings/2022/01/13/vienna-round/">"#,
        r#"<meta property="og:description" content="OSCE envoys meet.">"#,
        r#"<meta property="article:published_time" content="2022-01-13T10:00:00+01:00">"#,
        r#"<link rel="alternate" type="application/atom+xml" title="Test Desk" href="/briefings/atom.xml">"#,
    ] {
        assert!(html.contains(tag), "missing {tag}");
    }
}

/// Serves `dir` under `prefix` on an ephemeral port, as GitHub Pages serves
/// a project site: folders answer with their index.html, anything else 404.
pub fn serve(dir: PathBuf, prefix: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            answer(stream, &dir, prefix);
        }
    });
    port
}

fn answer(mut stream: TcpStream, dir: &Path, prefix: &str) {
    // Read the whole request head before answering, as a server must.
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
        line.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    // The query is for the page's script, not for the server.
    let path = target.split('?').next().unwrap_or("/").to_string();
    let file = path
        .strip_prefix(prefix)
        .filter(|p| !p.contains(".."))
        .map(|p| {
            if p.is_empty() || p.ends_with('/') {
                dir.join(p).join("index.html")
            } else {
                dir.join(p)
            }
        });
    let (status, body) = match file.and_then(|f| std::fs::read(f).ok()) {
        Some(body) => ("200 OK", body),
        None => ("404 Not Found", Vec::new()),
    };
    let _ = write!(
        stream,
        "HTTP/1.0 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

#[test]
fn the_sample_site_crawls_cleanly_under_a_path_prefix() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    build_into(
        &sample_root(),
        &output,
        &["--base-url", "https://org.github.io/briefings/"],
    );
    let port = serve(output.clone(), "/briefings/");
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from(["/briefings/".to_string()]);
    let mut broken = Vec::new();
    while let Some(url) = queue.pop_front() {
        if !seen.insert(url.clone()) {
            continue;
        }
        let response = request(port, "GET", &url);
        let (status, body) = (response.status, response.text());
        if status != 200 {
            broken.push(format!("{url}: {status}"));
            continue;
        }
        if !url.ends_with('/') && !url.ends_with(".html") {
            continue;
        }
        // Form actions too: the header's search box leads to /search/.
        for (_, link) in briefing::check::attributes(&body, &["href", "src", "action"]) {
            if link.starts_with("http") {
                continue;
            }
            let link = link.split('#').next().unwrap_or_default().to_string();
            if link.is_empty() {
                continue;
            }
            assert!(
                link.starts_with("/briefings/"),
                "{url} links outside the prefix: {link}"
            );
            queue.push_back(link);
        }
    }
    assert!(broken.is_empty(), "{broken:?}");
    // Redirects from old addresses (`aliases:`) are reached by old links,
    // not from the site's own pages.
    let redirect = |f: &String| {
        std::fs::read_to_string(output.join(f)).is_ok_and(|t| t.contains("http-equiv=\"refresh\""))
    };
    let pages: BTreeSet<String> = files_below(&output)
        .into_iter()
        .filter(|f| f.ends_with(".html") && f != "404.html" && !redirect(f))
        .map(|f| format!("/briefings/{}", f.trim_end_matches("index.html")))
        .collect();
    let reached: BTreeSet<String> = seen.iter().filter(|u| u.ends_with('/')).cloned().collect();
    assert_eq!(pages, reached, "every page is reachable from the home page");
    for page in [
        "/briefings/chronology/",
        "/briefings/2022/W03/",
        "/briefings/2021/W52/",
        "/briefings/2022/01/",
        "/briefings/authors/geneva-correspondent/",
    ] {
        assert!(reached.contains(page), "{page} not reached");
    }
    assert!(
        reached.contains("/briefings/actors/antony-blinken/with/sergey-lavrov/"),
        "the crawl reaches pair pages: {reached:?}"
    );
    // An image beside a bundle article, copied beside its page.
    assert!(
        seen.contains("/briefings/2022/01/21/where-the-geneva-talks-were-held/venue-map.png"),
        "the bundle's image is not reached"
    );
    assert_eq!(request(port, "GET", "/briefings/no/such/page/").status, 404);
}
