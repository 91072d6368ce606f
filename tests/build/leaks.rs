//! A scheduled, expired or draft article leaks nowhere: not one word of it
//! in any output file (pages, lists, counts, calendars, weeks, chronology,
//! feeds, sitemap, search index, /data, related briefings, "referred to
//! by", pair pages, term pages, mention links, redirects), and the output
//! is byte for byte the output of the site without it.

use std::path::Path;

use crate::scheduling::build_at;
use crate::support::*;

/// Published articles that share actors, places and tags with the
/// articles kept back, and mention the kept-back actor's name.
fn published() -> TestSite {
    TestSite::new()
        .file(
            "site.yaml",
            "title: Desk\nbase_url: https://desk.example.org/\n",
        )
        .file(
            "content/actors/ulvenhart-dask.md",
            "---\nname: Ulvenhart Dask\naliases: [Dasky Ulv]\nimage: dskphoto.png\nimage_alt: Ulvenhart Dask speaking\nrole: Envoy\n---\nCareer diplomat.\n",
        )
        .file("content/actors/dskphoto.png", png(4, 4))
        .file(
            "content/actors/antony-blinken.md",
            "---\nname: Antony Blinken\n---\nSecretary of State.\n",
        )
        .file(
            "content/2022/a.md",
            "---\ntitle: Talks in Geneva\ndate: 2022-01-18\nactors: [Antony Blinken, Sergey Lavrov]\nplaces: [Geneva]\ntags: [diplomacy]\nmilestone: Geneva round opens\n---\nBlinken met Lavrov.\n",
        )
        .file(
            "content/2022/b.md",
            "---\ntitle: Calls with Kyiv\ndate: 2022-01-19\nactors: [Antony Blinken]\nplaces: [Kyiv]\ntags: [security]\n---\nSee [the talks](a.md).\n",
        )
}

/// The same site with a scheduled, an expired and a draft article, each
/// with words found nowhere else.
fn with_kept_back() -> TestSite {
    published()
        .file(
            "content/2022/scheduled.md",
            "---\ntitle: Quorvex summit readout\ndate: 2022-01-21T14:30:00Z\nactors: [Antony Blinken, Sergey Lavrov, Ulvenhart Dask]\nplaces: [Geneva, Brindlemoor]\ntags: [diplomacy, zanthic]\nsummary: Snarquist envoys agree.\nmilestone: Trevallic pact signed\naliases: [/old/pelquor/]\n---\nFlimbarrow terms, as [before](a.md). Dasky Ulv spoke.\n",
        )
        .file(
            "content/2022/expired.md",
            "---\ntitle: Morvanthe notice\ndate: 2022-01-10\nexpires: 2022-01-20\nactors: [Antony Blinken, Wessolin Carr]\nplaces: [Ostravelle]\ntags: [gribbon]\nmilestone: Kestrelwick moment\n---\nA Pravenhold notice; see [Geneva](a.md).\n",
        )
        .file(
            "content/2022/draft.md",
            "---\ntitle: Yavrosk memo\ndate: 2022-01-12\ndraft: true\nactors: [Sergey Lavrov, Hexley Tarn]\nplaces: [Plenthorne]\ntags: [draftonly]\n---\nQuillomer notes on [Geneva](a.md).\n",
        )
}

/// Words of the kept-back articles (title, body, summary, milestone,
/// actors, places, tags, alias), and their slugs.
const SECRETS: &[&str] = &[
    "quorvex",
    "snarquist",
    "trevallic",
    "flimbarrow",
    "brindlemoor",
    "zanthic",
    "pelquor",
    "ulvenhart",
    "dask",
    "dasky",
    "dskphoto",
    "morvanthe",
    "kestrelwick",
    "pravenhold",
    "wessolin",
    "ostravelle",
    "gribbon",
    "yavrosk",
    "quillomer",
    "hexley",
    "plenthorne",
    "draftonly",
];

/// The secrets found in any file below `dir`, in its name or its bytes
/// (case-insensitive), as `file: word`.
fn leaks(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for file in files_below(dir) {
        let text = String::from_utf8_lossy(&std::fs::read(dir.join(&file)).unwrap()).to_lowercase();
        let name = file.to_lowercase();
        for word in SECRETS {
            if text.contains(word) || name.contains(word) {
                found.push(format!("{file}: {word}"));
            }
        }
    }
    found
}

const BEFORE: &str = "2022-01-21T14:29:00Z";

#[test]
fn kept_back_articles_leak_into_no_output_file() {
    let site = with_kept_back();
    let run = build_at(site.root(), BEFORE, &[]);
    assert!(run.stdout.contains("built 2 articles"), "{}", run.stdout);
    let files = files_below(&site.public());
    assert!(files.len() > 40, "{files:?}");
    assert_eq!(leaks(&site.public()), Vec::<String>::new());
    // Not even a count or a date: the output is the output without them.
    let bare = published();
    build_at(bare.root(), BEFORE, &[]);
    assert_eq!(files, files_below(&bare.public()));
    for file in &files {
        assert!(
            std::fs::read(site.public().join(file)).unwrap()
                == std::fs::read(bare.public().join(file)).unwrap(),
            "{file} differs from the site without the kept-back articles"
        );
    }
    // The secret words are really there to find once published.
    build_at(site.root(), "2022-01-21T14:30:00Z", &["--drafts"]);
    let found = leaks(&site.public());
    for word in [
        "quorvex",
        "flimbarrow",
        "brindlemoor",
        "ulvenhart",
        "pelquor",
        "yavrosk",
    ] {
        assert!(
            found.iter().any(|f| f.ends_with(&format!(": {word}"))),
            "{word} is not in the output once published: the test would not see a leak"
        );
    }
    assert!(site.has("actors/ulvenhart-dask/dskphoto.png"));
    assert!(site.has("old/pelquor/index.html"));
}

#[test]
fn a_draft_leaks_nowhere_either() {
    let site = published().file(
        "content/2022/draft.md",
        "---\ntitle: Yavrosk memo\ndate: 2022-01-12\ndraft: true\nactors: [Ulvenhart Dask]\nplaces: [Plenthorne]\n---\nQuillomer notes.\n",
    );
    build_at(site.root(), BEFORE, &[]);
    assert_eq!(leaks(&site.public()), Vec::<String>::new());
    assert!(!site.has("actors/ulvenhart-dask/index.html"));
}

#[test]
fn kept_back_articles_of_a_second_language_leak_into_no_output_file() {
    // The same kept-back articles, in Russian (`content/ru/`), on a
    // bilingual desk whose Russian side also has a published briefing.
    let site = |kept_back: bool| {
        let mut site = published()
            .file(
                "site.yaml",
                "title: Desk\nbase_url: https://desk.example.org/\nlanguages: [en, ru]\n",
            )
            .file(
                "content/ru/2022/a.md",
                "---\ntitle: Переговоры в Женеве\ndate: 2022-01-18\nactors: [Antony Blinken, Sergey Lavrov]\nplaces: [Geneva]\ntags: [diplomacy]\n---\nБлинкен встретился с Лавровым.\n",
            );
        if kept_back {
            for (name, text) in with_kept_back_files() {
                site = site.file(&format!("content/ru/2022/{name}"), text);
            }
        }
        site
    };
    let kept = site(true);
    build_at(kept.root(), BEFORE, &[]);
    assert!(kept.has("ru/index.html"));
    assert_eq!(leaks(&kept.public()), Vec::<String>::new());
    let bare = site(false);
    build_at(bare.root(), BEFORE, &[]);
    let files = files_below(&kept.public());
    assert_eq!(files, files_below(&bare.public()));
    for file in &files {
        assert!(
            std::fs::read(kept.public().join(file)).unwrap()
                == std::fs::read(bare.public().join(file)).unwrap(),
            "{file} differs from the site without the kept-back articles"
        );
    }
    // Once published, they are there to find, below /ru/.
    build_at(kept.root(), "2022-01-21T14:30:00Z", &["--drafts"]);
    let found = leaks(&kept.public());
    for word in ["quorvex", "flimbarrow", "yavrosk"] {
        assert!(
            found
                .iter()
                .any(|f| f.starts_with("ru/") && f.ends_with(&format!(": {word}"))),
            "{word} is not below ru/ once published: {found:?}"
        );
    }
}

/// The kept-back articles of [`with_kept_back`], by file name.
fn with_kept_back_files() -> Vec<(&'static str, String)> {
    let site = with_kept_back();
    ["scheduled.md", "expired.md", "draft.md"]
        .into_iter()
        .map(|name| {
            let text =
                std::fs::read_to_string(site.root().join("content/2022").join(name)).unwrap();
            (name, text)
        })
        .collect()
}
