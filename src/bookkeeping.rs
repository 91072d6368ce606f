//! What briefing keeps about an output folder, kept beside it and never in
//! it, so the folder holds only what readers need and a host publishes
//! nothing else: `public/`'s manifest is `.public.manifest`, the spare's
//! `.public.spare.manifest`, the articles' URLs `.public.urls` (like the
//! lock, `.public.lock`, and the spare, `.public.spare`).
//!
//! A file beside a folder can outlive it or be paired with another folder
//! of the same name (a folder deleted and made again by hand), so each
//! manifest records the identity of the folder it describes (device and
//! inode, which a rename keeps). A manifest whose folder is not the one it
//! names is ignored: the next build writes every file anew, which is always
//! right. The same identity marks a folder as briefing's own output.
//! Where the system has no such identity (Windows), the folder instead
//! holds a `.briefing` marker, as all outputs did before.

use std::path::{Path, PathBuf};

/// The marker file inside an output, on systems without folder identity
/// (and in outputs of earlier versions, still recognised as briefing's).
pub const MARKER: &str = ".briefing";
/// The text of [`MARKER`].
pub const MARKER_TEXT: &str = "This folder is written by briefing and replaced on every build.\n";

/// `parent/.name.what` for a folder `parent/name`; `parent/.name.what` too
/// for a hidden folder `parent/.name` (the spare: `.public.spare.manifest`).
/// On the same file system as the folder, so renames between them are
/// atomic.
pub fn beside(folder: &Path, what: &str) -> PathBuf {
    let (parent, name) = parent_and_name(folder);
    let name = name.strip_prefix('.').unwrap_or(&name);
    parent.join(format!(".{name}.{what}"))
}

/// The folder holding `folder` (`.` for a bare name) and its name
/// (`public` when it has none).
pub fn parent_and_name(folder: &Path) -> (PathBuf, String) {
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = folder
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    (parent.to_path_buf(), name)
}

/// The manifest of `folder` (an output, the spare or a staging folder).
pub fn manifest_of(folder: &Path) -> PathBuf {
    beside(folder, "manifest")
}

/// The list of each article's URL written by the last build of `output`.
pub fn urls_of(output: &Path) -> PathBuf {
    beside(output, "urls")
}

/// The identity of the folder at `path` (`device:inode:birth`), which
/// renames keep and a new folder does not share (the birth time, where the
/// file system records it, tells a folder from a later one given the same
/// inode); `None` where the system has none, or the folder is missing.
pub fn folder_id(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let metadata = std::fs::symlink_metadata(path).ok()?;
        let birth = metadata
            .created()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        metadata
            .is_dir()
            .then(|| format!("{}:{}:{birth}", metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// True if the output folder at `output` was written by briefing: its
/// manifest names it, or it holds the marker.
pub fn is_ours(output: &Path) -> bool {
    output.join(MARKER).is_file()
        || folder_id(output).is_some_and(|id| {
            std::fs::read_to_string(manifest_of(output))
                .is_ok_and(|text| crate::manifest::describes(&text, &id))
        })
}

/// True if outputs on this system carry the [`MARKER`] file (no folder
/// identity to record beside them).
pub fn needs_marker(folder: &Path) -> bool {
    folder_id(folder).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bookkeeping_lives_beside_the_folder() {
        assert_eq!(
            manifest_of(Path::new("site/public")),
            Path::new("site/.public.manifest")
        );
        assert_eq!(
            manifest_of(Path::new("site/.public.spare")),
            Path::new("site/.public.spare.manifest")
        );
        assert_eq!(urls_of(Path::new("public")), Path::new("./.public.urls"));
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_made_again_is_not_the_one_a_manifest_names() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("public");
        std::fs::create_dir(&folder).unwrap();
        let before = folder_id(&folder).unwrap();
        let moved = dir.path().join("moved");
        std::fs::rename(&folder, &moved).unwrap();
        assert_eq!(folder_id(&moved).as_deref(), Some(before.as_str()));
        std::fs::create_dir(&folder).unwrap();
        // Keep `moved` alive so the inode cannot be reused.
        assert_ne!(folder_id(&folder).unwrap(), before);
    }
}
