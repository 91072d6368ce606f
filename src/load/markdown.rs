//! An article's Markdown as held in memory: as read, or packed.
//!
//! A one-off build renders each body once and frees it; the preview keeps
//! every article between rebuilds (to compare, to find links by file, to
//! render an edited body again), so it packs each body with LZ4 when it
//! reads it: about two fifths of the size, unpacked in a few microseconds
//! when a rebuild reads it.

use std::borrow::Cow;

/// Markdown text, plain or packed; equal when the texts are.
#[derive(Clone)]
pub enum Markdown {
    /// As read.
    Plain(String),
    /// LZ4-packed UTF-8 (with its length in front).
    Packed(Box<[u8]>),
}

impl Default for Markdown {
    fn default() -> Self {
        Self::Plain(String::new())
    }
}

impl From<String> for Markdown {
    fn from(text: String) -> Self {
        Self::Plain(text)
    }
}

impl From<&str> for Markdown {
    fn from(text: &str) -> Self {
        Self::Plain(text.to_string())
    }
}

impl Markdown {
    /// The text (unpacked when packed).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Self::Plain(text) => Cow::Borrowed(text),
            Self::Packed(bytes) => Cow::Owned(unpack(bytes)),
        }
    }

    /// Packs the text, unless packing would not make it smaller.
    pub fn pack(&mut self) {
        if let Self::Plain(text) = self {
            let packed = lz4_flex::compress_prepend_size(text.as_bytes());
            if packed.len() < text.len() {
                *self = Self::Packed(packed.into_boxed_slice());
            }
        }
    }

    /// Whether the text contains `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        self.text().contains(needle)
    }
}

/// The text `bytes` packed: what `pack` packed is valid UTF-8, so a
/// failure here is a bug; it gives an empty text rather than a panic.
fn unpack(bytes: &[u8]) -> String {
    lz4_flex::decompress_size_prepended(bytes)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

impl PartialEq for Markdown {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            // The same text packs to the same bytes.
            (Self::Packed(a), Self::Packed(b)) => a == b,
            _ => self.text() == other.text(),
        }
    }
}

impl std::fmt::Debug for Markdown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.text(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_text_reads_back_the_same_and_is_smaller() {
        let text = "Talks resumed in Geneva. ".repeat(200) + "Ünïcode — ends here.\n";
        let mut markdown = Markdown::from(text.clone());
        markdown.pack();
        let Markdown::Packed(bytes) = &markdown else {
            panic!("not packed");
        };
        assert!(bytes.len() < text.len() / 2);
        assert_eq!(markdown.text(), text);
        assert_eq!(markdown, Markdown::from(text.clone()));
        assert_ne!(markdown, Markdown::from("other"));
        let mut short = Markdown::from("a");
        short.pack();
        assert!(matches!(short, Markdown::Plain(_)));
    }
}
