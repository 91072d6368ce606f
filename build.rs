//! Build script: records which commit of briefing this binary is built
//! from, for `briefing --version` and for the Pages workflow `init`
//! writes (which installs exactly that commit). Reads git at compile time;
//! outside a git checkout (a crates.io tarball) it records nothing and the
//! version stands alone.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=BRIEFING_REPOSITORY");
    // Only a checkout of briefing itself counts, not one that happens to
    // hold the folder (a home directory kept in git, a vendored copy).
    let own_checkout = git(&dir, &["rev-parse", "--show-toplevel"])
        .zip(dir.canonicalize().ok())
        .is_some_and(|(top, dir)| Path::new(&top).canonicalize().ok() == Some(dir));
    if own_checkout && let Some(git_dir) = git(&dir, &["rev-parse", "--absolute-git-dir"]) {
        watch_head(Path::new(&git_dir));
    }
    let commit = own_checkout
        .then(|| git(&dir, &["rev-parse", "HEAD"]))
        .flatten()
        .filter(|c| is_commit(c));
    let date = commit
        .as_ref()
        .and_then(|_| git(&dir, &["log", "-1", "--format=%cs", "HEAD"]));
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let line = match (&commit, &date) {
        (Some(commit), Some(date)) => format!("{version} ({} {date})", &commit[..7]),
        (Some(commit), None) => format!("{version} ({})", &commit[..7]),
        _ => version,
    };
    println!("cargo:rustc-env=BRIEFING_VERSION_LINE={line}");
    println!(
        "cargo:rustc-env=BRIEFING_COMMIT={}",
        commit.unwrap_or_default()
    );
    // The repository new sites install from: an explicit override, else
    // this checkout's `origin` when it is a web or ssh address, else
    // Cargo.toml's `repository` (read by the crate itself).
    let repository = std::env::var("BRIEFING_REPOSITORY")
        .ok()
        .or_else(|| {
            own_checkout
                .then(|| git(&dir, &["remote", "get-url", "origin"]))
                .flatten()
        })
        .filter(|url| {
            ["https://", "ssh://", "git@"]
                .iter()
                .any(|scheme| url.starts_with(scheme))
        })
        .unwrap_or_default();
    println!("cargo:rustc-env=BRIEFING_BUILT_REPOSITORY={repository}");
}

/// Rebuilds when HEAD moves: HEAD itself, the branch it points at, and
/// packed refs (where a branch's commit may live).
fn watch_head(git_dir: &Path) {
    let head = git_dir.join("HEAD");
    println!("cargo:rerun-if-changed={}", head.display());
    println!(
        "cargo:rerun-if-changed={}",
        git_dir.join("packed-refs").display()
    );
    if let Ok(text) = std::fs::read_to_string(&head)
        && let Some(reference) = text.trim().strip_prefix("ref: ")
    {
        println!(
            "cargo:rerun-if-changed={}",
            git_dir.join(reference).display()
        );
    }
}

/// One line of git's output, or `None` when git or the checkout is missing.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let line = text.trim();
    (output.status.success() && !line.is_empty()).then(|| line.to_string())
}

fn is_commit(text: &str) -> bool {
    text.len() == 40 && text.bytes().all(|b| b.is_ascii_hexdigit())
}
