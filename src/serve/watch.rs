//! Watching the site's sources: `content/`, `templates/`, `static/`,
//! `i18n/` and `site.yaml`, never the output. Bursts of events (an editor writing a
//! temporary file, then renaming it) are gathered into one batch. A batch
//! is handed out once things are quiet: briefly when every file in it
//! arrived whole (renamed into place, closed after writing, or removed),
//! longer while a file is still open for writing or folders changed.

use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RemoveKind, RenameMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// Folders whose changes matter, below the site root.
const WATCHED: [&str; 4] = ["content", "templates", "static", "i18n"];

/// How long things must be quiet before a batch is handed out.
const QUIET: Duration = Duration::from_millis(30);
/// The same when every file of the batch arrived whole.
const SETTLED: Duration = Duration::from_millis(5);
/// The longest a batch waits for quiet.
const LONGEST: Duration = Duration::from_millis(400);

/// A watcher on one site.
pub struct Watcher {
    root: PathBuf,
    inner: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    watched: BTreeSet<&'static str>,
    news: News,
    /// Events received while waiting for quiet ([`Self::quiet_for`]), for
    /// the next batch.
    stashed: Vec<notify::Result<notify::Event>>,
}

/// Whether changes arrived that no batch has handed out yet: asked by work
/// that a newer save makes stale (the search index), from any thread.
#[derive(Clone, Default)]
pub struct News {
    /// Relevant events received from the system.
    arrived: Arc<AtomicUsize>,
    /// Of those, how many batches handed out.
    taken: Arc<AtomicUsize>,
}

impl News {
    /// A change is waiting to be handed out. Every such change is in the
    /// channel, so the next batch comes at once (never a wait for nothing).
    pub fn waiting(&self) -> bool {
        self.arrived.load(Ordering::Acquire) > self.taken.load(Ordering::Acquire)
    }
}

impl Watcher {
    /// Starts watching the site at `root`.
    pub fn new(root: &Path) -> notify::Result<Self> {
        let root = root.canonicalize().map_err(notify::Error::io)?;
        let (sender, events) = channel();
        let news = News::default();
        let arrived = news.arrived.clone();
        let inner_root = root.clone();
        let inner = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let counts = counts(&inner_root, &event);
            if sender.send(event).is_ok() && counts {
                arrived.fetch_add(1, Ordering::AcqRel);
            }
        })?;
        let mut watcher = Self {
            root,
            inner,
            events,
            watched: BTreeSet::new(),
            news,
            stashed: Vec::new(),
        };
        watcher
            .inner
            .watch(&watcher.root, RecursiveMode::NonRecursive)?;
        watcher.watch_folders();
        Ok(watcher)
    }

    /// Watches the source folders that exist and are not watched yet (a
    /// folder created while serving is picked up here).
    fn watch_folders(&mut self) {
        for folder in WATCHED {
            let path = self.root.join(folder);
            if !self.watched.contains(folder)
                && path.is_dir()
                && self.inner.watch(&path, RecursiveMode::Recursive).is_ok()
            {
                self.watched.insert(folder);
            }
        }
    }

    /// Blocks until something relevant changes, then returns every changed
    /// path (relative to the root) once things are quiet. `None` when the
    /// watcher has stopped.
    /// Returns an empty batch instead once `due` (by the wall clock) has
    /// come with nothing changed: the time an article goes live or expires.
    pub fn next_batch_or(&mut self, due: Option<DateTime<Utc>>) -> Option<BTreeSet<PathBuf>> {
        let mut batch = Batch::default();
        for event in std::mem::take(&mut self.stashed) {
            self.take(event, &mut batch);
        }
        while batch.paths.is_empty() {
            let event = match due {
                None => self.events.recv().ok()?,
                Some(due) => {
                    let left = (due - Utc::now()).to_std().unwrap_or_default();
                    if left.is_zero() {
                        return Some(BTreeSet::new());
                    }
                    // Woken at least every minute: the wall clock may jump
                    // (a machine asleep) while a monotonic wait does not.
                    match self.events.recv_timeout(left.min(Duration::from_secs(60))) {
                        Ok(event) => event,
                        Err(RecvTimeoutError::Timeout) => continue,
                        Err(RecvTimeoutError::Disconnected) => return None,
                    }
                }
            };
            self.take(event, &mut batch);
        }
        let started = Instant::now();
        loop {
            let left = LONGEST.saturating_sub(started.elapsed());
            let quiet = if batch.settled() { SETTLED } else { QUIET };
            match self.events.recv_timeout(quiet.min(left)) {
                Ok(event) => self.take(event, &mut batch),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
            if left.is_zero() {
                break;
            }
        }
        self.watch_folders();
        // Changes that arrive from here on are news; those taken are not.
        let arrived = self.news.arrived.load(Ordering::Acquire);
        self.news.taken.store(arrived, Ordering::Release);
        Some(batch.paths)
    }

    /// Waits until nothing relevant has changed for `quiet`; `false` as
    /// soon as something has (it is the next batch's), or the watcher
    /// stopped.
    pub fn quiet_for(&mut self, quiet: Duration) -> bool {
        let deadline = Instant::now() + quiet;
        loop {
            if self.news.waiting() {
                return false;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return true;
            }
            match self.events.recv_timeout(left) {
                // Counted as news only after it was sent: looked at here.
                Ok(event) if counts(&self.root, &event) => {
                    self.stashed.push(event);
                    return false;
                }
                Ok(event) => self.stashed.push(event),
                Err(RecvTimeoutError::Timeout) => return !self.news.waiting(),
                Err(RecvTimeoutError::Disconnected) => return false,
            }
        }
    }

    /// What tells other work that changes are waiting.
    pub fn news(&self) -> News {
        self.news.clone()
    }

    fn take(&self, event: notify::Result<notify::Event>, batch: &mut Batch) {
        let Ok(event) = event else { return };
        for path in &event.paths {
            if let Some(rel) = relevant(&self.root, path, &event.kind) {
                batch.take(&event.kind, rel);
            }
        }
    }
}

/// The paths changed so far, and what is known of their state.
#[derive(Default)]
struct Batch {
    paths: BTreeSet<PathBuf>,
    /// Files created or written and not closed yet.
    open: BTreeSet<PathBuf>,
    /// Something other than whole files changed (a folder, an event of
    /// an unknown kind).
    unsure: bool,
}

impl Batch {
    fn take(&mut self, kind: &EventKind, rel: PathBuf) {
        match kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
            | EventKind::Remove(RemoveKind::File) => {
                self.open.remove(&rel);
            }
            EventKind::Access(_) => return,
            EventKind::Create(CreateKind::File) | EventKind::Modify(ModifyKind::Data(_)) => {
                self.open.insert(rel.clone());
            }
            EventKind::Modify(ModifyKind::Metadata(_) | ModifyKind::Name(RenameMode::From)) => {}
            _ => self.unsure = true,
        }
        self.paths.insert(rel);
    }

    /// Every file of the batch arrived whole.
    fn settled(&self) -> bool {
        self.open.is_empty() && !self.unsure
    }
}

/// The path relative to the root if a change there matters: under a
/// watched folder or `site.yaml`, and not an editor's hidden, backup or
/// temporary file. A folder named like one (`content/2022`, all digits
/// as Vim's `4913`) is a folder: a file moved into it as it is made may
/// reach the watcher by the folder's creation alone (its watch comes
/// after), so the load must hear of it.
fn relevant(root: &Path, path: &Path, kind: &EventKind) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = rel.file_name()?.to_str()?;
    if name.starts_with('.') || (temporary(name) && !folder(kind, path)) {
        return None;
    }
    (WATCHED.contains(&first) || rel == Path::new("site.yaml")).then(|| rel.to_path_buf())
}

/// Whether an event is about a folder: by its kind, else (a move says
/// not) by what is at `path` now.
fn folder(kind: &EventKind, path: &Path) -> bool {
    matches!(
        kind,
        EventKind::Create(CreateKind::Folder) | EventKind::Remove(RemoveKind::Folder)
    ) || path.is_dir()
}

/// An editor's hidden, backup or temporary file: `.x.md.swp`, `.#x.md`,
/// `x.md~`, `#x.md#`, `x.md.tmp`, `x.md.tmp.123`, and `4913` (Vim's test
/// of whether it may write a folder).
fn temporary(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.contains(".tmp.")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `event` is news: a change (not an access) of a path the site
/// is made from.
fn counts(root: &Path, event: &notify::Result<notify::Event>) -> bool {
    event.as_ref().is_ok_and(|event| {
        !event.kind.is_access()
            && event
                .paths
                .iter()
                .any(|p| relevant(root, p, &event.kind).is_some())
    })
}

/// The files of a batch worth naming in the log: files that exist, and
/// removed ones that look like the site's files (`x.md`, `map.png`);
/// not folders, not editors' temporary files.
pub fn named(root: &Path, changed: &[PathBuf]) -> Vec<PathBuf> {
    changed
        .iter()
        .filter(|rel| {
            let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
                return false;
            };
            if temporary(name) {
                return false;
            }
            let full = root.join(rel);
            match full.symlink_metadata() {
                Ok(metadata) => !metadata.is_dir(),
                Err(_) => name.rsplit_once('.').is_some_and(|(stem, extension)| {
                    !stem.is_empty()
                        && extension.bytes().all(|b| b.is_ascii_alphanumeric())
                        && extension.bytes().any(|b| b.is_ascii_alphabetic())
                }),
            }
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_matter() {
        let root = Path::new("/site");
        assert_eq!(
            relevant(root, Path::new("/site/content/a.md"), &EventKind::Any),
            Some(PathBuf::from("content/a.md"))
        );
        assert_eq!(
            relevant(root, Path::new("/site/site.yaml"), &EventKind::Any),
            Some(PathBuf::from("site.yaml"))
        );
        assert_eq!(
            relevant(root, Path::new("/site/i18n/fr.yaml"), &EventKind::Any),
            Some(PathBuf::from("i18n/fr.yaml"))
        );
        assert_eq!(
            relevant(root, Path::new("/site/public/index.html"), &EventKind::Any),
            None
        );
        assert_eq!(
            relevant(root, Path::new("/site/content/.a.md.swp"), &EventKind::Any),
            None
        );
        assert_eq!(
            relevant(root, Path::new("/site/content/a.md~"), &EventKind::Any),
            None
        );
        for name in [".#a.md", "#a.md#", "4913", "a.md.tmp.123", "a.md.swx"] {
            let path = Path::new("/site/content").join(name);
            assert_eq!(relevant(root, &path, &EventKind::Any), None, "{name}");
        }
        assert_eq!(
            relevant(
                root,
                Path::new("/site/content/2022-01-21-talks.md"),
                &EventKind::Any
            ),
            Some(PathBuf::from("content/2022-01-21-talks.md"))
        );
        assert_eq!(
            relevant(root, Path::new("/elsewhere/content/a.md"), &EventKind::Any),
            None
        );
        // A folder named like Vim's test file is a folder.
        let made = EventKind::Create(CreateKind::Folder);
        assert_eq!(
            relevant(root, Path::new("/site/content/2022"), &made),
            Some(PathBuf::from("content/2022"))
        );
        assert_eq!(
            relevant(root, Path::new("/site/content/.drafts"), &made),
            None
        );
    }

    #[test]
    fn named_files_are_files_or_removed_files_of_the_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/2022")).unwrap();
        std::fs::write(dir.path().join("content/a.md"), "x").unwrap();
        let changed: Vec<PathBuf> = [
            "content/a.md",
            "content/2022",
            "content/gone.md",
            "static/img/gone.png",
            "content/a.md.tmp.42",
            "content/4913",
            "content/.a.md.swp",
            "content/gone",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(
            named(dir.path(), &changed),
            ["content/a.md", "content/gone.md", "static/img/gone.png"]
                .map(PathBuf::from)
                .to_vec()
        );
    }

    #[test]
    fn a_batch_is_settled_once_its_files_arrived_whole() {
        let a = || PathBuf::from("content/a.md");
        let mut batch = Batch::default();
        batch.take(&EventKind::Create(CreateKind::File), a());
        batch.take(
            &EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Any)),
            a(),
        );
        assert!(!batch.settled(), "written, not closed");
        batch.take(
            &EventKind::Access(AccessKind::Close(AccessMode::Write)),
            a(),
        );
        assert!(batch.settled());
        batch.take(
            &EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            PathBuf::from("content/b.md"),
        );
        assert!(batch.settled(), "renamed into place");
        batch.take(
            &EventKind::Create(CreateKind::Folder),
            PathBuf::from("content/2022"),
        );
        assert!(!batch.settled(), "a folder");
        assert_eq!(batch.paths.len(), 3);
    }
}
