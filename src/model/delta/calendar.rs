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
        // Newest first at each level.
        let at = years.partition_point(|y| y.year > date.year());
        if years.get(at).is_none_or(|y| y.year != date.year()) {
            let months = Vec::new();
            years.insert(
                at,
                Year {
                    year: date.year(),
                    months,
                },
            );
        }
        let months = &mut years[at].months;
        let at = months.partition_point(|m| m.month > date.month());
        if months.get(at).is_none_or(|m| m.month != date.month()) {
            let (year, month) = (date.year(), date.month());
            let days = Vec::new();
            months.insert(at, Month { year, month, days });
        }
        let days = &mut months[at].days;
        let at = days.partition_point(|d| d.date > date);
        if days.get(at).is_none_or(|d| d.date != date) {
            let articles = Vec::new();
            days.insert(at, Day { date, articles });
        }
        insert(&mut days[at].articles, i);
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
        let key = (iso.year(), iso.week());
        let at = weeks.partition_point(|w| (w.year, w.week) > key);
        if weeks.get(at).is_none_or(|w| (w.year, w.week) != key) {
            let (year, week) = key;
            let articles = Vec::new();
            weeks.insert(
                at,
                Week {
                    year,
                    week,
                    articles,
                },
            );
        }
        insert(&mut weeks[at].articles, i);
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
