//! `briefing new` and `briefing init`: writing a new article or a whole new
//! site from the templates in `src/scaffold/`. Never overwrites anything.

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
const PAGES_WORKFLOW: &str = include_str!("scaffold/pages.yml");

/// Shown in the workflow when `init` is not told where briefing lives.
pub const REPO_PLACEHOLDER: &str = "https://github.com/OWNER/briefing";

/// What a new article is about.
#[derive(Debug, Clone, Default)]
pub struct NewArticle {
    /// Its headline.
    pub title: String,
    /// Its date; today when not given.
    pub date: Option<String>,
    /// Actor names.
    pub actors: Vec<String>,
}

/// Writes `content/<year>/<date>-<slug>.md` under `root` with front matter
/// filled in; returns its path. Refuses to overwrite.
pub fn new_article(
    root: &Path,
    article: &NewArticle,
    today: NaiveDate,
) -> Result<PathBuf, BuildError> {
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
            ("places", ""),
            ("tags", ""),
            ("summary", "\"\""),
            ("body", "Write the report here, in Markdown.\n"),
        ],
    );
    let path = crate::load::display_path(root, &rel);
    create_new(&root.join(&rel), &text, &path)?;
    Ok(path)
}

/// Creates a new site in `dir` (which must be missing or empty): settings,
/// an example article and actor profile, `.gitignore`, and a GitHub Pages
/// workflow that installs briefing from `repo`. Returns the files written.
pub fn init_site(
    dir: &Path,
    repo: Option<&str>,
    today: NaiveDate,
) -> Result<Vec<PathBuf>, BuildError> {
    if let Ok(mut entries) = fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(BuildError::Refused {
            path: dir.to_path_buf(),
            reason: "the folder is not empty; `briefing init` only creates new sites".into(),
        });
    }
    let repo_note = match repo {
        Some(_) => "Installs briefing from its repository.".to_string(),
        None => format!(
            "TODO: replace {REPO_PLACEHOLDER} with the briefing repository URL (or pass --repo to `briefing init`)."
        ),
    };
    let workflow = fill(
        PAGES_WORKFLOW,
        &[
            ("repo", repo.unwrap_or(REPO_PLACEHOLDER)),
            ("repo_note", &repo_note),
        ],
    );
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
                &quote("An example briefing: replace it with your own."),
            ),
            (
                "body",
                "This is an example article. Each article names its **actors**, **places** and\n\
                 **tags** in the front matter above; briefing gives every one of them a page\n\
                 listing everything published about it, newest first, and files the article\n\
                 under its day, month and year.\n\n\
                 Add articles anywhere under `content/`, then run `briefing build`.\n",
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
