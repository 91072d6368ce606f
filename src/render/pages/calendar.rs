//! The dated archive's pages: one per day, month and year with articles,
//! each linking to its neighbours, month and year pages with calendar
//! tables, and `/archive/` listing them all with a chart of the volume.
//! Week pages are in [`super::weeks`].

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use tera::Value;

use super::{Job, Planner, with_field};
use crate::load::dates::Timestamp;
use crate::model::calendar::{self, Day, Month, Year};
use crate::paths;
use crate::render::charts;
use crate::render::grid::{self, GridContext, GridView};
use crate::render::views::{DayView, LinkView, MonthView, YearLink, YearView};

/// What every date page needs to know about the others, computed once.
pub(super) struct Calendar {
    /// Briefings per day.
    counts: HashMap<NaiveDate, usize>,
    /// ISO weeks with a page (none when week pages are off).
    weeks: Option<HashSet<(i32, u32)>>,
    /// Days with briefings by month and day, for "on this day".
    same_days: HashMap<(u32, u32), Vec<NaiveDate>>,
}

/// The items before and after `i` in a newest-first list: the previous
/// (older) one is the next item, the next (newer) one the item before.
pub(super) fn neighbours<T>(items: &[T], i: usize) -> (Option<&T>, Option<&T>) {
    let older = items.get(i + 1);
    let newer = i.checked_sub(1).and_then(|j| items.get(j));
    (older, newer)
}

impl Planner<'_> {
    /// Day, month and year pages, and the archive.
    pub(super) fn calendar_pages(&self, jobs: &mut Vec<Job>, newest: &Option<String>) {
        let years = &self.site.years;
        let months: Vec<&Month> = years.iter().flat_map(|y| &y.months).collect();
        let days: Vec<&Day> = months.iter().flat_map(|m| &m.days).collect();
        let calendar = Calendar {
            counts: days.iter().map(|d| (d.date, d.articles.len())).collect(),
            weeks: self
                .site
                .config
                .weeks
                .then(|| self.site.weeks.iter().map(|w| (w.year, w.week)).collect()),
            same_days: calendar::same_days(years),
        };
        for i in 0..days.len() {
            let kept = self.kept_page(&paths::day(days[i].date));
            jobs.push(kept.unwrap_or_else(|| self.day_page(&days, i, &calendar)));
        }
        for (i, month) in months.iter().enumerate() {
            let kept = self.kept_page(&paths::month(month.year, month.month));
            jobs.push(kept.unwrap_or_else(|| self.month_page(&months, i, &calendar)));
        }
        let year_links: Vec<YearLink> = years.iter().map(|y| self.year_link(y)).collect();
        for (i, year) in years.iter().enumerate() {
            jobs.push(self.year_page(year, &year_links, i, &calendar));
        }
        if self.site.config.weeks {
            self.week_pages(jobs);
        }
        jobs.push(self.archive_page(year_links, newest));
    }

    fn grids<'c>(&'c self, calendar: &'c Calendar) -> GridContext<'c> {
        GridContext {
            urls: &self.urls,
            week_start: self.site.config.week_start,
            counts: &calendar.counts,
            weeks: calendar.weeks.as_ref(),
        }
    }

    fn day_link(&self, day: &Day) -> LinkView {
        LinkView {
            name: self.urls.long_date(day.date),
            url: self.urls.url(&paths::day(day.date)),
        }
    }

    fn month_link(&self, month: &Month) -> LinkView {
        LinkView {
            name: self.urls.month_title(month.year, month.month),
            url: self.urls.url(&paths::month(month.year, month.month)),
        }
    }

    /// A day's date, with no time of day.
    fn day_date(&self, day: &Day) -> crate::render::views::DateView {
        self.urls.date(&Timestamp {
            date: day.date,
            moment: None,
        })
    }

    fn day_page(&self, days: &[&Day], i: usize, calendar: &Calendar) -> Job {
        let day = days[i];
        let path = paths::day(day.date);
        let date = self.day_date(day);
        let (older, newer) = neighbours(days, i);
        let iso = day.date.iso_week();
        let other_years = calendar
            .same_days
            .get(&(day.date.month(), day.date.day()))
            .into_iter()
            .flatten()
            .filter(|other| **other != day.date)
            .map(|&other| LinkView {
                name: self.urls.long_date(other),
                url: self.urls.url(&paths::day(other)),
            })
            .collect();
        let view = DayView {
            title: self.urls.long_date(day.date),
            week: calendar
                .weeks
                .is_some()
                .then(|| grid::week_link(&self.urls, iso.year(), iso.week())),
            other_years,
            month_title: self.urls.month_title(date.year, date.month),
            month_url: self.urls.url(&paths::month(date.year, date.month)),
            year_url: self.urls.url(&paths::year(date.year)),
            prev: older.map(|d| self.day_link(d)),
            next: newer.map(|d| self.day_link(d)),
            date,
        };
        let description = self.urls.words().text("desc_day", &[("date", &view.title)]);
        let mut context = self.context("day", view.title.clone(), description, &path);
        let view = Value::from_serializable(&view);
        context.insert_value(
            "day",
            with_field(view, "articles", self.entries_of(&day.articles)),
        );
        Job::page(
            paths::index_file(&path),
            "day.html",
            context,
            self.lastmod(&day.articles),
        )
    }

    fn month_page(&self, months: &[&Month], i: usize, calendar: &Calendar) -> Job {
        let month = months[i];
        let path = paths::month(month.year, month.month);
        let (older, newer) = neighbours(months, i);
        let view = MonthView {
            title: self.urls.month_title(month.year, month.month),
            name: self.urls.words().month_name(month.month).to_string(),
            year: month.year,
            month: month.month,
            url: self.urls.url(&path),
            year_url: self.urls.url(&paths::year(month.year)),
            count: month.count(),
            prev: older.map(|m| self.month_link(m)),
            next: newer.map(|m| self.month_link(m)),
            grid: self.grids(calendar).month(month.year, month.month, None),
        };
        let days = self.days_of(&month.articles().collect::<Vec<_>>());
        let title = view.title.clone();
        let description = self.urls.words().text("desc_month", &[("month", &title)]);
        let mut context = self.context("month", title, description, &path);
        let view = Value::from_serializable(&view);
        context.insert_value("month", with_field(view, "days", Value::from(days)));
        Job::page(
            paths::index_file(&path),
            "month.html",
            context,
            self.lastmod(&month.articles().collect::<Vec<_>>()),
        )
    }

    fn year_link(&self, year: &Year) -> YearLink {
        YearLink {
            year: year.year,
            url: self.urls.url(&paths::year(year.year)),
            count: year.count(),
            months: year
                .months
                .iter()
                .map(|m| self.urls.month(m.year, m.month, m.count()))
                .collect(),
        }
    }

    fn year_page(&self, year: &Year, links: &[YearLink], i: usize, calendar: &Calendar) -> Job {
        let path = paths::year(year.year);
        let (older, newer) = neighbours(links, i);
        let link = |y: &YearLink| LinkView {
            name: y.year.to_string(),
            url: y.url.clone(),
        };
        let with_articles: HashSet<u32> = year.months.iter().map(|m| m.month).collect();
        let grids: Vec<GridView> = (1..=12)
            .filter_map(|m| {
                let url = with_articles
                    .contains(&m)
                    .then(|| self.urls.url(&paths::month(year.year, m)));
                self.grids(calendar).month(year.year, m, url)
            })
            .collect();
        let view = YearView {
            year: links[i].clone(),
            prev: older.map(link),
            next: newer.map(link),
            grids,
        };
        let title = year.year.to_string();
        let description = self.urls.words().text("desc_month", &[("month", &title)]);
        let mut context = self.context("year", title, description, &path);
        context.insert("year", &view);
        let articles: Vec<usize> = year.months.iter().flat_map(Month::articles).collect();
        Job::page(
            paths::index_file(&path),
            "year.html",
            context,
            self.lastmod(&articles),
        )
    }

    fn archive_page(&self, years: Vec<YearLink>, newest: &Option<String>) -> Job {
        let mut context = self.context(
            "archive",
            self.urls.words().text("archive", &[]),
            self.description(),
            paths::ARCHIVE,
        );
        let dates = self
            .site
            .articles
            .iter()
            .map(|e| e.article.matter.date.date);
        let chart = charts::activity(self.urls.words(), dates, "archive").map(|chart| chart.svg);
        context.insert("years", &years);
        context.insert_value(
            "chart",
            Value::from(chart.map(|svg| Value::safe_string(&svg))),
        );
        Job::page(
            paths::index_file(paths::ARCHIVE),
            "archive.html",
            context,
            newest.clone(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::neighbours;

    #[test]
    fn older_neighbours_come_later_in_a_newest_first_list() {
        let items = [3, 2, 1];
        assert_eq!(neighbours(&items, 0), (Some(&2), None));
        assert_eq!(neighbours(&items, 1), (Some(&1), Some(&3)));
        assert_eq!(neighbours(&items, 2), (None, Some(&2)));
    }
}
