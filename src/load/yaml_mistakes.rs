//! The YAML mistakes writers make most, explained in their terms: a colon
//! inside an unquoted value, and a `[` or `{` that is never closed.
//!
//! The parser's own messages for these name its grammar ("mapping values
//! are not allowed in this context") or point past the mistake (an
//! unclosed `[` is reported on the next line). When the parser fails,
//! [`explain`] reads the text for one of these mistakes and says where it
//! is and what to write instead. Plain text scanning: the parser itself
//! stays behind `yaml.rs`.

/// A known mistake: where it is and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// 1-based line within the text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub expected: String,
}

/// Explains the parser's error `message`, found at `line` and `column`
/// (1-based, within `text`), if it comes from a known mistake.
pub fn explain(text: &str, line: usize, column: usize, message: &str) -> Option<Mistake> {
    let lines: Vec<Vec<char>> = text
        .split('\n')
        .map(|l| l.trim_end_matches('\r').chars().collect())
        .collect();
    if let Some(mistake) = unclosed(&lines, (line, column)) {
        return Some(mistake);
    }
    if message.starts_with("mapping values are not allowed") {
        return colon_in_value(lines.get(line.checked_sub(1)?)?, line);
    }
    None
}

/// How a line's value starts.
enum Value {
    /// `[` or `{` at this character index.
    Flow(usize),
    /// `|` or `>`: the lines indented more are text.
    Block,
    /// A quoted value (at this index) or plain text or nothing.
    Other(Option<usize>),
}

/// The index just past the line's indentation and any `- ` entries.
fn entry_start(line: &[char]) -> usize {
    let mut at = line.iter().take_while(|c| **c == ' ').count();
    while line.get(at) == Some(&'-') && line.get(at + 1).is_none_or(|c| *c == ' ') {
        at += 1;
        while line.get(at) == Some(&' ') {
            at += 1;
        }
    }
    at
}

/// Where the `: ` that ends the key of a `key: value` line is, if any:
/// the first colon followed by a space or the line's end.
fn key_colon(line: &[char], from: usize) -> Option<usize> {
    if matches!(line.get(from), Some('"' | '\'' | '[' | '{' | '#')) {
        return None;
    }
    (from..line.len()).find(|&i| line[i] == ':' && line.get(i + 1).is_none_or(|c| *c == ' '))
}

/// The first character of the line's value (after `key: ` or `- `).
fn value_of(line: &[char]) -> Value {
    let start = entry_start(line);
    let at = match key_colon(line, start) {
        Some(colon) => colon + 1 + line[colon + 1..].iter().take_while(|c| **c == ' ').count(),
        None => start,
    };
    match line.get(at) {
        Some('[' | '{') => Value::Flow(at),
        Some('|' | '>') => Value::Block,
        Some('"' | '\'') => Value::Other(Some(at)),
        _ => Value::Other(None),
    }
}

fn indent(line: &[char]) -> usize {
    line.iter().take_while(|c| **c == ' ').count()
}

fn blank_or_comment(line: &[char]) -> bool {
    line.iter()
        .find(|c| !c.is_whitespace())
        .is_none_or(|c| *c == '#')
}

/// What a scan from an opening bracket or quote found.
enum Scanned {
    /// Closed on this line index.
    Closed(usize),
    /// Brackets left open, as (line index, char index, bracket), outermost
    /// first; and whether the collection has text on later lines.
    Open(Vec<(usize, usize, char)>, bool),
    /// A quoted text left open: some other mistake.
    Unknown,
}

/// Scans from the `[`, `{` or quote at `lines[row][at]` to where it closes.
/// A collection goes on to the next lines only while they are indented
/// more than the line it starts on.
fn scan(lines: &[Vec<char>], row: usize, at: usize) -> Scanned {
    let first = lines[row][at];
    let mut open = Vec::new();
    let mut quote = None;
    match first {
        '"' | '\'' => quote = Some(first),
        _ => open.push((row, at, first)),
    }
    let base = indent(&lines[row]);
    let mut later = false;
    let (mut r, mut c) = (row, at + 1);
    while r < lines.len() {
        let line = &lines[r];
        if r > row && quote.is_none() && !blank_or_comment(line) {
            let closes = matches!(line.get(indent(line)), Some(']' | '}'));
            if indent(line) <= base && !closes {
                break;
            }
            later = true;
        }
        let mut token_start = true;
        while c < line.len() {
            let ch = line[c];
            if let Some(q) = quote {
                if q == '"' && ch == '\\' {
                    c += 2;
                    continue;
                }
                if ch == q {
                    if q == '\'' && line.get(c + 1) == Some(&'\'') {
                        c += 2;
                        continue;
                    }
                    quote = None;
                    if open.is_empty() {
                        return Scanned::Closed(r);
                    }
                }
                c += 1;
                token_start = false;
                continue;
            }
            match ch {
                '#' if c == 0 || line[c - 1].is_whitespace() => break,
                '"' | '\'' if token_start => quote = Some(ch),
                '[' | '{' => open.push((r, c, ch)),
                ']' | '}' => {
                    open.pop();
                    if open.is_empty() {
                        return Scanned::Closed(r);
                    }
                }
                _ => {}
            }
            token_start = matches!(ch, '[' | '{' | ',' | ':') || ch.is_whitespace();
            c += 1;
        }
        r += 1;
        c = 0;
    }
    if quote.is_some() {
        Scanned::Unknown
    } else {
        Scanned::Open(open, later)
    }
}

/// The first `[` or `{` before the error that is never closed.
fn unclosed(lines: &[Vec<char>], error: (usize, usize)) -> Option<Mistake> {
    let mut row = 0;
    while row < lines.len() && row < error.0 {
        let line = &lines[row];
        if blank_or_comment(line) {
            row += 1;
            continue;
        }
        match value_of(line) {
            Value::Flow(at) | Value::Other(Some(at)) => {
                if (row + 1, at + 1) > error {
                    return None;
                }
                match scan(lines, row, at) {
                    Scanned::Closed(end) => row = end + 1,
                    Scanned::Unknown => return None,
                    Scanned::Open(open, later) => return Some(never_closed(lines, &open, later)),
                }
            }
            Value::Block => {
                let base = indent(line);
                row += 1;
                while row < lines.len()
                    && (lines[row].iter().all(|c| c.is_whitespace()) || indent(&lines[row]) > base)
                {
                    row += 1;
                }
            }
            Value::Other(None) => row += 1,
        }
    }
    None
}

fn never_closed(lines: &[Vec<char>], open: &[(usize, usize, char)], later: bool) -> Mistake {
    let (row, at, bracket) = open[0];
    let (close, what, example) = match bracket {
        '[' => (']', "list", "`actors: [Antony Blinken, Sergey Lavrov]`"),
        _ => ('}', "mapping", "`extra: {desk: Europe, priority: 2}`"),
    };
    let closers: String = open
        .iter()
        .rev()
        .map(|(_, _, b)| if *b == '[' { ']' } else { '}' })
        .collect();
    let expected = if later {
        format!("`{closers}` after the {what}'s last item, as in {example}")
    } else {
        let (code, comment) = split_comment(&lines[row]);
        let fixed: String = code.iter().collect::<String>().trim_end().to_string();
        format!("`{closers}` at the end of the {what}: `{fixed}{closers}{comment}`")
    };
    Mistake {
        line: row + 1,
        column: at + 1,
        message: format!("this `{bracket}` is never closed: the {what} it opens has no `{close}`"),
        expected,
    }
}

/// The line without its trailing ` # comment`, and the comment with the
/// spaces before it (empty when there is none). Quotes are not tracked:
/// used only on lines whose value is plain text or an unclosed list.
fn split_comment(line: &[char]) -> (&[char], String) {
    let hash = (1..line.len()).find(|&i| line[i] == '#' && line[i - 1].is_whitespace());
    match hash {
        Some(i) => {
            let code = &line[..i];
            let kept = code.iter().rev().take_while(|c| c.is_whitespace()).count();
            let spaces = kept.max(1);
            let cut = code.len() - kept;
            let comment: String = line[i..].iter().collect();
            (&line[..cut], format!("{}{comment}", " ".repeat(spaces)))
        }
        None => (line, String::new()),
    }
}

/// `key: text with: a colon`: the value must be quoted.
fn colon_in_value(line: &[char], number: usize) -> Option<Mistake> {
    let start = entry_start(line);
    let colon = key_colon(line, start)?;
    let value_at = colon + 1 + line[colon + 1..].iter().take_while(|c| **c == ' ').count();
    let (code, comment) = split_comment(line);
    let value: String = code.get(value_at..)?.iter().collect();
    let value = value.trim_end();
    let starts_plain = value
        .chars()
        .next()
        .is_some_and(|c| !"\"'[]{}|>&*!#%@`".contains(c));
    if !starts_plain || !(value.contains(": ") || value.ends_with(':')) {
        return None;
    }
    let key: String = line[start..colon].iter().collect();
    let before: String = line[..value_at].iter().collect();
    Some(Mistake {
        line: number,
        column: value_at + 1,
        message: format!(
            "the value of `{key}` holds a colon and a space, which YAML takes for the start of another key; put the value in quotes"
        ),
        expected: format!("`{before}{}{comment}`", quoted(value)),
    })
}

/// `text` in double quotes, or single quotes when it holds double quotes.
fn quoted(text: &str) -> String {
    if !text.contains(['"', '\\']) {
        format!("\"{text}\"")
    } else if !text.contains('\'') {
        format!("'{text}'")
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str, line: usize, column: usize, message: &str) -> Option<Mistake> {
        explain(text, line, column, message)
    }

    #[test]
    fn a_colon_in_a_value_is_fixed_with_quotes() {
        let text = "title: Grain\nsummary: Turkey backs a UN plan: grain moves again  # why\n";
        let m = explained(
            text,
            2,
            32,
            "mapping values are not allowed in this context",
        )
        .unwrap();
        assert_eq!((m.line, m.column), (2, 10));
        assert_eq!(
            m.expected,
            "`summary: \"Turkey backs a UN plan: grain moves again\"  # why`"
        );
        let m = explained(
            "- role: He said \"no\": talks\n",
            1,
            21,
            "mapping values are not allowed in this context",
        )
        .unwrap();
        assert_eq!(m.expected, "`- role: 'He said \"no\": talks'`");
    }

    #[test]
    fn an_unclosed_bracket_is_found_where_it_opens() {
        let text = "title: T\nactors: [A, [B, C\ndate: 2022-01-18\n";
        let m = explained(text, 3, 5, "did not find expected ',' or ']'").unwrap();
        assert_eq!((m.line, m.column), (2, 9));
        assert_eq!(
            m.expected,
            "`]]` at the end of the list: `actors: [A, [B, C]]`"
        );
    }

    #[test]
    fn closed_brackets_quotes_and_block_text_are_not_blamed() {
        let text =
            "a: [x, \"[\", 'it''s [']\nb: |\n  [open\nc: {d: [1,\n    2]}\ne: \"q [\"\nf: x y: z\n";
        assert_eq!(explained(text, 6, 7, "something else"), None);
        // A bracket after the error is not its cause.
        assert_eq!(explained("a: b: c [\n", 1, 5, "something else"), None);
    }

    #[test]
    fn a_list_continued_on_indented_lines_is_closed_after_them() {
        let text = "actors: [A,\n  B\ndate: 2022-01-18\n";
        let m = explained(text, 3, 5, "did not find expected ',' or ']'").unwrap();
        assert_eq!((m.line, m.column), (1, 9));
        assert!(
            m.expected.starts_with("`]` after the list's last item"),
            "{m:?}"
        );
        let closed = "actors: [A,\n  B]\ndate: 2022-01-18\n";
        assert_eq!(explained(closed, 3, 5, "other"), None);
    }
}
