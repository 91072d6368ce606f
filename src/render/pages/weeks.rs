//! ISO week pages (`/2022/W03/`): a week's briefings by day, for "week in
//! review" reading, each linking to the nearest older and newer weeks with
//! briefings. Written unless `weeks: false`.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use tera::Value;

use super::calendar::neighbours;
use super::{Job, Planner, with_field};
use crate::i18n::Translations;
use crate::load::dates::Timestamp;
use crate::model::calendar::Week;
use crate::paths;
use crate::render::grid::week_link;
use crate::render::views::{MonthDayView, WeekView};

impl Planner<'_> {
    /// A page per ISO week with briefings.
    pub(super) fn week_pages(&self, jobs: &mut Vec<Job>) {
        let weeks = &self.site.weeks;
        for (i, week) in weeks.iter().enumerate() {
            let kept = self.kept_page(&paths::week(week.year, week.week));
            jobs.push(kept.unwrap_or_else(|| self.week_page(weeks, i)));
        }
    }

    fn week_page(&self, weeks: &[Week], i: usize) -> Job {
        let week = &weeks[i];
        let path = paths::week(week.year, week.week);
        let (older, newer) = neighbours(weeks, i);
        let link = |w: &Week| week_link(&self.urls, w.year, w.week);
        let view = WeekView {
            title: link(week).name,
            year: week.year,
            week: week.week,
            range: week_range(self.urls.words(), week.year, week.week),
            count: week.articles.len(),
            prev: older.map(link),
            next: newer.map(link),
        };
        let days = self.days_of(&week.articles);
        let title = view.title.clone();
        let description = self
            .urls
            .words()
            .text("desc_week", &[("week", &title), ("range", &view.range)]);
        let mut context = self.context("week", title, description, &path);
        let view = Value::from_serializable(&view);
        context.insert_value("week", with_field(view, "days", Value::from(days)));
        Job::page(
            paths::index_file(&path),
            "week.html",
            context,
            self.lastmod(&week.articles),
        )
    }

    /// `articles` (newest first) grouped by day, as `MonthDayView`s with
    /// their entries (week and month pages).
    pub(super) fn days_of(&self, articles: &[usize]) -> Vec<Value> {
        let mut days: Vec<(NaiveDate, Vec<usize>)> = Vec::new();
        for &index in articles {
            let date = self.site.articles[index].article.matter.date.date;
            match days.last_mut() {
                Some((day, list)) if *day == date => list.push(index),
                _ => days.push((date, vec![index])),
            }
        }
        days.into_iter()
            .map(|(date, list)| {
                let view = MonthDayView {
                    date: self.urls.date(&Timestamp { date, moment: None }),
                    title: self.urls.long_date(date),
                    url: self.urls.url(&paths::day(date)),
                };
                with_field(
                    Value::from_serializable(&view),
                    "articles",
                    self.entries_of(&list),
                )
            })
            .collect()
    }
}

/// `17–23 January 2022`, `27 December 2021 – 2 January 2022`.
fn week_range(words: &Translations, year: i32, week: u32) -> String {
    let Some(monday) = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon) else {
        return String::new();
    };
    let sunday = monday + Duration::days(6);
    if monday.year() != sunday.year() {
        format!("{} – {}", words.long_date(monday), words.long_date(sunday))
    } else if monday.month() != sunday.month() {
        let day = monday.day().to_string();
        let start = words.text(
            "date_day_month",
            &[
                ("day", &day),
                ("month", words.month_in_date(monday.month())),
            ],
        );
        format!("{start} – {}", words.long_date(sunday))
    } else {
        let days = format!("{}–{}", monday.day(), sunday.day());
        let year = sunday.year().to_string();
        words.text(
            "date_long",
            &[
                ("day", &days),
                ("month", words.month_in_date(sunday.month())),
                ("year", &year),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::week_range;
    use crate::i18n::Translations;

    #[test]
    fn week_ranges_read_naturally_across_months_and_years() {
        let en = Translations::built_in("en");
        assert_eq!(week_range(&en, 2022, 3), "17–23 January 2022");
        assert_eq!(week_range(&en, 2022, 5), "31 January – 6 February 2022");
        assert_eq!(
            week_range(&en, 2020, 53),
            "28 December 2020 – 3 January 2021"
        );
        let ru = Translations::built_in("ru");
        assert_eq!(week_range(&ru, 2022, 5), "31 января – 6 февраля 2022");
        let es = Translations::built_in("es");
        assert_eq!(week_range(&es, 2022, 3), "17–23 de enero de 2022");
    }
}
