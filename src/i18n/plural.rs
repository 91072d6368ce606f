//! Plural categories for counts, after the CLDR rules for whole numbers:
//! which of a message's forms (`one`, `few`, `many`...) a count takes.

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// `zero` (Arabic 0).
    Zero,
    /// `one`.
    One,
    /// `two` (Arabic 2).
    Two,
    /// `few` (Russian 2-4, Arabic 3-10).
    Few,
    /// `many` (Russian 5-20, Arabic 11-99).
    Many,
    /// `other`, every language's fallback.
    Other,
}

impl Category {
    /// The name used in translation files.
    pub fn name(self) -> &'static str {
        match self {
            Category::Zero => "zero",
            Category::One => "one",
            Category::Two => "two",
            Category::Few => "few",
            Category::Many => "many",
            Category::Other => "other",
        }
    }
}

/// Every form name a plural message may have.
pub const FORMS: &[&str] = &["zero", "one", "two", "few", "many", "other"];

/// The category of the whole number `n` in `language` (a base code such
/// as `ru`). Languages without a rule here use English's.
pub fn category(language: &str, n: u64) -> Category {
    let (n10, n100) = (n % 10, n % 100);
    match language {
        // French, Hindi, Portuguese...: 0 and 1 are singular.
        "fr" | "hi" | "pt" | "bn" | "fa" => {
            if n <= 1 {
                Category::One
            } else {
                Category::Other
            }
        }
        "ru" | "uk" | "be" => {
            if n10 == 1 && n100 != 11 {
                Category::One
            } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
                Category::Few
            } else {
                Category::Many
            }
        }
        "pl" => {
            if n == 1 {
                Category::One
            } else if (2..=4).contains(&n10) && !(12..=14).contains(&n100) {
                Category::Few
            } else {
                Category::Many
            }
        }
        "ar" => match n {
            0 => Category::Zero,
            1 => Category::One,
            2 => Category::Two,
            _ if (3..=10).contains(&n100) => Category::Few,
            _ if (11..=99).contains(&n100) => Category::Many,
            _ => Category::Other,
        },
        "ja" | "zh" | "ko" | "vi" | "th" | "id" | "tr" => Category::Other,
        _ => {
            if n == 1 {
                Category::One
            } else {
                Category::Other
            }
        }
    }
}

/// The categories whole numbers take in `language`: the forms a complete
/// plural message in that language has.
pub fn categories(language: &str) -> Vec<Category> {
    let mut seen = Vec::new();
    for n in 0..200 {
        let c = category(language, n);
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_counts_take_one_few_and_many() {
        let forms: Vec<_> = [1, 2, 5, 11, 21, 22, 25, 112]
            .iter()
            .map(|n| category("ru", *n).name())
            .collect();
        assert_eq!(
            forms,
            ["one", "few", "many", "many", "one", "few", "many", "many"]
        );
    }

    #[test]
    fn arabic_counts_take_six_forms() {
        let forms: Vec<_> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103]
            .iter()
            .map(|n| category("ar", *n).name())
            .collect();
        assert_eq!(
            forms,
            [
                "zero", "one", "two", "few", "few", "many", "many", "other", "other", "few"
            ]
        );
    }

    #[test]
    fn french_zero_is_singular_english_is_not() {
        assert_eq!(category("fr", 0), Category::One);
        assert_eq!(category("en", 0), Category::Other);
        assert_eq!(category("de", 1), Category::One);
    }
}
