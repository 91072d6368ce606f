//! The template contract for time: date pages (day, week, month, year,
//! archive) and chronologies of milestones. Part of [`super`]'s contract,
//! documented with it in `docs/templates.md`.

use serde::Serialize;

use super::{DateView, LinkView};
use crate::render::grid::GridView;

/// A month in the archive or a year page.
#[derive(Debug, Clone, Serialize)]
pub struct MonthLink {
    /// `January 2022`.
    pub title: String,
    /// `January`.
    pub name: String,
    /// 1 to 12.
    pub month: u32,
    /// The month's page.
    pub url: String,
    /// Articles that month.
    pub count: usize,
}

/// A year in the archive.
#[derive(Debug, Clone, Serialize)]
pub struct YearLink {
    /// The year.
    pub year: i32,
    /// Its page.
    pub url: String,
    /// Articles that year.
    pub count: usize,
    /// Its months, newest first.
    pub months: Vec<MonthLink>,
}

/// `day`: a day page's day. Its `articles` (the day's list entries,
/// shared values) are added beside these fields.
#[derive(Debug, Clone, Serialize)]
pub struct DayView {
    /// The day.
    pub date: DateView,
    /// `18 January 2022`.
    pub title: String,
    /// The day's ISO week page (`Week 3, 2022`), when week pages are on.
    pub week: Option<LinkView>,
    /// The same day in other years with briefings, newest first.
    pub other_years: Vec<LinkView>,
    /// The nearest older day with articles.
    pub prev: Option<LinkView>,
    /// The nearest newer day with articles.
    pub next: Option<LinkView>,
    /// `January 2022`.
    pub month_title: String,
    /// The month's page.
    pub month_url: String,
    /// The year's page.
    pub year_url: String,
}

/// A day in `month.days`; its `articles` are added beside these fields.
#[derive(Debug, Clone, Serialize)]
pub struct MonthDayView {
    /// The day.
    pub date: DateView,
    /// `18 January 2022`.
    pub title: String,
    /// The day's page.
    pub url: String,
}

/// `month`: a month page's month. Its `days` (each with its articles) are
/// added beside these fields.
#[derive(Debug, Clone, Serialize)]
pub struct MonthView {
    /// `January 2022`.
    pub title: String,
    /// `January`.
    pub name: String,
    /// The year.
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// The month's page.
    pub url: String,
    /// The year's page.
    pub year_url: String,
    /// Articles that month.
    pub count: usize,
    /// The nearest older month with articles.
    pub prev: Option<LinkView>,
    /// The nearest newer month with articles.
    pub next: Option<LinkView>,
    /// The month as a calendar table.
    pub grid: Option<GridView>,
}

/// `year`: a year page's year.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    /// Year, URL, count and months.
    #[serde(flatten)]
    pub year: YearLink,
    /// The nearest older year with articles.
    pub prev: Option<LinkView>,
    /// The nearest newer year with articles.
    pub next: Option<LinkView>,
    /// January to December as calendar tables.
    pub grids: Vec<GridView>,
}

/// `week`: an ISO week page's week. Its `days` (each with its articles)
/// are added beside these fields.
#[derive(Debug, Clone, Serialize)]
pub struct WeekView {
    /// `Week 3, 2022`.
    pub title: String,
    /// The ISO week-numbering year.
    pub year: i32,
    /// 1 to 53.
    pub week: u32,
    /// `17–23 January 2022`.
    pub range: String,
    /// Briefings that week.
    pub count: usize,
    /// The nearest older week with articles.
    pub prev: Option<LinkView>,
    /// The nearest newer week with articles.
    pub next: Option<LinkView>,
}

/// A milestone: an article's `milestone:` line with its date and link.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneView {
    /// The event in a few words.
    pub text: String,
    /// The article's date.
    pub date: DateView,
    /// The article's headline.
    pub title: String,
    /// The article's page.
    pub url: String,
}

/// Milestones of one month, in a chronology.
#[derive(Debug, Clone, Serialize)]
pub struct ChronologyMonth {
    /// `January 2022`.
    pub title: String,
    /// The month's page.
    pub url: String,
    /// Its milestones, newest first.
    pub milestones: Vec<MilestoneView>,
}

/// Milestones of one year, in a chronology.
#[derive(Debug, Clone, Serialize)]
pub struct ChronologyYear {
    /// The year.
    pub year: i32,
    /// Months with milestones, newest first.
    pub months: Vec<ChronologyMonth>,
}
