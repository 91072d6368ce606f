//! The calendar (years, months, days; ISO weeks) and the milestones
//! after a delta: each list's indexes moved, the removed articles out,
//! the added ones put in their day and week (made when new), empty ones
//! dropped; as [`crate::model::calendar`] would group the new articles.

use std::sync::Arc;

use chrono::Datelike;

use super::super::calendar::{Day, Month, Week, Year};
use crate::load::Article;

/// `list`'s indexes moved, the removed ones out (the order is kept:
/// kept articles keep theirs).
fn moved_list(list: &mut Vec<usize>, moved: &[Option<usize>]) {
    list.retain_mut(|i| match moved[*i] {
        Some(now) => {
            *i = now;
            true
        }
        None => false,
    });
}

/// The group of `key` in `groups` (newest first, by `key_of`), made by
/// `make` and put in its place when there is none.
fn group<T, K: Ord>(
    groups: &mut Vec<T>,
    key: K,
    key_of: impl Fn(&T) -> K,
    make: impl FnOnce() -> T,
) -> &mut T {
    let at = groups.partition_point(|g| key_of(g) > key);
    if groups.get(at).is_none_or(|g| key_of(g) != key) {
        groups.insert(at, make());
    }
    &mut groups[at]
}

/// Puts `i` into the sorted `list`.
fn insert(list: &mut Vec<usize>, i: usize) {
    if let Err(at) = list.binary_search(&i) {
        list.insert(at, i);
    }
}

/// The years after an edit: `moved` for each former article's index
/// now, `added` the indexes of the new ones in `articles`.
pub(super) fn years(
    years: &mut Vec<Year>,
    articles: &[Arc<Article>],
    moved: &[Option<usize>],
    added: &[usize],
) {
    for year in years.iter_mut() {
        for month in &mut year.months {
            for day in &mut month.days {
                moved_list(&mut day.articles, moved);
            }
            month.days.retain(|d| !d.articles.is_empty());
        }
        year.months.retain(|m| !m.days.is_empty());
    }
    years.retain(|y| !y.months.is_empty());
    for &i in added {
        let date = articles[i].matter.date.date;
        let (year, month) = (date.year(), date.month());
        let months = &mut group(
            years,
            year,
            |y| y.year,
            || Year {
                year,
                months: Vec::new(),
            },
        )
        .months;
        let days = &mut group(
            months,
            month,
            |m| m.month,
            || Month {
                year,
                month,
                days: Vec::new(),
            },
        )
        .days;
        let day = group(
            days,
            date,
            |d| d.date,
            || Day {
                date,
                articles: Vec::new(),
            },
        );
        insert(&mut day.articles, i);
    }
}

/// The ISO weeks after an edit (as [`years`]).
pub(super) fn weeks(
    weeks: &mut Vec<Week>,
    articles: &[Arc<Article>],
    moved: &[Option<usize>],
    added: &[usize],
) {
    for week in weeks.iter_mut() {
        moved_list(&mut week.articles, moved);
    }
    weeks.retain(|w| !w.articles.is_empty());
    for &i in added {
        let iso = articles[i].matter.date.date.iso_week();
        let (year, week) = (iso.year(), iso.week());
        let group = group(
            weeks,
            (year, week),
            |w| (w.year, w.week),
            || Week {
                year,
                week,
                articles: Vec::new(),
            },
        );
        insert(&mut group.articles, i);
    }
}

/// The milestones after an edit (as [`years`]).
pub(super) fn milestones(
    milestones: &mut Vec<usize>,
    articles: &[Arc<Article>],
    moved: &[Option<usize>],
    added: &[usize],
) {
    moved_list(milestones, moved);
    for &i in added {
        if articles[i].matter.milestone.is_some() {
            insert(milestones, i);
        }
    }
}
