//! `site.yaml`: the site's settings, every one optional with a default.

use std::path::Path;

use crate::error::{Diagnostic, unknown_key};
use crate::load::yaml;

/// The keys `site.yaml` understands.
pub const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "languages",
    "author",
    "page_size",
    "feed_size",
    "cname",
    "strict",
    "week_start",
    "weeks",
    "search",
    "link_mentions",
    "timezone",
    "feed_content",
    "list_summaries",
];

/// Site-wide settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Shown in the header and the `<title>` of every page.
    pub title: String,
    /// One line about the site, for the home page and metadata.
    pub description: String,
    /// Where the site will live, always ending in `/`. May carry a path
    /// (`https://org.github.io/briefings/`) or be just `/`.
    pub base_url: String,
    /// The `lang` of every page (of this language's pages, in a
    /// multilingual site: each language's site has its own copy).
    pub language: String,
    /// `languages: [en, ru]`: the languages of a multilingual site, the
    /// default first; empty for a site in one language.
    pub languages: Vec<String>,
    /// Where `languages` is set (line, column), for messages about it.
    pub languages_at: Option<(usize, usize)>,
    /// Where this language's pages are below the root: empty for the
    /// default language (and a site in one language), `ru/` for another.
    /// Not a key: set per language by `model::languages`.
    pub language_path: String,
    /// Default author for pages and feeds.
    pub author: String,
    /// Entries per list page (home, actor, place, tag); 0 puts all on one.
    pub page_size: usize,
    /// Entries per feed.
    pub feed_size: usize,
    /// Custom domain for GitHub Pages, if any.
    pub cname: Option<String>,
    /// Warnings fail the build, like errors.
    pub strict: bool,
    /// The first day of the week in calendar grids (Monday by default).
    pub week_start: chrono::Weekday,
    /// Whether ISO week pages (`/2022/W03/`) are written.
    pub weeks: bool,
    /// Write the search page and index, and put a search box in the
    /// header (`search: false` turns both off).
    pub search: bool,
    /// Where `base_url` is set (line, column), for messages about it.
    pub base_url_at: Option<(usize, usize)>,
    /// Link the first mention of each known actor in bodies (default true;
    /// an article's own `link_mentions:` wins).
    pub link_mentions: bool,
    /// `timezone:` (an IANA name, UTC by default): a date without a time
    /// goes live when that day starts here, and scheduled times are shown
    /// in it.
    pub timezone: chrono_tz::Tz,
    /// Which feeds carry full bodies and which summaries (`feed_content:`).
    pub feed_content: crate::feed_content::FeedContent,
    /// List entries show each briefing's summary under its title
    /// (`list_summaries:`; off by default, to keep lists light).
    pub list_summaries: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            title: "Briefing".into(),
            description: String::new(),
            base_url: "/".into(),
            language: "en".into(),
            languages: Vec::new(),
            languages_at: None,
            language_path: String::new(),
            author: String::new(),
            page_size: 20,
            feed_size: 50,
            cname: None,
            strict: false,
            week_start: chrono::Weekday::Mon,
            weeks: true,
            search: true,
            base_url_at: None,
            link_mentions: true,
            timezone: chrono_tz::UTC,
            feed_content: Default::default(),
            list_summaries: false,
        }
    }
}

/// The English weekday names `week_start` accepts, Monday first.
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// `timezone:`'s value: an IANA time zone name such as `Asia/Kolkata`.
fn timezone(text: &str) -> Result<chrono_tz::Tz, yaml::TypeError> {
    let text = text.trim();
    text.parse::<chrono_tz::Tz>().map_err(|_| {
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        yaml::TypeError {
            message: match crate::error::did_you_mean(text, &names) {
                Some(near) => {
                    format!("`timezone: {text}` is not a time zone; did you mean `{near}`?")
                }
                None => format!("`timezone: {text}` is not a time zone"),
            },
            expected: "an IANA time zone name such as `UTC`, `Europe/Brussels` or `Asia/Kolkata`"
                .into(),
        }
    })
}

/// `languages:`'s value: language tags (`en`, `pt-BR`), each once, each
/// usable as a folder and a URL path.
fn languages(tags: Vec<String>) -> Result<Vec<String>, yaml::TypeError> {
    let expected = "a list of language codes, the default first, such as `[en, ru]`";
    let mut seen: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = tag.trim().to_string();
        let usable = !tag.is_empty()
            && tag.len() <= 12
            && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && tag.starts_with(|c: char| c.is_ascii_alphabetic());
        if !usable {
            return Err(yaml::TypeError {
                message: format!("`{tag}` in `languages` is not a language code"),
                expected: expected.into(),
            });
        }
        if seen.contains(&tag) {
            return Err(yaml::TypeError {
                message: format!("`languages` lists `{tag}` twice"),
                expected: expected.into(),
            });
        }
        seen.push(tag);
    }
    Ok(seen)
}

/// `week_start:`'s value: a weekday's English name, in any case.
fn weekday(text: &str) -> Result<chrono::Weekday, yaml::TypeError> {
    let wanted = text.trim().to_lowercase();
    match WEEKDAYS.iter().position(|d| *d == wanted) {
        Some(i) => Ok((0..i).fold(chrono::Weekday::Mon, |day, _| day.succ())),
        None => Err(yaml::TypeError {
            message: match crate::error::did_you_mean(&wanted, &WEEKDAYS) {
                Some(near) => {
                    format!("`week_start: {text}` is not a day of the week; did you mean `{near}`?")
                }
                None => format!("`week_start: {text}` is not a day of the week"),
            },
            expected: "a day such as `monday` or `sunday`".into(),
        }),
    }
}

impl Config {
    /// Parses the text of `site.yaml` (found at `path`), returning the
    /// settings and every problem found (errors and warnings).
    pub fn parse(text: &str, path: &Path) -> (Config, Vec<Diagnostic>) {
        let mut config = Config::default();
        let mut problems = Vec::new();
        let doc = match yaml::parse(text, 1) {
            Ok(doc) => doc,
            Err(err) => {
                problems.push(err.diagnostic(path, text, 1));
                return (config, problems);
            }
        };
        let mut base_url_set = false;
        for field in &doc.fields {
            let problem = |e: yaml::TypeError| {
                Diagnostic::error(path, field.line, field.column, e.message)
                    .expected(e.expected)
                    .with_source(text, 1)
            };
            let result = match field.key.as_str() {
                "title" => field.text().map(|v| config.title = v),
                "description" => field.text().map(|v| config.description = v),
                "language" => field.text().map(|v| config.language = v),
                "languages" => field.text_list().and_then(languages).map(|v| {
                    config.languages_at = Some((field.line, field.column));
                    config.languages = v
                }),
                "author" => field.text().map(|v| config.author = v),
                "page_size" => field.count().map(|v| config.page_size = v),
                "feed_size" => field.count().map(|v| config.feed_size = v),
                "strict" => field.boolean().map(|v| config.strict = v),
                "weeks" => field.boolean().map(|v| config.weeks = v),
                "week_start" => field
                    .text()
                    .and_then(|v| weekday(&v))
                    .map(|v| config.week_start = v),
                "search" => field.boolean().map(|v| config.search = v),
                "timezone" => field
                    .text()
                    .and_then(|v| timezone(&v))
                    .map(|v| config.timezone = v),
                "link_mentions" => field.boolean().map(|v| config.link_mentions = v),
                "feed_content" => crate::feed_content::FeedContent::parse(&field.data())
                    .map(|v| config.feed_content = v),
                "list_summaries" => field.boolean().map(|v| config.list_summaries = v),
                "cname" => field
                    .text()
                    .map(|v| config.cname = Some(v.trim().to_string())),
                "base_url" => field.text().map(|v| {
                    base_url_set = true;
                    config.base_url_at = Some((field.line, field.column));
                    config.base_url = v
                }),
                other => {
                    problems.push(unknown_key(path, field.line, other, KEYS).with_source(text, 1));
                    Ok(())
                }
            };
            if let Err(e) = result {
                problems.push(problem(e));
            }
        }
        // The first of `languages:` is the default language.
        if let Some(first) = config.languages.first() {
            config.language = first.clone();
        }
        if !base_url_set && let Some(cname) = &config.cname {
            config.base_url = format!("https://{cname}/");
        }
        match normalize_base_url(&config.base_url) {
            Ok(url) => config.base_url = url,
            Err(why) => {
                let (line, column) = doc
                    .get("base_url")
                    .map(|f| (f.line, f.column))
                    .unwrap_or((1, 1));
                problems.push(
                    Diagnostic::error(path, line, column, why)
                        .expected("a URL such as `https://org.github.io/briefings/` or `/`")
                        .with_source(text, 1),
                );
            }
        }
        (config, problems)
    }

    /// The path part of `base_url`, always starting and ending with `/`:
    /// `/` for a site at the root, `/briefings/` under a project path.
    pub fn root_path(&self) -> &str {
        root_path(&self.base_url)
    }

    /// Whether `languages:` lists more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }
}

/// Checks a base URL and makes it end with `/`.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let ok = url.starts_with('/')
        || url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
    if !ok || url.contains(char::is_whitespace) || url.contains(['?', '#']) {
        return Err(format!("`base_url` \"{url}\" is not a usable site address"));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

fn root_path(base_url: &str) -> &str {
    match base_url.find("://") {
        Some(scheme_end) => {
            let after = &base_url[scheme_end + 3..];
            match after.find('/') {
                Some(slash) => &after[slash..],
                None => "/",
            }
        }
        None => base_url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_path_becomes_the_root_path() {
        let (config, problems) = Config::parse(
            "base_url: https://org.github.io/briefings\n",
            Path::new("site.yaml"),
        );
        assert!(problems.is_empty());
        assert_eq!(config.base_url, "https://org.github.io/briefings/");
        assert_eq!(config.root_path(), "/briefings/");
    }

    #[test]
    fn cname_gives_the_default_base_url() {
        let (config, _) = Config::parse("cname: briefs.example.org\n", Path::new("site.yaml"));
        assert_eq!(config.base_url, "https://briefs.example.org/");
        assert_eq!(config.root_path(), "/");
    }

    #[test]
    fn timezone_is_an_iana_name_with_a_suggestion() {
        let (config, problems) = Config::parse("timezone: Asia/Kolkata\n", Path::new("site.yaml"));
        assert!(problems.is_empty());
        assert_eq!(config.timezone, chrono_tz::Asia::Kolkata);
        let (_, problems) = Config::parse("timezone: Asia/Kolkatta\n", Path::new("site.yaml"));
        assert_eq!(
            problems[0].to_string().lines().next().unwrap(),
            "site.yaml:1:11: error: `timezone: Asia/Kolkatta` is not a time zone; did you mean `Asia/Kolkata`? \
             (expected an IANA time zone name such as `UTC`, `Europe/Brussels` or `Asia/Kolkata`)"
        );
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let (_, problems) = Config::parse("titel: X\n", Path::new("site.yaml"));
        assert_eq!(
            problems[0].to_string().lines().next().unwrap(),
            "site.yaml:1:1: warning: unknown key `titel` is ignored; did you mean `title`?"
        );
    }
}
