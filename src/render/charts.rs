//! Small inline charts, made as text: no JavaScript, no external
//! resources, colours from the stylesheet (so dark mode applies), and a
//! text alternative for screen readers (`role="img"` with a `<title>` and
//! a `<desc>`) plus every bar's count in a table anyone can open.
//!
//! [`activity`] draws articles over time as bars: one per month, or per
//! year (or several years) when the span is too long for months, so a
//! chart never has more than [`MAX_BARS`] bars whatever the dates. The
//! bars are an SVG stretched to the width of the page; the labels (the
//! years below, the largest count beside) are HTML, so their size is the
//! stylesheet's at any width rather than shrunk with the drawing.

use chrono::{Datelike, NaiveDate};

use crate::i18n::Translations;

/// Most bars in one chart.
pub const MAX_BARS: usize = 120;

const WIDTH: usize = 600;
const HEIGHT: usize = 100;
/// Fewest slots a chart is divided in, so a short span is a few narrow
/// bars from the left rather than one wide one.
const MIN_SLOTS: usize = 12;
/// The narrowest the chart is drawn (a phone, less the page's margins and
/// the scale), in CSS pixels: labels are thinned to fit this width.
const NARROWEST: f64 = 300.0;
/// About how wide a label's character is at the stylesheet's 12 px.
const CHAR_WIDTH: f64 = 7.5;

/// A bar chart of activity over time, with its text alternatives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    /// The chart: a `<div class="chart">` holding the `<svg>` of bars,
    /// the largest count and the year labels.
    pub svg: String,
    /// Every bar's count as a table, in a `<details>` element.
    pub table: String,
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
/// none without dates. The first bar is the first article's month (or
/// period). `id` makes the chart's element ids unique in the page.
pub fn activity(
    words: &Translations,
    dates: impl Iterator<Item = NaiveDate>,
    id: &str,
) -> Option<Activity> {
    let months: Vec<i64> = dates.map(month_number).collect();
    let first = *months.iter().min()?;
    let last = *months.iter().max()?;
    let (width, bins) = binned(&months, first, last);
    let (unit, table_title, column) = match width {
        1 => (
            "chart_unit_month",
            "chart_table_month",
            "chart_column_month",
        ),
        12 => ("chart_unit_year", "chart_table_year", "chart_column_year"),
        _ => (
            "chart_unit_period",
            "chart_table_period",
            "chart_column_period",
        ),
    };
    let unit = words.text(unit, &[]);
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
    let table = table(
        &bins,
        &words.text(table_title, &[]),
        &words.text(column, &[]),
        &words.text("briefings_heading", &[]),
        &label,
    );
    Some(Activity {
        svg: svg(&bins, &chart),
        table,
        summary,
    })
}

/// `months` (month numbers from `first` to `last`) counted into bars: one
/// month per bar, else whole years, as few as keep the bars within
/// [`MAX_BARS`]. Returns the months per bar and the bars.
fn binned(months: &[i64], first: i64, last: i64) -> (usize, Vec<Bin>) {
    let span = (last - first + 1) as usize;
    let width = if span <= MAX_BARS {
        1
    } else {
        12 * (span.div_ceil(12)).div_ceil(MAX_BARS)
    };
    let start = match width {
        1 => first,
        _ => first - first.rem_euclid(12),
    };
    let count = ((last - start) as usize) / width + 1;
    let mut bins: Vec<Bin> = (0..count)
        .map(|i| Bin {
            start: start + (i * width) as i64,
            count: 0,
        })
        .collect();
    for month in months {
        bins[((month - start) as usize) / width].count += 1;
    }
    (width, bins)
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

fn svg(bins: &[Bin], chart: &Chart) -> String {
    let Chart {
        width,
        max,
        summary,
        id,
        title,
        rtl,
    } = *chart;
    let slots = bins.len().max(MIN_SLOTS);
    let step = WIDTH as f64 / slots as f64;
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
        "<div class=\"chart\"><span class=\"chart-max\" aria-hidden=\"true\">{max}</span><span class=\"chart-zero\" aria-hidden=\"true\">0</span><svg class=\"timeline\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" preserveAspectRatio=\"none\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{summary}</desc><line class=\"chart-top\" x1=\"0\" y1=\"0.5\" x2=\"{WIDTH}\" y2=\"0.5\" vector-effect=\"non-scaling-stroke\"/>"
    );
    for (i, bin) in bins.iter().enumerate() {
        if bin.count == 0 {
            continue;
        }
        let h = ((bin.count as f64 / max as f64) * HEIGHT as f64).max(2.0);
        out.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\"/>",
            x(i),
            HEIGHT as f64 - h,
        ));
    }
    out.push_str(&format!(
        "<line x1=\"0\" y1=\"{HEIGHT}\" x2=\"{WIDTH}\" y2=\"{HEIGHT}\" vector-effect=\"non-scaling-stroke\"/></svg><div class=\"chart-x\" aria-hidden=\"true\">"
    ));
    let side = if rtl { "right" } else { "left" };
    for (at, year) in year_labels(bins, width, slots) {
        out.push_str(&format!("<span style=\"{side}:{at:.1}%\">{year}</span>"));
    }
    out.push_str("</div></div>");
    out
}

/// The year labels under the bars: `(position in percent of the width,
/// year)`, one where each year (or period) starts, thinned so that none
/// overlaps another on the narrowest screen; a label that would run past
/// the end is moved back to end there.
fn year_labels(bins: &[Bin], width: usize, slots: usize) -> Vec<(f64, i64)> {
    let wide = |year: i64| (year.to_string().len() as f64 * CHAR_WIDTH + 8.0) / NARROWEST * 100.0;
    let starts: Vec<(f64, i64)> = bins
        .iter()
        .enumerate()
        .filter(|(_, b)| b.start.rem_euclid(12) == 0 || width > 1)
        .map(|(i, b)| (i as f64 * 100.0 / slots as f64, b.start.div_euclid(12)))
        .collect();
    let mut kept: Vec<(f64, i64)> = Vec::new();
    // The first bin's year when it is not a year's start, if it fits
    // before the first year that starts.
    let lead = bins[0].start.div_euclid(12);
    if starts.first().is_none_or(|&(at, _)| at >= wide(lead))
        && width == 1
        && bins[0].start.rem_euclid(12) != 0
    {
        kept.push((0.0, lead));
    }
    let mut next = kept.first().map_or(0.0, |&(_, year)| wide(year));
    // Evenly thinned: every n-th start, n the fewest that fits.
    let every = starts
        .iter()
        .map(|&(_, year)| wide(year))
        .fold(0.0, f64::max)
        .max(f64::EPSILON);
    let room = if starts.len() > 1 {
        starts[1].0 - starts[0].0
    } else {
        100.0
    };
    let n = (every / room).ceil().max(1.0) as usize;
    for (k, &(at, year)) in starts.iter().enumerate() {
        let place = at.min(100.0 - wide(year)).max(0.0);
        if k % n == 0 && place >= next {
            kept.push((place, year));
            next = place + wide(year);
        }
    }
    kept
}

/// Every bar with briefings and its count, as a table to open.
fn table(
    bins: &[Bin],
    title: &str,
    column: &str,
    counts: &str,
    label: &dyn Fn(&Bin) -> String,
) -> String {
    let mut out = format!(
        "<details class=\"chart-data\"><summary>{title}</summary><table><thead><tr><th scope=\"col\">{column}</th><th scope=\"col\">{counts}</th></tr></thead><tbody>"
    );
    for bin in bins.iter().filter(|b| b.count > 0) {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}<td>{}",
            label(bin),
            bin.count
        ));
    }
    out.push_str("</tbody></table></details>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn months_get_one_bar_each_from_the_first_with_year_labels_and_a_table() {
        let dates = [day(2021, 12, 17), day(2022, 1, 10), day(2022, 1, 21)];
        let chart = activity(&Translations::default(), dates.into_iter(), "t").unwrap();
        assert_eq!(chart.svg.matches("<rect").count(), 2);
        // The first bar is December 2021, at the left; twelve slots at least.
        assert!(
            chart
                .svg
                .contains("<rect x=\"0.0\" y=\"50.0\" width=\"40.0\" height=\"50.0\"/>"),
            "{}",
            chart.svg
        );
        assert!(
            chart
                .svg
                .contains("<rect x=\"50.0\" y=\"0.0\" width=\"40.0\" height=\"100.0\"/>")
        );
        // The largest count is the scale; 2021 has no room before 2022.
        assert!(
            chart
                .svg
                .contains("<span class=\"chart-max\" aria-hidden=\"true\">2</span>")
        );
        assert!(chart.svg.contains("<div class=\"chart-x\" aria-hidden=\"true\"><span style=\"left:8.3%\">2022</span></div>"), "{}", chart.svg);
        assert_eq!(
            chart.table,
            "<details class=\"chart-data\"><summary>Briefings per month</summary><table><thead><tr><th scope=\"col\">Month</th><th scope=\"col\">Briefings</th></tr></thead><tbody><tr><th scope=\"row\">December 2021<td>1<tr><th scope=\"row\">January 2022<td>2</tbody></table></details>"
        );
        assert_eq!(
            chart.summary,
            "3 briefings from December 2021 to January 2022, counted per month; the most, 2, in January 2022."
        );
    }

    #[test]
    fn year_labels_never_overlap_on_a_phone() {
        let dates = (2000..2010).flat_map(|y| [day(y, 1, 1), day(y, 12, 1)]);
        let chart = activity(&Translations::default(), dates, "t").unwrap();
        let labels = year_labels(
            &(0..120)
                .map(|i| Bin {
                    start: 2000 * 12 + i,
                    count: 1,
                })
                .collect::<Vec<_>>(),
            1,
            120,
        );
        assert!(labels.len() >= 4, "{labels:?}");
        for pair in labels.windows(2) {
            let wide = (4.0 * CHAR_WIDTH + 8.0) / NARROWEST * 100.0;
            assert!(pair[1].0 - pair[0].0 >= wide, "{labels:?}");
        }
        assert!(chart.svg.contains(">2000</span>"), "{}", chart.svg);
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
