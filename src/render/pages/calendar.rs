//! The dated archive's pages: one per day, month and year with articles,
//! each linking to its neighbours, and `/archive/` listing them all.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use tera::Value;

use super::{Job, JobContext, Planner};
use crate::load::dates::{Timestamp, long_date, month_name};
use crate::model::calendar::{Day, Month, Year};
use crate::render::views::{LinkView, Urls, YearLink};

/// A template value made of named fields, without going through serde.
fn object(fields: Vec<(&'static str, Value)>) -> Value {
    Value::from(fields.into_iter().collect::<BTreeMap<_, _>>())
}

fn link(name: String, url: String) -> Value {
    Value::from_serializable(&LinkView { name, url })
}

impl Planner<'_> {
    /// Day, month and year pages, and the archive.
    pub(super) fn calendar_pages(&self, jobs: &mut Vec<Job>, newest: &Option<String>) {
        let years = &self.site.years;
        let months: Vec<&Month> = years.iter().flat_map(|y| &y.months).collect();
        let days: Vec<&Day> = months.iter().flat_map(|m| &m.days).collect();

        // Lists run newest first, so the previous (older) page is the next
        // item and the next (newer) page the one before.
        let neighbour = |items: usize, i: usize, older: bool| -> Option<usize> {
            if older {
                (i + 1 < items).then_some(i + 1)
            } else {
                i.checked_sub(1)
            }
        };
        let day_link =
            |date: NaiveDate| link(long_date(date), self.urls.url(&Urls::day_path(date)));
        let month_link = |m: &Month| {
            link(
                format!("{} {}", month_name(m.month), m.year),
                self.urls.url(&Urls::month_path(m.year, m.month)),
            )
        };

        for (i, day) in days.iter().enumerate() {
            let path = Urls::day_path(day.date);
            let stamp = Timestamp {
                date: day.date,
                moment: None,
            };
            let view = object(vec![
                ("date", Value::from_serializable(&self.urls.date(&stamp))),
                ("title", Value::from(long_date(day.date))),
                ("articles", self.entries_of(&day.articles)),
                (
                    "prev",
                    Value::from(neighbour(days.len(), i, true).map(|j| day_link(days[j].date))),
                ),
                (
                    "next",
                    Value::from(neighbour(days.len(), i, false).map(|j| day_link(days[j].date))),
                ),
                (
                    "month_title",
                    Value::from(format!(
                        "{} {}",
                        month_name(stamp_month(day.date)),
                        stamp_year(day.date)
                    )),
                ),
                (
                    "month_url",
                    Value::from(self.urls.url(&Urls::month_path(
                        stamp_year(day.date),
                        stamp_month(day.date),
                    ))),
                ),
                (
                    "year_url",
                    Value::from(self.urls.url(&Urls::year_path(stamp_year(day.date)))),
                ),
            ]);
            let description = format!("Everything published on {}", long_date(day.date));
            let mut context = self.context("day", long_date(day.date), description, &path);
            context.insert_value("day", view);
            jobs.push(Job {
                path: format!("{path}index.html"),
                template: "day.html",
                context: JobContext::Ready(context),
                lastmod: self.lastmod(&day.articles),
            });
        }

        for (i, month) in months.iter().enumerate() {
            let path = Urls::month_path(month.year, month.month);
            let title = format!("{} {}", month_name(month.month), month.year);
            let day_values: Vec<Value> = month
                .days
                .iter()
                .map(|day| {
                    let stamp = Timestamp {
                        date: day.date,
                        moment: None,
                    };
                    object(vec![
                        ("date", Value::from_serializable(&self.urls.date(&stamp))),
                        ("title", Value::from(long_date(day.date))),
                        ("url", Value::from(self.urls.url(&Urls::day_path(day.date)))),
                        ("articles", self.entries_of(&day.articles)),
                    ])
                })
                .collect();
            let view = object(vec![
                ("title", Value::from(title.clone())),
                ("name", Value::from(month_name(month.month))),
                ("year", Value::from(month.year)),
                ("month", Value::from(month.month)),
                ("url", Value::from(self.urls.url(&path))),
                (
                    "year_url",
                    Value::from(self.urls.url(&Urls::year_path(month.year))),
                ),
                ("count", Value::from(month.count())),
                ("days", Value::from(day_values)),
                (
                    "prev",
                    Value::from(neighbour(months.len(), i, true).map(|j| month_link(months[j]))),
                ),
                (
                    "next",
                    Value::from(neighbour(months.len(), i, false).map(|j| month_link(months[j]))),
                ),
            ]);
            let description = format!("Everything published in {title}");
            let mut context = self.context("month", title, description, &path);
            context.insert_value("month", view);
            jobs.push(Job {
                path: format!("{path}index.html"),
                template: "month.html",
                context: JobContext::Ready(context),
                lastmod: self.lastmod(&month_articles(month)),
            });
        }

        let year_links: Vec<YearLink> = years
            .iter()
            .map(|y| YearLink {
                year: y.year,
                url: self.urls.url(&Urls::year_path(y.year)),
                count: y.count(),
                months: y
                    .months
                    .iter()
                    .map(|m| self.urls.month(m.year, m.month, m.count()))
                    .collect(),
            })
            .collect();
        for (i, year) in year_links.iter().enumerate() {
            let path = Urls::year_path(year.year);
            let around = |j: Option<usize>| {
                Value::from(
                    j.map(|j| link(year_links[j].year.to_string(), year_links[j].url.clone())),
                )
            };
            let mut view = Value::from_serializable(year);
            if let Some(map) = view.as_map().cloned() {
                let mut fields: BTreeMap<_, _> = map.into_iter().collect();
                fields.insert("prev".into(), around(neighbour(year_links.len(), i, true)));
                fields.insert("next".into(), around(neighbour(year_links.len(), i, false)));
                view = Value::from(fields);
            }
            let title = year.year.to_string();
            let description = format!("Everything published in {title}");
            let mut context = self.context("year", title, description, &path);
            context.insert_value("year", view);
            jobs.push(Job {
                path: format!("{path}index.html"),
                template: "year.html",
                context: JobContext::Ready(context),
                lastmod: self.lastmod(&year_articles(&years[i])),
            });
        }

        let mut context = self.context("archive", "Archive".into(), self.description(), "archive/");
        context.insert("years", &year_links);
        jobs.push(Job {
            path: "archive/index.html".into(),
            template: "archive.html",
            context: JobContext::Ready(context),
            lastmod: newest.clone(),
        });
    }
}

fn stamp_year(date: NaiveDate) -> i32 {
    chrono::Datelike::year(&date)
}

fn stamp_month(date: NaiveDate) -> u32 {
    chrono::Datelike::month(&date)
}

fn month_articles(month: &Month) -> Vec<usize> {
    month
        .days
        .iter()
        .flat_map(|d| d.articles.iter().copied())
        .collect()
}

fn year_articles(year: &Year) -> Vec<usize> {
    year.months.iter().flat_map(month_articles).collect()
}
