//! Month calendars as data for a `<table>`: weeks as rows starting on the
//! site's `week_start`, every day of the month a cell with its count of
//! briefings and a link to its page when it has any, days of the
//! neighbouring months as empty cells. Month and year pages show them.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use super::views::{LinkView, Urls};
use crate::paths;

/// A month as a calendar table.
#[derive(Debug, Clone, Serialize)]
pub struct GridView {
    /// `January 2022`, the table's caption.
    pub caption: String,
    /// The month's page, when it has briefings.
    pub url: Option<String>,
    /// Whether rows start with their ISO week (week pages are on).
    pub week_column: bool,
    /// Column headings, from `week_start`.
    pub weekdays: Vec<WeekdayView>,
    /// One row per week that has a day of the month.
    pub weeks: Vec<GridWeekView>,
}

/// A column heading.
#[derive(Debug, Clone, Serialize)]
pub struct WeekdayView {
    /// `Mon`, in the site's language.
    pub short: String,
    /// `Monday`, in the site's language.
    pub long: String,
}

/// A row of the calendar.
#[derive(Debug, Clone, Serialize)]
pub struct GridWeekView {
    /// The ISO week of the row's Monday (`W03`), linked to its week page
    /// when week pages are on and it has briefings; none when week pages
    /// are off.
    pub week: Option<WeekLabel>,
    /// Seven cells.
    pub days: Vec<GridDayView>,
}

/// A row's ISO week.
#[derive(Debug, Clone, Serialize)]
pub struct WeekLabel {
    /// `W03`.
    pub name: String,
    /// `Week 3 of 2022`, for screen readers.
    pub long: String,
    /// The week page, if it has briefings.
    pub url: Option<String>,
}

/// A cell of the calendar.
#[derive(Debug, Clone, Serialize)]
pub struct GridDayView {
    /// The day of the month; none for a day of the month before or after.
    pub day: Option<u32>,
    /// `2022-01-18`.
    pub iso: String,
    /// Briefings that day.
    pub count: usize,
    /// The day's page, when it has briefings.
    pub url: Option<String>,
    /// `18 January 2022: 2 briefings`, for screen readers.
    pub label: String,
}

/// What a calendar needs to know about the site.
pub struct GridContext<'a> {
    /// Link builder.
    pub urls: &'a Urls,
    /// The first column.
    pub week_start: Weekday,
    /// Briefings per day.
    pub counts: &'a HashMap<NaiveDate, usize>,
    /// ISO weeks (year, week) that have a page; none when week pages are off.
    pub weeks: Option<&'a HashSet<(i32, u32)>>,
}

impl GridContext<'_> {
    /// The calendar of `month` (1-12) of `year`, with `url` as the month
    /// page's link when it has one. None for an impossible month.
    pub fn month(&self, year: i32, month: u32, url: Option<String>) -> Option<GridView> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let start = self.week_start.num_days_from_monday();
        let offset = (first.weekday().num_days_from_monday() + 7 - start) % 7;
        let mut row_start = first - Duration::days(i64::from(offset));
        let mut weeks = Vec::with_capacity(6);
        while row_start.year() < year || (row_start.year() == year && row_start.month() <= month) {
            let days: Vec<GridDayView> = (0..7)
                .map(|i| self.cell(row_start + Duration::days(i), month))
                .collect();
            weeks.push(GridWeekView {
                week: self.week_label(row_start),
                days,
            });
            row_start += Duration::days(7);
        }
        Some(GridView {
            caption: self.urls.month_title(year, month),
            url,
            week_column: self.weeks.is_some(),
            weekdays: (0..7)
                .map(|i| {
                    let (short, long) = self.urls.words().weekday(start + i);
                    WeekdayView {
                        short: short.to_string(),
                        long: long.to_string(),
                    }
                })
                .collect(),
            weeks,
        })
    }

    fn cell(&self, date: NaiveDate, month: u32) -> GridDayView {
        let iso = crate::render::pages::iso_date(date);
        if date.month() != month {
            return GridDayView {
                day: None,
                iso,
                count: 0,
                url: None,
                label: String::new(),
            };
        }
        let count = self.counts.get(&date).copied().unwrap_or(0);
        let words = self.urls.words();
        let briefings = match count {
            0 => words.text("no_briefings", &[]),
            n => words.count("briefings", n, &[]),
        };
        let label = words.text(
            "day_label",
            &[("date", &words.long_date(date)), ("briefings", &briefings)],
        );
        GridDayView {
            day: Some(date.day()),
            iso,
            count,
            url: (count > 0).then(|| self.urls.url(&paths::day(date))),
            label,
        }
    }

    /// The ISO week of the Monday in the row starting at `row_start`.
    fn week_label(&self, row_start: NaiveDate) -> Option<WeekLabel> {
        let weeks = self.weeks?;
        let to_monday = (7 - row_start.weekday().num_days_from_monday()) % 7;
        let iso = (row_start + Duration::days(i64::from(to_monday))).iso_week();
        let key = (iso.year(), iso.week());
        let words = self.urls.words();
        let (week, year) = (format!("{:02}", iso.week()), iso.year().to_string());
        Some(WeekLabel {
            name: words.text("week_short", &[("week", &week)]),
            long: words.text(
                "week_long",
                &[("week", &iso.week().to_string()), ("year", &year)],
            ),
            url: weeks
                .contains(&key)
                .then(|| self.urls.url(&paths::week(key.0, key.1))),
        })
    }
}

/// A link to a week page: `Week 3, 2022`.
pub fn week_link(urls: &Urls, year: i32, week: u32) -> LinkView {
    let (week_text, year_text) = (week.to_string(), year.to_string());
    LinkView {
        name: urls
            .words()
            .text("week_name", &[("week", &week_text), ("year", &year_text)]),
        url: urls.url(&paths::week(year, week)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn grid(year: i32, month: u32, start: Weekday, counts: &[(&str, usize)]) -> GridView {
        let counts: HashMap<NaiveDate, usize> = counts.iter().map(|(s, n)| (d(s), *n)).collect();
        let weeks: HashSet<(i32, u32)> = counts
            .keys()
            .map(|d| (d.iso_week().year(), d.iso_week().week()))
            .collect();
        let urls = Urls::new(&Config::default(), &Default::default());
        let context = GridContext {
            urls: &urls,
            week_start: start,
            counts: &counts,
            weeks: Some(&weeks),
        };
        context.month(year, month, None).unwrap()
    }

    fn days(grid: &GridView) -> Vec<Vec<Option<u32>>> {
        grid.weeks
            .iter()
            .map(|w| w.days.iter().map(|c| c.day).collect())
            .collect()
    }

    #[test]
    fn a_month_starting_on_sunday_with_monday_first() {
        // May 2022 starts on a Sunday.
        let g = grid(2022, 5, Weekday::Mon, &[("2022-05-01", 2)]);
        assert_eq!(g.weekdays[0].short, "Mon");
        let rows = days(&g);
        assert_eq!(rows[0], vec![None, None, None, None, None, None, Some(1)]);
        assert_eq!(rows.len(), 6);
        assert_eq!(
            rows[5],
            vec![Some(30), Some(31), None, None, None, None, None]
        );
        let first = &g.weeks[0].days[6];
        assert_eq!(first.url.as_deref(), Some("/2022/05/01/"));
        assert_eq!(first.label, "1 May 2022: 2 briefings");
        assert_eq!(g.weeks[0].week.as_ref().unwrap().name, "W17");
    }

    #[test]
    fn a_month_starting_on_sunday_with_sunday_first() {
        let g = grid(2022, 5, Weekday::Sun, &[]);
        assert_eq!(g.weekdays[0].long, "Sunday");
        let rows = days(&g);
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[0][0], Some(1));
        assert_eq!(
            rows[4],
            vec![Some(29), Some(30), Some(31), None, None, None, None]
        );
        // The row's week is the ISO week of its Monday (2 May: W18).
        assert_eq!(g.weeks[0].week.as_ref().unwrap().name, "W18");
        assert!(g.weeks[0].week.as_ref().unwrap().url.is_none());
    }

    #[test]
    fn leap_february_and_week_53_across_new_year() {
        let feb = grid(2024, 2, Weekday::Mon, &[("2024-02-29", 1)]);
        let last = feb.weeks.last().unwrap();
        assert_eq!(last.days[3].day, Some(29));
        assert_eq!(last.days[3].url.as_deref(), Some("/2024/02/29/"));
        let dec = grid(
            2020,
            12,
            Weekday::Mon,
            &[("2020-12-31", 1), ("2021-01-01", 1)],
        );
        let week = dec.weeks.last().unwrap().week.as_ref().unwrap();
        assert_eq!(week.name, "W53");
        assert_eq!(week.url.as_deref(), Some("/2020/W53/"));
        let jan = grid(
            2021,
            1,
            Weekday::Mon,
            &[("2021-01-01", 1), ("2021-01-04", 1)],
        );
        let names: Vec<&str> = jan
            .weeks
            .iter()
            .map(|w| w.week.as_ref().unwrap().name.as_str())
            .collect();
        assert_eq!(names, ["W53", "W01", "W02", "W03", "W04"]);
        assert_eq!(
            jan.weeks[1].week.as_ref().unwrap().url.as_deref(),
            Some("/2021/W01/")
        );
    }
}
