//! `briefing serve`: the local preview.
//!
//! Builds the site in memory (never touching `public/`), serves it over
//! HTTP, watches the sources and rebuilds incrementally on every change:
//! unchanged files are not parsed again and unchanged pages not rendered
//! again ([`crate::regenerate`]). Browsers get a live-reload script; a
//! failed build keeps the last good site and shows its error over every
//! page until fixed. Uses load, model and render; they never use it.

mod http;
pub mod live_reload;
mod recent;
mod state;
mod watch;

use std::collections::{BTreeSet, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::{BuildError, Diagnostic};
use crate::render::Page;
use crate::render::deferred::Made;
use crate::{BuildOptions, Incremental, Regenerated, Served};
pub use http::{Target, content_type};
use state::{Event, Files, Snapshot, State};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on (loopback unless asked otherwise).
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
    /// Show scheduled articles, marked (unless `--no-future`).
    pub future: bool,
    /// Where the first build tells how far it has got (the caller draws
    /// it; later rebuilds are quick and say nothing of it).
    pub progress: Option<Arc<crate::progress::Progress>>,
}

/// What the server has to say; `main.rs` prints it.
#[derive(Debug)]
pub enum Notice {
    /// Listening at this URL.
    Listening(String),
    /// Bound to an address other machines can reach.
    Exposed(SocketAddr),
    /// A rebuild succeeded.
    Rebuilt {
        /// The first build, before any change.
        first: bool,
        /// The files that changed, worth naming (not folders, not editors'
        /// temporary files; see [`watch::named`]).
        changed: Vec<PathBuf>,
        /// Pages rendered anew.
        rendered: usize,
        /// Files in the site, the search index included once it is made.
        files: usize,
        /// The preview's new address, when an edit of `base_url` moved it
        /// to another path.
        moved: Option<String>,
        /// How long it took.
        elapsed: Duration,
        /// Warnings about the content.
        warnings: Vec<Diagnostic>,
        /// Where the time went.
        timings: crate::timings::Timings,
    },
    /// The files a rebuild left for later (the search index) were made,
    /// when a request first asked for them.
    Made {
        /// Files in the site, the search index included.
        files: usize,
        /// How long making them took.
        elapsed: Duration,
    },
    /// A rebuild failed; the last good site is still served.
    Failed {
        /// The files that changed, worth naming.
        changed: Vec<PathBuf>,
        /// Why.
        error: BuildError,
        /// The text shown in the terminal and the overlay.
        report: String,
    },
}

/// Serves the site until Ctrl-C.
pub fn serve(
    options: ServeOptions,
    report: impl Fn(Notice) + Send + Sync + 'static,
) -> Result<(), BuildError> {
    crate::site_folder::require_site(&options.root)?;
    let (listener, address) = bind(SocketAddr::new(options.bind, options.port))?;
    if !options.bind.is_loopback() {
        report(Notice::Exposed(address));
    }

    let origin = format!("http://{address}");
    let mut build = BuildOptions {
        root: options.root.clone(),
        output: None,
        base_url: None,
        drafts: options.drafts,
        future: options.future,
        // Each rebuild reads the clock (or SOURCE_DATE_EPOCH) anew.
        now: None,
        local_origin: Some(origin.clone()),
        strict: false,
        progress: options.progress.clone(),
    };
    let root_path = crate::load::load_config(&options.root)
        .root_path()
        .to_string();
    let state = State::new(Snapshot {
        root: root_path.clone(),
        ..Snapshot::default()
    });
    // Watching starts before the first build, so a change saved while it
    // runs, or as soon as the address is printed, is seen.
    let mut watcher = watch::Watcher::new(&options.root).map_err(|source| BuildError::Watch {
        path: options.root.clone(),
        source,
    })?;
    let caches = Arc::new(Mutex::new(Incremental::default()));
    let mut statics = StaticCache::default();
    report(rebuild(
        &build,
        &mut locked(&caches),
        &mut statics,
        &state,
        Vec::new(),
        &watch::News::default(),
        true,
    ));
    build.progress = None;

    let url = format!("{origin}{root_path}");
    report(Notice::Listening(url.clone()));
    if options.open {
        open_browser(&url);
    }

    let report = Arc::new(report);
    let news = watcher.news();
    let indexer = {
        let (state, caches, news) = (state.clone(), caches.clone(), news.clone());
        let report = report.clone();
        let root = build.root.clone();
        std::thread::spawn(move || make_when_asked(&state, &caches, &root, &news, &*report))
    };
    let rebuilder = {
        let state = state.clone();
        let report = report.clone();
        std::thread::spawn(move || {
            // With the time pinned (SOURCE_DATE_EPOCH), nothing goes live.
            let pinned = std::env::var_os(crate::load::publication::SOURCE_DATE_EPOCH).is_some();
            loop {
                // Between saves, what the next one's patch needs is found.
                locked(&caches).prepare_patches(&|| news.waiting());
                // The replaced site (if a whole rebuild replaced it) is
                // gone by now: its memory given back.
                if !news.waiting() {
                    locked(&caches).let_go_of_replaced_site();
                }
                // Once saves pause, what the model keeps for a delta (it
                // cannot give way to a save, so it waits for a pause).
                if locked(&caches).delta_unprepared() && watcher.quiet_for(PAUSE_BEFORE_DELTA_STATE)
                {
                    locked(&caches).prepare_delta();
                }
                // An article going live or expiring rebuilds the site then.
                let due = locked(&caches).next_change().filter(|_| !pinned);
                let Some(changed) = watcher.next_batch_or(due) else {
                    break;
                };
                report(rebuild(
                    &build,
                    &mut locked(&caches),
                    &mut statics,
                    &state,
                    changed.into_iter().collect(),
                    &news,
                    false,
                ));
            }
        })
    };

    let served = run_http(listener, address, state);
    drop(rebuilder);
    drop(indexer);
    served
}

/// How long saves pause before the preview makes what the model keeps for
/// the next delta: a save that comes while it is made (half a second at
/// 100k articles, 40 ms at 10k) waits for it.
const PAUSE_BEFORE_DELTA_STATE: Duration = Duration::from_millis(500);

/// The caches, whoever panicked while holding them last (a panic in a
/// rebuild already dropped what it half made).
fn locked(caches: &Mutex<Incremental>) -> std::sync::MutexGuard<'_, Incremental> {
    caches
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Makes the files a rebuild left pending (the search index) when a
/// request first waits for them; from then on each rebuild makes them
/// right after publishing its pages ([`State::wanted`]). So a preview
/// whose search is never used never makes its index.
fn make_when_asked(
    state: &State,
    caches: &Mutex<Incremental>,
    root: &Path,
    news: &watch::News,
    report: &dyn Fn(Notice),
) {
    let (sender, asked) = std::sync::mpsc::sync_channel(1);
    state.when_asked(sender);
    for () in asked {
        let mut caches = locked(caches);
        // A rebuild may have made them meanwhile, or failed.
        if state.current().pending.is_none() {
            continue;
        }
        let started = Instant::now();
        if finish(&mut caches, state, root, &[], news) {
            report(Notice::Made {
                files: state.current().pages.len(),
                elapsed: started.elapsed(),
            });
        }
    }
}

/// Listens on `address` (port 0: any free port); returns the listener and
/// the address it got.
fn bind(address: SocketAddr) -> Result<(std::net::TcpListener, SocketAddr), BuildError> {
    let listener = std::net::TcpListener::bind(address).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => BuildError::Usage(format!(
            "cannot listen on {address}: the port is already in use; choose another with --port (or --port 0 for any free port)"
        )),
        _ => BuildError::Io {
            action: "listen on",
            path: address.to_string().into(),
            source: e,
        },
    })?;
    let address = listener
        .local_addr()
        .map_err(BuildError::io("inspect", "listener"))?;
    listener
        .set_nonblocking(true)
        .map_err(BuildError::io("configure", "listener"))?;
    Ok((listener, address))
}

/// Serves `state` over HTTP on `listener` until Ctrl-C.
fn run_http(
    listener: std::net::TcpListener,
    address: SocketAddr,
    state: Arc<State>,
) -> Result<(), BuildError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(BuildError::io("start", "the server runtime"))?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let server = axum::serve(listener, http::router(state));
        tokio::select! {
            result = server => result,
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    });
    runtime.shutdown_timeout(Duration::from_millis(200));
    served.map_err(BuildError::io("serve on", address.to_string()))
}

/// Rebuilds the site and publishes the result (or the error).
fn rebuild(
    build: &BuildOptions,
    caches: &mut Incremental,
    statics: &mut StaticCache,
    state: &State,
    changed: Vec<PathBuf>,
    news: &watch::News,
    first: bool,
) -> Notice {
    let started = Instant::now();
    let previous = state.current();
    if previous.error.is_some() {
        caches.invalidate();
    }
    match regenerate_caught(build, caches, &changed) {
        Ok(regenerated) => {
            let mut timings = regenerated.timings.clone();
            let publishing = Instant::now();
            let warnings = regenerated.warnings.clone();
            let root = regenerated.root.clone();
            let rendered = regenerated.rendered;
            let pending;
            let (pages, event) = match regenerated.pages {
                Served::Patch {
                    changed,
                    removed,
                    pending: folder,
                } => {
                    pending = folder;
                    patched(&previous, changed, removed)
                }
                Served::Whole {
                    pages,
                    pending: folder,
                } => {
                    pending = folder;
                    let pages = match pages_of(pages, regenerated.static_files, statics) {
                        Ok(pages) => pages,
                        Err(error) => {
                            caches.invalidate();
                            return failed(&previous, state, &build.root, changed, error);
                        }
                    };
                    let event = event_for(&previous, &pages, pending.as_deref());
                    (Files::new(pages), event)
                }
            };
            let mut files = pages.len();
            let moved = (!changed.is_empty() && root != previous.root)
                .then(|| format!("{}{root}", build.local_origin.as_deref().unwrap_or("")));
            let later = pending.is_some();
            state.publish(
                Snapshot {
                    pages,
                    root,
                    error: None,
                    pending,
                },
                event,
            );
            let finishing = timings.lap("publish", publishing);
            let elapsed = started.elapsed();
            // Until a request asks for them, they wait ([`make_when_asked`]).
            if later && state.wanted() {
                let label = if finish(caches, state, &build.root, &changed, news) {
                    // Counted with the search index, as every rebuild is.
                    files = state.current().pages.len();
                    "search index, served after"
                } else {
                    "search index, given up for a newer save after"
                };
                timings.lap(label, finishing);
            }
            Notice::Rebuilt {
                first,
                changed: watch::named(&build.root, &changed),
                rendered,
                files,
                moved,
                elapsed,
                warnings,
                timings,
            }
        }
        Err(error) => failed(&previous, state, &build.root, changed, error),
    }
}

/// Makes the files a rebuild left pending (the search index) and puts them
/// in place; requests for them wait until then. Gives up when a newer save
/// is waiting (`news`): its rebuild makes the index then. A panic drops the
/// caches (the next save rebuilds whole) and is shown like a failed build.
/// Returns whether the work was done.
fn finish(
    caches: &mut Incremental,
    state: &State,
    root: &Path,
    changed: &[PathBuf],
    news: &watch::News,
) -> bool {
    let stop = || news.waiting();
    let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::finish(caches, &stop)
    }));
    let current = state.current();
    match made {
        Ok(crate::Finished::Stopped) => false,
        Ok(made) => {
            let (changed, removed) = match made {
                crate::Finished::Made(changed, removed) => (changed, removed),
                _ => Default::default(),
            };
            let changed = changed.into_iter().map(Made::Ready).collect();
            let (pages, _) = patched(&current, changed, removed);
            let snapshot = Snapshot {
                pages,
                root: current.root.clone(),
                error: None,
                pending: None,
            };
            state.publish(snapshot, None);
            true
        }
        Err(_) => {
            *caches = Incremental::default();
            let error = BuildError::Site(vec![
                Diagnostic::error(
                    changed.first().cloned().unwrap_or_default(),
                    0,
                    0,
                    "briefing crashed while making the search index",
                )
                .note("this is a bug in briefing; the next save rebuilds from scratch"),
            ]);
            failed(&current, state, root, changed.to_vec(), error);
            true
        }
    }
}

/// The previous site's files with a patch applied, and what browsers
/// should do: reload if any file changed.
fn patched(
    previous: &Snapshot,
    changed: Vec<Made>,
    removed: Vec<String>,
) -> (Files, Option<Event>) {
    let old = &previous.pages;
    let any = removed.iter().any(|path| old.contains_key(path))
        || changed
            .iter()
            .any(|page| old.get(page.path()).is_none_or(|old| !old.same(page)));
    (old.patched(changed, removed), any.then_some(Event::Reload))
}

/// Keeps serving the last good site, with `error` over every page.
fn failed(
    previous: &Snapshot,
    state: &State,
    root: &Path,
    changed: Vec<PathBuf>,
    error: BuildError,
) -> Notice {
    let text = error.report_serving(!previous.pages.is_empty());
    let snapshot = Snapshot {
        pages: previous.pages.clone(),
        root: previous.root.clone(),
        error: Some(text.clone()),
        pending: None,
    };
    state.publish(snapshot, Some(Event::Error(text.clone())));
    Notice::Failed {
        changed: watch::named(root, &changed),
        error,
        report: text,
    }
}

/// [`crate::regenerate`], with a panic turned into an error like any other
/// (shown in the terminal and the overlay), so one bad rebuild never stops
/// the rebuild loop. After a panic the caches may be half-updated, so they
/// are dropped: the next rebuild starts from scratch.
fn regenerate_caught(
    build: &BuildOptions,
    caches: &mut Incremental,
    changed: &[PathBuf],
) -> Result<Regenerated, BuildError> {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        forced_panic_for_tests(&build.root);
        crate::regenerate(build, caches, changed)
    }));
    outcome.unwrap_or_else(|payload| {
        *caches = Incremental::default();
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into());
        let place = changed
            .first()
            .cloned()
            .unwrap_or_else(|| build.root.clone());
        Err(BuildError::Site(vec![
            Diagnostic::error(
                place,
                0,
                0,
                format!("briefing crashed while rebuilding: {why}"),
            )
            .note("this is a bug in briefing; the next save rebuilds from scratch"),
        ]))
    })
}

/// A test-only hook: debug builds (what `cargo test` runs) panic in the
/// rebuild while the file named by `BRIEFING_TEST_PANIC_WHILE` exists
/// (relative to the site folder), so the test of panic recovery can force
/// one. Release builds never read the variable.
fn forced_panic_for_tests(root: &std::path::Path) {
    if cfg!(debug_assertions)
        && let Some(trigger) = std::env::var_os("BRIEFING_TEST_PANIC_WHILE")
        && root.join(trigger).exists()
    {
        panic!("forced by BRIEFING_TEST_PANIC_WHILE");
    }
}

/// Static files read by earlier rebuilds, by source path, with the
/// modification time and size they were read at: unchanged files (images
/// can be large) are not read again.
#[derive(Default)]
pub struct StaticCache(HashMap<PathBuf, ReadFile>);

/// A file's modification time and size when read, and its bytes.
type ReadFile = (Option<std::time::SystemTime>, u64, crate::render::Bytes);

/// The rendered pages and the static files, by output path. A static file
/// that cannot be read fails the rebuild, as it fails `build`.
fn pages_of(
    rendered: Vec<Made>,
    static_files: Vec<crate::load::StaticFile>,
    statics: &mut StaticCache,
) -> Result<HashMap<String, Made>, BuildError> {
    let mut pages: HashMap<String, Made> =
        HashMap::with_capacity(rendered.len() + static_files.len());
    let mut kept = HashMap::with_capacity(static_files.len());
    for file in static_files {
        let metadata = std::fs::metadata(&file.source).ok();
        let modified = metadata.as_ref().and_then(|m| m.modified().ok());
        let size = metadata.as_ref().map_or(0, |m| m.len());
        let body = match statics.0.remove(&file.source) {
            Some((when, len, body)) if modified.is_some() && when == modified && len == size => {
                body
            }
            _ => std::fs::read(&file.source)
                .map(crate::render::Bytes::from)
                .map_err(BuildError::io("read", &file.source))?,
        };
        kept.insert(file.source.clone(), (modified, size, body.clone()));
        let page = Page {
            path: file.output.clone(),
            body,
            source: Some(file.source),
        };
        pages.insert(file.output, Made::Ready(page));
    }
    statics.0 = kept;
    for page in rendered {
        pages.insert(page.path().to_string(), page);
    }
    Ok(pages)
}

/// What browsers should do: nothing if no file changed, swap stylesheets if
/// only stylesheets did, reload otherwise (and always after an error).
/// Files below `pending` are made later and do not count as gone.
fn event_for(
    previous: &Snapshot,
    pages: &HashMap<String, Made>,
    pending: Option<&str>,
) -> Option<Event> {
    if previous.error.is_some() {
        return Some(Event::Reload);
    }
    let mut changed: BTreeSet<&str> = pages
        .iter()
        .filter(|(path, page)| previous.pages.get(path).is_none_or(|old| !old.same(page)))
        .map(|(path, _)| path.as_str())
        .collect();
    changed.extend(
        previous
            .pages
            .iter()
            .map(|(path, _)| path)
            .filter(|p| !pages.contains_key(*p))
            .filter(|p| pending.is_none_or(|folder| !p.starts_with(folder)))
            .map(String::as_str),
    );
    if changed.is_empty() {
        None
    } else if changed.iter().all(|p| p.ends_with(".css")) {
        Some(Event::Css)
    } else {
        Some(Event::Reload)
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::StaticFile;

    #[test]
    fn a_static_file_that_cannot_be_read_fails_the_rebuild_with_its_cause() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::write(
            dir.path().join("content/a.md"),
            "---\ntitle: A\ndate: 2022-01-21\n---\nBody.\n",
        )
        .unwrap();
        let mut generated = crate::generate(&BuildOptions::new(dir.path())).unwrap();
        let gone = dir.path().join("static/gone.css");
        generated.static_files.push(StaticFile {
            source: gone.clone(),
            output: "gone.css".into(),
        });
        let error = pages_of(
            generated.pages.into_iter().map(Made::Ready).collect(),
            generated.static_files,
            &mut StaticCache::default(),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("failed to read {}", gone.display())
        );
        let cause = std::error::Error::source(&error).map(|c| c.to_string());
        assert!(
            cause.is_some_and(|c| c.contains("No such file")),
            "{error:?}"
        );
    }
}
