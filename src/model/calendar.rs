//! The dated archive: years, months and days that have articles, newest
//! first, built in one pass over the sorted articles.

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
}
