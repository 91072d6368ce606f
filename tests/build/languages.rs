//! Desks in other languages: the theme's words, dates and counts in the
//! site's `language:`, the site's own `i18n/<lang>.yaml`, and right to left.

use crate::support::*;
use briefing::i18n::{Message, Translations};

/// A small desk written in French, so nothing English can come from the
/// content: two days, actors with a profile, a place, a topic, a milestone,
/// a correction and a body long enough for a reading time.
fn french_desk(language: &str) -> TestSite {
    let long_body =
        "Les ministres ont poursuivi leurs échanges sur la sécurité européenne. ".repeat(30);
    TestSite::new()
        .file(
            "site.yaml",
            format!("title: Bureau\ndescription: Notes du bureau\nlanguage: {language}\n"),
        )
        .file(
            "content/2022/a.md",
            format!(
                "---\ntitle: Rencontre à Genève\ndate: 2022-01-21\nactors: [Marie Curie, Jean Moulin]\nplaces: [Genève]\ntags: [diplomatie]\nmilestone: La rencontre\ncorrections:\n  - date: 2022-01-22\n    text: Le lieu était faux.\n---\n{long_body}\n"
            ),
        )
        .file(
            "content/2022/b.md",
            "---\ntitle: Suite des échanges\ndate: 2022-02-03\nactors: [Marie Curie, Jean Moulin]\nplaces: [Genève]\ntags: [diplomatie]\n---\nUne autre note, plus courte.\n",
        )
        .file(
            "content/actors/marie-curie.md",
            "---\nname: Marie Curie\nrole: Physicienne\n---\nUne physicienne.\n",
        )
}

/// The English theme's phrases: each English string cut at its `{...}`
/// placeholders, the pieces that are words (four letters or more) and that
/// the other language does not share (`Date`, `Organisations`...).
fn english_phrases(other: &Translations) -> Vec<String> {
    let english = Translations::built_in("en");
    let texts = |t: &Translations, key: &str| -> Vec<String> {
        match t.message(key) {
            Some(Message::Text(text)) => vec![text.clone()],
            Some(Message::Plural(forms)) => forms.iter().map(|(_, v)| v.clone()).collect(),
            None => Vec::new(),
        }
    };
    let theirs: Vec<String> = other.keys().iter().flat_map(|k| texts(other, k)).collect();
    let mut phrases = Vec::new();
    for key in english.keys() {
        for text in texts(&english, key) {
            for piece in text.split(['{', '}']).step_by(2) {
                let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
                if piece.chars().filter(|c| c.is_alphabetic()).count() >= 4
                    && !theirs.iter().any(|t| t.contains(piece))
                    && !phrases.iter().any(|p| p == piece)
                {
                    phrases.push(piece.to_string());
                }
            }
        }
    }
    phrases
}

/// What a reader sees of a page: its text (outside scripts and styles)
/// and the attributes read out or shown (`aria-label`, `title`, `alt`,
/// `placeholder`, `content`).
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push('\n');
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..open + close + 1];
        for attr in [
            "aria-label=\"",
            "title=\"",
            "alt=\"",
            "placeholder=\"",
            "content=\"",
        ] {
            for (at, _) in tag.match_indices(attr) {
                let value = &tag[at + attr.len()..];
                let value = &value[..value.find('"').unwrap_or(0)];
                // Addresses (`og:url`) are not words.
                if !value.starts_with('/') && !value.starts_with("http") {
                    out.push_str(value);
                }
                out.push('\n');
            }
        }
        rest = &rest[open + close + 1..];
        for skipped in ["<script", "<style"] {
            if tag.starts_with(skipped) {
                let end = format!("</{}", &skipped[1..]);
                rest = &rest[rest.find(&end).unwrap_or(0)..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn no_english_theme_string(site: &TestSite, language: &str) {
    no_english_theme_string_below(site, language, |_| true);
}

/// No page of `site` that `which` picks (by its path in the output)
/// shows an English phrase of the theme that `language` does not share.
pub fn no_english_theme_string_below(site: &TestSite, language: &str, which: fn(&str) -> bool) {
    let phrases = english_phrases(&Translations::built_in(language));
    assert!(
        phrases.iter().any(|p| p == "Related briefings"),
        "{phrases:?}"
    );
    let pages: Vec<String> = files_below(&site.public())
        .into_iter()
        .filter(|p| p.ends_with(".html") && which(p))
        .collect();
    assert!(pages.len() > 15, "{pages:?}");
    for page in pages {
        let text = visible(&site.page(&page));
        for phrase in &phrases {
            assert!(
                !text.contains(phrase.as_str()),
                "{language}: {page} shows the English `{phrase}`:\n{text}"
            );
        }
    }
}

#[test]
fn a_french_site_shows_no_english_theme_string_and_french_dates() {
    let site = french_desk("fr");
    site.build(&[]);
    no_english_theme_string(&site, "fr");
    let article = site.page("2022/01/21/rencontre-a-geneve/index.html");
    assert!(article.contains(">21 janvier 2022</time>"), "{article}");
    assert!(article.contains("min de lecture"), "{article}");
    assert!(article.contains("<h2 id=\"corrections-title\">Corrections</h2>"));
    let month = site.page("2022/01/index.html");
    assert!(
        month.contains("<h1 class=\"page-title\">Janvier 2022</h1>"),
        "{month}"
    );
    assert!(
        month.contains("<abbr title=\"lundi\">lun.</abbr>"),
        "{month}"
    );
    let actor = site.page("actors/marie-curie/index.html");
    assert!(actor.contains("2 notes"), "{actor}");
    let home = site.page("index.html");
    assert!(home.contains("<html lang=\"fr\">"));
    let pair = site.page("actors/jean-moulin/with/marie-curie/index.html");
    assert!(pair.contains("2 notes en commun"), "{pair}");
    assert!(site.page("atom.xml").contains("xml:lang=\"fr\""));
    // The search script's words travel in the page, plural forms and all.
    let search = site.page("search/index.html");
    assert!(search.contains("data-strings=\"{"), "{search}");
    assert!(search.contains("Aucune note ne correspond."), "{search}");
    assert!(search.contains("{count} notes correspondent."), "{search}");
}

#[test]
fn an_arabic_site_is_right_to_left_in_arabic_with_western_digits() {
    let site = french_desk("ar");
    site.build(&[]);
    no_english_theme_string(&site, "ar");
    let home = site.page("index.html");
    assert!(
        home.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"),
        "{home}"
    );
    let article = site.page("2022/01/21/rencontre-a-geneve/index.html");
    assert!(article.contains(">21 يناير 2022</time>"), "{article}");
    // Two briefings take Arabic's dual form.
    let actor = site.page("actors/marie-curie/index.html");
    assert!(actor.contains("إحاطتان"), "{actor}");
    // The activity chart runs right to left: January's bar is to the right
    // of February's.
    let bars = |html: &str| -> Vec<f64> {
        html.split("<rect x=\"")
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
            .collect()
    };
    let arabic = bars(&site.page("archive/index.html"));
    assert_eq!(arabic.len(), 2);
    assert!(arabic[0] > arabic[1], "{arabic:?}");
    let site = french_desk("en");
    site.build(&[]);
    let english = bars(&site.page("archive/index.html"));
    assert!(english[0] < english[1], "{english:?}");
}

#[test]
fn russian_dates_use_genitive_months_and_counts_their_plural_forms() {
    let site = french_desk("ru");
    site.build(&[]);
    let article = site.page("2022/01/21/rencontre-a-geneve/index.html");
    assert!(article.contains(">21 января 2022</time>"), "{article}");
    let month = site.page("2022/01/index.html");
    assert!(
        month.contains("<h1 class=\"page-title\">Январь 2022</h1>"),
        "{month}"
    );
    let actor = site.page("actors/marie-curie/index.html");
    assert!(actor.contains("2 материала"), "{actor}");
}

#[test]
fn an_english_site_keeps_its_left_to_right_pages() {
    let site = french_desk("en");
    site.build(&[]);
    let home = site.page("index.html");
    assert!(
        home.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{home}"
    );
    assert!(
        site.page("2022/01/index.html")
            .contains("<h1 class=\"page-title\">January 2022</h1>")
    );
}

#[test]
fn the_sites_i18n_file_overrides_strings_and_warns_of_unknown_keys() {
    let site = french_desk("fr").file(
        "i18n/fr.yaml",
        "nav_latest: À lire\nlastest_briefings: Les dernières\nbriefings:\n  one: \"{count} dépêche\"\n  other: \"{count} dépêches\"\n  ohter: x\n",
    );
    let run = site.build(&[]);
    let home = site.page("index.html");
    assert!(home.contains("aria-current=\"page\">À lire</a>"), "{home}");
    assert!(
        site.page("actors/marie-curie/index.html")
            .contains("2 dépêches")
    );
    assert!(
        run.stderr.contains(
            "i18n/fr.yaml:2:1: warning: unknown key `lastest_briefings` is ignored; did you mean `latest_briefings`?"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning: `briefings`: unknown plural form `ohter` is ignored"),
        "{}",
        run.stderr
    );
    // The built-in string stays where the misspelt key meant to change it.
    assert!(home.contains("Dernières notes"), "{home}");
}

#[test]
fn a_bad_i18n_value_is_an_error_at_its_line() {
    let site = french_desk("fr").file("i18n/fr.yaml", "nav_latest: [a, b]\n");
    let run = site.run(&["build"]);
    assert!(!run.success);
    assert!(
        run.stderr.starts_with(
            "i18n/fr.yaml:1:13: error: `nav_latest` must be text or a mapping of plural forms"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_translation_key_in_a_site_template_is_an_error() {
    let site = french_desk("fr").file(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ t(key=\"not_fund\") }}{% endblock main %}",
    );
    let run = site.run(&["build"]);
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("unknown translation key `not_fund`; did you mean `not_found`?"),
        "{}",
        run.stderr
    );
}
