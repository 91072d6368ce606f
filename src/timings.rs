//! Where a build's time goes: per stage, and per template (`--timings`).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Time spent in each stage, in order, and in each template.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    /// `(stage, wall time)`, in pipeline order.
    pub stages: Vec<(&'static str, Duration)>,
    /// Resident memory (MB) at the end of each stage, where the system says
    /// (Linux), same order as `stages`.
    pub memory: Vec<Option<u64>>,
    /// Megabytes of the template values `serve` keeps, by kind, when
    /// `BRIEFING_VALUE_BYTES` is set (else empty).
    pub values: Vec<(&'static str, u64)>,
    /// Per template, slowest total first.
    pub templates: Vec<TemplateTime>,
}

/// What one template cost over a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateTime {
    /// Template name.
    pub name: &'static str,
    /// Pages rendered with it.
    pub pages: usize,
    /// Summed render time (across threads, so it can exceed wall time).
    pub total: Duration,
    /// The slowest single page.
    pub slowest: Duration,
    /// That page's output path.
    pub slowest_page: String,
}

impl Timings {
    /// Records `stage` as having taken the time since `started`; returns now.
    pub fn lap(&mut self, stage: &'static str, started: Instant) -> Instant {
        let now = Instant::now();
        self.stages.push((stage, now - started));
        self.memory.push(resident_mb());
        now
    }

    /// Adds another set of timings after these.
    pub fn extend(&mut self, other: Timings) {
        self.stages.extend(other.stages);
        self.memory.extend(other.memory);
        self.values.extend(other.values);
        self.templates.extend(other.templates);
    }

    /// Summarises per-page render times `(template, page, time)`.
    pub fn templates_from(
        samples: impl IntoIterator<Item = (&'static str, String, Duration)>,
    ) -> Vec<TemplateTime> {
        let mut by_name: BTreeMap<&'static str, TemplateTime> = BTreeMap::new();
        for (name, page, time) in samples {
            let entry = by_name.entry(name).or_insert_with(|| TemplateTime {
                name,
                pages: 0,
                total: Duration::ZERO,
                slowest: Duration::ZERO,
                slowest_page: String::new(),
            });
            entry.pages += 1;
            entry.total += time;
            if time > entry.slowest {
                entry.slowest = time;
                entry.slowest_page = page;
            }
        }
        let mut list: Vec<TemplateTime> = by_name.into_values().collect();
        list.sort_by(|a, b| b.total.cmp(&a.total).then(a.name.cmp(b.name)));
        list
    }
}

/// Resident set size of this process in MB, from `/proc/self/status`.
fn resident_mb() -> Option<u64> {
    status_mb("VmRSS:")
}

/// The most this process has held resident so far, in MB (Linux).
pub fn peak_mb() -> Option<u64> {
    status_mb("VmHWM:")
}

/// A size in `/proc/self/status` (`VmRSS:`, `VmHWM:`), in MB.
fn status_mb(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
