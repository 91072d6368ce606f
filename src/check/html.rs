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
    let mut at = 0;
    while let Some(found) = memchr::memchr3(b'>', b'"', b'\'', &text[at..]) {
        let i = at + found;
        match text[i] {
            b'>' => return i,
            quote => match memchr::memchr(quote, &text[i + 1..]) {
                Some(close) => at = i + 1 + close + 1,
                None => return text.len(),
            },
        }
    }
    text.len()
}

/// Each `name=value` of a tag (the text between `<` and `>`), after its
/// name; attributes without a value are passed over. Every delimiter is
/// ASCII, so byte positions are always character boundaries. From one `=`
/// to the next: a name never holds one, and a value is skipped whole, so
/// the next `=` is always the next attribute's.
fn tag_attributes<'a>(tag: &'a str, mut each: impl FnMut(&'a str, &'a str)) {
    let b = tag.as_bytes();
    let n = b.len();
    let space = |c: u8| c.is_ascii_whitespace() || c == 0x0b;
    let mut at = b.iter().take_while(|c| !space(**c)).count();
    while let Some(found) = memchr::memchr(b'=', &b[at..]) {
        let equals = at + found;
        // The name: the run before the `=` (spaces may come between),
        // back to a space or a `/`.
        let mut end = equals;
        while end > at && space(b[end - 1]) {
            end -= 1;
        }
        let mut start = end;
        while start > at && !space(b[start - 1]) && b[start - 1] != b'/' {
            start -= 1;
        }
        let mut i = equals + 1;
        while i < n && space(b[i]) {
            i += 1;
        }
        let value = match b.get(i) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let begin = i + 1;
                i = memchr::memchr(q, &b[begin..]).map_or(n, |close| begin + close);
                let value = &tag[begin..i];
                i = (i + 1).min(n);
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
        each(&tag[start..end], value);
        at = i;
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

    /// The first version, a character at a time: the reference the
    /// `memchr` jumps must agree with.
    fn reference_attributes(tag: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let chars: Vec<char> = tag.chars().collect();
        let mut i = chars.iter().take_while(|c| !c.is_whitespace()).count();
        while i < chars.len() {
            while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
                i += 1;
            }
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' && chars[i] != '/'
            {
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            if i < chars.len() && chars[i] == '=' {
                i += 1;
                while i < chars.len() && chars[i].is_whitespace() {
                    i += 1;
                }
                let value: String = match chars.get(i) {
                    Some(&q) if q == '"' || q == '\'' => {
                        let begin = i + 1;
                        i = begin;
                        while i < chars.len() && chars[i] != q {
                            i += 1;
                        }
                        let v = chars[begin..i.min(chars.len())].iter().collect();
                        i += 1;
                        v
                    }
                    _ => {
                        let begin = i;
                        while i < chars.len() && !chars[i].is_whitespace() {
                            i += 1;
                        }
                        chars[begin..i].iter().collect()
                    }
                };
                out.push((name, value));
            } else if name.is_empty() {
                i += 1;
            }
        }
        out
    }

    fn reference_tag_end(text: &str) -> usize {
        let mut quote = None;
        for (i, c) in text.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => return i,
                _ => {}
            }
        }
        text.len()
    }

    #[test]
    fn the_fast_scan_agrees_with_a_character_at_a_time_on_every_odd_tag() {
        const ALPHABET: [&str; 10] = ["a", "b", "=", "\"", "'", " ", "/", ">", "\u{e9}", "\n"];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let length = next() % 14;
            let tag: String = (0..length)
                .map(|_| ALPHABET[(next() % 10) as usize])
                .collect();
            let mut fast = Vec::new();
            tag_attributes(&tag, |name, value| {
                fast.push((name.to_string(), value.to_string()))
            });
            assert_eq!(fast, reference_attributes(&tag), "{tag:?}");
            assert_eq!(tag_end(tag.as_bytes()), reference_tag_end(&tag), "{tag:?}");
        }
    }

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
