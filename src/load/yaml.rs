//! The one place that parses YAML (front matter and `site.yaml`).
//!
//! `serde_yaml` stays behind this module: callers get a [`Document`] of
//! top-level fields, each knowing the line and column of its value, and ask
//! each field for the type they expect. That way a file with three bad
//! fields reports three errors, each at its own line.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{nesting, yaml_mistakes};

/// A YAML syntax problem, at a position in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The parser's description, without its own position suffix.
    pub message: String,
    /// What was expected instead.
    pub expected: String,
}

const KEY_VALUE_LINES: &str = "`key: value` lines";

impl SyntaxError {
    /// The problem as a diagnostic in `path`, whose YAML `text` starts at
    /// line `first_line` of the file.
    pub fn diagnostic(
        &self,
        path: &std::path::Path,
        text: &str,
        first_line: usize,
    ) -> crate::error::Diagnostic {
        crate::error::Diagnostic::error(
            path,
            self.line,
            self.column,
            format!("invalid YAML: {}", self.message),
        )
        .expected(self.expected.clone())
        .with_source(text, first_line)
    }
}

/// A field whose value has the wrong shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    /// What is wrong.
    pub message: String,
    /// What was expected.
    pub expected: String,
}

/// Free-form data (`extra:` in front matter), ready to hand to templates.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(untagged)]
pub enum Data {
    /// `~`, `null` or nothing.
    #[default]
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// Text.
    Text(String),
    /// A sequence.
    List(Vec<Data>),
    /// A mapping, keys in sorted order so output is deterministic.
    Map(BTreeMap<String, Data>),
}

/// One top-level `key: value` of a YAML mapping.
#[derive(Debug, Clone)]
pub struct Field {
    /// The key as written.
    pub key: String,
    /// 1-based line of the key in the file.
    pub line: usize,
    /// 1-based column of the value (or of the key when the value starts on
    /// a later line).
    pub column: usize,
    value: serde_yaml::Value,
}

/// The top-level fields of a YAML mapping, in file order.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The fields.
    pub fields: Vec<Field>,
}

/// Parses `text`, whose first line is line `first_line` of its file.
/// Text nested deeper than [`nesting::MAX_DEPTH`] is refused before the
/// parser sees it (the parser's time grows with the square of the depth).
pub fn parse(text: &str, first_line: usize) -> Result<Document, SyntaxError> {
    if let Err(deep) = nesting::check(text) {
        return Err(SyntaxError {
            line: first_line + deep.line - 1,
            column: deep.column,
            message: format!(
                "values are nested more than {} levels deep",
                nesting::MAX_DEPTH
            ),
            expected: "flatter data: lists and mappings a few levels deep".into(),
        });
    }
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|err| {
        let (line, column) = err
            .location()
            .map(|loc| (loc.line(), loc.column()))
            .unwrap_or((1, 1));
        let message = err.to_string();
        match yaml_mistakes::explain(text, line, column, &message) {
            Some(mistake) => SyntaxError {
                line: first_line + mistake.line - 1,
                column: mistake.column,
                message: mistake.message,
                expected: mistake.expected,
            },
            None => SyntaxError {
                line: first_line + line.saturating_sub(1),
                column: column.max(1),
                message: relocate(&message, first_line),
                expected: KEY_VALUE_LINES.into(),
            },
        }
    })?;
    let mapping = match value {
        serde_yaml::Value::Null => return Ok(Document::default()),
        serde_yaml::Value::Mapping(mapping) => mapping,
        other => {
            return Err(SyntaxError {
                line: first_line,
                column: 1,
                message: format!("expected `key: value` lines, found {}", describe(&other)),
                expected: KEY_VALUE_LINES.into(),
            });
        }
    };
    let positions = key_positions(text);
    let mut fields = Vec::with_capacity(mapping.len());
    for (key, value) in mapping {
        let key = match key {
            serde_yaml::Value::String(s) => s,
            other => scalar_text(&other).unwrap_or_default(),
        };
        let (line, column) = positions.get(&key).copied().unwrap_or((1, 1));
        fields.push(Field {
            key,
            line: first_line + line - 1,
            column,
            value,
        });
    }
    Ok(Document { fields })
}

impl Document {
    /// The field named `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

impl Field {
    /// True when the value is `~`, `null` or empty.
    pub fn is_null(&self) -> bool {
        self.value.is_null()
    }

    /// A single line of text. Numbers and booleans are taken as written.
    pub fn text(&self) -> Result<String, TypeError> {
        scalar_text(&self.value).ok_or_else(|| TypeError {
            message: format!(
                "`{}` must be text, found {}",
                self.key,
                describe(&self.value)
            ),
            expected: format!("a single value such as `{}: Some text`", self.key),
        })
    }

    /// A list of text values: `[a, b]` or one `- a` per line.
    pub fn text_list(&self) -> Result<Vec<String>, TypeError> {
        let wrong = |found: &str| TypeError {
            message: format!("`{}` must be a list, found {found}", self.key),
            expected: format!("a list such as `{}: [First, Second]`", self.key),
        };
        match &self.value {
            serde_yaml::Value::Null => Ok(Vec::new()),
            serde_yaml::Value::Sequence(items) => items
                .iter()
                .map(|item| {
                    scalar_text(item).ok_or_else(|| TypeError {
                        message: format!(
                            "`{}` must be a list of names, but one item is {}",
                            self.key,
                            describe(item)
                        ),
                        expected: format!("a list such as `{}: [First, Second]`", self.key),
                    })
                })
                .collect(),
            other => Err(wrong(&describe(other))),
        }
    }

    /// `true` or `false`.
    pub fn boolean(&self) -> Result<bool, TypeError> {
        self.value.as_bool().ok_or_else(|| TypeError {
            message: format!(
                "`{}` must be true or false, found {}",
                self.key,
                describe(&self.value)
            ),
            expected: format!("`{}: true` or `{}: false`", self.key, self.key),
        })
    }

    /// A whole number, zero or more.
    pub fn count(&self) -> Result<usize, TypeError> {
        self.value
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| TypeError {
                message: format!(
                    "`{}` must be a whole number, found {}",
                    self.key,
                    describe(&self.value)
                ),
                expected: format!("a number such as `{}: 20`", self.key),
            })
    }

    /// A list of mappings of scalars (`roles:`, `links:`): each item with
    /// the line and column of each of its keys, found by reading `text`
    /// (the YAML as written, starting at line `first_line` of its file)
    /// forward from this field. Nested lists or mappings inside an item
    /// are refused.
    pub fn records(&self, text: &str, first_line: usize) -> Result<Vec<Record>, TypeError> {
        let wrong = |found: String| TypeError {
            message: format!(
                "`{}` must be a list of `key: value` items, found {found}",
                self.key
            ),
            expected: format!("a list such as `{}:` then `- title: ...` lines", self.key),
        };
        let items = match &self.value {
            serde_yaml::Value::Null => return Ok(Vec::new()),
            serde_yaml::Value::Sequence(items) => items,
            other => return Err(wrong(describe(other))),
        };
        let mut cursor = Cursor::new(text, first_line, self.line);
        let mut records = Vec::with_capacity(items.len());
        for item in items {
            let serde_yaml::Value::Mapping(map) = item else {
                return Err(wrong(format!("an item that is {}", describe(item))));
            };
            let mut values = Vec::with_capacity(map.len());
            for (key, value) in map {
                let key = scalar_text(key).unwrap_or_default();
                let mut forms = Vec::new();
                let text = match value {
                    serde_yaml::Value::Null => None,
                    serde_yaml::Value::Mapping(inner) => {
                        forms = scalar_pairs(inner).ok_or_else(|| TypeError {
                            message: format!(
                                "`{key}` in `{}` must be text or a mapping of texts",
                                self.key
                            ),
                            expected: format!("a value such as `{key}: Some text`"),
                        })?;
                        None
                    }
                    other => Some(scalar_text(other).ok_or_else(|| TypeError {
                        message: format!(
                            "`{}` in `{}` must be text, found {}",
                            key,
                            self.key,
                            describe(other)
                        ),
                        expected: format!("a single value such as `{key}: Some text`"),
                    })?),
                };
                let (line, column) = cursor.find_key(&key);
                values.push(RecordValue {
                    key,
                    text,
                    forms,
                    line,
                    column,
                });
            }
            let (line, column) = values
                .first()
                .map(|v| (v.line, v.column))
                .unwrap_or((self.line, self.column));
            records.push(Record {
                line,
                column,
                values,
            });
        }
        Ok(records)
    }

    /// Any value, converted for templates.
    pub fn data(&self) -> Data {
        to_data(&self.value)
    }
}

/// A mapping whose keys and values are all scalars, as text pairs in file
/// order; `None` otherwise.
fn scalar_pairs(map: &serde_yaml::Mapping) -> Option<Vec<(String, String)>> {
    map.iter()
        .map(|(k, v)| Some((scalar_text(k)?, scalar_text(v)?.trim().to_string())))
        .collect()
}

/// One item of a list of mappings, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Line of its first key.
    pub line: usize,
    /// Column of its first key's value.
    pub column: usize,
    /// Its keys in file order.
    pub values: Vec<RecordValue>,
}

/// One `key: value` of a [`Record`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordValue {
    /// The key as written.
    pub key: String,
    /// The value as text; none when empty or a mapping.
    pub text: Option<String>,
    /// The value when it is a mapping of texts (`title: {en: ..., ru:
    /// ...}`), in file order; else empty.
    pub forms: Vec<(String, String)>,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column of the value.
    pub column: usize,
}

/// Walks forward through the lines of one top-level field's block, to
/// place the keys of its items (serde_yaml keeps no positions below the
/// top level). Each key is looked for after the previous one, so the walk
/// is linear in the block.
struct Cursor<'a> {
    lines: Vec<&'a str>,
    /// File line of `lines[0]`.
    first: usize,
    /// Position of the walk: line index and byte offset in it.
    at: (usize, usize),
    /// The field's own line, the fallback.
    field_line: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str, first_line: usize, field_line: usize) -> Self {
        let start = field_line.saturating_sub(first_line);
        let mut lines = Vec::new();
        for (i, line) in text.lines().enumerate().skip(start) {
            let first = line.chars().next();
            let top_level = first.is_some_and(|c| !c.is_whitespace() && c != '-' && c != '#');
            if i > start && top_level {
                break;
            }
            lines.push(line);
        }
        Self {
            lines,
            first: first_line + start,
            at: (0, 0),
            field_line,
        }
    }

    /// The line and value column of the next `key:` from the cursor on.
    fn find_key(&mut self, key: &str) -> (usize, usize) {
        let needle = format!("{key}:");
        let (mut row, mut offset) = self.at;
        while row < self.lines.len() {
            let line = self.lines[row];
            let rest = line.get(offset..).unwrap_or("");
            let mut search = 0;
            while let Some(found) = rest[search..].find(&needle) {
                let start = offset + search + found;
                let before = line[..start].chars().next_back();
                if before.is_none_or(|c| c.is_whitespace() || matches!(c, '-' | '{' | ',')) {
                    let after = start + needle.len();
                    let value = line[after..].len() - line[after..].trim_start().len();
                    self.at = (row, after);
                    let column = line[..after + value].chars().count() + 1;
                    return (self.first + row, column);
                }
                search += found + needle.len();
            }
            row += 1;
            offset = 0;
        }
        (self.field_line, 1)
    }
}

fn to_data(value: &serde_yaml::Value) -> Data {
    use serde_yaml::Value as V;
    match value {
        V::Null => Data::Null,
        V::Bool(b) => Data::Bool(*b),
        V::Number(n) => match n.as_i64() {
            Some(i) => Data::Int(i),
            None => Data::Float(n.as_f64().unwrap_or_default()),
        },
        V::String(s) => Data::Text(s.clone()),
        V::Sequence(items) => Data::List(items.iter().map(to_data).collect()),
        V::Mapping(map) => Data::Map(
            map.iter()
                .map(|(k, v)| (scalar_text(k).unwrap_or_default(), to_data(v)))
                .collect(),
        ),
        V::Tagged(tagged) => to_data(&tagged.value),
    }
}

fn scalar_text(value: &serde_yaml::Value) -> Option<String> {
    use serde_yaml::Value as V;
    match value {
        V::String(s) => Some(s.clone()),
        V::Number(n) => Some(n.to_string()),
        V::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn describe(value: &serde_yaml::Value) -> String {
    use serde_yaml::Value as V;
    match value {
        V::Null => "nothing".into(),
        V::Bool(b) => format!("`{b}`"),
        V::Number(n) => format!("the number {n}"),
        V::String(s) => format!("the text \"{s}\""),
        V::Sequence(_) => "a list".into(),
        V::Mapping(_) => "a mapping".into(),
        V::Tagged(_) => "a tagged value".into(),
    }
}

/// serde_yaml says "... at line X column Y, while parsing ... at line Z
/// column W" with lines counted inside the front matter. The first position
/// is printed by us in front of the message, so it is dropped; the others
/// are moved to file lines.
fn relocate(message: &str, first_line: usize) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    let mut first = true;
    while let Some(at) = rest.find("line ") {
        let after = &rest[at + 5..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let Ok(line) = after[..digits].parse::<usize>() else {
            out.push_str(&rest[..at + 5]);
            rest = after;
            continue;
        };
        let tail = &after[digits..];
        let column_len = tail
            .strip_prefix(" column ")
            .map(|c| 8 + c.chars().take_while(char::is_ascii_digit).count())
            .unwrap_or(0);
        if first && rest[..at].ends_with(" at ") {
            out.push_str(&rest[..at - 4]);
        } else {
            out.push_str(&rest[..at]);
            out.push_str(&format!("line {}", first_line + line - 1));
            out.push_str(&tail[..column_len].replace(" column ", ", column "));
        }
        first = false;
        rest = &tail[column_len..];
    }
    out.push_str(rest);
    out
}

/// Finds `key:` at the start of a line (block mappings, the usual case) and
/// returns, per key, its line within `text` and the column of its value.
fn key_positions(text: &str) -> BTreeMap<String, (usize, usize)> {
    let mut positions = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first.is_whitespace() || matches!(first, '#' | '-' | '{' | '}' | '[' | ']') {
            continue;
        }
        let Some(colon) = line.find(':') else {
            continue;
        };
        let rest = &line[colon + 1..];
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            continue;
        }
        let key = line[..colon]
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_string();
        let value_offset = rest.len() - rest.trim_start().len();
        let column = if rest.trim().is_empty() || rest.trim_start().starts_with('#') {
            1
        } else {
            line[..colon + 1 + value_offset].chars().count() + 1
        };
        positions.entry(key).or_insert((index + 1, column));
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_know_where_their_values_are() {
        let doc = parse("title: Hello\n\ndate:   2022-01-18\n", 2).unwrap();
        let date = doc.get("date").unwrap();
        assert_eq!((date.line, date.column), (4, 9));
        assert_eq!(date.text().unwrap(), "2022-01-18");
    }

    #[test]
    fn syntax_errors_are_placed_in_the_file() {
        let err = parse("title: [Talks, \"Geneva\" round]\ndate: 2022-01-18\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (2, 25), "{err:?}");
        assert_eq!(
            err.message,
            "did not find expected ',' or ']', while parsing a flow sequence at line 2, column 8"
        );
        // A known mistake is explained where it is.
        let err = parse("title: [unclosed\ndate: 2022-01-18\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (2, 8), "{err:?}");
        assert_eq!(
            err.message,
            "this `[` is never closed: the list it opens has no `]`"
        );
    }

    #[test]
    fn a_string_is_not_a_list() {
        let doc = parse("actors: Antony Blinken\n", 1).unwrap();
        let err = doc.get("actors").unwrap().text_list().unwrap_err();
        assert_eq!(
            err.message,
            "`actors` must be a list, found the text \"Antony Blinken\""
        );
    }
}
