//! Inline SVG charts, drawn here so pages need no JavaScript: a bar per
//! month of articles published, with year labels and a text alternative
//! for screen readers. The archive shows the whole site's volume.

use std::fmt::Write;

use super::dates::month_title;

/// The chart's drawing height and the room for year labels under it.
const HEIGHT: usize = 80;
const LABELS: usize = 14;
/// The widest a chart gets; bars are narrower when there are many months.
const WIDTH: usize = 640;

/// A bar chart of articles per month from the first month to the last in
/// `months` (year, month 1-12, count; any order), empty months included.
/// `title` names the chart for screen readers; the returned markup is a
/// complete `<svg>` element, safe to insert as it is (no user text but
/// `title`, which is escaped).
pub fn monthly_volume(title: &str, months: &[(i32, u32, usize)]) -> Option<String> {
    let first = months.iter().map(|&(y, m, _)| (y, m)).min()?;
    let last = months.iter().map(|&(y, m, _)| (y, m)).max()?;
    let index = |(y, m): (i32, u32)| (y - first.0) as usize * 12 + m as usize - first.1 as usize;
    let span = index(last) + 1;
    let mut counts = vec![0usize; span];
    for &(y, m, n) in months {
        counts[index((y, m))] += n;
    }
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let bar = (WIDTH / span).clamp(3, 40);
    let gap = (bar / 4).max(1);
    let slot = bar + gap;
    let width = span * slot;
    // A year label needs about five digits' room.
    let label_room = 32usize.div_ceil(slot);
    let total: usize = counts.iter().sum();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 {width} {}\" width=\"{width}\" height=\"{}\" preserveAspectRatio=\"xMinYMin meet\">",
        HEIGHT + LABELS,
        HEIGHT + LABELS
    );
    let _ = write!(
        svg,
        "<title id=\"chart-title\">{}</title><desc id=\"chart-desc\">{total} {} from {} to {}; the busiest month had {most}.</desc>",
        escape(title),
        if total == 1 { "briefing" } else { "briefings" },
        month_title(first.0, first.1),
        month_title(last.0, last.1),
    );
    for (i, &count) in counts.iter().enumerate() {
        let (year, month) = (
            first.0 + ((first.1 as usize - 1 + i) / 12) as i32,
            ((first.1 as usize - 1 + i) % 12) as u32 + 1,
        );
        let x = i * slot;
        if count > 0 {
            let h = (count * HEIGHT).div_ceil(most).max(1);
            let _ = write!(
                svg,
                "<rect x=\"{x}\" y=\"{}\" width=\"{bar}\" height=\"{h}\"><title>{}: {count}</title></rect>",
                HEIGHT - h,
                month_title(year, month)
            );
        }
        // January starts a year; the first month is labelled too when the
        // next January is far enough away not to overlap.
        let next_january = (12 - (month as usize - 1)) % 12;
        if month == 1 || (i == 0 && (next_january == 0 || next_january >= label_room)) {
            let _ = write!(
                svg,
                "<text x=\"{x}\" y=\"{}\">{year}</text>",
                HEIGHT + LABELS - 2
            );
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_per_month_empty_months_included_with_a_text_alternative() {
        let svg = monthly_volume("Briefings <per> month", &[(2022, 1, 4), (2021, 11, 2)]).unwrap();
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("<title id=\"chart-title\">Briefings &lt;per&gt; month</title>"));
        assert!(
            svg.contains(
                "6 briefings from November 2021 to January 2022; the busiest month had 4."
            )
        );
        // November, December (empty), January: three slots of the widest bars.
        assert!(svg.contains("viewBox=\"0 0 150 94\""));
        assert!(svg.contains("<title>January 2022: 4</title>"));
        assert!(svg.contains(">2022</text>") && svg.contains(">2021</text>"));
        // With narrow bars a first label too close to the next January is left out.
        let many = [(2013, 12, 1), (2021, 12, 1)];
        let svg = monthly_volume("x", &many).unwrap();
        assert!(
            !svg.contains(">2013</text>") && svg.contains(">2014</text>"),
            "{svg}"
        );
        assert_eq!(monthly_volume("x", &[]), None);
    }
}
