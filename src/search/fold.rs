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
    let mut out = String::with_capacity(text.len());
    fold_chars(text, |c| out.push(c));
    out
}

/// Each character of `text`, lower-cased and folded, to `each`. Lower-casing
/// one character at a time gives what lower-casing the whole string and
/// then folding gives: the only context-dependent mapping (a final sigma)
/// folds to the medial one either way.
fn fold_chars(text: &str, mut each: impl FnMut(char)) {
    for c in text.chars() {
        if c.is_ascii() {
            each(c.to_ascii_lowercase());
            continue;
        }
        for lower in c.to_lowercase() {
            match fold_char(lower) {
                Some(to) => to.chars().for_each(&mut each),
                None => each(lower),
            }
        }
    }
}

/// Each search word of `text`, in order, repeats kept, to `each`: runs of
/// letters and digits of the folded text, cut to [`MAX_WORD`] characters.
/// A word of ASCII letters and digits between ASCII separators (most words
/// of most bodies) is handed over as a slice of `text` (lower-cased in a
/// buffer only if it has capitals); anything else goes a character at a
/// time through [`fold_chars`].
pub fn for_each_word(text: &str, mut each: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut word = Word::default();
    let mut lower = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if word.text.is_empty() && bytes[i].is_ascii() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i < bytes.len() && !bytes[i].is_ascii() {
                // The word may go on past ASCII: a character at a time.
                for &b in &bytes[start..i] {
                    word.take(b as char, &mut each);
                }
            } else {
                let ascii = &text[start..i.min(start + MAX_WORD)];
                if ascii.bytes().any(|b| b.is_ascii_uppercase()) {
                    lower.clear();
                    lower.push_str(ascii);
                    lower.make_ascii_lowercase();
                    each(&lower);
                } else {
                    each(ascii);
                }
            }
            continue;
        }
        let len = text[i..].chars().next().map_or(1, char::len_utf8);
        fold_chars(&text[i..i + len], |c| word.take(c, &mut each));
        i += len;
    }
    if !word.text.is_empty() {
        each(&word.text);
    }
}

/// The word being read.
#[derive(Default)]
struct Word {
    text: String,
    chars: usize,
}

impl Word {
    /// Adds `c` (folded), or ends the word at a separator.
    fn take(&mut self, c: char, each: &mut impl FnMut(&str)) {
        if c.is_alphanumeric() {
            if self.chars < MAX_WORD {
                self.text.push(c.to_ascii_lowercase());
            }
            self.chars += 1;
        } else if !self.text.is_empty() {
            each(&self.text);
            self.text.clear();
            self.chars = 0;
        }
    }
}

/// The search words of `text`, in order, repeats kept.
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(text, |w| words.push(w.to_string()));
    words
}

/// The distinct search words of `text`, in the order they first appear,
/// joined by single spaces: how an article body's words are kept until
/// the index is built (one string rather than one allocation per word).
/// This runs on every body, so it makes no string per word: a word is
/// known by its hash and checked against its first copy in the output. A
/// word repeated anyway (two words sharing a hash) is harmless: the index
/// counts a document once per word.
pub fn distinct_words(text: &str) -> Box<str> {
    let mut seen: ahash::AHashMap<u64, (usize, usize)> = ahash::AHashMap::with_capacity(512);
    let mut out = String::with_capacity(text.len() / 2);
    for_each_word(text, |word| {
        let hash = xxhash_rust::xxh3::xxh3_64(word.as_bytes());
        if let Some(&(start, end)) = seen.get(&hash)
            && &out[start..end] == word
        {
            return;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        seen.entry(hash)
            .or_insert((out.len(), out.len() + word.len()));
        out.push_str(word);
    });
    out.into_boxed_str()
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
    fn ascii_words_next_to_other_scripts_are_one_word() {
        assert_eq!(
            words("caféS Café-X naïveTÉ"),
            ["cafes", "cafe", "x", "naivete"]
        );
        assert_eq!(words("abcЖ Жabc a\u{301}b"), ["abcж", "жabc", "ab"]);
        let long = format!("{} {}é", "A".repeat(50), "b".repeat(50));
        assert_eq!(words(&long), ["a".repeat(MAX_WORD), "b".repeat(MAX_WORD)]);
    }

    #[test]
    fn distinct_words_come_once_each_in_first_use_order() {
        assert_eq!(&*distinct_words("b a B á c"), "b a c");
    }

    #[test]
    fn distinct_words_are_the_words_once_each() {
        let text = "Σίσυφος ΟΔΟΣ Straße STRASSE ‘quoted’ naïve NAIVE İstanbul straße";
        let mut expected: Vec<String> = Vec::new();
        for word in words(text) {
            if !expected.contains(&word) {
                expected.push(word);
            }
        }
        assert_eq!(&*distinct_words(text), expected.join(" "));
        assert_eq!(expected.len(), 6, "{expected:?}");
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
