//! What the library's own tests share (compiled for tests only).

use std::path::Path;

/// Writes `text` to `rel` below `root`, making its folders.
pub(crate) fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("a file below the root"))
        .expect("make the folder");
    std::fs::write(path, text).expect("write the file");
}
