//! Images an article's body shows from beside it (`![Map](map.png)` in
//! `content/2022/geneva/index.md`, a bundle folder): each is found on disk
//! at load, its width and height read from the file (`imagesize`), and it
//! is copied beside the article's page. A missing file is an error at the
//! image's line and column; an image without alt text is a warning.
//! Web addresses and site paths (`/img/x.png`, from `static/`) are left
//! alone.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::display_path;
use crate::error::Diagnostic;
use crate::model::headings::options;
use crate::position::LineFinder;
use crate::url::normalize;

/// An image file beside an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The destination as written (`map.png`).
    pub dest: String,
    /// The file to copy.
    pub source: PathBuf,
    /// Where it goes, relative to the article's page folder (`map.png`).
    pub name: String,
    /// Its size in pixels, when the file could be read as an image.
    pub size: Option<(usize, usize)>,
}

/// The local images of the body of `file` (below `content/`, whose body
/// starts on line `body_line`), and every problem with them.
pub fn find(
    root: &Path,
    file: &str,
    body: &str,
    body_line: usize,
) -> (Vec<Image>, Vec<Diagnostic>) {
    if !body.contains("![") {
        return (Vec::new(), Vec::new());
    }
    let folder = file.rfind('/').map_or("", |slash| &file[..slash]);
    let path = display_path(root, &Path::new("content").join(file));
    let mut lines = LineFinder::new(body);
    let mut images: Vec<Image> = Vec::new();
    let mut problems = Vec::new();
    let mut alt: Option<(String, String, usize)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                alt = Some((dest_url.to_string(), String::new(), range.start));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, words, _)) = &mut alt {
                    words.push_str(&text);
                }
            }
            Event::End(TagEnd::Image) => {
                let Some((dest, words, offset)) = alt.take() else {
                    continue;
                };
                let (line, column) = lines.position(offset);
                let at = |d: Diagnostic| d.with_source(body, 1);
                if words.trim().is_empty() {
                    problems.push(
                        at(Diagnostic::warning(
                            &path,
                            line,
                            column,
                            format!("image `{dest}` has no alt text"),
                        ))
                        .expected(
                            "a short description between the brackets: `![Map of Geneva](map.png)`",
                        ),
                    );
                }
                if !is_local(&dest) || images.iter().any(|i| i.dest == dest) {
                    continue;
                }
                match locate(root, folder, &dest) {
                    Some((source, name)) => images.push(Image {
                        size: imagesize::size(&source).ok().map(|s| (s.width, s.height)),
                        dest,
                        source,
                        name,
                    }),
                    None => problems.push(
                        at(Diagnostic::error(
                            &path,
                            line,
                            column,
                            format!("image `{dest}` does not exist"),
                        ))
                        .expected(format!(
                            "an image file beside the article, relative to content/{}",
                            if folder.is_empty() { "" } else { folder }
                        )),
                    ),
                }
            }
            _ => {}
        }
    }
    for problem in &mut problems {
        problem.line += body_line - 1;
    }
    (images, problems)
}

/// A relative image path (no scheme, not from the site root, not `data:`).
fn is_local(dest: &str) -> bool {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let scheme = path.find(':').is_some_and(|c| !path[..c].contains('/'));
    !path.is_empty() && !scheme && !path.starts_with('/')
}

/// The file `dest` names from `folder`, and its name beside the page: its
/// path below the article's folder, or its file name if it lies elsewhere.
fn locate(root: &Path, folder: &str, dest: &str) -> Option<(PathBuf, String)> {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let file = normalize(folder, path)?;
    let source = root.join("content").join(&file);
    if !source.is_file() {
        return None;
    }
    let name = match file.strip_prefix(folder).and_then(|f| f.strip_prefix('/')) {
        Some(below) if !folder.is_empty() => below.to_string(),
        _ if folder.is_empty() => file.clone(),
        _ => file.rsplit('/').next().unwrap_or(&file).to_string(),
    };
    Some((source, name))
}
