//! Small helpers for URL paths, shared by the link checker and the server.

/// Decodes `%XX` escapes; `None` if an escape is malformed or the result is
/// not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_refuses_malformed_ones() {
        assert_eq!(percent_decode("/a%20b/%2e%2e").as_deref(), Some("/a b/.."));
        assert_eq!(percent_decode("/a%zz"), None);
        assert_eq!(percent_decode("/a%"), None);
    }
}
