//! Chronologies: the site's milestones (`milestone:` lines) on
//! `/chronology/`, grouped by year and month, with a feed; and each
//! actor's, place's and topic's own milestones on its page.

use tera::Value;

use super::{Job, Planner, with_field};
use crate::paths;
use crate::render::views::{ChronologyMonth, ChronologyYear, MilestoneView};

impl Planner<'_> {
    /// `/chronology/` and `/chronology/atom.xml`.
    /// The page's lastmod is its newest milestone's, else `newest`.
    pub(super) fn chronology_pages(&self, jobs: &mut Vec<Job>, newest: &Option<String>) {
        let milestones = &self.site.milestones;
        let feed = paths::feed(paths::CHRONOLOGY);
        let mut page = self.page_view(
            "chronology",
            self.urls.words().text("chronology", &[]),
            self.urls
                .words()
                .text("desc_chronology", &[("site", &self.site.config.title)]),
            paths::CHRONOLOGY,
        );
        page.feed_url = Some(self.urls.url(&feed));
        let mut context = self.context_of(&page);
        context.insert("chronology", &self.chronology(milestones));
        jobs.push(Job::page(
            paths::index_file(paths::CHRONOLOGY),
            "chronology.html",
            context,
            self.lastmod(milestones).or_else(|| newest.clone()),
        ));
        let title = format!("{}: Chronology", self.site.config.title);
        jobs.push(self.feed_of(
            feed,
            paths::CHRONOLOGY,
            title,
            milestones,
            "chronology",
            |i, entry| self.milestone_values[i].clone().unwrap_or(entry),
        ));
    }

    /// Article `index`'s feed entry titled by its milestone, if it has one.
    pub(super) fn milestone_entry(&self, index: usize, feed: &Value) -> Option<Value> {
        let text = self.site.articles[index]
            .article
            .matter
            .milestone
            .as_ref()?;
        Some(with_field(
            feed.clone(),
            "title",
            Value::from(text.as_str()),
        ))
    }

    /// The milestones among `articles` (newest first), as views.
    pub(super) fn milestones_of(&self, articles: &[usize]) -> Vec<MilestoneView> {
        articles
            .iter()
            .filter_map(|&i| {
                let entry = &self.site.articles[i];
                let matter = &entry.article.matter;
                Some(MilestoneView {
                    text: matter.milestone.clone()?,
                    date: self.urls.date(&matter.date),
                    title: matter.title.clone(),
                    url: self.urls.url(&entry.path),
                })
            })
            .collect()
    }

    /// The milestones among `articles`, grouped by year and month.
    fn chronology(&self, articles: &[usize]) -> Vec<ChronologyYear> {
        let mut years: Vec<ChronologyYear> = Vec::new();
        for milestone in self.milestones_of(articles) {
            let (year, month) = (milestone.date.year, milestone.date.month);
            if years.last().is_none_or(|y| y.year != year) {
                years.push(ChronologyYear {
                    year,
                    months: Vec::new(),
                });
            }
            let Some(current) = years.last_mut() else {
                continue;
            };
            let title = self.urls.month_title(year, month);
            if current.months.last().is_none_or(|m| m.title != title) {
                current.months.push(ChronologyMonth {
                    title,
                    url: self.urls.url(&paths::month(year, month)),
                    milestones: Vec::new(),
                });
            }
            if let Some(m) = current.months.last_mut() {
                m.milestones.push(milestone);
            }
        }
        years
    }
}
