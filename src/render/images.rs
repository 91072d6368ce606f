//! `<img>` elements of an article body: local images (beside the article)
//! get the URL of their copy beside the page and the width and height read
//! at load, so the page does not shift while they arrive; every image but
//! the first gets `loading="lazy"`.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// A local image of a body: the destination as written, the URL of its
/// copy, and its size when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageTarget {
    /// As written (`map.png`).
    pub dest: String,
    /// Its copy beside the page (`/briefings/2022/01/21/talks/map.png`).
    pub url: String,
    /// Width and height in pixels.
    pub size: Option<(usize, usize)>,
}

/// `events` with each image (start, alt text, end) replaced by one `<img>`.
pub fn sized<'a>(events: Vec<Event<'a>>, images: &[ImageTarget]) -> Vec<Event<'a>> {
    if !events
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::Image { .. })))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut seen = 0;
    let mut open: Option<(CowStr, CowStr, String)> = None;
    for event in events {
        match (event, &mut open) {
            (
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }),
                None,
            ) => open = Some((dest_url, title, String::new())),
            (Event::End(TagEnd::Image), Some(_)) => {
                let Some((dest, title, alt)) = open.take() else {
                    continue;
                };
                out.push(Event::InlineHtml(
                    img(&dest, &title, &alt, images, seen).into(),
                ));
                seen += 1;
            }
            (Event::Text(t) | Event::Code(t), Some((_, _, alt))) => alt.push_str(&t),
            (_, Some(_)) => {}
            (event, None) => out.push(event),
        }
    }
    out
}

fn img(dest: &str, title: &str, alt: &str, images: &[ImageTarget], seen: usize) -> String {
    let local = images.iter().find(|i| i.dest == dest);
    let src = local.map_or(dest, |i| i.url.as_str());
    let mut html = format!("<img src=\"{}\" alt=\"{}\"", attr(src), attr(alt));
    if !title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", attr(title)));
    }
    if let Some((width, height)) = local.and_then(|i| i.size) {
        html.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    if seen > 0 {
        html.push_str(" loading=\"lazy\"");
    }
    html.push_str(" />");
    html
}

/// Text made safe inside a double-quoted attribute.
fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::{RenderOptions, Targets, render_with};

    #[test]
    fn local_images_get_their_url_and_size_and_later_ones_load_lazily() {
        let targets = Targets {
            links: Vec::new(),
            images: vec![ImageTarget {
                dest: "map.png".into(),
                url: "/b/x/map.png".into(),
                size: Some((640, 480)),
            }],
        };
        let options = RenderOptions {
            targets: &targets,
            ..RenderOptions::plain("/b/")
        };
        let html = render_with(
            "![Map *of* Geneva & co](map.png)\n\n![](https://e.org/a.png \"T\")\n",
            &options,
        )
        .html;
        assert_eq!(
            html,
            "<p><img src=\"/b/x/map.png\" alt=\"Map of Geneva &amp; co\" width=\"640\" height=\"480\" />\
             </p>\n<p><img src=\"https://e.org/a.png\" alt=\"\" title=\"T\" loading=\"lazy\" /></p>\n"
        );
    }
}
