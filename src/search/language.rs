//! A language's own folds, on top of the shared ones ([`super::fold`]):
//! what readers of that script type interchangeably. A site's index (and
//! each language's, in a multilingual site) folds its language's script
//! with them, and ships them in `meta.json`'s table so queries fold the
//! same way. Languages without folds of their own (English among them)
//! get none: their index is what the shared folds alone make.
//!
//! - Russian, Belarusian: `ё` -> `е` (most text is written without the
//!   dots).
//! - Arabic, Persian, Urdu: short vowels and other marks (harakat) and the
//!   tatweel dropped, `أ إ آ ٱ` -> `ا`, `ة` -> `ه`, `ى` -> `ي`,
//!   Arabic-Indic and Persian digits -> ASCII.
//! - Hindi, Marathi, Nepali: nukta letters -> their base letter,
//!   chandrabindu -> anusvara, Devanagari digits -> ASCII.
//!
//! The index folds words after splitting them, `search.js` before: the
//! same, as every character folded here is a letter, mark or digit that
//! words are made of (a test checks it).

use std::borrow::Cow;

/// One language's folds: `(character, replacement)`, the replacement
/// possibly empty.
pub type Folds = &'static [(char, &'static str)];

const CYRILLIC: Folds = &[('ё', "е")];

const ARABIC: Folds = &[
    ('\u{064B}', ""),
    ('\u{064C}', ""),
    ('\u{064D}', ""),
    ('\u{064E}', ""),
    ('\u{064F}', ""),
    ('\u{0650}', ""),
    ('\u{0651}', ""),
    ('\u{0652}', ""),
    ('\u{0653}', ""),
    ('\u{0654}', ""),
    ('\u{0655}', ""),
    ('\u{0670}', ""),
    ('\u{0640}', ""),
    ('أ', "ا"),
    ('إ', "ا"),
    ('آ', "ا"),
    ('ٱ', "ا"),
    ('ة', "ه"),
    ('ى', "ي"),
    ('٠', "0"),
    ('١', "1"),
    ('٢', "2"),
    ('٣', "3"),
    ('٤', "4"),
    ('٥', "5"),
    ('٦', "6"),
    ('٧', "7"),
    ('٨', "8"),
    ('٩', "9"),
    ('۰', "0"),
    ('۱', "1"),
    ('۲', "2"),
    ('۳', "3"),
    ('۴', "4"),
    ('۵', "5"),
    ('۶', "6"),
    ('۷', "7"),
    ('۸', "8"),
    ('۹', "9"),
];

const DEVANAGARI: Folds = &[
    ('\u{0958}', "क"),
    ('\u{0959}', "ख"),
    ('\u{095A}', "ग"),
    ('\u{095B}', "ज"),
    ('\u{095C}', "ड"),
    ('\u{095D}', "ढ"),
    ('\u{095E}', "फ"),
    ('\u{095F}', "य"),
    ('\u{0901}', "\u{0902}"),
    ('०', "0"),
    ('१', "1"),
    ('२', "2"),
    ('३', "3"),
    ('४', "4"),
    ('५', "5"),
    ('६', "6"),
    ('७', "7"),
    ('८', "8"),
    ('९', "9"),
];

/// The folds of `language`'s script (a tag such as `ru` or `ar-EG`);
/// none for a language without folds of its own.
pub fn folds(language: &str) -> Folds {
    match crate::i18n::base_of(language).as_str() {
        "ru" | "be" => CYRILLIC,
        "ar" | "fa" | "ur" => ARABIC,
        "hi" | "mr" | "ne" => DEVANAGARI,
        _ => &[],
    }
}

/// `word` (already through the shared folds) with `folds` applied.
pub fn apply(word: &str, folds: Folds) -> Cow<'_, str> {
    if folds.is_empty() || word.is_ascii() {
        return Cow::Borrowed(word);
    }
    let find = |c: char| folds.iter().find(|(from, _)| *from == c).map(|(_, to)| *to);
    if !word.chars().any(|c| find(c).is_some()) {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match find(c) {
            Some(to) => out.push_str(to),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_folds_what_its_readers_type_interchangeably() {
        assert_eq!(apply("ёлка", folds("ru")), "елка");
        assert_eq!(apply("ёлка", folds("en")), "ёлка");
        assert_eq!(apply("مُحَمَّد", folds("ar")), "محمد");
        assert_eq!(apply("أحمد", folds("ar")), "احمد");
        assert_eq!(apply("مدرسة", folds("ar-EG")), "مدرسه");
        assert_eq!(apply("٢٠٢٢", folds("ar")), "2022");
        assert_eq!(apply("\u{095B}मीन", folds("hi")), "जमीन");
        assert_eq!(apply("२०२२", folds("hi")), "2022");
        assert_eq!(apply("lavrov", folds("ru")), "lavrov");
    }

    #[test]
    fn every_folded_character_is_part_of_words() {
        for table in [CYRILLIC, ARABIC, DEVANAGARI] {
            for (c, _) in table {
                assert!(c.is_alphanumeric(), "U+{:04X}", *c as u32);
                assert!(c.to_lowercase().eq(std::iter::once(*c)));
            }
        }
    }
}
