//! Thin file-system helpers for loading: listing a folder in a stable
//! order, and reading text with a precise error for bad bytes.

use std::path::{Path, PathBuf};

use crate::error::Diagnostic;

/// How a path under the site is shown in messages: relative to where the
/// user ran the command (`content/a.md`, or `site/content/a.md` with
/// `--root site`).
pub fn display_path(root: &Path, rel: &Path) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}

/// A relative path with `/` separators, whatever the platform.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Files below `root/dir` (relative to `root`), sorted, skipping hidden
/// files and folders (editor swap files, `.git`). A missing folder is empty.
pub fn list(root: &Path, dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let base = root.join(dir);
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        if let Ok(rel) = entry.path().strip_prefix(root)
            && keep(rel)
        {
            out.push(rel.to_path_buf());
        }
    }
    out
}

/// Reads `root/rel` as text: byte-order mark dropped, CRLF made LF. `None`
/// if the file does not exist; an error placed at the first bad byte if it
/// is not UTF-8.
pub fn read_text(root: &Path, rel: &Path) -> Result<Option<String>, Diagnostic> {
    let shown = display_path(root, rel);
    let bytes = match std::fs::read(root.join(rel)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Diagnostic::error(
                &shown,
                0,
                0,
                format!("cannot read the file: {e}"),
            ));
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let bad = e.as_bytes()[good.len()];
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let before = String::from_utf8_lossy(&good[line_start..]);
            let column = before.chars().count() + 1;
            let shown_line = String::from_utf8_lossy(
                e.as_bytes()[line_start..]
                    .split(|&b| b == b'\n')
                    .next()
                    .unwrap_or_default(),
            )
            .into_owned();
            return Err(Diagnostic::error(
                &shown,
                line,
                column,
                format!("the file is not valid UTF-8 (byte 0x{bad:02X})"),
            )
            .expected("UTF-8 text; save the file as UTF-8")
            .with_source(&shown_line, line));
        }
    };
    let mut text = text;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    Ok(Some(text))
}
