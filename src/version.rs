//! Which briefing this is: the version, the commit it was built from and
//! the repository it comes from, recorded at compile time by `build.rs`.
//! `briefing --version` prints them, and the Pages workflow `init` writes
//! pins them, so a site installs exactly the briefing that wrote it.

/// The package version (`0.1.0`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version line `--version` prints after the name:
/// `0.1.0 (3f2c1ab 2026-12-01)`, or the version alone when built outside a
/// git checkout (a crates.io download).
pub const LONG: &str = env!("BRIEFING_VERSION_LINE");

/// The full hash of the commit this binary was built from, if known.
pub fn commit() -> Option<&'static str> {
    Some(env!("BRIEFING_COMMIT")).filter(|c| !c.is_empty())
}

/// The repository new sites install briefing from: this checkout's
/// `origin` when it is a web or ssh address (so a fork's binary points at
/// the fork), else Cargo.toml's `repository`.
pub fn repository() -> &'static str {
    Some(env!("BRIEFING_BUILT_REPOSITORY"))
        .filter(|r| !r.is_empty())
        .unwrap_or(env!("CARGO_PKG_REPOSITORY"))
}
