//! `briefing new` and `briefing init`: writing a new article or a whole new
//! site from the templates in `src/scaffold/`. Never overwrites anything.

pub mod workflow;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::error::BuildError;
use crate::load::dates;
use crate::model::slug::slugify;

const SITE_YAML: &str = include_str!("scaffold/site.yaml");
const ARTICLE: &str = include_str!("scaffold/article.md");
const ACTOR: &str = include_str!("scaffold/actor.md");
const GITIGNORE: &str = include_str!("scaffold/gitignore");

/// The front-matter line that keeps a new article unpublished.
const DRAFT_LINE: &str = "draft: true  # a draft until you delete this line\n";

/// What a new article is about.
#[derive(Debug, Clone, Default)]
pub struct NewArticle {
    /// Its headline.
    pub title: String,
    /// Its date; today when not given.
    pub date: Option<String>,
    /// Actor names.
    pub actors: Vec<String>,
    /// Place names.
    pub places: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// One sentence for lists and feeds.
    pub summary: Option<String>,
}

/// Writes `content/<year>/<date>-<slug>.md` under `root` with front matter
/// filled in, as a draft; returns its path. Refuses to overwrite, and
/// refuses a `root` that is not a site (no `content/`, no `site.yaml`).
pub fn new_article(
    root: &Path,
    article: &NewArticle,
    today: NaiveDate,
) -> Result<PathBuf, BuildError> {
    crate::site_folder::require_site(root)?;
    let date = match &article.date {
        Some(text) => {
            dates::parse(text)
                .map_err(|why| {
                    BuildError::Usage(format!("--date: {why} (expected {})", dates::EXPECTED))
                })?
                .date
        }
        None => today,
    };
    let slug = slugify(&article.title);
    if slug.is_empty() {
        return Err(BuildError::Usage(format!(
            "the title \"{}\" has no letters or digits to make a URL from",
            article.title
        )));
    }
    let rel = PathBuf::from("content")
        .join(date.year().to_string())
        .join(format!("{}-{slug}.md", date.format("%Y-%m-%d")));
    let text = fill(
        ARTICLE,
        &[
            ("title", &quote(&article.title)),
            ("date", &date.format("%Y-%m-%d").to_string()),
            ("actors", &list(&article.actors)),
            ("places", &list(&article.places)),
            ("tags", &list(&article.tags)),
            ("summary", &summary_line(article.summary.as_deref())),
            ("draft", DRAFT_LINE),
            ("body", "Write the report here, in Markdown."),
        ],
    );
    let path = crate::load::display_path(root, &rel);
    match create_new(&root.join(&rel), &text, &path) {
        Err(BuildError::Refused { path, .. }) => Err(BuildError::Refused {
            reason: "that file already exists (an article with the same title and date); edit it, or give the new article another title or another --date".into(),
            path,
        }),
        other => other.map(|()| path),
    }
}

/// The `summary:` line: the given sentence, else a commented hint.
fn summary_line(summary: Option<&str>) -> String {
    match summary {
        Some(text) => format!("summary: {}", quote(text)),
        None => "# summary: one sentence for lists and feeds (else the first paragraph)".into(),
    }
}

/// What `briefing init` did.
#[derive(Debug)]
pub enum Initialised {
    /// A new site, with the files written.
    Site(Vec<PathBuf>),
    /// An existing site: its Pages workflow written or refreshed, nothing
    /// else touched.
    Workflow(WorkflowChange),
}

/// The Pages workflow of an existing site, before and after `init`.
#[derive(Debug)]
pub struct WorkflowChange {
    /// The workflow file.
    pub path: PathBuf,
    /// Its text before, if it existed.
    pub before: Option<String>,
    /// Its text now.
    pub after: String,
}

/// The workflow file of a site.
const WORKFLOW: &str = ".github/workflows/pages.yml";

/// `briefing init`: in a missing or empty folder, a new site (settings, an
/// example article and actor profile, `.gitignore`, and a GitHub Pages
/// workflow); in an existing site (a folder with `content/` or
/// `site.yaml`), its Pages workflow alone, written or refreshed. The
/// workflow installs this briefing from `repo` (by default the repository
/// this binary was built from, or for a refresh the one the workflow
/// already names). Anything else is refused.
pub fn init(dir: &Path, repo: Option<&str>) -> Result<Initialised, BuildError> {
    // A refresh keeps the repository the site's workflow already names.
    let kept = match repo {
        None if crate::site_folder::is_site(dir) => fs::read_to_string(dir.join(WORKFLOW))
            .ok()
            .and_then(|text| workflow::repository_of(&text)),
        _ => None,
    };
    let repo = repo
        .or(kept.as_deref())
        .unwrap_or(crate::version::repository());
    workflow::check_repo(repo)?;
    let text = workflow::pages_workflow(workflow::Install::Pinned {
        repo,
        commit: crate::version::commit(),
    });
    if crate::site_folder::is_site(dir) {
        return refresh_workflow(dir, text).map(Initialised::Workflow);
    }
    if let Ok(mut entries) = fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(BuildError::Refused {
            path: dir.to_path_buf(),
            reason: "the folder is not empty and is not a briefing site (no content/, no site.yaml); `briefing init` creates a site in a new or empty folder, or refreshes the Pages workflow of an existing site".into(),
        });
    }
    new_site(dir, text).map(Initialised::Site)
}

/// Writes `text` as the site's workflow, replacing what was there.
fn refresh_workflow(dir: &Path, text: String) -> Result<WorkflowChange, BuildError> {
    let path = dir.join(WORKFLOW);
    let before = match fs::read_to_string(&path) {
        Ok(before) => Some(before),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(BuildError::io("read", &path)(e)),
    };
    if before.as_deref() != Some(text.as_str()) {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(BuildError::io("create folder", parent))?;
        }
        fs::write(&path, &text).map_err(BuildError::io("write", &path))?;
    }
    Ok(WorkflowChange {
        path,
        before,
        after: text,
    })
}

/// The example article, dated as its story, and the example profile of
/// one of its actors, so the new site builds with one briefing on each
/// page it makes.
const EXAMPLE_DATE: &str = "2022-01-21";
const EXAMPLE_PATH: &str = "content/2022/2022-01-21-blinken-and-lavrov-meet-in-geneva.md";

/// The files of a new site in `dir`, with `workflow` as its Pages
/// workflow.
fn new_site(dir: &Path, workflow: String) -> Result<Vec<PathBuf>, BuildError> {
    let article = fill(
        ARTICLE,
        &[
            ("title", "Blinken and Lavrov meet in Geneva"),
            ("date", EXAMPLE_DATE),
            ("actors", "Antony Blinken, Sergey Lavrov"),
            ("places", "Geneva"),
            ("tags", "diplomacy"),
            (
                "summary",
                &summary_line(Some(
                    "An example briefing: the US and Russian foreign ministers talk for ninety minutes in Geneva.",
                )),
            ),
            (
                "draft",
                "# An example, published so the new site shows every kind of page. Delete\n\
                 # this file and content/actors/antony-blinken.md when you write your own.\n",
            ),
            (
                "body",
                "This is an example briefing. Each briefing names its **actors**, **places**\n\
                 and **tags** in the front matter above; briefing gives every one of them a\n\
                 page listing everything published about it, newest first, and files the\n\
                 briefing under its day, month and year.\n\n\
                 Antony Blinken has a profile in `content/actors/antony-blinken.md`, so his\n\
                 page shows his role on the day. Write briefings with `briefing new \"Title\"`\n\
                 (they start as drafts) and preview them with `briefing serve --drafts`.",
            ),
        ],
    );
    let files: Vec<(PathBuf, String)> = vec![
        (PathBuf::from("site.yaml"), SITE_YAML.to_string()),
        (PathBuf::from(EXAMPLE_PATH), article),
        (
            PathBuf::from("content/actors/antony-blinken.md"),
            ACTOR.to_string(),
        ),
        (PathBuf::from(".gitignore"), GITIGNORE.to_string()),
        (PathBuf::from(WORKFLOW), workflow),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let full = dir.join(&rel);
        create_new(&full, &text, &full)?;
        written.push(full);
    }
    Ok(written)
}

/// Replaces each `{name}` in `template`.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// A YAML double-quoted string.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| quote(i))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes a file that must not exist yet, creating its folders.
fn create_new(full: &Path, text: &str, shown: &Path) -> Result<(), BuildError> {
    if let Some(parent) = full.parent() {
        fs::create_dir_all(parent).map_err(BuildError::io("create folder", parent))?;
    }
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(full)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(BuildError::Refused {
                path: shown.to_path_buf(),
                reason: "the file already exists".into(),
            });
        }
        Err(e) => return Err(BuildError::io("create", shown)(e)),
    };
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(BuildError::io("write", shown))
}
