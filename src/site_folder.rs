//! Whether a folder is a briefing site: `build`, `check`, `serve` and
//! `new` refuse one that is not, before creating anything in it.

use std::path::Path;

use crate::error::BuildError;

/// True if `root` holds a site: a `content/` folder or a `site.yaml`.
pub fn is_site(root: &Path) -> bool {
    root.join("content").is_dir() || root.join("site.yaml").is_file()
}

/// `Ok` if `root` is a site ([`is_site`]); else an error that says how to
/// start one.
pub fn require_site(root: &Path) -> Result<(), BuildError> {
    if is_site(root) {
        return Ok(());
    }
    Err(BuildError::Usage(format!(
        "{} is not a briefing site: it has no content/ folder and no site.yaml (expected the folder of a site, or --root DIR naming one; `briefing init DIR` starts a new site)",
        shown_dir(root)
    )))
}

/// `dir` as a user would type it.
fn shown_dir(dir: &Path) -> String {
    match dir.to_string_lossy() {
        text if text.is_empty() => ".".into(),
        text => text.into_owned(),
    }
}
