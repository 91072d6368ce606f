//! The offending line shown under a diagnostic, made safe to print: cut to
//! a window around the column when it is long (an ellipsis on each cut
//! side), tabs expanded, control characters replaced, and the caret placed
//! by display width, so a tab or a wide character before it does not
//! shift it. Used by every diagnostic, so `build`, `check` and the
//! preview's error overlay show the same bounded text.
//!
//! Messages are bounded too, but a path or a URL in them is never cut:
//! the user has to find that file or paste that address. Only the other
//! words (in practice a long value quoted from the offending line) are.

use unicode_width::UnicodeWidthChar;

/// The widest excerpt shown, in terminal columns.
pub const WIDTH: usize = 100;

/// The most characters of a message shown outside its paths and URLs;
/// past it (a long value quoted from a hostile file), words are cut.
pub const MESSAGE_CHARS: usize = 200;

/// A longer word that is not a path or a URL is cut in the middle.
const WORD_CHARS: usize = MESSAGE_CHARS / 2;

/// A path or URL longer than this is hostile, not something to find or
/// paste (Linux refuses paths of 4,096 bytes), and is cut like any word.
const PATH_CHARS: usize = 4096;

const ELLIPSIS: char = '…';
const TAB: &str = "    ";

/// A line ready to print, and the caret's offset under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The text to show (at most [`WIDTH`] columns).
    pub text: String,
    /// Columns before the caret.
    pub caret: usize,
}

/// The part of `line` to show around `column` (1-based, in characters).
pub fn excerpt(line: &str, column: usize) -> Excerpt {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let total: usize = chars.iter().map(|c| width(*c)).sum();
    let (start, end) = if total <= WIDTH {
        (0, chars.len())
    } else {
        window(&chars, at)
    };
    let mut text = String::new();
    let mut caret = 0;
    if start > 0 {
        text.push(ELLIPSIS);
        caret += 1;
    }
    for (index, c) in chars.iter().enumerate().take(end).skip(start) {
        if index < at {
            caret += width(*c);
        }
        push_shown(&mut text, *c);
    }
    if end < chars.len() {
        text.push(ELLIPSIS);
    }
    Excerpt { text, caret }
}

/// `message`, bounded: when it is longer than [`MESSAGE_CHARS`], each
/// word that is not a path or a URL and is longer than [`WORD_CHARS`] is
/// cut in the middle, then such words are left out from the middle of the
/// message (one `…` per gap) until the rest fits [`MESSAGE_CHARS`]. Paths
/// and URLs are kept whole.
pub fn shorten(message: &str) -> std::borrow::Cow<'_, str> {
    if message.chars().count() <= MESSAGE_CHARS {
        return message.into();
    }
    // Each word with the whitespace after it; `None` for a path or URL.
    let mut words: Vec<(String, Option<usize>)> = Vec::new();
    let mut rest = message;
    while !rest.is_empty() {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let gap = rest[end..]
            .find(|c: char| !c.is_whitespace())
            .map_or(rest.len(), |g| end + g);
        let (word, space) = (&rest[..end], &rest[end..gap]);
        let kept = if is_path_or_url(word) {
            (format!("{word}{space}"), None)
        } else {
            let text = format!("{}{space}", cut_word(word));
            let count = text.chars().count();
            (text, Some(count))
        };
        words.push(kept);
        rest = &rest[gap..];
    }
    // Keep loose words from both ends, half the room each.
    let loose: Vec<usize> = (0..words.len()).filter(|&i| words[i].1.is_some()).collect();
    let size = |i: usize| words[i].1.unwrap_or(0);
    let mut keep = vec![true; words.len()];
    let total: usize = loose.iter().map(|&i| size(i)).sum();
    if total > MESSAGE_CHARS {
        let (mut head, mut tail) = (0, loose.len());
        let mut used = 0;
        while head < tail && used + size(loose[head]) <= MESSAGE_CHARS / 2 {
            used += size(loose[head]);
            head += 1;
        }
        while tail > head && used + size(loose[tail - 1]) <= MESSAGE_CHARS {
            used += size(loose[tail - 1]);
            tail -= 1;
        }
        for &i in &loose[head..tail] {
            keep[i] = false;
        }
    }
    let mut out = String::new();
    for (i, (text, _)) in words.iter().enumerate() {
        if keep[i] {
            out.push_str(text);
        } else if i + 1 == words.len() || keep[i + 1] {
            // The last word of a gap: its ellipsis and trailing space.
            out.push(ELLIPSIS);
            out.push_str(&text[text.trim_end().len()..]);
        }
    }
    out.into()
}

/// True for a word naming a file or an address: it holds `/`, `\` or `#`,
/// or ends in an extension (`talks.md`), once quotes, brackets and
/// punctuation around it are set aside; at most [`PATH_CHARS`] long.
fn is_path_or_url(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| "`\"'()[]{},;:.!?".contains(c));
    if bare.is_empty() || bare.chars().count() > PATH_CHARS {
        return false;
    }
    if bare.contains(['/', '\\', '#']) {
        return true;
    }
    bare.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
            && ext.chars().any(|c| c.is_ascii_alphabetic())
    })
}

/// `word` cut in the middle if it is longer than [`WORD_CHARS`].
fn cut_word(word: &str) -> std::borrow::Cow<'_, str> {
    let count = word.chars().count();
    if count <= WORD_CHARS {
        return word.into();
    }
    let keep = WORD_CHARS / 2;
    let head: String = word.chars().take(keep).collect();
    let tail: String = word.chars().skip(count - keep).collect();
    format!("{head}{ELLIPSIS}{tail}").into()
}

/// Chars `start..end` of a long line, holding `at` and fitting [`WIDTH`]
/// with both ellipses: about a third of the room before the caret.
fn window(chars: &[char], at: usize) -> (usize, usize) {
    let room = WIDTH - 2;
    let mut start = at;
    let mut used = 0;
    while start > 0 && used + width(chars[start - 1]) <= room / 3 {
        start -= 1;
        used += width(chars[start]);
    }
    let mut end = at;
    while end < chars.len() && used + width(chars[end]) <= room {
        used += width(chars[end]);
        end += 1;
    }
    // Near the end of the line, use the room left on the other side.
    while start > 0 && used + width(chars[start - 1]) <= room {
        start -= 1;
        used += width(chars[start]);
    }
    (start, end)
}

/// Terminal columns a character takes once shown.
fn width(c: char) -> usize {
    match c {
        '\t' => TAB.len(),
        c if c.is_control() => 1,
        c => c.width().unwrap_or(0),
    }
}

fn push_shown(text: &mut String, c: char) {
    match c {
        '\t' => text.push_str(TAB),
        c if c.is_control() => text.push(char::REPLACEMENT_CHARACTER),
        c => text.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_shown_whole() {
        let shown = excerpt("date: 2022-13-01", 7);
        assert_eq!(shown.text, "date: 2022-13-01");
        assert_eq!(shown.caret, 6);
    }

    #[test]
    fn tabs_and_wide_characters_move_the_caret_by_their_width() {
        let shown = excerpt("\ttitle: 会議 x", 12);
        assert_eq!(shown.text, "    title: 会議 x");
        // Under `x`: 4 for the tab, 7 for `title: `, 2 + 2 for the wide chars, 1 space.
        assert_eq!(shown.caret, 4 + 7 + 4 + 1);
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let shown = excerpt(&line, 5001);
        assert!(shown.text.starts_with('…') && shown.text.ends_with('…'));
        assert!(shown.text.chars().count() <= WIDTH, "{}", shown.text);
        assert_eq!(shown.text.chars().nth(shown.caret), Some('X'));
        // At the very end of a long line: one ellipsis, on the left.
        let shown = excerpt(&line, line.len() + 1);
        assert!(shown.text.starts_with('…') && !shown.text.ends_with('…'));
        assert_eq!(shown.caret, WIDTH - 1);
    }

    #[test]
    fn control_characters_are_not_printed() {
        let shown = excerpt("a\u{1b}[31mb", 2);
        assert_eq!(shown.text, "a\u{fffd}[31mb");
    }

    #[test]
    fn a_long_value_in_a_message_is_cut_in_the_middle() {
        let long = format!("invalid date \"{}\": no such month", "9".repeat(10_000));
        let short = shorten(&long);
        assert_eq!(
            short,
            format!(
                "invalid date \"{}…{}\": no such month",
                "9".repeat(49),
                "9".repeat(48)
            )
        );
        // Many short words: the middle ones are left out.
        let words = format!("the title \"{}\" has no letters", "x ".repeat(5000));
        let short = shorten(&words);
        assert!(short.chars().count() <= MESSAGE_CHARS + 1, "{short}");
        assert!(short.starts_with("the title \"x x ") && short.ends_with(" x \" has no letters"));
        assert_eq!(short.matches('…').count(), 1, "{short}");
    }

    #[test]
    fn paths_and_urls_in_a_long_message_are_kept_whole() {
        let path = format!("content/2022/03/{}.md", "lavrov-and-kuleba-".repeat(8));
        let url = format!(
            "https://example.org/2022/03/10/{}/",
            "grain-corridor-".repeat(8)
        );
        let filler = "words ".repeat(60);
        let message = format!("this article and {path} {filler}would both be written to {url}");
        let short = shorten(&message);
        assert!(
            short.starts_with(&format!("this article and {path} words ")),
            "{short}"
        );
        assert!(short.ends_with(&format!(" written to {url}")), "{short}");
        assert!(short.contains('…'), "{short}");
        let file = format!("`{}.md#timeline`:", "a".repeat(150));
        assert_eq!(
            shorten(&format!("link to {file} {filler}"))
                .matches(&file)
                .count(),
            1
        );
    }
}
