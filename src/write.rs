//! Stage four: pages -> the output folder, all or nothing.
//!
//! The new site is written into a hidden staging folder beside the output,
//! then swapped in with two renames; a failed build never touches the
//! previous output. A folder is only ever replaced if it is empty or
//! carries the marker file a previous build left in it. One build at a
//! time holds an [`OutputLock`] on a file beside the output (not inside
//! it: the output itself is renamed away by the swap), and the staging
//! and old-output folders carry names unique to their build.
//!
//! The output a build replaces is kept beside it as the *spare*
//! (`.<output>.spare`), sharing its unchanged files (hard links). The next
//! build stages into the spare instead of a new folder: it links in the
//! files that did not change, writes the ones that did, removes the ones
//! the site no longer has, and swaps. An in-place rebuild thus creates and
//! removes no folder and no file it does not have to, and never waits for
//! a whole tree to be deleted.

use std::collections::HashSet;
use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;

use crate::bookkeeping::{self, MARKER, MARKER_TEXT, beside as sibling, parent_and_name};
use crate::error::BuildError;
use crate::load::StaticFile;
use crate::manifest::{self, Previous, Recorder, Stamp};

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
    if bookkeeping::is_ours(output) {
        return Ok(());
    }
    let mut entries = fs::read_dir(output).map_err(BuildError::io("read folder", output))?;
    if entries.next().is_some() {
        return Err(refuse(
            "it is not empty and was not written by briefing (its manifest beside it, \
             .<folder>.manifest, does not name it); choose an empty or new folder, or delete \
             this one if it is an old output",
        ));
    }
    Ok(())
}

/// The exclusive right to replace one output folder, held from before the
/// output is inspected until the build ends. Released when dropped (the
/// operating system also releases it if the process dies). The lock file,
/// `.<output>.lock` beside the output, stays: removing it would let two
/// builds lock two different files.
///
/// A build moves the previous output aside and leaves it; the next build
/// removes it in a background thread while it loads and renders (under
/// this lock, so nothing else touches it), so nobody waits for a removal
/// that only frees disk space.
#[derive(Debug)]
pub struct OutputLock {
    removal: Option<JoinHandle<Result<(), BuildError>>>,
    /// The previous output kept from the last build, to stage into.
    spare: Option<PathBuf>,
    /// Dropped last: the lock is held until the removal is over.
    _file: File,
}

impl OutputLock {
    /// Locks `output`, waiting for another build that holds it; calls
    /// `waiting` once, before waiting, if it has to. Then removes what a
    /// killed build left, and starts removing earlier outputs.
    pub fn acquire(output: &Path, waiting: impl FnOnce()) -> Result<Self, BuildError> {
        let path = sibling(output, "lock");
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(BuildError::io("create folder", parent))?;
        }
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(BuildError::io("open lock file", &path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                waiting();
                file.lock().map_err(BuildError::io("lock", &path))?;
            }
            Err(TryLockError::Error(e)) => return Err(BuildError::io("lock", &path)(e)),
        }
        let (staging, mut old) = leftovers(output);
        let spare = sibling(output, SPARE);
        let spare = if manifest::files_of(&spare).is_some() {
            Some(spare)
        } else {
            // A spare without its manifest was being updated when its
            // build failed or died: its files are unknown, remove it. It is
            // moved aside first: this build's commit puts the replaced
            // output at the spare's name, maybe while the removal runs.
            let _ = fs::remove_file(bookkeeping::manifest_of(&spare));
            if spare.is_dir() {
                let aside = unique_sibling(output, "old");
                match fs::rename(&spare, &aside) {
                    Ok(()) => old.push(aside),
                    Err(_) => fs::remove_dir_all(&spare)
                        .map_err(BuildError::io("remove stale folder", &spare))?,
                }
            }
            None
        };
        for stale in &staging {
            fs::remove_dir_all(stale).map_err(BuildError::io("remove stale folder", stale))?;
        }
        let removal = (!old.is_empty()).then(|| {
            std::thread::spawn(move || {
                old.iter().try_for_each(|previous| {
                    fs::remove_dir_all(previous).map_err(BuildError::io("remove", previous))
                })
            })
        });
        Ok(Self {
            removal,
            spare,
            _file: file,
        })
    }

    /// Waits for the removal of earlier outputs, if it is still running;
    /// returns how long it waited.
    pub fn finish_removal(&mut self) -> Result<Duration, BuildError> {
        let started = Instant::now();
        if let Some(removal) = self.removal.take() {
            removal.join().unwrap_or_else(|_| {
                Err(BuildError::Usage(
                    "removing the previous output failed".into(),
                ))
            })?;
        }
        Ok(started.elapsed())
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        if let Some(removal) = self.removal.take() {
            let _ = removal.join();
        }
    }
}

/// The staging folders a killed build left beside `output`, and the
/// outputs earlier builds moved aside. Only called under the lock, so none
/// of them is in use.
fn leftovers(output: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (parent, name) = parent_and_name(output);
    let (mut staging, mut old) = (Vec::new(), Vec::new());
    let Ok(entries) = fs::read_dir(&parent) else {
        return (staging, old);
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let is = |what: &str| rest == what || rest.starts_with(&format!("{what}-"));
        if is("staging") {
            staging.push(entry.path());
        } else if is("old") {
            old.push(entry.path());
        }
    }
    (staging, old)
}

/// The new site, written file by file into a hidden folder beside the
/// output (a new one, or the spare) and swapped in by [`Staging::commit`].
/// Dropped without a commit (a failed build), it removes itself (a spare
/// is moved aside for the next build to remove): the output is never
/// touched. A file whose bytes equal the previous output's (by its
/// manifest) is hard-linked from it instead of written, keeping its inode
/// and time.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
    previous: Option<Previous>,
    recorder: Recorder,
    /// When staging into the spare: the files it held before.
    spare_files: Option<Vec<String>>,
}

/// The name of the spare beside the output: `.<output>.spare`.
const SPARE: &str = "spare";

impl Staging {
    /// Starts a new site for `output`, whose lock the caller holds.
    pub fn create(output: &Path, lock: &OutputLock) -> Result<Self, BuildError> {
        let previous = Previous::load(output);
        // The spare is worth staging into only when the output has a
        // manifest to link unchanged files from.
        let spare = lock.spare.as_ref().filter(|_| previous.is_some());
        let spare_files = spare.and_then(|spare| manifest::files_of(spare));
        let dir = match (spare, &spare_files) {
            (Some(spare), Some(_)) => {
                // From here on the spare's files are in flux: without its
                // manifest, a failed or killed build leaves a folder the
                // next one removes.
                let manifest = bookkeeping::manifest_of(spare);
                fs::remove_file(&manifest).map_err(BuildError::io("remove", &manifest))?;
                spare.clone()
            }
            _ => {
                let dir = unique_sibling(output, "staging");
                fs::create_dir_all(&dir).map_err(BuildError::io("create folder", &dir))?;
                dir
            }
        };
        Ok(Self {
            dir,
            output: output.to_path_buf(),
            committed: false,
            previous,
            recorder: Recorder::default(),
            spare_files,
        })
    }

    /// Writes one file (`path` relative to the site, `/` separators),
    /// creating its folder the first time it is needed; or, if the previous
    /// output holds the same bytes, links that file in (falling back to
    /// writing where links are not possible).
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let target = self.dir.join(path);
        let stamp = Stamp::of(bytes);
        if let Some(previous) = &self.previous
            && let Some((source, metadata)) = previous.unchanged(path, stamp)
            && (self.spare_files.is_some() && same_file(&metadata, &target)
                || in_folder(&target, || link_new(&source, &target)).is_ok())
        {
            self.recorder.record(path, stamp, false);
            return Ok(());
        }
        let written = match in_folder(&target, || write_new(&target, bytes)) {
            // The spare may hold a file where this build needs a folder,
            // or a folder where it needs a file.
            Err(_) if self.spare_files.is_some() => {
                self.clear_way(&target);
                in_folder(&target, || write_new(&target, bytes))
            }
            other => other,
        };
        written?;
        self.recorder.record(path, stamp, true);
        Ok(())
    }

    /// Removes from the spare whatever stands where `target` must go: a
    /// folder at its path, or a file at the path of one of its folders.
    fn clear_way(&self, target: &Path) {
        if target.is_dir() {
            let _ = fs::remove_dir_all(target);
        }
        for folder in target.ancestors().skip(1) {
            if folder == self.dir {
                break;
            }
            if fs::symlink_metadata(folder).is_ok_and(|m| !m.is_dir()) {
                let _ = fs::remove_file(folder);
            }
        }
    }

    /// Copies the static files, in parallel (linked, like pages, when
    /// their bytes did not change).
    pub fn copy_static(&self, files: &[StaticFile]) -> Result<(), BuildError> {
        files.par_iter().try_for_each(|file| {
            let bytes = fs::read(&file.source).map_err(BuildError::io("read", &file.source))?;
            self.write(&file.output, &bytes)
                .map_err(|e| e.made_from(Some(&file.source)))
        })
    }

    /// The size of the site staged so far: every file written or linked
    /// (what will be published).
    pub fn weight(&self) -> crate::weight::Weight {
        self.recorder.weight()
    }

    /// Writes the folder's manifest beside it (or, where folders have no
    /// identity, marks it as briefing's), and puts it in place of the
    /// output. Returns where the previous output was moved (the next build
    /// stages into it or removes it).
    pub fn commit(mut self) -> Result<Option<PathBuf>, BuildError> {
        if bookkeeping::needs_marker(&self.dir) {
            self.write(MARKER, MARKER_TEXT.as_bytes())?;
        }
        if let Some(files) = &self.spare_files {
            remove_stale(&self.dir, files, &self.recorder.paths());
        }
        // Written after every file (none is newer), before the swap; it
        // names the folder, so it cannot be taken for another's.
        let text = self
            .recorder
            .text(bookkeeping::folder_id(&self.dir).as_deref());
        let next = sibling(&self.output, "manifest-new");
        fs::write(&next, text).map_err(BuildError::io("write", &next))?;
        let previous = swap_in(&self.dir, &self.output)?;
        self.committed = true;
        // The replaced output is the next build's spare, with its manifest.
        let manifest = bookkeeping::manifest_of(&self.output);
        let spare = sibling(&self.output, SPARE);
        let previous = previous.map(|old| match fs::rename(&old, &spare) {
            Ok(()) => {
                let _ = fs::rename(&manifest, bookkeeping::manifest_of(&spare));
                spare
            }
            Err(_) => old,
        });
        fs::rename(&next, &manifest).map_err(BuildError::io("move into place", &manifest))?;
        Ok(previous)
    }
}

/// Writes `bytes` beside `output` as its bookkeeping file `what`
/// (`.public.urls`), replacing the previous one whole.
pub fn write_beside(output: &Path, what: &str, bytes: &[u8]) -> Result<(), BuildError> {
    let target = sibling(output, what);
    let next = sibling(output, &format!("{what}-new"));
    fs::write(&next, bytes).map_err(BuildError::io("write", &next))?;
    fs::rename(&next, &target).map_err(BuildError::io("move into place", &target))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        if self.spare_files.is_some() {
            // A whole tree: moved aside at once, removed by the next build.
            let _ = fs::rename(&self.dir, unique_sibling(&self.output, "old"));
        } else {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// True if `a` and `b` are the same file (one inode, linked twice).
fn same_file(a: &fs::Metadata, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        fs::symlink_metadata(b).is_ok_and(|b| a.dev() == b.dev() && a.ino() == b.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Links `source` at `target`, replacing whatever `target` was (never
/// writing through it: it may be another build's file).
fn link_new(source: &Path, target: &Path) -> std::io::Result<()> {
    match fs::hard_link(source, target) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            fs::remove_file(target)?;
            fs::hard_link(source, target)
        }
        other => other,
    }
}

/// Removes from the spare at `dir` the files it held (`before`) that this
/// build did not write or link (`now`), and the folders they leave empty.
fn remove_stale(dir: &Path, before: &[String], now: &HashSet<String>) {
    for path in before.iter().filter(|p| !now.contains(p.as_str())) {
        let file = dir.join(path);
        if fs::remove_file(&file).is_err() {
            continue;
        }
        // Up the tree while folders are empty (remove_dir refuses others).
        let mut folder = file.parent();
        while let Some(f) = folder.filter(|f| *f != dir) {
            if fs::remove_dir(f).is_err() {
                break;
            }
            folder = f.parent();
        }
    }
}

/// Writes `bytes` into a new file at `target`. A file already there (a
/// static file and a page on one path: the later wins) is replaced, never
/// written through: it may be a link to the previous output's file.
fn write_new(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let create = || File::options().write(true).create_new(true).open(target);
    let mut file = match create() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            fs::remove_file(target)?;
            create()?
        }
        other => other?,
    };
    file.write_all(bytes)
}

/// Runs `op` on `target`; if its folder is missing, creates it and runs
/// `op` again.
fn in_folder<T>(target: &Path, op: impl Fn() -> std::io::Result<T>) -> Result<T, BuildError> {
    match op() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(BuildError::io("create folder", parent))?;
            }
            op().map_err(BuildError::io("write", target))
        }
        other => other.map_err(BuildError::io("write", target)),
    }
}

/// Replaces `output` by `staging`: the old output is renamed away first
/// (and left for the next build to delete), then the new one renamed in.
fn swap_in(staging: &Path, output: &Path) -> Result<Option<PathBuf>, BuildError> {
    let old = unique_sibling(output, "old");
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
    Ok(had_output.then_some(old))
}

/// `parent/.name.what-<process>-<time>-<count>`: a name no other build,
/// in this process or another, uses at the same time.
fn unique_sibling(output: &Path, what: &str) -> PathBuf {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let count = COUNT.fetch_add(1, Ordering::Relaxed);
    let id = format!("{}-{nanos}-{count}", std::process::id());
    sibling(output, &format!("{what}-{id}"))
}
