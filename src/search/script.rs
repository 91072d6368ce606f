//! The search script as served: `templates/search.js` (or a site's own
//! `search.js`) with its comments and the layout whitespace taken out.
//!
//! Deliberately small and conservative, so it cannot change what the
//! script does: strings, template literals and regular expression
//! literals are copied as they are; a line break is kept unless the line
//! ends, or the next one begins, with a token after or before which a
//! line break can never end a statement (so automatic semicolon insertion
//! sees the same script); spaces are kept wherever dropping them could
//! join two tokens. A script it cannot read to the end (an unclosed
//! string, comment or literal) is served unchanged. The same input always
//! gives the same bytes.

/// `source` with comments and layout whitespace removed, or `source`
/// itself when it cannot be read to the end.
pub fn minify(source: &str) -> String {
    let mut out = Minifier {
        out: String::with_capacity(source.len()),
        pending_space: false,
        pending_break: false,
    };
    match out.run(source.as_bytes()) {
        Some(()) => {
            let mut text = out.out;
            text.push('\n');
            text
        }
        None => source.to_string(),
    }
}

struct Minifier {
    out: String,
    /// Whitespace was skipped since the last token.
    pending_space: bool,
    /// A line break was skipped since the last token.
    pending_break: bool,
}

/// Characters after which a line break never ends a statement.
const OPENS: &[u8] = b"{([,;=:?&|!";
/// Characters before which a line break never ends a statement.
const CONTINUES: &[u8] = b"})],.;:?&|=";
/// Words after which a `/` starts a regular expression.
const BEFORE_REGEX: &[&str] = &[
    "return",
    "typeof",
    "case",
    "do",
    "else",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "instanceof",
    "yield",
    "await",
];

impl Minifier {
    fn run(&mut self, s: &[u8]) -> Option<()> {
        let mut i = 0;
        // Template literals being read: the depth of `{` inside each `${`.
        let mut templates: Vec<usize> = Vec::new();
        while i < s.len() {
            let c = s[i];
            match c {
                b'\n' | b'\r' => {
                    self.pending_space = true;
                    self.pending_break = true;
                    i += 1;
                }
                b' ' | b'\t' => {
                    self.pending_space = true;
                    i += 1;
                }
                b'/' if s.get(i + 1) == Some(&b'/') => {
                    while i < s.len() && s[i] != b'\n' {
                        i += 1;
                    }
                }
                b'/' if s.get(i + 1) == Some(&b'*') => {
                    let end = find(s, i + 2, b"*/")?;
                    if s[i..end].contains(&b'\n') {
                        self.pending_break = true;
                    }
                    self.pending_space = true;
                    i = end + 2;
                }
                b'\'' | b'"' => {
                    let end = string_end(s, i)?;
                    self.token(&s[i..end]);
                    i = end;
                }
                b'`' => {
                    let end = template_part_end(s, i + 1)?;
                    self.token(&s[i..end]);
                    if s[end - 1] == b'{' {
                        templates.push(0);
                    }
                    i = end;
                }
                b'/' if self.regex_may_start() => {
                    let end = regex_end(s, i)?;
                    self.token(&s[i..end]);
                    i = end;
                }
                b'{' => {
                    if let Some(depth) = templates.last_mut() {
                        *depth += 1;
                    }
                    self.token(b"{");
                    i += 1;
                }
                b'}' if templates.last() == Some(&0) => {
                    // The end of a `${...}`: the template goes on.
                    templates.pop();
                    let end = template_part_end(s, i + 1)?;
                    self.pending_space = false;
                    self.pending_break = false;
                    self.out.push_str(std::str::from_utf8(&s[i..end]).ok()?);
                    if s[end - 1] == b'{' {
                        templates.push(0);
                    }
                    i = end;
                }
                b'}' => {
                    if let Some(depth) = templates.last_mut() {
                        *depth -= 1;
                    }
                    self.token(b"}");
                    i += 1;
                }
                _ => {
                    // A run of word characters, or one other character.
                    let mut end = i + 1;
                    if is_word(c) {
                        while end < s.len() && is_word(s[end]) {
                            end += 1;
                        }
                    }
                    self.token(&s[i..end]);
                    i = end;
                }
            }
        }
        templates.is_empty().then_some(())
    }

    /// Writes `token`, preceded by the line break or space skipped before
    /// it when it may be needed.
    fn token(&mut self, token: &[u8]) {
        let first = token[0];
        if let Some(&last) = self.out.as_bytes().last() {
            if self.pending_break && !OPENS.contains(&last) && !CONTINUES.contains(&first) {
                self.out.push('\n');
            } else if self.pending_space && needs_space(last, first) {
                self.out.push(' ');
            }
        }
        self.pending_space = false;
        self.pending_break = false;
        // Tokens are cut at ASCII bytes only (a word takes every byte
        // past ASCII), so each is whole UTF-8.
        self.out
            .push_str(std::str::from_utf8(token).unwrap_or_default());
    }

    /// True when a `/` here starts a regular expression, not a division:
    /// after an operator or an opening bracket, or a keyword like `return`.
    fn regex_may_start(&self) -> bool {
        let out = self.out.as_bytes();
        let Some(&last) = out.last() else {
            return true;
        };
        if b"(,=:[!&|?{};+-*%<>~^".contains(&last) {
            return true;
        }
        if is_word(last) {
            let start = out.iter().rposition(|&b| !is_word(b)).map_or(0, |p| p + 1);
            let word = &self.out[start..];
            return BEFORE_REGEX.contains(&word);
        }
        false
    }
}

/// True when two tokens ending and starting with these characters would
/// read differently without a space between them: two words (`var a`,
/// `1 in`), `+ +`, `- -`, `/ /` and `/ *` (a comment), a number and `.`.
fn needs_space(last: u8, first: u8) -> bool {
    is_word(last) && is_word(first)
        || last == first && b"+-/".contains(&last)
        || last == b'/' && first == b'*'
        || last.is_ascii_digit() && first == b'.'
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
}

fn find(s: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    s.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The end (exclusive) of the string literal starting at `start`.
fn string_end(s: &[u8], start: usize) -> Option<usize> {
    let quote = s[start];
    let mut i = start + 1;
    while i < s.len() {
        match s[i] {
            b'\\' => i += 2,
            b'\n' => return None,
            c if c == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The end (exclusive) of a template literal's text from `from`: after
/// its closing backquote, or after the `${` that interrupts it.
fn template_part_end(s: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < s.len() {
        match s[i] {
            b'\\' => i += 2,
            b'`' => return Some(i + 1),
            b'$' if s.get(i + 1) == Some(&b'{') => return Some(i + 2),
            _ => i += 1,
        }
    }
    None
}

/// The end (exclusive) of the regular expression literal starting at
/// `start`, flags included.
fn regex_end(s: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    let mut class = false;
    loop {
        match *s.get(i)? {
            b'\\' => i += 2,
            b'\n' => return None,
            b'[' => {
                class = true;
                i += 1;
            }
            b']' => {
                class = false;
                i += 1;
            }
            b'/' if !class => break,
            _ => i += 1,
        }
    }
    i += 1;
    while i < s.len() && is_word(s[i]) {
        i += 1;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::minify;

    #[test]
    fn comments_and_layout_go_strings_and_literals_stay() {
        let source = "/* header */\n(function () {\n  \"use strict\";\n  // a note\n  var a = \"x // y /* z */\", b = '\\'';\n  var re = /[/*]+\\/\\/x/g, t = `a ${ {k: 1}.k } // b`;\n  return a + +b - -1 / 2;\n})();\n";
        assert_eq!(
            minify(source),
            "(function(){\"use strict\";var a=\"x // y /* z */\",b='\\'';var re=/[/*]+\\/\\/x/g,t=`a ${{k:1}.k} // b`;return a+ +b- -1/2;})();\n"
        );
    }

    #[test]
    fn line_breaks_that_may_end_a_statement_are_kept() {
        // Without semicolons, each break ends a statement; after `return`
        // a break ends it too.
        let source =
            "var a = 1\nvar b = a\n++b\nfunction f() {\n  return\n  a\n}\nx = a\n  .toString()\n";
        assert_eq!(
            minify(source),
            "var a=1\nvar b=a\n++b\nfunction f(){return\na}\nx=a.toString()\n"
        );
    }

    #[test]
    fn what_cannot_be_read_to_the_end_is_served_as_it_is() {
        for source in [
            "var a = \"open\n",
            "/* open",
            "var t = `open",
            "x = /open\n",
        ] {
            assert_eq!(minify(source), source);
        }
    }
}
