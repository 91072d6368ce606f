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
/// Months and days may be written without a leading zero (`2025-3-14`).
/// Never panics, whatever the text.
pub fn parse(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
        return Ok(Timestamp {
            date: moment.date_naive(),
            moment: Some(moment),
        });
    }
    // The day runs up to the first `T`, `t` or space; a time may follow.
    let split = text.find(['T', 't', ' ']).unwrap_or(text.len());
    let (day_text, time_text) = text.split_at(split);
    let date = parse_day(day_text).map_err(|why| format!("invalid date \"{text}\": {why}"))?;
    if time_text.is_empty() {
        return Ok(Timestamp { date, moment: None });
    }
    // An unpadded day with a time: the same moment written in full.
    let padded = format!("{}{time_text}", date.format("%Y-%m-%d"));
    if let Ok(moment) = DateTime::parse_from_rfc3339(&padded) {
        return Ok(Timestamp {
            date: moment.date_naive(),
            moment: Some(moment),
        });
    }
    // The day is fine, so the time or offset is what is wrong.
    let time = &time_text[1..];
    let why = if !time.ends_with(['Z', 'z']) && !has_offset(time) {
        "a date-time needs an offset (Z or +01:00)"
    } else {
        "the time is not valid"
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
            [y, m, d]
                .iter()
                .map(|p| {
                    p.bytes()
                        .all(|b| b.is_ascii_digit())
                        .then(|| p.parse::<u32>().ok())
                        .flatten()
                })
                .collect()
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
    use chrono::Datelike;

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

    #[test]
    fn unpadded_months_and_days_are_the_padded_date() {
        assert_eq!(parse("2025-3-14").unwrap().date.to_string(), "2025-03-14");
        assert_eq!(parse("2025-3-1").unwrap().date.to_string(), "2025-03-01");
        let t = parse("2025-3-4T09:30:00+01:00").unwrap();
        assert_eq!(t.date.to_string(), "2025-03-04");
        assert_eq!(t.rfc3339(), "2025-03-04T09:30:00+01:00");
        assert_eq!(
            parse("2025-3-4T09:30:00").unwrap_err(),
            "invalid date \"2025-3-4T09:30:00\": a date-time needs an offset (Z or +01:00)"
        );
    }

    /// Odd date shapes, one per line (also seeds for fuzzing).
    const SEEDS: &str = include_str!("../../tests/seeds/dates.txt");

    /// Every seed, and every combination of odd pieces, either parses to
    /// the date its numbers say or gives an error naming the text; none
    /// panics.
    #[test]
    fn no_date_shape_panics() {
        let years = ["2025", "202", "20255", "", "２０２５", "-1", "+202"];
        let parts = ["3", "03", "003", "", "0", "13", "+3", "é", "３", "99"];
        let tails = [
            "",
            "T",
            "T09:30:00Z",
            " 09:30:00+01:00",
            "T09:30",
            "t09:30:00z",
            "Té",
            "🙂",
            "-",
        ];
        let mut shapes: Vec<String> = SEEDS.lines().map(str::to_string).collect();
        shapes.push(String::new());
        for year in years {
            for month in parts {
                for day in parts {
                    for tail in tails {
                        shapes.push(format!("{year}-{month}-{day}{tail}"));
                    }
                }
            }
        }
        for shape in &shapes {
            let outcome = std::panic::catch_unwind(|| parse(shape));
            match outcome {
                Ok(Ok(stamp)) => {
                    let numbers: Vec<u32> = shape
                        .trim()
                        .split(['T', 't', ' '])
                        .next()
                        .unwrap_or_default()
                        .split('-')
                        .map(|n| n.parse().unwrap())
                        .collect();
                    assert_eq!(
                        (
                            stamp.date.year() as u32,
                            stamp.date.month(),
                            stamp.date.day()
                        ),
                        (numbers[0], numbers[1], numbers[2]),
                        "{shape:?}"
                    );
                }
                Ok(Err(why)) => assert!(
                    why.starts_with(&format!("invalid date \"{}\": ", shape.trim())),
                    "{shape:?}: {why}"
                ),
                Err(_) => panic!("parsing {shape:?} panicked"),
            }
        }
    }
}
