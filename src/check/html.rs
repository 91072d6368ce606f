//! Attribute values of rendered HTML, read in one pass over its bytes:
//! what the link checker needs of a page (its links and its ids), nothing
//! else. Not a full HTML parser: tags, quoted and unquoted values, comments,
//! and the insides of `<script>` and `<style>` (skipped).

use std::borrow::Cow;

/// Calls `found(name, value)` for each attribute of every tag of `html`
/// whose name is one of `names` (compared without case; `name` is the
/// entry of `names`), its value with entities decoded. Comments and the
/// insides of `<script>` and `<style>` are skipped.
pub fn scan<'a>(
    html: &'a str,
    names: &[&'static str],
    mut found: impl FnMut(&'static str, Cow<'a, str>),
) {
    tags(html, |tag| {
        tag_attributes(tag, |attribute, value| {
            if let Some(wanted) = names.iter().find(|n| n.eq_ignore_ascii_case(attribute)) {
                found(wanted, decode_entities(value));
            }
        })
    });
}

/// Values of the named attributes (lower case) on every tag of `html`,
/// entities decoded. Comments and the insides of `<script>` and `<style>`
/// are skipped.
pub fn attributes(html: &str, names: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    tags(html, |tag| {
        tag_attributes(tag, |attribute, value| {
            let attribute = attribute.to_ascii_lowercase();
            if names.contains(&attribute.as_str()) {
                out.push((attribute, decode_entities(value).into_owned()));
            }
        })
    });
    out
}

/// Calls `each` with the text of every tag of `html` (between `<` and
/// `>`), but in comments and inside `<script>` and `<style>`.
fn tags<'a>(html: &'a str, mut each: impl FnMut(&'a str)) {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + open + 1;
        if bytes[start..].starts_with(b"!--") {
            at = memchr::memmem::find(&bytes[start + 3..], b"-->")
                .map_or(bytes.len(), |end| start + 3 + end + 3);
            continue;
        }
        let end = start + tag_end(&bytes[start..]);
        let tag = &html[start..end];
        at = end;
        each(tag);
        let name_length = tag.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &tag[..name_length];
        let close = if name.eq_ignore_ascii_case("script") {
            "</script"
        } else if name.eq_ignore_ascii_case("style") {
            "</style"
        } else {
            continue;
        };
        at = memchr::memmem::find(&bytes[at..], close.as_bytes()).map_or(bytes.len(), |i| at + i);
    }
}

/// Where a tag ends: the first `>` outside quotes.
fn tag_end(text: &[u8]) -> usize {
    let mut quote = None;
    for (i, &c) in text.iter().enumerate() {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return i,
            _ => {}
        }
    }
    text.len()
}

/// Each `name=value` of a tag (the text between `<` and `>`), after its
/// name; attributes without a value are passed over. Every delimiter is
/// ASCII, so byte positions are always character boundaries.
fn tag_attributes<'a>(tag: &'a str, mut each: impl FnMut(&'a str, &'a str)) {
    let b = tag.as_bytes();
    let n = b.len();
    let space = |c: u8| c.is_ascii_whitespace() || c == 0x0b;
    let mut i = b.iter().take_while(|c| !space(**c)).count();
    while i < n {
        while i < n && (space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < n && !space(b[i]) && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let name = &tag[start..i];
        while i < n && space(b[i]) {
            i += 1;
        }
        if i < n && b[i] == b'=' {
            i += 1;
            while i < n && space(b[i]) {
                i += 1;
            }
            let value = match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let begin = i + 1;
                    i = begin;
                    while i < n && b[i] != q {
                        i += 1;
                    }
                    let value = &tag[begin..i.min(n)];
                    i += 1;
                    value
                }
                _ => {
                    let begin = i;
                    while i < n && !space(b[i]) {
                        i += 1;
                    }
                    &tag[begin..i]
                }
            };
            each(name, value);
        } else if name.is_empty() {
            i += 1;
        }
    }
}

fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&#x2F;", "/")
            .replace("&#47;", "/")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_attributes_in_tags_but_not_comments() {
        let found = attributes(
            r#"<a href="/x/" class=y>t</a><!-- <a href="/no/"> --><img src='/i.png' alt="">"#,
            &["href", "src"],
        );
        assert_eq!(
            found,
            vec![
                ("href".into(), "/x/".into()),
                ("src".into(), "/i.png".into())
            ]
        );
    }

    #[test]
    fn scan_reads_values_unquoted_with_entities_and_skips_scripts() {
        let html = concat!(
            r#"<A HREF=/a/?x=1&amp;y=2 id='t&#39;op'>é</a><script>"<a href='/no/'>"</script>"#,
            r#"<style>a[href="/no/"]{}</style><form action="/s/"><p name=x / data-id="z">"#,
        );
        let mut found = Vec::new();
        scan(html, &["href", "id", "action", "name"], |name, value| {
            found.push(format!("{name}={value}"))
        });
        assert_eq!(
            found,
            ["href=/a/?x=1&y=2", "id=t'op", "action=/s/", "name=x"]
        );
    }
}
