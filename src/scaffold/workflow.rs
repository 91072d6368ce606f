//! The GitHub Pages workflow, from one template (`src/scaffold/pages.yml`)
//! for both users: `briefing init` writes it into a new site, installing a
//! pinned release of briefing from its repository, and this repository's
//! own `.github/workflows/pages.yml` is the same template installing
//! briefing from the checkout (a test keeps the committed file equal to it).

use crate::error::BuildError;

const TEMPLATE: &str = include_str!("pages.yml");

/// The version of briefing that writes workflows; new sites install it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where the workflow gets briefing from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Install<'a> {
    /// The release tag `v{VERSION}` of the briefing repository at this
    /// address (checked with [`check_repo`]).
    Release(&'a str),
    /// No repository given: the step fails with a message saying how to
    /// fix it, rather than installing from a made-up address.
    Unknown,
    /// The checkout itself: this repository publishing its sample site.
    ThisRepository,
}

/// The workflow text for `install`.
pub fn pages_workflow(install: Install<'_>) -> String {
    let tag = format!("v{VERSION}");
    let binary_cache = "            ~/.cargo/bin/briefing\n            ~/.cargo/.crates.toml\n            ~/.cargo/.crates2.json";
    let (about, name, cache_paths, cache_key, note, command) = match install {
        Install::Release(repo) => (
            "Builds this briefing site and publishes it on GitHub Pages.",
            "Publish site",
            binary_cache.to_string(),
            format!("briefing-{tag}-${{{{ runner.os }}}}"),
            format!(
                "briefing {tag}, pinned: to update, change the tag here and in the cache key above."
            ),
            format!("command -v briefing || cargo install --locked --git {repo} --tag {tag} briefing"),
        ),
        Install::Unknown => (
            "Builds this briefing site and publishes it on GitHub Pages.",
            "Publish site",
            binary_cache.to_string(),
            format!("briefing-{tag}-${{{{ runner.os }}}}"),
            format!(
                "Say where briefing comes from: replace this line's command with\n        # `command -v briefing || cargo install --locked --git <briefing repository URL> --tag {tag} briefing`\n        # (or make the site again with `briefing init --repo <URL>`)."
            ),
            "echo \"::error::set the briefing repository in the Install briefing step of .github/workflows/pages.yml\" && exit 1".to_string(),
        ),
        Install::ThisRepository => (
            "Builds the sample site in this repository and publishes it on GitHub Pages.",
            "Publish sample site",
            "            ~/.cargo/registry\n            ~/.cargo/git\n            target".to_string(),
            "cargo-${{ runner.os }}-${{ hashFiles('Cargo.lock') }}".to_string(),
            "briefing from this checkout, the commit being published.".to_string(),
            "cargo install --locked --path . --target-dir target".to_string(),
        ),
    };
    [
        ("about", about),
        ("name", name),
        ("version", VERSION),
        ("cache_paths", &cache_paths),
        ("cache_key", &cache_key),
        ("install_note", &note),
        ("install", &command),
    ]
    .iter()
    .fold(TEMPLATE.to_string(), |text, (key, value)| {
        text.replace(&format!("{{{key}}}"), value)
    })
}

/// Checks that `repo` is a git address `cargo install --git` can use and
/// that is safe to write into the workflow's YAML and shell line.
pub fn check_repo(repo: &str) -> Result<(), BuildError> {
    let rest = ["https://", "http://", "ssh://"]
        .iter()
        .find_map(|scheme| repo.strip_prefix(scheme))
        .or_else(|| repo.strip_prefix("git@"));
    let usable = rest.is_some_and(|rest| {
        let host = rest.split(['/', ':']).next().unwrap_or("");
        let path = &rest[host.len()..];
        !host.is_empty()
            && path.trim_matches(['/', ':']).len() > 1
            && rest.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || matches!(c, '/' | ':' | '.' | '-' | '_' | '~' | '@' | '%' | '+')
            })
    });
    if usable {
        Ok(())
    } else {
        Err(BuildError::Usage(format!(
            "--repo \"{repo}\" is not a git repository address (expected a URL such as https://github.com/owner/briefing)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_addresses_are_checked() {
        for good in [
            "https://github.com/acme/briefing",
            "https://github.com/acme/briefing.git",
            "ssh://git@github.com/acme/briefing",
            "git@github.com:acme/briefing.git",
        ] {
            assert!(check_repo(good).is_ok(), "{good}");
        }
        for bad in [
            "not-a-url",
            "https://",
            "https://github.com",
            "https://github.com/a b",
            "https://github.com/acme/briefing\" && rm -rf ~",
            "https://github.com/acme/${{ secrets.TOKEN }}",
            "ftp://example.org/briefing",
            "",
        ] {
            assert!(check_repo(bad).is_err(), "{bad}");
        }
    }
}
