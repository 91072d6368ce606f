//! Lines and columns of byte offsets, for errors about links and images
//! inside an article's body (pulldown-cmark gives byte offsets).

/// Lines and columns of byte offsets into one text, asked in increasing
/// order (each text is walked once; an earlier offset starts again).
pub struct LineFinder<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> LineFinder<'a> {
    /// A finder at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub fn position(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            *self = Self::new(self.text);
        }
        for (i, byte) in self.text.as_bytes()[self.offset..offset].iter().enumerate() {
            if *byte == b'\n' {
                self.line += 1;
                self.line_start = self.offset + i + 1;
            }
        }
        self.offset = offset;
        let column = self
            .text
            .get(self.line_start..offset)
            .map_or(1, |before| before.chars().count() + 1);
        (self.line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let mut lines = LineFinder::new("ab\nçd [x](y)\n");
        assert_eq!(lines.position(0), (1, 1));
        assert_eq!(lines.position(7), (2, 4));
        assert_eq!(lines.position(1), (1, 2));
    }
}
