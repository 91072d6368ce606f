//! The output's manifest: every file a build wrote, with a hash of its
//! bytes and its size, kept beside the output (`.public.manifest`, see
//! [`crate::bookkeeping`]) with the identity of the folder it describes. The next build in place reads it to find the files whose bytes
//! did not change: those are hard-linked from the previous output into the
//! new one instead of written again, so they keep their inode and
//! modification time (sync tools and `Last-Modified` see only real
//! changes), and removing the previous output frees only what changed.
//!
//! The manifest holds no times, so the same site gives the same bytes. A
//! file is reused only if it still has its recorded size and is older than
//! the manifest (which is written after every file of its build), or as
//! old and still holding the recorded bytes (file times are coarse: an
//! edit right after a build can carry the manifest's time), so a file
//! edited in the output since is written anew.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::UNIX_EPOCH;

use crate::bookkeeping;

/// The first line of a manifest, before the identity of its folder.
const HEADER: &str = "briefing manifest 2 ";

/// The identity written for a folder the system cannot identify.
const NO_ID: &str = "-";

/// The manifest's lines of files, if `text` is a manifest of the folder
/// whose identity is `id` (`None`: the system has none to compare).
fn body_for<'a>(text: &'a str, id: Option<&str>) -> Option<&'a str> {
    let (first, body) = text.strip_prefix(HEADER)?.split_once('\n')?;
    (first == id.unwrap_or(NO_ID)).then_some(body)
}

/// True if `text` is a manifest of the folder whose identity is `id`.
pub fn describes(text: &str, id: &str) -> bool {
    body_for(text, Some(id)).is_some()
}

/// The manifest of the folder at `dir` and its lines of files, if it has
/// one that names it.
fn read_for(dir: &Path) -> Option<(PathBuf, String)> {
    let path = bookkeeping::manifest_of(dir);
    let text = fs::read_to_string(&path).ok()?;
    body_for(&text, bookkeeping::folder_id(dir).as_deref())?;
    Some((path, text))
}

/// What the manifest knows of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// xxh3-128 of the bytes.
    pub hash: u128,
    /// Size in bytes.
    pub len: u64,
}

impl Stamp {
    /// The stamp of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Self {
            hash: xxhash_rust::xxh3::xxh3_128(bytes),
            len: bytes.len() as u64,
        }
    }
}

/// A file's modification time in nanoseconds (0 if unknown).
fn modified(metadata: &fs::Metadata) -> u128 {
    metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// The previous build's output and what its manifest says.
#[derive(Debug)]
pub struct Previous {
    dir: PathBuf,
    /// When the manifest was written: no file of its build is newer.
    written: u128,
    files: HashMap<String, Stamp>,
}

impl Previous {
    /// Reads the manifest of the output at `dir`; `None` if there is none
    /// naming that folder (a first build, an output made again by hand, or
    /// one from a version that kept its manifest inside).
    pub fn load(dir: &Path) -> Option<Self> {
        let (path, text) = read_for(dir)?;
        let written = modified(&fs::metadata(&path).ok()?);
        let files = body_for(&text, bookkeeping::folder_id(dir).as_deref())?
            .lines()
            .filter_map(parse_line)
            .collect();
        Some(Self {
            dir: dir.to_path_buf(),
            written,
            files,
        })
    }

    /// The previous output's file at `path` if the manifest says it holds
    /// the bytes stamped `stamp` and it was not changed since (same size,
    /// not newer than the manifest), with its metadata (so the caller need
    /// not ask again).
    pub fn unchanged(&self, path: &str, stamp: Stamp) -> Option<(PathBuf, fs::Metadata)> {
        if self.files.get(path) != Some(&stamp) {
            return None;
        }
        let file = self.dir.join(path);
        let metadata = fs::symlink_metadata(&file).ok()?;
        if !metadata.is_file() || metadata.len() != stamp.len {
            return None;
        }
        match modified(&metadata).cmp(&self.written) {
            std::cmp::Ordering::Less => Some((file, metadata)),
            std::cmp::Ordering::Greater => None,
            // As new as the manifest: written in the same clock tick, by
            // its build or by hand right after it. Only the bytes tell.
            std::cmp::Ordering::Equal => fs::read(&file)
                .ok()
                .filter(|bytes| Stamp::of(bytes) == stamp)
                .map(|_| (file, metadata)),
        }
    }
}

/// The files the manifest of the output at `dir` lists; `None` without a
/// manifest naming it.
pub fn files_of(dir: &Path) -> Option<Vec<String>> {
    let (_, text) = read_for(dir)?;
    let (_, body) = text.split_once('\n')?;
    Some(
        body.lines()
            .filter_map(parse_line)
            .map(|(path, _)| path)
            .collect(),
    )
}

fn parse_line(line: &str) -> Option<(String, Stamp)> {
    let mut parts = line.splitn(3, ' ');
    let hash = u128::from_str_radix(parts.next()?, 16).ok()?;
    let len = parts.next()?.parse().ok()?;
    let path = parts.next()?.to_string();
    Some((path, Stamp { hash, len }))
}

/// The manifest of the build in progress, filled from many threads.
#[derive(Debug, Default)]
pub struct Recorder {
    files: Mutex<Vec<(String, Stamp)>>,
    wrote: AtomicBool,
}

impl Recorder {
    /// Notes that `path` now holds the file stamped `stamp`, written anew
    /// (`wrote`) or linked from the previous output.
    pub fn record(&self, path: &str, stamp: Stamp, wrote: bool) {
        if wrote {
            self.wrote.store(true, Ordering::Relaxed);
        }
        if let Ok(mut files) = self.files.lock() {
            files.push((path.to_string(), stamp));
        }
    }

    /// Every path recorded so far.
    pub fn paths(&self) -> std::collections::HashSet<String> {
        self.files
            .lock()
            .map(|f| f.iter().map(|(path, _)| path.clone()).collect())
            .unwrap_or_default()
    }

    /// The size of the files recorded so far, written or linked alike.
    pub fn weight(&self) -> crate::weight::Weight {
        self.files
            .lock()
            .map(|f| crate::weight::Weight::of(f.iter().map(|(path, s)| (path.as_str(), s.len))))
            .unwrap_or_default()
    }

    /// True if any file was written anew rather than linked: the manifest
    /// must then be written anew too, so no file is newer than it.
    pub fn wrote_any(&self) -> bool {
        self.wrote.load(Ordering::Relaxed)
    }

    /// The manifest's text for the folder whose identity is `id`, sorted by
    /// path: the same site in the same folder gives the same text.
    pub fn text(&self, id: Option<&str>) -> String {
        // One line a path: a path written twice (a static file and a page)
        // holds what was written last.
        let files: BTreeMap<String, Stamp> = self
            .files
            .lock()
            .map(|f| f.iter().cloned().collect())
            .unwrap_or_default();
        let mut text = String::with_capacity(HEADER.len() + files.len() * 80);
        text.push_str(HEADER);
        text.push_str(id.unwrap_or(NO_ID));
        text.push('\n');
        for (path, stamp) in files {
            // Paths with a line break cannot be recorded; they are simply
            // written anew next time.
            if !path.contains(['\n', '\r']) {
                let _ = writeln!(text, "{:032x} {} {path}", stamp.hash, stamp.len);
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_what_was_recorded() {
        let top = tempfile::tempdir().unwrap();
        let dir = top.path().join("public");
        std::fs::create_dir(&dir).unwrap();
        let id = bookkeeping::folder_id(&dir);
        std::fs::write(dir.join("a.html"), "hello").unwrap();
        let recorder = Recorder::default();
        let stamp = Stamp::of(b"hello");
        recorder.record("a.html", stamp, true);
        recorder.record("b c/d.html", Stamp::of(b"x"), true);
        let manifest = bookkeeping::manifest_of(&dir);
        std::fs::write(&manifest, recorder.text(id.as_deref())).unwrap();
        let previous = Previous::load(&dir).unwrap();
        assert_eq!(
            previous.unchanged("a.html", stamp).map(|(file, _)| file),
            Some(dir.join("a.html"))
        );
        assert_eq!(previous.files["b c/d.html"], Stamp::of(b"x"));
        assert!(previous.unchanged("a.html", Stamp::of(b"hellO")).is_none());
        assert_eq!(files_of(&dir).unwrap().len(), 2);
        // Another folder made at the same path is not the one it names.
        if id.is_some() {
            std::fs::rename(&dir, top.path().join("aside")).unwrap();
            std::fs::create_dir(&dir).unwrap();
            assert!(Previous::load(&dir).is_none());
            assert!(files_of(&dir).is_none());
        }
    }

    #[test]
    fn a_file_newer_than_the_manifest_is_not_reused() {
        let top = tempfile::tempdir().unwrap();
        let dir = top.path().join("public");
        std::fs::create_dir(&dir).unwrap();
        let manifest = bookkeeping::manifest_of(&dir);
        let recorder = Recorder::default();
        recorder.record("a.html", Stamp::of(b"hello"), true);
        std::fs::write(dir.join("a.html"), "hellO").unwrap();
        let id = bookkeeping::folder_id(&dir);
        std::fs::write(&manifest, recorder.text(id.as_deref())).unwrap();
        let set = |path: &Path, secs: u64| {
            let file = std::fs::File::options().write(true).open(path).unwrap();
            file.set_modified(UNIX_EPOCH + std::time::Duration::from_secs(secs))
                .unwrap();
        };
        set(&manifest, 1000);
        set(&dir.join("a.html"), 1001);
        let previous = Previous::load(&dir).unwrap();
        assert!(previous.unchanged("a.html", Stamp::of(b"hello")).is_none());
        // As old as the manifest (one clock tick): the bytes decide.
        set(&dir.join("a.html"), 1000);
        assert!(previous.unchanged("a.html", Stamp::of(b"hello")).is_none());
        std::fs::write(dir.join("a.html"), "hello").unwrap();
        set(&dir.join("a.html"), 1000);
        assert!(previous.unchanged("a.html", Stamp::of(b"hello")).is_some());
        // Older than the manifest: trusted without reading.
        set(&dir.join("a.html"), 999);
        assert!(previous.unchanged("a.html", Stamp::of(b"hello")).is_some());
    }
}
