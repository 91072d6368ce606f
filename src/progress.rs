//! How far a long run has got: the stage it is in and, for a counted
//! stage, how many of how many (pages written, articles rendered).
//!
//! The library never prints: a build, a check or the preview's first
//! build updates a [`Progress`] the caller handed it (through
//! [`crate::BuildOptions::progress`]), and the caller (`main.rs`) reads it
//! with [`Progress::snapshot`] as often as it likes and draws it. Updates
//! are a few atomic stores, cheap enough to make for every page.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The state of a run, updated by the library, read by the caller.
#[derive(Debug)]
pub struct Progress {
    stage: Mutex<(&'static str, Instant)>,
    done: AtomicUsize,
    total: AtomicUsize,
}

/// What [`Progress::snapshot`] saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// What the run is doing ("loading", "writing pages"); empty before
    /// the first stage.
    pub stage: &'static str,
    /// Items done in this stage.
    pub done: usize,
    /// Items this stage has; 0 when it is not counted.
    pub total: usize,
    /// Time since this stage began.
    pub elapsed: Duration,
}

impl Seen {
    /// Items per second in this stage so far (0 when not counted, or too
    /// early to say).
    pub fn rate(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if self.total == 0 || seconds < 0.05 {
            0.0
        } else {
            self.done as f64 / seconds
        }
    }
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            stage: Mutex::new(("", Instant::now())),
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
        }
    }
}

impl Progress {
    /// A run that has not started a stage yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A new stage begins: `name`, with `total` items to count (0: not
    /// counted).
    pub fn stage(&self, name: &'static str, total: usize) {
        let mut stage = self.stage.lock().unwrap_or_else(|e| e.into_inner());
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        *stage = (name, Instant::now());
    }

    /// One more item of the current stage is done.
    pub fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The stage, its count and how long it has run.
    pub fn snapshot(&self) -> Seen {
        let stage = *self.stage.lock().unwrap_or_else(|e| e.into_inner());
        let total = self.total.load(Ordering::Relaxed);
        Seen {
            stage: stage.0,
            done: self.done.load(Ordering::Relaxed),
            total,
            elapsed: stage.1.elapsed(),
        }
    }
}

/// `progress`'s stage, if there is a progress to tell.
pub(crate) fn stage(progress: Option<&Progress>, name: &'static str, total: usize) {
    if let Some(progress) = progress {
        progress.stage(name, total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_counts_from_zero_to_its_total() {
        let progress = Progress::new();
        assert_eq!(progress.snapshot().stage, "");
        progress.stage("writing pages", 3);
        progress.advance();
        progress.advance();
        let seen = progress.snapshot();
        assert_eq!((seen.stage, seen.done, seen.total), ("writing pages", 2, 3));
        progress.stage("finishing", 0);
        let seen = progress.snapshot();
        assert_eq!((seen.done, seen.total, seen.rate()), (0, 0, 0.0));
    }
}
