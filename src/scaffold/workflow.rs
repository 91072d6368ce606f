//! The GitHub Pages workflow, from one template (`src/scaffold/pages.yml`)
//! for both users: `briefing init` writes it into a site, pinned to the
//! briefing that wrote it (its release binary, checked against the
//! release's SHA-256 sums, else `cargo install --git --rev` of its commit:
//! `src/scaffold/install.sh`), and this repository's own
//! `.github/workflows/pages.yml` is the same template installing briefing
//! from the checkout (a test keeps the committed file equal to it).

use crate::error::BuildError;
use crate::version;

const TEMPLATE: &str = include_str!("pages.yml");
const INSTALL_SCRIPT: &str = include_str!("install.sh");

/// The version of briefing that writes workflows; new sites install it.
pub const VERSION: &str = version::VERSION;

/// Where the workflow gets briefing from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Install<'a> {
    /// This version of briefing from the repository at `repo` (checked with
    /// [`check_repo`]): the release binary `v{VERSION}`, else the source at
    /// `commit` (else, with no commit known, the crates.io package of this
    /// version).
    Pinned {
        /// The briefing repository.
        repo: &'a str,
        /// The full hash of the commit to build when there is no release.
        commit: Option<&'a str>,
    },
    /// The checkout itself: this repository publishing its sample site.
    ThisRepository,
}

impl Install<'static> {
    /// The briefing running now, from the repository it knows.
    pub fn this_binary() -> Self {
        Install::Pinned {
            repo: version::repository(),
            commit: version::commit(),
        }
    }
}

/// The workflow text for `install`.
pub fn pages_workflow(install: Install<'_>) -> String {
    let (about, name, steps) = match install {
        Install::Pinned { repo, commit } => (
            "Builds this briefing site and publishes it on GitHub Pages.",
            "Publish site",
            pinned_steps(repo, commit),
        ),
        Install::ThisRepository => (
            "Builds the sample site in this repository and publishes it on GitHub Pages.",
            "Publish sample site",
            CHECKOUT_STEPS.to_string(),
        ),
    };
    [
        ("about", about),
        ("name", name),
        ("version", VERSION),
        ("install_steps", steps.trim_end()),
    ]
    .iter()
    .fold(TEMPLATE.to_string(), |text, (key, value)| {
        text.replace(&format!("{{{key}}}"), value)
    })
}

/// This repository's steps: briefing built from the commit being published.
const CHECKOUT_STEPS: &str = "      - uses: actions/cache@v4
        with:
          path: |
            ~/.cargo/registry
            ~/.cargo/git
            target
          key: cargo-${{ runner.os }}-${{ hashFiles('Cargo.lock') }}
      - name: Install briefing
        # briefing from this checkout, the commit being published.
        run: cargo install --locked --path . --target-dir target
";

/// A site's steps: the pinned briefing, cached by its pin.
fn pinned_steps(repo: &str, commit: Option<&str>) -> String {
    let commit = commit.unwrap_or("");
    let pin = if commit.is_empty() {
        VERSION.to_string()
    } else {
        format!("{VERSION}-{}", &commit[..commit.len().min(12)])
    };
    let script: String = INSTALL_SCRIPT
        .lines()
        .map(|line| match line {
            "" => "\n".to_string(),
            line => format!("          {line}\n"),
        })
        .collect();
    format!(
        "      - id: briefing-cache
        uses: actions/cache@v4
        with:
          path: ~/.briefing
          key: briefing-{pin}-${{{{ runner.os }}}}-${{{{ runner.arch }}}}
      - name: Install briefing
        # briefing {VERSION}, pinned to the briefing that wrote this file. To
        # update it, run `briefing init` in the site's folder with a newer
        # briefing: it rewrites this file alone.
        if: steps.briefing-cache.outputs.cache-hit != 'true'
        shell: bash
        env:
          BRIEFING_VERSION: \"{VERSION}\"
          BRIEFING_COMMIT: \"{commit}\"
          BRIEFING_REPOSITORY: {repo}
          BRIEFING_RELEASES: {releases}
        run: |
{script}      - name: Put briefing on the PATH
        run: echo \"$HOME/.briefing/bin\" >> \"$GITHUB_PATH\"
",
        releases = releases_url(repo).unwrap_or_else(|| "\"\"".into()),
    )
}

/// The repository a workflow written by [`pages_workflow`] installs
/// briefing from, if it names one that [`check_repo`] accepts.
pub fn repository_of(workflow: &str) -> Option<String> {
    workflow
        .lines()
        .find_map(|line| line.trim().strip_prefix("BRIEFING_REPOSITORY: "))
        .map(|repo| repo.trim().to_string())
        .filter(|repo| check_repo(repo).is_ok())
}

/// Where the GitHub releases of `repo` are downloaded from, for a GitHub
/// web address; `None` for another host.
pub fn releases_url(repo: &str) -> Option<String> {
    let path = repo.strip_prefix("https://github.com/")?;
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    Some(format!(
        "https://github.com/{path}/releases/download/v{VERSION}"
    ))
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
