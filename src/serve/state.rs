//! What the preview serves right now: the last good site, and the error of
//! the last build if it failed. Shared behind an `Arc`; no globals.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use tokio::sync::broadcast;

use crate::render::Page;

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

/// One version of the served site.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Output path (`actors/index.html`) -> file.
    pub pages: HashMap<String, Page>,
    /// The site's URL path, `/` or `/briefings/`.
    pub root: String,
    /// The error of the last build, shown over every page until fixed.
    pub error: Option<String>,
}

/// The server's shared state.
pub struct State {
    snapshot: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<Event>,
}

impl State {
    /// State serving `snapshot`.
    pub fn new(snapshot: Snapshot) -> Arc<Self> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Self {
            snapshot: RwLock::new(Arc::new(snapshot)),
            events,
        })
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
        if let Some(event) = event {
            let _ = self.events.send(event);
        }
    }

    /// Listens for events.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }
}
