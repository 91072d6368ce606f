//! A guard in front of the YAML parser: one linear pass that rejects
//! values nested deeper than [`MAX_DEPTH`].
//!
//! The YAML parser's time grows with the square of the nesting depth
//! (`{a: {a: {a: ...` or `[[[[...`), so 20,000 levels of hostile front
//! matter would take seconds and 100,000 close to a minute. No real front
//! matter or `site.yaml` nests more than a few levels, so anything past the
//! limit is refused here, with its position, before the parser sees it.
//!
//! The scan counts open flow collections (`[`, `{`) outside quoted text and
//! comments, block collections by indentation, and compact entries
//! (`- - - x`). It does not validate YAML: the parser does that next.

/// The deepest nesting accepted.
pub const MAX_DEPTH: usize = 64;

/// Where the nesting first goes past [`MAX_DEPTH`]: 1-based line, and
/// column in characters, within the text scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// What the scan is inside of, carried from one line to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Ordinary block or flow text.
    Normal,
    /// A quoted scalar, closed by this quote character.
    Quoted(char),
    /// A `|` or `>` block scalar: lines indented more than this are text.
    BlockScalar(usize),
}

/// The scanner's position and what is open.
struct Scan {
    state: State,
    /// Open flow collections.
    flow: usize,
    /// Indentation of the open block collections.
    indents: Vec<usize>,
    line: usize,
}

/// Checks that nothing in `text` nests deeper than [`MAX_DEPTH`].
pub fn check(text: &str) -> Result<(), TooDeep> {
    let mut scan = Scan {
        state: State::Normal,
        flow: 0,
        indents: Vec::new(),
        line: 0,
    };
    for line in text.split('\n') {
        scan.line += 1;
        scan.line_of(line)?;
    }
    Ok(())
}

impl Scan {
    fn line_of(&mut self, line: &str) -> Result<(), TooDeep> {
        let chars: Vec<char> = line.trim_end_matches('\r').chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        let blank = chars[indent..].iter().all(|c| c.is_whitespace());
        if let State::BlockScalar(parent) = self.state {
            if blank || indent > parent {
                return Ok(());
            }
            self.state = State::Normal;
        }
        let mut at = 0;
        let mut compact = 0;
        if self.state == State::Normal && self.flow == 0 {
            if blank || chars[indent] == '#' {
                return Ok(());
            }
            while self.indents.last().is_some_and(|&open| open > indent) {
                self.indents.pop();
            }
            if self.indents.last().is_none_or(|&open| open < indent) {
                self.indents.push(indent);
            }
            self.deeper(0, indent)?;
            at = indent;
            // `- - - x` and `? ? x` open one collection per indicator.
            while matches!(chars.get(at), Some('-' | '?'))
                && chars.get(at + 1).is_none_or(|c| *c == ' ')
            {
                compact += 1;
                self.deeper(compact, at)?;
                at += 1;
                while chars.get(at) == Some(&' ') {
                    at += 1;
                }
            }
        }
        self.rest(&chars, at, indent)
    }

    /// Scans the line from `at` on; `indent` is the line's indentation.
    fn rest(&mut self, chars: &[char], mut at: usize, indent: usize) -> Result<(), TooDeep> {
        let mut token_start = true;
        while at < chars.len() {
            let c = chars[at];
            if let State::Quoted(quote) = self.state {
                if c == '\\' && quote == '"' {
                    at += 2;
                    continue;
                }
                if c == quote {
                    if quote == '\'' && chars.get(at + 1) == Some(&'\'') {
                        at += 2;
                        continue;
                    }
                    self.state = State::Normal;
                    token_start = false;
                }
                at += 1;
                continue;
            }
            let after_space = at == 0 || chars[at - 1].is_whitespace();
            match c {
                '#' if after_space => return Ok(()),
                '"' | '\'' if token_start => self.state = State::Quoted(c),
                '[' | '{' if token_start || self.flow > 0 => {
                    self.flow += 1;
                    self.deeper(0, at)?;
                }
                ']' | '}' if self.flow > 0 => self.flow -= 1,
                '|' | '>' if token_start && self.flow == 0 => {
                    self.state = State::BlockScalar(indent);
                    return Ok(());
                }
                _ => {}
            }
            token_start = if self.flow > 0 {
                matches!(c, '[' | '{' | ',' | ':' | '?' | '-') || c.is_whitespace()
            } else if c == ' ' {
                // In block text a value starts after `key: `.
                token_start || (at > 0 && chars[at - 1] == ':')
            } else if token_start && matches!(c, '&' | '!') {
                // An anchor or tag (`&a `, `!t `) comes before its value.
                while at + 1 < chars.len() && chars[at + 1] != ' ' {
                    at += 1;
                }
                true
            } else {
                false
            };
            at += 1;
        }
        Ok(())
    }

    /// Fails if the open collections, plus `compact` entries opened on this
    /// line, go past the limit; `at` is the 0-based column of the opener.
    fn deeper(&self, compact: usize, at: usize) -> Result<(), TooDeep> {
        if self.indents.len() + compact + self.flow > MAX_DEPTH {
            return Err(TooDeep {
                line: self.line,
                column: at + 1,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, depth: usize) -> String {
        format!("extra: {}x\n", open.repeat(depth))
    }

    #[test]
    fn ordinary_yaml_passes() {
        let text = "title: Talks [updated] {draft}\ndate: 2022-01-18\nactors: [A, \"B [x\", 'C''s']\n\
                    extra:\n  a:\n    b: [1, {c: [2, 3]}]\n  text: |\n    [[[[[[\n    {{{{\n  - - x\n";
        assert_eq!(check(text), Ok(()));
    }

    #[test]
    fn deep_flow_collections_are_refused_where_they_pass_the_limit() {
        assert_eq!(check(&nested("[", 63)), Ok(()));
        // Line 1: the top-level mapping is one level, `extra: ` is 7 chars.
        assert_eq!(
            check(&nested("[", 100)),
            Err(TooDeep {
                line: 1,
                column: 7 + 64
            })
        );
        assert!(check(&nested("{a: ", 100)).is_err());
        assert!(check(&nested("&x [", 100)).is_err());
    }

    #[test]
    fn brackets_in_quotes_comments_and_block_text_do_not_count() {
        let many = "[".repeat(200);
        assert_eq!(check(&format!("a: \"{many}\"\n")), Ok(()));
        assert_eq!(check(&format!("a: '{many}'\n")), Ok(()));
        assert_eq!(check(&format!("a: x # {many}\n")), Ok(()));
        assert_eq!(check(&format!("a: text {many}\n")), Ok(()));
        assert_eq!(check(&format!("a: |\n  {many}\nb: 1\n")), Ok(()));
        assert_eq!(check(&format!("a: [\"{many}\", '{many}']\n")), Ok(()));
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        assert!(check(&format!("a: 1\n{}x\n", "- ".repeat(100))).is_err());
        let indented: String = (0..100)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(check(&indented).map_err(|e| e.line), Err(65));
    }
}
