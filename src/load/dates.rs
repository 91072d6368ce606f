//! Dates in front matter: `2022-01-18` or an RFC 3339 date-time such as
//! `2022-01-21T14:30:00+01:00`, with errors that say what is impossible.

use chrono::{DateTime, FixedOffset, NaiveDate, Timelike};

/// When an article was published (or updated): the calendar day it belongs
/// to, and the exact moment when the author gave one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    /// The day, as written (a date-time keeps the day of its own offset).
    pub date: NaiveDate,
    /// The moment, when a time was given.
    pub moment: Option<DateTime<FixedOffset>>,
}

impl Timestamp {
    /// Seconds since midnight of `date`, 0 when no time was given; with
    /// `date` this orders articles within a day.
    pub fn seconds_into_day(&self) -> u32 {
        self.moment
            .map(|m| m.num_seconds_from_midnight())
            .unwrap_or(0)
    }

    /// RFC 3339, for `datetime` attributes and feeds: the moment if known,
    /// else midnight UTC of the day.
    pub fn rfc3339(&self) -> String {
        match self.moment {
            Some(m) => m.to_rfc3339(),
            None => format!("{}T00:00:00+00:00", self.date.format("%Y-%m-%d")),
        }
    }
}

/// What was expected, for every date error.
pub const EXPECTED: &str =
    "a date such as 2022-01-18, or an RFC 3339 date-time such as 2022-01-18T09:30:00Z";

/// Parses a front-matter date; the error says what is wrong with it.
pub fn parse(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
        return Ok(Timestamp {
            date: moment.date_naive(),
            moment: Some(moment),
        });
    }
    let date_part = text.get(..10).unwrap_or(text);
    let date = parse_day(date_part).map_err(|why| format!("invalid date \"{text}\": {why}"))?;
    if text.len() == 10 {
        return Ok(Timestamp { date, moment: None });
    }
    // The day is fine, so the time or offset is what is wrong.
    let why = if text[10..].starts_with(['T', 't', ' '])
        && !text.ends_with('Z')
        && !has_offset(&text[11..])
    {
        "a date-time needs an offset (Z or +01:00)".to_string()
    } else {
        "the time is not valid".to_string()
    };
    Err(format!("invalid date \"{text}\": {why}"))
}

fn has_offset(time: &str) -> bool {
    time.contains('+') || time.contains('-')
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let numbers: Option<Vec<u32>> = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) => {
            [y, m, d].iter().map(|p| p.parse::<u32>().ok()).collect()
        }
        _ => None,
    };
    let Some(numbers) = numbers else {
        return Err("not in YYYY-MM-DD form".into());
    };
    let (year, month, day) = (numbers[0] as i32, numbers[1], numbers[2]);
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}"));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let first = NaiveDate::from_ymd_opt(year, month, 1);
        let days = first
            .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
            .zip(first)
            .map(|(next, first)| (next - first).num_days())
            .unwrap_or(31);
        let month_name = first
            .map(|f| f.format("%B %Y").to_string())
            .unwrap_or_default();
        format!("{month_name} has {days} days, not {day}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_dates_and_date_times_parse() {
        assert_eq!(parse("2022-01-18").unwrap().date.to_string(), "2022-01-18");
        let t = parse("2022-01-21T14:30:00+01:00").unwrap();
        assert_eq!(t.date.to_string(), "2022-01-21");
        assert_eq!(t.seconds_into_day(), 14 * 3600 + 30 * 60);
    }

    #[test]
    fn impossible_dates_say_why() {
        assert_eq!(
            parse("2022-13-40").unwrap_err(),
            "invalid date \"2022-13-40\": there is no month 13"
        );
        assert_eq!(
            parse("2022-02-30").unwrap_err(),
            "invalid date \"2022-02-30\": February 2022 has 28 days, not 30"
        );
        assert_eq!(
            parse("18 Jan 2022").unwrap_err(),
            "invalid date \"18 Jan 2022\": not in YYYY-MM-DD form"
        );
        assert_eq!(
            parse("2022-01-18T10:00:00").unwrap_err(),
            "invalid date \"2022-01-18T10:00:00\": a date-time needs an offset (Z or +01:00)"
        );
    }
}
