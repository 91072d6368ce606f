//! Each kind of edit patched into a site equals the site built from
//! scratch after it: every index, and the same problems.

use std::path::Path;
use std::sync::Arc;

use super::{Inputs, apply};
use crate::error::Diagnostic;
use crate::load::publication::Rules;
use crate::load::{self, Article, Content};
use crate::model::{Site, authors, build, spelling};

/// A small site: four days over two months, actors shared among
/// articles, places, tags, authors, a milestone, an alias, links by
/// file, and a profile.
const FILES: &[(&str, &str)] = &[
    (
        "site.yaml",
        "title: Desk\nbase_url: https://example.org/\npage_size: 2\n",
    ),
    (
        "content/actors/ilse-marek.md",
        "---\nname: Ilse Marek\naliases: [I. Marek]\n---\nEnvoy.\n",
    ),
    (
        "content/2022/a.md",
        "---\ntitle: Alpha talks\ndate: 2022-01-18\nactors: [Ilse Marek, Tomas Ardan]\nplaces: [Geneva]\ntags: [talks]\n---\nBody of alpha, see [beta](b.md).\n",
    ),
    (
        "content/2022/b.md",
        "---\ntitle: Beta ceasefire\ndate: 2022-01-18\nactors: [Tomas Ardan, Vera Kaluova]\nplaces: [Geneva, Vienna]\nmilestone: Ceasefire agreed\n---\nBody of beta.\n",
    ),
    (
        "content/2022/c.md",
        "---\ntitle: Gamma summit\ndate: 2022-01-18\nactors: [Ilse Marek, Vera Kaluova, Tomas Ardan]\nplaces: [Vienna]\nauthors: [Ana Ruiz]\n---\nBody of gamma.\n",
    ),
    (
        "content/2022/d.md",
        "---\ntitle: Delta vote\ndate: 2022-01-25\nactors: [Ilse Marek]\ntags: [vote, talks]\naliases: [/old/delta/]\n---\nBody of delta, back to [alpha](a.md).\n",
    ),
    (
        "content/2022/e.md",
        "---\ntitle: Epsilon report\ndate: 2022-02-03\nactors: [Vera Kaluova, Oskar Lind]\nplaces: [Oslo]\n---\nBody of epsilon.\n",
    ),
    (
        "content/2022/f.md",
        "---\ntitle: Zeta note\ndate: 2022-02-03\nactors: [Oskar Lind, Tomas Ardan]\ntags: [vote]\n---\nBody of zeta.\n",
    ),
];

/// The site in `root` loaded and built as the preview does.
fn built(root: &Path) -> (Site, Vec<Diagnostic>, Content) {
    let rules = Rules::at(chrono::Utc::now());
    let (content, _) = load::load(root, &rules);
    let (mut site, mut problems) = build(
        content.config.clone(),
        content.articles.clone(),
        content.profiles.clone(),
        content.publication.clone(),
    );
    authors::attach(&mut site, content.authors.clone());
    problems.extend(spelling::check(&site.articles, site.actors()));
    (site, problems, content)
}

use crate::test_support::write;

/// What a site's indexes are, as text (settings, translations and
/// publication left out: a patch does not change them).
fn indexes(site: &Site) -> String {
    format!(
        "{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}",
        site.articles,
        site.terms,
        site.years,
        site.weeks,
        site.milestones,
        site.relations,
        site.aliases,
        site.authors,
        site.unlisted_images,
        site.publication.early,
    )
}

/// Fails at the first line where the patched site differs from the
/// fresh one, with a few lines around it.
fn same(patched: &str, fresh: &str, edits: &[(&str, Option<&str>)]) {
    let (a, b): (Vec<&str>, Vec<&str>) = (patched.lines().collect(), fresh.lines().collect());
    if let Some(at) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        let from = at.saturating_sub(12);
        panic!(
            "after {edits:?}, line {at}:\npatched:\n{}\nfresh:\n{}",
            a[from..(at + 3).min(a.len())].join("\n"),
            b[from..(at + 3).min(b.len())].join("\n")
        );
    }
}

fn sorted(problems: &[Diagnostic]) -> Vec<String> {
    let mut all: Vec<String> = problems.iter().map(|p| format!("{p:?}")).collect();
    all.sort();
    all
}

fn find(articles: &[Arc<Article>], file: &str) -> Option<Arc<Article>> {
    articles.iter().find(|a| a.file == file).cloned()
}

/// An edit: each file with its new text, or `None` to delete it.
type Edits<'a> = &'a [(&'a str, Option<&'a str>)];

/// Applies `edits` (file, new text or `None` to delete) to the sample
/// site, patches the model with the articles that changed, and checks it
/// against the model built again.
fn check(edits: Edits<'_>) {
    check_steps(&[edits]);
}

/// [`check`] for edits made one after the other, the model patched after
/// each (what a patch keeps for the next one included) and checked.
fn check_steps(steps: &[Edits<'_>]) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (rel, text) in FILES {
        write(root, rel, text);
    }
    let (mut site, _, _) = built(root);
    for edits in steps {
        for (rel, text) in edits.iter() {
            match text {
                Some(text) => write(root, rel, text),
                None => std::fs::remove_file(root.join(rel)).unwrap(),
            }
        }
        let (fresh, problems, after) = built(root);
        let mut removed = Vec::new();
        let mut added = Vec::new();
        for (rel, _) in edits.iter() {
            let file = rel.trim_start_matches("content/");
            let shown = site.articles.iter().map(|e| e.article.clone());
            removed.extend(find(&shown.collect::<Vec<_>>(), file));
            added.extend(find(&after.articles, file));
        }
        let inputs = Inputs {
            profiles: &after.profiles,
            authors: &after.authors,
        };
        let applied = apply(&mut site, &removed, &added, &inputs).expect("patched");
        same(&indexes(&site), &indexes(&fresh), edits);
        assert_eq!(
            sorted(&applied.problems),
            sorted(&problems),
            "after {edits:?}"
        );
        for (k, article) in added.iter().enumerate() {
            assert!(Arc::ptr_eq(
                &site.articles[applied.added[k]].article,
                article
            ));
        }
    }
}

fn edited(file: &str, from: &str, to: &str) -> String {
    let text = FILES.iter().find(|(rel, _)| *rel == file).unwrap().1;
    assert!(text.contains(from), "{from}");
    text.replace(from, to)
}

#[test]
fn a_retitle_that_reorders_the_day() {
    let text = edited("content/2022/a.md", "Alpha talks", "Omega talks");
    check(&[("content/2022/a.md", Some(&text))]);
}

#[test]
fn a_date_moved_across_weeks_and_months() {
    let text = edited("content/2022/a.md", "2022-01-18", "2022-02-03");
    check(&[("content/2022/a.md", Some(&text))]);
}

#[test]
fn an_actor_added_that_no_article_named() {
    let text = edited(
        "content/2022/d.md",
        "[Ilse Marek]",
        "[Ilse Marek, Nadia Toro]",
    );
    check(&[("content/2022/d.md", Some(&text))]);
}

#[test]
fn an_actor_added_that_changes_the_order_of_actors() {
    let text = edited(
        "content/2022/e.md",
        "Oskar Lind]",
        "Oskar Lind, Ilse Marek]",
    );
    check(&[("content/2022/e.md", Some(&text))]);
}

#[test]
fn an_actor_removed_so_it_has_no_article() {
    let e = edited("content/2022/e.md", ", Oskar Lind]", "]");
    let f = edited(
        "content/2022/f.md",
        "[Oskar Lind, Tomas Ardan]",
        "[Tomas Ardan]",
    );
    check(&[
        ("content/2022/e.md", Some(&e)),
        ("content/2022/f.md", Some(&f)),
    ]);
}

#[test]
fn places_and_tags_changed() {
    let text = edited(
        "content/2022/c.md",
        "places: [Vienna]",
        "places: [Oslo, Geneva]\ntags: [summit]",
    );
    check(&[("content/2022/c.md", Some(&text))]);
}

#[test]
fn a_milestone_aliases_and_authors_added() {
    let text = edited(
        "content/2022/f.md",
        "tags: [vote]",
        "tags: [vote]\nmilestone: Vote held\naliases: [/old/zeta/]\nauthors: [Ana Ruiz, Ben Okafor]",
    );
    check(&[("content/2022/f.md", Some(&text))]);
}

#[test]
fn a_draft_leaves_the_site() {
    let text = edited("content/2022/b.md", "milestone:", "draft: true\nmilestone:");
    check(&[("content/2022/b.md", Some(&text))]);
}

#[test]
fn a_new_article_and_a_deleted_one() {
    let new = "---\ntitle: Eta brief\ndate: 2022-01-18\nactors: [Vera Kaluova, Nadia Toro]\nplaces: [Geneva]\n---\nSee [alpha](a.md).\n";
    check(&[("content/2022/g.md", Some(new))]);
    check(&[("content/2022/c.md", None)]);
}

#[test]
fn a_renamed_file() {
    let text = FILES[4].1;
    check(&[
        ("content/2022/c.md", None),
        ("content/2022/c2.md", Some(text)),
    ]);
}

#[test]
fn a_patch_refuses_an_article_not_in_the_site() {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in FILES {
        write(dir.path(), rel, text);
    }
    let (mut site, _, content) = built(dir.path());
    let stranger = Arc::new(Article::clone(&content.articles[0]));
    let inputs = Inputs {
        profiles: &content.profiles,
        authors: &content.authors,
    };
    assert!(apply(&mut site, &[stranger], &[], &inputs).is_none());
}

/// A desk of `n` articles on consecutive days whose actors and places
/// come from small pools (so each actor's list is long and related
/// briefings are chosen among neighbours in time), as files.
fn crowded(n: usize) -> Vec<(String, String)> {
    let actors = [
        "Ilse Marek",
        "Tomas Ardan",
        "Vera Kaluova",
        "Oskar Lind",
        "Nadia Toro",
    ];
    let places = ["Geneva", "Vienna", "Oslo"];
    let mut seed = 7u64;
    let mut next = |below: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % below
    };
    let mut files = vec![("site.yaml".to_string(), "title: Desk\n".to_string())];
    let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    for i in 0..n {
        let date = start + chrono::Days::new(i as u64);
        let first = actors[next(actors.len())];
        let second = actors[next(actors.len())];
        let place = places[next(places.len())];
        files.push((
            format!("content/{i:03}.md"),
            format!(
                "---\ntitle: Report {i}\ndate: {date}\nactors: [{first}, {second}]\nplaces: [{place}]\n---\nBody {i}.\n"
            ),
        ));
    }
    files
}

/// [`check`] on the crowded desk.
fn check_crowded(edit: impl Fn(&Path)) {
    check_site(crowded(60), &[&edit]);
}

/// [`check_steps`] on the site `files`, each step editing its folder;
/// the articles whose front matter changed (or that came or went) are
/// those patched in.
fn check_site(files: Vec<(String, String)>, steps: &[&dyn Fn(&Path)]) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (rel, text) in files {
        write(root, &rel, &text);
    }
    let (mut site, _, _) = built(root);
    for (step, edit) in steps.iter().enumerate() {
        edit(root);
        let (fresh, problems, after) = built(root);
        let same_as = |a: &Article, b: &Article| a.file == b.file && a.matter == b.matter;
        let removed: Vec<Arc<Article>> = site
            .articles
            .iter()
            .map(|e| e.article.clone())
            .filter(|a| !after.articles.iter().any(|b| same_as(a, b)))
            .collect();
        let added: Vec<Arc<Article>> = after
            .articles
            .iter()
            .filter(|b| !site.articles.iter().any(|e| same_as(&e.article, b)))
            .cloned()
            .collect();
        let inputs = Inputs {
            profiles: &after.profiles,
            authors: &after.authors,
        };
        let applied = apply(&mut site, &removed, &added, &inputs).expect("patched");
        same(
            &indexes(&site),
            &indexes(&fresh),
            &[("step", Some(&step.to_string()))],
        );
        assert_eq!(sorted(&applied.problems), sorted(&problems), "step {step}");
    }
}

/// A desk around one actor, "Hub", who appears with "Co 01" in one
/// article, "Co 02" in two... "Co 13" in thirteen (its top ten co-actors
/// are 13 down to 4), in one place per article among twelve ("Town 01"
/// ... "Town 12", each as often as its number); and "Xena" appears once
/// with "Yara" and once with "Zed", who each have two articles more
/// alone (Yara before Zed among the actors, by name).
fn hub() -> Vec<(String, String)> {
    let mut files = vec![("site.yaml".to_string(), "title: Desk\n".to_string())];
    let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let mut n = 0;
    let mut add = |actors: &str, place: &str| {
        let date = start + chrono::Days::new(n as u64);
        files.push((
            format!("content/{n:03}.md"),
            format!("---\ntitle: Report {n}\ndate: {date}\nactors: [{actors}]\nplaces: [{place}]\n---\nBody.\n"),
        ));
        n += 1;
    };
    let mut town = 0;
    for k in 1..=13 {
        for _ in 0..k {
            let place = format!("Town {:02}", town % 12 + 1);
            town += 1;
            add(&format!("Hub, Co {k:02}"), &place);
        }
    }
    add("Xena, Yara", "Oslo");
    add("Xena, Zed", "Oslo");
    for _ in 0..2 {
        add("Yara", "Bern");
        add("Zed", "Bern");
    }
    files
}

/// Rewrites `content/<file>` with `from` replaced by `to`.
fn replace(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join("content").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file}: {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn co_actors_and_places_follow_their_top_ten_boundary() {
    check_site(
        hub(),
        &[
            // "Co 03" ties "Co 04" (four shared) and comes first by name:
            // into Hub's top ten, "Co 04" out.
            &|root| replace(root, "000.md", "Hub, Co 01", "Hub, Co 01, Co 03"),
            // "Co 04" gets a fifth article alone: ahead of "Co 03" among
            // the actors, so back into Hub's top ten (Hub untouched).
            &|root| {
                write(
                    root,
                    "content/151.md",
                    "---\ntitle: Co alone\ndate: 2022-05-02\nactors: [Co 04]\n---\nBody.\n",
                )
            },
            // Zed gets a fourth article alone: ahead of Yara among the
            // actors, so Xena (untouched) lists Zed first.
            &|root| {
                write(
                    root,
                    "content/150.md",
                    "---\ntitle: Zed alone\ndate: 2022-05-01\nactors: [Zed]\n---\nBody.\n",
                )
            },
            // An article of Hub and "Co 13" deleted.
            &|root| std::fs::remove_file(root.join("content/090.md")).unwrap(),
            // Hub's places: a thirteenth town, then towns moved.
            &|root| replace(root, "001.md", "Town 02", "Town 13, Town 02"),
            &|root| replace(root, "002.md", "Town 03", "Town 01"),
            &|root| replace(root, "003.md", "[Town 04]", "[Oslo]"),
            // A new article of Hub with "Co 02" and Xena.
            &|root| {
                write(
                    root,
                    "content/200.md",
                    "---\ntitle: Late\ndate: 2022-06-01\nactors: [Co 02, Hub, Xena]\nplaces: [Town 11]\n---\nBody.\n",
                )
            },
        ],
    );
}

#[test]
fn related_briefings_of_neighbours_follow_a_deleted_article() {
    for gone in (0..60).step_by(4) {
        check_crowded(|root| {
            std::fs::remove_file(root.join(format!("content/{gone:03}.md"))).unwrap()
        });
    }
}

#[test]
fn related_briefings_of_neighbours_follow_an_article_leaving_a_place() {
    for moved in (1..60).step_by(5) {
        check_crowded(|root| {
            let path = root.join(format!("content/{moved:03}.md"));
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text.replace("places: [Geneva]", "places: [Bern]");
            let text = text.replace("places: [Vienna]", "places: [Bern]");
            std::fs::write(&path, text.replace("places: [Oslo]", "places: [Bern]")).unwrap();
        });
    }
}

#[test]
fn edits_one_after_the_other_keep_the_indexes_a_build_makes() {
    let retitled = edited("content/2022/a.md", "Alpha talks", "Omega talks");
    let moved = edited("content/2022/a.md", "2022-01-18", "2022-02-03");
    let actor = edited(
        "content/2022/d.md",
        "[Ilse Marek]",
        "[Ilse Marek, Nadia Toro]",
    );
    let back = edited("content/2022/d.md", "[Ilse Marek]", "[Nadia Toro]");
    let new = "---\ntitle: Eta brief\ndate: 2022-01-18\nactors: [Vera Kaluova, Nadia Toro]\nplaces: [Geneva]\n---\nSee [alpha](a.md).\n";
    check_steps(&[
        &[("content/2022/a.md", Some(&retitled))],
        &[("content/2022/d.md", Some(&actor))],
        &[("content/2022/g.md", Some(new))],
        &[("content/2022/a.md", Some(&moved))],
        &[("content/2022/d.md", Some(&back))],
        &[("content/2022/g.md", None)],
        &[("content/2022/c.md", None)],
    ]);
}

#[test]
fn a_spelling_that_differs_in_case_comes_and_goes() {
    // "tomas ardan" is taken to be "Tomas Ardan" with a warning; when it
    // is used more, it becomes the name, and the warning turns around.
    let lower = edited("content/2022/f.md", "Tomas Ardan]", "tomas ardan]");
    let lower_c = edited(
        "content/2022/c.md",
        "Vera Kaluova, Tomas Ardan]",
        "Vera Kaluova, tomas ardan]",
    );
    let lower_b = edited("content/2022/b.md", "[Tomas Ardan,", "[tomas ardan,");
    check_steps(&[
        &[("content/2022/f.md", Some(&lower))],
        &[("content/2022/c.md", Some(&lower_c))],
        &[("content/2022/b.md", Some(&lower_b))],
        // b was the first file using "tomas ardan": now c is.
        &[("content/2022/b.md", Some(FILES[3].1))],
        &[("content/2022/f.md", Some(FILES[7].1))],
        &[("content/2022/c.md", None)],
    ]);
}

#[test]
fn an_article_listing_one_actor_twice_through_an_alias() {
    let twice = edited(
        "content/2022/d.md",
        "[Ilse Marek]",
        "[Ilse Marek, I. Marek]",
    );
    check_steps(&[
        &[("content/2022/d.md", Some(&twice))],
        &[("content/2022/a.md", None)],
        &[("content/2022/d.md", None)],
    ]);
}

#[test]
fn links_by_file_follow_a_deleted_and_a_renamed_target() {
    // d links to a: a renamed, then d's link broken (an error the patch
    // reports as a build does), then a back.
    let a = FILES[2].1;
    let d_to_b = edited("content/2022/d.md", "[alpha](a.md)", "[beta](b.md#body)");
    check_steps(&[
        &[("content/2022/a.md", None), ("content/2022/a2.md", Some(a))],
        &[("content/2022/a2.md", None)],
        &[("content/2022/a.md", Some(a))],
        &[(
            "content/2022/b.md",
            Some(&edited(
                "content/2022/b.md",
                "Body of beta.",
                "## Body\n\nBody of beta.",
            )),
        )],
        &[("content/2022/d.md", Some(&d_to_b))],
        &[("content/2022/b.md", Some(FILES[3].1))],
    ]);
}

#[test]
fn a_stray_spelling_comes_changes_and_goes() {
    // "Tomas Ardann" is probably "Tomas Ardan" (another transliteration):
    // its warning lists where both are used, so it changes when either
    // is edited, even when no actor moves among the others.
    let stray = edited(
        "content/2022/e.md",
        "Oskar Lind]",
        "Oskar Lind, Tomas Ardann]",
    );
    let date = edited("content/2022/a.md", "2022-01-18", "2022-01-19");
    let moved_line = edited(
        "content/2022/b.md",
        "title: Beta",
        "corrections: []\ntitle: Beta",
    );
    let also = edited(
        "content/2022/d.md",
        "[Ilse Marek]",
        "[Ilse Marek, Tomas Ardann]",
    );
    check_steps(&[
        &[("content/2022/e.md", Some(&stray))],
        &[("content/2022/a.md", Some(&date))],
        &[("content/2022/b.md", Some(&moved_line))],
        &[("content/2022/d.md", Some(&also))],
        &[("content/2022/e.md", Some(FILES[6].1))],
        &[("content/2022/d.md", None)],
    ]);
}
