//! Stage four: pages -> the output folder, all or nothing.
//!
//! The new site is written into a hidden staging folder beside the output,
//! then swapped in with two renames; a failed build never touches the
//! previous output. A folder is only ever replaced if it is empty or
//! carries the marker file a previous build left in it.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::BuildError;
use crate::load::StaticFile;
use crate::render::Page;

/// The file that marks a folder as briefing's own output.
pub const MARKER: &str = ".briefing";
const MARKER_TEXT: &str = "This folder is written by briefing and replaced on every build.\n";

/// Refuses an output folder that holds anything briefing did not write.
pub fn check_output(output: &Path, root: &Path) -> Result<(), BuildError> {
    let refuse = |reason: &str| BuildError::UnsafeOutput {
        path: output.to_path_buf(),
        reason: reason.to_string(),
    };
    let metadata = match fs::symlink_metadata(output) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(BuildError::io("inspect", output)(e)),
    };
    if !metadata.is_dir() {
        return Err(refuse("it is not a folder"));
    }
    if let (Ok(out), Ok(site)) = (output.canonicalize(), root.canonicalize())
        && site.starts_with(&out)
    {
        return Err(refuse(
            "it holds the site itself; choose a folder such as public/",
        ));
    }
    if output.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = fs::read_dir(output).map_err(BuildError::io("read folder", output))?;
    if entries.next().is_some() {
        return Err(refuse(
            "it is not empty and was not written by briefing (it has no .briefing marker file); \
             choose an empty or new folder",
        ));
    }
    Ok(())
}

/// Writes `pages` and copies `static_files` into `output`, replacing what a
/// previous build left there only once everything is written. Returns the
/// number of files written.
pub fn write(
    output: &Path,
    pages: &[Page],
    static_files: &[StaticFile],
) -> Result<usize, BuildError> {
    let staging = sibling(output, "staging");
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(BuildError::io("remove stale folder", &staging))?;
    }
    fs::create_dir_all(&staging).map_err(BuildError::io("create folder", &staging))?;

    let mut folders = BTreeSet::new();
    for path in pages
        .iter()
        .map(|p| p.path.as_str())
        .chain(static_files.iter().map(|s| s.output.as_str()))
    {
        if let Some((folder, _)) = path.rsplit_once('/') {
            folders.insert(folder);
        }
    }
    for folder in folders {
        let dir = staging.join(folder);
        fs::create_dir_all(&dir).map_err(BuildError::io("create folder", &dir))?;
    }
    // Static files first, so a generated page wins over a static file of
    // the same name.
    static_files.par_iter().try_for_each(|file| {
        let target = staging.join(&file.output);
        fs::copy(&file.source, &target)
            .map(|_| ())
            .map_err(BuildError::io("copy", &file.source))
    })?;
    pages.par_iter().try_for_each(|page| {
        let target = staging.join(&page.path);
        fs::write(&target, &page.body).map_err(BuildError::io("write", &target))
    })?;
    let marker = staging.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(BuildError::io("write", &marker))?;

    swap_in(&staging, output)?;
    let written: BTreeSet<&str> = pages
        .iter()
        .map(|p| p.path.as_str())
        .chain(static_files.iter().map(|s| s.output.as_str()))
        .collect();
    Ok(written.len())
}

/// Replaces `output` by `staging`: the old output is renamed away first and
/// removed only after the new one is in place.
fn swap_in(staging: &Path, output: &Path) -> Result<(), BuildError> {
    let old = sibling(output, "old");
    if old.exists() {
        fs::remove_dir_all(&old).map_err(BuildError::io("remove stale folder", &old))?;
    }
    let had_output = output.exists();
    if had_output {
        fs::rename(output, &old).map_err(BuildError::io("move aside", output))?;
    }
    if let Err(e) = fs::rename(staging, output) {
        if had_output {
            let _ = fs::rename(&old, output);
        }
        return Err(BuildError::io("move into place", output)(e));
    }
    if had_output {
        fs::remove_dir_all(&old).map_err(BuildError::io("remove", &old))?;
    }
    Ok(())
}

/// `parent/.name.what`: a hidden folder next to `output`, on the same file
/// system so renames are atomic.
fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{what}"))
}
