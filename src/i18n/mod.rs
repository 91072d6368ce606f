//! The theme's words in the site's language: translation tables, plural
//! forms, dates, and the writing direction.
//!
//! Every language starts from the built-in English table (`tables/en.yaml`),
//! laid over with the built-in table of the site's `language:` when there
//! is one, then with the site's own `i18n/<language>.yaml` (Hugo's
//! convention). Templates read them through `t(key=...)`; Rust code that
//! preformats text for views (dates, calendar labels, descriptions) through
//! [`Translations`].

pub mod plural;

mod names;
mod site_file;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::load::yaml::{self, Data};
pub use names::DateNames;

/// The built-in tables: `(language, YAML)`. English is the reference.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("tables/en.yaml")),
    ("fr", include_str!("tables/fr.yaml")),
    ("de", include_str!("tables/de.yaml")),
    ("es", include_str!("tables/es.yaml")),
    ("ru", include_str!("tables/ru.yaml")),
    ("uk", include_str!("tables/uk.yaml")),
    ("ar", include_str!("tables/ar.yaml")),
    ("hi", include_str!("tables/hi.yaml")),
];

/// Languages written right to left.
const RTL: &[&str] = &["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"];

/// One translated string: plain text, or a count's plural forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// The same text whatever the count.
    Text(String),
    /// Forms by CLDR category name (`one`, `few`, `other`...).
    Plural(Vec<(String, String)>),
}

/// The strings, plural rule and date names of the site's language.
#[derive(Debug, Clone)]
pub struct Translations {
    /// The language as `site.yaml` gives it (`fr`, `pt-BR`).
    pub tag: String,
    /// Its base code, lowercase (`fr`, `pt`): picks the plural rule.
    pub base: String,
    messages: HashMap<String, Message>,
    names: DateNames,
}

/// The base code of a language tag: `pt-BR` -> `pt`.
pub fn base_of(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Parses a built-in table. They are part of the program and tested, so a
/// broken one is a bug, not a user's mistake.
fn built_in_table(language: &str) -> Option<HashMap<String, Message>> {
    let (_, text) = BUILT_IN.iter().find(|(code, _)| *code == language)?;
    let document = yaml::parse(text, 1).expect("built-in translation tables are valid YAML");
    let mut messages = HashMap::new();
    for field in &document.fields {
        if let Some(message) = message_of(&field.data()) {
            messages.insert(field.key.clone(), message);
        }
    }
    Some(messages)
}

/// A message from a YAML value: text, or a mapping of plural forms.
fn message_of(data: &Data) -> Option<Message> {
    match data {
        Data::Text(text) => Some(Message::Text(text.clone())),
        Data::Int(n) => Some(Message::Text(n.to_string())),
        Data::Map(forms) => {
            let forms: Option<Vec<(String, String)>> = forms
                .iter()
                .map(|(form, value)| match value {
                    Data::Text(text) => Some((form.clone(), text.clone())),
                    _ => None,
                })
                .collect();
            forms.map(Message::Plural)
        }
        _ => None,
    }
}

/// Fills `{name}` placeholders in `text` from `args`; unknown names stay.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

impl Translations {
    /// The built-in strings for `tag`: English, laid over with the
    /// language's own table when one ships.
    pub fn built_in(tag: &str) -> Translations {
        let base = base_of(tag);
        let mut messages = built_in_table("en").unwrap_or_default();
        if let Some(own) = built_in_table(&base) {
            messages.extend(own);
        }
        Translations {
            tag: tag.to_string(),
            names: DateNames::for_language(tag),
            base,
            messages,
        }
    }

    /// Whether a table ships for the language.
    pub fn has_built_in(&self) -> bool {
        BUILT_IN.iter().any(|(code, _)| *code == self.base)
    }

    /// `rtl` for languages written right to left, else `ltr`.
    pub fn direction(&self) -> &'static str {
        if RTL.contains(&self.base.as_str()) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// Every key, sorted.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.messages.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// The message for `key`, if any.
    pub fn message(&self, key: &str) -> Option<&Message> {
        self.messages.get(key)
    }

    /// Replaces or adds the message for `key`.
    pub fn set(&mut self, key: String, message: Message) {
        self.messages.insert(key, message);
    }

    /// The form of `message` for `count` (the text itself when it has no
    /// forms; `other` when the language's form is missing).
    fn form<'a>(&self, message: &'a Message, count: Option<u64>) -> &'a str {
        match message {
            Message::Text(text) => text,
            Message::Plural(forms) => {
                let wanted = plural::category(&self.base, count.unwrap_or(0)).name();
                forms
                    .iter()
                    .find(|(form, _)| form == wanted)
                    .or_else(|| forms.iter().find(|(form, _)| form == "other"))
                    .or(forms.first())
                    .map(|(_, text)| text.as_str())
                    .unwrap_or_default()
            }
        }
    }

    /// The text for `key` with `{count}` and `args` filled in; `None` for
    /// an unknown key.
    pub fn format(&self, key: &str, count: Option<u64>, args: &[(&str, &str)]) -> Option<String> {
        let message = self.messages.get(key)?;
        let text = self.form(message, count);
        Some(match count {
            Some(n) => {
                let n = n.to_string();
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(("count", n.as_str()));
                all.extend_from_slice(args);
                fill(text, &all)
            }
            None => fill(text, args),
        })
    }

    /// The text for a key the built-in English table has (so never
    /// missing), filled in.
    pub fn text(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.format(key, None, args)
            .unwrap_or_else(|| key.to_string())
    }

    /// A count's text for a built-in plural key: "3 briefings".
    pub fn count(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        self.format(key, Some(n as u64), args)
            .unwrap_or_else(|| key.to_string())
    }

    /// The month's name as used inside a date; 1 is January.
    pub fn month_in_date(&self, month: u32) -> &str {
        &self.names.months[(month.clamp(1, 12) - 1) as usize]
    }

    /// The month's name standing alone ("January", "Январь").
    pub fn month_name(&self, month: u32) -> &str {
        &self.names.months_alone[(month.clamp(1, 12) - 1) as usize]
    }

    /// A weekday's `(short, long)` names; 0 is Monday.
    pub fn weekday(&self, from_monday: u32) -> (&str, &str) {
        let i = (from_monday % 7) as usize;
        (&self.names.weekdays_short[i], &self.names.weekdays[i])
    }

    /// "18 January 2022", "21 января 2022", "21. Januar 2022".
    pub fn long_date(&self, date: NaiveDate) -> String {
        let (day, year) = (date.day().to_string(), date.year().to_string());
        self.text(
            "date_long",
            &[
                ("day", &day),
                ("month", self.month_in_date(date.month())),
                ("year", &year),
            ],
        )
    }

    /// "January 2022", "Январь 2022".
    pub fn month_title(&self, year: i32, month: u32) -> String {
        let year = year.to_string();
        self.text(
            "date_month",
            &[("month", self.month_name(month)), ("year", &year)],
        )
    }
}

impl Default for Translations {
    fn default() -> Self {
        Translations::built_in("en")
    }
}

pub use site_file::for_site;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_language_plural_form() {
        let en = Translations::built_in("en");
        assert_eq!(en.count("briefings", 1, &[]), "1 briefing");
        assert_eq!(en.count("briefings", 2, &[]), "2 briefings");
        let ru = Translations::built_in("ru");
        assert_eq!(ru.count("briefings", 1, &[]), "1 материал");
        assert_eq!(ru.count("briefings", 3, &[]), "3 материала");
        assert_eq!(ru.count("briefings", 5, &[]), "5 материалов");
    }

    #[test]
    fn dates_read_in_the_language() {
        let date = NaiveDate::from_ymd_opt(2022, 1, 21).unwrap();
        assert_eq!(
            Translations::built_in("en").long_date(date),
            "21 January 2022"
        );
        assert_eq!(
            Translations::built_in("fr").long_date(date),
            "21 janvier 2022"
        );
        assert_eq!(
            Translations::built_in("ru").long_date(date),
            "21 января 2022"
        );
        assert_eq!(
            Translations::built_in("ru").month_title(2022, 1),
            "Январь 2022"
        );
        assert_eq!(
            Translations::built_in("de").long_date(date),
            "21. Januar 2022"
        );
        assert_eq!(
            Translations::built_in("ar").long_date(date),
            "21 يناير 2022"
        );
    }

    #[test]
    fn fill_leaves_unknown_placeholders() {
        assert_eq!(fill("{a} and {b", &[("a", "x")]), "x and {b");
        assert_eq!(fill("{z}", &[]), "{z}");
    }

    #[test]
    fn every_built_in_language_is_complete() {
        let english = built_in_table("en").unwrap();
        for (code, _) in BUILT_IN {
            let table = built_in_table(code).unwrap();
            let mut missing: Vec<&String> =
                english.keys().filter(|k| !table.contains_key(*k)).collect();
            missing.sort();
            assert!(missing.is_empty(), "{code} lacks {missing:?}");
            let mut extra: Vec<&String> =
                table.keys().filter(|k| !english.contains_key(*k)).collect();
            extra.sort();
            assert!(extra.is_empty(), "{code} has keys English lacks: {extra:?}");
            let forms = plural::categories(code);
            for (key, message) in &table {
                if let Message::Plural(have) = message {
                    for form in &forms {
                        assert!(
                            have.iter().any(|(f, _)| f == form.name()),
                            "{code}: `{key}` lacks the `{}` form",
                            form.name()
                        );
                    }
                } else if matches!(english.get(key), Some(Message::Plural(_))) {
                    panic!("{code}: `{key}` must have plural forms");
                }
            }
        }
    }
}
