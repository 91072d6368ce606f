//! Small inline SVG charts, made as text: no JavaScript, no external
//! resources, colours from the stylesheet (so dark mode applies), and a
//! text alternative for screen readers (`role="img"` with a `<title>` and
//! a `<desc>`).
//!
//! [`activity`] draws articles over time as bars: one per month, or per
//! year (or several years) when the span is too long for months, so a
//! chart never has more than [`MAX_BARS`] bars whatever the dates.

use chrono::{Datelike, NaiveDate};

use crate::i18n::Translations;

/// Most bars in one chart.
pub const MAX_BARS: usize = 120;

const WIDTH: usize = 600;
const HEIGHT: usize = 100;
const LABELS: usize = 16;

/// A bar chart of activity over time, with its text alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// The `<svg>` element.
    pub svg: String,
    /// What the chart shows, in one sentence (also the chart's `<desc>`).
    pub summary: String,
}

/// One bar: its first month (as a month number since year 0) and count.
struct Bin {
    start: i64,
    count: usize,
}

fn month_number(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

fn month_label(words: &Translations, number: i64) -> String {
    let year = number.div_euclid(12);
    let month = number.rem_euclid(12) + 1;
    words.month_title(year as i32, month as u32)
}

/// Articles per month (or per longer period) for `dates`, in any order;
/// none without dates. `id` makes the chart's element ids unique in the
/// page.
pub fn activity(
    words: &Translations,
    dates: impl Iterator<Item = NaiveDate>,
    id: &str,
) -> Option<Activity> {
    let months: Vec<i64> = dates.map(month_number).collect();
    let first = *months.iter().min()?;
    let last = *months.iter().max()?;
    let span = (last - first + 1) as usize;
    // Months per bar: 1, else whole years, as few as keep the bars in bound.
    let width = if span <= MAX_BARS {
        1
    } else {
        12 * (span.div_ceil(12)).div_ceil(MAX_BARS)
    };
    // At least a year of months, so one busy month is not one wide bar.
    let start = match width {
        1 => first.min(last - 11),
        _ => first - first.rem_euclid(12),
    };
    let count = ((last - start) as usize) / width + 1;
    let mut bins: Vec<Bin> = (0..count)
        .map(|i| Bin {
            start: start + (i * width) as i64,
            count: 0,
        })
        .collect();
    for month in &months {
        bins[((month - start) as usize) / width].count += 1;
    }
    let unit = match width {
        1 => words.text("chart_unit_month", &[]),
        12 => words.text("chart_unit_year", &[]),
        _ => words.text("chart_unit_period", &[]),
    };
    let busiest = bins
        .iter()
        .max_by(|a, b| a.count.cmp(&b.count).then(b.start.cmp(&a.start)))?;
    let label = |bin: &Bin| match width {
        1 => month_label(words, bin.start),
        12 => format!("{}", bin.start.div_euclid(12)),
        _ => words.text(
            "chart_years",
            &[
                ("first", &bin.start.div_euclid(12).to_string()),
                (
                    "last",
                    &(bin.start + width as i64 - 1).div_euclid(12).to_string(),
                ),
            ],
        ),
    };
    let briefings = words.count("briefings", months.len(), &[]);
    let summary = if first == last {
        words.text(
            "chart_all_in",
            &[
                ("briefings", &briefings),
                ("month", &month_label(words, first)),
            ],
        )
    } else {
        words.text(
            "chart_summary",
            &[
                ("briefings", &briefings),
                ("first", &month_label(words, first)),
                ("last", &month_label(words, last)),
                ("unit", &unit),
                ("most", &busiest.count.to_string()),
                ("busiest", &label(busiest)),
            ],
        )
    };
    let chart = Chart {
        width,
        max: busiest.count,
        summary: &summary,
        id,
        title: &words.text("chart_title", &[]),
        rtl: words.direction() == "rtl",
    };
    Some(Activity {
        svg: svg(&bins, &chart, &label),
        summary,
    })
}

/// What a chart shows besides its bars.
struct Chart<'a> {
    /// Months per bar.
    width: usize,
    /// The highest bar's count.
    max: usize,
    summary: &'a str,
    id: &'a str,
    title: &'a str,
    /// Time runs right to left (Arabic, Hebrew...).
    rtl: bool,
}

fn svg(bins: &[Bin], chart: &Chart, label: &dyn Fn(&Bin) -> String) -> String {
    let Chart {
        width,
        max,
        summary,
        id,
        title,
        rtl,
    } = *chart;
    let step = WIDTH as f64 / bins.len() as f64;
    let bar = (step * 0.8).max(1.0);
    // The left edge of the bar in slot `i`, mirrored for right to left.
    let x = |i: usize| {
        if rtl {
            WIDTH as f64 - i as f64 * step - bar
        } else {
            i as f64 * step
        }
    };
    let mut out = format!(
        "<svg class=\"timeline\" viewBox=\"0 0 {WIDTH} {}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{summary}</desc>",
        HEIGHT + 20
    );
    for (i, bin) in bins.iter().enumerate() {
        if bin.count == 0 {
            continue;
        }
        let h = ((bin.count as f64 / max as f64) * HEIGHT as f64).max(2.0);
        out.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\"><title>{}: {}</title></rect>",
            x(i),
            HEIGHT as f64 - h,
            label(bin),
            bin.count
        ));
    }
    out.push_str(&format!(
        "<line x1=\"0\" y1=\"{HEIGHT}.5\" x2=\"{WIDTH}\" y2=\"{HEIGHT}.5\"/>"
    ));
    // Year labels where a year starts, thinned so they do not collide.
    let years: Vec<(usize, i64)> = bins
        .iter()
        .enumerate()
        .filter(|(i, b)| *i == 0 || b.start.rem_euclid(12) == 0 || width > 1)
        .map(|(i, b)| (i, b.start.div_euclid(12)))
        .collect();
    let every = years.len().div_ceil(LABELS).max(1);
    for (n, (i, year)) in years.iter().enumerate() {
        if n % every == 0 {
            let (at, anchor) = if rtl {
                (WIDTH as f64 - *i as f64 * step, " text-anchor=\"end\"")
            } else {
                (*i as f64 * step, "")
            };
            out.push_str(&format!(
                "<text x=\"{at:.1}\" y=\"{}\"{anchor}>{year}</text>",
                HEIGHT + 16
            ));
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn months_get_one_bar_each_with_year_labels() {
        let dates = [day(2021, 12, 17), day(2022, 1, 10), day(2022, 1, 21)];
        let chart = activity(&Translations::default(), dates.into_iter(), "t").unwrap();
        assert_eq!(chart.svg.matches("<rect").count(), 2);
        // Twelve bars, February 2021 to January 2022.
        assert!(chart.svg.contains("<text x=\"0.0\" y=\"116\">2021</text>"));
        assert!(
            chart
                .svg
                .contains("<text x=\"550.0\" y=\"116\">2022</text>")
        );
        assert!(chart.svg.contains("<title>January 2022: 2</title>"));
        assert_eq!(
            chart.summary,
            "3 briefings from December 2021 to January 2022, counted per month; the most, 2, in January 2022."
        );
    }

    #[test]
    fn long_spans_stay_within_the_bar_limit() {
        let dates = [day(1, 1, 1), day(9999, 12, 31), day(2022, 1, 1)];
        let chart = activity(&Translations::default(), dates.into_iter(), "t").unwrap();
        assert_eq!(chart.svg.matches("<rect").count(), 3);
        assert!(chart.summary.contains("per period"), "{}", chart.summary);
        assert!(activity(&Translations::default(), std::iter::empty(), "t").is_none());
    }
}
