//! The offending line shown under a diagnostic, made safe to print: cut to
//! a window around the column when it is long (an ellipsis on each cut
//! side), tabs expanded, control characters replaced, and the caret placed
//! by display width, so a tab or a wide character before it does not
//! shift it. Used by every diagnostic, so `build`, `check` and the
//! preview's error overlay show the same bounded text.

use unicode_width::UnicodeWidthChar;

/// The widest excerpt shown, in terminal columns.
pub const WIDTH: usize = 100;

/// The longest message shown, in characters; longer ones (a value quoted
/// from a hostile file) are cut in the middle.
pub const MESSAGE_CHARS: usize = 200;

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

/// `message` cut in the middle if it is longer than [`MESSAGE_CHARS`].
pub fn shorten(message: &str) -> std::borrow::Cow<'_, str> {
    let count = message.chars().count();
    if count <= MESSAGE_CHARS {
        return message.into();
    }
    let keep = MESSAGE_CHARS / 2;
    let head: String = message.chars().take(keep).collect();
    let tail: String = message.chars().skip(count - keep).collect();
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
    fn long_messages_are_cut_in_the_middle() {
        let long = format!("invalid date \"{}\"", "9".repeat(10_000));
        let short = shorten(&long);
        assert_eq!(short.chars().count(), MESSAGE_CHARS + 1);
        assert!(short.starts_with("invalid date \"") && short.ends_with("99\""));
    }
}
