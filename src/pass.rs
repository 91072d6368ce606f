//! The one pass that renders a prepared site page by page into its sinks:
//! the staging folder (`build`), the link checker (`check`), or both
//! (`build --check`). Each page is handed on as soon as it renders and
//! then dropped, so memory does not grow with the site's output, and
//! `check` costs what a build costs, less the writing.

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use crate::error::{self, BuildError, Diagnostic};
use crate::model::site_links::Missing;
use crate::render::markdown::Body;
use crate::search::index::Words;
use crate::{
    BuildOptions, BuildReport, Prepared, check, load, moved, progress, render, timings, warnings,
    weight, write,
};

/// What `check` found.
#[derive(Debug)]
pub struct CheckReport {
    /// Pages rendered.
    pub pages: usize,
    /// Internal links that do not resolve.
    pub broken: Vec<check::BrokenLink>,
    /// Warnings about the content.
    pub warnings: Vec<Diagnostic>,
    /// Notes: actors named in bodies but not listed in front matter.
    pub notes: Vec<Diagnostic>,
}

/// What `build --check` did: the check's report, and the build's when
/// every link resolved (else nothing was written).
#[derive(Debug)]
pub struct CheckedBuild {
    /// The build, if it was written.
    pub build: Option<BuildReport>,
    /// The link check.
    pub check: CheckReport,
}

/// What a pass leaves.
pub(crate) struct Passed {
    /// Root-relative body links naming nothing the plan makes.
    pub missing: Vec<Missing>,
    /// Notes on mentions (when checking).
    pub notes: Vec<Diagnostic>,
    /// The link checker, holding what it read (when checking).
    pub links: Option<check::Links>,
}

/// Renders every page of `prepared`, writing each into `staging` (with the
/// static files) if given and, with `checking`, reading its links.
pub(crate) fn run(
    prepared: &mut Prepared,
    staging: Option<&write::Staging>,
    checking: bool,
    timings: &mut timings::Timings,
) -> Result<Passed, BuildError> {
    let lap = Instant::now();
    let progress = prepared.progress.clone();
    let progress = progress.as_deref();
    let articles = prepared.site.articles.len()
        + prepared
            .others
            .iter()
            .map(|other| other.site.articles.len())
            .sum::<usize>();
    progress::stage(progress, "rendering Markdown", articles);
    let (mut notes, searches, bodies) = take_bodies(prepared, checking, progress);
    error::sort(&mut notes);
    let lap = timings.lap("markdown", lap);
    if let Some(staging) = staging {
        progress::stage(
            progress,
            "copying static files",
            prepared.static_files.len(),
        );
        staging.copy_static(&prepared.static_files)?;
        timings.lap("copy static", lap);
    }
    let links = OnceLock::new();
    let mut missing = Vec::new();
    let prepared = &*prepared;
    progress::stage(progress, "making list entries", 0);
    let editions = prepared
        .editions()
        .zip(&bodies)
        .zip(searches)
        .map(|(((site, templates), bodies), search)| render::Edition {
            site,
            templates,
            bodies,
            search,
        })
        .collect();
    let streamed = render::render_editions(
        editions,
        |jobs| {
            let stage = if staging.is_some() {
                "writing pages"
            } else {
                "checking pages"
            };
            progress::stage(progress, stage, jobs.len());
            missing = prepared.missing_pages(jobs, None)?;
            if checking {
                let paths = jobs.iter().map(|job| job.path.as_str()).chain(
                    prepared
                        .static_files
                        .iter()
                        .map(|file| file.output.as_str()),
                );
                let _ = links.set(check::Links::new(prepared.site.config.root_path(), paths));
            }
            Ok(())
        },
        |page| {
            if let Some(staging) = staging {
                staging
                    .write(&page.path, &page.body)
                    .map_err(|e| e.made_from(page.source.as_deref()))?;
            }
            if let Some(links) = links.get() {
                links.page(&page);
            }
            if let Some(progress) = progress {
                progress.advance();
            }
            Ok(())
        },
    )
    .map_err(|failure| match failure {
        render::Failure::Site(found) => prepared.failed(found),
        render::Failure::Sink(e) => e,
    })?;
    timings.extend(streamed.timings);
    Ok(Passed {
        missing,
        notes,
        links: links.into_inner(),
    })
}

/// `check`'s report on a pass that read the links: the broken ones (a body
/// link found missing at plan time once, at its place), the warnings, and
/// the articles whose URL moved since the last build of the output (errors
/// under strict).
pub(crate) fn report(
    prepared: &mut Prepared,
    passed: Passed,
    options: &BuildOptions,
) -> Result<CheckReport, BuildError> {
    let (pages, broken) = passed.links.map(check::Links::finish).unwrap_or_default();
    let broken = check::with_located(broken, passed.missing, &prepared.site);
    let mut warnings = prepared.rendered_warnings();
    if let Some(previous) = moved::previous_urls(&options.output_dir()) {
        let mut found: Vec<Diagnostic> = prepared
            .sites()
            .flat_map(|site| moved::moved(site, &previous))
            .collect();
        if !found.is_empty() && prepared.strict {
            warnings::warnings_to_errors(&mut found);
            return Err(BuildError::Site(found));
        }
        warnings.extend(found);
        error::sort(&mut warnings);
    }
    Ok(CheckReport {
        pages,
        broken,
        warnings,
        notes: passed.notes,
    })
}

/// The size of what `staging` holds; past the Pages limit, a warning
/// among `prepared`'s (an error under strict: the build stops there).
pub(crate) fn weigh(
    prepared: &mut Prepared,
    staging: &write::Staging,
    options: &BuildOptions,
) -> Result<weight::Weight, BuildError> {
    let weight = staging.weight();
    let site_yaml = load::display_path(&options.root, Path::new("site.yaml"));
    let limit = weight::limit();
    if let Some(warning) = weight::warning(&weight, limit, &prepared.site.config, &site_yaml) {
        let mut found = vec![warning];
        if prepared.strict {
            warnings::warnings_to_errors(&mut found);
            return Err(BuildError::Site(found));
        }
        prepared.warnings.extend(found);
    }
    Ok(weight)
}

/// Every edition's bodies rendered (and taken from its articles), with
/// their notes and search words, edition by edition.
#[allow(clippy::type_complexity)]
fn take_bodies(
    prepared: &mut Prepared,
    checking: bool,
    progress: Option<&progress::Progress>,
) -> (Vec<Diagnostic>, Vec<Option<Words>>, Vec<Vec<Arc<Body>>>) {
    let mut made = vec![render::take_bodies(&mut prepared.site, checking, progress)];
    for other in &mut prepared.others {
        made.push(render::take_bodies(&mut other.site, checking, progress));
    }
    let mut notes = Vec::new();
    let mut searches = Vec::with_capacity(made.len());
    let mut bodies = Vec::with_capacity(made.len());
    for language in made {
        notes.extend(language.notes);
        searches.push(language.search);
        bodies.push(language.bodies);
    }
    (notes, searches, bodies)
}
