//! Month and weekday names in the site's language, from the glibc locale
//! data that `pure-rust-locales` carries (maintained upstream, not typed
//! in here). Months come in two forms: the one used inside a date
//! (genitive in Russian and Ukrainian: "21 января 2022") and the one used
//! alone, as in a month's title ("Январь 2022").

use pure_rust_locales::{Locale, locale_match};

/// The date names of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateNames {
    /// Month names as used in a full date; January first.
    pub months: Vec<String>,
    /// Month names standing alone (titles), capitalised; January first.
    pub months_alone: Vec<String>,
    /// Weekday names, Monday first.
    pub weekdays: Vec<String>,
    /// Short weekday names, Monday first.
    pub weekdays_short: Vec<String>,
}

/// The region a bare language code most often means, where it is not the
/// code itself in capitals (`fr` -> `fr_FR` needs no entry).
const REGIONS: &[(&str, &str)] = &[
    ("en", "en_GB"),
    ("uk", "uk_UA"),
    ("ar", "ar_EG"),
    ("hi", "hi_IN"),
    ("ja", "ja_JP"),
    ("zh", "zh_CN"),
    ("ko", "ko_KR"),
    ("sv", "sv_SE"),
    ("da", "da_DK"),
    ("el", "el_GR"),
    ("he", "he_IL"),
    ("fa", "fa_IR"),
    ("cs", "cs_CZ"),
    ("nb", "nb_NO"),
    ("sr", "sr_RS"),
    ("vi", "vi_VN"),
    ("ur", "ur_PK"),
    ("bn", "bn_BD"),
    ("ka", "ka_GE"),
    ("hy", "hy_AM"),
    ("sq", "sq_AL"),
    ("et", "et_EE"),
    ("ca", "ca_ES"),
];

/// The locale data for a language tag (`fr`, `pt-BR`, `de_AT`), if glibc
/// has one for it.
pub fn locale(tag: &str) -> Option<Locale> {
    let tag = tag.replace('-', "_");
    let mut parts = tag.split('_');
    let base = parts.next().unwrap_or_default().to_ascii_lowercase();
    let region = parts.next().map(str::to_ascii_uppercase);
    let mut tries = Vec::new();
    if let Some(region) = region {
        tries.push(format!("{base}_{region}"));
    }
    if let Some((_, locale)) = REGIONS.iter().find(|(code, _)| *code == base) {
        tries.push((*locale).to_string());
    }
    tries.push(format!("{base}_{}", base.to_ascii_uppercase()));
    tries
        .iter()
        .find_map(|name| Locale::try_from(name.as_str()).ok())
}

fn owned(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// Sunday-first glibc lists, turned Monday first.
fn monday_first(names: &[&str]) -> Vec<String> {
    let mut names = owned(names);
    if names.len() == 7 {
        names.rotate_left(1);
    }
    names
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl DateNames {
    /// The names for `tag`; English when glibc has no locale for it.
    pub fn for_language(tag: &str) -> DateNames {
        let locale = locale(tag).unwrap_or(Locale::en_GB);
        let months = owned(locale_match!(locale => LC_TIME::MON));
        let alone = locale_match!(locale => LC_TIME::ALT_MON)
            .map(owned)
            .unwrap_or_else(|| months.clone());
        DateNames {
            months_alone: alone.iter().map(|m| capitalised(m)).collect(),
            months,
            weekdays: monday_first(locale_match!(locale => LC_TIME::DAY)),
            weekdays_short: monday_first(locale_match!(locale => LC_TIME::ABDAY)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_months_are_genitive_in_dates_and_nominative_alone() {
        let names = DateNames::for_language("ru");
        assert_eq!(names.months[0], "января");
        assert_eq!(names.months_alone[0], "Январь");
        assert_eq!(names.weekdays[0], "Понедельник");
        let names = DateNames::for_language("uk");
        assert_eq!(names.months[0], "січня");
        assert_eq!(names.months_alone[0], "Січень");
    }

    #[test]
    fn regions_and_unknown_languages() {
        assert_eq!(DateNames::for_language("fr-CA").months[0], "janvier");
        assert_eq!(DateNames::for_language("ar").months[0], "يناير");
        assert_eq!(DateNames::for_language("en").months_alone[11], "December");
        assert_eq!(DateNames::for_language("xx").weekdays_short[0], "Mon");
    }
}
