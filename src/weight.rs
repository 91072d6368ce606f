//! How big a built site is: its bytes and files as `build` wrote (or
//! linked) them, by part, for the summary line and for the warning past
//! GitHub Pages' limit on a published site.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Config;
use crate::error::Diagnostic;

/// The most a GitHub Pages site may publish: 1 GB.
pub const PAGES_LIMIT: u64 = 1_000_000_000;

/// Hidden: a smaller limit in bytes, so a test can pass it without
/// writing a gigabyte.
const LIMIT_VARIABLE: &str = "BRIEFING_PAGES_LIMIT";

/// The size of a site's output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Weight {
    /// Bytes of every file.
    pub bytes: u64,
    /// Files.
    pub files: usize,
    /// Bytes per part ([`part_of`]), heaviest first (then by name).
    pub parts: Vec<(String, u64)>,
}

impl Weight {
    /// The weight of the files `sizes` (output path and size; a path
    /// given twice counts once, with its last size).
    pub fn of<'a>(sizes: impl IntoIterator<Item = (&'a str, u64)>) -> Self {
        let files: BTreeMap<&str, u64> = sizes.into_iter().collect();
        let mut parts: BTreeMap<String, u64> = BTreeMap::new();
        for (path, size) in &files {
            *parts.entry(part_of(path)).or_default() += size;
        }
        let mut parts: Vec<(String, u64)> = parts.into_iter().collect();
        parts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Self {
            bytes: files.values().sum(),
            files: files.len(),
            parts,
        }
    }
}

/// The part of the site an output path belongs to: its top folder
/// (`actors/`), the dated folders as one (articles and date pages live
/// there), or the files at the top.
pub fn part_of(path: &str) -> String {
    match path.split_once('/') {
        None => "files at the top (home, feeds, sitemap)".into(),
        Some((top, _)) if !top.is_empty() && top.bytes().all(|b| b.is_ascii_digit()) => {
            "the year folders (articles and date pages)".into()
        }
        Some((top, _)) => format!("{top}/"),
    }
}

/// The limit to warn past: [`PAGES_LIMIT`], unless a test set a smaller one.
pub fn limit() -> u64 {
    std::env::var(LIMIT_VARIABLE)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(PAGES_LIMIT)
}

/// The warning for a site heavier than `limit`: how big, what weighs
/// most, and the settings of `site.yaml` (at `site_yaml`) that shrink it,
/// with their values in `config`.
pub fn warning(
    weight: &Weight,
    limit: u64,
    config: &Config,
    site_yaml: &Path,
) -> Option<Diagnostic> {
    if weight.bytes <= limit {
        return None;
    }
    let heaviest: Vec<String> = weight
        .parts
        .iter()
        .take(3)
        .map(|(part, bytes)| format!("{part} {}", bytes_shown(*bytes)))
        .collect();
    let mut settings = vec![
        format!(
            "a smaller `page_size` (now {}; 0 puts every list on one page)",
            config.page_size
        ),
        format!("a smaller `feed_size` (now {})", config.feed_size),
    ];
    let full_term_feeds: Vec<&str> = ["actors", "places", "tags", "authors"]
        .into_iter()
        .filter(|kind| config.feed_content.full(kind))
        .collect();
    if !full_term_feeds.is_empty() {
        settings.push(format!(
            "`feed_content: summary` for the {} feeds (now full bodies)",
            full_term_feeds.join(", ")
        ));
    }
    if config.weeks {
        settings.push("`weeks: false` (no week pages)".into());
    }
    if config.search {
        settings.push("`search: false` (no search index)".into());
    }
    Some(
        Diagnostic::warning(
            site_yaml,
            0,
            0,
            format!(
                "the site is {} ({} files), more than the {} GitHub Pages publishes",
                bytes_shown(weight.bytes),
                count_shown(weight.files as u64),
                bytes_shown(limit)
            ),
        )
        .note(format!("heaviest: {}", heaviest.join(", ")))
        .note(format!("to make it smaller: {}", settings.join(", "))),
    )
}

/// `212 MB`, `1.2 GB`, `640 bytes`: decimal units, one decimal under 10.
pub fn bytes_shown(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} byte{}", if bytes == 1 { "" } else { "s" });
    }
    let mut value = bytes as f64;
    let mut unit = UNITS[0];
    for name in UNITS {
        value /= 1000.0;
        unit = name;
        if value < 999.5 {
            break;
        }
    }
    let shown = if value < 9.95 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    };
    format!("{} {unit}", shown.strip_suffix(".0").unwrap_or(&shown))
}

/// `14,210`: thousands separated by commas.
pub fn count_shown(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_counts_read_as_people_write_them() {
        let shown: Vec<String> = [
            0,
            1,
            999,
            1000,
            1_234,
            9_960,
            212_400_000,
            999_600,
            1_230_000_000,
        ]
        .into_iter()
        .map(bytes_shown)
        .collect();
        assert_eq!(
            shown,
            [
                "0 bytes",
                "1 byte",
                "999 bytes",
                "1 KB",
                "1.2 KB",
                "10 KB",
                "212 MB",
                "1 MB",
                "1.2 GB"
            ]
        );
        let counts: Vec<String> = [0, 999, 1000, 14_210, 1_000_000]
            .into_iter()
            .map(count_shown)
            .collect();
        assert_eq!(counts, ["0", "999", "1,000", "14,210", "1,000,000"]);
    }

    #[test]
    fn parts_group_years_and_sort_heaviest_first() {
        let weight = Weight::of([
            ("index.html", 10),
            ("actors/a/index.html", 50),
            ("actors/b/index.html", 50),
            ("2022/01/index.html", 30),
            ("2021/x/index.html", 30),
            ("search/meta.json", 5),
            ("search/meta.json", 7),
        ]);
        assert_eq!(weight.bytes, 177);
        assert_eq!(weight.files, 6);
        assert_eq!(
            weight.parts,
            [
                ("actors/".to_string(), 100),
                ("the year folders (articles and date pages)".to_string(), 60),
                ("files at the top (home, feeds, sitemap)".to_string(), 10),
                ("search/".to_string(), 7),
            ]
        );
    }

    #[test]
    fn warns_only_past_the_limit_naming_the_settings_that_are_on() {
        let weight = Weight::of([("actors/a/index.html", 2_000), ("index.html", 500)]);
        let mut config = Config::default();
        let site_yaml = Path::new("site.yaml");
        assert_eq!(warning(&weight, 2_500, &config, site_yaml), None);
        let shown = warning(&weight, 2_000, &config, site_yaml).map(|d| d.to_string());
        assert_eq!(
            shown.as_deref(),
            Some(
                "site.yaml: warning: the site is 2.5 KB (2 files), more than the 2 KB GitHub Pages publishes\n  \
                 = note: heaviest: actors/ 2 KB, files at the top (home, feeds, sitemap) 500 bytes\n  \
                 = note: to make it smaller: a smaller `page_size` (now 20; 0 puts every list on one page), \
                 a smaller `feed_size` (now 50), `weeks: false` (no week pages), `search: false` (no search index)"
            )
        );
        config.weeks = false;
        config.search = false;
        let shown = warning(&weight, 1_000, &config, site_yaml).map(|d| d.to_string());
        assert!(shown.is_some_and(|s| s.ends_with("a smaller `feed_size` (now 50)")));
    }
}
