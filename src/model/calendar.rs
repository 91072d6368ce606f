//! The dated archive: years, months and days that have articles, newest
//! first, built in one pass over the sorted articles; and ISO weeks, which
//! cut across months and years and so are grouped on their own.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

/// A day with articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// The day.
    pub date: NaiveDate,
    /// Indexes into [`super::Site::articles`], newest first.
    pub articles: Vec<usize>,
}

/// A month with articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// Days with articles, newest first.
    pub days: Vec<Day>,
}

/// A year with articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    /// The year.
    pub year: i32,
    /// Months with articles, newest first.
    pub months: Vec<Month>,
}

impl Month {
    /// The month's articles, newest first.
    pub fn articles(&self) -> impl Iterator<Item = usize> + '_ {
        self.days.iter().flat_map(|d| d.articles.iter().copied())
    }

    /// How many articles the month has.
    pub fn count(&self) -> usize {
        self.days.iter().map(|d| d.articles.len()).sum()
    }
}

impl Year {
    /// How many articles the year has.
    pub fn count(&self) -> usize {
        self.months.iter().map(Month::count).sum()
    }
}

/// Groups articles by year, month and day. `dates` must be newest first,
/// as the site's articles are.
pub fn build(dates: impl IntoIterator<Item = NaiveDate>) -> Vec<Year> {
    let mut years: Vec<Year> = Vec::new();
    for (index, date) in dates.into_iter().enumerate() {
        if years.last().is_none_or(|y| y.year != date.year()) {
            years.push(Year {
                year: date.year(),
                months: Vec::new(),
            });
        }
        let Some(year) = years.last_mut() else {
            continue;
        };
        if year.months.last().is_none_or(|m| m.month != date.month()) {
            year.months.push(Month {
                year: date.year(),
                month: date.month(),
                days: Vec::new(),
            });
        }
        let Some(month) = year.months.last_mut() else {
            continue;
        };
        if month.days.last().is_none_or(|d| d.date != date) {
            month.days.push(Day {
                date,
                articles: Vec::new(),
            });
        }
        if let Some(day) = month.days.last_mut() {
            day.articles.push(index);
        }
    }
    years
}

/// An ISO week with articles (Monday to Sunday).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// The ISO week-numbering year, which differs from the calendar year
    /// for days around New Year (1 January 2022 is in week 52 of 2021).
    pub year: i32,
    /// 1 to 53.
    pub week: u32,
    /// Indexes into [`super::Site::articles`], newest first.
    pub articles: Vec<usize>,
}

/// Groups articles by ISO week. `dates` must be newest first.
pub fn weeks(dates: impl IntoIterator<Item = NaiveDate>) -> Vec<Week> {
    let mut weeks: Vec<Week> = Vec::new();
    for (index, date) in dates.into_iter().enumerate() {
        let iso = date.iso_week();
        match weeks.last_mut() {
            Some(week) if week.year == iso.year() && week.week == iso.week() => {
                week.articles.push(index)
            }
            _ => weeks.push(Week {
                year: iso.year(),
                week: iso.week(),
                articles: vec![index],
            }),
        }
    }
    weeks
}

/// For each month and day, the dates with articles that fall on it, newest
/// first: what "on this day" links to. 29 February matches only itself.
pub fn same_days(years: &[Year]) -> HashMap<(u32, u32), Vec<NaiveDate>> {
    let mut found: HashMap<(u32, u32), Vec<NaiveDate>> = HashMap::new();
    for day in years.iter().flat_map(|y| &y.months).flat_map(|m| &m.days) {
        found
            .entry((day.date.month(), day.date.day()))
            .or_default()
            .push(day.date);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn groups_sorted_dates_into_years_months_and_days() {
        let years = build([
            d("2022-01-21"),
            d("2022-01-21"),
            d("2022-01-19"),
            d("2021-12-30"),
        ]);
        assert_eq!(years.len(), 2);
        assert_eq!(years[0].months[0].days[0].articles, vec![0, 1]);
        assert_eq!(years[0].count(), 3);
        assert_eq!(years[1].months[0].month, 12);
    }

    #[test]
    fn weeks_follow_iso_numbering_across_new_year() {
        let weeks = weeks([
            d("2022-01-18"),
            d("2022-01-17"),
            d("2022-01-16"),
            d("2022-01-01"),
        ]);
        let found: Vec<(i32, u32, usize)> = weeks
            .iter()
            .map(|w| (w.year, w.week, w.articles.len()))
            .collect();
        assert_eq!(found, vec![(2022, 3, 2), (2022, 2, 1), (2021, 52, 1)]);
    }

    #[test]
    fn same_days_in_other_years_include_leap_days_only_on_leap_years() {
        let years = build([
            d("2024-02-29"),
            d("2023-02-28"),
            d("2022-01-18"),
            d("2021-01-18"),
            d("2020-02-29"),
        ]);
        let days = same_days(&years);
        assert_eq!(days[&(2, 29)], vec![d("2024-02-29"), d("2020-02-29")]);
        assert_eq!(days[&(2, 28)], vec![d("2023-02-28")]);
        assert_eq!(days[&(1, 18)], vec![d("2022-01-18"), d("2021-01-18")]);
    }
}
