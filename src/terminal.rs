//! The progress line the `briefing` binary draws on a terminal (part of
//! `main.rs`, not of the library): one line on stderr, redrawn up to twenty
//! times a second from a [`Progress`] the library updates, showing the stage, the
//! count out of the total and a rate ("writing pages 12,000/23,265,
//! 4,100/s"). Nothing is drawn when stderr is not a terminal or `CI` is
//! set, and the line is cleared before anything else is printed.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use briefing::progress::{Progress, Seen};
use briefing::weight::count_shown;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress line being drawn; cleared when finished or dropped.
pub struct Line {
    progress: Arc<Progress>,
    stop: Arc<AtomicBool>,
    drawer: Option<JoinHandle<()>>,
}

impl Line {
    /// Starts drawing, when stderr is a terminal and `CI` is not set.
    pub fn start() -> Option<Self> {
        if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
            return None;
        }
        let progress = Arc::new(Progress::new());
        let stop = Arc::new(AtomicBool::new(false));
        let drawer = {
            let (progress, stop) = (progress.clone(), stop.clone());
            std::thread::spawn(move || draw(&progress, &stop))
        };
        Some(Self {
            progress,
            stop,
            drawer: Some(drawer),
        })
    }

    /// What the library updates.
    pub fn progress(&self) -> Arc<Progress> {
        self.progress.clone()
    }

    /// Stops drawing and clears the line.
    pub fn finish(mut self) {
        self.stop_drawing();
    }

    fn stop_drawing(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(drawer) = self.drawer.take() {
            let _ = drawer.join();
        }
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        self.stop_drawing();
    }
}

/// Redraws the line from `progress` until `stop`, then clears it.
fn draw(progress: &Progress, stop: &AtomicBool) {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(20));
    let style = ProgressStyle::with_template("{spinner} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    while !stop.load(Ordering::Relaxed) {
        let seen = progress.snapshot();
        if !seen.stage.is_empty() {
            bar.set_message(describe(&seen));
            bar.tick();
        }
        std::thread::sleep(Duration::from_millis(40));
    }
    bar.finish_and_clear();
}

/// "writing pages 12,000/23,265 (4,100/s)", or "loading (2.1 s)" for a
/// stage that is not counted.
pub fn describe(seen: &Seen) -> String {
    let seconds = seen.elapsed.as_secs_f64();
    if seen.total == 0 {
        return format!("{} ({seconds:.1} s)", seen.stage);
    }
    let rate = seen.rate();
    let rate = if rate > 0.0 {
        format!(", {}/s", count_shown(rate.round() as u64))
    } else {
        String::new()
    };
    format!(
        "{} {}/{} ({seconds:.1} s{rate})",
        seen.stage,
        count_shown(seen.done as u64),
        count_shown(seen.total as u64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(stage: &'static str, done: usize, total: usize, millis: u64) -> Seen {
        Seen {
            stage,
            done,
            total,
            elapsed: Duration::from_millis(millis),
        }
    }

    #[test]
    fn a_counted_stage_shows_its_count_total_and_rate() {
        assert_eq!(
            describe(&seen("writing pages", 12_000, 23_265, 3_000)),
            "writing pages 12,000/23,265 (3.0 s, 4,000/s)"
        );
        // Too early for a rate.
        assert_eq!(
            describe(&seen("writing pages", 3, 23_265, 10)),
            "writing pages 3/23,265 (0.0 s)"
        );
        assert_eq!(describe(&seen("loading", 0, 0, 2_100)), "loading (2.1 s)");
    }
}
