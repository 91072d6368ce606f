//! Which articles a build publishes: the one place that decides.
//!
//! An article is a draft (`draft: true`), *scheduled* (its `date` is later
//! than the build's time; a date without a time goes live when that day
//! starts in the site's `timezone`), *expired* (its `expires:` has come),
//! or published. Only published articles (and drafts under `--drafts`,
//! scheduled ones under `--future` or in the preview) reach the model, so
//! nothing downstream can show the others: the model, the renderer and
//! the search index never see them. What is left out is kept here by file
//! only, so links by file to it can say why they do not resolve.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::Article;
use super::dates::Timestamp;
use crate::error::Diagnostic;

/// The variable that pins the build's time (the reproducible-builds
/// convention): seconds since 1970-01-01 UTC.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// What a build publishes, and as of when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// The build's time.
    pub now: DateTime<Utc>,
    /// Include drafts (`--drafts`).
    pub drafts: bool,
    /// Include scheduled articles (`--future`; the preview by default).
    pub future: bool,
}

impl Rules {
    /// Published articles only, as of `now`.
    pub fn at(now: DateTime<Utc>) -> Self {
        Self {
            now,
            drafts: false,
            future: false,
        }
    }
}

/// The build's time: `SOURCE_DATE_EPOCH` when set, else the clock.
pub fn build_time() -> Result<DateTime<Utc>, String> {
    match std::env::var(SOURCE_DATE_EPOCH) {
        Ok(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
            .ok_or_else(|| {
                format!(
                    "{SOURCE_DATE_EPOCH}={text} is not a time: it must be a number of seconds since 1970-01-01 UTC"
                )
            }),
        Err(_) => Ok(Utc::now()),
    }
}

/// Why an article is left out of a build (drafts are not recorded: a link
/// to one is broken as before).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withheld {
    /// Its date has not come: it goes live then.
    Scheduled(DateTime<Utc>),
    /// Its `expires:` has come: taken down since then.
    Expired(DateTime<Utc>),
}

/// What a load decided about publication, for the model (links by file to
/// what is left out), the preview's marks and the build's summary.
#[derive(Debug, Clone, Default)]
pub struct Publication {
    /// The build's time.
    pub now: DateTime<Utc>,
    /// The site's time zone, for showing times.
    pub timezone: Tz,
    /// Articles left out (scheduled or expired), by file relative to
    /// `content/`.
    pub withheld: HashMap<String, Withheld>,
    /// Articles included though scheduled (the preview, `--future`), by
    /// file: when each goes live.
    pub early: HashMap<String, DateTime<Utc>>,
    /// Scheduled articles, included or not.
    pub scheduled: usize,
    /// When the next scheduled article goes live.
    pub next_live: Option<DateTime<Utc>>,
    /// The next moment any article goes live or expires: the site changes
    /// then without any file changing (the preview rebuilds then).
    pub next_change: Option<DateTime<Utc>>,
}

impl Publication {
    /// An empty record as of `now`, in `timezone`.
    pub fn new(now: DateTime<Utc>, timezone: Tz) -> Self {
        Self {
            now,
            timezone,
            ..Self::default()
        }
    }

    /// `at` as readers see it in the site's time zone: "21 January 2022,
    /// 14:30 UTC".
    pub fn shown(&self, at: DateTime<Utc>) -> String {
        shown(at, self.timezone)
    }

    /// Decides about `article` (a draft already excluded or admitted by
    /// the caller): whether to include it, recording what is left out and
    /// what changes later. An `expires:` not after the article's date is
    /// an error at that key.
    pub fn admit(
        &mut self,
        article: &Article,
        rules: &Rules,
        problems: &mut Vec<Diagnostic>,
    ) -> bool {
        let live = goes_live(&article.matter.date, self.timezone);
        let expires = article
            .matter
            .expires
            .map(|stamp| goes_live(&stamp, self.timezone));
        if let Some(expires) = expires
            && expires <= live
        {
            problems.push(
                article
                    .origin
                    .error_at(
                        &article.path,
                        "expires",
                        format!(
                            "the article expires ({}) before it goes live ({})",
                            self.shown(expires),
                            self.shown(live)
                        ),
                    )
                    .expected("an `expires:` later than the article's `date:`"),
            );
            return false;
        }
        if let Some(expires) = expires {
            if expires <= self.now {
                self.withheld
                    .insert(article.file.clone(), Withheld::Expired(expires));
                return false;
            }
            self.change_at(expires);
        }
        if live <= self.now {
            return true;
        }
        self.scheduled += 1;
        self.next_live = Some(self.next_live.map_or(live, |next| next.min(live)));
        self.change_at(live);
        if rules.future {
            self.early.insert(article.file.clone(), live);
            return true;
        }
        self.withheld
            .insert(article.file.clone(), Withheld::Scheduled(live));
        false
    }

    fn change_at(&mut self, at: DateTime<Utc>) {
        self.next_change = Some(self.next_change.map_or(at, |next| next.min(at)));
    }
}

/// When a `date:` (or `expires:`) comes: its moment, or for a day without
/// a time the start of that day in `timezone`.
pub fn goes_live(stamp: &Timestamp, timezone: Tz) -> DateTime<Utc> {
    match stamp.moment {
        Some(moment) => moment.with_timezone(&Utc),
        None => day_start(stamp.date, timezone),
    }
}

/// The first moment of `date` in `timezone` (a day whose midnight a clock
/// change skips starts at the first minute that exists).
fn day_start(date: NaiveDate, timezone: Tz) -> DateTime<Utc> {
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    (0..=24 * 60)
        .find_map(|minutes| {
            timezone
                .from_local_datetime(&(midnight + chrono::Duration::minutes(minutes)))
                .earliest()
        })
        .map(|start| start.with_timezone(&Utc))
        .unwrap_or_else(|| midnight.and_utc())
}

/// "21 January 2022, 14:30 UTC": `at` in `timezone`, with its abbreviation.
pub fn shown(at: DateTime<Utc>, timezone: Tz) -> String {
    let local = at.with_timezone(&timezone);
    format!("{}", local.format("%-d %B %Y, %H:%M %Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_goes_live_when_it_starts_in_the_site_time_zone() {
        let day = super::super::dates::parse("2022-01-21").unwrap();
        assert_eq!(
            goes_live(&day, chrono_tz::UTC).to_rfc3339(),
            "2022-01-21T00:00:00+00:00"
        );
        assert_eq!(
            goes_live(&day, chrono_tz::Asia::Kolkata).to_rfc3339(),
            "2022-01-20T18:30:00+00:00"
        );
        // Midnight does not exist in Santiago on 2022-09-11 (clocks jump
        // from 00:00 to 01:00).
        let skipped = super::super::dates::parse("2022-09-11").unwrap();
        assert_eq!(
            goes_live(&skipped, chrono_tz::America::Santiago).to_rfc3339(),
            "2022-09-11T04:00:00+00:00"
        );
    }

    #[test]
    fn times_are_shown_in_the_site_time_zone() {
        let at = DateTime::parse_from_rfc3339("2022-01-21T14:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(shown(at, chrono_tz::UTC), "21 January 2022, 14:30 UTC");
        assert_eq!(
            shown(at, chrono_tz::Asia::Kolkata),
            "21 January 2022, 20:00 IST"
        );
    }
}
