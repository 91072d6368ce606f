//! Searching a run of text for names: the text events and soft line
//! breaks between two tags, joined, each soft break and run of spaces
//! (tabs, no-break spaces) read as one space, so `Jens` at the end of a
//! line and `Stoltenberg` at the start of the next are one name. A name
//! found is linked in the events as written: its link may hold a soft
//! break. A run of one text event without such spaces (most of them) is
//! searched in place, without a copy.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::{Found, Mention, Mentions};

/// One part of a run of text.
pub(super) enum Piece<'a> {
    /// A text event and its range in the source.
    Text(CowStr<'a>, Range<usize>),
    /// A soft line break.
    Break,
    /// A part already handed on.
    Taken,
}

/// Where a stretch of the joined text comes from: `piece`'s bytes from
/// `offset` on (a space standing for a run of spaces or a soft break maps
/// to the run's first byte).
#[derive(Clone, Copy)]
struct Span {
    /// Start in the joined text.
    at: usize,
    /// The piece of the run.
    piece: usize,
    /// Byte offset in that piece.
    offset: usize,
}

/// A place in a run: a piece and a byte offset in it.
type Place = (usize, usize);

/// Bytes that start whitespace read as one space: ASCII spaces, tabs and
/// line ends, and the first byte of U+00A0 (no-break space).
fn spacing(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0xC2)
}

/// The length of the whitespace at the start of `text` (0 if none).
fn space_len(text: &str) -> usize {
    let mut len = 0;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{a0}') {
            len += c.len_utf8();
        } else {
            break;
        }
    }
    len
}

/// True when `text` has whitespace that is not one plain space.
fn needs_joining(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        spacing(b)
            && (b != b' ' || bytes.get(i + 1) == Some(&b' '))
            && (b != 0xC2 || bytes.get(i + 1) == Some(&0xA0))
    })
}

/// `run` joined into the text names are searched in, with where each
/// stretch of it comes from.
fn join<'t>(run: &'t [Piece<'_>]) -> (Cow<'t, str>, Vec<Span>) {
    if let [Piece::Text(text, _)] = run
        && !needs_joining(text)
    {
        let span = Span {
            at: 0,
            piece: 0,
            offset: 0,
        };
        return (Cow::Borrowed(text.as_ref()), vec![span]);
    }
    let mut joined = String::new();
    let mut spans = Vec::new();
    let mut after_space = false;
    for (piece, part) in run.iter().enumerate() {
        let Piece::Text(text, _) = part else {
            if !after_space {
                spans.push(Span {
                    at: joined.len(),
                    piece,
                    offset: 0,
                });
                joined.push(' ');
                after_space = true;
            }
            continue;
        };
        let mut offset = 0;
        while offset < text.len() {
            let rest = &text[offset..];
            let space = space_len(rest);
            if space > 0 {
                if !after_space {
                    spans.push(Span {
                        at: joined.len(),
                        piece,
                        offset,
                    });
                    joined.push(' ');
                    after_space = true;
                }
                offset += space;
                continue;
            }
            let word = rest
                .char_indices()
                .find(|&(i, _)| space_len(&rest[i..]) > 0)
                .map_or(rest.len(), |(i, _)| i);
            spans.push(Span {
                at: joined.len(),
                piece,
                offset,
            });
            joined.push_str(&rest[..word]);
            after_space = false;
            offset += word;
        }
    }
    (Cow::Owned(joined), spans)
}

/// The piece and offset of byte `at` of the joined text (a byte of a
/// name, so never a space standing for several).
fn place(spans: &[Span], at: usize) -> Place {
    let index = spans.partition_point(|s| s.at <= at).saturating_sub(1);
    let span = spans[index];
    (span.piece, span.offset + (at - span.at))
}

impl Mentions {
    /// Finds the actors in `run` and hands its events to `found.out`, the
    /// first mention of each new actor as a link when asked; events are
    /// handed on as they are when nothing in them is linked, and the
    /// pieces of a split one borrow the source when it does. Empties `run`.
    pub(super) fn search_run<'a>(&'a self, run: &mut Vec<Piece<'a>>, found: &mut Found<'a>) {
        let (joined, spans) = join(run);
        // Where the mentions to link are, as places in the run.
        let mut links: Vec<(Place, Place, usize)> = Vec::new();
        for m in self.whole_words(&joined) {
            let actor = self.actor_of[m.pattern().as_usize()];
            if found.seen.contains(&actor) {
                continue;
            }
            found.seen.push(actor);
            let start = place(&spans, m.start());
            let (last_piece, last) = place(&spans, m.end() - 1);
            let offset = match &run[start.0] {
                Piece::Text(text, range) if range.len() == text.len() => range.start + start.1,
                Piece::Text(_, range) => range.start,
                _ => 0,
            };
            found.mentions.push(Mention { actor, offset });
            if found.link {
                links.push((start, (last_piece, last + 1), actor));
            }
        }
        drop(joined);
        let mut at: Place = (0, 0);
        for (start, end, actor) in links {
            hand_on(run, &mut at, start, &mut found.out);
            found.out.push(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: CowStr::Borrowed(&self.paths[actor]),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }));
            hand_on(run, &mut at, end, &mut found.out);
            found.out.push(Event::End(TagEnd::Link));
        }
        let end = (run.len(), 0);
        hand_on(run, &mut at, end, &mut found.out);
        run.clear();
    }
}

/// Hands the events of `run` from `at` up to `to` to `out`: whole pieces
/// as they are, parts of a text as borrowed or copied pieces.
fn hand_on<'a>(run: &mut [Piece<'a>], at: &mut Place, to: Place, out: &mut Vec<Event<'a>>) {
    while *at < to {
        let (piece, offset) = *at;
        let whole = piece < to.0;
        let len = match &run[piece] {
            Piece::Text(text, _) => Some(text.len()),
            _ => None,
        };
        match len {
            Some(len) => {
                let end = if whole { len } else { to.1 };
                if offset == 0 && end == len {
                    if let Piece::Text(text, _) = std::mem::replace(&mut run[piece], Piece::Taken) {
                        out.push(Event::Text(text));
                    }
                } else if end > offset
                    && let Piece::Text(text, _) = &run[piece]
                {
                    let part = match text {
                        CowStr::Borrowed(source) => CowStr::Borrowed(&source[offset..end]),
                        other => CowStr::from(other[offset..end].to_string()),
                    };
                    out.push(Event::Text(part));
                }
                *at = if whole { (piece + 1, 0) } else { (piece, end) };
            }
            None => {
                if matches!(run[piece], Piece::Break) {
                    out.push(Event::SoftBreak);
                }
                *at = (piece + 1, 0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Piece<'_> {
        Piece::Text(CowStr::Borrowed(s), 0..s.len())
    }

    #[test]
    fn soft_breaks_and_runs_of_spaces_are_one_space() {
        let run = [
            text("Later, Jens"),
            Piece::Break,
            text("Stoltenberg  and\tthe\u{a0}UN "),
            Piece::Break,
            text("spoke."),
        ];
        let (joined, spans) = join(&run);
        assert_eq!(joined, "Later, Jens Stoltenberg and the UN spoke.");
        assert_eq!(place(&spans, 7), (0, 7));
        assert_eq!(place(&spans, 12), (2, 0));
        assert_eq!(place(&spans, 28), (2, 17));
        assert_eq!(place(&spans, 35), (4, 0));
    }

    #[test]
    fn one_plain_text_is_searched_in_place() {
        let run = [text("Jens Stoltenberg spoke.")];
        assert!(matches!(join(&run).0, Cow::Borrowed(_)));
        assert!(needs_joining("a  b"));
        assert!(needs_joining("a\u{a0}b"));
        assert!(!needs_joining("Zelenskyy é à"));
    }
}
