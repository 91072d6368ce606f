//! Small helpers for URL paths, shared by the link checker, the server and
//! links by file.

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

/// `path` (with `%XX` escapes) taken from `folder` (both `/`-separated,
/// relative to one root), with `.` and `..` resolved: the path relative to
/// that root, or `None` if it climbs out.
pub fn normalize(folder: &str, path: &str) -> Option<String> {
    let path = percent_decode(path).unwrap_or_else(|| path.to_string());
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_from_the_folder_and_never_climb_out() {
        assert_eq!(
            normalize("2022/01", "../2021/x.md").as_deref(),
            Some("2022/2021/x.md")
        );
        assert_eq!(
            normalize("2022", "./a%20b.md").as_deref(),
            Some("2022/a b.md")
        );
        assert_eq!(normalize("", "2022/x.md").as_deref(), Some("2022/x.md"));
        assert_eq!(normalize("2022", "../../x.md"), None);
    }

    #[test]
    fn decodes_escapes_and_refuses_malformed_ones() {
        assert_eq!(percent_decode("/a%20b/%2e%2e").as_deref(), Some("/a b/.."));
        assert_eq!(percent_decode("/a%zz"), None);
        assert_eq!(percent_decode("/a%"), None);
    }
}
