//! The last plan beside which a whole rebuild plans the site again
//! (`serve`): each page's variables equal to those its page at the same
//! path had are taken from the last plan instead of being kept as a copy.
//! The pages served until the new plan is in place hold the last plan's
//! values, so without this a rebuild would hold two copies of everything
//! it did not change (a site title edited: every page's `site` changes,
//! hardly anything else does).

use std::collections::HashMap;

use super::{Job, JobContext, Output, Planner};
use tera::Value;

use crate::render::vars::{Vars, same_shared};

/// The last plan's variables, by page path.
#[derive(Default)]
pub struct Previous {
    vars: HashMap<String, Vars>,
    /// The `site` every page of the last plan had.
    site: Option<Value>,
}

impl Previous {
    /// The variables of `jobs`' built pages (the last plan, taken apart).
    pub fn new(jobs: Vec<Job>) -> Self {
        let vars = jobs
            .into_iter()
            .filter_map(|job| match job.output {
                Output::Template {
                    context: JobContext::Ready(vars),
                    ..
                } => Some((job.path, vars)),
                _ => None,
            })
            .collect::<HashMap<String, Vars>>();
        let site = vars.values().find_map(|vars| vars.get("site").cloned());
        Self { vars, site }
    }
}

impl Planner<'_> {
    /// `jobs` with each variable equal to the last plan's at the same
    /// path and name taken from it, when planning beside a last plan.
    pub(super) fn share_previous(&self, jobs: &mut [Job]) {
        let Some(previous) = &self.previous else {
            return;
        };
        // `site` is one value on every page: compared once, here (when it
        // is the last plan's, it is that allocation already).
        let new_site = previous
            .site
            .as_ref()
            .is_some_and(|old| !same_shared(old, &self.site_value));
        let skip = |value: &Value| new_site && same_shared(value, &self.site_value);
        for job in jobs {
            if let Output::Template {
                context: JobContext::Ready(vars),
                ..
            } = &mut job.output
                && let Some(old) = previous.vars.get(&job.path)
            {
                vars.share_with(old, skip);
            }
        }
    }
}
