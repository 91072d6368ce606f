//! Stage one of the pipeline: files on disk -> [`Content`].
//!
//! Reads `site.yaml`, every Markdown file under `content/` (articles, and
//! actor profiles under `content/actors/`), the site's template overrides
//! and the list of `static/` files. Files are read and parsed in parallel;
//! every problem is collected as a [`Diagnostic`] carrying its path, line
//! and column, and nothing stops at the first one.

pub mod dates;
pub mod front_matter;
pub mod images;
pub mod markdown;
pub mod nesting;
pub mod profile;
pub mod publication;
pub mod source;
pub mod writing;
pub mod yaml;

mod files;
mod profile_image;
mod yaml_mistakes;

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::Diagnostic;
pub use files::display_path;
use front_matter::{FrontMatter, Origin, ProfileMatter};
use publication::{Publication, Rules};

/// One article: its front matter, its Markdown body, and where it came from.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file, as shown in messages.
    pub path: PathBuf,
    /// Checked front matter.
    pub matter: FrontMatter,
    /// Markdown source after the closing `---` (packed in the preview).
    pub body: markdown::Markdown,
    /// Where each front-matter key is, for errors found later.
    pub origin: Origin,
    /// The file relative to `content/`, with `/` separators
    /// (`2022/2022-01-18-geneva.md`): what links by file name.
    pub file: String,
    /// The line of the file the body starts on (1-based), for errors
    /// about links and images inside it.
    pub body_line: usize,
    /// Image files its body shows from beside it, to copy beside its page.
    pub images: Vec<images::Image>,
}

/// An actor profile from `content/actors/<slug>.md`.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The file, as shown in messages.
    pub path: PathBuf,
    /// The file name without `.md`: the actor's slug.
    pub slug: String,
    /// Name, role, aliases.
    pub matter: ProfileMatter,
    /// Markdown biography.
    pub bio: String,
    /// Where its image is in the output (`actors/<slug>/photo.jpg`, or
    /// its path in `static/`), if it has one.
    pub image: Option<String>,
    /// Where each front-matter key is.
    pub origin: Origin,
}

/// A template file of the site's own, overriding the default theme's.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// Name relative to `templates/`, with `/` separators (`article.html`).
    pub name: String,
    /// The file, as shown in messages.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// A file under `static/`, copied as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Path inside the output, with `/` separators.
    pub output: String,
    /// Where to copy it from.
    pub source: PathBuf,
}

/// Everything a site is made of, read from disk.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// `site.yaml`, or the defaults.
    pub config: Config,
    /// Articles, in path order: those published at the build's time
    /// (and drafts, scheduled articles when asked for).
    pub articles: Vec<Arc<Article>>,
    /// What was left out and what changes later ([`publication`]).
    pub publication: Publication,
    /// Actor profiles, in path order.
    pub profiles: Vec<Profile>,
    /// Author profiles (`content/authors/<slug>.md`), in path order.
    pub authors: Vec<writing::AuthorProfile>,
    /// The site's template overrides.
    pub templates: Vec<TemplateFile>,
    /// Files to copy.
    pub static_files: Vec<StaticFile>,
}

/// Just the settings of the site at `root` (defaults if `site.yaml` is
/// missing or broken; `load` reports its problems).
pub fn load_config(root: &Path) -> Config {
    match files::read_text(root, Path::new("site.yaml")) {
        Ok(Some(text)) => Config::parse(&text, Path::new("site.yaml")).0,
        _ => Config::default(),
    }
}

/// Parsed articles from earlier loads, by path, with the modification time
/// and size they were read at: `serve` re-reads only files that changed.
#[derive(Default)]
pub struct LoadCache {
    articles: HashMap<PathBuf, Cached>,
    /// The Markdown files under `content/` the last load found.
    listing: Option<Vec<PathBuf>>,
    /// The files changed since, when known ([`LoadCache::changed`]).
    changed: Option<Vec<PathBuf>>,
    /// A folder changed at the last load: the next one lists again too
    /// (files moved into a new folder before it was watched have no
    /// event of their own).
    relist: bool,
}

/// A parsed article with the modification time and size its file had,
/// and the stamp of the images it shows ([`image_stamp`]).
type Cached = (Option<SystemTime>, u64, ImageStamp, Parsed);

/// What an article's images looked like when it was read: `None` when its
/// body shows no image; else a hash of its folder's and its images'
/// modification times and sizes (an image added, replaced or removed
/// changes it), or `Some(None)` for an article that failed to load or
/// loaded with an error (read again every time: its missing image may
/// have appeared).
type ImageStamp = Option<Option<u64>>;

/// The [`ImageStamp`] of the article file `rel` as `parsed`.
fn image_stamp(root: &Path, rel: &Path, parsed: &Parsed) -> ImageStamp {
    let Some(article) = &parsed.0 else {
        return (!parsed.1.is_empty()).then_some(None);
    };
    if parsed.1.iter().any(Diagnostic::is_error) {
        // Loaded with an error in its body: read again every time.
        return Some(None);
    }
    if !article.body.contains("![") {
        return None;
    }
    let stat = |path: &Path| {
        std::fs::metadata(path)
            .ok()
            .map(|m| (m.modified().ok(), m.len()))
    };
    let mut hasher = std::hash::DefaultHasher::new();
    stat(&root.join(rel).with_file_name("")).hash(&mut hasher);
    for image in &article.images {
        (&image.source, stat(&image.source)).hash(&mut hasher);
    }
    Some(Some(hasher.finish()))
}

type Parsed = (Option<Arc<Article>>, Vec<Diagnostic>);

impl LoadCache {
    /// Reads the article file `rel` (relative to `root`) again, as `serve`
    /// does for a path its watcher reported; returns what the last load
    /// had for it and what it holds now. `None` when the last load did not
    /// read it (a new file) or it is no longer a file: the caller then
    /// loads the whole site.
    pub fn reread(&mut self, root: &Path, rel: &Path) -> Option<(Parsed, Parsed)> {
        let metadata = std::fs::metadata(root.join(rel)).ok()?;
        if !metadata.is_file() {
            return None;
        }
        let (when, len, images, old) = self.articles.get_mut(rel)?;
        let new = read_article(root, rel);
        *when = metadata.modified().ok();
        *len = metadata.len();
        *images = image_stamp(root, rel, &new);
        Some((std::mem::replace(old, new.clone()), new))
    }
}

impl LoadCache {
    /// Reads the new article file `rel` (relative to `root`), which the
    /// last load did not list, and lists it: a new article read alone,
    /// as [`LoadCache::reread`] reads an edited one. `None` when the
    /// last load listed it, there is no listing to add it to, or it is
    /// not a visible Markdown file of its own under `content/` (the
    /// caller then loads the site).
    pub fn read_new(&mut self, root: &Path, rel: &Path) -> Option<Parsed> {
        let listing = self.listing.as_mut()?;
        let hidden = rel
            .components()
            .any(|part| part.as_os_str().to_string_lossy().starts_with('.'));
        // As the listing sees files: links are not followed.
        let metadata = std::fs::symlink_metadata(root.join(rel)).ok()?;
        if hidden || !is_article_path(rel) || !metadata.is_file() || self.articles.contains_key(rel)
        {
            return None;
        }
        let Err(at) = listing.binary_search_by(|p| p.as_path().cmp(rel)) else {
            return None;
        };
        listing.insert(at, rel.to_path_buf());
        let mut parsed = read_article(root, rel);
        if let Some(article) = parsed.0.as_mut().and_then(Arc::get_mut) {
            article.body.pack();
        }
        let images = image_stamp(root, rel, &parsed);
        let cached = (
            metadata.modified().ok(),
            metadata.len(),
            images,
            parsed.clone(),
        );
        self.articles.insert(rel.to_path_buf(), cached);
        Some(parsed)
    }

    /// Forgets the article file `rel` (relative to `root`), which the last
    /// load read and which is gone: a file deleted taken out alone, as
    /// [`LoadCache::read_new`] takes a new one in; returns what the last
    /// load had for it. `None` when the last load did not read it, there
    /// is no listing, something is at `rel`, or a folder changed at the
    /// last load (a move into a folder made just before may reach the
    /// watcher as the departure alone with the folder's creation
    /// earlier: the caller then loads the site, which lists it again).
    pub fn forget(&mut self, root: &Path, rel: &Path) -> Option<Parsed> {
        let listing = self.listing.as_mut()?;
        if self.relist || std::fs::symlink_metadata(root.join(rel)).is_ok() {
            return None;
        }
        let at = listing.binary_search_by(|p| p.as_path().cmp(rel)).ok()?;
        let (_, _, _, parsed) = self.articles.remove(rel)?;
        listing.remove(at);
        Some(parsed)
    }

    /// Tells the next load which files changed since the last one
    /// (relative to the site root, as a watcher reports them): it then
    /// lists no folder and looks at no other article file, unless one of
    /// them is not a Markdown file (a folder, an image). Empty: unknown.
    pub fn changed(&mut self, paths: &[PathBuf]) {
        self.changed = (!paths.is_empty()).then(|| paths.to_vec());
    }

    /// The Markdown files under `content/` now, from the last listing and
    /// the changed files; `None` when it must be listed again. Also the
    /// changed files, the only ones whose articles are read again.
    fn listing_after_changes(&mut self, root: &Path) -> Option<(Vec<PathBuf>, Vec<PathBuf>)> {
        let changed = self.changed.take();
        if std::mem::take(&mut self.relist) {
            return None;
        }
        let changed = changed?;
        let mut listing = self.listing.clone()?;
        for rel in changed.iter().filter(|rel| rel.starts_with("content")) {
            let hidden = rel
                .components()
                .any(|part| part.as_os_str().to_string_lossy().starts_with('.'));
            // As the listing sees files: links are not followed.
            let file = std::fs::symlink_metadata(root.join(rel)).ok();
            if hidden
                || rel.extension().is_none_or(|e| e != "md")
                || file.as_ref().is_some_and(|m| m.is_dir())
            {
                self.relist = true;
                return None;
            }
            let is_file = file.is_some_and(|m| m.is_file());
            match (listing.binary_search(rel), is_file) {
                (Err(at), true) => listing.insert(at, rel.clone()),
                // A file gone: listed again, as a move into a folder made
                // just before may reach the watcher as the departure alone
                // (the new folder is watched only once its creation is
                // seen, which can come after the move).
                (Ok(_), false) => return None,
                _ => {}
            }
        }
        Some((listing, changed))
    }
}

/// Whether `rel` (relative to the site root) names an article file:
/// Markdown under `content/`, not a profile of an actor or an author.
pub fn is_article_path(rel: &Path) -> bool {
    rel.starts_with("content")
        && rel.extension().is_some_and(|e| e == "md")
        && rel.parent() != Some(Path::new("content/actors"))
        && rel.parent() != Some(Path::new("content/authors"))
}

/// Whether `rel` (relative to the site root) names an actor profile:
/// Markdown directly under `content/actors/`.
pub fn is_profile_path(rel: &Path) -> bool {
    rel.extension().is_some_and(|e| e == "md") && rel.parent() == Some(Path::new("content/actors"))
}

/// Reads the actor profile `rel` (relative to `root`) as a whole load
/// does, with its image found: `serve` patches a profile edit with it.
/// The profile is `None` when it has an error; every problem found.
pub fn read_actor_profile(root: &Path, rel: &Path) -> (Option<Profile>, Vec<Diagnostic>) {
    let (profile, mut problems) = read_profile(root, rel);
    let Some(mut profile) = profile else {
        return (None, problems);
    };
    match profile_image::resolve(root, &profile) {
        Ok(image) => profile.image = image.map(|image| image.output),
        Err(problem) => {
            problems.push(problem);
            return (None, problems);
        }
    }
    (Some(profile), problems)
}

/// Reads the site at `root`, keeping the articles `rules` publish.
/// Returns what could be read and every problem found; the caller decides
/// whether errors among them stop the build.
pub fn load(root: &Path, rules: &Rules) -> (Content, Vec<Diagnostic>) {
    load_with(root, rules, None)
}

/// Like [`load`], reusing what `cache` holds for articles whose file has
/// not changed since, and updating it.
pub fn load_cached(
    root: &Path,
    rules: &Rules,
    cache: &mut LoadCache,
) -> (Content, Vec<Diagnostic>) {
    load_with(root, rules, Some(cache))
}

fn load_with(
    root: &Path,
    rules: &Rules,
    mut cache: Option<&mut LoadCache>,
) -> (Content, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let config = read_config(root, &mut problems);

    let known = cache
        .as_mut()
        .and_then(|cache| cache.listing_after_changes(root));
    let (markdown, changed) = match known {
        Some((listing, changed)) => (listing, Some(changed)),
        None => (
            files::list(root, Path::new("content"), |p| {
                p.extension().is_some_and(|e| e == "md")
            }),
            None,
        ),
    };
    let (profile_paths, article_paths): (Vec<_>, Vec<_>) = markdown
        .into_iter()
        .partition(|rel| rel.parent() == Some(Path::new("content/actors")));
    let (author_paths, article_paths): (Vec<_>, Vec<_>) = article_paths
        .into_iter()
        .partition(|rel| rel.parent() == Some(Path::new("content/authors")));
    let profile_paths = (profile_paths, author_paths);

    let mut articles = Vec::with_capacity(article_paths.len());
    let mut publication = Publication::new(rules.now, config.timezone);
    // The one decision of what is published: drafts, scheduled, expired.
    let mut admit = |article: &Arc<Article>, problems: &mut Vec<Diagnostic>| {
        (rules.drafts || !article.matter.draft) && publication.admit(article, rules, problems)
    };
    let Some(cache) = cache else {
        // A one-off build: parse in parallel, keep nothing twice.
        let parsed: Vec<Parsed> = article_paths
            .par_iter()
            .map(|rel| read_article(root, rel))
            .collect();
        for (article, found) in parsed {
            problems.extend(found);
            articles.extend(article.filter(|a| admit(a, &mut problems)));
        }
        let articles = (articles, publication);
        return finish_load(root, config, articles, profile_paths, problems);
    };
    cache.listing = Some(
        article_paths
            .iter()
            .chain(&profile_paths.0)
            .chain(&profile_paths.1)
            .cloned()
            .collect(),
    );
    if let Some(listing) = &mut cache.listing {
        listing.sort();
    }
    let changed: Option<HashSet<PathBuf>> = changed.map(|paths| paths.into_iter().collect());
    let parsed = cache.parse(root, article_paths, changed.as_ref());
    cache.articles.clear();
    for (rel, (modified, size, images, parsed)) in parsed {
        let (article, found) = &parsed;
        problems.extend(found.iter().cloned());
        if let Some(article) = article
            && admit(article, &mut problems)
        {
            articles.push(article.clone());
        }
        cache.articles.insert(rel, (modified, size, images, parsed));
    }
    let articles = (articles, publication);
    finish_load(root, config, articles, profile_paths, problems)
}

/// `site.yaml` read and parsed (defaults when it is missing or wrong,
/// its problems added to `problems`).
fn read_config(root: &Path, problems: &mut Vec<Diagnostic>) -> Config {
    match files::read_text(root, Path::new("site.yaml")) {
        Ok(Some(text)) => {
            let (config, found) = Config::parse(&text, &display_path(root, Path::new("site.yaml")));
            problems.extend(found);
            config
        }
        Ok(None) => Config::default(),
        Err(problem) => {
            problems.push(problem);
            Config::default()
        }
    }
}

impl LoadCache {
    /// Each article file of `article_paths` parsed, or taken from the
    /// cache when `changed` (the watcher's paths) leaves it out or its
    /// time and size are as they were.
    fn parse(
        &self,
        root: &Path,
        article_paths: Vec<PathBuf>,
        changed: Option<&HashSet<PathBuf>>,
    ) -> Vec<(PathBuf, Cached)> {
        article_paths
            .into_par_iter()
            .map(|rel| {
                // A file the watcher did not report is as it was, but for an
                // article with images (they are looked at) or with errors.
                if let Some(changed) = changed
                    && !changed.contains(&rel)
                    && let Some(cached @ (_, _, None, _)) = self.articles.get(&rel)
                {
                    return (rel, cached.clone());
                }
                let metadata = std::fs::metadata(root.join(&rel)).ok();
                let modified = metadata.as_ref().and_then(|m| m.modified().ok());
                let size = metadata.as_ref().map_or(0, |m| m.len());
                let cached = match self.articles.get(&rel) {
                    Some((when, len, images, parsed))
                        if modified.is_some()
                            && *when == modified
                            && *len == size
                            && *images != Some(None)
                            && (images.is_none() || *images == image_stamp(root, &rel, parsed)) =>
                    {
                        (modified, size, *images, parsed.clone())
                    }
                    _ => {
                        let mut parsed = read_article(root, &rel);
                        // Kept until the file changes: its body packed.
                        if let Some(article) = parsed.0.as_mut().and_then(Arc::get_mut) {
                            article.body.pack();
                        }
                        (modified, size, image_stamp(root, &rel, &parsed), parsed)
                    }
                };
                (rel, cached)
            })
            .collect()
    }
}

/// Reads the profiles, templates and the list of static files, the small
/// rest of a site once its articles are in.
fn finish_load(
    root: &Path,
    config: Config,
    (articles, publication): (Vec<Arc<Article>>, Publication),
    (profile_paths, author_paths): (Vec<PathBuf>, Vec<PathBuf>),
    mut problems: Vec<Diagnostic>,
) -> (Content, Vec<Diagnostic>) {
    let mut profiles = Vec::new();
    let mut images = Vec::new();
    for rel in &profile_paths {
        let (profile, found) = read_profile(root, rel);
        problems.extend(found);
        if let Some(mut profile) = profile {
            match profile_image::resolve(root, &profile) {
                Ok(Some(image)) => {
                    profile.image = Some(image.output.clone());
                    images.extend(image.copy);
                }
                Ok(None) => {}
                Err(problem) => problems.push(problem),
            }
            profiles.push(profile);
        }
    }
    let mut authors = Vec::new();
    for rel in &author_paths {
        let (author, found) = read_author(root, rel);
        problems.extend(found);
        authors.extend(author);
    }

    let mut templates = Vec::new();
    for rel in files::list(root, Path::new("templates"), |_| true) {
        match files::read_text(root, &rel) {
            Ok(Some(text)) => templates.push(TemplateFile {
                name: files::slash_path(rel.strip_prefix("templates").unwrap_or(&rel)),
                path: display_path(root, &rel),
                text,
            }),
            Ok(None) => {}
            Err(problem) => problems.push(problem),
        }
    }

    let mut static_files: Vec<StaticFile> = files::list(root, Path::new("static"), |_| true)
        .into_iter()
        .map(|rel| StaticFile {
            output: files::slash_path(rel.strip_prefix("static").unwrap_or(&rel)),
            source: root.join(&rel),
        })
        .collect();
    static_files.extend(images);

    let content = Content {
        config,
        articles,
        publication,
        profiles,
        authors,
        templates,
        static_files,
    };
    (content, problems)
}

fn read_article(root: &Path, rel: &Path) -> Parsed {
    let path = display_path(root, rel);
    let text = match files::read_text(root, rel) {
        Ok(Some(text)) => text,
        Ok(None) => return (None, Vec::new()),
        Err(problem) => return (None, vec![problem]),
    };
    let parsed = match front_matter::parse(&path, &text) {
        Ok(parsed) => parsed,
        Err(problem) => return (None, vec![problem]),
    };
    let (matter, mut problems) = front_matter::article(&path, &parsed.doc, parsed.front);
    // Only front-matter errors keep the article out: with an error in its
    // body (a missing image) it is still loaded, so the model resolves its
    // links and the build reports every problem of the body at once (the
    // errors still stop the build).
    let failed = problems.iter().any(Diagnostic::is_error);
    let file = files::slash_path(rel.strip_prefix("content").unwrap_or(rel));
    let body_line = parsed.front.matches('\n').count() + 3;
    let (images, found) = images::find(root, &file, parsed.body, body_line);
    problems.extend(found);
    let article = matter.filter(|_| !failed).map(|matter| {
        Arc::new(Article {
            path,
            matter,
            body: parsed.body.into(),
            origin: parsed.origin,
            file,
            body_line,
            images,
        })
    });
    (article, problems)
}

/// An author profile: `name:` and `links:` in optional front matter, then
/// a Markdown biography.
fn read_author(root: &Path, rel: &Path) -> (Option<writing::AuthorProfile>, Vec<Diagnostic>) {
    let path = display_path(root, rel);
    let text = match files::read_text(root, rel) {
        Ok(Some(text)) => text,
        Ok(None) => return (None, Vec::new()),
        Err(problem) => return (None, vec![problem]),
    };
    let mut profile = writing::AuthorProfile {
        path: path.clone(),
        slug: rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        ..Default::default()
    };
    if !text.starts_with("---") {
        profile.bio = text;
        return (Some(profile), Vec::new());
    }
    let parsed = match front_matter::parse(&path, &text) {
        Ok(parsed) => parsed,
        Err(problem) => return (None, vec![problem]),
    };
    let problems = writing::author(&path, &parsed.doc, parsed.front, &mut profile);
    profile.bio = parsed.body.to_string();
    let failed = problems.iter().any(Diagnostic::is_error);
    (Some(profile).filter(|_| !failed), problems)
}

fn read_profile(root: &Path, rel: &Path) -> (Option<Profile>, Vec<Diagnostic>) {
    let path = display_path(root, rel);
    let text = match files::read_text(root, rel) {
        Ok(Some(text)) => text,
        Ok(None) => return (None, Vec::new()),
        Err(problem) => return (None, vec![problem]),
    };
    let slug = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A profile may be just a bio, with no front matter at all.
    let (matter, bio, origin, problems) = if text.starts_with("---") {
        let parsed = match front_matter::parse(&path, &text) {
            Ok(parsed) => parsed,
            Err(problem) => return (None, vec![problem]),
        };
        let (matter, problems) = front_matter::profile(&path, &parsed.doc, parsed.front);
        (matter, parsed.body.to_string(), parsed.origin, problems)
    } else {
        (
            ProfileMatter::default(),
            text,
            Origin::default(),
            Vec::new(),
        )
    };
    let failed = problems.iter().any(Diagnostic::is_error);
    let profile = Profile {
        path,
        slug,
        matter,
        bio,
        image: None,
        origin,
    };
    (Some(profile).filter(|_| !failed), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(root: &Path, cache: &mut LoadCache) -> Vec<String> {
        let rules = Rules {
            now: chrono::Utc::now(),
            drafts: false,
            future: true,
        };
        let (content, _) = load_cached(root, &rules, cache);
        content
            .articles
            .iter()
            .map(|a| a.matter.title.clone())
            .collect()
    }

    /// An article titled `title` at `rel`.
    fn write(root: &Path, rel: &str, title: &str) {
        let text = format!("---\ntitle: {title}\ndate: 2022-01-01\n---\nText.\n");
        crate::test_support::write(root, rel, &text);
    }

    #[test]
    fn a_load_told_the_changed_files_reads_those_and_lists_no_folder() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        write(root, "content/a.md", "A");
        write(root, "content/b.md", "B");
        let mut cache = LoadCache::default();
        assert_eq!(titles(root, &mut cache), ["A", "B"]);
        // Told: a new file and an edited one are read.
        write(root, "content/c.md", "C");
        write(root, "content/a.md", "A2");
        cache.changed(&["content/c.md".into(), "content/a.md".into()]);
        assert_eq!(titles(root, &mut cache), ["A2", "B", "C"]);
        // Not told: a file written behind its back is not looked at.
        write(root, "content/d.md", "D");
        write(root, "content/b.md", "B2");
        cache.changed(&["content/a.md".into()]);
        assert_eq!(titles(root, &mut cache), ["A2", "B", "C"]);
        // A folder among the changes: everything is listed and looked at.
        write(root, "content/x/e.md", "E");
        cache.changed(&["content/x".into()]);
        assert_eq!(titles(root, &mut cache), ["A2", "B2", "C", "D", "E"]);
        // The load after a folder changed lists again (a file moved into
        // a new folder before it was watched has no event of its own).
        write(root, "content/x/f.md", "F");
        cache.changed(&["content/a.md".into()]);
        assert_eq!(titles(root, &mut cache), ["A2", "B2", "C", "D", "E", "F"]);
        // A file removed: listed again, so a move whose arrival the
        // watcher missed (into a folder not yet watched) is found.
        std::fs::rename(root.join("content/c.md"), root.join("content/x/c.md")).unwrap();
        cache.changed(&["content/c.md".into()]);
        assert_eq!(titles(root, &mut cache), ["A2", "B2", "D", "C", "E", "F"]);
        std::fs::remove_file(root.join("content/x/c.md")).unwrap();
        cache.changed(&["content/x/c.md".into()]);
        assert_eq!(titles(root, &mut cache), ["A2", "B2", "D", "E", "F"]);
        // Nothing said: the same.
        write(root, "content/x/e.md", "E2");
        assert_eq!(titles(root, &mut cache), ["A2", "B2", "D", "E2", "F"]);
    }

    #[test]
    fn a_file_gone_is_forgotten_alone_unless_a_folder_changed() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        write(root, "content/a.md", "A");
        write(root, "content/b.md", "B");
        let mut cache = LoadCache::default();
        assert_eq!(titles(root, &mut cache), ["A", "B"]);
        let a = Path::new("content/a.md");
        assert!(cache.forget(root, a).is_none(), "still there");
        std::fs::remove_file(root.join(a)).unwrap();
        let (old, _) = cache.forget(root, a).expect("forgotten");
        assert_eq!(old.map(|a| a.matter.title.clone()).as_deref(), Some("A"));
        assert!(cache.forget(root, a).is_none(), "forgotten once");
        // Out of the listing: a load told of another file has B alone.
        cache.changed(&["content/b.md".into()]);
        assert_eq!(titles(root, &mut cache), ["B"]);
        // After a folder changed, a file gone is left to the load, which
        // lists again.
        write(root, "content/x/e.md", "E");
        cache.changed(&["content/x".into()]);
        assert_eq!(titles(root, &mut cache), ["B", "E"]);
        std::fs::remove_file(root.join("content/b.md")).unwrap();
        assert!(cache.forget(root, Path::new("content/b.md")).is_none());
    }
}
