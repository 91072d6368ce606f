//! Folding and tokenising: the one definition of a search word, shared by
//! the index (here) and the reader's query (`templates/search.js`, which
//! receives the same table in `search/meta.json`).
//!
//! Text is lower-cased as a whole string (so a final sigma is handled as
//! the browser's `toLowerCase` does), then each character goes through
//! [`fold_char`]: Latin letters lose their accents (`é` -> `e`, `ß` ->
//! `ss`, `ł` -> `l`, by `deunicode`), combining marks are dropped, `ς`
//! becomes `σ`. Other scripts are kept as they are (Cyrillic stays
//! Cyrillic), so a word is found in the script it was written in. A word
//! is a run of alphabetic or numeric characters (Rust's
//! `char::is_alphanumeric`, the browser's `[\p{Alphabetic}\p{N}]`).

/// Words longer than this (in characters) are cut: URLs and hashes run
/// long and nobody types them.
pub const MAX_WORD: usize = 40;

/// The Unicode ranges whose characters fold to something else; the client
/// receives the table of every character in them that changes.
const FOLDED_RANGES: &[(u32, u32)] = &[
    (0x00C0, 0x024F), // Latin-1 Supplement letters, Latin Extended-A and -B
    (0x0300, 0x036F), // combining diacritical marks
    (0x1E00, 0x1EFF), // Latin Extended Additional
    (0x03C2, 0x03C2), // final sigma
];

/// What `c` (already lower-case) becomes in a search word: `None` if it
/// is kept as it is, else its replacement (possibly empty).
pub fn fold_char(c: char) -> Option<String> {
    let code = c as u32;
    if !FOLDED_RANGES
        .iter()
        .any(|&(lo, hi)| (lo..=hi).contains(&code))
    {
        return None;
    }
    if (0x0300..=0x036F).contains(&code) {
        return Some(String::new());
    }
    if c == 'ς' {
        return Some("σ".into());
    }
    if !c.is_alphabetic() {
        return None;
    }
    let ascii = deunicode::deunicode_char(c)?.to_lowercase();
    let folded: String = ascii
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    (folded != c.to_string()).then_some(folded)
}

/// Every character that [`fold_char`] changes, with its replacement, in
/// code point order: the table `search.js` applies to queries.
pub fn table() -> Vec<(char, String)> {
    FOLDED_RANGES
        .iter()
        .flat_map(|&(lo, hi)| lo..=hi)
        .filter_map(char::from_u32)
        // Queries are lower-cased before folding: upper-case letters never
        // reach the table.
        .filter(|&c| c.to_lowercase().eq(std::iter::once(c)))
        .filter_map(|c| fold_char(c).map(|to| (c, to)))
        .collect()
}

/// `text` lower-cased and folded, words and separators alike.
pub fn fold(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        match fold_char(c) {
            Some(to) => out.push_str(&to),
            None => out.push(c),
        }
    }
    out
}

/// The search words of `text`, in order, repeats kept.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w.char_indices().nth(MAX_WORD) {
            Some((cut, _)) => w[..cut].to_string(),
            None => w.to_string(),
        })
        .collect()
}

/// The distinct search words of `text`, sorted, joined by single spaces:
/// how an article body's words are kept until the index is built (one
/// string rather than one allocation per word).
pub fn distinct_words(text: &str) -> Box<str> {
    let mut words = words(text);
    words.sort_unstable();
    words.dedup();
    words.join(" ").into_boxed_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_fold_away() {
        assert_eq!(words("Sergéy LAVROV"), ["sergey", "lavrov"]);
        assert_eq!(words("Straße Łódź Ærø"), ["strasse", "lodz", "aero"]);
        assert_eq!(words("Zelens\u{301}kyy"), ["zelenskyy"]);
    }

    #[test]
    fn cyrillic_and_greek_stay_in_their_script() {
        assert_eq!(words("Сергей ЛАВРОВ"), ["сергей", "лавров"]);
        // A final sigma folds to the medial one, as typed mid-word.
        assert_eq!(words("ΟΔΟΣ οδοσ"), ["οδοσ", "οδοσ"]);
    }

    #[test]
    fn words_split_on_anything_not_a_letter_or_digit() {
        assert_eq!(
            words("U.S.-Russia talks, 2022: a \"new\" round"),
            ["u", "s", "russia", "talks", "2022", "a", "new", "round"]
        );
        assert_eq!(words("  --  "), Vec::<String>::new());
        assert_eq!(words(&"x".repeat(100))[0].len(), MAX_WORD);
    }

    #[test]
    fn distinct_words_are_sorted_once_each() {
        assert_eq!(&*distinct_words("b a B á c"), "a b c");
    }

    #[test]
    fn the_client_table_holds_every_change_and_nothing_else() {
        let table = table();
        assert!(table.contains(&('é', "e".into())));
        assert!(table.contains(&('ß', "ss".into())));
        assert!(table.contains(&('\u{301}', String::new())));
        assert!(table.iter().all(|(c, to)| fold(&c.to_string()) == *to));
        assert!(!table.iter().any(|(c, _)| c.is_ascii()));
    }
}
