//! What the preview serves right now: the last good site, and the error of
//! the last build if it failed. Shared behind an `Arc`; no globals.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use tokio::sync::broadcast;

use crate::render::deferred::Made;

/// What browsers are told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Pages changed: reload.
    Reload,
    /// Only stylesheets changed: swap them without reloading.
    Css,
    /// The build failed: show this text over the page.
    Error(String),
}

/// The served files by output path (`actors/index.html`): a map shared
/// between snapshots plus the files patches changed on top of it, so
/// publishing a patch does not copy the whole site.
#[derive(Debug, Clone, Default)]
pub struct Files {
    base: Arc<HashMap<String, Made>>,
    /// Changed (`Some`) or gone (`None`) since `base`.
    overlay: HashMap<String, Option<Made>>,
}

/// Past this many patched files, a patch folds them into a new base.
const OVERLAY_LIMIT: usize = 4096;

impl Files {
    /// Exactly `pages`.
    pub fn new(pages: HashMap<String, Made>) -> Self {
        Self {
            base: Arc::new(pages),
            overlay: HashMap::new(),
        }
    }

    /// The file at `path`.
    pub fn get(&self, path: &str) -> Option<&Made> {
        match self.overlay.get(path) {
            Some(page) => page.as_ref(),
            None => self.base.get(path),
        }
    }

    /// Whether there is a file at `path`.
    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Every file, in no order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Made)> {
        let base = self
            .base
            .iter()
            .filter(|(path, _)| !self.overlay.contains_key(*path));
        let patched = self
            .overlay
            .iter()
            .filter_map(|(path, page)| page.as_ref().map(|page| (path, page)));
        base.chain(patched)
    }

    /// How many files.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether there is no file.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// These files with `changed` put in and `removed` taken out.
    pub fn patched(&self, changed: Vec<Made>, removed: Vec<String>) -> Self {
        let mut overlay = self.overlay.clone();
        for path in removed {
            overlay.insert(path, None);
        }
        for page in changed {
            overlay.insert(page.path().to_string(), Some(page));
        }
        if overlay.len() <= OVERLAY_LIMIT {
            return Self {
                base: self.base.clone(),
                overlay,
            };
        }
        let mut base = HashMap::clone(&self.base);
        for (path, page) in overlay {
            match page {
                Some(page) => base.insert(path, page),
                None => base.remove(&path),
            };
        }
        Self::new(base)
    }
}

/// One version of the served site.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The files.
    pub pages: Files,
    /// The site's URL path, `/` or `/briefings/`.
    pub root: String,
    /// The error of the last build, shown over every page until fixed.
    pub error: Option<String>,
    /// An output folder (`search/`) whose files are still being made:
    /// requests below it wait for the next snapshot.
    pub pending: Option<String>,
}

/// The server's shared state.
pub struct State {
    snapshot: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<Event>,
    /// Woken at every publish.
    published: tokio::sync::Notify,
    /// Pages rendered on request lately.
    pub recent: super::recent::Recent,
    /// Set once a request waited for a pending folder: the files left for
    /// later (the search index) are made from then on, right after each
    /// rebuild. Until then they are made only when first asked for.
    wanted: std::sync::atomic::AtomicBool,
    /// Told when a request waits for a pending folder.
    asked: std::sync::Mutex<Option<std::sync::mpsc::SyncSender<()>>>,
}

impl State {
    /// State serving `snapshot`.
    pub fn new(snapshot: Snapshot) -> Arc<Self> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Self {
            snapshot: RwLock::new(Arc::new(snapshot)),
            events,
            published: tokio::sync::Notify::new(),
            recent: super::recent::Recent::default(),
            wanted: std::sync::atomic::AtomicBool::new(false),
            asked: std::sync::Mutex::new(None),
        })
    }

    /// Where to be told that a request waits for a pending folder.
    pub fn when_asked(&self, sender: std::sync::mpsc::SyncSender<()>) {
        if let Ok(mut asked) = self.asked.lock() {
            *asked = Some(sender);
        }
    }

    /// Whether a request has ever waited for a pending folder.
    pub fn wanted(&self) -> bool {
        self.wanted.load(std::sync::atomic::Ordering::Acquire)
    }

    /// A request waits for a pending folder: it is wanted, from now on.
    fn ask(&self) {
        self.wanted
            .store(true, std::sync::atomic::Ordering::Release);
        if let Ok(asked) = self.asked.lock()
            && let Some(sender) = asked.as_ref()
        {
            // Full: the maker is already told.
            let _ = sender.try_send(());
        }
    }

    /// The current snapshot (cheap: shared).
    pub fn current(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Puts a new snapshot in place, then tells the browsers; in that order,
    /// so a reload always fetches the new site.
    pub fn publish(&self, snapshot: Snapshot, event: Option<Event>) {
        match self.snapshot.write() {
            Ok(mut guard) => *guard = Arc::new(snapshot),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(snapshot),
        }
        self.published.notify_waiters();
        if let Some(event) = event {
            let _ = self.events.send(event);
        }
    }

    /// The current snapshot once nothing a request for `path` (decoded,
    /// with the site's root) could want is pending, or after `longest`.
    pub async fn settled(&self, path: &str, longest: std::time::Duration) -> Arc<Snapshot> {
        let deadline = tokio::time::Instant::now() + longest;
        loop {
            let notified = self.published.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let snapshot = self.current();
            let waits = snapshot
                .pending
                .as_deref()
                .is_some_and(|folder| path.starts_with(&format!("{}{folder}", snapshot.root)));
            if !waits {
                return snapshot;
            }
            self.ask();
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return snapshot;
            }
        }
    }

    /// Listens for events.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_request_below_a_pending_folder_waits_for_the_next_snapshot() {
        let state = State::new(Snapshot {
            root: "/".into(),
            pending: Some("search/".into()),
            ..Snapshot::default()
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let other = state.settled("/actors/", Duration::from_secs(5)).await;
            assert!(other.pending.is_some(), "other paths do not wait");
            let waiting = tokio::spawn({
                let state = state.clone();
                async move {
                    state
                        .settled("/search/meta.json", Duration::from_secs(5))
                        .await
                }
            });
            // One thread: the waiting task runs until it waits.
            for _ in 0..10 {
                tokio::task::yield_now().await;
            }
            assert!(!waiting.is_finished());
            state.publish(
                Snapshot {
                    root: "/".into(),
                    ..Snapshot::default()
                },
                None,
            );
            let settled = waiting.await.unwrap();
            assert!(settled.pending.is_none());
        });
    }
}
