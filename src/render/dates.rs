//! Dates as readers see them, in English and without a locale: "18 January
//! 2022", "January 2022".

use chrono::{Datelike, NaiveDate};

/// The month's English name; 1 is January.
pub fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}

/// "18 January 2022".
pub fn long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// "January 2022".
pub fn month_title(year: i32, month: u32) -> String {
    format!("{} {year}", month_name(month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_english() {
        let date = NaiveDate::from_ymd_opt(2022, 1, 8).unwrap();
        assert_eq!(long_date(date), "8 January 2022");
        assert_eq!(month_title(2022, 12), "December 2022");
    }
}
