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

/// Creates a new site in `dir` (which must be missing or empty): settings,
/// an example article (a draft) and actor profile, `.gitignore`, and a
/// GitHub Pages workflow that installs this version of briefing from
/// `repo`. Returns the files written.
pub fn init_site(
    dir: &Path,
    repo: Option<&str>,
    today: NaiveDate,
) -> Result<Vec<PathBuf>, BuildError> {
    if let Some(repo) = repo {
        workflow::check_repo(repo)?;
    }
    if let Ok(mut entries) = fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(BuildError::Refused {
            path: dir.to_path_buf(),
            reason: "the folder is not empty; `briefing init` only creates new sites".into(),
        });
    }
    let workflow = workflow::pages_workflow(match repo {
        Some(repo) => workflow::Install::Release(repo),
        None => workflow::Install::Unknown,
    });
    let date = today.format("%Y-%m-%d").to_string();
    let article = fill(
        ARTICLE,
        &[
            ("title", "Blinken and Lavrov meet in Geneva"),
            ("date", &date),
            ("actors", "Antony Blinken, Sergey Lavrov"),
            ("places", "Geneva"),
            ("tags", "diplomacy"),
            (
                "summary",
                &summary_line(Some("An example briefing: replace it with your own.")),
            ),
            (
                "draft",
                "draft: true  # an example: delete this line to publish it, or delete the file\n",
            ),
            (
                "body",
                "This is an example article. Each article names its **actors**, **places** and\n\
                 **tags** in the front matter above; briefing gives every one of them a page\n\
                 listing everything published about it, newest first, and files the article\n\
                 under its day, month and year.\n\n\
                 Write articles with `briefing new \"Title\"` (or anywhere under\n\
                 `content/`) and preview them with `briefing serve --drafts`.",
            ),
        ],
    );
    let files: Vec<(PathBuf, String)> = vec![
        (PathBuf::from("site.yaml"), SITE_YAML.to_string()),
        (
            PathBuf::from(format!(
                "content/{}/{date}-blinken-and-lavrov-meet-in-geneva.md",
                today.year()
            )),
            article,
        ),
        (
            PathBuf::from("content/actors/antony-blinken.md"),
            ACTOR.to_string(),
        ),
        (PathBuf::from(".gitignore"), GITIGNORE.to_string()),
        (PathBuf::from(".github/workflows/pages.yml"), workflow),
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
