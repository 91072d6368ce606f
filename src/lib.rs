//! briefing: a static-site generator for briefing desks.
//!
//! The pipeline runs one way: [`load`] (files -> content), [`model`]
//! (content -> site, pure), [`render`] (site + templates -> pages in
//! memory), [`write`] (pages -> output folder, swapped in whole). This
//! crate never prints; `main.rs` talks to the terminal.
#![deny(clippy::print_stdout, clippy::print_stderr)]
// Diagnostics are the error type of most stages: they are rare, and
// boxing each one would only add noise to every signature.
#![allow(clippy::result_large_err)]

pub mod bookkeeping;
pub mod check;
pub mod cli;
pub mod config;
pub mod error;
pub mod excerpt;
pub mod feed_content;
pub mod i18n;
mod incremental;
pub mod load;
pub mod manifest;
pub mod memory;
pub mod model;
pub mod moved;
mod pass;
pub mod paths;
pub mod position;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site_folder;
#[cfg(test)]
mod test_support;
pub mod timings;
pub mod url;
pub mod version;
pub mod warnings;
pub mod weight;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use incremental::{Finished, Incremental, Regenerated, Served, finish, regenerate};
pub use pass::{CheckReport, CheckedBuild};

use error::{BuildError, Diagnostic};
use load::StaticFile;
use model::Site;
use render::{Page, Templates};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// Where to write; `root/public` by default.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`.
    pub drafts: bool,
    /// Include scheduled articles (dated after the build's time):
    /// `--future`, and the preview unless `--no-future`.
    pub future: bool,
    /// The build's time; `None`: `SOURCE_DATE_EPOCH` when set, else the
    /// clock, read when the build starts.
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// For the preview: replaces the scheme and host of `base_url` (its
    /// path is kept), e.g. `http://127.0.0.1:1111`.
    pub local_origin: Option<String>,
    /// Warnings fail the build, like errors (`--strict`; `strict: true` in
    /// `site.yaml` does the same).
    pub strict: bool,
    /// Where to tell how far the run has got (the caller draws it).
    pub progress: Option<std::sync::Arc<progress::Progress>>,
}

impl BuildOptions {
    /// The options for building the site at `root` with every default.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            future: false,
            now: None,
            local_origin: None,
            strict: false,
            progress: None,
        }
    }

    /// What this build publishes, as of its time (see [`BuildOptions::now`]).
    pub fn rules(&self) -> Result<load::publication::Rules, BuildError> {
        let now = match self.now {
            Some(now) => now,
            None => load::publication::build_time().map_err(BuildError::Usage)?,
        };
        Ok(load::publication::Rules {
            now,
            drafts: self.drafts,
            future: self.future,
        })
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| load::display_path(&self.root, Path::new("public")))
    }
}

/// A site rendered in memory, not yet written.
pub struct Generated {
    /// The model it was rendered from.
    pub site: Site,
    /// Every rendered file.
    pub pages: Vec<Page>,
    /// Files to copy from `static/`.
    pub static_files: Vec<StaticFile>,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Notes on mentions: actors named in bodies but not listed.
    pub notes: Vec<Diagnostic>,
    /// Root-relative links of bodies naming no page or file of the site,
    /// each with its warning (not in `warnings`: `check` reports them
    /// among its broken links).
    pub missing: Vec<model::site_links::Missing>,
    /// Where the time went.
    pub timings: timings::Timings,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Articles published.
    pub articles: usize,
    /// Actor pages.
    pub actors: usize,
    /// Day, month and year pages.
    pub date_pages: usize,
    /// Articles scheduled (dated after the build's time), left out unless
    /// `--future`.
    pub scheduled: usize,
    /// When the next of them goes live, as readers see it ("21 January
    /// 2022, 14:30 UTC").
    pub next_live: Option<String>,
    /// Files in the output.
    pub files: usize,
    /// Bytes in the output (every file, whether written or linked from
    /// the previous output: what is published).
    pub bytes: u64,
    /// Wall time of the whole build, any wait for removing an earlier
    /// output included.
    pub elapsed: Duration,
    /// Where it went.
    pub output: PathBuf,
    /// Warnings (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
    /// Time per stage and per template.
    pub timings: timings::Timings,
    /// The part of `elapsed` spent waiting, at the end, for the removal of
    /// the output the previous build moved aside (it runs in the background
    /// while this build loads and renders).
    pub removal: Duration,
}

/// Something a build wants the user to know while it runs (the library
/// never prints; the caller decides how to show it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildEvent {
    /// Another build holds this output folder; this one waits for it.
    Waiting(PathBuf),
}

/// Runs load, model and render: the whole site in memory, or every problem
/// found on the way.
pub fn generate(options: &BuildOptions) -> Result<Generated, BuildError> {
    let prepared = prepare(options, None)?;
    let mut missing = Vec::new();
    let sites: Vec<(&Site, &Templates)> = prepared.editions().collect();
    let rendering = render::render_all(&sites, |jobs| {
        missing = prepared.missing_pages(jobs, None)?;
        Ok(())
    })
    .map_err(|found| prepared.failed(found))?;
    Ok(prepared.into_generated(rendering, missing))
}

/// A site loaded and modelled, with its templates compiled: ready to render.
struct Prepared {
    /// The site (the default language's, in a multilingual site).
    site: Site,
    templates: Templates,
    /// A multilingual site's other languages (`model::languages`).
    others: Vec<OtherLanguage>,
    static_files: Vec<StaticFile>,
    warnings: Vec<Diagnostic>,
    /// The warning about feeds without an absolute address, reported only
    /// if the site renders.
    feeds_warning: Option<Diagnostic>,
    /// Warnings fail the build (`--strict`, `strict: true`).
    strict: bool,
    timings: timings::Timings,
    /// Where to tell how far the run has got.
    progress: Option<std::sync::Arc<progress::Progress>>,
    /// What the preview keeps to patch the model later.
    inputs: ModelInputs,
}

/// The profiles the model was made from, and the problems the load and
/// the model found, apart: `serve` keeps them to patch the model after an
/// edit ([`model::delta`]) and replace just those among the warnings.
struct ModelInputs {
    /// The actors' profiles.
    profiles: Vec<load::Profile>,
    /// The authors' profiles.
    authors: Vec<load::writing::AuthorProfile>,
    /// What loading the site found.
    load_warnings: Vec<Diagnostic>,
    /// The model's problems (and the spelling checks'), of the default
    /// language's site.
    warnings: Vec<Diagnostic>,
}

impl Prepared {
    /// The root-relative links of bodies naming none of the files the plan
    /// `jobs` makes, nor a static file (nor, with `pending`, a file below
    /// that folder): their warnings, or under strict their errors.
    fn missing_pages(
        &self,
        jobs: &[render::Job],
        pending: Option<&str>,
    ) -> Result<Vec<model::site_links::Missing>, Vec<Diagnostic>> {
        let mut missing = Vec::new();
        for site in self.sites() {
            missing.extend(missing_pages(
                site,
                jobs,
                &self.static_files,
                pending,
                self.strict,
            )?);
        }
        Ok(missing)
    }

    /// Every language's site, the default's first.
    fn sites(&self) -> impl Iterator<Item = &Site> {
        self.editions().map(|(site, _)| site)
    }

    /// Every language's site with its templates, the default's first.
    fn editions(&self) -> impl Iterator<Item = (&Site, &Templates)> {
        std::iter::once((&self.site, &self.templates)).chain(
            self.others
                .iter()
                .map(|other| (&other.site, &other.templates)),
        )
    }

    /// The warnings of a site that rendered.
    fn rendered_warnings(&mut self) -> Vec<Diagnostic> {
        let mut warnings = std::mem::take(&mut self.warnings);
        warnings.extend(self.feeds_warning.take());
        error::sort(&mut warnings);
        warnings
    }

    /// Template errors, with the warnings found before them.
    fn failed(&self, mut found: Vec<Diagnostic>) -> BuildError {
        found.extend(self.warnings.iter().cloned());
        error::sort(&mut found);
        BuildError::Site(found)
    }

    fn into_generated(
        mut self,
        rendering: render::Rendering,
        missing: Vec<model::site_links::Missing>,
    ) -> Generated {
        self.timings.extend(rendering.timings);
        let warnings = self.rendered_warnings();
        Generated {
            site: self.site,
            pages: rendering.pages,
            static_files: self.static_files,
            warnings,
            notes: rendering.notes,
            missing,
            timings: self.timings,
        }
    }
}

/// A language of a multilingual site other than the default: its site
/// and its templates (whose `t()` speaks its language).
struct OtherLanguage {
    site: Site,
    templates: Templates,
}

/// [`Prepared::missing_pages`] for a site kept apart from its preparation
/// (`serve`'s patch).
fn missing_pages(
    site: &Site,
    jobs: &[render::Job],
    static_files: &[StaticFile],
    pending: Option<&str>,
    strict: bool,
) -> Result<Vec<model::site_links::Missing>, Vec<Diagnostic>> {
    // Every planned path, on every edit of the preview: a fast hasher.
    let files: ahash::AHashSet<&str> = jobs
        .iter()
        .map(|job| job.path.as_str())
        .chain(static_files.iter().map(|file| file.output.as_str()))
        .collect();
    let missing = model::site_links::check(site, &files, pending);
    if strict && !missing.is_empty() {
        let mut found: Vec<Diagnostic> = missing.into_iter().map(|m| m.diagnostic).collect();
        warnings::warnings_to_errors(&mut found);
        return Err(found);
    }
    Ok(missing)
}

/// Load (through `cache` if given), compile the templates, build the model;
/// stops here with every problem if any is an error.
fn prepare(
    options: &BuildOptions,
    cache: Option<&mut load::LoadCache>,
) -> Result<Prepared, BuildError> {
    let mut timings = timings::Timings::default();
    let started = Instant::now();
    let progress = options.progress.as_deref();
    progress::stage(progress, "loading", 0);
    let rules = options.rules()?;
    let (mut content, mut problems) = match cache {
        Some(cache) => load::load_cached(&options.root, &rules, cache),
        None => load::load(&options.root, &rules),
    };
    let started = timings.lap("load", started);
    let load_warnings = problems.clone();
    override_address(options, &mut content.config, &mut problems);
    let relative_feeds = warnings::relative_feeds_warning(
        &content.config,
        &load::display_path(&options.root, Path::new("site.yaml")),
    );
    let strict = options.strict || content.config.strict;
    let (translations, found) = i18n::for_site(&options.root, &content.config.language);
    problems.extend(found);
    let translations = std::sync::Arc::new(translations);
    let templates = Templates::compile(&content.templates, &translations);
    let started = timings.lap("templates", started);
    progress::stage(progress, "modelling", 0);
    let profiles = content.profiles.clone();
    let (mut site, others, found) = model::languages::build(
        content.config,
        content.articles,
        content.profiles,
        content.publication,
    );
    site.translations = translations;
    model::authors::attach(&mut site, content.authors.clone());
    let others = other_languages(options, others, &content.templates, &content.authors);
    let mut static_files = copied(content.static_files, &site, &others);
    let started = timings.lap("model", started);
    let mut model_warnings = found;
    model_warnings.extend(model::spelling::check(&site.articles, site.actors()));
    problems.extend(model_warnings.iter().cloned());
    let inputs = ModelInputs {
        profiles,
        authors: content.authors,
        load_warnings,
        warnings: model_warnings,
    };
    let mut languages = Vec::with_capacity(others.len());
    for (other, found) in others {
        static_files.extend(article_images(&other.site));
        problems.extend(found);
        problems.extend(model::spelling::check(
            &other.site.articles,
            other.site.actors(),
        ));
        languages.push(other);
    }
    timings.lap("spelling checks", started);
    let templates = match templates {
        Ok(mut templates) => {
            // A file in static/ replaces the theme's asset of the same name
            // (the favicon, say).
            templates.drop_assets(|name| static_files.iter().any(|f| f.output == name));
            Some(templates)
        }
        Err(found) => {
            problems.extend(found);
            None
        }
    };
    // Only a site that is written gets the feeds warning: it joins the
    // warnings once rendering succeeded (see `Prepared::feeds_warning`),
    // or fails the build now under --strict.
    let mut feeds_warning = relative_feeds.filter(|_| !problems.iter().any(Diagnostic::is_error));
    if strict {
        problems.extend(feeds_warning.take());
        warnings::warnings_to_errors(&mut problems);
    }
    fail_on_errors(&mut problems)?;
    let Some(templates) = templates else {
        return Err(BuildError::Site(problems));
    };
    Ok(Prepared {
        site,
        templates,
        others: languages,
        static_files,
        warnings: problems,
        feeds_warning,
        strict,
        timings,
        progress: options.progress.clone(),
        inputs,
    })
}

/// `--base-url`, then the preview's local origin (which keeps the path of
/// `base_url`), laid over `site.yaml`'s address.
fn override_address(
    options: &BuildOptions,
    site: &mut config::Config,
    problems: &mut Vec<Diagnostic>,
) {
    if let Some(url) = &options.base_url {
        match config::normalize_base_url(url) {
            Ok(url) => site.base_url = url,
            Err(why) => problems.push(Diagnostic::error("--base-url", 0, 0, why)),
        }
    }
    if let Some(origin) = &options.local_origin {
        site.base_url = format!("{}{}", origin.trim_end_matches('/'), site.root_path());
    }
}

/// The other languages of a multilingual site, each with the
/// translations of its language (the built-in table laid over with the
/// site's `i18n/<lang>.yaml`), its templates compiled with them and its
/// authors; with the problems of its `i18n/` file.
fn other_languages(
    options: &BuildOptions,
    sites: Vec<Site>,
    templates: &[load::TemplateFile],
    authors: &[load::writing::AuthorProfile],
) -> Vec<(OtherLanguage, Vec<Diagnostic>)> {
    sites
        .into_iter()
        .map(|mut site| {
            let (translations, found) = i18n::for_site(&options.root, &site.config.language);
            let translations = std::sync::Arc::new(translations);
            let compiled = Templates::compile(templates, &translations);
            site.translations = translations;
            model::authors::attach(&mut site, authors.to_vec());
            // Errors in templates are the same in every language: the
            // default language's compilation reports them.
            let templates = compiled.unwrap_or_default();
            (OtherLanguage { site, templates }, found)
        })
        .collect()
}

/// The files of `static/` to copy, and the images beside the default
/// language's articles. The picture of an actor with no page in any
/// language (no published article names it yet) is not copied.
fn copied(
    mut files: Vec<StaticFile>,
    site: &Site,
    others: &[(OtherLanguage, Vec<Diagnostic>)],
) -> Vec<StaticFile> {
    files.retain(|file| {
        !site.unlisted_images.contains(&file.output)
            || others
                .iter()
                .any(|(other, _)| !other.site.unlisted_images.contains(&file.output))
    });
    files.extend(article_images(site));
    files
}

/// The image files beside articles, copied beside their pages
/// (`2022/01/21/talks/map.png`; below the language's folder in a
/// multilingual site).
fn article_images(site: &Site) -> Vec<StaticFile> {
    let folder = &site.config.language_path;
    site.articles
        .iter()
        .flat_map(|entry| {
            entry.article.images.iter().map(move |image| StaticFile {
                output: format!("{folder}{}{}", entry.path, image.name),
                source: image.source.clone(),
            })
        })
        .collect()
}

fn fail_on_errors(problems: &mut Vec<Diagnostic>) -> Result<(), BuildError> {
    error::sort(problems);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(BuildError::Site(std::mem::take(problems)));
    }
    Ok(())
}

/// Builds the site into its output folder, writing each page as soon as it
/// is rendered (memory stays bounded whatever the size of the site). On any
/// error the output folder is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_with(options, |_| {})
}

/// Like [`build`], telling `events` what the user may want to know while
/// it runs (such as waiting for another build of the same output). Builds
/// of one output folder run one at a time, from any number of processes.
pub fn build_with(
    options: &BuildOptions,
    events: impl FnOnce(BuildEvent),
) -> Result<BuildReport, BuildError> {
    let (built, _) = build_pass(options, events, false)?;
    built.ok_or_else(|| BuildError::Usage("the build was not written".into()))
}

/// [`build_with`] and [`check`] in one pass: each page is written and its
/// links read as it renders. With a broken link, nothing is written.
pub fn build_checked(
    options: &BuildOptions,
    events: impl FnOnce(BuildEvent),
) -> Result<CheckedBuild, BuildError> {
    match build_pass(options, events, true)? {
        (build, Some(check)) => Ok(CheckedBuild { build, check }),
        (_, None) => Err(BuildError::Usage("the links were not checked".into())),
    }
}

/// The build, checking links too with `checking`: the report of the build
/// (none when a link is broken: then nothing is written) and of the check.
fn build_pass(
    options: &BuildOptions,
    events: impl FnOnce(BuildEvent),
    checking: bool,
) -> Result<(Option<BuildReport>, Option<CheckReport>), BuildError> {
    site_folder::require_site(&options.root)?;
    let started = Instant::now();
    let output = options.output_dir();
    let mut lock =
        write::OutputLock::acquire(&output, || events(BuildEvent::Waiting(output.clone())))?;
    write::check_output(&output, &options.root)?;
    let mut prepared = prepare(options, None)?;
    let mut timings = std::mem::take(&mut prepared.timings);
    let staging = write::Staging::create(&output, &lock)?;
    let passed = pass::run(&mut prepared, Some(&staging), checking, &mut timings)?;
    let lap = Instant::now();
    let weight = pass::weigh(&mut prepared, &staging, options)?;
    // With the check, its report holds every warning, the build's too.
    let (checked, warnings) = if checking {
        let report = pass::report(&mut prepared, passed, options)?;
        if !report.broken.is_empty() {
            // Dropped without a commit: the output stays as it was.
            return Ok((None, Some(report)));
        }
        (Some(report), Vec::new())
    } else {
        prepared
            .warnings
            .extend(passed.missing.into_iter().map(|m| m.diagnostic));
        (None, prepared.rendered_warnings())
    };
    // The previous output is moved aside; the next build removes it.
    staging.commit()?;
    let urls = moved::urls_file(prepared.sites());
    write::write_beside(&output, moved::URLS, urls.as_bytes())?;
    timings.lap("swap in", lap);
    let removal = lock.finish_removal()?;
    drop(lock);
    let elapsed = started.elapsed();
    let site = &prepared.site;
    // Every language's pages (articles and date pages of each count;
    // actors are the default language's: one profile in every language).
    let date_pages = prepared
        .sites()
        .flat_map(|site| &site.years)
        .map(|y| 1 + y.months.iter().map(|m| 1 + m.days.len()).sum::<usize>())
        .sum();
    let built = BuildReport {
        articles: prepared.sites().map(|site| site.articles.len()).sum(),
        actors: site.actors().len(),
        date_pages,
        scheduled: site.publication.scheduled,
        next_live: site
            .publication
            .next_live
            .map(|at| site.publication.shown(at)),
        files: weight.files,
        bytes: weight.bytes,
        elapsed,
        output,
        warnings,
        timings,
        removal,
    };
    Ok((Some(built), checked))
}

/// Everything `build` does but writing, then every internal link checked:
/// the build's own pass, each page's links read as it renders.
pub fn check(options: &BuildOptions) -> Result<CheckReport, BuildError> {
    site_folder::require_site(&options.root)?;
    let mut prepared = prepare(options, None)?;
    let mut timings = std::mem::take(&mut prepared.timings);
    let passed = pass::run(&mut prepared, None, true, &mut timings)?;
    pass::report(&mut prepared, passed, options)
}

/// Shows `path` the way the summary line prints it.
pub fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    if text.ends_with('/') {
        text
    } else {
        format!("{text}/")
    }
}
