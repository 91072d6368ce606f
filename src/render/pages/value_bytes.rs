//! Where the template values `serve` keeps take memory, by kind (see
//! [`crate::render::value_bytes`]): measured after a whole rebuild's plan
//! when `BRIEFING_VALUE_BYTES` is set, printed by `serve --timings`.

use super::{Job, JobContext, Output, Planner, Reuse};
use crate::render::value_bytes::{ValueBytes, megabytes};

impl Planner<'_> {
    /// Megabytes of each kind of value this run holds, each shared value
    /// counted once, under the first kind that holds it: the values shared
    /// by entries, the bodies' HTML, list entries, feed entries, milestone
    /// entries, article pages' own parts (related briefings, JSON-LD, the
    /// other fields with the page's own size), then what the plan's pages
    /// add.
    pub fn value_megabytes(&self, reuse: &Reuse, jobs: &[Job]) -> Vec<(&'static str, u64)> {
        let mut count = ValueBytes::default();
        let shared = &self.shared;
        let links = shared.links.iter().flat_map(|(_, links)| links);
        let dated = shared.dated.iter().flatten();
        let site = count.value(&self.site_value);
        let shared = site + count.values(links.chain(dated).chain(shared.dates.values()));
        let html = self
            .bodies
            .iter()
            .flat_map(|body| [&body.html, &body.feed_html]);
        let bodies = count.values(html);
        let kept: Vec<_> = reuse.articles.iter().collect();
        let entries = count.values(kept.iter().map(|k| &k.entry));
        let feeds = count.values(kept.iter().filter_map(|k| k.feed.as_ref()));
        let milestones = count.values(kept.iter().filter_map(|k| k.milestone.as_ref()));
        let mut pages = [0; 3];
        for kept in &kept {
            for (sum, bytes) in pages.iter_mut().zip(kept.article.bytes(&mut count)) {
                *sum += bytes;
            }
        }
        let plan: usize = jobs
            .iter()
            .map(|job| match &job.output {
                Output::Template {
                    context: JobContext::Ready(vars),
                    ..
                } => count.values(vars.values()),
                _ => 0,
            })
            .sum();
        vec![
            ("shared", megabytes(shared)),
            ("bodies' HTML", megabytes(bodies)),
            ("list entries", megabytes(entries)),
            ("feed entries", megabytes(feeds)),
            ("milestone entries", megabytes(milestones)),
            ("article pages' related", megabytes(pages[0])),
            ("JSON-LD", megabytes(pages[1])),
            ("other fields", megabytes(pages[2])),
            ("plan", megabytes(plan)),
        ]
    }
}
