//! Markdown -> HTML, with what lists and templates need from the same pass:
//! the first paragraph as plain text (the fallback summary) and a word count.
//!
//! CommonMark plus tables, footnotes, strikethrough and smart punctuation.
//! Every heading gets an `id` made from its text, so sections can be linked.
//! Root-relative links and images (`/2022/01/10/opening-round/`) get the
//! site's path prefix, so they work when `base_url` carries a path.

use std::sync::OnceLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd, html};
use tera::Value;

use super::images::{ImageTarget, sized};
use super::mentions::{Mention, Mentions};
use crate::model::headings::{options, with_heading_ids};

/// How to render a body: for which site path, and with which actors to
/// find (and whether to link their first mentions).
#[derive(Clone, Copy)]
pub struct RenderOptions<'a> {
    /// The site's URL path, `/` or `/briefings/`.
    pub root: &'a str,
    /// Known actors' names, if the site has actors.
    pub mentions: Option<&'a Mentions>,
    /// Make the first mention of each actor a link.
    pub link_mentions: bool,
    /// Where the body's links by file and images beside it point.
    pub targets: &'a Targets,
    /// Find the body's search words in this pass (else they are found when
    /// the search index first needs them: [`Body::search_words_from`]).
    pub search: bool,
}

/// No links by file and no images beside the article.
static NO_TARGETS: Targets = Targets {
    links: Vec::new(),
    images: Vec::new(),
};

impl<'a> RenderOptions<'a> {
    /// Plain rendering at `root`: no mentions looked for.
    pub fn plain(root: &'a str) -> Self {
        Self {
            root,
            mentions: None,
            link_mentions: false,
            targets: &NO_TARGETS,
            search: true,
        }
    }
}

/// An article body, rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// The first paragraph, as plain text.
    pub first_paragraph: String,
    /// Words in the body.
    pub words: usize,
    /// The text without markup, for the search index.
    pub plain: String,
    /// Each known actor the body names, at its first mention.
    pub mentions: Vec<Mention>,
}

const WORDS_PER_MINUTE: usize = 200;

/// A rendered body ready for templates. The HTML is a shared template
/// value: article pages and feeds use it without copying it.
#[derive(Debug, Clone)]
pub struct Body {
    /// The HTML, marked safe.
    pub html: Value,
    /// The HTML for a CDATA section in a feed (the same value unless the
    /// body contains `]]>`).
    pub feed_html: Value,
    /// The first paragraph, as plain text.
    pub first_paragraph: String,
    /// Words in the body.
    pub words: usize,
    /// The body's distinct search words, space-separated, for the search
    /// index (`search::fold`): found in the Markdown pass when its options
    /// say `search`, else when the index first needs them
    /// ([`Self::search_words_from`]; `serve`'s whole rebuilds leave them
    /// for after the first answer).
    search_words: OnceLock<Box<str>>,
    /// Each known actor the body names, at its first mention.
    pub mentions: Vec<Mention>,
}

impl Body {
    /// Renders `source` with `options`.
    pub fn render(source: &str, options: &RenderOptions<'_>) -> Self {
        Self::render_with_plain(source, options).0
    }

    /// Renders `source` with `options`, and gives its text without markup
    /// too (for the search index's words).
    pub fn render_with_plain(source: &str, options: &RenderOptions<'_>) -> (Self, String) {
        let Rendered {
            html,
            first_paragraph,
            words,
            plain,
            mentions,
        } = render_with(source, options);
        let search_words = OnceLock::new();
        if options.search {
            let _ = search_words.set(crate::search::fold::distinct_words(&plain));
        }
        let value = Value::safe_string(&html);
        let feed_html = if html.contains("]]>") {
            Value::safe_string(&html.replace("]]>", "]]]]><![CDATA[>"))
        } else {
            value.clone()
        };
        let body = Self {
            html: value,
            feed_html,
            first_paragraph,
            words,
            search_words,
            mentions,
        };
        (body, plain)
    }

    /// The search words, if found yet.
    pub fn search_words(&self) -> Option<&str> {
        self.search_words.get().map(|words| &**words)
    }

    /// The search words, found now from `source` (the body this was
    /// rendered from, with the same `options`) if they were not found
    /// when it was rendered: the same text as the Markdown pass reads.
    pub fn search_words_from(&self, source: &str, options: &RenderOptions<'_>) -> &str {
        self.search_words
            .get_or_init(|| crate::search::fold::distinct_words(&plain_text(source, options)))
    }

    /// Minutes to read, at least 1.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

/// Where a body's links by file and local images point.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets {
    /// Each link by file as written, and its article's URL (with `#...`).
    pub links: Vec<(String, String)>,
    /// Each image beside the article.
    pub images: Vec<ImageTarget>,
}

/// Renders `source` to HTML, for a site whose URL path is `root`.
pub fn render(source: &str, root: &str) -> Rendered {
    render_with(source, &RenderOptions::plain(root))
}

/// Renders `source` to HTML with `options`: in one pass, the HTML, the
/// first paragraph, the word count and the actors mentioned.
pub fn render_with(source: &str, render: &RenderOptions<'_>) -> Rendered {
    let (events, mentions) = events(source, render);
    let Text {
        first_paragraph,
        plain,
    } = read_text(&events, source.len());
    let words = count_words(&plain);
    let mut out = String::with_capacity(source.len() * 3 / 2);
    // After the text pass: alt text counts as words, as before.
    html::push_html(&mut out, sized(events, &render.targets.images).into_iter());
    Rendered {
        html: out,
        first_paragraph: first_paragraph
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        words,
        plain,
        mentions,
    }
}

/// How many words `text` has: runs of characters between whitespace with
/// a letter or digit among them (as `split_whitespace` and
/// `char::is_alphanumeric` find them). ASCII is read byte by byte through
/// a table, without branches (bodies are mostly ASCII, and every body's
/// text is counted).
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut counted, mut at) = (0, 0u8, 0);
    while let Some(&byte) = bytes.get(at) {
        let (class, len) = match ASCII.get(usize::from(byte)) {
            Some(&class) => (class, 1),
            None => match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => (
                    u8::from(c.is_whitespace()) | u8::from(c.is_alphanumeric()) << 1,
                    c.len_utf8(),
                ),
                None => (0, 1),
            },
        };
        let (space, alphanumeric) = (class & 1, class >> 1);
        words += usize::from(alphanumeric & !counted & 1);
        counted = (counted | alphanumeric) & (space ^ 1);
        at += len;
    }
    words
}

/// Each ASCII byte's class: 1 whitespace (`char::is_whitespace`: tab to
/// carriage return, space), 2 a letter or digit.
static ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        table[byte] = if matches!(b, b'\t'..=b'\r' | b' ') {
            1
        } else if b.is_ascii_alphanumeric() {
            2
        } else {
            0
        };
        byte += 1;
    }
    table
};

/// The text of `source` without markup, as [`render_with`] reads it (for
/// search words found after the body was rendered): no HTML written.
pub fn plain_text(source: &str, render: &RenderOptions<'_>) -> String {
    read_text(&events(source, render).0, source.len()).plain
}

/// The Markdown events of `source` as the HTML is written from them
/// (mentions linked, heading ids, the site's path and links by file put
/// in), with the actors mentioned.
fn events<'s>(source: &'s str, render: &RenderOptions<'s>) -> (Vec<Event<'s>>, Vec<Mention>) {
    let parser = Parser::new_ext(source, options());
    // Mentions first, as the events are collected: their links are
    // root-relative, like the source's, and never inside headings.
    let (events, mentions) = match render.mentions {
        Some(known) => known.link(parser.into_offset_iter(), render.link_mentions),
        None => (parser.collect(), Vec::new()),
    };
    let mut events = with_heading_ids(events);
    if render.root != "/" {
        under_root(&mut events, render.root);
    }
    if !render.targets.links.is_empty() {
        by_file(&mut events, &render.targets.links);
    }
    (events, mentions)
}

/// A body's text, read from its events.
struct Text {
    /// The first paragraph, its spaces as in the source.
    first_paragraph: String,
    /// Every text without markup, blocks and inline tags apart.
    plain: String,
}

/// The first paragraph and the text without markup of `events` (from a
/// source `len` bytes long).
fn read_text(events: &[Event<'_>], len: usize) -> Text {
    let mut first_paragraph = String::new();
    let mut plain = String::with_capacity(len);
    let mut depth = 0usize;
    let mut state = Summary::Looking;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 && state == Summary::Looking => {
                state = Summary::Reading
            }
            Event::End(TagEnd::Paragraph) if depth == 0 && state == Summary::Reading => {
                state = Summary::Done;
                plain.push(' ');
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => plain.push(' '),
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                plain.push(' ');
            }
            Event::Text(text) | Event::Code(text) => {
                plain.push_str(text);
                if state == Summary::Reading {
                    first_paragraph.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                plain.push(' ');
                if state == Summary::Reading {
                    first_paragraph.push(' ');
                }
            }
            _ => {}
        }
    }
    Text {
        first_paragraph,
        plain,
    }
}

/// Puts `root` (`/briefings/`) in front of every root-relative link and
/// image (`/2022/01/10/x/`, not `//host/x`), as every generated link has it.
fn under_root(events: &mut [Event<'_>], root: &str) {
    let prefix = root.trim_end_matches('/');
    for event in events.iter_mut() {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event
            && dest_url.starts_with('/')
            && !dest_url.starts_with("//")
        {
            *dest_url = format!("{prefix}{dest_url}").into();
        }
    }
}

/// Gives each link by file (`../2022/x.md#talks`) the URL of the article
/// it names, as the model resolved it; a link given no URL (to an expired
/// article) is left out, its text kept.
fn by_file(events: &mut Vec<Event<'_>>, links: &[(String, String)]) {
    let mut unlinked = false;
    for event in events.iter_mut() {
        if let Event::Start(Tag::Link { dest_url, .. }) = event
            && let Some((_, url)) = links.iter().find(|(dest, _)| dest == dest_url.as_ref())
        {
            unlinked |= url.is_empty();
            *dest_url = url.clone().into();
        }
    }
    if unlinked {
        // Links do not nest: each start is closed by the next link end.
        let mut dropping = false;
        events.retain(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.is_empty() => {
                dropping = true;
                false
            }
            Event::End(TagEnd::Link) if dropping => {
                dropping = false;
                false
            }
            _ => true,
        });
    }
}

#[derive(PartialEq, Eq)]
enum Summary {
    Looking,
    Reading,
    Done,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_at_root(source: &str) -> Rendered {
        render(source, "/")
    }

    #[test]
    fn root_relative_links_and_images_get_the_path_prefix() {
        let source = "[earlier](/2025/03/10/opening-round/) ![map](/img/map.png \"Map\") \
                      [ref] [elsewhere](https://example.org/) [here](#notes) [net](//cdn.example/x) [up](../x/)\n\n\
                      [ref]: /actors/antony-blinken/\n";
        let html = render(source, "/desk/").html;
        assert_eq!(
            html,
            "<p><a href=\"/desk/2025/03/10/opening-round/\">earlier</a> \
             <img src=\"/desk/img/map.png\" alt=\"map\" title=\"Map\" /> \
             <a href=\"/desk/actors/antony-blinken/\">ref</a> \
             <a href=\"https://example.org/\">elsewhere</a> <a href=\"#notes\">here</a> \
             <a href=\"//cdn.example/x\">net</a> <a href=\"../x/\">up</a></p>\n"
        );
        assert_eq!(
            render("[earlier](/2025/03/10/x/)", "/").html,
            "<p><a href=\"/2025/03/10/x/\">earlier</a></p>\n"
        );
    }

    #[test]
    fn headings_get_unique_ids() {
        let r = render_at_root("## Talks in Geneva\n\ntext\n\n## Talks in Geneva\n");
        assert!(r.html.contains("<h2 id=\"talks-in-geneva\">"), "{}", r.html);
        assert!(
            r.html.contains("<h2 id=\"talks-in-geneva-2\">"),
            "{}",
            r.html
        );
    }

    #[test]
    fn repeated_headings_number_on_past_ids_already_taken() {
        let r = render("# A\n\n# A\n\n# A 2\n\n# A\n\n# B {#a-4}\n\n# A\n", "/");
        let ids: Vec<&str> = r
            .html
            .split(" id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(ids, ["a", "a-2", "a-2-2", "a-3", "a-4", "a-5"]);
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let r =
            render_at_root("# Title\n\nBlinken *met* Lavrov\nin `Geneva`.\n\nSecond paragraph.");
        assert_eq!(r.first_paragraph, "Blinken met Lavrov in Geneva.");
        assert_eq!(r.words, 8);
    }

    #[test]
    fn words_are_counted_as_split_whitespace_and_is_alphanumeric_count_them() {
        let texts = [
            "",
            "  one two\tthree\nfour\r\nfive\x0bsix\x0cseven  ",
            "a - b -- c ... d, e; 1984 (f) \u{2014} g",
            "Сергей\u{a0}Лавров\u{2003}met\u{3000}王毅 in Genève — «talks» 😀 ½",
            "x\u{85}y\u{2028}z \u{200b}w",
            "  --  ++  ",
        ];
        for text in texts {
            let expected = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            assert_eq!(count_words(text), expected, "{text:?}");
        }
    }

    #[test]
    fn extensions_are_on() {
        let r = render_at_root("a ~~b~~ \"c\"[^1]\n\n[^1]: note\n\n|x|y|\n|-|-|\n|1|2|\n");
        assert!(r.html.contains("<del>b</del>"));
        assert!(r.html.contains("\u{201c}c\u{201d}"));
        assert!(r.html.contains("footnote-definition"));
        assert!(r.html.contains("<table>"));
    }
}
